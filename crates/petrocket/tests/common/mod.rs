//! Helpers shared by the end-to-end tests of the `petrocket` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test, with logging and test hooks cleared from the environment.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_petrocket"));
    c.env_remove("RUST_LOG").env_remove("PETROCKET_TEST_PANIC");
    c
}

/// Run the binary with `args`.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// Run the binary with the subcommand words `sub` followed by `args`.
pub fn run_sub(sub: &[&str], args: &[&str]) -> Output {
    let all: Vec<&str> = sub.iter().chain(args).copied().collect();
    run(&all)
}

/// The one JSON object a successful `--json` run printed on stdout.
#[track_caller]
pub fn json_out(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

/// Runs `petrocket args…`, asserts success and parses the one JSON object on stdout.
pub fn json(args: &[&str]) -> serde_json::Value {
    json_out(&run(args))
}

/// Lossy UTF-8 text of an output stream.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A path relative to the repository root.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// A fresh, empty scratch directory `<target tmp>/<group>/<name>`.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Assert the exit code and that stderr contains every needle.
#[track_caller]
pub fn assert_exit(o: &Output, code: i32, needles: &[&str]) {
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stderr: {err}\nstdout: {}",
        text(&o.stdout)
    );
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}: {err}");
    }
}
