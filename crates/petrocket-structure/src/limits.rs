//! Input limits: the documented bounds on the size of every input of this crate (files,
//! rows, mesh, time steps) and the helpers that check physical ranges.
//!
//! Every limit is checked **before** the memory or the time it guards is spent, and a
//! refused input is a [`StructureError::LimitExceeded`] (or [`StructureError::InvalidInput`]
//! for a value outside its physical range) — an input error, never a numerical failure.
//! The physical ranges of the individual quantities sit next to the types that use them
//! ([`crate::geometry`], [`crate::fem`], [`crate::thermal`], [`crate::bottle`]); the table
//! is in `docs/structure.md`, section "Input limits".
//!
//! Range checks tolerate round-off at the bounds ([`RANGE_TOLERANCE`]): "10 µm" typed with
//! a unit may arrive as `9.999999999999999e-6` m and must not be refused as below 10 µm.

use std::path::Path;

use crate::error::{Result, StructureError};

/// Largest input file (profile CSV, pressure history CSV, materials TOML) read, bytes
/// (8 MiB): a 100 000-row profile is about 4 MiB. Files are read through
/// [`Read::take`](std::io::Read::take), so `/dev/zero` or an endless FIFO stops at the limit.
pub const MAX_INPUT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Relative tolerance of the range checks at their bounds (round-off of unit conversion).
pub const RANGE_TOLERANCE: f64 = 1e-9;

/// Reads a text file of at most `max_bytes` (see [`MAX_INPUT_FILE_BYTES`]); `what` names
/// the file's role in the error ("profile CSV"). A larger file is refused with
/// [`StructureError::LimitExceeded`] without reading more than `max_bytes + 1` bytes.
pub fn read_text_limited(path: &Path, what: &'static str, max_bytes: u64) -> Result<String> {
    use petrocket_units::input_file::{read_text_limited as read, ReadLimitedError as E};
    read(path, max_bytes).map_err(|e| match e {
        E::Io { source, .. } => StructureError::Io {
            path: path.to_path_buf(),
            source,
        },
        E::TooLarge { limit, .. } => StructureError::LimitExceeded {
            quantity: format!("{what} {}", path.display()),
            value: format!("more than {limit} bytes"),
            limit: format!(
                "{limit} bytes ({})",
                petrocket_units::input_file::human_bytes(limit)
            ),
            hint: "this is not a plausible input file (check the path); split or thin the data"
                .into(),
        },
        E::NotUtf8 { offset, .. } => StructureError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not UTF-8 text (invalid byte at offset {offset})"),
            ),
        },
    })
}

/// Whether `value` lies in `[lo, hi]` with the relative tolerance [`RANGE_TOLERANCE`]
/// at both bounds (NaN is never inside).
pub fn within(value: f64, lo: f64, hi: f64) -> bool {
    value.is_finite()
        && value >= lo - RANGE_TOLERANCE * lo.abs()
        && value <= hi + RANGE_TOLERANCE * hi.abs()
}

/// A physical range of an input: `[min, max]` in `unit`, with the physical reason for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// What the value is ("heat flux").
    pub quantity: &'static str,
    /// SI unit.
    pub unit: &'static str,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Why (shown in the error).
    pub reason: &'static str,
}

impl Range {
    /// `value` if inside the range (see [`within`]), else an
    /// [`StructureError::InvalidInput`] naming the quantity, value, unit, range and reason.
    pub fn check(&self, value: f64) -> Result<f64> {
        if within(value, self.min, self.max) {
            Ok(value)
        } else {
            Err(StructureError::InvalidInput {
                quantity: self.quantity,
                value,
                unit: self.unit,
                requirement: format!(
                    "within {} … {} {} ({})",
                    self.min, self.max, self.unit, self.reason
                ),
            })
        }
    }
}

/// Truncates `text` to at most `max_chars` characters (adding `…`), for quoting an
/// offending token from a user file without echoing the file.
pub(crate) fn truncate_token(text: &str, max_chars: usize) -> String {
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

/// Longest quoted token from a user file in an error message, characters.
pub(crate) const MAX_QUOTED_CHARS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_tolerates_round_off_at_the_bounds() {
        let up = f64::from_bits(1e-5f64.to_bits() + 1); // "10 mL" → 1.0000000000000001e-5
        let down = f64::from_bits(1e-5f64.to_bits() - 1);
        assert!(within(up, 1e-6, 1e-5));
        assert!(within(down, 1e-5, 1e-2));
        assert!(!within(1.1e-5, 1e-6, 1e-5));
        assert!(!within(f64::NAN, 0.0, 1.0));
        assert!(within(0.0, 0.0, 1.0));
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate_token("abc", 5), "abc");
        assert_eq!(truncate_token("abcdef", 3), "abc…");
    }
}
