//! The chemistry studies behind `petrocket chem equilibrium|ignition|cj|znd|flame-speed`.
//!
//! Each takes a loaded [`GasMixture`] and an initial [`GasState`] (the caller loads the
//! mechanism, from its bundled name or a bounded read of a Cantera YAML file, and sets the
//! state) and returns the command's JSON object as a typed result.
//!
//! The modelling decisions here: a mixture outside the detonability limits gets a "not
//! detonable" answer without a CJ or ZND computation (and, with a vessel, the screening from
//! the limits alone); where the limits do not cover the mixture (a fuel other than H2) the
//! computation goes on with a warning; the cell width behind the screening is the chosen
//! correlation's central value with its band widened to the spread of all four correlations
//! ([`chosen_cell`]); the A = 29 estimate stands alone when the other correlations cannot be
//! evaluated; the flame speed comes with the HP-equilibrium expansion ratio and adiabatic
//! flame temperature.
//!
//! They live in this crate, not in `petrocket-chem`, with the other studies
//! ([`crate::studies`]): they are the tool's workflows on top of the chemistry library.

use petrocket_chem::combustion::burn_at_constant_pressure;
use petrocket_chem::detonation::{
    assess_vessel, cell_width, cell_widths, cj_state, detonation, znd, Assessment, CellEstimates,
    CellModel, CellWidth, Criterion, Vessel, ZndOptions,
};
use petrocket_chem::flame::{self, BurningVelocityModel, FlameSpeed};
use petrocket_chem::limits::{detonability, LimitCheck};
use petrocket_chem::reactor::{run_reactor, Method, ReactorOptions, ReactorRun};
use petrocket_chem::{equilibrate, ChemError, EquilibriumMode, GasMixture, GasState, Kinetics};
use serde::Serialize;
use std::collections::BTreeMap;

type Result<T> = std::result::Result<T, ChemError>;

/// Mole fractions keyed by species name (all species).
pub type MoleFractions = BTreeMap<String, f64>;

fn mole_fractions(gas: &GasMixture, x: &[f64]) -> MoleFractions {
    gas.named(x).map(|(n, v)| (n.to_string(), v)).collect()
}

/// A temperature and a pressure.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TpState {
    /// Temperature, K.
    pub temperature_K: f64,
    /// Pressure, Pa.
    pub pressure_Pa: f64,
}

impl TpState {
    fn of(s: &GasState) -> Self {
        Self {
            temperature_K: s.temperature,
            pressure_Pa: s.pressure,
        }
    }
}

// ---------------------------------------------------------------------------------------
// equilibrium

/// Result of [`equilibrium_study`]: the JSON of `petrocket chem equilibrium --json`.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct EquilibriumReport {
    /// Properties held fixed (`UV`, …).
    pub mode: &'static str,
    /// The mechanism's source (bundled name or file).
    pub mechanism: String,
    /// The fresh state.
    pub initial: TpState,
    pub temperature_K: f64,
    pub pressure_Pa: f64,
    pub density_kg_m3: f64,
    pub mean_molecular_weight_kg_per_mol: f64,
    pub h_mass_J_per_kg: f64,
    pub u_mass_J_per_kg: f64,
    pub s_mass_J_per_kg_K: f64,
    pub cp_mass_J_per_kg_K: f64,
    pub sound_speed_frozen_m_s: f64,
    /// Equilibrium mole fractions.
    pub mole_fractions: MoleFractions,
    /// Solver iterations.
    pub iterations: usize,
    /// Warnings of the solver.
    pub warnings: Vec<String>,
}

