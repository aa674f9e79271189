//! Stage 2, the charge: its closed-vessel (AICC) state, whether it burns at all, and whether it
//! is flammable — with the thermo sanity checks a verdict may lean on.

use super::finite;
use super::inputs::{named, Resolved};
use crate::error::{PipelineError, Result};
use crate::safety::NO_COMBUSTION_RISE;
use petrocket_chem::{equilibrate, limits, EquilibriumMode, GasState};
use serde::Serialize;
use std::collections::BTreeMap;

/// The AICC (closed-vessel, adiabatic, complete-combustion) state.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AiccResult {
    /// Absolute peak pressure (Pa).
    pub pressure_Pa: f64,
    /// Temperature (K).
    pub temperature_K: f64,
    /// P_AICC / P_initial.
    pub pressure_ratio: f64,
    /// Mole fractions above 1e-12.
    pub mole_fractions: BTreeMap<String, f64>,
    /// Newton iterations of the equilibrium solver.
    pub solver_iterations: usize,
}

/// The outcome of the charge stage.
#[derive(Debug, Clone)]
pub struct Charge {
    /// The fresh charge at the fill state.
    pub fresh: GasState,
    /// The closed-vessel bound.
    pub aicc: AiccResult,
    /// Whether complete combustion raises the pressure by at least
    /// [`NO_COMBUSTION_RISE`] of the fill ("no combustion" otherwise).
    pub burns: bool,
    /// Inside the flammability limits.
    pub flammable: bool,
}

/// What this stage assumes, for the summary.
pub fn assumptions() -> Vec<String> {
    vec![
        format!("a charge whose complete combustion raises the pressure by less than {NO_COMBUSTION_RISE} of the fill is 'no combustion': only the fill overpressure loads the wall"),
        "closed deflagration at the AICC bound: no venting through the mouth, no heat loss (over-predicts measured peaks by 3-15 %, VALIDATION C4)".into(),
    ]
}

/// The AICC state (UV equilibrium of the fresh charge), the no-combustion test and the
/// flammability limits; warnings go to `warnings`.
///
/// # Errors
/// A flammable charge that releases no heat (implausible thermo data) is an input error naming
/// the mechanism; a non-finite AICC state is a numerical failure.
pub fn burn(r: &Resolved, warnings: &mut Vec<String>) -> Result<Charge> {
    let gas = r.gas();
    let x0 = &r.mole_fractions;
    let i = &r.inputs.initial;
    let (t0, p0) = (i.temperature_K, i.pressure_Pa);
    let fresh = gas.state_tpx(t0, p0, x0)?;
    let eq = equilibrate(gas, &fresh, EquilibriumMode::UV)?;
    let p_aicc = finite("AICC pressure", eq.state.pressure, "UV equilibrium")?;
    let t_aicc = finite("AICC temperature", eq.state.temperature, "UV equilibrium")?;
    let aicc = AiccResult {
        pressure_Pa: p_aicc,
        temperature_K: t_aicc,
        pressure_ratio: p_aicc / p0,
        mole_fractions: named(gas, &eq.state.mole_fractions, 1e-12),
        solver_iterations: eq.iterations,
    };
    tracing::debug!(
        pressure_ratio = aicc.pressure_ratio,
        temperature_K = t_aicc,
        iterations = eq.iterations,
        "AICC state"
    );
    warnings.extend(eq.warnings.iter().cloned());
    // A charge whose complete combustion raises the pressure by less than NO_COMBUSTION_RISE
    // has no fuel–oxidizer pair to burn (H2, O2, N2, Ar, H2O, air, …): it is assessed on its
    // fill pressure alone, the same way for every such charge.
    let burns = aicc.pressure_ratio - 1.0 >= NO_COMBUSTION_RISE;
    let limits = limits::flammability_at(gas, x0, t0);
    // The converse must hold too: a charge inside the flammability limits that releases no heat
    // means the mechanism's thermo data are wrong (e.g. a duplicated species definition), and
    // must never become a "no combustion" verdict.
    if let (false, Ok(check)) = (burns, &limits) {
        if check.inside {
            return Err(PipelineError::Value {
                field: "mixture.mechanism".into(),
                message: format!(
                    "the charge is flammable ({}) but its complete combustion raises the pressure by only {:.2e} of the fill in `{}`: the mechanism's thermo data are implausible",
                    check.verdict(),
                    aicc.pressure_ratio - 1.0,
                    r.inputs.mixture.mechanism
                ),
            });
        }
    }
    let flammable = burns
        && match limits {
            Ok(check) => {
                if !check.inside {
                    warnings.push(format!(
                        "{}: the AICC bound is kept as a conservative load",
                        check.verdict()
                    ));
                }
                check.inside
            }
            Err(e) => {
                warnings.push(format!(
                    "flammability limits unknown ({e}); the charge is treated as flammable"
                ));
                true
            }
        };
    if flammable {
        // Thermo sanity before the verdict leans on it: burnt to its major products at 298 K,
        // a flammable charge must release heat (issue #20).
        petrocket_chem::combustion::check_heat_release(gas, x0)?;
    }
    Ok(Charge {
        fresh,
        aicc,
        burns,
        flammable,
    })
}
