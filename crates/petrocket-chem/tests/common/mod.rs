//! Shared helpers for the golden-data tests.
#![allow(dead_code)]

use petrocket_chem::GasMixture;
use serde_json::Value;

/// Load a golden JSON file from `tests/golden/`.
pub fn golden(name: &str) -> Value {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The bundled H2/O2 mechanism as a mixture.
pub fn h2o2() -> GasMixture {
    GasMixture::load("h2o2").unwrap()
}

/// Mole-fraction vector from a JSON object keyed by species name (unnormalised).
pub fn composition(gas: &GasMixture, obj: &Value) -> Vec<f64> {
    let mut x = vec![0.0; gas.n_species()];
    for (name, v) in obj.as_object().unwrap() {
        let k = gas
            .species_index(name)
            .unwrap_or_else(|| panic!("species {name}"));
        x[k] = v.as_f64().unwrap();
    }
    x
}

/// Relative difference |a − b| / max(|b|, floor).
pub fn rel(a: f64, b: f64, floor: f64) -> f64 {
    (a - b).abs() / b.abs().max(floor)
}

/// Assert `a` equals `b` within `tol` relative (with an absolute floor).
#[track_caller]
pub fn assert_close(what: &str, a: f64, b: f64, tol: f64, floor: f64) {
    let r = rel(a, b, floor);
    assert!(
        r <= tol,
        "{what}: got {a}, expected {b} (relative error {r:.3e} > {tol:.1e})"
    );
}
