//! Event location (zero crossings of user functions `g(t, y)`) and the reason a run ended.
//!
//! # Detection and location
//! After every accepted step `[t_a, t_b]` each event function is evaluated at the step's end.
//! A crossing is a sign change between the step's ends: `g(t_a) < 0 ≤ g(t_b)` (rising) or
//! `g(t_a) > 0 ≥ g(t_b)` (falling). Reaching zero counts as crossing; starting at zero does
//! not, so an event whose `g(t0, y0) = 0` does not fire at `t0`, and one that fired with
//! `g = 0` exactly at a step end does not fire again when `g` then moves on.
//!
//! The crossing is located by a bracketing root finder on `g(t, y_dense(t))` along the
//! step's dense output ([`Step::interpolate`]): regula falsi with the Anderson–Björck
//! modification, safeguarded by bisection (see [`locate`]). No right-hand side or Jacobian is
//! evaluated for it; the cost is a dense-output evaluation and a call of `g` per iteration
//! (measured: 4 per crossing of the harmonic oscillator at the default tolerance, 2 at a
//! tolerance of 1e-6).
//!
//! # Limits
//! - Two crossings of one function inside one step cancel out and are missed (a touch of zero
//!   without a sign change at a step end likewise). Bound [`Options::max_step`] by the
//!   shortest interval between crossings when that matters.
//! - The located time is the root of `g` along the dense output, which is accurate to about
//!   the local error tolerance ([`Step::interpolate`]); the event time's true error is
//!   therefore about `|Δg|/|dg/dt|` with `Δg` the error of `g` due to the integration error,
//!   plus the location tolerance.
//!
//! [`Options::max_step`]: crate::Options::max_step

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Control, Integrate, OdeError, OdeSystem, Stats, Step};

/// Which zero crossings of an event function count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// `g` goes from negative to zero or positive (increasing).
    Rising,
    /// `g` goes from positive to zero or negative (decreasing).
    Falling,
    /// Either way (the default).
    #[default]
    Either,
}

impl Direction {
    /// Whether a crossing in direction `crossing` (`Rising` or `Falling`) passes this filter.
    fn accepts(self, crossing: Direction) -> bool {
        self == Direction::Either || self == crossing
    }
}

/// The boxed event function `g(t, y)`.
type EventFunction<'a> = Box<dyn FnMut(f64, &[f64]) -> f64 + 'a>;

/// A user function `g(t, y)` whose zero crossings are events, with how they are handled.
///
/// Built with [`Event::new`] and the builder methods; the defaults are
/// [`Direction::Either`], not terminal, and a location tolerance at the resolution of `f64`
/// time.
///
/// ```
/// use petrocket_ode::{Direction, Event};
/// // Stop when y[0] (a pressure, Pa) rises through the burst pressure.
/// let burst = 2.5e6;
/// let event = Event::new(move |_t, y: &[f64]| y[0] - burst)
///     .direction(Direction::Rising)
///     .terminal(true);
/// # let _ = event;
/// ```
pub struct Event<'a> {
    function: EventFunction<'a>,
    direction: Direction,
    terminal: bool,
    tolerance: Option<f64>,
}

impl<'a> Event<'a> {
    /// An event on the zero crossings of `g(t, y)` (`y` has the system's dimension). `g`
    /// must be finite and should be continuous in `t` along solutions; it is called at
    /// every accepted step's end and during location.
    pub fn new(g: impl FnMut(f64, &[f64]) -> f64 + 'a) -> Self {
        Self {
            function: Box::new(g),
            direction: Direction::Either,
            terminal: false,
            tolerance: None,
        }
    }

