//! Lamé thick-wall cylinder with closed ends under internal GAUGE pressure.
//!
//! Inner radius `a`, outer radius `b`, internal gauge pressure `p`, external gauge
//! pressure 0 (atmosphere; the problem is linear, so only the difference matters).
//! With `k = a²/(b² − a²)`, for `a ≤ r ≤ b` (Timoshenko & Goodier, *Theory of
//! Elasticity*, §28):
//!
//! ```text
//! σr(r) = p·k·(1 − b²/r²)        σr(a) = −p,  σr(b) = 0
//! σθ(r) = p·k·(1 + b²/r²)        max at r = a: σθ(a) = p·(b² + a²)/(b² − a²)
//! σz    = p·k                    (closed ends: end load p·π·a² over π·(b² − a²))
//! ```
//!
//! At the inner surface `σz = (σr + σθ)/2`, so the von Mises stress is
//! `σ_vM(a) = √3·p·b²/(b² − a²)` and the Tresca stress `σθ − σr = 2·p·b²/(b² − a²)`.
//!
//! Burst-pressure estimates for a failure stress `σ_f` (see [`FailureCriterion`]):
//! - max hoop stress (default): `p_b = σ_f·(b² − a²)/(b² + a²)` — reduces to the thin-wall
//!   `σ_f·t/r_mean` as `t/r → 0` (relative difference `(t/r)²/4`) and matches how bottle
//!   burst pressures are usually related to a wall strength (VALIDATION P7);
//! - Tresca: `p_b = σ_f·(b² − a²)/(2b²)` — the lowest of the three (≈ `σ_f·t/r·(1 − t/r)`);
//! - von Mises: `p_b = σ_f·(b² − a²)/(√3·b²)` — ≈ 2/√3 ≈ 1.155 × the hoop value for thin walls
//!   (not conservative for a brittle-when-fast wall).
//!
//! All three are onset-of-failure estimates at the inner surface from linear elasticity;
//! plastic collapse of a ductile thick wall (which can carry more) is not modelled.

use serde::Serialize;

use crate::error::{gauge_pressure, positive, Result, StructureError};

/// Which stress measure reaches the failure stress at burst (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureCriterion {
    /// Maximum principal (hoop) stress at the inner surface reaches `σ_f` (default).
    MaxHoop,
    /// Tresca stress `σθ − σr` at the inner surface reaches `σ_f`.
    Tresca,
    /// von Mises stress at the inner surface reaches `σ_f`.
    VonMises,
}

/// The three principal stresses at one radius, Pa.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LameStresses {
    /// Radial stress σr, Pa.
    pub radial_pa: f64,
    /// Hoop stress σθ, Pa.
    pub hoop_pa: f64,
    /// Axial stress σz (closed ends), Pa.
    pub axial_pa: f64,
}

impl LameStresses {
    /// von Mises equivalent stress, Pa.
    pub fn von_mises_pa(&self) -> f64 {
        let (r, h, z) = (self.radial_pa, self.hoop_pa, self.axial_pa);
        (0.5 * ((r - h).powi(2) + (h - z).powi(2) + (z - r).powi(2))).sqrt()
    }
}

/// Geometry of a closed-end thick-walled cylinder: inner radius `a` < outer radius `b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LameCylinder {
    inner_radius_m: f64,
    outer_radius_m: f64,
}

impl LameCylinder {
    /// From inner and outer radii, m. Errors unless `0 < a < b`, both finite.
    pub fn new(inner_radius_m: f64, outer_radius_m: f64) -> Result<Self> {
        let a = positive("inner radius", inner_radius_m, "m")?;
        let b = positive("outer radius", outer_radius_m, "m")?;
        if b <= a {
            return Err(StructureError::InvalidInput {
                quantity: "outer radius",
                value: b,
                unit: "m",
                requirement: format!("> the inner radius {a} m"),
            });
        }
        Ok(Self {
            inner_radius_m: a,
            outer_radius_m: b,
        })
    }

    /// From the mean radius and wall thickness: `a = r − t/2`, `b = r + t/2`.
    /// Errors unless `r > 0` and `0 < t < 2r`.
    pub fn from_mean_radius(mean_radius_m: f64, wall_thickness_m: f64) -> Result<Self> {
        let r = positive("mean radius", mean_radius_m, "m")?;
        let t = wall_thickness_m;
        if !(t.is_finite() && t > 0.0 && t < 2.0 * r) {
            return Err(StructureError::InvalidInput {
                quantity: "wall thickness",
                value: t,
                unit: "m",
                requirement: format!("> 0 and < twice the mean radius {r} m"),
            });
        }
        Self::new(r - t / 2.0, r + t / 2.0)
    }

