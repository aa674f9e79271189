//! The FEM study behind `petrocket fem`: static stresses of a bottle wall under internal
//! gauge pressure, its natural modes, and its transient response to a pressure history with
//! the safety factor tracked over the wall and over time.
//!
//! [`FemModel::new`] builds the model (profile, materials at the wall temperature, mesh) so
//! that the caller can export it (a CalculiX deck) before the solves; [`FemModel::solve`]
//! runs the modal, transient and static analyses and returns a [`FemReport`]; [`fem_study`]
//! does both. The modelling decisions live here: the elastic constants (the database
//! material at the wall temperature, overridden by the caller's values for the default
//! material only), the damping (stiffness-proportional Rayleigh damping tuned at the
//! breathing frequency), the nominal strain rate of the strength law ([`strain_rate`]) and
//! the failure tracking with its burst probability.

use petrocket_structure::calculix;
use petrocket_structure::failure::{burst_probability, FailureTracker, WallMaterials};
use petrocket_structure::fem::{
    breathing_omega, solve_mesh, solve_modal, solve_transient_controlled, Closure, ElasticMaterial,
    Engine, FrontOrigin, Mesh, MeshOptions, ModalSolution, Peak, PressureHistory, PressureLoad,
    RayleighDamping, StaticSolution, Support, TransientControl, TransientOptions,
    TransientProgress, TransientSolution, TravellingFront, DEFAULT_DAMPING_RATIO,
};
use petrocket_structure::geometry::Profile;
use petrocket_structure::materials::{
    Material, MaterialDb, MAX_STRAIN_RATE_PER_S, MIN_STRAIN_RATE_PER_S,
};
use petrocket_structure::StructureError;
use serde::Serialize;

type Result<T> = std::result::Result<T, StructureError>;

/// The wall material when none is named.
pub const DEFAULT_MATERIAL: &str = "pet-oriented";
/// The wall temperature when none is given, K (23 °C).
pub const DEFAULT_WALL_TEMPERATURE_K: f64 = 296.15;

/// Everything a FEM study needs, in SI units, files already read.
#[derive(Debug, Clone)]
pub struct FemInput {
    /// The wall's mid-surface meridian with thickness (and region materials).
    pub profile: Profile,
    /// One material everywhere: ignore the profile's region materials.
    pub uniform_wall: bool,
    /// The materials database (built-in, possibly merged with a user file).
    pub materials: MaterialDb,
    /// The default wall material, a name in `materials` ([`DEFAULT_MATERIAL`]).
    pub material: String,
    /// Wall temperature for E(T) and the strength, K.
    pub temperature_k: f64,
    /// Young's modulus of the default material instead of the database's, Pa.
    pub youngs_modulus_pa: Option<f64>,
    /// Poisson's ratio of the default material instead of the database's.
    pub poisson_ratio: Option<f64>,
    /// Density of the default material instead of the database's, kg/m³.
    pub density_kg_m3: Option<f64>,
    /// Internal gauge pressure of the static solve (and the ramp's plateau), Pa.
    pub pressure_pa: f64,
    /// Height of the through-wall hoop-stress probe, m (static: none if `None`; transient:
    /// mid-height of the mid-surface if `None`).
    pub probe_z_m: Option<f64>,
    /// Solver of the static problem.
    pub engine: Engine,
    /// Mesh refinement, layers and closure of an open neck.
    pub mesh: MeshOptions,
    /// Modal and transient analyses.
    pub dynamics: DynamicsInput,
}

/// The modal and transient analyses of a [`FemInput`].
#[derive(Debug, Clone)]
pub struct DynamicsInput {
    /// Number of elastic modes of the modal analysis (none if `None`).
    pub modes: Option<usize>,
    /// Support of the modal and transient analyses.
    pub support: Support,
    /// Damping ratio at the breathing frequency ([`DEFAULT_DAMPING_RATIO`] if `None`).
    pub damping_ratio: Option<f64>,
    /// The transient analysis, if any.
    pub transient: Option<TransientInput>,
}

