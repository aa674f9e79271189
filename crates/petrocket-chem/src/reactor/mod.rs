//! Adiabatic, closed, homogeneous ideal-gas reactors (0-D) and autoignition.
//!
//! Two reactors, as Cantera's `IdealGasReactor` and `IdealGasConstPressureReactor`:
//! - **constant volume** (rigid closed vessel; u and ρ constant) — the closed-bottle case;
//! - **constant pressure** (u + pV work; h and P constant).
//!
//! Equations and the exact Jacobian are in [`ReactorSystem`]; they are integrated by a stiff
//! method of `petrocket-ode` ([`Method`]: the variable-order NDF/BDF of orders 1–6 by default,
//! Radau IIA of order 5 on request) with Cantera's default tolerances (rtol 1e-9, atol 1e-15 on mass
//! fractions). dT/dt and dP/dt at each step come from dY/dt as the integrator hands it over
//! (for BDF the derivative of the step's formula, equal to f(Y) to ≈ 1e-8 of the largest rate).
//!
//! **Ignition** (reported only when it happens): the temperature must rise by at least
//! [`IGNITION_RISE_K`] (400 K) within the end time. Then the ignition delay is the time of
//! maximum dT/dt (also reported: maximum dP/dt, and the first time T reaches T₀ + 400 K). The
//! maxima are located on the accepted steps and refined by the vertex of the parabola through
//! the maximum and its two neighbours; dT/dt and dP/dt come from the energy equation at each
//! step, never from finite differences. Otherwise the run says "no ignition within end time".
//!
//! Assumptions and validity: homogeneous (no transport, no flame), adiabatic, ideal gas, the
//! mechanism's validity range (the bundled H2/O2 subset of GRI-Mech 3.0 was fitted for
//! combustion at ≈ 1000–2500 K and 0.01–10 atm). H2/O2 at room temperature does not autoignite
//! (the rates are vanishingly small); the reactor serves autoignition scenarios (hot surfaces,
//! compression heating) and induction lengths, not spark-ignited deflagrations.

mod active;
mod system;

use active::{ActiveSystem, SpeciesMap};
pub use system::{ReactorPoint, ReactorSystem};

use crate::error::{ChemError, Result};
use crate::kinetics::Kinetics;
use crate::mixture::{check_range, GasMixture, GasState};
pub use petrocket_ode::Method;
use petrocket_ode::{
    Control, Integrate, Integrator, OdeError, OdeSystem, Options, Stats, Step, Tolerances,
};

/// Highest order of the BDF integrator in the reactors ([`Options::max_order`]).
const REACTOR_BDF_MAX_ORDER: usize = 6;

/// Temperature rise that defines ignition (K).
pub const IGNITION_RISE_K: f64 = 400.0;

/// Which reactor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReactorKind {
    /// Rigid closed vessel: u and ρ constant.
    ConstantVolume,
    /// Closed, pressure held: h and P constant.
    ConstantPressure,
}

impl ReactorKind {
    /// `constant-volume` / `constant-pressure`.
    pub fn name(self) -> &'static str {
        match self {
            ReactorKind::ConstantVolume => "constant-volume",
            ReactorKind::ConstantPressure => "constant-pressure",
        }
    }
}

/// What to record along the way.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Record {
    /// Only the scalars (peaks, delays, end state).
    #[default]
    Nothing,
    /// Every accepted integrator step.
    Steps,
    /// The given times (s), interpolated by the integrator's dense output.
    Times(Vec<f64>),
}

/// Reactor run settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ReactorOptions {
    /// Reactor type.
    pub kind: ReactorKind,
    /// End time (s).
    pub end_time: f64,
    /// Relative tolerance (default 1e-9, Cantera's).
    pub rtol: f64,
    /// Absolute tolerance on mass fractions (default 1e-15, Cantera's).
    pub atol: f64,
    /// Step limit.
    pub max_steps: usize,
    /// Stiff integrator: variable-order NDF/BDF (default; fewest right-hand sides and
    /// Jacobians on chemistry) or Radau IIA order 5 (an independent cross-check).
    pub method: Method,
    /// Time series to record.
    pub record: Record,
    /// Also record mole fractions in the time series.
    pub record_species: bool,
}

