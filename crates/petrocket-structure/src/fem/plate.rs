//! The closure of an open neck: the default axial end load, or a flat circular plate of
//! `CAX8` elements tied to the neck's top edge.
//!
//! # Flat plate
//!
//! A disc of thickness `t_p` sits on the top edge of the neck: from the axis to the neck's
//! outer radius `r_o`, its lower face at the height of the top edge. Over `r_i ≤ r ≤ r_o`
//! the plate's lower-face nodes *are* the neck's top-edge nodes (a perfect bond, no contact
//! or thread modelled); over `0 ≤ r < r_i` the lower face carries the gauge pressure. The
//! plate has the wall's material (a real cap is PP or HDPE with a liner and threads; this is
//! a stiffness model of the closure, not a check of the cap itself). Axis nodes have
//! `u_r = 0`; nothing else is supported, so the load stays self-equilibrated.
//!
//! Mesh: `2 ·` [`MeshOptions::layers`]` · refine` layers through the plate; over `r < r_i`,
//! `max(8, ⌈r_i / max(t_p/2, r_i/400)⌉) · refine` elements (element length half the plate
//! thickness); over the neck's top edge, one element per wall layer. The plate's bending
//! stresses converge fast (centre stress within 1 % of a 4× refined mesh on the 2 L
//! preset); its deflection more slowly (−2 % at the default density), because it includes
//! the compliance of the bonded joint at the re-entrant corner `r = r_i`, where the stress
//! is singular — the plate's largest von Mises stress sits there and grows with
//! refinement.
//!
//! Its results ([`PlateResult`]) are reported separately from the wall's meridian: the wall
//! peaks stay the bottle wall's.

use serde::Serialize;

use super::element;
use super::mesh::{cax8_nodes, Mesh, MeshOptions};
use super::stress::{von_mises, ThroughWall};
use crate::error::{Result, StructureError};

/// How the top of an open neck is closed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Closure {
    /// The cap's only effect is the axial end load `p·π·r_i²`, a uniform pull over the
    /// neck's top edge (the default).
    #[default]
    EndLoad,
    /// A flat plate of the wall's material and this thickness (m), tied to the top edge and
    /// loaded by the pressure on its lower face (see the module docs).
    #[serde(rename = "plate")]
    FlatPlate {
        /// Plate thickness, m (finite, > 0).
        thickness_m: f64,
    },
}

impl Closure {
    /// Name as on the command line (`end-load`, `plate`).
    pub fn name(&self) -> &'static str {
        match self {
            Closure::EndLoad => "end-load",
            Closure::FlatPlate { .. } => "plate",
        }
    }

    /// Checks the plate thickness: finite, > 0 and ≤ 1 m.
    pub fn validate(&self) -> Result<()> {
        if let Closure::FlatPlate { thickness_m } = *self {
            if !(thickness_m.is_finite() && thickness_m > 0.0 && thickness_m <= 1.0) {
                return Err(StructureError::InvalidInput {
                    quantity: "cap plate thickness",
                    value: thickness_m,
                    unit: "m",
                    requirement: "finite, > 0 and ≤ 1 m".into(),
                });
            }
        }
        Ok(())
    }
}

/// The plate part of a mesh: a structured grid of radial half-stations × half-levels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlateMesh {
    /// Plate thickness, m.
    pub thickness_m: f64,
    /// Inner radius of the neck's top edge (the free span `a`), m.
    pub span_radius_m: f64,
    /// Radial half-stations (`2·elements + 1`).
    pub(super) n_rad: usize,
    /// Radial half-station of `r = r_i`.
    pub(super) i_span: usize,
    /// Half-levels through the plate (`2·layers + 1`; 0 is the lower face).
    pub(super) n_lev: usize,
    /// Node at `(i, level)`, `usize::MAX` where the serendipity mesh has none.
    pub(super) grid: Vec<usize>,
}

impl PlateMesh {
    fn node(&self, i: usize, lev: usize) -> Option<usize> {
        Some(self.grid[i * self.n_lev + lev]).filter(|&n| n != usize::MAX)
    }
}