/// Chemical equilibrium of `fresh` holding the properties of `mode` fixed.
pub fn equilibrium_study(
    gas: &GasMixture,
    fresh: &GasState,
    mode: EquilibriumMode,
) -> Result<EquilibriumReport> {
    let r = equilibrate(gas, fresh, mode)?;
    let props = gas.properties(&r.state);
    Ok(EquilibriumReport {
        mode: mode.as_str(),
        mechanism: gas.mechanism().source.clone(),
        initial: TpState::of(fresh),
        temperature_K: r.state.temperature,
        pressure_Pa: r.state.pressure,
        density_kg_m3: props.density,
        mean_molecular_weight_kg_per_mol: props.mean_molecular_weight,
        h_mass_J_per_kg: props.h_mass(),
        u_mass_J_per_kg: props.u_mass(),
        s_mass_J_per_kg_K: props.s_mass(),
        cp_mass_J_per_kg_K: props.cp_mass(),
        sound_speed_frozen_m_s: props.sound_speed_frozen,
        mole_fractions: mole_fractions(gas, &r.state.mole_fractions),
        iterations: r.iterations,
        warnings: r.warnings.clone(),
    })
}

// ---------------------------------------------------------------------------------------
// ignition

/// Result of [`ignition_study`]: the JSON of `petrocket chem ignition --json`.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct IgnitionReport {
    pub mechanism: String,
    /// Reactor name.
    pub reactor: &'static str,
    pub initial: TpState,
    pub end_time_s: f64,
    pub rtol: f64,
    pub atol: f64,
    pub ignited: bool,
    /// One line: ignited or not, and when.
    pub outcome: String,
    /// Ignition delay at the steepest temperature rise, s.
    pub ignition_delay_s: Option<f64>,
    /// At the steepest pressure rise (constant volume), s.
    pub ignition_delay_dpdt_s: Option<f64>,
    /// When the temperature is 400 K above the initial, s.
    pub ignition_delay_T400_s: Option<f64>,
    pub peak_pressure_Pa: f64,
    pub peak_pressure_time_s: f64,
    pub max_dpdt_Pa_s: f64,
    pub max_dpdt_time_s: f64,
    pub max_dTdt_K_s: f64,
    pub peak_temperature_K: f64,
    pub final_temperature_K: f64,
    pub final_pressure_Pa: f64,
    pub final_mole_fractions: MoleFractions,
    pub solver: IgnitionSolver,
    pub conservation: IgnitionConservation,
    /// The full run (time series for a CSV).
    #[serde(skip)]
    pub run: ReactorRun,
}

/// Integrator statistics.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct IgnitionSolver {
    pub method: &'static str,
    pub integrator: &'static str,
    pub steps: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub rhs_evals: usize,
    pub jacobian_evals: usize,
    pub lu_decompositions: usize,
    pub newton_failures: usize,
}

/// Conservation checks of the run.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct IgnitionConservation {
    pub energy_rel_drift: f64,
    pub held_rel_drift: f64,
    pub mass_fraction_sum_error: f64,
}

/// Adiabatic autoignition of `fresh` in the reactor of `options`.
pub fn ignition_study(
    gas: &GasMixture,
    fresh: &GasState,
    options: &ReactorOptions,
) -> Result<IgnitionReport> {
    let kin = Kinetics::new(gas)?;
    let run = run_reactor(&kin, fresh, options)?;
    let ig = run.ignition.as_ref();
    let o = options;
    Ok(IgnitionReport {
        mechanism: gas.mechanism().source.clone(),
        reactor: o.kind.name(),
        initial: TpState::of(&run.initial),
        end_time_s: run.end_time,
        rtol: o.rtol,
        atol: o.atol,
        ignited: run.ignited(),
        outcome: run.outcome(),
        ignition_delay_s: ig.map(|i| i.delay_dtdt),
        ignition_delay_dpdt_s: ig.and_then(|i| i.delay_dpdt),
        ignition_delay_T400_s: ig.map(|i| i.delay_t400),
        peak_pressure_Pa: run.peak_pressure.0,
        peak_pressure_time_s: run.peak_pressure.1,
        max_dpdt_Pa_s: run.max_dpdt.0,
        max_dpdt_time_s: run.max_dpdt.1,
        max_dTdt_K_s: run.max_dtdt,
        peak_temperature_K: run.peak_temperature,
        final_temperature_K: run.final_state.temperature,
        final_pressure_Pa: run.final_state.pressure,
        final_mole_fractions: mole_fractions(gas, &run.final_state.mole_fractions),
        solver: IgnitionSolver {
            method: match o.method {
                Method::Bdf => "NDF/BDF orders 1-5",
                Method::Radau5 => "Radau IIA order 5",
            },
            integrator: o.method.name(),
            steps: run.stats.steps,
            accepted: run.stats.accepted,
            rejected: run.stats.rejected,
            rhs_evals: run.stats.rhs_evals,
            jacobian_evals: run.stats.jacobian_evals,
            lu_decompositions: run.stats.lu_decompositions,
            newton_failures: run.stats.newton_failures,
        },
        conservation: IgnitionConservation {
            energy_rel_drift: run.conservation.energy_rel_drift,
            held_rel_drift: run.conservation.held_rel_drift,
            mass_fraction_sum_error: run.conservation.mass_fraction_sum_error,
        },
        run,
    })
}

