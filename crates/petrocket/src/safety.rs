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
//! - **Verdict** on the governing (smallest) safety factor SF: `unsafe` if SF < unsafe_factor
//!   (default 1.0: burst predicted at nominal strength), `marginal` if SF < safe_factor
//!   (default 2.0: covers the −25 % low tail of measured burst pressures, B1, the −9 %
//!   sustained-load loss, B3, and unmodelled softening), else `safe`.

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

/// Result of the detonation screening and, where a detonation is possible, its loads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetonationScreening {
    /// Whether a detonation cannot be excluded (grade `possible` or `likely`).
    pub credible: bool,
    /// `not credible`, `possible` or `likely` (petrocket_chem::detonation::assess_vessel).
    pub grade: &'static str,
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
    /// ZND induction length (m).
    pub induction_length_m: Option<f64>,
    /// Cell-width estimate (m) and its band.
    pub cell_width_m: Option<f64>,
    /// Lower and upper end of the cell-width band (m).
    pub cell_width_band_m: Option<[f64; 2]>,
    /// Reminder that this is a screening model.
    pub note: &'static str,
}

/// Verdict for a safety factor (None = no tensile load on the wall).
pub fn verdict(sf: Option<f64>, safe_factor: f64, unsafe_factor: f64) -> Verdict {
    match sf {
        Some(sf) if sf < unsafe_factor => Verdict::Unsafe,
        Some(sf) if sf < safe_factor => Verdict::Marginal,
        Some(_) => Verdict::Safe,
        // No internal overpressure: cannot burst by internal pressure, but buckling under
        // external pressure is not modelled, so we do not certify it safe.
        None => Verdict::Marginal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_thresholds() {
        assert_eq!(verdict(Some(0.99), 2.0, 1.0), Verdict::Unsafe);
        assert_eq!(verdict(Some(1.0), 2.0, 1.0), Verdict::Marginal);
        assert_eq!(verdict(Some(1.99), 2.0, 1.0), Verdict::Marginal);
        assert_eq!(verdict(Some(2.0), 2.0, 1.0), Verdict::Safe);
        assert_eq!(verdict(None, 2.0, 1.0), Verdict::Marginal);
    }
}
