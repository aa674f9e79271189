//! Detonation cell width from chemical kinetics by three published correlations.
//!
//! All three scale a kinetic length of the reaction zone behind the von Neumann shock; they
//! differ in the length and in the factor (Sources: the papers below; constants and procedure
//! as printed in the Shock & Detonation Toolbox demo `demo_ZND_CJ_cell` (MATLAB and Python,
//! SDToolbox, Browne, Ziegler, Bitter, Schmidt, Lawson & Shepherd, GALCIT FM2018.001, rev.
//! 2021), read in the copy of SDToolbox at
//! github.com/webworn/openfoam-mcp-server `RDE/data/SDToolbox/MATLAB/Demo/demo_ZND_CJ_cell.m`
//! and cross-checked digit by digit against the Julia port github.com/Naikless/SDtoolbox.jl
//! `src/correlations.jl`):
//!
//! - **Westbrook**: λ = 29·δ_W (Westbrook & Urtiew, Proc. Combust. Inst. 19:615–623, 1982),
//!   δ_W = t_W·w_vN with t_W the time for the temperature of a constant-volume (CV) explosion
//!   from the von Neumann state to rise half-way to its UV-equilibrium value and w_vN the flow
//!   speed behind the shock (shock frame). Band A = 10–50 (Shepherd, Prog. Astronaut.
//!   Aeronaut. 106:263–293, 1986).
//! - **Gavrikov**: λ = δ_G·10^z(X, Y) (Gavrikov, Efimenko & Dorofeev, *A model for detonation
//!   cell size prediction from chemical kinetics*, Combust. Flame 120:19–33, 2000), with
//!   X = E_a/(R T_s) the reduced effective activation energy, Y = T_vN/T₀ and
//!   z = Y(aY − b) + X(cX − d + (e − fY)Y) + g ln Y + h ln X + Y(i/X − kY/X^m) − j
//!   ([`gavrikov_ratio`]). δ_G = t_G·w_vN, t_G the time for the limiting reactant (H2 lean,
//!   O2 rich) of the CV explosion to fall half-way to its UV-equilibrium mole fraction.
//!   X as Gavrikov defined it: E_a/R from the CV induction times behind frozen shocks at U_CJ
//!   and 1.6·U_CJ, divided by the post-shock temperature at 1.3·U_CJ (read in K. Malik's
//!   implementation of the model, github.com/konradmalik/gavrikov-detonation-cell-size-model
//!   `effective_activation_energy.py`; the SDToolbox demo passes its local θ instead, which
//!   gives 76 mm for stoichiometric H2–air against 8–15 mm measured).
//! - **Ng**: λ = A(χ)·Δ_i (Ng, Ju & Lee, Int. J. Hydrogen Energy 32:93–99, 2007),
//!   A(χ) = A₀ + a₁/χ + a₂/χ² + a₃/χ³ + b₁χ + b₂χ² + b₃χ³ ([`ng_factor`]), with the stability
//!   parameter χ = θ·Δ_i/Δ_R (Ng, Radulescu, Higgins, Nikiforakis & Lee, Combust. Theory
//!   Model. 9:385, 2005): Δ_i the ZND distance to the maximum thermicity, Δ_R = u_CJ/σ̇_max the
//!   reaction length (u_CJ the flow speed behind the CJ wave, wave frame), θ = E_a/(R T_vN)
//!   the local reduced activation energy of the CV induction time,
//!   θ = (1/T_vN)·ln(τ_a/τ_b)/(1/T_a − 1/T_b), T_a,b = (1 ± 0.02)·T_vN at p_vN (as the demo).
//!
//! CV induction time τ: time of maximum dT/dt ([`crate::reactor`]). Crossing times t_W and
//! t_G: linear interpolation on 4001 equally spaced outputs of the CV explosion over
//! [0, 3τ] (the demo takes the last sample before the crossing, and reads it from the
//! explosion at 1.02·T_vN; we use the von Neumann state that the definitions name).
//!
//! Validity: the sources give no numeric validity ranges. Gavrikov's fit covered a range of
//! fuel–oxidiser–diluent mixtures; Ng's was "tested only against low pressure H2–air data"
//! (SDToolbox demo comment). Far from stoichiometric the correlations diverge from each other
//! by factors of 10 or more (e.g. H2–air φ = 0.5: Westbrook 0.38 m, Ng 0.27 m, Gavrikov 6 m):
//! use the spread between models ([`CellEstimates::spread`]) as the uncertainty. No
//! uncertainty band is published with the Gavrikov and Ng fits; their [`CellWidth`] band is
//! the central value. Assumptions: as [`super::znd`] and the CV reactor (adiabatic,
//! homogeneous, the mechanism's rates at the von Neumann state).

