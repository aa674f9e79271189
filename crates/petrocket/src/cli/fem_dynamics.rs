//! The dynamics options of `petrocket fem`: modal analysis (`--modes N`) and transient
//! response to a pressure ramp, a pressure history or a travelling front.

use anyhow::Context;
use clap::{Args, ValueEnum};
use petrocket_structure::failure::{burst_probability, FailureTracker, WallMaterials};
use petrocket_structure::fem::{
    breathing_omega, solve_mesh, solve_modal, solve_transient_controlled, ElasticMaterial,
    FrontOrigin, Mesh, PressureHistory, PressureLoad, RayleighDamping, Support, TransientControl,
    TransientOptions, TransientProgress, TravellingFront, DEFAULT_DAMPING_RATIO,
};
use petrocket_structure::materials::{MAX_STRAIN_RATE_PER_S, MIN_STRAIN_RATE_PER_S};
use petrocket_units::{Dimension, QuantityInput};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// Support of the modal and transient analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SupportArg {
    /// Free in space (the axial rigid-body mode is reported separately).
    Free,
    /// Top edge of the neck clamped.
    NeckClamped,
}

/// Where a travelling front starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FrontFromArg {
    /// At the base pole.
    Base,
    /// At the top of the neck.
    Neck,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("transient_load").args(["rise_time", "pressure_history"])))]
pub struct DynamicsArgs {
    /// Modal analysis: the lowest N elastic axisymmetric natural frequencies.
    #[arg(long)]
    modes: Option<usize>,
    /// Support of the modal and transient analyses.
    #[arg(long, value_enum, default_value = "free")]
    support: SupportArg,
    /// Write the mode shapes along the meridian as CSV (needs --modes).
    #[arg(long, requires = "modes")]
    modes_csv: Option<PathBuf>,
    /// Transient: rise time of a ramp from 0 to --pressure, then held (s or with a unit).
    #[arg(
        long,
        allow_hyphen_values = true,
        conflicts_with = "pressure_history",
        requires = "duration"
    )]
    rise_time: Option<QuantityInput>,
    /// Transient: pressure history CSV `t_s,p_Pa` (gauge) instead of a ramp.
    #[arg(long, requires = "duration")]
    pressure_history: Option<PathBuf>,
    /// Simulated time of the transient (s or with a unit); needs --rise-time or
    /// --pressure-history.
    #[arg(long, allow_hyphen_values = true, requires = "transient_load")]
    duration: Option<QuantityInput>,
    /// Damping ratio at the breathing frequency, in [0, 1) (stiffness-proportional Rayleigh
    /// damping; default 0.02).
    #[arg(long, allow_hyphen_values = true)]
    damping: Option<f64>,
    /// Fixed time step (s or with a unit); default automatic.
    #[arg(long, allow_hyphen_values = true)]
    time_step: Option<QuantityInput>,
    /// Travelling front speed along the meridian (m/s or with a unit): the pressure arrives
    /// as a front instead of everywhere at once.
    #[arg(long, allow_hyphen_values = true)]
    front_speed: Option<QuantityInput>,
    /// Where the front starts.
    #[arg(long, value_enum, default_value = "base", requires = "front_speed")]
    front_from: FrontFromArg,
    /// Write the probe histories of the transient (time, pressure, hoop strain, hoop stress
    /// at inner/mid/outer surface) as CSV.
    #[arg(long)]
    history_csv: Option<PathBuf>,
    /// Allow a transient longer than physically useful (the load plus 100 periods of the
    /// slowest wall mode) and up to 2 000 000 time steps instead of 200 000. Progress is
    /// shown on stderr for long runs either way.
    #[arg(long)]
    allow_long: bool,
    /// Reflected over incident pressure at the closed far end (default 1: no amplification).
    #[arg(
        long,
        default_value_t = 1.0,
        requires = "front_speed",
        allow_hyphen_values = true
    )]
    reflection_factor: f64,
}

