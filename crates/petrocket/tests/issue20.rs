//! Regression tests of issue #20 (P1 corrective): one per defect class of the `run` path.
//! Each failed on the release before the fix (the issue gives the failing examples).

mod common;
use common::*;

use petrocket::{Config, Verdict};
use serde_json::Value;

fn config(bottle: &str, composition: &str, pressure: &str, extra: &str) -> String {
    format!(
        "[bottle]\n{bottle}\n[mixture]\ncomposition = \"{composition}\"\n[initial]\npressure = \"{pressure}\"\ntemperature = \"25 degC\"\n{extra}"
    )
}

fn assess(text: &str) -> petrocket::Assessment {
    petrocket::run(&Config::from_toml_str(text, "test.toml").unwrap()).unwrap()
}

fn assess_err(text: &str) -> String {
    match Config::from_toml_str(text, "test.toml").and_then(|c| petrocket::run(&c)) {
        Ok(a) => panic!("accepted: verdict {}", a.results.verdict),
        Err(e) => format!("{e:#}"),
    }
}

/// Whether `s` shows a non-finite number: `NaN`, or `inf` as a word (Rust's Display of ±∞).
fn has_non_finite_text(s: &str) -> bool {
    let bytes = s.as_bytes();
    s.contains("NaN")
        || s.match_indices("inf").any(|(i, _)| {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + 3).copied();
            !before.is_some_and(|b| b.is_ascii_alphabetic())
                && !after.is_some_and(|b| b.is_ascii_alphabetic())
        })
}

/// Severity order: a harsher verdict is larger.
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Safe => 0,
        Verdict::Marginal => 1,
        Verdict::Unsafe => 2,
    }
}

/// Governing SF, +inf when there is no load.
fn sf(a: &petrocket::Assessment) -> f64 {
    a.results
        .modes
        .iter()
        .filter(|m| m.considered)
        .filter_map(|m| m.exact_sf)
        .fold(f64::INFINITY, f64::min)
}

#[track_caller]
fn assert_not_milder(milder: &petrocket::Assessment, harsher: &petrocket::Assessment, what: &str) {
    assert!(
        rank(harsher.results.verdict) >= rank(milder.results.verdict),
        "{what}: verdict {} became {}",
        milder.results.verdict,
        harsher.results.verdict
    );
    let (a, b) = (sf(milder), sf(harsher));
    assert!(
        b <= a * (1.0 + 1e-9),
        "{what}: SF {a} grew to {b} ({} -> {})",
        milder.results.modes[1].basis,
        harsher.results.modes[1].basis
    );
}

/// Defect 1: raising the fill pressure, moving the H2 fraction towards stoichiometric or
/// thinning the wall never makes the verdict milder or the SF larger. The grid spans the
/// lean H2–air knife edge of the issue (17 % and 19.4 % H2, 0.5–1.4 bar), rich H2–air, H2–O2,
/// and three bottle sizes.
#[test]
fn issue20_verdicts_are_monotone_in_the_load() {
    let bottles = ["preset = \"0.5L\"", "preset = \"1L\"", "preset = \"2L\""];
    let pressures = ["0.3 bar", "0.5 bar", "0.7 bar", "1 atm", "1.4 bar", "2 bar"];
    // Lean side, towards stoichiometric (29.6 % H2 in air); rich side, towards it from above.
    let lean = [0.13, 0.15, 0.17, 0.194, 0.22, 0.26];
    let rich = [0.70, 0.60, 0.50];
    for bottle in bottles {
        for series in [&lean[..], &rich[..]] {
            let grid: Vec<Vec<petrocket::Assessment>> = series
                .iter()
                .map(|x| {
                    pressures
                        .iter()
                        .map(|p| assess(&config(bottle, &format!("H2:{x},air:{}", 1.0 - x), p, "")))
                        .collect()
                })
                .collect();
            for (i, row) in grid.iter().enumerate() {
                for j in 1..row.len() {
                    assert_not_milder(
                        &row[j - 1],
                        &row[j],
                        &format!(
                            "{bottle}, H2 {}: {} -> {}",
                            series[i],
                            pressures[j - 1],
                            pressures[j]
                        ),
                    );
                }
                if i > 0 {
                    for (j, p) in pressures.iter().enumerate() {
                        assert_not_milder(
                            &grid[i - 1][j],
                            &row[j],
                            &format!("{bottle}, {p}: H2 {} -> {}", series[i - 1], series[i]),
                        );
                    }
                }
            }
        }
    }
    // H2–O2 and the wall thickness.
    for x in ["H2:2,O2:1", "H2:0.3,O2:0.7", "H2:0.17,air:0.83"] {
        let walls = ["0.40 mm", "0.30 mm", "0.25 mm", "0.20 mm"];
        let runs: Vec<_> = walls
            .iter()
            .map(|t| {
                assess(&config(
                    &format!("preset = \"2L\"\nwall_thickness = \"{t}\""),
                    x,
                    "1 atm",
                    "",
                ))
            })
            .collect();
        for j in 1..runs.len() {
            assert_not_milder(
                &runs[j - 1],
                &runs[j],
                &format!("{x}: wall {} -> {}", walls[j - 1], walls[j]),
            );
        }
    }
}