    /// Only crossings in `direction` count (default [`Direction::Either`]).
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Whether the first counted crossing ends the integration (default `false`: crossings
    /// are recorded and the integration goes on).
    #[must_use]
    pub fn terminal(mut self, terminal: bool) -> Self {
        self.terminal = terminal;
        self
    }

    /// Location tolerance, absolute, in units of `t`: the crossing of `g` along the dense
    /// output lies in `[t_event − tolerance, t_event]`. Must be finite and `> 0`. Default:
    /// the resolution of `f64` time, `4·ε·max(|t_a|, |t_b|)` for a step `[t_a, t_b]`
    /// (`ε` = 2.2e-16), which costs only a few more evaluations of `g` than a loose one.
    #[must_use]
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// Evaluates `g(t, y)`.
    pub fn value(&mut self, t: f64, y: &[f64]) -> f64 {
        (self.function)(t, y)
    }

    /// The direction filter.
    pub fn crossing_direction(&self) -> Direction {
        self.direction
    }

    /// Whether the event ends the integration.
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }
}

impl fmt::Debug for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("direction", &self.direction)
            .field("terminal", &self.terminal)
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

/// A located event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Index of the event in the slice handed to [`Integrate::integrate_with_events`].
    pub index: usize,
    /// Time of the event: the end of the final bracket on the far side of the crossing, so
    /// that `g(t, y)` is zero or already has its new sign, and the crossing of `g` along the
    /// dense output lies in `[t − tolerance, t]`.
    pub t: f64,
    /// Solution at `t`, from the step's dense output.
    pub y: Vec<f64>,
    /// Direction of the crossing: [`Direction::Rising`] or [`Direction::Falling`].
    pub direction: Direction,
}

/// Why an integration ended.
///
/// A run that returns `Ok` ended by [`Termination::EndTime`], [`Termination::Event`] or
/// [`Termination::Observer`] ([`EventOutcome::termination`], [`crate::Outcome::termination`]).
/// A run that could not go on returns `Err(OdeError)`, and [`OdeError::termination`] gives
/// the same typed reason (the other variants) for reports and control flow.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Termination {
    /// The integration reached `t_end`.
    EndTime,
    /// A terminal event fired at `t`.
    Event {
        /// Index of the event.
        index: usize,
        /// Time of the event.
        t: f64,
    },
    /// The observer returned [`Control::Stop`] after the step ending at `t`.
    Observer {
        /// Time reached.
        t: f64,
    },
    /// The step size fell below the resolution of `t` ([`OdeError::StepSizeTooSmall`]).
    StepTooSmall {
        /// Time reached.
        t: f64,
        /// The step size that was too small.
        h: f64,
    },
    /// A non-finite value that smaller steps could not avoid ([`OdeError::NonFinite`]).
    NonFinite {
        /// Time at which it was seen.
        t: f64,
    },
    /// [`crate::Options::max_steps`] step attempts were used up ([`OdeError::TooManySteps`]).
    MaxSteps {
        /// Time reached.
        t: f64,
        /// The limit.
        max_steps: usize,
    },
    /// The Newton matrix stayed singular ([`OdeError::SingularMatrix`]).
    SingularMatrix {
        /// Time reached.
        t: f64,
        /// Last step size tried.
        h: f64,
    },
    /// The system returned an error ([`OdeError::System`]).
    SystemError {
        /// Time of the failing evaluation.
        t: f64,
    },
}

impl Termination {
    /// Whether the run failed (every variant but `EndTime`, `Event` and `Observer`).
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            Termination::EndTime | Termination::Event { .. } | Termination::Observer { .. }
        )
    }
}

impl fmt::Display for Termination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Termination::EndTime => write!(f, "reached the end time"),
            Termination::Event { index, t } => write!(f, "event {index} at t = {t:e}"),
            Termination::Observer { t } => write!(f, "stopped by the observer at t = {t:e}"),
            Termination::StepTooSmall { t, h } => {
                write!(f, "step size {h:e} too small at t = {t:e}")
            }
            Termination::NonFinite { t } => write!(f, "non-finite value at t = {t:e}"),
            Termination::MaxSteps { t, max_steps } => {
                write!(
                    f,
                    "more than {max_steps} steps needed; stopped at t = {t:e}"
                )
            }
            Termination::SingularMatrix { t, h } => {
                write!(f, "singular Newton matrix at t = {t:e} (h = {h:e})")
            }
            Termination::SystemError { t } => write!(f, "the system failed at t = {t:e}"),
        }
    }
}

