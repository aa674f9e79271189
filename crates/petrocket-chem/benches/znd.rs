//! Per-call time of the ZND reaction zone (`detonation::znd`) at the CJ speed, the
//! computation `petrocket run` repeats at about six pressures per run (the cell width of the
//! screening). The CJ speed is computed once outside the timing; each timed call finds the
//! von Neumann state, builds the kinetics and integrates the reaction zone.
//!
//! Cases at 295 K: stoichiometric H2–O2 and H2–air at 1 atm and 0.2 bar, and 17 % H2 in air
//! at 1 atm. Run `cargo bench -p petrocket-chem --bench znd`.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::detonation::{cj_state, znd, ZndOptions};
use petrocket_chem::GasMixture;
use std::hint::black_box;
use std::time::Duration;

/// (name, composition, pressure (Pa)).
const CASES: [(&str, &str, f64); 5] = [
    ("h2o2_stoich_1atm", "H2:2,O2:1", 101_325.0),
    ("h2o2_stoich_0.2bar", "H2:2,O2:1", 2e4),
    ("h2air_stoich_1atm", "H2:2,O2:1,N2:3.76", 101_325.0),
    ("h2air_stoich_0.2bar", "H2:2,O2:1,N2:3.76", 2e4),
    ("h2air_17pct_1atm", "H2:17,O2:17.43,N2:65.57", 101_325.0),
];

fn bench(c: &mut Criterion) {
    let gas = GasMixture::load("h2o2").expect("bundled mechanism");
    let mut group = c.benchmark_group("znd");
    group
        .measurement_time(Duration::from_secs(4))
        .sample_size(20);
    for (name, mix, p) in CASES {
        let x = gas.parse_mole_fractions("mixture", mix).unwrap();
        let s = gas.state_tpx(295.0, p, &x).unwrap();
        let u = cj_state(&gas, &s).unwrap().cj_speed;
        let once = || {
            znd(
                &gas,
                black_box(&s),
                Some(black_box(u)),
                &ZndOptions::default(),
            )
            .unwrap()
        };
        let z = once();
        eprintln!(
            "{name}: U_CJ {u:.2} m/s, induction length {:.6e} m, {} steps",
            z.induction_length, z.steps
        );
        group.bench_function(name, |b| b.iter(once));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
