//! Problems of the IVP test set (Mazzia & Magherini, "Test Set for IVP Solvers", release 2.4,
//! University of Bari), compared with its published reference solutions.

mod common;

use common::{assert_close, max_rel_err, options, run};
use petrocket_ode::test_models::{Hires, Robertson, RobertsonStack, VanDerPol};
use petrocket_ode::{Control, Integrate, Radau5};

#[test]
fn robertson_to_1e11_matches_the_test_set_and_conserves_mass() {
    let mut sys = Robertson;
    let out = run(
        &mut sys,
        options(1e-9, 1e-15),
        &Robertson::Y0,
        Robertson::T_END,
    )
    .unwrap();
    eprintln!(
        "Robertson: {:?}\n y = {:?}\n rel err = {:e}",
        out.stats,
        out.y,
        max_rel_err(&out.y, &Robertson::Y_END, 0.0)
    );
    // y1 and y2 are tiny at 1e11 (2e-8 and 8e-14): the tolerance there is atol-dominated, but
    // the relative error still comes out near rtol.
    assert_close("Robertson at 1e11", &out.y, &Robertson::Y_END, 1e-6, 0.0);
    let sum: f64 = out.y.iter().sum();
    assert!(
        (sum - 1.0).abs() < 1e-12,
        "y1 + y2 + y3 − 1 = {:e}",
        sum - 1.0
    );
}

#[test]
fn robertson_conservation_holds_at_every_step() {
    let mut worst = 0.0f64;
    let mut solver = Radau5::new(3, options(1e-9, 1e-15));
    solver
        .integrate(
            &mut Robertson,
            0.0,
            &Robertson::Y0,
            Robertson::T_END,
            |step| {
                worst = worst.max((step.y.iter().sum::<f64>() - 1.0).abs());
                Control::Continue
            },
        )
        .unwrap();
    assert!(worst < 1e-12, "worst |Σy − 1| = {worst:e}");
}

#[test]
fn hires_matches_the_test_set() {
    let out = run(&mut Hires, options(1e-9, 1e-15), &Hires::Y0, Hires::T_END).unwrap();
    eprintln!(
        "HIRES: {:?}\n rel err = {:e}",
        out.stats,
        max_rel_err(&out.y, &Hires::Y_END, 0.0)
    );
    assert_close("HIRES", &out.y, &Hires::Y_END, 1e-6, 0.0);
}

#[test]
fn van_der_pol_mu_1000_matches_the_test_set() {
    let out = run(
        &mut VanDerPol::default(),
        options(1e-9, 1e-9),
        &VanDerPol::Y0,
        VanDerPol::T_END,
    )
    .unwrap();
    eprintln!(
        "VDPOL: {:?}\n y = {:?} rel err = {:e}",
        out.stats,
        out.y,
        max_rel_err(&out.y, &VanDerPol::Y_END, 0.0)
    );
    assert_close("Van der Pol", &out.y, &VanDerPol::Y_END, 1e-5, 0.0);
}

/// The test set gives ROBER's reference only at t = 1e11, so the value at t = 40 (the classic
/// output time of Robertson's problem, e.g. Hairer & Wanner 1996, Sect. IV.10) is checked
/// against a run of the same solver at a 1000× tighter tolerance.
#[test]
fn robertson_at_40_matches_a_much_tighter_run() {
    let tight = run(&mut Robertson, options(1e-12, 1e-20), &Robertson::Y0, 40.0).unwrap();
    let out = run(&mut Robertson, options(1e-9, 1e-15), &Robertson::Y0, 40.0).unwrap();
    eprintln!("t = 40: {:?}\n tight {:?}", out.y, tight.y);
    assert_close("Robertson at t = 40", &out.y, &tight.y, 1e-8, 0.0);
    // The tight run itself agrees with the test-set value at 1e11 when continued.
    let tight_end = run(
        &mut Robertson,
        options(1e-12, 1e-20),
        &Robertson::Y0,
        Robertson::T_END,
    )
    .unwrap();
    assert_close(
        "tight Robertson at 1e11",
        &tight_end.y,
        &Robertson::Y_END,
        1e-10,
        0.0,
    );
}

/// Tighter tolerances give smaller errors against the published reference solutions.
#[test]
fn test_set_errors_decrease_with_the_tolerance() {
    let mut last = (f64::INFINITY, f64::INFINITY);
    for rtol in [1e-5, 1e-7, 1e-9, 1e-11] {
        let hires = run(
            &mut Hires,
            options(rtol, rtol * 1e-4),
            &Hires::Y0,
            Hires::T_END,
        )
        .unwrap();
        let rob = run(
            &mut Robertson,
            options(rtol, rtol * 1e-6),
            &Robertson::Y0,
            Robertson::T_END,
        )
        .unwrap();
        let e = (
            max_rel_err(&hires.y, &Hires::Y_END, 0.0),
            max_rel_err(&rob.y, &Robertson::Y_END, 0.0),
        );
        eprintln!(
            "rtol {rtol:e}: HIRES {:e} ({} steps), ROBER {:e} ({} steps)",
            e.0, hires.stats.steps, e.1, rob.stats.steps
        );
        assert!(
            e.0 < 100.0 * rtol && e.1 < 100.0 * rtol,
            "rtol {rtol:e}: errors {e:?}"
        );
        assert!(
            e.0 < last.0 && e.1 < last.1,
            "rtol {rtol:e}: errors {e:?} not below {last:?}"
        );
        last = e;
    }
}

/// Twenty copies of Robertson (n = 60, the upper end of chemical mechanisms): every copy meets
/// the test-set reference and the work equals that of a single copy (the scaled RMS norms of
/// identical copies are identical).
#[test]
fn robertson_stack_of_60_unknowns_matches_the_test_set() {
    let mut stack = RobertsonStack { copies: 20 };
    let y0 = stack.y0();
    let out = run(&mut stack, options(1e-9, 1e-15), &y0, Robertson::T_END).unwrap();
    let single = run(
        &mut Robertson,
        options(1e-9, 1e-15),
        &Robertson::Y0,
        Robertson::T_END,
    )
    .unwrap();
    for (c, y) in out.y.chunks_exact(3).enumerate() {
        assert_close(&format!("copy {c}"), y, &Robertson::Y_END, 1e-6, 0.0);
    }
    let (a, b) = (out.stats, single.stats);
    assert!(
        a.steps.abs_diff(b.steps) <= b.steps / 50,
        "stack {a:?}\nsingle {b:?}"
    );
}
