//! Safety assessment: loads per combustion mode, safety factors and the verdict.
//!
//! Model (this release; each item is also listed in every summary's `assumptions`):
//! - **Closed deflagration**: the peak pressure is the AICC bound (adiabatic isochoric complete
//!   combustion = UV equilibrium of the fresh charge), no venting and no heat loss, which
//!   over-predicts measured closed-vessel peaks by 3–15 % (VALIDATION C4) — conservative.
//!   Dynamic load factor 1.06: the ramp bound of Chopra (VALIDATION S2) for rise times
//!   ≥ 1 ms; laminar flame transit in a 2 L bottle takes ≈ 2–4 ms for H2–O2 (S6).
//! - **Flammability**: H2 limits with an oxygen-limited upper bound
//!   (`petrocket_chem::limits`: lower 4 %, Coward & Jones 1952; LOC 5 %, NFPA 69). A charge
//!   outside them still gets the AICC load (conservative) and a warning.
//! - **Detonation screening** (`petrocket_chem::detonation::assess_vessel`, a screening
//!   model): detonability limits (Coward & Jones 1952, widened), expansion ratio σ ≥ 3.75
//!   (Dorofeev et al. 2001), tube transmission d ≥ λ/π (Lee 2008) and DDT scale L ≥ 7λ
//!   (Dorofeev et al. 2000) with the ZND cell width λ = A·Δ_i (A = 29, band 10–50) and the
//!   bottle's inner diameter and length. `possible` or `likely` makes the detonation mode
//!   count. For a fuel other than H2 the limits are unknown and a detonation is assumed
//!   credible (conservative); a failed ZND leaves the cell size unknown and the grade
//!   `possible`.
//! - **Detonation load**: the larger of the CJ pressure rise with the sidewall's dynamic load
//!   factor 2 (a wave far faster than the tube's flexural waves, VALIDATION S3) and the
//!   equilibrium reflected-shock pressure at a closed end applied statically (≈ 2.5·P_CJ,
//!   C8): both from the CJ and reflected-shock solvers, not from multiples of P_AICC. The
//!   reflected load belongs to the base and the cap; applying it to the sidewall check is
//!   conservative.
//! - **Wall**: thin-wall cylinder hoop stress σ = Δp·r/t with the GAUGE pressure Δp and the
//!   mean radius; strength = tensile strength of the wall material at the initial temperature;
//!   no credit for strain-rate strengthening; thermal softening, stress concentrations at the
//!   base and shoulder, and sustained-load loss (B3) are not modelled here — the margin
//!   between `unsafe_factor` and `safe_factor` must cover them.
//! - **No combustion**: a charge whose complete combustion (AICC) raises the pressure by less
//!   than [`NO_COMBUSTION_RISE`] of the fill has nothing to burn (H2, O2, N2, Ar, H2O or air
//!   alone). It gets one mode, `no_combustion`, loaded by the fill overpressure only, and the
//!   same verdict rule as every other charge; with no overpressure it cannot burst
//!   ([`verdict`]).
//! - **Verdict** on the governing (smallest) safety factor SF: `unsafe` if SF < unsafe_factor
//!   (default 1.0: burst predicted at nominal strength), `marginal` if SF < safe_factor
//!   (default 2.0: covers the −25 % low tail of measured burst pressures, B1, the −9 %
//!   sustained-load loss, B3, and unmodelled softening), else `safe`. Thresholds below 1 are
//!   refused: SF < 1 is a predicted burst and is `unsafe` whatever the config says.
//! - **Reporting**: a safety factor above [`SF_REPORT_CAP`] means "no meaningful load"; it is
//!   shown as `> 1000` and serialised as `null` with the text beside it, never as a number.

use serde::Serialize;

/// The three verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// SF ≥ safe_factor.
    Safe,
    /// unsafe_factor ≤ SF < safe_factor.
    Marginal,
    /// SF < unsafe_factor.
    Unsafe,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verdict::Safe => "safe",
            Verdict::Marginal => "marginal",
            Verdict::Unsafe => "unsafe",
        })
    }
}

