//! The analytic quick check of a cylindrical wall: thin-wall stresses, burst pressure and
//! safety factor in one result.

use serde::Serialize;

use super::thin_wall::{self, THIN_WALL_MAX_THICKNESS_RATIO};
use crate::error::{positive, Result, StructureError};

/// Result of a thin-wall check of a closed cylinder (units in the field names).
///
/// `safety_factor = burst_pressure / p_gauge`. For the linear thin-wall model this equals
/// `failure_stress / hoop_stress` exactly (both are `σ_f·t/(p·r)`), so either reading holds.
/// `SF > 1` means the hoop stress is below the failure stress at this load; it says nothing
/// about dynamic amplification, heating, stress concentrations or scatter of the strength,
/// which the later stages add.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CylinderCheck {
    /// Internal GAUGE pressure, Pa.
    pub p_gauge_pa: f64,
    /// Mean (mid-surface) radius, m.
    pub mean_radius_m: f64,
    /// Wall thickness, m.
    pub wall_thickness_m: f64,
    /// Failure strength used, Pa.
    pub failure_stress_pa: f64,
    /// Hoop stress `p·r/t`, Pa.
    pub hoop_stress_pa: f64,
    /// Axial stress `p·r/(2t)` (closed ends), Pa.
    pub axial_stress_pa: f64,
    /// Burst (gauge) pressure `σ_f·t/r`, Pa.
    pub burst_pressure_pa: f64,
    /// `burst_pressure / p_gauge` (= `failure_stress / hoop_stress`).
    pub safety_factor: f64,
    /// `t/r`; the thin-wall formulas are trusted for `t/r ≤ 0.1`.
    pub thickness_ratio: f64,
}

impl CylinderCheck {
    /// Checks a cylinder of mean radius `r` and wall `t` at GAUGE pressure `p > 0` against a
    /// failure strength. Errors on non-finite or out-of-range inputs (never NaN);
    /// `p = 0` is rejected because the safety factor would be infinite.
    pub fn new(
        p_gauge_pa: f64,
        mean_radius_m: f64,
        wall_thickness_m: f64,
        failure_stress_pa: f64,
    ) -> Result<Self> {
        if !(p_gauge_pa.is_finite() && p_gauge_pa > 0.0) {
            return Err(StructureError::InvalidInput {
                quantity: "gauge pressure",
                value: p_gauge_pa,
                unit: "Pa",
                requirement: "finite and > 0 for a safety factor (gauge = internal − external \
                              absolute pressure)"
                    .into(),
            });
        }
        positive("failure stress", failure_stress_pa, "Pa")?;
        let hoop = thin_wall::cylinder_hoop_stress_pa(p_gauge_pa, mean_radius_m, wall_thickness_m)?;
        let burst = thin_wall::cylinder_burst_pressure_pa(
            failure_stress_pa,
            mean_radius_m,
            wall_thickness_m,
        )?;
        Ok(Self {
            p_gauge_pa,
            mean_radius_m,
            wall_thickness_m,
            failure_stress_pa,
            hoop_stress_pa: hoop,
            axial_stress_pa: hoop / 2.0,
            burst_pressure_pa: burst,
            safety_factor: burst / p_gauge_pa,
            thickness_ratio: wall_thickness_m / mean_radius_m,
        })
    }

    /// Whether `t/r ≤ 0.1`, where the thin-wall formulas are accurate; otherwise use
    /// [`super::LameCylinder`].
    pub fn is_thin_wall(&self) -> bool {
        self.thickness_ratio <= THIN_WALL_MAX_THICKNESS_RATIO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_close;

    #[test]
    fn two_litre_bottle_at_ten_bar() {
        let c = CylinderCheck::new(10e5, 0.05235, 3e-4, 200e6).unwrap();
        assert_close(c.hoop_stress_pa, 10e5 * 0.05235 / 3e-4, 1e-12);
        assert_close(c.axial_stress_pa, c.hoop_stress_pa / 2.0, 1e-12);
        assert_close(
            c.safety_factor,
            c.failure_stress_pa / c.hoop_stress_pa,
            1e-12,
        );
        assert_close(c.safety_factor, c.burst_pressure_pa / c.p_gauge_pa, 1e-12);
        assert!(c.is_thin_wall());
    }

    #[test]
    fn rejects_zero_pressure_and_bad_strength() {
        assert!(CylinderCheck::new(0.0, 0.05, 3e-4, 200e6).is_err());
        assert!(CylinderCheck::new(1e5, 0.05, 3e-4, f64::NAN).is_err());
        assert!(CylinderCheck::new(1e5, 0.05, 0.05, 200e6).is_err());
    }

    #[test]
    fn serialises_with_units_in_keys() {
        let c = CylinderCheck::new(1e5, 0.05, 3e-4, 200e6).unwrap();
        let v = serde_json::to_value(c).unwrap();
        assert!(v.get("burst_pressure_pa").is_some() && v.get("safety_factor").is_some());
    }
}
