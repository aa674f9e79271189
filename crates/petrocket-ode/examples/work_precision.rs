//! Work and accuracy of Radau5 on the test-set problems for several tolerances and Jacobian
//! reuse thresholds: `cargo run --release -p petrocket-ode --example work_precision`.
//!
//! Errors are relative to the reference solutions of Mazzia & Magherini, "Test Set for IVP
//! Solvers", release 2.4 (see `petrocket_ode::test_models`); times are the best of 20 runs.

use std::time::Instant;

use petrocket_ode::test_models::{Hires, Robertson, VanDerPol};
use petrocket_ode::{Control, Integrate, OdeSystem, Options, Radau5, Tolerances};

fn report<S: OdeSystem>(
    name: &str,
    sys: &mut S,
    y0: &[f64],
    t_end: f64,
    y_ref: &[f64],
    o: Options,
) {
    let mut solver = Radau5::new(sys.dim(), o.clone());
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..20 {
        let start = Instant::now();
        match solver.integrate(sys, 0.0, y0, t_end, |_| Control::Continue) {
            Ok(out) => last = Some(out),
            Err(e) => {
                println!("{name}: {e}");
                return;
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let Some(out) = last else { return };
    let err = out
        .y
        .iter()
        .zip(y_ref)
        .map(|(a, b)| (a - b).abs() / b.abs())
        .fold(0.0, f64::max);
    let s = out.stats;
    println!(
        "{name:<10} {:>7.0e} {:>6} {:>9.1} {:>9.2e} {:>6} {:>5} {:>6} {:>5} {:>5}",
        o.tolerances.rtol,
        o.jacobian_reuse_theta_or(0.001),
        best * 1e6,
        err,
        s.steps,
        s.rejected,
        s.rhs_evals,
        s.jacobian_evals,
        s.lu_decompositions
    );
}

fn main() {
    println!(
        "{:<10} {:>7} {:>6} {:>9} {:>9} {:>6} {:>5} {:>6} {:>5} {:>5}",
        "problem", "rtol", "theta", "time_us", "rel_err", "steps", "rej", "rhs", "jac", "lu"
    );
    for theta in [0.001, 0.03] {
        for rtol in [1e-6, 1e-9, 1e-11] {
            let o = |atol: f64| Options {
                tolerances: Tolerances { rtol, atol },
                jacobian_reuse_theta: Some(theta),
                ..Options::default()
            };
            report(
                "robertson",
                &mut Robertson,
                &Robertson::Y0,
                Robertson::T_END,
                &Robertson::Y_END,
                o(rtol * 1e-6),
            );
            report(
                "hires",
                &mut Hires,
                &Hires::Y0,
                Hires::T_END,
                &Hires::Y_END,
                o(rtol * 1e-6),
            );
            report(
                "vdpol",
                &mut VanDerPol::default(),
                &VanDerPol::Y0,
                VanDerPol::T_END,
                &VanDerPol::Y_END,
                o(rtol),
            );
        }
    }
}
