//! Per-call time of the CJ detonation with both closed-end reflections (equilibrium and
//! frozen) and the von Neumann state, for stoichiometric H2–O2 at 295 K and 1 atm (issue #4
//! target: ≤ 2 ms). Each timed call parses the composition, builds the state and runs
//! [`detonation`]; only loading the mechanism is outside the timing. The Cantera reference
//! (`tools/golden/make_detonation_golden.py --bench`) times the same computation.
//!
//! Run `cargo bench -p petrocket-chem --bench detonation`.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::detonation::detonation;
use petrocket_chem::GasMixture;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let gas = GasMixture::load("h2o2").expect("bundled mechanism");
    let run = || {
        let x = gas
            .parse_mole_fractions("mixture", black_box("H2:2,O2:1"))
            .unwrap();
        let s = gas
            .state_tpx(black_box(295.0), black_box(101_325.0), &x)
            .unwrap();
        detonation(&gas, &s).unwrap()
    };
    run();
    let mut group = c.benchmark_group("detonation");
    group.bench_function("cj_reflected_h2o2_stoich", |b| b.iter(run));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
