//! The Radau IIA (order 5) integrator, after the RADAU5 design of Hairer & Wanner (1996),
//! Sect. IV.8. See the crate documentation for the method and its references.

mod tableau;

use nalgebra::DMatrix;

use crate::common::{all_finite, evaluate_jacobian, rms_scaled, validate};
use crate::lu::{ComplexLu, RealLu};
use crate::step::{Control, Dense, Outcome, Step};
use crate::{Integrate, OdeError, OdeSystem, Options, Stats};
use tableau::Tableau;

/// The unit round-off used by the step-size and Newton logic (RADAU5's `UROUND`).
const UROUND: f64 = f64::EPSILON;
/// Safety factor of the step-size controller.
const SAFE: f64 = 0.9;
/// Smallest allowed `h_new / h` is `1 / FAC_LEFT`.
const FAC_LEFT: f64 = 5.0;
/// Largest allowed `h_new / h` is `1 / FAC_RIGHT`.
const FAC_RIGHT: f64 = 0.125;
/// The LU factors are kept when `1 ≤ h_new/h ≤ QUOT2` (and the Jacobian is kept).
const QUOT2: f64 = 1.2;
/// Default [`Options::jacobian_reuse_theta`]: RADAU5's `THET` (Hairer & Wanner 1996,
/// Sect. IV.8; `WORK(3)` of `radau5.f`).
const JACOBIAN_REUSE_THETA: f64 = 0.001;
/// Singular Newton matrices tolerated in a row (each one halves the step).
const MAX_SINGULAR: usize = 5;
/// Consecutive step attempts that met non-finite right-hand sides before giving up.
const MAX_NON_FINITE: usize = 10;

/// Buffers of length `n`, allocated once per dimension.
#[derive(Debug, Clone, Default)]
struct Work {
    y: Vec<f64>,
    f0: Vec<f64>,
    scal: Vec<f64>,
    ytmp: Vec<f64>,
    err: Vec<f64>,
    /// Stage increments `z_i = Y_i − y` (Z space).
    z: [Vec<f64>; 3],
    /// Transformed increments `W = (T⁻¹ ⊗ I) Z`.
    w: [Vec<f64>; 3],
    /// Stage right-hand sides, then Newton residuals and corrections.
    f: [Vec<f64>; 3],
    /// Dense-output coefficients of the last accepted step.
    cont: [Vec<f64>; 3],
}

impl Work {
    fn resize(&mut self, n: usize) {
        for v in [
            &mut self.y,
            &mut self.f0,
            &mut self.scal,
            &mut self.ytmp,
            &mut self.err,
        ] {
            v.resize(n, 0.0);
        }
        for v in self
            .z
            .iter_mut()
            .chain(self.w.iter_mut())
            .chain(self.f.iter_mut())
            .chain(self.cont.iter_mut())
        {
            v.resize(n, 0.0);
        }
    }
}

/// How a Newton solve ended.
enum Newton {
    Converged {
        iterations: usize,
    },
    /// Predicted not to converge in time: retry with `h · factor`.
    Slow {
        factor: f64,
    },
    /// Diverged or ran out of iterations: retry with `h / 2`.
    Failed,
    /// A stage value was not finite: retry with `h / 2`.
    NonFinite,
}

/// What to do before the next step attempt.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prepare {
    /// New Jacobian, then new LU factors.
    Jacobian,
    /// New LU factors with the current Jacobian.
    Factor,
    /// Reuse the LU factors (same `h`, same Jacobian).
    Nothing,
}

/// Radau IIA order-5 integrator for `dy/dt = f(t, y)`; reusable across runs.
///
/// All buffers are allocated by [`Radau5::new`] (or when the dimension changes); the step loop
/// does not allocate.
#[derive(Debug, Clone)]
pub struct Radau5 {
    options: Options,
    tab: Tableau,
    n: usize,
    jac: DMatrix<f64>,
    e1: RealLu,
    e2: ComplexLu,
    work: Work,
    stats: Stats,
}

impl Radau5 {
    /// An integrator for systems of dimension `dim`. Options are validated by
    /// [`integrate`](Integrate::integrate).
    pub fn new(dim: usize, options: Options) -> Self {
        let mut solver = Self {
            options,
            tab: Tableau::radau_iia_3(),
            n: 0,
            jac: DMatrix::zeros(0, 0),
            e1: RealLu::default(),
            e2: ComplexLu::default(),
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
            self.e1.resize(n);
            self.e2.resize(n);
            self.work.resize(n);
        }
    }

