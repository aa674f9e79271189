//! Materials: cited property data for bottle walls and alternatives.
//!
//! Every value is a [`Cited`] number — value, source, and whether it is an assumption —
//! so reports can list what a verdict rests on. Values are SI: Pa, kg/m³, K, W/(m·K),
//! J/(kg·K), 1/K, 1/s. The built-in data live in `data/materials.toml` (embedded); a user
//! file can add materials or replace built-in ones by name ([`MaterialDb`]).
//!
//! Temperature dependence is a factor on the 23 °C value ([`TemperatureDependence`]):
//! tables from handbooks for metals, and for PET a documented glass-transition MODEL,
//! because no bottle-specific E(T) or strength(T) has been published.
//!
//! Strain rate: `σ_f(ε̇) = σ_f(ε̇_ref)·(1 + k·log10(ε̇/ε̇_ref))`, with the smaller `k`
//! ([`StrainRateSensitivity::gain_per_decade`]) above the reference rate and the larger one
//! ([`StrainRateSensitivity::loss_per_decade`]) below it, so that neither fast loading nor slow
//! loading is credited with more strength than the data range supports.

mod database;
mod temperature;

use serde::{Deserialize, Serialize};

pub use database::{MaterialDb, BUILTIN_MATERIALS_TOML};
pub use temperature::{TemperatureDependence, REFERENCE_TEMPERATURE_K};

use crate::error::{Result, StructureError};

/// Lowest strain rate at which the log-linear rate law is applied, 1/s.
pub const MIN_STRAIN_RATE_PER_S: f64 = 1e-8;
/// Highest strain rate at which the log-linear rate law is applied, 1/s.
pub const MAX_STRAIN_RATE_PER_S: f64 = 1e4;

/// A value with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited<T = f64> {
    /// The value, SI units (named by the field that holds it).
    pub value: T,
    /// Where it comes from: a document, a VALIDATION.md id, or the reasoning behind an assumption.
    pub source: String,
    /// `true` when the value is an assumption (no published figure), not data.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumption: bool,
}

/// Strain-rate sensitivity of strength: `1 + k·log10(ε̇/ε̇_ref)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrainRateSensitivity {
    /// Strain rate at which `tensile_strength_pa` was measured, 1/s.
    pub reference_per_s: Cited,
    /// Fractional strength gain per decade ABOVE the reference rate (the low end of the
    /// plausible range: conservative for fast loading).
    pub gain_per_decade: Cited,
    /// Fractional strength loss per decade BELOW the reference rate (the high end of the
    /// plausible range: conservative for slow loading).
    pub loss_per_decade: Cited,
}

/// One material's properties. Build it from TOML through [`MaterialDb`], which validates it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Unique name, e.g. `pet-oriented`.
    pub name: String,
    /// What the material is and where it is used.
    pub description: String,
    /// Density, kg/m³.
    pub density_kg_m3: Cited,
    /// Young's modulus at 23 °C, Pa.
    pub youngs_modulus_pa: Cited,
    /// E(T)/E(23 °C).
    pub modulus_vs_temperature: TemperatureDependence,
    /// Poisson's ratio.
    pub poisson_ratio: Cited,
    /// Linear thermal expansion coefficient, 1/K.
    pub thermal_expansion_per_k: Cited,
    /// Thermal conductivity, W/(m·K).
    pub thermal_conductivity_w_m_k: Cited,
    /// Specific heat capacity, J/(kg·K).
    pub specific_heat_j_kg_k: Cited,
    /// Glass-transition temperature, K (where meaningful).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glass_transition_k: Option<Cited>,
    /// Melting point or solidus, K: the material has no strength above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub melting_k: Option<Cited>,
    /// Failure (ultimate tensile) strength at 23 °C and the reference strain rate, Pa.
    pub tensile_strength_pa: Cited,
    /// Yield strength at 23 °C, Pa (where meaningful).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yield_strength_pa: Option<Cited>,
    /// σ_f(T)/σ_f(23 °C).
    pub strength_vs_temperature: TemperatureDependence,
    /// Strain-rate sensitivity of strength.
    pub strain_rate: StrainRateSensitivity,
    /// Weibull modulus `m` of the strength scatter (coefficient of variation ≈ 1.2/m).
    pub weibull_modulus: Cited,
}

/// One cited value of a material, for listing sources and assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Citation<'a> {
    /// Field name (TOML key path).
    pub field: &'static str,
    /// The source text.
    pub source: &'a str,
    /// Whether the value is an assumption.
    pub assumption: bool,
}

