//! Laminar burning velocity `S_L` of hydrogen mixtures from correlations.
//!
//! `S_L` is the speed, relative to the unburned gas, of a planar, adiabatic, unstretched
//! premixed flame. It is computed here from **correlations** behind one trait,
//! [`BurningVelocityModel`], so that a 1-D flame solver of our own can later plug in
//! beside them. The mixture is first reduced to the variables the correlations know
//! ([`FlameMixture`]): equivalence ratio `φ = (x_H2/x_O2)/2`, oxidiser (air when
//! `x_N2/x_O2` is within 5 % of 3.76, otherwise oxygen, N2 then being a diluent), the mole
//! fractions of the diluents N2, Ar, He and H2O, and the unburned `T` and `P`.
//!
//! Flow of [`laminar_burning_velocity`]:
//! 1. flammability limits at the mixture temperature ([`crate::limits::flammability_at`]): outside them the answer is
//!    [`FlameSpeed::NotFlammable`] with the reason ("not flammable: …"), never a number;
//! 2. composition → [`FlameMixture`]; species other than H2, O2, N2, Ar, He, H2O are an
//!    error;
//! 3. the correlation for the oxidiser ([`default_model`]) gives `S_L`; outside its
//!    validity range ([`ValidityRange`]), or when the steam in the mixture would condense
//!    ([`water_saturation_pressure_pa`]), the value is still returned, with
//!    `in_validity_range = false` and a warning naming the variable and the range.
//!
//! Correlations available:
//!
//! | name | mixtures | source | validity |
//! |---|---|---|---|
//! | [`cantera_fit::H2_AIR`] | H2–air (+ H2O) | fit to Cantera 3.2 h2o2 free flames | φ 0.4–4, 250–400 K, 0.5–5 bar, H2O ≤ 20 % |
//! | [`cantera_fit::H2_O2`] | H2–O2 + N2/Ar/He/H2O | fit to Cantera 3.2 h2o2 free flames | φ 0.3–4, 250–400 K, 0.5–5 bar, N2/Ar/He ≤ 60 %, H2O ≤ 30 % (diluted: φ 0.5–2) |
//! | [`ravi_petersen::H2_AIR`] | H2–air | Ravi & Petersen (published; coefficients as in OpenFOAM) | φ 0.5–5, 1–30 bar, 270–450 K (T range assumed), not the default |
//!
//! Both are fits to **computed** flames (Cantera FreeFlame, mixture-averaged transport,
//! the bundled GRI-Mech 3.0 H2/O2 subset), not to experiment: they carry the mechanism's
//! own error (GRI-Mech 3.0 is slow for very lean H2–air). See `docs/flame_speed.md` for
//! the deviation table against every golden case.
//!
//! ```
//! use petrocket_chem::flame::{laminar_burning_velocity, FlameSpeed};
//! use petrocket_chem::GasMixture;
//! let gas = GasMixture::load("h2o2")?;
//! let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1,N2:3.76")?;
//! let fresh = gas.state_tpx(298.15, 101_325.0, &x)?;
//! let FlameSpeed::Burning(v) = laminar_burning_velocity(&gas, &fresh)? else { panic!() };
//! assert!((v.laminar_burning_velocity_m_s - 2.31).abs() < 0.1); // VALIDATION C5
//! assert!(v.in_validity_range);
//! # Ok::<(), petrocket_chem::ChemError>(())
//! ```

pub mod cantera_fit;
mod composition;
mod fit_coefficients;
pub mod ravi_petersen;

pub use composition::{
    Diluent, FlameMixture, Oxidiser, AIR_MONATOMIC_ALLOWANCE, AIR_N2_O2, AIR_RATIO_TOLERANCE,
};

use crate::error::{ChemError, Result};
use crate::limits::{flammability_at, LimitCheck};
use crate::mixture::{GasMixture, GasState};

/// Ranges of the variables over which a correlation was validated. Each pair is inclusive
/// `(min, max)`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidityRange {
    /// Equivalence ratio of an undiluted mixture.
    pub phi: (f64, f64),
    /// Equivalence ratio when any diluent is present.
    pub phi_diluted: (f64, f64),
    /// Unburned temperature, K.
    pub temperature_k: (f64, f64),
    /// Pressure, Pa.
    pub pressure_pa: (f64, f64),
    /// Largest mole fraction validated for each diluent; a diluent not listed is outside.
    pub diluents: &'static [(Diluent, f64)],
}

/// Diluent mole fractions below this are treated as absent by the range check.
pub const TRACE_DILUENT: f64 = 1e-3;

