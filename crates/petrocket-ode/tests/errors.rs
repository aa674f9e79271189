//! Failure paths: each returns the right `OdeError` variant, never panics, never returns NaN.

mod common;

use common::options;
use nalgebra::DMatrix;
use petrocket_ode::test_models::Robertson;
use petrocket_ode::{Control, Integrate, Integrator, Method, OdeError, OdeSystem, Options, Radau5};

#[derive(Debug, thiserror::Error)]
#[error("model evaluation failed on purpose")]
struct ModelError;

/// `dy/dt = −y`, misbehaving after `t_bad` as told by `mode`.
struct Faulty {
    t_bad: f64,
    mode: Mode,
}

#[derive(Clone, Copy)]
enum Mode {
    Error,
    NaN,
    Infinity,
    JacobianNaN,
}

impl OdeSystem for Faulty {
    type Error = ModelError;
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&mut self, t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), ModelError> {
        dydt[0] = -y[0];
        dydt[1] = -2.0 * y[1];
        if t > self.t_bad {
            match self.mode {
                Mode::Error => return Err(ModelError),
                Mode::NaN => dydt[1] = f64::NAN,
                Mode::Infinity => dydt[0] = f64::INFINITY,
                Mode::JacobianNaN => {}
            }
        }
        Ok(())
    }
    fn jacobian(&mut self, t: f64, _y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), ModelError> {
        jac[(0, 0)] = -1.0;
        jac[(1, 1)] = if matches!(self.mode, Mode::JacobianNaN) && t > self.t_bad {
            f64::NAN
        } else {
            -2.0
        };
        Ok(())
    }
}

fn run_faulty(mode: Mode) -> Result<petrocket_ode::Outcome, OdeError<ModelError>> {
    let mut sys = Faulty { t_bad: 1.0, mode };
    Radau5::new(2, options(1e-6, 1e-10))
        .integrate(&mut sys, 0.0, &[1.0, 1.0], 10.0, |_| Control::Continue)
}

#[test]
fn failing_rhs_is_reported_with_its_time_and_cause() {
    match run_faulty(Mode::Error) {
        Err(OdeError::System { t, source }) => {
            assert!(t > 1.0 && t < 10.0, "t = {t}");
            assert_eq!(source.to_string(), "model evaluation failed on purpose");
        }
        other => panic!("expected OdeError::System, got {other:?}"),
    }
    let err = run_faulty(Mode::Error).unwrap_err();
    assert!(std::error::Error::source(&err).is_some());
    assert!(err.to_string().contains("t = "), "{err}");
}

#[test]
fn nan_and_infinite_rhs_are_reported_as_non_finite() {
    for mode in [Mode::NaN, Mode::Infinity] {
        match run_faulty(mode) {
            Err(OdeError::NonFinite { t, quantity }) => {
                assert!(t.is_finite() && t <= 1.0 + 1e-12, "t = {t}");
                assert_eq!(quantity, "right-hand side");
            }
            other => panic!("expected OdeError::NonFinite, got {other:?}"),
        }
    }
}

#[test]
fn nan_jacobian_is_reported_as_non_finite() {
    // This linear system needs only the first Jacobian, so make that one NaN.
    let mut sys = Faulty {
        t_bad: -1.0,
        mode: Mode::JacobianNaN,
    };
    let r = Radau5::new(2, Options::default())
        .integrate(&mut sys, 0.0, &[1.0, 1.0], 1.0, |_| Control::Continue);
    match r {
        Err(OdeError::NonFinite { t, quantity }) => {
            assert_eq!(t.to_bits(), 0f64.to_bits());
            assert_eq!(quantity, "Jacobian");
        }
        other => panic!("expected OdeError::NonFinite, got {other:?}"),
    }
}

#[test]
fn nan_at_the_initial_state_is_reported_at_t0() {
    let mut sys = Faulty {
        t_bad: -1.0,
        mode: Mode::NaN,
    };
    let r = Radau5::new(2, Options::default())
        .integrate(&mut sys, 0.0, &[1.0, 1.0], 1.0, |_| Control::Continue);
    assert!(
        matches!(r, Err(OdeError::NonFinite { t, .. }) if t.to_bits() == 0f64.to_bits()),
        "{r:?}"
    );
}

#[test]
fn exceeding_max_steps_is_reported() {
    let opts = Options {
        max_steps: 50,
        ..options(1e-9, 1e-15)
    };
    let mut solver = Radau5::new(3, opts);
    let r = solver.integrate(
        &mut Robertson,
        0.0,
        &Robertson::Y0,
        Robertson::T_END,
        |_| Control::Continue,
    );
    match r {
        Err(OdeError::TooManySteps { t, max_steps }) => {
            assert_eq!(max_steps, 50);
            assert!(t > 0.0 && t < Robertson::T_END);
        }
        other => panic!("expected TooManySteps, got {other:?}"),
    }
    assert_eq!(solver.stats().steps, 51);
}

/// `dy/dt = y²`, `y(0) = 1` blows up at `t = 1`.
struct BlowUp;
impl OdeSystem for BlowUp {
    type Error = std::convert::Infallible;
    fn dim(&self) -> usize {
        1
    }
    fn rhs(&mut self, _t: f64, y: &[f64], f: &mut [f64]) -> Result<(), Self::Error> {
        f[0] = y[0] * y[0];
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, y: &[f64], j: &mut DMatrix<f64>) -> Result<(), Self::Error> {
        j[(0, 0)] = 2.0 * y[0];
        Ok(())
    }
}

