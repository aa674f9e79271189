//! `petrocket bug-report [--config FILE] [--out FILE]`: a file to attach to an issue.

use super::{exit_code_for, EXIT_FAILURE, EXIT_INPUT, EXIT_NUMERICAL};
use anyhow::Context;
use clap::Args;
use petrocket::report::{bug_report, InputFile, RunOutcome};
use petrocket::{build_info, Config};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BugReportArgs {
    /// A run configuration: identified by its SHA-256 (never copied) and run to record the
    /// summary's input hash and verdict, or the kind of failure.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where to write the report (default: petrocket-bug-report-<unix time>.md in the current
    /// directory).
    #[arg(long)]
    out: Option<PathBuf>,
}

impl BugReportArgs {
    /// The config path as typed, if any.
    pub fn config_path(&self) -> Option<String> {
        self.config.as_ref().map(|p| p.display().to_string())
    }
}

fn try_run(path: &str) -> RunOutcome {
    let result = Config::from_file(path)
        .and_then(|(config, _)| petrocket::run(&config))
        .map_err(anyhow::Error::from);
    match result {
        Ok(a) => RunOutcome::Assessed {
            input_hash_sha256: a.input_hash_sha256,
            verdict: a.results.verdict.to_string(),
        },
        Err(e) => {
            let exit_code = exit_code_for(&e);
            let kind = match exit_code {
                EXIT_INPUT => "invalid input",
                EXIT_NUMERICAL => "numerical failure",
                EXIT_FAILURE => "unexpected failure",
                _ => "failure",
            };
            tracing::info!("bug-report: the config did not run: {e:#}");
            RunOutcome::Failed {
                kind: kind.into(),
                exit_code,
            }
        }
    }
}

pub fn run(a: BugReportArgs) -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args_os()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let (files, outcome) = match a.config_path() {
        Some(path) => (vec![InputFile::hash("config", &path)], try_run(&path)),
        None => (Vec::new(), RunOutcome::NotRun),
    };
    let text = bug_report(&args, &files, &outcome);
    let out = a.out.unwrap_or_else(|| {
        PathBuf::from(format!(
            "petrocket-bug-report-{}.md",
            super::crash::unix_time_s()
        ))
    });
    petrocket::output::write_atomic(&out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("bug report written to {}", out.display());
    println!(
        "please check it and attach it to an issue: {}",
        build_info::ISSUES_URL
    );
    Ok(ExitCode::SUCCESS)
}
