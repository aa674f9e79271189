//! Event location and termination reasons, on problems with analytic event times.

mod common;

use std::f64::consts::{FRAC_PI_2, LN_2, PI};

use common::options;
use petrocket_ode::test_models::{Harmonic, LinearDecay, StiffLinear2, VanDerPol};
use petrocket_ode::{
    Bdf, Control, Direction, Event, EventOutcome, Integrate, Integrator, Method, OdeError,
    OdeSystem, Options, Radau5, Termination,
};

const METHODS: [Method; 2] = [Method::Bdf, Method::Radau5];

/// Integrates with `events` and no observer.
fn run<S: OdeSystem>(
    method: Method,
    mut sys: S,
    opts: Options,
    y0: &[f64],
    t_end: f64,
    events: &mut [Event<'_>],
) -> Result<EventOutcome, OdeError<S::Error>> {
    Integrator::new(method, sys.dim(), opts).integrate_with_events(
        &mut sys,
        0.0,
        y0,
        t_end,
        events,
        |_, _| Control::Continue,
    )
}

#[test]
fn decay_stops_at_ln2_with_the_analytic_state() {
    // y = e^(−t) falls through 0.5 at ln 2.
    let (rtol, atol) = (1e-10, 1e-14);
    for method in METHODS {
        let mut observed = Vec::new();
        let mut events = [Event::new(|_, y: &[f64]| y[0] - 0.5)
            .direction(Direction::Falling)
            .terminal(true)];
        let out = Integrator::new(method, 1, options(rtol, atol))
            .integrate_with_events(
                &mut LinearDecay { k: 1.0 },
                0.0,
                &[1.0],
                5.0,
                &mut events,
                |step, _| {
                    observed.push(step.t);
                    Control::Continue
                },
            )
            .unwrap();
        assert_eq!(out.termination, Termination::Event { index: 0, t: out.t });
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].t.to_bits(), out.t.to_bits());
        assert_eq!(out.events[0].direction, Direction::Falling);
        // dt = dy/|y'|, y' = −0.5 at the crossing: the event time carries the relative
        // integration error of y (measured: 4.5e-10 BDF, 1.6e-9 Radau5, whose global error
        // is above rtol on this problem).
        let dt = (out.t - LN_2).abs();
        assert!(dt < 1e-8, "{method:?}: t = {}, |t − ln 2| = {dt:e}", out.t);
        // The state is the dense output at the event, on the far side of the crossing, and
        // matches the analytic solution at the returned time.
        assert!(out.y[0] <= 0.5, "{method:?}: y = {} not past 0.5", out.y[0]);
        let exact = (-out.t).exp();
        let err = (out.y[0] - exact).abs() / exact;
        assert!(err < 1e-8, "{method:?}: state error {err:e}");
        // The observer did not see the step cut by the event.
        assert!(
            observed.iter().all(|&t| t < out.t),
            "{method:?}: {observed:?}"
        );
        assert_eq!(observed.len() + 1, out.stats.accepted);
    }
}

/// Crossings of `cos t` on `[0, 20]`: π/2 + kπ, k = 0..=5; falling for even k.
fn cos_crossings(direction: Direction) -> Vec<(f64, Direction)> {
    (0..6)
        .map(|k| {
            let d = if k % 2 == 0 {
                Direction::Falling
            } else {
                Direction::Rising
            };
            (FRAC_PI_2 + k as f64 * PI, d)
        })
        .filter(|(_, d)| direction == Direction::Either || *d == direction)
        .collect()
}

