//! Per-call time of the structure crate's analytic checks: the thin-wall quick check of the
//! 2 L preset, the Lamé thick-wall stresses of the same wall, and loading the materials
//! database from the TOML text embedded at compile time.
//!
//! The load of 8.6 bar(g) is about the closed-vessel (AICC) peak of stoichiometric H2/O2
//! from 1 atm in a 2 L bottle (`examples/stoich_h2o2_2L.toml`), so the numbers correspond to
//! what the pipeline does for its main example.
//!
//! Run `cargo bench -p petrocket-structure --bench structure`, or the whole suite with
//! `python3 tools/bench/run_suite.py` (see docs/benchmarks.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_structure::analytic::{FailureCriterion, LameCylinder};
use petrocket_structure::bottle;
use petrocket_structure::materials::MaterialDb;

/// Gauge pressure of the load case, Pa (≈ AICC peak 9.6 bar abs − 1 atm).
const P_GAUGE_PA: f64 = 8.6e5;
/// Wall temperature, K (25 °C).
const T_WALL_K: f64 = 298.15;

fn structure(c: &mut Criterion) {
    let db = MaterialDb::builtin();
    let mut group = c.benchmark_group("structure");

    // Preset lookup (by name, case/space-insensitive), strength at the wall temperature from
    // the material's temperature table, then the thin-wall check: what the pipeline does.
    group.bench_function("thin_wall_check_2L", |b| {
        b.iter(|| {
            let wall = bottle::preset(black_box("2L")).unwrap().bottle;
            let strength = db
                .get(black_box("pet-oriented"))
                .unwrap()
                .strength_at(black_box(T_WALL_K))
                .unwrap();
            wall.check(black_box(P_GAUGE_PA), strength).unwrap()
        })
    });

    // Lamé thick-wall cylinder of the 2 L wall: stresses at inner, mid and outer radius,
    // peak hoop and von Mises stress, and the three burst pressures.
    let wall = bottle::preset("2L").unwrap().bottle;
    let strength = db
        .get("pet-oriented")
        .unwrap()
        .strength_at(T_WALL_K)
        .unwrap();
    group.bench_function("lame_stresses_2L", |b| {
        b.iter(|| {
            let cyl = LameCylinder::from_mean_radius(
                black_box(wall.mean_radius_m()),
                black_box(wall.wall_thickness_m),
            )
            .unwrap();
            let (a, r_b) = (cyl.inner_radius_m(), cyl.outer_radius_m());
            let mut acc = 0.0;
            for r in [a, 0.5 * (a + r_b), r_b] {
                acc += cyl
                    .stresses_at(black_box(P_GAUGE_PA), r)
                    .unwrap()
                    .von_mises_pa();
            }
            acc += cyl.max_hoop_stress_pa(P_GAUGE_PA).unwrap();
            acc += cyl.inner_von_mises_pa(P_GAUGE_PA).unwrap();
            for crit in [
                FailureCriterion::MaxHoop,
                FailureCriterion::Tresca,
                FailureCriterion::VonMises,
            ] {
                acc += cyl.burst_pressure_pa(black_box(strength), crit).unwrap();
            }
            acc
        })
    });

    // Parse and validate the embedded data/materials.toml (every value with its source).
    group.bench_function("materials_db_builtin", |b| b.iter(MaterialDb::builtin));
    group.finish();
}

criterion_group! {
    name = benches;
    // Modest defaults for a shared 2-core machine; command-line flags override them.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = structure
}
criterion_main!(benches);
