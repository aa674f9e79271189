//! Thin-wall (membrane) stresses in closed cylinders and spheres.
//!
//! **Pressure is GAUGE pressure** `p = p_internal − p_external` (both absolute). Using the
//! absolute internal pressure overstates the stress by the factor `1 + p_atm/p` — twice too
//! high at 1 bar(g) — the mistake of the tool this project replaces (≈69 % high on its own
//! example). Use [`gauge_pressure_pa`] when starting from absolute pressures.
//!
//! **Radius is the MEAN (mid-surface) radius** `r = (r_inner + r_outer)/2 = (D_outer − t)/2`.
//! With the mean radius the membrane hoop stress underestimates the exact (Lamé) peak hoop
//! stress at the inner surface by the relative amount `(t/r)²/4` — 0.25 % at `t/r = 0.1`
//! (see [`super::lame`]). Membrane theory also ignores bending at heads and shoulders; it
//! describes the cylindrical body far (≳ 2.5·√(r·t)) from any change of shape.
//!
//! Validity: `t/r ≤ 0.1` ([`THIN_WALL_MAX_THICKNESS_RATIO`]); linear elastic, small
//! strains, internal overpressure (external overpressure is a buckling problem, rejected).
//! Inputs are validated: finite, `p ≥ 0`, `r > 0`, `0 < t < r`, `σ_fail > 0`.

use crate::error::{gauge_pressure, positive, thickness_below, Result, StructureError};

/// Largest thickness-to-mean-radius ratio `t/r` for which the thin-wall formulas are
/// considered valid here (peak-hoop error vs Lamé ≤ 0.25 %, through-wall variation ≈ 10 %).
pub const THIN_WALL_MAX_THICKNESS_RATIO: f64 = 0.1;

/// Gauge pressure `p = p_internal − p_external` from two ABSOLUTE pressures, Pa.
///
/// Errors if either is non-finite or negative (absolute pressures cannot be), or if the
/// result is negative (external overpressure: buckling is not covered by these formulas).
pub fn gauge_pressure_pa(p_internal_abs_pa: f64, p_external_abs_pa: f64) -> Result<f64> {
    for (quantity, value) in [
        ("internal absolute pressure", p_internal_abs_pa),
        ("external absolute pressure", p_external_abs_pa),
    ] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(StructureError::InvalidInput {
                quantity,
                value,
                unit: "Pa",
                requirement: "finite and ≥ 0 (an absolute pressure)".into(),
            });
        }
    }
    gauge_pressure(p_internal_abs_pa - p_external_abs_pa)
}

fn membrane(p_gauge_pa: f64, mean_radius_m: f64, wall_thickness_m: f64) -> Result<f64> {
    let p = gauge_pressure(p_gauge_pa)?;
    let r = positive("mean radius", mean_radius_m, "m")?;
    let t = thickness_below(wall_thickness_m, r, "mean radius")?;
    Ok(p * r / t)
}

fn burst_ratio(failure_stress_pa: f64, mean_radius_m: f64, wall_thickness_m: f64) -> Result<f64> {
    let s = positive("failure stress", failure_stress_pa, "Pa")?;
    let r = positive("mean radius", mean_radius_m, "m")?;
    let t = thickness_below(wall_thickness_m, r, "mean radius")?;
    Ok(s * t / r)
}

/// Hoop (circumferential) stress of a thin cylinder, `σθ = p·r/t`, Pa.
///
/// `p_gauge_pa`: GAUGE pressure; `mean_radius_m`: MEAN radius; `wall_thickness_m`: `t`.
pub fn cylinder_hoop_stress_pa(
    p_gauge_pa: f64,
    mean_radius_m: f64,
    wall_thickness_m: f64,
) -> Result<f64> {
    membrane(p_gauge_pa, mean_radius_m, wall_thickness_m)
}

/// Axial stress of a thin cylinder with closed ends, `σz = p·r/(2t)`, Pa
/// (end load `p·π·r²` carried by the wall section `2π·r·t`).
pub fn cylinder_axial_stress_pa(
    p_gauge_pa: f64,
    mean_radius_m: f64,
    wall_thickness_m: f64,
) -> Result<f64> {
    Ok(membrane(p_gauge_pa, mean_radius_m, wall_thickness_m)? / 2.0)
}

