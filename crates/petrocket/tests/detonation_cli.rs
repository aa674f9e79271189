//! `petrocket chem cj` and `petrocket chem znd`: JSON keys, agreement with the library,
//! "not detonable" answers without numbers, vessel screening, bad input.

mod common;

use common::{assert_exit, json_out, run_sub, text};
use petrocket_chem::detonation::detonation;
use petrocket_chem::GasMixture;

fn chem(args: &[&str]) -> std::process::Output {
    run_sub(&["chem"], args)
}

const STOICH: [&str; 6] = [
    "--mixture",
    "H2:2,O2:1",
    "--pressure",
    "101325",
    "--temperature",
    "295",
];

#[test]
fn cj_json_has_the_documented_keys_and_the_library_values() {
    let mut args = vec!["cj"];
    args.extend_from_slice(&STOICH);
    args.push("--json");
    let v = json_out(&chem(&args));
    for key in [
        "cj_speed_m_s",
        "cj_pressure_Pa",
        "cj_temperature_K",
        "cj_density_kg_m3",
        "cj_sound_speed_equilibrium_m_s",
        "von_neumann_pressure_Pa",
        "reflected_pressure_Pa",
        "reflected_frozen_pressure_Pa",
        "reflected_shock_speed_m_s",
        "sonic_residual",
        "converged",
        "cj_mole_fractions",
        "detonability_limits",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["converged"], true);
    assert_eq!(v["detonable"], true);
    let gas = GasMixture::load("h2o2").unwrap();
    let x = gas.parse_mole_fractions("m", "H2:2,O2:1").unwrap();
    let d = detonation(&gas, &gas.state_tpx(295.0, 101_325.0, &x).unwrap()).unwrap();
    let close = |key: &str, want: f64| {
        let got = v[key].as_f64().unwrap();
        assert!((got / want - 1.0).abs() < 1e-12, "{key}: {got} vs {want}");
    };
    close("cj_speed_m_s", d.cj.cj_speed);
    close("cj_pressure_Pa", d.cj.cj.state.pressure);
    close(
        "von_neumann_pressure_Pa",
        d.cj.von_neumann.post.state.pressure,
    );
    close(
        "reflected_pressure_Pa",
        d.reflected_equilibrium.post.state.pressure,
    );
    close(
        "reflected_frozen_pressure_Pa",
        d.reflected_frozen.post.state.pressure,
    );
    assert!(v["sonic_residual"].as_f64().unwrap().abs() < 1e-8);
}

#[test]
fn cj_text_output_names_the_quantities() {
    let mut args = vec!["cj"];
    args.extend_from_slice(&STOICH);
    let o = chem(&args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for needle in [
        "CJ speed",
        "von Neumann",
        "reflected (equil.)",
        "reflected (frozen)",
        "sonic residual",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
}

#[test]
fn znd_json_with_a_vessel_grades_the_screening() {
    let mut args = vec!["znd"];
    args.extend_from_slice(&STOICH);
    args.extend_from_slice(&[
        "--vessel-diameter",
        "10 cm",
        "--vessel-length",
        "0.3",
        "--json",
    ]);
    let v = json_out(&chem(&args));
    for key in [
        "induction_length_m",
        "induction_time_s",
        "exothermic_length_m",
        "cell_width_m",
        "cell_width_lower_m",
        "cell_width_upper_m",
        "cell_width_basis",
        "detonability",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let l = v["induction_length_m"].as_f64().unwrap();
    let c = v["cell_width_m"].as_f64().unwrap();
    assert!(l > 1e-5 && l < 1e-4, "induction length {l}");
    assert!(v["cell_width_lower_m"].as_f64().unwrap() < c);
    assert!(v["cell_width_upper_m"].as_f64().unwrap() > c);
    let s = &v["detonability"];
    assert_eq!(s["grade"], "likely", "{s}");
    assert!(s["note"].as_str().unwrap().contains("screening model"));
    let crit = s["criteria"].as_array().unwrap();
    assert_eq!(crit.len(), 4);
    for c in crit {
        assert!(c["citation"].as_str().unwrap().len() > 10, "{c}");
        assert!(c["margin"].as_f64().is_some(), "{c}");
    }
    // Without vessel dimensions there is no screening.
    let mut args = vec!["znd"];
    args.extend_from_slice(&STOICH);
    args.push("--json");
    let v = json_out(&chem(&args));
    assert!(v["detonability"].is_null());
}

#[test]
fn outside_the_limits_is_not_detonable_and_carries_no_numbers() {
    let lean = [
        "--mixture",
        "H2:0.1,air:0.9",
        "--pressure",
        "1e5",
        "--temperature",
        "295",
    ];
    for cmd in ["cj", "znd"] {
        let mut args = vec![cmd];
        args.extend_from_slice(&lean);
        args.push("--json");
        let v = json_out(&chem(&args));
        assert_eq!(v["detonable"], false, "{v}");
        assert!(
            v["message"].as_str().unwrap().starts_with("not detonable:"),
            "{v}"
        );
        for key in [
            "cj_speed_m_s",
            "cj_pressure_Pa",
            "induction_length_m",
            "cell_width_m",
        ] {
            assert!(v.get(key).is_none(), "{cmd}: spurious {key}: {v}");
        }
    }
    let mut args = vec!["znd"];
    args.extend_from_slice(&lean);
    args.extend_from_slice(&[
        "--vessel-diameter",
        "0.1",
        "--vessel-length",
        "0.3",
        "--json",
    ]);
    let v = json_out(&chem(&args));
    assert_eq!(v["detonability"]["grade"], "not credible");
    let o = chem(&[
        "cj",
        "--mixture",
        "H2:0.1,air:0.9",
        "--pressure",
        "1e5",
        "--temperature",
        "295",
    ]);
    assert!(text(&o.stdout).starts_with("not detonable:"));
}

#[test]
fn bad_input_exits_with_the_documented_codes() {
    let mut args = vec!["znd"];
    args.extend_from_slice(&STOICH);
    args.extend_from_slice(&["--vessel-diameter", "-1 m", "--vessel-length", "0.3"]);
    assert_exit(&chem(&args), 3, &["vessel diameter"]);
    let mut args = vec!["znd"];
    args.extend_from_slice(&STOICH);
    args.extend_from_slice(&["--vessel-diameter", "0.1"]);
    assert_exit(&chem(&args), 2, &["--vessel-length"]);
    let o = chem(&[
        "cj",
        "--mixture",
        "H2:2,O3:1",
        "--pressure",
        "1e5",
        "--temperature",
        "295",
    ]);
    assert_exit(&o, 3, &["O3"]);
    let o = chem(&[
        "cj",
        "--mixture",
        "H2:2,O2:1",
        "--pressure",
        "1e5",
        "--temperature",
        "-5",
    ]);
    assert_exit(&o, 3, &["temperature"]);
}
