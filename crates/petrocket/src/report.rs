//! Crash reports and bug reports: what to attach to an issue.
//!
//! Both hold the build ([`crate::build_info`]), the target, and the SHA-256 of input files the
//! user named — never their contents, no environment variables, no user or host names. The
//! only paths in a report are the ones the user typed; source paths in panic locations and
//! backtraces are shortened by [`sanitize_source_path`] so a home directory does not leak
//! through the cargo registry path. Nothing is sent anywhere: the CLI writes a file and says
//! where.

use crate::build_info;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

/// An input file named on the command line, identified by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// What the file is (`config`, `materials file`).
    pub role: String,
    /// The path exactly as the user typed it.
    pub path: String,
    /// Hex SHA-256 of the file's bytes, or why it could not be read.
    pub sha256: Result<String, String>,
}

impl InputFile {
    /// Hash the file at `path` (as typed) now.
    pub fn hash(role: &str, path: &str) -> Self {
        InputFile {
            role: role.into(),
            path: path.into(),
            sha256: sha256_file(Path::new(path)).map_err(|e| e.kind().to_string()),
        }
    }
}

/// Largest input file a report hashes (bytes): inputs are bounded far below this
/// (`config::MAX_DATA_FILE_BYTES`), and `/dev/zero` must not hang a crash report.
pub const MAX_HASHED_BYTES: u64 = 64 << 20;