impl DynamicsArgs {
    /// Whether a transient analysis is asked for.
    fn transient(&self) -> bool {
        self.rise_time.is_some() || self.pressure_history.is_some()
    }

    /// Input files named on the command line.
    pub fn input_files(&self) -> Vec<(&'static str, String)> {
        self.pressure_history
            .iter()
            .map(|p| ("pressure history", p.display().to_string()))
            .collect()
    }
}

/// Progress of a long transient on stderr (never stdout): a line after the first second,
/// then at most one every 5 s, and a last one when done — nothing for runs under a second.
/// Silent with `--quiet` (log level below warnings).
struct ProgressPrinter {
    start: std::time::Instant,
    next: std::time::Duration,
    shown: bool,
    enabled: bool,
}

impl ProgressPrinter {
    fn new() -> Self {
        Self {
            start: std::time::Instant::now(),
            next: std::time::Duration::from_secs(1),
            shown: false,
            enabled: tracing::level_filters::LevelFilter::current()
                >= tracing::level_filters::LevelFilter::WARN,
        }
    }

    fn update(&mut self, p: &TransientProgress) {
        if !self.enabled || p.step == 0 {
            return;
        }
        let elapsed = self.start.elapsed();
        let done = p.step == p.steps;
        if elapsed < self.next && !(done && self.shown) {
            return;
        }
        self.next = elapsed + std::time::Duration::from_secs(5);
        self.shown = true;
        let frac = p.step as f64 / p.steps.max(1) as f64;
        let eta = if frac > 0.0 {
            elapsed.as_secs_f64() * (1.0 - frac) / frac
        } else {
            f64::NAN
        };
        eprintln!(
            "transient: step {}/{} ({:.1} %), t = {:.4e} of {:.4e} s, elapsed {:.0} s{}",
            p.step,
            p.steps,
            100.0 * frac,
            p.time_s,
            p.duration_s,
            elapsed.as_secs_f64(),
            if done {
                String::new()
            } else {
                format!(", about {eta:.0} s left")
            }
        );
    }
}

/// Results to merge into the JSON object and lines for the human output.
#[derive(Default)]
pub struct Report {
    pub json: Map<String, Value>,
    pub lines: Vec<String>,
}