impl Default for DynamicsInput {
    fn default() -> Self {
        Self {
            modes: None,
            support: Support::Free,
            damping_ratio: None,
            transient: None,
        }
    }
}

/// The load and time integration of a transient analysis.
#[derive(Debug, Clone)]
pub struct TransientInput {
    /// Pressure history at every point (or at the front).
    pub history: HistoryInput,
    /// A travelling front instead of a uniform pressure.
    pub front: Option<FrontInput>,
    /// Simulated time, s.
    pub duration_s: f64,
    /// Fixed time step, s (automatic if `None`).
    pub time_step_s: Option<f64>,
    /// Allow a transient longer than physically useful (see `TransientControl`).
    pub allow_long: bool,
}

/// The gauge pressure history of a transient.
#[derive(Debug, Clone)]
pub enum HistoryInput {
    /// A ramp from 0 to [`FemInput::pressure_pa`] over the rise time, then held.
    Ramp {
        /// Rise time, s.
        rise_time_s: f64,
    },
    /// A given history (e.g. read from a CSV file `t_s,p_Pa`).
    Given(PressureHistory),
}

/// A pressure front travelling along the meridian.
#[derive(Debug, Clone, Copy)]
pub struct FrontInput {
    /// Front speed along the meridian, m/s.
    pub speed_m_s: f64,
    /// Where it starts.
    pub origin: FrontOrigin,
    /// Reflected over incident pressure at the closed far end (1: no amplification).
    pub reflection_factor: f64,
}

/// Sees the study's progress; the CLI prints it on stderr. Every method does nothing by
/// default.
pub trait FemObserver {
    /// The mesh is built (before any solve): its size, e.g. to warn about a long solve.
    fn mesh_built(&mut self, _mesh: &Mesh) {}
    /// A transient time step is done.
    fn transient_progress(&mut self, _progress: &TransientProgress) {}
}

/// An observer that ignores everything.
impl FemObserver for () {}

/// Checks a damping ratio: finite, in [0, 1) (0 undamped, 1 critical).
pub fn check_damping_ratio(zeta: f64) -> Result<f64> {
    if zeta.is_finite() && (0.0..1.0).contains(&zeta) {
        Ok(zeta)
    } else {
        Err(StructureError::InvalidInput {
            quantity: "damping ratio",
            value: zeta,
            unit: "",
            requirement: "in [0, 1) (0 undamped, 1 critical)".into(),
        })
    }
}

/// Nominal strain rate of the strength law for a transient, 1/s: the largest static hoop
/// strain at the peak pressure (`peak_static_hoop_strain`) reached over the load's rise
/// time, but no faster than over half a breathing period (the wall cannot strain faster
/// than it breathes), clamped to the range of the strength law
/// ([`MIN_STRAIN_RATE_PER_S`], [`MAX_STRAIN_RATE_PER_S`]).
pub fn strain_rate(peak_static_hoop_strain: f64, rise_time_s: f64, breathing_omega: f64) -> f64 {
    let half_period = std::f64::consts::PI / breathing_omega;
    let rise = rise_time_s.max(half_period);
    (peak_static_hoop_strain / rise).clamp(MIN_STRAIN_RATE_PER_S, MAX_STRAIN_RATE_PER_S)
}

/// A built FEM model: the profile, the materials at the wall temperature and the mesh.
#[derive(Debug)]
pub struct FemModel<'a> {
    input: &'a FemInput,
    /// The profile analysed (uniform if [`FemInput::uniform_wall`]).
    pub profile: Profile,
    /// The mesh, with the region materials assigned.
    pub mesh: Mesh,
    /// The default material's elastic constants (with the caller's overrides).
    pub material: ElasticMaterial,
    default_material: &'a Material,
    region_materials: Vec<&'a Material>,
    pressure_pa: f64,
}

