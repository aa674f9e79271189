//! Axisymmetric linear-elastic finite elements of a bottle wall under internal pressure.
//!
//! # Element choice
//!
//! The wall is meshed with 8-node quadratic axisymmetric solid quadrilaterals — the element
//! CalculiX calls `CAX8` — with [`MeshOptions::layers`] elements through the thickness
//! (default 2). Quadratic displacements give a linear strain through each element, so even
//! one layer represents membrane plus bending exactly in a straight wall; no thin-shell
//! assumption is made, so the thick neck finish, the base pole and the junctions (base–body,
//! body–shoulder, shoulder–neck, thickness changes) are resolved the same way. The native
//! solver and the CalculiX cross-check use the same element on the same mesh
//! ([`crate::calculix`]), so a disagreement points at an implementation, not a theory.
//!
//! # Conventions
//!
//! - **Gauge pressure** `p = p_inside − p_outside` on the inner surface; the outer surface is
//!   free.
//! - **Closure**: the base closes at the pole. An open top (the usual bottle) is closed by a
//!   cap whose only effect is, by default, the axial end load `p·π·r_i²`, spread as a
//!   uniform pull over the neck's top edge; optionally ([`Closure::FlatPlate`]) by a flat
//!   plate of given thickness tied to that edge and loaded by the pressure on its lower
//!   face (results in [`StaticSolution::plate`]). A profile ending on the axis is closed at
//!   both poles.
//! - **Supports**: `u_r = 0` at nodes on the axis (symmetry) and `u_z = 0` at the base-pole
//!   mid-surface node, which removes the axial rigid-body translation. The loads are
//!   self-equilibrated, so this support's reaction is round-off
//!   ([`StaticSolution::reaction_force_n`]) — no spurious support stresses.
//! - Outputs per half-station of the meridian ([`MeridianPoint`]): displacements, hoop,
//!   meridional, wall-normal and von Mises stress at the inner, mid and outer surfaces;
//!   peaks with their location ([`Peaks`]); the hoop stress at a probe height ([`Probe`]).
//! - **Materials**: isotropic, one per element: the default material passed to the solver,
//!   or the material of the element's region when the profile names one (CSV column
//!   `material`, the presets' amorphous finish and base gate). [`solve_static`] and a bare
//!   [`Mesh`] refuse a profile that names materials until they are given their constants
//!   ([`solve_static_regions`], [`Mesh::assign_region_materials`]);
//!   [`crate::geometry::Profile::uniform`] drops them on purpose.
//!
//! # Limits
//!
//! Linear elasticity and small strains (no large deflection, no plasticity or creep, no
//! stress stiffening); axisymmetric geometry and loads (no petaloid feet, panels, dents or
//! bending of the bottle as a beam); static load (the dynamic load factor of a fast pressure
//! rise is for the transient analysis); internal overpressure only — **no buckling**
//! (external overpressure or axial compression is not checked). Stresses at a sharp corner
//! of a profile are mesh-dependent; thickness steps are meshed as short tapers.
//!
//! # Example
//!
//! ```
//! use petrocket_structure::fem::{solve_static_regions, ElasticMaterial, MeshOptions};
//! use petrocket_structure::geometry::preset_profile;
//! use petrocket_structure::materials::MaterialDb;
//!
//! // The preset names its amorphous regions (finish, base gate); the rest is the default.
//! let bottle = preset_profile("2L")?;
//! let db = MaterialDb::builtin();
//! let pet = ElasticMaterial::new(4.5e9, 0.38, 1390.0)?;
//! let sol = solve_static_regions(
//!     &bottle,
//!     &pet,
//!     &mut |name| ElasticMaterial::from_material(db.get(name)?, 296.15),
//!     5.0e5, // 5 bar(g)
//!     &MeshOptions::default(),
//! )?;
//! let hoop = sol.peaks.hoop.value_pa;
//! // Near the membrane value p·r/t of the thinnest body wall (0.30 mm, r = 52.35 mm).
//! assert!((hoop / (5.0e5 * 0.05235 / 0.30e-3) - 1.0).abs() < 0.05);
//! # Ok::<(), petrocket_structure::StructureError>(())
//! ```

