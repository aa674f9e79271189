//! The interface an ODE system implements.

use nalgebra::DMatrix;

/// A first-order system `dy/dt = f(t, y)` with its Jacobian `∂f/∂y`.
///
/// The integrator only calls these methods with slices of length [`dim`](OdeSystem::dim).
/// Returning `Err` stops the integration with [`OdeError::System`](crate::OdeError::System);
/// returning non-finite values makes the integrator retry with smaller steps and, if that does
/// not help, stop with [`OdeError::NonFinite`](crate::OdeError::NonFinite).
pub trait OdeSystem {
    /// The system's error type.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Number of unknowns `n`.
    fn dim(&self) -> usize;

    /// Writes `dy/dt = f(t, y)` into `dydt`.
    fn rhs(&mut self, t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Self::Error>;

    /// Writes `jac[(i, j)] = ∂f_i/∂y_j` at `(t, y)`. `jac` is `n × n` and zeroed before the
    /// call, so a sparse Jacobian need only set its non-zeros.
    fn jacobian(&mut self, t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Self::Error>;
}
