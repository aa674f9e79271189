//! Closed-form wall stresses: the quick reject before any FEM.
//!
//! - [`thin_wall`]: membrane stresses of cylinders (`σθ = p·r/t`, `σz = p·r/(2t)`) and
//!   spheres (`σ = p·r/(2t)`), burst pressures `σ_f·t/r` and `2σ_f·t/r`;
//! - [`lame`]: the exact elastic thick-wall cylinder (Lamé), stress distributions, inner
//!   von Mises/Tresca stresses and burst estimates;
//! - [`CylinderCheck`]: stresses, burst pressure and safety factor in one result.
//!
//! Conventions: SI units; **p is GAUGE pressure** (internal − external); **r is the MEAN
//! radius** for thin-wall formulas. Every function validates its inputs and returns a
//! [`StructureError`](crate::StructureError) instead of NaN or infinity.

mod check;
pub mod lame;
pub mod thin_wall;

pub use check::CylinderCheck;
pub use lame::{FailureCriterion, LameCylinder, LameStresses};
pub use thin_wall::{
    cylinder_axial_stress_pa, cylinder_burst_pressure_pa, cylinder_hoop_stress_pa,
    gauge_pressure_pa, sphere_burst_pressure_pa, sphere_stress_pa, THIN_WALL_MAX_THICKNESS_RATIO,
};
