//! Fixed-composition state setters (U,V), (H,P), (S,V): Newton on T, safeguarded by a bracket.

use super::ideal_gas::{check_range, P_STATE_RANGE, T_STATE_RANGE};
use super::{GasMixture, GasState};
use crate::error::{ChemError, Result};
use crate::numerics::{solve_increasing, RootError};
use petrocket_units::GAS_CONSTANT as R;

/// The property held besides the one solved for.
#[derive(Debug, Clone, Copy)]
enum Hold {
    /// Pressure (Pa).
    Pressure(f64),
    /// Specific volume (m³/kg).
    Volume(f64),
}

/// Relative tolerance on T of the fixed-composition setters.
const T_TOL: f64 = 1e-14;

impl GasMixture {
    fn find_t(
        &self,
        pair: &'static str,
        x: &[f64],
        t_guess: f64,
        f: impl Fn(f64) -> (f64, f64),
    ) -> Result<f64> {
        let root = solve_increasing::<()>(|t| Ok(f(t)), t_guess, T_STATE_RANGE, T_TOL, 0.0, 200);
        match root {
            Ok(r) => Ok(r.x),
            Err(RootError::NotBracketed { lo, hi, .. }) => Err(ChemError::StateNotFound {
                pair,
                reason: format!(
                    "the temperature would lie outside [{lo}, {hi}] K for this composition ({} species)",
                    x.len()
                ),
            }),
            Err(RootError::NoConvergence { x, .. }) => Err(ChemError::StateNotFound {
                pair,
                reason: format!("temperature iteration did not converge (last T = {x} K)"),
            }),
            Err(RootError::Inner(())) => unreachable!("closure is infallible"),
        }
    }

    /// Solve for T at fixed composition (mass fractions `y`) holding pressure or specific
    /// volume; `residual(properties, T, W̄)` returns (f, df/dT) of the other held property.
    fn state_fixed_composition(
        &self,
        pair: &'static str,
        hold: Hold,
        y: &[f64],
        residual: impl Fn(&super::MixtureProperties, f64, f64) -> (f64, f64),
    ) -> Result<GasState> {
        match hold {
            Hold::Pressure(p) => check_range("pressure", p, "Pa", P_STATE_RANGE)?,
            Hold::Volume(v) => check_range("specific volume", v, "m^3/kg", (1e-9, 1e9))?,
        }
        let x = self.mole_fractions_from_mass(&self.normalised("mass fractions", y)?);
        let w = self.mean_molecular_weight(&x);
        let pressure_at = |t: f64| match hold {
            Hold::Pressure(p) => p,
            Hold::Volume(v) => R * t / (w * v),
        };
        let t = self.find_t(pair, &x, 300.0, |t| {
            let props = self.properties(&GasState {
                temperature: t,
                pressure: pressure_at(t),
                mole_fractions: x.clone(),
            });
            residual(&props, t, w)
        })?;
        let pressure = pressure_at(t);
        check_range("pressure", pressure, "Pa", P_STATE_RANGE)?;
        Ok(GasState {
            temperature: t,
            pressure,
            mole_fractions: x,
        })
    }

    /// State with specific internal energy `u` (J/kg), specific volume `v` (m³/kg) and mass
    /// fractions `y`, composition fixed. du/dT = cv > 0.
    pub fn state_uvy(&self, u: f64, v: f64, y: &[f64]) -> Result<GasState> {
        self.state_fixed_composition("UV", Hold::Volume(v), y, |pr, _, w| {
            (pr.u_mole / w - u, pr.cv_mole / w)
        })
    }

    /// State with specific enthalpy `h` (J/kg), pressure `p` (Pa) and mass fractions `y`.
    /// dh/dT = cp > 0.
    pub fn state_hpy(&self, h: f64, p: f64, y: &[f64]) -> Result<GasState> {
        self.state_fixed_composition("HP", Hold::Pressure(p), y, |pr, _, w| {
            (pr.h_mole / w - h, pr.cp_mole / w)
        })
    }

    /// State with specific entropy `s` (J/(kg K)), specific volume `v` (m³/kg) and mass
    /// fractions `y`. At fixed v, ds/dT = cv/T > 0.
    pub fn state_svy(&self, s: f64, v: f64, y: &[f64]) -> Result<GasState> {
        self.state_fixed_composition("SV", Hold::Volume(v), y, |pr, t, w| {
            (pr.s_mole / w - s, pr.cv_mole / (w * t))
        })
    }
}