mod assembly;
mod eigen;
mod element;
pub mod load;
mod mass;
mod mesh;
pub mod modal;
mod plate;
mod solve;
mod stress;
mod support;
pub mod transient;

use serde::Serialize;

pub use eigen::RESIDUAL_TOLERANCE;
pub use load::{FrontOrigin, PressureHistory, PressureLoad, TravellingFront};
pub use mesh::{
    Mesh, MeshEstimate, MeshOptions, MAX_MESH_DOFS, MAX_MESH_FACTOR, MAX_MESH_MEMORY_BYTES,
};
pub use modal::{solve_modal, ModalSolution, Mode, RigidBodyMode};
pub use plate::{Closure, PlateMesh, PlatePoint, PlateResult};
pub use stress::{
    meridian_csv, von_mises, MeridianPoint, Peak, Peaks, Probe, Surface, ThroughWall,
    MERIDIAN_CSV_HEADER,
};
pub use support::{breathing_omega, Support};
pub use transient::{
    solve_transient, solve_transient_controlled, solve_transient_observed, useful_duration_s,
    RayleighDamping, TimedPeak, TransientControl, TransientOptions, TransientProgress,
    TransientSolution, DEFAULT_DAMPING_RATIO, DEFAULT_MAX_STEPS, MAX_STEPS,
    USEFUL_DURATION_PERIODS,
};

use crate::error::{gauge_pressure, positive, Result, StructureError};
use crate::geometry::Profile;
use crate::materials::Material;

/// Isotropic linear-elastic material of the FEM.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ElasticMaterial {
    /// Young's modulus, Pa.
    pub youngs_modulus_pa: f64,
    /// Poisson's ratio.
    pub poisson_ratio: f64,
    /// Density, kg/m³ (wall mass; the static solve does not use it).
    pub density_kg_m3: f64,
}

impl ElasticMaterial {
    /// A validated material: `E > 0`, `−1 < ν < 0.5`, `ρ > 0`, all finite.
    pub fn new(youngs_modulus_pa: f64, poisson_ratio: f64, density_kg_m3: f64) -> Result<Self> {
        positive("Young's modulus", youngs_modulus_pa, "Pa")?;
        positive("density", density_kg_m3, "kg/m³")?;
        if !(poisson_ratio > -1.0 && poisson_ratio < 0.5) {
            return Err(StructureError::InvalidInput {
                quantity: "Poisson's ratio",
                value: poisson_ratio,
                unit: "",
                requirement: "> −1 and < 0.5 (0.5 is incompressible, which this solid \
                              formulation cannot represent)"
                    .into(),
            });
        }
        Ok(Self {
            youngs_modulus_pa,
            poisson_ratio,
            density_kg_m3,
        })
    }

    /// The elastic constants of a database material at temperature `t_k` (K).
    pub fn from_material(m: &Material, t_k: f64) -> Result<Self> {
        Self::new(
            m.youngs_modulus_at(t_k)?,
            m.poisson_ratio.value,
            m.density_kg_m3.value,
        )
    }
}

/// Which solver produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// The embedded solver of this crate.
    Native,
    /// CalculiX `ccx` ([`crate::calculix`]).
    Calculix,
}

