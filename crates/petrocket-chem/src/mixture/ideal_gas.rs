//! The ideal-gas phase and its properties.

use crate::error::{ChemError, Result};
use crate::mechanism::Mechanism;
use crate::thermo::ThermoPoint;
use petrocket_units::GAS_CONSTANT as R;

/// Temperatures accepted by state setters (K). Thermo fits are extrapolated (with a warning
/// from the callers that report them) outside their own ranges.
pub const T_STATE_RANGE: (f64, f64) = (10.0, 20_000.0);
/// Pressures accepted by state setters (Pa).
pub const P_STATE_RANGE: (f64, f64) = (1e-3, 1e10);

/// An ideal-gas phase built from a mechanism: species data arranged for fast evaluation.
#[derive(Debug, Clone)]
pub struct GasMixture {
    mechanism: Mechanism,
    molecular_weights: Vec<f64>,
    /// Atoms of element `m` in species `k` at `m * n_species + k`.
    element_matrix: Vec<f64>,
    reference_pressure: f64,
}

/// A thermodynamic state of a [`GasMixture`]: temperature, pressure and mole fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct GasState {
    /// Temperature (K).
    pub temperature: f64,
    /// Pressure (Pa).
    pub pressure: f64,
    /// Mole fractions, one per species, summing to 1.
    pub mole_fractions: Vec<f64>,
}

/// Mixture properties at a state. Molar quantities are per mol of mixture (not kmol).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixtureProperties {
    /// Mean molecular weight (kg/mol).
    pub mean_molecular_weight: f64,
    /// Density (kg/m³).
    pub density: f64,
    /// Molar heat capacity at constant pressure (J/(mol K)).
    pub cp_mole: f64,
    /// Molar heat capacity at constant volume (J/(mol K)).
    pub cv_mole: f64,
    /// Molar enthalpy (J/mol).
    pub h_mole: f64,
    /// Molar internal energy (J/mol).
    pub u_mole: f64,
    /// Molar entropy (J/(mol K)).
    pub s_mole: f64,
    /// Molar Gibbs energy (J/mol).
    pub g_mole: f64,
    /// Frozen sound speed √(γ R T / W̄) (m/s).
    pub sound_speed_frozen: f64,
}

impl MixtureProperties {
    /// cp per unit mass (J/(kg K)).
    pub fn cp_mass(&self) -> f64 {
        self.cp_mole / self.mean_molecular_weight
    }
    /// cv per unit mass (J/(kg K)).
    pub fn cv_mass(&self) -> f64 {
        self.cv_mole / self.mean_molecular_weight
    }
    /// Enthalpy per unit mass (J/kg).
    pub fn h_mass(&self) -> f64 {
        self.h_mole / self.mean_molecular_weight
    }
    /// Internal energy per unit mass (J/kg).
    pub fn u_mass(&self) -> f64 {
        self.u_mole / self.mean_molecular_weight
    }
    /// Entropy per unit mass (J/(kg K)).
    pub fn s_mass(&self) -> f64 {
        self.s_mole / self.mean_molecular_weight
    }
    /// Gibbs energy per unit mass (J/kg).
    pub fn g_mass(&self) -> f64 {
        self.g_mole / self.mean_molecular_weight
    }
    /// Ratio of specific heats cp/cv.
    pub fn gamma(&self) -> f64 {
        self.cp_mole / self.cv_mole
    }
}

pub(crate) fn check_range(
    field: &str,
    value: f64,
    unit: &'static str,
    range: (f64, f64),
) -> Result<()> {
    if value.is_finite() && value >= range.0 && value <= range.1 {
        Ok(())
    } else {
        Err(ChemError::OutOfRange {
            field: field.to_string(),
            value,
            unit,
            range: format!("[{:e}, {:e}] {unit}", range.0, range.1),
        })
    }
}

/// Check a state built outside the setters: finite T and P in range, one finite,
/// non-negative mole fraction per species.
pub(crate) fn check_state(state: &GasState, n_species: usize) -> Result<()> {
    check_range("temperature", state.temperature, "K", T_STATE_RANGE)?;
    check_range("pressure", state.pressure, "Pa", P_STATE_RANGE)?;
    if state.mole_fractions.len() != n_species
        || state
            .mole_fractions
            .iter()
            .any(|x| !x.is_finite() || *x < 0.0)
    {
        return Err(ChemError::Composition {
            field: "mole fractions".into(),
            value: format!("{} values", state.mole_fractions.len()),
            reason: format!("expected {n_species} finite values ≥ 0"),
        });
    }
    Ok(())
}

