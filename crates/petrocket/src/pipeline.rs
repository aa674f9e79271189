//! The main job: config → chemistry (AICC) → structure (burst pressure) → safety verdict.

use crate::config::{
    quantity, read_input_file, resolve_initial, BottleConfig, Config, MixtureConfig,
    MAX_DATA_FILE_BYTES, MOUTH_BORE_RANGE_M, OUTER_DIAMETER_RANGE_M, VOLUME_RANGE_M3,
    WALL_THICKNESS_RANGE_M,
};
use crate::error::{PipelineError, Result};
use crate::safety::{
    report_sf, sf_text, verdict, DetonationScreening, Verdict, DEFLAGRATION_DLF,
    DETONATION_SIDEWALL_DLF, NO_COMBUSTION_RISE,
};
use crate::screening;
use crate::SafetyConfig;
use petrocket_chem::detonation::{assess_vessel, detonation, Grade, Vessel};
use petrocket_chem::mechanism::{Mechanism, BUNDLED};
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
    /// Whether the user materials file replaced a built-in material of this name (announced in
    /// the warnings and assumptions).
    pub material_overrides_builtin: bool,
}

/// The charge as resolved from the config.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MixtureInputs {
    /// Bundled mechanism name (canonical, lower case) or the resolved path of the file.
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
    /// `closed_deflagration`, `detonation` or `no_combustion`.
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
    /// Burst pressure / load; None when the wall is not loaded in tension or the factor is
    /// above `safety::SF_REPORT_CAP` (see `safety_factor_text`).
    pub safety_factor: Option<f64>,
    /// The safety factor as shown to people: `0.88`, `> 1000`, or `n/a (no tensile load)`.
    pub safety_factor_text: String,
    /// The unrounded factor, for the verdict (not serialised).
    #[serde(skip)]
    pub exact_sf: Option<f64>,
}

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
    pub governing_mode: &'static str,
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

/// Resolve a path from the config: relative paths are taken against the config file's folder
/// (`Config::base_dir`), absolute ones as they are.
fn config_path(config_dir: Option<&std::path::Path>, path: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(path);
    match config_dir {
        Some(dir) if p.is_relative() => dir.join(p),
        _ => p.to_path_buf(),
    }
}

/// The wall material: built-in database, optionally merged with a user file (read once, bounded),
/// and whether the user file replaced a built-in material of the same name.
struct ResolvedMaterial {
    material: petrocket_structure::materials::Material,
    file_sha256: Option<String>,
    overrides_builtin: bool,
}

fn resolve_material(
    c: &BottleConfig,
    config_dir: Option<&std::path::Path>,
) -> Result<ResolvedMaterial> {
    let builtin = MaterialDb::builtin();
    let mut db = builtin.clone();
    let mut file_sha256 = None;
    if let Some(path) = &c.materials_file {
        let path = config_path(config_dir, path);
        let text = read_input_file("bottle.materials_file", &path, MAX_DATA_FILE_BYTES)?;
        let user = MaterialDb::from_toml_str(&text).map_err(|e| PipelineError::Value {
            field: "bottle.materials_file".into(),
            message: format!("{}: {e}", path.display()),
        })?;
        db.merge(user);
        file_sha256 = Some(sha256_hex(text.as_bytes()));
    }
    let material = db.get(&c.material)?.clone();
    let overrides_builtin = builtin.get(&c.material).is_ok_and(|b| *b != material);
    Ok(ResolvedMaterial {
        material,
        file_sha256,
        overrides_builtin,
    })
}