    fn step_view(&self, t: f64, h: f64) -> Step<'_> {
        let [c1, c2, _] = self.tab.c;
        Step {
            t,
            h,
            y: &self.work.y,
            dydt: &self.work.f0,
            stats: &self.stats,
            dense: Dense::Collocation {
                cont: [&self.work.cont[0], &self.work.cont[1], &self.work.cont[2]],
                c1m1: c1 - 1.0,
                c2m1: c2 - 1.0,
            },
        }
    }

    /// `f0 = f(t, y)`.
    fn rhs_at_y<S: OdeSystem>(&mut self, sys: &mut S, t: f64) -> Result<(), OdeError<S::Error>> {
        self.stats.rhs_evals += 1;
        sys.rhs(t, &self.work.y, &mut self.work.f0)
            .map_err(|source| OdeError::System { t, source })
    }

    fn update_scal(&mut self, rtol: f64, atol: f64) {
        for (s, y) in self.work.scal.iter_mut().zip(&self.work.y) {
            *s = atol + rtol * y.abs();
        }
    }

    /// Forms `E1 = γ/h·I − J` and `E2 = (α + iβ)/h·I − J` and factors them.
    fn decompose(&mut self, h: f64) -> Result<(), crate::lu::Singular> {
        let n = self.n;
        let fac1 = self.tab.gamma / h;
        let (alphn, betan) = (self.tab.alpha / h, self.tab.beta / h);
        let jac = self.jac.as_slice();
        for (e, j) in self.e1.a.iter_mut().zip(jac) {
            *e = -j;
        }
        self.e2.re.copy_from_slice(&self.e1.a);
        self.e2.im.fill(0.0);
        for i in 0..n {
            self.e1.a[i * n + i] += fac1;
            self.e2.re[i * n + i] += alphn;
            self.e2.im[i * n + i] = betan;
        }
        self.e1.factor()?;
        self.e2.factor()
    }

    /// Starting values from the collocation polynomial of the last accepted step (Hairer &
    /// Wanner 1996, Sect. IV.8, "Starting values for the Newton iteration").
    fn starting_values(&mut self, ratio: f64) {
        let [c1, c2, _] = self.tab.c;
        let (c1m1, c2m1) = (c1 - 1.0, c2 - 1.0);
        let ti = self.tab.t_inv;
        let w = &mut self.work;
        let q = [c1 * ratio, c2 * ratio, ratio];
        for i in 0..self.n {
            let (a1, a2, a3) = (w.cont[0][i], w.cont[1][i], w.cont[2][i]);
            let mut z = [0.0; 3];
            for (zs, &s) in z.iter_mut().zip(&q) {
                *zs = s * (a1 + (s - c2m1) * (a2 + (s - c1m1) * a3));
            }
            for s in 0..3 {
                w.z[s][i] = z[s];
                w.w[s][i] = ti[s][0] * z[0] + ti[s][1] * z[1] + ti[s][2] * z[2];
            }
        }
    }

    /// Simplified Newton iteration on the transformed stage equations (Hairer & Wanner 1996,
    /// Sect. IV.8, eqs. (8.10)–(8.16)): convergence rate θ, stopping test `η·‖ΔW‖ ≤ κ·tol`
    /// with `η = θ/(1 − θ)`, and early abandonment when convergence is predicted too slow.
    #[allow(clippy::too_many_arguments)]
    fn newton<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t: f64,
        h: f64,
        fnewt: f64,
        nit: usize,
        thet: f64,
        faccon: &mut f64,
        theta: &mut f64,
    ) -> Result<Newton, OdeError<S::Error>> {
        let n = self.n;
        let tab = &self.tab;
        let (ti, tm, c) = (tab.t_inv, tab.t, tab.c);
        let fac1 = tab.gamma / h;
        let (alphn, betan) = (tab.alpha / h, tab.beta / h);
        let w = &mut self.work;
        *faccon = faccon.max(UROUND).powf(0.8);
        *theta = thet;
        let mut dyn_old = 0.0;
        let mut thq_old = 0.0;
        let mut newt = 0;
        loop {
            if newt >= nit {
                return Ok(Newton::Failed);
            }
            for (s, &cs) in c.iter().enumerate() {
                for i in 0..n {
                    w.ytmp[i] = w.y[i] + w.z[s][i];
                }
                let ts = t + cs * h;
                self.stats.rhs_evals += 1;
                sys.rhs(ts, &w.ytmp, &mut w.f[s])
                    .map_err(|source| OdeError::System { t: ts, source })?;
                if !all_finite(&w.f[s]) {
                    return Ok(Newton::NonFinite);
                }
            }
            newt += 1;
            self.stats.newton_iterations += 1;

            // Right-hand sides of the transformed system:
            // (Λ/h ⊗ I − I ⊗ J) ΔW = (T⁻¹ ⊗ I) F(Z) − (Λ/h ⊗ I) W.
            {
                let [f1, f2, f3] = &mut w.f;
                let [w1, w2, w3] = &w.w;
                for i in 0..n {
                    let (a1, a2, a3) = (f1[i], f2[i], f3[i]);
                    let r1 = ti[0][0] * a1 + ti[0][1] * a2 + ti[0][2] * a3;
                    let r2 = ti[1][0] * a1 + ti[1][1] * a2 + ti[1][2] * a3;
                    let r3 = ti[2][0] * a1 + ti[2][1] * a2 + ti[2][2] * a3;
                    f1[i] = r1 - fac1 * w1[i];
                    f2[i] = r2 - alphn * w2[i] + betan * w3[i];
                    f3[i] = r3 - betan * w2[i] - alphn * w3[i];
                }
                self.e1.solve(f1);
                self.e2.solve(f2, f3);
            }
            let mut sum = 0.0;
            for s in 0..3 {
                for (d, sc) in w.f[s].iter().zip(&w.scal) {
                    let q = d / sc;
                    sum += q * q;
                }
            }
            let dyno = (sum / (3 * n) as f64).sqrt();
            if !dyno.is_finite() {
                return Ok(Newton::NonFinite);
            }
            if newt > 1 && newt < nit {
                let thq = dyno / dyn_old;
                *theta = if newt == 2 {
                    thq
                } else {
                    (thq * thq_old).sqrt()
                };
                thq_old = thq;
                if *theta < 0.99 {
                    *faccon = *theta / (1.0 - *theta);
                    let remaining = nit - 1 - newt;
                    let dyth = *faccon * dyno * theta.powi(remaining as i32) / fnewt;
                    if dyth >= 1.0 {
                        let qnewt = dyth.clamp(1e-4, 20.0);
                        let factor = 0.8 * qnewt.powf(-1.0 / (4.0 + remaining as f64));
                        return Ok(Newton::Slow { factor });
                    }
                } else {
                    return Ok(Newton::Failed);
                }
            }
            dyn_old = dyno.max(UROUND);
            for s in 0..3 {
                for (wv, d) in w.w[s].iter_mut().zip(&w.f[s]) {
                    *wv += d;
                }
            }
            for i in 0..n {
                let (a1, a2, a3) = (w.w[0][i], w.w[1][i], w.w[2][i]);
                for (zs, row) in w.z.iter_mut().zip(&tm) {
                    zs[i] = row[0] * a1 + row[1] * a2 + row[2] * a3;
                }
            }
            if *faccon * dyno <= fnewt {
                return Ok(Newton::Converged { iterations: newt });
            }
        }
    }

    /// Scaled RMS norm of the filtered embedded error (Hairer & Wanner 1996, eqs. (8.19)–(8.20)),
    /// with one more filtering by `(γ/h·I − J)⁻¹` applied to `f(t, y + err)` when the first
    /// estimate fails on the first step or right after a rejection (their eq. (8.21)).
    fn error_estimate<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t: f64,
        h: f64,
        refine: bool,
    ) -> Result<f64, OdeError<S::Error>> {
        let n = self.n;
        let [d1, d2, d3] = self.tab.dd.map(|d| d / h);
        let w = &mut self.work;
        // f[1] keeps (e·Z)/h for the refinement.
        for i in 0..n {
            let ez = d1 * w.z[0][i] + d2 * w.z[1][i] + d3 * w.z[2][i];
            w.f[1][i] = ez;
            w.err[i] = w.f0[i] + ez;
        }
        self.e1.solve(&mut w.err);
        let mut err = rms_scaled(&w.err, &w.scal).max(1e-10);
        if err >= 1.0 && refine {
            for i in 0..n {
                w.ytmp[i] = w.y[i] + w.err[i];
            }
            self.stats.rhs_evals += 1;
            sys.rhs(t, &w.ytmp, &mut w.f[0])
                .map_err(|source| OdeError::System { t, source })?;
            if all_finite(&w.f[0]) {
                for i in 0..n {
                    w.err[i] = w.f[0][i] + w.f[1][i];
                }
                self.e1.solve(&mut w.err);
                err = rms_scaled(&w.err, &w.scal).max(1e-10);
            }
        }
        Ok(if err.is_finite() { err } else { 1e10 })
    }

    /// `y ← y + z₃` and the dense-output coefficients of the step: the collocation polynomial
    /// through `(−1, 0), (c₁ − 1, z₁), (c₂ − 1, z₂), (0, z₃)` in `s = (t − t_new)/h`, in
    /// Newton's divided-difference form.
    fn accept_step(&mut self) {
        let [c1, c2, _] = self.tab.c;
        let (c1m1, c2m1, c1mc2) = (c1 - 1.0, c2 - 1.0, c1 - c2);
        let w = &mut self.work;
        for i in 0..self.n {
            let (z1, z2, z3) = (w.z[0][i], w.z[1][i], w.z[2][i]);
            w.y[i] += z3;
            let d1 = (z2 - z3) / c2m1;
            let d12 = (z1 - z2) / c1mc2;
            let d2 = (d12 - d1) / c1m1;
            let d2b = (d12 - z1 / c1) / c2;
            w.cont[0][i] = d1;
            w.cont[1][i] = d2;
            w.cont[2][i] = d2 - d2b;
        }
    }
}

