//! Per-call time of chemical equilibrium for stoichiometric H2/O2 at 295 K, 101325 Pa in the
//! UV, TP, HP and SV modes, plus stoichiometric H2–air UV: the same cases as
//! `tools/bench/cantera_equilibrium_bench.py`. As there (`gas.TPX = T, P, "H2:2,O2:1";
//! gas.equilibrate(mode)`), each timed call parses the composition string, builds the initial
//! state and equilibrates; only loading the mechanism happens outside the timed loop.
//!
//! Run `cargo bench -p petrocket-chem --bench equilibrium`, or
//! `tools/bench/run_equilibrium_comparison.sh` for the side-by-side table with Cantera.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::{equilibrate, EquilibriumMode, GasMixture};
use std::hint::black_box;

const T0: f64 = 295.0;
const P0: f64 = 101_325.0;

fn equilibrium(c: &mut Criterion) {
    let gas = GasMixture::load("h2o2").expect("bundled mechanism");
    let cases = [
        ("h2o2_stoich_UV", "H2:2,O2:1", EquilibriumMode::UV),
        ("h2o2_stoich_TP", "H2:2,O2:1", EquilibriumMode::TP),
        ("h2o2_stoich_HP", "H2:2,O2:1", EquilibriumMode::HP),
        ("h2o2_stoich_SV", "H2:2,O2:1", EquilibriumMode::SV),
        ("h2air_stoich_UV", "H2:2,O2:1,N2:3.76", EquilibriumMode::UV),
    ];
    let mut group = c.benchmark_group("equilibrium");
    for (name, mixture, mode) in cases {
        let set_state = || {
            let x = gas
                .parse_mole_fractions("mixture", black_box(mixture))
                .unwrap();
            gas.state_tpx(black_box(T0), black_box(P0), &x).unwrap()
        };
        // Fail early, outside the timing, if a case does not solve.
        equilibrate(&gas, &set_state(), mode).expect(name);
        group.bench_function(name, |b| {
            b.iter(|| equilibrate(&gas, &set_state(), mode).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, equilibrium);
criterion_main!(benches);
