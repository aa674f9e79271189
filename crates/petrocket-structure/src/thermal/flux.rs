//! Heat flux from burned gas to the wall: convection plus H2O radiation.
//!
//! ```text
//! q = h_c·(T_g − T_w) + ε_g·σ_SB·(T_g⁴ − T_w⁴)
//! ε_g = 1 − exp(−κ_P·L_m),   κ_P = p_H2O·Σ_{i=0..5} c_i (1000 K/T_g)^i   [1/(m·atm)]
//! L_m = 3.6·V/A                                           (mean beam length)
//! ```
//!
//! - **Convection**: `h_c` is an input. Its default, 200 W/(m²·K), is the order of the
//!   Woschni correlation (Woschni, SAE 670931, 1967: h = 3.26·B^−0.2·p^0.8·T^−0.55·w^0.8 with B
//!   in m, p in kPa, T in K, w in m/s) for a 0.1 m vessel at 1 MPa, 3000 K and a 20 m/s gas
//!   velocity, and gives ≈ 0.5 MW/m² against a cold wall: the low end of the 1–10 MW/m²
//!   quoted for confined combustion (VALIDATION S5, R). Give a larger value for a turbulent
//!   or detonating charge.
//! - **Radiation**: gray gas with the Planck-mean absorption coefficient of H2O, polynomial
//!   fit of the TNF Workshop radiation model (Barlow et al., Sandia, www.sandia.gov/TNF,
//!   fitted to RADCAL, Grosshandler, NIST TN 1402, 1993), valid for 300–2500 K and used
//!   up to 3500 K by extrapolation (stated as a warning by the caller). Only H2O radiates
//!   (H2/O2 products; OH and O2 bands are negligible). The gray Planck-mean emissivity
//!   over-predicts the emission of thick layers (κL ≳ 1): the safe side here.
//! - The wall is black (PET is opaque in the H2O bands); reflection is ignored.

use serde::Serialize;

use crate::error::{positive, Result, StructureError};
use crate::limits::Range;

/// Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018, exact in SI 2019).
pub const STEFAN_BOLTZMANN: f64 = 5.670_374_419e-8;

/// Default convective coefficient, W/(m²·K) (see the module docs).
pub const DEFAULT_CONVECTION_W_M2_K: f64 = 200.0;

/// TNF Workshop Planck-mean fit for H2O, 1/(m·atm), in powers of 1000 K/T.
const KAPPA_H2O: [f64; 6] = [-0.23093, -1.12390, 9.41530, -2.99880, 0.51382, -1.86840e-5];

/// Upper end of the temperature range of the TNF fit, K.
pub const KAPPA_FIT_MAX_K: f64 = 2500.0;

/// Planck-mean absorption coefficient of H2O at temperature `t_k` (K) and partial pressure
/// `p_h2o_pa` (Pa), 1/m (TNF Workshop fit, see module docs). Never negative.
pub fn planck_mean_absorption_h2o(t_k: f64, p_h2o_pa: f64) -> f64 {
    let u = 1000.0 / t_k;
    let per_atm = KAPPA_H2O.iter().rev().fold(0.0, |acc, c| acc * u + c);
    (per_atm * p_h2o_pa / 101_325.0).max(0.0)
}

/// A wall exposed to burned gas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GasExposure {
    /// Gas temperature, K.
    pub gas_temperature_k: f64,
    /// Gas pressure, Pa (absolute).
    pub gas_pressure_pa: f64,
    /// Mole fraction of H2O in the gas.
    pub h2o_mole_fraction: f64,
    /// Mean beam length `L_m = 3.6 V/A`, m.
    pub mean_beam_length_m: f64,
    /// Convective coefficient, W/(m²·K).
    pub convection_w_m2_k: f64,
}

/// Heat flux into the wall and its parts, W/m².
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatFlux {
    /// Convective part.
    pub convective_w_m2: f64,
    /// Radiative part.
    pub radiative_w_m2: f64,
    /// Gas emissivity used.
    pub gas_emissivity: f64,
}

impl HeatFlux {
    /// Total flux, W/m².
    pub fn total_w_m2(&self) -> f64 {
        self.convective_w_m2 + self.radiative_w_m2
    }
}

/// Gas temperature range, K: 200 K (a cold charge) … 5000 K (above the ≈ 3500 K
/// adiabatic flame temperature of stoichiometric H2–O2 at pressure, with margin; the
/// radiation fit is extrapolated above 2500 K, with a warning).
pub const GAS_TEMPERATURE_RANGE: Range = Range {
    quantity: "gas temperature",
    unit: "K",
    min: 200.0,
    max: 5000.0,
    reason: "200 K … 5000 K: burned H2–O2 is below ≈ 3500 K",
};
/// Absolute gas pressure range, Pa: 1 kPa … 100 MPa (a reflected detonation in a bottle
/// stays below ≈ 50 MPa; a PET bottle bursts at ≈ 1.2 MPa).
pub const GAS_PRESSURE_RANGE: Range = Range {
    quantity: "gas pressure",
    unit: "Pa",
    min: 1e3,
    max: 1e8,
    reason: "1 kPa … 100 MPa, absolute",
};
/// Mean beam length range, m: 0.1 mm … 10 m (0.08 m for a 2 L bottle).
pub const BEAM_LENGTH_RANGE: Range = Range {
    quantity: "mean beam length",
    unit: "m",
    min: 1e-4,
    max: 10.0,
    reason: "0.1 mm … 10 m; 3.6·V/A is 0.08 m for a 2 L bottle",
};
/// Convective coefficient range, W/(m²·K): 0 … 10⁵ (Woschni gives ≈ 200 for a bottle;
/// detonation boundary layers reach ≈ 10⁴).
pub const CONVECTION_RANGE: Range = Range {
    quantity: "convective heat-transfer coefficient",
    unit: "W/(m²·K)",
    min: 0.0,
    max: 1e5,
    reason: "0 … 1e5; a bottle burn is ≈ 200, a detonation ≈ 1e4",
};

