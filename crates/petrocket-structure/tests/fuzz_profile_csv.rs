//! Stable-Rust fuzz harness (proptest) for the profile CSV surface and the materials TOML
//! (issue #20): every input gives `Ok` or a typed `Err` — never a panic, never an
//! allocation sized by the input — and the validation and the mesher finish quickly on
//! the accepted ones.
//!
//! Seeds: the bundled presets' profiles (`geometry::preset_profile`, with their
//! `material` column) and the built-in `materials.toml`. Mutations: scaling of every
//! number by 1e-300 … 1e300, NaN/inf fields, duplicated, deleted and swapped rows, row
//! counts up to past [`MAX_PROFILE_ROWS`], garbage bytes, truncation.
//!
//! Cases: `PETROCKET_FUZZ_CASES` (default 48, a few seconds at the test profile); long run:
//! `PETROCKET_FUZZ_CASES=100000 cargo test --release -p petrocket-structure --test fuzz_profile_csv`.

use petrocket_structure::fem::{Mesh, MeshOptions};
use petrocket_structure::geometry::{preset_profile, Profile, MAX_PROFILE_ROWS};
use petrocket_structure::materials::{MaterialDb, BUILTIN_MATERIALS_TOML};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const PRESETS: [&str; 4] = ["0.5L", "1L", "1.5L", "2L"];

