//! Detonability and DDT credibility screening for a closed vessel (a **screening model**: it
//! checks necessary conditions from the literature, it does not predict a transition).
//!
//! Criteria, each reported with its value, threshold, margin and citation:
//! 1. **Detonability limits**: the mixture must lie inside them ([`crate::limits::detonability`]).
//! 2. **Expansion ratio** σ = ρ_u/ρ_b ≥ σ* = 3.75: flames in mixtures with smaller σ do not
//!    accelerate to the fast (choked) regime that precedes DDT (Dorofeev, Kuznetsov, Alekseev,
//!    Efimenko & Breitung, *Evaluation of limits for effective flame acceleration in hydrogen
//!    mixtures*, J. Loss Prev. Process Ind. 14:583–589, 2001; σ* ≈ 3.75 for H2 mixtures near
//!    300 K, scatter ≈ ±0.15, lower when hotter). σ from [`crate::combustion`].
//! 3. **Tube transmission**: a detonation propagates in a tube of diameter d only if
//!    d ≥ λ/π (the single-head spinning limit; Lee, *The Detonation Phenomenon*, Cambridge,
//!    2008, §7.3).
//! 4. **DDT scale**: transition needs a characteristic size L ≥ 7λ (Dorofeev, Sidorov,
//!    Kuznetsov, Matsukov & Alekseev, *Effect of scale on the onset of detonations*, Shock
//!    Waves 10:137–149, 2000); here L is the vessel length.
//!
//! λ is the cell width of [`super::cell`] with its band. **Grade**: `not credible` when the
//! mixture is outside the limits, σ < σ*, or a size criterion fails even with the smallest
//! cell of the band; `likely` when every criterion holds with the central cell width;
//! `possible` otherwise. "Likely" means that no necessary condition excludes a detonation,
//! not that one will occur: ignition strength, obstacles and turbulence decide that.

use super::cell::CellWidth;
use crate::combustion::burn_at_constant_pressure;
use crate::error::{ChemError, Result};
use crate::limits::{detonability, LimitCheck};
use crate::mixture::{GasMixture, GasState};

/// Critical expansion ratio σ* of H2 mixtures near 300 K (Dorofeev et al. 2001).
pub const CRITICAL_EXPANSION_RATIO: f64 = 3.75;
/// DDT requires L ≥ this many cell widths (Dorofeev et al. 2000).
pub const DDT_CELLS: f64 = 7.0;

/// The reminder carried by every assessment.
pub const SCREENING_NOTE: &str = "screening model: necessary conditions from the literature \
(limits, expansion ratio, cell size vs vessel size); it does not predict whether or when a \
transition to detonation occurs";

/// Vessel dimensions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vessel {
    /// Inner diameter (m).
    pub diameter: f64,
    /// Inner length (m).
    pub length: f64,
}

impl Vessel {
    /// Vessel of inner `diameter` and `length` (m), each finite and in (0, 1000] m.
    ///
    /// # Errors
    /// [`ChemError::OutOfRange`] naming the dimension.
    pub fn new(diameter: f64, length: f64) -> Result<Self> {
        for (field, v) in [("vessel diameter", diameter), ("vessel length", length)] {
            if !(v.is_finite() && v > 0.0 && v <= 1e3) {
                return Err(ChemError::OutOfRange {
                    field: field.into(),
                    value: v,
                    unit: "m",
                    range: "(0, 1000] m".into(),
                });
            }
        }
        Ok(Vessel { diameter, length })
    }
}

/// Screening grade; serialised as [`Grade::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Grade {
    /// A necessary condition fails.
    #[serde(rename = "not credible")]
    NotCredible,
    /// Necessary conditions hold only at the favourable end of the cell-width band.
    #[serde(rename = "possible")]
    Possible,
    /// Every necessary condition holds with the central cell width.
    #[serde(rename = "likely")]
    Likely,
}

impl Grade {
    /// `not credible`, `possible` or `likely`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::NotCredible => "not credible",
            Grade::Possible => "possible",
            Grade::Likely => "likely",
        }
    }
}

/// One criterion of the screening.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Criterion {
    /// Short name (`detonability limits`, `expansion ratio`, …).
    pub name: &'static str,
    /// Holds (with the central cell width for size criteria).
    pub passed: bool,
    /// For size criteria: holds with the smallest cell width of the band.
    pub passed_with_smallest_cell: bool,
    /// Quantity compared (unit in `detail`).
    pub value: f64,
    /// Threshold it is compared with.
    pub threshold: f64,
    /// Margin: value/threshold − 1 (ratio criteria) or the signed H2 mole-fraction distance
    /// to the nearer limit; positive means satisfied.
    pub margin: f64,
    /// Source.
    pub citation: &'static str,
    /// Human-readable statement.
    pub detail: String,
}

