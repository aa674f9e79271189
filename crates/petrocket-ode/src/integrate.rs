//! The interface every integrator of the crate offers.

use crate::{Control, OdeError, OdeSystem, Outcome, Step};

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
}