/// Dynamic load factor applied to the deflagration pressure rise (VALIDATION S2).
pub const DEFLAGRATION_DLF: f64 = 1.06;
/// Dynamic load factor of a detonation on the sidewall: a pressure step travelling much faster
/// than the critical flexural-wave speed of the tube (Beltman & Shepherd, J. Sound Vib.
/// 252:617, 2002; Shepherd, J. Pressure Vessel Technol. 131:031204, 2009; VALIDATION S3).
pub const DETONATION_SIDEWALL_DLF: f64 = 2.0;

/// A charge whose AICC pressure rise is below this fraction of the fill pressure does not burn
/// (a 1 % rise is a 3 K temperature rise; the leanest flammable H2–air charge, 4 % H2, rises by
/// ≈ 100 %).
pub const NO_COMBUSTION_RISE: f64 = 0.01;

/// Safety factors above this are not printed as numbers: the load is negligible against the
/// wall and the digits would only show round-off.
pub const SF_REPORT_CAP: f64 = 1e3;

/// The safety factor as reported (None above [`SF_REPORT_CAP`]).
pub fn report_sf(sf: f64) -> Option<f64> {
    (sf <= SF_REPORT_CAP).then_some(sf)
}

/// The safety factor as shown to people.
pub fn sf_text(sf: Option<f64>) -> String {
    match sf {
        Some(v) if v > SF_REPORT_CAP => format!("> {SF_REPORT_CAP:.0}"),
        Some(v) => format!("{v:.2}"),
        None => "n/a (no tensile load)".into(),
    }
}

/// Result of the detonation screening and, where a detonation is possible, its loads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetonationScreening {
    /// Whether a detonation cannot be excluded (credibility above 0).
    pub credible: bool,
    /// Graded credibility in [0, 1] (`crate::screening`): the share of the excess detonation
    /// load over the deflagration load that enters the verdict.
    pub credibility: f64,
    /// Credibility of each criterion; the smallest one is `credibility`.
    pub credibility_by_criterion: Vec<crate::screening::CriterionCredibility>,
    /// `not credible`, `possible` or `likely` (from the credibility, `crate::screening::grade`).
    pub grade: petrocket_chem::detonation::Grade,
    /// What decided, in words.
    pub basis: String,
    /// Every criterion with its margin and citation.
    pub criteria: Vec<petrocket_chem::detonation::Criterion>,
    /// Vessel diameter used (inner, m).
    pub vessel_diameter_m: f64,
    /// Vessel length used (m).
    pub vessel_length_m: f64,
    /// Chapman–Jouguet speed (m/s), when computed.
    pub cj_speed_m_s: Option<f64>,
    /// CJ pressure (Pa, absolute).
    pub cj_pressure_Pa: Option<f64>,
    /// CJ temperature (K).
    pub cj_temperature_K: Option<f64>,
    /// von Neumann pressure (Pa).
    pub von_neumann_pressure_Pa: Option<f64>,
    /// Pressure behind the shock reflected from a closed end, equilibrium (Pa).
    pub reflected_pressure_Pa: Option<f64>,
    /// Same, composition frozen at the CJ state (Pa).
    pub reflected_frozen_pressure_Pa: Option<f64>,
    /// ZND induction length at the pressure that set the screening cell width (m).
    pub induction_length_m: Option<f64>,
    /// Screening cell width at the fill pressure (m): the smallest λ·p of the ZND kinetics at
    /// pressures up to the fill, divided by the fill pressure (`crate::screening`).
    pub cell_width_m: Option<f64>,
    /// Grid pressure whose λ·p set the screening cell width (Pa).
    pub cell_width_basis_pressure_Pa: Option<f64>,
    /// Lower and upper end of the cell-width band (m).
    pub cell_width_band_m: Option<[f64; 2]>,
    /// Reminder that this is a screening model.
    pub note: &'static str,
}

