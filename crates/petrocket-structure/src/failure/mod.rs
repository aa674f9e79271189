//! Failure assessment of the wall: safety factor over the wall and over time, the
//! quasi-static burst pressure, and the burst probability from the strength scatter.
//!
//! ```text
//! SF(z, surface, t) = σ_f(T(z, surface, t), ε̇) / σ_eq(z, surface, t)
//! SF_min            = min over the wall and over time
//! p_burst           = p · SF_min(p)                  linear elastic, first failure
//! P_burst           = 1 − exp(−ln 2 · SF_min^(−m))   Weibull, median strength σ_f
//! ```
//!
//! - **Equivalent stress** ([`Criterion`]): the largest tensile principal stress for a
//!   brittle response, von Mises for a ductile one. The choice follows the material and its
//!   state ([`Criterion::for_material`]): a glassy polymer below its glass transition (PET
//!   at room temperature, the bottle's case under fast loads: bottles fail by a brittle
//!   longitudinal split, VALIDATION B2) is brittle; a polymer above T_g (HDPE, PP at room
//!   temperature) and the metals are ductile. The principal stresses are taken as the hoop,
//!   meridional and through-wall stresses of the wall frame: exact at the inner and outer
//!   surfaces (no shear on them); at the mid-surface the transverse shear, small in a thin
//!   wall, is neglected.
//! - **Strength** from the materials database at the local temperature and strain rate
//!   ([`crate::materials::Material::strength_at_rate`]). Above the top of a material's data
//!   range the wall has lost its strength: SF = 0 there (reported, never skipped). Below the
//!   bottom, the assessment is an error (cold embrittlement is not modelled).
//! - **Burst pressure** scales the minimum safety factor of a linear-elastic solution:
//!   the pressure at which the most stressed point first reaches its strength. It ignores
//!   yielding, strain hardening, large deformation and creep: for oriented PET, whose
//!   measured burst (VALIDATION B1) follows large biaxial stretching, it is an estimate of
//!   the order of the burst pressure, not a prediction to a few per cent.
//! - **Burst probability**: the database strength is taken as the median of a two-parameter
//!   Weibull distribution with modulus `m` (Weibull, J. Appl. Mech. 18:293, 1951) applied
//!   at the governing location (no size effect: the strengths of bottle walls come from
//!   bottle bursts, B1, which already include the bottle's size). `P = 1/2` at SF = 1.

use serde::Serialize;

use crate::error::{Result, StructureError};
use crate::fem::{MeridianPoint, Surface};
use crate::materials::Material;

/// Which equivalent stress is compared with the strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    /// Largest tensile principal stress (brittle response).
    MaxPrincipal,
    /// von Mises stress (ductile response).
    VonMises,
}

impl Criterion {
    /// The criterion for `material` at temperature `t_k` (K): brittle (max principal) for a
    /// polymer below its glass transition, ductile (von Mises) otherwise. See the module docs.
    pub fn for_material(material: &Material, t_k: f64) -> Criterion {
        match &material.glass_transition_k {
            Some(tg) if t_k < tg.value => Criterion::MaxPrincipal,
            _ => Criterion::VonMises,
        }
    }

    /// `max-principal` or `von-mises`.
    pub fn name(self) -> &'static str {
        match self {
            Criterion::MaxPrincipal => "max-principal",
            Criterion::VonMises => "von-mises",
        }
    }

    /// Equivalent stress at `point` on `surface`, Pa (max principal: 0 if nothing is in tension).
    pub fn equivalent_stress(self, point: &MeridianPoint, surface: Surface) -> f64 {
        let get = |v: &crate::fem::ThroughWall| match surface {
            Surface::Inner => v.inner,
            Surface::Mid => v.mid,
            Surface::Outer => v.outer,
        };
        match self {
            Criterion::MaxPrincipal => get(&point.hoop_pa)
                .max(get(&point.meridional_pa))
                .max(get(&point.normal_pa))
                .max(0.0),
            Criterion::VonMises => get(&point.von_mises_pa),
        }
    }
}

