//! Transient response of the wall to a time-dependent pressure: implicit Newmark average
//! acceleration (`β = 1/4`, `γ = 1/2`: unconditionally stable, no numerical damping, period
//! error ≈ (π²/12)·(Δt/T)², Newmark, J. Eng. Mech. Div. ASCE 85:67, 1959) with Rayleigh
//! damping `C = α·M + β·K`.
//!
//! `M·ü + C·u̇ + K·u = f(t)` with the `CAX8` stiffness and consistent mass; `f(t)` from the
//! pressure on the inner faces (each face at its own pressure for a travelling front) and
//! the cap's end load. The time step is fixed, so the effective matrix
//! `K_eff = (1 + a₁β)·K + (a₀ + a₁α)·M` (`a₀ = 4/Δt²`, `a₁ = 2/Δt`) is factorised once
//! (faer sparse Cholesky) and each step is one forward/back substitution.
//!
//! # Automatic time step
//!
//! `Δt = min(T_hi/20, max(t_rise/4, T_hi/100))`, with `T_hi` the period of the highest
//! frequency of interest (default twice the analytic breathing frequency of the widest
//! station, VALIDATION S1, i.e. 40 steps per breathing period) and `t_rise` the load's rise
//! time (shortest significant ramp of the history, or the time the front needs to cross an
//! element). A rise faster than `T_hi/100` acts on the wall as a step, so it is not resolved
//! further. The step is then shortened so that the duration is a whole number of steps.
//!
//! # Outputs and the dynamic load factor
//!
//! At every step: the hoop strain `ε_θ = u_r/r` of the mid-surface and the hoop stress at
//! the inner, mid and outer surfaces at the probe; the peak hoop and von Mises stresses over
//! the whole wall with their time and location. The dynamic load factor is the peak hoop
//! strain at the probe over the static hoop strain at the same place under the peak
//! pressure of the history applied uniformly (VALIDATION S2 for a ramp on one mode).
//!
//! # Limits
//!
//! Linear elastic, small strain, axisymmetric (see [`crate::fem`]); material constants do
//! not depend on strain rate or temperature; the damping is a modelling choice, not a
//! measured property of PET.

use serde::Serialize;

use faer::linalg::solvers::Solve;
use faer::Col;

use super::load::PressureLoad;
use super::mass::{combine, mass, sym_matvec};
use super::modal::{expand, mid_surface};
use super::support::{breathing_omega, equation_numbers, max_radius, Support};
use super::{assembly, element, stress, ElasticMaterial, Mesh, Surface};
use crate::error::{Result, StructureError};

/// Default damping ratio at the breathing frequency (a modelling choice: light structural
/// damping, not a measured property of PET): the overshoot of a one-mode step response is
/// `exp(−ζπ/√(1 − ζ²))` of the static value, so the step DLF drops from 2 to 1.94 at 0.02.
pub const DEFAULT_DAMPING_RATIO: f64 = 0.02;

/// Most time steps a transient analysis may take, even with
/// [`TransientControl::allow_long`].
pub const MAX_STEPS: usize = 2_000_000;

/// Most time steps a transient analysis takes without [`TransientControl::allow_long`]
/// (200 000: ≈ 15 min on the default 2 L mesh; the response of a bottle to a pressure
/// rise lasts a few ms, 1 000–10 000 steps).
pub const DEFAULT_MAX_STEPS: usize = 200_000;

/// Multiple of the slowest period of the wall that may follow the end of the load
/// ([`useful_duration_s`]) without [`TransientControl::allow_long`]: 100 periods, by which
/// a mode with the default 2 % damping at the breathing frequency has decayed to
/// `exp(−2π·0.02·100) ≈ 4e-6` of its amplitude, and even the least-damped (lowest) mode of
/// a bottle has passed its peak response.
pub const USEFUL_DURATION_PERIODS: f64 = 100.0;

