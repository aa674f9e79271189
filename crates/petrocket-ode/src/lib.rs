//! Stiff implicit ODE integrators for small dense systems (chemical reactors with 10–60
//! unknowns, vessel and bottle models), with dense output, event location and typed
//! termination reasons.
//!
//! # What it offers
//! - Two integrators of `dy/dt = f(t, y)` behind one interface, [`Integrate`], chosen at run
//!   time with [`Method`] and [`Integrator`]:
//!   - [`Bdf`] (the default): variable-order NDF/BDF (orders 1–5, or 1–6 on request) with
//!     quasi-constant step size, the design of MATLAB's `ode15s` (L. F. Shampine and
//!     M. W. Reichelt, *The MATLAB ODE Suite*, SIAM J. Sci. Comput. 18:1–22, 1997). Cheapest
//!     on chemical kinetics: few Jacobians and factorisations per step. Details in [`Bdf`].
//!   - [`Radau5`]: the 3-stage Radau IIA collocation method of order 5, the design of Hairer &
//!     Wanner's RADAU5 (below). L-stable at every step size: the choice for oscillatory stiff
//!     problems, and an independent cross-check of the BDF.
//! - The system supplies `f` and an exact (or accurate) dense Jacobian ([`OdeSystem`]).
//! - After every accepted step an observer receives the [`Step`] (state, derivative, dense
//!   output through [`Step::interpolate`], work counters) and may stop the run.
//! - **Events** ([`Event`], [`Integrate::integrate_with_events`]): zero crossings of user
//!   functions `g(t, y)`, counted by [`Direction`] (rising, falling, either), located on the
//!   dense output to a tolerance in `t`, recorded ([`EventRecord`]) or, for terminal events,
//!   ending the run at the event with the dense-output state there.
//! - **Termination reasons** ([`Termination`]): a run ends at the end time, at a terminal
//!   event, or when the observer stops it (`Ok`, [`EventOutcome::termination`],
//!   [`Outcome::termination`]); or it fails with an [`OdeError`] (step size too small,
//!   non-finite values, too many steps, singular Newton matrix, system error), whose
//!   [`OdeError::termination`] gives the same typed reason. Failures stay errors: a caller
//!   cannot mistake a failed run for a finished one.
//! - Work counters ([`Stats`]) and options that map onto a TOML table ([`Options`]).
//!
//! # Radau IIA (order 5)
//! [`Radau5`] is written anew from the published description: E. Hairer and G. Wanner,
//! *Solving Ordinary Differential Equations II: Stiff and Differential-Algebraic Problems*,
//! 2nd ed., Springer, 1996, Sect. IV.5 (the method) and Sect. IV.8 (its implementation).
//!
//! - **Order 5** at the step ends (stage order 3); **L-stable** (A-stable with stability
//!   function → 0 at ∞), so very stiff components are damped, not carried along.
//! - Each step solves the `3n` stage equations by a **simplified Newton** iteration. With the
//!   transformation `T⁻¹A⁻¹T = diag(γ, [[α, −β], [β, α]])` the Newton matrix splits into one real
//!   `n × n` system with `γ/h·I − J` and one complex `n × n` system with `(α + iβ)/h·I − J`;
//!   both are LU-factored once per step size and Jacobian. Convergence is watched through the
//!   contraction factor θ and stopped by `η·‖ΔW‖ ≤ κ·tol`, `η = θ/(1 − θ)`.
//! - **Starting values** for Newton come from the previous step's collocation polynomial.
//! - **Error estimate**: the embedded order-3 formula filtered through `(γ/h·I − J)⁻¹`, refined
//!   once more on the first step and after rejections (eqs. (8.19)–(8.21)).
//! - **Step control**: Gustafsson's predictive controller (eq. (8.25)). The Jacobian is reused
//!   while Newton converges fast (θ ≤ [`Options::jacobian_reuse_theta`]); the LU factors are
//!   also reused when the proposed step changes by less than 20 %.
//! - **Dense output**: the collocation polynomial, through [`Step::interpolate`]. It is of
//!   order 3, so between step ends it is accurate to the internal tolerance below rather
//!   than to `rtol` (measured: within 0.2–0.5 of it); end an integration at a time where the
//!   full accuracy is needed.
//! - **Tolerances** are transformed as in RADAU5 (`rtol' = 0.1·rtol^(2/3)`, same `atol/rtol`)
//!   because the error estimator is of lower order than the method; the global error then
//!   roughly follows the requested tolerance. Defaults are Cantera's (`rtol = 1e-9`,
//!   `atol = 1e-15`).
//!
//! # Events
//! After each accepted step `[t_a, t_b]` every event function is evaluated at `t_b`. A sign
//! change from `g(t_a) < 0` to `g(t_b) ≥ 0` is a rising crossing, from `g(t_a) > 0` to
//! `g(t_b) ≤ 0` a falling one: reaching zero counts, starting at zero does not, so an event
//! with `g(t0, y0) = 0` does not fire at `t0`. A counted crossing is located on `g(t,
//! y_dense(t))` by regula falsi with the Anderson–Björck modification, safeguarded by
//! bisection (no extra right-hand sides; measured: 4 evaluations of `g` per crossing at the
//! default tolerance). The reported time is the end of the final bracket on the far side of
//! the crossing: `g` there is zero or already has its new sign, and the crossing along the
//! dense output lies within the event's tolerance before it (default: the resolution of `f64`
//! time). Several events may be given; in a step, crossings are handled in time order and the
//! first terminal one ends the run. The observer does not see a step cut short by a terminal
//! event.
//!
//! Limits: two crossings of one function within one step cancel and are missed (limit
//! [`Options::max_step`] when crossings can be closer than the steps); the event time's error
//! is that of the dense output (about the local error tolerance, see above) divided by
//! `|dg/dt|`. Measured on the test problems (`tests/events.rs`): `e^(−t)` crossing 0.5 is
//! located at `ln 2` within 5e-10 (BDF) and 1.6e-9 (Radau5) at `rtol = 1e-10`; the zero
//! crossings of `cos t` within 1e-9 and 6e-11 up to `t = 17`.
//!
//! # Assumptions and limits
//! - The user supplies an exact (or accurate) dense Jacobian; a poor Jacobian costs Newton
//!   iterations and step rejections but not accuracy.
//! - Linear algebra is **dense and direct** (`O(n³)` per factorisation; hand-written,
//!   allocation-free real and complex LU with partial pivoting): intended for `n` up to about
//!   100. Large sparse systems need a sparse solver.
//! - Forward integration only (`t_end > t0`), `f64` only, no mass matrix (no DAEs).
//!   Deterministic: no threads, no randomness.
//! - Linear invariants of the system (e.g. `Σ y = 1` when `Σ f = 0` and the Jacobian is exact)
//!   are kept to round-off.
//!
//! # Why not an existing crate
//! The kinetics issue asked to prefer a well-kept crate such as `diffsol`. The project needs
//! stiff integrators for small dense systems with a user-supplied Jacobian, dense output,
//! event location, and a light build. What the crates.io candidates offer, from their
//! documentation (not all of it measured here):
//! - **`diffsol`** (0.18): BDF and SDIRK (TR-BDF2, ESDIRK34) solvers and an explicit
//!   Runge–Kutta one, mass matrices, dense and sparse matrices, and root finding (its solvers
//!   stop with `OdeSolverStopReason::RootFound`). The closest fit. Measured on this 2-core
//!   machine (scratch project, release build): with default features (nalgebra + faer) it
//!   pulls 88 crates into its normal dependency tree (faer is used by its linear-algebra
//!   layer even with `default-features = false, features = ["nalgebra"]`) and takes
//!   2 min 12 s to build from clean. Its BDF on Robertson to t = 1e11 (rtol 1e-9,
//!   atol 1e-15, analytic Jacobian-vector products) takes 2482 steps and 0.88 ms, with a
//!   relative error of 2.5e-7 in y₁ against the test-set reference (0.21 ms to t = 40).
//!   The like-for-like comparison is this crate's [`Bdf`]: 2072 steps and a relative error of
//!   3.5e-7 on the same problem and tolerances (`tests/bdf.rs`; its time was not measured
//!   in that setting): a result of the same class, not a better one. [`Radau5`], a method
//!   `diffsol` does not have, takes 780 steps, 0.32–0.41 ms and reaches 1.6e-9
//!   (`benches/radau5.rs`, `examples/work_precision.rs`).
//! - **`russell_ode`**: Radau5 (also for index-1 DAEs with a mass matrix), backward Euler and
//!   explicit Runge–Kutta methods after Hairer–Wanner; no BDF. It links BLAS/LAPACK
//!   (OpenBLAS or Intel MKL) and, through `russell_sparse`, MUMPS and UMFPACK as system C
//!   libraries: a build requirement this project does not otherwise have.
//! - **`differential-equations`**: pure Rust; explicit and implicit Runge–Kutta families
//!   (Radau IIA among them), event detection with Brent root finding, generic state types.
//!   Not measured here.
//! - **`ode_solvers`**: explicit methods only (Dopri5, Dop853, Rk4): not for stiff kinetics.
//! - **`peroxide`**: a general numerics library whose ODE module offers explicit Runge–Kutta
//!   methods and an implicit Gauss–Legendre method of order 4.
//!
//! None of them has both a variable-order BDF and Radau IIA behind one interface; the
//! closest, `diffsol`, would add 88 crates and two minutes of clean build for BDF results of
//! the same quality as this crate's. Owning the integrators gives the work counters, error
//! messages, termination reasons and allocation-free steps this project wants, at a price:
//! about 3,500 lines in `src/` (≈ 2,550 without comments and blank lines; `event.rs`, with
//! its documentation and unit tests, is 580 of them), plus 360 lines of test problems and
//! 1,700 of integration tests against the IVP test set's references and closed-form
//! solutions, to maintain.
//!
//! # Example
//! ```
//! use nalgebra::DMatrix;
//! use petrocket_ode::{Control, Integrate, OdeSystem, Options, Radau5};
//!
//! /// dy/dt = −k·y
//! struct Decay {
//!     k: f64,
//! }
//! impl OdeSystem for Decay {
//!     type Error = std::convert::Infallible;
//!     fn dim(&self) -> usize {
//!         1
//!     }
//!     fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Self::Error> {
//!         dydt[0] = -self.k * y[0];
//!         Ok(())
//!     }
//!     fn jacobian(&mut self, _t: f64, _y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Self::Error> {
//!         jac[(0, 0)] = -self.k;
//!         Ok(())
//!     }
//! }
//!
//! let mut solver = Radau5::new(1, Options::default());
//! let out = solver.integrate(&mut Decay { k: 2.0 }, 0.0, &[1.0], 1.0, |_| Control::Continue)?;
//! assert!((out.y[0] - (-2.0f64).exp()).abs() < 1e-9);
//! # Ok::<(), petrocket_ode::OdeError<std::convert::Infallible>>(())
//! ```
//!
//! The same decay with `k = 2`, stopped where `y` falls through 0.5, at `t = ln 2 / 2`:
//! ```
//! use petrocket_ode::test_models::LinearDecay;
//! use petrocket_ode::{Bdf, Control, Direction, Event, Integrate, Options, Termination};
//!
//! let mut events = [Event::new(|_t, y: &[f64]| y[0] - 0.5)
//!     .direction(Direction::Falling)
//!     .terminal(true)];
//! let mut solver = Bdf::new(1, Options::default());
//! let out = solver.integrate_with_events(
//!     &mut LinearDecay { k: 2.0 },
//!     0.0,
//!     &[1.0],
//!     10.0,
//!     &mut events,
//!     |_step, _sys| Control::Continue,
//! )?;
//! assert_eq!(out.termination, Termination::Event { index: 0, t: out.t });
//! assert!((out.t - std::f64::consts::LN_2 / 2.0).abs() < 1e-8);
//! assert!((out.y[0] - 0.5).abs() < 1e-8);
//! # Ok::<(), petrocket_ode::OdeError<std::convert::Infallible>>(())
//! ```

#![deny(missing_docs)]

mod bdf;
#[doc(hidden)]
pub mod bench_support;
mod common;
mod error;
mod event;
mod integrate;
mod lu;
mod method;
mod options;
mod radau5;
mod step;
mod system;
pub mod test_models;

pub use bdf::Bdf;
pub use error::OdeError;
pub use event::{Direction, Event, EventOutcome, EventRecord, Termination};
pub use integrate::Integrate;
pub use method::{Integrator, Method};
pub use options::{Options, Stats, Tolerances};
pub use radau5::Radau5;
pub use step::{Control, Outcome, Step};
pub use system::OdeSystem;
