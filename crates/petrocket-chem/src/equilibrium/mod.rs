//! Chemical equilibrium of an ideal-gas mixture by Gibbs minimisation with element potentials.
//!
//! At fixed T and p the equilibrium composition minimises G = Σ n_k μ_k subject to element
//! conservation Σ_k a_jk n_k = b_j, with μ_k/RT = g°_k(T) + ln(n_k/n) + ln(p/p°). We use the
//! reduced Newton iteration of Gordon & McBride (NASA RP-1311, 1994, eqs. 2.18, 2.24–2.26): the
//! unknowns per iteration are the element potentials π_j and Δln n, the species corrections
//! follow as Δln n_k = −μ_k/RT + Σ_j a_jk π_j + Δln n, and steps are damped by their rules
//! (eqs. 3.1–3.3) so that major species change by at most a factor e² and trace species cannot
//! jump above 1e-4. At fixed volume, μ_k/RT = g°_k + ln(n_k R T/(V p°)) and Δln n drops out.
//!
//! HP, UV, SV and SP equilibria wrap the fixed-T solve in a safeguarded Newton iteration on T
//! (the equilibrium H(T), U(T), S(T) are increasing); the derivative dH/dT|p or dU/dT|V of the
//! *reacting* mixture comes from the same element-potential matrix (one extra solve), and
//! dS/dT = (dU/dT)/T at fixed V, (dH/dT)/T at fixed p because Σ μ_k dn_k = 0 at equilibrium.
//!
//! Robustness: the element-potential matrix becomes singular to round-off for exactly
//! stoichiometric mixtures at low temperature (H2 and O2 both near 1e-27), which is where
//! element-potential solvers are known to fail. A ridge of 1e-13 of the largest diagonal entry
//! keeps the step bounded in those directions; it changes only species below ≈1e-12 mole
//! fraction, whose values are then determined to round-off only, and never the majors.
//!
//! Elements absent from the mixture are removed with every species containing them.

mod solver;

use crate::error::{ChemError, Result};
use crate::mixture::{GasMixture, GasState};
use std::fmt;
use std::str::FromStr;

/// Which two properties are held fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EquilibriumMode {
    /// Temperature and pressure.
    TP,
    /// Temperature and volume.
    TV,
    /// Enthalpy and pressure (adiabatic, isobaric: flame temperature).
    HP,
    /// Internal energy and volume (adiabatic, isochoric: AICC closed-vessel explosion).
    UV,
    /// Entropy and volume.
    SV,
    /// Entropy and pressure (isentropic expansion).
    SP,
}

impl EquilibriumMode {
    /// All modes.
    pub const ALL: [EquilibriumMode; 6] =
        [Self::TP, Self::TV, Self::HP, Self::UV, Self::SV, Self::SP];

    /// Upper-case name (`UV`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TP => "TP",
            Self::TV => "TV",
            Self::HP => "HP",
            Self::UV => "UV",
            Self::SV => "SV",
            Self::SP => "SP",
        }
    }
}

impl fmt::Display for EquilibriumMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EquilibriumMode {
    type Err = ChemError;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ChemError::Composition {
                field: "equilibrium mode".into(),
                value: s.into(),
                reason: "expected one of TP, TV, HP, UV, SV, SP".into(),
            })
    }
}

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EquilibriumOptions {
    /// Convergence: |Δln n| must fall below this, x_k·|Δln n_k| of every species below 1e-3
    /// of it, and the element-balance residual relative to the total atoms below 1e-4 of it.
    pub tolerance: f64,
    /// Relative tolerance on T of the outer iteration (HP, UV, SV, SP).
    pub temperature_tolerance: f64,
    /// Newton iterations allowed per fixed-T solve.
    pub max_iterations: usize,
    /// Temperature evaluations allowed in the outer iteration.
    pub max_temperature_iterations: usize,
    /// Temperature search interval of the outer iteration (K).
    pub temperature_bounds: (f64, f64),
}

impl Default for EquilibriumOptions {
    fn default() -> Self {
        EquilibriumOptions {
            tolerance: 1e-9,
            temperature_tolerance: 1e-12,
            max_iterations: 400,
            max_temperature_iterations: 100,
            temperature_bounds: (50.0, 8000.0),
        }
    }
}

/// An equilibrium state with its convergence record.
#[derive(Debug, Clone, PartialEq)]
pub struct EquilibriumResult {
    /// The equilibrium state (all species, inactive ones at zero).
    pub state: GasState,
    /// Mode solved.
    pub mode: EquilibriumMode,
    /// Newton iterations summed over all fixed-T solves.
    pub iterations: usize,
    /// Temperature evaluations of the outer iteration (1 for TP/TV).
    pub temperature_iterations: usize,
    /// Largest element-balance error relative to the total atoms.
    pub element_residual: f64,
    /// Non-fatal remarks, e.g. thermo fits extrapolated beyond their range.
    pub warnings: Vec<String>,
}

/// Equilibrate from `initial`, holding the pair of properties named by `mode` at their values
/// in `initial` (for TP/TV: its T and p or v; otherwise its h, u or s).
pub fn equilibrate(
    mix: &GasMixture,
    initial: &GasState,
    mode: EquilibriumMode,
) -> Result<EquilibriumResult> {
    equilibrate_with(mix, initial, mode, &EquilibriumOptions::default())
}

/// [`equilibrate`] with explicit options.
pub fn equilibrate_with(
    mix: &GasMixture,
    initial: &GasState,
    mode: EquilibriumMode,
    options: &EquilibriumOptions,
) -> Result<EquilibriumResult> {
    solver::solve(mix, initial, mode, options)
}
