//! The reactor equations restricted to the species that react.
//!
//! A species whose net stoichiometric coefficient is zero in every reaction (argon, helium,
//! and N2 in a mechanism without nitrogen chemistry) has ω̇_k ≡ 0, so Y_k is constant for the
//! whole run. It still counts in the mixture (heat capacity, third-body efficiencies, density
//! and pressure), but integrating it would only enlarge every vector operation and the Newton
//! matrix of the integrator. [`ActiveSystem`] integrates the other species and holds the inert
//! ones at their initial values; results are expanded back to all species. Nothing is
//! approximated: dY_k/dt of an inert species is exactly zero either way.

use super::system::{ReactorPoint, ReactorSystem};
use crate::error::{ChemError, Result};
use nalgebra::DMatrix;
use petrocket_ode::OdeSystem;

/// A [`ReactorSystem`] on the reacting species only.
#[derive(Debug, Clone)]
pub(super) struct ActiveSystem<'k> {
    sys: ReactorSystem<'k>,
    map: SpeciesMap,
    /// All mass fractions, the inert ones at their initial values.
    y: Vec<f64>,
    dydt: Vec<f64>,
    jac: DMatrix<f64>,
}

/// Which species are integrated, and the inert mass fractions to complete a state.
#[derive(Debug, Clone)]
pub(super) struct SpeciesMap {
    /// Indices of the integrated species (all species when none react).
    active: Vec<usize>,
    /// Initial (and constant) mass fractions of every species.
    y0: Vec<f64>,
}

impl SpeciesMap {
    /// Integrate the species `reacting` of a state with mass fractions `y0`.
    pub fn new(reacting: Vec<usize>, y0: &[f64]) -> Self {
        let active = if reacting.is_empty() {
            (0..y0.len()).collect()
        } else {
            reacting
        };
        Self {
            active,
            y0: y0.to_vec(),
        }
    }

    /// Number of integrated species.
    pub fn dim(&self) -> usize {
        self.active.len()
    }

    /// The integrated part of the full vector `full`.
    pub fn reduce(&self, full: &[f64]) -> Vec<f64> {
        self.active.iter().map(|&k| full[k]).collect()
    }

    /// The full mass fractions for integrated values `part`, into `full`.
    pub fn expand_into(&self, part: &[f64], full: &mut Vec<f64>) {
        full.clear();
        full.extend_from_slice(&self.y0);
        self.write_active(part, full);
    }

    /// Writes the integrated values `part` into their places in the full vector `full`,
    /// leaving the inert entries as they are.
    fn write_active(&self, part: &[f64], full: &mut [f64]) {
        for (&k, v) in self.active.iter().zip(part) {
            full[k] = *v;
        }
    }
}

impl<'k> ActiveSystem<'k> {
    /// Wrap `sys`, integrating the species of `map`.
    pub fn new(sys: ReactorSystem<'k>, map: SpeciesMap) -> Self {
        let n = sys.dim();
        Self {
            sys,
            y: map.y0.clone(),
            map,
            dydt: vec![0.0; n],
            jac: DMatrix::zeros(n, n),
        }
    }

    /// [`ReactorSystem::point_with_dydt`] at integrated values `y` with rates `dydt`: called by
    /// the integrator's observer at every accepted step, when the energy solve is warm (its
    /// last temperature is that of the last Newton iterate, a rounding-level shift away). The
    /// full state is then [`ActiveSystem::full_state`].
    pub fn point_with_dydt(&mut self, y: &[f64], dydt: &[f64]) -> Result<ReactorPoint> {
        self.map.write_active(y, &mut self.y);
        // The inert species' entries of `self.dydt` are zero: ω̇ = 0 for them at every state.
        self.map.write_active(dydt, &mut self.dydt);
        self.sys.point_with_dydt(&self.y, &self.dydt)
    }

    /// All mass fractions of the last state handed to this system.
    pub fn full_state(&self) -> &[f64] {
        &self.y
    }
}

impl OdeSystem for ActiveSystem<'_> {
    type Error = ChemError;

    fn dim(&self) -> usize {
        self.map.dim()
    }

    /// As the full system's right-hand side (failed energy solves become non-finite
    /// derivatives, see [`ReactorSystem`]'s `OdeSystem` implementation), on the active species.
    fn rhs(&mut self, t: f64, y: &[f64], dydt: &mut [f64]) -> Result<()> {
        self.map.write_active(y, &mut self.y);
        OdeSystem::rhs(&mut self.sys, t, &self.y, &mut self.dydt)?;
        for (d, &k) in dydt.iter_mut().zip(&self.map.active) {
            *d = self.dydt[k];
        }
        Ok(())
    }

    fn jacobian(&mut self, _t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<()> {
        self.map.write_active(y, &mut self.y);
        self.sys.jacobian(&self.y, &mut self.jac)?;
        for (a, &k) in self.map.active.iter().enumerate() {
            for (b, &j) in self.map.active.iter().enumerate() {
                jac[(a, b)] = self.jac[(k, j)];
            }
        }
        Ok(())
    }
}