impl DetonationScreening {
    /// A screening with nothing computed yet (credibility 0) for `bottle`, with `basis`.
    pub fn not_applicable(
        bottle: &petrocket_structure::bottle::CylinderBottle,
        basis: String,
    ) -> Self {
        let diameter = bottle.inner_radius_m() * 2.0;
        let length = bottle.inner_length_m();
        DetonationScreening {
            credible: false,
            credibility: 0.0,
            credibility_by_criterion: Vec::new(),
            grade: petrocket_chem::detonation::Grade::NotCredible,
            basis,
            criteria: Vec::new(),
            vessel_diameter_m: diameter,
            vessel_length_m: length,
            cj_speed_m_s: None,
            cj_pressure_Pa: None,
            cj_temperature_K: None,
            von_neumann_pressure_Pa: None,
            reflected_pressure_Pa: None,
            reflected_frozen_pressure_Pa: None,
            induction_length_m: None,
            cell_width_m: None,
            cell_width_basis_pressure_Pa: None,
            cell_width_band_m: None,
            note: petrocket_chem::detonation::SCREENING_NOTE,
        }
    }

    /// Record the CJ, von Neumann and reflected-shock states.
    pub fn set_cj(&mut self, d: &petrocket_chem::detonation::DetonationResult) {
        self.cj_speed_m_s = Some(d.cj.cj_speed);
        self.cj_pressure_Pa = Some(d.cj.cj.state.pressure);
        self.cj_temperature_K = Some(d.cj.cj.state.temperature);
        self.von_neumann_pressure_Pa = Some(d.cj.von_neumann.post.state.pressure);
        self.reflected_pressure_Pa = Some(d.reflected_equilibrium.post.state.pressure);
        self.reflected_frozen_pressure_Pa = Some(d.reflected_frozen.post.state.pressure);
    }
}

/// Verdict for the governing safety factor `sf` (None = no tensile load on the wall) with the
/// fill gauge pressure `fill_gauge` (Pa).
///
/// Without tensile load the bottle cannot burst by internal pressure: `safe` when the fill is at
/// ambient pressure; `marginal` when it is below (buckling under external pressure is not
/// modelled, so it is not certified).
pub fn verdict(sf: Option<f64>, fill_gauge: f64, safe_factor: f64, unsafe_factor: f64) -> Verdict {
    match sf {
        // SF < 1 is a predicted burst, whatever the thresholds say.
        Some(sf) if sf < unsafe_factor.max(1.0) => Verdict::Unsafe,
        Some(sf) if sf < safe_factor => Verdict::Marginal,
        Some(_) => Verdict::Safe,
        None if fill_gauge < 0.0 => Verdict::Marginal,
        None => Verdict::Safe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_thresholds() {
        assert_eq!(verdict(Some(0.99), 0.0, 2.0, 1.0), Verdict::Unsafe);
        assert_eq!(verdict(Some(1.0), 0.0, 2.0, 1.0), Verdict::Marginal);
        assert_eq!(verdict(Some(1.99), 0.0, 2.0, 1.0), Verdict::Marginal);
        assert_eq!(verdict(Some(2.0), 0.0, 2.0, 1.0), Verdict::Safe);
        assert_eq!(verdict(None, 0.0, 2.0, 1.0), Verdict::Safe);
        assert_eq!(verdict(None, -1e4, 2.0, 1.0), Verdict::Marginal);
    }

    #[test]
    fn issue20_a_predicted_burst_is_unsafe_whatever_the_thresholds() {
        // Thresholds below 1 are refused by SafetyConfig::validate; the verdict itself also
        // never lets SF < 1 pass.
        assert_eq!(verdict(Some(0.07), 0.0, 0.001, 0.001), Verdict::Unsafe);
    }

    #[test]
    fn issue20_large_safety_factors_are_not_printed_as_numbers() {
        assert_eq!(report_sf(2e14), None);
        assert_eq!(sf_text(Some(2e14)), "> 1000");
        assert_eq!(report_sf(3.29), Some(3.29));
        assert_eq!(sf_text(Some(3.289)), "3.29");
    }
}