impl GasMixture {
    /// Build the phase. All species must share one reference pressure.
    pub fn new(mechanism: Mechanism) -> Result<Self> {
        let ns = mechanism.species.len();
        if ns == 0 {
            return Err(ChemError::Mechanism {
                file: mechanism.source.clone(),
                context: format!("phase '{}'", mechanism.phase),
                message: "the phase has no species".into(),
            });
        }
        let reference_pressure = mechanism.species[0].thermo.reference_pressure();
        if let Some(s) = mechanism.species.iter().find(|s| {
            (s.thermo.reference_pressure() - reference_pressure).abs() > 1e-9 * reference_pressure
        }) {
            return Err(ChemError::Mechanism {
                file: mechanism.source.clone(),
                context: format!("species '{}'", s.name),
                message: format!(
                    "reference pressure {} Pa differs from the phase's {} Pa",
                    s.thermo.reference_pressure(),
                    reference_pressure
                ),
            });
        }
        let ne = mechanism.elements.len();
        let mut element_matrix = vec![0.0; ne * ns];
        for (k, s) in mechanism.species.iter().enumerate() {
            for &(m, c) in &s.composition {
                element_matrix[m * ns + k] = c;
            }
        }
        let molecular_weights = mechanism
            .species
            .iter()
            .map(|s| s.molecular_weight_kg_per_mol)
            .collect();
        Ok(GasMixture {
            mechanism,
            molecular_weights,
            element_matrix,
            reference_pressure,
        })
    }

    /// Convenience: a bundled mechanism by name or a Cantera YAML path.
    pub fn load(name_or_path: &str) -> Result<Self> {
        Self::new(Mechanism::load(name_or_path)?)
    }

    /// The mechanism this phase was built from.
    pub fn mechanism(&self) -> &Mechanism {
        &self.mechanism
    }

    /// Number of species.
    pub fn n_species(&self) -> usize {
        self.molecular_weights.len()
    }

    /// Number of elements.
    pub fn n_elements(&self) -> usize {
        self.mechanism.elements.len()
    }

    /// Species names in order.
    pub fn species_names(&self) -> impl Iterator<Item = &str> {
        self.mechanism.species.iter().map(|s| s.name.as_str())
    }

    /// Index of a species by exact name.
    pub fn species_index(&self, name: &str) -> Option<usize> {
        self.mechanism.species_index(name)
    }

    /// Molecular weights (kg/mol).
    pub fn molecular_weights(&self) -> &[f64] {
        &self.molecular_weights
    }

    /// Atoms of element `m` in species `k`.
    #[inline]
    pub fn n_atoms(&self, m: usize, k: usize) -> f64 {
        self.element_matrix[m * self.n_species() + k]
    }

    /// Standard-state reference pressure p° (Pa).
    pub fn reference_pressure(&self) -> f64 {
        self.reference_pressure
    }

    /// Evaluate every species' cp/R, h/RT, s/R at `t` into `out` (length `n_species`).
    pub fn thermo_at(&self, t: f64, out: &mut [ThermoPoint]) {
        self.thermo_at_ln(t, t.ln(), out);
    }

    /// [`GasMixture::thermo_at`] with ln t supplied (`ln_t`, to rounding) by a caller that
    /// needs it too.
    pub fn thermo_at_ln(&self, t: f64, ln_t: f64, out: &mut [ThermoPoint]) {
        for (o, s) in out.iter_mut().zip(&self.mechanism.species) {
            *o = s.thermo.eval_ln(t, ln_t);
        }
    }

    /// Names of species whose thermo fit does not cover `t`, beyond the
    /// [`crate::thermo::EXTRAPOLATION_MARGIN_K`] that is not worth a warning.
    pub fn species_out_of_range(&self, t: f64) -> Vec<&str> {
        self.mechanism
            .species
            .iter()
            .filter(|s| !s.thermo.near_range(t))
            .map(|s| s.name.as_str())
            .collect()
    }

    /// Mean molecular weight of mole fractions `x` (kg/mol).
    pub fn mean_molecular_weight(&self, x: &[f64]) -> f64 {
        x.iter()
            .zip(&self.molecular_weights)
            .map(|(x, w)| x * w)
            .sum()
    }

    /// Mass fractions from mole fractions.
    pub fn mass_fractions(&self, x: &[f64]) -> Vec<f64> {
        let w = self.mean_molecular_weight(x);
        x.iter()
            .zip(&self.molecular_weights)
            .map(|(x, mw)| x * mw / w)
            .collect()
    }

