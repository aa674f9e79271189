//! `petrocket`: the command-line interface of the PET Rocket Simulator.
//!
//! Exit codes: 0 success; 1 unexpected failure (e.g. cannot write outputs); 2 usage error;
//! 3 invalid input (config, mixture, units, ranges); 4 numerical failure (a solver did not
//! converge or produced a non-finite value); 5 verdict `unsafe` with `--fail-on-unsafe`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    match cli::dispatch(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(cli::exit_code_for(&err))
        }
    }
}
