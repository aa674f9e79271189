//! Flammability and detonability limits of hydrogen mixtures (screening).
//!
//! The mixture is read as H2 (the only fuel these limits know) in an *oxidiser atmosphere*
//! made of everything else; `x_O2,ox = x_O2/(1 − x_H2)` is the oxygen fraction of that
//! atmosphere (0.21 for air, 1 for pure O2). Each limit is a lower bound on the H2 mole
//! fraction and an upper bound set by a **limiting oxygen concentration** (LOC): at the upper
//! limit the mixture holds just `x_O2 = LOC`, so
//!
//! ```text
//! upper = 1 − LOC / x_O2,ox
//! ```
//!
//! | limit | lower (H2) | LOC (O2) | gives | sources |
//! |---|---|---|---|---|
//! | flammability | 4.0 % | 5 % | air 4–76 %, O2 4–95 % | Coward & Jones, US Bureau of Mines Bulletin 503 (1952): 4.0 % lower, upward propagation; NFPA 69 (2019), Table C.1(a): LOC of H2 with N2 diluent 5 %; VALIDATION C9: air 4–75 %, O2 ≈ 4–95 % |
//! | detonability | 15 % | 8.6 % | air 15–59 %, O2 15–91 % | Coward & Jones (1952): H2–O2 15–90 %, H2–air 18.3–59 % |
//!
//! The detonability LOC is the oxygen left at the H2–air upper limit (0.41 × 0.21 = 8.6 %),
//! the smaller (wider) of the air and O2 values, and the lower limit is the H2–O2 value for
//! every atmosphere (air measured 18.3 %): both choices widen the range, which is the safe
//! side for a burst assessment.
//!
//! **Temperature** ([`flammability_at`]): above 25 °C the flammable range widens by the
//! modified Burgess–Wheeler law (Zabetakis, *Flammability characteristics of combustible
//! gases and vapors*, US Bureau of Mines Bulletin 627, 1965, eq. 9):
//! `L(t) = L(25 °C) − 0.75 (t − 25 °C)/ΔH_c` in vol % with ΔH_c in kcal/mol (57.8 for H2, the
//! lower heating value), i.e. 1.3e-4 per kelvin in mole fraction, applied to the lower
//! limit and to the limiting oxygen concentration alike. Below 25 °C the room-temperature
//! values are kept (narrowing them would be the unsafe side).
//!
//! Assumptions and limits of validity:
//! - 1 atm, upward propagation; limits widen with temperature (corrected as above for
//!   flammability) and, for detonation, with the size of the geometry. Tube-measured detonation limits are not
//!   intrinsic: a larger vessel detonates outside them, a smaller one may not inside them.
//!   The ZND cell-size criterion is the size-aware test; these bounds only screen.
//! - The region is the rectangle `x_H2 ≥ lower` and `x_O2 ≥ LOC`, which contains the true
//!   (triangular) flammability diagram near its nose: heavily diluted mixtures may be called
//!   flammable when they are not — conservative.
//! - Argon or helium (≥ 1 % of the mixture) extend detonability (lower sound speed
//!   losses, more regular cells); then the detonability limits are taken equal to the
//!   flammability limits (conservative, as in the pipeline's screening).
//! - Other fuels (CH4, CO, …) have other limits: asking for them is an error.

use crate::error::{ChemError, Result};
use crate::mixture::GasMixture;

/// Lower flammability limit of H2, mole fraction (Coward & Jones 1952; VALIDATION C9).
pub const H2_LOWER_FLAMMABILITY: f64 = 0.04;
/// Limiting oxygen concentration for H2 flames, mole fraction (NFPA 69, 2019, Table C.1(a)).
pub const H2_FLAMMABILITY_LOC: f64 = 0.05;
/// Lower detonability limit of H2 (H2–O2 value of Coward & Jones 1952, used for every
/// atmosphere; see the module docs).
pub const H2_LOWER_DETONABILITY: f64 = 0.15;
/// Oxygen left at the upper detonability limit of H2–air, 59 % H2 (Coward & Jones 1952):
/// 0.41 × 0.21 = 0.086.
pub const H2_DETONABILITY_LOC: f64 = 0.086;
/// Widening of the H2 flammable range per kelvin above 25 °C, mole fraction/K: 0.75/ΔH_c
/// vol %/K with ΔH_c = 57.8 kcal/mol (Zabetakis 1965, modified Burgess–Wheeler law).
pub const H2_FLAMMABILITY_WIDENING_PER_K: f64 = 0.75 / 57.8 / 100.0;

