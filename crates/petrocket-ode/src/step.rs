//! What the integrators hand to the observer after each accepted step, and what they return.

use crate::{Stats, Termination};

/// What the observer wants after an accepted step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Go on integrating.
    Continue,
    /// Stop now; [`Outcome::stopped_by_observer`] will be `true`.
    Stop,
}

/// An accepted step, handed to the observer.
#[derive(Debug)]
pub struct Step<'a> {
    /// End time of the step (the new current time).
    pub t: f64,
    /// Step size: the step covered `[t − h, t]`.
    pub h: f64,
    /// Solution at `t`.
    pub y: &'a [f64],
    /// `f(t, y)` at the end of the step. [`Radau5`](crate::Radau5) evaluates it (it needs it
    /// for the next step); [`Bdf`](crate::Bdf) takes it from the BDF/NDF formula the step
    /// satisfies, `h·f = Σ_{j=1..q} ∇^j y/j − κγ_q·(y − y_pred)`, which holds to the Newton
    /// tolerance (a fraction `newton_tolerance·(atol + rtol·|y|)/h` absolute).
    pub dydt: &'a [f64],
    /// Work counters so far.
    pub stats: &'a Stats,
    pub(crate) dense: Dense<'a>,
}

/// The dense-output polynomial of a step.
#[derive(Debug)]
pub(crate) enum Dense<'a> {
    /// Radau IIA collocation polynomial in Newton form, in `s = (t − t_new)/h`.
    Collocation {
        cont: [&'a [f64]; 3],
        c1m1: f64,
        c2m1: f64,
    },
    /// BDF interpolant through the backward differences `D_j = ∇^j y_n` (row-major,
    /// `n` per row) of an order-`order` method at constant step `h`.
    Differences { d: &'a [f64], order: usize },
}

impl Step<'_> {
    /// Order of the method on this step: 5 for Radau IIA, the current order (1 to
    /// [`crate::Options::max_order`]) for the BDF.
    pub fn order(&self) -> usize {
        match self.dense {
            Dense::Collocation { .. } => 5,
            Dense::Differences { order, .. } => order,
        }
    }

    /// Dense output at `t`, written to `out`.
    ///
    /// Valid on `[self.t − self.h, self.t]`; outside that interval it extrapolates. Exact at
    /// the step's end. Radau5: the collocation polynomial (degree 3, of order 3 inside the
    /// step), accurate to the internal tolerance `0.1·rtol^(2/3)` (e.g. 1e-7 for
    /// `rtol = 1e-9`). BDF: the interpolating polynomial of degree `q` (the current order)
    /// through the last `q + 1` solution values, accurate to about the local error tolerance.
    /// `out` should have length `n`; only the first `min(out.len(), n)` components are
    /// written.
    pub fn interpolate(&self, t: f64, out: &mut [f64]) {
        let n = self.y.len();
        match &self.dense {
            Dense::Collocation { cont, c1m1, c2m1 } => {
                let s = (t - self.t) / self.h;
                let (a, b) = (s - c2m1, s - c1m1);
                for (i, o) in out.iter_mut().enumerate().take(n) {
                    *o = self.y[i] + s * (cont[0][i] + a * (cont[1][i] + b * cont[2][i]));
                }
            }
            Dense::Differences { d, order } => {
                // y(t) = Σ_j D_j Π_{m<j} (t − t_{n−m})/((m + 1) h), t_{n−m} = t_n − m h.
                let take = out.len().min(n);
                out[..take].copy_from_slice(&d[..take]);
                let mut p = 1.0;
                for j in 1..=*order {
                    let m = (j - 1) as f64;
                    p *= (t - (self.t - m * self.h)) / (j as f64 * self.h);
                    let row = &d[j * n..j * n + n];
                    for (o, dj) in out[..take].iter_mut().zip(row) {
                        *o += p * dj;
                    }
                }
            }
        }
    }
}

/// Result of a completed (or observer-stopped) integration.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Time reached: `t_end`, or the time of the step at which the observer stopped.
    pub t: f64,
    /// Solution at `t`.
    pub y: Vec<f64>,
    /// Work counters.
    pub stats: Stats,
    /// Whether the observer returned [`Control::Stop`].
    pub stopped_by_observer: bool,
}

impl Outcome {
    /// Why the run ended: [`Termination::Observer`] when the observer stopped it, else
    /// [`Termination::EndTime`]. (Failures are `Err`; see [`crate::OdeError::termination`].)
    pub fn termination(&self) -> Termination {
        if self.stopped_by_observer {
            Termination::Observer { t: self.t }
        } else {
            Termination::EndTime
        }
    }
}
