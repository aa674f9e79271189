//! Benchmarks of the Radau5 integrator on the test-set problems (Robertson to t = 1e11, HIRES)
//! at the chemistry tolerances (rtol 1e-9, atol 1e-15), and of the LU kernels against
//! `nalgebra::LU` for the sizes of chemical mechanisms.
//!
//! Run with `cargo bench -p petrocket-ode`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nalgebra::{Complex, DMatrix, DVector};
use petrocket_ode::test_models::{Hires, Robertson, RobertsonStack, VanDerPol};
use petrocket_ode::{Control, Integrate, OdeSystem, Options, Radau5, Tolerances};

fn options(rtol: f64, atol: f64) -> Options {
    Options {
        tolerances: Tolerances { rtol, atol },
        ..Options::default()
    }
}

fn solve<S: OdeSystem>(solver: &mut Radau5, sys: &mut S, y0: &[f64], t_end: f64) -> f64 {
    let out = solver
        .integrate(sys, 0.0, y0, t_end, |_| Control::Continue)
        .expect("test problem integrates");
    out.y[0]
}

fn integrators(c: &mut Criterion) {
    let mut group = c.benchmark_group("radau5");
    let mut rob = Radau5::new(3, options(1e-9, 1e-15));
    group.bench_function("robertson_1e11", |b| {
        b.iter(|| {
            solve(
                &mut rob,
                &mut Robertson,
                &Robertson::Y0,
                black_box(Robertson::T_END),
            )
        })
    });
    group.bench_function("robertson_40", |b| {
        b.iter(|| solve(&mut rob, &mut Robertson, &Robertson::Y0, black_box(40.0)))
    });
    for copies in [10usize, 20] {
        let mut stack = RobertsonStack { copies };
        let y0 = stack.y0();
        let mut solver = Radau5::new(3 * copies, options(1e-9, 1e-15));
        group.bench_function(format!("robertson_stack_n{}", 3 * copies), |b| {
            b.iter(|| solve(&mut solver, &mut stack, &y0, black_box(Robertson::T_END)))
        });
    }
    let mut hires = Radau5::new(8, options(1e-9, 1e-15));
    group.bench_function("hires", |b| {
        b.iter(|| solve(&mut hires, &mut Hires, &Hires::Y0, black_box(Hires::T_END)))
    });
    let mut vdp = Radau5::new(2, options(1e-9, 1e-9));
    group.bench_function("van_der_pol_mu1000", |b| {
        b.iter(|| {
            solve(
                &mut vdp,
                &mut VanDerPol::default(),
                &VanDerPol::Y0,
                black_box(VanDerPol::T_END),
            )
        })
    });
    group.finish();
}

/// A diagonally dominant test matrix like `γ/h·I − J` of a stiff system.
fn test_matrix(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| {
        let x = ((i * 31 + j * 17) % 23) as f64 / 23.0 - 0.5;
        if i == j {
            x + n as f64
        } else {
            x
        }
    })
}

fn lu_kernels(c: &mut Criterion) {
    let mut group = c.benchmark_group("lu");
    for n in [10usize, 30, 60] {
        let a = test_matrix(n);
        let b = DVector::from_fn(n, |i, _| i as f64);
        group.bench_with_input(BenchmarkId::new("nalgebra_real", n), &n, |bench, _| {
            bench.iter(|| {
                let lu = black_box(&a).clone().lu();
                let mut x = b.clone();
                lu.solve_mut(&mut x);
                x[0]
            })
        });
        let ac = a.map(|v| Complex::new(v, 0.5));
        let bc = b.map(|v| Complex::new(v, -v));
        group.bench_with_input(BenchmarkId::new("nalgebra_complex", n), &n, |bench, _| {
            bench.iter(|| {
                let lu = black_box(&ac).clone().lu();
                let mut x = bc.clone();
                lu.solve_mut(&mut x);
                x[0].re
            })
        });
        let mut kernels = petrocket_ode::bench_support::LuBench::new(a.as_slice(), 0.5);
        group.bench_with_input(BenchmarkId::new("own_real", n), &n, |bench, _| {
            bench.iter(|| kernels.real(black_box(b.as_slice())))
        });
        group.bench_with_input(BenchmarkId::new("own_complex", n), &n, |bench, _| {
            bench.iter(|| kernels.complex(black_box(b.as_slice())))
        });
    }
    group.finish();
}

criterion_group!(benches, integrators, lu_kernels);
criterion_main!(benches);