    /// Mole fractions from mass fractions.
    pub fn mole_fractions_from_mass(&self, y: &[f64]) -> Vec<f64> {
        let s: f64 = y
            .iter()
            .zip(&self.molecular_weights)
            .map(|(y, w)| y / w)
            .sum();
        y.iter()
            .zip(&self.molecular_weights)
            .map(|(y, w)| y / w / s)
            .collect()
    }

    /// Element amounts (mol of atoms) in one mol of mixture of composition `x`.
    pub fn element_amounts(&self, x: &[f64]) -> Vec<f64> {
        (0..self.n_elements())
            .map(|m| {
                (0..self.n_species())
                    .map(|k| self.n_atoms(m, k) * x[k])
                    .sum()
            })
            .collect()
    }

    /// Validate a mole- or mass-fraction vector and return it normalised.
    pub(crate) fn normalised(&self, field: &str, v: &[f64]) -> Result<Vec<f64>> {
        if v.len() != self.n_species() {
            return Err(ChemError::Composition {
                field: field.into(),
                value: format!("{} values", v.len()),
                reason: format!("expected one value per species ({})", self.n_species()),
            });
        }
        if let Some((k, x)) = v
            .iter()
            .enumerate()
            .find(|(_, x)| !x.is_finite() || **x < 0.0)
        {
            let name = &self.mechanism.species[k].name;
            return Err(ChemError::Composition {
                field: field.into(),
                value: format!("{name} = {x}"),
                reason: "fractions must be finite and ≥ 0".into(),
            });
        }
        let mut sum: f64 = v.iter().sum();
        let mut scale = 1.0;
        if !sum.is_finite() {
            // Finite values whose sum overflows: rescale by the largest first.
            scale = v.iter().copied().fold(0.0, f64::max);
            sum = v.iter().map(|x| x / scale).sum();
        }
        if sum <= 0.0 {
            return Err(ChemError::Composition {
                field: field.into(),
                value: "all zero".into(),
                reason: "at least one species must have a positive amount".into(),
            });
        }
        Ok(v.iter().map(|x| x / scale / sum).collect())
    }

    /// State from temperature (K), pressure (Pa) and mole fractions (normalised here).
    pub fn state_tpx(&self, temperature: f64, pressure: f64, x: &[f64]) -> Result<GasState> {
        check_range("temperature", temperature, "K", T_STATE_RANGE)?;
        check_range("pressure", pressure, "Pa", P_STATE_RANGE)?;
        Ok(GasState {
            temperature,
            pressure,
            mole_fractions: self.normalised("mole fractions", x)?,
        })
    }

    /// State from temperature (K), density (kg/m³) and mass fractions.
    pub fn state_trhoy(&self, temperature: f64, density: f64, y: &[f64]) -> Result<GasState> {
        check_range("temperature", temperature, "K", T_STATE_RANGE)?;
        check_range("density", density, "kg/m^3", (1e-12, 1e6))?;
        let x = self.mole_fractions_from_mass(&self.normalised("mass fractions", y)?);
        let p = density * R * temperature / self.mean_molecular_weight(&x);
        self.state_tpx(temperature, p, &x)
    }

    /// Properties of a state.
    pub fn properties(&self, state: &GasState) -> MixtureProperties {
        let t = state.temperature;
        let x = &state.mole_fractions;
        let (mut cp_r, mut h_rt, mut s_r) = (0.0, 0.0, 0.0);
        for (s, &xk) in self.mechanism.species.iter().zip(x) {
            if xk > 0.0 {
                let p = s.thermo.eval(t);
                cp_r += xk * p.cp_r;
                h_rt += xk * p.h_rt;
                s_r += xk * (p.s_r - xk.ln());
            }
        }
        s_r -= (state.pressure / self.reference_pressure).ln();
        let w = self.mean_molecular_weight(x);
        let cp = R * cp_r;
        let cv = cp - R;
        let h = R * t * h_rt;
        let s = R * s_r;
        MixtureProperties {
            mean_molecular_weight: w,
            density: state.pressure * w / (R * t),
            cp_mole: cp,
            cv_mole: cv,
            h_mole: h,
            u_mole: h - R * t,
            s_mole: s,
            g_mole: h - t * s,
            sound_speed_frozen: (cp / cv * R * t / w).sqrt(),
        }
    }

    /// Mole fractions keyed by species name (all species, in mechanism order).
    pub fn named<'a>(&'a self, values: &'a [f64]) -> impl Iterator<Item = (&'a str, f64)> + 'a {
        self.species_names().zip(values.iter().copied())
    }
}
