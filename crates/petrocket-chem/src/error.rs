//! The one error type of the chemistry crate.

use thiserror::Error;

/// Everything that can go wrong in the chemistry layer.
///
/// Variants carry the physical context (state, species, reaction, file position) and a hint
/// of what to try. Messages start in lower case and carry no trailing period.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ChemError {
    /// The mechanism file could not be read from disk.
    #[error("cannot read mechanism file {path}")]
    Io {
        /// Path that was opened.
        path: String,
        /// Underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid YAML.
    #[error("{file}: not valid YAML: {message}")]
    YamlSyntax {
        /// File name or `<string>`.
        file: String,
        /// Parser message with line and column.
        message: String,
    },
    /// The YAML is valid but does not describe a mechanism we can use.
    #[error("{file}: {context}: {message}")]
    Mechanism {
        /// File name or `<string>`.
        file: String,
        /// Where in the file (e.g. `species 'H2' > thermo`).
        context: String,
        /// What is wrong and what is expected.
        message: String,
    },
    /// An input exceeds one of the documented bounds (file size, YAML nesting depth, YAML
    /// alias expansion; see [`crate::mechanism::MAX_MECHANISM_BYTES`] and its neighbours).
    #[error("{file}: {message}")]
    InputLimit {
        /// File name or `<string>`.
        file: String,
        /// Which limit (e.g. `file size`, `YAML nesting depth`, `YAML alias expansion`).
        limit: &'static str,
        /// What was found, naming the limit's value.
        message: String,
    },
    /// A reaction whose element counts differ between its two sides.
    #[error(
        "{file}: reaction {index} '{equation}' is not balanced in element {element}: \
         products − reactants = {imbalance:+} atoms"
    )]
    UnbalancedReaction {
        /// File name or `<string>`.
        file: String,
        /// 1-based position of the reaction in its section.
        index: usize,
        /// The equation as written (shortened if long).
        equation: String,
        /// Element symbol.
        element: String,
        /// Atoms of the element on the product side minus the reactant side.
        imbalance: f64,
    },
    /// Two reactions with the same reactants, products and rate type, not both marked
    /// `duplicate: true` (refused as Cantera does).
    #[error(
        "{file}: undeclared duplicate reactions: reaction {first} '{first_equation}' and \
         reaction {second} '{second_equation}' have the same reactants, products and type; \
         mark both `duplicate: true` if both are intended"
    )]
    DuplicateReaction {
        /// File name or `<string>`.
        file: String,
        /// 1-based position of the first reaction.
        first: usize,
        /// Its equation.
        first_equation: String,
        /// 1-based position of the second reaction.
        second: usize,
        /// Its equation.
        second_equation: String,
    },
    /// Species thermo data that cannot be right (a formation enthalpy far from its known
    /// value, a non-finite or negative heat capacity, a reaction to the major products of a
    /// combustible charge that does not release heat).
    #[error("{file}: thermo data of {species} implausible: {message}")]
    ImplausibleThermo {
        /// File name or `<string>` (the mechanism's source).
        file: String,
        /// The species (or the charge) concerned.
        species: String,
        /// What was found and what was expected.
        message: String,
    },
    /// A name given by the user is not a species of the mechanism.
    #[error("unknown species '{name}' in {field}{hint}; {known}")]
    UnknownSpecies {
        /// The name that was given (shortened if long).
        name: String,
        /// The input field it came from (e.g. `mixture`).
        field: String,
        /// A "did you mean" hint, possibly empty.
        hint: String,
        /// The names that are accepted: all of them when the mechanism has few species,
        /// else the closest matches and a count (see [`known_names`]).
        known: String,
    },
    /// A composition string or vector is invalid.
    #[error("invalid {field} \"{value}\": {reason}")]
    Composition {
        /// The input field (e.g. `mixture`).
        field: String,
        /// The text or value given.
        value: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// A state variable is non-finite or outside its allowed range.
    #[error("{field} = {value} {unit} is outside the allowed range {range}")]
    OutOfRange {
        /// The quantity (e.g. `temperature`).
        field: String,
        /// The value given, in `unit`.
        value: f64,
        /// SI unit of `value`.
        unit: &'static str,
        /// The allowed range, human readable.
        range: String,
    },
    /// Equilibrium did not converge: never returned as a result.
    #[error(
        "{mode} equilibrium did not converge after {iterations} iterations \
         (residual {residual:.3e}, T = {temperature:.2} K, P = {pressure:.6e} Pa): {hint}"
    )]
    EquilibriumNotConverged {
        /// `TP`, `HP`, `UV` or `SV`.
        mode: String,
        /// Iterations spent.
        iterations: usize,
        /// Last scaled residual.
        residual: f64,
        /// Temperature at the last iterate (K).
        temperature: f64,
        /// Pressure at the last iterate (Pa).
        pressure: f64,
        /// What to try.
        hint: String,
    },
    /// A fixed-composition state setter (UV, HP, SV) found no temperature.
    #[error("no temperature satisfies the {pair} state: {reason}")]
    StateNotFound {
        /// `UV`, `HP` or `SV`.
        pair: &'static str,
        /// Why.
        reason: String,
    },
    /// A computed quantity came out non-finite: never carried into a result.
    #[error("non-finite {quantity} in {context}")]
    NonFinite {
        /// What was computed (e.g. `rate of progress`).
        quantity: String,
        /// Where (reaction, state).
        context: String,
    },
    /// The stiff integrator of a reactor failed: never returned as a result.
    #[error(
        "{reactor} reactor integration failed at t = {time:.6e} s (T = {temperature:.2} K, \
         P = {pressure:.6e} Pa): {reason}; hint: {hint}"
    )]
    Integration {
        /// `constant-volume` or `constant-pressure`.
        reactor: &'static str,
        /// Time reached (s).
        time: f64,
        /// Temperature at that time (K).
        temperature: f64,
        /// Pressure at that time (Pa).
        pressure: f64,
        /// What the integrator reported.
        reason: String,
        /// What to try.
        hint: String,
    },
    /// A shock or detonation jump-condition iteration did not converge: never returned as a
    /// result.
    #[error(
        "{problem} did not converge after {iterations} Newton iterations (scaled residual \
         {residual:.3e}, T = {temperature:.2} K, rho = {density:.6e} kg/m^3): {hint}"
    )]
    ShockNotConverged {
        /// Which problem (e.g. `equilibrium post-shock state`, `CJ state`).
        problem: &'static str,
        /// Newton iterations spent.
        iterations: usize,
        /// Largest scaled residual at the last iterate.
        residual: f64,
        /// Temperature at the last iterate (K).
        temperature: f64,
        /// Density at the last iterate (kg/m³).
        density: f64,
        /// What to try.
        hint: String,
    },
    /// The ZND reaction-zone integration failed or found no reaction: never returned as a
    /// result.
    #[error("ZND structure: {reason}; hint: {hint}")]
    Znd {
        /// What went wrong.
        reason: String,
        /// What to try.
        hint: String,
    },
    /// A bundled mechanism name that does not exist.
    #[error("unknown mechanism '{name}': bundled mechanisms are {available}; a path to a Cantera YAML file works too")]
    UnknownMechanism {
        /// The name given.
        name: String,
        /// Comma-separated list of bundled names.
        available: String,
    },
}

