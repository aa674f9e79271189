//! Build information for `petrocket --version`, bug and crash reports.
//!
//! Sets, for `env!` in the crate:
//! - `PETROCKET_GIT_COMMIT`: `git rev-parse --short HEAD`, or `unknown` without git or a checkout;
//! - `PETROCKET_GIT_DATE`: the commit date (`YYYY-MM-DD`), or `unknown`;
//! - `PETROCKET_RUSTC`: `$RUSTC --version`, e.g. `rustc 1.95.0 (59807616e 2026-04-14)`;
//! - `PETROCKET_RUSTC_SHORT`: its first two words, e.g. `rustc 1.95.0`;
//! - `PETROCKET_TARGET`: `<arch>-<os>` of the target, e.g. `x86_64-linux`;
//! - `PETROCKET_TARGET_TRIPLE`: the full target triple.
//!
//! Nothing here depends on the clock, so equal sources give equal binaries. The script reruns
//! when HEAD moves (`HEAD`, the branch it names, `packed-refs`), not on every build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PETROCKET_BUILD_COMMIT");

    // Packagers building from a tarball may pass the commit in explicitly.
    let commit = std::env::var("PETROCKET_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&manifest, &["rev-parse", "--short", "HEAD"]));
    let date = commit
        .as_ref()
        .and_then(|_| git(&manifest, &["log", "-1", "--format=%cs", "HEAD"]));

    // Rerun when HEAD moves: HEAD itself (worktree git dir), the branch it points to and
    // packed-refs (common git dir).
    let abs = |p: String| {
        let p = PathBuf::from(p);
        let p = if p.is_absolute() { p } else { manifest.join(p) };
        p.canonicalize().unwrap_or(p)
    };
    if let Some(git_dir) = git(&manifest, &["rev-parse", "--git-dir"]).map(abs) {
        let common = git(&manifest, &["rev-parse", "--git-common-dir"])
            .map(abs)
            .unwrap_or_else(|| git_dir.clone());
        let head = git_dir.join("HEAD");
        if head.exists() {
            println!("cargo:rerun-if-changed={}", head.display());
        }
        if let Some(branch) = std::fs::read_to_string(&head)
            .ok()
            .and_then(|h| h.strip_prefix("ref:").map(|r| r.trim().to_string()))
        {
            let mut dirs = vec![&git_dir];
            if common != git_dir {
                dirs.push(&common);
            }
            for dir in dirs {
                let r = dir.join(&branch);
                if r.exists() {
                    println!("cargo:rerun-if-changed={}", r.display());
                }
            }
        }
        let packed = common.join("packed-refs");
        if packed.exists() {
            println!("cargo:rerun-if-changed={}", packed.display());
        }
    }

    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let rustc_version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "rustc unknown".into());

    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_else(|_| "unknown".into());
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_else(|_| "unknown".into());
    let triple = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());

    println!(
        "cargo:rustc-env=PETROCKET_GIT_COMMIT={}",
        commit.as_deref().unwrap_or("unknown")
    );
    println!(
        "cargo:rustc-env=PETROCKET_GIT_DATE={}",
        date.as_deref().unwrap_or("unknown")
    );
    let rustc_short: Vec<&str> = rustc_version.split_whitespace().take(2).collect();
    println!("cargo:rustc-env=PETROCKET_RUSTC={rustc_version}");
    println!(
        "cargo:rustc-env=PETROCKET_RUSTC_SHORT={}",
        rustc_short.join(" ")
    );
    println!("cargo:rustc-env=PETROCKET_TARGET={arch}-{os}");
    println!("cargo:rustc-env=PETROCKET_TARGET_TRIPLE={triple}");
}
