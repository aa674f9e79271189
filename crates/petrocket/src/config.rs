//! The run configuration (TOML), its schema, defaults, allowed ranges and resolution to SI.
//!
//! Every quantity accepts a plain SI number or a string with a unit (`"2 bar"`, `"25 degC"`,
//! `"0.3 mm"`, `"2 L"`). Unknown keys are rejected with a "did you mean" hint. Pressures in
//! the config are **absolute** unless the key says `gauge`.
//!
//! A [`Config`] is data: it serialises back to TOML or JSON and reads again to the same value
//! (tested), any key can be overridden by its dotted path ([`Config::with_overrides`],
//! `petrocket run --set bottle.wall_thickness="0.25 mm"`), and `summary.json` echoes the
//! config the run used, defaults filled in.

use crate::error::{PipelineError, Result};
use petrocket_units::{Dimension, QuantityInput, ONE_ATM};
use serde::{Deserialize, Serialize};

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The vessel.
    pub bottle: BottleConfig,
    /// The gas charge.
    pub mixture: MixtureConfig,
    /// Initial state of the charge and the surroundings.
    pub initial: InitialConfig,
    /// Verdict thresholds (optional; documented defaults).
    #[serde(default)]
    pub safety: SafetyConfig,
    /// Folder of the config file: relative `mechanism` and `materials_file` paths are resolved
    /// against it (set by [`Config::from_file`]; None for a config parsed from a string, whose
    /// relative paths are taken against the working directory).
    #[serde(skip)]
    pub base_dir: Option<std::path::PathBuf>,
}

/// `[bottle]`: a preset or explicit dimensions, and the wall material.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BottleConfig {
    /// Preset name (`"0.5L"`, `"1L"`, `"1.5L"`, `"2L"`); explicit keys below override it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Outer diameter of the cylindrical body (length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outer_diameter: Option<QuantityInput>,
    /// Sidewall thickness (length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wall_thickness: Option<QuantityInput>,
    /// Internal volume (volume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<QuantityInput>,
    /// Mouth bore (length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mouth_bore: Option<QuantityInput>,
    /// Wall material name from the materials database (default `pet-oriented`).
    #[serde(default = "default_material")]
    pub material: String,
    /// Extra materials file merged over the built-in database; relative to the config file's
    /// folder. Replacing a built-in material is announced in the warnings and assumptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub materials_file: Option<String>,
}

/// Allowed outer body diameter (m): 1 cm test tubes to 1 m drums.
pub const OUTER_DIAMETER_RANGE_M: (f64, f64) = (0.01, 1.0);
/// Allowed sidewall thickness (m): 10 µm films to 5 cm.
pub const WALL_THICKNESS_RANGE_M: (f64, f64) = (1e-5, 0.05);
/// Allowed mouth bore (m).
pub const MOUTH_BORE_RANGE_M: (f64, f64) = (1e-3, 0.5);
/// Allowed internal volume (m³): 10 mL to 1 m³.
pub const VOLUME_RANGE_M3: (f64, f64) = (1e-5, 1.0);

fn default_material() -> String {
    "pet-oriented".into()
}

/// `[mixture]`: composition and mechanism.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MixtureConfig {
    /// Composition, e.g. `"H2:2,O2:1"` or `"H2:0.3,air:0.7"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub composition: Option<String>,
    /// Equivalence ratio φ (with `fuel` and `oxidizer`), instead of `composition`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equivalence_ratio: Option<f64>,
    /// Fuel for `equivalence_ratio` (default `"H2"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuel: Option<String>,
    /// Oxidizer for `equivalence_ratio` (default `"O2"`; `"air"` for O2:1,N2:3.76).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oxidizer: Option<String>,
    /// Bundled mechanism name or path to a Cantera YAML file (default `h2o2`); a relative path
    /// is taken against the config file's folder.
    #[serde(default = "default_mechanism")]
    pub mechanism: String,
}

