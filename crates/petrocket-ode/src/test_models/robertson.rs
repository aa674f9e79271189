//! Robertson's autocatalytic reaction (problem ROBER of the test set).

use nalgebra::DMatrix;

use super::Never;
use crate::OdeSystem;

/// Robertson's three-species kinetics (H. H. Robertson, 1966), problem ROBER of Mazzia &
/// Magherini, "Test Set for IVP Solvers", release 2.4:
///
/// ```text
/// y1' = −0.04·y1 + 1e4·y2·y3
/// y2' =  0.04·y1 − 1e4·y2·y3 − 3e7·y2²
/// y3' =  3e7·y2²
/// ```
/// with `y(0) = (1, 0, 0)`; `y1 + y2 + y3 = 1` is conserved.
#[derive(Debug, Clone, Copy, Default)]
pub struct Robertson;

impl Robertson {
    /// Initial state.
    pub const Y0: [f64; 3] = [1.0, 0.0, 0.0];
    /// End time of the test-set problem.
    pub const T_END: f64 = 1e11;
    /// Reference solution at `t = 1e11`, test set release 2.4, `rober.f`, subroutine `solut`.
    #[allow(clippy::excessive_precision)] // digits exactly as published
    pub const Y_END: [f64; 3] = [
        0.2083340149701255e-07,
        0.8333360770334713e-13,
        0.9999999791665050,
    ];
}

impl OdeSystem for Robertson {
    type Error = Never;
    fn dim(&self) -> usize {
        3
    }
    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Never> {
        let r1 = 0.04 * y[0];
        let r2 = 1e4 * y[1] * y[2];
        let r3 = 3e7 * y[1] * y[1];
        dydt[0] = -r1 + r2;
        dydt[1] = r1 - r2 - r3;
        dydt[2] = r3;
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Never> {
        jac[(0, 0)] = -0.04;
        jac[(0, 1)] = 1e4 * y[2];
        jac[(0, 2)] = 1e4 * y[1];
        jac[(1, 0)] = 0.04;
        jac[(1, 1)] = -1e4 * y[2] - 6e7 * y[1];
        jac[(1, 2)] = -1e4 * y[1];
        jac[(2, 1)] = 6e7 * y[1];
        Ok(())
    }
}

/// `copies` independent Robertson systems side by side (`n = 3·copies`), to exercise and
/// benchmark the dense linear algebra at the sizes of chemical mechanisms (as diffsol's
/// `robertson_ode` with `ngroups`). Each copy has the reference solution of [`Robertson`].
#[derive(Debug, Clone, Copy)]
pub struct RobertsonStack {
    /// Number of copies.
    pub copies: usize,
}

impl RobertsonStack {
    /// Initial state: [`Robertson::Y0`] repeated.
    pub fn y0(&self) -> Vec<f64> {
        Robertson::Y0.repeat(self.copies)
    }
}

impl OdeSystem for RobertsonStack {
    type Error = Never;
    fn dim(&self) -> usize {
        3 * self.copies
    }
    fn rhs(&mut self, t: f64, y: &[f64], dydt: &mut [f64]) -> Result<(), Never> {
        for (yc, fc) in y.chunks_exact(3).zip(dydt.chunks_exact_mut(3)) {
            Robertson.rhs(t, yc, fc)?;
        }
        Ok(())
    }
    fn jacobian(&mut self, _t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<(), Never> {
        for (c, yc) in y.chunks_exact(3).enumerate() {
            let o = 3 * c;
            jac[(o, o)] = -0.04;
            jac[(o, o + 1)] = 1e4 * yc[2];
            jac[(o, o + 2)] = 1e4 * yc[1];
            jac[(o + 1, o)] = 0.04;
            jac[(o + 1, o + 1)] = -1e4 * yc[2] - 6e7 * yc[1];
            jac[(o + 1, o + 2)] = -1e4 * yc[1];
            jac[(o + 2, o + 1)] = 6e7 * yc[1];
        }
        Ok(())
    }
}
