//! Species: elemental composition, molecular weight, standard-state thermo, transport data.

use crate::thermo::SpeciesThermo;

/// Gas-transport parameters as given in the mechanism (Cantera `model: gas`), kept for the
/// transport and flame models; units as in Cantera YAML (K, Å, Å³, Debye).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransportData {
    /// `atom`, `linear` or `nonlinear`.
    pub geometry: String,
    /// Lennard-Jones well depth ε/k_B (K).
    pub well_depth_k: f64,
    /// Lennard-Jones collision diameter σ (Å).
    pub diameter_angstrom: f64,
    /// Dipole moment (Debye).
    pub dipole_debye: f64,
    /// Polarizability (Å³).
    pub polarizability_angstrom3: f64,
    /// Rotational relaxation collision number at 298 K.
    pub rotational_relaxation: f64,
    /// Acentric factor.
    pub acentric_factor: f64,
}

/// One species of a gas phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Species {
    /// Name as in the mechanism (case-sensitive).
    pub name: String,
    /// Atoms per molecule, by element index of the owning phase.
    pub composition: Vec<(usize, f64)>,
    /// Molecular weight (kg/mol).
    pub molecular_weight_kg_per_mol: f64,
    /// Standard-state thermodynamics.
    pub thermo: SpeciesThermo,
    /// Transport parameters, if the mechanism gives them.
    pub transport: Option<TransportData>,
}
