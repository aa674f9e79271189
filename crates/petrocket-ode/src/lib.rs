//! Stiff implicit ODE integrator for small dense systems (chemical reactors, 10–60 unknowns).
//!
//! # Method
//! [`Radau5`] integrates `dy/dt = f(t, y)` with the 3-stage Radau IIA collocation method, the
//! design of Hairer & Wanner's RADAU5 code, written anew from its published description:
//! E. Hairer and G. Wanner, *Solving Ordinary Differential Equations II: Stiff and
//! Differential-Algebraic Problems*, 2nd ed., Springer, 1996, Sect. IV.5 (the method) and
//! Sect. IV.8 (its implementation).
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
//! # Assumptions and limits
//! - The user supplies an exact (or accurate) dense Jacobian; a poor Jacobian costs Newton
//!   iterations and step rejections but not accuracy.
//! - Linear algebra is **dense and direct** (`O(n³)` per factorisation; hand-written,
//!   allocation-free real and complex LU with partial pivoting): intended for `n` up to about
//!   100. Large sparse systems need a sparse solver.
//! - Forward integration only (`t_end > t0`), `f64` only, no mass matrix, no events other
//!   than the observer's [`Control::Stop`]. Deterministic: no threads, no randomness.
//! - Linear invariants of the system (e.g. `Σ y = 1` when `Σ f = 0` and the Jacobian is exact)
//!   are kept to round-off.
//!
//! # Why not an existing crate
//! The kinetics issue asks to prefer a well-kept crate such as `diffsol`. Measured on this
//! 2-core machine (scratch project, release build): `diffsol` 0.18.0 with default features
//! (nalgebra + faer) pulls 88 crates into its normal dependency tree (faer is used by its
//! linear-algebra layer even with `default-features = false, features = ["nalgebra"]`) and
//! takes 2 min 12 s to build from clean. Its BDF solver on Robertson (rtol 1e-9, atol 1e-15,
//! analytic Jacobian-vector products) needs 0.21 ms to t = 40 and 0.88 ms and 2482 steps to
//! t = 1e11, with a relative error of 2.5e-7 in y₁ at t = 1e11 (against the test-set
//! reference). This crate, on the same machine and problem: 0.09 ms to t = 40, 0.32–0.41 ms and
//! 780 steps to t = 1e11 with a relative error of 1.6e-9 (`benches/radau5.rs`,
//! `examples/work_precision.rs`): about twice as fast and 150 times more accurate, with no
//! new dependency (nalgebra is already in the workspace), full control of work counters,
//! error messages and allocation, and a few hundred lines of numerics to maintain.
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

#![deny(missing_docs)]

mod bdf;
#[doc(hidden)]
pub mod bench_support;
mod common;
mod error;
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
pub use integrate::Integrate;
pub use method::{Integrator, Method};
pub use options::{Options, Stats, Tolerances};
pub use radau5::Radau5;
pub use step::{Control, Outcome, Step};
pub use system::OdeSystem;
