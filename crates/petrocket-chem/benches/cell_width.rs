//! Per-call time of the cell-width correlations for stoichiometric H2–air at 298.15 K and 1 atm:
//! the ZND structure alone (what the A = 29 estimate needs) and ZND plus [`cell_widths`] (the
//! five constant-volume explosions, three frozen shocks and one UV equilibrium of the
//! Westbrook, Gavrikov and Ng correlations). The CJ state is computed once outside the timing.
//!
//! Run `cargo bench -p petrocket-chem --bench cell_width`.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::detonation::{cell_widths, cj_state, znd, ZndOptions};
use petrocket_chem::GasMixture;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let gas = GasMixture::load("h2o2").expect("bundled mechanism");
    let x = gas
        .parse_mole_fractions("mixture", "H2:2,O2:1,N2:3.76")
        .unwrap();
    let s0 = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
    let cj = cj_state(&gas, &s0).unwrap();
    let opts = ZndOptions::default();
    let mut group = c.benchmark_group("cell_width");
    group.sample_size(10);
    group.bench_function("znd_h2air_stoich", |b| {
        b.iter(|| znd(&gas, black_box(&s0), Some(cj.cj_speed), &opts).unwrap())
    });
    group.bench_function("znd_and_correlations_h2air_stoich", |b| {
        b.iter(|| {
            let z = znd(&gas, black_box(&s0), Some(cj.cj_speed), &opts).unwrap();
            cell_widths(&gas, &s0, &cj, &z).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