impl GasExposure {
    /// Validates the exposure: every value within its range ([`GAS_TEMPERATURE_RANGE`],
    /// [`GAS_PRESSURE_RANGE`], [`BEAM_LENGTH_RANGE`], [`CONVECTION_RANGE`]), 0 ≤ x_H2O ≤ 1.
    pub fn validate(&self) -> Result<()> {
        GAS_TEMPERATURE_RANGE.check(positive("gas temperature", self.gas_temperature_k, "K")?)?;
        GAS_PRESSURE_RANGE.check(positive("gas pressure", self.gas_pressure_pa, "Pa")?)?;
        BEAM_LENGTH_RANGE.check(positive("mean beam length", self.mean_beam_length_m, "m")?)?;
        let x = self.h2o_mole_fraction;
        if !(x.is_finite() && (0.0..=1.0).contains(&x)) {
            return Err(StructureError::InvalidInput {
                quantity: "H2O mole fraction",
                value: x,
                unit: "",
                requirement: "between 0 and 1".into(),
            });
        }
        let h = self.convection_w_m2_k;
        if !(h.is_finite() && h >= 0.0) {
            return Err(StructureError::InvalidInput {
                quantity: "convective heat-transfer coefficient",
                value: h,
                unit: "W/(m²·K)",
                requirement: "finite and ≥ 0".into(),
            });
        }
        CONVECTION_RANGE.check(h)?;
        Ok(())
    }

    /// Gray-gas emissivity `1 − exp(−κ_P L_m)`.
    pub fn emissivity(&self) -> f64 {
        let kappa = planck_mean_absorption_h2o(
            self.gas_temperature_k,
            self.h2o_mole_fraction * self.gas_pressure_pa,
        );
        1.0 - (-kappa * self.mean_beam_length_m).exp()
    }

    /// Flux into a wall at `t_wall_k` (K).
    pub fn flux(&self, t_wall_k: f64) -> HeatFlux {
        let eps = self.emissivity();
        let tg = self.gas_temperature_k;
        HeatFlux {
            convective_w_m2: self.convection_w_m2_k * (tg - t_wall_k),
            radiative_w_m2: eps * STEFAN_BOLTZMANN * (tg.powi(4) - t_wall_k.powi(4)),
            gas_emissivity: eps,
        }
    }

    /// `dq/dT_wall`, W/(m²·K) (negative), for the implicit boundary condition.
    pub fn flux_derivative(&self, t_wall_k: f64) -> f64 {
        -self.convection_w_m2_k - 4.0 * self.emissivity() * STEFAN_BOLTZMANN * t_wall_k.powi(3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Burned stoichiometric H2–O2 in a 2 L bottle: radiation of order 1 MW/m² (VALIDATION S5).
    #[test]
    fn bottle_radiation_is_of_order_one_megawatt() {
        let exposure = GasExposure {
            gas_temperature_k: 3000.0,
            gas_pressure_pa: 9.6e5,
            h2o_mole_fraction: 0.6,
            mean_beam_length_m: 3.6 * 2e-3 / 0.09,
            convection_w_m2_k: DEFAULT_CONVECTION_W_M2_K,
        };
        exposure.validate().unwrap();
        let q = exposure.flux(300.0);
        assert!(q.radiative_w_m2 > 3e5 && q.radiative_w_m2 < 3e6, "{q:?}");
        assert!(q.convective_w_m2 > 4e5 && q.convective_w_m2 < 6e5, "{q:?}");
        // The derivative is the slope of the flux.
        let d = (exposure.flux(301.0).total_w_m2() - exposure.flux(299.0).total_w_m2()) / 2.0;
        assert!((d / exposure.flux_derivative(300.0) - 1.0).abs() < 1e-6);
        // No water, no radiation.
        let dry = GasExposure {
            h2o_mole_fraction: 0.0,
            ..exposure
        };
        assert!(dry.flux(300.0).radiative_w_m2.abs() < 1e-9);
    }

    #[test]
    fn bad_exposure_is_rejected() {
        let bad = GasExposure {
            gas_temperature_k: 3000.0,
            gas_pressure_pa: 1e5,
            h2o_mole_fraction: 1.5,
            mean_beam_length_m: 0.08,
            convection_w_m2_k: 100.0,
        };
        let e = bad.validate().unwrap_err().to_string();
        assert!(e.contains("H2O mole fraction 1.5"), "{e}");
    }
}
