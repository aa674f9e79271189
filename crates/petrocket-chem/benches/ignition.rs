//! Time per adiabatic constant-volume ignition case, integrated to 5 × the ignition delay at
//! rtol 1e-9 / atol 1e-15: the four standard H2:O2 = 2 cases (1000 and 1200 K, 1 and 20 bar)
//! and GRI-Mech 3.0 CH4/air φ = 1 at 1000 K, 10 bar — the cases of
//! `tools/bench/cantera_ignition_bench.py`, with the same end times (5 τ, τ from the Cantera
//! golden run). As there, the timed region builds the initial state and the reactor and runs
//! it with dT/dt and dP/dt evaluated at every accepted step; loading the mechanism is outside.
//!
//! Run `cargo bench -p petrocket-chem --bench ignition`, or
//! `tools/bench/run_ignition_comparison.sh` for the side-by-side table with Cantera.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::reactor::{run_reactor, Method, ReactorOptions};
use petrocket_chem::{GasMixture, Kinetics};
use std::hint::black_box;
use std::time::Duration;

/// (name, mechanism, composition, T0 (K), P0 (Pa), ignition delay τ (s) from Cantera's run in
/// tools/bench/results/cantera_ignition.json).
const CASES: [(&str, &str, &str, f64, f64, f64); 5] = [
    (
        "h2o2_T1000_P1bar",
        "h2o2",
        "H2:2,O2:1",
        1000.0,
        1e5,
        1.610e-4,
    ),
    (
        "h2o2_T1000_P20bar",
        "h2o2",
        "H2:2,O2:1",
        1000.0,
        2e6,
        2.899e-3,
    ),
    (
        "h2o2_T1200_P1bar",
        "h2o2",
        "H2:2,O2:1",
        1200.0,
        1e5,
        1.893e-5,
    ),
    (
        "h2o2_T1200_P20bar",
        "h2o2",
        "H2:2,O2:1",
        1200.0,
        2e6,
        6.066e-5,
    ),
    (
        "gri30_CH4air_phi1_T1000_P10bar",
        "gri30",
        "CH4:1,O2:2,N2:7.52",
        1000.0,
        1e6,
        8.090e-2,
    ),
];

fn ignition(c: &mut Criterion) {
    let gri = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gri30.yaml");
    let mut group = c.benchmark_group("ignition");
    group
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    // Every case with the default NDF/BDF integrator, and the H2/O2 cases with Radau IIA too
    // (suffix `_radau5`), so both integrators are timed in the same run.
    let runs = CASES
        .iter()
        .map(|c| (c, Method::Bdf, c.0.to_string()))
        .chain(
            CASES
                .iter()
                .filter(|c| c.1 == "h2o2")
                .map(|c| (c, Method::Radau5, format!("{}_radau5", c.0))),
        );
    for (&(_, mech, mix, t0, p0, tau), method, name) in runs {
        let name = name.as_str();
        let gas = GasMixture::load(if mech == "gri30" { gri } else { mech }).unwrap();
        let kin = Kinetics::new(&gas).unwrap();
        let options = ReactorOptions {
            end_time: 5.0 * tau,
            method,
            ..ReactorOptions::default()
        };
        let once = || {
            let x = gas.parse_mole_fractions("mixture", black_box(mix)).unwrap();
            let s = gas.state_tpx(black_box(t0), black_box(p0), &x).unwrap();
            run_reactor(&kin, &s, &options).unwrap()
        };
        let r = once();
        let ig = r.ignition.expect(name);
        eprintln!(
            "{name}: tau {:.6e} s (Cantera {tau:.4e}), {} steps, {} Jacobians, {} RHS, {} LU",
            ig.delay_dtdt,
            r.stats.steps,
            r.stats.jacobian_evals,
            r.stats.rhs_evals,
            r.stats.lu_decompositions
        );
        group.bench_function(name, |b| b.iter(once));
    }
    group.finish();
}

criterion_group!(benches, ignition);
criterion_main!(benches);