use super::cell::{
    cell_width, CellWidth, CELL_BASIS, CELL_FACTOR_CENTRAL, CELL_FACTOR_HIGH, CELL_FACTOR_LOW,
};
use super::cj::CjResult;
use super::shock::{post_shock, Chemistry};
use super::znd::ZndResult;
use crate::equilibrium::{equilibrate, EquilibriumMode};
use crate::error::{ChemError, Result};
use crate::kinetics::Kinetics;
use crate::mixture::{GasMixture, GasState};
use crate::reactor::{run_reactor, ReactorKind, ReactorOptions, Record};

/// Relative temperature perturbation of the local activation energy, T_a,b = (1 ± δ)·T_vN
/// (SDToolbox `demo_ZND_CJ_cell`).
pub const THETA_PERTURBATION: f64 = 0.02;
/// Outputs of the CV explosion used to locate the half-way crossings.
const CROSSING_SAMPLES: usize = 4001;

/// Gavrikov, Efimenko & Dorofeev (2000) constants a, b, c, d, e, f, g, h, i, j, k, m, as
/// printed in SDToolbox `demo_ZND_CJ_cell` (identical in K. Malik's implementation).
const GAVRIKOV: [f64; 12] = [
    -0.007843787493,
    0.1777662961,
    0.02371845901,
    1.477047968,
    0.1545112957,
    0.01547021569,
    -1.446582357,
    8.730494354,
    4.599907939,
    7.443410379,
    0.4058325462,
    1.453392165,
];

/// Ng, Ju & Lee (2007) constants A₀, a₁, a₂, a₃, b₁, b₂, b₃, as printed in SDToolbox
/// `demo_ZND_CJ_cell` (identical in the Julia port SDtoolbox.jl).
const NG: [f64; 7] = [
    30.465860763763,
    89.55438805808153,
    -130.792822369483,
    42.02450507117405,
    -0.02929128383850,
    1.02632507306471e-5, // printed as 1.0263250730647101E-5 (same f64)
    -1.031921244571857e-9,
];

/// A cell-width correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellModel {
    /// λ = 29·Δ_i (10–50) on the ZND induction length, [`super::cell_width`]: the factor of
    /// Westbrook & Urtiew applied to the ZND distance to the maximum thermicity (the
    /// project's original estimate and the default of the vessel screening).
    A29,
    /// λ = 29·δ_W, Westbrook & Urtiew (1982).
    Westbrook,
    /// λ = δ_G·10^z, Gavrikov, Efimenko & Dorofeev (2000).
    Gavrikov,
    /// λ = A(χ)·Δ_i, Ng, Ju & Lee (2007).
    Ng,
}

impl CellModel {
    /// All models, in output order.
    pub const ALL: [CellModel; 4] = [
        CellModel::A29,
        CellModel::Westbrook,
        CellModel::Gavrikov,
        CellModel::Ng,
    ];

    /// Lower-case name (`a29`, `westbrook`, `gavrikov`, `ng`).
    pub fn name(self) -> &'static str {
        match self {
            CellModel::A29 => "a29",
            CellModel::Westbrook => "westbrook",
            CellModel::Gavrikov => "gavrikov",
            CellModel::Ng => "ng",
        }
    }

    /// Correlation and its sources.
    pub fn basis(self) -> &'static str {
        match self {
            CellModel::A29 => CELL_BASIS,
            CellModel::Westbrook => {
                "lambda = 29 (10-50) * t_W * w_vN, t_W = CV time to half the temperature rise: \
                 Westbrook & Urtiew, Proc. Combust. Inst. 19:615 (1982); Shepherd, Prog. \
                 Astronaut. Aeronaut. 106:263 (1986); as in SDToolbox demo_ZND_CJ_cell"
            }
            CellModel::Gavrikov => {
                "lambda = delta_G * 10^z(Ea/RT, T_vN/T0), delta_G = CV time to half consumption \
                 of the limiting reactant * w_vN: Gavrikov, Efimenko & Dorofeev, Combust. Flame \
                 120:19 (2000); constants as in SDToolbox demo_ZND_CJ_cell"
            }
            CellModel::Ng => {
                "lambda = A(chi) * Delta_i, chi = theta * Delta_i * sigma_max / u_CJ: Ng, Ju & \
                 Lee, Int. J. Hydrogen Energy 32:93 (2007); constants as in SDToolbox \
                 demo_ZND_CJ_cell"
            }
        }
    }
}

impl std::str::FromStr for CellModel {
    type Err = ChemError;

