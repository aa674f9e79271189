//! Stage 4, loads: each combustion mode's equivalent static load on the sidewall and its safety
//! factor against the wall's burst pressure.

use super::charge::Charge;
use super::finite;
use crate::error::Result;
use crate::safety::{
    report_sf, sf_text, DetonationScreening, DEFLAGRATION_DLF, DETONATION_SIDEWALL_DLF,
};
use crate::screening;
use petrocket_structure::bottle::CylinderBottle;
use serde::Serialize;

/// The combustion modes a run assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CombustionMode {
    /// Closed-vessel deflagration at the AICC bound.
    ClosedDeflagration,
    /// Detonation (CJ and reflected-shock loads), weighted by its credibility.
    Detonation,
    /// A charge that does not burn: the fill overpressure alone.
    NoCombustion,
}

impl CombustionMode {
    /// `closed_deflagration`, `detonation` or `no_combustion` (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            CombustionMode::ClosedDeflagration => "closed_deflagration",
            CombustionMode::Detonation => "detonation",
            CombustionMode::NoCombustion => "no_combustion",
        }
    }
}

impl std::fmt::Display for CombustionMode {
    /// The serialised name; honours width and alignment (`{:<20}`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One combustion mode's load on the wall.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModeResult {
    /// The mode.
    pub mode: CombustionMode,
    /// Whether the mode enters the verdict.
    pub considered: bool,
    /// Why (or why not).
    pub basis: String,
    /// Absolute peak pressure of the mode (Pa).
    pub peak_pressure_Pa: f64,
    /// Dynamic load factor or equivalent static multiplier applied to the gauge rise.
    pub dynamic_load_factor: f64,
    /// Equivalent static gauge load on the wall (Pa).
    pub load_gauge_Pa: f64,
    /// Hoop stress in the cylindrical sidewall at that load (Pa).
    pub hoop_stress_Pa: f64,
    /// Burst pressure / load; None when the wall is not loaded in tension or the factor is
    /// above `safety::SF_REPORT_CAP` (see `safety_factor_text`).
    pub safety_factor: Option<f64>,
    /// The safety factor as shown to people: `0.88`, `> 1000`, or `n/a (no tensile load)`.
    pub safety_factor_text: String,
    /// The unrounded factor, for the verdict (not serialised).
    #[serde(skip)]
    pub exact_sf: Option<f64>,
}

/// One mode's load and safety factor against the sidewall's burst pressure.
#[derive(Debug, Clone, Copy)]
pub struct Wall {
    /// Ambient pressure (Pa).
    pub p_amb: f64,
    /// Quasi-static burst pressure of the sidewall, gauge (Pa); 0 for a wall without strength.
    pub p_burst: f64,
    /// Mean radius (m).
    pub mean_radius: f64,
    /// Wall thickness (m).
    pub thickness: f64,
}

impl Wall {
    /// The sidewall of `bottle` with tensile strength `strength` (Pa), against ambient `p_amb`:
    /// thin-wall burst pressure σ_f·t/r (zero for a wall that has lost its strength).
    pub fn new(bottle: &CylinderBottle, strength: f64, p_amb: f64) -> Result<Self> {
        let p_burst = if strength > 0.0 {
            bottle.burst_pressure_pa(strength)?
        } else {
            0.0
        };
        Ok(Wall {
            p_amb,
            p_burst,
            mean_radius: bottle.mean_radius_m(),
            thickness: bottle.wall_thickness_m,
        })
    }

    fn mode(
        &self,
        name: CombustionMode,
        considered: bool,
        basis: String,
        peak: f64,
        dlf: f64,
        load: f64,
    ) -> Result<ModeResult> {
        let hoop = load * self.mean_radius / self.thickness;
        let sf = if self.p_burst <= 0.0 {
            // A wall without strength fails under any load, its own weight included.
            Some(0.0)
        } else if load > 0.0 {
            Some(finite("safety factor", self.p_burst / load, name.as_str())?)
        } else {
            None
        };
        Ok(ModeResult {
            mode: name,
            considered,
            basis,
            peak_pressure_Pa: peak,
            dynamic_load_factor: dlf,
            load_gauge_Pa: finite("load", load, name.as_str())?,
            hoop_stress_Pa: finite("hoop stress", hoop, name.as_str())?,
            safety_factor: sf.and_then(report_sf),
            safety_factor_text: sf_text(sf),
            exact_sf: sf,
        })
    }

