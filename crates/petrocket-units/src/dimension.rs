//! Exponents of the SI base dimensions.

use std::fmt;

/// Exponents of the SI base dimensions used by the simulator
/// (mass, length, time, thermodynamic temperature, amount of substance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Dimension {
    /// Exponent of mass (kg).
    pub mass: i8,
    /// Exponent of length (m).
    pub length: i8,
    /// Exponent of time (s).
    pub time: i8,
    /// Exponent of thermodynamic temperature (K).
    pub temperature: i8,
    /// Exponent of amount of substance (mol).
    pub amount: i8,
}

/// Well-known dimensions: name, SI symbol (parseable by [`crate::parse_unit`]) and input examples.
type Known = (
    Dimension,
    &'static str,
    &'static str,
    &'static [&'static str],
);

#[rustfmt::skip]
const KNOWN: &[Known] = {
    use Dimension as D;
    &[
        (D::DIMENSIONLESS,        "dimensionless",          "1",       &["0.5"]),
        (D::MASS,                 "mass",                   "kg",      &["25 g", "0.1 kg"]),
        (D::LENGTH,               "length",                 "m",       &["0.3 mm", "2 cm"]),
        (D::TIME,                 "time",                   "s",       &["10 ms", "2 min"]),
        (D::TEMPERATURE,          "temperature",            "K",       &["25 degC", "300 K"]),
        (D::AMOUNT,               "amount of substance",    "mol",     &["2 mol", "0.1 kmol"]),
        (D::AREA,                 "area",                   "m^2",     &["1 cm^2", "0.5 m^2"]),
        (D::VOLUME,               "volume",                 "m^3",     &["2 L", "500 mL"]),
        (D::VELOCITY,             "velocity",               "m/s",     &["340 m/s", "100 km/h"]),
        (D::FORCE,                "force",                  "N",       &["10 N", "1 kN"]),
        (D::PRESSURE,             "pressure",               "Pa",      &["2 bar", "1 atm"]),
        (D::ENERGY,               "energy",                 "J",       &["1 kJ", "1 kcal"]),
        (D::POWER,                "power",                  "W",       &["100 W", "1 kW"]),
        (D::MOLAR_ENERGY,         "molar energy",           "J/mol",   &["1 kcal/mol", "5 kJ/mol"]),
        (D::DENSITY,              "density",                "kg/m^3",  &["1.2 kg/m^3", "1 g/cm^3"]),
        (D::FREQUENCY,            "frequency",              "Hz",      &["10 Hz", "1 kHz"]),
        (D::HEAT_FLUX,            "heat flux",              "W/m^2",   &["1 kW/m^2"]),
        (D::THERMAL_CONDUCTIVITY, "thermal conductivity",   "W/m/K",   &["0.2 W/m/K"]),
        (D::SPECIFIC_HEAT,        "specific heat capacity", "J/kg/K",  &["1 kJ/kg/K"]),
        (D::INVERSE_TEMPERATURE,  "inverse temperature",    "1/K",     &["0.001 1/K"]),
        (D::MOLAR_MASS,           "molar mass",             "kg/mol",  &["18 g/mol"]),
        (D::MOLAR_HEAT_CAPACITY,  "molar heat capacity",    "J/mol/K", &["29 J/mol/K"]),
        (D::CONCENTRATION,        "concentration",          "mol/m^3", &["1 mol/L"]),
    ]
};

impl Dimension {
    /// Builds a dimension from the exponents of kg, m, s, K and mol.
    pub const fn new(mass: i8, length: i8, time: i8, temperature: i8, amount: i8) -> Self {
        Self {
            mass,
            length,
            time,
            temperature,
            amount,
        }
    }

    /// A pure number.
    pub const DIMENSIONLESS: Self = Self::new(0, 0, 0, 0, 0);
    /// kg
    pub const MASS: Self = Self::new(1, 0, 0, 0, 0);
    /// m
    pub const LENGTH: Self = Self::new(0, 1, 0, 0, 0);
    /// s
    pub const TIME: Self = Self::new(0, 0, 1, 0, 0);
    /// K
    pub const TEMPERATURE: Self = Self::new(0, 0, 0, 1, 0);
    /// mol
    pub const AMOUNT: Self = Self::new(0, 0, 0, 0, 1);
    /// m²
    pub const AREA: Self = Self::new(0, 2, 0, 0, 0);
    /// m³
    pub const VOLUME: Self = Self::new(0, 3, 0, 0, 0);
    /// m/s
    pub const VELOCITY: Self = Self::new(0, 1, -1, 0, 0);
    /// N = kg·m/s²
    pub const FORCE: Self = Self::new(1, 1, -2, 0, 0);
    /// Pa = N/m² (also stress and elastic modulus)
    pub const PRESSURE: Self = Self::new(1, -1, -2, 0, 0);
    /// J = N·m
    pub const ENERGY: Self = Self::new(1, 2, -2, 0, 0);
    /// W = J/s
    pub const POWER: Self = Self::new(1, 2, -3, 0, 0);
    /// J/mol
    pub const MOLAR_ENERGY: Self = Self::new(1, 2, -2, 0, -1);
    /// kg/m³
    pub const DENSITY: Self = Self::new(1, -3, 0, 0, 0);
    /// Hz = 1/s (also first-order rate constants)
    pub const FREQUENCY: Self = Self::new(0, 0, -1, 0, 0);
    /// W/m²
    pub const HEAT_FLUX: Self = Self::new(1, 0, -3, 0, 0);
    /// W/(m·K)
    pub const THERMAL_CONDUCTIVITY: Self = Self::new(1, 1, -3, -1, 0);
    /// J/(kg·K)
    pub const SPECIFIC_HEAT: Self = Self::new(0, 2, -2, -1, 0);
    /// 1/K (e.g. thermal expansion coefficients)
    pub const INVERSE_TEMPERATURE: Self = Self::new(0, 0, 0, -1, 0);
    /// kg/mol
    pub const MOLAR_MASS: Self = Self::new(1, 0, 0, 0, -1);
    /// J/(mol·K), the dimension of [`crate::GAS_CONSTANT`]
    pub const MOLAR_HEAT_CAPACITY: Self = Self::new(1, 2, -2, -1, -1);
    /// mol/m³
    pub const CONCENTRATION: Self = Self::new(0, -3, 0, 0, 1);