impl<'a> FemModel<'a> {
    /// Builds the model: checks the pressure and the region materials, meshes the profile
    /// (refused before allocation above the documented mesh limits) and assigns the region
    /// materials at the wall temperature.
    pub fn new(input: &'a FemInput, observer: &mut dyn FemObserver) -> Result<Self> {
        let db = &input.materials;
        let t_k = input.temperature_k;
        let profile = if input.uniform_wall {
            input.profile.uniform()
        } else {
            input.profile.clone()
        };
        let default_material = db.get(&input.material)?;
        let base = ElasticMaterial::from_material(default_material, t_k)?;
        let material = ElasticMaterial::new(
            input.youngs_modulus_pa.unwrap_or(base.youngs_modulus_pa),
            input.poisson_ratio.unwrap_or(base.poisson_ratio),
            input.density_kg_m3.unwrap_or(base.density_kg_m3),
        )?;
        if let Some(zeta) = input.dynamics.damping_ratio {
            check_damping_ratio(zeta)?;
        }
        let pressure_pa = petrocket_structure::fem::validate_gauge_pressure(input.pressure_pa)?;
        // Material regions of the profile: database materials at the same temperature; the
        // overrides of the elastic constants apply to the default material only.
        profile.check_materials(&db.names())?;
        let mut mesh = Mesh::new(&profile, &input.mesh)?;
        observer.mesh_built(&mesh);
        mesh.assign_region_materials(&mut |n| ElasticMaterial::from_material(db.get(n)?, t_k))?;
        let region_materials = mesh
            .region_names
            .iter()
            .map(|n| db.get(n))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            input,
            profile,
            mesh,
            material,
            default_material,
            region_materials,
            pressure_pa,
        })
    }

    /// The title of the model in exports: profile origin, material and elastic constants.
    pub fn title(&self) -> String {
        format!(
            "{}; material {} E = {} Pa, nu = {}",
            self.profile.origin(),
            self.input.material,
            self.material.youngs_modulus_pa,
            self.material.poisson_ratio
        )
    }

    /// The static problem as a CalculiX deck (CAX8).
    pub fn calculix_deck(&self) -> String {
        calculix::write_deck(&self.mesh, &self.material, self.pressure_pa, &self.title())
    }

    /// Runs the modal and transient analyses asked for, then the static solve.
    pub fn solve(self, observer: &mut dyn FemObserver) -> Result<FemReport> {
        let input = self.input;
        let t_k = input.temperature_k;
        let p = self.pressure_pa;
        let wall_materials = WallMaterials {
            default: self.default_material,
            regions: self.region_materials.clone(),
            station_regions: self.mesh.station_regions(),
        };
        let dynamics = dynamics(
            &input.dynamics,
            &self.mesh,
            &self.material,
            p,
            input.probe_z_m,
            (wall_materials, t_k),
            observer,
        )?;
        let title = self.title();
        let (solution, calculix) = match input.engine {
            Engine::Native => (solve_mesh(self.mesh, &self.material, p)?, None),
            Engine::Calculix => {
                let run = calculix::solve_calculix(self.mesh, &self.material, p, &title)?;
                let info = CalculixInfo {
                    version: run.version,
                    wall_time_s: run.ccx_wall_time_s,
                };
                (run.solution, Some(info))
            }
        };
        let probe = input.probe_z_m.map(|z| solution.probe(z)).transpose()?;
        let db = &input.materials;
        let profile = &self.profile;
        let wall_mass = profile.wall_mass_regions_kg(self.material.density_kg_m3, &mut |n| {
            Ok(db.get(n)?.density_kg_m3.value)
        })?;
        let regions = self
            .region_materials
            .iter()
            .map(|m| {
                let e = ElasticMaterial::from_material(m, t_k)?;
                Ok(RegionMaterial {
                    name: m.name.clone(),
                    youngs_modulus_Pa: e.youngs_modulus_pa,
                    poisson_ratio: e.poisson_ratio,
                    density_kg_m3: e.density_kg_m3,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let s = &solution;
        Ok(FemReport {
            engine: s.engine,
            pressure_gauge_Pa: p,
            profile: ProfileSummary {
                origin: profile.origin().to_string(),
                rows: profile.rows().len(),
                closed_top: profile.is_closed_top(),
                internal_volume_m3: profile.internal_volume_m3(),
                wall_mass_kg: wall_mass,
                inner_area_m2: profile.inner_area_m2(),
                outer_area_m2: profile.outer_area_m2(),
                mouth_area_m2: profile.mouth_area_m2(),
                height_m: profile.height_m(),
                warnings: profile.warnings().to_vec(),
            },
            material: MaterialSummary {
                name: input.material.clone(),
                temperature_K: t_k,
                youngs_modulus_Pa: self.material.youngs_modulus_pa,
                poisson_ratio: self.material.poisson_ratio,
                density_kg_m3: self.material.density_kg_m3,
            },
            regions,
            mesh: MeshSummary {
                element: "CAX8",
                elements: s.mesh.elements.len(),
                nodes: s.mesh.nodes.len(),
                elements_along: s.mesh.elements_along,
                layers: s.mesh.layers,
                refine: input.mesh.refine,
            },
            peaks: PeakFields::new(&s.peaks.hoop, &s.peaks.meridional, &s.peaks.von_mises),
            cap_load_N: s.cap_load_n,
            closure: input.mesh.closure,
            cap_plate: s.plate.as_ref().map(|pl| CapPlate {
                thickness_m: pl.thickness_m,
                span_radius_m: pl.span_radius_m,
                centre_deflection_m: pl.centre_deflection_m,
                centre_radial_stress_lower_Pa: pl.points[0].radial_pa.inner,
                centre_radial_stress_upper_Pa: pl.points[0].radial_pa.outer,
                max_von_mises_stress_Pa: pl.max_von_mises_pa,
                max_von_mises_stress_r_m: pl.max_von_mises_r_m,
            }),
            reaction_force_N: s.reaction_force_n,
            probe: probe.map(|pr| ProbeReport {
                z_m: pr.z_m,
                s_m: pr.s_m,
                r_m: pr.r_m,
                hoop_stress_inner_Pa: pr.hoop_pa.inner,
                hoop_stress_mid_Pa: pr.hoop_pa.mid,
                hoop_stress_outer_Pa: pr.hoop_pa.outer,
            }),
            calculix,
            modal: dynamics.modal,
            transient: dynamics.transient,
            solution,
            modal_solution: dynamics.modal_solution,
            transient_solution: dynamics.transient_solution,
        })
    }
}

/// The FEM study: [`FemModel::new`] then [`FemModel::solve`].
pub fn fem_study(input: &FemInput, observer: &mut dyn FemObserver) -> Result<FemReport> {
    FemModel::new(input, observer)?.solve(observer)
}

/// Result of [`fem_study`]: the JSON object of `petrocket fem --json`.
#[derive(Debug, Clone, Serialize)]
pub struct FemReport {
    /// Solver of the static problem.
    pub engine: Engine,
    /// Gauge pressure, Pa.
    pub pressure_gauge_Pa: f64,
    /// Geometry of the profile.
    pub profile: ProfileSummary,
    /// The default material as used.
    pub material: MaterialSummary,
    /// The region materials at the wall temperature.
    pub regions: Vec<RegionMaterial>,
    /// The mesh.
    pub mesh: MeshSummary,
    /// Peak hoop, meridional and von Mises stresses of the static solve.
    #[serde(flatten)]
    pub peaks: PeakFields,
    /// Axial cap load, N.
    pub cap_load_N: f64,
    /// Closure of the neck.
    pub closure: Closure,
    /// Results of a flat-plate cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap_plate: Option<CapPlate>,
    /// Axial reaction (a round-off check), N; `None` from CalculiX.
    pub reaction_force_N: Option<f64>,
    /// Hoop stress through the wall at the probe height.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe: Option<ProbeReport>,
    /// The CalculiX run, with the CalculiX engine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calculix: Option<CalculixInfo>,
    /// Modal analysis.
    #[serde(flatten)]
    pub modal: Option<ModalReport>,
    /// Transient analysis.
    #[serde(flatten)]
    pub transient: Option<TransientReport>,
    /// The static solution (meridian CSV).
    #[serde(skip)]
    pub solution: StaticSolution,
    /// The modal solution (mode shapes CSV).
    #[serde(skip)]
    pub modal_solution: Option<ModalSolution>,
    /// The transient solution (probe history CSV).
    #[serde(skip)]
    pub transient_solution: Option<TransientSolution>,
}

/// Geometry of the profile analysed.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSummary {
    /// Where it came from (file or preset).
    pub origin: String,
    /// Rows of the profile.
    pub rows: usize,
    /// Whether the top is closed (no neck opening).
    pub closed_top: bool,
    /// Internal volume, m³.
    pub internal_volume_m3: f64,
    /// Wall mass with the region densities, kg.
    pub wall_mass_kg: f64,
    /// Inner surface area, m².
    pub inner_area_m2: f64,
    /// Outer surface area, m².
    pub outer_area_m2: f64,
    /// Mouth area, m².
    pub mouth_area_m2: f64,
    /// Height, m.
    pub height_m: f64,
    /// Warnings about the profile.
    pub warnings: Vec<String>,
}

/// The default material as used.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialSummary {
    /// Database name.
    pub name: String,
    /// Wall temperature, K.
    pub temperature_K: f64,
    /// Young's modulus, Pa.
    pub youngs_modulus_Pa: f64,
    /// Poisson's ratio.
    pub poisson_ratio: f64,
    /// Density, kg/m³.
    pub density_kg_m3: f64,
}

/// A region material at the wall temperature.
#[derive(Debug, Clone, Serialize)]
pub struct RegionMaterial {
    /// Database name.
    pub name: String,
    /// Young's modulus, Pa.
    pub youngs_modulus_Pa: f64,
    /// Poisson's ratio.
    pub poisson_ratio: f64,
    /// Density, kg/m³.
    pub density_kg_m3: f64,
}

/// The mesh.
#[derive(Debug, Clone, Serialize)]
pub struct MeshSummary {
    /// Element type.
    pub element: &'static str,
    /// Elements.
    pub elements: usize,
    /// Nodes.
    pub nodes: usize,
    /// Elements along the meridian.
    pub elements_along: usize,
    /// Element layers through the wall.
    pub layers: usize,
    /// Refinement factor.
    pub refine: usize,
}

/// The three static peaks, as flat keys `max_{hoop,meridional,von_mises}_stress_*`.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct PeakFields {
    pub max_hoop_stress_Pa: f64,
    pub max_hoop_stress_z_m: f64,
    pub max_hoop_stress_r_m: f64,
    pub max_hoop_stress_s_m: f64,
    pub max_hoop_stress_surface: &'static str,
    pub max_meridional_stress_Pa: f64,
    pub max_meridional_stress_z_m: f64,
    pub max_meridional_stress_r_m: f64,
    pub max_meridional_stress_s_m: f64,
    pub max_meridional_stress_surface: &'static str,
    pub max_von_mises_stress_Pa: f64,
    pub max_von_mises_stress_z_m: f64,
    pub max_von_mises_stress_r_m: f64,
    pub max_von_mises_stress_s_m: f64,
    pub max_von_mises_stress_surface: &'static str,
}

