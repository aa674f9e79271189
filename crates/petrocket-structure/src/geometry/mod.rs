//! Bottle geometry: an axisymmetric mid-surface meridian with a wall thickness along it.
//!
//! A [`Profile`] is a list of rows `(z, r, t)` from the base pole (`r = 0`) upward to the top
//! of the neck: `z` along the axis, `r` the radius of the wall's mid-surface, `t` the wall
//! thickness measured normal to the mid-surface (all in m). Between rows the mid-surface and
//! the thickness are linear. Two consecutive rows with the same `z` and `r` but different `t`
//! encode a thickness step. Profiles come from CSV files with the header `z_m,r_m,t_m`
//! ([`Profile::from_csv_str`], [`Profile::load_csv`]) or from the parametric presets
//! ([`preset_profile`]).
//!
//! # Closure conventions
//!
//! - The base closes at the pole: the first row is on the axis.
//! - If the last row is also on the axis, the profile is a shell closed at both poles and
//!   needs no cap ([`Profile::is_closed_top`]).
//! - Otherwise the top of the neck is closed by a cap, modelled as the axial end load
//!   `p·π·r_i²` on the neck's top edge, with `r_i` the inner radius there
//!   ([`Profile::cap_end_load_n`]): the cap's own stiffness is not modelled and the load is
//!   spread uniformly over the annular end face.
//!
//! # Derived quantities
//!
//! The inner and outer surfaces are the mid-surface offset by `∓t/2` along the normal (at a
//! corner of the polyline, along the bisector, lengthened so that the wall keeps its thickness
//! on both sides; at a pole, along the axis). From them: the internal volume up to the top of
//! the neck (closed by the cap), the inner and outer surface areas, the mouth area `π·r_i²` at
//! the top, and the wall volume `∫ 2π·r·t ds` (Pappus) for the wall mass.

mod csv;
pub(crate) mod meridian;
mod presets;
mod regions;

pub use meridian::CORNER_TURN_DEG;

use serde::Serialize;

use crate::error::{fmt_num, Result, StructureError};

pub use presets::{
    capsule_profile, preset_profile, preset_shape, preset_shapes, PresetShape, AMORPHOUS_BASE_DEG,
    AMORPHOUS_MATERIAL, PRESET_SAMPLE_ANGLE_DEG,
};

/// Column names of a profile CSV, in order.
pub const CSV_HEADER: [&str; 3] = ["z_m", "r_m", "t_m"];

/// Samples per span between rows of the smooth mid-surface for the derived quantities
/// (volume, areas, wall mass).
pub const SURFACE_SAMPLES_PER_SPAN: usize = 8;

/// A turn of the meridian larger than this at one row is rejected, degrees: the wall offset
/// would fold back on itself.
pub const MAX_TURN_DEG: f64 = 120.0;
/// A turn of the meridian larger than this at one row gives a warning, degrees: a sharp
/// corner concentrates stress, and its value depends on the mesh.
pub const WARN_TURN_DEG: f64 = 45.0;
/// A pole segment inclined more than this to the horizontal gives a warning, degrees: the
/// meridian should meet the axis at a right angle.
pub const WARN_POLE_ANGLE_DEG: f64 = 10.0;
/// Ratio `t/R_c` (thickness to local meridian curvature radius) above which a row gets a
/// warning: thin-shell reasoning no longer holds and the wall offset may fold.
pub const WARN_THICKNESS_CURVATURE_RATIO: f64 = 0.5;

/// Most rows a profile may have (a preset has ≈ 60; 100 000 rows sample a 2 m meridian every
/// 20 µm). Checked before any geometry is computed.
pub const MAX_PROFILE_ROWS: usize = 100_000;
/// Largest mid-surface radius of a profile row, m (2 m: a vessel, not a bottle, beyond it;
/// the mesh of a larger one would not fit in memory at bottle wall thicknesses).
pub const MAX_PROFILE_RADIUS_M: f64 = 2.0;
/// Largest `|z|` of a profile row and largest axial extent, m (2 m, as the radius).
pub const MAX_PROFILE_HEIGHT_M: f64 = 2.0;
/// Smallest largest-radius of a profile, m (1 mm: a smaller "bottle" is below the size at
/// which a continuum wall model and the flame/detonation models of the pipeline apply).
pub const MIN_PROFILE_RADIUS_M: f64 = 1e-3;
/// Range of the wall thickness of a profile row, m: 10 µm (thinner than any blow-moulded
/// wall, 0.2–0.4 mm; below it the wall is a film) … 50 mm (thick-walled test vessels; the
/// FEM handles thick walls, but a thicker wall is not a bottle).
pub const PROFILE_THICKNESS_RANGE_M: (f64, f64) = (1e-5, 0.05);