impl Material {
    /// Young's modulus at temperature `t_k`, Pa. Errors outside the data range.
    pub fn youngs_modulus_at(&self, t_k: f64) -> Result<f64> {
        let f = self.factor(&self.modulus_vs_temperature, "Young's modulus", t_k)?;
        self.finite(self.youngs_modulus_pa.value * f, "youngs_modulus_pa")
    }

    /// Failure strength at temperature `t_k` and the reference strain rate, Pa.
    /// Errors outside the data range (above it, treat the wall as having lost its strength).
    pub fn strength_at(&self, t_k: f64) -> Result<f64> {
        let f = self.factor(&self.strength_vs_temperature, "strength", t_k)?;
        self.finite(self.tensile_strength_pa.value * f, "tensile_strength_pa")
    }

    /// Failure strength at `t_k` like [`Self::strength_at`], but defined at every
    /// temperature > 0 K, with a warning when `t_k` is outside the data range
    /// ([`TemperatureDependence::range_k`]):
    ///
    /// - **below** the lowest data temperature: the value there is held. A glassy polymer is
    ///   *stronger* colder (PET gains ≈ 60 % from 23 °C to −40 °C), so holding the coldest
    ///   value is conservative for strength; cold embrittlement (impact, notch sensitivity)
    ///   is not modelled, which the warning says.
    /// - **above** the highest data temperature (above the glass transition and towards the
    ///   melt; PET data end at 120 °C): the wall is declared to have **no strength** (0 Pa),
    ///   the convention of [`crate::failure`] (safety factor 0, burst). The last data value
    ///   would credit a softened or molten wall with strength it does not have.
    ///
    /// The pipeline's charge-temperature range (200–1500 K) thus always gets a value; a
    /// caller should attach the warning to its report.
    pub fn strength_at_clamped(&self, t_k: f64) -> Result<(f64, Option<String>)> {
        crate::error::positive("temperature", t_k, "K")?;
        let (min_k, max_k) = self.strength_vs_temperature.range_k();
        if t_k < min_k {
            let v = self.strength_at(min_k)?;
            Ok((
                v,
                Some(format!(
                    "material `{}`: {t_k} K is below the strength data ({min_k}–{max_k} K); \
                     the strength at {min_k} K, {v:.4e} Pa, is used (cold polymers are \
                     stronger, so this is conservative; cold embrittlement is not modelled)",
                    self.name
                )),
            ))
        } else if t_k > max_k {
            Ok((
                0.0,
                Some(format!(
                    "material `{}`: {t_k} K is above the strength data ({min_k}–{max_k} K): the \
                     wall is taken to have lost its strength (0 Pa)",
                    self.name
                )),
            ))
        } else {
            Ok((self.strength_at(t_k)?, None))
        }
    }

    /// Young's modulus at `t_k` like [`Self::youngs_modulus_at`], but defined at every
    /// temperature > 0 K: outside the data range the value at the nearer end is held, with
    /// a warning (a stiffness of 0 would make the FEM singular; above the range the wall
    /// has no strength anyway, see [`Self::strength_at_clamped`]).
    pub fn youngs_modulus_at_clamped(&self, t_k: f64) -> Result<(f64, Option<String>)> {
        crate::error::positive("temperature", t_k, "K")?;
        let (min_k, max_k) = self.modulus_vs_temperature.range_k();
        let held = t_k.clamp(min_k, max_k);
        let v = self.youngs_modulus_at(held)?;
        let warning = (t_k < min_k || t_k > max_k).then(|| {
            format!(
                "material `{}`: {t_k} K is outside the Young's modulus data ({min_k}–{max_k} K); \
                 the value at {held} K, {v:.4e} Pa, is used",
                self.name
            )
        });
        Ok((v, warning))
    }

    /// Strength factor `1 + k·log10(ε̇/ε̇_ref)` for strain rate `ε̇` (1/s), with `k` = gain above
    /// and loss below the reference rate. Errors outside
    /// [`MIN_STRAIN_RATE_PER_S`]–[`MAX_STRAIN_RATE_PER_S`].
    pub fn strain_rate_factor(&self, strain_rate_per_s: f64) -> Result<f64> {
        if !(MIN_STRAIN_RATE_PER_S..=MAX_STRAIN_RATE_PER_S).contains(&strain_rate_per_s) {
            return Err(StructureError::StrainRateOutOfRange {
                material: self.name.clone(),
                strain_rate_per_s,
                min_per_s: MIN_STRAIN_RATE_PER_S,
                max_per_s: MAX_STRAIN_RATE_PER_S,
            });
        }
        let rate = &self.strain_rate;
        let decades = (strain_rate_per_s / rate.reference_per_s.value).log10();
        let k = if decades >= 0.0 {
            rate.gain_per_decade.value
        } else {
            rate.loss_per_decade.value
        };
        self.finite(1.0 + k * decades, "strain_rate")
    }