    /// Inner radius `a`, m.
    pub fn inner_radius_m(&self) -> f64 {
        self.inner_radius_m
    }

    /// Outer radius `b`, m.
    pub fn outer_radius_m(&self) -> f64 {
        self.outer_radius_m
    }

    /// `(a², b², b² − a²)`, the difference formed as `(b − a)(b + a)` to keep precision for
    /// thin walls.
    fn squares(&self) -> (f64, f64, f64) {
        let (a, b) = (self.inner_radius_m, self.outer_radius_m);
        (a * a, b * b, (b - a) * (b + a))
    }

    /// Principal stresses at radius `r` (`a ≤ r ≤ b`) under internal gauge pressure `p`, Pa.
    pub fn stresses_at(&self, p_gauge_pa: f64, radius_m: f64) -> Result<LameStresses> {
        let p = gauge_pressure(p_gauge_pa)?;
        let (a, b) = (self.inner_radius_m, self.outer_radius_m);
        if !(radius_m.is_finite() && (a..=b).contains(&radius_m)) {
            return Err(StructureError::InvalidInput {
                quantity: "radius",
                value: radius_m,
                unit: "m",
                requirement: format!("within the wall, {a} m ≤ r ≤ {b} m"),
            });
        }
        let (a2, b2, d2) = self.squares();
        let k = p * a2 / d2;
        let q = b2 / radius_m.powi(2);
        Ok(LameStresses {
            radial_pa: k * (1.0 - q),
            hoop_pa: k * (1.0 + q),
            axial_pa: k,
        })
    }

    /// Axial stress `σz = p·a²/(b² − a²)` (closed ends, uniform), Pa.
    pub fn axial_stress_pa(&self, p_gauge_pa: f64) -> Result<f64> {
        let (a2, _, d2) = self.squares();
        Ok(gauge_pressure(p_gauge_pa)? * a2 / d2)
    }

    /// Maximum hoop stress, at the inner surface: `σθ(a) = p·(b² + a²)/(b² − a²)`, Pa.
    pub fn max_hoop_stress_pa(&self, p_gauge_pa: f64) -> Result<f64> {
        let (a2, b2, d2) = self.squares();
        Ok(gauge_pressure(p_gauge_pa)? * (b2 + a2) / d2)
    }

    /// von Mises stress at the inner surface (its maximum), `√3·p·b²/(b² − a²)`, Pa.
    pub fn inner_von_mises_pa(&self, p_gauge_pa: f64) -> Result<f64> {
        let (_, b2, d2) = self.squares();
        Ok(3f64.sqrt() * gauge_pressure(p_gauge_pa)? * b2 / d2)
    }

    /// Tresca stress at the inner surface (its maximum), `σθ − σr = 2·p·b²/(b² − a²)`, Pa.
    pub fn inner_tresca_pa(&self, p_gauge_pa: f64) -> Result<f64> {
        let (_, b2, d2) = self.squares();
        Ok(2.0 * gauge_pressure(p_gauge_pa)? * b2 / d2)
    }

