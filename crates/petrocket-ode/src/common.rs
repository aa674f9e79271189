//! Pieces shared by the integrators: argument checks, norms and the starting step size.

use crate::{OdeError, OdeSystem, Options, Stats};

/// Checks the arguments and the shared options of an integration (before any work).
pub(crate) fn validate<E>(
    o: &Options,
    dim: usize,
    t0: f64,
    y0: &[f64],
    t_end: f64,
) -> Result<(), OdeError<E>> {
    validate_start(dim, t0, y0, t_end)?;
    let tol = &o.tolerances;
    if let Some(theta) = o.jacobian_reuse_theta {
        if !(0.0..1.0).contains(&theta) {
            return Err(OdeError::invalid(
                "options.jacobian_reuse_theta",
                theta,
                "allowed range is [0, 1)",
            ));
        }
    }
    if let Some(q) = o.max_order {
        if !(1..=crate::bdf::MAX_ORDER).contains(&q) {
            return Err(OdeError::invalid(
                "options.max_order",
                q as f64,
                format!("allowed range is [1, {}]", crate::bdf::MAX_ORDER),
            ));
        }
    }
    if !(1e-13..=1e-1).contains(&tol.rtol) {
        return Err(OdeError::invalid(
            "options.tolerances.rtol",
            tol.rtol,
            "allowed range is [1e-13, 1e-1]",
        ));
    }
    if !(tol.atol > 0.0 && tol.atol.is_finite()) {
        return Err(OdeError::invalid(
            "options.tolerances.atol",
            tol.atol,
            "must be finite and > 0",
        ));
    }
    for (name, value) in [
        ("options.initial_step", o.initial_step),
        ("options.max_step", o.max_step),
    ] {
        if let Some(v) = value {
            if !(v > 0.0 && v.is_finite()) {
                return Err(OdeError::invalid(
                    name,
                    v,
                    "must be finite and > 0 (or None)",
                ));
            }
        }
    }
    if o.max_steps == 0 {
        return Err(OdeError::invalid(
            "options.max_steps",
            0.0,
            "must be at least 1",
        ));
    }
    if !(2..=50).contains(&o.max_newton_iterations) {
        return Err(OdeError::invalid(
            "options.max_newton_iterations",
            o.max_newton_iterations as f64,
            "allowed range is [2, 50]",
        ));
    }
    Ok(())
}

/// Checks the dimension, the initial state and the time interval (part of [`validate`]).
pub(crate) fn validate_start<E>(
    dim: usize,
    t0: f64,
    y0: &[f64],
    t_end: f64,
) -> Result<(), OdeError<E>> {
    if dim == 0 {
        return Err(OdeError::invalid("system.dim()", 0.0, "must be at least 1"));
    }
    if y0.len() != dim {
        return Err(OdeError::invalid(
            "y0.len()",
            y0.len() as f64,
            format!("must equal the system dimension {dim}"),
        ));
    }
    if let Some(i) = y0.iter().position(|v| !v.is_finite()) {
        return Err(OdeError::invalid(
            format!("y0[{i}]"),
            y0[i],
            "must be finite",
        ));
    }
    if !t0.is_finite() {
        return Err(OdeError::invalid("t0", t0, "must be finite"));
    }
    if !t_end.is_finite() || t_end <= t0 {
        return Err(OdeError::invalid(
            "t_end",
            t_end,
            format!("must be finite and greater than t0 = {t0:e} (forward integration only)"),
        ));
    }
    Ok(())
}

/// Whether every component is finite.
pub(crate) fn all_finite(v: &[f64]) -> bool {
    v.iter().all(|x| x.is_finite())
}

/// Evaluates the system's Jacobian at `(t, y)` into `jac` (cleared first, so the system may
/// fill only its nonzeros), counts it, and rejects a non-finite entry.
pub(crate) fn evaluate_jacobian<S: OdeSystem>(
    sys: &mut S,
    t: f64,
    y: &[f64],
    jac: &mut nalgebra::DMatrix<f64>,
    stats: &mut Stats,
) -> Result<(), OdeError<S::Error>> {
    jac.fill(0.0);
    sys.jacobian(t, y, jac)
        .map_err(|source| OdeError::System { t, source })?;
    stats.jacobian_evals += 1;
    if !all_finite(jac.as_slice()) {
        return Err(OdeError::NonFinite {
            t,
            quantity: "Jacobian",
        });
    }
    Ok(())
}

/// Root-mean-square norm of `v / scal`.
pub(crate) fn rms_scaled(v: &[f64], scal: &[f64]) -> f64 {
    let sum: f64 = v
        .iter()
        .zip(scal)
        .map(|(a, s)| {
            let q = a / s;
            q * q
        })
        .sum();
    (sum / v.len() as f64).sqrt()
}

/// What [`initial_step`] needs of the initial state.
pub(crate) struct StartData<'a> {
    /// `y(t0)`.
    pub y: &'a [f64],
    /// `f(t0, y0)`.
    pub f0: &'a [f64],
    /// Error weights `atol + rtol·|y0|`.
    pub scal: &'a [f64],
    /// Order `p` of the local error estimate (the step scales as `error^(1/(p+1))`).
    pub order: u32,
    /// Largest step allowed.
    pub hmax: f64,
}

/// Starting step size (Hairer, Nørsett & Wanner, "Solving ODEs I", 2nd ed., Sect. II.4,
/// "Starting step size"): `h0 = 0.01·‖y0‖/‖f0‖`, one explicit Euler trial step to estimate
/// `‖f'‖`, then `h1 = (0.01/max(‖f0‖, ‖f'‖))^(1/(p+1))` and `h = min(100·h0, h1, hmax)`.
/// `ytmp` and `ftmp` are scratch buffers of length `n`.
pub(crate) fn initial_step<S: OdeSystem>(
    sys: &mut S,
    t: f64,
    start: StartData<'_>,
    ytmp: &mut [f64],
    ftmp: &mut [f64],
    stats: &mut Stats,
) -> Result<f64, OdeError<S::Error>> {
    let StartData {
        y,
        f0,
        scal,
        order,
        hmax,
    } = start;
    let d0 = rms_scaled(y, scal);
    let d1 = rms_scaled(f0, scal);
    let h0 = if d0 < 1e-5 || d1 < 1e-5 {
        1e-6
    } else {
        0.01 * d0 / d1
    }
    .min(hmax);
    for ((yt, yi), fi) in ytmp.iter_mut().zip(y).zip(f0) {
        *yt = yi + h0 * fi;
    }
    stats.rhs_evals += 1;
    sys.rhs(t + h0, ytmp, ftmp)
        .map_err(|source| OdeError::System { t: t + h0, source })?;
    if !all_finite(ftmp) {
        return Ok(h0 * 1e-3);
    }
    for (ft, fi) in ftmp.iter_mut().zip(f0) {
        *ft -= fi;
    }
    let d2 = rms_scaled(ftmp, scal) / h0;
    let d = d1.max(d2);
    let h1 = if d <= 1e-15 {
        (h0 * 1e-3).max(1e-6)
    } else {
        (0.01 / d).powf(1.0 / f64::from(order + 1))
    };
    Ok((100.0 * h0).min(h1).min(hmax))
}