fn default_mechanism() -> String {
    "h2o2".into()
}

/// `[initial]`: state at ignition.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InitialConfig {
    /// Absolute fill pressure of the charge (pressure).
    pub pressure: QuantityInput,
    /// Temperature of the charge (temperature).
    pub temperature: QuantityInput,
    /// Absolute ambient pressure outside the bottle (default 1 atm).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambient_pressure: Option<QuantityInput>,
}

/// `[safety]`: verdict thresholds on the governing safety factor.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SafetyConfig {
    /// At or above this safety factor the verdict is `safe` (default 2.0).
    #[serde(default = "default_safe_factor")]
    pub safe_factor: f64,
    /// Below this safety factor the verdict is `unsafe` (default 1.0).
    #[serde(default = "default_unsafe_factor")]
    pub unsafe_factor: f64,
}

fn default_safe_factor() -> f64 {
    2.0
}
fn default_unsafe_factor() -> f64 {
    1.0
}

impl Default for SafetyConfig {
    fn default() -> Self {
        SafetyConfig {
            safe_factor: default_safe_factor(),
            unsafe_factor: default_unsafe_factor(),
        }
    }
}

/// Largest verdict threshold accepted: beyond it every bottle would be `marginal`.
pub const MAX_SAFETY_FACTOR_THRESHOLD: f64 = 100.0;

/// All schema keys by table, for "did you mean" hints.
const KEYS: &[&str] = &[
    "bottle",
    "mixture",
    "initial",
    "safety",
    "preset",
    "outer_diameter",
    "wall_thickness",
    "volume",
    "mouth_bore",
    "material",
    "materials_file",
    "composition",
    "equivalence_ratio",
    "fuel",
    "oxidizer",
    "mechanism",
    "pressure",
    "temperature",
    "ambient_pressure",
    "safe_factor",
    "unsafe_factor",
];

/// Append a "did you mean" hint to serde's unknown-field messages.
fn with_hint(message: String) -> String {
    let Some(start) = message.find("unknown field `") else {
        return message;
    };
    let rest = &message[start + 15..];
    let Some(end) = rest.find('`') else {
        return message;
    };
    let bad = &rest[..end];
    match petrocket_units::suggest::closest(bad, KEYS.iter().copied()) {
        Some(k) => format!("{}\nhint: did you mean `{k}`?", message.trim_end()),
        None => message,
    }
}

impl Config {
    /// Parse TOML text. `path` names the source in errors.
    pub fn from_toml_str(text: &str, path: &str) -> Result<Self> {
        Self::with_overrides(text, path, &[])
    }

    /// Parse TOML text and then set each `key.path=value` of `overrides` (TOML value syntax:
    /// `bottle.wall_thickness="0.25 mm"`, `initial.pressure=2e5`, `safety.safe_factor=3`; a
    /// value that is not valid TOML is taken as a string, so `mixture.composition=H2:2,O2:1`
    /// works too). Tables on the path are created as needed; unknown keys get the same
    /// "did you mean" errors as in the file.
    pub fn with_overrides(text: &str, path: &str, overrides: &[String]) -> Result<Self> {
        let config_err = |message: String| PipelineError::Config {
            path: path.into(),
            message,
        };
        if overrides.is_empty() {
            // Straight from the text: errors keep their line and column.
            return toml::from_str(text).map_err(|e| config_err(with_hint(e.to_string())));
        }
        let mut table: toml::Table =
            toml::from_str(text).map_err(|e| config_err(with_hint(e.to_string())))?;
        for o in overrides {
            set_dotted(&mut table, o).map_err(|message| PipelineError::Value {
                field: o.split('=').next().unwrap_or(o).trim().to_string(),
                message,
            })?;
        }
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| {
                config_err(with_hint(format!(
                    "{} (after --set {})",
                    e.message(),
                    overrides.join(", ")
                )))
            })
    }

    /// The config as TOML text (defaults filled in); reads back to an equal `Config`.
    pub fn to_toml_string(&self) -> String {
        toml::to_string(self).expect("a Config always serialises to TOML")
    }

    /// Read and parse a TOML file (at most [`MAX_CONFIG_BYTES`]); relative paths inside it are
    /// resolved against its folder.
    pub fn from_file(path: &str) -> Result<(Self, String)> {
        Self::from_file_with_overrides(path, &[])
    }

    /// [`Self::from_file`], then [`Self::with_overrides`].
    pub fn from_file_with_overrides(path: &str, overrides: &[String]) -> Result<(Self, String)> {
        let p = std::path::Path::new(path);
        let text = read_input_file("config", p, MAX_CONFIG_BYTES)?;
        let mut config = Self::with_overrides(&text, path, overrides)?;
        config.base_dir = Some(match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        });
        Ok((config, text))
    }
}

