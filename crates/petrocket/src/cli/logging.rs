//! Logging to stderr with `tracing`: `-v` info, `-vv` debug, `-vvv` trace, `-q` errors only;
//! without either flag `RUST_LOG` is honoured (e.g. `RUST_LOG=petrocket::pipeline=debug`),
//! else warnings and errors are shown. Stdout stays reserved for results and `--json`.

use tracing_subscriber::EnvFilter;

/// The filter for the given flags; `None` means "use RUST_LOG if set".
fn level(verbose: u8, quiet: bool) -> Option<&'static str> {
    match (quiet, verbose) {
        (true, _) => Some("error"),
        (false, 0) => None,
        (false, 1) => Some("info"),
        (false, 2) => Some("debug"),
        (false, _) => Some("trace"),
    }
}

/// Install the global subscriber. Call once, before any command runs.
pub fn init(verbose: u8, quiet: bool) {
    let filter = match level(verbose, quiet) {
        Some(l) => EnvFilter::new(l),
        None => match std::env::var("RUST_LOG") {
            Ok(v) if !v.trim().is_empty() => EnvFilter::try_new(&v).unwrap_or_else(|e| {
                eprintln!("warning: ignoring RUST_LOG={v:?}: {e}");
                EnvFilter::new("warn")
            }),
            _ => EnvFilter::new("warn"),
        },
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_timer(tracing_subscriber::fmt::time::uptime())
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::level;

    #[test]
    fn flags_map_to_levels() {
        assert_eq!(level(0, false), None);
        assert_eq!(level(1, false), Some("info"));
        assert_eq!(level(2, false), Some("debug"));
        assert_eq!(level(5, false), Some("trace"));
        assert_eq!(level(0, true), Some("error"));
    }
}
