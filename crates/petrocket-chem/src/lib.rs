//! Thermochemistry for the PET Rocket Simulator: Cantera YAML mechanisms, ideal-gas mixtures, chemical equilibrium
