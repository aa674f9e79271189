//! Variable-order (1–5, or 1–6 on request) NDF/BDF integrator with quasi-constant step size,
//! in backward-difference form: the design of MATLAB's `ode15s`, written anew from its published description.
//!
//! # Method
//! L. F. Shampine and M. W. Reichelt, *The MATLAB ODE Suite*, SIAM J. Sci. Comput.
//! 18(1):1–22, 1997, Sect. 2 (the numerical differentiation formulas, NDFs, and their
//! implementation with backward differences); the BDFs themselves and the quasi-constant step
//! size idea go back to C. W. Gear (1971).
//!
//! The order-`k` NDF is
//!
//! ```text
//! Σ_{m=1..k} ∇^m y_{n+1}/m − κ_k γ_k (y_{n+1} − y⁽⁰⁾_{n+1}) = h f(t_{n+1}, y_{n+1}),
//! γ_k = Σ_{j=1..k} 1/j,
//! ```
//!
//! with the predictor `y⁽⁰⁾_{n+1} = Σ_{j=0..k} ∇^j y_n` (κ_k = 0 gives the BDF). With
//! `d = y_{n+1} − y⁽⁰⁾_{n+1}` it becomes `d − c·f(y⁽⁰⁾ + d) + ψ = 0`, `c = h/α_k`,
//! `α_k = (1 − κ_k) γ_k`, `ψ = Σ_{j=1..k} γ_j ∇^j y_n / α_k`, solved by a simplified Newton
//! iteration with the matrix `I − c·J`.
//!
//! - **Coefficients** κ from Shampine & Reichelt (1997), Table 1: −0.1850, −1/9, −0.0823,
//!   −0.0415, 0 for orders 1–5 (order 5 is the BDF: its NDF would lose too much stability).
//!   [`Options::max_order`] = 6 adds the plain BDF6 (κ = 0), as in Gear's DIFSUB: zero-stable
//!   and A(α)-stable with α ≈ 17.8° only (Hairer & Wanner 1996, Sect. V.2), so meant for
//!   eigenvalues near the negative real axis such as chemical kinetics; on the H2/O2 ignition
//!   cases at rtol 1e-9 it takes 8–10 % fewer steps than order 5 (`docs/benchmarks.md`).
//!   Local error estimate `(κ_k γ_k + 1/(k + 1))·d`.
//! - **Step size** is constant while it can be; when it changes, the differences are
//!   interpolated to the new spacing (`D ← (R·U)ᵀ D`, Shampine & Reichelt 1997, Sect. 2.3).
//!   Step and order change only after `k + 1` steps at the same size, then to the order
//!   `k − 1`, `k` or `k + 1` that allows the largest step, with a safety factor of 0.8 (more
//!   cautious than `ode15s`'s 0.9, nearer CVODE's; see `SAFETY`).
//! - **Jacobian and LU reuse**: the Jacobian is re-evaluated when the Newton iteration fails
//!   with an old one, or when it converged but contracted by a factor worse than
//!   [`Options::jacobian_reuse_theta`] (RADAU5's rule; default 0.01 here); `I − c·J` is
//!   refactored only when `c` changes. This is what makes BDF methods cheap on chemistry:
//!   one LU per several steps, one Jacobian per ten or more steps, and mostly a single
//!   Newton iteration per step.
//! - **Newton convergence** (Shampine & Reichelt 1997; Hairer & Wanner 1996, Sect. IV.8): the
//!   rate ρ = ‖Δ_k‖/‖Δ_{k−1}‖ is watched; the iteration stops when `ρ/(1 − ρ)·‖Δ‖` is below
//!   `max(10·ε/rtol, 0.03)` (see `NEWTON_TOLERANCE`), and is abandoned (new Jacobian, else half the step)
//!   when ρ ≥ 1 or convergence within 4 iterations is out of reach. The first iteration of a
//!   step may use the rate of the previous step.
//! - **Dense output**: the interpolating polynomial through the backward differences.
//!
//! # Assumptions and limits
//! - BDFs of order above 2 are not A-stable: eigenvalues close to the imaginary axis (lightly
//!   damped oscillations) can force low orders or small steps. Chemical kinetics has real,
//!   negative eigenvalues, where the method is at its best; [`crate::Radau5`] is the choice for
//!   oscillatory stiff problems.
//! - Same scope as the rest of the crate: dense direct linear algebra for small systems,
//!   forward integration, exact (or accurate) Jacobian from the user.

