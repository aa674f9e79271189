//! Linear problems with closed-form solutions.

use nalgebra::DMatrix;

use super::Never;
use crate::OdeSystem;

/// Scalar decay `dy/dt = −k·y`, `y(t) = y0·exp(−k·t)`.
#[derive(Debug, Clone, Copy)]
pub struct LinearDecay {
    /// Rate constant `k` (1/s).
    pub k: f64,
}

impl LinearDecay {
    /// Exact solution from `y(0) = y0`.
    pub fn exact(&self, y0: f64, t: f64) -> f64 {
        y0 * (-self.k * t).exp()
    }
}

impl OdeSystem for LinearDecay {
    type Error = Never;
    fn dim(&self) -> usize {
        1
    }
    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Never> {
        dydt[0] = -self.k * y[0];
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, _y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Never> {
        jac[(0, 0)] = -self.k;
        Ok(())
    }
}

/// Stiff linear 2×2 system `dy/dt = A y` with `A = [[−1, 1], [0, −λ]]`, `λ ≫ 1`
/// (eigenvalues −1 and −λ). With `y(0) = (y1₀, y2₀)`:
/// `y2 = y2₀·e^(−λt)`, `y1 = (y1₀ − c)·e^(−t) + c·e^(−λt)` with `c = y2₀/(1 − λ)`
/// (variation of constants).
#[derive(Debug, Clone, Copy)]
pub struct StiffLinear2 {
    /// Stiff eigenvalue magnitude `λ` (1/s).
    pub lambda: f64,
}

impl StiffLinear2 {
    /// Exact solution at `t` from `y0`.
    pub fn exact(&self, y0: [f64; 2], t: f64) -> [f64; 2] {
        let c = y0[1] / (1.0 - self.lambda);
        let fast = (-self.lambda * t).exp();
        [(y0[0] - c) * (-t).exp() + c * fast, y0[1] * fast]
    }
}

impl OdeSystem for StiffLinear2 {
    type Error = Never;
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Never> {
        dydt[0] = -y[0] + y[1];
        dydt[1] = -self.lambda * y[1];
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, _y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Never> {
        jac[(0, 0)] = -1.0;
        jac[(0, 1)] = 1.0;
        jac[(1, 1)] = -self.lambda;
        Ok(())
    }
}

/// Harmonic oscillator `y1' = y2`, `y2' = −ω²·y1` (`y1'' = −ω²·y1`), with
/// `y1 = y1₀·cos ωt + (y2₀/ω)·sin ωt`. From `y(0) = (1, 0)` and `ω = 1`, `y1 = cos t` crosses
/// zero at `π/2 + kπ`, falling for even `k`, rising for odd `k`.
#[derive(Debug, Clone, Copy)]
pub struct Harmonic {
    /// Angular frequency `ω` (rad/s).
    pub omega: f64,
}

impl Harmonic {
    /// Exact solution at `t` from `y0`.
    pub fn exact(&self, y0: [f64; 2], t: f64) -> [f64; 2] {
        let w = self.omega;
        let (s, c) = (w * t).sin_cos();
        [y0[0] * c + y0[1] / w * s, -y0[0] * w * s + y0[1] * c]
    }
}

impl OdeSystem for Harmonic {
    type Error = Never;
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Never> {
        dydt[0] = y[1];
        dydt[1] = -self.omega * self.omega * y[0];
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, _y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Never> {
        jac[(0, 1)] = 1.0;
        jac[(1, 0)] = -self.omega * self.omega;
        Ok(())
    }
}
