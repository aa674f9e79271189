//! Wall heating: heat flux from the burned gas into a 1-D transient conduction model
//! through the wall.
//!
//! - [`flux`]: heat flux from hot combustion products to the wall, convection with a given
//!   or correlated coefficient plus gray-gas radiation of H2O ([`GasExposure`]).
//! - [`conduction`]: implicit finite-volume conduction through the wall thickness, graded
//!   to resolve a micrometre skin, driven by a flux or a gas exposure ([`heat_wall`]).
//! - [`analytic`]: the semi-infinite solid under constant flux, the check of the solver
//!   (VALIDATION S4).
//!
//! Model assumptions (all stated again on the items):
//! - 1-D conduction normal to the wall (the wall is thin against its radius of curvature
//!   and the gas temperature is uniform along it);
//! - constant conductivity, density and heat capacity at their 23 °C database values (PET's
//!   k and c rise by ≈ 10–30 % towards T_g: the constant values give a slightly faster
//!   surface heating, the safe side);
//! - no melting, decomposition or ablation: past the material's melting point the computed
//!   temperature has no physical meaning and a warning is raised;
//! - outer surface adiabatic by default (all the heat stays in the wall: conservative) or
//!   convective to still air.

pub mod analytic;
pub mod conduction;
pub mod flux;

pub use analytic::semi_infinite_constant_flux;
pub use conduction::{
    heat_wall, InnerBoundary, OuterBoundary, ThermalOptions, ThermalResult, WallSlab,
};
pub use flux::{planck_mean_absorption_h2o, GasExposure, HeatFlux};