/// Defect 1, the issue's examples: 17 % H2 in air in a 2 L bottle is no longer `safe` at 0.7 bar
/// after `unsafe` at 0.5 bar; 19.4 % is no milder at 1.4 bar than at 1 atm.
#[test]
fn issue20_lean_h2_air_examples_keep_their_verdict_when_the_fill_rises() {
    let at = |x: f64, p: &str| {
        assess(&config(
            "preset = \"2L\"",
            &format!("H2:{x},air:{}", 1.0 - x),
            p,
            "",
        ))
    };
    assert_eq!(at(0.17, "0.5 bar").results.verdict, Verdict::Unsafe);
    assert_eq!(at(0.17, "0.7 bar").results.verdict, Verdict::Unsafe);
    assert_eq!(at(0.194, "1 atm").results.verdict, Verdict::Unsafe);
    assert_eq!(at(0.194, "1.4 bar").results.verdict, Verdict::Unsafe);
}

/// Defect 2: a charge that cannot burn is "no combustion" with one rule for all of them; no
/// absurd safety factor is printed as a number.
#[test]
fn issue20_charges_that_do_not_burn_are_no_combustion_alike() {
    for x in ["H2:1", "O2:1", "H2O:1", "N2:1", "AR:1", "air:1"] {
        let a = assess(&config("preset = \"2L\"", x, "1 atm", ""));
        let r = &a.results;
        assert!(!r.combustion, "{x}");
        assert_eq!(r.modes.len(), 1, "{x}");
        assert_eq!(r.modes[0].mode.as_str(), "no_combustion", "{x}");
        assert_eq!(r.governing_mode.as_str(), "no_combustion", "{x}");
        assert_eq!(
            r.verdict,
            Verdict::Safe,
            "{x}: no overpressure, nothing burns"
        );
        assert_eq!(r.min_safety_factor, None, "{x}");
        assert!(r.min_safety_factor_text.starts_with("n/a"), "{x}");
        assert!(!r.detonation_screening.credible, "{x}");
    }
    // An inert charge filled above ambient is judged on its fill pressure.
    let a = assess(&config("preset = \"2L\"", "N2:1", "3 bar", ""));
    let s = a.results.min_safety_factor.unwrap();
    let expect = a.results.burst_pressure_gauge_Pa / (3e5 - 101_325.0);
    assert!((s / expect - 1.0).abs() < 1e-12, "{s} vs {expect}");
    // A burning charge is not "no combustion".
    assert!(
        assess(&config("preset = \"2L\"", "H2:0.08,air:0.92", "1 atm", ""))
            .results
            .combustion
    );
}