impl Default for ReactorOptions {
    fn default() -> Self {
        Self {
            kind: ReactorKind::ConstantVolume,
            end_time: 0.1,
            rtol: 1e-9,
            atol: 1e-15,
            max_steps: 200_000,
            method: Method::Bdf,
            record: Record::Nothing,
            record_species: false,
        }
    }
}

impl ReactorOptions {
    fn validate(&self) -> Result<()> {
        check_range("end time", self.end_time, "s", (1e-12, 1e6))?;
        check_range("rtol", self.rtol, "1", (1e-14, 1e-2))?;
        check_range("atol", self.atol, "1", (1e-30, 1e-2))?;
        if let Record::Times(ts) = &self.record {
            for t in ts {
                check_range("output time", *t, "s", (0.0, self.end_time))?;
            }
        }
        Ok(())
    }
}

/// Recorded time series (SI). Columns are empty when not recorded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeSeries {
    /// Time (s).
    pub time: Vec<f64>,
    /// Temperature (K).
    pub temperature: Vec<f64>,
    /// Pressure (Pa).
    pub pressure: Vec<f64>,
    /// dT/dt (K/s).
    pub dtdt: Vec<f64>,
    /// dP/dt (Pa/s).
    pub dpdt: Vec<f64>,
    /// Heat-release rate (W/m³).
    pub heat_release_rate: Vec<f64>,
    /// Mole fractions per recorded time (if requested).
    pub mole_fractions: Vec<Vec<f64>>,
}

/// Ignition delays by three definitions (s).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ignition {
    /// Time of maximum dT/dt (the primary definition).
    pub delay_dtdt: f64,
    /// Time of maximum dP/dt (constant-volume reactor only).
    pub delay_dpdt: Option<f64>,
    /// First time T ≥ T₀ + 400 K.
    pub delay_t400: f64,
}

/// Conservation observed over a run (computed independently from the recorded states).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conservation {
    /// Max |e − e₀|/|e₀| of the held specific energy (u for CV, h for CP) at the end state,
    /// recomputed from (T, P, X) through the mixture's properties.
    pub energy_rel_drift: f64,
    /// Max |ρ − ρ₀|/ρ₀ (CV) or |P − P₀|/P₀ (CP) at the end state.
    pub held_rel_drift: f64,
    /// Max |Σ Y − 1| over all accepted steps.
    pub mass_fraction_sum_error: f64,
}

/// Solver work of a run.
pub type SolverStats = Stats;

/// Result of a reactor run.
#[derive(Debug, Clone, PartialEq)]
pub struct ReactorRun {
    /// Reactor type.
    pub kind: ReactorKind,
    /// Initial state.
    pub initial: GasState,
    /// End time reached (s).
    pub end_time: f64,
    /// Ignition delays, or `None`: no ignition within the end time.
    pub ignition: Option<Ignition>,
    /// Peak pressure (Pa) and its time (s).
    pub peak_pressure: (f64, f64),
    /// Maximum dP/dt (Pa/s) and its time (s) (unrefined, on the accepted steps).
    pub max_dpdt: (f64, f64),
    /// Maximum dT/dt (K/s).
    pub max_dtdt: f64,
    /// Peak temperature (K).
    pub peak_temperature: f64,
    /// State at the end time.
    pub final_state: GasState,
    /// Recorded series.
    pub series: TimeSeries,
    /// Integrator statistics.
    pub stats: SolverStats,
    /// Conservation checks.
    pub conservation: Conservation,
}

impl ReactorRun {
    /// Whether the mixture ignited within the end time.
    pub fn ignited(&self) -> bool {
        self.ignition.is_some()
    }

    /// One-line plain-language outcome.
    pub fn outcome(&self) -> String {
        match &self.ignition {
            Some(ig) => format!(
                "ignition after {:.4e} s (max dT/dt); peak pressure {:.4e} Pa",
                ig.delay_dtdt, self.peak_pressure.0
            ),
            None => format!(
                "no ignition within end time {:.3e} s: temperature rose by {:.3} K \
                 (ignition needs a rise of {IGNITION_RISE_K} K)",
                self.end_time,
                self.peak_temperature - self.initial.temperature
            ),
        }
    }
}

