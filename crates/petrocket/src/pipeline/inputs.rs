//! Stage 1, inputs: the config resolved at the edge into SI values, the loaded mechanism, the
//! mixture and the bottle — the only stage that reads files (through [`Resources`], so many
//! runs share what is loaded once).

use crate::config::{
    quantity, read_input_file, resolve_initial, BottleConfig, Config, MixtureConfig,
    MAX_DATA_FILE_BYTES, MOUTH_BORE_RANGE_M, OUTER_DIAMETER_RANGE_M, VOLUME_RANGE_M3,
    WALL_THICKNESS_RANGE_M,
};
use crate::error::{PipelineError, Result};
use crate::SafetyConfig;
use petrocket_chem::mechanism::{Mechanism, BUNDLED};
use petrocket_chem::GasMixture;
use petrocket_structure::bottle::{preset, CylinderBottle};
use petrocket_structure::materials::MaterialDb;
use petrocket_units::Dimension;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

/// Everything the later stages need, resolved from the config.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The resolved inputs (serialised into `summary.json`).
    pub inputs: ResolvedInputs,
    /// SHA-256 of the canonical inputs.
    pub input_hash_sha256: String,
    /// The mechanism.
    pub mechanism: Arc<LoadedMechanism>,
    /// Mole fractions of the charge, in the mechanism's species order.
    pub mole_fractions: Vec<f64>,
    /// The bottle as a closed thin-wall cylinder.
    pub bottle: CylinderBottle,
    /// Warnings raised while resolving (material overrides, strength outside its data).
    pub warnings: Vec<String>,
}

impl Resolved {
    /// The gas mixture of the mechanism.
    pub fn gas(&self) -> &GasMixture {
        &self.mechanism.gas
    }
}

/// Resolve `config`: check the thresholds, convert and range-check every value, load the
/// mechanism and the wall material (through `resources`), build the mixture and the bottle.
pub fn resolve(config: &Config, resources: &Resources) -> Result<Resolved> {
    config.safety.validate()?;
    let config_dir = config.base_dir.as_deref();
    let mut warnings = Vec::new();
    let (t0, p0, p_amb) = resolve_initial(&config.initial)?;
    let (bottle, bottle_inputs) =
        resolve_bottle(&config.bottle, t0, config_dir, resources, &mut warnings)?;
    let mechanism = resources.mechanism(&config.mixture.mechanism, config_dir)?;
    let x0 = resolve_mixture(&config.mixture, &mechanism.gas)?;
    let inputs = ResolvedInputs {
        bottle: bottle_inputs,
        mixture: MixtureInputs {
            mechanism: mechanism.label.clone(),
            mechanism_sha256: mechanism.sha256.clone(),
            mole_fractions: named(&mechanism.gas, &x0, 0.0),
        },
        initial: InitialInputs {
            temperature_K: t0,
            pressure_Pa: p0,
            ambient_pressure_Pa: p_amb,
        },
        safety: config.safety,
    };
    Ok(Resolved {
        input_hash_sha256: input_hash(&inputs),
        inputs,
        mechanism,
        mole_fractions: x0,
        bottle,
        warnings,
    })
}

/// Non-zero entries of `x` above `floor`, by species name.
pub(crate) fn named(gas: &GasMixture, x: &[f64], floor: f64) -> BTreeMap<String, f64> {
    gas.named(x)
        .filter(|(_, v)| *v > floor)
        .map(|(n, v)| (n.to_string(), v))
        .collect()
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
    resources: &Resources,
) -> Result<ResolvedMaterial> {
    let builtin = resources.builtin_materials();
    // The built-in database is copied only when a user file is merged over it.
    let mut db = std::borrow::Cow::Borrowed(builtin);
    let mut file_sha256 = None;
    if let Some(path) = &c.materials_file {
        let path = config_path(config_dir, path);
        let text = read_input_file("bottle.materials_file", &path, MAX_DATA_FILE_BYTES)?;
        let user = MaterialDb::from_toml_str(&text).map_err(|e| PipelineError::Value {
            field: "bottle.materials_file".into(),
            message: format!("{}: {e}", path.display()),
        })?;
        db.to_mut().merge(user);
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
    resources: &Resources,
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
    let m = resolve_material(c, config_dir, resources)?;
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

/// A mechanism as loaded: the gas, the canonical bundled name or resolved path, and the
/// SHA-256 of its YAML text.
#[derive(Debug)]
pub struct LoadedMechanism {
    /// The gas mixture.
    pub gas: GasMixture,
    /// Canonical bundled name (lower case) or the resolved path of the file.
    pub label: String,
    /// SHA-256 of the YAML text that was parsed.
    pub sha256: String,
}

/// The mechanism: a bundled name (canonical lower-case) or a Cantera YAML file, read once with
/// the input-file limit.
fn load_mechanism(
    name_or_path: &str,
    config_dir: Option<&std::path::Path>,
) -> Result<LoadedMechanism> {
    if let Some((name, text)) = BUNDLED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
    {
        return Ok(LoadedMechanism {
            gas: GasMixture::new(Mechanism::bundled(name)?)?,
            label: (*name).to_string(),
            sha256: sha256_hex(text.as_bytes()),
        });
    }
    let path = config_path(config_dir, name_or_path);
    let text = read_input_file("mixture.mechanism", &path, MAX_DATA_FILE_BYTES)?;
    let label = path.display().to_string();
    let mech = Mechanism::from_yaml_str(&text, &label, None)?;
    Ok(LoadedMechanism {
        gas: GasMixture::new(mech)?,
        label,
        sha256: sha256_hex(text.as_bytes()),
    })
}

/// What many runs can share: mechanisms loaded once (by bundled name or resolved path) and the
/// built-in materials database. A sweep keeps one `Resources` for all its runs; a file is read
/// the first time it is named and then served from memory for the life of the `Resources`
/// (edit a file between runs: use a new one). Safe to share between threads.
#[derive(Debug, Default)]
pub struct Resources {
    mechanisms: std::sync::Mutex<HashMap<String, Arc<LoadedMechanism>>>,
    materials: std::sync::OnceLock<MaterialDb>,
}

impl Resources {
    /// Empty: everything is loaded on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// The mechanism named in a config (bundled name or path relative to `config_dir`),
    /// loaded on first use.
    pub fn mechanism(
        &self,
        name_or_path: &str,
        config_dir: Option<&std::path::Path>,
    ) -> Result<Arc<LoadedMechanism>> {
        let key = match BUNDLED
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
        {
            Some((n, _)) => format!("bundled:{n}"),
            None => format!("file:{}", config_path(config_dir, name_or_path).display()),
        };
        let mut cache = self
            .mechanisms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(m) = cache.get(&key) {
            return Ok(Arc::clone(m));
        }
        let m = Arc::new(load_mechanism(name_or_path, config_dir)?);
        cache.insert(key, Arc::clone(&m));
        Ok(m)
    }

    /// The built-in materials database, parsed once.
    pub fn builtin_materials(&self) -> &MaterialDb {
        self.materials.get_or_init(MaterialDb::builtin)
    }
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