#[test]
fn blow_up_ends_in_an_error_near_the_singularity() {
    let r = Radau5::new(1, Options::default())
        .integrate(&mut BlowUp, 0.0, &[1.0], 2.0, |_| Control::Continue);
    match r {
        Err(OdeError::StepSizeTooSmall { t, h }) => {
            assert!((t - 1.0).abs() < 1e-3 && h > 0.0, "t = {t}, h = {h}")
        }
        Err(OdeError::NonFinite { t, .. }) | Err(OdeError::SingularMatrix { t, .. }) => {
            assert!((t - 1.0).abs() < 1e-3, "t = {t}")
        }
        other => panic!("expected a step-size failure near t = 1, got {other:?}"),
    }
}

#[test]
fn invalid_inputs_name_the_field() {
    let mut solver = Radau5::new(3, Options::default());
    let y0 = Robertson::Y0;
    let field_of = |r: Result<petrocket_ode::Outcome, OdeError<std::convert::Infallible>>| match r {
        Err(OdeError::InvalidInput { field, reason, .. }) => {
            assert!(!reason.is_empty());
            field
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    let go = |s: &mut Radau5, y0: &[f64], t_end: f64| {
        s.integrate(&mut Robertson, 0.0, y0, t_end, |_| Control::Continue)
    };
    assert_eq!(
        field_of(go(&mut solver, &[1.0, f64::NAN, 0.0], 1.0)),
        "y0[1]"
    );
    assert_eq!(field_of(go(&mut solver, &[1.0, 0.0], 1.0)), "y0.len()");
    assert_eq!(field_of(go(&mut solver, &y0, 0.0)), "t_end");
    assert_eq!(field_of(go(&mut solver, &y0, f64::INFINITY)), "t_end");
    for (rtol, atol, field) in [
        (0.0, 1e-15, "options.tolerances.rtol"),
        (1e-16, 1e-15, "options.tolerances.rtol"),
        (0.5, 1e-15, "options.tolerances.rtol"),
        (f64::NAN, 1e-15, "options.tolerances.rtol"),
        (1e-9, 0.0, "options.tolerances.atol"),
        (1e-9, -1.0, "options.tolerances.atol"),
        (1e-9, f64::INFINITY, "options.tolerances.atol"),
    ] {
        solver.set_options(options(rtol, atol));
        assert_eq!(field_of(go(&mut solver, &y0, 1.0)), field);
    }
    solver.set_options(Options {
        max_step: Some(-1.0),
        ..Options::default()
    });
    assert_eq!(field_of(go(&mut solver, &y0, 1.0)), "options.max_step");
    solver.set_options(Options {
        initial_step: Some(f64::NAN),
        ..Options::default()
    });
    assert_eq!(field_of(go(&mut solver, &y0, 1.0)), "options.initial_step");
    solver.set_options(Options {
        max_steps: 0,
        ..Options::default()
    });
    assert_eq!(field_of(go(&mut solver, &y0, 1.0)), "options.max_steps");
    let msg = go(&mut solver, &y0, 1.0).unwrap_err().to_string();
    assert!(msg.contains("options.max_steps"), "{msg}");
}

/// Runs both integrators on Robertson over [0, 1] with each of `bad` options (which must be
/// rejected as invalid input, the message naming `field` and `range`) and each of `good`
/// ones (which must integrate).
fn check_option_range(field: &str, range: &str, bad: &[(String, Options)], good: &[Options]) {
    for method in [Method::Bdf, Method::Radau5] {
        let run = |options: &Options| {
            Integrator::new(method, 3, options.clone()).integrate(
                &mut Robertson,
                0.0,
                &Robertson::Y0,
                1.0,
                |_| Control::Continue,
            )
        };
        for (label, options) in bad {
            match run(options) {
                Err(e @ OdeError::InvalidInput { .. }) => {
                    let msg = e.to_string();
                    assert!(
                        msg.contains(field) && msg.contains(range),
                        "{method:?} {label}: {msg}"
                    );
                }
                other => panic!("{method:?} {label}: expected InvalidInput, got {other:?}"),
            }
        }
        for options in good {
            run(options).unwrap_or_else(|e| panic!("{method:?} {options:?}: {e}"));
        }
    }
}

/// `jacobian_reuse_theta` is checked by both integrators (it is used by both), with the value
/// and the allowed range in the message; the edge 0 (a new Jacobian whenever Newton contracts
/// at all) is allowed.
#[test]
fn jacobian_reuse_theta_out_of_range_is_rejected_by_both_integrators() {
    let with = |theta: f64| Options {
        jacobian_reuse_theta: Some(theta),
        ..Options::default()
    };
    let bad: Vec<_> = [-0.1, 1.0, 1.5, f64::NAN]
        .iter()
        .map(|&t| (format!("θ = {t}"), with(t)))
        .collect();
    check_option_range(
        "options.jacobian_reuse_theta",
        "[0, 1)",
        &bad,
        &[with(0.0), with(0.5)],
    );
}

/// `max_order` (a BDF setting) is range-checked by both integrators like every shared option.
#[test]
fn max_order_out_of_range_is_rejected() {
    let with = |q: usize| Options {
        max_order: Some(q),
        ..Options::default()
    };
    let bad: Vec<_> = [0, 7, 100]
        .iter()
        .map(|&q| (format!("max_order {q}"), with(q)))
        .collect();
    check_option_range("options.max_order", "[1, 6]", &bad, &[with(1), with(6)]);
}
