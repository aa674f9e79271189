//! The config as data (issue #21, part 4): round trip through TOML and JSON, dotted-key
//! overrides (library and `--set`), and the config echoed in `summary.json`.

mod common;
use common::*;

use petrocket::Config;

const EXAMPLES: &[&str] = &[
    "examples/stoich_h2o2_2L.toml",
    "examples/safe_lean_h2_air_2L.toml",
    "examples/unsafe_overfilled_1L.toml",
];

fn example(path: &str) -> Config {
    let text = std::fs::read_to_string(repo(path)).unwrap();
    Config::from_toml_str(&text, path).unwrap()
}

#[test]
fn configs_round_trip_through_toml_and_json() {
    for path in EXAMPLES {
        let c = example(path);
        let toml_text = c.to_toml_string();
        let back = Config::from_toml_str(&toml_text, "round-trip.toml").unwrap();
        assert_eq!(back, c, "{path}: TOML\n{toml_text}");
        let json = serde_json::to_string(&c).unwrap();
        let back: Config = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c, "{path}: JSON {json}");
        // Defaults are written out, so the echo is complete.
        assert!(
            toml_text.contains("material = \"pet-oriented\""),
            "{toml_text}"
        );
        assert!(toml_text.contains("safe_factor = 2.0"), "{toml_text}");
    }
}

#[test]
fn dotted_overrides_set_create_and_refuse() {
    let text = std::fs::read_to_string(repo(EXAMPLES[0])).unwrap();
    let set = |o: &[&str]| {
        let o: Vec<String> = o.iter().map(|s| s.to_string()).collect();
        Config::with_overrides(&text, "x.toml", &o)
    };
    let c = set(&[
        "bottle.wall_thickness=\"0.25 mm\"",
        "initial.pressure = 2e5",
        "mixture.composition=H2:0.3,air:0.7",
        "safety.safe_factor=3",
    ])
    .unwrap();
    assert_eq!(
        c.bottle.wall_thickness.as_ref().unwrap().to_string(),
        "0.25 mm"
    );
    assert_eq!(c.initial.pressure.to_string(), "200000");
    assert_eq!(c.mixture.composition.as_deref(), Some("H2:0.3,air:0.7"));
    assert!((c.safety.safe_factor - 3.0).abs() < 1e-15);
    // Later overrides win.
    let c = set(&["initial.pressure=1e5", "initial.pressure=3e5"]).unwrap();
    assert_eq!(c.initial.pressure.to_string(), "300000");
    // Unknown keys: the usual hint; malformed overrides: a clear error naming them.
    let e = set(&["bottle.wall_thicknes=\"0.25 mm\""])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("wall_thicknes") && e.contains("did you mean `wall_thickness`"),
        "{e}"
    );
    let e = set(&["bottle.wall_thickness"]).unwrap_err().to_string();
    assert!(e.contains("key.path=value"), "{e}");
    let e = set(&["bottle.preset.x=1"]).unwrap_err().to_string();
    assert!(e.contains("not a table"), "{e}");
}

#[test]
fn run_set_changes_the_run_and_summary_echoes_the_config() {
    let out = scratch("config_data", "set");
    let cfg = repo(EXAMPLES[0]);
    let o = run(&[
        "run",
        cfg.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
        "--set",
        "bottle.wall_thickness=\"0.25 mm\"",
    ]);
    let v = json_out(&o);
    assert_eq!(v["config"]["bottle"]["wall_thickness"], "0.25 mm");
    assert!((v["inputs"]["bottle"]["wall_thickness_m"].as_f64().unwrap() - 2.5e-4).abs() < 1e-12);
    assert_eq!(v["config"]["bottle"]["preset"], "2L");
    // The echoed config is itself a valid config that reproduces the run.
    let echoed: Config = serde_json::from_value(v["config"].clone()).unwrap();
    let again = petrocket::run(&echoed).unwrap();
    assert_eq!(
        again.input_hash_sha256,
        v["input_hash_sha256"].as_str().unwrap()
    );
}