/// The result of [`assess_vessel`].
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The grade.
    pub grade: Grade,
    /// Every criterion evaluated.
    pub criteria: Vec<Criterion>,
    /// The detonability-limit check.
    pub limits: LimitCheck,
    /// Constant-pressure expansion ratio σ.
    pub expansion_ratio: f64,
    /// [`SCREENING_NOTE`].
    pub note: &'static str,
}

/// Screen `initial` in `vessel`; `cell` is the cell width (from [`super::znd`] and
/// [`super::cell_width`]), `None` when the mixture is outside the detonability limits (the
/// size criteria are then not evaluated).
///
/// # Errors
/// Bad vessel dimensions ([`ChemError::OutOfRange`]); errors of the limit and equilibrium
/// computations.
pub fn assess_vessel(
    gas: &GasMixture,
    initial: &GasState,
    vessel: Vessel,
    cell: Option<&CellWidth>,
) -> Result<Assessment> {
    let vessel = Vessel::new(vessel.diameter, vessel.length)?;
    let limits = detonability(gas, &initial.mole_fractions)?;
    let burned = burn_at_constant_pressure(gas, initial)?;
    let sigma = burned.expansion_ratio;
    let mut criteria = vec![
        Criterion {
            name: "detonability limits",
            passed: limits.inside,
            passed_with_smallest_cell: limits.inside,
            value: limits.fuel_mole_fraction,
            threshold: limits.lower,
            margin: limits.margin,
            citation: "crate::limits (Coward & Jones, US Bureau of Mines Bulletin 503, 1952)",
            detail: limits.verdict(),
        },
        Criterion {
            name: "expansion ratio",
            passed: sigma >= CRITICAL_EXPANSION_RATIO,
            passed_with_smallest_cell: sigma >= CRITICAL_EXPANSION_RATIO,
            value: sigma,
            threshold: CRITICAL_EXPANSION_RATIO,
            margin: sigma / CRITICAL_EXPANSION_RATIO - 1.0,
            citation: "Dorofeev et al., J. Loss Prev. Process Ind. 14:583 (2001)",
            detail: format!(
                "sigma = {sigma:.2} vs sigma* = {CRITICAL_EXPANSION_RATIO} for flame acceleration"
            ),
        },
    ];
    if let (true, Some(c)) = (limits.inside, cell) {
        let need_d = c.central / std::f64::consts::PI;
        criteria.push(Criterion {
            name: "tube transmission d >= lambda/pi",
            passed: vessel.diameter >= need_d,
            passed_with_smallest_cell: vessel.diameter >= c.lower / std::f64::consts::PI,
            value: vessel.diameter,
            threshold: need_d,
            margin: vessel.diameter / need_d - 1.0,
            citation: "Lee, The Detonation Phenomenon (Cambridge, 2008), single-head spin limit",
            detail: format!(
                "d = {:.4} m vs lambda/pi = {:.4} m (lambda = {:.4} m, band {:.4}-{:.4} m)",
                vessel.diameter, need_d, c.central, c.lower, c.upper
            ),
        });
        let need_l = DDT_CELLS * c.central;
        criteria.push(Criterion {
            name: "DDT scale L >= 7 lambda",
            passed: vessel.length >= need_l,
            passed_with_smallest_cell: vessel.length >= DDT_CELLS * c.lower,
            value: vessel.length,
            threshold: need_l,
            margin: vessel.length / need_l - 1.0,
            citation: "Dorofeev et al., Shock Waves 10:137 (2000)",
            detail: format!("L = {:.4} m vs 7 lambda = {:.4} m", vessel.length, need_l),
        });
    }
    let grade = if !limits.inside || criteria.iter().any(|c| !c.passed_with_smallest_cell) {
        Grade::NotCredible
    } else if cell.is_none() {
        Grade::Possible
    } else if criteria.iter().all(|c| c.passed) {
        Grade::Likely
    } else {
        Grade::Possible
    };
    Ok(Assessment {
        grade,
        criteria,
        limits,
        expansion_ratio: sigma,
        note: SCREENING_NOTE,
    })
}
