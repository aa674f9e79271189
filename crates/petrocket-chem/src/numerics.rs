//! Small numerical building blocks shared by the state setters and equilibrium.

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

/// Largest change of an argument, since the last exact evaluation, that [`ExpCache`] bridges
/// with its Taylor polynomial: the truncation error |Δ|⁵/120 ≤ 8.3e-18 is below half an ulp.
const EXP_SHIFT_MAX: f64 = 1e-3;

/// e^x for a batch of arguments, reusing the last exact evaluation when no argument moved far.
///
/// The kinetics gather all exponentials of one evaluation (Arrhenius rate constants and
/// exp(g°/RT) of the species) into one slice. Inside a Newton iteration of the stiff
/// integrator the temperature moves by 1e-9–1e-12 relative between evaluations, so every
/// argument moves by far less than 1e-3; then e^{x} = e^{x₀}·e^{Δ} with e^{Δ} from its
/// Taylor polynomial of degree 4 (Horner form, truncation |Δ|⁵/120 ≤ 8.3e-18, below half an
/// ulp), a few multiply-adds per entry instead of a call to `exp` (≈ 3 ns). The result agrees
/// with `exp` to a few ulp; a batch with any larger (or non-finite) change is evaluated with
/// `exp` and becomes the new anchor. Nothing is approximated beyond rounding.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExpCache {
    /// Arguments of the last exact evaluation.
    args: Vec<f64>,
    /// Their exponentials.
    values: Vec<f64>,
}

impl ExpCache {
    /// Replaces every element of `x` by e^x.
    pub(crate) fn exp_in_place(&mut self, x: &mut [f64]) {
        let near = self.args.len() == x.len()
            && x.iter()
                .zip(&self.args)
                .all(|(v, a)| (v - a).abs() <= EXP_SHIFT_MAX);
        if near {
            for ((v, a), e) in x.iter_mut().zip(&self.args).zip(&self.values) {
                let d = *v - a;
                *v = e * (1.0 + d * (1.0 + d * (0.5 + d * (1.0 / 6.0 + d * (1.0 / 24.0)))));
            }
        } else {
            self.args.clear();
            self.args.extend_from_slice(x);
            for v in x.iter_mut() {
                *v = v.exp();
            }
            self.values.clear();
            self.values.extend_from_slice(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_exponentials_agree_with_exp_to_rounding() {
        let mut cache = ExpCache::default();
        let anchor: Vec<f64> = (0..40).map(|i| -60.0 + 3.1 * i as f64).collect();
        let mut x = anchor.clone();
        cache.exp_in_place(&mut x);
        for (v, a) in x.iter().zip(&anchor) {
            assert_eq!(v.to_bits(), a.exp().to_bits());
        }
        // Moves within the bridged range: Taylor from the anchor, a few ulp from exp.
        for shift in [1e-12, -3e-9, 2e-6, -4e-4, 1e-3] {
            let moved: Vec<f64> = anchor.iter().map(|a| a + shift).collect();
            let mut x = moved.clone();
            cache.exp_in_place(&mut x);
            for (v, m) in x.iter().zip(&moved) {
                let rel = (v / m.exp() - 1.0).abs();
                assert!(rel < 4.0 * f64::EPSILON, "shift {shift}: x {m} rel {rel:e}");
            }
        }
        // A larger move is evaluated exactly and becomes the new anchor.
        let far: Vec<f64> = anchor.iter().map(|a| a + 0.01).collect();
        let mut x = far.clone();
        cache.exp_in_place(&mut x);
        for (v, m) in x.iter().zip(&far) {
            assert_eq!(v.to_bits(), m.exp().to_bits());
        }
        // Non-finite arguments are never bridged.
        let mut x = far.clone();
        x[3] = f64::NAN;
        cache.exp_in_place(&mut x);
        assert!(x[3].is_nan());
        assert_eq!(x[4].to_bits(), far[4].exp().to_bits());
    }

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