/// One row of a profile: a point of the mid-surface meridian and the wall thickness there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProfileRow {
    /// Axial coordinate, m.
    pub z_m: f64,
    /// Radius of the mid-surface, m (0 on the axis).
    pub r_m: f64,
    /// Wall thickness normal to the mid-surface, m.
    pub t_m: f64,
}

impl ProfileRow {
    /// A row from `(z, r, t)` in m.
    pub const fn new(z_m: f64, r_m: f64, t_m: f64) -> Self {
        Self { z_m, r_m, t_m }
    }
}

/// A validated axisymmetric bottle profile (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    origin: String,
    rows: Vec<ProfileRow>,
    warnings: Vec<String>,
    /// Material name per row, for the span above it (`None`: the default material); empty
    /// when the profile names no material (see [`Profile::with_materials`]).
    materials: Vec<Option<String>>,
}

/// Local frame of the meridian at a row: unit tangent (direction of increasing arc length)
/// and the offset vector to the outer surface per unit half-thickness (outward normal,
/// lengthened at corners). Components are `(r, z)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub tangent: [f64; 2],
    pub offset: [f64; 2],
}

fn sub(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] - b[0], a[1] - b[1]]
}
fn norm(a: [f64; 2]) -> f64 {
    a[0].hypot(a[1])
}
fn cross(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[1] - a[1] * b[0]
}
fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}
/// Outward normal `(T_z, −T_r)` of a unit tangent `T` in `(r, z)`: for a meridian running
/// from the base pole upward, this points out of the bottle.
pub(crate) fn outward_normal(t: [f64; 2]) -> [f64; 2] {
    [t[1], -t[0]]
}

impl Profile {
    /// A validated profile from rows (see the module docs for the rules). `origin` names
    /// the source in messages (a path, a preset name).
    pub fn new(rows: Vec<ProfileRow>, origin: impl Into<String>) -> Result<Self> {
        Self::with_lines(rows, origin.into(), None)
    }

    pub(crate) fn with_lines(
        rows: Vec<ProfileRow>,
        origin: String,
        lines: Option<&[usize]>,
    ) -> Result<Self> {
        let mut p = Self {
            origin,
            rows,
            warnings: Vec::new(),
            materials: Vec::new(),
        };
        p.validate(lines)?;
        Ok(p)
    }

    fn err(&self, lines: Option<&[usize]>, i: usize, message: String) -> StructureError {
        let row = &self.rows[i];
        let message = match lines {
            Some(l) => format!("{message} (line {})", l[i]),
            None => message,
        };
        StructureError::InvalidProfile {
            origin: self.origin.clone(),
            row: i + 1,
            z_m: row.z_m,
            r_m: row.r_m,
            message,
        }
    }

