//! Stress recovery and the results along the meridian, shared by both engines.
//!
//! Nodal stresses (native: extrapolated from the Gauss points and averaged over the elements
//! that share the node; CalculiX does the same) are rotated into the wall's frame at every
//! half-station: *meridional* along the meridian tangent, *normal* through the wall (the
//! "radial" stress of a cylinder), *hoop* `σ_θ` (needs no rotation); von Mises from the full
//! tensor. Inner and outer surfaces are the first and last node through the wall, the
//! mid-surface the middle one (averaged from its neighbours where the serendipity mesh has
//! no node).

use std::fmt::Write as _;

use serde::Serialize;

use super::mesh::Mesh;
use crate::error::{Result, StructureError};
use crate::geometry::outward_normal;

/// A value at the inner surface, the mid-surface and the outer surface of the wall.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThroughWall {
    /// At the inner (pressurised) surface.
    pub inner: f64,
    /// At the mid-surface.
    pub mid: f64,
    /// At the outer surface.
    pub outer: f64,
}

impl ThroughWall {
    fn get(&self, s: Surface) -> f64 {
        match s {
            Surface::Inner => self.inner,
            Surface::Mid => self.mid,
            Surface::Outer => self.outer,
        }
    }
}

/// Which surface of the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Surface {
    /// Inner (pressurised) surface.
    Inner,
    /// Mid-surface.
    Mid,
    /// Outer surface.
    Outer,
}

impl Surface {
    /// All three, inner first.
    pub const ALL: [Surface; 3] = [Surface::Inner, Surface::Mid, Surface::Outer];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Surface::Inner => "inner",
            Surface::Mid => "mid",
            Surface::Outer => "outer",
        }
    }
}

/// Results at one half-station of the meridian (corner or mid-side of the elements).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeridianPoint {
    /// Arc length of the mid-surface from the base pole, m.
    pub s_m: f64,
    /// Axial coordinate of the mid-surface, m.
    pub z_m: f64,
    /// Radius of the mid-surface, m.
    pub r_m: f64,
    /// Wall thickness, m.
    pub t_m: f64,
    /// Radial displacement of the mid-surface, m.
    pub u_r_m: f64,
    /// Axial displacement of the mid-surface, m.
    pub u_z_m: f64,
    /// Displacement of the mid-surface along the outward wall normal, m.
    pub u_normal_m: f64,
    /// Hoop stress σ_θ, Pa.
    pub hoop_pa: ThroughWall,
    /// Meridional stress (along the meridian tangent), Pa.
    pub meridional_pa: ThroughWall,
    /// Stress normal to the wall ("radial" through the thickness), Pa.
    pub normal_pa: ThroughWall,
    /// von Mises equivalent stress, Pa.
    pub von_mises_pa: ThroughWall,
}

/// The largest value of a stress over the wall and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Peak {
    /// The value, Pa.
    pub value_pa: f64,
    /// Arc length of the mid-surface there, m.
    pub s_m: f64,
    /// Axial coordinate of the mid-surface there, m.
    pub z_m: f64,
    /// Radius of the mid-surface there, m.
    pub r_m: f64,
    /// Surface.
    pub surface: Surface,
}

/// Peaks of the stresses over the whole wall.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Peaks {
    /// Largest hoop stress.
    pub hoop: Peak,
    /// Largest meridional stress.
    pub meridional: Peak,
    /// Largest von Mises stress.
    pub von_mises: Peak,
}

/// Hoop stress through the wall at a probe height.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Probe {
    /// Probe height, m.
    pub z_m: f64,
    /// Arc length of the mid-surface there (first crossing from the base pole), m.
    pub s_m: f64,
    /// Mid-surface radius there, m.
    pub r_m: f64,
    /// Hoop stress, Pa.
    pub hoop_pa: ThroughWall,
}

