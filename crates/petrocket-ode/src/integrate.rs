//! The interface every integrator of the crate offers.

use crate::{Control, Event, EventOutcome, OdeError, OdeSystem, Outcome, Step};

/// A stiff integrator of `dy/dt = f(t, y)`: [`crate::Bdf`], [`crate::Radau5`], and
/// [`crate::Integrator`], the choice between them at run time. Each is reusable across runs
/// and keeps the work counters of its last run (`stats()`).
pub trait Integrate {
    /// Integrates `dy/dt = f(t, y)` from `(t0, y0)` to `t_end > t0`.
    ///
    /// After every accepted step `observer` receives the [`Step`] (time, step size, state,
    /// derivative, dense output) and may stop the run with [`Control::Stop`]. The last step
    /// ends exactly at `t_end`.
    ///
    /// # Errors
    /// [`OdeError::InvalidInput`] for bad arguments or options (checked before any work);
    /// [`OdeError::System`] when the system returns an error; [`OdeError::NonFinite`],
    /// [`OdeError::StepSizeTooSmall`], [`OdeError::TooManySteps`] or
    /// [`OdeError::SingularMatrix`] when the integration cannot proceed. The work done up to
    /// the failure is in the integrator's `stats()`.
    fn integrate<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t0: f64,
        y0: &[f64],
        t_end: f64,
        mut observer: impl FnMut(&Step<'_>) -> Control,
    ) -> Result<Outcome, OdeError<S::Error>> {
        self.integrate_with_system(sys, t0, y0, t_end, |step, _| observer(step))
    }

    /// As [`Integrate::integrate`], but the observer also receives the system, to evaluate
    /// it at the accepted state (the system's caches then still hold the last Newton
    /// iterate, within the Newton tolerance of that state).
    ///
    /// # Errors
    /// As [`Integrate::integrate`].
    fn integrate_with_system<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t0: f64,
        y0: &[f64],
        t_end: f64,
        observer: impl FnMut(&Step<'_>, &mut S) -> Control,
    ) -> Result<Outcome, OdeError<S::Error>>;

    /// As [`Integrate::integrate_with_system`], and locates the zero crossings of the
    /// `events`' functions `g(t, y)` on the way (see [`Event`] and the crate documentation,
    /// "Events").
    ///
    /// After each accepted step, every event function is evaluated at the step's end; a sign
    /// change in a counted [`Direction`](crate::Direction) is located on the step's dense
    /// output and recorded in [`EventOutcome::events`]. The first terminal crossing ends the
    /// run there: [`EventOutcome::t`] is its time, [`EventOutcome::y`] the dense-output state,
    /// and [`EventOutcome::termination`] is [`Termination::Event`](crate::Termination::Event).
    /// The observer sees every accepted step except one cut short by a terminal event.
    ///
    /// # Errors
    /// As [`Integrate::integrate`]; also [`OdeError::InvalidInput`] for an event tolerance
    /// that is not finite and positive, and [`OdeError::NonFinite`] (quantity
    /// `"event function"`) when an event function returns NaN or infinity.
    fn integrate_with_events<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t0: f64,
        y0: &[f64],
        t_end: f64,
        events: &mut [Event<'_>],
        observer: impl FnMut(&Step<'_>, &mut S) -> Control,
    ) -> Result<EventOutcome, OdeError<S::Error>> {
        crate::event::integrate_with_events(self, sys, t0, y0, t_end, events, observer)
    }
}