impl PeakFields {
    fn new(hoop: &Peak, meridional: &Peak, von_mises: &Peak) -> Self {
        Self {
            max_hoop_stress_Pa: hoop.value_pa,
            max_hoop_stress_z_m: hoop.z_m,
            max_hoop_stress_r_m: hoop.r_m,
            max_hoop_stress_s_m: hoop.s_m,
            max_hoop_stress_surface: hoop.surface.name(),
            max_meridional_stress_Pa: meridional.value_pa,
            max_meridional_stress_z_m: meridional.z_m,
            max_meridional_stress_r_m: meridional.r_m,
            max_meridional_stress_s_m: meridional.s_m,
            max_meridional_stress_surface: meridional.surface.name(),
            max_von_mises_stress_Pa: von_mises.value_pa,
            max_von_mises_stress_z_m: von_mises.z_m,
            max_von_mises_stress_r_m: von_mises.r_m,
            max_von_mises_stress_s_m: von_mises.s_m,
            max_von_mises_stress_surface: von_mises.surface.name(),
        }
    }
}

/// Results of a flat-plate cap.
#[derive(Debug, Clone, Serialize)]
pub struct CapPlate {
    /// Plate thickness, m.
    pub thickness_m: f64,
    /// Radius of the loaded span, m.
    pub span_radius_m: f64,
    /// Deflection at the centre, m.
    pub centre_deflection_m: f64,
    /// Radial stress at the centre, lower (pressurised) face, Pa.
    pub centre_radial_stress_lower_Pa: f64,
    /// Radial stress at the centre, upper face, Pa.
    pub centre_radial_stress_upper_Pa: f64,
    /// Largest von Mises stress in the plate, Pa.
    pub max_von_mises_stress_Pa: f64,
    /// Where, m.
    pub max_von_mises_stress_r_m: f64,
}

