//! End-to-end tests of `petrocket fem --cap plate --cap-thickness T` (flat-plate closure).

mod common;

use common::{assert_exit, json, run, scratch, text};

#[test]
fn plate_cap_json_deck_and_human_output() {
    let base = ["fem", "--preset", "2L", "--pressure", "10 bar"];
    let end = json(&[&base[..], &["--json"]].concat());
    assert_eq!(end["closure"]["kind"], "end-load");
    assert!(end.get("cap_plate").is_none());
    let dir = scratch("fem_cap_cli", "plate");
    let deck = dir.join("plate.inp");
    let v = json(
        &[
            &base[..],
            &[
                "--cap",
                "plate",
                "--cap-thickness",
                "2 mm",
                "--export-calculix",
                deck.to_str().unwrap(),
                "--json",
            ],
        ]
        .concat(),
    );
    assert_eq!(v["closure"]["kind"], "plate");
    assert!((v["closure"]["thickness_m"].as_f64().unwrap() - 2e-3).abs() < 1e-15);
    let plate = &v["cap_plate"];
    // 2 L neck bore 21.7 mm: span a = 10.85 mm.
    assert!((plate["span_radius_m"].as_f64().unwrap() - 0.01085).abs() < 1e-9);
    let w = plate["centre_deflection_m"].as_f64().unwrap();
    assert!(w > 0.0 && w.is_finite(), "{plate}");
    assert!(
        plate["centre_radial_stress_lower_Pa"].as_f64().unwrap() < 0.0
            && plate["centre_radial_stress_upper_Pa"].as_f64().unwrap() > 0.0,
        "{plate}"
    );
    // Same cap load as the end load; the wall peaks far from the neck are the same.
    let cap = |x: &serde_json::Value| x["cap_load_N"].as_f64().unwrap();
    assert!((cap(&v) - cap(&end)).abs() < 1e-9 * cap(&end));
    let hoop = |x: &serde_json::Value| x["max_hoop_stress_Pa"].as_f64().unwrap();
    assert!((hoop(&v) / hoop(&end) - 1.0).abs() < 1e-3);
    assert!(v["mesh"]["elements"].as_u64() > end["mesh"]["elements"].as_u64());
    let deck_text = std::fs::read_to_string(&deck).unwrap();
    assert!(deck_text.contains("flat plate of thickness 0.002 m"));
    // Human output names the plate.
    let o = run(&[&base[..], &["--cap", "plate", "--cap-thickness", "0.002"]].concat());
    assert_exit(&o, 0, &[]);
    assert!(text(&o.stdout).contains("cap plate 2.00 mm"));
}

#[test]
fn bad_plate_thickness_exits_3_naming_field_value_unit_range() {
    let base = [
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "10 bar",
        "--cap",
        "plate",
    ];
    for (t, shown) in [
        ("0", "0 m"),
        ("-1 mm", "-0.001 m"),
        ("nan", "NaN m"),
        ("2", "2 m"),
    ] {
        let o = run(&[&base[..], &["--cap-thickness", t]].concat());
        assert_exit(
            &o,
            3,
            &[
                "--cap-thickness",
                "cap plate thickness",
                shown,
                "finite, > 0 and ≤ 1 m",
            ],
        );
    }
    let o = run(&[&base[..], &["--cap-thickness", "2 bar"]].concat());
    assert_exit(&o, 3, &["--cap-thickness", "length"]);
    // The plate needs a thickness (usage error), the end load takes none (input error).
    let o = run(&base);
    assert_exit(&o, 2, &["--cap-thickness"]);
    let o = run(&[
        "fem",
        "--preset",
        "2L",
        "--pressure",
        "1e6",
        "--cap-thickness",
        "2 mm",
    ]);
    assert_exit(&o, 3, &["--cap-thickness", "only with --cap plate"]);
}