    fn validate(&mut self, lines: Option<&[usize]>) -> Result<()> {
        let n = self.rows.len();
        if n > MAX_PROFILE_ROWS {
            return Err(StructureError::LimitExceeded {
                quantity: format!("bottle profile {}: rows", self.origin),
                value: n.to_string(),
                limit: format!("{MAX_PROFILE_ROWS} rows"),
                hint: "thin the profile (a smooth bottle needs a few hundred rows at most)".into(),
            });
        }
        if n < 2 {
            return Err(StructureError::InvalidProfile {
                origin: self.origin.clone(),
                row: n,
                z_m: self.rows.first().map_or(f64::NAN, |r| r.z_m),
                r_m: self.rows.first().map_or(f64::NAN, |r| r.r_m),
                message: format!(
                    "a profile needs at least 2 rows (base pole and top of the neck), found {n}"
                ),
            });
        }
        for (i, row) in self.rows.iter().enumerate() {
            for (name, v) in [("z", row.z_m), ("r", row.r_m), ("t", row.t_m)] {
                if !v.is_finite() {
                    return Err(self.err(lines, i, format!("{name} = {v} is not a finite number")));
                }
            }
            if row.r_m < 0.0 {
                return Err(self.err(lines, i, format!("radius r = {} m must be ≥ 0", row.r_m)));
            }
            if row.t_m <= 0.0 {
                return Err(self.err(
                    lines,
                    i,
                    format!("wall thickness t = {} m must be > 0", row.t_m),
                ));
            }
            let (t_lo, t_hi) = PROFILE_THICKNESS_RANGE_M;
            if !crate::limits::within(row.t_m, t_lo, t_hi) {
                return Err(self.err(
                    lines,
                    i,
                    format!(
                        "wall thickness t = {} m is outside {t_lo} … {t_hi} m (10 µm … 50 mm: \
                         a bottle wall; SI units, metres)",
                        fmt_num(row.t_m)
                    ),
                ));
            }
            if !crate::limits::within(row.r_m, 0.0, MAX_PROFILE_RADIUS_M) {
                return Err(self.err(
                    lines,
                    i,
                    format!(
                        "radius r = {} m is larger than {MAX_PROFILE_RADIUS_M} m (a bottle; SI \
                         units, metres)",
                        fmt_num(row.r_m)
                    ),
                ));
            }
            if !crate::limits::within(row.z_m.abs(), 0.0, MAX_PROFILE_HEIGHT_M) {
                return Err(self.err(
                    lines,
                    i,
                    format!(
                        "axial coordinate z = {} m is outside ±{MAX_PROFILE_HEIGHT_M} m (a bottle; \
                         SI units, metres)",
                        fmt_num(row.z_m)
                    ),
                ));
            }
        }
        {
            let (mut zmin, mut zmax, mut rmax, mut i_rmax) =
                (f64::INFINITY, f64::NEG_INFINITY, 0.0f64, 0);
            for (i, r) in self.rows.iter().enumerate() {
                zmin = zmin.min(r.z_m);
                zmax = zmax.max(r.z_m);
                if r.r_m > rmax {
                    (rmax, i_rmax) = (r.r_m, i);
                }
            }
            if !crate::limits::within(rmax, MIN_PROFILE_RADIUS_M, f64::INFINITY) {
                return Err(self.err(
                    lines,
                    i_rmax,
                    format!(
                        "the largest radius {} m is below {MIN_PROFILE_RADIUS_M} m (1 mm): not \
                         a bottle (SI units, metres)",
                        fmt_num(rmax)
                    ),
                ));
            }
            if !crate::limits::within(zmax - zmin, 0.0, MAX_PROFILE_HEIGHT_M) {
                return Err(self.err(
                    lines,
                    n - 1,
                    format!(
                        "the profile spans {} m along the axis, more than {MAX_PROFILE_HEIGHT_M} m \
                         (a bottle; SI units, metres)",
                        fmt_num(zmax - zmin)
                    ),
                ));
            }
        }
        if self.rows[0].r_m != 0.0 {
            return Err(self.err(
                lines,
                0,
                "the first row must be on the axis (r = 0): profiles start at the base pole".into(),
            ));
        }
        for i in 1..n - 1 {
            if self.rows[i].r_m == 0.0 {
                return Err(self.err(
                    lines,
                    i,
                    "only the first and the last row may lie on the axis (r = 0)".into(),
                ));
            }
        }
        // Zero-length segments: thickness steps only, never at a pole, never two in a row.
        let scale = self.scale();
        let tol = 1e-12 * scale;
        for i in 0..n - 1 {
            let (a, b) = (self.rows[i], self.rows[i + 1]);
            let len = (b.z_m - a.z_m).hypot(b.r_m - a.r_m);
            if len <= tol {
                if (a.t_m - b.t_m).abs() <= 1e-12 * a.t_m.max(b.t_m) {
                    return Err(self.err(
                        lines,
                        i + 1,
                        "duplicate row: same z, r and t as the row before (a repeated point \
                         encodes a thickness step and needs a different t)"
                            .into(),
                    ));
                }
                if i == 0 || i + 1 == n - 1 {
                    return Err(self.err(
                        lines,
                        i + 1,
                        "a thickness step (repeated z and r) cannot sit at the first or last row"
                            .into(),
                    ));
                }
                if i > 0 && {
                    let p = self.rows[i - 1];
                    (a.z_m - p.z_m).hypot(a.r_m - p.r_m) <= tol
                } {
                    return Err(self.err(
                        lines,
                        i + 1,
                        "three rows at the same point: a thickness step takes exactly two rows"
                            .into(),
                    ));
                }
            }
        }
        let segs = self.segments();
        // Turning angles and corner warnings.
        for w in segs.windows(2) {
            let ((_, d1), (i2, d2)) = (w[0], w[1]);
            let i = i2; // vertex row (first row of the second segment)
            let cos = dot(d1, d2).clamp(-1.0, 1.0);
            let turn = cos.acos().to_degrees();
            if turn >= MAX_TURN_DEG {
                return Err(self.err(
                    lines,
                    i,
                    format!(
                        "the meridian turns by {turn:.1}° here (limit {MAX_TURN_DEG}°): it folds \
                         back on itself; add rows to round the corner"
                    ),
                ));
            }
            if turn > WARN_TURN_DEG {
                self.warnings.push(format!(
                    "row {}: the meridian turns by {turn:.1}° (a sharp corner): the local stress \
                     peak depends on the mesh there",
                    i + 1
                ));
            }
        }
        // Self-intersection of the mid-surface (non-adjacent segments): a Shamos–Hoey sweep,
        // O(n log n) comparisons (the brute-force pair test was quadratic in rows).
        let seg_pts: Vec<([f64; 2], [f64; 2])> = segs
            .iter()
            .map(|&(i, _)| (self.point(i), self.point(i + 1)))
            .collect();
        if let Some((a, b)) = first_crossing(&seg_pts, tol) {
            let (ia, ib) = (segs[a.min(b)].0, segs[a.max(b)].0);
            // Closed at both poles: the first and last segment meet only if they share the
            // axis point, which the pole checks above exclude.
            return Err(self.err(
                lines,
                ib,
                format!(
                    "the meridian crosses itself: the segment from row {} to row {} crosses the \
                     segment from row {} to row {}",
                    ib + 1,
                    ib + 2,
                    ia + 1,
                    ia + 2
                ),
            ));
        }
        // Pole angles.
        let first = segs[0].1;
        let pole_angle = first[1].atan2(first[0]).to_degrees();
        if first[0] <= 0.0 {
            return Err(self.err(
                lines,
                1,
                "the meridian must leave the base pole outward (r increasing)".into(),
            ));
        }
        if pole_angle.abs() > WARN_POLE_ANGLE_DEG {
            self.warnings.push(format!(
                "row 1: the meridian leaves the base pole at {pole_angle:.1}° to the horizontal; \
                 a smooth pole meets the axis at a right angle (0°)"
            ));
        }
        if self.is_closed_top() {
            let last = segs[segs.len() - 1].1;
            if last[0] >= 0.0 {
                return Err(self.err(
                    lines,
                    n - 1,
                    "the meridian must reach the top pole inward (r decreasing)".into(),
                ));
            }
            let angle = last[1].atan2(-last[0]).to_degrees();
            if angle.abs() > WARN_POLE_ANGLE_DEG {
                self.warnings.push(format!(
                    "row {n}: the meridian reaches the top pole at {angle:.1}° to the horizontal; \
                     a smooth pole meets the axis at a right angle (0°)"
                ));
            }
        }
        // Wall offsets must stay off the axis, and thickness small against curvature.
        let frames = self.frames();
        for (i, f) in frames.iter().enumerate() {
            let row = self.rows[i];
            let half = 0.5 * row.t_m;
            let not_pole = i != 0 && !(i == n - 1 && self.is_closed_top());
            if not_pole {
                let r_in = row.r_m - half * f.offset[0];
                let r_out = row.r_m + half * f.offset[0];
                if r_in <= 0.0 || r_out <= 0.0 {
                    return Err(self.err(
                        lines,
                        i,
                        format!(
                            "the wall (t = {} m) reaches the axis: the inner or outer surface would \
                             have radius {} m",
                            row.t_m,
                            r_in.min(r_out)
                        ),
                    ));
                }
            }
        }
        for w in segs.windows(2) {
            let ((i1, d1), (i2, d2)) = (w[0], w[1]);
            let turn = dot(d1, d2).clamp(-1.0, 1.0).acos();
            if turn < 1e-9 {
                continue;
            }
            let l1 = norm(sub(self.point(i1 + 1), self.point(i1)));
            let l2 = norm(sub(self.point(i2 + 1), self.point(i2)));
            let radius = 0.5 * (l1 + l2) / turn;
            let t = self.rows[i2].t_m.max(self.rows[i1 + 1].t_m);
            if t / radius > WARN_THICKNESS_CURVATURE_RATIO {
                self.warnings.push(format!(
                    "row {}: wall thickness {t} m is not small against the meridian curvature \
                     radius {radius:.3e} m (t/R = {:.2}): thin-shell reasoning does not hold and \
                     the mesh may fold there",
                    i2 + 1,
                    t / radius
                ));
            }
        }
        Ok(())
    }

