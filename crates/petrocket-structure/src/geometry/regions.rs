//! Material regions of a profile: a material name per row, for the span above it.
//!
//! Real bottles are amorphous PET where the preform is barely stretched (the neck finish and
//! the gate at the base centre) and biaxially oriented PET elsewhere (VALIDATION P1–P3). A
//! profile can say so row by row: the optional 4th CSV column `material` (header
//! `z_m,r_m,t_m,material`) names the material of the span from that row to the next; an
//! empty field means the default material (the one chosen on the command line). The FEM uses
//! each element's own elastic constants, and the failure assessment each point's own
//! strength ([`crate::failure::wall_safety_regions`]).

use super::Profile;
use crate::error::{Result, StructureError};

impl Profile {
    /// The same profile with a material name per row (for the span above it; `None` = the
    /// default material). `materials` must have one entry per row (or be empty: no
    /// regions). Names are trimmed; an empty name is `None`. The names are checked against a
    /// database by [`Profile::check_materials`].
    pub fn with_materials(mut self, materials: Vec<Option<String>>) -> Result<Self> {
        if !materials.is_empty() && materials.len() != self.rows.len() {
            return Err(StructureError::InvalidInput {
                quantity: "number of row materials",
                value: materials.len() as f64,
                unit: "",
                requirement: format!("0 or one per row ({} rows)", self.rows.len()),
            });
        }
        let materials: Vec<Option<String>> = materials
            .into_iter()
            .map(|m| m.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
            .collect();
        self.materials = if materials.iter().all(Option::is_none) {
            Vec::new()
        } else {
            materials
        };
        Ok(self)
    }

    /// The same profile with one material everywhere: the `material` column (and a
    /// preset's amorphous regions) dropped. For comparisons with uniform-material models.
    pub fn uniform(&self) -> Profile {
        let mut p = self.clone();
        p.materials.clear();
        p
    }

    /// Material name per row (for the span above it; `None` = default), or an empty slice
    /// when the profile names no material.
    pub fn row_materials(&self) -> &[Option<String>] {
        &self.materials
    }

    /// Whether any span names its own material.
    pub fn has_materials(&self) -> bool {
        !self.materials.is_empty()
    }

    /// The distinct material names of the profile, in order of first appearance.
    pub fn material_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.materials.iter().flatten() {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
        out
    }

    /// Checks every named material against `known` (e.g. the names of a
    /// [`crate::materials::MaterialDb`]): an unknown name is an error naming the row, the
    /// value and the known names.
    pub fn check_materials(&self, known: &[&str]) -> Result<()> {
        for (i, m) in self.materials.iter().enumerate() {
            if let Some(name) = m {
                if !known.contains(&name.as_str()) {
                    let row = &self.rows[i];
                    return Err(StructureError::InvalidProfile {
                        origin: self.origin.clone(),
                        row: i + 1,
                        z_m: row.z_m,
                        r_m: row.r_m,
                        message: format!(
                            "unknown material `{}` in column `material`; known: {}",
                            crate::limits::truncate_token(name, crate::limits::MAX_QUOTED_CHARS),
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Material of the span of this profile nearest to the point `(r, z)` (m): `None` for the
    /// default material. Used to map the spans of the meshing profile (thickness steps
    /// become tapers) back onto the rows.
    ///
    /// `cursor` is the span found for the previous point of an ordered walk along the
    /// meridian (start at 0): only the spans near it are searched, so a walk over the whole
    /// meridian costs linear, not quadratic, time in the number of rows.
    pub(crate) fn material_near(&self, p: [f64; 2], cursor: &mut usize) -> Option<&str> {
        if self.materials.is_empty() {
            return None;
        }
        let spans = self.rows.len() - 1;
        let lo = cursor.saturating_sub(2).min(spans);
        let hi = (*cursor + 8).min(spans);
        let mut best = (f64::INFINITY, None, *cursor);
        for i in lo..hi {
            let a = [self.rows[i].r_m, self.rows[i].z_m];
            let b = [self.rows[i + 1].r_m, self.rows[i + 1].z_m];
            let d = [b[0] - a[0], b[1] - a[1]];
            let len2 = d[0] * d[0] + d[1] * d[1];
            if len2 <= 0.0 {
                continue; // a thickness step
            }
            let f = (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0);
            let dist = (a[0] + f * d[0] - p[0]).hypot(a[1] + f * d[1] - p[1]);
            if dist < best.0 {
                best = (dist, self.materials[i].as_deref(), i);
            }
        }
        *cursor = best.2;
        best.1
    }
}

impl Profile {
    /// Wall mass with the density of each region, kg: `∫ 2π·r·t·ρ ds` on the same sampled
    /// smooth mid-surface as [`Profile::wall_volume_m3`], each sample interval taking the
    /// density of the material nearest its midpoint; `density_of(name)` gives a named
    /// material's density (kg/m³), `default_density_kg_m3` the rest.
    pub fn wall_mass_regions_kg(
        &self,
        default_density_kg_m3: f64,
        density_of: &mut dyn FnMut(&str) -> Result<f64>,
    ) -> Result<f64> {
        let rho0 = crate::error::positive("density", default_density_kg_m3, "kg/m³")?;
        let mut mass = 0.0;
        let samples = self.curve_samples();
        let mut cursor = 0;
        for w in samples.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mid = [
                0.5 * (a.point[0] + b.point[0]),
                0.5 * (a.point[1] + b.point[1]),
            ];
            let rho = match self.material_near(mid, &mut cursor) {
                None => rho0,
                Some(name) => crate::error::positive("density", density_of(name)?, "kg/m³")?,
            };
            let ds = (b.point[0] - a.point[0]).hypot(b.point[1] - a.point[1]);
            mass += rho * std::f64::consts::PI * ds * (a.point[0] * a.t + b.point[0] * b.t);
        }
        Ok(mass)
    }
}
