//! Helpers shared by the integration tests.
#![allow(dead_code)]

use petrocket_ode::{
    Control, Integrate, Integrator, Method, OdeError, OdeSystem, Options, Outcome, Radau5,
    Tolerances,
};

/// Options with the given tolerances and defaults otherwise.
pub fn options(rtol: f64, atol: f64) -> Options {
    Options {
        tolerances: Tolerances { rtol, atol },
        ..Options::default()
    }
}

/// Integrates to `t_end` without observing.
pub fn run<S: OdeSystem>(
    sys: &mut S,
    opts: Options,
    y0: &[f64],
    t_end: f64,
) -> Result<Outcome, OdeError<S::Error>> {
    Radau5::new(sys.dim(), opts).integrate(sys, 0.0, y0, t_end, |_| Control::Continue)
}

/// Integrates to `t_end` with `method`, without observing.
pub fn run_with<S: OdeSystem>(
    method: Method,
    sys: &mut S,
    opts: Options,
    y0: &[f64],
    t_end: f64,
) -> Result<Outcome, OdeError<S::Error>> {
    Integrator::new(method, sys.dim(), opts).integrate(sys, 0.0, y0, t_end, |_| Control::Continue)
}

/// Largest relative error `|a − b| / max(|b|, floor)` over the components.
pub fn max_rel_err(a: &[f64], b: &[f64], floor: f64) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / y.abs().max(floor))
        .fold(0.0, f64::max)
}

/// `|a − b| ≤ tol·max(|b|, floor)` for every component, with a message naming the worst one.
pub fn assert_close(what: &str, a: &[f64], b: &[f64], tol: f64, floor: f64) {
    let e = max_rel_err(a, b, floor);
    assert!(
        e <= tol,
        "{what}: relative error {e:e} > {tol:e}\n got  {a:?}\n want {b:?}"
    );
}