    /// Size of the profile (largest coordinate extent), m.
    fn scale(&self) -> f64 {
        let (mut zmin, mut zmax, mut rmax) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
        for r in &self.rows {
            zmin = zmin.min(r.z_m);
            zmax = zmax.max(r.z_m);
            rmax = rmax.max(r.r_m);
        }
        (zmax - zmin).max(rmax).max(f64::MIN_POSITIVE)
    }

    pub(crate) fn point(&self, i: usize) -> [f64; 2] {
        [self.rows[i].r_m, self.rows[i].z_m]
    }

    /// Non-degenerate segments as (index of first row, unit direction in `(r, z)`).
    pub(crate) fn segments(&self) -> Vec<(usize, [f64; 2])> {
        let tol = 1e-12 * self.scale();
        (0..self.rows.len() - 1)
            .filter_map(|i| {
                let d = sub(self.point(i + 1), self.point(i));
                let l = norm(d);
                (l > tol).then(|| (i, [d[0] / l, d[1] / l]))
            })
            .collect()
    }

    /// Local frames at every row (see [`Frame`]).
    pub(crate) fn frames(&self) -> Vec<Frame> {
        let n = self.rows.len();
        let segs = self.segments();
        let closed = self.is_closed_top();
        // Incoming: last segment ending at or before row i; outgoing: first starting at or
        // after row i (steps share their point, so both rows get the same frame). One pass
        // each way (linear in rows).
        let mut incoming_of = vec![None; n];
        let mut outgoing_of = vec![None; n];
        {
            let mut k = 0;
            let mut last = None;
            for (i, slot) in incoming_of.iter_mut().enumerate() {
                while k < segs.len() && segs[k].0 < i {
                    last = Some(segs[k].1);
                    k += 1;
                }
                *slot = last;
            }
            let mut k = segs.len();
            let mut next = None;
            for i in (0..n).rev() {
                while k > 0 && segs[k - 1].0 >= i {
                    next = Some(segs[k - 1].1);
                    k -= 1;
                }
                outgoing_of[i] = next;
            }
        }
        (0..n)
            .map(|i| {
                let incoming = incoming_of[i];
                let outgoing = outgoing_of[i];
                let pole = i == 0 || (closed && i == n - 1);
                match (incoming, outgoing) {
                    (_, Some(d)) if i == 0 => pole_frame(d),
                    (Some(d), _) if pole => pole_frame(d),
                    (Some(a), Some(b)) => {
                        let (na, nb) = (outward_normal(a), outward_normal(b));
                        let m = [na[0] + nb[0], na[1] + nb[1]];
                        let lm = norm(m);
                        let m = [m[0] / lm, m[1] / lm];
                        let scale = 1.0 / dot(m, na);
                        let t = [a[0] + b[0], a[1] + b[1]];
                        let lt = norm(t);
                        Frame {
                            tangent: [t[0] / lt, t[1] / lt],
                            offset: [m[0] * scale, m[1] * scale],
                        }
                    }
                    (Some(d), None) | (None, Some(d)) => Frame {
                        tangent: d,
                        offset: outward_normal(d),
                    },
                    (None, None) => unreachable!("a validated profile has a segment"),
                }
            })
            .collect()
    }