/// Result of a static solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaticSolution {
    /// Which solver produced it.
    pub engine: Engine,
    /// Gauge pressure, Pa.
    pub pressure_pa: f64,
    /// Material.
    pub material: ElasticMaterial,
    /// The mesh.
    #[serde(skip)]
    pub mesh: Mesh,
    /// Nodal displacements `(u_r, u_z)`, m.
    #[serde(skip)]
    pub displacements_m: Vec<[f64; 2]>,
    /// Nodal stresses `(σ_r, σ_z, σ_θ, τ_rz)`, Pa.
    #[serde(skip)]
    pub nodal_stress_pa: Vec<[f64; 4]>,
    /// Results at every half-station of the meridian, from the base pole upward.
    pub meridian: Vec<MeridianPoint>,
    /// Peak stresses and their locations.
    pub peaks: Peaks,
    /// Axial reaction at the support that removes the rigid-body mode, N: round-off for the
    /// self-equilibrated load (a check, not a load path). `None` when the engine does not
    /// report it (CalculiX).
    pub reaction_force_n: Option<f64>,
    /// Axial cap load, N: the end load on the neck's top edge, or the pressure resultant
    /// `p·π·a²` on a cap plate (0 when closed at both poles).
    pub cap_load_n: f64,
    /// Results of the cap plate ([`Closure::FlatPlate`]), `None` otherwise.
    pub plate: Option<PlateResult>,
}

impl StaticSolution {
    /// Builds the result from nodal fields (shared by both engines).
    pub(crate) fn from_nodal(
        engine: Engine,
        mesh: Mesh,
        material: ElasticMaterial,
        pressure_pa: f64,
        displacements_m: Vec<[f64; 2]>,
        nodal_stress_pa: Vec<[f64; 4]>,
        reaction_force_n: Option<f64>,
    ) -> Result<Self> {
        let meridian = stress::meridian(&mesh, &displacements_m, &nodal_stress_pa)?;
        let peaks = stress::peaks(&meridian);
        let cap_load_n = if mesh.closed_top {
            0.0
        } else if let Some(pl) = &mesh.plate {
            pressure_pa * std::f64::consts::PI * pl.span_radius_m * pl.span_radius_m
        } else {
            let nq = 2 * mesh.layers;
            let top = mesh.half_stations() - 1;
            let r_i = mesh.nodes[mesh.node_at(top, 0).expect("inner node")][0];
            let r_o = mesh.nodes[mesh.node_at(top, nq).expect("outer node")][0];
            -pressure_pa * mesh.cap_pressure_per_pa * std::f64::consts::PI * (r_o * r_o - r_i * r_i)
        };
        let plate = mesh
            .plate
            .as_ref()
            .map(|pl| plate::result(pl, &displacements_m, &nodal_stress_pa, &mesh.nodes))
            .transpose()?;
        Ok(Self {
            engine,
            pressure_pa,
            material,
            mesh,
            displacements_m,
            nodal_stress_pa,
            meridian,
            peaks,
            reaction_force_n,
            cap_load_n,
            plate,
        })
    }

    /// Hoop stress through the wall at height `z_m` (first crossing from the base pole).
    pub fn probe(&self, z_m: f64) -> Result<Probe> {
        stress::probe(&self.meridian, z_m)
    }

    /// The meridian table as CSV (see [`MERIDIAN_CSV_HEADER`]).
    pub fn meridian_csv(&self) -> String {
        meridian_csv(&self.meridian)
    }
}

/// The 4×4 axisymmetric elasticity matrix of an element (`σ_r, σ_z, σ_θ, τ_rz`).
pub(crate) type ElasticityMatrix = [[f64; 4]; 4];

/// Elasticity matrix and density of every element: its material region's
/// ([`Mesh::assign_region_materials`]) or `default`.
pub(crate) fn element_elasticity(
    mesh: &Mesh,
    default: &ElasticMaterial,
) -> Result<(Vec<ElasticityMatrix>, Vec<f64>)> {
    Ok(mesh
        .element_materials(default)?
        .iter()
        .map(|m| {
            (
                element::elasticity(m.youngs_modulus_pa, m.poisson_ratio),
                m.density_kg_m3,
            )
        })
        .unzip())
}

/// Checks a gauge pressure: finite and ≥ 0 (Pa), with an explanation otherwise.
pub fn validate_gauge_pressure(p_gauge_pa: f64) -> Result<f64> {
    gauge_pressure(p_gauge_pa)
}

/// Solves the static problem with the native solver: mesh, assemble, factorise, solve,
/// recover stresses.
pub fn solve_static(
    profile: &Profile,
    material: &ElasticMaterial,
    p_gauge_pa: f64,
    options: &MeshOptions,
) -> Result<StaticSolution> {
    solve_static_with(profile, material, None, p_gauge_pa, options)
}

