//! The unit table and the parsers for unit expressions and quantities.

use crate::{
    Dimension as D, UnitError, AVOGADRO, ELEMENTARY_CHARGE, ONE_ATM, STANDARD_GRAVITY, ZERO_CELSIUS,
};

/// A unit: `si_value = value * factor + offset`.
///
/// `offset` is non-zero only for the affine temperature scales degC and degF, which
/// [`parse_unit`] accepts only as a standalone unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Multiplier to the coherent SI unit.
    pub factor: f64,
    /// Added after multiplying (affine temperature scales only).
    pub offset: f64,
    /// Dimension of the unit.
    pub dimension: D,
}

impl Unit {
    /// The coherent SI unit of `dimension` (factor 1, no offset).
    pub const fn si(dimension: D) -> Self {
        Self {
            factor: 1.0,
            offset: 0.0,
            dimension,
        }
    }

    /// Converts `value` in this unit to SI.
    pub fn to_si(self, value: f64) -> f64 {
        value * self.factor + self.offset
    }

    /// Converts an SI value to this unit.
    pub fn from_si(self, si: f64) -> f64 {
        (si - self.offset) / self.factor
    }

    /// Whether this is an affine temperature scale (degC, degF).
    pub fn is_affine(self) -> bool {
        self.offset != 0.0
    }
}

const fn u(symbol: &'static str, factor: f64, dimension: D) -> (&'static str, Unit) {
    (
        symbol,
        Unit {
            factor,
            ..Unit::si(dimension)
        },
    )
}

const fn affine(symbol: &'static str, factor: f64, offset: f64) -> (&'static str, Unit) {
    (
        symbol,
        Unit {
            factor,
            offset,
            dimension: D::TEMPERATURE,
        },
    )
}

const INCH: f64 = 0.0254;
const POUND: f64 = 0.453_592_37;
const CALORIE: f64 = 4.184;
const RANKINE: f64 = 5.0 / 9.0;

/// The unit table: symbol and unit, grouped by dimension. Documented in the crate docs.
/// `µ` is U+00B5 (micro sign), `μ` U+03BC (Greek mu).
#[rustfmt::skip]
const UNITS: &[(&str, Unit)] = {
    const PSI: f64 = POUND * STANDARD_GRAVITY / (INCH * INCH);
    const TORR: f64 = ONE_ATM / 760.0;
    const F0: f64 = 459.67 * RANKINE;
    &[
        u("m", 1.0, D::LENGTH), u("cm", 1e-2, D::LENGTH), u("mm", 1e-3, D::LENGTH),
        u("um", 1e-6, D::LENGTH), u("µm", 1e-6, D::LENGTH), u("μm", 1e-6, D::LENGTH),
        u("km", 1e3, D::LENGTH), u("in", INCH, D::LENGTH), u("ft", 12.0 * INCH, D::LENGTH),
        u("L", 1e-3, D::VOLUME), u("l", 1e-3, D::VOLUME), u("mL", 1e-6, D::VOLUME),
        u("ml", 1e-6, D::VOLUME), u("cL", 1e-5, D::VOLUME), u("dL", 1e-4, D::VOLUME),
        u("s", 1.0, D::TIME), u("ms", 1e-3, D::TIME), u("us", 1e-6, D::TIME),
        u("µs", 1e-6, D::TIME), u("μs", 1e-6, D::TIME), u("ns", 1e-9, D::TIME),
        u("min", 60.0, D::TIME), u("h", 3600.0, D::TIME),
        u("kg", 1.0, D::MASS), u("g", 1e-3, D::MASS), u("mg", 1e-6, D::MASS),
        u("lb", POUND, D::MASS),
        u("K", 1.0, D::TEMPERATURE), u("degR", RANKINE, D::TEMPERATURE),
        u("°R", RANKINE, D::TEMPERATURE),
        affine("degC", 1.0, ZERO_CELSIUS), affine("°C", 1.0, ZERO_CELSIUS),
        affine("℃", 1.0, ZERO_CELSIUS),
        affine("degF", RANKINE, F0), affine("°F", RANKINE, F0), affine("℉", RANKINE, F0),
        u("Pa", 1.0, D::PRESSURE), u("hPa", 1e2, D::PRESSURE), u("kPa", 1e3, D::PRESSURE),
        u("MPa", 1e6, D::PRESSURE), u("GPa", 1e9, D::PRESSURE), u("bar", 1e5, D::PRESSURE),
        u("mbar", 1e2, D::PRESSURE), u("atm", ONE_ATM, D::PRESSURE), u("psi", PSI, D::PRESSURE),
        u("torr", TORR, D::PRESSURE), u("Torr", TORR, D::PRESSURE),
        u("mmHg", 133.322_387_415, D::PRESSURE),
        u("N", 1.0, D::FORCE), u("kN", 1e3, D::FORCE), u("dyn", 1e-5, D::FORCE),
        u("J", 1.0, D::ENERGY), u("kJ", 1e3, D::ENERGY), u("MJ", 1e6, D::ENERGY),
        u("cal", CALORIE, D::ENERGY), u("kcal", 1e3 * CALORIE, D::ENERGY),
        u("erg", 1e-7, D::ENERGY), u("eV", ELEMENTARY_CHARGE, D::ENERGY),
        u("W", 1.0, D::POWER), u("kW", 1e3, D::POWER), u("MW", 1e6, D::POWER),
        u("mol", 1.0, D::AMOUNT), u("kmol", 1e3, D::AMOUNT), u("molec", 1.0 / AVOGADRO, D::AMOUNT),
        u("Hz", 1.0, D::FREQUENCY), u("kHz", 1e3, D::FREQUENCY), u("MHz", 1e6, D::FREQUENCY),
    ]
};