fn cases() -> u32 {
    std::env::var("PETROCKET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(48)
}

fn seed(i: usize) -> String {
    preset_profile(PRESETS[i % PRESETS.len()])
        .unwrap()
        .to_csv_string(&["fuzz seed"])
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Multiply every number by 10^k.
    Scale(i32),
    /// Replace field `f` of data row `row` by a special value.
    Special(usize, usize, &'static str),
    Duplicate(usize),
    Delete(usize),
    Swap(usize, usize),
    /// Repeat the data rows until there are `n` of them.
    Repeat(usize),
    /// Insert bytes at a fraction of the text.
    Garbage(f64, Vec<u8>),
    /// Keep a fraction of the text.
    Truncate(f64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (-300i32..=300).prop_map(Mutation::Scale),
        2 => (-3i32..=3).prop_map(Mutation::Scale),
        3 => (any::<usize>(), 0usize..4, prop::sample::select(vec![
            "NaN", "inf", "-inf", "1e309", "-0", "", " ", "0x10", "1e-320", "abc",
        ])).prop_map(|(r, f, v)| Mutation::Special(r, f, v)),
        2 => any::<usize>().prop_map(Mutation::Duplicate),
        2 => any::<usize>().prop_map(Mutation::Delete),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => prop_oneof![
            Just(MAX_PROFILE_ROWS + 1),
            Just(MAX_PROFILE_ROWS),
            100usize..5000,
        ].prop_map(Mutation::Repeat),
        3 => (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(f, b)| Mutation::Garbage(f, b)),
        1 => (0.0..1.0f64).prop_map(Mutation::Truncate),
    ]
}

/// Splits a profile CSV into its preamble (comments and header) and data rows.
fn split(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = Vec::new();
    let mut rows = Vec::new();
    for l in text.lines() {
        if l.starts_with('#') || l.starts_with("z_m") || l.trim().is_empty() {
            head.push(l.to_string());
        } else {
            rows.push(l.split(',').map(str::to_string).collect());
        }
    }
    (head, rows)
}

fn join(head: &[String], rows: &[Vec<String>]) -> String {
    let mut s = head.join("\n");
    for r in rows {
        s.push('\n');
        s.push_str(&r.join(","));
    }
    s.push('\n');
    s
}

fn apply(text: &str, m: &Mutation) -> String {
    let (head, mut rows) = split(text);
    let n = rows.len().max(1);
    match m {
        Mutation::Scale(k) => {
            let f = 10f64.powi(*k);
            for r in &mut rows {
                for v in r.iter_mut().take(3) {
                    if let Ok(x) = v.parse::<f64>() {
                        *v = format!("{:e}", x * f);
                    }
                }
            }
        }
        Mutation::Special(i, f, v) => {
            if let Some(r) = rows.get_mut(i % n) {
                if let Some(x) = r.get_mut(*f) {
                    *x = (*v).to_string();
                }
            }
        }
        Mutation::Duplicate(i) => {
            if !rows.is_empty() {
                let r = rows[i % n].clone();
                rows.insert(i % n, r);
            }
        }
        Mutation::Delete(i) => {
            if !rows.is_empty() {
                rows.remove(i % n);
            }
        }
        Mutation::Swap(a, b) => {
            if !rows.is_empty() {
                rows.swap(a % n, b % n);
            }
        }
        Mutation::Repeat(total) => {
            let base = rows.clone();
            while !base.is_empty() && rows.len() < *total {
                let k = rows.len() % base.len();
                rows.push(base[k].clone());
            }
        }
        Mutation::Garbage(at, bytes) => {
            let s = join(&head, &rows);
            let mut b = s.into_bytes();
            let pos = ((b.len() as f64) * at) as usize;
            b.splice(pos.min(b.len())..pos.min(b.len()), bytes.iter().copied());
            return String::from_utf8_lossy(&b).into_owned();
        }
        Mutation::Truncate(f) => {
            let s = join(&head, &rows);
            let cut = ((s.len() as f64) * f) as usize;
            let cut = (0..=cut)
                .rev()
                .find(|&c| s.is_char_boundary(c))
                .unwrap_or(0);
            return s[..cut].to_string();
        }
    }
    join(&head, &rows)
}

/// Parses, validates and (when small) meshes one input; returns whether it was accepted.
fn exercise(text: &str) -> bool {
    let accepted = match Profile::from_csv_str(text, "fuzz.csv") {
        Ok(p) => {
            // Derived quantities and the mesh size estimate on every accepted profile.
            assert!(p.internal_volume_m3().is_finite());
            assert!(p.wall_volume_m3().is_finite());
            let uniform = p.uniform();
            match Mesh::estimate(&uniform, &MeshOptions::default()) {
                Ok(est) if est.dofs <= 200_000 => {
                    // Typed errors are fine (a folding wall); panics are not.
                    let _ = Mesh::new(&uniform, &MeshOptions::default());
                }
                _ => {}
            }
            true
        }
        Err(e) => {
            // A typed error whose message stays short (no echo of the input).
            let msg = e.to_string();
            assert!(msg.len() < 1000, "{msg}");
            false
        }
    };
    accepted
}

#[test]
fn fuzz_profile_csv_never_panics() {
    // The seeds themselves are accepted.
    for i in 0..PRESETS.len() {
        assert!(exercise(&seed(i)), "seed {i}");
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(
                0usize..PRESETS.len(),
                prop::collection::vec(mutation(), 1..4),
            ),
            |(i, muts)| {
                let mut text = seed(i);
                for m in &muts {
                    text = apply(&text, m);
                }
                exercise(&text);
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn fuzz_materials_toml_never_panics_nor_echoes() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(
                0.0..1.0f64,
                prop::collection::vec(any::<u8>(), 0..64),
                0.0..1.0f64,
            ),
            |(at, bytes, keep)| {
                let src = BUILTIN_MATERIALS_TOML.as_bytes();
                let pos = ((src.len() as f64) * at) as usize;
                let mut b = src[..pos].to_vec();
                b.extend_from_slice(&bytes);
                b.extend_from_slice(&src[pos..]);
                let b = &b[..((b.len() as f64) * (0.5 + 0.5 * keep)) as usize];
                let text = String::from_utf8_lossy(b);
                if let Err(e) = MaterialDb::from_toml_str(&text) {
                    let msg = e.to_string();
                    assert!(msg.len() < 1000, "{msg}");
                    // No long run of the file is quoted: every source line longer than
                    // 60 characters stays out of the message.
                    for line in text.lines().filter(|l| l.trim().len() > 60) {
                        prop_assert!(!msg.contains(line.trim()), "{msg}");
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}
