//! `petrocket-kinetics-codegen`: writes the kinetics of a mechanism as straight-line Rust
//! (`petrocket_chem::kinetics::codegen`, source in `src/generate.rs`).
//!
//! ```text
//! cargo run -p petrocket-kinetics-codegen -- MECHANISM MODULE_NAME [OUTPUT.rs]
//! ```
//!
//! MECHANISM is a bundled name (`h2o2`) or a Cantera YAML file; without OUTPUT the source goes
//! to standard output. The bundled mechanisms' files in
//! `crates/petrocket-chem/src/kinetics/generated/` are checked (and, with
//! `PETROCKET_BLESS=1`, rewritten) by `cargo test -p petrocket-kinetics-codegen`.

use petrocket_chem::kinetics::codegen::generate;
use petrocket_chem::{GasMixture, Kinetics};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mechanism, name, out) = match args.as_slice() {
        [m, n] => (m, n, None),
        [m, n, o] => (m, n, Some(o)),
        _ => {
            eprintln!("usage: petrocket-kinetics-codegen MECHANISM MODULE_NAME [OUTPUT.rs]");
            return ExitCode::from(2);
        }
    };
    let source = GasMixture::load(mechanism)
        .and_then(|gas| Kinetics::new(&gas))
        .map_err(|e| e.to_string())
        .and_then(|kin| generate(&kin, name).map_err(|e| e.to_string()));
    match (source, out) {
        (Ok(text), None) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        (Ok(text), Some(path)) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {path}: {e}");
                ExitCode::FAILURE
            }
        },
        (Err(e), _) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
