//! Linear problems with closed-form solutions: accuracy, convergence with the tolerance, and
//! dense output.

mod common;

use common::{options, run};
use petrocket_ode::test_models::{LinearDecay, StiffLinear2};
use petrocket_ode::{Control, Integrate, Radau5};

#[test]
fn scalar_decay_error_follows_the_tolerance() {
    let mut sys = LinearDecay { k: 3.0 };
    let t_end = 2.0;
    let exact = sys.exact(1.0, t_end);
    let mut errors = Vec::new();
    for rtol in [1e-4, 1e-6, 1e-8, 1e-10] {
        let out = run(&mut sys, options(rtol, rtol * 1e-3), &[1.0], t_end).unwrap();
        let rel = (out.y[0] - exact).abs() / exact;
        assert!(rel < 10.0 * rtol, "rtol {rtol:e}: relative error {rel:e}");
        errors.push(rel);
    }
    // Tighter tolerances give smaller errors (each step of 100 in rtol gains at least 10).
    for pair in errors.windows(2) {
        assert!(
            pair[1] < pair[0] / 10.0,
            "errors do not decrease: {errors:?}"
        );
    }
}

#[test]
fn stiff_linear_system_matches_the_closed_form_and_dense_output_is_accurate() {
    let model = StiffLinear2 { lambda: 1e6 };
    let mut sys = model;
    let y0 = [1.0, 1.0];
    let t_end = 5.0;
    for rtol in [1e-4f64, 1e-6, 1e-8, 1e-9, 1e-10] {
        let atol = 1e-12;
        // The interpolant is of order 3, like the error estimator, so it is accurate to the
        // integrator's internal tolerance rtol' = 0.1·rtol^(2/3) (same atol/rtol), not to rtol.
        let rtol_int = 0.1 * rtol.powf(2.0 / 3.0);
        let atol_int = rtol_int * atol / rtol;
        let mut worst_dense = 0.0f64;
        let mut solver = Radau5::new(2, options(rtol, atol));
        let mut y = [0.0; 2];
        let out = solver
            .integrate(&mut sys, 0.0, &y0, t_end, |step| {
                // Five points inside each step, away from the initial layer (t > 1e-4).
                for k in 1..=5 {
                    let t = step.t - step.h * f64::from(k) / 6.0;
                    if t > 1e-4 {
                        step.interpolate(t, &mut y);
                        let e = model.exact(y0, t);
                        for i in 0..2 {
                            let err = (y[i] - e[i]).abs() / (atol_int + rtol_int * e[i].abs());
                            worst_dense = worst_dense.max(err);
                        }
                    }
                }
                Control::Continue
            })
            .unwrap();
        let e = model.exact(y0, t_end);
        let err0 = (out.y[0] - e[0]).abs() / e[0];
        assert!(
            err0 < 10.0 * rtol,
            "rtol {rtol:e}: y1 relative error {err0:e}"
        );
        assert!(out.y[1].abs() < 1e-12, "fast mode not damped: {}", out.y[1]);
        assert!(
            worst_dense < 1.0,
            "rtol {rtol:e}: dense output error {worst_dense} internal tolerances"
        );
        // L-stability: the stiff mode costs no small steps once it has decayed; order 5:
        // the work grows slowly with tighter tolerances (measured: 68 steps at 1e-4, 320 at
        // 1e-10).
        assert!(out.stats.steps < 400, "{:?}", out.stats);
        assert_eq!(
            out.stats.jacobian_evals, 1,
            "a linear problem needs one Jacobian"
        );
    }
}

#[test]
fn dense_output_reproduces_the_step_ends() {
    let mut sys = LinearDecay { k: 1.0 };
    let mut solver = Radau5::new(1, options(1e-8, 1e-12));
    let mut y = [0.0];
    let mut worst = 0.0f64;
    solver
        .integrate(&mut sys, 0.0, &[1.0], 3.0, |step| {
            step.interpolate(step.t, &mut y);
            worst = worst.max((y[0] - step.y[0]).abs());
            Control::Continue
        })
        .unwrap();
    assert!(
        worst < 1e-15,
        "interpolant at the step end differs by {worst:e}"
    );
}