impl Integrate for Radau5 {
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
        let nit = opts.max_newton_iterations;
        let thet = opts.jacobian_reuse_theta_or(JACOBIAN_REUSE_THETA);
        // RADAU5's tolerance transformation: the error estimate is of order 3 (h⁴), so the
        // user's rtol is mapped to 0.1·rtol^(2/3) keeping atol/rtol, which makes the global
        // error track the requested tolerance (Hairer & Wanner 1996, Sect. IV.8).
        let rtol = 0.1 * opts.tolerances.rtol.powf(2.0 / 3.0);
        let atol = rtol * (opts.tolerances.atol / opts.tolerances.rtol);
        let fnewt = (10.0 * UROUND / rtol).max(0.03f64.min(rtol.sqrt()));
        let cfac = SAFE * (1 + 2 * nit) as f64;
        let span = t_end - t0;
        let hmax = opts.max_step.unwrap_or(span).min(span);

        let mut t = t0;
        self.work.y.copy_from_slice(y0);
        self.rhs_at_y(sys, t)?;
        if !all_finite(&self.work.f0) {
            return Err(OdeError::NonFinite {
                t,
                quantity: "right-hand side",
            });
        }
        self.update_scal(rtol, atol);
        let mut h = match opts.initial_step {
            Some(h0) => h0,
            None => {
                let w = &mut self.work;
                crate::common::initial_step(
                    sys,
                    t,
                    crate::common::StartData {
                        y: &w.y,
                        f0: &w.f0,
                        scal: &w.scal,
                        order: 3,
                        hmax,
                    },
                    &mut w.ytmp,
                    &mut w.f[0],
                    &mut self.stats,
                )?
            }
        }
        .min(hmax);
        let mut last = false;
        if t + 1.01 * h >= t_end {
            h = span;
            last = true;
        }