/// Hoop stress through the wall at the probe height.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    /// Height, m.
    pub z_m: f64,
    /// Arc length from the base pole, m.
    pub s_m: f64,
    /// Mid-surface radius, m.
    pub r_m: f64,
    /// Hoop stress at the inner surface, Pa.
    pub hoop_stress_inner_Pa: f64,
    /// At the mid-surface, Pa.
    pub hoop_stress_mid_Pa: f64,
    /// At the outer surface, Pa.
    pub hoop_stress_outer_Pa: f64,
}

/// The CalculiX run.
#[derive(Debug, Clone, Serialize)]
pub struct CalculixInfo {
    /// `ccx` version, if it said.
    pub version: Option<String>,
    /// Wall time of `ccx`, s.
    pub wall_time_s: f64,
}

/// Modal analysis: flat keys `natural_frequencies_Hz`, `rigid_body_modes`, `modal`.
#[derive(Debug, Clone, Serialize)]
pub struct ModalReport {
    /// Elastic natural frequencies, Hz.
    pub natural_frequencies_Hz: Vec<f64>,
    /// Rigid-body modes, reported separately.
    pub rigid_body_modes: Vec<RigidBody>,
    /// Details.
    pub modal: ModalDetails,
}

/// A rigid-body mode.
#[derive(Debug, Clone, Serialize)]
pub struct RigidBody {
    /// Kind of motion.
    pub kind: &'static str,
    /// Its computed frequency (≈ 0), Hz.
    pub frequency_Hz: f64,
}