impl OdeSystem for ReactorSystem<'_> {
    type Error = ChemError;
    fn dim(&self) -> usize {
        ReactorSystem::dim(self)
    }
    /// A trial state where the energy equation has no solution or the rates overflow (a wild
    /// Newton iterate of the integrator) is reported as non-finite derivatives, which the
    /// integrator treats as a failed step attempt and retries with a smaller step; the
    /// failure becomes an error only if it persists.
    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<()> {
        match ReactorSystem::rhs(self, y, dydt) {
            Err(ChemError::StateNotFound { .. } | ChemError::NonFinite { .. }) => {
                dydt.fill(f64::NAN);
                Ok(())
            }
            other => other,
        }
    }
    fn jacobian(&mut self, _t: f64, y: &[f64], jac: &mut nalgebra::DMatrix<f64>) -> Result<()> {
        ReactorSystem::jacobian(self, y, jac)
    }
}

/// Per-step scalars kept for event location.
#[derive(Debug, Clone, Copy)]
struct Sample {
    t: f64,
    temperature: f64,
    pressure: f64,
    dtdt: f64,
    dpdt: f64,
}

/// Integrate a reactor from `initial` with `kin`'s mechanism.
pub fn run_reactor(
    kin: &Kinetics,
    initial: &GasState,
    options: &ReactorOptions,
) -> Result<ReactorRun> {
    options.validate()?;
    let gas = kin.gas();
    let sys = ReactorSystem::new(kin, options.kind, initial)?;
    let mut diag = sys.clone();
    let held_energy = sys.held_energy();
    let y0 = gas.mass_fractions(&initial.mole_fractions);
    let n = y0.len();
    // Inert species are held at their initial mass fractions (see `active`).
    let map = SpeciesMap::new(kin.reacting_species(), &y0);
    let mut active = ActiveSystem::new(sys, map.clone());
    let ode_options = Options {
        tolerances: Tolerances {
            rtol: options.rtol,
            atol: options.atol,
        },
        max_steps: options.max_steps,
        // BDF up to order 6 (see `Options::max_order`): kinetics Jacobians have real or nearly
        // real eigenvalues, inside BDF6's stability sector; 8–10 % fewer steps at rtol 1e-9.
        // The golden ignition grid (`tests/golden_ignition.rs`) checks the results against
        // Cantera.
        max_order: Some(REACTOR_BDF_MAX_ORDER),
        ..Options::default()
    };
    let mut solver = Integrator::new(options.method, map.dim(), ode_options);

    let mut samples: Vec<Sample> = Vec::with_capacity(1024);
    let mut series = TimeSeries::default();
    let mut observer_error: Option<ChemError> = None;
    let mut sum_err: f64 = 0.0;
    let mut next_time = 0usize;
    let mut y_buf = vec![0.0; map.dim()];
    let mut y_full = Vec::with_capacity(n);
    let times: &[f64] = match &options.record {
        Record::Times(ts) => ts,
        _ => &[],
    };

    let p0 = diag.point(&y0)?;
    let first = Sample {
        t: 0.0,
        temperature: p0.temperature,
        pressure: p0.pressure,
        dtdt: p0.dtdt,
        dpdt: p0.dpdt,
    };
    samples.push(first);
    let push = |series: &mut TimeSeries, t: f64, p: &ReactorPoint, y: &[f64]| {
        series.time.push(t);
        series.temperature.push(p.temperature);
        series.pressure.push(p.pressure);
        series.dtdt.push(p.dtdt);
        series.dpdt.push(p.dpdt);
        series.heat_release_rate.push(p.heat_release_rate);
        if options.record_species {
            series.mole_fractions.push(gas.mole_fractions_from_mass(y));
        }
    };
    if options.record == Record::Steps {
        push(&mut series, 0.0, &p0, &y0);
    }
    while next_time < times.len() && times[next_time] <= 0.0 {
        push(&mut series, times[next_time], &p0, &y0);
        next_time += 1;
    }

    // The accepted state's diagnostics come from the integrated system itself, whose energy
    // solve still holds the last Newton iterate's temperature (no new thermo evaluation).
    let observer = |step: &Step<'_>, active: &mut ActiveSystem<'_>| -> Control {
        let point = match active.point_with_dydt(step.y, step.dydt) {
            Ok(p) => p,
            Err(e) => {
                observer_error = Some(e);
                return Control::Stop;
            }
        };
        let y_step = active.full_state();
        sum_err = sum_err.max((y_step.iter().sum::<f64>() - 1.0).abs());
        samples.push(Sample {
            t: step.t,
            temperature: point.temperature,
            pressure: point.pressure,
            dtdt: point.dtdt,
            dpdt: point.dpdt,
        });
        match &options.record {
            Record::Steps => push(&mut series, step.t, &point, y_step),
            Record::Times(_) => {
                while next_time < times.len() && times[next_time] <= step.t {
                    step.interpolate(times[next_time], &mut y_buf);
                    map.expand_into(&y_buf, &mut y_full);
                    match diag.point(&y_full) {
                        Ok(p) => push(&mut series, times[next_time], &p, &y_full),
                        Err(e) => {
                            observer_error = Some(e);
                            return Control::Stop;
                        }
                    }
                    next_time += 1;
                }
            }
            Record::Nothing => {}
        }
        Control::Continue
    };
    let outcome = solver
        .integrate_with_system(
            &mut active,
            0.0,
            &map.reduce(&y0),
            options.end_time,
            observer,
        )
        .map_err(|e| {
            let last = samples.last().unwrap_or(&first);
            match e {
                OdeError::System { source, .. } => source,
                other => integration_error_at(options, last, other),
            }
        })?;
    if let Some(e) = observer_error {
        return Err(e);
    }

    let mut y_end = Vec::with_capacity(n);
    map.expand_into(&outcome.y, &mut y_end);
    let last = diag.point(&y_end)?;
    let x = gas.mole_fractions_from_mass(&y_end);
    let final_state = GasState {
        temperature: last.temperature,
        pressure: last.pressure,
        mole_fractions: x,
    };
    let props = gas.properties(&final_state);
    let conservation = Conservation {
        energy_rel_drift: {
            let e = match options.kind {
                ReactorKind::ConstantVolume => props.u_mass(),
                ReactorKind::ConstantPressure => props.h_mass(),
            };
            let e0 = held_energy;
            (e - e0).abs() / e0.abs().max(1e-300)
        },
        held_rel_drift: match options.kind {
            ReactorKind::ConstantVolume => {
                let rho0 = gas.properties(initial).density;
                (props.density - rho0).abs() / rho0
            }
            ReactorKind::ConstantPressure => {
                (final_state.pressure - initial.pressure).abs() / initial.pressure
            }
        },
        mass_fraction_sum_error: sum_err,
    };

    let t0 = initial.temperature;
    let peak_t = samples.iter().map(|s| s.temperature).fold(t0, f64::max);
    let i_p = argmax(&samples, |s| s.pressure);
    let i_dp = argmax(&samples, |s| s.dpdt);
    let i_dt = argmax(&samples, |s| s.dtdt);
    let ignition = if peak_t - t0 >= IGNITION_RISE_K {
        let t400 = samples
            .windows(2)
            .find(|w| w[1].temperature >= t0 + IGNITION_RISE_K)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let target = t0 + IGNITION_RISE_K;
                a.t + (target - a.temperature) / (b.temperature - a.temperature) * (b.t - a.t)
            })
            .unwrap_or(samples[i_dt].t);
        Some(Ignition {
            delay_dtdt: refine(&samples, i_dt, |s| s.dtdt),
            delay_dpdt: (options.kind == ReactorKind::ConstantVolume)
                .then(|| refine(&samples, i_dp, |s| s.dpdt)),
            delay_t400: t400,
        })
    } else {
        None
    };
    Ok(ReactorRun {
        kind: options.kind,
        initial: initial.clone(),
        end_time: outcome.t,
        ignition,
        peak_pressure: (samples[i_p].pressure, samples[i_p].t),
        max_dpdt: (samples[i_dp].dpdt, samples[i_dp].t),
        max_dtdt: samples[i_dt].dtdt,
        peak_temperature: peak_t,
        final_state,
        series,
        stats: outcome.stats,
        conservation,
    })
}