use nalgebra::DMatrix;

use crate::common::{all_finite, evaluate_jacobian, initial_step, rms_scaled, validate, StartData};
use crate::lu::RealLu;
use crate::step::{Control, Dense, Outcome, Step};
use crate::{Integrate, OdeError, OdeSystem, Options, Stats};

/// Highest order the buffers allow ([`Options::max_order`] at most).
pub(crate) const MAX_ORDER: usize = 6;
/// Default [`Options::max_order`]: 5, as `ode15s` and CVODE.
const DEFAULT_MAX_ORDER: usize = 5;
/// Rows of the difference array: orders 0..=MAX_ORDER + 2.
const ROWS: usize = MAX_ORDER + 3;
/// Newton iterations per step attempt.
const NEWTON_MAXITER: usize = 4;
/// Newton stops when the estimated remaining error is below this fraction of the local error
/// tolerance (weighted RMS norm). Shampine & Reichelt's rule `min(0.03, √rtol)` gives 3e-5 at
/// `rtol = 1e-9`; on the H2/O2 ignition cases that costs 1.6× the right-hand sides (2.9 instead
/// of 1.9 per step) for no change in the ignition delay (< 1e-8) or the peak dP/dt (< 1e-4),
/// so the cap 0.03 is used at every tolerance. (CVODE's default, 0.1 of the error-test
/// tolerance, is looser still.)
const NEWTON_TOLERANCE: f64 = 0.03;
/// Default [`Options::jacobian_reuse_theta`]: a new Jacobian is evaluated for the next step
/// when the last Newton iteration contracted by a factor worse than this (RADAU5's rule,
/// Hairer & Wanner 1996, Sect. IV.8). Below about 0.008 the iteration can stop after one
/// correction (`ρ/(1 − ρ)·‖Δ‖ < NEWTON_TOLERANCE` with a first correction ‖Δ‖ ≈ 3–4 at an
/// order-5 step); on the H2/O2 ignition cases 0.01 cuts the right-hand sides from 2.0 to 1.26
/// per step for 4–7 times as many Jacobians, which are cheap for small mechanisms: 19 % less
/// time than keeping the Jacobian until Newton fails, and 1–3 % less than 0.005 or 0.02
/// (`docs/benchmarks.md`).
const JACOBIAN_REUSE_THETA: f64 = 0.01;
/// Safety factor on every predicted step size, times (2·4 + 1)/(2·4 + Newton iterations) as
/// in `ode15s`. `ode15s` and SciPy use 0.9; CVODE divides the error by 6 (and by 10 for an
/// order increase) before taking the root, the equivalent of 6^(−1/6) ≈ 0.74 and
/// 6^(−1/7) ≈ 0.77 at orders 5 and 6 (SUNDIALS CVODE, `cvode.c`: BIAS1 = BIAS2 = 6,
/// BIAS3 = 10; Hindmarsh et al., ACM TOMS 31 (2005) 363–396). With 0.9 a tenth of the steps on H2/O2 ignition were rejected, mostly the second
/// step after an increase: the error grows as the ignition accelerates. On a 72-case H2/O2
/// ignition grid (950–1400 K, 1–20 bar, four mixtures) 0.8 cut the rejected steps from 6203
/// to 1692, the right-hand sides by 5 % and the Jacobians and LU factorisations by 12 % for
/// the same number of steps; 0.75 and CVODE's biases were as good or slightly worse
/// (`docs/benchmarks.md`).
const SAFETY: f64 = 0.8;
/// Smallest step-size factor after a rejected step.
const MIN_FACTOR: f64 = 0.2;
/// Largest step-size factor.
const MAX_FACTOR: f64 = 10.0;
/// Singular Newton matrices tolerated in a row (each one halves the step).
const MAX_SINGULAR: usize = 5;
/// Consecutive step attempts that met non-finite right-hand sides before giving up.
const MAX_NON_FINITE: usize = 10;
/// κ of the NDFs of orders 0–6 (Shampine & Reichelt 1997, Table 1; orders 5 and 6 are the
/// BDFs).
const KAPPA: [f64; MAX_ORDER + 1] = [0.0, -0.1850, -1.0 / 9.0, -0.0823, -0.0415, 0.0, 0.0];