/// Longest physically useful transient for `load` on `mesh`, s: the load's duration
/// ([`PressureHistory::load_duration_s`](super::load::PressureHistory::load_duration_s);
/// plus the front's transit there and back for a travelling front) plus
/// [`USEFUL_DURATION_PERIODS`] × the slowest period of the wall, estimated as the larger of
/// the breathing period `2π/ω_b` (VALIDATION S1) and the quarter-wave axial period
/// `4·L/c` of the meridian length `L` with the bar speed `c = √(E/ρ)` (a bottle held by its
/// neck; the free bottle's lowest axial mode is twice as fast). The peak stress and the DLF
/// occur within a few periods after the load is complete; a longer run only records the
/// decay.
pub fn useful_duration_s(
    mesh: &Mesh,
    material: &ElasticMaterial,
    load: &PressureLoad,
) -> Result<f64> {
    let omega_b = breathing_omega(max_radius(mesh), material)?;
    let length = mesh.station_s.last().copied().unwrap_or(0.0);
    let bar_speed = (material.youngs_modulus_pa / material.density_kg_m3).sqrt();
    let slowest = (2.0 * std::f64::consts::PI / omega_b).max(4.0 * length / bar_speed);
    let mut t_load = load.history().load_duration_s();
    if let PressureLoad::Front(fr) = load {
        t_load += 2.0 * length / fr.speed_m_s;
    }
    Ok(t_load + USEFUL_DURATION_PERIODS * slowest)
}

/// How far a transient analysis may go and who is told of its progress
/// ([`solve_transient_controlled`]).
#[derive(Default)]
pub struct TransientControl<'a> {
    /// Allow a duration beyond [`useful_duration_s`] and up to [`MAX_STEPS`] steps instead
    /// of [`DEFAULT_MAX_STEPS`] (the CLI's `--allow-long`).
    pub allow_long: bool,
    /// Called after every time step (and once before the first) with the progress; the
    /// caller decides how often to show it (the CLI prints a line on stderr every few
    /// seconds for runs longer than about a second).
    pub progress: Option<&'a mut dyn FnMut(&TransientProgress)>,
}

/// Progress of a transient analysis, for [`TransientControl::progress`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TransientProgress {
    /// Steps done.
    pub step: usize,
    /// Steps in total.
    pub steps: usize,
    /// Simulated time reached, s.
    pub time_s: f64,
    /// Simulated time at the end, s.
    pub duration_s: f64,
}

/// Rayleigh damping `C = α·M + β·K`; the damping ratio of a mode of angular frequency `ω` is
/// `ζ(ω) = α/(2ω) + β·ω/2`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RayleighDamping {
    /// Mass-proportional coefficient `α`, 1/s.
    pub alpha_per_s: f64,
    /// Stiffness-proportional coefficient `β`, s.
    pub beta_s: f64,
}

impl RayleighDamping {
    /// Validated coefficients (finite, ≥ 0).
    pub fn new(alpha_per_s: f64, beta_s: f64) -> Result<Self> {
        for (q, v, u) in [
            ("Rayleigh mass coefficient", alpha_per_s, "1/s"),
            ("Rayleigh stiffness coefficient", beta_s, "s"),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(StructureError::InvalidInput {
                    quantity: q,
                    value: v,
                    unit: u,
                    requirement: "finite and ≥ 0".into(),
                });
            }
        }
        Ok(Self {
            alpha_per_s,
            beta_s,
        })
    }

    /// Stiffness-proportional damping with ratio `zeta` at `omega_rad_s`: `β = 2ζ/ω`, `α = 0`
    /// (higher modes more damped, in proportion to their frequency). `zeta` in `[0, 1)`.
    pub fn stiffness_proportional(zeta: f64, omega_rad_s: f64) -> Result<Self> {
        if !(zeta.is_finite() && (0.0..1.0).contains(&zeta)) {
            return Err(StructureError::InvalidInput {
                quantity: "damping ratio",
                value: zeta,
                unit: "",
                requirement: "in [0, 1) (0 undamped, 1 critical)".into(),
            });
        }
        crate::error::positive("reference angular frequency", omega_rad_s, "rad/s")?;
        Self::new(0.0, 2.0 * zeta / omega_rad_s)
    }

    /// Damping ratio at `omega_rad_s`.
    pub fn ratio_at(&self, omega_rad_s: f64) -> f64 {
        self.alpha_per_s / (2.0 * omega_rad_s) + 0.5 * self.beta_s * omega_rad_s
    }
}

