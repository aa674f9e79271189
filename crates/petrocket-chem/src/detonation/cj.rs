//! Chapman–Jouguet detonation and its von Neumann spike.
//!
//! **CJ state.** On the equilibrium Hugoniot of the burned gas, the CJ point is where the
//! Rayleigh line is tangent to the Hugoniot; there the minimum wave speed is reached and the
//! flow behind the wave is sonic relative to it, w₂ = a_eq (Jouguet's rule; e.g. Fickett &
//! Davis, *Detonation*, 1979, §2A; Lee, *The Detonation Phenomenon*, 2008, §2.4). We solve
//! the two conditions directly for (T₂, ρ₂), an exact equivalent of the minimum-wave-speed
//! method of SDToolbox `CJspeed`:
//!
//! ```text
//! F₁ = [h₂ − h₁ − ½ (p₂ − p₁)(v₁ + v₂)] / (100 p₁ v₁) = 0        (equilibrium Hugoniot)
//! F₂ = w₂²/a_eq² − 1 = 0,   w₂² = (p₂ − p₁) v₂² / (v₁ − v₂)       (sonic condition)
//! ```
//!
//! with h₂, p₂ and a_eq of the TV equilibrium at (T₂, ρ₂) (a_eq is the thermodynamic
//! equilibrium sound speed of [`super::point`]). The wave speed follows from the Rayleigh line,
//! U_CJ = w₁ = v₁ √[(p₂ − p₁)/(v₁ − v₂)]. The Jacobian is a forward finite difference
//! (relative step 1e-6) because F₂ involves second derivatives of the equilibrium state; the
//! Newton iteration and its convergence test are those of [`super::newton`]. The initial guess
//! is the adiabatic constant-volume (UV) equilibrium temperature and ρ₂ = 1.8 ρ₁. The
//! reported sonic residual is (w₂ − a_eq)/a_eq at the solution.
//!
//! **von Neumann state**: the frozen post-shock state at U_CJ ([`super::post_shock`]).

use super::newton::{self, Eval};
use super::point::{self};
use super::shock::{post_shock, to_wave_state, Chemistry, ShockResult, Upstream, WaveState};
use crate::equilibrium::{equilibrate, EquilibriumMode};
use crate::error::{ChemError, Result};
use crate::mixture::{check_state, GasMixture, GasState};

/// Relative step of the finite-difference Jacobian of the CJ iteration.
const FD_STEP: f64 = 1e-6;

/// The Chapman–Jouguet detonation of a mixture and its von Neumann (frozen shock) state.
#[derive(Debug, Clone, PartialEq)]
pub struct CjResult {
    /// CJ detonation speed U_CJ relative to the unburned gas (m/s).
    pub cj_speed: f64,
    /// The CJ (equilibrium) state, with its equilibrium sound speed.
    pub cj: WaveState,
    /// Flow speed behind the wave relative to it, w₂ (m/s).
    pub relative_speed_behind: f64,
    /// Particle velocity behind the wave, laboratory frame (m/s).
    pub particle_velocity: f64,
    /// Sonic residual (w₂ − a_eq)/a_eq at the solution (0 for an exact CJ point).
    pub sonic_residual: f64,
    /// von Neumann state: frozen shock at U_CJ.
    pub von_neumann: ShockResult,
}

/// Downstream quantities at (T, ρ) for the CJ residuals: (F, w₁, w₂, a_eq).
fn cj_residuals(
    gas: &GasMixture,
    up: &Upstream,
    x1: &[f64],
    x: [f64; 2],
) -> Result<([f64; 2], f64, f64, f64)> {
    let p2 = point::equilibrium(gas, x[0], x[1], x1)?;
    let (v1, v2) = (1.0 / up.rho, 1.0 / p2.rho);
    let dp = p2.p - up.p;
    if !(dp > 0.0 && v2 < v1) {
        return Err(ChemError::NonFinite {
            quantity: "CJ wave speed (compression required)".into(),
            context: format!("T = {} K, rho = {} kg/m^3", x[0], x[1]),
        });
    }
    let w1 = v1 * (dp / (v1 - v2)).sqrt();
    let w2 = w1 * v2 / v1;
    let a = p2.sound_speed;
    let f1 = (p2.h - up.h - 0.5 * dp * (v1 + v2)) / (100.0 * up.p * v1);
    let f2 = w2 * w2 / (a * a) - 1.0;
    Ok(([f1, f2], w1, w2, a))
}

/// The CJ detonation of `initial` and its von Neumann state.
///
/// # Errors
/// Invalid state; [`ChemError::ShockNotConverged`] when the CJ iteration fails (e.g. a mixture
/// that releases no heat).
pub fn cj_state(gas: &GasMixture, initial: &GasState) -> Result<CjResult> {
    check_state(initial, gas.n_species())?;
    let up = Upstream::of(gas, initial);
    let x1 = &initial.mole_fractions;
    let uv = equilibrate(gas, initial, EquilibriumMode::UV)?;
    let x0 = [
        uv.state.temperature.max(initial.temperature * 1.5),
        1.8 * up.rho,
    ];
    let f = |x: [f64; 2]| -> Result<Eval> {
        let (r, ..) = cj_residuals(gas, &up, x1, x)?;
        let mut j = [[0.0; 2]; 2];
        for c in 0..2 {
            let mut xp = x;
            let h = FD_STEP * x[c];
            xp[c] += h;
            let (rp, ..) = cj_residuals(gas, &up, x1, xp)?;
            j[0][c] = (rp[0] - r[0]) / h;
            j[1][c] = (rp[1] - r[1]) / h;
        }
        Ok((r, j))
    };
    let sol = newton::solve(
        "CJ state",
        f,
        x0,
        [initial.temperature, up.rho * (1.0 + 1e-6)],
    )?;
    let (_, w1, w2, a) = cj_residuals(gas, &up, x1, sol.x)?;
    let p2 = point::equilibrium(gas, sol.x[0], sol.x[1], x1)?;
    let von_neumann = post_shock(gas, initial, w1, Chemistry::Frozen)?;
    Ok(CjResult {
        cj_speed: w1,
        relative_speed_behind: w2,
        particle_velocity: w1 - w2,
        sonic_residual: (w2 - a) / a,
        cj: to_wave_state(p2, Chemistry::Equilibrium, &sol),
        von_neumann,
    })
}
