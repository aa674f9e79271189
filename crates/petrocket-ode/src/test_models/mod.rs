//! Reference problems with their reference solutions, shared by tests, benches and examples.
//!
//! Each problem cites where its reference values come from. The stiff test problems are those
//! of F. Mazzia and C. Magherini, "Test Set for Initial Value Problem Solvers", release 2.4,
//! Department of Mathematics, University of Bari, 2008 (problems ROBER, HIRES, VDPOL), whose
//! reference solutions were computed with RADAU5/RADAU in extended precision at
//! `rtol = atol = 1.1e-18`.

mod analytic;
mod hires;
mod robertson;
mod van_der_pol;

pub use analytic::{Harmonic, LinearDecay, StiffLinear2};
pub use hires::Hires;
pub use robertson::{Robertson, RobertsonStack};
pub use van_der_pol::VanDerPol;

/// The test problems never fail.
pub type Never = std::convert::Infallible;