/// Options of a transient analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TransientOptions {
    /// Simulated time from `t = 0`, s.
    pub duration_s: f64,
    /// Fixed time step, s; `None`: automatic (see the module docs).
    pub time_step_s: Option<f64>,
    /// Damping; `None`: [`DEFAULT_DAMPING_RATIO`] at the analytic breathing frequency of the
    /// widest station, stiffness-proportional.
    pub damping: Option<RayleighDamping>,
    /// Support (default [`Support::Free`]).
    pub support: Support,
    /// Probe height (first crossing of the mid-surface from the base pole), m.
    pub probe_z_m: f64,
    /// Highest frequency of interest for the automatic time step, Hz; `None`: twice the
    /// analytic breathing frequency of the widest station.
    pub highest_frequency_hz: Option<f64>,
}

/// A peak over the wall and the time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimedPeak {
    /// Value, Pa.
    pub value_pa: f64,
    /// When, s.
    pub time_s: f64,
    /// Axial coordinate of the mid-surface there, m.
    pub z_m: f64,
    /// Arc length there, m.
    pub s_m: f64,
    /// Radius of the mid-surface there, m.
    pub r_m: f64,
    /// Surface.
    pub surface: Surface,
}

/// Histories at the probe, one entry per output time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeHistory {
    /// Probe height, m.
    pub z_m: f64,
    /// Mid-surface radius there, m.
    pub r_m: f64,
    /// Times, s.
    pub t_s: Vec<f64>,
    /// Pressure on the wall there, Pa.
    pub pressure_pa: Vec<f64>,
    /// Mid-surface hoop strain `u_r/r`.
    pub hoop_strain: Vec<f64>,
    /// Hoop stress at the inner, mid and outer surfaces, Pa.
    pub hoop_stress_pa: Vec<stress::ThroughWall>,
}

impl ProbeHistory {
    /// Column names of [`ProbeHistory::csv`], in order (units in the names).
    pub const CSV_HEADER: &'static str =
        "t_s,p_Pa,hoop_strain,hoop_inner_Pa,hoop_mid_Pa,hoop_outer_Pa";

    /// The histories as CSV (header [`ProbeHistory::CSV_HEADER`]), one row per time.
    pub fn csv(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::with_capacity(self.t_s.len() * 100);
        let _ = writeln!(s, "{}", Self::CSV_HEADER);
        for k in 0..self.t_s.len() {
            let h = self.hoop_stress_pa[k];
            let _ = writeln!(
                s,
                "{:.9e},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e}",
                self.t_s[k], self.pressure_pa[k], self.hoop_strain[k], h.inner, h.mid, h.outer
            );
        }
        s
    }
}

/// Result of a transient analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransientSolution {
    /// Time step used, s.
    pub time_step_s: f64,
    /// Number of steps.
    pub steps: usize,
    /// Damping used.
    pub damping: RayleighDamping,
    /// Damping ratio at the analytic breathing frequency.
    pub damping_ratio_at_breathing: f64,
    /// Analytic breathing frequency of the widest station (VALIDATION S1), Hz.
    pub breathing_reference_hz: f64,
    /// Support.
    pub support: Support,
    /// Peak pressure of the history, Pa.
    pub peak_pressure_pa: f64,
    /// Probe histories.
    pub probe: ProbeHistory,
    /// Largest hoop stress over the wall and the time.
    pub peak_hoop: TimedPeak,
    /// Largest von Mises stress over the wall and the time.
    pub peak_von_mises: TimedPeak,
    /// Static mid-surface hoop strain at the probe under the peak pressure applied uniformly.
    pub static_hoop_strain: f64,
    /// Peak hoop strain at the probe over the static one.
    pub dynamic_load_factor: f64,
    /// When the probe's hoop strain peaks, s.
    pub dynamic_load_factor_time_s: f64,
}