/// Common misspellings that string distance would not catch, with the symbol to suggest.
const ALIASES: &[(&str, &str)] = &[
    ("C", "degC"),
    ("celsius", "degC"),
    ("F", "degF"),
    ("fahrenheit", "degF"),
    ("kelvin", "K"),
    ("degK", "K"),
    ("sec", "s"),
    ("hr", "h"),
    ("lbs", "lb"),
    ("liter", "L"),
    ("litre", "L"),
    ("molecule", "molec"),
    ("molecules", "molec"),
];

/// All unit symbols accepted by [`parse_unit`] with their units, in table order.
pub fn known_units() -> impl Iterator<Item = (&'static str, Unit)> {
    UNITS.iter().copied()
}

/// A close known symbol for `unknown`: a common alias, a case slip or a typo.
fn suggest(unknown: &str) -> Option<&'static str> {
    if let Some(&(_, s)) = ALIASES
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(unknown))
    {
        return Some(s);
    }
    crate::suggest::closest(unknown, UNITS.iter().map(|&(s, _)| s))
}

fn split_while(s: &str, f: impl Fn(char) -> bool) -> (&str, &str) {
    s.split_at(
        s.char_indices()
            .find(|&(_, c)| !f(c))
            .map_or(s.len(), |(i, _)| i),
    )
}

fn is_symbol_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '°' | '℃' | '℉')
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn ascii_digit(c: char) -> Option<u32> {
    c.to_digit(10)
}

fn superscript_digit(c: char) -> Option<u32> {
    SUPERSCRIPTS.iter().position(|&d| d == c).map(|d| d as u32)
}

/// Parses an optional exponent (`^-3`, `⁻³`, or bare digits as in `m3`) at the start of `s`.
fn parse_exponent(s: &str, allow_bare_digits: bool) -> Result<(i8, &str), String> {
    type Digit = fn(char) -> Option<u32>;
    let (body, digit, [minus, plus]): (&str, Digit, _) = if let Some(r) = s.strip_prefix('^') {
        (r, ascii_digit, ['-', '+'])
    } else if s.starts_with(['⁻', '⁺']) || s.starts_with(SUPERSCRIPTS) {
        (s, superscript_digit, ['⁻', '⁺'])
    } else if allow_bare_digits && s.starts_with(|c: char| c.is_ascii_digit()) {
        (s, ascii_digit, ['-', '+'])
    } else {
        return Ok((1, s));
    };
    let (negative, body) = match body.strip_prefix(minus) {
        Some(r) => (true, r),
        None => (false, body.strip_prefix(plus).unwrap_or(body)),
    };
    let (digits, rest) = split_while(body, |c| digit(c).is_some());
    if digits.is_empty() {
        return Err(format!(
            "expected an integer exponent after {:?} (e.g. \"m^3\", \"m^-3\" or \"m⁻³\")",
            &s[..s.len() - body.len()]
        ));
    }
    let value = digits
        .chars()
        .filter_map(digit)
        .fold(0u32, |a, d| a.saturating_mul(10).saturating_add(d));
    match i8::try_from(value) {
        Ok(e) if e <= 12 => Ok((if negative { -e } else { e }, rest)),
        _ => Err(format!(
            "exponent {digits} is out of range (at most 12 in magnitude)"
        )),
    }
}