/// The order-dependent coefficients γ_k, α_k and the error constants, for k = 0..=MAX_ORDER+1.
#[derive(Debug, Clone, Copy)]
struct Coefficients {
    gamma: [f64; MAX_ORDER + 2],
    alpha: [f64; MAX_ORDER + 2],
    error_const: [f64; MAX_ORDER + 2],
    /// `U = R(order, 1)` of [`Bdf::change_step`] per order (it does not depend on the step).
    u: [[[f64; MAX_ORDER + 1]; MAX_ORDER + 1]; MAX_ORDER + 1],
}

impl Coefficients {
    fn new() -> Self {
        let mut c = Self {
            gamma: [0.0; MAX_ORDER + 2],
            alpha: [0.0; MAX_ORDER + 2],
            error_const: [0.0; MAX_ORDER + 2],
            u: [[[0.0; MAX_ORDER + 1]; MAX_ORDER + 1]; MAX_ORDER + 1],
        };
        for (order, u) in c.u.iter_mut().enumerate() {
            *u = r_matrix(order, 1.0);
        }
        for k in 0..MAX_ORDER + 2 {
            let kappa = KAPPA.get(k).copied().unwrap_or(0.0);
            c.gamma[k] = (1..=k).map(|j| 1.0 / j as f64).sum();
            c.alpha[k] = (1.0 - kappa) * c.gamma[k];
            c.error_const[k] = kappa * c.gamma[k] + 1.0 / (k + 1) as f64;
        }
        c
    }
}

/// Buffers of length `n` (and the difference array), allocated once per dimension.
#[derive(Debug, Clone, Default)]
struct Work {
    /// Backward differences `D_j = ∇^j y_n`, row `j` at `j·n..(j+1)·n`.
    d: Vec<f64>,
    /// Scratch for re-spacing the differences.
    d_new: Vec<f64>,
    y_pred: Vec<f64>,
    psi: Vec<f64>,
    /// The accumulated Newton correction `y − y_pred`.
    corr: Vec<f64>,
    /// The current Newton iterate.
    y_new: Vec<f64>,
    dy: Vec<f64>,
    f: Vec<f64>,
    scale: Vec<f64>,
    dydt: Vec<f64>,
    ytmp: Vec<f64>,
}

impl Work {
    fn resize(&mut self, n: usize) {
        self.d.resize(ROWS * n, 0.0);
        self.d_new.resize(ROWS * n, 0.0);
        for v in [
            &mut self.y_pred,
            &mut self.psi,
            &mut self.corr,
            &mut self.y_new,
            &mut self.dy,
            &mut self.f,
            &mut self.scale,
            &mut self.dydt,
            &mut self.ytmp,
        ] {
            v.resize(n, 0.0);
        }
    }
}

/// How a Newton solve ended.
enum Newton {
    /// Converged after `iterations`, with the last measured contraction rate.
    Converged {
        iterations: usize,
        rate: Option<f64>,
    },
    Failed,
    NonFinite,
}

/// Variable-order NDF/BDF integrator for `dy/dt = f(t, y)`; reusable across runs.
///
/// Same interface as [`crate::Radau5`]. [`Options::max_newton_iterations`] is a Radau5
/// setting and is not used here (the NDF code uses 4 Newton iterations). All buffers are
/// allocated by [`Bdf::new`] (or when the dimension changes); the step loop does not allocate.
#[derive(Debug, Clone)]
pub struct Bdf {
    options: Options,
    coef: Coefficients,
    n: usize,
    jac: DMatrix<f64>,
    lu: RealLu,
    work: Work,
    stats: Stats,
}