fn resolve_bottle(
    c: &BottleConfig,
    initial_t: f64,
    config_dir: Option<&std::path::Path>,
    warnings: &mut Vec<String>,
) -> Result<(CylinderBottle, BottleInputs)> {
    let base = match &c.preset {
        Some(name) => Some(preset(name)?),
        None => None,
    };
    let canonical_preset = base.map(|b| b.name.to_string());
    let base = base.map(|b| b.bottle);
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
        OUTER_DIAMETER_RANGE_M,
    )?;
    let t = len(
        "bottle.wall_thickness",
        &c.wall_thickness,
        base.as_ref().map(|b| b.wall_thickness_m),
        WALL_THICKNESS_RANGE_M,
    )?;
    let bore = len(
        "bottle.mouth_bore",
        &c.mouth_bore,
        Some(
            base.as_ref()
                .map_or(DEFAULT_MOUTH_BORE_M, |b| b.mouth_bore_m),
        ),
        MOUTH_BORE_RANGE_M,
    )?;
    let v = match (&c.volume, &base) {
        (Some(q), _) => quantity(
            "bottle.volume",
            q,
            Dimension::VOLUME,
            "m^3",
            VOLUME_RANGE_M3,
        )?,
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
    // CylinderBottle checks the proportions (thin wall, length over diameter, mouth inside).
    let bottle = CylinderBottle::new(v, d, t, bore, height).map_err(|e| PipelineError::Value {
        field: "bottle".into(),
        message: format!("not a bottle the model covers: {e}"),
    })?;
    let m = resolve_material(c, config_dir)?;
    if m.overrides_builtin {
        warnings.push(format!(
            "the materials file replaces the built-in material `{}` (strength {:.0} MPa from the file, not the built-in value)",
            m.material.name,
            m.material.tensile_strength_pa.value / 1e6
        ));
    }
    // The wall starts at the charge's temperature. Outside the material's data the strength
    // is held at the coldest value below it (conservative: cold polymers are stronger) and is
    // zero above it (a softened or molten wall holds nothing); either is announced.
    let (strength, note) = m.material.strength_at_clamped(initial_t)?;
    warnings.extend(note);
    let inputs = BottleInputs {
        preset: canonical_preset,
        outer_diameter_m: d,
        wall_thickness_m: t,
        mean_radius_m: bottle.mean_radius_m(),
        volume_m3: v,
        mouth_bore_m: bore,
        material: m.material.name.clone(),
        wall_strength_Pa: strength,
        wall_strength_source: m.material.tensile_strength_pa.source.clone(),
        materials_file_sha256: m.file_sha256,
        material_overrides_builtin: m.overrides_builtin,
    };
    Ok((bottle, inputs))
}

