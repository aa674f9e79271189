//! Structure for the PET Rocket Simulator: bottle geometry, materials database, analytic
//! wall stresses.
//!
//! This crate holds the analytic pre-check of ARCHITECTURE §3.3 — the quick reject before any
//! FEM — the cited materials data, the bottle geometry ([`geometry`]: profiles and presets),
//! the native axisymmetric FEM ([`fem`]) and its CalculiX cross-check ([`calculix`]), and
//! wall heating by the burned gas ([`thermal`]), and the failure assessment ([`failure`]).
//!
//! # Conventions (read these)
//!
//! - **SI units** everywhere, with the unit in the name: `_pa`, `_m`, `_m3`, `_k`, `_per_s`.
//! - **Pressure is GAUGE pressure**, `p = p_internal − p_external` (absolute values). The
//!   wall carries only the difference. Using absolute pressure — the earlier tool's mistake —
//!   overstates the stress by the factor `1 + p_atm/p` (twice too high at 1 bar(g); the
//!   earlier tool was ≈69 % high on its own example, ARCHITECTURE §6). Convert with
//!   [`analytic::gauge_pressure_pa`].
//! - **The thin-wall radius is the MEAN (mid-surface) radius**, `r = (D_outer − t)/2`
//!   ([`bottle::CylinderBottle::mean_radius_m`]).
//! - Invalid inputs (NaN, infinities, negative sizes, `t ≥ r`, …) are [`StructureError`]s,
//!   never NaN results.
//!
//! # Equations
//!
//! Thin-wall closed cylinder ([`analytic::thin_wall`]), valid for `t/r ≤ 0.1`:
//!
//! ```text
//! σθ = p·r/t          σz = p·r/(2t)          p_burst = σ_f·t/r
//! ```
//!
//! Thin sphere: `σ = p·r/(2t)`, `p_burst = 2σ_f·t/r`.
//!
//! Lamé thick-wall closed cylinder ([`analytic::lame`]), inner radius `a`, outer `b`,
//! internal gauge pressure `p`, `k = a²/(b² − a²)`:
//!
//! ```text
//! σr = p·k·(1 − b²/r²)     σθ = p·k·(1 + b²/r²)     σz = p·k
//! σθ,max = σθ(a) = p·(b² + a²)/(b² − a²)            σvM(a) = √3·p·b²/(b² − a²)
//! p_burst = σ_f·(b² − a²)/(b² + a²)   (max hoop; Tresca and von Mises variants offered)
//! ```
//!
//! As `t/r → 0` Lamé's peak hoop stress exceeds the thin-wall value (with the mean radius)
//! by the relative amount `(t/r)²/4`.
//!
//! Safety factor of the quick check ([`analytic::CylinderCheck`]):
//! `SF = p_burst/p = σ_f/σθ` (identical for the linear thin-wall model).
//!
//! # Limits
//!
//! Membrane theory describes the cylindrical body away from the base, shoulder and neck,
//! under quasi-static internal pressure. It ignores bending at changes of shape, dynamic load
//! factors (up to 2 for a detonation, VALIDATION S2–S3), heating of the wall, stress
//! concentrations, and the scatter of strength; the FEM, thermal and failure stages add
//! those. Strength data and their assumptions are in [`materials`]; every value carries its
//! source.
//!
//! # Example
//!
//! ```
//! use petrocket_structure::{bottle, materials::MaterialDb};
//!
//! let bottle = bottle::preset("2L")?.bottle;
//! let pet = MaterialDb::builtin();
//! let wall = pet.get("pet-oriented")?;
//! let check = bottle.check(5.0e5, wall.strength_at(296.15)?)?; // 5 bar(g)
//! assert!(check.burst_pressure_pa > 10.0e5 && check.safety_factor > 2.0);
//! # Ok::<(), petrocket_structure::StructureError>(())
//! ```

#![deny(missing_docs)]

pub mod analytic;
pub mod bottle;
pub mod calculix;
mod error;
pub mod failure;
pub mod fem;
pub mod geometry;
pub mod limits;
pub mod materials;
pub mod thermal;

pub use error::{Result, StructureError};

#[cfg(test)]
pub(crate) mod test_util {
    /// Asserts `|a − b| ≤ rel·max(|a|, |b|)`.
    #[track_caller]
    pub fn assert_close(a: f64, b: f64, rel: f64) {
        assert!(
            (a - b).abs() <= rel * a.abs().max(b.abs()),
            "{a} vs {b}: relative difference {} > {rel}",
            (a - b).abs() / a.abs().max(b.abs())
        );
    }
}
