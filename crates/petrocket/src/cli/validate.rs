//! `petrocket validate [--json]`: the validation suite shipped in the binary.

use super::EXIT_VALIDATION;
use clap::Args;
use petrocket::studies::validate::validation_report;
use petrocket::validation;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Print one JSON object on stdout: `cases` (name, quantity, expected, measured,
    /// tolerance, source, passed, ...) and `summary` (passed, failed, total).
    #[arg(long)]
    json: bool,
}

pub fn run(a: ValidateArgs) -> anyhow::Result<ExitCode> {
    let r = validation_report();
    if a.json {
        super::print_json(&r)?;
    } else {
        print!("{}", validation::human_table(&r.report));
    }
    let report = &r.report;
    if report.all_passed() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "error: {} of {} validation cases failed",
            report.summary.failed, report.summary.total
        );
        Ok(ExitCode::from(EXIT_VALIDATION))
    }
}