fn resolve_mixture(c: &MixtureConfig, gas: &GasMixture) -> Result<Vec<f64>> {
    match (&c.composition, c.equivalence_ratio) {
        (Some(text), None) => Ok(gas.parse_mole_fractions("mixture.composition", text)?),
        (None, Some(phi)) => petrocket_chem::mixture::equivalence_ratio_mixture(
            gas,
            phi,
            c.fuel.as_deref().unwrap_or("H2"),
            c.oxidizer.as_deref().unwrap_or("O2"),
        )
        .map_err(|e| PipelineError::Value {
            field: "mixture.equivalence_ratio".into(),
            message: format!(
                "{phi} with fuel `{}` and oxidizer `{}`: {e}",
                c.fuel.as_deref().unwrap_or("H2"),
                c.oxidizer.as_deref().unwrap_or("O2")
            ),
        }),
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

/// The mechanism: a bundled name (canonical lower-case) or a Cantera YAML file, read once with
/// the input-file limit; returns the gas, the canonical name or resolved path, and the SHA-256
/// of the YAML text.
fn load_mechanism(
    name_or_path: &str,
    config_dir: Option<&std::path::Path>,
) -> Result<(GasMixture, String, String)> {
    if let Some((name, text)) = BUNDLED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
    {
        let gas = GasMixture::new(Mechanism::bundled(name)?)?;
        return Ok((gas, (*name).to_string(), sha256_hex(text.as_bytes())));
    }
    let path = config_path(config_dir, name_or_path);
    let text = read_input_file("mixture.mechanism", &path, MAX_DATA_FILE_BYTES)?;
    let label = path.display().to_string();
    let mech = Mechanism::from_yaml_str(&text, &label, None)?;
    Ok((GasMixture::new(mech)?, label, sha256_hex(text.as_bytes())))
}

/// SHA-256 of the canonical JSON of the resolved inputs, independent of how names and paths
/// were spelled: presets and bundled mechanisms by canonical name, files by content.
fn input_hash(inputs: &ResolvedInputs) -> String {
    let mut canonical = inputs.clone();
    if !BUNDLED
        .iter()
        .any(|(n, _)| *n == canonical.mixture.mechanism)
    {
        canonical.mixture.mechanism = format!("file:{}", canonical.mixture.mechanism_sha256);
    }
    let json = serde_json::to_string(&canonical).expect("inputs serialise");
    sha256_hex(json.as_bytes())
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

/// One mode's load and safety factor against the sidewall's burst pressure.
struct Wall {
    p_amb: f64,
    p_burst: f64,
    mean_radius: f64,
    thickness: f64,
}

impl Wall {
    fn mode(
        &self,
        name: &'static str,
        considered: bool,
        basis: String,
        peak: f64,
        dlf: f64,
        load: f64,
    ) -> Result<ModeResult> {
        let hoop = load * self.mean_radius / self.thickness;
        let sf = if self.p_burst <= 0.0 {
            // A wall without strength fails under any load, its own weight included.
            Some(0.0)
        } else if load > 0.0 {
            Some(finite("safety factor", self.p_burst / load, name)?)
        } else {
            None
        };
        Ok(ModeResult {
            mode: name,
            considered,
            basis,
            peak_pressure_Pa: peak,
            dynamic_load_factor: dlf,
            load_gauge_Pa: finite("load", load, name)?,
            hoop_stress_Pa: finite("hoop stress", hoop, name)?,
            safety_factor: sf.and_then(report_sf),
            safety_factor_text: sf_text(sf),
            exact_sf: sf,
        })
    }

    /// Gauge load of a peak pressure with a dynamic load factor.
    fn load(&self, peak: f64, dlf: f64) -> f64 {
        dlf * (peak - self.p_amb)
    }
}

/// Run the assessment for a parsed configuration.
///
/// Logs (with `tracing`, never printing) the wall time of each stage at debug level: config
/// resolution, chemistry, detonation screening, structure, assessment.
pub fn run(config: &Config) -> Result<Assessment> {
    let _span = tracing::debug_span!("pipeline").entered();
    let t_start = Instant::now();
    config.safety.validate()?;
    let config_dir = config.base_dir.as_deref();
    let mut warnings = Vec::new();
    let (t0, p0, p_amb) = resolve_initial(&config.initial)?;
    let (bottle, bottle_inputs) = resolve_bottle(&config.bottle, t0, config_dir, &mut warnings)?;
    let (gas, mechanism, mechanism_sha256) = load_mechanism(&config.mixture.mechanism, config_dir)?;
    let x0 = resolve_mixture(&config.mixture, &gas)?;
    let inputs = ResolvedInputs {
        bottle: bottle_inputs,
        mixture: MixtureInputs {
            mechanism,
            mechanism_sha256,
            mole_fractions: named(&gas, &x0, 0.0),
        },
        initial: InitialInputs {
            temperature_K: t0,
            pressure_Pa: p0,
            ambient_pressure_Pa: p_amb,
        },
        safety: config.safety,
    };
    let input_hash_sha256 = input_hash(&inputs);
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
    warnings.extend(eq.warnings.iter().cloned());
    // A charge whose complete combustion raises the pressure by less than NO_COMBUSTION_RISE
    // has no fuel–oxidizer pair to burn (H2, O2, N2, Ar, H2O, air, …): it is assessed on its
    // fill pressure alone, the same way for every such charge.
    let burns = aicc.pressure_ratio - 1.0 >= NO_COMBUSTION_RISE;
    // The converse must hold too: a charge inside the flammability limits that releases no heat
    // means the mechanism's thermo data are wrong (e.g. a duplicated species definition), and
    // must never become a "no combustion" verdict.
    if !burns {
        if let Ok(check) = limits::flammability_at(&gas, &x0, t0) {
            if check.inside {
                return Err(PipelineError::Value {
                    field: "mixture.mechanism".into(),
                    message: format!(
                        "the charge is flammable ({}) but its complete combustion raises the pressure by only {:.2e} of the fill in `{}`: the mechanism's thermo data are implausible",
                        check.verdict(),
                        aicc.pressure_ratio - 1.0,
                        inputs.mixture.mechanism
                    ),
                });
            }
        }
    }

    // Screening of the combustion modes.
    let flammable = if !burns {
        false
    } else {
        match limits::flammability_at(&gas, &x0, t0) {
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
        }
    };
    if flammable {
        // Thermo sanity before the verdict leans on it: burnt to its major products at 298 K,
        // a flammable charge must release heat (issue #20).
        petrocket_chem::combustion::check_heat_release(&gas, &x0)?;
    }
    let t_stage = stage_done("flammability", t_stage);
    let detonation = if burns {
        screen_detonation(&gas, &fresh, &bottle, &mut warnings)?
    } else {
        DetonationScreening::not_applicable(
            &bottle,
            "no combustion: the charge has nothing to burn".into(),
        )
    };
    let t_stage = stage_done("detonation screening", t_stage);

    // Structure: quasi-static burst pressure of the sidewall (zero for a wall that has lost its
    // strength).
    let strength = inputs.bottle.wall_strength_Pa;
    let p_burst = if strength > 0.0 {
        bottle.burst_pressure_pa(strength)?
    } else {
        0.0
    };
    let t_stage = stage_done("structure", t_stage);
    let wall = Wall {
        p_amb,
        p_burst,
        mean_radius: bottle.mean_radius_m(),
        thickness: bottle.wall_thickness_m,
    };
    let modes = if burns {
        let defl_load = wall.load(p_aicc, DEFLAGRATION_DLF);
        vec![
            wall.mode(
                "closed_deflagration",
                true,
                "AICC bound (UV equilibrium), no venting or heat loss".into(),
                p_aicc,
                DEFLAGRATION_DLF,
                defl_load,
            )?,
            detonation_mode(&detonation, p_aicc, defl_load, &wall)?,
        ]
    } else {
        vec![wall.mode(
            "no_combustion",
            true,
            format!(
                "no combustion: complete combustion would raise the pressure by {:.2e} of the fill; the only load is the fill overpressure",
                (aicc.pressure_ratio - 1.0).max(0.0)
            ),
            p0,
            1.0,
            p0 - p_amb,
        )?]
    };
    let governing = modes
        .iter()
        .filter(|m| m.considered)
        .min_by(|a, b| {
            let key = |m: &ModeResult| m.exact_sf.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        })
        .expect("one mode is always considered");
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
            governing.mode.replace('_', " ")
        )
    });

    if p0 - p_amb >= p_burst {
        warnings.push("the fill pressure alone reaches the burst pressure".into());
    }

    let assumptions = vec![
        format!("a charge whose complete combustion raises the pressure by less than {NO_COMBUSTION_RISE} of the fill is 'no combustion': only the fill overpressure loads the wall"),
        "closed deflagration at the AICC bound: no venting through the mouth, no heat loss (over-predicts measured peaks by 3-15 %, VALIDATION C4)".into(),
        format!("deflagration dynamic load factor {DEFLAGRATION_DLF} (ramp rise time >= 1 ms, VALIDATION S2, S6)"),
        format!(
            "detonation screening (a screening model) with a graded credibility in [0, 1]: detonability limits (tapered over {} mole fraction outside), expansion ratio >= 3.75 (tapered to 3.75/{}), d >= lambda/pi and L >= 7 lambda (tapered over a factor {}) with the smallest cell of the band, 10 Delta_i; the cell width is the smallest lambda*p of the ZND kinetics at pressures from 0.1 bar up to the fill, carried to the fill pressure as 1/p (measured trend, docs/safety.md); detonation load = deflagration load + credibility x (max({DETONATION_SIDEWALL_DLF} x CJ pressure rise on the sidewall (VALIDATION S3), equilibrium reflected-shock pressure at a closed end applied statically (C8)) - deflagration load)",
            screening::LIMIT_TAPER_MOLE_FRACTION,
            screening::SIGMA_TAPER,
            screening::SIZE_TAPER
        ),
        format!("wall: thin-wall cylinder hoop stress with gauge pressure and mean radius (t/D <= {}, L/D <= {}); base, shoulder and neck not assessed", petrocket_structure::bottle::MAX_THICKNESS_RATIO, petrocket_structure::bottle::MAX_ASPECT_RATIO),
        format!(
            "wall strength {:.0} MPa ({}{}) at {:.0} K; no strain-rate credit, no thermal softening, no sustained-load loss",
            strength / 1e6,
            inputs.bottle.material,
            if inputs.bottle.material_overrides_builtin { ", replaced by the user materials file" } else { "" },
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
            inputs.bottle.mouth_bore_m * 1e3
        ),
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
            combustion: burns,
            flammable,
            detonation_screening: detonation,
            burst_pressure_gauge_Pa: p_burst,
            governing_mode: governing.mode,
            min_safety_factor: min_sf.and_then(report_sf),
            min_safety_factor_text: sf_text(min_sf),
            verdict: v,
            failure_location,
            modes,
        },
        config: config.clone(),
        inputs,
        assumptions,
        warnings,
    })
}

