//! Mechanisms in Cantera's YAML format: elements, species with thermo and transport data, and
//! typed reactions, converted to SI (mol based) on load.
//!
//! Supported: the `units:` block and values with inline units; phases with `thermo: ideal-gas`
//! (the first phase unless one is named); species lists as names, `all`, or `{section: names}`
//! within the same file; NASA7 (any number of ranges), NASA9 and constant-cp thermo; reactions
//! of type elementary, three-body, falloff (Lindemann, Troe, SRI, Tsang), chemically-activated,
//! pressure-dependent-Arrhenius (PLOG) and Chebyshev, with `duplicate`, `orders`, efficiencies
//! and irreversible `=>`. Anything else is an error naming the species or reaction.
//!
//! Input is bounded and checked (see [`input_limits`] and docs/chemistry.md, "Input limits
//! and checks"): at most [`MAX_MECHANISM_BYTES`] of text, YAML nested at most
//! [`MAX_YAML_DEPTH`] deep and at most [`MAX_YAML_NODES`] nodes after alias expansion; every
//! reaction must conserve every element, undeclared duplicate reactions and duplicate species
//! definitions are refused, and species thermo must be finite with a positive heat capacity
//! over its fitted range, with the formation enthalpy of H2O (when H2, O2 and H2O are species)
//! near its known value ([`check_mechanism`]; for a whole charge see
//! [`crate::combustion::check_heat_release`]). All of these are input errors
//! ([`ChemError::is_numerical`] is false).

mod bundled;
mod checks;
pub mod input_limits;
mod reaction;
mod units;
mod yaml;

pub use bundled::{bundled_mechanism_names, BUNDLED};
pub use checks::{
    check_mechanism, formation_enthalpy_h2o, ELEMENT_BALANCE_RTOL, H2O_FORMATION_ENTHALPY_BAND,
    MAX_MOLECULAR_WEIGHT,
};
pub use input_limits::{MAX_MECHANISM_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES};
pub use reaction::{Arrhenius, FalloffForm, RateModel, Reaction, ThirdBody};

use crate::elements::Element;
use crate::error::{ChemError, Result};
use crate::species::Species;

/// A gas-phase mechanism: the definition from which mixtures and kinetics are built.
#[derive(Debug, Clone)]
pub struct Mechanism {
    /// Where it came from (`bundled:h2o2` or a file path).
    pub source: String,
    /// Phase name selected in the file.
    pub phase: String,
    /// The file's `description`, if any.
    pub description: Option<String>,
    /// Elements of the phase, in declaration order.
    pub elements: Vec<Element>,
    /// Species of the phase, in declaration order.
    pub species: Vec<Species>,
    /// Reactions of the phase (empty when the phase declares no kinetics).
    pub reactions: Vec<Reaction>,
    /// Kinetics model name (`gas`) if declared.
    pub kinetics_model: Option<String>,
    /// Transport model name (e.g. `mixture-averaged`) if declared.
    pub transport_model: Option<String>,
    /// Non-fatal remarks made while loading (e.g. skipped undeclared third bodies).
    pub warnings: Vec<String>,
}

impl Mechanism {
    /// Parse a mechanism from YAML text. `label` names the source in errors; `phase` selects a
    /// phase by name (default: the first phase). The text is checked against the input limits
    /// before a tree is built, and the mechanism against [`check_mechanism`] after.
    pub fn from_yaml_str(text: &str, label: &str, phase: Option<&str>) -> Result<Self> {
        yaml::load(text, label, phase)
    }

    /// Read a mechanism file from disk: at most [`MAX_MECHANISM_BYTES`] are read (a larger
    /// file or an endless stream such as `/dev/zero` is refused at the limit), then as
    /// [`Mechanism::from_yaml_str`].
    pub fn from_file(path: impl AsRef<std::path::Path>, phase: Option<&str>) -> Result<Self> {
        let path = path.as_ref();
        let text = input_limits::read_mechanism_file(path)?;
        Self::from_yaml_str(&text, &path.display().to_string(), phase)
    }

    /// A bundled mechanism by name (e.g. `h2o2`).
    pub fn bundled(name: &str) -> Result<Self> {
        let (_, text) = BUNDLED
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .ok_or_else(|| ChemError::UnknownMechanism {
                name: name.to_string(),
                available: bundled_mechanism_names().join(", "),
            })?;
        let mut m = Self::from_yaml_str(text, &format!("bundled:{name}"), None)?;
        m.source = format!("bundled:{}", name.to_ascii_lowercase());
        Ok(m)
    }

    /// A bundled name, or else a path to a Cantera YAML file. A name that is neither is an
    /// error listing the bundled names.
    pub fn load(name_or_path: &str) -> Result<Self> {
        if BUNDLED
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
        {
            return Self::bundled(name_or_path);
        }
        let p = std::path::Path::new(name_or_path);
        if p.exists() || name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml") {
            return Self::from_file(p, None);
        }
        Err(ChemError::UnknownMechanism {
            name: name_or_path.to_string(),
            available: bundled_mechanism_names().join(", "),
        })
    }

    /// Index of a species by exact name.
    pub fn species_index(&self, name: &str) -> Option<usize> {
        self.species.iter().position(|s| s.name == name)
    }
}
