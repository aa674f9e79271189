//! Supports of the dynamic analyses, the equation numbering they imply, the analytic
//! breathing frequency (VALIDATION S1) and a cylinder-slice mesh for verification.

use serde::Serialize;

use super::mesh::{cax8_nodes, Mesh, MeshOptions};
use super::ElasticMaterial;
use crate::error::{positive, Result, StructureError};

/// How the bottle is held in a modal or transient analysis. In every case `u_r = 0` on the
/// axis (symmetry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    /// Free in space: nothing else is fixed, so the axial rigid-body translation is a mode
    /// of zero frequency (found and reported separately from the elastic modes). The
    /// pressure loads are self-equilibrated, so a free bottle does not drift.
    Free,
    /// `u_r = u_z = 0` at every node of the neck's top edge: a bottle held rigidly by its
    /// finish. Needs an open neck (a profile that does not end on the axis).
    NeckClamped,
    /// `u_z = 0` at every node: with [`Mesh::cylinder_slice`], a slice of an infinitely
    /// long cylinder in plane strain (`ε_z = 0`), the model of the analytic breathing
    /// frequency (VALIDATION S1). For verification.
    PlaneStrain,
}

impl Support {
    /// Name as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Support::Free => "free",
            Support::NeckClamped => "neck-clamped",
            Support::PlaneStrain => "plane-strain",
        }
    }
}

/// Equation numbering: global DOF (`2·node + component`) to equation number, `None` when
/// fixed. `support = None` is the static support of [`super::solve_static`] (`u_z = 0` at
/// the base-pole mid-surface node), used for static references under a free support.
pub(crate) fn equation_numbers(
    mesh: &Mesh,
    support: Option<Support>,
) -> Result<(Vec<Option<usize>>, usize)> {
    let mut fixed = vec![false; mesh.dofs()];
    for &n in &mesh.axis_nodes {
        fixed[2 * n] = true;
    }
    match support {
        None => fixed[2 * mesh.fixed_z_node + 1] = true,
        Some(Support::Free) => {}
        Some(Support::NeckClamped) => {
            if mesh.closed_top {
                return Err(StructureError::InvalidInput {
                    quantity: "support",
                    value: f64::NAN,
                    unit: "",
                    requirement: "`free` for a profile closed at both poles (it has no neck \
                                  edge to clamp)"
                        .into(),
                });
            }
            let top = mesh.half_stations() - 1;
            for q in 0..=2 * mesh.layers {
                if let Some(n) = mesh.node_at(top, q) {
                    fixed[2 * n] = true;
                    fixed[2 * n + 1] = true;
                }
            }
        }
        Some(Support::PlaneStrain) => {
            for n in 0..mesh.nodes.len() {
                fixed[2 * n + 1] = true;
            }
        }
    }
    let mut next = 0;
    let eq = fixed
        .iter()
        .map(|&f| {
            (!f).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    Ok((eq, next))
}

/// Breathing (hoop) angular frequency of a thin ring or of a long thin cylinder in plane
/// strain, rad/s (VALIDATION S1):
///
/// ```text
/// ω = (1/R)·√( E / (ρ·(1 − ν²)) )
/// ```
///
/// (Blevins, *Formulas for Natural Frequency and Mode Shape*, 1979, ring/cylinder breathing
/// mode; the `1 − ν²` is the plane-strain hoop stiffness). `radius_m` is the mid-surface
/// radius. The dynamics use it for the default damping and time step, taken at the widest
/// station of the bottle.
pub fn breathing_omega(radius_m: f64, material: &ElasticMaterial) -> Result<f64> {
    positive("breathing radius", radius_m, "m")?;
    let nu = material.poisson_ratio;
    Ok((material.youngs_modulus_pa / (material.density_kg_m3 * (1.0 - nu * nu))).sqrt() / radius_m)
}

/// The largest mid-surface radius of a mesh, m.
pub(crate) fn max_radius(mesh: &Mesh) -> f64 {
    mesh.station_mid.iter().fold(0.0, |m, p| m.max(p[0]))
}

impl Mesh {
    /// A straight cylindrical wall (no poles, no cap): mid-surface radius `radius_m`, wall
    /// `thickness_m`, from `z = 0` to `z = length_m`, `elements_along` × `layers` `CAX8`
    /// elements. The inner surface carries the pressure; nothing carries an end load. With
    /// [`Support::PlaneStrain`] it is a slice of an infinitely long cylinder (VALIDATION
    /// S1, S2). For verification of the dynamics.
    pub fn cylinder_slice(
        radius_m: f64,
        thickness_m: f64,
        length_m: f64,
        elements_along: usize,
        layers: usize,
    ) -> Result<Mesh> {
        positive("cylinder radius", radius_m, "m")?;
        positive("cylinder wall thickness", thickness_m, "m")?;
        positive("cylinder length", length_m, "m")?;
        if thickness_m >= 2.0 * radius_m || elements_along == 0 || layers == 0 {
            return Err(StructureError::InvalidInput {
                quantity: "cylinder wall thickness",
                value: thickness_m,
                unit: "m",
                requirement: format!(
                    "< twice the radius {radius_m} m, with at least one element along and \
                     through the wall"
                ),
            });
        }
        let (m, nq) = (elements_along, 2 * layers + 1);
        let ni = 2 * m + 1;
        let mut grid = vec![usize::MAX; ni * nq];
        let mut nodes = Vec::new();
        for i in 0..ni {
            let z = length_m * i as f64 / (ni - 1) as f64;
            for q in 0..nq {
                if i % 2 == 1 && q % 2 == 1 {
                    continue;
                }
                let r = radius_m + 0.5 * thickness_m * (-1.0 + q as f64 / layers as f64);
                grid[i * nq + q] = nodes.len();
                nodes.push([r, z]);
            }
        }
        let node = |i: usize, q: usize| grid[i * nq + q];
        let mut elements = Vec::new();
        let mut inner_faces = Vec::new();
        for j in 0..m {
            for k in 0..layers {
                if k == 0 {
                    inner_faces.push((elements.len(), 2));
                }
                elements.push(cax8_nodes(&node, j, k));
            }
        }
        let zs: Vec<f64> = (0..ni)
            .map(|i| length_m * i as f64 / (ni - 1) as f64)
            .collect();
        Ok(Mesh {
            fixed_z_node: node(0, layers),
            nodes,
            elements,
            layers,
            elements_along: m,
            grid,
            station_s: zs.clone(),
            station_mid: zs.iter().map(|&z| [radius_m, z]).collect(),
            station_t: vec![thickness_m; ni],
            station_tangent: vec![[0.0, 1.0]; ni],
            axis_nodes: Vec::new(),
            inner_faces,
            cap_faces: Vec::new(),
            cap_pressure_per_pa: 0.0,
            plate: None,
            element_region: vec![None; m * layers],
            region_names: Vec::new(),
            region_elastic: Vec::new(),
            closed_top: false,
            options: MeshOptions {
                layers,
                ..MeshOptions::default()
            },
        })
    }
}
