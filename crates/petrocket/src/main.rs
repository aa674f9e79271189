//! `petrocket`: the command-line interface of the PET Rocket Simulator.
//!
//! Exit codes: 0 success; 1 unexpected failure (e.g. cannot write outputs); 2 usage error;
//! 3 invalid input (config, mixture, units, ranges); 4 numerical failure (a solver did not
//! converge or produced a non-finite value); 5 verdict `unsafe` with `--fail-on-unsafe`;
//! 6 `validate` found a failing case; 101 crash (a bug: a report file is written, see
//! `cli::crash`).
//!
//! Logs go to stderr (`-v`, `-vv`, `-vvv`, `-q`, `RUST_LOG`); stdout carries results only.
//! Test-only: `PETROCKET_TEST_PANIC=1` makes the binary panic after parsing its arguments,
//! to test the crash report; it is not a user feature.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::crash::install();
    let args = <cli::Cli as clap::Parser>::parse();
    cli::logging::init(args.verbose, args.quiet);
    cli::crash::note_input_files(args.input_files());
    cli::crash::panic_if_requested();
    match cli::dispatch(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(cli::exit_code_for(&err))
        }
    }
}