/// von Mises stress of `(σ_r, σ_z, σ_θ, τ_rz)`.
pub fn von_mises(s: &[f64; 4]) -> f64 {
    let [sr, sz, st, t] = *s;
    (0.5 * ((sr - sz).powi(2) + (sz - st).powi(2) + (st - sr).powi(2)) + 3.0 * t * t).sqrt()
}

/// Meridian table from nodal displacements `(u_r, u_z)` and stresses `(σ_r, σ_z, σ_θ, τ_rz)`.
pub(crate) fn meridian(
    mesh: &Mesh,
    u: &[[f64; 2]],
    stress: &[[f64; 4]],
) -> Result<Vec<MeridianPoint>> {
    let nq = 2 * mesh.layers;
    let mut out = Vec::with_capacity(mesh.half_stations());
    for i in 0..mesh.half_stations() {
        let at = |q: usize| -> ([f64; 2], [f64; 4]) {
            match mesh.node_at(i, q) {
                Some(n) => (u[n], stress[n]),
                None => {
                    let (a, b) = (
                        mesh.node_at(i, q - 1).expect("neighbour below"),
                        mesh.node_at(i, q + 1).expect("neighbour above"),
                    );
                    (
                        std::array::from_fn(|c| 0.5 * (u[a][c] + u[b][c])),
                        std::array::from_fn(|c| 0.5 * (stress[a][c] + stress[b][c])),
                    )
                }
            }
        };
        let t = mesh.station_tangent[i];
        let n = outward_normal(t);
        let rot = |s: &[f64; 4]| {
            let [sr, sz, _, tau] = *s;
            (
                t[0] * t[0] * sr + 2.0 * t[0] * t[1] * tau + t[1] * t[1] * sz,
                n[0] * n[0] * sr + 2.0 * n[0] * n[1] * tau + n[1] * n[1] * sz,
            )
        };
        let (inner, mid, outer) = (at(0), at(mesh.layers), at(nq));
        let (mi, ni) = rot(&inner.1);
        let (mm, nm) = rot(&mid.1);
        let (mo, no) = rot(&outer.1);
        let um = mid.0;
        let p = MeridianPoint {
            s_m: mesh.station_s[i],
            z_m: mesh.station_mid[i][1],
            r_m: mesh.station_mid[i][0],
            t_m: mesh.station_t[i],
            u_r_m: um[0],
            u_z_m: um[1],
            u_normal_m: um[0] * n[0] + um[1] * n[1],
            hoop_pa: ThroughWall {
                inner: inner.1[2],
                mid: mid.1[2],
                outer: outer.1[2],
            },
            meridional_pa: ThroughWall {
                inner: mi,
                mid: mm,
                outer: mo,
            },
            normal_pa: ThroughWall {
                inner: ni,
                mid: nm,
                outer: no,
            },
            von_mises_pa: ThroughWall {
                inner: von_mises(&inner.1),
                mid: von_mises(&mid.1),
                outer: von_mises(&outer.1),
            },
        };
        let all = [
            p.u_r_m,
            p.u_z_m,
            p.hoop_pa.inner,
            p.hoop_pa.mid,
            p.hoop_pa.outer,
            p.meridional_pa.inner,
            p.meridional_pa.mid,
            p.meridional_pa.outer,
            p.von_mises_pa.inner,
            p.von_mises_pa.outer,
        ];
        if all.iter().any(|v| !v.is_finite()) {
            return Err(StructureError::Numerical {
                stage: "stress recovery",
                message: format!("non-finite result at arc length {} m", p.s_m),
            });
        }
        out.push(p);
    }
    Ok(out)
}

/// Relative tolerance of the peak location rule (see [`peaks`]).
pub const PEAK_TIE_TOLERANCE: f64 = 1e-4;

