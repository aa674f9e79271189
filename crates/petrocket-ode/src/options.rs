//! Tolerances, options and work counters.

use serde::{Deserialize, Serialize};

/// Error tolerances: a component `i` of the local error is acceptable when it is below
/// `atol + rtol·|y_i|`.
///
/// The defaults are Cantera's reactor defaults (`rtol = 1e-9`, `atol = 1e-15`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tolerances {
    /// Relative tolerance (dimensionless), in `[1e-13, 1e-1]`. Default `1e-9`.
    pub rtol: f64,
    /// Absolute tolerance (units of `y`), finite and `> 0`. Default `1e-15`.
    pub atol: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Self {
            rtol: 1e-9,
            atol: 1e-15,
        }
    }
}

/// Integrator options with documented defaults; maps 1:1 onto a TOML table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Error tolerances.
    pub tolerances: Tolerances,
    /// First step size (units of `t`). Default `None`: estimated from `f(t0, y0)` and a second
    /// right-hand-side evaluation (Hairer, Nørsett & Wanner, "Solving ODEs I", Sect. II.4).
    pub initial_step: Option<f64>,
    /// Largest step size (units of `t`). Default `None`: `t_end − t0`.
    pub max_step: Option<f64>,
    /// Largest number of step attempts (accepted plus rejected). Default `100_000`.
    pub max_steps: usize,
    /// Newton iterations allowed per step, in `[2, 50]`. Default `7` (as RADAU5).
    pub max_newton_iterations: usize,
    /// The Jacobian is kept for the next step when the Newton contraction factor θ of the
    /// last step is at most this, in `[0, 1)`. Default `None`: the integrator's own,
    /// [`crate::Radau5`] `0.001` (as RADAU5), [`crate::Bdf`] `0.01` (see
    /// [`Options::jacobian_reuse_theta_or`]). Increase (e.g. to `0.1`) when Jacobians are
    /// expensive compared with right-hand sides, decrease when they are cheap.
    pub jacobian_reuse_theta: Option<f64>,
    /// Highest order of [`crate::Bdf`], in `[1, 6]` (Radau5 has the fixed order 5). Default
    /// `None`: 5, the cap of `ode15s`, CVODE and DASSL. Order 6 (as in Gear's DIFSUB, the
    /// first stiff BDF code) is zero-stable but only A(α)-stable with α ≈ 17.8° (Hairer &
    /// Wanner, "Solving ODEs II", Sect. V.2): suitable for eigenvalues near the negative real
    /// axis, as in chemical kinetics, where it saves steps at tight tolerances; not for lightly
    /// damped oscillations.
    pub max_order: Option<usize>,
    /// Gustafsson's predictive step-size controller (`true`, default) or the classical one.
    pub predictive_controller: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            tolerances: Tolerances::default(),
            initial_step: None,
            max_step: None,
            max_steps: 100_000,
            max_newton_iterations: 7,
            jacobian_reuse_theta: None,
            max_order: None,
            predictive_controller: true,
        }
    }
}

impl Options {
    /// [`Options::jacobian_reuse_theta`], or `default` (the integrator's) when unset.
    pub fn jacobian_reuse_theta_or(&self, default: f64) -> f64 {
        self.jacobian_reuse_theta.unwrap_or(default)
    }
}

/// Work counters of one integration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Step attempts (accepted + rejected, including those abandoned by Newton failures).
    pub steps: usize,
    /// Accepted steps.
    pub accepted: usize,
    /// Steps rejected by the error test.
    pub rejected: usize,
    /// Right-hand-side evaluations.
    pub rhs_evals: usize,
    /// Jacobian evaluations.
    pub jacobian_evals: usize,
    /// LU decompositions (each one real `n × n` plus one complex `n × n`).
    pub lu_decompositions: usize,
    /// Simplified-Newton iterations.
    pub newton_iterations: usize,
    /// Steps abandoned because the Newton iteration diverged, converged too slowly or met a
    /// non-finite value.
    pub newton_failures: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_and_reject_unknown_fields() {
        let o = Options {
            max_step: Some(1e-3),
            ..Options::default()
        };
        let json = serde_json::to_string(&o).unwrap();
        let back: Options = serde_json::from_str(&json).unwrap();
        assert_eq!(back, o);
        let partial: Options = serde_json::from_str(r#"{"tolerances": {"rtol": 1e-6}}"#).unwrap();
        assert_eq!(partial.tolerances.atol.to_bits(), 1e-15f64.to_bits());
        assert_eq!(partial.max_steps, 100_000);
        let typo = serde_json::from_str::<Options>(r#"{"max_step_count": 5}"#);
        assert!(typo.is_err());
    }
}
