//! The main job, `petrocket run`, as a composition of typed, I/O-free stages:
//!
//! 1. [`inputs::resolve`] — config → SI values, mechanism, mixture, bottle (the only stage that
//!    reads files, through [`Resources`], which many runs can share);
//! 2. [`charge::burn`] — AICC state, "no combustion", flammability, thermo sanity;
//! 3. [`crate::screening::screen`] — detonation screening with a graded credibility and the CJ
//!    and reflected-shock states;
//! 4. [`loads::Wall::new`] and [`loads::modes`] — the wall's burst pressure and each mode's
//!    load and safety factor;
//! 5. the verdict ([`crate::safety::verdict`]).
//!
//! Each stage states its own assumptions; an [`Observer`] sees each stage finish with its
//! wall time (the CLI logs them at debug level, `-vv`). A failed or non-finite computation is
//! an error, never a verdict.

pub mod charge;
pub mod inputs;
pub mod loads;

pub use charge::{AiccResult, Charge};
pub use inputs::{
    BottleInputs, InitialInputs, LoadedMechanism, MixtureInputs, Resolved, ResolvedInputs,
    Resources, DEFAULT_MOUTH_BORE_M,
};
pub use loads::{CombustionMode, ModeResult, Wall};

use crate::config::Config;
use crate::error::{PipelineError, Result};
use crate::safety::{report_sf, sf_text, verdict, DetonationScreening, Verdict};
use crate::screening;
use serde::Serialize;
use std::time::{Duration, Instant};

/// The stages of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Config resolution, mechanism and materials.
    Inputs,
    /// AICC state, no-combustion and flammability checks.
    Charge,
    /// Detonation screening.
    DetonationScreening,
    /// Wall burst pressure and mode loads.
    Loads,
    /// The verdict.
    Verdict,
}

impl Stage {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Inputs => "inputs",
            Stage::Charge => "charge",
            Stage::DetonationScreening => "detonation screening",
            Stage::Loads => "loads",
            Stage::Verdict => "verdict",
        }
    }
}

/// Sees the run's progress: each stage as it finishes, with its wall time. Progress bars,
/// timing tables and sweeps' bookkeeping hang on this.
pub trait Observer {
    /// `stage` finished after `elapsed`.
    fn stage_finished(&mut self, stage: Stage, elapsed: Duration) {
        let _ = (stage, elapsed);
    }
}

/// An observer that does nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoObserver;

impl Observer for NoObserver {}

/// Results of a run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// Fill gauge pressure before ignition (Pa).
    pub initial_gauge_pressure_Pa: f64,
    /// Closed-vessel bound.
    pub aicc: AiccResult,
    /// Whether the charge can burn at all (its AICC pressure rise is at least
    /// `safety::NO_COMBUSTION_RISE` of the fill); `false` means "no combustion".
    pub combustion: bool,
    /// Whether the charge is flammable (H2 ≥ 4 %, VALIDATION C9).
    pub flammable: bool,
    /// Detonation screening outcome.
    pub detonation_screening: DetonationScreening,
    /// Quasi-static burst pressure of the sidewall, gauge (Pa).
    pub burst_pressure_gauge_Pa: f64,
    /// Per-mode loads.
    pub modes: Vec<ModeResult>,
    /// Mode with the smallest safety factor among those considered.
    pub governing_mode: CombustionMode,
    /// Smallest safety factor (None: no tensile load, or above `safety::SF_REPORT_CAP`).
    pub min_safety_factor: Option<f64>,
    /// The smallest safety factor as shown to people (`0.88`, `> 1000`, `n/a (...)`).
    pub min_safety_factor_text: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Where the wall would fail first, when the verdict is `unsafe`: the only region this
    /// model assesses, the cylindrical sidewall, under the governing mode's load.
    pub failure_location: Option<String>,
}

/// Tool identification.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ToolInfo {
    /// `petrocket`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
}

/// Everything a run produces; serialised as `summary.json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
    /// Tool and version.
    pub tool: ToolInfo,
    /// SHA-256 of the canonical JSON of `inputs`.
    pub input_hash_sha256: String,
    /// The config the run used (after `--set` overrides, defaults filled in); reads back as
    /// a config file.
    pub config: Config,
    /// Resolved inputs.
    pub inputs: ResolvedInputs,
    /// Results.
    pub results: Results,
    /// Model assumptions that drove the verdict.
    pub assumptions: Vec<String>,
    /// Warnings (e.g. extrapolated thermo data).
    pub warnings: Vec<String>,
}

pub(crate) fn finite(quantity: &'static str, value: f64, context: &str) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(PipelineError::NonFinite {
            quantity,
            value,
            context: context.into(),
        })
    }
}

/// Run the assessment for a parsed configuration (fresh [`Resources`], no observer).
pub fn run(config: &Config) -> Result<Assessment> {
    run_with(config, &Resources::new(), &mut NoObserver)
}

