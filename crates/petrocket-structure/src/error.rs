//! The crate's error type.

use std::path::PathBuf;

/// `Result` with [`StructureError`] as the default error.
pub type Result<T, E = StructureError> = std::result::Result<T, E>;

/// Everything that can go wrong in this crate. Variants carry the physical context
/// (quantity, value, unit, allowed range) so that the message alone tells what to fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StructureError {
    /// An input quantity is non-finite or outside its allowed range,
    /// e.g. "wall thickness 0 m must be > 0 and < the mean radius 0.0525 m".
    #[error("{quantity} {} {unit} must be {requirement}", fmt_num(*.value))]
    InvalidInput {
        /// What the value is (e.g. "wall thickness").
        quantity: &'static str,
        /// The offending value, in `unit`.
        value: f64,
        /// SI unit of `value`.
        unit: &'static str,
        /// The allowed range, in words, with any hint.
        requirement: String,
    },

    /// A temperature-dependent property was asked for outside its data range.
    #[error(
        "material `{material}`: {property} at {temperature_k} K is outside its data range \
         {min_k}–{max_k} K; {hint}"
    )]
    TemperatureOutOfRange {
        /// Material name.
        material: String,
        /// Which property ("Young's modulus", "strength").
        property: &'static str,
        /// Requested temperature, K.
        temperature_k: f64,
        /// Lowest temperature with data, K.
        min_k: f64,
        /// Highest temperature with data, K.
        max_k: f64,
        /// What to do about it.
        hint: &'static str,
    },

    /// A strain rate outside the range where the log-linear rate law is applied.
    #[error(
        "material `{material}`: strain rate {strain_rate_per_s} 1/s is outside \
         {min_per_s}–{max_per_s} 1/s, the range where the log-linear strain-rate law is applied"
    )]
    StrainRateOutOfRange {
        /// Material name.
        material: String,
        /// Requested strain rate, 1/s.
        strain_rate_per_s: f64,
        /// Lowest accepted strain rate, 1/s.
        min_per_s: f64,
        /// Highest accepted strain rate, 1/s.
        max_per_s: f64,
    },

    /// A material entry failed validation.
    #[error("material `{material}`: {field} = {value} is invalid: must be {requirement}")]
    InvalidMaterial {
        /// Material name.
        material: String,
        /// Field (TOML key path) that is wrong.
        field: String,
        /// The offending value, as written.
        value: String,
        /// What it must be.
        requirement: String,
    },

    /// A material value has an empty `source`.
    #[error(
        "material `{material}`: {field} has an empty source; every value must say where it \
         comes from (if it is an assumption, set `assumption = true` and say why)"
    )]
    MissingSource {
        /// Material name.
        material: String,
        /// Field (TOML key path) without a source.
        field: String,
    },

    /// The same material name appears twice in one file.
    #[error("material `{name}` is defined twice in {origin}; names must be unique within a file")]
    DuplicateMaterial {
        /// The duplicated name.
        name: String,
        /// Where the materials came from.
        origin: String,
    },

    /// No material with that name.
    #[error("unknown material `{name}`{}; known materials: {known}", did_you_mean(.suggestion))]
    UnknownMaterial {
        /// The name asked for.
        name: String,
        /// Closest known name, if any is close.
        suggestion: Option<String>,
        /// All known names, comma separated.
        known: String,
    },

    /// No bottle preset with that name.
    #[error("unknown bottle preset `{name}`{}; known presets: {known}", did_you_mean(.suggestion))]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// Closest known name, if any is close.
        suggestion: Option<String>,
        /// All known names, comma separated.
        known: String,
    },

    /// A materials TOML document could not be parsed.
    #[error("cannot parse materials from {origin}: {message}")]
    MaterialsToml {
        /// Where the text came from ("built-in materials.toml" or a path).
        origin: String,
        /// The parser's message (with line and column).
        message: String,
    },

    /// A bottle-profile CSV could not be parsed: names the line, the field and the value.
    #[error("{origin}, line {line}{}: {message}", field_value(.field, .value))]
    ProfileCsv {
        /// Where the text came from (a path or `<string>`).
        origin: String,
        /// 1-based line number in the file (the header is line 1).
        line: usize,
        /// Column name (`z_m`, `r_m`, `t_m`), if the problem is one field.
        field: Option<String>,
        /// The offending text or value, if any.
        value: Option<String>,
        /// What is wrong and what is expected.
        message: String,
    },

    /// A meridian profile is geometrically invalid (rows are numbered from 1, the first data
    /// row after the header).
    #[error(
        "invalid bottle profile {origin}: row {row} (z = {} m, r = {} m): {message}",
        fmt_num(*.z_m),
        fmt_num(*.r_m)
    )]
    InvalidProfile {
        /// Where the profile came from.
        origin: String,
        /// 1-based data row.
        row: usize,
        /// Axial coordinate of the row, m.
        z_m: f64,
        /// Radius of the row, m.
        r_m: f64,
        /// What is wrong, with a hint.
        message: String,
    },

    /// Mesh generation produced an element with a non-positive Jacobian (the wall offset folds).
    #[error(
        "mesh: element {element} near z = {z_m} m, r = {r_m} m has a non-positive Jacobian \
         ({message}); the wall is too thick for the curvature of the meridian there — add rows \
         to smooth the corner or reduce the thickness"
    )]
    InvalidMesh {
        /// 1-based element number (as in an exported CalculiX deck).
        element: usize,
        /// Axial coordinate of the element centre, m.
        z_m: f64,
        /// Radius of the element centre, m.
        r_m: f64,
        /// Details.
        message: String,
    },

    /// An input exceeds a documented size limit (file size, rows, mesh size, time steps;
    /// see [`crate::limits`]): refused before the memory or time is spent. Names the limit
    /// and how to get below it. An input error, not a numerical failure.
    #[error("{quantity}: {value} exceeds the limit of {limit}; {hint}")]
    LimitExceeded {
        /// What was too large (e.g. "mesh degrees of freedom").
        quantity: String,
        /// The requested size.
        value: String,
        /// The limit, with its unit.
        limit: String,
        /// How to reduce the input (or override the limit).
        hint: String,
    },

    /// The solver ran out of memory or of index space (faer `OutOfMemory` or
    /// `IndexOverflow`): the problem is too large for this machine. Not a numerical failure:
    /// reduce the mesh (`--refine`, `--layers`).
    #[error(
        "{stage}: out of memory or index space ({message}); the problem is too large for this \
         machine: reduce the mesh (--refine, --layers)"
    )]
    OutOfResources {
        /// The stage ("sparse Cholesky factorisation", ...).
        stage: &'static str,
        /// What the solver reported.
        message: String,
    },

    /// A numerical failure of the FEM (singular stiffness, non-finite result). Never an input
    /// problem the user could fix by retyping a value; report it as a bug if it persists.
    #[error("numerical failure in {stage}: {message}")]
    Numerical {
        /// The stage ("sparse Cholesky factorisation", "stress recovery", ...).
        stage: &'static str,
        /// What happened.
        message: String,
    },

    /// CalculiX (`ccx`) is not on PATH or could not be started.
    #[error(
        "cannot run CalculiX `{program}`: {message}; install it (Debian/Ubuntu: \
         `apt-get install calculix-ccx`) or use the native engine"
    )]
    CalculixUnavailable {
        /// Program name or path tried.
        program: String,
        /// What went wrong.
        message: String,
    },

    /// CalculiX ran but failed.
    #[error("CalculiX failed ({status}) in {}: {output_tail}", .dir.display())]
    CalculixFailed {
        /// Exit status text.
        status: String,
        /// Working directory (kept for inspection).
        dir: PathBuf,
        /// Last lines of its output.
        output_tail: String,
    },

    /// A CalculiX result file could not be understood.
    #[error("cannot read CalculiX results {}, line {line}: {message}", .path.display())]
    CalculixResults {
        /// The result file.
        path: PathBuf,
        /// 1-based line number (0 when the problem is the file as a whole).
        line: usize,
        /// What is wrong.
        message: String,
    },

    /// A pressure history (CSV `t_s,p_Pa`) is invalid: names the line (1-based, the header
    /// is line 1; 0 for the history as a whole) and the reason.
    #[error("pressure history {origin}, line {line}: {message}")]
    PressureHistory {
        /// Where it came from (a path or `<string>`).
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and what is expected.
        message: String,
    },

    /// A file could not be written.
    #[error("cannot write {}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// A file could not be read.
    #[error("cannot read {}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl StructureError {
    /// Whether the error is a numerical failure (as opposed to bad input or a missing or
    /// failing external tool): the CLI maps it to its "numerical failure" exit code.
    pub fn is_numerical(&self) -> bool {
        matches!(self, StructureError::Numerical { .. })
    }
}