/// Defect 2: no safety factor above 1e3 appears as a number, in JSON or text.
#[test]
fn issue20_no_safety_factor_above_the_cap_is_printed() {
    let a = assess(&config("preset = \"2L\"", "N2:1", "1.0001 atm", ""));
    let json: Value = serde_json::to_value(&a).unwrap();
    let r = &json["results"];
    assert!(r["min_safety_factor"].is_null(), "{r}");
    assert_eq!(r["min_safety_factor_text"], "> 1000");
    assert!(r["modes"][0]["safety_factor"].is_null());
    let text = petrocket::output::human_summary(&a);
    assert!(text.contains("safety factor > 1000"), "{text}");
}

/// Defect 3: a threshold below 1 is an input error; a predicted burst stays `unsafe`.
#[test]
fn issue20_thresholds_below_one_are_refused() {
    for safety in [
        "[safety]\nsafe_factor = 0.001\nunsafe_factor = 0.001\n",
        "[safety]\nunsafe_factor = 0.5\n",
        "[safety]\nsafe_factor = 0.001\n",
        "[safety]\nunsafe_factor = 1e300\nsafe_factor = 1e300\n",
    ] {
        let e = assess_err(&config("preset = \"2L\"", "H2:2,O2:1", "1 atm", safety));
        assert!(e.contains("safety.") && e.contains("allowed range"), "{e}");
    }
}

/// Defect 3: a user materials file that replaces a built-in material is announced.
#[test]
fn issue20_overriding_a_builtin_material_is_announced() {
    let dir = scratch("issue20", "materials-override");
    // The built-in file itself, with the oriented-PET strength raised to 1 TPa.
    let text = std::fs::read_to_string(repo("crates/petrocket-structure/data/materials.toml"))
        .unwrap()
        .replacen(
            "tensile_strength_pa = { value = 196e6",
            "tensile_strength_pa = { value = 1e12",
            1,
        );
    assert!(text.contains("value = 1e12"));
    std::fs::write(dir.join("materials.toml"), &text).unwrap();
    std::fs::write(
        dir.join("run.toml"),
        config(
            "preset = \"2L\"\nmaterials_file = \"materials.toml\"",
            "H2:2,O2:1",
            "1 atm",
            "",
        ),
    )
    .unwrap();
    let (c, _) = Config::from_file(dir.join("run.toml").to_str().unwrap()).unwrap();
    let a = petrocket::run(&c).unwrap();
    assert!(a.inputs.bottle.material_overrides_builtin);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("replaces the built-in material `pet-oriented`")),
        "{:?}",
        a.warnings
    );
    assert!(a
        .assumptions
        .iter()
        .any(|w| w.contains("replaced by the user materials file")));
}

