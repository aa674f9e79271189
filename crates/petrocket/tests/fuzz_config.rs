//! Fuzz harness and property test of the config surface (issue #20), on stable Rust.
//!
//! Every input — the examples mutated byte by byte and line by line, and configs generated
//! from the schema with hostile values — must give a typed error or an assessment whose JSON and
//! text carry only finite numbers; never a panic. The number of cases comes from
//! `PETROCKET_FUZZ_CASES` (default 48 per property, a few seconds); a long run:
//!
//! ```text
//! PETROCKET_FUZZ_CASES=20000 cargo test --release -p petrocket --test fuzz_config
//! ```
//!
//! A failure prints the shrunk input; add it to `tests/issue20.rs` as a regression test.

use petrocket::Config;
use proptest::prelude::*;
use proptest::test_runner::{Config as PtConfig, TestRunner};

fn cases() -> u32 {
    std::env::var("PETROCKET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

const SEEDS: &[&str] = &[
    include_str!("../../../examples/stoich_h2o2_2L.toml"),
    include_str!("../../../examples/safe_lean_h2_air_2L.toml"),
    include_str!("../../../examples/unsafe_overfilled_1L.toml"),
];

/// Run one config text through parsing and the pipeline; panics only on a defect. Returns
/// whether it reached an assessment.
fn check(text: &str) -> bool {
    let Ok(config) = Config::from_toml_str(text, "fuzz.toml") else {
        return false;
    };
    let Ok(a) = petrocket::run(&config) else {
        return false;
    };
    let json = serde_json::to_string(&a).expect("serialises");
    let human = petrocket::output::human_summary(&a);
    for s in [&json, &human] {
        assert!(!s.contains("NaN"), "NaN in output of:\n{text}\n{s}");
    }
    let r = &a.results;
    assert!(r.aicc.pressure_Pa.is_finite() && r.burst_pressure_gauge_Pa.is_finite());
    for m in &r.modes {
        assert!(
            m.load_gauge_Pa.is_finite() && m.hoop_stress_Pa.is_finite(),
            "{text}"
        );
        if let Some(sf) = m.safety_factor {
            assert!(
                sf.is_finite() && sf <= petrocket::safety::SF_REPORT_CAP,
                "{text}"
            );
        }
    }
    true
}

/// Values a hostile or careless user might type.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"nan\"".to_string()),
        Just("\"inf bar\"".to_string()),
        Just("-1".to_string()),
        Just("0".to_string()),
        Just("1e308".to_string()),
        Just("\"1e300 bar\"".to_string()),
        Just("\"2 L\"".to_string()),
        Just("\"0.3 mm\"".to_string()),
        Just("\"300 K\"".to_string()),
        Just("\"1 atm\"".to_string()),
        Just("\"H2:2,O2:1\"".to_string()),
        Just("\"H2:0.2,air:0.8\"".to_string()),
        Just("\"N2:1\"".to_string()),
        Just("\"XX:1\"".to_string()),
        Just("\"/dev/zero\"".to_string()),
        Just("[1, 2]".to_string()),
        Just("{ a = 1 }".to_string()),
        (-1e6f64..1e6).prop_map(|v| format!("{v}")),
        "[a-zA-Z0-9 .:,\"]{0,12}".prop_map(|s| format!("\"{s}\"")),
    ]
}

const KEYS: &[(&str, &str)] = &[
    ("bottle", "preset"),
    ("bottle", "outer_diameter"),
    ("bottle", "wall_thickness"),
    ("bottle", "volume"),
    ("bottle", "mouth_bore"),
    ("bottle", "material"),
    ("mixture", "composition"),
    ("mixture", "equivalence_ratio"),
    ("mixture", "fuel"),
    ("mixture", "oxidizer"),
    ("mixture", "mechanism"),
    ("initial", "pressure"),
    ("initial", "temperature"),
    ("initial", "ambient_pressure"),
    ("safety", "safe_factor"),
    ("safety", "unsafe_factor"),
];

/// A config built from the schema with some keys given hostile values.
fn schema_config() -> impl Strategy<Value = String> {
    proptest::collection::vec((0..KEYS.len(), value()), 0..8).prop_map(|overrides| {
        let mut tables: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        let mut set = |table: &'static str, key: &str, v: String| {
            let lines = tables.entry(table).or_default();
            lines.retain(|l| !l.starts_with(&format!("{key} =")));
            lines.push(format!("{key} = {v}"));
        };
        set("bottle", "preset", "\"2L\"".into());
        set("mixture", "composition", "\"H2:2,O2:1\"".into());
        set("initial", "pressure", "\"1 atm\"".into());
        set("initial", "temperature", "300".into());
        for (k, v) in overrides {
            let (table, key) = KEYS[k];
            set(table, key, v);
        }
        tables
            .iter()
            .map(|(t, lines)| format!("[{t}]\n{}\n", lines.join("\n")))
            .collect()
    })
}

/// A seed mutated: bytes flipped, inserted or deleted, lines duplicated or dropped.
fn mutated_seed() -> impl Strategy<Value = String> {
    (
        0..SEEDS.len(),
        proptest::collection::vec((0usize..4, any::<usize>(), any::<u8>()), 1..6),
    )
        .prop_map(|(seed, edits)| {
            let mut lines: Vec<String> = SEEDS[seed].lines().map(str::to_string).collect();
            for (kind, at, byte) in edits {
                if lines.is_empty() {
                    break;
                }
                let i = at % lines.len();
                match kind {
                    0 => {
                        lines.remove(i);
                    }
                    1 => {
                        let l = lines[i].clone();
                        lines.insert(i, l);
                    }
                    2 => {
                        let mut b = lines[i].clone().into_bytes();
                        let j = at % (b.len() + 1);
                        b.insert(j, byte);
                        lines[i] = String::from_utf8_lossy(&b).into_owned();
                    }
                    _ => {
                        let mut b = lines[i].clone().into_bytes();
                        if !b.is_empty() {
                            let j = at % b.len();
                            b[j] ^= byte | 1;
                        }
                        lines[i] = String::from_utf8_lossy(&b).into_owned();
                    }
                }
            }
            lines.join("\n")
        })
}

fn runner() -> TestRunner {
    TestRunner::new(PtConfig {
        cases: cases(),
        failure_persistence: None,
        ..PtConfig::default()
    })
}

#[test]
fn issue20_fuzz_config_schema_values() {
    // The base of the generated configs is valid and reaches the pipeline, so the generator
    // exercises the whole run, not only the parser.
    let base = "[bottle]\npreset = \"2L\"\n[mixture]\ncomposition = \"H2:2,O2:1\"\n[initial]\npressure = \"1 atm\"\ntemperature = 300\n";
    assert!(check(base));
    runner()
        .run(&schema_config(), |text| {
            check(&text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn issue20_fuzz_config_mutated_examples() {
    runner()
        .run(&mutated_seed(), |text| {
            check(&text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn issue20_fuzz_config_random_bytes() {
    runner()
        .run(&proptest::collection::vec(any::<u8>(), 0..512), |bytes| {
            check(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();
}