/// Largest config file accepted (bytes): a config is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Largest mechanism or materials file accepted (bytes): GRI-Mech 3.0 in Cantera YAML is
/// ≈ 0.3 MB, detailed mechanisms of a few hundred species stay below 10 MB.
pub const MAX_DATA_FILE_BYTES: u64 = 16 << 20;

/// Read a UTF-8 input file of at most `limit` bytes
/// ([`petrocket_units::input_file::read_text_limited`]: a huge file, `/dev/zero` or an endless
/// pipe stops at the limit). Errors name the `field`, the path and the limit and never quote
/// the file's contents.
pub fn read_input_file(field: &str, path: &std::path::Path, limit: u64) -> Result<String> {
    use petrocket_units::input_file::{read_text_limited, ReadLimitedError as E};
    read_text_limited(path, limit).map_err(|e| match e {
        E::Io { source, .. } => PipelineError::ReadConfig {
            path: format!("{} ({field})", path.display()),
            source,
        },
        other => PipelineError::Value {
            field: field.into(),
            message: other.to_string(),
        },
    })
}

/// Set `key.path=value` in a TOML table (see [`Config::with_overrides`]).
fn set_dotted(table: &mut toml::Table, assignment: &str) -> std::result::Result<(), String> {
    let Some((key, value)) = assignment.split_once('=') else {
        return Err(format!(
            "`{assignment}` is not an override: write key.path=value, e.g. bottle.wall_thickness=\"0.25 mm\""
        ));
    };
    let key = key.trim();
    let value = value.trim();
    let parts: Vec<&str> = key.split('.').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!(
            "`{key}` is not a dotted key path such as initial.pressure"
        ));
    }
    let parsed = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    let (last, tables) = parts.split_last().expect("at least one part");
    let mut here = table;
    for part in tables {
        let entry = here
            .entry(part.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        here = match entry {
            toml::Value::Table(t) => t,
            _ => return Err(format!("`{part}` in `{key}` is a value, not a table")),
        };
    }
    here.insert(last.to_string(), parsed);
    Ok(())
}

/// Convert a quantity to SI, check the allowed range, and name the field on error.
pub fn quantity(
    field: &str,
    q: &QuantityInput,
    dim: Dimension,
    unit: &str,
    range: (f64, f64),
) -> Result<f64> {
    let v = q.to_si(dim).map_err(|e| PipelineError::Value {
        field: field.into(),
        message: e.to_string(),
    })?;
    // The bounds are documented values: accept them despite unit-conversion round-off
    // ("10 mL" is 1.0000000000000001e-5 m^3).
    if !petrocket_structure::limits::within(v, range.0, range.1) {
        return Err(PipelineError::Value {
            field: field.into(),
            message: format!(
                "{q} = {v} {unit} is outside the allowed range [{}, {}] {unit}",
                range.0, range.1
            ),
        });
    }
    Ok(v)
}

