//! A thermodynamic point at given (T, ρ), frozen or in chemical equilibrium, with the partial
//! derivatives the jump-condition Newton iterations need and the sound speed.
//!
//! The derivatives of an equilibrium mixture follow Gordon & McBride (NASA RP-1311, 1994,
//! §2.5, eqs. 2.50–2.59 and 2.70–2.75): with n_j the moles of species j per kg, b_k the moles
//! of element k per kg and n = Σ n_j, the element potentials' derivatives solve
//!
//! ```text
//! Σ_i (Σ_j a_kj a_ij n_j) ∂π_i/∂lnT + b_k ∂ln n/∂lnT = −Σ_j a_kj n_j h_j/RT
//! Σ_i b_i ∂π_i/∂lnT                                  = −Σ_j n_j h_j/RT
//! Σ_i (Σ_j a_kj a_ij n_j) ∂π_i/∂lnP + b_k ∂ln n/∂lnP = b_k
//! Σ_i b_i ∂π_i/∂lnP                                  = n
//! ```
//!
//! so that α = (∂lnV/∂lnT)_P = 1 + ∂ln n/∂lnT, β = (∂lnV/∂lnP)_T = ∂ln n/∂lnP − 1 and
//! cp,eq/R = Σ n_j cp_j/R + Σ n_j (h_j/RT)(h_j/RT + Σ_i a_ij ∂π_i/∂lnT + ∂ln n/∂lnT).
//! Then cv = cp + (p v/T) α²/β, γ = cp/cv and the **equilibrium sound speed** is the
//! thermodynamic (zero-frequency) one, a_eq² = (∂p/∂ρ)_s,eq = −(γ/β) p/ρ (RP-1311 eq. 2.71–2.74).
//! This is the exact derivative that SDToolbox's `soundspeed_eq` approximates by finite
//! differences of equilibrium states at fixed entropy. A frozen point has α = 1, β = −1 and
//! the frozen cp, which gives a_f² = γ_f R T/W̄.
//!
//! In (T, ρ) variables (v = 1/ρ): (∂p/∂T)_ρ = −(α/β) p/T, (∂p/∂ρ)_T = −(1/β) p/ρ,
//! (∂h/∂T)_ρ = cp + v(1 − α)(∂p/∂T)_ρ, (∂h/∂ρ)_T = v(1 − α)(∂p/∂ρ)_T, using
//! (∂h/∂p)_T = v(1 − α).

use crate::equilibrium::{equilibrate, EquilibriumMode};
use crate::error::{ChemError, Result};
use crate::mixture::{GasMixture, GasState};
use crate::thermo::ThermoPoint;
use nalgebra::{DMatrix, DVector};
use petrocket_units::GAS_CONSTANT as R;

/// Mole fractions below this are left out of the derivative system (they carry no weight in
/// it and only worsen its conditioning).
const X_ACTIVE: f64 = 1e-30;

/// One state with the derivatives used by the jump conditions. Per unit mass, SI.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    /// The state (T, p, X).
    pub state: GasState,
    /// Density (kg/m³).
    pub rho: f64,
    /// Pressure (Pa).
    pub p: f64,
    /// Specific enthalpy (J/kg).
    pub h: f64,
    /// (∂h/∂T)_ρ (J/(kg K)).
    pub h_t: f64,
    /// (∂h/∂ρ)_T (J m³/kg²).
    pub h_rho: f64,
    /// (∂p/∂T)_ρ (Pa/K).
    pub p_t: f64,
    /// (∂p/∂ρ)_T (Pa m³/kg).
    pub p_rho: f64,
    /// Sound speed (frozen or equilibrium, as the point) (m/s).
    pub sound_speed: f64,
}

/// Frozen point: composition `x` fixed, at temperature `t` (K) and density `rho` (kg/m³).
pub(crate) fn frozen(gas: &GasMixture, t: f64, rho: f64, x: &[f64]) -> Result<Point> {
    let w = gas.mean_molecular_weight(x);
    let p = rho * R * t / w;
    let state = gas.state_tpx(t, p, x)?;
    let props = gas.properties(&state);
    build(state, rho, props.h_mass(), props.cp_mass(), 1.0, -1.0)
}

/// Equilibrium point at temperature `t` (K) and density `rho` (kg/m³) for the elements of `x`
/// (a TV equilibrium).
pub(crate) fn equilibrium(gas: &GasMixture, t: f64, rho: f64, x: &[f64]) -> Result<Point> {
    let w = gas.mean_molecular_weight(x);
    let guess = gas.state_tpx(t, rho * R * t / w, x)?;
    let eq = equilibrate(gas, &guess, EquilibriumMode::TV)?;
    let state = eq.state;
    let props = gas.properties(&state);
    let (alpha, beta, cp) = equilibrium_derivatives(gas, &state)?;
    build(state, rho, props.h_mass(), cp, alpha, beta)
}

