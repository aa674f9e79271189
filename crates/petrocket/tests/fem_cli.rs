//! End-to-end tests of `petrocket fem`.

mod common;

use common::{assert_exit, json, repo, run, scratch, text};

#[test]
fn preset_json_has_the_documented_keys() {
    let v = json(&[
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "10 bar",
        "--probe-z",
        "150 mm",
        "--json",
    ]);
    for k in [
        "max_hoop_stress_Pa",
        "max_hoop_stress_z_m",
        "max_von_mises_stress_Pa",
        "max_von_mises_stress_z_m",
        "max_meridional_stress_Pa",
        "max_meridional_stress_z_m",
    ] {
        assert!(v[k].as_f64().unwrap().is_finite(), "{k}: {v}");
    }
    let probe = &v["probe"];
    assert!((probe["z_m"].as_f64().unwrap() - 0.15).abs() < 1e-12);
    for k in [
        "hoop_stress_inner_Pa",
        "hoop_stress_mid_Pa",
        "hoop_stress_outer_Pa",
    ] {
        // Body wall at 1 MPa: about p·r/t = 1e6 · 0.05235 / 0.3e-3 ≈ 175 MPa.
        let s = probe[k].as_f64().unwrap();
        assert!((1.5e8..1.9e8).contains(&s), "{k} = {s}");
    }
    assert_eq!(v["engine"], "native");
    assert_eq!(v["mesh"]["element"], "CAX8");
    assert!((v["pressure_gauge_Pa"].as_f64().unwrap() - 1e6).abs() < 1e-6);
    assert!((v["profile"]["mouth_area_m2"].as_f64().unwrap() - 3.698e-4).abs() < 1e-6);
    // Human output too.
    let o = run(&["fem", "--preset", "1L", "--pressure", "5 bar"]);
    assert_exit(&o, 0, &[]);
    assert!(text(&o.stdout).contains("max hoop"));
}

#[test]
fn profile_csv_exports_and_material_options() {
    let dir = scratch("fem_cli", "exports");
    let (prof, deck, csv) = (dir.join("p.csv"), dir.join("m.inp"), dir.join("r.csv"));
    let (ps, ds, cs) = (
        prof.to_str().unwrap(),
        deck.to_str().unwrap(),
        csv.to_str().unwrap(),
    );
    let a = json(&[
        "fem",
        "--preset",
        "1.5L",
        "--pressure",
        "1e6",
        "--export-profile",
        ps,
        "--export-calculix",
        ds,
        "--csv",
        cs,
        "--json",
    ]);
    assert!(std::fs::read_to_string(&deck)
        .unwrap()
        .contains("*ELEMENT, TYPE=CAX8"));
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with("s_m,z_m,r_m,t_m,u_r_m"));
    assert!(table.lines().count() > 100);
    // The exported profile gives the same answer.
    let b = json(&["fem", "--profile", ps, "--pressure", "1e6", "--json"]);
    let rel = |k: &str| (a[k].as_f64().unwrap() / b[k].as_f64().unwrap() - 1.0).abs();
    assert!(rel("max_von_mises_stress_Pa") < 1e-9);
    // The reference example profile loads.
    let ex = repo("examples/profiles/2L_reference.csv");
    json(&[
        "fem",
        "--profile",
        ex.to_str().unwrap(),
        "--pressure",
        "1e6",
        "--json",
    ]);
    // Stresses do not depend on E (linear, loads given), displacements do.
    let c = json(&[
        "fem",
        "--preset",
        "1.5L",
        "--pressure",
        "1 MPa",
        "--youngs-modulus",
        "9 GPa",
        "--poisson",
        "0.38",
        "--density",
        "1390",
        "--json",
    ]);
    assert!(
        (c["max_von_mises_stress_Pa"].as_f64().unwrap()
            / a["max_von_mises_stress_Pa"].as_f64().unwrap()
            - 1.0)
            .abs()
            < 1e-9
    );
    let d = json(&[
        "fem",
        "--preset",
        "1.5L",
        "--pressure",
        "1e6",
        "--material",
        "hdpe",
        "--json",
    ]);
    assert_eq!(d["material"]["name"], "hdpe");
}

#[test]
fn bad_input_exits_3_with_a_clear_message() {
    let dir = scratch("fem_cli", "bad");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "z_m,r_m,t_m\n0,0,0.001\n0.1,0.05,-0.001\n").unwrap();
    let o = run(&[
        "fem",
        "--profile",
        bad.to_str().unwrap(),
        "--pressure",
        "1e6",
    ]);
    assert_exit(&o, 3, &["line 3", "`t_m` = `-0.001`"]);
    let o = run(&[
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "1e6",
        "--material",
        "titanium",
    ]);
    assert_exit(&o, 3, &["unknown material `titanium`"]);
    let o = run(&["fem", "--preset", "2L", "--pressure", "2 m"]);
    assert_exit(&o, 3, &["--pressure", "length"]);
    let o = run(&[
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "1e6",
        "--probe-z",
        "2 m",
    ]);
    assert_exit(&o, 3, &["probe height"]);
    let o = run(&[
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "1e6",
        "--poisson",
        "0.5",
    ]);
    assert_exit(&o, 3, &["Poisson"]);
    let o = run(&["fem", "--pressure", "1e6"]);
    assert_exit(&o, 2, &["--profile"]);
    let o = common::bin()
        .args([
            "fem",
            "--preset",
            "2L",
            "--pressure",
            "1e6",
            "--engine",
            "calculix",
        ])
        .env("PETROCKET_CCX", "/nonexistent/ccx")
        .output()
        .unwrap();
    assert_exit(&o, 3, &["cannot run CalculiX", "calculix-ccx"]);
}

#[test]
fn calculix_engine_when_installed() {
    if petrocket_structure::calculix::find_ccx().is_none() {
        println!("SKIPPED: ccx (CalculiX) is not on PATH");
        return;
    }
    let a = json(&["fem", "--preset", "0.5L", "--pressure", "1e6", "--json"]);
    let b = json(&[
        "fem",
        "--preset",
        "0.5L",
        "--pressure",
        "1e6",
        "--engine",
        "calculix",
        "--json",
    ]);
    assert_eq!(b["engine"], "calculix");
    assert!(b["calculix"]["wall_time_s"].as_f64().unwrap() > 0.0);
    for k in [
        "max_hoop_stress_Pa",
        "max_von_mises_stress_Pa",
        "max_meridional_stress_Pa",
    ] {
        let rel = (a[k].as_f64().unwrap() / b[k].as_f64().unwrap() - 1.0).abs();
        assert!(rel < 0.005, "{k}: {rel}");
    }
}
