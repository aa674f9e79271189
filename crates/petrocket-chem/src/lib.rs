//! Thermochemistry for the PET Rocket Simulator.
//!
//! Layers follow the physics, as in Cantera:
//! - [`mechanism`]: Cantera YAML mechanisms (units, phases, species, reactions) in SI, mol based;
//! - [`thermo`]: species standard states (NASA7, NASA9, constant cp);
//! - [`mixture`]: ideal-gas mixtures, properties, state setters, compositions;
//! - [`equilibrium`]: Gibbs minimisation by element potentials (TP, TV, HP, UV, SV, SP);
//! - [`kinetics`]: rate constants, rates of progress, production rates and their exact Jacobian;
//! - [`reactor`]: adiabatic constant-volume and constant-pressure reactors, ignition;
//! - [`flame`]: laminar burning velocity of H2 mixtures (correlations, range flags);
//! - [`combustion`]: adiabatic flame temperature and expansion ratio (HP equilibrium);
//! - [`limits`]: flammability and detonability limits of H2 mixtures (screening);
//! - [`detonation`]: shock jump conditions, Chapman–Jouguet detonation, von Neumann and
//!   reflected shocks, ZND structure, cell width and detonability screening.
//!
//! Units are SI with amounts in **mol** (not Cantera's kmol): J/mol, mol/m³, kg/mol.
//! The bundled H2/O2 mechanism is available as `Mechanism::bundled("h2o2")`.
//!
//! ```
//! use petrocket_chem::{equilibrate, EquilibriumMode, GasMixture};
//! let gas = GasMixture::load("h2o2")?;
//! let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1")?;
//! let fresh = gas.state_tpx(298.15, 101_325.0, &x)?;
//! let aicc = equilibrate(&gas, &fresh, EquilibriumMode::UV)?;
//! let ratio = aicc.state.pressure / fresh.pressure;
//! assert!((ratio - 9.6).abs() < 0.1, "closed-vessel pressure ratio {ratio}");
//! # Ok::<(), petrocket_chem::ChemError>(())
//! ```

#![deny(missing_docs)]

pub mod combustion;
pub mod detonation;
pub mod elements;
pub mod equilibrium;
pub mod error;
pub mod flame;
pub mod kinetics;
pub mod limits;
pub mod mechanism;
pub mod mixture;
mod numerics;
pub mod reactor;
pub mod species;
pub mod thermo;

pub use equilibrium::{
    equilibrate, equilibrate_with, EquilibriumMode, EquilibriumOptions, EquilibriumResult,
};
pub use error::{ChemError, Result};
pub use kinetics::{Kinetics, KineticsRates, KineticsWork};
pub use mechanism::Mechanism;
pub use mixture::{GasMixture, GasState, MixtureProperties};
