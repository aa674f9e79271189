//! Studies: the workflows behind the tool subcommands (`petrocket fem`, `thermal`, `chem …`,
//! `materials`, `validate`), one library function each, with typed input and a `Serialize` result.
//!
//! Each function takes data, never paths: a loaded [`Profile`], [`MaterialDb`],
//! [`GasMixture`], pressure history, with every quantity in SI. Files are read by the caller
//! (the CLI uses the bounded readers of `petrocket-units`, `petrocket-structure` and
//! `petrocket-chem`). The result serialises to exactly the JSON object that the command
//! prints with `--json` (keys, nesting, units); fields marked `#[serde(skip)]` carry the full
//! solutions for CSV exports and the text output. Printing, file writing and exit codes stay
//! in the CLI.
//!
//! **Why here and not in the physics crates.** The studies compose several models and make
//! the modelling decisions that the physics crates leave to their caller: the strain rate
//! and the failure tracking of the transient FEM, the region materials and the overrides of
//! the elastic constants, the cell-width band behind the vessel screening, the choice of a
//! ZND computation or a limits-only answer. These are decisions of the application, like
//! the pipeline's ([`crate::pipeline`]), and their results are the tool's output contract
//! (the JSON keys with unit suffixes, as in `summary.json`), which this crate owns. The
//! physics crates keep their own typed APIs; a future Python module or web app calls these
//! functions as the CLI does.
//!
//! [`Profile`]: petrocket_structure::geometry::Profile
//! [`MaterialDb`]: petrocket_structure::materials::MaterialDb
//! [`GasMixture`]: petrocket_chem::GasMixture

pub mod chem;
pub mod fem;
pub mod materials;
pub mod thermal;
pub mod validate;