// ---------------------------------------------------------------------------------------
// detonation limits, CJ, ZND

/// A detonability-limit check as JSON.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct DetonabilityLimits {
    pub inside: bool,
    pub fuel_mole_fraction: f64,
    pub lower: f64,
    pub upper: f64,
    pub margin: f64,
    pub basis: String,
}

impl From<&LimitCheck> for DetonabilityLimits {
    fn from(l: &LimitCheck) -> Self {
        Self {
            inside: l.inside,
            fuel_mole_fraction: l.fuel_mole_fraction,
            lower: l.lower,
            upper: l.upper,
            margin: l.margin,
            basis: l.basis.clone(),
        }
    }
}

/// The detonability-limit check, or `None` with a warning when the limits do not cover the
/// mixture (e.g. a fuel other than H2).
fn limits(gas: &GasMixture, s: &GasState, warnings: &mut Vec<String>) -> Option<LimitCheck> {
    match detonability(gas, &s.mole_fractions) {
        Ok(l) => Some(l),
        Err(e) => {
            warnings.push(format!("detonability limits not checked: {e}"));
            None
        }
    }
}

/// The answer for a mixture outside the detonability limits.
#[derive(Debug, Clone, Serialize)]
pub struct NotDetonable {
    /// `cj` or `znd`.
    pub command: &'static str,
    /// The mechanism's source.
    pub mechanism: String,
    /// Always false.
    pub detonable: bool,
    /// The limits' verdict.
    pub message: String,
    /// The limits.
    pub detonability_limits: DetonabilityLimits,
    /// The vessel screening from the limits alone (ZND with a vessel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detonability: Option<VesselScreening>,
}

impl NotDetonable {
    fn new(command: &'static str, gas: &GasMixture, l: &LimitCheck) -> Self {
        Self {
            command,
            mechanism: gas.mechanism().source.clone(),
            detonable: false,
            message: l.verdict(),
            detonability_limits: l.into(),
            detonability: None,
        }
    }
}

/// Result of [`cj_study`] and [`znd_study`]: detonable (the computation) or not (the limits'
/// answer); the JSON of `petrocket chem cj|znd --json`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Detonability<T> {
    /// Inside the limits (or limits not applicable): the computation.
    Detonable(Box<T>),
    /// Outside the limits.
    NotDetonable(NotDetonable),
}

