//! Parametric profiles of carbonated-drink bottles (0.5, 1, 1.5, 2 L), and the reference
//! capsule (cylinder with hemispherical heads) of the tests.
//!
//! # Shape (all presets)
//!
//! From the base pole upward, on the mid-surface:
//! 1. **Base**: a hemisphere of the body's mean radius `R`. A real carbonated-drink bottle has
//!    a five-foot *petaloid* base, which is not axisymmetric; its load-carrying valleys follow
//!    roughly a hemisphere, which is the axisymmetric idealisation used here (ASSUMPTION). The
//!    gate (pole) region is thick and barely stretched (amorphous in a real bottle).
//! 2. **Body**: a cylinder of mean radius `R = (D − t)/2`.
//! 3. **Shoulder**: the smooth ogive `r(ζ) = r_n + (R − r_n)·(1 + cos πζ)/2`, `0 ≤ ζ ≤ 1`,
//!    tangent to the body below and to the neck above.
//! 4. **Neck finish**: a plain tube with the 21.7 mm bore of PCO 1810/1881 28 mm finishes
//!    (VALIDATION B5) and an outer diameter of 25.0 mm, about the thread-root diameter of those
//!    finishes (ASSUMPTION: threads, support ring and tamper band are not modelled; the finish
//!    is far stiffer and less stressed than the wall).
//!
//! Outer diameter, height, sidewall thickness and bore are those of the cylinder presets in
//! [`crate::bottle`] (the 2 L values from VALIDATION B5–B7; the smaller sizes are documented
//! assumptions there). The overall height fixes the body length.
//!
//! # Wall thickness (ASSUMPTION)
//!
//! No wall-thickness maps of real bottles have been published (VALIDATION "Gaps"). The
//! distribution here follows how stretch-blow moulding thins a preform — least at the gate and
//! the finish, most in the body — and is piecewise linear:
//! base pole 2.0 mm → 1.15·t at 30° from the pole → 1.1·t where the base meets the body; the
//! body thinnest (`t`, the sidewall of the cylinder preset) at 35 % of its height, 1.15·t at
//! its top; the shoulder 1.15·t → 1.0·t at mid-height → 0.45·t_f at 85 % of its height → the
//! finish wall `t_f = 1.65 mm`. The base and shoulder factors are set so that the 2 L preset
//! weighs the ≈48 g of VALIDATION B6 (48.1 g with the amorphous finish and gate at
//! 1335 kg/m³ and oriented PET at 1390 kg/m³ elsewhere; see the tests); the hoop-stress peak
//! stays where the body is thinnest.
//!
//! # Material regions (ASSUMPTION)
//!
//! Stretch-blow moulding orients the PET where the preform is stretched; the neck finish is
//! not stretched at all and the gate region at the base centre hardly, so both stay
//! amorphous (VALIDATION P3: amorphous PET, UTS ≈55 MPa, E 2.3–2.7 GPa, against the oriented
//! wall's ≈200 MPa and 4.5–5 GPa of P1–P2). The presets mark the finish and the base within
//! 10° of the pole as `pet-amorphous` (profile column `material`); the rest of the wall is
//! the default material chosen by the user (normally `pet-oriented`). Where the
//! crystallinity changes is not published (VALIDATION "Gaps"); the 10° (≈9 mm from the axis
//! of a 2 L base) keeps the amorphous zone where the assumed wall is still thick (≥ 1.45 mm
//! of the 2.0 mm pole, i.e. stretched less than ≈1.4×). An amorphous zone out to 30°, where
//! the assumed wall is down to 1.15·t ≈ 0.35 mm, would make the base fail first at
//! ≈7 bar(g) — against measured 2 L bursts at 11.4–11.6 bar(g) by a longitudinal split of
//! the sidewall (VALIDATION B1, B2): the two assumptions are not consistent, so the zone is
//! kept to the thick gate.
//!
//! Everything is linear elastic and axisymmetric: no petaloid feet, no panels or ribs.

use serde::Serialize;

use super::{Profile, ProfileRow};
use crate::bottle;
use crate::error::{positive, Result, StructureError};

/// Angular step of the sampled arcs of the presets (hemispherical base), degrees.
pub const PRESET_SAMPLE_ANGLE_DEG: f64 = 2.0;
/// Segments of the sampled shoulder ogive.
const SHOULDER_SEGMENTS: usize = 48;