/// Parses a unit expression such as `"bar"`, `"cm^3/mol/s"`, `"kg m^-3"` or `"degC"`.
///
/// See the crate docs for the grammar and the unit table.
pub fn parse_unit(expr: &str) -> Result<Unit, UnitError> {
    parse_unit_in(expr.trim(), expr)
}

const PARENTHESES: &str =
    "parentheses are not supported; give each divisor its own '/' (e.g. \"W/m/K\" for W/(m·K))";

/// Reads one factor (symbol or "1", with its exponent) at the start of `s`.
/// Returns the symbol, the exponent and the rest of `s`, or the reason it is malformed.
fn read_factor(s: &str) -> Result<(&str, i8, &str), String> {
    let c = s.chars().next().unwrap_or(' ');
    let numeric = c.is_ascii_digit();
    let (symbol, after) = if numeric {
        split_while(s, |c| c.is_ascii_digit() || c == '.')
    } else {
        split_while(s, is_symbol_char)
    };
    if matches!(c, '(' | ')') {
        return Err(PARENTHESES.to_owned());
    } else if symbol.is_empty() {
        return Err(format!(
            "unexpected character {c:?}; expected unit symbols separated by '*', '/' or spaces \
             (e.g. \"cm^3/mol/s\")"
        ));
    } else if numeric && symbol != "1" {
        return Err(format!(
            "numeric factor {symbol:?} is not supported; only \"1\" may appear, as in \"1/s\""
        ));
    }
    let (exponent, rest) = parse_exponent(after, !numeric)?;
    match rest.chars().next() {
        Some(n) if !n.is_whitespace() && !matches!(n, '*' | '·' | '/') => Err(format!(
            "unexpected character {n:?} after {:?}; separate factors with '*', '/' or a space",
            &s[..s.len() - rest.len()]
        )),
        _ => Ok((symbol, exponent, rest)),
    }
}

/// Parses the trimmed unit expression `expr`, which appeared in `text` (for messages).
fn parse_unit_in(expr: &str, text: &str) -> Result<Unit, UnitError> {
    let bad = |reason: String| UnitError::MalformedUnit {
        expr: expr.to_owned(),
        text: text.to_owned(),
        reason,
    };
    let misplaced = |op: char| {
        bad(format!(
            "'{op}' must stand between two factors (e.g. \"m/s\" or \"1/s\")"
        ))
    };
    if expr.is_empty() {
        return Err(bad(
            "empty, expected a unit such as \"bar\" or \"cm^3/mol/s\"".to_owned(),
        ));
    }
    let mut unit = Unit::si(D::DIMENSIONLESS);
    let (mut factors, mut op, mut affine) = (0, None, None);
    let mut rest = expr.trim_start();
    while let Some(c) = rest.chars().next() {
        if matches!(c, '*' | '·' | '/') {
            if factors == 0 || op.is_some() {
                return Err(misplaced(c));
            }
            op = Some(c);
            rest = rest[c.len_utf8()..].trim_start();
            continue;
        }
        let (symbol, exponent, after) = read_factor(rest).map_err(bad)?;
        rest = after.trim_start();
        let def = match UNITS.iter().find(|(s, _)| *s == symbol) {
            Some(&(_, def)) => def,
            None if symbol == "1" => Unit::si(D::DIMENSIONLESS),
            None => {
                return Err(UnitError::UnknownUnit {
                    unit: symbol.to_owned(),
                    text: text.to_owned(),
                    suggestion: suggest(symbol),
                })
            }
        };
        let exponent = if op.take() == Some('/') {
            -exponent
        } else {
            exponent
        };
        factors += 1;
        if def.is_affine() {
            affine = Some((symbol, exponent, def.offset));
        }
        unit.factor *= def.factor.powi(exponent.into());
        unit.dimension = def
            .dimension
            .checked_powi(exponent)
            .and_then(|d| unit.dimension.checked_mul(d))
            .ok_or_else(|| bad("exponents are out of range".to_owned()))?;
    }
    if let Some(op) = op {
        return Err(misplaced(op));
    }
    if let Some((symbol, exponent, offset)) = affine {
        if factors > 1 || exponent != 1 {
            let (unit, text) = (symbol.to_owned(), text.to_owned());
            return Err(UnitError::AffineCombined { unit, text });
        }
        unit.offset = offset;
    }
    Ok(unit)
}

