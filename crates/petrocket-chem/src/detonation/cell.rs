//! Detonation cell width from the ZND induction length.
//!
//! Correlation: λ = A·Δ_i, the linear scaling of the cell width with the reaction-zone
//! (induction) length proposed by Shchelkin & Troshin (1965) and calibrated by Westbrook &
//! Urtiew (*Chemical kinetic prediction of critical parameters in gaseous detonations*, Proc.
//! Combust. Inst. 19:615–623, 1982). The factor A is not universal: Shepherd (*Chemical
//! kinetics of hydrogen–air–diluent detonations*, Prog. Astronaut. Aeronaut. 106:263–293,
//! 1986) found A between ≈10 and ≈50 for hydrogen–air–diluent mixtures depending on
//! composition and on the definition of Δ_i. We use the central value A = 29 (the value
//! Westbrook & Urtiew fitted, as quoted by Shepherd 1986) and report the band A = 10–50 as the
//! uncertainty, i.e. a factor ≈3 below and ≈1.7 above the central estimate.
//!
//! Δ_i here is the distance from the shock to the maximum thermicity (SDToolbox definition,
//! [`super::znd`]). Validity: hydrogen mixtures near stoichiometric, 0.1–10 bar, 250–400 K;
//! far from stoichiometric and for highly irregular cells the band, not the central value,
//! is the answer. Checked against VALIDATION C10 (H2–O2 ≈1–2 mm, H2–air ≈8–15 mm, Caltech
//! detonation database) in `tests/detonation_behaviour.rs`.

use crate::error::{ChemError, Result};

/// Central proportionality factor A in λ = A·Δ_i (Westbrook & Urtiew 1982, via Shepherd 1986).
pub const CELL_FACTOR_CENTRAL: f64 = 29.0;
/// Lower end of the observed A range (Shepherd 1986).
pub const CELL_FACTOR_LOW: f64 = 10.0;
/// Upper end of the observed A range (Shepherd 1986).
pub const CELL_FACTOR_HIGH: f64 = 50.0;

/// A cell-width estimate with its uncertainty band.
#[derive(Debug, Clone, PartialEq)]
pub struct CellWidth {
    /// Central estimate A·Δ_i (m).
    pub central: f64,
    /// Lower bound A_low·Δ_i (m).
    pub lower: f64,
    /// Upper bound A_high·Δ_i (m).
    pub upper: f64,
    /// The induction length used (m).
    pub induction_length: f64,
    /// Correlation and sources.
    pub basis: &'static str,
}

/// Basis string of [`cell_width`].
pub const CELL_BASIS: &str = "lambda = A * Delta_i, A = 29 (10-50): Westbrook & Urtiew, \
Proc. Combust. Inst. 19:615 (1982); Shepherd, Prog. Astronaut. Aeronaut. 106:263 (1986)";

/// Cell width λ = A·Δ_i from the ZND induction length `induction_length` (m).
///
/// # Errors
/// [`ChemError::OutOfRange`] for a non-finite or non-positive length.
pub fn cell_width(induction_length: f64) -> Result<CellWidth> {
    if !(induction_length.is_finite() && induction_length > 0.0 && induction_length < 1e3) {
        return Err(ChemError::OutOfRange {
            field: "induction length".into(),
            value: induction_length,
            unit: "m",
            range: "(0, 1e3) m".into(),
        });
    }
    Ok(CellWidth {
        central: CELL_FACTOR_CENTRAL * induction_length,
        lower: CELL_FACTOR_LOW * induction_length,
        upper: CELL_FACTOR_HIGH * induction_length,
        induction_length,
        basis: CELL_BASIS,
    })
}