    /// Where the profile came from (a path, a preset name, `<string>`).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The rows, from the base pole upward.
    pub fn rows(&self) -> &[ProfileRow] {
        &self.rows
    }

    /// Non-fatal findings of the validation (sharp corners, thick walls against curvature).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Whether the last row is on the axis: a shell closed at both poles, without a cap.
    pub fn is_closed_top(&self) -> bool {
        self.rows.last().is_some_and(|r| r.r_m == 0.0)
    }

    /// Arc length of the mid-surface at every row, m (0 at the base pole).
    pub fn arc_lengths(&self) -> Vec<f64> {
        let mut s = Vec::with_capacity(self.rows.len());
        let mut acc = 0.0;
        s.push(0.0);
        for i in 1..self.rows.len() {
            acc += norm(sub(self.point(i), self.point(i - 1)));
            s.push(acc);
        }
        s
    }

    /// Length of the mid-surface meridian, m.
    pub fn meridian_length_m(&self) -> f64 {
        *self.arc_lengths().last().unwrap_or(&0.0)
    }

    /// Overall height of the wall (outer surface), m.
    pub fn height_m(&self) -> f64 {
        let (inner, outer) = self.surfaces();
        let zs = inner.iter().chain(outer.iter()).map(|p| p[1]);
        let (lo, hi) = zs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), z| {
            (lo.min(z), hi.max(z))
        });
        hi - lo
    }

    /// Largest outer radius, m.
    pub fn max_outer_radius_m(&self) -> f64 {
        self.surfaces().1.iter().map(|p| p[0]).fold(0.0, f64::max)
    }

    /// Points of the smooth mid-surface (see [`CORNER_TURN_DEG`] and the `meridian` module)
    /// sampled [`SURFACE_SAMPLES_PER_SPAN`] times between rows.
    pub(crate) fn curve_samples(&self) -> Vec<meridian::CurvePoint> {
        meridian::Meridian::new(&self.for_meshing()).sample(SURFACE_SAMPLES_PER_SPAN)
    }

    /// Inner and outer surface polylines, points `(r, z)` in m, sampled along the smooth
    /// mid-surface ([`SURFACE_SAMPLES_PER_SPAN`] points per span between rows).
    pub fn surfaces(&self) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
        self.curve_samples()
            .iter()
            .map(|c| {
                let h = 0.5 * c.t;
                (
                    [c.point[0] - h * c.offset[0], c.point[1] - h * c.offset[1]],
                    [c.point[0] + h * c.offset[0], c.point[1] + h * c.offset[1]],
                )
            })
            .unzip()
    }

    /// Internal (gas) volume, m³: the volume of revolution enclosed by the inner surface,
    /// up to the top of the neck where the cap closes it.
    pub fn internal_volume_m3(&self) -> f64 {
        let (inner, _) = self.surfaces();
        let v: f64 = inner
            .windows(2)
            .map(|w| {
                let ([ra, za], [rb, zb]) = (w[0], w[1]);
                std::f64::consts::PI * (ra * ra + ra * rb + rb * rb) / 3.0 * (zb - za)
            })
            .sum();
        // The base pole is the lowest point of a bottle, so the signed sum is positive; a
        // meridian that runs downward overall gives the same magnitude.
        v.abs()
    }

    /// Area of a surface polyline of revolution, m².
    fn area(points: &[[f64; 2]]) -> f64 {
        points
            .windows(2)
            .map(|w| std::f64::consts::PI * (w[0][0] + w[1][0]) * norm(sub(w[1], w[0])))
            .sum()
    }

    /// Inner (wetted) surface area, m².
    pub fn inner_area_m2(&self) -> f64 {
        Self::area(&self.surfaces().0)
    }

    /// Outer surface area, m².
    pub fn outer_area_m2(&self) -> f64 {
        Self::area(&self.surfaces().1)
    }

    /// Wall volume `∫ 2π·r·t ds` over the smooth mid-surface (Pappus; trapezoidal rule on
    /// the sampled curve), m³.
    pub fn wall_volume_m3(&self) -> f64 {
        self.curve_samples()
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let ds = norm(sub(b.point, a.point));
                std::f64::consts::PI * ds * (a.point[0] * a.t + b.point[0] * b.t)
            })
            .sum()
    }

    /// Wall mass for a material density (kg/m³), kg.
    pub fn wall_mass_kg(&self, density_kg_m3: f64) -> Result<f64> {
        Ok(crate::error::positive("density", density_kg_m3, "kg/m³")? * self.wall_volume_m3())
    }

    /// Inner radius of the mouth (top of the neck), m; `None` for a profile closed at both
    /// poles.
    pub fn mouth_inner_radius_m(&self) -> Option<f64> {
        (!self.is_closed_top()).then(|| self.surfaces().0.last().map_or(0.0, |p| p[0]))
    }

    /// Mouth area `π·r_i²` at the top of the neck, m² (0 when closed at both poles).
    pub fn mouth_area_m2(&self) -> f64 {
        self.mouth_inner_radius_m()
            .map_or(0.0, |r| std::f64::consts::PI * r * r)
    }

    /// Axial cap load on the neck's top edge at gauge pressure `p_gauge_pa`, N:
    /// `p·π·r_i²` (0 when closed at both poles).
    pub fn cap_end_load_n(&self, p_gauge_pa: f64) -> f64 {
        p_gauge_pa * self.mouth_area_m2()
    }

    /// Mid-surface point, thickness and unit tangent at arc length `s` (clamped to the
    /// meridian), as `(r, z, t, tangent)`. At a thickness step the thickness after it is used.
    pub fn at_arc_length(&self, s: f64) -> (f64, f64, f64, [f64; 2]) {
        let sv = self.arc_lengths();
        let n = self.rows.len();
        let s = s.clamp(0.0, sv[n - 1]);
        let segs = self.segments();
        let &(i, d) = segs
            .iter()
            .find(|(i, _)| s <= sv[i + 1])
            .unwrap_or(&segs[segs.len() - 1]);
        let l = sv[i + 1] - sv[i];
        let f = if l > 0.0 { (s - sv[i]) / l } else { 0.0 };
        let (a, b) = (self.rows[i], self.rows[i + 1]);
        (
            a.r_m + f * (b.r_m - a.r_m),
            a.z_m + f * (b.z_m - a.z_m),
            a.t_m + f * (b.t_m - a.t_m),
            d,
        )
    }

    /// Rows for meshing: every thickness step is replaced by a linear taper over the arc
    /// length `|Δt|/2` centred on the step (a 45° chamfer of each face), clipped to a third of
    /// the neighbouring segments. A perfectly sharp re-entrant corner has a singular elastic
    /// stress that no mesh converges to; a moulded step has a small taper like this.
    pub(crate) fn mesh_rows(&self) -> Vec<ProfileRow> {
        let n = self.rows.len();
        let tol = 1e-12 * self.scale();
        let mut out: Vec<ProfileRow> = Vec::with_capacity(n + 4);
        let mut i = 0;
        while i < n {
            let a = self.rows[i];
            let is_step = i + 1 < n && {
                let b = self.rows[i + 1];
                (b.z_m - a.z_m).hypot(b.r_m - a.r_m) <= tol
            };
            if !is_step {
                out.push(a);
                i += 1;
                continue;
            }
            let b = self.rows[i + 1];
            let prev = self.rows[i - 1];
            let next = self.rows[i + 2];
            let l_prev = (a.z_m - prev.z_m).hypot(a.r_m - prev.r_m);
            let l_next = (next.z_m - b.z_m).hypot(next.r_m - b.r_m);
            let half = (0.25 * (a.t_m - b.t_m).abs())
                .min(l_prev / 3.0)
                .min(l_next / 3.0);
            let fa = half / l_prev;
            let fb = half / l_next;
            let before = ProfileRow::new(
                a.z_m + fa * (prev.z_m - a.z_m),
                a.r_m + fa * (prev.r_m - a.r_m),
                a.t_m + fa * (prev.t_m - a.t_m),
            );
            let after = ProfileRow::new(
                b.z_m + fb * (next.z_m - b.z_m),
                b.r_m + fb * (next.r_m - b.r_m),
                b.t_m + fb * (next.t_m - b.t_m),
            );
            out.push(before);
            out.push(ProfileRow::new(
                a.z_m,
                a.r_m,
                0.5 * (before.t_m + after.t_m),
            ));
            out.push(after);
            i += 2;
        }
        out
    }

    /// The same profile with thickness steps replaced by short tapers (see `mesh_rows`).
    pub(crate) fn for_meshing(&self) -> Profile {
        Profile {
            origin: self.origin.clone(),
            rows: self.mesh_rows(),
            warnings: self.warnings.clone(),
            materials: Vec::new(),
        }
    }

    /// The profile with its wall thickness multiplied by `factor` everywhere (for studies);
    /// validated again.
    pub fn scaled_thickness(&self, factor: f64) -> Result<Profile> {
        crate::error::positive("thickness factor", factor, "")?;
        let rows = self
            .rows
            .iter()
            .map(|r| ProfileRow::new(r.z_m, r.r_m, r.t_m * factor))
            .collect();
        Profile::new(rows, self.origin.clone())?.with_materials(self.materials.clone())
    }
}