/// Temperature of the tabulated limits, K (25 °C).
pub const LIMITS_REFERENCE_K: f64 = 298.15;

/// Mole fraction of Ar + He above which detonability limits widen to flammability limits.
pub const MONATOMIC_DILUENT_THRESHOLD: f64 = 0.01;

/// Which limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Flame propagation.
    Flammability,
    /// Self-sustained detonation.
    Detonability,
}

impl LimitKind {
    /// `flammable` or `detonable`.
    pub fn adjective(self) -> &'static str {
        match self {
            LimitKind::Flammability => "flammable",
            LimitKind::Detonability => "detonable",
        }
    }
}

/// Whether a mixture lies inside a pair of limits, and by how much.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitCheck {
    /// Which limits.
    pub kind: LimitKind,
    /// Inside the limits.
    pub inside: bool,
    /// H2 mole fraction of the mixture.
    pub fuel_mole_fraction: f64,
    /// O2 fraction of the oxidiser atmosphere (all but H2).
    pub oxygen_in_oxidiser: f64,
    /// Lower limit (H2 mole fraction).
    pub lower: f64,
    /// Upper limit (H2 mole fraction) for this atmosphere; below `lower` when the
    /// atmosphere holds too little O2 for any H2 fraction.
    pub upper: f64,
    /// Signed distance to the nearer limit in H2 mole fraction: positive inside.
    pub margin: f64,
    /// How the limits were obtained, with citations.
    pub basis: String,
}

impl LimitCheck {
    /// A one-line answer: "flammable: …" or "not flammable: …".
    pub fn verdict(&self) -> String {
        let adj = self.kind.adjective();
        let pct = |v: f64| 100.0 * v;
        if self.upper <= self.lower {
            return format!(
                "not {adj}: the oxidiser holds {:.1} % O2, too little for any H2 fraction ({})",
                pct(self.oxygen_in_oxidiser),
                self.basis
            );
        }
        let place = if self.inside {
            "inside"
        } else if self.fuel_mole_fraction < self.lower {
            "below"
        } else {
            "above"
        };
        format!(
            "{}{adj}: H2 = {:.1} % is {place} the limits {:.1}–{:.1} % ({})",
            if self.inside { "" } else { "not " },
            pct(self.fuel_mole_fraction),
            pct(self.lower),
            pct(self.upper),
            self.basis
        )
    }
}

/// Flammability limits of the H2 mixture `x` (mole fractions of `gas`'s species) at 25 °C.
pub fn flammability(gas: &GasMixture, x: &[f64]) -> Result<LimitCheck> {
    check(gas, x, LimitKind::Flammability)
}

/// Flammability limits of the H2 mixture `x` at temperature `t_k` (K): the 25 °C limits
/// widened above 25 °C by the modified Burgess–Wheeler law (module docs).
pub fn flammability_at(gas: &GasMixture, x: &[f64], t_k: f64) -> Result<LimitCheck> {
    if !(t_k.is_finite() && t_k > 0.0) {
        return Err(ChemError::OutOfRange {
            field: "temperature".into(),
            value: t_k,
            unit: "K",
            range: "(0, ∞)".into(),
        });
    }
    let widen = H2_FLAMMABILITY_WIDENING_PER_K * (t_k - LIMITS_REFERENCE_K).max(0.0);
    let mut c = check_with(gas, x, LimitKind::Flammability, widen)?;
    if widen > 0.0 {
        c.basis.push_str(&format!(
            "; widened by {:.2} % H2 and O2 for {:.0} K (Zabetakis 1965, modified \
             Burgess-Wheeler law)",
            100.0 * widen,
            t_k
        ));
    }
    Ok(c)
}

/// Detonability limits of the H2 mixture `x` (mole fractions of `gas`'s species).
pub fn detonability(gas: &GasMixture, x: &[f64]) -> Result<LimitCheck> {
    check(gas, x, LimitKind::Detonability)
}

fn check(gas: &GasMixture, x: &[f64], kind: LimitKind) -> Result<LimitCheck> {
    check_with(gas, x, kind, 0.0)
}