/// The safety factor at one point of the wall and one time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SafetyPoint {
    /// Safety factor (`f64::INFINITY`, serialised as `null`, where nothing is stressed).
    pub safety_factor: f64,
    /// Equivalent stress, Pa.
    pub equivalent_stress_pa: f64,
    /// Strength there, Pa (0 where the temperature is above the material's data).
    pub strength_pa: f64,
    /// Wall temperature there, K.
    pub temperature_k: f64,
    /// Axial coordinate of the mid-surface, m.
    pub z_m: f64,
    /// Arc length from the base pole, m.
    pub s_m: f64,
    /// Mid-surface radius, m.
    pub r_m: f64,
    /// Surface.
    pub surface: Surface,
    /// Time, s (0 for a static assessment).
    pub time_s: f64,
    /// Material region of the governing material ([`WallMaterials`]; `None` = the default
    /// material).
    pub region: Option<usize>,
}

/// Strength of `material` at `t_k` and strain rate, or 0 above the top of its data range.
fn strength(material: &Material, t_k: f64, strain_rate_per_s: f64) -> Result<f64> {
    let (_, max_k) = material.strength_vs_temperature.range_k();
    if t_k.is_finite() && t_k > max_k {
        return Ok(0.0);
    }
    material.strength_at_rate(t_k, strain_rate_per_s)
}

/// The smallest safety factor over the wall of one stress state.
///
/// `temperature_k(point, surface)` gives the wall temperature (K); `strain_rate_per_s` the
/// rate for the strength's rate law; `criterion` defaults to
/// [`Criterion::for_material`] at each point's temperature.
pub fn wall_safety(
    material: &Material,
    meridian: &[MeridianPoint],
    temperature_k: &dyn Fn(&MeridianPoint, Surface) -> f64,
    strain_rate_per_s: f64,
    criterion: Option<Criterion>,
    time_s: f64,
) -> Result<SafetyPoint> {
    wall_safety_regions(
        &WallMaterials::uniform(material),
        meridian,
        temperature_k,
        strain_rate_per_s,
        criterion,
        time_s,
    )
}

/// The materials of a wall with material regions: the default material, one material per
/// region (in the order of [`crate::fem::Mesh::region_names`]) and the regions next to
/// every half-station of the meridian ([`crate::fem::Mesh::station_regions`]).
#[derive(Debug, Clone)]
pub struct WallMaterials<'a> {
    /// Material of the elements without a region.
    pub default: &'a Material,
    /// Material of every region.
    pub regions: Vec<&'a Material>,
    /// Regions next to every meridian point (empty: the default material everywhere).
    pub station_regions: Vec<Vec<Option<usize>>>,
}

impl<'a> WallMaterials<'a> {
    /// One material everywhere.
    pub fn uniform(material: &'a Material) -> Self {
        Self {
            default: material,
            regions: Vec::new(),
            station_regions: Vec::new(),
        }
    }

    fn at(&self, i: usize) -> Vec<(Option<usize>, &'a Material)> {
        match self.station_regions.get(i) {
            None => vec![(None, self.default)],
            Some(rs) => rs
                .iter()
                .map(|r| (*r, r.map_or(self.default, |k| self.regions[k])))
                .collect(),
        }
    }

    /// The material of a region (`None` = the default material).
    pub fn material(&self, region: Option<usize>) -> &'a Material {
        region.map_or(self.default, |k| self.regions[k])
    }
}

