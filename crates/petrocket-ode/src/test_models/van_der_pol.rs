//! Van der Pol's oscillator (problem VDPOL of the test set).

use nalgebra::DMatrix;

use super::Never;
use crate::OdeSystem;

/// Van der Pol's equation in the unscaled form of Mazzia & Magherini, "Test Set for IVP
/// Solvers", release 2.4 (`vdpol.f`):
///
/// ```text
/// y1' = y2
/// y2' = μ·(1 − y1²)·y2 − y1
/// ```
/// with `μ = 1000`, `y(0) = (2, 0)`, on `[0, 2000]`.
#[derive(Debug, Clone, Copy)]
pub struct VanDerPol {
    /// Stiffness parameter `μ`.
    pub mu: f64,
}

impl Default for VanDerPol {
    fn default() -> Self {
        Self { mu: 1e3 }
    }
}

impl VanDerPol {
    /// Initial state.
    pub const Y0: [f64; 2] = [2.0, 0.0];
    /// End time of the test-set problem.
    pub const T_END: f64 = 2000.0;
    /// Reference solution at `T_END` for `μ = 1000`, test set release 2.4, `vdpol.f`,
    /// subroutine `solut` (RADAU at `rtol = atol = h0 = 1.1e-18`).
    #[allow(clippy::excessive_precision)] // digits exactly as published
    pub const Y_END: [f64; 2] = [0.1706167732170469e1, -0.8928097010248125e-3];
}

impl OdeSystem for VanDerPol {
    type Error = Never;
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&mut self, _t: f64, y: &[f64], f: &mut [f64]) -> Result<(), Never> {
        f[0] = y[1];
        f[1] = self.mu * (1.0 - y[0] * y[0]) * y[1] - y[0];
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, y: &[f64], j: &mut DMatrix<f64>) -> Result<(), Never> {
        j[(0, 1)] = 1.0;
        j[(1, 0)] = -2.0 * self.mu * y[0] * y[1] - 1.0;
        j[(1, 1)] = self.mu * (1.0 - y[0] * y[0]);
        Ok(())
    }
}