    fn from_str(s: &str) -> Result<Self> {
        CellModel::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ChemError::Composition {
                field: "cell model".into(),
                value: s.into(),
                reason: "expected one of a29, westbrook, gavrikov, ng".into(),
            })
    }
}

/// The kinetic lengths and parameters the correlations need (SI).
#[derive(Debug, Clone, PartialEq)]
pub struct CellKinetics {
    /// Initial temperature T₀ (K).
    pub initial_temperature: f64,
    /// von Neumann temperature T_vN (K).
    pub von_neumann_temperature: f64,
    /// Flow speed behind the von Neumann shock, shock frame, w_vN (m/s).
    pub von_neumann_speed: f64,
    /// Flow speed behind the CJ wave, wave frame, u_CJ (m/s).
    pub cj_flow_speed: f64,
    /// ZND induction length Δ_i: distance to the maximum thermicity (m).
    pub induction_length: f64,
    /// Maximum thermicity σ̇_max (1/s).
    pub max_thermicity: f64,
    /// Reaction length Δ_R = u_CJ/σ̇_max (m).
    pub reaction_length: f64,
    /// CV induction time from the von Neumann state, time of max dT/dt (s).
    pub cv_induction_time: f64,
    /// Local reduced activation energy θ = E_a/(R T_vN) from T_vN ± 2 %.
    pub theta: f64,
    /// Gavrikov's reduced activation energy: E_a/R from U_CJ and 1.6·U_CJ over T(1.3·U_CJ).
    pub theta_gavrikov: f64,
    /// Limiting reactant of the Gavrikov length (`H2` or `O2`).
    pub limiting_species: &'static str,
    /// Gavrikov length δ_G = t_G·w_vN (m).
    pub gavrikov_length: f64,
    /// Westbrook length δ_W = t_W·w_vN (m).
    pub westbrook_length: f64,
    /// Ng stability parameter χ = θ·Δ_i/Δ_R.
    pub chi: f64,
}

/// The four estimates with their inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEstimates {
    /// Lengths and parameters used.
    pub kinetics: CellKinetics,
    /// 29·Δ_i (10–50) on the ZND induction length ([`super::cell_width`]).
    pub a29: CellWidth,
    /// Westbrook & Urtiew (1982) with the Shepherd (1986) band.
    pub westbrook: CellWidth,
    /// Gavrikov, Efimenko & Dorofeev (2000).
    pub gavrikov: CellWidth,
    /// Ng, Ju & Lee (2007).
    pub ng: CellWidth,
}

impl CellEstimates {
    /// Estimate of one model.
    pub fn by(&self, model: CellModel) -> &CellWidth {
        match model {
            CellModel::A29 => &self.a29,
            CellModel::Westbrook => &self.westbrook,
            CellModel::Gavrikov => &self.gavrikov,
            CellModel::Ng => &self.ng,
        }
    }

    /// Smallest and largest central value of the four models (m).
    pub fn spread(&self) -> (f64, f64) {
        CellModel::ALL
            .iter()
            .map(|m| self.by(*m).central)
            .fold((f64::INFINITY, 0.0), |(lo, hi), c| (lo.min(c), hi.max(c)))
    }
}

/// Gavrikov et al. (2000) ratio λ/δ_G = 10^z(X, Y), X = E_a/(R T), Y = T_vN/T₀.
pub fn gavrikov_ratio(x: f64, y: f64) -> f64 {
    let [a, b, c, d, e, f, g, h, i, j, k, m] = GAVRIKOV;
    let z = y * (a * y - b) + x * (c * x - d + (e - f * y) * y) + g * y.ln() + h * x.ln() - j
        + y * (i / x - k * y / x.powf(m));
    10f64.powf(z)
}

/// Ng, Ju & Lee (2007) factor A(χ) = A₀ + a₁/χ + a₂/χ² + a₃/χ³ + b₁χ + b₂χ² + b₃χ³.
pub fn ng_factor(chi: f64) -> f64 {
    let [a0, a1, a2, a3, b1, b2, b3] = NG;
    a0 + ((a3 / chi + a2) / chi + a1) / chi + ((b3 * chi + b2) * chi + b1) * chi
}