/// Maps a faer sparse Cholesky error: `Numeric` (a non-positive pivot) is a numerical
/// failure with `numeric_hint`; `Generic` (out of memory, index overflow) is
/// [`StructureError::OutOfResources`], never a numerical failure.
pub(crate) fn llt_error(
    stage: &'static str,
    e: faer::sparse::linalg::LltError,
    numeric_hint: &str,
) -> StructureError {
    match e {
        faer::sparse::linalg::LltError::Generic(g) => StructureError::OutOfResources {
            stage,
            message: format!("{g:?}"),
        },
        other => StructureError::Numerical {
            stage,
            message: format!("{other:?}: {numeric_hint}"),
        },
    }
}

/// Maps a faer sparse-matrix creation error: allocation or index overflow is
/// [`StructureError::OutOfResources`]; an out-of-bounds index is an internal (numerical
/// stage) failure.
pub(crate) fn creation_error(
    stage: &'static str,
    e: faer::sparse::CreationError,
) -> StructureError {
    match e {
        faer::sparse::CreationError::Generic(g) => StructureError::OutOfResources {
            stage,
            message: format!("{g:?}"),
        },
        other => StructureError::Numerical {
            stage,
            message: format!("{other:?}"),
        },
    }
}

/// A number for a message: plain (`0.0525`, `-1`) for ordinary magnitudes, exponent
/// notation (`1e300`) for very large or small ones, so that an absurd input does not print
/// 300 digits.
pub(crate) fn fmt_num(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || (1e-4..1e7).contains(&v.abs()) {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

fn field_value(field: &Option<String>, value: &Option<String>) -> String {
    match (field, value) {
        (Some(f), Some(v)) => format!(", field `{f}` = `{v}`"),
        (Some(f), None) => format!(", field `{f}`"),
        (None, Some(v)) => format!(", `{v}`"),
        (None, None) => String::new(),
    }
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_deref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// Closest candidate to `name` for "did you mean" hints (the project's one metric,
/// `petrocket_units::suggest`).
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    petrocket_units::suggest::closest(name, candidates).map(str::to_string)
}

/// Checks that `value` is finite and > 0.
pub(crate) fn positive(quantity: &'static str, value: f64, unit: &'static str) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(StructureError::InvalidInput {
            quantity,
            value,
            unit,
            requirement: "finite and > 0".into(),
        })
    }
}

