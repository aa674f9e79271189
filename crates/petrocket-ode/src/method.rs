//! Choosing an integrator at run time.

use serde::{Deserialize, Serialize};

use crate::{Bdf, Control, Integrate, OdeError, OdeSystem, Options, Outcome, Radau5, Stats, Step};

/// The integration methods of this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Variable-order NDF/BDF ([`Bdf`]): cheapest on chemical kinetics (few Jacobians and
    /// factorisations per step). The default.
    #[default]
    Bdf,
    /// Radau IIA of order 5 ([`Radau5`]): L-stable at every step size; the choice for
    /// oscillatory stiff problems and as an independent cross-check.
    Radau5,
}

impl Method {
    /// Lower-case name, as accepted by [`Method::from_name`].
    pub fn name(self) -> &'static str {
        match self {
            Method::Bdf => "bdf",
            Method::Radau5 => "radau5",
        }
    }

    /// Parses `"bdf"` or `"radau5"` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "bdf" => Some(Method::Bdf),
            "radau5" => Some(Method::Radau5),
            _ => None,
        }
    }
}

/// One of the integrators, chosen by [`Method`], behind one interface.
#[derive(Debug, Clone)]
pub enum Integrator {
    /// [`Bdf`].
    Bdf(Box<Bdf>),
    /// [`Radau5`].
    Radau5(Box<Radau5>),
}

impl Integrator {
    /// An integrator of `method` for systems of dimension `dim`.
    pub fn new(method: Method, dim: usize, options: Options) -> Self {
        match method {
            Method::Bdf => Integrator::Bdf(Box::new(Bdf::new(dim, options))),
            Method::Radau5 => Integrator::Radau5(Box::new(Radau5::new(dim, options))),
        }
    }

    /// Work counters of the last (possibly failed) run.
    pub fn stats(&self) -> &Stats {
        match self {
            Integrator::Bdf(s) => s.stats(),
            Integrator::Radau5(s) => s.stats(),
        }
    }
}

impl Integrate for Integrator {
    fn integrate_with_system<S: OdeSystem>(
        &mut self,
        sys: &mut S,
        t0: f64,
        y0: &[f64],
        t_end: f64,
        observer: impl FnMut(&Step<'_>, &mut S) -> Control,
    ) -> Result<Outcome, OdeError<S::Error>> {
        match self {
            Integrator::Bdf(s) => s.integrate_with_system(sys, t0, y0, t_end, observer),
            Integrator::Radau5(s) => s.integrate_with_system(sys, t0, y0, t_end, observer),
        }
    }
}
