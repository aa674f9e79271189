//! The crate's error type.

/// Why an integration failed. Every variant names where it happened and hints at what to try.
///
/// `E` is the error type of the user's [`OdeSystem`](crate::OdeSystem).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OdeError<E> {
    /// The right-hand side or the Jacobian returned an error.
    #[error(
        "the ODE system (right-hand side or Jacobian) failed at t = {t:e}; \
         the integrator stopped there (see the cause below)"
    )]
    System {
        /// Time at which the system was evaluated.
        t: f64,
        /// The system's own error.
        source: E,
    },
    /// The step size fell below the resolution of floating-point time.
    #[error(
        "step size h = {h:e} too small at t = {t:e}; the solution may blow up or be \
         discontinuous there, or the tolerances are too tight for f64: check the model near \
         this time, or loosen rtol/atol"
    )]
    StepSizeTooSmall {
        /// Time reached.
        t: f64,
        /// The step size that was too small.
        h: f64,
    },
    /// More than `max_steps` step attempts (accepted and rejected) were needed.
    #[error(
        "more than {max_steps} steps needed; stopped at t = {t:e}: raise Options::max_steps, \
         or check the problem for unexpected stiffness, oscillation or a missing Jacobian term"
    )]
    TooManySteps {
        /// Time reached.
        t: f64,
        /// The limit that was hit.
        max_steps: usize,
    },
    /// The system produced NaN or infinity and smaller steps did not help.
    #[error(
        "the {quantity} is not finite (NaN or infinity) at t = {t:e}, and smaller steps did \
         not help: check the model for division by zero, log or sqrt of a negative number, or \
         overflow near this state"
    )]
    NonFinite {
        /// Time at which the value was seen.
        t: f64,
        /// What was not finite: "initial state", "right-hand side" or "Jacobian".
        quantity: &'static str,
    },
    /// The Newton matrix `γ/h·I − J` (or its complex partner) was singular five times in a row.
    #[error(
        "the Newton iteration matrix is singular at t = {t:e} (h = {h:e}) even after halving \
         the step five times: check the Jacobian (a row or column of zeros, or a wrong sign)"
    )]
    SingularMatrix {
        /// Time reached.
        t: f64,
        /// Last step size tried.
        h: f64,
    },
    /// An argument or option is out of range.
    #[error("invalid input: {field} = {value:e}: {reason}")]
    InvalidInput {
        /// Name of the argument or option, e.g. `options.tolerances.rtol` or `y0[2]`.
        field: String,
        /// The offending value (a length for dimension mismatches).
        value: f64,
        /// The allowed range or rule.
        reason: String,
    },
}

impl<E> OdeError<E> {
    pub(crate) fn invalid(field: impl Into<String>, value: f64, reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            field: field.into(),
            value,
            reason: reason.into(),
        }
    }
}
