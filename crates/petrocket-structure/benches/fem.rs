//! Static solve of the reference 2 L bottle (examples/profiles/2L_reference.csv) at 10 bar(g)
//! with the native axisymmetric FEM at its default mesh — the density that agrees with a
//! converged CalculiX solution within 0.3 % (tests/calculix.rs; the issue asks for 3 %).
//! One iteration = mesh generation, sparse assembly, sparse Cholesky factorisation and
//! solve, stress recovery and the meridian table with its peaks.
//!
//! CalculiX on the same mesh is timed by tools/calculix/time_ccx.sh; both figures are in
//! docs/benchmarks.md. Run `cargo bench -p petrocket-structure --bench fem`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_structure::fem::{solve_static, ElasticMaterial, MeshOptions};
use petrocket_structure::geometry::Profile;

fn fem(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/profiles/2L_reference.csv");
    let profile = Profile::load_csv(path).unwrap();
    let pet = ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap();
    let opts = MeshOptions::default();
    let mut group = c.benchmark_group("fem");
    group.bench_function("static_2L_default_mesh", |b| {
        b.iter(|| solve_static(black_box(&profile), &pet, black_box(1.0e6), &opts).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = fem
}
criterion_main!(benches);
