//! The main job: config → chemistry (AICC) → structure (burst pressure) → safety verdict.

use crate::config::{quantity, resolve_initial, BottleConfig, Config, MixtureConfig};
use crate::error::{PipelineError, Result};
use crate::safety::{
    verdict, DetonationScreening, Verdict, DEFLAGRATION_DLF, DETONATION_SIDEWALL_DLF,
};
use crate::SafetyConfig;
use petrocket_chem::detonation::{
    assess_vessel, cell_width, detonation, znd, Grade, Vessel, ZndOptions, SCREENING_NOTE,
};
use petrocket_chem::{equilibrate, limits, EquilibriumMode, GasMixture, GasState};
use petrocket_structure::bottle::{preset, CylinderBottle};
use petrocket_structure::materials::MaterialDb;
use petrocket_units::Dimension;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::time::Instant;

/// Default mouth bore of PCO 1810/1881 finishes (m) (VALIDATION B5).
pub const DEFAULT_MOUTH_BORE_M: f64 = 0.0217;

/// The bottle as resolved from the config, SI.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BottleInputs {
    /// Preset used, if any.
    pub preset: Option<String>,
    /// Outer body diameter (m).
    pub outer_diameter_m: f64,
    /// Sidewall thickness (m).
    pub wall_thickness_m: f64,
    /// Mean (mid-surface) radius (m).
    pub mean_radius_m: f64,
    /// Internal volume (m³).
    pub volume_m3: f64,
    /// Mouth bore (m).
    pub mouth_bore_m: f64,
    /// Wall material.
    pub material: String,
    /// Tensile strength used (Pa) at the initial temperature.
    pub wall_strength_Pa: f64,
    /// Source of the strength value.
    pub wall_strength_source: String,
    /// SHA-256 of the user materials file merged over the built-in database, if any.
    pub materials_file_sha256: Option<String>,
}

/// The charge as resolved from the config.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MixtureInputs {
    /// Mechanism name or path.
    pub mechanism: String,
    /// SHA-256 of the mechanism's YAML text, so that editing a user file changes the input hash.
    pub mechanism_sha256: String,
    /// Non-zero mole fractions by species.
    pub mole_fractions: BTreeMap<String, f64>,
}

/// Initial state, SI.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InitialInputs {
    /// Charge temperature (K).
    pub temperature_K: f64,
    /// Absolute fill pressure (Pa).
    pub pressure_Pa: f64,
    /// Absolute ambient pressure (Pa).
    pub ambient_pressure_Pa: f64,
}

/// Every input after defaults and unit conversion; hashed into `input_hash_sha256`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResolvedInputs {
    /// Bottle.
    pub bottle: BottleInputs,
    /// Mixture.
    pub mixture: MixtureInputs,
    /// Initial state.
    pub initial: InitialInputs,
    /// Verdict thresholds.
    pub safety: SafetyConfig,
}

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

/// One combustion mode's load on the wall.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModeResult {
    /// `closed_deflagration` or `detonation`.
    pub mode: &'static str,
    /// Whether the mode enters the verdict.
    pub considered: bool,
    /// Why (or why not).
    pub basis: String,
    /// Absolute peak pressure of the mode (Pa).
    pub peak_pressure_Pa: f64,
    /// Dynamic load factor or equivalent static multiplier applied to the gauge rise.
    pub dynamic_load_factor: f64,
    /// Equivalent static gauge load on the wall (Pa).
    pub load_gauge_Pa: f64,
    /// Hoop stress in the cylindrical sidewall at that load (Pa).
    pub hoop_stress_Pa: f64,
    /// Burst pressure / load (None when the wall is not loaded in tension).
    pub safety_factor: Option<f64>,
}

/// Results of a run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// Fill gauge pressure before ignition (Pa).
    pub initial_gauge_pressure_Pa: f64,
    /// Closed-vessel bound.
    pub aicc: AiccResult,
    /// Whether the charge is flammable (H2 ≥ 4 %, VALIDATION C9).
    pub flammable: bool,
    /// Detonation screening outcome.
    pub detonation_screening: DetonationScreening,
    /// Quasi-static burst pressure of the sidewall, gauge (Pa).
    pub burst_pressure_gauge_Pa: f64,
    /// Per-mode loads.
    pub modes: Vec<ModeResult>,
    /// Mode with the smallest safety factor among those considered.
    pub governing_mode: &'static str,
    /// Smallest safety factor.
    pub min_safety_factor: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// Where the wall would fail first.
    pub failure_location: Option<String>,
    /// When (not computed in this release: no transient model yet).
    pub failure_time_s: Option<f64>,
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
    /// Resolved inputs.
    pub inputs: ResolvedInputs,
    /// Results.
    pub results: Results,
    /// Model assumptions that drove the verdict.
    pub assumptions: Vec<String>,
    /// Warnings (e.g. extrapolated thermo data).
    pub warnings: Vec<String>,
}

