//! Crash reports, bug reports, `--version` and logging of the `petrocket` binary.

mod common;
use common::*;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Output;

fn files_with_prefix(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect()
}

fn sha256(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn version_names_commit_compiler_and_target() {
    for flag in ["--version", "-V"] {
        let o = bin().arg(flag).output().unwrap();
        assert_eq!(o.status.code(), Some(0));
        let v = text(&o.stdout);
        let expected = format!(
            "petrocket {} (commit {}, ",
            env!("CARGO_PKG_VERSION"),
            petrocket::build_info::COMMIT
        );
        assert!(v.starts_with(&expected), "{v}");
        assert!(v.contains(", rustc ") && v.trim_end().ends_with(')'), "{v}");
        assert!(
            v.contains(&format!(
                "{}-{}",
                std::env::consts::ARCH,
                std::env::consts::OS
            )),
            "{v}"
        );
    }
}

#[test]
fn a_panic_writes_a_crash_report_without_personal_data() {
    let dir = scratch("diagnostics", "crash");
    let cfg = dir.join("my config.toml");
    std::fs::write(&cfg, "# SECRET-CONTENT-MARKER\n").unwrap();
    let cfg_arg = cfg.display().to_string();
    let o = bin()
        .args(["run", &cfg_arg, "--json"])
        .env("PETROCKET_TEST_PANIC", "1")
        .env("TMPDIR", &dir)
        .env("PETROCKET_UNRELATED_SECRET", "ENV-MARKER-4711")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(101), "stderr: {}", text(&o.stderr));
    assert!(o.stdout.is_empty(), "stdout: {}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("petrocket crashed: this is a bug. A report was written to "),
        "{err}"
    );
    assert!(err.contains("please attach it to an issue: "), "{err}");
    let reports = files_with_prefix(&dir, "petrocket-crash-");
    assert_eq!(reports.len(), 1, "{reports:?}");
    let name = reports[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let stamp = name
        .strip_prefix("petrocket-crash-")
        .and_then(|s| s.strip_suffix(".txt"))
        .unwrap();
    assert!(stamp.parse::<u64>().is_ok(), "{name}");
    assert!(err.contains(&name), "{err}");
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    for needle in [
        format!("version: {}", env!("CARGO_PKG_VERSION")),
        format!("commit: {}", petrocket::build_info::COMMIT),
        format!("target: {}", petrocket::build_info::TARGET_TRIPLE),
        "compiler: rustc ".to_string(),
        format!("command: `petrocket run '{cfg_arg}' --json`"),
        format!("config `{cfg_arg}`: sha256 {}", sha256(&cfg)),
        "message: deliberate panic requested by PETROCKET_TEST_PANIC=1".to_string(),
        "location: crates/petrocket/src/".to_string(),
        "thread: main".to_string(),
    ] {
        assert!(
            report.contains(&needle),
            "report lacks {needle:?}:\n{report}"
        );
    }
    for leak in [
        "SECRET-CONTENT-MARKER",
        "ENV-MARKER-4711",
        "PETROCKET_UNRELATED_SECRET",
    ] {
        assert!(!report.contains(leak), "report leaks {leak}:\n{report}");
    }
    if let Ok(user) = std::env::var("USER") {
        if user.len() > 2 && !cfg_arg.contains(&user) {
            assert!(!report.contains(&user), "report names the user:\n{report}");
        }
    }
}

#[test]
fn bug_report_identifies_config_and_run_without_contents() {
    let dir = scratch("diagnostics", "bug-report");
    let cfg = repo("examples/stoich_h2o2_2L.toml");
    let cfg_arg = cfg.display().to_string();
    let out = dir.join("report.md");
    let o = bin()
        .args(["bug-report", "--config", &cfg_arg, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&out.display().to_string()));
    let report = std::fs::read_to_string(&out).unwrap();
    // The same input hash as `petrocket run --json`.
    let run = bin()
        .args(["run", &cfg_arg, "--json", "--out"])
        .arg(dir.join("run"))
        .output()
        .unwrap();
    let summary: Value = serde_json::from_str(text(&run.stdout).trim()).unwrap();
    for needle in [
        format!("version: {}", env!("CARGO_PKG_VERSION")),
        format!("commit: {}", petrocket::build_info::COMMIT),
        format!("target: {}", petrocket::build_info::TARGET_TRIPLE),
        format!("sha256 {}", sha256(&cfg)),
        format!(
            "input_hash_sha256: {}",
            summary["input_hash_sha256"].as_str().unwrap()
        ),
        "verdict unsafe".to_string(),
    ] {
        assert!(
            report.contains(&needle),
            "report lacks {needle:?}:\n{report}"
        );
    }
    let config_text = std::fs::read_to_string(&cfg).unwrap();
    for line in config_text.lines().filter(|l| l.contains('=')) {
        assert!(!report.contains(line.trim()), "report copies {line:?}");
    }

    // A config that does not run: only the kind of failure and the exit code.
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[bottle]\npreset = \"SECRET-PRESET\"\n").unwrap();
    let out = dir.join("bad.md");
    let o = bin()
        .args(["bug-report", "--config"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(
        report.contains("failed (invalid input, exit code 3)"),
        "{report}"
    );
    assert!(!report.contains("SECRET-PRESET"), "{report}");

    // Without --out: a timestamped file in the current directory.
    let o = bin().arg("bug-report").current_dir(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let written = files_with_prefix(&dir, "petrocket-bug-report-");
    assert_eq!(written.len(), 1, "{written:?}");
    let report = std::fs::read_to_string(&written[0]).unwrap();
    assert!(report.contains("input files: none given"), "{report}");
}

fn run_example(dir: &Path, flags: &[&str], rust_log: Option<&str>) -> Output {
    let mut c = bin();
    c.args(flags)
        .arg("run")
        .arg(repo("examples/stoich_h2o2_2L.toml"))
        .arg("--json")
        .arg("--out")
        .arg(dir);
    if let Some(l) = rust_log {
        c.env("RUST_LOG", l);
    }
    c.output().unwrap()
}

#[test]
fn logs_go_to_stderr_and_follow_the_flags() {
    let dir = scratch("diagnostics", "logging");
    let stages = [
        "inputs",
        "charge",
        "detonation screening",
        "loads",
        "verdict",
    ];
    for (flags, rust_log, expect_stages) in [
        (&["-vv"][..], None, true),
        (&["-v", "-v", "-v"][..], None, true),
        (&[][..], Some("petrocket::pipeline=debug"), true),
        (&[][..], None, false),
        (&["-v"][..], None, false),
        (&["-q"][..], Some("debug"), false),
    ] {
        let o = run_example(&dir, flags, rust_log);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{flags:?}: {err}");
        // stdout stays one JSON object whatever the logging.
        let stdout = text(&o.stdout);
        assert_eq!(stdout.trim().lines().count(), 1, "{flags:?}: {stdout}");
        serde_json::from_str::<Value>(stdout.trim()).unwrap();
        for s in stages {
            let found = err.contains(&format!("stage=\"{s}\""));
            assert_eq!(
                found, expect_stages,
                "{flags:?} {rust_log:?} stage {s}: {err}"
            );
        }
        if flags.is_empty() && rust_log.is_none() || flags == ["-q"] {
            assert!(err.is_empty(), "{flags:?} {rust_log:?}: {err}");
        }
        if flags == ["-v"] {
            assert!(err.contains("assessment finished"), "{err}");
        }
    }
    let o = bin().args(["-q", "-v", "validate"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}