/// [`wall_safety`] with the strength (and the criterion's material state) of the material
/// at each point: where two regions meet, the weaker one governs.
pub fn wall_safety_regions(
    materials: &WallMaterials<'_>,
    meridian: &[MeridianPoint],
    temperature_k: &dyn Fn(&MeridianPoint, Surface) -> f64,
    strain_rate_per_s: f64,
    criterion: Option<Criterion>,
    time_s: f64,
) -> Result<SafetyPoint> {
    if !materials.station_regions.is_empty() && materials.station_regions.len() != meridian.len() {
        return Err(StructureError::InvalidInput {
            quantity: "number of meridian points with regions",
            value: materials.station_regions.len() as f64,
            unit: "",
            requirement: format!("one per meridian point ({})", meridian.len()),
        });
    }
    if let Some(k) = materials
        .station_regions
        .iter()
        .flatten()
        .flatten()
        .find(|&&k| k >= materials.regions.len())
    {
        return Err(StructureError::InvalidInput {
            quantity: "material region index",
            value: *k as f64,
            unit: "",
            requirement: format!(
                "< the number of region materials ({})",
                materials.regions.len()
            ),
        });
    }
    let mut best: Option<SafetyPoint> = None;
    for (i, p) in meridian.iter().enumerate() {
        for ((region, material), surface) in materials
            .at(i)
            .into_iter()
            .flat_map(|m| Surface::ALL.map(|s| (m, s)))
        {
            let t = temperature_k(p, surface);
            let crit = criterion.unwrap_or_else(|| Criterion::for_material(material, t));
            let sigma = crit.equivalent_stress(p, surface);
            if !sigma.is_finite() {
                return Err(StructureError::Numerical {
                    stage: "failure assessment",
                    message: format!("non-finite stress at z = {} m ({})", p.z_m, surface.name()),
                });
            }
            let sf_strength = strength(material, t, strain_rate_per_s)?;
            let sf = if sigma > 0.0 {
                sf_strength / sigma
            } else {
                f64::INFINITY
            };
            let candidate = SafetyPoint {
                safety_factor: sf,
                equivalent_stress_pa: sigma,
                strength_pa: sf_strength,
                temperature_k: t,
                z_m: p.z_m,
                s_m: p.s_m,
                r_m: p.r_m,
                surface,
                time_s,
                region,
            };
            if best.is_none_or(|b| sf < b.safety_factor) {
                best = Some(candidate);
            }
        }
    }
    best.ok_or_else(|| StructureError::InvalidInput {
        quantity: "number of meridian points",
        value: 0.0,
        unit: "",
        requirement: "at least one".into(),
    })
}

/// Tracks the minimum safety factor over time and the first time it falls below 1.
#[derive(Debug, Clone)]
pub struct FailureTracker<'a> {
    materials: WallMaterials<'a>,
    criterion: Option<Criterion>,
    minimum: Option<SafetyPoint>,
    first_failure: Option<SafetyPoint>,
    samples: usize,
}

/// What a [`FailureTracker`] found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FailureSummary {
    /// The smallest safety factor over the wall and over time, where and when.
    pub minimum: SafetyPoint,
    /// The first state with SF < 1, if any.
    pub first_failure: Option<SafetyPoint>,
    /// Criterion forced by the caller, if any (otherwise chosen per point).
    pub criterion: Option<Criterion>,
    /// Stress states assessed.
    pub samples: usize,
}

impl<'a> FailureTracker<'a> {
    /// A tracker for `material`; `criterion` forces one criterion everywhere.
    pub fn new(material: &'a Material, criterion: Option<Criterion>) -> Self {
        Self::with_regions(WallMaterials::uniform(material), criterion)
    }

    /// A tracker for a wall with material regions ([`wall_safety_regions`]).
    pub fn with_regions(materials: WallMaterials<'a>, criterion: Option<Criterion>) -> Self {
        Self {
            materials,
            criterion,
            minimum: None,
            first_failure: None,
            samples: 0,
        }
    }

    /// Assesses the stress state at `time_s` and returns its smallest safety factor.
    pub fn push(
        &mut self,
        time_s: f64,
        meridian: &[MeridianPoint],
        temperature_k: &dyn Fn(&MeridianPoint, Surface) -> f64,
        strain_rate_per_s: f64,
    ) -> Result<SafetyPoint> {
        let p = wall_safety_regions(
            &self.materials,
            meridian,
            temperature_k,
            strain_rate_per_s,
            self.criterion,
            time_s,
        )?;
        self.samples += 1;
        if self
            .minimum
            .is_none_or(|m| p.safety_factor < m.safety_factor)
        {
            self.minimum = Some(p);
        }
        if self.first_failure.is_none() && p.safety_factor < 1.0 {
            self.first_failure = Some(p);
        }
        Ok(p)
    }

