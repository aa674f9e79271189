//! Physical quantities with units for the PET Rocket Simulator.