/// Checks that a gauge pressure is finite and ≥ 0.
pub(crate) fn gauge_pressure(value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(StructureError::InvalidInput {
            quantity: "gauge pressure",
            value,
            unit: "Pa",
            requirement: "finite and ≥ 0 (gauge = internal − external absolute pressure; \
                          external overpressure means buckling, which these formulas do not cover)"
                .into(),
        })
    }
}

/// Checks `0 < t < r` for a wall thickness against a (mean) radius that is already valid.
pub(crate) fn thickness_below(t: f64, r: f64, radius_name: &str) -> Result<f64> {
    if t.is_finite() && t > 0.0 && t < r {
        Ok(t)
    } else {
        Err(StructureError::InvalidInput {
            quantity: "wall thickness",
            value: t,
            unit: "m",
            requirement: format!("> 0 and < the {radius_name} {r} m"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thickness_message_is_helpful() {
        let e = thickness_below(0.0, 0.0525, "mean radius").unwrap_err();
        assert_eq!(
            e.to_string(),
            "wall thickness 0 m must be > 0 and < the mean radius 0.0525 m"
        );
    }

    #[test]
    fn closest_finds_typos_and_case() {
        let names = ["pet-oriented", "pet-amorphous", "hdpe"];
        assert_eq!(
            closest("pet-orientd", names).as_deref(),
            Some("pet-oriented")
        );
        assert_eq!(closest("HDPE", names).as_deref(), Some("hdpe"));
        assert_eq!(closest("titanium", names), None);
    }

    #[test]
    fn issue20_out_of_memory_is_not_a_numerical_failure() {
        use faer::sparse::{linalg::LltError, CreationError, FaerError};
        for g in [FaerError::OutOfMemory, FaerError::IndexOverflow] {
            let e = llt_error("factorisation", LltError::Generic(g), "hint");
            assert!(!e.is_numerical(), "{e}");
            assert!(e.to_string().contains("--refine"), "{e}");
            let e = creation_error("assembly", CreationError::Generic(g));
            assert!(!e.is_numerical(), "{e}");
        }
        let e = llt_error(
            "factorisation",
            LltError::Numeric(
                faer::linalg::cholesky::llt::factor::LltError::NonPositivePivot { index: 3 },
            ),
            "not positive definite",
        );
        assert!(e.is_numerical(), "{e}");
    }

    #[test]
    fn rejects_nan_and_negative() {
        assert!(positive("radius", f64::NAN, "m").is_err());
        assert!(positive("radius", -1.0, "m").is_err());
        assert!(gauge_pressure(f64::INFINITY).is_err());
        assert!(gauge_pressure(-1.0).is_err());
        assert!(gauge_pressure(0.0).is_ok());
    }
}
