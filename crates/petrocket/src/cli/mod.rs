//! Argument definitions and dispatch; errors are mapped to exit codes in one place.

mod chem;
mod materials;
mod run;

use clap::{Parser, Subcommand};
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

/// Will a hydrogen/oxygen PET bottle fly or burst? Quantities accept SI numbers or numbers
/// with units ("2 bar", "1 atm", "25 degC", "0.3 mm", "2 L").
#[derive(Debug, Parser)]
#[command(name = "petrocket", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the main job on a config file: AICC peak pressure, burst pressure, verdict.
    Run(run::RunArgs),
    /// Chemistry calculations.
    #[command(subcommand)]
    Chem(chem::ChemCommand),
    /// List the materials database (built-in, plus an optional user file).
    Materials(materials::MaterialsArgs),
}

/// Run the chosen command; the returned code is the process exit code.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(a) => run::run(a),
        Command::Chem(c) => chem::run(c),
        Command::Materials(a) => materials::run(a),
    }
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
            return match c {
                ChemError::EquilibriumNotConverged { .. } | ChemError::StateNotFound { .. } => {
                    EXIT_NUMERICAL
                }
                _ => EXIT_INPUT,
            };
        }
        if cause
            .downcast_ref::<petrocket_structure::StructureError>()
            .is_some()
            || cause.downcast_ref::<petrocket_units::UnitError>().is_some()
        {
            return EXIT_INPUT;
        }
    }
    EXIT_FAILURE
}
