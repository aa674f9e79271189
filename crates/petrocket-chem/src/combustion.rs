//! Constant-pressure combustion helpers: adiabatic flame temperature and expansion ratio,
//! and the heat-release sanity check of a charge ([`check_heat_release`]).
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

/// The standard heat of reaction of a charge burned to its major products, from
/// [`check_heat_release`].
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRelease {
    /// Δh° at 298.15 K of charge → major products, J per mol of charge (negative: heat is
    /// released).
    pub delta_h_j_per_mol: f64,
    /// Major products, mol per mol of charge, one value per species of the mechanism.
    pub products: Vec<f64>,
}

/// Check that a charge with mole fractions `x` releases heat when burned completely to its
/// major products, with the mechanism's own thermo data: the sanity check that catches
/// absurd thermo data (a sign error in H2O's formation enthalpy, a wrong unit) with a clear
/// message before an equilibrium or reactor fails to converge on them.
///
/// Major products at 298.15 K (the usual complete-combustion bookkeeping, e.g. Turns, *An
/// Introduction to Combustion*, 3rd ed., §2.4): oxygen goes to C → CO first, then
/// H → H2O, then CO → CO2, the rest remains O2; hydrogen not burned remains H2, nitrogen
/// becomes N2; species made only of other elements (Ar, He) pass unchanged. The
/// species needed (H2O, H2, O2, CO, CO2, N2 as the charge requires) must be in the
/// mechanism, and the charge must hold at least as much O as C.
///
/// Returns the heat of reaction when the charge forms no products (nothing burns, Δh° = 0)
/// or releases heat (Δh° < 0); an [`ChemError::ImplausibleThermo`] input error when a charge
/// that forms products does not release heat. Callers run it on charges that
/// [`crate::limits::flammability`] calls flammable; for a mechanism with H2, O2 and H2O the
/// loader already checks Δh_f(H2O) ([`crate::mechanism::check_mechanism`]).
///
/// ```
/// use petrocket_chem::{combustion::check_heat_release, GasMixture};
/// let gas = GasMixture::load("h2o2")?;
/// let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1")?;
/// let q = check_heat_release(&gas, &x)?;
/// // 2/3 mol H2O per mol of charge at −241.8 kJ/mol.
/// assert!((q.delta_h_j_per_mol / (2.0 / 3.0) + 241.8e3).abs() < 0.5e3);
/// # Ok::<(), petrocket_chem::ChemError>(())
/// ```
pub fn check_heat_release(gas: &GasMixture, x: &[f64]) -> Result<HeatRelease> {
    const T_REF: f64 = 298.15;
    let mech = gas.mechanism();
    let ns = gas.n_species();
    let source = || mech.source.clone();
    let cannot = |message: String| ChemError::Composition {
        field: "mixture".into(),
        value: format!("{} mole fractions", x.len()),
        reason: message,
    };
    if x.len() != ns || x.iter().any(|v| !v.is_finite() || *v < 0.0) {
        return Err(cannot(format!("expected {ns} finite mole fractions ≥ 0")));
    }
    let element = |sym: &str| {
        mech.elements
            .iter()
            .position(|e| e.symbol.eq_ignore_ascii_case(sym))
    };
    let (ec, eh, eo, en) = (element("C"), element("H"), element("O"), element("N"));
    let is_chon = |m: usize| [ec, eh, eo, en].contains(&Some(m));
    // Element amounts of the C/H/O/N part; other species pass through.
    let mut products = vec![0.0; ns];
    let (mut c, mut h, mut o, mut n) = (0.0, 0.0, 0.0, 0.0);
    for (k, &xk) in x.iter().enumerate() {
        if xk == 0.0 {
            continue;
        }
        let comp = &mech.species[k].composition;
        if comp.iter().all(|&(m, _)| !is_chon(m)) {
            products[k] += xk;
            continue;
        }
        if let Some(&(m, _)) = comp.iter().find(|&&(m, _)| !is_chon(m)) {
            return Err(cannot(format!(
                "the heat-release check covers C/H/O/N species and inert species only; {} \
                 also holds {}",
                mech.species[k].name, mech.elements[m].symbol
            )));
        }
        for &(m, a) in comp {
            let amount = xk * a;
            match Some(m) {
                e if e == ec => c += amount,
                e if e == eh => h += amount,
                e if e == eo => o += amount,
                _ => n += amount,
            }
        }
    }
    if o < c {
        return Err(cannot(format!(
            "the charge holds less O ({o:.4}) than C ({c:.4}) per mol: its major products \
             would include soot, which the heat-release check does not model"
        )));
    }
    let mut put = |name: &str, amount: f64| -> Result<()> {
        if amount <= 0.0 {
            return Ok(());
        }
        let k = gas.species_index(name).ok_or_else(|| {
            cannot(format!(
                "the major product {name} is not a species of the mechanism"
            ))
        })?;
        products[k] += amount;
        Ok(())
    };
    let h2o = (0.5 * h).min(o - c);
    let co2 = c.min(o - c - h2o);
    put("CO", c - co2)?;
    put("CO2", co2)?;
    put("H2O", h2o)?;
    put("H2", 0.5 * h - h2o)?;
    put("O2", 0.5 * (o - c - h2o - co2))?;
    put("N2", 0.5 * n)?;

    let mut points = vec![crate::thermo::ThermoPoint::default(); ns];
    gas.thermo_at(T_REF, &mut points);
    let rt = petrocket_units::GAS_CONSTANT * T_REF;
    let enthalpy = |amounts: &[f64]| -> f64 {
        amounts
            .iter()
            .zip(&points)
            .map(|(a, p)| if *a == 0.0 { 0.0 } else { a * p.h_rt * rt })
            .sum()
    };
    let delta_h = enthalpy(&products) - enthalpy(x);
    let total: f64 = x.iter().sum();
    let reacts = x
        .iter()
        .zip(&products)
        .any(|(a, b)| (a - b).abs() > 1e-9 * total.max(f64::MIN_POSITIVE));
    if !delta_h.is_finite() || (reacts && delta_h >= 0.0) {
        let names: Vec<&str> = products
            .iter()
            .zip(gas.species_names())
            .filter(|(a, _)| **a > 0.0)
            .map(|(_, n)| n)
            .collect();
        return Err(ChemError::ImplausibleThermo {
            file: source(),
            species: "the charge".into(),
            message: format!(
                "burning it completely to {} at 298.15 K gives Δh° = {:+.3} kJ/mol of charge, \
                 i.e. it would not release heat; check the thermo data of these species",
                names.join(", "),
                delta_h * 1e-3
            ),
        });
    }
    Ok(HeatRelease {
        delta_h_j_per_mol: delta_h,
        products,
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