/// Frame at a pole: offset along the axis, lengthened so that the wall normal to the first
/// (or last) segment keeps its thickness (the miter with the segment's mirror image).
fn pole_frame(d: [f64; 2]) -> Frame {
    let n = outward_normal(d);
    let nz = n[1];
    Frame {
        tangent: d,
        offset: [0.0, 1.0 / nz],
    }
}

/// The first pair of non-adjacent segments (indices into `segs`, whose consecutive entries
/// share an end point) that intersect or touch within `tol` ([`segments_intersect`]), found
/// by a Shamos–Hoey sweep (Shamos & Hoey, 17th FOCS, 1976): O(n log n) comparisons plus
/// the moves of the sorted active list. `None` when the polyline does not cross itself.
///
/// The sweep runs along a direction rotated by an arbitrary angle, so that no segment of a
/// real profile (cylinders are vertical, poles horizontal) is parallel to the sweep line.
pub(crate) fn first_crossing(segs: &[([f64; 2], [f64; 2])], tol: f64) -> Option<(usize, usize)> {
    let m = segs.len();
    if m < 3 {
        return None;
    }
    let (c, s) = (0.473_f64.cos(), 0.473_f64.sin());
    let rot = |p: [f64; 2]| [c * p[0] + s * p[1], -s * p[0] + c * p[1]];
    // Left and right end point of every segment in the rotated frame.
    let ends: Vec<([f64; 2], [f64; 2])> = segs
        .iter()
        .map(|&(p, q)| {
            let (a, b) = (rot(p), rot(q));
            if (a[0], a[1]) <= (b[0], b[1]) {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect();
    let y_at = |k: usize, x: f64| -> f64 {
        let (a, b) = ends[k];
        let dx = b[0] - a[0];
        if dx <= 0.0 {
            return a[1];
        }
        let f = ((x - a[0]) / dx).clamp(0.0, 1.0);
        a[1] + f * (b[1] - a[1])
    };
    let slope = |k: usize| -> f64 {
        let (a, b) = ends[k];
        let dx = b[0] - a[0];
        if dx <= 0.0 {
            f64::INFINITY
        } else {
            (b[1] - a[1]) / dx
        }
    };
    let crossing = |a: usize, b: usize| -> bool {
        a.abs_diff(b) > 1 && {
            let (p1, p2) = segs[a];
            let (q1, q2) = segs[b];
            segments_intersect(p1, p2, q1, q2, tol)
        }
    };
    // Events: (x, kind, segment); inserts (kind 0) before removals (kind 1) at equal x, so
    // that segments touching end to start are compared.
    let mut events: Vec<(f64, u8, usize)> = Vec::with_capacity(2 * m);
    for (k, (a, b)) in ends.iter().enumerate() {
        events.push((a[0], 0, k));
        events.push((b[0], 1, k));
    }
    events.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // Active segments sorted by their height at the sweep position.
    let mut active: Vec<usize> = Vec::new();
    for &(x, kind, k) in &events {
        if kind == 0 {
            let (y, sl) = (ends[k].0[1], slope(k));
            // Below `k`: lower at x, or equally high and less steep (ties by index).
            let pos = active.partition_point(|&j| {
                let (yj, sj) = (y_at(j, x), slope(j));
                yj.total_cmp(&y)
                    .then(sj.total_cmp(&sl))
                    .then(j.cmp(&k))
                    .is_lt()
            });
            active.insert(pos, k);
            if pos > 0 && crossing(active[pos - 1], k) {
                return Some((active[pos - 1], k));
            }
            if pos + 1 < active.len() && crossing(k, active[pos + 1]) {
                return Some((k, active[pos + 1]));
            }
        } else {
            // Locate k: binary search by height, then a local scan, then a full scan (ties
            // and round-off).
            let y = ends[k].1[1];
            let guess = active.partition_point(|&j| y_at(j, x) < y);
            let lo = guess.saturating_sub(4);
            let hi = (guess + 4).min(active.len());
            let pos = (lo..hi)
                .find(|&p| active[p] == k)
                .or_else(|| active.iter().position(|&j| j == k));
            let Some(pos) = pos else { continue };
            active.remove(pos);
            if pos > 0 && pos < active.len() && crossing(active[pos - 1], active[pos]) {
                return Some((active[pos - 1], active[pos]));
            }
        }
    }
    None
}

/// Whether closed segments `p1p2` and `q1q2` intersect or touch (within `tol`).
fn segments_intersect(p1: [f64; 2], p2: [f64; 2], q1: [f64; 2], q2: [f64; 2], tol: f64) -> bool {
    let d1 = cross(sub(p2, p1), sub(q1, p1));
    let d2 = cross(sub(p2, p1), sub(q2, p1));
    let d3 = cross(sub(q2, q1), sub(p1, q1));
    let d4 = cross(sub(q2, q1), sub(p2, q1));
    let lp = norm(sub(p2, p1)).max(tol);
    let lq = norm(sub(q2, q1)).max(tol);
    let (e1, e2) = (tol * lp, tol * lq);
    if ((d1 > e1 && d2 < -e1) || (d1 < -e1 && d2 > e1))
        && ((d3 > e2 && d4 < -e2) || (d3 < -e2 && d4 > e2))
    {
        return true;
    }
    let on = |a: [f64; 2], b: [f64; 2], c: [f64; 2], d: f64, e: f64| {
        d.abs() <= e
            && c[0] >= a[0].min(b[0]) - tol
            && c[0] <= a[0].max(b[0]) + tol
            && c[1] >= a[1].min(b[1]) - tol
            && c[1] <= a[1].max(b[1]) + tol
    };
    on(p1, p2, q1, d1, e1)
        || on(p1, p2, q2, d2, e1)
        || on(q1, q2, p1, d3, e2)
        || on(q1, q2, p2, d4, e2)
}

#[cfg(test)]
mod tests;