/// Burst pressure of a thin cylinder, `p_b = σ_fail·t/r` (GAUGE), Pa: the pressure at which
/// the hoop stress — twice the axial one, hence governing — reaches `σ_fail`.
/// Consistent with the longitudinal split seen in slow bottle bursts (VALIDATION B2).
pub fn cylinder_burst_pressure_pa(
    failure_stress_pa: f64,
    mean_radius_m: f64,
    wall_thickness_m: f64,
) -> Result<f64> {
    burst_ratio(failure_stress_pa, mean_radius_m, wall_thickness_m)
}

/// Membrane stress of a thin sphere (equal in every tangential direction), `σ = p·r/(2t)`, Pa.
pub fn sphere_stress_pa(p_gauge_pa: f64, mean_radius_m: f64, wall_thickness_m: f64) -> Result<f64> {
    Ok(membrane(p_gauge_pa, mean_radius_m, wall_thickness_m)? / 2.0)
}

/// Burst pressure of a thin sphere, `p_b = 2·σ_fail·t/r` (GAUGE), Pa.
pub fn sphere_burst_pressure_pa(
    failure_stress_pa: f64,
    mean_radius_m: f64,
    wall_thickness_m: f64,
) -> Result<f64> {
    Ok(2.0 * burst_ratio(failure_stress_pa, mean_radius_m, wall_thickness_m)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_close;

    #[test]
    fn hand_values() {
        // p = 1 MPa, r = 50 mm, t = 0.5 mm: σθ = 100 MPa, σz = 50 MPa.
        assert_close(
            cylinder_hoop_stress_pa(1e6, 0.05, 5e-4).unwrap(),
            100e6,
            1e-12,
        );
        assert_close(
            cylinder_axial_stress_pa(1e6, 0.05, 5e-4).unwrap(),
            50e6,
            1e-12,
        );
        assert_close(sphere_stress_pa(1e6, 0.05, 5e-4).unwrap(), 50e6, 1e-12);
        assert_close(
            cylinder_burst_pressure_pa(100e6, 0.05, 5e-4).unwrap(),
            1e6,
            1e-12,
        );
        assert_close(
            sphere_burst_pressure_pa(100e6, 0.05, 5e-4).unwrap(),
            2e6,
            1e-12,
        );
    }

    #[test]
    fn burst_inverts_stress() {
        let (r, t, s) = (0.05235, 3e-4, 196e6);
        let pb = cylinder_burst_pressure_pa(s, r, t).unwrap();
        assert_close(cylinder_hoop_stress_pa(pb, r, t).unwrap(), s, 1e-12);
        let pb = sphere_burst_pressure_pa(s, r, t).unwrap();
        assert_close(sphere_stress_pa(pb, r, t).unwrap(), s, 1e-12);
    }

    #[test]
    fn gauge_from_absolute() {
        assert_close(
            gauge_pressure_pa(11.0e5, 1.01325e5).unwrap(),
            9.98675e5,
            1e-12,
        );
        assert!(gauge_pressure_pa(0.9e5, 1.0e5).is_err());
        assert!(gauge_pressure_pa(f64::NAN, 1.0e5).is_err());
        assert!(gauge_pressure_pa(2e5, -1.0).is_err());
    }

    #[test]
    fn invalid_inputs_are_errors_not_nan() {
        let bad = [
            (f64::NAN, 0.05, 3e-4),
            (-1.0, 0.05, 3e-4),
            (1e5, 0.0, 3e-4),
            (1e5, f64::INFINITY, 3e-4),
            (1e5, 0.05, 0.0),
            (1e5, 0.05, 0.05),
            (1e5, 0.05, f64::NAN),
        ];
        for (p, r, t) in bad {
            assert!(cylinder_hoop_stress_pa(p, r, t).is_err(), "{p} {r} {t}");
            assert!(cylinder_axial_stress_pa(p, r, t).is_err(), "{p} {r} {t}");
            assert!(sphere_stress_pa(p, r, t).is_err(), "{p} {r} {t}");
        }
        for (s, r, t) in [(0.0, 0.05, 3e-4), (f64::NAN, 0.05, 3e-4), (1e8, 0.05, 0.06)] {
            assert!(cylinder_burst_pressure_pa(s, r, t).is_err());
            assert!(sphere_burst_pressure_pa(s, r, t).is_err());
        }
    }

    #[test]
    fn negative_gauge_pressure_mentions_buckling() {
        let e = cylinder_hoop_stress_pa(-1e5, 0.05, 3e-4)
            .unwrap_err()
            .to_string();
        assert!(e.contains("buckling"), "{e}");
    }
}
