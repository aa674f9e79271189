//! Shock and detonation waves: shock jump conditions, Chapman–Jouguet detonation, von Neumann
//! spike, reflected shocks, ZND reaction-zone structure, cell-width estimate and a
//! detonability screening for vessels.
//!
//! The algorithms are those of the Shock & Detonation Toolbox (S. Browne, J. Ziegler and
//! J. E. Shepherd, *Numerical Solution Methods for Shock and Detonation Jump Conditions*,
//! GALCIT Report FM2006.006, revised 2018; SDToolbox documentation FM2018.001), written anew
//! on this crate's thermodynamics and equilibrium solver, with typed results carrying their
//! iteration counts and residuals instead of printed warnings:
//! - [`post_shock`]: frozen or equilibrium state behind a shock of given speed
//!   (`PostShock_fr` / `PostShock_eq`);
//! - [`cj_state`]: CJ speed and state by the sonic condition on the equilibrium Hugoniot (an
//!   exact equivalent of the minimum-wave-speed method of `CJspeed`), with the von Neumann
//!   state;
//! - [`reflected_shock`]: closed-end reflection, frozen or equilibrium (`reflected_fr` /
//!   `reflected_eq`);
//! - [`detonation`]: all of the above for one mixture (the CLI's `chem cj`);
//! - [`znd`]: ZND reaction zone (induction length and time, exothermic pulse);
//! - [`cell_width`]: cell width λ = A·Δ_i with its uncertainty band;
//! - [`cell_widths`] / [`cell_width_by`]: the Westbrook, Gavrikov and Ng correlations
//!   ([`CellModel`]) from constant-volume explosions and the ZND structure;
//! - [`assess_vessel`]: detonability / DDT credibility screening of a vessel.
//!
//! Assumptions and validity: ideal gas; one-dimensional, steady, inviscid, adiabatic waves;
//! equilibrium states use the mechanism's species only; NASA polynomials are extrapolated
//! beyond their fit ranges (as in Cantera), which matters above ≈5000–6000 K only.
//! See `docs/detonation.md` for every equation and its source.

mod cell;
mod cell_correlations;
mod cj;
mod detonability;
mod newton;
mod point;
mod reflected;
mod shock;
mod znd;

pub use cell::{
    cell_width, CellWidth, CELL_BASIS, CELL_FACTOR_CENTRAL, CELL_FACTOR_HIGH, CELL_FACTOR_LOW,
};
pub use cell_correlations::{
    cell_kinetics, cell_width_by, cell_widths, gavrikov_ratio, ng_factor, CellEstimates,
    CellKinetics, CellModel, THETA_PERTURBATION,
};
pub use cj::{cj_state, CjResult};
pub use detonability::{
    assess_vessel, Assessment, Criterion, Grade, Vessel, CRITICAL_EXPANSION_RATIO, DDT_CELLS,
    SCREENING_NOTE,
};
pub use point::equilibrium_sound_speed;
pub use reflected::{reflected_shock, ReflectedResult};
pub use shock::{post_shock, Chemistry, ShockResult, WaveState};
pub use znd::{znd, ZndOptions, ZndResult};

use crate::error::Result;
use crate::mixture::{GasMixture, GasState};

/// The CJ detonation of a mixture with both reflections from a closed end.
#[derive(Debug, Clone, PartialEq)]
pub struct DetonationResult {
    /// CJ and von Neumann states.
    pub cj: CjResult,
    /// Reflected shock behind the CJ wave, products in equilibrium.
    pub reflected_equilibrium: ReflectedResult,
    /// Reflected shock behind the CJ wave, products' composition frozen at the CJ state.
    pub reflected_frozen: ReflectedResult,
}

/// CJ detonation, von Neumann state and both closed-end reflections of `initial`.
///
/// # Errors
/// As [`cj_state`] and [`reflected_shock`].
pub fn detonation(gas: &GasMixture, initial: &GasState) -> Result<DetonationResult> {
    let cj = cj_state(gas, initial)?;
    let reflected_equilibrium =
        reflected_shock(gas, &cj.cj, cj.particle_velocity, Chemistry::Equilibrium)?;
    let reflected_frozen = reflected_shock(gas, &cj.cj, cj.particle_velocity, Chemistry::Frozen)?;
    Ok(DetonationResult {
        cj,
        reflected_equilibrium,
        reflected_frozen,
    })
}