/// A study result with warnings that are not part of its JSON (printed on stderr).
#[derive(Debug, Clone, Serialize)]
pub struct WithWarnings<T> {
    /// The result.
    #[serde(flatten)]
    pub result: T,
    /// Warnings for stderr (e.g. limits that do not apply).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// CJ detonation, von Neumann spike and the closed-end reflected shocks.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct CjReport {
    pub command: &'static str,
    pub mechanism: String,
    pub initial: TpState,
    pub detonable: bool,
    pub message: &'static str,
    pub converged: bool,
    pub cj_speed_m_s: f64,
    pub cj_pressure_Pa: f64,
    pub cj_temperature_K: f64,
    pub cj_density_kg_m3: f64,
    pub cj_sound_speed_equilibrium_m_s: f64,
    pub cj_particle_velocity_m_s: f64,
    pub cj_mole_fractions: MoleFractions,
    /// (w2 − a_eq)/a_eq at the CJ point.
    pub sonic_residual: f64,
    pub cj_iterations: usize,
    pub cj_residual: f64,
    pub von_neumann_pressure_Pa: f64,
    pub von_neumann_temperature_K: f64,
    pub von_neumann_density_kg_m3: f64,
    pub reflected_pressure_Pa: f64,
    pub reflected_temperature_K: f64,
    pub reflected_shock_speed_m_s: f64,
    pub reflected_frozen_pressure_Pa: f64,
    pub reflected_frozen_temperature_K: f64,
    pub reflected_frozen_shock_speed_m_s: f64,
    pub detonability_limits: Option<DetonabilityLimits>,
    /// The limits' one-line verdict (text output).
    #[serde(skip)]
    pub limits_verdict: Option<String>,
}

/// CJ detonation of `fresh`, unless outside the detonability limits.
pub fn cj_study(
    gas: &GasMixture,
    fresh: &GasState,
) -> Result<WithWarnings<Detonability<CjReport>>> {
    let mut warnings = Vec::new();
    let lim = limits(gas, fresh, &mut warnings);
    if let Some(l) = lim.as_ref().filter(|l| !l.inside) {
        return Ok(WithWarnings {
            result: Detonability::NotDetonable(NotDetonable::new("cj", gas, l)),
            warnings,
        });
    }
    let d = detonation(gas, fresh)?;
    let cj = &d.cj;
    let (re, rf) = (&d.reflected_equilibrium, &d.reflected_frozen);
    let vn = &cj.von_neumann.post;
    let report = CjReport {
        command: "cj",
        mechanism: gas.mechanism().source.clone(),
        initial: TpState::of(fresh),
        detonable: true,
        message: "CJ detonation",
        converged: true,
        cj_speed_m_s: cj.cj_speed,
        cj_pressure_Pa: cj.cj.state.pressure,
        cj_temperature_K: cj.cj.state.temperature,
        cj_density_kg_m3: cj.cj.density,
        cj_sound_speed_equilibrium_m_s: cj.cj.sound_speed,
        cj_particle_velocity_m_s: cj.particle_velocity,
        cj_mole_fractions: mole_fractions(gas, &cj.cj.state.mole_fractions),
        sonic_residual: cj.sonic_residual,
        cj_iterations: cj.cj.iterations,
        cj_residual: cj.cj.residual,
        von_neumann_pressure_Pa: vn.state.pressure,
        von_neumann_temperature_K: vn.state.temperature,
        von_neumann_density_kg_m3: vn.density,
        reflected_pressure_Pa: re.post.state.pressure,
        reflected_temperature_K: re.post.state.temperature,
        reflected_shock_speed_m_s: re.shock_speed,
        reflected_frozen_pressure_Pa: rf.post.state.pressure,
        reflected_frozen_temperature_K: rf.post.state.temperature,
        reflected_frozen_shock_speed_m_s: rf.shock_speed,
        detonability_limits: lim.as_ref().map(Into::into),
        limits_verdict: lim.as_ref().map(LimitCheck::verdict),
    };
    Ok(WithWarnings {
        result: Detonability::Detonable(Box::new(report)),
        warnings,
    })
}

/// A cell width as JSON.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct CellJson {
    pub central_m: f64,
    pub lower_m: f64,
    pub upper_m: f64,
    pub length_m: f64,
    pub basis: &'static str,
}