/// Hex SHA-256 of a file's bytes, streamed; a file larger than [`MAX_HASHED_BYTES`] is an
/// error (`FileTooLarge`).
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut hasher = Sha256::new();
    let n = std::io::copy(
        &mut std::fs::File::open(path)?.take(MAX_HASHED_BYTES + 1),
        &mut hasher,
    )?;
    if n > MAX_HASHED_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            "larger than the 64 MiB hashing limit",
        ));
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Quote one argument for a shell-like display (`'2 bar'`); plain when it needs no quoting.
fn quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%^".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The command line as typed, with the program path replaced by `petrocket` (the path of the
/// executable may contain a home directory the user did not type).
pub fn command_line(args: &[String]) -> String {
    std::iter::once("petrocket".to_string())
        .chain(args.iter().skip(1).map(|a| quote(a)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Shorten a source path from a panic location or backtrace: paths inside the cargo registry
/// or git checkouts become `<cargo>/…`, the Rust standard library keeps its `/rustc/<hash>/`
/// path, other absolute paths keep their last three components. Relative paths (the
/// workspace's own files) are kept.
pub fn sanitize_source_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    for marker in ["/.cargo/registry/src/", "/.cargo/git/checkouts/"] {
        if let Some(i) = p.find(marker) {
            let rest = &p[i + marker.len()..];
            // Drop the index directory (`index.crates.io-…/`).
            let rest = rest.split_once('/').map_or(rest, |(_, r)| r);
            return format!("<cargo>/{rest}");
        }
    }
    if let Some(i) = p.find("/rustc/") {
        return p[i..].to_string();
    }
    let absolute = p.starts_with('/') || p.get(1..3) == Some(":/");
    if absolute {
        let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
        let keep = parts.len().saturating_sub(3);
        return format!("<…>/{}", parts[keep..].join("/"));
    }
    p
}

/// Shorten every source path in a rendered backtrace (lines `at <path>:<line>:<col>`).
pub fn sanitize_backtrace(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix("at ") {
                Some(loc) => {
                    let indent = &line[..line.len() - trimmed.len()];
                    format!("{indent}at {}", sanitize_source_path(loc))
                }
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn build_lines(s: &mut String) {
    let _ = writeln!(s, "- version: {}", build_info::VERSION);
    let _ = writeln!(
        s,
        "- commit: {} ({})",
        build_info::COMMIT,
        build_info::COMMIT_DATE
    );
    let _ = writeln!(s, "- compiler: {}", build_info::RUSTC);
    let _ = writeln!(
        s,
        "- target: {} ({})",
        build_info::TARGET_TRIPLE,
        build_info::TARGET
    );
}

fn file_lines(s: &mut String, files: &[InputFile]) {
    if files.is_empty() {
        let _ = writeln!(s, "- input files: none given");
    }
    for f in files {
        match &f.sha256 {
            Ok(h) => {
                let _ = writeln!(s, "- {} `{}`: sha256 {h}", f.role, f.path);
            }
            Err(e) => {
                let _ = writeln!(s, "- {} `{}`: not readable ({e})", f.role, f.path);
            }
        }
    }
}

const PRIVACY: &str = "This report holds no file contents, environment variables, user or host \
names; input files are identified by their SHA-256 only and the only paths are those typed \
on the command line. Nothing was sent anywhere.";

/// What a panic left behind, for [`crash_report`].
#[derive(Debug, Clone, Default)]
pub struct PanicInfo {
    /// The panic message.
    pub message: String,
    /// `file:line:column` of the panic, sanitised.
    pub location: String,
    /// Name of the panicking thread.
    pub thread: String,
    /// Rendered backtrace, sanitised (may be empty).
    pub backtrace: String,
}

/// The crash report written by the panic hook.
pub fn crash_report(
    args: &[String],
    files: &[InputFile],
    panic: &PanicInfo,
    unix_time_s: u64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# petrocket crash report\n");
    let _ = writeln!(s, "{}\n", build_info::version_line());
    let _ = writeln!(
        s,
        "petrocket crashed: this is a bug. Please attach this file to an issue at {}\n",
        build_info::ISSUES_URL
    );
    build_lines(&mut s);
    let _ = writeln!(s, "- time: {unix_time_s} (unix seconds)");
    let _ = writeln!(s, "- command: `{}`", command_line(args));
    file_lines(&mut s, files);
    let _ = writeln!(s, "\n## Panic\n");
    let _ = writeln!(s, "- message: {}", panic.message);
    let _ = writeln!(s, "- location: {}", panic.location);
    let _ = writeln!(s, "- thread: {}", panic.thread);
    if !panic.backtrace.trim().is_empty() {
        let _ = writeln!(
            s,
            "\n## Backtrace\n\n```\n{}\n```",
            panic.backtrace.trim_end()
        );
    }
    let _ = writeln!(s, "\n{PRIVACY}");
    s
}

/// What running the config gave, for [`bug_report`].
#[derive(Debug, Clone, PartialEq)]
pub enum RunOutcome {
    /// No config given.
    NotRun,
    /// The assessment finished.
    Assessed {
        /// `input_hash_sha256` of the summary.
        input_hash_sha256: String,
        /// The verdict.
        verdict: String,
    },
    /// The run failed; only the kind of failure and its exit code, not the message, which
    /// may quote values from the file.
    Failed {
        /// `invalid input`, `numerical failure`, …
        kind: String,
        /// The exit code `petrocket run` would give.
        exit_code: u8,
    },
}

/// The bug report written by `petrocket bug-report` (Markdown).
pub fn bug_report(args: &[String], files: &[InputFile], outcome: &RunOutcome) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# petrocket bug report\n");
    let _ = writeln!(s, "{}\n", build_info::version_line());
    let _ = writeln!(
        s,
        "Attach this file to an issue at {} and describe below what you did, what you expected \
         and what happened.\n",
        build_info::ISSUES_URL
    );
    let _ = writeln!(s, "## Build and platform\n");
    build_lines(&mut s);
    let _ = writeln!(s, "- command: `{}`", command_line(args));
    let _ = writeln!(s, "\n## Inputs\n");
    file_lines(&mut s, files);
    match outcome {
        RunOutcome::NotRun => {
            let _ = writeln!(s, "- run: not attempted (no --config)");
        }
        RunOutcome::Assessed {
            input_hash_sha256,
            verdict,
        } => {
            let _ = writeln!(s, "- run: assessed, verdict {verdict}");
            let _ = writeln!(s, "- summary input_hash_sha256: {input_hash_sha256}");
        }
        RunOutcome::Failed { kind, exit_code } => {
            let _ = writeln!(
                s,
                "- run: failed ({kind}, exit code {exit_code}); run `petrocket run` on the config to see the message"
            );
        }
    }
    let _ = writeln!(
        s,
        "\n## What happened\n\n<!-- what you ran, what you expected, what you got -->\n"
    );
    let _ = writeln!(s, "{PRIVACY}");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_lose_home_directories() {
        assert_eq!(
            sanitize_source_path(
                "/home/alice/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/serde_json-1.0.1/src/de.rs:10:5"
            ),
            "<cargo>/serde_json-1.0.1/src/de.rs:10:5"
        );
        assert_eq!(
            sanitize_source_path("crates/petrocket/src/main.rs:3:1"),
            "crates/petrocket/src/main.rs:3:1"
        );
        assert_eq!(
            sanitize_source_path("/rustc/59807616e/library/core/src/panicking.rs:1:1"),
            "/rustc/59807616e/library/core/src/panicking.rs:1:1"
        );
        let s = sanitize_source_path("/home/alice/work/petrocket/crates/x/src/lib.rs:1:1");
        assert!(!s.contains("alice"), "{s}");
        assert!(s.ends_with("x/src/lib.rs:1:1"), "{s}");
        let bt = sanitize_backtrace(
            "   0: foo\n             at /home/alice/.cargo/registry/src/idx/a-1/src/b.rs:1:2\n",
        );
        assert!(
            !bt.contains("alice") && bt.contains("at <cargo>/a-1/src/b.rs:1:2"),
            "{bt}"
        );
    }

    #[test]
    fn command_lines_are_quoted_and_the_program_path_dropped() {
        let args: Vec<String> = ["/home/alice/bin/petrocket", "run", "my cfg.toml", "--json"]
            .map(String::from)
            .to_vec();
        assert_eq!(command_line(&args), "petrocket run 'my cfg.toml' --json");
    }

    #[test]
    fn reports_hold_hashes_not_contents() {
        let dir =
            std::env::temp_dir().join(format!("petrocket-report-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = dir.join("secret.toml");
        std::fs::write(&cfg, "composition = \"SECRET-CONTENT\"\n").unwrap();
        let path = cfg.display().to_string();
        let files = [
            InputFile::hash("config", &path),
            InputFile::hash("config", "/nonexistent/x.toml"),
        ];
        let expected = format!("{:x}", Sha256::digest(std::fs::read(&cfg).unwrap()));
        let args = vec!["petrocket".to_string(), "run".into(), path.clone()];
        let panic = PanicInfo {
            message: "boom".into(),
            location: "crates/petrocket/src/main.rs:1:1".into(),
            thread: "main".into(),
            backtrace: String::new(),
        };
        for text in [
            crash_report(&args, &files, &panic, 42),
            bug_report(&args, &files, &RunOutcome::NotRun),
        ] {
            assert!(text.contains(&expected), "{text}");
            assert!(text.contains("not readable"), "{text}");
            assert!(!text.contains("SECRET-CONTENT"), "{text}");
            assert!(text.contains(build_info::COMMIT) && text.contains(build_info::VERSION));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
