//! `petrocket chem flame-speed`: JSON keys, agreement with the golden Cantera flame speed and
//! VALIDATION C5/C6, the range flag, "not flammable" stated plainly, bad input.

mod common;

use common::{assert_exit, json_out, run_sub, text};
use serde_json::Value;

fn flame_speed(args: &[&str]) -> std::process::Output {
    run_sub(&["chem", "flame-speed"], args)
}

fn state(mixture: &str, extra: &[&str]) -> Value {
    let mut a = vec![
        "--mixture",
        mixture,
        "--pressure",
        "1 atm",
        "--temperature",
        "298.15",
        "--json",
    ];
    a.extend_from_slice(extra);
    json_out(&flame_speed(&a))
}

#[test]
fn json_has_the_documented_keys_and_validation_values() {
    let v = state("H2:2,O2:1,N2:3.76", &[]);
    for key in [
        "laminar_burning_velocity_m_s",
        "expansion_ratio",
        "adiabatic_flame_temperature_K",
        "in_validity_range",
        "correlation",
        "warnings",
        "flammable",
        "mixture",
        "limits",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["flammable"], true);
    assert_eq!(v["in_validity_range"], true);
    assert_eq!(v["correlation"]["name"], "cantera-fit-h2-air");
    assert!(v["correlation"]["citation"]
        .as_str()
        .unwrap()
        .contains("Cantera"));
    assert_eq!(v["mixture"]["oxidiser"], "air");
    // VALIDATION C5 (2.31 m/s) and C6 (σ = 6.90, Cantera 3.2.0 model values).
    let s = v["laminar_burning_velocity_m_s"].as_f64().unwrap();
    assert!((s / 2.31 - 1.0).abs() < 0.05, "{s}");
    let sigma = v["expansion_ratio"].as_f64().unwrap();
    assert!((sigma - 6.90).abs() < 0.02, "{sigma}");
    let t_ad = v["adiabatic_flame_temperature_K"].as_f64().unwrap();
    assert!((2300.0..2450.0).contains(&t_ad), "{t_ad}");

    let o2 = state("H2:2,O2:1", &[]);
    let s = o2["laminar_burning_velocity_m_s"].as_f64().unwrap();
    assert!((s / 10.1 - 1.0).abs() < 0.05, "{s}");
    assert!((o2["expansion_ratio"].as_f64().unwrap() - 8.34).abs() < 0.02);
    assert_eq!(o2["correlation"]["name"], "cantera-fit-h2-o2");
}

#[test]
fn cli_matches_the_golden_cantera_case() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../petrocket-chem/tests/data/flame_speed.json"
    );
    let g: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = g["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["group"] == "h2_o2_dilution"
                && c["diluent"] == "HE"
                && (c["phi"].as_f64().unwrap() - 1.0).abs() < 1e-9
                && (c["diluent_mole_fraction"].as_f64().unwrap() - 0.4).abs() < 1e-9
        })
        .expect("golden He case");
    let v = state("H2:0.4,O2:0.2,HE:0.4", &[]);
    let s = v["laminar_burning_velocity_m_s"].as_f64().unwrap();
    let reference = case["laminar_burning_velocity_m_s"].as_f64().unwrap();
    assert!((s / reference - 1.0).abs() < 0.10, "{s} vs {reference}");
    assert_eq!(v["in_validity_range"], true);
}

#[test]
fn outside_the_validity_range_is_flagged() {
    let v = json_out(&flame_speed(&[
        "--mixture",
        "H2:2,air:4.76",
        "--pressure",
        "20 bar",
        "--temperature",
        "298.15",
        "--json",
    ]));
    assert_eq!(v["in_validity_range"], false);
    let w = v["warnings"].as_array().unwrap();
    assert!(
        w.iter().any(|w| w.as_str().unwrap().contains("P =")),
        "{w:?}"
    );
    assert!(v["laminar_burning_velocity_m_s"].as_f64().unwrap() > 0.0);
    // Human output says so too.
    let o = flame_speed(&[
        "--mixture",
        "H2:2,air:4.76",
        "--pressure",
        "20 bar",
        "--temperature",
        "298.15",
    ]);
    assert_exit(&o, 0, &["warning: P ="]);
    assert!(text(&o.stdout).contains("OUTSIDE its validity range"));
    // A correlation chosen by name for the other oxidiser.
    let v = state("H2:2,O2:1", &["--correlation", "cantera-fit-h2-air"]);
    assert_eq!(v["in_validity_range"], false);
}

#[test]
fn not_flammable_is_stated_plainly() {
    let o = flame_speed(&[
        "--mixture",
        "H2:0.03,air:0.97",
        "--pressure",
        "1 atm",
        "--temperature",
        "298.15",
    ]);
    assert_exit(&o, 0, &[]);
    assert!(
        text(&o.stdout).starts_with("not flammable"),
        "{}",
        text(&o.stdout)
    );
    let v = state("H2:0.03,air:0.97", &[]);
    assert_eq!(v["flammable"], false);
    assert!(v["laminar_burning_velocity_m_s"].is_null());
    assert!(v["expansion_ratio"].is_null());
    assert!(v["verdict"].as_str().unwrap().starts_with("not flammable"));
}

#[test]
fn bad_input_is_a_clear_error() {
    let with = |mixture: &str, extra: &[&str]| {
        let mut a = vec![
            "--mixture",
            mixture,
            "--pressure",
            "1e5",
            "--temperature",
            "300",
        ];
        a.extend_from_slice(extra);
        flame_speed(&a)
    };
    assert_exit(
        &with("H2:2,O2:1", &["--correlation", "nope"]),
        3,
        &["--correlation", "nope"],
    );
    assert_exit(&with("H2:2,XX:1", &[]), 3, &["XX"]);
    assert_exit(&with("H2:2,O2:1,OH:0.1", &[]), 3, &["OH"]);
    assert_exit(
        &with("H2:2,O2:1", &["--mech", "nope"]),
        3,
        &["unknown mechanism"],
    );
}