impl From<&CellWidth> for CellJson {
    fn from(c: &CellWidth) -> Self {
        Self {
            central_m: c.central,
            lower_m: c.lower,
            upper_m: c.upper,
            length_m: c.induction_length,
            basis: c.basis,
        }
    }
}

/// All four cell-width correlations and the kinetic parameters behind them.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct CellModels {
    /// By correlation name.
    pub models: BTreeMap<&'static str, CellJson>,
    /// Smallest and largest central value, m.
    pub spread_m: [f64; 2],
    pub theta: f64,
    pub theta_gavrikov: f64,
    pub chi: f64,
    pub reaction_length_m: f64,
    pub cv_induction_time_s: f64,
    pub gavrikov_length_m: f64,
    pub westbrook_length_m: f64,
    pub limiting_species: &'static str,
    /// The estimates (text output).
    #[serde(skip)]
    pub estimates: CellEstimates,
}

impl From<&CellEstimates> for CellModels {
    fn from(e: &CellEstimates) -> Self {
        let k = &e.kinetics;
        Self {
            models: CellModel::ALL
                .iter()
                .map(|m| (m.name(), e.by(*m).into()))
                .collect(),
            spread_m: [e.spread().0, e.spread().1],
            theta: k.theta,
            theta_gavrikov: k.theta_gavrikov,
            chi: k.chi,
            reaction_length_m: k.reaction_length,
            cv_induction_time_s: k.cv_induction_time,
            gavrikov_length_m: k.gavrikov_length,
            westbrook_length_m: k.westbrook_length,
            limiting_species: k.limiting_species,
            estimates: e.clone(),
        }
    }
}

/// A vessel's detonability screening as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct VesselScreening {
    /// Grade name.
    pub grade: &'static str,
    /// Expansion ratio of the burned gas.
    pub expansion_ratio: f64,
    /// Each criterion.
    pub criteria: Vec<Criterion>,
    /// What the grade means.
    pub note: &'static str,
}

impl From<&Assessment> for VesselScreening {
    fn from(a: &Assessment) -> Self {
        Self {
            grade: a.grade.as_str(),
            expansion_ratio: a.expansion_ratio,
            criteria: a.criteria.clone(),
            note: a.note,
        }
    }
}

/// The cell width behind `cell_width_m` and the screening: the chosen model's central value,
/// its band widened to the spread of all four models (no band is published with Gavrikov's
/// and Ng's fits); `a29` keeps its own band (Shepherd 1986).
pub fn chosen_cell(model: CellModel, e: &CellEstimates) -> CellWidth {
    let mut c = e.by(model).clone();
    if model != CellModel::A29 {
        let (lo, hi) = e.spread();
        c.lower = c.lower.min(lo);
        c.upper = c.upper.max(hi);
    }
    c
}

/// ZND structure at the CJ speed, cell width, and the vessel screening.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct ZndReport {
    pub command: &'static str,
    pub mechanism: String,
    pub initial: TpState,
    pub detonable: bool,
    pub message: &'static str,
    pub shock_speed_m_s: f64,
    pub von_neumann_pressure_Pa: f64,
    pub von_neumann_temperature_K: f64,
    pub induction_length_m: f64,
    pub induction_time_s: f64,
    pub exothermic_length_m: f64,
    pub exothermic_time_s: f64,
    pub max_thermicity_1_s: f64,
    pub end_temperature_K: f64,
    pub end_mach: f64,
    pub steps: usize,
    pub cell_width_m: f64,
    pub cell_width_lower_m: f64,
    pub cell_width_upper_m: f64,
    pub cell_width_basis: &'static str,
    pub cell_model: &'static str,
    /// All correlations, `None` if they could not be evaluated.
    pub cell_models: Option<CellModels>,
    /// Why they could not.
    pub cell_models_error: Option<String>,
    pub detonability_limits: Option<DetonabilityLimits>,
    /// The vessel screening, with a vessel.
    pub detonability: Option<VesselScreening>,
}

