//! `petrocket thermal`: JSON keys and the closed-form surface heating (VALIDATION S4),
//! glass-transition times, burned-gas heating, CSV history, bad input.

mod common;

use common::{assert_exit, json_out, run_sub, scratch};

fn thermal(args: &[&str]) -> std::process::Output {
    run_sub(&["thermal"], args)
}

/// VALIDATION S4: 1 MW/m² on PET (P5 properties) gives +71 K at 1 ms and +225 K at 10 ms.
#[test]
fn constant_flux_matches_validation_s4() {
    for (duration, rise) in [("1 ms", 71.0), ("10 ms", 225.0)] {
        let v = json_out(&thermal(&[
            "--heat-flux",
            "1e6",
            "--duration",
            duration,
            "--conductivity",
            "0.155",
            "--density",
            "1390",
            "--heat-capacity",
            "1170",
            "--glass-transition",
            "64 degC",
            "--json",
        ]));
        let got = v["surface_temperature_rise_K"].as_f64().unwrap();
        assert!(
            (got / rise - 1.0).abs() < 0.01,
            "{duration}: {got} vs {rise}"
        );
        let tg = v["time_to_glass_transition_s"].as_f64().unwrap();
        assert!(tg > 0.0 && tg < 1e-3, "{tg}");
        assert!(v["mid_wall_time_to_glass_transition_s"].is_null());
    }
}

#[test]
fn material_database_and_csv_history() {
    let dir = scratch("thermal_cli", "csv");
    let csv = dir.join("history.csv");
    let v = json_out(&thermal(&[
        "--heat-flux",
        "20 kW/m^2",
        "--duration",
        "3 s",
        "--material",
        "pet-oriented",
        "--wall",
        "0.3 mm",
        "--csv",
        csv.to_str().unwrap(),
        "--json",
    ]));
    for key in [
        "surface_temperature_rise_K",
        "time_to_glass_transition_s",
        "mid_wall_time_to_glass_transition_s",
        "heat_in_J_m2",
        "heat_stored_J_m2",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let (s, m) = (
        v["time_to_glass_transition_s"].as_f64().unwrap(),
        v["mid_wall_time_to_glass_transition_s"].as_f64().unwrap(),
    );
    assert!(s < m && m < 3.0, "{s} {m}");
    // Adiabatic back: heat in = heat stored.
    let (qin, stored) = (
        v["heat_in_J_m2"].as_f64().unwrap(),
        v["heat_stored_J_m2"].as_f64().unwrap(),
    );
    assert!((stored / qin - 1.0).abs() < 1e-9);
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("t_s,T_0.0um_K,T_5.0um_K"));
    let last: Vec<f64> = text
        .lines()
        .last()
        .unwrap()
        .split(',')
        .map(|x| x.parse().unwrap())
        .collect();
    assert!((last[0] - 3.0).abs() < 1e-9);
    // Temperatures fall from the heated surface outward.
    assert!(last[1..].windows(2).all(|w| w[0] >= w[1]), "{last:?}");
}

#[test]
fn burned_gas_heating_warns_outside_the_fit() {
    let o = thermal(&["--gas-temperature", "3000", "--duration", "50 ms", "--json"]);
    let v = json_out(&o);
    let warnings = v["warnings"].as_array().unwrap();
    assert!(warnings
        .iter()
        .any(|w| w.as_str().unwrap().contains("2500 K")));
    assert!(v["surface_temperature_rise_K"].as_f64().unwrap() > 100.0);
}

#[test]
fn bad_input_names_the_field() {
    let o = thermal(&["--heat-flux", "1e6", "--duration", "-1 s"]);
    assert_exit(&o, 3, &["duration -1 s"]);
    let o = thermal(&["--heat-flux", "1e6", "--duration", "1", "--wall", "0"]);
    assert_exit(&o, 3, &["wall thickness 0 m"]);
    let o = thermal(&["--heat-flux", "1 bar", "--duration", "1"]);
    assert_exit(&o, 3, &["--heat-flux"]);
    let o = thermal(&[
        "--heat-flux",
        "1e6",
        "--duration",
        "1",
        "--material",
        "unobtainium",
    ]);
    assert_exit(&o, 3, &["unobtainium"]);
    let o = thermal(&[
        "--heat-flux",
        "1e6",
        "--duration",
        "1",
        "--glass-transition",
        "-5 K",
    ]);
    assert_exit(&o, 3, &["glass-transition temperature -5 K"]);
    let o = thermal(&["--duration", "1"]);
    assert_exit(&o, 2, &["--heat-flux"]);
}