impl<E> OdeError<E> {
    /// The typed reason the run ended, or `None` for [`OdeError::InvalidInput`] (the run
    /// never started).
    pub fn termination(&self) -> Option<Termination> {
        Some(match *self {
            OdeError::System { t, .. } => Termination::SystemError { t },
            OdeError::StepSizeTooSmall { t, h } => Termination::StepTooSmall { t, h },
            OdeError::TooManySteps { t, max_steps } => Termination::MaxSteps { t, max_steps },
            OdeError::NonFinite { t, .. } => Termination::NonFinite { t },
            OdeError::SingularMatrix { t, h } => Termination::SingularMatrix { t, h },
            OdeError::InvalidInput { .. } => return None,
        })
    }
}

/// Result of [`Integrate::integrate_with_events`].
#[derive(Debug, Clone, PartialEq)]
pub struct EventOutcome {
    /// Time reached: `t_end`, the time of a terminal event, or the end of the step at which
    /// the observer stopped.
    pub t: f64,
    /// Solution at `t` (from the dense output when a terminal event ended the run).
    pub y: Vec<f64>,
    /// Work counters.
    pub stats: Stats,
    /// Why the run ended: [`Termination::EndTime`], [`Termination::Event`] or
    /// [`Termination::Observer`].
    pub termination: Termination,
    /// Every counted crossing up to `t`, in time order (crossings at the same time in the
    /// order of the events); a terminal event's crossing is the last.
    pub events: Vec<EventRecord>,
}

/// A crossing found in the current step.
struct Found {
    t: f64,
    index: usize,
    direction: Direction,
}