fn peak_of(points: &[MeridianPoint], f: impl Fn(&MeridianPoint) -> ThroughWall) -> Peak {
    let max = points
        .iter()
        .flat_map(|p| Surface::ALL.map(|s| f(p).get(s)))
        .fold(f64::NEG_INFINITY, f64::max);
    let threshold = max - PEAK_TIE_TOLERANCE * max.abs();
    for p in points {
        for s in Surface::ALL {
            if f(p).get(s) >= threshold {
                return Peak {
                    value_pa: max,
                    s_m: p.s_m,
                    z_m: p.z_m,
                    r_m: p.r_m,
                    surface: s,
                };
            }
        }
    }
    unreachable!("the maximum is reached somewhere")
}

/// Peaks of hoop, meridional and von Mises stress over the meridian. The value is the
/// maximum; the location is the first point from the base pole (inner surface first) within
/// [`PEAK_TIE_TOLERANCE`] of it, so that symmetric or flat peaks are reported at a
/// reproducible place whatever the round-off.
pub(crate) fn peaks(points: &[MeridianPoint]) -> Peaks {
    Peaks {
        hoop: peak_of(points, |p| p.hoop_pa),
        meridional: peak_of(points, |p| p.meridional_pa),
        von_mises: peak_of(points, |p| p.von_mises_pa),
    }
}

/// Hoop stress at height `z_m`: the first crossing of the mid-surface meridian with that
/// height counting from the base pole, interpolated linearly between half-stations.
pub(crate) fn probe(points: &[MeridianPoint], z_m: f64) -> Result<Probe> {
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.z_m), hi.max(p.z_m))
        });
    let bad = || StructureError::InvalidInput {
        quantity: "probe height",
        value: z_m,
        unit: "m",
        requirement: format!("between {lo} m and {hi} m, the axial extent of the mid-surface"),
    };
    if !z_m.is_finite() || z_m < lo || z_m > hi {
        return Err(bad());
    }
    for w in points.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if (a.z_m - z_m) * (b.z_m - z_m) <= 0.0 {
            let dz = b.z_m - a.z_m;
            let f = if dz.abs() > 0.0 {
                (z_m - a.z_m) / dz
            } else {
                0.0
            };
            let lerp = |x: f64, y: f64| x + f * (y - x);
            return Ok(Probe {
                z_m,
                s_m: lerp(a.s_m, b.s_m),
                r_m: lerp(a.r_m, b.r_m),
                hoop_pa: ThroughWall {
                    inner: lerp(a.hoop_pa.inner, b.hoop_pa.inner),
                    mid: lerp(a.hoop_pa.mid, b.hoop_pa.mid),
                    outer: lerp(a.hoop_pa.outer, b.hoop_pa.outer),
                },
            });
        }
    }
    Err(bad())
}

/// Column names of the meridian CSV, in order (units in the names).
pub const MERIDIAN_CSV_HEADER: &str = "s_m,z_m,r_m,t_m,u_r_m,u_z_m,u_normal_m,\
hoop_inner_Pa,hoop_mid_Pa,hoop_outer_Pa,\
meridional_inner_Pa,meridional_mid_Pa,meridional_outer_Pa,\
normal_inner_Pa,normal_mid_Pa,normal_outer_Pa,\
von_mises_inner_Pa,von_mises_mid_Pa,von_mises_outer_Pa";

/// The meridian table as CSV (header [`MERIDIAN_CSV_HEADER`]).
pub fn meridian_csv(points: &[MeridianPoint]) -> String {
    let mut s = String::with_capacity(points.len() * 300);
    let _ = writeln!(s, "{MERIDIAN_CSV_HEADER}");
    for p in points {
        let _ = write!(
            s,
            "{:.9e},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e}",
            p.s_m, p.z_m, p.r_m, p.t_m, p.u_r_m, p.u_z_m, p.u_normal_m
        );
        for w in [p.hoop_pa, p.meridional_pa, p.normal_pa, p.von_mises_pa] {
            let _ = write!(s, ",{:.9e},{:.9e},{:.9e}", w.inner, w.mid, w.outer);
        }
        s.push('\n');
    }
    s
}