    /// Applies `f` to each pair of exponents; `None` if any result is `None`.
    fn zip(self, o: Self, f: impl Fn(i8, i8) -> Option<i8>) -> Option<Self> {
        let (a, b) = (self, o);
        Some(Self::new(
            f(a.mass, b.mass)?,
            f(a.length, b.length)?,
            f(a.time, b.time)?,
            f(a.temperature, b.temperature)?,
            f(a.amount, b.amount)?,
        ))
    }

    /// Product of two dimensions, or `None` if an exponent overflows `i8`.
    pub fn checked_mul(self, o: Self) -> Option<Self> {
        self.zip(o, i8::checked_add)
    }

    /// `self` raised to the integer power `n`, or `None` if an exponent overflows `i8`.
    pub fn checked_powi(self, n: i8) -> Option<Self> {
        self.zip(self, |e, _| e.checked_mul(n))
    }

    /// Product of two dimensions (also available as `*`). Panics if an exponent overflows `i8`.
    #[allow(clippy::should_implement_trait)]
    pub fn mul(self, o: Self) -> Self {
        self.checked_mul(o).expect("dimension exponent overflow")
    }

    /// Quotient of two dimensions (also available as `/`). Panics if an exponent overflows `i8`.
    #[allow(clippy::should_implement_trait)]
    pub fn div(self, o: Self) -> Self {
        self.zip(o, i8::checked_sub)
            .expect("dimension exponent overflow")
    }

    /// `self` raised to the integer power `n`. Panics if an exponent overflows `i8`.
    pub fn powi(self, n: i8) -> Self {
        self.checked_powi(n).expect("dimension exponent overflow")
    }

    fn known(self) -> Option<&'static Known> {
        KNOWN.iter().find(|k| k.0 == self)
    }

    /// Name of a well-known dimension ("pressure", "length", "molar energy", ...).
    pub fn name(self) -> Option<&'static str> {
        self.known().map(|k| k.1)
    }

    /// The coherent SI unit of this dimension, written so that [`crate::parse_unit`] accepts it:
    /// a named symbol for well-known dimensions ("Pa", "J/mol", "W/m/K"),
    /// otherwise base units such as "kg·m^-1·s^-3" ("1" when dimensionless).
    pub fn si_unit_symbol(self) -> String {
        match self.known() {
            Some(k) => k.2.to_owned(),
            None => self.base_units(),
        }
    }

    /// Typical input examples for a well-known dimension, e.g. `["2 bar", "1 atm"]` for pressure.
    pub fn examples(self) -> &'static [&'static str] {
        self.known().map_or(&[], |k| k.3)
    }

    /// The dimension in SI base units, e.g. "kg·m^-1·s^-2" ("1" when dimensionless).
    pub fn base_units(self) -> String {
        let parts: Vec<String> = [
            ("kg", self.mass),
            ("m", self.length),
            ("s", self.time),
            ("K", self.temperature),
            ("mol", self.amount),
        ]
        .into_iter()
        .filter(|&(_, e)| e != 0)
        .map(|(s, e)| {
            if e == 1 {
                s.to_owned()
            } else {
                format!("{s}^{e}")
            }
        })
        .collect();
        if parts.is_empty() {
            "1".to_owned()
        } else {
            parts.join("·")
        }
    }
}

impl std::ops::Mul for Dimension {
    type Output = Self;
    fn mul(self, o: Self) -> Self {
        Dimension::mul(self, o)
    }
}

impl std::ops::Div for Dimension {
    type Output = Self;
    fn div(self, o: Self) -> Self {
        Dimension::div(self, o)
    }
}

/// Writes the name of a well-known dimension ("pressure"), otherwise its base units
/// ("kg·m^-3·s^-1").
impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => f.write_str(&self.base_units()),
        }
    }
}