impl ChemError {
    /// Whether the error is a numerical failure (a solver that did not converge, a
    /// non-finite value, a failed integration) rather than bad input.
    pub fn is_numerical(&self) -> bool {
        matches!(
            self,
            ChemError::EquilibriumNotConverged { .. }
                | ChemError::StateNotFound { .. }
                | ChemError::Integration { .. }
                | ChemError::ShockNotConverged { .. }
                | ChemError::Znd { .. }
                | ChemError::NonFinite { .. }
        )
    }
}

/// Result alias of the chemistry crate.
pub type Result<T> = std::result::Result<T, ChemError>;

/// A " (did you mean 'x'?)" hint for `name` among `candidates`, or an empty string.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match petrocket_units::suggest::closest(name, candidates) {
        Some(c) => format!(" (did you mean '{c}'?)"),
        None => String::new(),
    }
}

/// Most names listed in full by [`known_names`]; longer lists give the closest matches.
const KNOWN_NAMES_IN_FULL: usize = 40;

/// "known species: A, B, C" for an error about `name`: every candidate when there are at
/// most 40 of them, else the 8 closest (`petrocket_units::suggest`) and the total count.
pub fn known_names<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let all: Vec<&str> = candidates.into_iter().collect();
    if all.len() <= KNOWN_NAMES_IN_FULL {
        return format!("known species: {}", all.join(", "));
    }
    let closest: Vec<&str> = petrocket_units::suggest::ranked(name, all.iter().copied())
        .into_iter()
        .take(8)
        .collect();
    format!(
        "closest of the {} known species: {}",
        all.len(),
        closest.join(", ")
    )
}
