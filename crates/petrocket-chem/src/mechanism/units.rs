//! The `units:` block of a Cantera YAML file and conversion of its values to SI (mol based).
//!
//! Cantera's defaults when a key is absent: length m, time s, quantity kmol, energy J,
//! pressure Pa, activation-energy = energy/quantity (J/kmol). A value may also carry its own
//! units as a string (`"1.0e13 cm^3/mol/s"`). Cantera reference: "YAML input file
//! reference — units", cantera.org/stable/yaml/general.html.

use super::input_limits::{clip, clip_to};
use petrocket_units::{parse_quantity, parse_unit, Dimension, Unit, AVOGADRO, GAS_CONSTANT};
use yaml_rust2::Yaml;

/// Unit system of one mechanism file, as SI factors (mol based).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitSystem {
    /// Metres per length unit.
    pub length: f64,
    /// Moles per quantity unit.
    pub quantity: f64,
    /// Seconds per time unit.
    pub time: f64,
    /// Pascals per pressure unit.
    pub pressure: f64,
    /// Joules per energy unit.
    pub energy: f64,
    /// J/mol per activation-energy unit.
    pub activation_energy: f64,
}

impl Default for UnitSystem {
    fn default() -> Self {
        UnitSystem {
            length: 1.0,
            quantity: 1000.0,
            time: 1.0,
            pressure: 1.0,
            energy: 1.0,
            activation_energy: 1e-3,
        }
    }
}

/// Convert a unit for an activation energy to J/mol: molar energies directly, energies per
/// molecule (e.g. `eV`) times N_A, temperatures (`K`, meaning Ea/R) times R.
pub(crate) fn activation_energy_factor(unit: &Unit) -> Option<f64> {
    if unit.offset != 0.0 {
        return None;
    }
    if unit.dimension == Dimension::MOLAR_ENERGY {
        Some(unit.factor)
    } else if unit.dimension == Dimension::ENERGY {
        Some(unit.factor * AVOGADRO)
    } else if unit.dimension == Dimension::TEMPERATURE {
        Some(unit.factor * GAS_CONSTANT)
    } else {
        None
    }
}

impl UnitSystem {
    /// Read a `units:` mapping. Errors are plain messages; the caller adds file context.
    pub fn from_yaml(node: &Yaml) -> Result<Self, String> {
        let mut us = UnitSystem::default();
        let Yaml::Hash(map) = node else {
            return Err("`units` must be a mapping such as {length: cm, quantity: mol}".into());
        };
        let mut energy: Option<f64> = None;
        let mut explicit_ea = false;
        for (k, v) in map {
            let key = k.as_str().unwrap_or_default();
            let text = v.as_str().ok_or_else(|| {
                format!(
                    "units.{} must be a unit name, got {}",
                    clip(key),
                    describe(v)
                )
            })?;
            let unit = parse_unit(text).map_err(|e| {
                format!(
                    "units.{}: {}",
                    clip(key),
                    clip_to(&e.to_string(), 3 * super::input_limits::MAX_QUOTED_CHARS)
                )
            })?;
            let expect = |dim: Dimension, what: &str| -> Result<f64, String> {
                if unit.dimension == dim && unit.offset == 0.0 {
                    Ok(unit.factor)
                } else {
                    Err(format!(
                        "units.{} = \"{}\" is not a unit of {what}",
                        clip(key),
                        clip(text)
                    ))
                }
            };
            match key {
                "length" => us.length = expect(Dimension::LENGTH, "length")?,
                "time" => us.time = expect(Dimension::TIME, "time")?,
                "quantity" => us.quantity = expect(Dimension::AMOUNT, "amount of substance")?,
                "pressure" => us.pressure = expect(Dimension::PRESSURE, "pressure")?,
                "energy" => energy = Some(expect(Dimension::ENERGY, "energy")?),
                "mass" | "temperature" | "current" => {
                    // Accepted for completeness; only SI kg and K are meaningful here.
                }
                "activation-energy" => {
                    explicit_ea = true;
                    us.activation_energy = activation_energy_factor(&unit).ok_or_else(|| {
                        format!(
                            "units.activation-energy = \"{}\" must be an energy per quantity \
                             (cal/mol, J/kmol), an energy per molecule (eV) or a temperature (K)",
                            clip(text)
                        )
                    })?;
                }
                other => return Err(format!("unknown key units.{}", clip(other))),
            }
        }
        us.energy = energy.unwrap_or(1.0);
        if !explicit_ea {
            us.activation_energy = us.energy / us.quantity;
        }
        Ok(us)
    }

    /// SI factor of a rate constant of reaction order `order` (concentration^(1−order)/time).
    pub fn rate_factor(&self, order: f64) -> f64 {
        (self.length.powi(3) / self.quantity).powf(order - 1.0) / self.time
    }

