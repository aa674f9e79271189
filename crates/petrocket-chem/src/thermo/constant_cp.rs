//! Constant heat capacity (Cantera `constant-cp`).
//!
//! cp = cp0, h = h0 + cp0 (T − T0), s = s0 + cp0 ln(T/T0).

use super::ThermoPoint;

/// Constant-cp standard state, all values molar and dimensionless where noted.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstantCp {
    /// Reference temperature T0 (K).
    pub t0: f64,
    /// h0/R at T0 (K).
    pub h0_r: f64,
    /// s0/R at T0.
    pub s0_r: f64,
    /// cp0/R.
    pub cp0_r: f64,
    /// Lowest valid temperature (K).
    pub t_min: f64,
    /// Highest valid temperature (K).
    pub t_max: f64,
    /// Reference pressure (Pa).
    pub reference_pressure: f64,
}

impl ConstantCp {
    /// Evaluate at `t` (K).
    #[inline]
    pub fn eval(&self, t: f64) -> ThermoPoint {
        ThermoPoint {
            cp_r: self.cp0_r,
            h_rt: (self.h0_r + self.cp0_r * (t - self.t0)) / t,
            s_r: self.s0_r + self.cp0_r * (t / self.t0).ln(),
        }
    }
}