#[test]
fn oscillator_crossings_with_direction_filters() {
    let model = Harmonic { omega: 1.0 };
    for method in METHODS {
        let mut events = [
            Event::new(|_, y: &[f64]| y[0]).direction(Direction::Rising),
            Event::new(|_, y: &[f64]| y[0]).direction(Direction::Falling),
            Event::new(|_, y: &[f64]| y[0]),
        ];
        let out = run(
            method,
            model,
            options(1e-10, 1e-12),
            &[1.0, 0.0],
            20.0,
            &mut events,
        )
        .unwrap();
        assert_eq!(out.termination, Termination::EndTime);
        assert_eq!(out.t.to_bits(), 20.0f64.to_bits());
        // Records are in time order.
        assert!(out.events.windows(2).all(|w| w[0].t <= w[1].t));
        for (index, filter) in [Direction::Rising, Direction::Falling, Direction::Either]
            .into_iter()
            .enumerate()
        {
            let got: Vec<_> = out.events.iter().filter(|r| r.index == index).collect();
            let want = cos_crossings(filter);
            assert_eq!(got.len(), want.len(), "{method:?} {filter:?}: {got:?}");
            for (r, (t, d)) in got.iter().zip(&want) {
                assert_eq!(r.direction, *d, "{method:?} {filter:?} at {t}");
                // |y1'| = 1 at the crossings: the time error is the error of y1 there
                // (measured: ≤ 9.8e-10 BDF, ≤ 5.6e-11 Radau5 up to t = 17.3).
                let dt = (r.t - t).abs();
                assert!(dt < 1e-8, "{method:?} {filter:?}: t = {}, want {t}", r.t);
                // The recorded state is on the far side and matches the solution to the
                // global error (measured: ≤ 1.9e-8 BDF, ≤ 1.8e-9 Radau5; 2.0e-8 and 1.9e-10
                // at t = 20).
                let e = model.exact([1.0, 0.0], r.t);
                assert!((r.y[0] - e[0]).abs() < 1e-7 && (r.y[1] - e[1]).abs() < 1e-7);
                let far = match d {
                    Direction::Rising => r.y[0] >= 0.0,
                    _ => r.y[0] <= 0.0,
                };
                assert!(far, "{method:?}: y1 = {} at a {d:?} event", r.y[0]);
            }
        }
    }
}

#[test]
fn loose_location_tolerance_is_honoured() {
    // With tolerance τ the crossing lies in [t − τ, t]; the analytic crossing differs from
    // the dense-output one only by the integration error (≪ τ here).
    let model = Harmonic { omega: 1.0 };
    for method in METHODS {
        for tol in [1e-3, 1e-6] {
            let mut events = [Event::new(|_, y: &[f64]| y[0]).tolerance(tol)];
            let out = run(
                method,
                model,
                options(1e-10, 1e-12),
                &[1.0, 0.0],
                10.0,
                &mut events,
            )
            .unwrap();
            assert_eq!(out.events.len(), 3, "{method:?}");
            for (r, t) in out.events.iter().zip(cos_crossings(Direction::Either)) {
                let slack = 1e-8;
                assert!(
                    r.t >= t.0 - slack && r.t <= t.0 + tol + slack,
                    "{method:?} tol {tol:e}: t = {}, crossing {}",
                    r.t,
                    t.0
                );
            }
        }
    }
}

#[test]
fn event_at_the_start_is_not_triggered() {
    // y1 = sin t: g = y1 is zero at t0 = 0; the first crossing is the falling one at π.
    let model = Harmonic { omega: 1.0 };
    for method in METHODS {
        for direction in [Direction::Either, Direction::Rising, Direction::Falling] {
            let mut events = [Event::new(|_, y: &[f64]| y[0])
                .direction(direction)
                .terminal(true)];
            let out = run(
                method,
                model,
                options(1e-10, 1e-12),
                &[0.0, 1.0],
                7.0,
                &mut events,
            )
            .unwrap();
            let want = match direction {
                Direction::Rising => 2.0 * PI,
                _ => PI,
            };
            assert!(
                (out.t - want).abs() < 1e-8,
                "{method:?} {direction:?}: stopped at {} ({:?})",
                out.t,
                out.termination
            );
            assert_eq!(out.events.len(), 1);
        }
        // A time event g = t − t0 is zero at the start and then positive: never fires.
        let mut events = [Event::new(|t, _: &[f64]| t).terminal(true)];
        let out = run(
            method,
            model,
            options(1e-8, 1e-12),
            &[0.0, 1.0],
            1.0,
            &mut events,
        )
        .unwrap();
        assert_eq!(out.termination, Termination::EndTime);
        assert!(out.events.is_empty());
    }
}

#[test]
fn non_terminal_events_before_a_terminal_one() {
    // Crossings of cos t at π/2 and 3π/2 are recorded; a time event stops the run at 5.
    let model = Harmonic { omega: 1.0 };
    for method in METHODS {
        let mut events = [
            Event::new(|_, y: &[f64]| y[0]),
            Event::new(|t, _: &[f64]| t - 5.0)
                .direction(Direction::Rising)
                .terminal(true),
        ];
        let out = run(
            method,
            model,
            options(1e-10, 1e-12),
            &[1.0, 0.0],
            20.0,
            &mut events,
        )
        .unwrap();
        let times: Vec<_> = out.events.iter().map(|r| (r.index, r.t)).collect();
        assert_eq!(times.len(), 3, "{method:?}: {times:?}");
        assert!((times[0].1 - FRAC_PI_2).abs() < 1e-8 && times[0].0 == 0);
        assert!((times[1].1 - 3.0 * FRAC_PI_2).abs() < 1e-8 && times[1].0 == 0);
        // g = t − 5 along the dense output is exact: located to the default tolerance,
        // 4·ε·|t| ≈ 4.4e-15.
        assert_eq!(times[2].0, 1);
        assert!(
            out.t >= 5.0 && out.t - 5.0 <= 4.0 * f64::EPSILON * 5.0,
            "{}",
            out.t
        );
        assert_eq!(out.termination, Termination::Event { index: 1, t: out.t });
        let e = model.exact([1.0, 0.0], out.t);
        assert!((out.y[0] - e[0]).abs() < 1e-7 && (out.y[1] - e[1]).abs() < 1e-7);
    }
}