/// Byte length of the longest prefix of `s` that is a decimal number (`-3.5`, `.5`, `1.5e5`).
/// An `e` not followed by digits is left for the unit, so `"2eV"` is 2 eV.
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int = digits(i);
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = digits(i + 1);
        i += 1 + frac;
    }
    if int + frac == 0 {
        return 0;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp = digits(i + 1 + sign);
        if exp > 0 {
            i += 1 + sign + exp;
        }
    }
    i
}

/// Parses a number with an optional unit; the unit is `None` for a bare number.
pub(crate) fn parse_quantity_opt(text: &str) -> Result<(f64, Option<Unit>), UnitError> {
    let t = text.trim();
    let owned = || text.to_owned();
    if t.is_empty() {
        return Err(UnitError::Empty { text: owned() });
    }
    let n = number_len(t);
    if n == 0 {
        let word = t
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_start_matches(['+', '-']);
        return Err(
            if ["nan", "inf", "infinity"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
            {
                UnitError::NonFinite { text: owned() }
            } else {
                UnitError::InvalidNumber { text: owned() }
            },
        );
    }
    let (number, rest) = t.split_at(n);
    if rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-')) {
        return Err(UnitError::InvalidNumber { text: owned() });
    }
    let value: f64 = number
        .parse()
        .map_err(|_| UnitError::InvalidNumber { text: owned() })?;
    let rest = rest.trim_start();
    let unit = if rest.is_empty() {
        None
    } else {
        Some(parse_unit_in(rest, text)?)
    };
    if !value.is_finite() || !unit.map_or(value, |u| u.to_si(value)).is_finite() {
        return Err(UnitError::NonFinite { text: owned() });
    }
    Ok((value, unit))
}

/// Parses a number with an optional unit: `"2 bar"`, `"2bar"`, `"-3.5 degC"`, `"1e5"`.
///
/// A bare number comes back with the dimensionless unit (factor 1).
pub fn parse_quantity(text: &str) -> Result<(f64, Unit), UnitError> {
    let (value, unit) = parse_quantity_opt(text)?;
    Ok((value, unit.unwrap_or(Unit::si(D::DIMENSIONLESS))))
}

/// Parses `text` and converts it to SI, checking that it has the `expected` dimension.
///
/// A bare number is taken as already SI and is not checked.
pub fn to_si(text: &str, expected: D) -> Result<f64, UnitError> {
    match parse_quantity_opt(text)? {
        (value, None) => Ok(value),
        (value, Some(unit)) if unit.dimension == expected => Ok(unit.to_si(value)),
        (_, Some(unit)) => Err(UnitError::DimensionMismatch {
            text: text.to_owned(),
            found: unit.dimension,
            expected,
        }),
    }
}

/// Converts `text` to the unit expression `unit`, e.g. `convert("2 bar", "psi")`.
///
/// A bare number is taken as SI.
pub fn convert(text: &str, unit: &str) -> Result<f64, UnitError> {
    let target = parse_unit(unit)?;
    to_si(text, target.dimension).map(|si| target.from_si(si))
}