        let mut first = true;
        let mut reject = false;
        let mut caljac = false;
        let mut faccon = 1.0;
        let mut theta = thet;
        let mut h_old = h; // step size of the last accepted step (for the starting values)
        let mut h_acc = h;
        let mut err_acc = 1e-2;
        let mut n_singular = 0;
        let mut n_non_finite = 0;
        // Whether the last failed attempt met a non-finite value (turns a collapse of the step
        // size into the more telling NonFinite error).
        let mut last_failure_non_finite = false;
        let mut prepare = Prepare::Jacobian;

        loop {
            if prepare == Prepare::Jacobian {
                evaluate_jacobian(sys, t, &self.work.y, &mut self.jac, &mut self.stats)?;
                caljac = true;
            }
            if prepare != Prepare::Nothing {
                self.stats.lu_decompositions += 1;
                if self.decompose(h).is_err() {
                    n_singular += 1;
                    if n_singular >= MAX_SINGULAR {
                        return Err(OdeError::SingularMatrix { t, h });
                    }
                    h *= 0.5;
                    reject = true;
                    last = false;
                    prepare = Prepare::Factor;
                    continue;
                }
            }

            // One step attempt from t with step h.
            self.stats.steps += 1;
            if self.stats.steps > opts.max_steps {
                return Err(OdeError::TooManySteps {
                    t,
                    max_steps: opts.max_steps,
                });
            }
            if 0.1 * h <= t.abs() * UROUND || h < 1e-290 {
                return Err(if last_failure_non_finite {
                    OdeError::NonFinite {
                        t,
                        quantity: "right-hand side",
                    }
                } else {
                    OdeError::StepSizeTooSmall { t, h }
                });
            }
            if first {
                for s in 0..3 {
                    self.work.z[s].fill(0.0);
                    self.work.w[s].fill(0.0);
                }
            } else {
                self.starting_values(h / h_old);
            }

            let newton = self.newton(sys, t, h, fnewt, nit, thet, &mut faccon, &mut theta)?;
            let iterations = match newton {
                Newton::Converged { iterations } => iterations,
                Newton::Slow { .. } | Newton::Failed | Newton::NonFinite => {
                    self.stats.newton_failures += 1;
                    last_failure_non_finite = matches!(newton, Newton::NonFinite);
                    if last_failure_non_finite {
                        n_non_finite += 1;
                        if n_non_finite >= MAX_NON_FINITE {
                            return Err(OdeError::NonFinite {
                                t,
                                quantity: "right-hand side",
                            });
                        }
                    }
                    h *= match newton {
                        Newton::Slow { factor } => factor,
                        _ => 0.5,
                    };
                    reject = true;
                    last = false;
                    prepare = if caljac {
                        Prepare::Factor
                    } else {
                        Prepare::Jacobian
                    };
                    continue;
                }
            };

            let err = self.error_estimate(sys, t, h, first || reject)?;
            let fac = SAFE.min(cfac / (iterations + 2 * nit) as f64);
            let mut quot = (err.powf(0.25) / fac).clamp(FAC_RIGHT, FAC_LEFT);
            let mut h_new = h / quot;

            if err < 1.0 {
                // Accepted.
                first = false;
                self.stats.accepted += 1;
                if opts.predictive_controller && self.stats.accepted > 1 {
                    // Gustafsson's predictive controller (Hairer & Wanner 1996, eq. IV.8.25).
                    let facgus = ((h_acc / h) * (err * err / err_acc).powf(0.25) / SAFE)
                        .clamp(FAC_RIGHT, FAC_LEFT);
                    quot = quot.max(facgus);
                    h_new = h / quot;
                }
                h_acc = h;
                err_acc = err.max(1e-2);
                t = if last { t_end } else { t + h };
                self.accept_step();
                h_old = h;
                self.rhs_at_y(sys, t)?;
                if !all_finite(&self.work.f0) {
                    return Err(OdeError::NonFinite {
                        t,
                        quantity: "right-hand side",
                    });
                }
                self.update_scal(rtol, atol);
                caljac = false;
                n_singular = 0;
                n_non_finite = 0;

                let control = observer(&self.step_view(t, h), sys);
                if control == Control::Stop || last {
                    return Ok(Outcome {
                        t,
                        y: self.work.y.clone(),
                        stats: self.stats,
                        stopped_by_observer: control == Control::Stop,
                    });
                }

                h_new = h_new.min(hmax);
                if reject {
                    h_new = h_new.min(h);
                }
                reject = false;
                let keep_jacobian = theta <= thet;
                if t + 1.01 * h_new >= t_end {
                    h = t_end - t;
                    last = true;
                } else {
                    let qt = h_new / h;
                    if keep_jacobian && (1.0..=QUOT2).contains(&qt) {
                        prepare = Prepare::Nothing;
                        continue;
                    }
                    h = h_new;
                }
                prepare = if keep_jacobian {
                    Prepare::Factor
                } else {
                    Prepare::Jacobian
                };
            } else {
                // Rejected by the error test.
                self.stats.rejected += 1;
                last_failure_non_finite = false;
                reject = true;
                last = false;
                h = if first { h * 0.1 } else { h_new };
                prepare = if caljac {
                    Prepare::Factor
                } else {
                    Prepare::Jacobian
                };
            }
        }
    }
}
