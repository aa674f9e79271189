//! The panic hook: a short message on stderr and a crash report file.
//!
//! The report (`petrocket-crash-<unix time>.txt` in the system temp directory) holds the
//! build, target, command line, SHA-256 of the input files named on it, the panic message,
//! location and a backtrace with shortened source paths — see [`petrocket::report`]. No
//! file contents, no environment variables, nothing sent over the network.
//!
//! Test-only: with `PETROCKET_TEST_PANIC=1` in the environment the binary panics on purpose
//! right after parsing its arguments ([`panic_if_requested`]), so integration tests can check
//! the hook. It is not a user feature and is not part of the documented interface.

use petrocket::build_info;
use petrocket::report::{
    crash_report, sanitize_backtrace, sanitize_source_path, InputFile, PanicInfo,
};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

/// Input files named on the command line, recorded after parsing: (role, path as typed).
static INPUT_FILES: Mutex<Vec<(&'static str, String)>> = Mutex::new(Vec::new());

/// Record the input files whose hashes a crash report should carry.
pub fn note_input_files(files: Vec<(&'static str, String)>) {
    if let Ok(mut f) = INPUT_FILES.lock() {
        *f = files;
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_time_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Test-only: panic on purpose when `PETROCKET_TEST_PANIC=1`.
pub fn panic_if_requested() {
    if std::env::var_os("PETROCKET_TEST_PANIC").is_some_and(|v| v == "1") {
        panic!("deliberate panic requested by PETROCKET_TEST_PANIC=1 (test only)");
    }
}

/// Write `text` to a new `petrocket-crash-<time>[-n].txt` in the temp directory.
fn write_report(time: u64, text: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir();
    let mut last = None;
    for n in 0..100 {
        let name = if n == 0 {
            format!("petrocket-crash-{time}.txt")
        } else {
            format!("petrocket-crash-{time}-{n}.txt")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free report name")))
}

/// Install the hook. Call first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "<non-string panic payload>".into());
        // `petrocket … | head` closes stdout early: not a bug. Exit quietly the way a
        // process killed by SIGPIPE does (128 + 13), without a crash report.
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        let location = info.location().map_or("<unknown>".into(), |l| {
            sanitize_source_path(&format!("{}:{}:{}", l.file(), l.line(), l.column()))
        });
        let thread = std::thread::current()
            .name()
            .unwrap_or("<unnamed>")
            .to_string();
        let backtrace = sanitize_backtrace(&std::backtrace::Backtrace::force_capture().to_string());
        let args: Vec<String> = std::env::args_os()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        let files: Vec<InputFile> = INPUT_FILES
            .lock()
            .map(|f| f.iter().map(|(role, p)| InputFile::hash(role, p)).collect())
            .unwrap_or_default();
        let time = unix_time_s();
        let panic = PanicInfo {
            message,
            location,
            thread,
            backtrace,
        };
        let text = crash_report(&args, &files, &panic, time);
        match write_report(time, &text) {
            Ok(path) => eprintln!(
                "petrocket crashed: this is a bug. A report was written to {}; please attach it to an issue: {}\npanic: {} at {}",
                path.display(),
                build_info::ISSUES_URL,
                panic.message,
                panic.location
            ),
            Err(e) => eprintln!(
                "petrocket crashed: this is a bug. The report could not be written ({e}); please copy it from below into an issue: {}\n\n{text}",
                build_info::ISSUES_URL
            ),
        }
    }));
}