/// Outer diameter of the neck finish, m: about the thread-root diameter of PCO 1810/1881
/// 28 mm finishes (ASSUMPTION, see the module docs).
const FINISH_OUTER_DIAMETER_M: f64 = 0.025;
/// Height of the neck finish above the shoulder, m (ASSUMPTION: a 28 mm PCO finish is about
/// 17–21 mm tall including the neck below the support ring).
const FINISH_HEIGHT_M: f64 = 0.021;
/// Material of the barely stretched regions of a preset (the neck finish and the base
/// within [`AMORPHOUS_BASE_DEG`] of the pole), VALIDATION P3; the rest of the wall is the
/// default material (normally `pet-oriented`).
pub const AMORPHOUS_MATERIAL: &str = "pet-amorphous";
/// Polar angle from the base pole up to which a preset's base is amorphous, degrees
/// (ASSUMPTION, see the module docs).
pub const AMORPHOUS_BASE_DEG: f64 = 10.0;
/// Wall thickness at the base pole (gate), m (ASSUMPTION, see the module docs).
const BASE_POLE_THICKNESS_M: f64 = 2.0e-3;

/// The shape parameters of one preset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PresetShape {
    /// Preset name, as in [`crate::bottle::preset_names`].
    pub name: &'static str,
    /// Outer diameter of the body, m.
    pub body_outer_diameter_m: f64,
    /// Overall height (outer surface, base to top of the finish), m.
    pub height_m: f64,
    /// Thinnest sidewall of the body, m.
    pub sidewall_m: f64,
    /// Inner diameter of the mouth, m.
    pub bore_m: f64,
    /// Outer diameter of the neck finish, m.
    pub finish_outer_diameter_m: f64,
    /// Height of the neck finish, m.
    pub finish_height_m: f64,
    /// Height of the shoulder ogive, m.
    pub shoulder_height_m: f64,
    /// Wall thickness at the base pole, m.
    pub base_pole_thickness_m: f64,
    /// Where the numbers come from.
    pub source: &'static str,
}

const SHAPE_SOURCE: &str = "Body diameter, height, sidewall and bore: the cylinder preset of \
    the same name (petrocket_structure::bottle; 2 L from VALIDATION B5-B7). ASSUMPTIONS: \
    hemispherical base (axisymmetric idealisation of the petaloid base), cosine-ogive \
    shoulder, plain-tube finish 21.7 mm bore x 25.0 mm outer diameter x 21 mm, base-pole \
    wall 2.0 mm, thickness distribution as documented in geometry::presets (no published \
    thickness maps, VALIDATION Gaps).";

/// Shoulder heights of the presets, m (ASSUMPTION: proportions of typical retail bottles).
const SHOULDER_HEIGHTS: [(&str, f64); 4] = [
    ("0.5L", 0.050),
    ("1L", 0.060),
    ("1.5L", 0.065),
    ("2L", 0.075),
];

/// Shape parameters of every preset, smallest first.
pub fn preset_shapes() -> Vec<PresetShape> {
    bottle::presets()
        .iter()
        .map(|p| {
            let b = p.bottle;
            let shoulder = SHOULDER_HEIGHTS
                .iter()
                .find(|(n, _)| *n == p.name)
                .map_or(0.06, |x| x.1);
            PresetShape {
                name: p.name,
                body_outer_diameter_m: b.outer_diameter_m,
                height_m: b.height_m.unwrap_or(3.0 * b.outer_diameter_m),
                sidewall_m: b.wall_thickness_m,
                bore_m: b.mouth_bore_m,
                finish_outer_diameter_m: FINISH_OUTER_DIAMETER_M,
                finish_height_m: FINISH_HEIGHT_M,
                shoulder_height_m: shoulder,
                base_pole_thickness_m: BASE_POLE_THICKNESS_M,
                source: SHAPE_SOURCE,
            }
        })
        .collect()
}

/// Shape parameters of the preset called `name` (case and spaces ignored).
pub fn preset_shape(name: &str) -> Result<PresetShape> {
    let p = bottle::preset(name)?;
    Ok(preset_shapes()
        .into_iter()
        .find(|s| s.name == p.name)
        .expect("every cylinder preset has a shape"))
}