fn argmax(samples: &[Sample], f: impl Fn(&Sample) -> f64) -> usize {
    let mut best = 0;
    for (i, s) in samples.iter().enumerate() {
        if f(s) > f(&samples[best]) {
            best = i;
        }
    }
    best
}

/// Vertex of the parabola through samples i−1, i, i+1 (non-uniform spacing), clamped to that
/// interval; t_i when i is an end point or the parabola does not open downward.
fn refine(samples: &[Sample], i: usize, f: impl Fn(&Sample) -> f64) -> f64 {
    if i == 0 || i + 1 >= samples.len() {
        return samples[i].t;
    }
    let (a, b, c) = (&samples[i - 1], &samples[i], &samples[i + 1]);
    let d01 = (f(b) - f(a)) / (b.t - a.t);
    let d12 = (f(c) - f(b)) / (c.t - b.t);
    let curv = (d12 - d01) / (c.t - a.t);
    if curv >= 0.0 || curv.is_nan() {
        return b.t;
    }
    let t = 0.5 * (a.t + b.t) - d01 / (2.0 * curv);
    t.clamp(a.t, c.t)
}

fn integration_error_at(options: &ReactorOptions, s: &Sample, e: OdeError<ChemError>) -> ChemError {
    let hint = match &e {
        OdeError::TooManySteps { .. } => {
            "raise max_steps, shorten the end time or loosen rtol/atol".to_string()
        }
        OdeError::StepSizeTooSmall { .. } => "the chemistry is too stiff or the state left the \
            mechanism's validity range; check the mixture, temperature and tolerances"
            .to_string(),
        _ => "check the inputs (finite, in range) and the tolerances".to_string(),
    };
    ChemError::Integration {
        reactor: options.kind.name(),
        time: s.t,
        temperature: s.temperature,
        pressure: s.pressure,
        reason: e.to_string(),
        hint,
    }
}

