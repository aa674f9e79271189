//! End-to-end tests of the `petrocket` binary: every output path and every documented error.

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn run_example(name: &str, extra: &[&str]) -> (Output, Value) {
    // One output directory per call: tests run in parallel and several run the same example.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = scratch("cli", &format!("{name}-{call}"));
    let cfg = repo(&format!("examples/{name}.toml"));
    let mut args = vec!["run", cfg.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    let summary = std::fs::read_to_string(out.join("summary.json"))
        .unwrap_or_else(|e| panic!("{name}: {e}: {}", text(&o.stderr)));
    (o, serde_json::from_str(&summary).unwrap())
}

#[test]
fn examples_give_the_documented_verdicts() {
    for (name, verdict) in [
        ("stoich_h2o2_2L", "unsafe"),
        ("safe_lean_h2_air_2L", "safe"),
        ("unsafe_overfilled_1L", "unsafe"),
    ] {
        let (o, s) = run_example(name, &[]);
        assert_exit(&o, 0, &[]);
        assert_eq!(s["results"]["verdict"], verdict, "{name}");
        assert!(
            text(&o.stdout).contains(&format!("VERDICT    {}", verdict.to_uppercase())),
            "{name}"
        );
        let hash = s["input_hash_sha256"].as_str().unwrap();
        assert!(hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(s["tool"]["version"], env!("CARGO_PKG_VERSION"));
        assert!(!s["assumptions"].as_array().unwrap().is_empty());
    }
}

#[test]
fn stoichiometric_2l_bottle_numbers() {
    let (_, s) = run_example("stoich_h2o2_2L", &[]);
    let r = &s["results"];
    // VALIDATION C1: AICC ratio 9.60, T = 3502 K for stoichiometric H2-O2 from 1 atm, 298 K.
    let ratio = r["aicc"]["pressure_ratio"].as_f64().unwrap();
    assert!((ratio - 9.60).abs() < 0.006, "C1 AICC ratio {ratio}");
    assert!((r["aicc"]["temperature_K"].as_f64().unwrap() - 3502.0).abs() < 1.0);
    // VALIDATION P7/B1: 2 L burst about 11.4 bar(g) with 200 MPa; 196 MPa gives 11.2.
    let burst = r["burst_pressure_gauge_Pa"].as_f64().unwrap();
    assert!((burst - 11.23e5).abs() < 0.05e5, "burst {burst}");
    assert_eq!(r["governing_mode"], "detonation");
    let d = &r["detonation_screening"];
    assert_eq!(d["credible"], true);
    assert_eq!(d["grade"], "likely");
    // VALIDATION C7 (P_CJ/P0 = 18.8 at 298 K), C8 (P_R ≈ 2.4–2.5 P_CJ), C10 (λ ≈ 1–2 mm).
    let p0 = 101_325.0;
    let p_cj = d["cj_pressure_Pa"].as_f64().unwrap();
    assert!(
        (p_cj / p0 / 18.8 - 1.0).abs() < 0.03,
        "P_CJ/P0 {}",
        p_cj / p0
    );
    let p_r = d["reflected_pressure_Pa"].as_f64().unwrap();
    assert!(
        (2.35..2.55).contains(&(p_r / p_cj)),
        "P_R/P_CJ {}",
        p_r / p_cj
    );
    let cell = d["cell_width_m"].as_f64().unwrap();
    assert!((1e-3..2e-3).contains(&cell), "cell width {cell}");
    assert_eq!(d["criteria"].as_array().unwrap().len(), 4);
    // The detonation load is the reflected pressure (larger than 2 x the CJ rise).
    let det = &r["modes"][1];
    assert_eq!(det["mode"], "detonation");
    assert!((det["peak_pressure_Pa"].as_f64().unwrap() - p_r).abs() < 1e-6 * p_r);
    let sf = r["modes"][0]["safety_factor"].as_f64().unwrap();
    assert!(
        sf > 1.0 && sf < 2.0,
        "deflagration alone is marginal: SF {sf}"
    );
}

/// 8 % H2 in air is outside the detonability limits: "not detonable", no CJ numbers, and the
/// detonation mode does not enter the verdict.
#[test]
fn lean_h2_air_is_not_detonable() {
    let (_, s) = run_example("safe_lean_h2_air_2L", &[]);
    let d = &s["results"]["detonation_screening"];
    assert_eq!(d["credible"], false);
    assert_eq!(d["grade"], "not credible");
    assert!(d["basis"]
        .as_str()
        .unwrap()
        .starts_with("not detonable: H2 = 8.0 %"));
    assert!(d["cj_pressure_Pa"].is_null() && d["cell_width_m"].is_null());
    assert_eq!(s["results"]["modes"][1]["considered"], false);
    assert_eq!(s["results"]["governing_mode"], "closed_deflagration");
}

#[test]
fn json_flag_prints_one_object_matching_summary() {
    let (o, s) = run_example("safe_lean_h2_air_2L", &["--json"]);
    assert_exit(&o, 0, &[]);
    let stdout = text(&o.stdout);
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "one line of JSON: {stdout}"
    );
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v, s);
}