/// [`check`] with the lower limit and the LOC lowered by `widen` (mole fraction).
fn check_with(gas: &GasMixture, x: &[f64], kind: LimitKind, widen: f64) -> Result<LimitCheck> {
    let parts = Parts::of(gas, x)?;
    let ox = if parts.h2 < 1.0 {
        parts.o2 / (1.0 - parts.h2)
    } else {
        0.0
    };
    let monatomic = parts.monatomic >= MONATOMIC_DILUENT_THRESHOLD;
    let (lower, loc, basis) = match kind {
        LimitKind::Flammability => (
            H2_LOWER_FLAMMABILITY,
            H2_FLAMMABILITY_LOC,
            "flammability: lower 4 % H2 (Coward & Jones 1952), upper from an O2 LOC of 5 % \
             (NFPA 69, 2019)"
                .to_string(),
        ),
        LimitKind::Detonability if monatomic => (
            H2_LOWER_FLAMMABILITY,
            H2_FLAMMABILITY_LOC,
            format!(
                "detonability widened to the flammability limits because the mixture holds \
                 {:.1} % Ar/He, which extends detonability (conservative screening)",
                100.0 * parts.monatomic
            ),
        ),
        LimitKind::Detonability => (
            H2_LOWER_DETONABILITY,
            H2_DETONABILITY_LOC,
            "detonability: lower 15 % H2 and upper from 8.6 % O2, the widest of the H2–O2 \
             (15–90 %) and H2–air (18.3–59 %) tube limits of Coward & Jones (1952); larger \
             vessels detonate outside them"
                .to_string(),
        ),
    };
    // Widening (hot charges) never takes a limit below zero: the Burgess–Wheeler law
    // extrapolated to 1500 K would give a lower limit of −12 % H2.
    let (lower, loc) = ((lower - widen).max(0.0), (loc - widen).max(0.0));
    let upper = if ox > 0.0 {
        1.0 - loc / ox
    } else {
        f64::NEG_INFINITY
    };
    let upper = upper.max(0.0);
    // Without both H2 and O2 nothing burns, whatever the limits (issue #20: pure N2 at 1500 K
    // was "inside the limits −11.6–0.0 %").
    let pair = parts.h2 > 0.0 && parts.o2 > 0.0;
    let inside = pair && parts.h2 >= lower && parts.h2 <= upper;
    // Negative outside, including when `upper < lower` (no range at all) or nothing to burn.
    let margin = if pair {
        (parts.h2 - lower).min(upper - parts.h2)
    } else {
        -1.0
    };
    Ok(LimitCheck {
        kind,
        inside,
        fuel_mole_fraction: parts.h2,
        oxygen_in_oxidiser: ox,
        lower,
        upper,
        margin,
        basis,
    })
}

/// The mixture seen by the limits: H2, O2, Ar + He.
struct Parts {
    h2: f64,
    o2: f64,
    monatomic: f64,
}