/// Runs the requested dynamic analyses on `mesh`; `p` is --pressure (Pa), `probe_z` the
/// --probe-z (default: mid-height of the mid-surface); `strength` the database materials
/// of the wall (per region) and the wall temperature (K) for the safety factor over the
/// wall and over time.
pub fn run(
    a: &DynamicsArgs,
    mesh: &Mesh,
    material: &ElasticMaterial,
    p: f64,
    probe_z: Option<f64>,
    strength: (WallMaterials<'_>, f64),
) -> anyhow::Result<Report> {
    let mut rep = Report::default();
    let support = match a.support {
        SupportArg::Free => Support::Free,
        SupportArg::NeckClamped => Support::NeckClamped,
    };
    if let Some(zeta) = a.damping {
        if !(zeta.is_finite() && (0.0..1.0).contains(&zeta)) {
            return Err(petrocket_structure::StructureError::InvalidInput {
                quantity: "--damping (damping ratio)",
                value: zeta,
                unit: "",
                requirement: "in [0, 1) (0 undamped, 1 critical)".into(),
            }
            .into());
        }
    }
    if let Some(n) = a.modes {
        let sol = solve_modal(mesh.clone(), material, n, support)?;
        if let Some(path) = &a.modes_csv {
            petrocket::output::write_atomic(path, sol.mode_shapes_csv().as_bytes())
                .with_context(|| format!("cannot write mode shapes CSV {}", path.display()))?;
        }
        let f = sol.natural_frequencies_hz();
        rep.json
            .insert("natural_frequencies_Hz".into(), json!(f.clone()));
        rep.json.insert(
            "rigid_body_modes".into(),
            json!(sol
                .rigid_body_modes
                .iter()
                .map(|r| json!({"kind": r.kind, "frequency_Hz": r.frequency_hz}))
                .collect::<Vec<_>>()),
        );
        rep.json.insert(
            "modal".into(),
            json!({
                "support": support.name(),
                "breathing_reference_Hz": sol.breathing_reference_hz,
                "residuals": sol.modes.iter().map(|m| m.residual).collect::<Vec<_>>(),
            }),
        );
        rep.lines.push(format!(
            "  modes ({}): {} Hz; rigid-body modes: {}",
            support.name(),
            f.iter()
                .map(|x| format!("{x:.1}"))
                .collect::<Vec<_>>()
                .join(", "),
            sol.rigid_body_modes.len()
        ));
    }
    if !a.transient() {
        return Ok(rep);
    }
    let duration = a
        .duration
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("--duration is required with a transient load"))?
        .to_si(Dimension::TIME)
        .context("--duration")?;
    let history = match (&a.rise_time, &a.pressure_history) {
        (Some(tr), _) => {
            PressureHistory::ramp(p, tr.to_si(Dimension::TIME).context("--rise-time")?)?
        }
        (None, Some(path)) => PressureHistory::load_csv(path)?,
        (None, None) => unreachable!("checked by transient()"),
    };
    let load = match &a.front_speed {
        Some(v) => PressureLoad::Front(TravellingFront::new(
            history,
            v.to_si(Dimension::VELOCITY).context("--front-speed")?,
            match a.front_from {
                FrontFromArg::Base => FrontOrigin::Base,
                FrontFromArg::Neck => FrontOrigin::Neck,
            },
            a.reflection_factor,
        )?),
        None => PressureLoad::Uniform(history),
    };
    let r_max = mesh.station_mid.iter().fold(0.0f64, |m, x| m.max(x[0]));
    let damping = RayleighDamping::stiffness_proportional(
        a.damping.unwrap_or(DEFAULT_DAMPING_RATIO),
        breathing_omega(r_max, material)?,
    )?;
    let (z_lo, z_hi) = mesh
        .station_mid
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
            (l.min(x[1]), h.max(x[1]))
        });
    let opts = TransientOptions {
        duration_s: duration,
        time_step_s: a
            .time_step
            .as_ref()
            .map(|q| q.to_si(Dimension::TIME).context("--time-step"))
            .transpose()?,
        damping: Some(damping),
        support,
        probe_z_m: probe_z.unwrap_or(0.5 * (z_lo + z_hi)),
        highest_frequency_hz: None,
    };
    // Nominal strain rate of the strength law: the largest static hoop strain at the peak
    // pressure reached over the rise time, but no faster than over half a breathing period
    // (the wall cannot strain faster than it breathes), within the law's range.
    let peak_p = load.history().peak_pa();
    let eps_static = solve_mesh(mesh.clone(), material, peak_p)?
        .peaks
        .hoop
        .value_pa
        / material.youngs_modulus_pa;
    let half_period = std::f64::consts::PI / breathing_omega(r_max, material)?;
    let rise = load.history().rise_time_s().max(half_period);
    let strain_rate = (eps_static / rise).clamp(MIN_STRAIN_RATE_PER_S, MAX_STRAIN_RATE_PER_S);
    let (wall_materials, t_k) = strength;
    let mut tracker = FailureTracker::with_regions(wall_materials.clone(), None);
    let mut progress = ProgressPrinter::new();
    let mut on_progress = |p: &TransientProgress| progress.update(p);
    let mut control = TransientControl {
        allow_long: a.allow_long,
        progress: Some(&mut on_progress),
    };
    let sol =
        solve_transient_controlled(mesh, material, &load, &opts, &mut control, &mut |t, mer| {
            tracker.push(t, mer, &|_, _| t_k, strain_rate).map(|_| ())
        })?;
    rep.lines.push(format!(
        "  transient ({} steps of {:.3e} s): DLF {:.3} at z = {:.1} mm; peak hoop {:.2} MPa at \
         t = {:.3e} s, z = {:.1} mm",
        sol.steps,
        sol.time_step_s,
        sol.dynamic_load_factor,
        sol.probe.z_m * 1e3,
        sol.peak_hoop.value_pa / 1e6,
        sol.peak_hoop.time_s,
        sol.peak_hoop.z_m * 1e3
    ));
    if let Some(f) = tracker.summary() {
        let sf = f.minimum.safety_factor;
        // The Weibull scatter of the material that governs.
        let db_material = wall_materials.material(f.minimum.region);
        let probability = burst_probability(sf, db_material.weibull_modulus.value)?;
        rep.json
            .insert("burst_probability".into(), json!(probability));
        rep.json.insert(
            "min_safety_factor".into(),
            if sf.is_finite() {
                json!(sf)
            } else {
                Value::Null
            },
        );
        rep.json.insert(
            "failure_time_s".into(),
            json!(f.first_failure.map(|x| x.time_s)),
        );
        rep.json
            .insert("failure_z_m".into(), json!(f.first_failure.map(|x| x.z_m)));
        rep.json.insert(
            "failure".into(),
            json!({
                "min_safety_factor_time_s": f.minimum.time_s,
                "min_safety_factor_z_m": f.minimum.z_m,
                "min_safety_factor_surface": f.minimum.surface.name(),
                "equivalent_stress_Pa": f.minimum.equivalent_stress_pa,
                "strength_Pa": f.minimum.strength_pa,
                "strength_material": db_material.name,
                "temperature_K": t_k,
                "strain_rate_per_s": strain_rate,
                "failure_surface": f.first_failure.map(|x| x.surface.name()),
                "samples": f.samples,
            }),
        );
        rep.lines.push(format!(
            "  safety factor: min {:.3} at t = {:.3e} s, z = {:.1} mm (burst probability {:.2e}, \
             Weibull m = {}); {}",
            sf,
            f.minimum.time_s,
            f.minimum.z_m * 1e3,
            probability,
            db_material.weibull_modulus.value,
            match f.first_failure {
                Some(x) => format!(
                    "first SF < 1 at t = {:.3e} s, z = {:.1} mm",
                    x.time_s,
                    x.z_m * 1e3
                ),
                None => "no failure".into(),
            }
        ));
    }
    if let Some(path) = &a.history_csv {
        petrocket::output::write_atomic(path, sol.probe.csv().as_bytes())
            .with_context(|| format!("cannot write probe history CSV {}", path.display()))?;
    }
    rep.json
        .insert("dynamic_load_factor".into(), json!(sol.dynamic_load_factor));
    rep.json
        .insert("peak_hoop_stress_Pa".into(), json!(sol.peak_hoop.value_pa));
    rep.json
        .insert("peak_time_s".into(), json!(sol.peak_hoop.time_s));
    rep.json.insert("peak_z_m".into(), json!(sol.peak_hoop.z_m));
    rep.json.insert(
        "transient".into(),
        json!({
            "support": support.name(),
            "duration_s": duration,
            "time_step_s": sol.time_step_s,
            "steps": sol.steps,
            "damping_ratio_at_breathing": sol.damping_ratio_at_breathing,
            "rayleigh_alpha_per_s": sol.damping.alpha_per_s,
            "rayleigh_beta_s": sol.damping.beta_s,
            "breathing_reference_Hz": sol.breathing_reference_hz,
            "peak_pressure_Pa": sol.peak_pressure_pa,
            "probe_z_m": sol.probe.z_m,
            "static_hoop_strain": sol.static_hoop_strain,
            "dynamic_load_factor_time_s": sol.dynamic_load_factor_time_s,
            "peak_hoop_stress_surface": sol.peak_hoop.surface.name(),
            "peak_von_mises_stress_Pa": sol.peak_von_mises.value_pa,
            "peak_von_mises_time_s": sol.peak_von_mises.time_s,
            "peak_von_mises_z_m": sol.peak_von_mises.z_m,
        }),
    );
    Ok(rep)
}
