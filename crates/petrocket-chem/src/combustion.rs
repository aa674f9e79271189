//! Constant-pressure combustion helpers: adiabatic flame temperature and expansion ratio.
//!
//! The burned state of a premixed flame is the **HP equilibrium** of the unburned mixture:
//! enthalpy and pressure held, composition at chemical equilibrium (Law, *Combustion
//! Physics*, 2006, §2.5; Turns, *An Introduction to Combustion*, 3rd ed., §2.6). From it:
//!
//! ```text
//! T_ad = T(HP equilibrium)                     adiabatic flame temperature
//! σ    = ρ_u/ρ_b = (W_u T_b)/(W_b T_u)         expansion ratio (same pressure)
//! ```
//!
//! Assumptions: adiabatic, ideal gas, complete equilibrium in the products, no kinetic
//! limitation (a real flame's products approach but do not exceed it). Valid over the
//! temperature range of the mechanism's thermo fits (a fit extrapolated past its range
//! is reported as a warning by the equilibrium solver and passed on here).
//!
//! ```
//! use petrocket_chem::{combustion::burn_at_constant_pressure, GasMixture};
//! let gas = GasMixture::load("h2o2")?;
//! let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1")?;
//! let fresh = gas.state_tpx(298.15, 101_325.0, &x)?;
//! let burned = burn_at_constant_pressure(&gas, &fresh)?;
//! assert!((burned.expansion_ratio - 8.34).abs() < 0.05); // VALIDATION C6
//! # Ok::<(), petrocket_chem::ChemError>(())
//! ```

use crate::equilibrium::{equilibrate, EquilibriumMode};
use crate::error::{ChemError, Result};
use crate::mixture::{GasMixture, GasState};

/// The burned state of a constant-pressure adiabatic flame and the ratios derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnedGas {
    /// The unburned state it was computed from.
    pub unburned: GasState,
    /// HP equilibrium of the unburned state.
    pub burned: GasState,
    /// Adiabatic flame temperature `T_b`, K.
    pub adiabatic_flame_temperature_k: f64,
    /// Expansion ratio `σ = ρ_u/ρ_b` at constant pressure.
    pub expansion_ratio: f64,
    /// Unburned density `ρ_u`, kg/m³.
    pub unburned_density_kg_m3: f64,
    /// Burned density `ρ_b`, kg/m³.
    pub burned_density_kg_m3: f64,
    /// Remarks of the equilibrium solver (e.g. thermo extrapolated).
    pub warnings: Vec<String>,
}

/// Burns `unburned` at constant pressure and enthalpy to chemical equilibrium (see the
/// module docs for the model). Errors if the equilibrium does not converge or a result is
/// not finite.
pub fn burn_at_constant_pressure(gas: &GasMixture, unburned: &GasState) -> Result<BurnedGas> {
    let eq = equilibrate(gas, unburned, EquilibriumMode::HP)?;
    let rho_u = gas.properties(unburned).density;
    let rho_b = gas.properties(&eq.state).density;
    let sigma = rho_u / rho_b;
    if !(sigma.is_finite() && sigma > 0.0 && eq.state.temperature.is_finite()) {
        return Err(ChemError::NonFinite {
            quantity: "expansion ratio".into(),
            context: format!(
                "HP equilibrium from T = {} K, P = {} Pa",
                unburned.temperature, unburned.pressure
            ),
        });
    }
    Ok(BurnedGas {
        unburned: unburned.clone(),
        adiabatic_flame_temperature_k: eq.state.temperature,
        burned: eq.state,
        expansion_ratio: sigma,
        unburned_density_kg_m3: rho_u,
        burned_density_kg_m3: rho_b,
        warnings: eq.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn burn(text: &str) -> BurnedGas {
        let gas = GasMixture::load("h2o2").unwrap();
        let x = gas.parse_mole_fractions("mixture", text).unwrap();
        let fresh = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
        burn_at_constant_pressure(&gas, &fresh).unwrap()
    }

    /// VALIDATION C6 (Cantera 3.2.0 model values, MV): σ = 8.34 (H2–O2) and 6.90 (H2–air).
    #[test]
    fn expansion_ratios_match_validation_c6() {
        let o2 = burn("H2:2,O2:1");
        assert!(
            (o2.expansion_ratio - 8.34).abs() < 0.02,
            "{}",
            o2.expansion_ratio
        );
        let air = burn("H2:2,O2:1,N2:3.76");
        assert!(
            (air.expansion_ratio - 6.90).abs() < 0.02,
            "{}",
            air.expansion_ratio
        );
        // Dissociation keeps T_ad of stoichiometric H2–O2 near 3100 K, far below the
        // ≈ 4800 K of complete combustion to H2O. Enthalpy and pressure are held exactly.
        assert!(
            o2.adiabatic_flame_temperature_k > 3000.0 && o2.adiabatic_flame_temperature_k < 3200.0
        );
        let gas = GasMixture::load("h2o2").unwrap();
        let hu = gas.properties(&o2.unburned).h_mass();
        let hb = gas.properties(&o2.burned).h_mass();
        assert!((hu - hb).abs() <= 1e-6 * hu.abs().max(1e3));
        assert!((o2.burned.pressure - o2.unburned.pressure).abs() < 1e-6);
    }

    /// σ is the density ratio by definition: recompute it from the ideal-gas law.
    #[test]
    fn sigma_is_the_ideal_gas_density_ratio() {
        let b = burn("H2:1,O2:1,AR:3");
        let gas = GasMixture::load("h2o2").unwrap();
        let wu = gas.mean_molecular_weight(&b.unburned.mole_fractions);
        let wb = gas.mean_molecular_weight(&b.burned.mole_fractions);
        let sigma = wu * b.burned.temperature / (wb * b.unburned.temperature);
        assert!((sigma / b.expansion_ratio - 1.0).abs() < 1e-12);
    }
}