    /// Failure strength at temperature `t_k` and strain rate `ε̇`, Pa:
    /// [`Self::strength_at`] × [`Self::strain_rate_factor`].
    pub fn strength_at_rate(&self, t_k: f64, strain_rate_per_s: f64) -> Result<f64> {
        Ok(self.strength_at(t_k)? * self.strain_rate_factor(strain_rate_per_s)?)
    }

    /// Every cited value with its source, in field order.
    pub fn citations(&self) -> Vec<Citation<'_>> {
        fn c<'a>(field: &'static str, v: &'a Cited) -> Citation<'a> {
            Citation {
                field,
                source: &v.source,
                assumption: v.assumption,
            }
        }
        fn t<'a>(field: &'static str, v: &'a TemperatureDependence) -> Citation<'a> {
            Citation {
                field,
                source: v.source(),
                assumption: v.is_assumption(),
            }
        }
        let mut out = vec![
            c("density_kg_m3", &self.density_kg_m3),
            c("youngs_modulus_pa", &self.youngs_modulus_pa),
            t("modulus_vs_temperature", &self.modulus_vs_temperature),
            c("poisson_ratio", &self.poisson_ratio),
            c("thermal_expansion_per_k", &self.thermal_expansion_per_k),
            c(
                "thermal_conductivity_w_m_k",
                &self.thermal_conductivity_w_m_k,
            ),
            c("specific_heat_j_kg_k", &self.specific_heat_j_kg_k),
        ];
        out.extend(
            self.glass_transition_k
                .as_ref()
                .map(|v| c("glass_transition_k", v)),
        );
        out.extend(self.melting_k.as_ref().map(|v| c("melting_k", v)));
        out.push(c("tensile_strength_pa", &self.tensile_strength_pa));
        out.extend(
            self.yield_strength_pa
                .as_ref()
                .map(|v| c("yield_strength_pa", v)),
        );
        out.extend([
            t("strength_vs_temperature", &self.strength_vs_temperature),
            c(
                "strain_rate.reference_per_s",
                &self.strain_rate.reference_per_s,
            ),
            c(
                "strain_rate.gain_per_decade",
                &self.strain_rate.gain_per_decade,
            ),
            c(
                "strain_rate.loss_per_decade",
                &self.strain_rate.loss_per_decade,
            ),
            c("weibull_modulus", &self.weibull_modulus),
        ]);
        out
    }

    /// Checks names, sources, ranges and tables; errors name the material, field and value.
    pub fn validate(&self) -> Result<()> {
        let name = self.name.as_str();
        if name.trim().is_empty() || name.chars().any(char::is_whitespace) {
            return Err(self.invalid("name", format!("{name:?}"), "non-empty, without whitespace"));
        }
        if let Some(c) = self
            .citations()
            .into_iter()
            .find(|c| c.source.trim().is_empty())
        {
            return Err(StructureError::MissingSource {
                material: name.into(),
                field: c.field.into(),
            });
        }
        let check = |field: &str, v: &Cited, ok: bool, requirement: &str| -> Result<()> {
            if v.value.is_finite() && ok {
                Ok(())
            } else {
                Err(self.invalid(field, v.value.to_string(), requirement))
            }
        };
        let (rho, e, nu) = (
            &self.density_kg_m3,
            &self.youngs_modulus_pa,
            &self.poisson_ratio,
        );
        check("density_kg_m3", rho, rho.value > 0.0, "> 0")?;
        check("youngs_modulus_pa", e, e.value > 0.0, "> 0")?;
        check(
            "poisson_ratio",
            nu,
            nu.value > 0.0 && nu.value < 0.5,
            "between 0 and 0.5 (exclusive)",
        )?;
        let alpha = &self.thermal_expansion_per_k;
        check(
            "thermal_expansion_per_k",
            alpha,
            alpha.value.abs() < 1e-3,
            "finite, |α| < 1e-3 1/K",
        )?;
        let k = &self.thermal_conductivity_w_m_k;
        check("thermal_conductivity_w_m_k", k, k.value > 0.0, "> 0")?;
        let cp = &self.specific_heat_j_kg_k;
        check("specific_heat_j_kg_k", cp, cp.value > 0.0, "> 0")?;
        for (field, v) in [
            ("glass_transition_k", &self.glass_transition_k),
            ("melting_k", &self.melting_k),
        ] {
            if let Some(v) = v {
                check(field, v, v.value > 0.0, "> 0 K")?;
            }
        }
        let melting = self.melting_k.as_ref().map(|m| m.value);
        let tg = self.glass_transition_k.as_ref().map(|g| g.value);
        if let (Some(tg), Some(tm)) = (tg, melting) {
            if tg >= tm {
                return Err(self.invalid(
                    "glass_transition_k",
                    tg.to_string(),
                    &format!("< melting_k {tm} K"),
                ));
            }
        }
        let uts = &self.tensile_strength_pa;
        check("tensile_strength_pa", uts, uts.value > 0.0, "> 0")?;
        if let Some(y) = &self.yield_strength_pa {
            check(
                "yield_strength_pa",
                y,
                y.value > 0.0 && y.value <= uts.value,
                "> 0 and ≤ tensile_strength_pa",
            )?;
        }
        let m = &self.weibull_modulus;
        check("weibull_modulus", m, m.value >= 1.0, "≥ 1")?;

        let sr = &self.strain_rate;
        let r = &sr.reference_per_s;
        let rate_range = (MIN_STRAIN_RATE_PER_S..=MAX_STRAIN_RATE_PER_S).contains(&r.value);
        check(
            "strain_rate.reference_per_s",
            r,
            rate_range,
            "within 1e-8–1e4 1/s",
        )?;
        for (field, v) in [
            ("strain_rate.gain_per_decade", &sr.gain_per_decade),
            ("strain_rate.loss_per_decade", &sr.loss_per_decade),
        ] {
            check(
                field,
                v,
                (0.0..=0.5).contains(&v.value),
                "between 0 and 0.5",
            )?;
        }
        let lowest = 1.0 - sr.loss_per_decade.value * (r.value / MIN_STRAIN_RATE_PER_S).log10();
        if lowest <= 0.0 {
            return Err(self.invalid(
                "strain_rate.loss_per_decade",
                sr.loss_per_decade.value.to_string(),
                "small enough that the strength stays > 0 down to 1e-8 1/s",
            ));
        }

        for (field, dep, allow_zero) in [
            (
                "modulus_vs_temperature",
                &self.modulus_vs_temperature,
                false,
            ),
            (
                "strength_vs_temperature",
                &self.strength_vs_temperature,
                true,
            ),
        ] {
            dep.validate(name, field, tg, allow_zero)?;
            if let Some(tm) = melting {
                let (_, max_k) = dep.range_k();
                if max_k > tm {
                    return Err(self.invalid(
                        field,
                        format!("data up to {max_k} K"),
                        &format!("≤ melting_k {tm} K"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Guards results of a material built by hand and never validated.
    fn finite(&self, value: f64, field: &str) -> Result<f64> {
        if value.is_finite() && value >= 0.0 {
            Ok(value)
        } else {
            Err(self.invalid(
                field,
                value.to_string(),
                "usable data (this material was not validated: call Material::validate)",
            ))
        }
    }

    fn invalid(&self, field: &str, value: String, requirement: &str) -> StructureError {
        StructureError::InvalidMaterial {
            material: crate::limits::truncate_token(&self.name, crate::limits::MAX_QUOTED_CHARS),
            field: field.into(),
            value: crate::limits::truncate_token(&value, crate::limits::MAX_QUOTED_CHARS),
            requirement: requirement.into(),
        }
    }

    fn factor(&self, dep: &TemperatureDependence, property: &'static str, t_k: f64) -> Result<f64> {
        crate::error::positive("temperature", t_k, "K")?;
        let (min_k, max_k) = dep.range_k();
        if t_k < min_k || t_k > max_k {
            let hint = if t_k > max_k {
                "there is no data above it: treat the wall as having lost its strength and stiffness"
            } else {
                "there is no data below it (cold embrittlement is not modelled)"
            };
            return Err(StructureError::TemperatureOutOfRange {
                material: self.name.clone(),
                property,
                temperature_k: t_k,
                min_k,
                max_k,
                hint,
            });
        }
        let tg = self
            .glass_transition_k
            .as_ref()
            .map_or(f64::NAN, |g| g.value);
        Ok(dep.factor_unchecked(t_k, tg))
    }
}