impl Bdf {
    /// An integrator for systems of dimension `dim`. Options are validated by
    /// [`integrate`](Integrate::integrate).
    pub fn new(dim: usize, options: Options) -> Self {
        let mut solver = Self {
            options,
            coef: Coefficients::new(),
            n: 0,
            jac: DMatrix::zeros(0, 0),
            lu: RealLu::default(),
            work: Work::default(),
            stats: Stats::default(),
        };
        solver.resize(dim);
        solver
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Replaces the options (buffers are kept).
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// Work counters of the last (possibly failed) run.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    fn resize(&mut self, n: usize) {
        if n != self.n || self.jac.nrows() != n {
            self.n = n;
            self.jac = DMatrix::zeros(n, n);
            self.lu.resize(n);
            self.work.resize(n);
        }
    }

    /// J at `(t, y_pred)`.
    fn jacobian<S: OdeSystem>(&mut self, sys: &mut S, t: f64) -> Result<(), OdeError<S::Error>> {
        evaluate_jacobian(sys, t, &self.work.y_pred, &mut self.jac, &mut self.stats)
    }

    /// Forms and factors `I − c·J`.
    fn decompose(&mut self, c: f64) -> Result<(), crate::lu::Singular> {
        let n = self.n;
        for (e, j) in self.lu.a.iter_mut().zip(self.jac.as_slice()) {
            *e = -c * j;
        }
        for i in 0..n {
            self.lu.a[i * n + i] += 1.0;
        }
        self.lu.factor()
    }

    /// Simplified Newton iteration on `d − c·f(y_pred + d) + ψ = 0`; leaves the iterate in
    /// `work.y_new` and the correction in `work.corr`.
    fn newton<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t: f64,
        c: f64,
        tol: f64,
        rate_prev: Option<f64>,
    ) -> Result<Newton, OdeError<S::Error>> {
        let w = &mut self.work;
        w.corr.fill(0.0);
        w.y_new.copy_from_slice(&w.y_pred);
        let mut norm_old: Option<f64> = None;
        for k in 0..NEWTON_MAXITER {
            self.stats.rhs_evals += 1;
            sys.rhs(t, &w.y_new, &mut w.f)
                .map_err(|source| OdeError::System { t, source })?;
            if !all_finite(&w.f) {
                return Ok(Newton::NonFinite);
            }
            self.stats.newton_iterations += 1;
            for i in 0..w.dy.len() {
                w.dy[i] = c * w.f[i] - w.psi[i] - w.corr[i];
            }
            self.lu.solve(&mut w.dy);
            let norm = rms_scaled(&w.dy, &w.scale);
            if !norm.is_finite() {
                return Ok(Newton::NonFinite);
            }
            let rate = match norm_old {
                Some(old) => Some(norm / old),
                None => rate_prev,
            };
            if let (Some(r), Some(_)) = (rate, norm_old) {
                if r >= 1.0 || r.powi((NEWTON_MAXITER - k) as i32) / (1.0 - r) * norm > tol {
                    return Ok(Newton::Failed);
                }
            }
            for i in 0..w.dy.len() {
                w.y_new[i] += w.dy[i];
                w.corr[i] += w.dy[i];
            }
            if norm == 0.0 || rate.is_some_and(|r| r < 1.0 && r / (1.0 - r) * norm < tol) {
                return Ok(Newton::Converged {
                    iterations: k + 1,
                    rate: norm_old.map(|old| norm / old).or(rate),
                });
            }
            norm_old = Some(norm);
        }
        Ok(Newton::Failed)
    }

    /// Re-spaces the differences `D_0..D_order` from step `h` to `factor·h`:
    /// `D ← (R(factor)·U)ᵀ D` with `U = R(1)` (Shampine & Reichelt 1997, Sect. 2.3).
    fn change_step(&mut self, order: usize, factor: f64) {
        let n = self.n;
        let r = r_matrix(order, factor);
        let u = &self.coef.u[order];
        let mut ru = [[0.0; MAX_ORDER + 1]; MAX_ORDER + 1];
        for i in 0..=order {
            for j in 0..=order {
                ru[i][j] = (0..=order).map(|k| r[i][k] * u[k][j]).sum();
            }
        }
        let w = &mut self.work;
        w.d_new[..(order + 1) * n].fill(0.0);
        for (k, ru_row) in ru.iter().enumerate().take(order + 1) {
            let src = &w.d[k * n..(k + 1) * n];
            for (j, &coef) in ru_row.iter().enumerate().take(order + 1) {
                let dst = &mut w.d_new[j * n..(j + 1) * n];
                for (x, s) in dst.iter_mut().zip(src) {
                    *x += coef * s;
                }
            }
        }
        w.d[..(order + 1) * n].copy_from_slice(&w.d_new[..(order + 1) * n]);
    }
}