/// Piecewise-linear interpolation through `(x, y)` knots sorted by `x`.
fn lerp_knots(knots: &[(f64, f64)], x: f64) -> f64 {
    let (first, last) = (knots[0], knots[knots.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    for w in knots.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    last.1
}

impl PresetShape {
    /// The sampled profile of this shape.
    pub fn profile(&self) -> Result<Profile> {
        let d = positive("body outer diameter", self.body_outer_diameter_m, "m")?;
        let t = positive("sidewall thickness", self.sidewall_m, "m")?;
        let h = positive("height", self.height_m, "m")?;
        let bore = positive("bore", self.bore_m, "m")?;
        let d_f = positive("finish outer diameter", self.finish_outer_diameter_m, "m")?;
        let h_f = positive("finish height", self.finish_height_m, "m")?;
        let h_s = positive("shoulder height", self.shoulder_height_m, "m")?;
        let t_pole = positive("base pole thickness", self.base_pole_thickness_m, "m")?;
        let big_r = 0.5 * (d - t);
        let t_f = 0.5 * (d_f - bore);
        let r_n = 0.25 * (d_f + bore);
        if d_f <= bore || r_n >= big_r {
            return Err(StructureError::InvalidInput {
                quantity: "finish outer diameter",
                value: d_f,
                unit: "m",
                requirement: format!("> the bore {bore} m and < the body diameter {d} m"),
            });
        }
        let z0 = 0.5 * t_pole;
        let zc = z0 + big_r;
        let body = h - zc - h_s - h_f;
        if body <= 0.0 {
            return Err(StructureError::InvalidInput {
                quantity: "height",
                value: h,
                unit: "m",
                requirement: format!(
                    "> {} m, base + shoulder + finish, to leave room for a body",
                    zc + h_s + h_f
                ),
            });
        }
        let mut rows = Vec::new();
        let mut materials: Vec<Option<String>> = Vec::new();
        let amorphous = || Some(AMORPHOUS_MATERIAL.to_string());
        // Base hemisphere, polar angle phi from the pole.
        let n_base = (90.0 / PRESET_SAMPLE_ANGLE_DEG).round() as usize;
        let base_knots = [(0.0, t_pole), (30.0, 1.15 * t), (90.0, 1.1 * t)];
        for k in 0..=n_base {
            let phi_deg = 90.0 * k as f64 / n_base as f64;
            let phi = phi_deg.to_radians();
            let r = if k == 0 { 0.0 } else { big_r * phi.sin() };
            rows.push(ProfileRow::new(
                zc - big_r * phi.cos(),
                r,
                lerp_knots(&base_knots, phi_deg),
            ));
            // The span above this row is amorphous up to AMORPHOUS_BASE_DEG from the pole.
            materials.push(if phi_deg < AMORPHOUS_BASE_DEG - 1e-9 {
                amorphous()
            } else {
                None
            });
        }
        // Body: thinnest at 35 % of its height.
        rows.push(ProfileRow::new(zc + 0.35 * body, big_r, t));
        rows.push(ProfileRow::new(zc + body, big_r, 1.15 * t));
        materials.extend([None, None]);
        // Shoulder ogive.
        let zs = zc + body;
        let sh_knots = [
            (0.0, 1.15 * t),
            (0.5, 1.0 * t),
            (0.85, 0.45 * t_f),
            (1.0, t_f),
        ];
        for k in 1..=SHOULDER_SEGMENTS {
            let zeta = k as f64 / SHOULDER_SEGMENTS as f64;
            let r = r_n + (big_r - r_n) * 0.5 * (1.0 + (std::f64::consts::PI * zeta).cos());
            rows.push(ProfileRow::new(
                zs + zeta * h_s,
                r,
                lerp_knots(&sh_knots, zeta),
            ));
            // The last shoulder row starts the finish, which is amorphous.
            materials.push(if k == SHOULDER_SEGMENTS {
                amorphous()
            } else {
                None
            });
        }
        // Finish.
        rows.push(ProfileRow::new(h, r_n, t_f));
        materials.push(None);
        Profile::new(rows, format!("preset {}", self.name))?.with_materials(materials)
    }
}

/// The profile of the preset called `name` (`"0.5L"`, `"1L"`, `"1.5L"`, `"2L"`; case and
/// spaces ignored), or an error with a "did you mean" hint.
pub fn preset_profile(name: &str) -> Result<Profile> {
    preset_shape(name)?.profile()
}

/// A cylinder of mean radius `radius_m` and length `cylinder_length_m` closed by two
/// hemispherical heads of the same mean radius, uniform wall `thickness_m`, base pole at
/// `z = 0`; arcs sampled every `angle_step_deg`. The reference problem of the tests
/// (Lamé far from the heads; sphere membrane stress near the poles).
pub fn capsule_profile(
    radius_m: f64,
    cylinder_length_m: f64,
    thickness_m: f64,
    angle_step_deg: f64,
) -> Result<Profile> {
    let r = positive("capsule radius", radius_m, "m")?;
    let l = positive("capsule cylinder length", cylinder_length_m, "m")?;
    let t = positive("capsule wall thickness", thickness_m, "m")?;
    let step = positive("angle step", angle_step_deg, "°")?;
    let n = (90.0 / step).ceil().max(2.0) as usize;
    let mut rows = Vec::with_capacity(2 * n + 2);
    for k in 0..=n {
        let phi = (90.0 * k as f64 / n as f64).to_radians();
        let rr = if k == 0 { 0.0 } else { r * phi.sin() };
        rows.push(ProfileRow::new(r - r * phi.cos(), rr, t));
    }
    for k in 0..=n {
        let phi = (90.0 * k as f64 / n as f64).to_radians();
        let rr = if k == n { 0.0 } else { r * phi.cos() };
        rows.push(ProfileRow::new(r + l + r * phi.sin(), rr, t));
    }
    Profile::new(rows, format!("capsule R = {r} m, L = {l} m, t = {t} m"))
}
