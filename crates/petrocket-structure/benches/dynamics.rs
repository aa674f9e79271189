//! Structural dynamics of the 2 L preset bottle (oriented PET, E = 4.5 GPa) at the native
//! solver's default mesh:
//!
//! - `transient_2L_ramp_2ms_5ms`: free bottle, pressure ramp to 10 bar(g) in 2 ms then held,
//!   5 ms simulated with the automatic time step (40 steps per breathing period), default
//!   damping; one iteration = assembly of K and M, factorisation, all Newmark steps with the
//!   stress recovery over the whole wall at every step, and the static reference;
//! - `modal_2L_10_modes`: the lowest 10 elastic modes of the free bottle (shift-invert
//!   Lanczos), rigid-body mode included.
//!
//! CalculiX times of the same problems are recorded by tools/calculix/make_dynamics_golden.py
//! in tests/data/calculix_dynamics_golden.json; both are in docs/benchmarks.md. Run
//! `cargo bench -p petrocket-structure --bench dynamics`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_structure::fem::{
    solve_modal, solve_transient, ElasticMaterial, Mesh, MeshOptions, PressureHistory,
    PressureLoad, Support, TransientOptions,
};
use petrocket_structure::geometry::preset_profile;

fn dynamics(c: &mut Criterion) {
    let pet = ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap();
    let mesh = Mesh::new(
        &preset_profile("2L").unwrap().uniform(),
        &MeshOptions::default(),
    )
    .unwrap();
    let load = PressureLoad::Uniform(PressureHistory::ramp(1.0e6, 2e-3).unwrap());
    let opts = TransientOptions {
        duration_s: 5e-3,
        time_step_s: None,
        damping: None,
        support: Support::Free,
        probe_z_m: 0.1387,
        highest_frequency_hz: None,
    };
    let mut group = c.benchmark_group("dynamics");
    group.sample_size(10);
    group.bench_function("transient_2L_ramp_2ms_5ms", |b| {
        b.iter(|| solve_transient(black_box(&mesh), &pet, &load, &opts).unwrap())
    });
    group.bench_function("modal_2L_10_modes", |b| {
        b.iter(|| solve_modal(black_box(mesh.clone()), &pet, 10, Support::Free).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    targets = dynamics
}
criterion_main!(benches);