/// Details of the modal analysis.
#[derive(Debug, Clone, Serialize)]
pub struct ModalDetails {
    /// Support name.
    pub support: &'static str,
    /// Breathing frequency of the cylinder wall, Hz.
    pub breathing_reference_Hz: f64,
    /// Eigen-residual of each elastic mode.
    pub residuals: Vec<f64>,
}

/// Transient analysis: flat keys (and `failure`, `transient`).
#[derive(Debug, Clone, Serialize)]
pub struct TransientReport {
    /// Failure tracking over the wall and over time (absent if nothing was assessed).
    #[serde(flatten)]
    pub failure: Option<FailureReport>,
    /// Peak dynamic over static hoop strain at the probe.
    pub dynamic_load_factor: f64,
    /// Peak hoop stress over the wall and over time, Pa.
    pub peak_hoop_stress_Pa: f64,
    /// When, s.
    pub peak_time_s: f64,
    /// Where, m.
    pub peak_z_m: f64,
    /// Details.
    pub transient: TransientDetails,
}

/// Safety factor over the wall and over time.
#[derive(Debug, Clone, Serialize)]
pub struct FailureReport {
    /// Burst probability at the smallest safety factor (Weibull scatter of its material).
    pub burst_probability: f64,
    /// The smallest safety factor (`None` where nothing is stressed).
    pub min_safety_factor: Option<f64>,
    /// Time of the first SF < 1, s.
    pub failure_time_s: Option<f64>,
    /// Height of the first SF < 1, m.
    pub failure_z_m: Option<f64>,
    /// Details.
    pub failure: FailureDetails,
    /// Weibull modulus of the governing material (text output).
    #[serde(skip)]
    pub weibull_modulus: f64,
}