    /// The result, or `None` before the first [`Self::push`].
    pub fn summary(&self) -> Option<FailureSummary> {
        self.minimum.map(|minimum| FailureSummary {
            minimum,
            first_failure: self.first_failure,
            criterion: self.criterion,
            samples: self.samples,
        })
    }
}

/// Quasi-static burst pressure estimate from a linear-elastic stress state at gauge
/// pressure `p_gauge_pa` (Pa): `p_burst = p·SF_min` (see the module docs for its limits).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BurstEstimate {
    /// Estimated burst (first-failure) gauge pressure, Pa.
    pub burst_pressure_pa: f64,
    /// Where the wall fails first (its safety factor is the one at `p_gauge_pa`).
    pub location: SafetyPoint,
}

/// Burst-pressure estimate for a static solution at uniform wall temperature `t_k` and
/// strain rate `strain_rate_per_s` (use the material's reference rate for a slow test).
pub fn burst_pressure(
    material: &Material,
    meridian: &[MeridianPoint],
    p_gauge_pa: f64,
    t_k: f64,
    strain_rate_per_s: f64,
    criterion: Option<Criterion>,
) -> Result<BurstEstimate> {
    burst_pressure_regions(
        &WallMaterials::uniform(material),
        meridian,
        p_gauge_pa,
        t_k,
        strain_rate_per_s,
        criterion,
    )
}

/// [`burst_pressure`] with the strength of the material at each point
/// ([`wall_safety_regions`]).
pub fn burst_pressure_regions(
    materials: &WallMaterials<'_>,
    meridian: &[MeridianPoint],
    p_gauge_pa: f64,
    t_k: f64,
    strain_rate_per_s: f64,
    criterion: Option<Criterion>,
) -> Result<BurstEstimate> {
    crate::error::positive("pressure of the stress state", p_gauge_pa, "Pa")?;
    let loc = wall_safety_regions(
        materials,
        meridian,
        &|_, _| t_k,
        strain_rate_per_s,
        criterion,
        0.0,
    )?;
    if !loc.safety_factor.is_finite() {
        return Err(StructureError::Numerical {
            stage: "burst pressure",
            message: "no tensile stress anywhere in the wall".into(),
        });
    }
    Ok(BurstEstimate {
        burst_pressure_pa: p_gauge_pa * loc.safety_factor,
        location: loc,
    })
}

/// Burst probability `1 − exp(−ln 2 · SF^(−m))` for the minimum safety factor `sf` and
/// Weibull modulus `m` (the strength is the median; see the module docs). SF = ∞ gives 0,
/// SF = 0 gives 1.
pub fn burst_probability(safety_factor: f64, weibull_modulus: f64) -> Result<f64> {
    crate::error::positive("Weibull modulus", weibull_modulus, "")?;
    if safety_factor.is_nan() || safety_factor < 0.0 {
        return Err(StructureError::InvalidInput {
            quantity: "safety factor",
            value: safety_factor,
            unit: "",
            requirement: "≥ 0".into(),
        });
    }
    if safety_factor == 0.0 {
        return Ok(1.0);
    }
    Ok(-(-std::f64::consts::LN_2 * safety_factor.powf(-weibull_modulus)).exp_m1())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weibull_probability_is_half_at_unit_safety_factor() {
        assert!((burst_probability(1.0, 8.0).unwrap() - 0.5).abs() < 1e-15);
        assert!(burst_probability(f64::INFINITY, 8.0).unwrap().abs() < 1e-300);
        assert!((burst_probability(0.0, 8.0).unwrap() - 1.0).abs() < 1e-15);
        let p2 = burst_probability(2.0, 8.0).unwrap();
        assert!((p2 - (1.0 - (-std::f64::consts::LN_2 / 256.0).exp())).abs() < 1e-15);
        // A steeper distribution (larger m) makes a margin count for more.
        assert!(burst_probability(1.5, 20.0).unwrap() < burst_probability(1.5, 8.0).unwrap());
        assert!(burst_probability(-1.0, 8.0).is_err());
        assert!(burst_probability(1.0, 0.0).is_err());
    }
}