impl ValidityRange {
    /// One warning per variable of `m` outside the range; empty when inside.
    pub fn check(&self, m: &FlameMixture) -> Vec<String> {
        let mut w = Vec::new();
        let out = |name: &str, v: f64, (lo, hi): (f64, f64), unit: &str| {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            // Bounds are inclusive up to rounding (φ of a parsed "H2:0.6,O2:1" is 0.3 − ε).
            let slack = 1e-9 * lo.abs().max(hi.abs()).max(1e-3);
            (!(lo - slack..=hi + slack).contains(&v)).then(|| {
                format!("{name} = {v:.4}{unit} is outside the validated range {lo}–{hi}{unit}")
            })
        };
        let diluted = m.diluents.iter().any(|&(_, x)| x > TRACE_DILUENT);
        if diluted {
            w.extend(out("phi (diluted)", m.phi, self.phi_diluted, ""));
        } else {
            w.extend(out("phi", m.phi, self.phi, ""));
        }
        w.extend(out("T", m.temperature_k, self.temperature_k, "K"));
        w.extend(out("P", m.pressure_pa, self.pressure_pa, "Pa"));
        for &(d, x) in m.diluents.iter().filter(|(_, x)| *x > TRACE_DILUENT) {
            match self.diluents.iter().find(|(dd, _)| *dd == d) {
                Some(&(_, max)) => w.extend(out(&format!("x_{}", d.name()), x, (0.0, max), "")),
                None => w.push(format!(
                    "diluent {} ({:.3}) is not covered by this correlation",
                    d.name(),
                    x
                )),
            }
        }
        let n_diluted = m
            .diluents
            .iter()
            .filter(|(_, x)| *x > TRACE_DILUENT)
            .count();
        if n_diluted > 1 {
            w.push(format!(
                "{n_diluted} diluents at once: their effects are added, validated one at a time"
            ));
        }
        w
    }
}

/// A laminar-burning-velocity model: a correlation now, a 1-D flame solver later.
pub trait BurningVelocityModel: std::fmt::Debug + Sync {
    /// Short identifier, e.g. `cantera-fit-h2-air`.
    fn name(&self) -> &'static str;
    /// Where the model comes from (paper, or data and script for a fit).
    fn citation(&self) -> &'static str;
    /// The oxidiser the model is for.
    fn oxidiser(&self) -> Oxidiser;
    /// Where the model was validated.
    fn validity(&self) -> &ValidityRange;
    /// `S_L` in m/s for `m`, without any range check (the caller checks
    /// [`Self::validity`]). Errors only on a non-finite result.
    fn burning_velocity(&self, m: &FlameMixture) -> Result<f64>;
}

/// A burning velocity with its provenance and range status.
#[derive(Debug, Clone, PartialEq)]
pub struct BurningVelocity {
    /// Laminar burning velocity `S_L`, m/s (relative to the unburned gas).
    pub laminar_burning_velocity_m_s: f64,
    /// Name of the model used.
    pub correlation: &'static str,
    /// Its source.
    pub citation: &'static str,
    /// Every variable inside the model's validity range.
    pub in_validity_range: bool,
    /// Why not (one line per variable out of range, plus composition remarks).
    pub warnings: Vec<String>,
    /// The mixture as the model saw it.
    pub mixture: FlameMixture,
    /// The flammability check that was passed.
    pub limits: LimitCheck,
}

/// The answer for a mixture: a burning velocity, or why there is none.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum FlameSpeed {
    /// Inside the flammability limits.
    Burning(BurningVelocity),
    /// Outside the flammability limits: no flame, no number.
    NotFlammable {
        /// "not flammable: …" with the limits and their source.
        reason: String,
        /// The limit check.
        limits: LimitCheck,
    },
}

/// The model used by default for oxidiser `ox`.
pub fn default_model(ox: Oxidiser) -> &'static dyn BurningVelocityModel {
    match ox {
        Oxidiser::Air => &cantera_fit::H2_AIR,
        Oxidiser::Oxygen => &cantera_fit::H2_O2,
    }
}

/// All correlations, for listing and for `--correlation NAME`.
pub fn models() -> [&'static dyn BurningVelocityModel; 3] {
    [
        &cantera_fit::H2_AIR,
        &cantera_fit::H2_O2,
        &ravi_petersen::H2_AIR,
    ]
}

/// Looks a model up by [`BurningVelocityModel::name`]; the error lists the names.
pub fn model_by_name(name: &str) -> Result<&'static dyn BurningVelocityModel> {
    models()
        .into_iter()
        .find(|m| m.name() == name)
        .ok_or_else(|| ChemError::Composition {
            field: "correlation".into(),
            value: name.into(),
            reason: format!(
                "unknown correlation; known: {}",
                models().map(|m| m.name()).join(", ")
            ),
        })
}

