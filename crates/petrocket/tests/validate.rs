//! `petrocket validate`: the shipped validation suite passes, its JSON has every documented
//! key, the table prints, and the embedded Cantera subset is a faithful copy of the full
//! golden file.

mod common;
use common::*;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn read_json(path: &Path) -> Value {
    let t = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&t).unwrap()
}

#[test]
fn validate_json_every_case_passes_with_all_keys() {
    let o = run(&["validate", "--json"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "one JSON object: {stdout}"
    );
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        for key in [
            "quantity",
            "unit",
            "expected",
            "measured",
            "deviation",
            "relative_deviation",
            "tolerance",
            "tolerance_kind",
            "source",
        ] {
            assert!(!c[key].is_null(), "{name}: {key} missing in {c}");
        }
        assert!(c["expected"].is_f64() && c["measured"].is_f64(), "{c}");
        assert!(c["tolerance"].as_f64().unwrap() >= 0.0, "{c}");
        assert!(!c["source"].as_str().unwrap().trim().is_empty(), "{name}");
        assert_eq!(c["passed"], Value::Bool(true), "{c}");
        assert!(c["error"].is_null(), "{c}");
    }
    let count = |prefix: &str| {
        cases
            .iter()
            .filter(|c| c["name"].as_str().unwrap().starts_with(prefix))
            .count()
    };
    // VALIDATION C1 (ratio, T), C2 (ratio, T), C3 (3 ratios), C6 (2), B1/P7, B4 per preset.
    assert_eq!(count("C1 "), 2);
    assert_eq!(count("C2 "), 2);
    assert_eq!(count("C3 "), 3);
    assert_eq!(count("C6 "), 2);
    assert_eq!(count("B1/P7 "), 1);
    assert_eq!(count("B4 "), petrocket_structure::bottle::presets().len());
    // T and P per golden case.
    assert!(count("golden ") >= 40, "{} golden checks", count("golden "));
    for c in cases
        .iter()
        .filter(|c| c["name"].as_str().unwrap().starts_with("golden "))
    {
        assert_eq!(c["source"], "Cantera 3.2.0 golden data (tools/golden)");
        assert_eq!(c["tolerance"], 1e-5);
        assert_eq!(c["tolerance_kind"], "relative");
    }
    let s = &v["summary"];
    assert_eq!(s["total"].as_u64().unwrap() as usize, cases.len());
    assert_eq!(s["passed"], s["total"]);
    assert_eq!(s["failed"], 0);
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn validate_prints_a_table() {
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let out = text(&o.stdout);
    let header = out.lines().next().unwrap();
    for col in [
        "result",
        "case",
        "expected",
        "measured",
        "deviation",
        "tolerance",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert!(out.contains("PASS   C1 AICC"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.ends_with("total") && last.contains(" passed, 0 failed, "),
        "{last}"
    );
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

/// The embedded subset must be an exact copy of cases of the full golden file, made from the
/// mechanism that is bundled now (regenerate with tools/validation/extract_golden_subset.py).
#[test]
fn golden_subset_is_a_copy_of_the_full_golden_file() {
    let subset = read_json(&repo("crates/petrocket/data/validation_golden.json"));
    let full = read_json(&repo(
        "crates/petrocket-chem/tests/golden/equilibrium_h2o2.json",
    ));
    for key in ["cantera_version", "mechanism", "mechanism_sha256", "phase"] {
        assert_eq!(subset[key], full[key], "{key}");
    }
    let mech = std::fs::read(repo(full["mechanism"].as_str().unwrap())).unwrap();
    assert_eq!(
        subset["mechanism_sha256"].as_str().unwrap(),
        format!("{:x}", Sha256::digest(&mech)),
        "the bundled mechanism changed: regenerate the golden data"
    );
    let full_cases = full["cases"].as_array().unwrap();
    let cases = subset["cases"].as_array().unwrap();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let f = full_cases
            .iter()
            .find(|f| f["id"] == c["id"])
            .unwrap_or_else(|| panic!("{id} not in the full file"));
        for (k, v) in c.as_object().unwrap() {
            assert_eq!(&f[k], v, "{id}: {k}");
        }
    }
    // The selection covers every mode, every diluent and the highest pressure of the grid.
    let highest = full_cases
        .iter()
        .max_by(|a, b| {
            a["P_Pa"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["P_Pa"].as_f64().unwrap())
        })
        .unwrap();
    assert!(cases.iter().any(|c| c["id"] == highest["id"]));
    for needle in [
        "_UV", "_HP", "_TP", "_SV", "_N2_0.7", "_AR_0.7", "_HE_0.7", "_H2O_0.7", "H2air",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c["id"].as_str().unwrap().contains(needle)),
            "{needle}"
        );
    }
}
