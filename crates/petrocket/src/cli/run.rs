//! `petrocket run CONFIG.toml [--out DIR] [--json] [--fail-on-unsafe] [--set KEY=VALUE]...`.

use super::EXIT_UNSAFE;
use clap::Args;
use petrocket::{output, Config, Verdict};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The run configuration (TOML); see examples/.
    config: PathBuf,
    /// Output directory for summary.json (default: out/<config name>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object on stdout instead of the readable text.
    #[arg(long)]
    json: bool,
    /// Exit with code 5 when the verdict is `unsafe`.
    #[arg(long)]
    fail_on_unsafe: bool,
    /// Override a config value by its dotted key path, TOML syntax: --set
    /// bottle.wall_thickness="0.25 mm" (repeatable; applied in order after the file).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    overrides: Vec<String>,
}

impl RunArgs {
    /// The config path as typed.
    pub fn config_path(&self) -> String {
        self.config.display().to_string()
    }
}

pub fn run(a: RunArgs) -> anyhow::Result<ExitCode> {
    let path = a.config.display().to_string();
    let out = a.out.clone().unwrap_or_else(|| {
        let stem = a
            .config
            .file_stem()
            .map_or("run".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from("out").join(stem)
    });
    let assessment = match Config::from_file_with_overrides(&path, &a.overrides)
        .and_then(|(config, _)| petrocket::run(&config))
    {
        Ok(a) => a,
        Err(e) => {
            // Never leave an earlier run's verdict next to a failed run.
            let removed = output::remove_stale_summary(&out).unwrap_or(false);
            let note = if removed {
                format!(
                    " (the previous {} was removed)",
                    out.join(output::SUMMARY_FILE).display()
                )
            } else {
                String::new()
            };
            return Err(anyhow::Error::new(e).context(format!("assessing {path}{note}")));
        }
    };
    let summary = output::write_summary(&assessment, &out)?;
    if a.json {
        println!("{}", serde_json::to_string(&assessment)?);
    } else {
        print!("{}", output::human_summary(&assessment));
        println!("written    {}", summary.display());
    }
    if a.fail_on_unsafe && assessment.results.verdict == Verdict::Unsafe {
        return Ok(ExitCode::from(EXIT_UNSAFE));
    }
    Ok(ExitCode::SUCCESS)
}