/// Result of [`simulate_combustion`], the original simulator's call.
#[derive(Debug, Clone, PartialEq)]
pub struct Combustion {
    /// Time (s) at every accepted step.
    pub time: Vec<f64>,
    /// Pressure (Pa).
    pub pressure: Vec<f64>,
    /// Temperature (K).
    pub temperature: Vec<f64>,
    /// Peak pressure (Pa).
    pub peak_pressure: f64,
    /// Maximum dP/dt (Pa/s).
    pub max_dpdt: f64,
    /// Gas mass in the volume (kg).
    pub mass: f64,
    /// The full run (ignition delays, final state, solver statistics).
    pub run: ReactorRun,
}

impl Combustion {
    /// Whether the mixture ignited within the end time; when not, [`ReactorRun::outcome`] says
    /// so plainly and the curves are the (flat) evidence, not an explosion prediction.
    pub fn ignited(&self) -> bool {
        self.run.ignited()
    }
}

/// The original simulator's call: adiabatic constant-volume autoignition of H2/O2 with mole
/// ratio `mix_ratio` = H2:O2 in `volume` (m³) from `t0` (K), `p0` (Pa), bundled `h2o2`
/// mechanism, integrated to 0.1 s (or use [`run_reactor`] for everything else).
pub fn simulate_combustion(volume: f64, mix_ratio: f64, t0: f64, p0: f64) -> Result<Combustion> {
    check_range("volume", volume, "m^3", (1e-9, 1e3))?;
    check_range("mix_ratio (H2:O2)", mix_ratio, "mol/mol", (1e-3, 1e3))?;
    let gas = GasMixture::load("h2o2")?;
    let kin = Kinetics::new(&gas)?;
    let x = gas.parse_mole_fractions("mixture", &format!("H2:{mix_ratio},O2:1"))?;
    let initial = gas.state_tpx(t0, p0, &x)?;
    let run = run_reactor(
        &kin,
        &initial,
        &ReactorOptions {
            record: Record::Steps,
            ..ReactorOptions::default()
        },
    )?;
    let mass = gas.properties(&initial).density * volume;
    Ok(Combustion {
        time: run.series.time.clone(),
        pressure: run.series.pressure.clone(),
        temperature: run.series.temperature.clone(),
        peak_pressure: run.peak_pressure.0,
        max_dpdt: run.max_dpdt.0,
        mass,
        run,
    })
}