/// Where the probe sits: half-stations `i`, `i + 1` and the weight of `i + 1`.
fn locate(mesh: &Mesh, z: f64) -> Result<(usize, f64)> {
    let zs: Vec<f64> = mesh.station_mid.iter().map(|p| p[1]).collect();
    let (lo, hi) = zs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    for i in 0..zs.len() - 1 {
        if z.is_finite() && (zs[i] - z) * (zs[i + 1] - z) <= 0.0 {
            let dz = zs[i + 1] - zs[i];
            let f = if dz.abs() > 0.0 {
                (z - zs[i]) / dz
            } else {
                0.0
            };
            return Ok((i, f));
        }
    }
    Err(StructureError::InvalidInput {
        quantity: "probe height",
        value: z,
        unit: "m",
        requirement: format!("between {lo} m and {hi} m, the axial extent of the mid-surface"),
    })
}

fn hoop_strain_at(mesh: &Mesh, u: &[[f64; 2]], (i, f): (usize, f64)) -> f64 {
    let e = |k: usize| mid_surface(mesh, u, k)[0] / mesh.station_mid[k][0];
    (1.0 - f) * e(i) + f * e(i + 1)
}

/// Stress recovery as a precomputed linear map: for every element, the nodal stresses
/// `(σ_r, σ_z, σ_θ, τ_rz)` at its 8 nodes (extrapolated from the Gauss points, as the static
/// solve) as a 32×16 matrix of its displacements, so that a time step costs one small
/// product per element instead of re-evaluating shape functions and Jacobians. Shared nodes
/// are averaged.
struct StressOperator {
    mats: Vec<[[f64; 16]; 32]>,
    inv_count: Vec<f64>,
}

impl StressOperator {
    fn new(mesh: &Mesh, d: &[[[f64; 4]; 4]]) -> Result<Self> {
        let mut mats = Vec::with_capacity(mesh.elements.len());
        let mut count = vec![0u32; mesh.nodes.len()];
        for (e, el) in mesh.elements.iter().enumerate() {
            let xe = mesh.element_coords(e);
            let mut m = [[0.0; 16]; 32];
            for c in 0..16 {
                let mut ue = [0.0; 16];
                ue[c] = 1.0;
                let s = element::nodal_stresses(&xe, &d[e], &ue).map_err(|det| {
                    StructureError::Numerical {
                        stage: "stress recovery",
                        message: format!("element {} has det J = {det}", e + 1),
                    }
                })?;
                for a in 0..8 {
                    for k in 0..4 {
                        m[4 * a + k][c] = s[a][k];
                    }
                }
            }
            mats.push(m);
            for &n in el {
                count[n] += 1;
            }
        }
        Ok(Self {
            mats,
            inv_count: count.iter().map(|&c| 1.0 / f64::from(c.max(1))).collect(),
        })
    }

    fn apply(&self, mesh: &Mesh, u: &[[f64; 2]], out: &mut [[f64; 4]]) {
        out.iter_mut().for_each(|s| *s = [0.0; 4]);
        for (el, m) in mesh.elements.iter().zip(&self.mats) {
            let ue: [f64; 16] = std::array::from_fn(|i| u[el[i / 2]][i % 2]);
            for (a, &n) in el.iter().enumerate() {
                for k in 0..4 {
                    let row = &m[4 * a + k];
                    out[n][k] += row.iter().zip(&ue).map(|(x, y)| x * y).sum::<f64>();
                }
            }
        }
        for (s, w) in out.iter_mut().zip(&self.inv_count) {
            s.iter_mut().for_each(|v| *v *= w);
        }
    }
}

