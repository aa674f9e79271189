//! Normal-shock jump conditions for an ideal-gas mixture, frozen or in equilibrium.
//!
//! In the frame of a steady normal wave moving at speed w₁ into gas at rest (state 1), mass,
//! momentum and energy give (Browne, Ziegler & Shepherd, GALCIT FM2006.006, §2):
//!
//! ```text
//! ρ₁ w₁ = ρ₂ w₂                                   (mass)
//! p₂ − p₁ = ρ₁ w₁² (1 − ρ₁/ρ₂)                     (Rayleigh line)
//! h₂ − h₁ = ½ (p₂ − p₁)(1/ρ₁ + 1/ρ₂)               (Hugoniot)
//! ```
//!
//! The two residuals, scaled by w₁² and ρ₁w₁², are solved for (T₂, ρ₂) by the damped Newton
//! iteration of [`super::newton`] with the analytic Jacobian of [`super::point`]. **Frozen**:
//! the composition is that of state 1. **Equilibrium**: state 2 is in chemical equilibrium at
//! (T₂, ρ₂) (a TV equilibrium of the elements of state 1). The particle velocity behind the
//! wave in the laboratory frame is u_p = w₁ − w₂.
//!
//! Assumptions: ideal gas, one-dimensional, steady, inviscid, adiabatic; thermo polynomials are
//! extrapolated (as in Cantera) beyond their fit range (usually 3500 K or 5000–6000 K).

use super::newton::{self, Eval};
use super::point::{self, Point};
use crate::error::{ChemError, Result};
use crate::mixture::check_state;
use crate::mixture::{GasMixture, GasState};

/// How the gas behind a wave is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chemistry {
    /// Composition held fixed across the wave (a shock faster than any reaction).
    Frozen,
    /// Chemical equilibrium behind the wave.
    Equilibrium,
}

impl Chemistry {
    /// `frozen` or `equilibrium`.
    pub fn as_str(self) -> &'static str {
        match self {
            Chemistry::Frozen => "frozen",
            Chemistry::Equilibrium => "equilibrium",
        }
    }
}

/// A state behind a wave, with its convergence record.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveState {
    /// The state (T, p, mole fractions).
    pub state: GasState,
    /// Density (kg/m³).
    pub density: f64,
    /// Specific enthalpy (J/kg).
    pub enthalpy: f64,
    /// Sound speed of the state (m/s): frozen for [`Chemistry::Frozen`], the equilibrium
    /// (thermodynamic) sound speed for [`Chemistry::Equilibrium`].
    pub sound_speed: f64,
    /// Frozen or equilibrium.
    pub chemistry: Chemistry,
    /// Newton iterations of the jump-condition solve.
    pub iterations: usize,
    /// Largest scaled residual at the solution (Newton convergence test in `docs/detonation.md`).
    pub residual: f64,
}

/// A shock moving at a given speed into gas at rest.
#[derive(Debug, Clone, PartialEq)]
pub struct ShockResult {
    /// Shock speed relative to the gas ahead (m/s).
    pub shock_speed: f64,
    /// Speed of the gas behind relative to the shock, w₂ (m/s).
    pub relative_speed_behind: f64,
    /// Particle velocity behind, laboratory frame, u_p = w₁ − w₂ (m/s).
    pub particle_velocity: f64,
    /// The post-shock state.
    pub post: WaveState,
}

/// Ideal-gas normal-shock ratios (ρ₂/ρ₁, p₂/p₁) at Mach number `m` and ratio of specific heats
/// `gamma` (e.g. Anderson, *Modern Compressible Flow*, 3rd ed., eqs. 3.53, 3.57): the initial
/// guess of the Newton iterations.
pub(crate) fn ideal_gas_ratios(gamma: f64, m: f64) -> (f64, f64) {
    let m2 = m * m;
    let rho = (gamma + 1.0) * m2 / ((gamma - 1.0) * m2 + 2.0);
    let p = 1.0 + 2.0 * gamma / (gamma + 1.0) * (m2 - 1.0);
    (rho, p)
}

/// Upstream quantities of a jump condition.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Upstream {
    pub rho: f64,
    pub p: f64,
    pub h: f64,
}

impl Upstream {
    pub(crate) fn of(gas: &GasMixture, s: &GasState) -> Self {
        let pr = gas.properties(s);
        Upstream {
            rho: pr.density,
            p: s.pressure,
            h: pr.h_mass(),
        }
    }
}

