//! Chemical elements and their atomic weights.

/// Standard atomic weights (g/mol = kg/kmol), IUPAC/CIAAW conventional values as tabulated by
/// Cantera 3.x (`src/thermo/Elements.cpp`), so that molecular weights, mass fractions and
/// densities agree with Cantera to round-off. Isotopes D and T and the electron `E` included.
const ATOMIC_WEIGHTS: &[(&str, f64)] = &[
    ("H", 1.008),
    ("D", 2.014101778),
    ("Tr", 3.0160492779),
    ("He", 4.002602),
    ("Li", 6.94),
    ("Be", 9.0121831),
    ("B", 10.81),
    ("C", 12.011),
    ("N", 14.007),
    ("O", 15.999),
    ("F", 18.998403163),
    ("Ne", 20.1797),
    ("Na", 22.98976928),
    ("Mg", 24.305),
    ("Al", 26.9815384),
    ("Si", 28.085),
    ("P", 30.973761998),
    ("S", 32.06),
    ("Cl", 35.45),
    ("Ar", 39.95),
    ("K", 39.0983),
    ("Ca", 40.078),
    ("Ti", 47.867),
    ("Cr", 51.9961),
    ("Fe", 55.845),
    ("Ni", 58.6934),
    ("Cu", 63.546),
    ("Zn", 65.38),
    ("Br", 79.904),
    ("Kr", 83.798),
    ("I", 126.90447),
    ("Xe", 131.293),
    ("E", 5.485799090e-4),
];

/// Standard atomic weight of `symbol` in kg/mol, case-insensitive for the symbol
/// (Cantera YAML files write `Ar`, `AR` and `ar` alike).
pub fn atomic_weight_kg_per_mol(symbol: &str) -> Option<f64> {
    ATOMIC_WEIGHTS
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(symbol))
        .map(|(_, w)| w * 1e-3)
}

/// A chemical element of a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Symbol as written in the mechanism (e.g. `Ar`).
    pub symbol: String,
    /// Atomic weight (kg/mol).
    pub atomic_weight_kg_per_mol: f64,
}