/// [`Integrate::integrate_with_events`] for any integrator.
pub(crate) fn integrate_with_events<I, S>(
    integrator: &mut I,
    sys: &mut S,
    t0: f64,
    y0: &[f64],
    t_end: f64,
    events: &mut [Event<'_>],
    mut observer: impl FnMut(&Step<'_>, &mut S) -> Control,
) -> Result<EventOutcome, OdeError<S::Error>>
where
    I: Integrate + ?Sized,
    S: OdeSystem,
{
    let n = sys.dim();
    crate::common::validate_start(n, t0, y0, t_end)?;
    for (i, e) in events.iter().enumerate() {
        if let Some(tol) = e.tolerance {
            if !(tol > 0.0 && tol.is_finite()) {
                return Err(OdeError::invalid(
                    format!("events[{i}].tolerance"),
                    tol,
                    "must be finite and > 0",
                ));
            }
        }
    }
    let non_finite = |t| OdeError::NonFinite {
        t,
        quantity: "event function",
    };
    // g at the start of the current step.
    let mut g_prev = Vec::with_capacity(events.len());
    for e in events.iter_mut() {
        let g = e.value(t0, y0);
        if !g.is_finite() {
            return Err(non_finite(t0));
        }
        g_prev.push(g);
    }
    let mut t_prev = t0;
    let mut records: Vec<EventRecord> = Vec::new();
    let mut found: Vec<Found> = Vec::new();
    let mut ybuf = vec![0.0; n];
    let mut terminal: Option<EventRecord> = None;
    let mut failure: Option<f64> = None;

    let outcome = integrator.integrate_with_system(sys, t0, y0, t_end, |step, sys| {
        found.clear();
        let (ta, tb) = (t_prev, step.t);
        for (index, e) in events.iter_mut().enumerate() {
            let gb = e.value(tb, step.y);
            if !gb.is_finite() {
                failure = Some(tb);
                return Control::Stop;
            }
            let ga = std::mem::replace(&mut g_prev[index], gb);
            let direction = if ga < 0.0 && gb >= 0.0 {
                Direction::Rising
            } else if ga > 0.0 && gb <= 0.0 {
                Direction::Falling
            } else {
                continue;
            };
            if !e.direction.accepts(direction) {
                continue;
            }
            let tol = e
                .tolerance
                .unwrap_or(4.0 * f64::EPSILON * ta.abs().max(tb.abs()));
            let located = locate(
                |t| {
                    step.interpolate(t, &mut ybuf);
                    e.value(t, &ybuf)
                },
                (ta, ga),
                (tb, gb),
                tol,
            );
            match located {
                Ok(t) => found.push(Found {
                    t,
                    index,
                    direction,
                }),
                Err(t) => {
                    failure = Some(t);
                    return Control::Stop;
                }
            }
        }
        t_prev = tb;
        if found.is_empty() {
            return observer(step, sys);
        }
        found.sort_by(|a, b| a.t.total_cmp(&b.t).then(a.index.cmp(&b.index)));
        let t_stop = found
            .iter()
            .filter(|f| events[f.index].terminal)
            .map(|f| f.t)
            .next();
        for f in &found {
            if t_stop.is_some_and(|ts| f.t > ts) {
                break;
            }
            let mut y = vec![0.0; n];
            step.interpolate(f.t, &mut y);
            let record = EventRecord {
                index: f.index,
                t: f.t,
                y,
                direction: f.direction,
            };
            if terminal.is_none() && events[f.index].terminal {
                terminal = Some(record.clone());
            }
            records.push(record);
        }
        if terminal.is_some() {
            // The part of the step after the event is not part of the solution: the
            // observer does not see this step.
            Control::Stop
        } else {
            observer(step, sys)
        }
    })?;

    if let Some(t) = failure {
        return Err(non_finite(t));
    }
    Ok(match terminal {
        Some(EventRecord { index, t, y, .. }) => EventOutcome {
            t,
            y,
            stats: outcome.stats,
            termination: Termination::Event { index, t },
            events: records,
        },
        None => EventOutcome {
            termination: outcome.termination(),
            t: outcome.t,
            y: outcome.y,
            stats: outcome.stats,
            events: records,
        },
    })
}

/// Largest number of root-finder iterations (never reached in practice: the safeguard
/// halves the bracket at least every fourth iteration, and 64 halvings exhaust `f64`).
const MAX_ITERATIONS: usize = 400;

/// Locates the crossing of `g` in `[a, b]`, where `g(a) = ga ≠ 0` and `g(b) = gb` is zero
/// or of the other sign. Returns the end of the final bracket on `b`'s side (where `g` is
/// zero or has `gb`'s sign) once the bracket is at most `tol` wide, or `Err(t)` when `g(t)`
/// was not finite.
///
/// Method: regula falsi with the Anderson–Björck modification (N. Anderson and Å. Björck,
/// BIT 13:253–264, 1973): when the same end is kept twice, its function value is scaled by
/// `1 − g_new/g_old` (or ½ when that is not positive), which restores superlinear
/// convergence (order ≈ 1.7) where plain regula falsi would stall at one end. Safeguards:
/// the trial point stays `tol/2` inside the bracket (so the bracket always shrinks by at
/// least that, and a one-sided approach ends by stepping `tol/2` past the root), and after
/// three iterations that did not halve the bracket a bisection step follows, so the worst
/// case (a multiple root) is four times bisection's work. After two such iterations instead,
/// the one-sided phase of ordinary roots was cut short (19 instead of 7 evaluations for
/// `0.5 − e^(−t)` at full precision). Written here rather than taken from
/// a root-finding crate: it is about 50 lines, and the event semantics need the bracket end
/// on the far side of the crossing, not just an approximation of the root, which general
/// root finders do not promise.
fn locate(
    mut g: impl FnMut(f64) -> f64,
    (mut a, mut ga): (f64, f64),
    (mut b, mut gb): (f64, f64),
    tol: f64,
) -> Result<f64, f64> {
    let old_positive = ga > 0.0;
    let on_new_side = |v: f64| v == 0.0 || (v > 0.0) != old_positive;
    // Which end was kept by the last iteration: −1 = a, +1 = b, 0 = none yet.
    let mut kept = 0i8;
    let mut slow = 0;
    for _ in 0..MAX_ITERATIONS {
        let width = b - a;
        if width <= tol {
            break;
        }
        let margin = 0.5 * tol;
        let c = if slow >= 3 {
            slow = 0;
            a + 0.5 * width
        } else {
            (b - gb * width / (gb - ga)).clamp(a + margin, b - margin)
        };
        if !(a < c && c < b) {
            break; // the bracket is at the resolution of f64
        }
        let gc = g(c);
        if !gc.is_finite() {
            return Err(c);
        }
        if on_new_side(gc) {
            // Crossing in [a, c]: b moves, a is kept.
            if kept == -1 {
                let m = if gb == 0.0 { 0.0 } else { 1.0 - gc / gb };
                ga *= if m > 0.0 { m } else { 0.5 };
            }
            b = c;
            gb = gc;
            kept = -1;
        } else {
            // Crossing in [c, b]: a moves, b is kept.
            if kept == 1 {
                let m = 1.0 - gc / ga;
                gb *= if m > 0.0 { m } else { 0.5 };
            }
            a = c;
            ga = gc;
            kept = 1;
        }
        if b - a > 0.5 * width {
            slow += 1;
        } else {
            slow = 0;
        }
    }
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `locate` and counts evaluations.
    fn run(g: impl Fn(f64) -> f64, a: f64, b: f64, tol: f64) -> (f64, usize) {
        let mut count = 0;
        let t = locate(
            |t| {
                count += 1;
                g(t)
            },
            (a, g(a)),
            (b, g(b)),
            tol,
        )
        .unwrap();
        (t, count)
    }

    #[test]
    fn locates_to_the_tolerance_on_the_far_side() {
        type Case = (&'static str, fn(f64) -> f64, f64);
        let cases: [Case; 5] = [
            ("linear", |t| t - 0.3, 0.3),
            ("cubic", |t| (t - 0.7).powi(3), 0.7),
            ("steep", |t| (50.0 * (t - 0.45)).tanh(), 0.45),
            ("flat start", |t| 0.5 - (-t).exp(), std::f64::consts::LN_2),
            ("exp", |t| 1.0 - 1e6 * (t - 1.0).exp(), 1.0 - 1e6f64.ln()),
        ];
        for (name, g, root) in cases {
            let (a, b) = if root > 0.0 { (0.0, 1.0) } else { (-20.0, 0.0) };
            for tol in [1e-3, 1e-8, 4.0 * f64::EPSILON] {
                let (t, count) = run(g, a, b, tol);
                assert!(
                    t >= root - 4.0 * f64::EPSILON && t - root <= tol + 4.0 * f64::EPSILON,
                    "{name}, tol {tol:e}: t = {t}, root {root}"
                );
                let (ga, gt) = (g(a), g(t));
                assert!(gt == 0.0 || (gt > 0.0) != (ga > 0.0), "{name}: near side");
                // The safeguard bounds the work by four times bisection's; a simple root
                // takes far fewer (bisection: log2(width/tol), up to 54 here). Measured at
                // the three tolerances: linear 2, 2, 2; steep 8, 10, 11; flat start 4, 6, 7;
                // exp 14, 17, 17; the triple root 27, 70, 142.
                let halvings = ((b - a) / tol).log2().ceil() as usize;
                assert!(
                    count <= 4 * halvings,
                    "{name}, tol {tol:e}: {count} evaluations"
                );
                if name != "cubic" {
                    assert!(count <= 20, "{name}, tol {tol:e}: {count} evaluations");
                }
            }
        }
    }

    #[test]
    fn zero_at_the_far_end_and_non_finite_values() {
        // g(b) = 0 exactly: the crossing is at b.
        let (t, _) = run(|t| t - 1.0, 0.0, 1.0, 1e-12);
        assert!((t - 1.0).abs() <= 1e-12);
        let r = locate(|_| f64::NAN, (0.0, -1.0), (1.0, 1.0), 1e-9);
        assert!(r.is_err());
    }
}