fn resolve_bottle(c: &BottleConfig, initial_t: f64) -> Result<(CylinderBottle, BottleInputs)> {
    let base = match &c.preset {
        Some(name) => Some(preset(name)?.bottle),
        None => None,
    };
    let len = |field: &str,
               q: &Option<petrocket_units::QuantityInput>,
               fallback: Option<f64>,
               range|
     -> Result<f64> {
        match (q, fallback) {
            (Some(q), _) => quantity(field, q, Dimension::LENGTH, "m", range),
            (None, Some(v)) => Ok(v),
            (None, None) => Err(PipelineError::Value {
                field: field.into(),
                message: "missing: give it, or a `preset` (0.5L, 1L, 1.5L, 2L)".into(),
            }),
        }
    };
    let d = len(
        "bottle.outer_diameter",
        &c.outer_diameter,
        base.as_ref().map(|b| b.outer_diameter_m),
        (0.01, 1.0),
    )?;
    let t = len(
        "bottle.wall_thickness",
        &c.wall_thickness,
        base.as_ref().map(|b| b.wall_thickness_m),
        (1e-5, 0.05),
    )?;
    let bore = len(
        "bottle.mouth_bore",
        &c.mouth_bore,
        Some(
            base.as_ref()
                .map_or(DEFAULT_MOUTH_BORE_M, |b| b.mouth_bore_m),
        ),
        (1e-3, 0.5),
    )?;
    let v = match (&c.volume, &base) {
        (Some(q), _) => quantity("bottle.volume", q, Dimension::VOLUME, "m^3", (1e-5, 1.0))?,
        (None, Some(b)) => b.volume_m3,
        (None, None) => {
            return Err(PipelineError::Value {
                field: "bottle.volume".into(),
                message: "missing: give it, or a `preset` (0.5L, 1L, 1.5L, 2L)".into(),
            })
        }
    };
    let height = if c.outer_diameter.is_none() && c.volume.is_none() {
        base.as_ref().and_then(|b| b.height_m)
    } else {
        None
    };
    let bottle = CylinderBottle::new(v, d, t, bore, height)?;
    let mut db = MaterialDb::builtin();
    if let Some(path) = &c.materials_file {
        db.load_and_merge(path)?;
    }
    let material = db.get(&c.material)?;
    let strength = material.strength_at(initial_t)?;
    let inputs = BottleInputs {
        preset: c.preset.clone(),
        outer_diameter_m: d,
        wall_thickness_m: t,
        mean_radius_m: bottle.mean_radius_m(),
        volume_m3: v,
        mouth_bore_m: bore,
        material: material.name.clone(),
        wall_strength_Pa: strength,
        wall_strength_source: material.tensile_strength_pa.source.clone(),
        materials_file_sha256: match &c.materials_file {
            Some(path) => Some(file_sha256(path)?),
            None => None,
        },
    };
    Ok((bottle, inputs))
}

