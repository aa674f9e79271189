//! `petrocket chem znd --cell-model`: the four cell-width correlations in the output, agreement
//! with the library, the chosen model behind `cell_width_m`, bad input.

mod common;

use common::{assert_exit, json_out, run_sub, text};
use petrocket_chem::detonation::{cell_widths, cj_state, znd, CellModel, ZndOptions};
use petrocket_chem::GasMixture;

const AIR: [&str; 7] = [
    "znd",
    "--mixture",
    "H2:2,O2:1,N2:3.76",
    "--pressure",
    "101325",
    "--temperature",
    "298.15",
];

fn znd_json(extra: &[&str]) -> serde_json::Value {
    let mut args = AIR.to_vec();
    args.extend_from_slice(extra);
    args.push("--json");
    json_out(&run_sub(&["chem"], &args))
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn znd_json_lists_every_cell_model_with_the_library_values() {
    let v = znd_json(&[]);
    assert_eq!(v["cell_model"], "a29");
    assert!(v["cell_models_error"].is_null(), "{v}");
    let gas = GasMixture::load("h2o2").unwrap();
    let x = gas
        .parse_mole_fractions("mixture", "H2:2,O2:1,N2:3.76")
        .unwrap();
    let s0 = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
    let cj = cj_state(&gas, &s0).unwrap();
    let z = znd(&gas, &s0, Some(cj.cj_speed), &ZndOptions::default()).unwrap();
    let e = cell_widths(&gas, &s0, &cj, &z).unwrap();
    let m = &v["cell_models"];
    for model in CellModel::ALL {
        let c = m["models"][model.name()]["central_m"].as_f64().unwrap();
        assert!(rel(c, e.by(model).central) < 1e-9, "{}: {c}", model.name());
        assert!(m["models"][model.name()]["basis"].as_str().is_some());
    }
    for key in [
        "theta",
        "theta_gavrikov",
        "chi",
        "reaction_length_m",
        "cv_induction_time_s",
        "gavrikov_length_m",
        "westbrook_length_m",
    ] {
        assert!(m[key].as_f64().unwrap() > 0.0, "{key}: {m}");
    }
    assert_eq!(m["limiting_species"], "H2");
    // The default keeps the original 29·Δ_i estimate behind cell_width_m.
    let c = v["cell_width_m"].as_f64().unwrap();
    assert!(rel(c, 29.0 * v["induction_length_m"].as_f64().unwrap()) < 1e-12);
}

#[test]
fn cell_model_option_selects_the_estimate_and_widens_the_band_to_the_spread() {
    let v = znd_json(&["--cell-model", "ng"]);
    assert_eq!(v["cell_model"], "ng");
    let c = v["cell_width_m"].as_f64().unwrap();
    let ng = v["cell_models"]["models"]["ng"]["central_m"]
        .as_f64()
        .unwrap();
    assert!(rel(c, ng) < 1e-12);
    // VALIDATION C10: H2-air 8-15 mm.
    assert!((8e-3..=15e-3).contains(&c), "Ng {c}");
    let spread = &v["cell_models"]["spread_m"];
    let (lo, hi) = (spread[0].as_f64().unwrap(), spread[1].as_f64().unwrap());
    assert!(rel(v["cell_width_lower_m"].as_f64().unwrap(), lo) < 1e-12);
    assert!(rel(v["cell_width_upper_m"].as_f64().unwrap(), hi) < 1e-12);
    assert!(lo <= c && c <= hi);
    // Human output names every model and the one used.
    let mut args = AIR.to_vec();
    args.extend_from_slice(&["--cell-model", "Gavrikov"]);
    let o = run_sub(&["chem"], &args);
    assert_exit(&o, 0, &[]);
    let out = text(&o.stdout);
    for name in ["a29", "westbrook", "gavrikov", "ng", "(used)", "chi"] {
        assert!(out.contains(name), "{name}: {out}");
    }
}

#[test]
fn unknown_cell_model_is_an_input_error() {
    let mut args = AIR.to_vec();
    args.extend_from_slice(&["--cell-model", "sheldon"]);
    let o = run_sub(&["chem"], &args);
    assert_exit(
        &o,
        3,
        &["cell model", "sheldon", "a29, westbrook, gavrikov, ng"],
    );
}
