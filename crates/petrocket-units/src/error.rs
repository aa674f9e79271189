//! The error type of this crate.

use crate::Dimension;

/// Why a quantity or unit expression was rejected.
///
/// Every message quotes the text it got, says what was expected and gives a hint; it starts
/// lowercase and has no trailing period, so callers can prefix it with a field name.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum UnitError {
    /// The text was empty or only whitespace.
    #[error(
        "empty quantity, expected a number with an optional unit (e.g. \"2 bar\" or \"101325\")"
    )]
    Empty {
        /// The text as given.
        text: String,
    },
    /// The text does not start with a valid number, or the number is malformed.
    #[error(
        "invalid number in {text:?}, expected a number such as \"2\", \"-3.5\" or \"1.5e5\" \
         optionally followed by a unit (e.g. \"2 bar\")"
    )]
    InvalidNumber {
        /// The text as given.
        text: String,
    },
    /// The number is NaN or infinite, written so or overflowing.
    #[error(
        "{text:?} is not a finite number, expected a finite value (e.g. \"2 bar\" or \"101325\")"
    )]
    NonFinite {
        /// The text as given.
        text: String,
    },
    /// A unit symbol is not in the table.
    #[error("unknown unit {unit:?}{}; {}", in_text(.unit, .text), unknown_hint(*.suggestion))]
    UnknownUnit {
        /// The unknown symbol.
        unit: String,
        /// The whole text it appeared in.
        text: String,
        /// A close known symbol, if any.
        suggestion: Option<&'static str>,
    },
    /// A unit expression breaks the grammar.
    #[error("invalid unit expression {expr:?}{}: {reason}", in_text(.expr, .text))]
    MalformedUnit {
        /// The unit expression.
        expr: String,
        /// The whole text it appeared in.
        text: String,
        /// What is wrong, with a hint.
        reason: String,
    },
    /// An affine temperature unit (degC, degF) was combined with other units or powers.
    #[error(
        "{unit:?} cannot be combined with other units or powers in {text:?}; \
         write it alone (e.g. \"25 degC\") and use \"K\" in compound units and \
         temperature differences"
    )]
    AffineCombined {
        /// The affine unit symbol.
        unit: String,
        /// The whole text it appeared in.
        text: String,
    },
    /// The quantity has another dimension than expected.
    #[error(
        "{text:?} {}, expected {} ({})",
        found_phrase(*.found),
        describe_expected(*.expected),
        examples(*.expected)
    )]
    DimensionMismatch {
        /// The text as given.
        text: String,
        /// Dimension of the given quantity.
        found: Dimension,
        /// Dimension that was expected.
        expected: Dimension,
    },
}

impl UnitError {
    /// The whole text that was rejected.
    pub fn text(&self) -> &str {
        match self {
            Self::Empty { text }
            | Self::InvalidNumber { text }
            | Self::NonFinite { text }
            | Self::UnknownUnit { text, .. }
            | Self::MalformedUnit { text, .. }
            | Self::AffineCombined { text, .. }
            | Self::DimensionMismatch { text, .. } => text,
        }
    }
}

fn in_text(part: &str, text: &str) -> String {
    if part == text.trim() {
        String::new()
    } else {
        format!(" in {text:?}")
    }
}

fn unknown_hint(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!("did you mean {s:?}?"),
        None => "expected a unit such as \"bar\", \"mm\", \"L\", \"K\", \"degC\" or \"kcal/mol\""
            .to_owned(),
    }
}

/// "a pressure", "an energy", or `None` for an unnamed dimension.
fn with_article(d: Dimension) -> Option<String> {
    let name = d.name()?;
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Some(format!("{article} {name}"))
}

/// "is a length", "is dimensionless" or "has dimension m·s^-3".
fn found_phrase(d: Dimension) -> String {
    match with_article(d) {
        _ if d == Dimension::DIMENSIONLESS => "is dimensionless".to_owned(),
        Some(a) => format!("is {a}"),
        None => format!("has dimension {}", d.base_units()),
    }
}

/// "a pressure", "a dimensionless number" or "dimension m·s^-3".
fn describe_expected(d: Dimension) -> String {
    match with_article(d) {
        _ if d == Dimension::DIMENSIONLESS => "a dimensionless number".to_owned(),
        Some(a) => a,
        None => format!("dimension {}", d.base_units()),
    }
}

/// `e.g. "2 bar", "1 atm" or a number in Pa`
fn examples(d: Dimension) -> String {
    let quoted: Vec<String> = d.examples().iter().map(|e| format!("{e:?}")).collect();
    let quoted = quoted.join(", ");
    if d == Dimension::DIMENSIONLESS {
        format!("e.g. {quoted}")
    } else if quoted.is_empty() {
        format!("e.g. a number in {}", d.si_unit_symbol())
    } else {
        format!("e.g. {quoted} or a number in {}", d.si_unit_symbol())
    }
}