/// Details of the failure tracking.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct FailureDetails {
    pub min_safety_factor_time_s: f64,
    pub min_safety_factor_z_m: f64,
    pub min_safety_factor_surface: &'static str,
    /// Equivalent stress at the minimum, Pa.
    pub equivalent_stress_Pa: f64,
    /// Strength at the minimum, Pa.
    pub strength_Pa: f64,
    /// Material that governs.
    pub strength_material: String,
    /// Wall temperature, K.
    pub temperature_K: f64,
    /// Nominal strain rate of the strength law ([`strain_rate`]), 1/s.
    pub strain_rate_per_s: f64,
    /// Surface of the first SF < 1.
    pub failure_surface: Option<&'static str>,
    /// Stress states assessed.
    pub samples: usize,
}

/// Details of the transient analysis.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct TransientDetails {
    pub support: &'static str,
    pub duration_s: f64,
    pub time_step_s: f64,
    pub steps: usize,
    pub damping_ratio_at_breathing: f64,
    pub rayleigh_alpha_per_s: f64,
    pub rayleigh_beta_s: f64,
    pub breathing_reference_Hz: f64,
    pub peak_pressure_Pa: f64,
    pub probe_z_m: f64,
    pub static_hoop_strain: f64,
    pub dynamic_load_factor_time_s: f64,
    pub peak_hoop_stress_surface: &'static str,
    pub peak_von_mises_stress_Pa: f64,
    pub peak_von_mises_time_s: f64,
    pub peak_von_mises_z_m: f64,
}

struct Dynamics {
    modal: Option<ModalReport>,
    modal_solution: Option<ModalSolution>,
    transient: Option<TransientReport>,
    transient_solution: Option<TransientSolution>,
}