#[test]
fn fail_on_unsafe_sets_exit_code_5() {
    let (o, _) = run_example("unsafe_overfilled_1L", &["--fail-on-unsafe"]);
    assert_exit(&o, 5, &[]);
    let (o, _) = run_example("safe_lean_h2_air_2L", &["--fail-on-unsafe"]);
    assert_exit(&o, 0, &[]);
}

#[test]
fn identical_inputs_give_identical_summaries() {
    let a = run_example("stoich_h2o2_2L", &[]).1;
    let b = run_example("stoich_h2o2_2L", &[]).1;
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn chem_equilibrium_json() {
    let o = run(&[
        "chem",
        "equilibrium",
        "--mixture",
        "H2:2,O2:1",
        "--pressure",
        "101325",
        "--temperature",
        "295",
        "--mode",
        "UV",
        "--json",
    ]);
    assert_exit(&o, 0, &[]);
    let v: Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    for key in ["temperature_K", "pressure_Pa", "density_kg_m3"] {
        assert!(v[key].as_f64().unwrap().is_finite(), "{key}");
    }
    let x = v["mole_fractions"].as_object().unwrap();
    assert_eq!(x.len(), 11);
    let sum: f64 = x.values().map(|v| v.as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-12);
    assert!((v["pressure_Pa"].as_f64().unwrap() / 101_325.0 - 9.7).abs() < 0.1);
    // Units on the command line, and every mode.
    for mode in ["TP", "HP", "UV", "SV", "TV", "SP"] {
        let o = run(&[
            "chem",
            "equilibrium",
            "--mixture",
            "H2:1,air:2.38",
            "--pressure",
            "2 bar",
            "--temperature",
            "25 degC",
            "--mode",
            mode,
            "--json",
        ]);
        assert_exit(&o, 0, &[]);
    }
    let o = run(&[
        "chem",
        "equilibrium",
        "--mixture",
        "H2:2,O2:1",
        "--pressure",
        "1 atm",
        "--temperature",
        "300 K",
    ]);
    assert_exit(&o, 0, &[]);
    assert!(text(&o.stdout).contains("H2O"));
}

#[test]
fn bad_chemistry_input_is_a_clear_error() {
    let chem = |mix: &str, p: &str, t: &str, extra: &[&str]| {
        let mut args = vec![
            "chem",
            "equilibrium",
            "--mixture",
            mix,
            "--pressure",
            p,
            "--temperature",
            t,
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let base = |mix: &str, p: &str, t: &str| chem(mix, p, t, &[]);
    assert_exit(
        &base("H3:2,O2:1", "1 atm", "300"),
        3,
        &["unknown species 'H3'", "did you mean"],
    );
    assert_exit(
        &base("H2:-2,O2:1", "1 atm", "300"),
        3,
        &["amount of H2 is -2"],
    );
    assert_exit(
        &base("H2:0,O2:1", "1 atm", "300"),
        3,
        &["amount of H2 is 0"],
    );
    assert_exit(&base("", "1 atm", "300"), 3, &["empty mixture"]);
    assert_exit(
        &base("H2:2,O2:1", "2 mm", "300"),
        3,
        &["--pressure", "length", "expected a pressure"],
    );
    assert_exit(
        &base("H2:2,O2:1", "1 atm", "-5"),
        3,
        &["temperature", "allowed range"],
    );
    assert_exit(&base("H2:2,O2:1", "nan", "300"), 2, &[]);
    let o = chem("H2:2,O2:1", "1 atm", "300", &["--mode", "XY"]);
    assert_exit(&o, 2, &["TP, TV, HP, UV, SV, SP"]);
    let o = chem("H2:2,O2:1", "1 atm", "300", &["--mech", "h2o3"]);
    assert_exit(&o, 3, &["unknown mechanism 'h2o3'", "h2o2"]);
}

fn write_config(dir: &Path, body: &str) -> PathBuf {
    let p = dir.join("c.toml");
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn bad_configs_are_clear_errors() {
    let dir = scratch("cli", "bad-config");
    let ok = "[bottle]\npreset = \"2L\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\n[initial]\npressure = \"1 atm\"\ntemperature = 300\n";
    let cases: &[(&str, &[&str])] = &[
        (
            &ok.replace("pressure = ", "presure = "),
            &["unknown field `presure`", "did you mean `pressure`"],
        ),
        (
            &ok.replace("\"1 atm\"", "\"1 mm\""),
            &["initial.pressure", "length", "pressure"],
        ),
        (
            &ok.replace("\"1 atm\"", "\"500 bar\""),
            &["initial.pressure", "allowed range"],
        ),
        (
            &ok.replace("temperature = 300", "temperature = \"5000 K\""),
            &["initial.temperature", "allowed range"],
        ),
        (&ok.replace("\"2L\"", "\"2 l\""), &[]),
        (&ok.replace("\"2L\"", "\"3L\""), &["3L"]),
        (&ok.replace("H2:2", "H3:2"), &["unknown species 'H3'"]),
        (
            &(ok.to_owned() + "[safety]\nsafe_factor = 0.5\n"),
            &["safety.safe_factor"],
        ),
        (
            &ok.replace("preset = \"2L\"", "outer_diameter = \"105 mm\""),
            &["bottle.wall_thickness", "missing"],
        ),
        (
            &ok.replace(
                "preset = \"2L\"",
                "preset = \"2L\"\nmaterial = \"pet-orientd\"",
            ),
            &["pet-orientd", "pet-oriented"],
        ),
        ("this is not toml", &["invalid config"]),
    ];
    for (body, needles) in cases {
        let p = write_config(&dir, body);
        let o = run(&["run", p.to_str().unwrap(), "--out", dir.to_str().unwrap()]);
        if needles.is_empty() {
            assert_exit(&o, 0, &[]);
        } else {
            assert_exit(&o, 3, needles);
        }
    }
    let o = run(&["run", "/nonexistent/config.toml"]);
    assert_exit(&o, 3, &["cannot read /nonexistent/config.toml"]);
}

#[test]
fn materials_list() {
    let o = run(&["materials", "--json"]);
    assert_exit(&o, 0, &[]);
    let v: Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    let names: Vec<&str> = v["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"pet-oriented") && names.contains(&"pet-amorphous"),
        "{names:?}"
    );
    let o = run(&["materials"]);
    assert_exit(&o, 0, &[]);
    assert!(text(&o.stdout).contains("pet-oriented"));
}

/// `petrocket … | head` closes stdout early: no crash report, the SIGPIPE exit status.
#[test]
fn closed_stdout_is_not_a_crash() {
    let dir = scratch("cli", "broken_pipe");
    let mut child = bin()
        .args(["materials", "--json"])
        .env("TMPDIR", &dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("crashed"), "{err}");
    assert!(
        matches!(out.status.code(), Some(0 | 141)),
        "{:?}: {err}",
        out.status
    );
    let reports = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(reports, 0, "a crash report was written");
}
