//! Errors of the pipeline library.

use thiserror::Error;

/// Everything that can stop a run. Input errors and numerical failures are distinct so the
/// CLI can map them to different exit codes; neither ever becomes a verdict.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// An input file (config, mechanism or materials file) could not be read.
    #[error("cannot read {path}")]
    ReadConfig {
        /// Path given.
        path: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The configuration is not valid TOML or does not match the schema.
    #[error("invalid config {path}: {message}")]
    Config {
        /// Path or `<string>`.
        path: String,
        /// What is wrong, with line and column and a hint.
        message: String,
    },
    /// A value in the config is out of range or has the wrong unit.
    #[error("invalid config value `{field}`: {message}")]
    Value {
        /// Dotted key, e.g. `initial.pressure`.
        field: String,
        /// The problem, naming value, unit and allowed range.
        message: String,
    },
    /// Chemistry failed (input or numerics).
    #[error(transparent)]
    Chemistry(#[from] petrocket_chem::ChemError),
    /// Structure failed (input or numerics).
    #[error(transparent)]
    Structure(#[from] petrocket_structure::StructureError),
    /// A computed quantity is not finite: never turned into a verdict.
    #[error("numerical failure: {quantity} is {value} ({context})")]
    NonFinite {
        /// The quantity.
        quantity: &'static str,
        /// Its value.
        value: f64,
        /// Where it came from.
        context: String,
    },
    /// Writing outputs failed.
    #[error("cannot write {path}")]
    Write {
        /// Path written.
        path: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl PipelineError {
    /// Whether the error is a numerical failure (as opposed to bad input).
    pub fn is_numerical(&self) -> bool {
        match self {
            PipelineError::NonFinite { .. } => true,
            PipelineError::Chemistry(e) => e.is_numerical(),
            PipelineError::Structure(e) => e.is_numerical(),
            _ => false,
        }
    }
}

/// Result alias of the pipeline.
pub type Result<T> = std::result::Result<T, PipelineError>;