/// Run the assessment with shared `resources` (mechanisms and materials loaded once for many
/// runs) and an `observer` of the stages. Also logs each stage's wall time at debug level.
pub fn run_with(
    config: &Config,
    resources: &Resources,
    observer: &mut dyn Observer,
) -> Result<Assessment> {
    let _span = tracing::debug_span!("pipeline").entered();
    let t_start = Instant::now();
    let mut t_stage = t_start;
    let mut done = |stage: Stage| {
        let elapsed = t_stage.elapsed();
        tracing::debug!(
            stage = stage.as_str(),
            elapsed_ms = elapsed.as_secs_f64() * 1e3,
            "pipeline stage finished"
        );
        observer.stage_finished(stage, elapsed);
        t_stage = Instant::now();
    };

    let resolved = inputs::resolve(config, resources)?;
    let mut warnings = resolved.warnings.clone();
    done(Stage::Inputs);

    let charge = charge::burn(&resolved, &mut warnings)?;
    done(Stage::Charge);

    let detonation = if charge.burns {
        screening::screen(
            resolved.gas(),
            &charge.fresh,
            &resolved.bottle,
            &mut warnings,
        )?
    } else {
        DetonationScreening::not_applicable(
            &resolved.bottle,
            "no combustion: the charge has nothing to burn".into(),
        )
    };
    done(Stage::DetonationScreening);

    let i = &resolved.inputs;
    let (t0, p0, p_amb) = (
        i.initial.temperature_K,
        i.initial.pressure_Pa,
        i.initial.ambient_pressure_Pa,
    );
    let strength = i.bottle.wall_strength_Pa;
    let wall = Wall::new(&resolved.bottle, strength, p_amb)?;
    let modes = loads::modes(&charge, &detonation, &wall, p0)?;
    if p0 - p_amb >= wall.p_burst {
        warnings.push("the fill pressure alone reaches the burst pressure".into());
    }
    done(Stage::Loads);

    let governing = modes
        .iter()
        .filter(|m| m.considered)
        .min_by(|a, b| {
            let key = |m: &ModeResult| m.exact_sf.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        })
        .ok_or_else(|| PipelineError::NonFinite {
            quantity: "governing mode",
            value: f64::NAN,
            context: "no mode was considered".into(),
        })?;
    let min_sf = governing.exact_sf;
    let v = verdict(
        min_sf,
        p0 - p_amb,
        config.safety.safe_factor,
        config.safety.unsafe_factor,
    );
    let failure_location = (v == Verdict::Unsafe).then(|| {
        format!(
            "cylindrical sidewall, hoop stress under the {} load: longitudinal split (the slow-burst mode of VALIDATION B2)",
            governing.mode.as_str().replace('_', " ")
        )
    });
    let mut assumptions = charge::assumptions();
    assumptions.extend(screening::assumptions());
    assumptions.extend(loads::assumptions());
    assumptions.extend([
        format!(
            "wall strength {:.0} MPa ({}{}) at {:.0} K; no strain-rate credit, no thermal softening, no sustained-load loss",
            strength / 1e6,
            i.bottle.material,
            if i.bottle.material_overrides_builtin { ", replaced by the user materials file" } else { "" },
            t0
        ),
        format!(
            "verdict: unsafe if SF < {} (never above 1: SF < 1 is a predicted burst), marginal if SF < {}, else safe; safety factors above {} are reported as '> {}'",
            config.safety.unsafe_factor,
            config.safety.safe_factor,
            crate::safety::SF_REPORT_CAP,
            crate::safety::SF_REPORT_CAP
        ),
        "quasi-static loads: no failure time (the transient FEM, `petrocket fem --rise-time`, and wall heating, `petrocket thermal`, are not yet part of the verdict)".into(),
        format!(
            "mouth bore {:.1} mm recorded but not used: the bottle is closed (venting comes with the system model)",
            i.bottle.mouth_bore_m * 1e3
        ),
    ]);
    let governing_mode = governing.mode;
    done(Stage::Verdict);
    tracing::info!(
        verdict = %v,
        governing_mode = governing_mode.as_str(),
        min_safety_factor = ?min_sf,
        elapsed_ms = t_start.elapsed().as_secs_f64() * 1e3,
        "assessment finished"
    );

    Ok(Assessment {
        tool: ToolInfo {
            name: "petrocket",
            version: env!("CARGO_PKG_VERSION"),
        },
        input_hash_sha256: resolved.input_hash_sha256.clone(),
        results: Results {
            initial_gauge_pressure_Pa: p0 - p_amb,
            aicc: charge.aicc,
            combustion: charge.burns,
            flammable: charge.flammable,
            detonation_screening: detonation,
            burst_pressure_gauge_Pa: wall.p_burst,
            governing_mode,
            min_safety_factor: min_sf.and_then(report_sf),
            min_safety_factor_text: sf_text(min_sf),
            verdict: v,
            failure_location,
            modes,
        },
        config: config.clone(),
        inputs: resolved.inputs,
        assumptions,
        warnings,
    })
}
