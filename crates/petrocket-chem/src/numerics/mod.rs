//! Small numerical building blocks shared by the state setters, equilibrium and kinetics.

mod exp;

pub(crate) use exp::exp_in_place;

/// Outcome of [`solve_increasing`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Root {
    /// The root.
    pub x: f64,
    /// Function evaluations spent.
    pub evaluations: usize,
}

/// Why [`solve_increasing`] failed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RootError<E> {
    /// The function itself failed.
    Inner(E),
    /// No sign change inside `[lo, hi]`: f(lo) and f(hi) have the same sign.
    NotBracketed {
        lo: f64,
        f_lo: f64,
        hi: f64,
        f_hi: f64,
    },
    /// Iteration limit reached.
    NoConvergence { x: f64, f: f64, evaluations: usize },
}

/// Root of an increasing function f(x) on `[lo, hi]` (x > 0) by Newton's method on ln x,
/// safeguarded by a bracket that shrinks with every evaluation and bisection (geometric mean)
/// whenever a Newton step leaves it or does not halve |f|. `f` returns (f, df/dx).
/// Converges when |Δx| ≤ `xtol`·x or |f| ≤ `ftol`.
pub(crate) fn solve_increasing<E>(
    mut f: impl FnMut(f64) -> Result<(f64, f64), E>,
    x0: f64,
    (lo, hi): (f64, f64),
    xtol: f64,
    ftol: f64,
    max_evaluations: usize,
) -> Result<Root, RootError<E>> {
    let (mut lo, mut hi) = (lo, hi);
    let (mut f_lo, mut f_hi): (Option<f64>, Option<f64>) = (None, None);
    let mut x = x0.clamp(lo, hi);
    let mut f_prev = f64::INFINITY;
    for evaluations in 1..=max_evaluations {
        let (fx, dfx) = f(x).map_err(RootError::Inner)?;
        if fx.abs() <= ftol {
            return Ok(Root { x, evaluations });
        }
        if fx < 0.0 {
            (lo, f_lo) = (x, Some(fx));
        } else {
            (hi, f_hi) = (x, Some(fx));
        }
        let newton = if dfx > 0.0 && dfx.is_finite() {
            x - fx / dfx
        } else {
            f64::NAN
        };
        let next = match (f_lo, f_hi) {
            // Sign change known: Newton inside the bracket while it converges fast, else bisect.
            (Some(_), Some(_)) => {
                if newton > lo && newton < hi && fx.abs() <= 0.5 * f_prev.abs() {
                    newton
                } else {
                    (lo * hi).sqrt()
                }
            }
            // Still searching: Newton limited to a factor 4, or a factor-4 step downhill.
            _ => {
                let want = if newton.is_finite() && newton > 0.0 {
                    newton
                } else if fx < 0.0 {
                    4.0 * x
                } else {
                    0.25 * x
                };
                // At an end of the interval and asked to go beyond it: no root inside.
                if (want > hi && x >= hi) || (want < lo && x <= lo) {
                    return Err(RootError::NotBracketed {
                        lo,
                        f_lo: f_lo.unwrap_or(fx),
                        hi,
                        f_hi: f_hi.unwrap_or(fx),
                    });
                }
                want.clamp(0.25 * x, 4.0 * x).clamp(lo, hi)
            }
        };
        if (next - x).abs() <= xtol * x {
            return Ok(Root { x, evaluations });
        }
        f_prev = fx;
        x = next;
    }
    Err(RootError::NoConvergence {
        x,
        f: f_prev,
        evaluations: max_evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roots_of_increasing_functions() {
        let r = solve_increasing::<()>(
            |x| Ok((x * x * x - 8.0, 3.0 * x * x)),
            300.0,
            (1e-3, 1e4),
            1e-14,
            0.0,
            200,
        )
        .unwrap();
        assert!((r.x - 2.0).abs() < 1e-12, "{r:?}");
        // A function that is flat near its root and steep elsewhere.
        let r = solve_increasing::<()>(
            |x| {
                Ok((
                    ((x - 3000.0) / 100.0).tanh(),
                    0.01 / ((x - 3000.0) / 100.0).cosh().powi(2),
                ))
            },
            300.0,
            (100.0, 8000.0),
            1e-13,
            0.0,
            200,
        )
        .unwrap();
        assert!((r.x - 3000.0).abs() < 1e-8, "{r:?}");
    }

    #[test]
    fn reports_missing_sign_change() {
        let e = solve_increasing::<()>(|x| Ok((x + 1.0, 1.0)), 5.0, (1.0, 10.0), 1e-12, 0.0, 100)
            .unwrap_err();
        assert!(matches!(e, RootError::NotBracketed { .. }), "{e:?}");
    }
}
