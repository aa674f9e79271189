//! Closed-form conduction solutions used as checks.

use crate::error::{positive, Result};

/// Temperature rise at depth `x` (m) and time `t` (s) of a semi-infinite solid, initially
/// uniform, whose surface receives the constant flux `q` (W/m²) from `t = 0`
/// (Carslaw & Jaeger, *Conduction of Heat in Solids*, 2nd ed., 1959, §2.9):
///
/// ```text
/// ΔT(x, t) = (2q/k)·√(αt/π)·exp(−x²/(4αt)) − (q x/k)·erfc(x/(2√(αt)))
/// ΔT(0, t) = 2q√t / (√π·√(kρc))                        (VALIDATION S4)
/// ```
///
/// with `α = k/(ρc)`. `k` in W/(m·K), `rho` in kg/m³, `c` in J/(kg·K).
pub fn semi_infinite_constant_flux(
    q_w_m2: f64,
    k: f64,
    rho: f64,
    c: f64,
    x_m: f64,
    t_s: f64,
) -> Result<f64> {
    positive("thermal conductivity", k, "W/(m·K)")?;
    positive("density", rho, "kg/m³")?;
    positive("heat capacity", c, "J/(kg·K)")?;
    if !q_w_m2.is_finite() || !x_m.is_finite() || x_m < 0.0 || !t_s.is_finite() || t_s < 0.0 {
        return Err(crate::error::StructureError::InvalidInput {
            quantity: "semi-infinite solution argument (q, x or t)",
            value: if q_w_m2.is_finite() {
                x_m.min(t_s)
            } else {
                q_w_m2
            },
            unit: "",
            requirement: "finite, with x ≥ 0 m and t ≥ 0 s".into(),
        });
    }
    if t_s == 0.0 {
        return Ok(0.0);
    }
    let alpha = k / (rho * c);
    let s = (alpha * t_s).sqrt();
    Ok(
        2.0 * q_w_m2 / k * s / std::f64::consts::PI.sqrt() * (-x_m * x_m / (4.0 * s * s)).exp()
            - q_w_m2 * x_m / k * libm::erfc(x_m / (2.0 * s)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// VALIDATION S4 (with P5 properties): +71 K at 1 ms and +225 K at 10 ms for 1 MW/m².
    #[test]
    fn reproduces_validation_s4() {
        let dt = |t| semi_infinite_constant_flux(1e6, 0.155, 1390.0, 1170.0, 0.0, t).unwrap();
        assert!((dt(1e-3) - 71.0).abs() < 0.5, "{}", dt(1e-3));
        assert!((dt(1e-2) - 225.0).abs() < 1.0, "{}", dt(1e-2));
        // Deep inside nothing has happened yet; the profile decreases monotonically.
        let deep = semi_infinite_constant_flux(1e6, 0.155, 1390.0, 1170.0, 2e-4, 1e-3).unwrap();
        assert!(deep.abs() < 1e-6 * dt(1e-3));
        let mid = semi_infinite_constant_flux(1e6, 0.155, 1390.0, 1170.0, 1e-5, 1e-3).unwrap();
        assert!(mid > 0.0 && mid < dt(1e-3));
    }
}