/// [`solve_static`] for a profile that names materials per region
/// ([`Profile::row_materials`]): `lookup(name)` gives each region's elastic constants;
/// elements without a named material (and a cap plate) use `material`.
pub fn solve_static_regions(
    profile: &Profile,
    material: &ElasticMaterial,
    lookup: &mut dyn FnMut(&str) -> Result<ElasticMaterial>,
    p_gauge_pa: f64,
    options: &MeshOptions,
) -> Result<StaticSolution> {
    solve_static_with(profile, material, Some(lookup), p_gauge_pa, options)
}

/// Elastic constants of a named material region.
type MaterialLookup<'a> = dyn FnMut(&str) -> Result<ElasticMaterial> + 'a;

/// The common body of [`solve_static`] and [`solve_static_regions`]: check the inputs, mesh,
/// resolve the region materials when a lookup is given, solve.
fn solve_static_with(
    profile: &Profile,
    material: &ElasticMaterial,
    lookup: Option<&mut MaterialLookup<'_>>,
    p_gauge_pa: f64,
    options: &MeshOptions,
) -> Result<StaticSolution> {
    let p = gauge_pressure(p_gauge_pa)?;
    let material = ElasticMaterial::new(
        material.youngs_modulus_pa,
        material.poisson_ratio,
        material.density_kg_m3,
    )?;
    let mut mesh = Mesh::new(profile, options)?;
    if let Some(lookup) = lookup {
        mesh.assign_region_materials(lookup)?;
    }
    solve_mesh(mesh, &material, p)
}

/// Native solve on a given mesh.
pub fn solve_mesh(
    mesh: Mesh,
    material: &ElasticMaterial,
    p_gauge_pa: f64,
) -> Result<StaticSolution> {
    let p = gauge_pressure(p_gauge_pa)?;
    let (d, _) = element_elasticity(&mesh, material)?;
    let (eq, n_eq) = assembly::equation_numbers(&mesh);
    let k = assembly::stiffness(&mesh, &d, &eq, n_eq)?;
    let f_all = assembly::loads(&mesh, p);
    let mut f = vec![0.0; n_eq];
    for (dof, e) in eq.iter().enumerate() {
        if let Some(e) = e {
            f[*e] = f_all[dof];
        }
    }
    let x = solve::solve_spd(&k, &f)?;
    let mut u = vec![[0.0; 2]; mesh.nodes.len()];
    for (dof, e) in eq.iter().enumerate() {
        if let Some(e) = e {
            u[dof / 2][dof % 2] = x[*e];
        }
    }
    // Axial reaction = minus the net applied axial force (the stiffness has the rigid axial
    // translation in its null space).
    let reaction = -f_all.iter().skip(1).step_by(2).sum::<f64>();
    // Stress recovery: extrapolate, then average at shared nodes.
    let mut sum = vec![[0.0; 4]; mesh.nodes.len()];
    let mut count = vec![0u32; mesh.nodes.len()];
    for (e, el) in mesh.elements.iter().enumerate() {
        let xe = mesh.element_coords(e);
        let ue: [f64; 16] = std::array::from_fn(|i| u[el[i / 2]][i % 2]);
        let s =
            element::nodal_stresses(&xe, &d[e], &ue).map_err(|det| StructureError::Numerical {
                stage: "stress recovery",
                message: format!("element {} has det J = {det}", e + 1),
            })?;
        for (a, &n) in el.iter().enumerate() {
            for c in 0..4 {
                sum[n][c] += s[a][c];
            }
            count[n] += 1;
        }
    }
    let stress: Vec<[f64; 4]> = sum
        .iter()
        .zip(&count)
        .map(|(s, &c)| std::array::from_fn(|i| s[i] / f64::from(c.max(1))))
        .collect();
    StaticSolution::from_nodal(
        Engine::Native,
        mesh,
        *material,
        p,
        u,
        stress,
        Some(reaction),
    )
}