/// Time at which y1 of [`StiffLinear2`] from `y0` falls to `level` (Newton on the exact
/// solution).
fn stiff_crossing(model: StiffLinear2, y0: [f64; 2], level: f64) -> f64 {
    let mut t = LN_2;
    for _ in 0..50 {
        let y = model.exact(y0, t);
        let dy = -y[0] + y[1];
        t -= (y[0] - level) / dy;
    }
    t
}

#[test]
fn stiff_linear_system_terminal_event() {
    // λ = 1e6: the fast mode decays in microseconds, the event is at ≈ ln 2.
    let model = StiffLinear2 { lambda: 1e6 };
    let y0 = [1.0, 1.0];
    let t_event = stiff_crossing(model, y0, 0.5);
    for method in METHODS {
        let mut events = [Event::new(|_, y: &[f64]| y[0] - 0.5)
            .direction(Direction::Falling)
            .terminal(true)];
        let out = run(method, model, options(1e-9, 1e-12), &y0, 10.0, &mut events).unwrap();
        assert_eq!(out.termination, Termination::Event { index: 0, t: out.t });
        // |y1'| = 0.5, so dt ≈ 2·|Δy1| (measured: 1.7e-9 BDF, 4e-10 Radau5).
        let dt = (out.t - t_event).abs();
        assert!(dt < 1e-8, "{method:?}: t = {}, want {t_event}", out.t);
        // Measured: 8.6e-10 (BDF), 1.9e-10 (Radau5).
        let e = model.exact(y0, out.t);
        assert!((out.y[0] - e[0]).abs() < 5e-9, "{method:?}: {:?}", out.y);
        assert!(out.y[1].abs() < 1e-10, "{method:?}: fast mode {}", out.y[1]);
        // Stiffness handled: 443 (BDF) and 190 (Radau5) steps, where an explicit method
        // would need ≈ 0.7·λ/3 ≈ 2e5.
        assert!(out.stats.accepted < 1000, "{method:?}: {:?}", out.stats);
    }
}

#[test]
fn van_der_pol_relaxation_jump_is_located_by_both_methods() {
    // μ = 1000: y1 creeps from 2 towards 1, then jumps to −2 near t ≈ 807. The falling zero
    // crossing of y1 is inside the jump (|y1'| ≈ 667), so its time is sharply defined; its
    // error is the phase error accumulated over the slow branch. A reference at rtol 1e-12
    // with Radau5; both methods at rtol 1e-10 must agree with it.
    let event = || {
        [Event::new(|_, y: &[f64]| y[0])
            .direction(Direction::Falling)
            .terminal(true)]
    };
    let mut reference_events = event();
    let reference = Radau5::new(2, options(1e-12, 1e-12))
        .integrate_with_events(
            &mut VanDerPol::default(),
            0.0,
            &VanDerPol::Y0,
            VanDerPol::T_END,
            &mut reference_events,
            |_, _| Control::Continue,
        )
        .unwrap();
    assert!(
        (800.0..815.0).contains(&reference.t),
        "reference jump at {}",
        reference.t
    );
    let mut bdf_events = event();
    let bdf = Bdf::new(2, options(1e-10, 1e-10))
        .integrate_with_events(
            &mut VanDerPol::default(),
            0.0,
            &VanDerPol::Y0,
            VanDerPol::T_END,
            &mut bdf_events,
            |_, _| Control::Continue,
        )
        .unwrap();
    let mut radau_events = event();
    let radau = Radau5::new(2, options(1e-10, 1e-10))
        .integrate_with_events(
            &mut VanDerPol::default(),
            0.0,
            &VanDerPol::Y0,
            VanDerPol::T_END,
            &mut radau_events,
            |_, _| Control::Continue,
        )
        .unwrap();
    for (name, out) in [("bdf", &bdf), ("radau5", &radau)] {
        assert_eq!(out.termination, Termination::Event { index: 0, t: out.t });
        let rel = (out.t - reference.t).abs() / reference.t;
        // Measured: 2.3e-8 (BDF), 3.8e-9 (Radau5) relative (at rtol 1e-8: 1.2e-6 and 3.0e-8).
        assert!(
            rel < 1e-7,
            "{name}: t = {}, reference {}",
            out.t,
            reference.t
        );
        assert!(
            out.y[0] <= 0.0 && out.y[0] > -1e-3,
            "{name}: y = {:?}",
            out.y
        );
    }
}