/// `S_L` of the unburned `state` with the default model for its oxidiser (see the module
/// docs for the steps).
pub fn laminar_burning_velocity(gas: &GasMixture, state: &GasState) -> Result<FlameSpeed> {
    laminar_burning_velocity_with(gas, state, None)
}

/// As [`laminar_burning_velocity`], with a chosen model (`None`: the default one). A model
/// for the other oxidiser is used as asked, with a warning and `in_validity_range = false`.
pub fn laminar_burning_velocity_with(
    gas: &GasMixture,
    state: &GasState,
    model: Option<&dyn BurningVelocityModel>,
) -> Result<FlameSpeed> {
    let limits = flammability_at(gas, &state.mole_fractions, state.temperature)?;
    if !limits.inside {
        return Ok(FlameSpeed::NotFlammable {
            reason: limits.verdict(),
            limits,
        });
    }
    let (mixture, mut warnings) = FlameMixture::from_state(gas, state)?;
    let model = model.unwrap_or_else(|| default_model(mixture.oxidiser));
    if model.oxidiser() != mixture.oxidiser {
        warnings.push(format!(
            "correlation {} is for {} but the mixture's oxidiser is {}",
            model.name(),
            model.oxidiser().name(),
            mixture.oxidiser.name()
        ));
    }
    let mut range = model.validity().check(&mixture);
    range.extend(steam_condensation(&mixture));
    let in_validity_range = range.is_empty() && model.oxidiser() == mixture.oxidiser;
    warnings.extend(range);
    let s = model.burning_velocity(&mixture)?;
    Ok(FlameSpeed::Burning(BurningVelocity {
        laminar_burning_velocity_m_s: s,
        correlation: model.name(),
        citation: model.citation(),
        in_validity_range,
        warnings,
        mixture,
        limits,
    }))
}

/// Saturation pressure of water, Pa, from the Antoine equation
/// `log10(p/mmHg) = A − B/(C + T/°C)` with the constants of the NIST Chemistry WebBook
/// tabulation (Stull, Ind. Eng. Chem. 39:517, 1947): A = 8.07131, B = 1730.63, C = 233.426
/// for 1–100 °C and A = 8.14019, B = 1810.94, C = 244.485 for 99–374 °C. Gives 101.3 kPa at
/// 100 °C and 245.6 kPa at 400 K (steam tables 245.8 kPa). Below 1 °C the first set is
/// extrapolated (about the frost point); above the critical point (647.1 K) there is no
/// condensation and `None` is returned.
pub fn water_saturation_pressure_pa(temperature_k: f64) -> Option<f64> {
    const MMHG_PA: f64 = 133.322_368;
    if temperature_k >= 647.1 {
        return None;
    }
    let t_c = temperature_k - 273.15;
    let (a, b, c) = if t_c <= 100.0 {
        (8.07131, 1730.63, 233.426)
    } else {
        (8.14019, 1810.94, 244.485)
    };
    Some(MMHG_PA * 10f64.powf(a - b / (c + t_c)))
}

/// A warning when the steam of `m` would condense at its temperature (`x_H2O·P` above the
/// saturation pressure): the gas-phase correlations do not describe such a mixture.
fn steam_condensation(m: &FlameMixture) -> Option<String> {
    let p_h2o = m.diluent(Diluent::H2O) * m.pressure_pa;
    let p_sat = water_saturation_pressure_pa(m.temperature_k)?;
    (p_h2o > p_sat).then(|| {
        format!(
            "steam would condense: its partial pressure {:.0} Pa exceeds the saturation \
             pressure {:.0} Pa at {:.2} K",
            p_h2o, p_sat, m.temperature_k
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Antoine equation against steam-table values within 1 %: IAPWS-IF97 verification
    /// value 3.53659 kPa at 300 K (Wagner et al., J. Eng. Gas Turbines Power 122:150, 2000,
    /// Table 35), 101.418 kPa at 100 °C and 245.77 kPa at 400 K (IAPWS-IF97 steam tables).
    #[test]
    fn water_saturation_pressure_matches_steam_tables() {
        for (t, p) in [(300.0, 3536.59), (373.15, 101_418.0), (400.0, 245_770.0)] {
            let v = water_saturation_pressure_pa(t).unwrap();
            assert!((v / p - 1.0).abs() < 0.01, "{t} K: {v} vs {p}");
        }
        assert!(water_saturation_pressure_pa(700.0).is_none());
    }
}