/// The modal and transient analyses on `mesh`; `p` is the static pressure (Pa, the ramp's
/// plateau), `probe_z` the probe height (default: mid-height of the mid-surface);
/// `strength` the database materials of the wall (per region) and the wall temperature (K)
/// for the safety factor over the wall and over time.
fn dynamics(
    d: &DynamicsInput,
    mesh: &Mesh,
    material: &ElasticMaterial,
    p: f64,
    probe_z: Option<f64>,
    strength: (WallMaterials<'_>, f64),
    observer: &mut dyn FemObserver,
) -> Result<Dynamics> {
    let mut out = Dynamics {
        modal: None,
        modal_solution: None,
        transient: None,
        transient_solution: None,
    };
    let support = d.support;
    if let Some(n) = d.modes {
        let sol = solve_modal(mesh.clone(), material, n, support)?;
        out.modal = Some(ModalReport {
            natural_frequencies_Hz: sol.natural_frequencies_hz(),
            rigid_body_modes: sol
                .rigid_body_modes
                .iter()
                .map(|r| RigidBody {
                    kind: r.kind,
                    frequency_Hz: r.frequency_hz,
                })
                .collect(),
            modal: ModalDetails {
                support: support.name(),
                breathing_reference_Hz: sol.breathing_reference_hz,
                residuals: sol.modes.iter().map(|m| m.residual).collect(),
            },
        });
        out.modal_solution = Some(sol);
    }
    let Some(tr) = &d.transient else {
        return Ok(out);
    };
    let history = match &tr.history {
        HistoryInput::Ramp { rise_time_s } => PressureHistory::ramp(p, *rise_time_s)?,
        HistoryInput::Given(h) => h.clone(),
    };
    let load = match &tr.front {
        Some(f) => PressureLoad::Front(TravellingFront::new(
            history,
            f.speed_m_s,
            f.origin,
            f.reflection_factor,
        )?),
        None => PressureLoad::Uniform(history),
    };
    let r_max = mesh.station_mid.iter().fold(0.0f64, |m, x| m.max(x[0]));
    let omega = breathing_omega(r_max, material)?;
    let damping = RayleighDamping::stiffness_proportional(
        d.damping_ratio.unwrap_or(DEFAULT_DAMPING_RATIO),
        omega,
    )?;
    let (z_lo, z_hi) = mesh
        .station_mid
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
            (l.min(x[1]), h.max(x[1]))
        });
    let opts = TransientOptions {
        duration_s: tr.duration_s,
        time_step_s: tr.time_step_s,
        damping: Some(damping),
        support,
        probe_z_m: probe_z.unwrap_or(0.5 * (z_lo + z_hi)),
        highest_frequency_hz: None,
    };
    let peak_p = load.history().peak_pa();
    let eps_static = solve_mesh(mesh.clone(), material, peak_p)?
        .peaks
        .hoop
        .value_pa
        / material.youngs_modulus_pa;
    let strain_rate = strain_rate(eps_static, load.history().rise_time_s(), omega);
    let (wall_materials, t_k) = strength;
    let mut tracker = FailureTracker::with_regions(wall_materials.clone(), None);
    let mut on_progress = |p: &TransientProgress| observer.transient_progress(p);
    let mut control = TransientControl {
        allow_long: tr.allow_long,
        progress: Some(&mut on_progress),
    };
    let sol =
        solve_transient_controlled(mesh, material, &load, &opts, &mut control, &mut |t, mer| {
            tracker.push(t, mer, &|_, _| t_k, strain_rate).map(|_| ())
        })?;
    let failure = match tracker.summary() {
        Some(f) => {
            let sf = f.minimum.safety_factor;
            // The Weibull scatter of the material that governs.
            let governing = wall_materials.material(f.minimum.region);
            let probability = burst_probability(sf, governing.weibull_modulus.value)?;
            Some(FailureReport {
                burst_probability: probability,
                min_safety_factor: sf.is_finite().then_some(sf),
                failure_time_s: f.first_failure.map(|x| x.time_s),
                failure_z_m: f.first_failure.map(|x| x.z_m),
                failure: FailureDetails {
                    min_safety_factor_time_s: f.minimum.time_s,
                    min_safety_factor_z_m: f.minimum.z_m,
                    min_safety_factor_surface: f.minimum.surface.name(),
                    equivalent_stress_Pa: f.minimum.equivalent_stress_pa,
                    strength_Pa: f.minimum.strength_pa,
                    strength_material: governing.name.clone(),
                    temperature_K: t_k,
                    strain_rate_per_s: strain_rate,
                    failure_surface: f.first_failure.map(|x| x.surface.name()),
                    samples: f.samples,
                },
                weibull_modulus: governing.weibull_modulus.value,
            })
        }
        None => None,
    };
    out.transient = Some(TransientReport {
        failure,
        dynamic_load_factor: sol.dynamic_load_factor,
        peak_hoop_stress_Pa: sol.peak_hoop.value_pa,
        peak_time_s: sol.peak_hoop.time_s,
        peak_z_m: sol.peak_hoop.z_m,
        transient: TransientDetails {
            support: support.name(),
            duration_s: tr.duration_s,
            time_step_s: sol.time_step_s,
            steps: sol.steps,
            damping_ratio_at_breathing: sol.damping_ratio_at_breathing,
            rayleigh_alpha_per_s: sol.damping.alpha_per_s,
            rayleigh_beta_s: sol.damping.beta_s,
            breathing_reference_Hz: sol.breathing_reference_hz,
            peak_pressure_Pa: sol.peak_pressure_pa,
            probe_z_m: sol.probe.z_m,
            static_hoop_strain: sol.static_hoop_strain,
            dynamic_load_factor_time_s: sol.dynamic_load_factor_time_s,
            peak_hoop_stress_surface: sol.peak_hoop.surface.name(),
            peak_von_mises_stress_Pa: sol.peak_von_mises.value_pa,
            peak_von_mises_time_s: sol.peak_von_mises.time_s,
            peak_von_mises_z_m: sol.peak_von_mises.z_m,
        },
    });
    out.transient_solution = Some(sol);
    Ok(out)
}
