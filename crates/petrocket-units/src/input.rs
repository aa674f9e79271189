//! [`QuantityInput`]: a config or command-line value with an optional unit.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{parse::parse_quantity_opt, to_si, Dimension, UnitError};

/// A config or command-line value: a plain number (taken as SI) or a string with a unit.
///
/// Deserializes from a number or a string (like `#[serde(untagged)]`, but with a clear error
/// message, and rejecting NaN/infinite numbers and unparseable strings right away):
/// `pressure = 200000` or `pressure = "2 bar"`. The dimension is checked by [`Self::to_si`].
/// Parsing with [`str::parse`] (e.g. by clap) gives [`Self::Number`] for a bare number.
#[derive(Clone, Debug, PartialEq)]
pub enum QuantityInput {
    /// A number in SI units.
    Number(f64),
    /// A number with a unit, e.g. "2 bar".
    Text(String),
}

impl QuantityInput {
    /// The value in SI units, checking the dimension of a value with a unit.
    pub fn to_si(&self, expected: Dimension) -> Result<f64, UnitError> {
        match self {
            Self::Number(v) if v.is_finite() => Ok(*v),
            Self::Number(v) => Err(UnitError::NonFinite {
                text: v.to_string(),
            }),
            Self::Text(text) => to_si(text, expected),
        }
    }
}

impl From<f64> for QuantityInput {
    fn from(v: f64) -> Self {
        Self::Number(v)
    }
}

impl std::str::FromStr for QuantityInput {
    type Err = UnitError;

    /// Validates the syntax (not the dimension) of a number with an optional unit.
    fn from_str(s: &str) -> Result<Self, UnitError> {
        Ok(match parse_quantity_opt(s)? {
            (v, None) => Self::Number(v),
            (_, Some(_)) => Self::Text(s.trim().to_owned()),
        })
    }
}

impl fmt::Display for QuantityInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(v) => write!(f, "{v}"),
            Self::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for QuantityInput {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Number(v) => s.serialize_f64(*v),
            Self::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for QuantityInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = QuantityInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number in SI units or a string with a unit such as \"2 bar\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<QuantityInput, E> {
                if v.is_finite() {
                    Ok(QuantityInput::Number(v))
                } else {
                    Err(E::custom(UnitError::NonFinite {
                        text: v.to_string(),
                    }))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<QuantityInput, E> {
                Ok(QuantityInput::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<QuantityInput, E> {
                Ok(QuantityInput::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<QuantityInput, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}