/// Evaluate the downstream point for `chem` at (T, ρ) with the elements/composition `x`.
pub(crate) fn eval_point(
    gas: &GasMixture,
    chem: Chemistry,
    t: f64,
    rho: f64,
    x: &[f64],
) -> Result<Point> {
    match chem {
        Chemistry::Frozen => point::frozen(gas, t, rho, x),
        Chemistry::Equilibrium => point::equilibrium(gas, t, rho, x),
    }
}

/// Rayleigh-line and Hugoniot residuals (scaled) and their Jacobian at a downstream point.
pub(crate) fn shock_residuals(up: &Upstream, w1: f64, p2: &Point) -> Eval {
    let (v1, v2) = (1.0 / up.rho, 1.0 / p2.rho);
    let e = w1 * w1;
    let m = up.rho * e;
    let dp = p2.p - up.p;
    let f1 = (p2.h - up.h - 0.5 * dp * (v1 + v2)) / e;
    let f2 = (dp - m * (1.0 - up.rho / p2.rho)) / m;
    let j = [
        [
            (p2.h_t - 0.5 * p2.p_t * (v1 + v2)) / e,
            (p2.h_rho - 0.5 * p2.p_rho * (v1 + v2) + 0.5 * dp * v2 * v2) / e,
        ],
        [p2.p_t / m, (p2.p_rho - m * up.rho * v2 * v2) / m],
    ];
    ([f1, f2], j)
}

pub(crate) fn to_wave_state(p: Point, chem: Chemistry, sol: &newton::Solution) -> WaveState {
    WaveState {
        density: p.rho,
        enthalpy: p.h,
        sound_speed: p.sound_speed,
        state: p.state,
        chemistry: chem,
        iterations: sol.iterations,
        residual: sol.residual,
    }
}

/// The state behind a normal shock moving at `shock_speed` (m/s) into `upstream` (at rest),
/// frozen or in equilibrium (SDToolbox `PostShock_fr` / `PostShock_eq`).
///
/// # Errors
/// [`ChemError::OutOfRange`] when the speed is not finite or not above the frozen sound speed
/// of the upstream gas; [`ChemError::ShockNotConverged`] when Newton fails.
pub fn post_shock(
    gas: &GasMixture,
    upstream: &GasState,
    shock_speed: f64,
    chemistry: Chemistry,
) -> Result<ShockResult> {
    check_state(upstream, gas.n_species())?;
    let props = gas.properties(upstream);
    let a1 = props.sound_speed_frozen;
    if !(shock_speed.is_finite() && shock_speed > a1 * (1.0 + 1e-9) && shock_speed < 1e5) {
        return Err(ChemError::OutOfRange {
            field: "shock speed".into(),
            value: shock_speed,
            unit: "m/s",
            range: format!(
                "({a1:.2}, 1e5) m/s: a shock must be faster than the frozen sound speed {a1:.2} m/s"
            ),
        });
    }
    let up = Upstream::of(gas, upstream);
    let x1 = &upstream.mole_fractions;
    // Frozen first (from the ideal-gas guess); equilibrium starts from the frozen solution.
    let (rr, pr) = ideal_gas_ratios(props.gamma(), shock_speed / a1);
    let guess = [upstream.temperature * pr / rr, up.rho * rr];
    let solve = |chem: Chemistry, x0: [f64; 2], name: &'static str| {
        let sol = newton::solve(
            name,
            |x| {
                let p2 = eval_point(gas, chem, x[0], x[1], x1)?;
                Ok(shock_residuals(&up, shock_speed, &p2))
            },
            x0,
            [upstream.temperature * 0.5, up.rho],
        )?;
        let p2 = eval_point(gas, chem, sol.x[0], sol.x[1], x1)?;
        Ok::<_, ChemError>((p2, sol))
    };
    let (mut p2, mut sol) = solve(Chemistry::Frozen, guess, "frozen post-shock state")?;
    if chemistry == Chemistry::Equilibrium {
        (p2, sol) = solve(
            Chemistry::Equilibrium,
            [p2.state.temperature, p2.rho],
            "equilibrium post-shock state",
        )?;
    }
    let w2 = shock_speed * up.rho / p2.rho;
    Ok(ShockResult {
        shock_speed,
        relative_speed_behind: w2,
        particle_velocity: shock_speed - w2,
        post: to_wave_state(p2, chemistry, &sol),
    })
}