/// Adds the plate to a mesh of an open neck (its nodes after the wall's, its elements after
/// the wall's, default material), and makes its lower face over `r < r_i` the cap faces.
pub(super) fn add_plate(mesh: &mut Mesh, thickness_m: f64, options: &MeshOptions) -> Result<()> {
    let wall_nq = 2 * mesh.layers + 1;
    let top = mesh.half_stations() - 1;
    let edge: Vec<usize> = (0..wall_nq)
        .map(|q| mesh.node_at(top, q).expect("top edge node"))
        .collect();
    let r_i = mesh.nodes[edge[0]][0];
    let z_i = mesh.nodes[edge[0]][1];
    let h = (0.5 * thickness_m).max(r_i / 400.0);
    let n_in = ((r_i / h).ceil() as usize).max(8) * options.refine;
    let lp = 2 * options.layers * options.refine;
    let n_lev = 2 * lp + 1;
    let i_span = 2 * n_in;
    let n_rad = i_span + wall_nq;
    let mut grid = vec![usize::MAX; n_rad * n_lev];
    for i in 0..n_rad {
        let (r, z0) = if i < i_span {
            (r_i * i as f64 / i_span as f64, z_i)
        } else {
            let p = mesh.nodes[edge[i - i_span]];
            (p[0], p[1])
        };
        for lev in 0..n_lev {
            if i % 2 == 1 && lev % 2 == 1 {
                continue;
            }
            if lev == 0 && i >= i_span {
                grid[i * n_lev] = edge[i - i_span];
                continue;
            }
            grid[i * n_lev + lev] = mesh.nodes.len();
            let z = z0 + thickness_m * lev as f64 / (n_lev - 1) as f64;
            mesh.nodes.push([if i == 0 { 0.0 } else { r }, z]);
            if i == 0 {
                mesh.axis_nodes.push(grid[i * n_lev + lev]);
            }
        }
    }
    // Level counted from the top so that the CAX8 corners run counter-clockwise in (r, z).
    let node = |i: usize, q: usize| grid[i * n_lev + (n_lev - 1 - q)];
    let mut cap_faces = Vec::new();
    for j in 0..(n_rad - 1) / 2 {
        for k in 0..lp {
            let e = cax8_nodes(&node, j, k);
            let id = mesh.elements.len();
            let x: [[f64; 2]; 8] = std::array::from_fn(|a| mesh.nodes[e[a]]);
            let jmin = element::min_jacobian(&x);
            if jmin.is_nan() || jmin <= 0.0 {
                return Err(StructureError::InvalidMesh {
                    element: id + 1,
                    z_m: x[0][1],
                    r_m: x[0][0],
                    message: format!(
                        "cap plate element: smallest det J = {jmin:.3e} m² (is the neck's top \
                         edge horizontal?)"
                    ),
                });
            }
            // Lower face (face 1, nodes 1-5-2) of the bottom layer over the free span.
            if k == lp - 1 && 2 * j < i_span {
                cap_faces.push((id, 0));
            }
            mesh.elements.push(e);
            mesh.element_region.push(None);
        }
    }
    mesh.cap_faces = cap_faces;
    mesh.cap_pressure_per_pa = 1.0;
    mesh.plate = Some(PlateMesh {
        thickness_m,
        span_radius_m: r_i,
        n_rad,
        i_span,
        n_lev,
        grid,
    });
    Ok(())
}

/// Results at one radial half-station of the plate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlatePoint {
    /// Radius, m.
    pub r_m: f64,
    /// Axial displacement of the mid-plane, m.
    pub u_z_m: f64,
    /// Radial stress σ_r, Pa (`inner` = lower, pressurised face; `outer` = upper face).
    pub radial_pa: ThroughWall,
    /// Hoop stress σ_θ, Pa.
    pub hoop_pa: ThroughWall,
    /// von Mises stress, Pa.
    pub von_mises_pa: ThroughWall,
}

/// Results of the cap plate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlateResult {
    /// Plate thickness, m.
    pub thickness_m: f64,
    /// Free span `a` (inner radius of the neck's top edge), m.
    pub span_radius_m: f64,
    /// Deflection of the plate centre relative to the mid-plane at `r = a`, m (positive
    /// outward, i.e. up).
    pub centre_deflection_m: f64,
    /// Largest von Mises stress in the plate, Pa.
    pub max_von_mises_pa: f64,
    /// Its radius, m.
    pub max_von_mises_r_m: f64,
    /// Results from the axis outward, at every radial half-station.
    pub points: Vec<PlatePoint>,
}

/// Plate results from the nodal fields.
pub(super) fn result(
    plate: &PlateMesh,
    u: &[[f64; 2]],
    stress: &[[f64; 4]],
    nodes: &[[f64; 2]],
) -> Result<PlateResult> {
    let mid = (plate.n_lev - 1) / 2;
    let at = |i: usize, lev: usize| -> ([f64; 2], [f64; 4]) {
        match plate.node(i, lev) {
            Some(n) => (u[n], stress[n]),
            None => {
                let (a, b) = (
                    plate.node(i, lev - 1).expect("level below"),
                    plate.node(i, lev + 1).expect("level above"),
                );
                (
                    std::array::from_fn(|c| 0.5 * (u[a][c] + u[b][c])),
                    std::array::from_fn(|c| 0.5 * (stress[a][c] + stress[b][c])),
                )
            }
        }
    };
    let mut points = Vec::with_capacity(plate.n_rad);
    let (mut vm_max, mut vm_r) = (f64::NEG_INFINITY, 0.0);
    for i in 0..plate.n_rad {
        let (lo, md, up) = (at(i, 0), at(i, mid), at(i, plate.n_lev - 1));
        let tw = |c: usize| ThroughWall {
            inner: lo.1[c],
            mid: md.1[c],
            outer: up.1[c],
        };
        let p = PlatePoint {
            r_m: nodes[plate.node(i, 0).expect("lower-face node")][0],
            u_z_m: md.0[1],
            radial_pa: tw(0),
            hoop_pa: tw(2),
            von_mises_pa: ThroughWall {
                inner: von_mises(&lo.1),
                mid: von_mises(&md.1),
                outer: von_mises(&up.1),
            },
        };
        let all = [
            p.u_z_m,
            p.radial_pa.inner,
            p.radial_pa.outer,
            p.hoop_pa.inner,
        ];
        if all.iter().any(|v| !v.is_finite()) {
            return Err(StructureError::Numerical {
                stage: "cap plate stress recovery",
                message: format!("non-finite result at radius {} m", p.r_m),
            });
        }
        for v in [
            p.von_mises_pa.inner,
            p.von_mises_pa.mid,
            p.von_mises_pa.outer,
        ] {
            if v > vm_max {
                (vm_max, vm_r) = (v, p.r_m);
            }
        }
        points.push(p);
    }
    Ok(PlateResult {
        thickness_m: plate.thickness_m,
        span_radius_m: plate.span_radius_m,
        centre_deflection_m: points[0].u_z_m - points[plate.i_span].u_z_m,
        max_von_mises_pa: vm_max,
        max_von_mises_r_m: vm_r,
        points,
    })
}