    /// Gauge pressure at which the chosen stress measure at the inner surface reaches
    /// `failure_stress_pa` (formulas in the module docs), Pa.
    pub fn burst_pressure_pa(
        &self,
        failure_stress_pa: f64,
        criterion: FailureCriterion,
    ) -> Result<f64> {
        let s = positive("failure stress", failure_stress_pa, "Pa")?;
        let (a2, b2, d2) = self.squares();
        Ok(match criterion {
            FailureCriterion::MaxHoop => s * d2 / (b2 + a2),
            FailureCriterion::Tresca => s * d2 / (2.0 * b2),
            FailureCriterion::VonMises => s * d2 / (3f64.sqrt() * b2),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytic::thin_wall;
    use crate::test_util::assert_close;

    #[test]
    fn equilibrium_boundary_conditions() {
        let c = LameCylinder::new(0.02, 0.03).unwrap();
        let p = 5e6;
        assert_close(c.stresses_at(p, 0.02).unwrap().radial_pa, -p, 1e-12);
        assert!(c.stresses_at(p, 0.03).unwrap().radial_pa.abs() < 1e-9 * p);
        // Radial equilibrium dσr/dr = (σθ − σr)/r, by central difference at mid-wall.
        let (r, h) = (0.025, 1e-6);
        let d = (c.stresses_at(p, r + h).unwrap().radial_pa
            - c.stresses_at(p, r - h).unwrap().radial_pa)
            / (2.0 * h);
        let s = c.stresses_at(p, r).unwrap();
        assert_close(d, (s.hoop_pa - s.radial_pa) / r, 1e-6);
        // Axial force balance: σz·π(b² − a²) = p·π·a².
        assert_close(
            c.axial_stress_pa(p).unwrap() * (0.03f64.powi(2) - 0.02f64.powi(2)),
            p * 0.02f64.powi(2),
            1e-12,
        );
        // Mean hoop stress over the wall equals p·a/t (free-body of half the cylinder).
        let n = 2000;
        let mean: f64 = (0..n)
            .map(|i| {
                c.stresses_at(p, 0.02 + (i as f64 + 0.5) * 0.01 / n as f64)
                    .unwrap()
                    .hoop_pa
            })
            .sum::<f64>()
            / n as f64;
        assert_close(mean, p * 0.02 / 0.01, 1e-6);
    }

    #[test]
    fn inner_surface_measures_match_components() {
        let c = LameCylinder::new(0.02, 0.03).unwrap();
        let p = 2e6;
        let s = c.stresses_at(p, 0.02).unwrap();
        assert_close(c.max_hoop_stress_pa(p).unwrap(), s.hoop_pa, 1e-12);
        assert_close(c.axial_stress_pa(p).unwrap(), s.axial_pa, 1e-12);
        assert_close(c.inner_von_mises_pa(p).unwrap(), s.von_mises_pa(), 1e-12);
        assert_close(
            c.inner_tresca_pa(p).unwrap(),
            s.hoop_pa - s.radial_pa,
            1e-12,
        );
        for crit in [
            FailureCriterion::MaxHoop,
            FailureCriterion::Tresca,
            FailureCriterion::VonMises,
        ] {
            let pb = c.burst_pressure_pa(100e6, crit).unwrap();
            let at_burst = match crit {
                FailureCriterion::MaxHoop => c.max_hoop_stress_pa(pb),
                FailureCriterion::Tresca => c.inner_tresca_pa(pb),
                FailureCriterion::VonMises => c.inner_von_mises_pa(pb),
            };
            assert_close(at_burst.unwrap(), 100e6, 1e-12);
        }
    }

    #[test]
    fn thin_wall_limit() {
        let (r, p, sf) = (0.05, 1e6, 200e6);
        for t_over_r in [0.1, 0.01, 0.001, 1e-4] {
            let t = t_over_r * r;
            let c = LameCylinder::from_mean_radius(r, t).unwrap();
            let hoop_thin = thin_wall::cylinder_hoop_stress_pa(p, r, t).unwrap();
            let rel = c.max_hoop_stress_pa(p).unwrap() / hoop_thin - 1.0;
            // Exact: σθ(a)/(p·r/t) − 1 = (t/r)²/4 (to round-off in forming a, b from r, t).
            let expected = t_over_r.powi(2) / 4.0;
            assert!(
                (rel - expected).abs() <= 1e-6 * expected + 1e-11,
                "{rel} vs {expected}"
            );
            let axial_thin = thin_wall::cylinder_axial_stress_pa(p, r, t).unwrap();
            assert!((c.axial_stress_pa(p).unwrap() / axial_thin - 1.0).abs() <= t_over_r);
            let pb_thin = thin_wall::cylinder_burst_pressure_pa(sf, r, t).unwrap();
            let pb = c.burst_pressure_pa(sf, FailureCriterion::MaxHoop).unwrap();
            assert!((pb / pb_thin - 1.0).abs() <= t_over_r.powi(2) / 4.0 * 1.01);
            let pb_tresca = c.burst_pressure_pa(sf, FailureCriterion::Tresca).unwrap();
            assert!(pb_tresca < pb && (pb_tresca / pb_thin - 1.0).abs() <= 1.01 * t_over_r);
        }
    }

    #[test]
    fn invalid_geometry_and_radius() {
        assert!(LameCylinder::new(0.03, 0.02).is_err());
        assert!(LameCylinder::new(0.0, 0.02).is_err());
        assert!(LameCylinder::new(f64::NAN, 0.02).is_err());
        assert!(LameCylinder::from_mean_radius(0.05, 0.1).is_err());
        let c = LameCylinder::new(0.02, 0.03).unwrap();
        assert!(c.stresses_at(1e6, 0.031).is_err());
        assert!(c.stresses_at(1e6, f64::NAN).is_err());
        assert!(c.stresses_at(-1e6, 0.025).is_err());
        assert!(c.burst_pressure_pa(0.0, FailureCriterion::MaxHoop).is_err());
    }
}