    /// Gauge load of a peak pressure with a dynamic load factor.
    fn load(&self, peak: f64, dlf: f64) -> f64 {
        dlf * (peak - self.p_amb)
    }
}

/// What this stage assumes, for the summary.
pub fn assumptions() -> Vec<String> {
    vec![
        format!("deflagration dynamic load factor {DEFLAGRATION_DLF} (ramp rise time >= 1 ms, VALIDATION S2, S6)"),
        format!("wall: thin-wall cylinder hoop stress with gauge pressure and mean radius (t/D <= {}, L/D <= {}); base, shoulder and neck not assessed", petrocket_structure::bottle::MAX_THICKNESS_RATIO, petrocket_structure::bottle::MAX_ASPECT_RATIO),
    ]
}

/// The modes of a charge: closed deflagration and detonation, or "no combustion" alone.
pub fn modes(
    charge: &Charge,
    detonation: &DetonationScreening,
    wall: &Wall,
    p0: f64,
) -> Result<Vec<ModeResult>> {
    let p_aicc = charge.aicc.pressure_Pa;
    if charge.burns {
        let defl_load = wall.load(p_aicc, DEFLAGRATION_DLF);
        Ok(vec![
            wall.mode(
                CombustionMode::ClosedDeflagration,
                true,
                "AICC bound (UV equilibrium), no venting or heat loss".into(),
                p_aicc,
                DEFLAGRATION_DLF,
                defl_load,
            )?,
            detonation_mode(detonation, p_aicc, defl_load, wall)?,
        ])
    } else {
        Ok(vec![wall.mode(
            CombustionMode::NoCombustion,
            true,
            format!(
                "no combustion: complete combustion would raise the pressure by {:.2e} of the fill; the only load is the fill overpressure",
                (charge.aicc.pressure_ratio - 1.0).max(0.0)
            ),
            p0,
            1.0,
            p0 - wall.p_amb,
        )?])
    }
}

/// The detonation mode: the larger of the sidewall's dynamic CJ load and the static
/// reflected-shock load, phased in by the credibility (see [`crate::screening`]).
pub(crate) fn detonation_mode(
    s: &DetonationScreening,
    p_aicc: f64,
    defl_load: f64,
    wall: &Wall,
) -> Result<ModeResult> {
    match (s.cj_pressure_Pa, s.reflected_pressure_Pa) {
        (Some(p_cj), Some(p_r)) if s.credible => {
            let side = wall.load(p_cj, DETONATION_SIDEWALL_DLF);
            let refl = wall.load(p_r, 1.0);
            let (peak, dlf, full, how) = if refl >= side {
                (
                    p_r,
                    1.0,
                    refl,
                    format!(
                        "reflected-shock pressure at a closed end P_R = {:.2} bar ({:.2} x P_CJ), static",
                        p_r / 1e5,
                        p_r / p_cj
                    ),
                )
            } else {
                (
                    p_cj,
                    DETONATION_SIDEWALL_DLF,
                    side,
                    format!(
                        "{DETONATION_SIDEWALL_DLF} x CJ pressure rise (P_CJ = {:.2} bar) on the sidewall",
                        p_cj / 1e5
                    ),
                )
            };
            let load = screening::graded_load(defl_load, full, s.credibility);
            let weight = if s.credibility < 1.0 {
                format!(
                    "; equivalent load {:.2} bar = deflagration load + {:.2} x (full load {:.2} bar - deflagration load)",
                    load / 1e5,
                    s.credibility,
                    full / 1e5
                )
            } else {
                String::new()
            };
            wall.mode(
                CombustionMode::Detonation,
                true,
                format!("{}; load: {how}{weight}", s.basis),
                peak,
                dlf,
                load,
            )
        }
        // Not credible: reported for completeness, not considered.
        _ => wall.mode(
            CombustionMode::Detonation,
            false,
            s.basis.clone(),
            p_aicc,
            1.0,
            defl_load,
        ),
    }
}
