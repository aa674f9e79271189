//! The materials listing behind `petrocket materials`: every material of a database with
//! its room-temperature values and the source of each value.

use petrocket_structure::materials::MaterialDb;
use serde::Serialize;

/// Result of [`materials_listing`]: the JSON of `petrocket materials --json`.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialsListing {
    /// Every material, in database order.
    pub materials: Vec<MaterialEntry>,
}

/// One material.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct MaterialEntry {
    pub name: String,
    pub description: String,
    pub density_kg_m3: f64,
    pub youngs_modulus_Pa: f64,
    pub poisson_ratio: f64,
    pub tensile_strength_Pa: f64,
    pub glass_transition_K: Option<f64>,
    pub weibull_modulus: f64,
    /// The source of every value.
    pub citations: Vec<CitationEntry>,
}

/// The source of one value.
#[derive(Debug, Clone, Serialize)]
pub struct CitationEntry {
    /// Field name (TOML key path).
    pub field: &'static str,
    /// The source text.
    pub source: String,
    /// Whether the value is an assumption.
    pub assumption: bool,
}

/// Lists the materials of `db` (the built-in database, possibly merged with a user file).
pub fn materials_listing(db: &MaterialDb) -> MaterialsListing {
    MaterialsListing {
        materials: db
            .iter()
            .map(|m| MaterialEntry {
                name: m.name.clone(),
                description: m.description.clone(),
                density_kg_m3: m.density_kg_m3.value,
                youngs_modulus_Pa: m.youngs_modulus_pa.value,
                poisson_ratio: m.poisson_ratio.value,
                tensile_strength_Pa: m.tensile_strength_pa.value,
                glass_transition_K: m.glass_transition_k.as_ref().map(|c| c.value),
                weibull_modulus: m.weibull_modulus.value,
                citations: m
                    .citations()
                    .iter()
                    .map(|c| CitationEntry {
                        field: c.field,
                        source: c.source.to_string(),
                        assumption: c.assumption,
                    })
                    .collect(),
            })
            .collect(),
    }
}