impl Integrate for Bdf {
    fn integrate_with_system<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t0: f64,
        y0: &[f64],
        t_end: f64,
        mut observer: impl FnMut(&Step<'_>, &mut S) -> Control,
    ) -> Result<Outcome, OdeError<S::Error>> {
        self.stats = Stats::default();
        let n = sys.dim();
        validate(&self.options, n, t0, y0, t_end)?;
        self.resize(n);
        let opts = self.options.clone();
        let (rtol, atol) = (opts.tolerances.rtol, opts.tolerances.atol);
        let newton_tol = NEWTON_TOLERANCE.max(10.0 * f64::EPSILON / rtol);
        let reuse_theta = opts.jacobian_reuse_theta_or(JACOBIAN_REUSE_THETA);
        let max_order = opts.max_order.unwrap_or(DEFAULT_MAX_ORDER);
        let span = t_end - t0;
        let hmax = opts.max_step.unwrap_or(span).min(span);
        let coef = self.coef;

        // D_0 = y0, D_1 = h·f(t0, y0).
        let mut t = t0;
        self.work.d[..n].copy_from_slice(y0);
        self.stats.rhs_evals += 1;
        sys.rhs(t, y0, &mut self.work.f)
            .map_err(|source| OdeError::System { t, source })?;
        if !all_finite(&self.work.f) {
            return Err(OdeError::NonFinite {
                t,
                quantity: "right-hand side",
            });
        }
        for (s, y) in self.work.scale.iter_mut().zip(y0) {
            *s = atol + rtol * y.abs();
        }
        let mut h = match opts.initial_step {
            Some(h0) => h0,
            None => {
                let w = &mut self.work;
                initial_step(
                    sys,
                    t,
                    StartData {
                        y: y0,
                        f0: &w.f,
                        scal: &w.scale,
                        order: 1,
                        hmax,
                    },
                    &mut w.ytmp,
                    &mut w.dy,
                    &mut self.stats,
                )?
            }
        }
        .min(hmax);
        for (d1, f) in self.work.d[n..2 * n].iter_mut().zip(&self.work.f) {
            *d1 = h * f;
        }
        self.work.d[2 * n..].fill(0.0);

        let mut order = 1usize;
        let mut n_equal_steps = 0usize;
        let mut lu_current = false; // LU of I − c·J for the current c
        let mut jac_current = false; // Jacobian evaluated at the current step attempt
        let mut jac_ready = false; // any Jacobian evaluated yet
        let mut rate_prev: Option<f64> = None;
        let mut n_singular = 0usize;
        let mut n_non_finite = 0usize;
        let mut last_failure_non_finite = false;

        loop {
            // Step-size limits and the end of the interval.
            if h > hmax {
                self.change_step(order, hmax / h);
                h = hmax;
                n_equal_steps = 0;
                lu_current = false;
            }
            let min_step = 10.0 * f64::EPSILON * t.abs().max(f64::MIN_POSITIVE);
            if h < min_step || h < 1e-290 {
                return Err(if last_failure_non_finite {
                    OdeError::NonFinite {
                        t,
                        quantity: "right-hand side",
                    }
                } else {
                    OdeError::StepSizeTooSmall { t, h }
                });
            }
            let mut t_new = t + h;
            if t_new >= t_end || t_end - t_new <= 1e-3 * h {
                t_new = t_end;
                let h_end = t_end - t;
                self.change_step(order, h_end / h);
                h = h_end;
                n_equal_steps = 0;
                lu_current = false;
            }

            self.stats.steps += 1;
            if self.stats.steps > opts.max_steps {
                return Err(OdeError::TooManySteps {
                    t,
                    max_steps: opts.max_steps,
                });
            }

            // Predictor, ψ and the error weights.
            let c = h / coef.alpha[order];
            {
                let w = &mut self.work;
                w.y_pred.fill(0.0);
                w.psi.fill(0.0);
                for j in 0..=order {
                    let row = &w.d[j * n..(j + 1) * n];
                    for (p, x) in w.y_pred.iter_mut().zip(row) {
                        *p += x;
                    }
                    if j >= 1 {
                        let g = coef.gamma[j] / coef.alpha[order];
                        for (p, x) in w.psi.iter_mut().zip(row) {
                            *p += g * x;
                        }
                    }
                }
                for (s, y) in w.scale.iter_mut().zip(&w.y_pred) {
                    *s = atol + rtol * y.abs();
                }
            }

            // Newton, with a fresh Jacobian if it fails with an old one.
            let newton = loop {
                if !jac_ready {
                    self.jacobian(sys, t_new)?;
                    jac_ready = true;
                    jac_current = true;
                    lu_current = false;
                }
                if !lu_current {
                    self.stats.lu_decompositions += 1;
                    if self.decompose(c).is_err() {
                        break None;
                    }
                    lu_current = true;
                    rate_prev = None;
                }
                let result = self.newton(sys, t_new, c, newton_tol, rate_prev)?;
                match result {
                    Newton::Converged { .. } => break Some(result),
                    _ if jac_current => break Some(result),
                    _ => {
                        self.jacobian(sys, t_new)?;
                        jac_current = true;
                        lu_current = false;
                    }
                }
            };
            let iterations = match newton {
                Some(Newton::Converged { iterations, rate }) => {
                    n_singular = 0;
                    rate_prev = rate;
                    // Slow contraction with an old Jacobian: a new one for the next step.
                    if !jac_current && rate.is_some_and(|r| r > reuse_theta) {
                        jac_ready = false;
                    }
                    iterations
                }
                failure => {
                    // Singular matrix (None), divergence or non-finite values: half the step.
                    match failure {
                        None => {
                            n_singular += 1;
                            if n_singular >= MAX_SINGULAR {
                                return Err(OdeError::SingularMatrix { t, h });
                            }
                        }
                        Some(Newton::NonFinite) => {
                            n_non_finite += 1;
                            if n_non_finite >= MAX_NON_FINITE {
                                return Err(OdeError::NonFinite {
                                    t,
                                    quantity: "right-hand side",
                                });
                            }
                        }
                        _ => {}
                    }
                    last_failure_non_finite = matches!(failure, Some(Newton::NonFinite));
                    self.stats.newton_failures += 1;
                    self.change_step(order, 0.5);
                    h *= 0.5;
                    n_equal_steps = 0;
                    lu_current = false;
                    continue;
                }
            };

            // Error test, weights at the new solution.
            let safety =
                SAFETY * (2 * NEWTON_MAXITER + 1) as f64 / (2 * NEWTON_MAXITER + iterations) as f64;
            let err_norm = {
                let w = &mut self.work;
                for (s, y) in w.scale.iter_mut().zip(&w.y_new) {
                    *s = atol + rtol * y.abs();
                }
                coef.error_const[order] * rms_scaled(&w.corr, &w.scale)
            };
            if !err_norm.is_finite() || err_norm > 1.0 {
                self.stats.rejected += 1;
                last_failure_non_finite = false;
                let factor = if err_norm.is_finite() {
                    MIN_FACTOR.max(safety * err_norm.powf(-1.0 / (order + 1) as f64))
                } else {
                    MIN_FACTOR
                };
                self.change_step(order, factor);
                h *= factor;
                n_equal_steps = 0;
                lu_current = false;
                continue;
            }

            // Accepted: update the differences.
            self.stats.accepted += 1;
            jac_current = false;
            n_non_finite = 0;
            last_failure_non_finite = false;
            n_equal_steps += 1;
            t = t_new;
            {
                let w = &mut self.work;
                let (lo, hi) = w.d.split_at_mut((order + 2) * n);
                let d_q1 = &mut lo[(order + 1) * n..];
                let d_q2 = &mut hi[..n];
                for i in 0..n {
                    d_q2[i] = w.corr[i] - d_q1[i];
                    d_q1[i] = w.corr[i];
                }
                for j in (0..=order).rev() {
                    let (a, b) = w.d.split_at_mut((j + 1) * n);
                    for (x, y) in a[j * n..].iter_mut().zip(&b[..n]) {
                        *x += y;
                    }
                }
                // f(t, y) from the formula: d − c·f + ψ = 0.
                let inv_c = 1.0 / c;
                for ((f, d), p) in w.dydt.iter_mut().zip(&w.corr).zip(&w.psi) {
                    *f = (d + p) * inv_c;
                }
            }
            let control = observer(
                &Step {
                    t,
                    h,
                    y: &self.work.d[..n],
                    dydt: &self.work.dydt,
                    stats: &self.stats,
                    dense: Dense::Differences {
                        d: &self.work.d,
                        order,
                    },
                },
                sys,
            );
            if control == Control::Stop || t >= t_end {
                return Ok(Outcome {
                    t,
                    y: self.work.d[..n].to_vec(),
                    stats: self.stats,
                    stopped_by_observer: control == Control::Stop,
                });
            }

            // Order and step-size selection after order + 1 steps at the same size.
            if n_equal_steps < order + 1 {
                continue;
            }
            let w = &self.work;
            let norm_of = |row: usize, k: usize| {
                coef.error_const[k] * rms_scaled(&w.d[row * n..(row + 1) * n], &w.scale)
            };
            let err_m = if order > 1 {
                norm_of(order, order - 1)
            } else {
                f64::INFINITY
            };
            let err_p = if order < max_order {
                norm_of(order + 2, order + 1)
            } else {
                f64::INFINITY
            };
            let factors = [
                err_m.powf(-1.0 / order as f64),
                err_norm.powf(-1.0 / (order + 1) as f64),
                err_p.powf(-1.0 / (order + 2) as f64),
            ];
            let mut best = 1;
            for (k, f) in factors.iter().enumerate() {
                if *f > factors[best] {
                    best = k;
                }
            }
            order = order + best - 1;
            let factor = MAX_FACTOR.min(safety * factors[best]);
            self.change_step(order, factor);
            h *= factor;
            n_equal_steps = 0;
            lu_current = false;
        }
    }
}