/// Detonation screening of the charge in the bottle with a graded credibility
/// ([`crate::screening`]) and, where it is above zero, the CJ and reflected-shock loads.
fn screen_detonation(
    gas: &GasMixture,
    fresh: &GasState,
    bottle: &CylinderBottle,
    warnings: &mut Vec<String>,
) -> Result<DetonationScreening> {
    let mut out = DetonationScreening::not_applicable(bottle, String::new());
    let vessel = Vessel::new(out.vessel_diameter_m, out.vessel_length_m)?;
    let limits = match limits::detonability(gas, &fresh.mole_fractions) {
        Ok(l) => Some(l),
        Err(e) => {
            warnings.push(format!(
                "detonability limits unknown ({e}); a detonation is assumed credible"
            ));
            None
        }
    };
    let Some(l) = limits else {
        let d = detonation(gas, fresh)?;
        out.set_cj(&d);
        out.credible = true;
        out.credibility = 1.0;
        out.grade = Grade::Possible.as_str();
        out.basis = "limits and screening criteria are known for H2 only: detonation assumed \
                     credible (conservative)"
            .into();
        return Ok(out);
    };
    // Beyond the tapered limits nothing else matters.
    if screening::limits_credibility(&l) <= 0.0 {
        out.credible = false;
        out.credibility = 0.0;
        out.grade = Grade::NotCredible.as_str();
        out.basis = l.verdict();
        out.credibility_by_criterion = vec![screening::CriterionCredibility {
            name: "detonability limits",
            credibility: 0.0,
        }];
        return Ok(out);
    }
    let d = detonation(gas, fresh)?;
    out.set_cj(&d);
    let cell = screening::screening_cell(gas, fresh);
    match &cell {
        Some(c) => {
            out.induction_length_m = Some(c.basis_induction_length_m);
            out.cell_width_m = Some(c.cell.central);
            out.cell_width_band_m = Some([c.cell.lower, c.cell.upper]);
            out.cell_width_basis_pressure_Pa = Some(c.basis_pressure_Pa);
        }
        None => warnings.push(
            "ZND induction length not computed at any pressure of the screening grid: cell size unknown, detonation kept fully credible".into(),
        ),
    }
    let a = assess_vessel(gas, fresh, vessel, cell.as_ref().map(|c| &c.cell))?;
    let by_criterion = screening::credibility(
        Some(&l),
        Some(a.expansion_ratio),
        vessel,
        cell.as_ref().map(|c| &c.cell),
    );
    let c = screening::overall(&by_criterion);
    let all_central = cell.is_some() && a.criteria.iter().all(|k| k.passed);
    out.credibility = c;
    out.credible = c > 0.0;
    out.grade = screening::grade(c, all_central).as_str();
    out.credibility_by_criterion = by_criterion;
    out.criteria = a.criteria.clone();
    let cell_text = match &cell {
        Some(c) => format!("cell width {:.2} mm", c.cell.central * 1e3),
        None => "cell width unknown".into(),
    };
    let limiting: Vec<&str> = out
        .credibility_by_criterion
        .iter()
        .filter(|k| k.credibility < 1.0)
        .map(|k| k.name)
        .collect();
    out.basis = if limiting.is_empty() {
        format!(
            "detonation {} (credibility 1): every necessary condition holds ({cell_text} in a {:.0} mm x {:.0} mm bottle)",
            out.grade,
            out.vessel_diameter_m * 1e3,
            out.vessel_length_m * 1e3
        )
    } else {
        format!(
            "detonation {} (credibility {:.2}): limited by {} ({cell_text})",
            out.grade,
            c,
            limiting.join(", ")
        )
    };
    Ok(out)
}

