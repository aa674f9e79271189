//! Shock reflected from a closed end behind an incident wave (SDToolbox `reflected_fr` /
//! `reflected_eq`, Browne, Ziegler & Shepherd, GALCIT FM2006.006, §5).
//!
//! The gas behind the incident wave (state 2, density ρ₂, pressure p₂, enthalpy h₂) moves
//! toward the wall at u_p; the reflected shock brings it to rest (state 3). In the frame of
//! the reflected shock (speed U_R away from the wall) the jump conditions give
//!
//! ```text
//! G₁ = [h₃ − h₂ − ½ (p₃ − p₂)(v₂ + v₃)] / u_p² = 0      (Hugoniot)
//! G₂ = [(p₃ − p₂)(v₂ − v₃) − u_p²] / u_p²      = 0      (particle velocity jump = u_p)
//! ```
//!
//! solved for (T₃, ρ₃) by [`super::newton`] with analytic Jacobians; then
//! U_R = ρ₂ u_p / (ρ₃ − ρ₂). **Frozen**: the composition of state 2 is held. **Equilibrium**:
//! state 3 is in equilibrium for the elements of state 2. The initial guess is the ideal-gas
//! reflected shock with the frozen γ of state 2: M_R − 1/M_R = (γ + 1)/2 · u_p/a₂.

use super::newton;
use super::shock::{eval_point, ideal_gas_ratios, to_wave_state, Chemistry, WaveState};
use crate::error::{ChemError, Result};
use crate::mixture::GasMixture;

/// A reflected shock and the stagnant state behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedResult {
    /// Reflected shock speed in the laboratory (wall) frame (m/s).
    pub shock_speed: f64,
    /// State behind the reflected shock (gas at rest).
    pub post: WaveState,
}

/// Reflect the wave that left `behind` moving at `particle_velocity` (m/s, toward the wall)
/// from a closed end.
///
/// # Errors
/// [`ChemError::OutOfRange`] for a non-positive particle velocity;
/// [`ChemError::ShockNotConverged`] when Newton fails.
pub fn reflected_shock(
    gas: &GasMixture,
    behind: &WaveState,
    particle_velocity: f64,
    chemistry: Chemistry,
) -> Result<ReflectedResult> {
    let u = particle_velocity;
    if !(u.is_finite() && u > 0.0 && u < 1e5) {
        return Err(ChemError::OutOfRange {
            field: "particle velocity".into(),
            value: u,
            unit: "m/s",
            range: "(0, 1e5) m/s toward the wall".into(),
        });
    }
    let s2 = &behind.state;
    let x2 = &s2.mole_fractions;
    let (rho2, p2, h2) = (behind.density, s2.pressure, behind.enthalpy);
    let v2 = 1.0 / rho2;
    let props = gas.properties(s2);
    let gamma = props.gamma();
    let c = 0.5 * (gamma + 1.0) * u / props.sound_speed_frozen;
    let mr = 0.5 * (c + (c * c + 4.0).sqrt());
    let (rr, pr) = ideal_gas_ratios(gamma, mr);
    let x0 = [s2.temperature * pr / rr, rho2 * rr];
    let e = u * u;
    let name = match chemistry {
        Chemistry::Frozen => "frozen reflected shock",
        Chemistry::Equilibrium => "equilibrium reflected shock",
    };
    let sol = newton::solve(
        name,
        |x| {
            let p3 = eval_point(gas, chemistry, x[0], x[1], x2)?;
            let v3 = 1.0 / p3.rho;
            let dp = p3.p - p2;
            let g1 = (p3.h - h2 - 0.5 * dp * (v2 + v3)) / e;
            let g2 = (dp * (v2 - v3) - e) / e;
            let j = [
                [
                    (p3.h_t - 0.5 * p3.p_t * (v2 + v3)) / e,
                    (p3.h_rho - 0.5 * p3.p_rho * (v2 + v3) + 0.5 * dp * v3 * v3) / e,
                ],
                [
                    p3.p_t * (v2 - v3) / e,
                    (p3.p_rho * (v2 - v3) + dp * v3 * v3) / e,
                ],
            ];
            Ok(([g1, g2], j))
        },
        x0,
        [s2.temperature * 0.5, rho2 * (1.0 + 1e-9)],
    )?;
    let p3 = eval_point(gas, chemistry, sol.x[0], sol.x[1], x2)?;
    let shock_speed = rho2 * u / (p3.rho - rho2);
    Ok(ReflectedResult {
        shock_speed,
        post: to_wave_state(p3, chemistry, &sol),
    })
}