/// Unit-pressure forces of the loaded faces: for every inner face its centre's arc length
/// and its `(equation, force per Pa)` entries; the same for the cap faces (at the top).
struct FaceLoads {
    faces: Vec<(f64, Vec<(usize, f64)>)>,
    cap: Vec<(usize, f64)>,
    length_m: f64,
}

impl FaceLoads {
    fn new(mesh: &Mesh, eq: &[Option<usize>]) -> Self {
        let entries = |e: usize, face: usize, p: f64| -> Vec<(usize, f64)> {
            let x = mesh.element_coords(e);
            let fe = element::face_pressure_forces(&x, face, p);
            let mut v = Vec::with_capacity(6);
            for (k, &local) in element::FACES[face].iter().enumerate() {
                let n = mesh.elements[e][local];
                for c in 0..2 {
                    if let Some(q) = eq[2 * n + c] {
                        v.push((q, fe[k][c]));
                    }
                }
            }
            v
        };
        let faces = mesh
            .inner_faces
            .iter()
            .map(|&(e, face)| {
                let j = e / mesh.layers;
                (mesh.station_s[2 * j + 1], entries(e, face, 1.0))
            })
            .collect();
        let cap = mesh
            .cap_faces
            .iter()
            .flat_map(|&(e, face)| entries(e, face, mesh.cap_pressure_per_pa))
            .collect();
        Self {
            faces,
            cap,
            length_m: mesh.station_s[mesh.station_s.len() - 1],
        }
    }

    /// Load vector at time `t`.
    fn assemble(&self, load: &PressureLoad, t: f64, f: &mut [f64]) {
        f.iter_mut().for_each(|v| *v = 0.0);
        let p_at = |s: f64| match load {
            PressureLoad::Uniform(h) => h.at(t),
            PressureLoad::Front(fr) => fr.pressure_at(s, self.length_m, t),
        };
        for (s, entries) in &self.faces {
            let p = p_at(*s);
            for &(q, v) in entries {
                f[q] += p * v;
            }
        }
        let p = p_at(self.length_m);
        for &(q, v) in &self.cap {
            f[q] += p * v;
        }
    }
}

fn factor(
    a: &faer::sparse::SparseColMat<usize, f64>,
    stage: &'static str,
) -> Result<faer::sparse::linalg::solvers::Llt<usize, f64>> {
    a.sp_cholesky(faer::Side::Lower)
        .map_err(|e| crate::error::llt_error(stage, e, "the matrix is not positive definite"))
}

fn solve(
    llt: &faer::sparse::linalg::solvers::Llt<usize, f64>,
    rhs: &[f64],
    col: &mut Col<f64>,
) -> Vec<f64> {
    for (i, v) in rhs.iter().enumerate() {
        col[i] = *v;
    }
    llt.solve_in_place(col.as_mut());
    (0..rhs.len()).map(|i| col[i]).collect()
}

/// Runs the transient analysis of `mesh` under `load`.
pub fn solve_transient(
    mesh: &Mesh,
    material: &ElasticMaterial,
    load: &PressureLoad,
    options: &TransientOptions,
) -> Result<TransientSolution> {
    solve_transient_observed(mesh, material, load, options, &mut |_, _| Ok(()))
}

/// As [`solve_transient`], calling `observer(t, meridian)` with the full stress state along
/// the meridian at `t = 0` and after every time step (e.g. for a safety factor over the wall
/// and over time); an error from the observer stops the analysis and is returned.
///
/// The default limits of [`TransientControl`] apply: a duration beyond
/// [`useful_duration_s`] or more than [`DEFAULT_MAX_STEPS`] steps is refused
/// ([`StructureError::LimitExceeded`]); [`solve_transient_controlled`] can lift them.
pub fn solve_transient_observed(
    mesh: &Mesh,
    material: &ElasticMaterial,
    load: &PressureLoad,
    options: &TransientOptions,
    observer: &mut dyn FnMut(f64, &[stress::MeridianPoint]) -> Result<()>,
) -> Result<TransientSolution> {
    solve_transient_controlled(
        mesh,
        material,
        load,
        options,
        &mut TransientControl::default(),
        observer,
    )
}

