//! End-to-end tests of the dynamics options of `petrocket fem`: `--modes`, `--rise-time`,
//! `--pressure-history`, `--front-speed`.

mod common;

use common::{assert_exit, json, run, scratch};

const PET: [&str; 6] = [
    "--youngs-modulus",
    "4.5 GPa",
    "--poisson",
    "0.38",
    "--density",
    "1390",
];

#[test]
fn modes_json_separates_rigid_body_mode_and_writes_shapes() {
    let dir = scratch("fem_dynamics_cli", "modes");
    let csv = dir.join("modes.csv");
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 MPa", "--json"];
    args.extend(PET);
    args.extend(["--modes", "3", "--modes-csv", csv.to_str().unwrap()]);
    let v = json(&args);
    let f: Vec<f64> = v["natural_frequencies_Hz"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(f.len(), 3);
    assert!(f.windows(2).all(|w| w[0] <= w[1]) && f[0] > 100.0, "{f:?}");
    let rigid = v["rigid_body_modes"].as_array().unwrap();
    assert_eq!(rigid.len(), 1, "{v}");
    assert_eq!(rigid[0]["kind"], "axial translation");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("mode,frequency_Hz,s_m,z_m,r_m,u_r,u_z,u_normal\n"));
    assert!(text.lines().count() > 3 * 100);
    // Clamped at the neck: no rigid-body mode.
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 MPa", "--json"];
    args.extend(PET);
    args.extend(["--modes", "2", "--support", "neck-clamped"]);
    let v = json(&args);
    assert!(v["rigid_body_modes"].as_array().unwrap().is_empty());
}

#[test]
fn ramp_and_history_give_dynamic_load_factor() {
    let dir = scratch("fem_dynamics_cli", "history");
    let hist_csv = dir.join("probe.csv");
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 MPa", "--json"];
    args.extend(PET);
    args.extend(["--rise-time", "1 us", "--duration", "0.15 ms"]);
    args.extend(["--history-csv", hist_csv.to_str().unwrap()]);
    let v = json(&args);
    let probe = std::fs::read_to_string(&hist_csv).unwrap();
    assert!(probe.starts_with("t_s,p_Pa,hoop_strain,hoop_inner_Pa,hoop_mid_Pa,hoop_outer_Pa\n"));
    assert_eq!(
        probe.lines().count(),
        v["transient"]["steps"].as_u64().unwrap() as usize + 2
    );
    let dlf = v["dynamic_load_factor"].as_f64().unwrap();
    // A near-step on the breathing mode, lightly damped: close to 2 (VALIDATION S2).
    assert!((1.7..2.1).contains(&dlf), "{dlf}");
    for k in ["peak_hoop_stress_Pa", "peak_time_s", "peak_z_m"] {
        assert!(v[k].as_f64().unwrap().is_finite(), "{k}: {v}");
    }
    // Safety factor over the wall and time (petrocket_structure::failure): a near-step to
    // 10 bar(g) nearly doubles the 11 bar burst estimate's stress, so the wall fails.
    let sf = v["min_safety_factor"].as_f64().unwrap();
    assert!(sf > 0.0 && sf < 1.0, "{v}");
    assert!(
        v["failure_time_s"].as_f64().unwrap() <= v["transient"]["duration_s"].as_f64().unwrap()
    );
    assert!(v["failure_z_m"].as_f64().unwrap().is_finite());
    // Weibull: P = 1 − exp(−ln 2 · SF^−m) with PET's m = 8, above one half when SF < 1.
    let p = v["burst_probability"].as_f64().unwrap();
    let expected = 1.0 - (-std::f64::consts::LN_2 * sf.powf(-8.0)).exp();
    assert!((p - expected).abs() < 1e-12 && p > 0.5, "{p} vs {expected}");
    // A slow ramp to 1 bar(g): no failure, nulls.
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 bar", "--json"];
    args.extend(PET);
    args.extend(["--rise-time", "0.1 ms", "--duration", "0.15 ms"]);
    let low = json(&args);
    assert!(low["min_safety_factor"].as_f64().unwrap() > 1.0, "{low}");
    assert!(low["burst_probability"].as_f64().unwrap() < 0.5, "{low}");
    assert!(
        low["failure_time_s"].is_null() && low["failure_z_m"].is_null(),
        "{low}"
    );
    // The same ramp as a CSV history.
    let h = dir.join("p.csv");
    std::fs::write(&h, "t_s,p_Pa\n0,0\n1e-6,1e6\n1e-3,1e6\n").unwrap();
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 MPa", "--json"];
    args.extend(PET);
    args.extend([
        "--pressure-history",
        h.to_str().unwrap(),
        "--duration",
        "0.15 ms",
    ]);
    let w = json(&args);
    let d2 = w["dynamic_load_factor"].as_f64().unwrap();
    assert!((d2 / dlf - 1.0).abs() < 1e-6, "{d2} vs {dlf}");
    // A fast front from the base with reflection.
    let mut args = vec!["fem", "--preset", "2L", "--pressure", "1 MPa", "--json"];
    args.extend(PET);
    args.extend([
        "--rise-time",
        "1 us",
        "--duration",
        "0.2 ms",
        "--front-speed",
        "2800 m/s",
        "--front-from",
        "base",
        "--reflection-factor",
        "2.5",
    ]);
    let f = json(&args);
    assert!(f["dynamic_load_factor"].as_f64().unwrap() > 1.5, "{f}");
}

#[test]
fn bad_dynamics_input_is_rejected() {
    let base = ["fem", "--preset", "2L", "--pressure", "1 MPa"];
    let mut args = base.to_vec();
    args.extend([
        "--rise-time",
        "1 ms",
        "--duration",
        "2 ms",
        "--damping",
        "1.0",
    ]);
    assert_exit(&run(&args), 3, &["damping", "[0, 1)"]);
    let mut args = base.to_vec();
    args.extend([
        "--rise-time",
        "1 ms",
        "--duration",
        "2 ms",
        "--damping",
        "-0.1",
    ]);
    assert_exit(&run(&args), 3, &["damping"]);
    let dir = scratch("fem_dynamics_cli", "bad");
    for (name, text, needle) in [
        (
            "unsorted.csv",
            "t_s,p_Pa\n0,0\n2e-3,1e6\n1e-3,1e6\n",
            "line 4",
        ),
        ("nan.csv", "t_s,p_Pa\n0,0\n1e-3,NaN\n", "line 3"),
        ("negative.csv", "t_s,p_Pa\n-1e-3,0\n1e-3,1e6\n", "line 2"),
        ("short.csv", "t_s,p_Pa\n0,0\n1e-4,1e6\n", "too short"),
    ] {
        let h = dir.join(name);
        std::fs::write(&h, text).unwrap();
        let mut args = base.to_vec();
        args.extend([
            "--pressure-history",
            h.to_str().unwrap(),
            "--duration",
            "1 ms",
        ]);
        assert_exit(&run(&args), 3, &[needle]);
    }
    let mut args = base.to_vec();
    args.extend(["--rise-time", "1 ms"]);
    assert_exit(&run(&args), 2, &["--duration"]);
    let mut args = base.to_vec();
    args.extend(["--duration", "1 ms"]);
    assert_exit(&run(&args), 2, &["--rise-time"]);
}
