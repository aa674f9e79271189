//! The damped 2-D Newton iteration on (T, ρ) shared by every jump-condition solve.
//!
//! As in the Shock & Detonation Toolbox (Browne, Ziegler & Shepherd, GALCIT FM2006.006), the
//! unknowns are the downstream temperature and density; each iteration solves the 2×2 linear
//! system J Δ = −F. Safeguards (ours): the step is scaled so that neither T nor ρ changes by
//! more than [`MAX_RELATIVE_STEP`] in one iteration, and halved (up to 8 times) while the
//! residual norm does not decrease or the state cannot be evaluated.
//!
//! **Convergence test**: the residuals are made dimensionless by the caller; the iteration has
//! converged when max|F_i| ≤ [`F_TOL`], or when the relative step max(|ΔT/T|, |Δρ/ρ|) ≤
//! [`X_TOL`] with max|F_i| ≤ [`F_TOL_LOOSE`] (the residual floor set by the equilibrium
//! solver's own tolerance).

use crate::error::{ChemError, Result};

/// Residual tolerance (dimensionless).
pub(crate) const F_TOL: f64 = 1e-10;
/// Residual accepted when the step has stalled at round-off.
pub(crate) const F_TOL_LOOSE: f64 = 1e-7;
/// Relative step tolerance.
pub(crate) const X_TOL: f64 = 1e-12;
/// Largest relative change of T or ρ per iteration.
pub(crate) const MAX_RELATIVE_STEP: f64 = 0.3;
/// Iteration limit.
pub(crate) const MAX_ITERATIONS: usize = 60;

/// Converged solution of [`solve`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Solution {
    /// (T, ρ).
    pub x: [f64; 2],
    /// Newton iterations.
    pub iterations: usize,
    /// max|F_i| at the solution.
    pub residual: f64,
}

/// Residuals and Jacobian ∂F_i/∂(T, ρ).
pub(crate) type Eval = ([f64; 2], [[f64; 2]; 2]);

/// Solve F(T, ρ) = 0 from `x0`; `lower` are lower bounds of (T, ρ) kept strictly.
pub(crate) fn solve(
    problem: &'static str,
    mut f: impl FnMut([f64; 2]) -> Result<Eval>,
    x0: [f64; 2],
    lower: [f64; 2],
) -> Result<Solution> {
    let norm = |r: &[f64; 2]| r[0].abs().max(r[1].abs());
    let mut x = x0;
    let (mut r, mut j) = f(x)?;
    let mut res = norm(&r);
    for it in 1..=MAX_ITERATIONS {
        if res <= F_TOL {
            return Ok(Solution {
                x,
                iterations: it - 1,
                residual: res,
            });
        }
        let det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
        if !(det.is_finite() && det != 0.0) {
            return Err(not_converged(problem, it, res, x, "singular Jacobian"));
        }
        let mut dx = [
            -(r[0] * j[1][1] - r[1] * j[0][1]) / det,
            -(j[0][0] * r[1] - j[1][0] * r[0]) / det,
        ];
        let rel = (dx[0] / x[0]).abs().max((dx[1] / x[1]).abs());
        if rel > MAX_RELATIVE_STEP {
            let s = MAX_RELATIVE_STEP / rel;
            dx = [dx[0] * s, dx[1] * s];
        }
        let mut lambda = 1.0;
        let mut accepted = None;
        for _ in 0..9 {
            let xn = [x[0] + lambda * dx[0], x[1] + lambda * dx[1]];
            if xn[0] > lower[0] && xn[1] > lower[1] {
                if let Ok((rn, jn)) = f(xn) {
                    let resn = norm(&rn);
                    if resn < res || resn <= F_TOL {
                        accepted = Some((xn, rn, jn, resn));
                        break;
                    }
                }
            }
            lambda *= 0.5;
        }
        let Some((xn, rn, jn, resn)) = accepted else {
            if rel <= X_TOL && res <= F_TOL_LOOSE {
                return Ok(Solution {
                    x,
                    iterations: it,
                    residual: res,
                });
            }
            return Err(not_converged(
                problem,
                it,
                res,
                x,
                "no step along the Newton direction reduces the residual",
            ));
        };
        let step = lambda * rel.min(MAX_RELATIVE_STEP);
        x = xn;
        r = rn;
        j = jn;
        res = resn;
        if res <= F_TOL || (step <= X_TOL && res <= F_TOL_LOOSE) {
            return Ok(Solution {
                x,
                iterations: it,
                residual: res,
            });
        }
    }
    Err(not_converged(
        problem,
        MAX_ITERATIONS,
        res,
        x,
        "iteration limit reached",
    ))
}

fn not_converged(
    problem: &'static str,
    iterations: usize,
    residual: f64,
    x: [f64; 2],
    why: &str,
) -> ChemError {
    ChemError::ShockNotConverged {
        problem,
        iterations,
        residual,
        temperature: x[0],
        density: x[1],
        hint: format!(
            "{why}; check that the wave speed and the mixture are physical (the shock must be \
             supersonic, the mixture must release heat for a CJ state)"
        ),
    }
}