#[test]
fn termination_is_end_time_without_events_and_observer_stop_is_reported() {
    let model = Harmonic { omega: 1.0 };
    for method in METHODS {
        let mut sys = model;
        // g never reaches zero.
        let mut events = [Event::new(|_, y: &[f64]| y[0] - 5.0).terminal(true)];
        let out = run(
            method,
            model,
            options(1e-8, 1e-12),
            &[1.0, 0.0],
            3.0,
            &mut events,
        )
        .unwrap();
        assert_eq!(out.termination, Termination::EndTime);
        assert!(!out.termination.is_failure());
        assert!(out.events.is_empty());
        assert_eq!(out.t.to_bits(), 3.0f64.to_bits());
        // No events at all: same as `integrate`, bit for bit.
        let mut solver = Integrator::new(method, 2, options(1e-8, 1e-12));
        let plain = solver
            .integrate(&mut sys, 0.0, &[1.0, 0.0], 3.0, |_| Control::Continue)
            .unwrap();
        assert_eq!(plain.termination(), Termination::EndTime);
        let with = solver
            .integrate_with_events(&mut sys, 0.0, &[1.0, 0.0], 3.0, &mut [], |_, _| {
                Control::Continue
            })
            .unwrap();
        assert_eq!(with.y, plain.y);
        assert_eq!(with.stats, plain.stats);
        // Observer stop.
        let with = solver
            .integrate_with_events(&mut sys, 0.0, &[1.0, 0.0], 3.0, &mut [], |s, _| {
                if s.t > 1.0 {
                    Control::Stop
                } else {
                    Control::Continue
                }
            })
            .unwrap();
        assert_eq!(with.termination, Termination::Observer { t: with.t });
        assert!(with.t > 1.0 && with.t < 3.0);
    }
}

#[test]
fn failures_keep_their_error_and_give_a_typed_reason() {
    let model = Harmonic { omega: 1.0 };
    let opts = Options {
        max_steps: 5,
        ..options(1e-10, 1e-12)
    };
    let mut events = [Event::new(|_, y: &[f64]| y[0])];
    let err = run(Method::Radau5, model, opts, &[1.0, 0.0], 20.0, &mut events).unwrap_err();
    assert!(matches!(err, OdeError::TooManySteps { .. }), "{err}");
    let reason = err.termination().unwrap();
    assert!(matches!(reason, Termination::MaxSteps { max_steps: 5, .. }));
    assert!(reason.is_failure());
    assert!(reason.to_string().contains("more than 5 steps"), "{reason}");

    // A non-finite event function is an error naming it.
    let mut events = [Event::new(
        |t, _: &[f64]| if t > 1.0 { f64::NAN } else { -1.0 },
    )];
    let err = run(
        Method::Bdf,
        model,
        options(1e-8, 1e-12),
        &[1.0, 0.0],
        3.0,
        &mut events,
    )
    .unwrap_err();
    assert!(
        matches!(err, OdeError::NonFinite { quantity: "event function", t } if t > 1.0),
        "{err}"
    );
    assert!(matches!(
        err.termination(),
        Some(Termination::NonFinite { .. })
    ));

    // Bad tolerance, bad y0: invalid input, no termination reason (the run never started).
    let mut events = [Event::new(|_, y: &[f64]| y[0]).tolerance(0.0)];
    let err = run(
        Method::Bdf,
        model,
        options(1e-8, 1e-12),
        &[1.0, 0.0],
        3.0,
        &mut events,
    )
    .unwrap_err();
    assert!(
        matches!(&err, OdeError::InvalidInput { field, .. } if field == "events[0].tolerance"),
        "{err}"
    );
    assert_eq!(err.termination(), None);
    let mut events = [Event::new(|_, y: &[f64]| y[0])];
    let err = run(
        Method::Bdf,
        model,
        options(1e-8, 1e-12),
        &[1.0],
        3.0,
        &mut events,
    )
    .unwrap_err();
    assert!(matches!(&err, OdeError::InvalidInput { field, .. } if field == "y0.len()"));
}

#[test]
fn termination_serialises_with_a_reason_tag() {
    let json = serde_json::to_string(&Termination::Event { index: 2, t: 1.5 }).unwrap();
    assert_eq!(json, r#"{"reason":"event","index":2,"t":1.5}"#);
    let back: Termination = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Termination::Event { index: 2, t: 1.5 });
}
