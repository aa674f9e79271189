//! Safety assessment: loads per combustion mode, safety factors and the verdict.
//!
//! Model (this release; each item is also listed in every summary's `assumptions`):
//! - **Closed deflagration**: the peak pressure is the AICC bound (adiabatic isochoric complete
//!   combustion = UV equilibrium of the fresh charge), no venting and no heat loss, which
//!   over-predicts measured closed-vessel peaks by 3–15 % (VALIDATION C4) — conservative.
//!   Dynamic load factor 1.06: the ramp bound of Chopra (VALIDATION S2) for rise times
//!   ≥ 1 ms; laminar flame transit in a 2 L bottle takes ≈ 2–4 ms for H2–O2 (S6).
//! - **Detonation screening** (until the CJ/ZND models land): credible when the H2 mole
//!   fraction lies within the detonation limits of H2 in O2, 15–90 % (Coward & Jones, US Bureau
//!   of Mines Bulletin 503, 1952; wider than the 18.3–59 % in air, hence conservative for air
//!   and N2 dilution). With Ar or He in the charge, which extend detonability, any flammable
//!   charge (H2 ≥ 4 %, VALIDATION C9) counts as credible. Load: the reflected CJ pressure at a
//!   closed end, P_R ≈ 2.5·P_CJ (C8) with P_CJ ≈ 2·P_AICC (J. H. S. Lee, *The Detonation
//!   Phenomenon*, 2008; Cantera gives 1.96 for H2–O2 and 1.95 for H2–air, C1/C7), i.e.
//!   5·P_AICC, applied statically (the sidewall's DLF ≈ 2 on P_CJ, S3, gives 4·P_AICC, less).
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
/// Reflected-detonation load as a multiple of the AICC pressure (2 × 2.5, see module docs).
pub const DETONATION_LOAD_OVER_AICC: f64 = 5.0;
/// Detonation limits of H2 in O2 (mole fraction) (Coward & Jones 1952).
pub const DETONATION_LIMITS_H2: (f64, f64) = (0.15, 0.90);
/// Lower flammability limit of H2 (mole fraction) (VALIDATION C9).
pub const FLAMMABILITY_LOWER_H2: f64 = 0.04;

/// Result of the detonation screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetonationScreening {
    /// Whether a detonation cannot be excluded.
    pub credible: bool,
    /// The criterion that decided, in words.
    pub basis: String,
}

/// Screen a charge for detonation from its H2 mole fraction and whether it contains a
/// monatomic diluent (Ar, He).
pub fn screen_detonation(x_h2: f64, monatomic_diluent: bool) -> DetonationScreening {
    let (lo, hi) = DETONATION_LIMITS_H2;
    if monatomic_diluent && x_h2 >= FLAMMABILITY_LOWER_H2 {
        return DetonationScreening {
            credible: true,
            basis: format!(
                "H2 = {:.1} % with Ar/He dilution, which extends detonability: any flammable charge (H2 ≥ 4 %) is treated as detonable",
                100.0 * x_h2
            ),
        };
    }
    let credible = x_h2 >= lo && x_h2 <= hi;
    DetonationScreening {
        credible,
        basis: format!(
            "H2 = {:.1} % is {} the H2–O2 detonation limits {:.0}–{:.0} % (Coward & Jones 1952)",
            100.0 * x_h2,
            if credible { "inside" } else { "outside" },
            100.0 * lo,
            100.0 * hi
        ),
    }
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

    #[test]
    fn detonation_screening() {
        assert!(screen_detonation(2.0 / 3.0, false).credible);
        assert!(!screen_detonation(0.10, false).credible);
        assert!(!screen_detonation(0.95, false).credible);
        assert!(screen_detonation(0.10, true).credible);
        assert!(!screen_detonation(0.03, true).credible);
    }
}