impl Parts {
    fn of(gas: &GasMixture, x: &[f64]) -> Result<Parts> {
        if x.len() != gas.n_species() {
            return Err(ChemError::Composition {
                field: "mixture".into(),
                value: format!("{} mole fractions", x.len()),
                reason: format!("the mechanism has {} species", gas.n_species()),
            });
        }
        let sum: f64 = x.iter().sum();
        if x.iter().any(|v| !v.is_finite() || *v < 0.0) || (sum - 1.0).abs() > 1e-6 {
            return Err(ChemError::Composition {
                field: "mixture".into(),
                value: format!("sum {sum}"),
                reason: "mole fractions must be finite, ≥ 0 and sum to 1".into(),
            });
        }
        let mut parts = Parts {
            h2: 0.0,
            o2: 0.0,
            monatomic: 0.0,
        };
        for (name, &v) in gas.species_names().zip(x) {
            match name.to_ascii_uppercase().as_str() {
                "H2" => parts.h2 += v,
                "O2" => parts.o2 += v,
                "AR" | "HE" => parts.monatomic += v,
                _ => {}
            }
        }
        for (k, (name, &v)) in gas.species_names().zip(x).enumerate() {
            let upper = name.to_ascii_uppercase();
            if v > 1e-9 && upper != "H2" && gas.oxygen_demand(k) > 0.0 {
                return Err(ChemError::Composition {
                    field: "mixture".into(),
                    value: format!("{name} = {v:.3e}"),
                    reason: "flammability and detonability limits are known for H2 as the \
                             only fuel; this mixture holds another fuel or a radical"
                        .into(),
                });
            }
        }
        Ok(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(gas: &GasMixture, text: &str) -> Vec<f64> {
        gas.parse_mole_fractions("mixture", text).unwrap()
    }

    /// The formula reproduces the tabulated limits it was built from (VALIDATION C9, Coward &
    /// Jones 1952).
    #[test]
    fn limits_reproduce_their_sources() {
        let gas = GasMixture::load("h2o2").unwrap();
        let air = flammability(&gas, &x(&gas, "H2:30,O2:14.7,N2:55.3")).unwrap();
        assert!((air.upper - 0.76).abs() < 0.01, "{}", air.upper);
        let o2 = flammability(&gas, &x(&gas, "H2:2,O2:1")).unwrap();
        assert!(
            (o2.upper - 0.95).abs() < 1e-12
                && o2.inside
                && (o2.margin - (0.95 - 2.0 / 3.0)).abs() < 1e-12
        );
        let det_air = detonability(&gas, &x(&gas, "H2:2,O2:1,N2:3.76")).unwrap();
        assert!((det_air.upper - 0.59).abs() < 0.005, "{}", det_air.upper);
        assert!(det_air.inside);
    }

    #[test]
    fn outside_limits_say_so() {
        let gas = GasMixture::load("h2o2").unwrap();
        let lean = flammability(&gas, &x(&gas, "H2:3,O2:97")).unwrap();
        assert!(!lean.inside && lean.margin < 0.0);
        assert!(lean
            .verdict()
            .starts_with("not flammable: H2 = 3.0 % is below"));
        let rich = detonability(&gas, &x(&gas, "H2:95,O2:5")).unwrap();
        assert!(!rich.inside);
        assert!(rich.verdict().contains("above"), "{}", rich.verdict());
        let inert = flammability(&gas, &x(&gas, "H2:10,O2:4,N2:86")).unwrap();
        assert!(!inert.inside && inert.upper <= inert.lower);
        assert!(
            inert.verdict().contains("too little"),
            "{}",
            inert.verdict()
        );
        // Argon widens detonability to flammability.
        let ar = detonability(&gas, &x(&gas, "H2:10,O2:10,AR:80")).unwrap();
        assert!(ar.inside && (ar.lower - H2_LOWER_FLAMMABILITY).abs() < 1e-15);
    }

    /// Zabetakis 1965: the lower limit falls by 0.75/ΔH_c vol %/K; at 25 °C nothing changes
    /// and below it the room-temperature limits are kept.
    #[test]
    fn hot_mixtures_have_wider_limits() {
        let gas = GasMixture::load("h2o2").unwrap();
        let lean = x(&gas, "H2:3.5,O2:20,N2:76.5");
        assert!(!flammability_at(&gas, &lean, 298.15).unwrap().inside);
        assert!(!flammability_at(&gas, &lean, 250.0).unwrap().inside);
        let hot = flammability_at(&gas, &lean, 398.15).unwrap();
        assert!((hot.lower - (0.04 - 100.0 * H2_FLAMMABILITY_WIDENING_PER_K)).abs() < 1e-12);
        assert!(hot.inside && hot.basis.contains("Zabetakis"), "{hot:?}");
        let room = flammability(&gas, &lean).unwrap();
        assert_eq!(room, flammability_at(&gas, &lean, 298.15).unwrap());
        assert!(flammability_at(&gas, &lean, f64::NAN).is_err());
    }

    #[test]
    fn other_fuels_and_bad_vectors_are_errors() {
        let gas = GasMixture::load("h2o2").unwrap();
        let e = flammability(&gas, &x(&gas, "H2:2,O2:1,H:0.1")).unwrap_err();
        assert!(e.to_string().contains("only fuel"), "{e}");
        assert!(flammability(&gas, &[0.5, 0.5]).is_err());
        let mut bad = x(&gas, "H2:2,O2:1");
        bad[0] = f64::NAN;
        assert!(detonability(&gas, &bad).is_err());
    }

    #[test]
    fn issue20_no_fuel_or_no_oxygen_is_never_inside_even_hot() {
        let gas = GasMixture::load("h2o2").unwrap();
        for comp in ["N2:1", "H2:1", "O2:1", "AR:1"] {
            let x = gas.parse_mole_fractions("x", comp).unwrap();
            for t in [298.15, 1500.0] {
                let f = flammability_at(&gas, &x, t).unwrap();
                assert!(
                    !f.inside && f.margin < 0.0 && f.lower >= 0.0,
                    "{comp} at {t} K"
                );
            }
        }
    }
}
