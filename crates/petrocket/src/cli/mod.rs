//! Argument definitions and dispatch; errors are mapped to exit codes in one place.

mod bug_report;
mod chem;
pub mod crash;
mod fem;
mod fem_dynamics;
pub mod logging;
mod materials;
mod run;
mod thermal;
mod validate;

use clap::{ArgAction, Parser, Subcommand};
use petrocket::PipelineError;
use petrocket_chem::ChemError;
use std::process::ExitCode;

/// Exit code: unexpected failure.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code: invalid input.
pub const EXIT_INPUT: u8 = 3;
/// Exit code: numerical failure.
pub const EXIT_NUMERICAL: u8 = 4;
/// Exit code: unsafe verdict with `--fail-on-unsafe`.
pub const EXIT_UNSAFE: u8 = 5;
/// Exit code: `petrocket validate` found a failing case.
pub const EXIT_VALIDATION: u8 = 6;

/// Will a hydrogen/oxygen PET bottle fly or burst? Quantities accept SI numbers or numbers
/// with units ("2 bar", "1 atm", "25 degC", "0.3 mm", "2 L").
#[derive(Debug, Parser)]
#[command(
    name = "petrocket",
    version = petrocket::build_info::LONG_VERSION,
    about = "Will a hydrogen/oxygen PET bottle fly or burst? A screening assessment of the \
             closed-bottle and detonation loads against the wall, with the chemistry, detonation, \
             FEM and wall-heating tools behind it.",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// More log output on stderr: -v info, -vv debug (per-stage timing), -vvv trace.
    /// Overrides RUST_LOG.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Log errors only. Overrides RUST_LOG.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the main job on a config file: AICC peak pressure, burst pressure, verdict.
    Run(run::RunArgs),
    /// Chemistry calculations.
    #[command(subcommand)]
    Chem(chem::ChemCommand),
    /// Axisymmetric FEM of a bottle wall under internal pressure: static stresses, natural
    /// modes (--modes) and the transient response to a pressure pulse (--rise-time); native
    /// solver or CalculiX.
    Fem(fem::FemArgs),
    /// Transient heating of the wall through its thickness by a heat flux or burned gas.
    Thermal(thermal::ThermalArgs),
    /// List the materials database (built-in, plus an optional user file).
    Materials(materials::MaterialsArgs),
    /// Run the built-in validation suite: published values and Cantera golden data.
    Validate(validate::ValidateArgs),
    /// Write a bug report (version, build, platform, input hashes) to attach to an issue.
    BugReport(bug_report::BugReportArgs),
}

impl Cli {
    /// Input files named on the command line, as (role, path as typed), for crash reports.
    pub fn input_files(&self) -> Vec<(&'static str, String)> {
        let mut files = Vec::new();
        match &self.command {
            Command::Run(a) => files.push(("config", a.config_path())),
            Command::Materials(a) => files.extend(a.file_path().map(|p| ("materials file", p))),
            Command::Fem(a) => files.extend(a.input_files()),
            Command::Thermal(a) => files.extend(a.input_files()),
            Command::BugReport(a) => files.extend(a.config_path().map(|p| ("config", p))),
            Command::Chem(_) | Command::Validate(_) => {}
        }
        files
    }
}

/// Run the chosen command; the returned code is the process exit code.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    tracing::debug!(version = petrocket::build_info::LONG_VERSION, "petrocket");
    match cli.command {
        Command::Run(a) => run::run(a),
        Command::Chem(c) => chem::run(c),
        Command::Materials(a) => materials::run(a),
        Command::Fem(a) => fem::run(a),
        Command::Thermal(a) => thermal::run(a),
        Command::Validate(a) => validate::run(a),
        Command::BugReport(a) => bug_report::run(a),
    }
}

/// Print one JSON object on stdout. It goes through `serde_json::Value`, whose objects keep
/// their keys sorted: the byte layout the commands have always printed.
fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_value(value)?);
    Ok(())
}

/// Map an error to the documented exit code.
pub fn exit_code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(p) = cause.downcast_ref::<PipelineError>() {
            return match p {
                PipelineError::Write { .. } => EXIT_FAILURE,
                e if e.is_numerical() => EXIT_NUMERICAL,
                _ => EXIT_INPUT,
            };
        }
        if let Some(c) = cause.downcast_ref::<ChemError>() {
            return if c.is_numerical() {
                EXIT_NUMERICAL
            } else {
                EXIT_INPUT
            };
        }
        if let Some(s) = cause.downcast_ref::<petrocket_structure::StructureError>() {
            return if s.is_numerical() {
                EXIT_NUMERICAL
            } else {
                EXIT_INPUT
            };
        }
        if cause.downcast_ref::<petrocket_units::UnitError>().is_some() {
            return EXIT_INPUT;
        }
    }
    EXIT_FAILURE
}
