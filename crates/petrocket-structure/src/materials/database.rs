//! The materials database: built-in data plus user files merged by name.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Material;
use crate::error::{closest, Result, StructureError};
use crate::limits::{read_text_limited, truncate_token, MAX_INPUT_FILE_BYTES, MAX_QUOTED_CHARS};

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

    /// Reads, parses and validates a materials file of at most
    /// [`MAX_INPUT_FILE_BYTES`] (8 MiB, read through `Read::take`: `/dev/zero` or a FIFO
    /// stops at the limit). Parse errors name the line and column and quote at most the
    /// offending token (40 characters), never the file's lines.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = read_text_limited(path, "materials file", MAX_INPUT_FILE_BYTES)?;
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
                message: toml_message(text, &e),
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

/// A TOML error message without the source line that `toml`'s `Display` quotes: the line
/// and column of the error, the parser's message with every quoted token cut to 40
/// characters, and the offending token (the text of the error's span, first line only,
/// cut to 40 characters).
fn toml_message(text: &str, e: &toml::de::Error) -> String {
    let mut out = String::new();
    if let Some(span) = e.span() {
        let start = span.start.min(text.len());
        let before = text.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        out.push_str(&format!("line {line}, column {col}: "));
    }
    out.push_str(&sanitize_quotes(e.message().lines().next().unwrap_or("")));
    if let Some(token) = e
        .span()
        .and_then(|s| text.get(s))
        .and_then(|t| t.lines().next())
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        out.push_str(&format!(
            " (at `{}`)",
            truncate_token(token, MAX_QUOTED_CHARS)
        ));
    }
    out
}

/// Cuts every run between quotes (`"…"`, `` `…` ``) of `message` to 40 characters, so
/// that a value echoed by the deserializer does not reproduce a file's content.
fn sanitize_quotes(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut run = String::new();
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push_str(&truncate_token(&run, MAX_QUOTED_CHARS));
                out.push(c);
                run.clear();
                quote = None;
            }
            Some(_) => run.push(c),
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    quote = Some(c);
                }
            }
        }
    }
    out.push_str(&truncate_token(&run, MAX_QUOTED_CHARS));
    truncate_token(&out, 400)
}

impl<'a> IntoIterator for &'a MaterialDb {
    type Item = &'a Material;
    type IntoIter = std::slice::Iter<'a, Material>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
