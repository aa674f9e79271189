//! Mechanisms shipped inside the binary.

/// Bundled mechanisms: (name, YAML text).
///
/// - `h2o2`: H2/O2 subset of GRI-Mech 3.0 (Smith et al., 1999) as distributed with Cantera
///   3.2.0 (`h2o2.yaml`, with N2 and Ar), plus inert helium; see the file's description.
pub const BUNDLED: &[(&str, &str)] = &[("h2o2", include_str!("../../data/mechanisms/h2o2.yaml"))];

/// Names of the bundled mechanisms.
pub fn bundled_mechanism_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}
