//! PET Rocket Simulator: will a hydrogen/oxygen PET bottle fly or burst?
//!
//! This crate composes the physics crates into the main job ([`pipeline::run`]): read a TOML
//! [`Config`], compute the closed-vessel (AICC) peak pressure with `petrocket-chem`, the
//! sidewall burst pressure with `petrocket-structure`, screen for detonation, and return an
//! [`Assessment`] with a [`Verdict`] and every assumption that drove it. The `petrocket`
//! binary wraps it in a CLI.
//!
//! A failed or non-finite computation is an error, never a `safe` verdict.
//!
//! The tool subcommands (`petrocket fem`, `thermal`, `chem …`, `materials`) are library
//! functions too, in [`studies`]: typed input, a `Serialize` result that is the command's
//! JSON.
//!
//! Also here: [`validation`], the suite behind `petrocket validate` (published values and
//! Cantera golden data, each with its source and tolerance); [`report`], the crash and bug
//! reports; [`build_info`], version, commit, compiler and target. The library never prints:
//! it logs with `tracing` (per-stage timing of [`pipeline::run`] at debug level) and the
//! binary decides where logs go.

#![deny(missing_docs)]
#![allow(non_snake_case)] // unit suffixes in output field names: pressure_Pa, temperature_K

pub mod build_info;
pub mod config;
pub mod error;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod safety;
pub mod screening;
pub mod studies;
pub mod validation;

pub use config::{Config, SafetyConfig};
pub use error::{PipelineError, Result};
pub use pipeline::{run, Assessment};
pub use safety::Verdict;