/// ZND structure, cell width (`model`) and, with a `vessel`, its detonability screening;
/// outside the detonability limits the limits' answer (with the vessel, its screening from
/// the limits alone).
pub fn znd_study(
    gas: &GasMixture,
    fresh: &GasState,
    vessel: Option<Vessel>,
    model: CellModel,
) -> Result<WithWarnings<Detonability<ZndReport>>> {
    let mut warnings = Vec::new();
    let lim = limits(gas, fresh, &mut warnings);
    if let Some(v) = vessel {
        // Outside the limits: the screening answers without a ZND computation.
        if lim.as_ref().is_some_and(|l| !l.inside) {
            let s = assess_vessel(gas, fresh, v, None)?;
            let mut nd = NotDetonable::new("znd", gas, &s.limits);
            nd.detonability = Some((&s).into());
            return Ok(WithWarnings {
                result: Detonability::NotDetonable(nd),
                warnings,
            });
        }
    }
    if let Some(l) = lim.as_ref().filter(|l| !l.inside) {
        return Ok(WithWarnings {
            result: Detonability::NotDetonable(NotDetonable::new("znd", gas, l)),
            warnings,
        });
    }
    let cj = cj_state(gas, fresh)?;
    let z = znd(gas, fresh, Some(cj.cj_speed), &ZndOptions::default())?;
    let estimates = match cell_widths(gas, fresh, &cj, &z) {
        Ok(e) => Ok(e),
        Err(e) if model != CellModel::A29 => return Err(e),
        Err(e) => Err(e.to_string()),
    };
    let cell = match &estimates {
        Ok(e) => chosen_cell(model, e),
        Err(_) => cell_width(z.induction_length)?,
    };
    let screening = match vessel {
        Some(v) => Some(assess_vessel(gas, fresh, v, Some(&cell))?),
        None => None,
    };
    let report = ZndReport {
        command: "znd",
        mechanism: gas.mechanism().source.clone(),
        initial: TpState::of(fresh),
        detonable: true,
        message: "ZND structure at the CJ speed",
        shock_speed_m_s: z.shock_speed,
        von_neumann_pressure_Pa: z.von_neumann.post.state.pressure,
        von_neumann_temperature_K: z.von_neumann.post.state.temperature,
        induction_length_m: z.induction_length,
        induction_time_s: z.induction_time,
        exothermic_length_m: z.exothermic_length,
        exothermic_time_s: z.exothermic_time,
        max_thermicity_1_s: z.max_thermicity,
        end_temperature_K: z.end_temperature,
        end_mach: z.end_mach,
        steps: z.steps,
        cell_width_m: cell.central,
        cell_width_lower_m: cell.lower,
        cell_width_upper_m: cell.upper,
        cell_width_basis: cell.basis,
        cell_model: model.name(),
        cell_models: estimates.as_ref().ok().map(Into::into),
        cell_models_error: estimates.as_ref().err().cloned(),
        detonability_limits: lim.as_ref().map(Into::into),
        detonability: screening.as_ref().map(Into::into),
    };
    Ok(WithWarnings {
        result: Detonability::Detonable(Box::new(report)),
        warnings,
    })
}

// ---------------------------------------------------------------------------------------
// flame speed

/// A flammability-limit check as JSON.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct FlammabilityLimits {
    pub inside: bool,
    pub fuel_mole_fraction: f64,
    pub lower: f64,
    pub upper: f64,
    pub basis: String,
}

impl From<&LimitCheck> for FlammabilityLimits {
    fn from(l: &LimitCheck) -> Self {
        Self {
            inside: l.inside,
            fuel_mole_fraction: l.fuel_mole_fraction,
            lower: l.lower,
            upper: l.upper,
            basis: l.basis.clone(),
        }
    }
}

/// The correlation used.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelationRef {
    /// Name.
    pub name: &'static str,
    /// Source.
    pub citation: &'static str,
}

