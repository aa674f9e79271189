//! Access to internal kernels for the benchmarks only; not part of the API.

use crate::lu::{ComplexLu, RealLu};

/// Copies a matrix into the LU buffers, factors and solves, as one Newton-matrix update does.
#[derive(Debug)]
pub struct LuBench {
    a: Vec<f64>,
    imag: f64,
    real: RealLu,
    complex: ComplexLu,
    x: Vec<f64>,
    xi: Vec<f64>,
}

impl LuBench {
    /// `a`: column-major `n × n`; the complex matrix is `a` plus `i·imag` on every entry (a
    /// dense imaginary part, as in the nalgebra comparison).
    pub fn new(a: &[f64], imag: f64) -> Self {
        let n = (a.len() as f64).sqrt().round() as usize;
        let mut real = RealLu::default();
        real.resize(n);
        let mut complex = ComplexLu::default();
        complex.resize(n);
        Self {
            a: a.to_vec(),
            imag,
            real,
            complex,
            x: vec![0.0; n],
            xi: vec![0.0; n],
        }
    }

    /// Real factor + solve; returns `x[0]`.
    pub fn real(&mut self, b: &[f64]) -> f64 {
        self.real.a.copy_from_slice(&self.a);
        if self.real.factor().is_err() {
            return f64::NAN;
        }
        self.x.copy_from_slice(b);
        self.real.solve(&mut self.x);
        self.x[0]
    }

    /// Complex factor + solve with right-hand side `b − i·b`; returns `Re x[0]`.
    pub fn complex(&mut self, b: &[f64]) -> f64 {
        self.complex.re.copy_from_slice(&self.a);
        self.complex.im.fill(self.imag);
        if self.complex.factor().is_err() {
            return f64::NAN;
        }
        self.x.copy_from_slice(b);
        for (xi, bi) in self.xi.iter_mut().zip(b) {
            *xi = -bi;
        }
        self.complex.solve(&mut self.x, &mut self.xi);
        self.x[0]
    }
}