/// Defect 5: input files are bounded: an endless device stops at the limit.
#[test]
fn issue20_unbounded_config_inputs_are_refused() {
    let o = run(&["run", "/dev/zero"]);
    assert_exit(&o, 3, &["/dev/zero", "larger than the 1 MiB limit"]);
    let dir = scratch("issue20", "big-config");
    let big = dir.join("big.toml");
    std::fs::write(&big, format!("# {}\n", "x".repeat(2 << 20))).unwrap();
    let o = run(&["run", big.to_str().unwrap()]);
    assert_exit(&o, 3, &["MiB limit"]);
    // The config's mechanism is bounded the same way.
    let cfg = dir.join("mech.toml");
    std::fs::write(
        &cfg,
        "[bottle]\npreset = \"2L\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\nmechanism = \"/dev/zero\"\n[initial]\npressure = \"1 atm\"\ntemperature = 300\n",
    )
    .unwrap();
    let o = run(&[
        "run",
        cfg.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_exit(
        &o,
        3,
        &["mixture.mechanism", "larger than the 16 MiB limit"],
    );
}

/// Defect 7: the summary is replaced atomically, a link is replaced rather than followed, and a
/// failed run removes the previous run's summary.
#[test]
fn issue20_outputs_are_atomic_and_never_stale() {
    let dir = scratch("issue20", "outputs");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("summary.json")).unwrap();
    let good = repo("examples/safe_lean_h2_air_2L.toml");
    let o = run(&[
        "run",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_exit(&o, 0, &[]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let meta = std::fs::symlink_metadata(out.join("summary.json")).unwrap();
    assert!(meta.is_file(), "the link was replaced by a regular file");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A failing run (exit 3) must not leave the `safe` summary in place.
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, config("preset = \"2L\"", "H2:2,O2:1", "500 bar", "")).unwrap();
    let o = run(&["run", bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_exit(&o, 3, &["initial.pressure", "previous"]);
    assert!(!out.join("summary.json").exists());
}

/// Defect 8: documented limits are accepted despite unit round-off; absurd geometry is refused.
#[test]
fn issue20_documented_limits_accepted_absurd_geometry_refused() {
    // 10 mL (1.0000000000000001e-5 m^3 after conversion) in a small tube, 10 µm wall.
    let a = assess(&config(
        "outer_diameter = \"20 mm\"\nwall_thickness = \"10 um\"\nvolume = \"10 mL\"\nmouth_bore = \"5 mm\"",
        "H2:2,O2:1",
        "1 atm",
        "",
    ));
    assert!((a.inputs.bottle.wall_thickness_m / 1e-5 - 1.0).abs() < 1e-12);
    assert!((a.inputs.bottle.volume_m3 / 1e-5 - 1.0).abs() < 1e-12);
    // The documented charge temperatures 200 K and 1500 K are accepted: below the PET data the
    // coldest strength is held, above it the wall has no strength (a burst), both announced.
    let cold = assess(
        &config("preset = \"2L\"", "H2:0.08,air:0.92", "1 atm", "").replace("\"25 degC\"", "200"),
    );
    assert!(cold.results.burst_pressure_gauge_Pa > 0.0);
    assert!(
        cold.warnings
            .iter()
            .any(|w| w.contains("below the strength data")),
        "{:?}",
        cold.warnings
    );
    let hot =
        assess(&config("preset = \"2L\"", "N2:1", "1 atm", "").replace("\"25 degC\"", "1500"));
    assert_eq!(hot.results.verdict, Verdict::Unsafe);
    assert!(
        hot.warnings.iter().any(|w| w.contains("lost its strength")),
        "{:?}",
        hot.warnings
    );
    // A 10 mm x 12.7 km "bottle".
    let e = assess_err(&config(
        "outer_diameter = \"10 mm\"\nwall_thickness = \"0.3 mm\"\nvolume = \"1 m^3\"\nmouth_bore = \"5 mm\"",
        "H2:0.05,air:0.95",
        "1 atm",
        "",
    ));
    assert!(e.contains("`bottle`") && e.contains("diameter"), "{e}");
    let e = assess_err(&config(
        "outer_diameter = \"20 mm\"\nwall_thickness = \"5 mm\"\nvolume = \"10 mL\"\nmouth_bore = \"5 mm\"",
        "H2:2,O2:1",
        "1 atm",
        "",
    ));
    assert!(
        e.contains("`bottle`") && e.contains("wall thickness") && e.contains("thin-wall"),
        "{e}"
    );
}

/// Defect 9: the input hash is over canonical inputs; relative paths resolve against the config
/// file; no NaN in any output; errors name their field.
#[test]
fn issue20_hash_paths_nan_and_messages() {
    let h = |bottle: &str, mech: &str| {
        assess(&format!(
            "[bottle]\npreset = \"{bottle}\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\nmechanism = \"{mech}\"\n[initial]\npressure = \"1 atm\"\ntemperature = 298.15\n"
        ))
        .input_hash_sha256
    };
    assert_eq!(h("2L", "h2o2"), h("2l", "H2O2"));
    assert_eq!(h("2L", "h2o2"), h("2 L", "h2o2"));
    assert_ne!(h("2L", "h2o2"), h("1L", "h2o2"));

    // A mechanism file next to the config, named relatively, from another working directory.
    let dir = scratch("issue20", "relative");
    std::fs::copy(
        repo("crates/petrocket-chem/data/mechanisms/h2o2.yaml"),
        dir.join("mech.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("run.toml"),
        "[bottle]\npreset = \"2L\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\nmechanism = \"mech.yaml\"\n[initial]\npressure = \"1 atm\"\ntemperature = 298.15\n",
    )
    .unwrap();
    let o = bin()
        .current_dir(std::env::temp_dir())
        .args([
            "run",
            dir.join("run.toml").to_str().unwrap(),
            "--json",
            "--out",
        ])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let v = json_out(&o);
    let mech = v["inputs"]["mixture"]["mechanism"].as_str().unwrap();
    assert!(
        mech.ends_with("mech.yaml") && mech.contains("relative"),
        "{mech}"
    );

    // No NaN or infinity in any output, text included: low fill pressures where the ZND
    // structure cannot be computed at the fill, lean, rich and inert charges.
    for (x, p) in [
        ("H2:0.17,air:0.83", "0.3 bar"),
        ("H2:0.2,air:0.8", "0.1 bar"),
        ("H2:2,O2:1", "0.05 bar"),
        ("H2:0.14,air:0.86", "1 atm"),
        ("H2:0.75,air:0.25", "1 atm"),
        ("N2:1", "1 atm"),
    ] {
        let a = assess(&config("preset = \"2L\"", x, p, ""));
        let json = serde_json::to_string(&a).unwrap();
        let text = petrocket::output::human_summary(&a);
        for s in [&json, &text] {
            assert!(!has_non_finite_text(s), "{x} at {p}: {s}");
        }
    }

    // An equivalence-ratio error names its field.
    let e = assess_err(
        "[bottle]\npreset = \"2L\"\n[mixture]\nequivalence_ratio = -1.0\noxidizer = \"air\"\n[initial]\npressure = \"1 atm\"\ntemperature = 300\n",
    );
    assert!(e.contains("mixture.equivalence_ratio"), "{e}");
}

/// Defect 4: a flammable charge that releases no heat (thermo data made implausible: the
/// formation enthalpy of H2O moved to zero) is an error naming the mechanism, never a
/// "no combustion" verdict.
#[test]
fn issue20_flammable_charge_without_heat_release_is_refused() {
    let dir = scratch("issue20", "no-heat");
    let yaml = std::fs::read_to_string(repo("crates/petrocket-chem/data/mechanisms/h2o2.yaml"))
        .unwrap()
        .replace("-3.02937267e+04", "0.0")
        .replace("-3.00042971e+04", "0.0");
    std::fs::write(dir.join("bad.yaml"), yaml).unwrap();
    std::fs::write(
        dir.join("run.toml"),
        config("preset = \"2L\"", "H2:0.12,air:0.88", "1 atm", "")
            .replace("[initial]", "mechanism = \"bad.yaml\"\n[initial]"),
    )
    .unwrap();
    let o = run(&[
        "run",
        dir.join("run.toml").to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_exit(&o, 3, &["implausible"]);
    assert!(!dir.join("out").join("summary.json").exists());
}

/// Defect 7 for every output file of the CLI: a CSV path that is a symbolic link is replaced,
/// never written through.
#[test]
fn issue20_csv_outputs_do_not_follow_links() {
    let dir = scratch("issue20", "csv-links");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = dir.join("series.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let o = run(&[
        "chem",
        "ignition",
        "--mixture",
        "H2:2,O2:1",
        "--pressure",
        "1 atm",
        "--temperature",
        "1200",
        "--csv",
        link.to_str().unwrap(),
    ]);
    assert_exit(&o, 0, &[]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let csv = std::fs::read_to_string(&link).unwrap();
    assert!(
        csv.starts_with("time_s,T_K,P_Pa"),
        "{}",
        &csv[..40.min(csv.len())]
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
}
