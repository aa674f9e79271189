//! NASA 9-coefficient polynomials.
//!
//! cp/R = a0/T² + a1/T + a2 + a3 T + a4 T² + a5 T³ + a6 T⁴
//! h/RT = −a0/T² + a1 ln(T)/T + a2 + a3 T/2 + a4 T²/3 + a5 T³/4 + a6 T⁴/5 + b1/T
//! s/R  = −a0/(2T²) − a1/T + a2 ln T + a3 T + a4 T²/2 + a5 T³/3 + a6 T⁴/4 + b2
//!
//! McBride, Zehe & Gordon, NASA/TP-2002-211556 (2002); Cantera `Nasa9Poly1`.

use super::{range_index, ThermoPoint};

/// NASA9 polynomials over one or more contiguous temperature ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Nasa9 {
    /// Range bounds (K), `coeffs.len() + 1` sorted values.
    pub bounds: Vec<f64>,
    /// Nine coefficients per range `[a0..a6, b1, b2]`, lowest range first.
    pub coeffs: Vec<[f64; 9]>,
    /// Reference pressure (Pa).
    pub reference_pressure: f64,
}

impl Nasa9 {
    /// Evaluate at `t` (K) (extrapolating the outermost range beyond the bounds).
    #[inline]
    pub fn eval(&self, t: f64) -> ThermoPoint {
        self.eval_ln(t, t.ln())
    }

    /// [`Nasa9::eval`] with ln T supplied.
    #[inline]
    pub fn eval_ln(&self, t: f64, lt: f64) -> ThermoPoint {
        let a = &self.coeffs[range_index(&self.bounds, t)];
        let ti = 1.0 / t;
        let ti2 = ti * ti;
        let t2 = t * t;
        let t3 = t2 * t;
        let t4 = t3 * t;
        ThermoPoint {
            cp_r: a[0] * ti2 + a[1] * ti + a[2] + a[3] * t + a[4] * t2 + a[5] * t3 + a[6] * t4,
            h_rt: -a[0] * ti2
                + a[1] * lt * ti
                + a[2]
                + 0.5 * a[3] * t
                + a[4] * t2 / 3.0
                + 0.25 * a[5] * t3
                + 0.2 * a[6] * t4
                + a[7] * ti,
            s_r: -0.5 * a[0] * ti2 - a[1] * ti
                + a[2] * lt
                + a[3] * t
                + 0.5 * a[4] * t2
                + a[5] * t3 / 3.0
                + 0.25 * a[6] * t4
                + a[8],
        }
    }

    /// d(c°_p/R)/dT at `t` (1/K) = −2 a0/T³ − a1/T² + a3 + 2 a4 T + 3 a5 T² + 4 a6 T³, in
    /// the range that [`Nasa9::eval`] uses at `t`.
    #[inline]
    pub fn dcp_r_dt(&self, t: f64) -> f64 {
        let a = &self.coeffs[range_index(&self.bounds, t)];
        let ti = 1.0 / t;
        -2.0 * a[0] * ti * ti * ti - a[1] * ti * ti
            + a[3]
            + t * (2.0 * a[4] + t * (3.0 * a[5] + t * 4.0 * a[6]))
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
