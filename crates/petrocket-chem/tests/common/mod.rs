//! Shared helpers for the golden-data tests.
#![allow(dead_code)]

use petrocket_chem::{GasMixture, GasState};
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

/// The Cantera free-flame golden data (`tests/data/flame_speed.json`).
pub fn flame_golden() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/flame_speed.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The unburned state of one flame golden case.
pub fn flame_case_state(gas: &GasMixture, c: &Value) -> GasState {
    let x = composition(gas, &c["mole_fractions"]);
    gas.state_tpx(c["T_K"].as_f64().unwrap(), c["P_Pa"].as_f64().unwrap(), &x)
        .unwrap()
}

/// `φ | T (K) | P (bar) | diluent` of one flame golden case, as in the docs' deviation tables.
pub fn flame_case_conditions(c: &Value) -> String {
    format!(
        "{:.2} | {:.0} | {:.2} | {}",
        c["phi"].as_f64().unwrap(),
        c["T_K"].as_f64().unwrap(),
        c["P_Pa"].as_f64().unwrap() / 1e5,
        match c["diluent"].as_str() {
            Some(d) => format!("{d} {:.2}", c["diluent_mole_fraction"].as_f64().unwrap()),
            None => "–".into(),
        }
    )
}
