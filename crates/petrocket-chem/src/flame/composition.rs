//! A mixture as the burning-velocity correlations see it: φ, oxidiser, diluents, T, P.

use crate::error::{ChemError, Result};
use crate::mixture::{GasMixture, GasState};

/// N2/O2 mole ratio of air (O2:N2 = 1:3.76, the usual combustion convention; Turns,
/// *An Introduction to Combustion*, 3rd ed., 2012, §2.5).
pub const AIR_N2_O2: f64 = 3.76;
/// Relative tolerance on `x_N2/x_O2` for the oxidiser to count as air.
pub const AIR_RATIO_TOLERANCE: f64 = 0.05;
/// Ar + He mole fraction up to which an air mixture is still treated as air (real air holds
/// 0.93 % Ar); the monatomic gas is then counted as nitrogen, with a warning.
pub const AIR_MONATOMIC_ALLOWANCE: f64 = 0.02;

/// Oxidiser of an H2 mixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oxidiser {
    /// Air, O2:N2 = 1:3.76.
    Air,
    /// Oxygen; any N2 is a diluent.
    Oxygen,
}

impl Oxidiser {
    /// `air` or `O2`.
    pub fn name(self) -> &'static str {
        match self {
            Oxidiser::Air => "air",
            Oxidiser::Oxygen => "O2",
        }
    }
}

/// An inert (or product) diluent the correlations know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diluent {
    /// Nitrogen (beyond air's, for an O2 oxidiser).
    N2,
    /// Argon.
    Ar,
    /// Helium.
    He,
    /// Steam.
    H2O,
}

impl Diluent {
    /// Species-like name: `N2`, `AR`, `HE`, `H2O`.
    pub fn name(self) -> &'static str {
        match self {
            Diluent::N2 => "N2",
            Diluent::Ar => "AR",
            Diluent::He => "HE",
            Diluent::H2O => "H2O",
        }
    }
}

/// The variables of the correlations, derived from a [`GasState`].
#[derive(Debug, Clone, PartialEq)]
pub struct FlameMixture {
    /// Equivalence ratio `φ = (x_H2/x_O2)/2`.
    pub phi: f64,
    /// Oxidiser.
    pub oxidiser: Oxidiser,
    /// H2 mole fraction.
    pub fuel_mole_fraction: f64,
    /// Diluent mole fractions of the whole mixture (air's N2 is not a diluent); always the
    /// four diluents in the order N2, Ar, He, H2O.
    pub diluents: [(Diluent, f64); 4],
    /// Unburned temperature, K.
    pub temperature_k: f64,
    /// Pressure, Pa.
    pub pressure_pa: f64,
}

impl FlameMixture {
    /// Mole fraction of diluent `d`.
    pub fn diluent(&self, d: Diluent) -> f64 {
        self.diluents
            .iter()
            .find(|(dd, _)| *dd == d)
            .map_or(0.0, |&(_, x)| x)
    }

    /// Reads `state`; returns the mixture and remarks on how it was read. Errors on species
    /// other than H2, O2, N2, AR, HE, H2O (above 1e-9), or without H2 or O2.
    pub fn from_state(gas: &GasMixture, state: &GasState) -> Result<(FlameMixture, Vec<String>)> {
        let (mut h2, mut o2, mut n2, mut ar, mut he, mut h2o) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for (name, &v) in gas.species_names().zip(&state.mole_fractions) {
            match name.to_ascii_uppercase().as_str() {
                "H2" => h2 += v,
                "O2" => o2 += v,
                "N2" => n2 += v,
                "AR" => ar += v,
                "HE" => he += v,
                "H2O" => h2o += v,
                _ if v > 1e-9 => {
                    return Err(ChemError::Composition {
                        field: "mixture".into(),
                        value: format!("{name} = {v:.3e}"),
                        reason: "burning-velocity correlations know H2 with O2 or air and the \
                                 diluents N2, AR, HE, H2O only"
                            .into(),
                    })
                }
                _ => {}
            }
        }
        if h2 <= 0.0 || o2 <= 0.0 {
            return Err(ChemError::Composition {
                field: "mixture".into(),
                value: format!("x_H2 = {h2:.3e}, x_O2 = {o2:.3e}"),
                reason: "a burning velocity needs both H2 and O2".into(),
            });
        }
        let mut warnings = Vec::new();
        let ratio = n2 / o2;
        let monatomic = ar + he;
        let air = (ratio / AIR_N2_O2 - 1.0).abs() <= AIR_RATIO_TOLERANCE
            && monatomic <= AIR_MONATOMIC_ALLOWANCE;
        let (oxidiser, n2_diluent) = if air {
            if monatomic > 0.0 {
                warnings.push(format!(
                    "{:.2} % Ar/He counted as part of the air",
                    100.0 * monatomic
                ));
                ar = 0.0;
                he = 0.0;
            }
            (Oxidiser::Air, 0.0)
        } else {
            if n2 > 0.0 && ratio > 1.0 {
                let why = if monatomic > AIR_MONATOMIC_ALLOWANCE {
                    format!("with {:.1} % Ar/He", 100.0 * monatomic)
                } else {
                    format!("not air's {AIR_N2_O2}")
                };
                warnings.push(format!(
                    "N2/O2 = {ratio:.3} ({why}): read as O2 with N2 as a diluent"
                ));
            }
            (Oxidiser::Oxygen, n2)
        };
        let mixture = FlameMixture {
            phi: h2 / (2.0 * o2),
            oxidiser,
            fuel_mole_fraction: h2,
            diluents: [
                (Diluent::N2, n2_diluent),
                (Diluent::Ar, ar),
                (Diluent::He, he),
                (Diluent::H2O, h2o),
            ],
            temperature_k: state.temperature,
            pressure_pa: state.pressure,
        };
        Ok((mixture, warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FlameMixture, Vec<String>) {
        let gas = GasMixture::load("h2o2").unwrap();
        let x = gas.parse_mole_fractions("mixture", text).unwrap();
        let s = gas.state_tpx(300.0, 1e5, &x).unwrap();
        FlameMixture::from_state(&gas, &s).unwrap()
    }

    #[test]
    fn air_oxygen_and_diluents_are_recognised() {
        let (m, w) = read("H2:2,O2:1,N2:3.76");
        assert_eq!(m.oxidiser, Oxidiser::Air);
        assert!((m.phi - 1.0).abs() < 1e-12 && w.is_empty());
        let (m, _) = read("H2:1,air:4.76");
        assert_eq!(m.oxidiser, Oxidiser::Air, "{m:?}");
        let (m, w) = read("H2:2,O2:1,N2:3");
        assert_eq!(m.oxidiser, Oxidiser::Oxygen);
        assert!((m.diluent(Diluent::N2) - 0.5).abs() < 1e-12 && w.len() == 1);
        let (m, _) = read("H2:4,O2:1,HE:5");
        assert!((m.phi - 2.0).abs() < 1e-12 && (m.diluent(Diluent::He) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn other_species_are_an_error() {
        let gas = GasMixture::load("h2o2").unwrap();
        let x = gas
            .parse_mole_fractions("mixture", "H2:2,O2:1,OH:0.1")
            .unwrap();
        let s = gas.state_tpx(300.0, 1e5, &x).unwrap();
        let e = FlameMixture::from_state(&gas, &s).unwrap_err().to_string();
        assert!(e.contains("OH"), "{e}");
    }
}
