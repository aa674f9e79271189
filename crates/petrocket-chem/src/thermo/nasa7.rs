//! NASA 7-coefficient polynomials.
//!
//! cp/R = a0 + a1 T + a2 T² + a3 T³ + a4 T⁴
//! h/RT = a0 + a1 T/2 + a2 T²/3 + a3 T³/4 + a4 T⁴/5 + a5/T
//! s/R  = a0 ln T + a1 T + a2 T²/2 + a3 T³/3 + a4 T⁴/4 + a6
//!
//! McBride, Gordon & Reno, NASA TM-4513 (1993); Cantera `NasaPoly1`/`NasaPoly2`.

use super::{range_index, ThermoPoint};

/// NASA7 polynomials over one or more contiguous temperature ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Nasa7 {
    /// Range bounds (K), `coeffs.len() + 1` sorted values.
    pub bounds: Vec<f64>,
    /// Seven coefficients per range, lowest range first.
    pub coeffs: Vec<[f64; 7]>,
    /// Reference pressure (Pa).
    pub reference_pressure: f64,
}

impl Nasa7 {
    /// Evaluate at `t` (K) (extrapolating the outermost range beyond the bounds).
    #[inline]
    pub fn eval(&self, t: f64) -> ThermoPoint {
        self.eval_ln(t, t.ln())
    }

    /// [`Nasa7::eval`] with ln T supplied (shared by all species at one temperature).
    #[inline]
    pub fn eval_ln(&self, t: f64, ln_t: f64) -> ThermoPoint {
        let a = &self.coeffs[range_index(&self.bounds, t)];
        let t2 = t * t;
        let t3 = t2 * t;
        let t4 = t3 * t;
        ThermoPoint {
            cp_r: a[0] + a[1] * t + a[2] * t2 + a[3] * t3 + a[4] * t4,
            h_rt: a[0]
                + 0.5 * a[1] * t
                + a[2] * t2 / 3.0
                + 0.25 * a[3] * t3
                + 0.2 * a[4] * t4
                + a[5] / t,
            s_r: a[0] * ln_t
                + a[1] * t
                + 0.5 * a[2] * t2
                + a[3] * t3 / 3.0
                + 0.25 * a[4] * t4
                + a[6],
        }
    }

    /// d(c°_p/R)/dT at `t` (1/K) = a1 + 2 a2 T + 3 a3 T² + 4 a4 T³, in the range that
    /// [`Nasa7::eval`] uses at `t`.
    #[inline]
    pub fn dcp_r_dt(&self, t: f64) -> f64 {
        let a = &self.coeffs[range_index(&self.bounds, t)];
        a[1] + t * (2.0 * a[2] + t * (3.0 * a[3] + t * 4.0 * a[4]))
    }

    /// Lowest fitted temperature (K).
    pub fn t_min(&self) -> f64 {
        self.bounds[0]
    }

    /// Highest fitted temperature (K).
    pub fn t_max(&self) -> f64 {
        self.bounds[self.bounds.len() - 1]
    }
}