/// Allowed initial temperature (K): the thermo data are fitted from 200 K; above 1500 K a
/// H2/O2 charge would autoignite during filling.
pub const T_INITIAL_RANGE: (f64, f64) = (200.0, 1500.0);
/// Allowed fill pressure (Pa) (absolute).
pub const P_INITIAL_RANGE: (f64, f64) = (1e3, 1e7);
/// Allowed ambient pressure (Pa) (absolute).
pub const P_AMBIENT_RANGE: (f64, f64) = (1e3, 2e5);

/// The initial state in SI.
pub fn resolve_initial(c: &InitialConfig) -> Result<(f64, f64, f64)> {
    let t = quantity(
        "initial.temperature",
        &c.temperature,
        Dimension::TEMPERATURE,
        "K",
        T_INITIAL_RANGE,
    )?;
    let p = quantity(
        "initial.pressure",
        &c.pressure,
        Dimension::PRESSURE,
        "Pa",
        P_INITIAL_RANGE,
    )?;
    let pa = match &c.ambient_pressure {
        Some(q) => quantity(
            "initial.ambient_pressure",
            q,
            Dimension::PRESSURE,
            "Pa",
            P_AMBIENT_RANGE,
        )?,
        None => ONE_ATM,
    };
    Ok((t, p, pa))
}

impl SafetyConfig {
    /// Check the thresholds: 1 ≤ unsafe ≤ safe ≤ [`MAX_SAFETY_FACTOR_THRESHOLD`]. A threshold
    /// below 1 would call a predicted burst (SF < 1) something other than `unsafe`.
    pub fn validate(&self) -> Result<()> {
        let max = MAX_SAFETY_FACTOR_THRESHOLD;
        if !(self.unsafe_factor.is_finite()
            && self.unsafe_factor >= 1.0
            && self.unsafe_factor <= max)
        {
            return Err(PipelineError::Value {
                field: "safety.unsafe_factor".into(),
                message: format!(
                    "{} (dimensionless safety factor) is outside the allowed range [1, {max}] (default 1.0): below 1 a predicted burst would not be `unsafe`",
                    self.unsafe_factor
                ),
            });
        }
        if !(self.safe_factor.is_finite()
            && self.safe_factor >= self.unsafe_factor
            && self.safe_factor <= max)
        {
            return Err(PipelineError::Value {
                field: "safety.safe_factor".into(),
                message: format!(
                    "{} (dimensionless safety factor) is outside the allowed range [safety.unsafe_factor = {}, {max}] (default 2.0)",
                    self.safe_factor, self.unsafe_factor
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_a_hint() {
        let text = "[bottle]\npreset = \"2L\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\n[initial]\npresure = \"1 atm\"\ntemperature = 300\n";
        let e = Config::from_toml_str(text, "x.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("presure") && e.contains("did you mean `pressure`"),
            "{e}"
        );
    }

    #[test]
    fn quantities_name_field_value_and_range() {
        let q: QuantityInput = "2 mm".parse().unwrap();
        let e = quantity(
            "initial.pressure",
            &q,
            Dimension::PRESSURE,
            "Pa",
            P_INITIAL_RANGE,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("initial.pressure") && e.contains("length") && e.contains("pressure"),
            "{e}"
        );
        let q: QuantityInput = "500 bar".parse().unwrap();
        let e = quantity(
            "initial.pressure",
            &q,
            Dimension::PRESSURE,
            "Pa",
            P_INITIAL_RANGE,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("50000000") && e.contains("allowed range") && e.contains("Pa"),
            "{e}"
        );
    }

    #[test]
    fn safety_thresholds_are_checked() {
        assert!(SafetyConfig {
            safe_factor: 0.5,
            unsafe_factor: 1.0
        }
        .validate()
        .is_err());
        assert!(SafetyConfig {
            safe_factor: 2.0,
            unsafe_factor: f64::NAN
        }
        .validate()
        .is_err());
        assert!(SafetyConfig::default().validate().is_ok());
    }
}