/// Cell width by one model from its kinetic inputs.
///
/// # Errors
/// [`ChemError::OutOfRange`] when the correlation gives a non-positive or non-finite width
/// (its parameter outside the fit), naming the parameter.
pub fn cell_width_by(model: CellModel, k: &CellKinetics) -> Result<CellWidth> {
    let bad = |field: &str, value: f64| ChemError::OutOfRange {
        field: field.into(),
        value,
        unit: "1",
        range: format!(
            "where the {} correlation gives a positive width",
            model.name()
        ),
    };
    let (central, lower, upper, length) = match model {
        CellModel::A29 => return cell_width(k.induction_length),
        CellModel::Westbrook => {
            let d = k.westbrook_length;
            (
                CELL_FACTOR_CENTRAL * d,
                CELL_FACTOR_LOW * d,
                CELL_FACTOR_HIGH * d,
                d,
            )
        }
        CellModel::Gavrikov => {
            let y = k.von_neumann_temperature / k.initial_temperature;
            let r = gavrikov_ratio(k.theta_gavrikov, y);
            if !(r.is_finite() && r > 0.0) {
                return Err(bad(
                    "Gavrikov activation energy E_a/(R T)",
                    k.theta_gavrikov,
                ));
            }
            let l = r * k.gavrikov_length;
            (l, l, l, k.gavrikov_length)
        }
        CellModel::Ng => {
            let a = ng_factor(k.chi);
            if !(a.is_finite() && a > 0.0) {
                return Err(bad("Ng stability parameter chi", k.chi));
            }
            let l = a * k.induction_length;
            (l, l, l, k.induction_length)
        }
    };
    if !(central.is_finite() && central > 0.0) {
        return Err(bad("cell width", central));
    }
    Ok(CellWidth {
        central,
        lower,
        upper,
        induction_length: length,
        basis: model.basis(),
    })
}

/// All four cell-width estimates of `initial` from its CJ state and ZND structure (at the CJ
/// speed).
///
/// # Errors
/// As [`cell_kinetics`] and [`cell_width_by`].
pub fn cell_widths(
    gas: &GasMixture,
    initial: &GasState,
    cj: &CjResult,
    znd: &ZndResult,
) -> Result<CellEstimates> {
    let kinetics = cell_kinetics(gas, initial, cj, znd)?;
    Ok(CellEstimates {
        a29: cell_width_by(CellModel::A29, &kinetics)?,
        westbrook: cell_width_by(CellModel::Westbrook, &kinetics)?,
        gavrikov: cell_width_by(CellModel::Gavrikov, &kinetics)?,
        ng: cell_width_by(CellModel::Ng, &kinetics)?,
        kinetics,
    })
}

/// CV explosion from (T, p, x): induction time (time of max dT/dt).
fn cv_induction(kin: &Kinetics, state: &GasState, end_time: f64) -> Result<f64> {
    let run = run_reactor(
        kin,
        state,
        &ReactorOptions {
            kind: ReactorKind::ConstantVolume,
            end_time,
            ..ReactorOptions::default()
        },
    )?;
    run.ignition
        .map(|i| i.delay_dtdt)
        .ok_or_else(|| ChemError::Znd {
            reason: format!(
                "no constant-volume explosion from T = {:.1} K, p = {:.4e} Pa within {end_time:.3e} s",
                state.temperature, state.pressure
            ),
            hint: "the post-shock state may be too cold for the cell-width correlations".into(),
        })
}

/// `n` ≥ 2 equally spaced times from 0 to `t_end`, the last exactly `t_end`. The fraction is
/// taken first: i/(n − 1) ≤ 1 is exactly 1 at the end, so no time exceeds `t_end`, whereas
/// t_end·i/(n − 1) lands an ulp beyond it for about 1 % of end times (and the reactor rejects
/// an output time past its end time).
fn sample_times(t_end: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| t_end * (i as f64 / (n - 1) as f64))
        .collect()
}

/// Time at which `series` first crosses `level` (linear interpolation).
fn crossing(times: &[f64], series: &[f64], level: f64, what: &str) -> Result<f64> {
    times
        .windows(2)
        .zip(series.windows(2))
        .find(|(_, y)| (y[0] - level) * (y[1] - level) <= 0.0 && (y[1] - y[0]).abs() > 0.0)
        .map(|(t, y)| t[0] + (level - y[0]) / (y[1] - y[0]) * (t[1] - t[0]))
        .ok_or_else(|| ChemError::Znd {
            reason: format!("the CV explosion does not reach half of its {what}"),
            hint: "check the mixture and the mechanism".into(),
        })
}