    /// Dimension of a rate constant of integer-ish order in SI (mol based).
    fn rate_dimension(order: f64) -> Option<Dimension> {
        let n = order - 1.0;
        if (n - n.round()).abs() > 1e-12 {
            return None;
        }
        let n = n.round() as i8;
        Some(Dimension {
            length: 3 * n,
            amount: -n,
            time: -1,
            ..Dimension::default()
        })
    }

    /// A pre-exponential factor (number in file units or string with units) in SI.
    pub fn rate_constant(&self, v: &Yaml, order: f64) -> Result<f64, String> {
        match v {
            Yaml::String(s) => {
                let (x, unit) = parse_quantity(s).map_err(|e| {
                    clip_to(&e.to_string(), 3 * super::input_limits::MAX_QUOTED_CHARS)
                })?;
                match Self::rate_dimension(order) {
                    Some(d) if d == unit.dimension => Ok(x * unit.factor),
                    _ => Err(format!(
                        "\"{}\" does not have the units of a rate constant of order {order}",
                        clip(s)
                    )),
                }
            }
            _ => Ok(number(v)? * self.rate_factor(order)),
        }
    }

    /// A molar energy in J/mol, or with `per_kelvin` a molar entropy or heat capacity in
    /// J/(mol K): numbers in the file's energy/quantity units (not the activation-energy unit),
    /// strings with their own units (`"9.22 kJ/mol"`).
    pub fn molar_value(&self, v: &Yaml, per_kelvin: bool) -> Result<f64, String> {
        let (dim, what) = if per_kelvin {
            (
                Dimension::MOLAR_HEAT_CAPACITY,
                "an energy per quantity and kelvin (J/mol/K)",
            )
        } else {
            (Dimension::MOLAR_ENERGY, "an energy per quantity (J/mol)")
        };
        with_units(v, dim, what, self.energy / self.quantity)
    }

    /// An activation energy in J/mol.
    pub fn activation_energy(&self, v: &Yaml) -> Result<f64, String> {
        match v {
            Yaml::String(s) => {
                let (x, unit) = parse_quantity(s).map_err(|e| {
                    clip_to(&e.to_string(), 3 * super::input_limits::MAX_QUOTED_CHARS)
                })?;
                activation_energy_factor(&unit)
                    .map(|f| x * f)
                    .ok_or_else(|| format!("\"{}\" is not an activation energy", clip(s)))
            }
            _ => Ok(number(v)? * self.activation_energy),
        }
    }

    /// A pressure in Pa.
    pub fn pressure_value(&self, v: &Yaml) -> Result<f64, String> {
        with_units(v, Dimension::PRESSURE, "a pressure", self.pressure)
    }

    /// A temperature in K (numbers are K; strings may carry units).
    pub fn temperature_value(&self, v: &Yaml) -> Result<f64, String> {
        with_units(v, Dimension::TEMPERATURE, "a temperature", 1.0)
    }
}

/// A value in SI: a string carries its own units, which must have dimension `dim` (`what`
/// names it in the error); a number is in the file's units, converted by `number_factor`.
fn with_units(v: &Yaml, dim: Dimension, what: &str, number_factor: f64) -> Result<f64, String> {
    match v {
        Yaml::String(s) => {
            let (x, unit) = parse_quantity(s)
                .map_err(|e| clip_to(&e.to_string(), 3 * super::input_limits::MAX_QUOTED_CHARS))?;
            if unit.dimension == dim {
                Ok(unit.to_si(x))
            } else {
                Err(format!("\"{}\" is not {what}", clip(s)))
            }
        }
        _ => Ok(number(v)? * number_factor),
    }
}

/// A plain YAML number (integer or real), finite.
pub(crate) fn number(v: &Yaml) -> Result<f64, String> {
    let x = match v {
        Yaml::Real(s) => s
            .parse::<f64>()
            .map_err(|_| format!("'{}' is not a number", clip(s)))?,
        Yaml::Integer(i) => *i as f64,
        Yaml::String(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("'{}' is not a number", clip(s)))?,
        other => return Err(format!("expected a number, got {}", describe(other))),
    };
    if x.is_finite() {
        Ok(x)
    } else {
        Err(format!("{x} is not a finite number"))
    }
}

/// Short description of a YAML node for error messages.
pub(crate) fn describe(v: &Yaml) -> String {
    match v {
        Yaml::Real(s) | Yaml::String(s) => format!("'{}'", super::input_limits::clip(s)),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Array(_) => "a list".into(),
        Yaml::Hash(_) => "a mapping".into(),
        Yaml::Null => "nothing (null)".into(),
        _ => "an unreadable value".into(),
    }
}
