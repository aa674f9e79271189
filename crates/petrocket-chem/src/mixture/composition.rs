//! Compositions from text (`"H2:2,O2:1"`, `"H2:2,air:4.76"`) and from an equivalence ratio.

use super::GasMixture;
use crate::error::{did_you_mean, known_names, ChemError, Result};
use crate::mechanism::input_limits::{clip, clip_to, MAX_QUOTED_CHARS};

/// Dry air as used by combustion texts: O2 : N2 = 1 : 3.76 (21 % O2, 79 % N2 by volume,
/// argon lumped with nitrogen; e.g. Turns, *An Introduction to Combustion*, 3rd ed., §2.5).
pub fn air() -> &'static [(&'static str, f64)] {
    &[("O2", 1.0 / 4.76), ("N2", 3.76 / 4.76)]
}

impl GasMixture {
    /// Parse `"NAME:amount, NAME:amount"` into normalised mole fractions. `air` stands for
    /// O2:1,N2:3.76 with the given total amount. A name without amount counts 1. Errors name
    /// the field, the offending entry and what is allowed.
    pub fn parse_mole_fractions(&self, field: &str, text: &str) -> Result<Vec<f64>> {
        let bad = |value: &str, reason: String| ChemError::Composition {
            field: field.to_string(),
            value: clip_to(value, 3 * MAX_QUOTED_CHARS),
            reason,
        };
        let mut x = vec![0.0; self.n_species()];
        let mut seen: Vec<String> = Vec::new();
        if text.trim().is_empty() {
            return Err(bad(text, "empty mixture; write e.g. \"H2:2,O2:1\"".into()));
        }
        for entry in text.split(',') {
            let entry = entry.trim();
            if entry.is_empty() {
                return Err(bad(text, "empty entry between commas".into()));
            }
            let (name, amount) = match entry.split_once(':') {
                Some((n, a)) => {
                    let a = a.trim();
                    let v: f64 = a.parse().map_err(|_| {
                        bad(
                            text,
                            format!("amount '{a}' of {} is not a number", n.trim()),
                        )
                    })?;
                    (n.trim(), v)
                }
                None => (entry, 1.0),
            };
            if !amount.is_finite() || amount <= 0.0 {
                return Err(bad(
                    text,
                    format!("amount of {name} is {amount}; amounts must be finite and > 0 (leave a species out instead of 0)"),
                ));
            }
            if seen.iter().any(|s| s == name) {
                return Err(bad(text, format!("{name} is listed twice")));
            }
            seen.push(name.to_string());
            if let Some(k) = self.species_index(name) {
                x[k] += amount;
            } else if name.eq_ignore_ascii_case("air") {
                for (sp, frac) in air() {
                    let k = self.species_index(sp).ok_or_else(|| {
                        bad(
                            text,
                            format!("'air' needs species {sp}, which this mechanism lacks"),
                        )
                    })?;
                    x[k] += amount * frac;
                }
            } else {
                return Err(ChemError::UnknownSpecies {
                    name: clip(name),
                    field: field.to_string(),
                    hint: did_you_mean(name, self.species_names().chain(["air"])),
                    known: known_names(name, self.species_names().chain(["air"])),
                });
            }
        }
        let mut sum: f64 = x.iter().sum();
        if !sum.is_finite() {
            // Amounts so large that their sum overflows: rescale by the largest first.
            let max = x.iter().copied().fold(0.0, f64::max);
            x.iter_mut().for_each(|v| *v /= max);
            sum = x.iter().sum();
        }
        Ok(x.into_iter().map(|v| v / sum).collect())
    }

    /// Oxygen demand of one molecule of species `k`: 2·C + H/2 + 2·S − O atoms (positive for
    /// fuels, negative for oxidisers, zero for inerts), the bookkeeping behind the
    /// equivalence ratio for products CO2, H2O and SO2.
    pub(crate) fn oxygen_demand(&self, k: usize) -> f64 {
        let mech = self.mechanism();
        mech.species[k]
            .composition
            .iter()
            .map(
                |&(m, n)| match mech.elements[m].symbol.to_ascii_uppercase().as_str() {
                    "C" => 2.0 * n,
                    "H" => 0.5 * n,
                    "S" => 2.0 * n,
                    "O" => -n,
                    _ => 0.0,
                },
            )
            .sum()
    }
}

/// Mole fractions of a fuel/oxidiser blend at equivalence ratio `phi`:
/// φ = (n_fuel/n_ox) / (n_fuel/n_ox)_stoich, where stoichiometric means zero net oxygen demand.
/// `fuel` and `oxidizer` are composition strings (e.g. `"H2"`, `"air"` or `"O2:1,N2:3.76"`).
/// Errors name the input fields `mixture.equivalence_ratio`, `mixture.fuel` and
/// `mixture.oxidizer` (the names of the simulator's input file).
pub fn equivalence_ratio_mixture(
    mix: &GasMixture,
    phi: f64,
    fuel: &str,
    oxidizer: &str,
) -> Result<Vec<f64>> {
    if !phi.is_finite() || phi <= 0.0 {
        return Err(ChemError::OutOfRange {
            field: "mixture.equivalence_ratio".into(),
            value: phi,
            unit: "-",
            range: "(0, ∞)".into(),
        });
    }
    let xf = mix.parse_mole_fractions("mixture.fuel", fuel)?;
    let xo = mix.parse_mole_fractions("mixture.oxidizer", oxidizer)?;
    let demand = |x: &[f64]| -> f64 {
        x.iter()
            .enumerate()
            .map(|(k, v)| v * mix.oxygen_demand(k))
            .sum()
    };
    let (df, dox) = (demand(&xf), demand(&xo));
    if df <= 0.0 || dox >= 0.0 {
        return Err(ChemError::Composition {
            field: "mixture.equivalence_ratio".into(),
            value: format!("fuel \"{fuel}\", oxidizer \"{oxidizer}\""),
            reason: "the fuel must need oxygen and the oxidizer must supply it".into(),
        });
    }
    let fuel_per_ox = phi * (-dox / df);
    let mut x: Vec<f64> = xf
        .iter()
        .zip(&xo)
        .map(|(f, o)| fuel_per_ox * f + o)
        .collect();
    let mut s: f64 = x.iter().sum();
    if !s.is_finite() {
        // φ so large that the blend overflows: per unit of fuel instead (pure fuel as φ → ∞).
        x = xf
            .iter()
            .zip(&xo)
            .map(|(f, o)| f + o / fuel_per_ox)
            .collect();
        s = x.iter().sum();
    }
    Ok(x.into_iter().map(|v| v / s).collect())
}
