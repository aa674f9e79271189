//! Physical quantities with units for the PET Rocket Simulator, and two small services every
//! crate of the workspace shares: the bounded read of input files ([`input_file`]) and the
//! "did you mean" suggestions for names ([`suggest`]).
//!
//! Users give quantities as plain SI numbers or as numbers with units (`"2 bar"`, `"0.3 mm"`,
//! `"25 degC"`), and Cantera mechanism files give unit expressions (`"cm^3/mol/s"`,
//! `"kcal/mol"`). This crate parses both, converts to SI and checks dimensions, with error
//! messages that quote the input, say what was expected and suggest a fix. It has its own
//! small parser because no existing crate handles this grammar (Cantera's `/` rule, `molec`,
//! affine temperatures) with messages of this kind.
//!
//! ```
//! use petrocket_units::{parse_unit, to_si, Dimension};
//! assert_eq!(to_si("2 bar", Dimension::PRESSURE).unwrap(), 2e5);
//! assert_eq!(to_si("101325", Dimension::PRESSURE).unwrap(), 101325.0); // bare number = SI
//! let k = parse_unit("m^6/kmol^2/s").unwrap();
//! assert_eq!(k.dimension, Dimension::new(0, 6, -1, 0, -2));
//! let err = to_si("2 mm", Dimension::PRESSURE).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     r#""2 mm" is a length, expected a pressure (e.g. "2 bar", "1 atm" or a number in Pa)"#
//! );
//! ```
//!
//! # Grammar
//!
//! ```text
//! quantity  = number [unit]                    whitespace around and between is optional
//! number    = [+-] digits [. digits] [(e|E) [+-] digits]     also ".5" and "5."; finite only
//! unit      = factor { separator factor }
//! separator = "*" | "·" | "/" | whitespace     "/" divides the next factor only
//! factor    = (symbol | "1") [exponent]
//! exponent  = "^" [+-] digits | superscripts ("²", "⁻³") | digits right after a symbol ("m3")
//! ```
//!
//! As in Cantera, each `/` divides only the factor right after it: `"cm^3/mol/s"` is
//! cm³·mol⁻¹·s⁻¹ and `"W/m/K"` is W·m⁻¹·K⁻¹ (whereas `"W/m K"` is W·m⁻¹·K). Parentheses are not
//! supported. Exponents are integers of magnitude at most 12. A bare number is dimensionless
//! in [`parse_quantity`] and taken as already SI by [`to_si`]. NaN and infinities are
//! rejected. The affine temperature scales degC and degF are allowed only as a standalone unit
//! (`"25 degC"`); there are no temperature-difference units, use K.
//!
//! # Units
//!
//! Symbols are case-sensitive; `µ` (U+00B5), `μ` (U+03BC) and `u` all mean micro.
//!
//! | dimension   | symbols (SI value)                                                     |
//! |-------------|------------------------------------------------------------------------|
//! | length      | m, cm, mm, um/µm, km, in (0.0254 m), ft (0.3048 m)                     |
//! | volume      | L/l (10⁻³ m³), mL/ml, cL, dL; or a length cubed, `m^3`, `m3`, `cm³`   |
//! | time        | s, ms, us/µs, ns, min, h                                               |
//! | mass        | kg, g, mg, lb (0.45359237 kg)                                          |
//! | temperature | K, degR/°R (5/9 K); affine: degC/°C/℃ (+273.15 K), degF/°F/℉          |
//! | pressure    | Pa, hPa, kPa, MPa, GPa, bar, mbar, atm (101325 Pa), psi, torr/Torr, mmHg |
//! | force       | N, kN, dyn (10⁻⁵ N)                                                    |
//! | energy      | J, kJ, MJ, cal (4.184 J), kcal, erg (10⁻⁷ J), eV                       |
//! | power       | W, kW, MW                                                              |
//! | amount      | mol, kmol, molec (1/N_A mol, one molecule)                             |
//! | frequency   | Hz, kHz, MHz                                                           |
//! | number      | 1 (as in `"1/s"`)                                                      |
//!
//! # Sources
//!
//! - Exact defining constants of the SI (BIPM, *The International System of Units*, 9th
//!   edition, 2019; the CODATA 2018 values): [`AVOGADRO`], [`BOLTZMANN`],
//!   [`ELEMENTARY_CHARGE`]; [`GAS_CONSTANT`] is their exact product N_A·k; eV = e × 1 V.
//! - NIST SP 811 (2008), *Guide for the Use of the SI*, Appendix B: atm = 101325 Pa,
//!   g_n = 9.80665 m/s², in = 0.0254 m, ft = 0.3048 m, lb = 0.45359237 kg (all exact);
//!   psi = lbf/in² = 0.45359237 × 9.80665 / 0.0254² Pa ≈ 6894.757293168 Pa;
//!   torr = 101325/760 Pa; conventional mmHg = 13595.1 kg/m³ × g_n × 1 mm = 133.322387415 Pa;
//!   thermochemical calorie cal = 4.184 J (the calorie Cantera uses);
//!   °F: T/K = (t/°F + 459.67) × 5/9; °R = 5/9 K; L = 10⁻³ m³; dyn = 10⁻⁵ N; erg = 10⁻⁷ J.
//! - degC: T/K = t/°C + 273.15 (SI Brochure, 2.3.1).
#![deny(missing_docs)]

mod dimension;
mod error;
mod input;
pub mod input_file;
mod parse;
pub mod suggest;
#[cfg(test)]
mod tests;

pub use dimension::Dimension;
pub use error::UnitError;
pub use input::QuantityInput;
pub use parse::{convert, known_units, parse_quantity, parse_unit, to_si, Unit};

/// Avogadro constant N_A = 6.02214076 × 10²³ mol⁻¹ (exact, SI 2019 / CODATA 2018).
pub const AVOGADRO: f64 = 6.022_140_76e23;
/// Boltzmann constant k = 1.380649 × 10⁻²³ J/K (exact, SI 2019 / CODATA 2018).
pub const BOLTZMANN: f64 = 1.380_649e-23;
/// Molar gas constant R = N_A·k ≈ 8.314462618 J/(mol·K) (exact product, SI 2019 / CODATA 2018).
pub const GAS_CONSTANT: f64 = AVOGADRO * BOLTZMANN;
/// Elementary charge e = 1.602176634 × 10⁻¹⁹ C (exact, SI 2019 / CODATA 2018); also J per eV.
pub const ELEMENTARY_CHARGE: f64 = 1.602_176_634e-19;
/// Standard atmosphere, 101325 Pa (exact by definition, 10th CGPM 1954; NIST SP 811).
pub const ONE_ATM: f64 = 101_325.0;
/// Standard acceleration of gravity g_n = 9.80665 m/s² (exact, 3rd CGPM 1901; NIST SP 811).
pub const STANDARD_GRAVITY: f64 = 9.806_65;
/// 0 °C in kelvin, 273.15 K (exact, SI Brochure 2019, 2.3.1).
pub const ZERO_CELSIUS: f64 = 273.15;