/// As [`solve_transient_observed`], with the limits and the progress callback of
/// `control`. Refused before any work ([`StructureError::LimitExceeded`], an input error):
/// a duration beyond [`useful_duration_s`] or more than [`DEFAULT_MAX_STEPS`] steps unless
/// [`TransientControl::allow_long`]; more than [`MAX_STEPS`] steps always; an estimated
/// memory ([`MeshEstimate::transient_memory_bytes`](super::MeshEstimate)) above
/// [`MAX_MESH_MEMORY_BYTES`](super::MAX_MESH_MEMORY_BYTES).
pub fn solve_transient_controlled(
    mesh: &Mesh,
    material: &ElasticMaterial,
    load: &PressureLoad,
    options: &TransientOptions,
    control: &mut TransientControl<'_>,
    observer: &mut dyn FnMut(f64, &[stress::MeridianPoint]) -> Result<()>,
) -> Result<TransientSolution> {
    let duration = crate::error::positive("duration", options.duration_s, "s")?;
    let history = load.history();
    let peak_p = history.peak_pa();
    crate::error::positive("peak pressure of the history", peak_p, "Pa")?;
    let omega_b = breathing_omega(max_radius(mesh), material)?;
    let f_b = omega_b / (2.0 * std::f64::consts::PI);
    let damping = match options.damping {
        Some(d) => RayleighDamping::new(d.alpha_per_s, d.beta_s)?,
        None => RayleighDamping::stiffness_proportional(DEFAULT_DAMPING_RATIO, omega_b)?,
    };
    let f_hi = match options.highest_frequency_hz {
        Some(f) => crate::error::positive("highest frequency of interest", f, "Hz")?,
        None => 2.0 * f_b,
    };
    let t_hi = 1.0 / f_hi;
    let mut t_rise = history.rise_time_s();
    if let PressureLoad::Front(fr) = load {
        let h = mesh
            .station_s
            .windows(3)
            .step_by(2)
            .map(|w| w[2] - w[0])
            .fold(f64::INFINITY, f64::min);
        t_rise = t_rise.min(h / fr.speed_m_s);
    }
    let dt0 = match options.time_step_s {
        Some(dt) => crate::error::positive("time step", dt, "s")?,
        None => (t_hi / 20.0).min((t_rise / 4.0).max(t_hi / 100.0)),
    };
    let steps_f = (duration / dt0).ceil();
    let useful = useful_duration_s(mesh, material, load)?;
    if !control.allow_long && duration > useful * (1.0 + crate::limits::RANGE_TOLERANCE) {
        return Err(StructureError::LimitExceeded {
            quantity: "transient duration".into(),
            value: format!("{duration} s ({steps_f} steps of {dt0:.3e} s)"),
            limit: format!(
                "{useful:.4e} s, the load duration plus {USEFUL_DURATION_PERIODS} periods of the \
                 slowest wall mode (after that the response only decays)"
            ),
            hint: "shorten --duration, or pass --allow-long (library: \
                   TransientControl::allow_long) to run it anyway"
                .into(),
        });
    }
    let cap = if control.allow_long {
        MAX_STEPS
    } else {
        DEFAULT_MAX_STEPS
    };
    if steps_f > cap as f64 {
        return Err(StructureError::LimitExceeded {
            quantity: "transient time steps".into(),
            value: format!("{steps_f} (duration {duration} s / step {dt0:.3e} s)"),
            limit: format!("{cap} steps"),
            hint: if control.allow_long {
                "shorten --duration or lengthen --time-step".into()
            } else {
                format!(
                    "shorten --duration or lengthen --time-step, or pass --allow-long for up to \
                     {MAX_STEPS} steps"
                )
            },
        });
    }
    // Memory: the same estimate as the static mesh check, for the transient's matrices.
    {
        let est = mesh.size_estimate();
        est.check_limits(est.transient_memory_bytes(), super::MAX_MESH_MEMORY_BYTES)?;
    }
    let steps = (steps_f as usize).max(1);
    let dt = duration / steps as f64;
    // A tabulated history must reach the requested duration (it is interpolated linearly,
    // so its row spacing itself limits nothing).
    history.check_covers(duration, f64::INFINITY)?;

    let probe_loc = locate(mesh, options.probe_z_m)?;
    let (d, rho) = super::element_elasticity(mesh, material)?;
    let (eq, n_eq) = equation_numbers(mesh, Some(options.support))?;
    let k = assembly::stiffness(mesh, &d, &eq, n_eq)?;
    let m = mass(mesh, &rho, &eq, n_eq)?;
    let loads = FaceLoads::new(mesh, &eq);

    // Static reference: peak pressure applied uniformly; a free body gets the static support.
    let static_support = match options.support {
        Support::Free => None,
        s => Some(s),
    };
    let (eq_s, n_s) = equation_numbers(mesh, static_support)?;
    let k_s = assembly::stiffness(mesh, &d, &eq_s, n_s)?;
    let f_all = assembly::loads(mesh, peak_p);
    let mut f_s = vec![0.0; n_s];
    for (dof, e) in eq_s.iter().enumerate() {
        if let Some(e) = e {
            f_s[*e] = f_all[dof];
        }
    }
    let mut col_s = Col::<f64>::zeros(n_s);
    let x_s = solve(
        &factor(&k_s, "static reference factorisation")?,
        &f_s,
        &mut col_s,
    );
    let static_strain = hoop_strain_at(mesh, &expand(mesh, &eq_s, &x_s), probe_loc);
    if static_strain.is_nan() || static_strain <= 0.0 {
        return Err(StructureError::Numerical {
            stage: "static reference",
            message: format!(
                "static hoop strain {static_strain:e} at the probe z = {} m is not positive: \
                 the dynamic load factor is undefined there",
                options.probe_z_m
            ),
        });
    }

    // Newmark average acceleration.
    let (a0, a1, a2) = (4.0 / (dt * dt), 2.0 / dt, 4.0 / dt);
    let (alpha, beta) = (damping.alpha_per_s, damping.beta_s);
    let k_eff = combine(&k, 1.0 + a1 * beta, &m, a0 + a1 * alpha)?;
    let llt = factor(&k_eff, "Newmark effective-matrix factorisation")?;
    let mut col = Col::<f64>::zeros(n_eq);
    let mut u = vec![0.0; n_eq];
    let mut v = vec![0.0; n_eq];
    let mut f = vec![0.0; n_eq];
    loads.assemble(load, 0.0, &mut f);
    let mut acc = if f.iter().any(|x| *x != 0.0) {
        let llt_m = factor(&m, "mass factorisation")?;
        solve(&llt_m, &f, &mut col)
    } else {
        vec![0.0; n_eq]
    };
    let (mut tmp, mut mv, mut kv) = (vec![0.0; n_eq], vec![0.0; n_eq], vec![0.0; n_eq]);
    let mut probe = ProbeHistory {
        z_m: options.probe_z_m,
        r_m: {
            let (i, fw) = probe_loc;
            (1.0 - fw) * mesh.station_mid[i][0] + fw * mesh.station_mid[i + 1][0]
        },
        t_s: Vec::with_capacity(steps + 1),
        pressure_pa: Vec::with_capacity(steps + 1),
        hoop_strain: Vec::with_capacity(steps + 1),
        hoop_stress_pa: Vec::with_capacity(steps + 1),
    };
    let probe_s = {
        let (i, fw) = probe_loc;
        (1.0 - fw) * mesh.station_s[i] + fw * mesh.station_s[i + 1]
    };
    let zero_peak = TimedPeak {
        value_pa: f64::NEG_INFINITY,
        time_s: 0.0,
        z_m: 0.0,
        s_m: 0.0,
        r_m: 0.0,
        surface: Surface::Inner,
    };
    let (mut peak_hoop, mut peak_vm) = (zero_peak, zero_peak);
    let (mut best_strain, mut best_t) = (f64::NEG_INFINITY, 0.0);
    let stress_op = StressOperator::new(mesh, &d)?;
    let mut s = vec![[0.0; 4]; mesh.nodes.len()];
    let mut record = |t: f64, x: &[f64]| -> Result<()> {
        let un = expand(mesh, &eq, x);
        stress_op.apply(mesh, &un, &mut s);
        let mer = stress::meridian(mesh, &un, &s)?;
        observer(t, &mer)?;
        let pk = stress::peaks(&mer);
        for (dst, src) in [(&mut peak_hoop, pk.hoop), (&mut peak_vm, pk.von_mises)] {
            if src.value_pa > dst.value_pa {
                *dst = TimedPeak {
                    value_pa: src.value_pa,
                    time_s: t,
                    z_m: src.z_m,
                    s_m: src.s_m,
                    r_m: src.r_m,
                    surface: src.surface,
                };
            }
        }
        let (i, fw) = probe_loc;
        let lerp = |a: f64, b: f64| (1.0 - fw) * a + fw * b;
        let (a, b) = (mer[i].hoop_pa, mer[i + 1].hoop_pa);
        let strain = hoop_strain_at(mesh, &un, probe_loc);
        if strain > best_strain {
            best_strain = strain;
            best_t = t;
        }
        probe.t_s.push(t);
        probe.pressure_pa.push(match load {
            PressureLoad::Uniform(h) => h.at(t),
            PressureLoad::Front(fr) => fr.pressure_at(probe_s, loads.length_m, t),
        });
        probe.hoop_strain.push(strain);
        probe.hoop_stress_pa.push(stress::ThroughWall {
            inner: lerp(a.inner, b.inner),
            mid: lerp(a.mid, b.mid),
            outer: lerp(a.outer, b.outer),
        });
        Ok(())
    };
    record(0.0, &u)?;
    let mut report = |step: usize, t: f64| {
        if let Some(p) = control.progress.as_mut() {
            p(&TransientProgress {
                step,
                steps,
                time_s: t,
                duration_s: duration,
            });
        }
    };
    report(0, 0.0);
    for step in 1..=steps {
        let t = step as f64 * dt;
        loads.assemble(load, t, &mut f);
        // rhs = f + M[(a0 + α·a1)u + (a2 + α)v + a] + β·K(a1·u + v)
        for i in 0..n_eq {
            tmp[i] = (a0 + alpha * a1) * u[i] + (a2 + alpha) * v[i] + acc[i];
        }
        sym_matvec(&m, &tmp, &mut mv);
        for i in 0..n_eq {
            tmp[i] = beta * (a1 * u[i] + v[i]);
        }
        sym_matvec(&k, &tmp, &mut kv);
        for i in 0..n_eq {
            tmp[i] = f[i] + mv[i] + kv[i];
        }
        let u_new = solve(&llt, &tmp, &mut col);
        for i in 0..n_eq {
            let a_new = a0 * (u_new[i] - u[i]) - a2 * v[i] - acc[i];
            v[i] += 0.5 * dt * (acc[i] + a_new);
            acc[i] = a_new;
        }
        u = u_new;
        if let Some(i) = u.iter().position(|x| !x.is_finite()) {
            return Err(StructureError::Numerical {
                stage: "Newmark time stepping",
                message: format!("unknown {i} is {} at t = {t} s", u[i]),
            });
        }
        record(t, &u)?;
        report(step, t);
    }
    Ok(TransientSolution {
        time_step_s: dt,
        steps,
        damping,
        damping_ratio_at_breathing: damping.ratio_at(omega_b),
        breathing_reference_hz: f_b,
        support: options.support,
        peak_pressure_pa: peak_p,
        probe,
        peak_hoop,
        peak_von_mises: peak_vm,
        static_hoop_strain: static_strain,
        dynamic_load_factor: best_strain / static_strain,
        dynamic_load_factor_time_s: best_t,
    })
}
