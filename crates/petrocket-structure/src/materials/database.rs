//! The materials database: built-in data plus user files merged by name.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Material;
use crate::error::{closest, Result, StructureError};

/// The built-in materials file, as embedded in the library.
pub const BUILTIN_MATERIALS_TOML: &str = include_str!("../../data/materials.toml");

/// Layout of a materials TOML file: an array of `[[material]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MaterialsFile {
    #[serde(default)]
    material: Vec<Material>,
}

/// An ordered set of validated materials with unique names.
///
/// Iteration order is stable: the order of the built-in file, then materials added by
/// merges in the order of their files. Merging replaces a material of the same name
/// *as a whole* (keeping its position) and appends new names.
///
/// It serialises in the layout of the materials file (`[[material]]` tables).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialDb {
    #[serde(rename = "material")]
    materials: Vec<Material>,
}

impl MaterialDb {
    /// The built-in materials (`data/materials.toml`, embedded at compile time).
    pub fn builtin() -> Self {
        Self::parse(BUILTIN_MATERIALS_TOML, "built-in materials.toml")
            .expect("the embedded materials.toml is valid (checked by the crate's tests)")
    }

    /// Parses and validates materials from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        Self::parse(text, "TOML text")
    }

    /// Reads, parses and validates a materials file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| StructureError::Io {
            path: path.into(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Loads a user file and merges it into `self` (see [`Self::merge`]).
    /// On error `self` is unchanged.
    pub fn load_and_merge(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let other = Self::load(path)?;
        self.merge(other);
        Ok(())
    }

    /// Merges `other` into `self`: same-name materials are replaced whole, new ones appended.
    pub fn merge(&mut self, other: MaterialDb) {
        other.materials.into_iter().for_each(|m| self.put(m));
    }

    /// Validates `material` and adds it, replacing a material of the same name in place.
    pub fn insert(&mut self, material: Material) -> Result<()> {
        material.validate()?;
        self.put(material);
        Ok(())
    }

    fn put(&mut self, m: Material) {
        match self.materials.iter_mut().find(|x| x.name == m.name) {
            Some(slot) => *slot = m,
            None => self.materials.push(m),
        }
    }

    /// The material called `name` (exact match), or an error with a "did you mean" hint.
    pub fn get(&self, name: &str) -> Result<&Material> {
        self.materials
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| StructureError::UnknownMaterial {
                name: name.into(),
                suggestion: closest(name, self.names()),
                known: self.names().join(", "),
            })
    }

    /// Material names in iteration order.
    pub fn names(&self) -> Vec<&str> {
        self.materials.iter().map(|m| m.name.as_str()).collect()
    }

    /// Materials in a stable order (see the type docs).
    pub fn iter(&self) -> std::slice::Iter<'_, Material> {
        self.materials.iter()
    }

    /// Number of materials.
    pub fn len(&self) -> usize {
        self.materials.len()
    }

    /// Whether there are no materials.
    pub fn is_empty(&self) -> bool {
        self.materials.is_empty()
    }

    fn parse(text: &str, origin: &str) -> Result<Self> {
        let file: MaterialsFile =
            toml::from_str(text).map_err(|e| StructureError::MaterialsToml {
                origin: origin.into(),
                message: e.to_string(),
            })?;
        for (i, m) in file.material.iter().enumerate() {
            m.validate()?;
            if file.material[..i].iter().any(|x| x.name == m.name) {
                return Err(StructureError::DuplicateMaterial {
                    name: m.name.clone(),
                    origin: origin.into(),
                });
            }
        }
        Ok(Self {
            materials: file.material,
        })
    }
}

impl<'a> IntoIterator for &'a MaterialDb {
    type Item = &'a Material;
    type IntoIter = std::slice::Iter<'a, Material>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