fn resolve_mixture(c: &MixtureConfig, gas: &GasMixture) -> Result<Vec<f64>> {
    match (&c.composition, c.equivalence_ratio) {
        (Some(text), None) => Ok(gas.parse_mole_fractions("mixture.composition", text)?),
        (None, Some(phi)) => Ok(petrocket_chem::mixture::equivalence_ratio_mixture(
            gas,
            phi,
            c.fuel.as_deref().unwrap_or("H2"),
            c.oxidizer.as_deref().unwrap_or("O2"),
        )?),
        (Some(_), Some(_)) => Err(PipelineError::Value {
            field: "mixture".into(),
            message: "give either `composition` or `equivalence_ratio`, not both".into(),
        }),
        (None, None) => Err(PipelineError::Value {
            field: "mixture.composition".into(),
            message: "missing: e.g. composition = \"H2:2,O2:1\", or equivalence_ratio = 1.0 with oxidizer = \"air\"".into(),
        }),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn file_sha256(path: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| PipelineError::ReadConfig {
        path: path.into(),
        source,
    })?;
    Ok(sha256_hex(&bytes))
}

/// SHA-256 of a bundled mechanism's text or of a mechanism file.
fn mechanism_sha256(name_or_path: &str) -> Result<String> {
    match petrocket_chem::mechanism::BUNDLED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
    {
        Some((_, text)) => Ok(sha256_hex(text.as_bytes())),
        None => file_sha256(name_or_path),
    }
}

fn finite(quantity: &'static str, value: f64, context: &str) -> Result<f64> {
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

fn named(gas: &GasMixture, x: &[f64], floor: f64) -> BTreeMap<String, f64> {
    gas.named(x)
        .filter(|(_, v)| *v > floor)
        .map(|(n, v)| (n.to_string(), v))
        .collect()
}

/// Log a finished pipeline stage and its wall time (debug level); returns the next start.
fn stage_done(stage: &'static str, start: Instant) -> Instant {
    tracing::debug!(
        stage,
        elapsed_ms = start.elapsed().as_secs_f64() * 1e3,
        "pipeline stage finished"
    );
    Instant::now()
}

/// Run the assessment for a parsed configuration.
///
/// Logs (with `tracing`, never printing) the wall time of each stage at debug level: config
/// resolution, chemistry, detonation screening, structure, assessment.
pub fn run(config: &Config) -> Result<Assessment> {
    let _span = tracing::debug_span!("pipeline").entered();
    let t_start = Instant::now();
    config.safety.validate()?;
    let (t0, p0, p_amb) = resolve_initial(&config.initial)?;
    let (bottle, bottle_inputs) = resolve_bottle(&config.bottle, t0)?;
    let gas = GasMixture::load(&config.mixture.mechanism)?;
    let x0 = resolve_mixture(&config.mixture, &gas)?;
    let inputs = ResolvedInputs {
        bottle: bottle_inputs,
        mixture: MixtureInputs {
            mechanism: config.mixture.mechanism.clone(),
            mechanism_sha256: mechanism_sha256(&config.mixture.mechanism)?,
            mole_fractions: named(&gas, &x0, 0.0),
        },
        initial: InitialInputs {
            temperature_K: t0,
            pressure_Pa: p0,
            ambient_pressure_Pa: p_amb,
        },
        safety: config.safety,
    };
    let canonical = serde_json::to_string(&inputs).expect("inputs serialise");
    let input_hash_sha256 = sha256_hex(canonical.as_bytes());
    let t_stage = stage_done("config resolution", t_start);

    // Chemistry: closed-vessel bound.
    let fresh = gas.state_tpx(t0, p0, &x0)?;
    let eq = equilibrate(&gas, &fresh, EquilibriumMode::UV)?;
    let p_aicc = finite("AICC pressure", eq.state.pressure, "UV equilibrium")?;
    let t_aicc = finite("AICC temperature", eq.state.temperature, "UV equilibrium")?;
    let aicc = AiccResult {
        pressure_Pa: p_aicc,
        temperature_K: t_aicc,
        pressure_ratio: p_aicc / p0,
        mole_fractions: named(&gas, &eq.state.mole_fractions, 1e-12),
        solver_iterations: eq.iterations,
    };
    tracing::debug!(
        pressure_ratio = aicc.pressure_ratio,
        temperature_K = t_aicc,
        iterations = eq.iterations,
        "AICC state"
    );
    let t_stage = stage_done("chemistry", t_stage);

    // Screening of the combustion modes.
    let x_h2 = gas.species_index("H2").map_or(0.0, |k| x0[k]);
    let mut warnings = eq.warnings.clone();
    let flammable = match limits::flammability_at(&gas, &x0, t0) {
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
    let t_stage = stage_done("flammability", t_stage);
    let detonation = screen_detonation(&gas, &fresh, &bottle, &mut warnings)?;
    let t_stage = stage_done("detonation screening", t_stage);

    // Structure: quasi-static burst pressure of the sidewall.
    let strength = inputs.bottle.wall_strength_Pa;
    let p_burst = bottle.burst_pressure_pa(strength)?;
    let t_stage = stage_done("structure", t_stage);
    let r = bottle.mean_radius_m();
    let t = bottle.wall_thickness_m;
    let mode = |name: &'static str,
                considered: bool,
                basis: String,
                peak: f64,
                dlf: f64|
     -> Result<ModeResult> {
        let load = dlf * (peak - p_amb);
        let hoop = load * r / t;
        let sf = if load > 0.0 {
            Some(finite("safety factor", p_burst / load, name)?)
        } else {
            None
        };
        Ok(ModeResult {
            mode: name,
            considered,
            basis,
            peak_pressure_Pa: peak,
            dynamic_load_factor: dlf,
            load_gauge_Pa: load,
            hoop_stress_Pa: hoop,
            safety_factor: sf,
        })
    };
    let modes = vec![
        mode(
            "closed_deflagration",
            true,
            "AICC bound (UV equilibrium), no venting or heat loss".into(),
            p_aicc,
            DEFLAGRATION_DLF,
        )?,
        detonation_mode(&detonation, p_aicc, &mode)?,
    ];
    let governing = modes
        .iter()
        .filter(|m| m.considered)
        .min_by(|a, b| {
            let key = |m: &ModeResult| m.safety_factor.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        })
        .expect("deflagration is always considered");
    let min_sf = governing.safety_factor;
    let v = verdict(
        min_sf,
        config.safety.safe_factor,
        config.safety.unsafe_factor,
    );
    let failure_location = (v == Verdict::Unsafe).then(|| {
        "cylindrical sidewall, hoop stress: longitudinal split (the slow-burst mode of VALIDATION B2)".to_string()
    });

    tracing::debug!(x_h2, "H2 mole fraction of the charge");
    if p0 - p_amb >= p_burst {
        warnings.push("the fill pressure alone reaches the burst pressure".into());
    }

    let assumptions = vec![
        "closed deflagration at the AICC bound: no venting through the mouth, no heat loss (over-predicts measured peaks by 3-15 %, VALIDATION C4)".into(),
        format!("deflagration dynamic load factor {DEFLAGRATION_DLF} (ramp rise time >= 1 ms, VALIDATION S2, S6)"),
        format!(
            "detonation screening (a screening model): detonability limits, expansion ratio >= 3.75, d >= lambda/pi and L >= 7 lambda with the ZND cell width lambda = 29 Delta_i (band 10-50) and the bottle's inner diameter and length; load = max({DETONATION_SIDEWALL_DLF} x CJ pressure rise on the sidewall (VALIDATION S3), equilibrium reflected-shock pressure at a closed end applied statically (C8)) from the CJ and reflected-shock solvers"
        ),
        "wall: thin-wall cylinder hoop stress with gauge pressure and mean radius; base, shoulder and neck not assessed".into(),
        format!(
            "wall strength {:.0} MPa ({}) at {:.0} K; no strain-rate credit, no thermal softening, no sustained-load loss",
            strength / 1e6,
            inputs.bottle.material,
            t0
        ),
        "failure time not computed (no transient structural model yet)".into(),
    ];

    stage_done("assessment", t_stage);
    tracing::info!(
        verdict = %v,
        governing_mode = governing.mode,
        min_safety_factor = ?min_sf,
        elapsed_ms = t_start.elapsed().as_secs_f64() * 1e3,
        "assessment finished"
    );

    Ok(Assessment {
        tool: ToolInfo {
            name: "petrocket",
            version: env!("CARGO_PKG_VERSION"),
        },
        input_hash_sha256,
        results: Results {
            initial_gauge_pressure_Pa: p0 - p_amb,
            aicc,
            flammable,
            detonation_screening: detonation,
            burst_pressure_gauge_Pa: p_burst,
            governing_mode: governing.mode,
            min_safety_factor: min_sf,
            verdict: v,
            failure_location,
            failure_time_s: None,
            modes,
        },
        inputs,
        assumptions,
        warnings,
    })
}

/// Detonation screening of the charge in the bottle and, when it is inside the detonability
/// limits, its CJ and reflected-shock loads (see `crate::safety` for the model).
fn screen_detonation(
    gas: &GasMixture,
    fresh: &GasState,
    bottle: &CylinderBottle,
    warnings: &mut Vec<String>,
) -> Result<DetonationScreening> {
    let diameter = bottle.inner_radius_m() * 2.0;
    let length = match bottle.height_m {
        Some(h) => h,
        None => bottle.volume_m3 / (std::f64::consts::PI * bottle.inner_radius_m().powi(2)),
    };
    let mut out = DetonationScreening {
        credible: true,
        grade: Grade::Possible.as_str(),
        basis: String::new(),
        criteria: Vec::new(),
        vessel_diameter_m: diameter,
        vessel_length_m: length,
        cj_speed_m_s: None,
        cj_pressure_Pa: None,
        cj_temperature_K: None,
        von_neumann_pressure_Pa: None,
        reflected_pressure_Pa: None,
        reflected_frozen_pressure_Pa: None,
        induction_length_m: None,
        cell_width_m: None,
        cell_width_band_m: None,
        note: SCREENING_NOTE,
    };
    let limits = match limits::detonability(gas, &fresh.mole_fractions) {
        Ok(l) => Some(l),
        Err(e) => {
            warnings.push(format!(
                "detonability limits unknown ({e}); a detonation is assumed credible"
            ));
            None
        }
    };
    if let Some(l) = &limits {
        if !l.inside {
            out.credible = false;
            out.grade = Grade::NotCredible.as_str();
            out.basis = l.verdict();
            return Ok(out);
        }
    }
    let d = detonation(gas, fresh)?;
    out.cj_speed_m_s = Some(d.cj.cj_speed);
    out.cj_pressure_Pa = Some(d.cj.cj.state.pressure);
    out.cj_temperature_K = Some(d.cj.cj.state.temperature);
    out.von_neumann_pressure_Pa = Some(d.cj.von_neumann.post.state.pressure);
    out.reflected_pressure_Pa = Some(d.reflected_equilibrium.post.state.pressure);
    out.reflected_frozen_pressure_Pa = Some(d.reflected_frozen.post.state.pressure);
    if limits.is_none() {
        out.basis = "limits and screening criteria are known for H2 only: detonation assumed \
                     credible (conservative)"
            .into();
        return Ok(out);
    }
    let cell = match znd(gas, fresh, Some(d.cj.cj_speed), &ZndOptions::default())
        .and_then(|z| cell_width(z.induction_length))
    {
        Ok(c) => Some(c),
        Err(e) => {
            warnings.push(format!(
                "ZND induction length not computed ({e}): cell size unknown, detonation kept \
                 possible"
            ));
            None
        }
    };
    if let Some(c) = &cell {
        out.induction_length_m = Some(c.induction_length);
        out.cell_width_m = Some(c.central);
        out.cell_width_band_m = Some([c.lower, c.upper]);
    }
    let vessel = Vessel::new(diameter, length)?;
    let a = assess_vessel(gas, fresh, vessel, cell.as_ref())?;
    out.grade = a.grade.as_str();
    // Without a cell size the size criteria were not evaluated: never "not credible" then.
    out.credible = a.grade != Grade::NotCredible || cell.is_none();
    if cell.is_none() && a.grade == Grade::NotCredible {
        out.grade = Grade::Possible.as_str();
    }
    out.criteria = a.criteria.clone();
    let failed: Vec<&str> = a
        .criteria
        .iter()
        .filter(|c| !c.passed_with_smallest_cell)
        .map(|c| c.name)
        .collect();
    out.basis = if failed.is_empty() {
        format!(
            "detonation {}: every necessary condition holds (cell width {:.2} mm in a {:.0} mm x {:.0} mm bottle)",
            out.grade,
            cell.as_ref().map_or(f64::NAN, |c| c.central * 1e3),
            diameter * 1e3,
            length * 1e3
        )
    } else {
        format!("detonation {}: fails {}", out.grade, failed.join(", "))
    };
    Ok(out)
}

/// The detonation mode: the larger of the sidewall's dynamic CJ load and the static
/// reflected-shock load (see `crate::safety`).
fn detonation_mode(
    s: &DetonationScreening,
    p_aicc: f64,
    mode: &dyn Fn(&'static str, bool, String, f64, f64) -> Result<ModeResult>,
) -> Result<ModeResult> {
    match (s.cj_pressure_Pa, s.reflected_pressure_Pa) {
        (Some(p_cj), Some(p_r)) => {
            let sidewall = mode(
                "detonation",
                s.credible,
                format!(
                    "{}; load: {DETONATION_SIDEWALL_DLF} x CJ pressure rise (P_CJ = {:.2} bar) on the sidewall",
                    s.basis,
                    p_cj / 1e5
                ),
                p_cj,
                DETONATION_SIDEWALL_DLF,
            )?;
            let reflected = mode(
                "detonation",
                s.credible,
                format!(
                    "{}; load: reflected-shock pressure at a closed end P_R = {:.2} bar ({:.2} x P_CJ), static",
                    s.basis,
                    p_r / 1e5,
                    p_r / p_cj
                ),
                p_r,
                1.0,
            )?;
            Ok(if reflected.load_gauge_Pa >= sidewall.load_gauge_Pa {
                reflected
            } else {
                sidewall
            })
        }
        // Outside the detonability limits: reported for completeness, not considered.
        _ => mode("detonation", false, s.basis.clone(), p_aicc, 1.0),
    }
}
