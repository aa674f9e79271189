//! The generated kinetics committed in petrocket-chem are what the generator writes now.

use petrocket_chem::kinetics::codegen::generate;
use petrocket_chem::{GasMixture, Kinetics};

/// (bundled mechanism, file in `crates/petrocket-chem/src/kinetics/generated/`).
const FILES: [(&str, &str); 1] = [("h2o2", "h2o2.rs")];

/// Fails when a committed generated file differs from the generator's output (or is no
/// longer selected by its fingerprint); `PETROCKET_BLESS=1` rewrites it instead.
#[test]
fn generated_code_is_current() {
    for (name, file) in FILES {
        let kin = Kinetics::new(&GasMixture::load(name).unwrap()).unwrap();
        let fresh = generate(&kin, name).unwrap();
        let path = format!(
            "{}/../../crates/petrocket-chem/src/kinetics/generated/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let committed = std::fs::read_to_string(&path).unwrap();
        if fresh == committed {
            assert_eq!(kin.generated_code(), Some(name), "{name}: fingerprint");
            continue;
        }
        if std::env::var_os("PETROCKET_BLESS").is_some() {
            std::fs::write(&path, fresh).unwrap();
            eprintln!("rewrote {path}; rebuild and test again");
        } else {
            panic!(
                "{path} is not what tools/kinetics-codegen writes for '{name}' now; rewrite it \
                 with `PETROCKET_BLESS=1 cargo test -p petrocket-kinetics-codegen \
                 generated_code_is_current` and review the difference"
            );
        }
    }
}