/// The mixture as the correlation sees it.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct FlameMixtureJson {
    pub phi: f64,
    pub oxidiser: &'static str,
    pub fuel_mole_fraction: f64,
    pub diluent_mole_fractions: BTreeMap<&'static str, f64>,
}

/// Result of [`flame_speed_study`]: the JSON of `petrocket chem flame-speed --json`.
/// Outside the flammability limits the numbers are `None` and `mixture` and
/// `burned_mole_fractions` are absent.
#[derive(Debug, Clone, Serialize)]
pub struct FlameSpeedReport {
    /// Inside the flammability limits.
    pub flammable: bool,
    /// One line.
    pub verdict: String,
    /// Laminar burning velocity, m/s.
    pub laminar_burning_velocity_m_s: Option<f64>,
    /// ρu/ρb of the HP-burned gas.
    pub expansion_ratio: Option<f64>,
    /// HP-equilibrium temperature, K.
    pub adiabatic_flame_temperature_K: Option<f64>,
    /// Inside the correlation's validity range.
    pub in_validity_range: bool,
    /// The correlation used.
    pub correlation: Option<CorrelationRef>,
    /// The mixture as the correlation sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixture: Option<FlameMixtureJson>,
    /// Mole fractions of the HP-burned gas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burned_mole_fractions: Option<MoleFractions>,
    /// Flammability limits.
    pub limits: FlammabilityLimits,
    /// The mechanism's source.
    pub mechanism: String,
    /// The fresh state.
    pub initial: TpState,
    /// Warnings of the correlation and the HP equilibrium.
    pub warnings: Vec<String>,
}

/// Laminar burning velocity of `fresh` by `model` (default: the correlation for the
/// mixture's oxidiser), with the expansion ratio and adiabatic flame temperature of the
/// HP-equilibrium burned gas.
pub fn flame_speed_study(
    gas: &GasMixture,
    fresh: &GasState,
    model: Option<&dyn BurningVelocityModel>,
) -> Result<FlameSpeedReport> {
    let initial = TpState::of(fresh);
    let mechanism = gas.mechanism().source.clone();
    let b = match flame::laminar_burning_velocity_with(gas, fresh, model)? {
        FlameSpeed::NotFlammable { reason, limits } => {
            return Ok(FlameSpeedReport {
                flammable: false,
                verdict: reason,
                laminar_burning_velocity_m_s: None,
                expansion_ratio: None,
                adiabatic_flame_temperature_K: None,
                in_validity_range: false,
                correlation: None,
                mixture: None,
                burned_mole_fractions: None,
                limits: (&limits).into(),
                mechanism,
                initial,
                warnings: Vec::new(),
            });
        }
        FlameSpeed::Burning(b) => b,
    };
    let burned = burn_at_constant_pressure(gas, fresh)?;
    let mut warnings = b.warnings.clone();
    warnings.extend(burned.warnings.iter().cloned());
    let m = &b.mixture;
    Ok(FlameSpeedReport {
        flammable: true,
        verdict: format!("flammable: S_L = {:.4} m/s", b.laminar_burning_velocity_m_s),
        laminar_burning_velocity_m_s: Some(b.laminar_burning_velocity_m_s),
        expansion_ratio: Some(burned.expansion_ratio),
        adiabatic_flame_temperature_K: Some(burned.adiabatic_flame_temperature_k),
        in_validity_range: b.in_validity_range,
        correlation: Some(CorrelationRef {
            name: b.correlation,
            citation: b.citation,
        }),
        mixture: Some(FlameMixtureJson {
            phi: m.phi,
            oxidiser: m.oxidiser.name(),
            fuel_mole_fraction: m.fuel_mole_fraction,
            diluent_mole_fractions: m.diluents.iter().map(|(d, x)| (d.name(), *x)).collect(),
        }),
        burned_mole_fractions: Some(mole_fractions(gas, &burned.burned.mole_fractions)),
        limits: (&b.limits).into(),
        mechanism,
        initial,
        warnings,
    })
}
