//! The validation report behind `petrocket validate`: the suite of [`crate::validation`]
//! with the tool's name, version and commit.

use crate::{build_info, validation};
use serde::Serialize;

/// Result of [`validation_report`]: the JSON of `petrocket validate --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    /// The tool that ran the suite.
    pub tool: ToolInfo,
    /// The suite's cases and counts (`cases`, `summary`).
    #[serde(flatten)]
    pub report: validation::Report,
}

/// Name, version and commit of the tool.
#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    /// Always `petrocket`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
    /// Git commit of the build.
    pub commit: &'static str,
}

/// Runs the validation suite ([`validation::run`]).
pub fn validation_report() -> ValidationReport {
    ValidationReport {
        tool: ToolInfo {
            name: "petrocket",
            version: build_info::VERSION,
            commit: build_info::COMMIT,
        },
        report: validation::run(),
    }
}