fn build(state: GasState, rho: f64, h: f64, cp: f64, alpha: f64, beta: f64) -> Result<Point> {
    let t = state.temperature;
    let p = state.pressure;
    let v = 1.0 / rho;
    let p_t = -(alpha / beta) * p / t;
    let p_rho = -(1.0 / beta) * p / rho;
    let cv = cp + p * v / t * alpha * alpha / beta;
    let gamma = cp / cv;
    let a2 = -(gamma / beta) * p / rho;
    let point = Point {
        rho,
        p,
        h,
        h_t: cp + v * (1.0 - alpha) * p_t,
        h_rho: v * (1.0 - alpha) * p_rho,
        p_t,
        p_rho,
        sound_speed: a2.sqrt(),
        state,
    };
    let finite = [
        point.h,
        point.h_t,
        point.h_rho,
        point.p_t,
        point.p_rho,
        point.sound_speed,
    ]
    .iter()
    .all(|v| v.is_finite())
        && a2 > 0.0
        && cv > 0.0;
    if finite {
        Ok(point)
    } else {
        Err(ChemError::NonFinite {
            quantity: "thermodynamic derivative or sound speed".into(),
            context: format!("state T = {t} K, p = {p} Pa, rho = {rho} kg/m^3"),
        })
    }
}

/// (α, β, cp,eq) of an equilibrium state: (∂lnV/∂lnT)_P, (∂lnV/∂lnP)_T and the equilibrium
/// cp (J/(kg K)), by RP-1311 eqs. 2.50–2.59 (see the module docs).
pub(crate) fn equilibrium_derivatives(
    gas: &GasMixture,
    state: &GasState,
) -> Result<(f64, f64, f64)> {
    let x = &state.mole_fractions;
    let w = gas.mean_molecular_weight(x);
    let species: Vec<usize> = (0..gas.n_species()).filter(|&k| x[k] > X_ACTIVE).collect();
    let n: Vec<f64> = species.iter().map(|&k| x[k] / w).collect();
    let n_tot: f64 = n.iter().sum();
    let elements: Vec<usize> = (0..gas.n_elements())
        .filter(|&m| species.iter().any(|&k| gas.n_atoms(m, k) != 0.0))
        .collect();
    let mut thermo = vec![ThermoPoint::default(); gas.n_species()];
    gas.thermo_at(state.temperature, &mut thermo);
    let ne = elements.len();
    let dim = ne + 1;
    let mut mat = DMatrix::<f64>::zeros(dim, dim);
    let mut rhs_t = DVector::<f64>::zeros(dim);
    let mut rhs_p = DVector::<f64>::zeros(dim);
    for (jj, &k) in species.iter().enumerate() {
        let h = thermo[k].h_rt;
        for (a, &ma) in elements.iter().enumerate() {
            let aa = gas.n_atoms(ma, k) * n[jj];
            if aa == 0.0 {
                continue;
            }
            for (b, &mb) in elements.iter().enumerate() {
                mat[(a, b)] += aa * gas.n_atoms(mb, k);
            }
            mat[(a, ne)] += aa;
            mat[(ne, a)] += aa;
            rhs_t[a] -= aa * h;
            rhs_p[a] += aa;
        }
        rhs_t[ne] -= n[jj] * h;
    }
    rhs_p[ne] = n_tot;
    let lu = mat.lu();
    let (Some(dt), Some(dp)) = (lu.solve(&rhs_t), lu.solve(&rhs_p)) else {
        return Err(ChemError::NonFinite {
            quantity: "equilibrium derivatives (singular element-potential matrix)".into(),
            context: format!("T = {} K, p = {} Pa", state.temperature, state.pressure),
        });
    };
    let dlnn_t = dt[ne];
    let dlnn_p = dp[ne];
    let mut cp_r = 0.0;
    for (jj, &k) in species.iter().enumerate() {
        let tp = &thermo[k];
        let mut d = tp.h_rt + dlnn_t;
        for (a, &ma) in elements.iter().enumerate() {
            d += gas.n_atoms(ma, k) * dt[a];
        }
        cp_r += n[jj] * (tp.cp_r + tp.h_rt * d);
    }
    let alpha = 1.0 + dlnn_t;
    let beta = dlnn_p - 1.0;
    let cp = R * cp_r;
    if !(alpha.is_finite() && beta.is_finite() && cp.is_finite() && beta < 0.0 && cp > 0.0) {
        return Err(ChemError::NonFinite {
            quantity: "equilibrium derivatives".into(),
            context: format!("T = {} K, p = {} Pa", state.temperature, state.pressure),
        });
    }
    Ok((alpha, beta, cp))
}

/// Equilibrium sound speed (m/s) of an equilibrium state, a_eq² = −(γ/β) p/ρ (see module docs).
pub fn equilibrium_sound_speed(gas: &GasMixture, state: &GasState) -> Result<f64> {
    let props = gas.properties(state);
    let (alpha, beta, cp) = equilibrium_derivatives(gas, state)?;
    let p = build(
        state.clone(),
        props.density,
        props.h_mass(),
        cp,
        alpha,
        beta,
    )?;
    Ok(p.sound_speed)
}