/// `R(order, f)`: `R_ij = Π_{m=1..i} (m − 1 − f·j)/m` for `i, j ≥ 1`, first row ones
/// (Shampine & Reichelt 1997, Sect. 2.3).
fn r_matrix(order: usize, factor: f64) -> [[f64; MAX_ORDER + 1]; MAX_ORDER + 1] {
    let mut r = [[0.0; MAX_ORDER + 1]; MAX_ORDER + 1];
    r[0][..=order].fill(1.0);
    for i in 1..=order {
        let (above, below) = r.split_at_mut(i);
        let (prev, row) = (&above[i - 1], &mut below[0]);
        for j in 1..=order {
            row[j] = prev[j] * ((i - 1) as f64 - factor * j as f64) / i as f64;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respacing_by_one_is_the_identity() {
        // U·U = I (Shampine & Reichelt 1997: U is its own inverse).
        for order in 1..=MAX_ORDER {
            let u = r_matrix(order, 1.0);
            for i in 0..=order {
                for j in 0..=order {
                    let v: f64 = (0..=order).map(|k| u[i][k] * u[k][j]).sum();
                    let want = if i == j { 1.0 } else { 0.0 };
                    assert!((v - want).abs() < 1e-12, "order {order} ({i},{j}) {v}");
                }
            }
        }
    }

    #[test]
    fn ndf_coefficients() {
        let c = Coefficients::new();
        assert!((c.gamma[3] - 11.0 / 6.0).abs() < 1e-15);
        // BDF2 error constant 1/3; NDF2: κγ + 1/3 with κ = −1/9, γ = 3/2 → 1/6.
        assert!((c.error_const[2] - 1.0 / 6.0).abs() < 1e-15);
        assert!((c.error_const[5] - 1.0 / 6.0).abs() < 1e-15);
    }
}
