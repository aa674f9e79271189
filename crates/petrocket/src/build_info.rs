//! What was built, from what: version, commit, compiler and target (set by `build.rs`).

/// Crate version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Short git commit of the build, or `unknown` (no git, or not built from a checkout).
pub const COMMIT: &str = env!("PETROCKET_GIT_COMMIT");
/// Date of that commit (`YYYY-MM-DD`), or `unknown`.
pub const COMMIT_DATE: &str = env!("PETROCKET_GIT_DATE");
/// `rustc --version` of the compiler that built this binary.
pub const RUSTC: &str = env!("PETROCKET_RUSTC");
/// Target as `<arch>-<os>`, e.g. `x86_64-linux`.
pub const TARGET: &str = env!("PETROCKET_TARGET");
/// Full target triple, e.g. `x86_64-unknown-linux-gnu`.
pub const TARGET_TRIPLE: &str = env!("PETROCKET_TARGET_TRIPLE");
/// Where to report bugs.
pub const ISSUES_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/issues");

/// The version line after the program name, as printed by `petrocket --version`:
/// `0.1.0 (commit abc1234, 2026-11-21, rustc 1.95.0, x86_64-linux)`.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PETROCKET_GIT_COMMIT"),
    ", ",
    env!("PETROCKET_GIT_DATE"),
    ", ",
    env!("PETROCKET_RUSTC_SHORT"),
    ", ",
    env!("PETROCKET_TARGET"),
    ")"
);

/// `petrocket <LONG_VERSION>`, the line at the top of bug and crash reports.
pub fn version_line() -> String {
    format!("petrocket {LONG_VERSION}")
}
