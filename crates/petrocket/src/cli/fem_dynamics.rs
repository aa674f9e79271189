//! The dynamics options of `petrocket fem`: modal analysis (`--modes N`) and transient
//! response to a pressure ramp, a pressure history or a travelling front: the flags, their
//! conversion to [`DynamicsInput`], the progress on stderr, the CSV exports and the text
//! lines. The analyses are `petrocket::studies::fem`.

use anyhow::Context;
use clap::{Args, ValueEnum};
use petrocket::studies::fem::{
    check_damping_ratio, DynamicsInput, FemObserver, FemReport, FrontInput, HistoryInput,
    TransientInput,
};
use petrocket_structure::fem::{FrontOrigin, Mesh, PressureHistory, Support, TransientProgress};
use petrocket_units::{Dimension, QuantityInput};
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

/// The CLI's observer of a FEM study: a note on stderr before a large mesh is solved, and
/// the progress of a long transient.
pub struct CliObserver {
    progress: ProgressPrinter,
}

impl CliObserver {
    pub fn new() -> Self {
        Self {
            progress: ProgressPrinter::new(),
        }
    }
}

impl FemObserver for CliObserver {
    fn mesh_built(&mut self, mesh: &Mesh) {
        if mesh.dofs() > 200_000
            && tracing::level_filters::LevelFilter::current()
                >= tracing::level_filters::LevelFilter::WARN
        {
            let est = mesh.size_estimate();
            eprintln!(
                "note: large mesh ({} elements, {} DOFs, about {:.1} GB for a static solve): \
                 this takes a while",
                est.elements,
                est.dofs,
                est.memory_bytes as f64 / 1e9
            );
        }
    }

    fn transient_progress(&mut self, p: &TransientProgress) {
        // The clock starts with the transient, not with the mesh.
        if p.step <= 1 && !self.progress.shown {
            self.progress.start = std::time::Instant::now();
        }
        self.progress.update(p);
    }
}

impl DynamicsArgs {
    /// The dynamics part of the study's input: flags converted to SI, each error naming
    /// its flag; the pressure history CSV read here.
    pub fn input(&self) -> anyhow::Result<DynamicsInput> {
        let a = self;
        if let Some(zeta) = a.damping {
            check_damping_ratio(zeta).context("--damping")?;
        }
        let transient = if a.transient() {
            let duration_s = a
                .duration
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("--duration is required with a transient load"))?
                .to_si(Dimension::TIME)
                .context("--duration")?;
            let history = match (&a.rise_time, &a.pressure_history) {
                (Some(tr), _) => HistoryInput::Ramp {
                    rise_time_s: tr.to_si(Dimension::TIME).context("--rise-time")?,
                },
                (None, Some(path)) => HistoryInput::Given(PressureHistory::load_csv(path)?),
                (None, None) => unreachable!("checked by transient()"),
            };
            let front = a
                .front_speed
                .as_ref()
                .map(|v| -> anyhow::Result<FrontInput> {
                    Ok(FrontInput {
                        speed_m_s: v.to_si(Dimension::VELOCITY).context("--front-speed")?,
                        origin: match a.front_from {
                            FrontFromArg::Base => FrontOrigin::Base,
                            FrontFromArg::Neck => FrontOrigin::Neck,
                        },
                        reflection_factor: a.reflection_factor,
                    })
                })
                .transpose()?;
            Some(TransientInput {
                history,
                front,
                duration_s,
                time_step_s: a
                    .time_step
                    .as_ref()
                    .map(|q| q.to_si(Dimension::TIME).context("--time-step"))
                    .transpose()?,
                allow_long: a.allow_long,
            })
        } else {
            None
        };
        Ok(DynamicsInput {
            modes: a.modes,
            support: match a.support {
                SupportArg::Free => Support::Free,
                SupportArg::NeckClamped => Support::NeckClamped,
            },
            damping_ratio: a.damping,
            transient,
        })
    }
}

/// Writes the mode shapes (`--modes-csv`) and the probe histories (`--history-csv`).
pub fn write_csvs(a: &DynamicsArgs, r: &FemReport) -> anyhow::Result<()> {
    if let (Some(path), Some(sol)) = (&a.modes_csv, &r.modal_solution) {
        petrocket::output::write_atomic(path, sol.mode_shapes_csv().as_bytes())
            .with_context(|| format!("cannot write mode shapes CSV {}", path.display()))?;
    }
    if let (Some(path), Some(sol)) = (&a.history_csv, &r.transient_solution) {
        petrocket::output::write_atomic(path, sol.probe.csv().as_bytes())
            .with_context(|| format!("cannot write probe history CSV {}", path.display()))?;
    }
    Ok(())
}

/// The lines of the text output about the modal and transient analyses.
pub fn text_lines(r: &FemReport) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(m) = &r.modal {
        lines.push(format!(
            "  modes ({}): {} Hz; rigid-body modes: {}",
            m.modal.support,
            m.natural_frequencies_Hz
                .iter()
                .map(|x| format!("{x:.1}"))
                .collect::<Vec<_>>()
                .join(", "),
            m.rigid_body_modes.len()
        ));
    }
    let Some(t) = &r.transient else {
        return lines;
    };
    lines.push(format!(
        "  transient ({} steps of {:.3e} s): DLF {:.3} at z = {:.1} mm; peak hoop {:.2} MPa at \
         t = {:.3e} s, z = {:.1} mm",
        t.transient.steps,
        t.transient.time_step_s,
        t.dynamic_load_factor,
        t.transient.probe_z_m * 1e3,
        t.peak_hoop_stress_Pa / 1e6,
        t.peak_time_s,
        t.peak_z_m * 1e3
    ));
    if let Some(f) = &t.failure {
        lines.push(format!(
            "  safety factor: min {:.3} at t = {:.3e} s, z = {:.1} mm (burst probability {:.2e}, \
             Weibull m = {}); {}",
            f.min_safety_factor.unwrap_or(f64::INFINITY),
            f.failure.min_safety_factor_time_s,
            f.failure.min_safety_factor_z_m * 1e3,
            f.burst_probability,
            f.weibull_modulus,
            match (f.failure_time_s, f.failure_z_m) {
                (Some(time_s), Some(z_m)) => format!(
                    "first SF < 1 at t = {:.3e} s, z = {:.1} mm",
                    time_s,
                    z_m * 1e3
                ),
                _ => "no failure".into(),
            }
        ));
    }
    lines
}
