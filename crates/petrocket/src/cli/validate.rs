//! `petrocket validate [--json]`: the validation suite shipped in the binary.

use super::EXIT_VALIDATION;
use clap::Args;
use petrocket::{build_info, validation};
use serde_json::json;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Print one JSON object on stdout: `cases` (name, quantity, expected, measured,
    /// tolerance, source, passed, ...) and `summary` (passed, failed, total).
    #[arg(long)]
    json: bool,
}

pub fn run(a: ValidateArgs) -> anyhow::Result<ExitCode> {
    let report = validation::run();
    if a.json {
        let out = json!({
            "tool": {
                "name": "petrocket",
                "version": build_info::VERSION,
                "commit": build_info::COMMIT,
            },
            "cases": report.cases,
            "summary": report.summary,
        });
        println!("{out}");
    } else {
        print!("{}", validation::human_table(&report));
    }
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