/// The detonation mode: the larger of the sidewall's dynamic CJ load and the static
/// reflected-shock load, phased in by the credibility (see [`crate::screening`]).
fn detonation_mode(
    s: &DetonationScreening,
    p_aicc: f64,
    defl_load: f64,
    wall: &Wall,
) -> Result<ModeResult> {
    match (s.cj_pressure_Pa, s.reflected_pressure_Pa) {
        (Some(p_cj), Some(p_r)) if s.credible => {
            let side = wall.load(p_cj, DETONATION_SIDEWALL_DLF);
            let refl = wall.load(p_r, 1.0);
            let (peak, dlf, full, how) = if refl >= side {
                (
                    p_r,
                    1.0,
                    refl,
                    format!(
                        "reflected-shock pressure at a closed end P_R = {:.2} bar ({:.2} x P_CJ), static",
                        p_r / 1e5,
                        p_r / p_cj
                    ),
                )
            } else {
                (
                    p_cj,
                    DETONATION_SIDEWALL_DLF,
                    side,
                    format!(
                        "{DETONATION_SIDEWALL_DLF} x CJ pressure rise (P_CJ = {:.2} bar) on the sidewall",
                        p_cj / 1e5
                    ),
                )
            };
            let load = screening::graded_load(defl_load, full, s.credibility);
            let weight = if s.credibility < 1.0 {
                format!(
                    "; equivalent load {:.2} bar = deflagration load + {:.2} x (full load {:.2} bar - deflagration load)",
                    load / 1e5,
                    s.credibility,
                    full / 1e5
                )
            } else {
                String::new()
            };
            wall.mode(
                "detonation",
                true,
                format!("{}; load: {how}{weight}", s.basis),
                peak,
                dlf,
                load,
            )
        }
        // Not credible: reported for completeness, not considered.
        _ => wall.mode("detonation", false, s.basis.clone(), p_aicc, 1.0, defl_load),
    }
}