/// Kinetic inputs of the correlations (module docs give every definition).
///
/// # Errors
/// [`ChemError::Znd`] when a CV explosion does not ignite or the mixture lacks H2 or O2 (the
/// limiting reactant of the Gavrikov length); errors of the reactor, equilibrium and shock
/// solvers.
pub fn cell_kinetics(
    gas: &GasMixture,
    initial: &GasState,
    cj: &CjResult,
    znd: &ZndResult,
) -> Result<CellKinetics> {
    let kin = Kinetics::new(gas)?;
    let x0 = &initial.mole_fractions;
    let vn = &znd.von_neumann.post.state;
    let (ts, ps) = (vn.temperature, vn.pressure);
    let w_vn = znd.von_neumann.relative_speed_behind;
    let end = (1e3 * znd.induction_time).clamp(1e-6, 1.0);
    let at = |t: f64, p: f64| gas.state_tpx(t, p, x0);

    // Local activation energy, T_vN ± 2 % at p_vN.
    let (ta, tb) = (
        (1.0 + THETA_PERTURBATION) * ts,
        (1.0 - THETA_PERTURBATION) * ts,
    );
    let tau_a = cv_induction(&kin, &at(ta, ps)?, end)?;
    let tau_b = cv_induction(&kin, &at(tb, ps)?, end)?;
    let theta = (tau_a / tau_b).ln() / (1.0 / ta - 1.0 / tb) / ts;

    // Gavrikov's activation energy: frozen shocks at U_CJ and 1.6 U_CJ, T at 1.3 U_CJ.
    let u = cj.cj_speed;
    let s16 = post_shock(gas, initial, 1.6 * u, Chemistry::Frozen)?
        .post
        .state;
    let t13 = post_shock(gas, initial, 1.3 * u, Chemistry::Frozen)?
        .post
        .state
        .temperature;
    let tau_vn = cv_induction(&kin, &at(ts, ps)?, end)?;
    let tau_16 = cv_induction(&kin, &at(s16.temperature, s16.pressure)?, end)?;
    let theta_gavrikov = (tau_16 / tau_vn).ln() / (1.0 / s16.temperature - 1.0 / ts) / t13;

    // Half-way times of the CV explosion from the von Neumann state.
    let index = |name: &str| gas.species_index(name).filter(|&i| x0[i] > 0.0);
    let (Some(ih2), Some(io2)) = (index("H2"), index("O2")) else {
        return Err(ChemError::Znd {
            reason: "the Gavrikov length needs H2 and O2 in the mixture".into(),
            hint: "the cell-width correlations are implemented for H2-O2(-diluent) mixtures".into(),
        });
    };
    let (il, limiting) = if x0[ih2] <= 2.0 * x0[io2] {
        (ih2, "H2")
    } else {
        (io2, "O2")
    };
    let eq = equilibrate(gas, &at(ts, ps)?, EquilibriumMode::UV)?.state;
    let x_half = 0.5 * (x0[il] + eq.mole_fractions[il]);
    let t_half = 0.5 * (ts + eq.temperature);
    let t_end = 3.0 * tau_vn;
    let times = sample_times(t_end, CROSSING_SAMPLES);
    let run = run_reactor(
        &kin,
        &at(ts, ps)?,
        &ReactorOptions {
            kind: ReactorKind::ConstantVolume,
            end_time: t_end,
            record: Record::Times(times),
            record_species: true,
            ..ReactorOptions::default()
        },
    )?;
    let s = &run.series;
    let xl: Vec<f64> = s.mole_fractions.iter().map(|x| x[il]).collect();
    let t_g = crossing(&s.time, &xl, x_half, "limiting-reactant consumption")?;
    let t_w = crossing(&s.time, &s.temperature, t_half, "temperature rise")?;

    let reaction_length = cj.relative_speed_behind / znd.max_thermicity;
    Ok(CellKinetics {
        initial_temperature: initial.temperature,
        von_neumann_temperature: ts,
        von_neumann_speed: w_vn,
        cj_flow_speed: cj.relative_speed_behind,
        induction_length: znd.induction_length,
        max_thermicity: znd.max_thermicity,
        reaction_length,
        cv_induction_time: tau_vn,
        theta,
        theta_gavrikov,
        limiting_species: limiting,
        gavrikov_length: t_g * w_vn,
        westbrook_length: t_w * w_vn,
        chi: theta * znd.induction_length / reaction_length,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_times_end_exactly_at_the_end_time() {
        // 1.788019941659267e-6 s is an end time where t_end·4000/4000 exceeds t_end.
        let ends = (0..2000).map(|i| 1e-7 * 1.0123_f64.powi(i));
        for t_end in ends.chain([1.788_019_941_659_267e-6]) {
            let t = sample_times(t_end, CROSSING_SAMPLES);
            assert_eq!(t.len(), CROSSING_SAMPLES);
            assert_eq!(
                t[CROSSING_SAMPLES - 1].to_bits(),
                t_end.to_bits(),
                "{t_end:e}"
            );
            assert!(
                t.windows(2).all(|w| w[0] < w[1] && w[1] <= t_end),
                "{t_end:e}"
            );
        }
    }
}
