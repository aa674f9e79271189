//! `petrocket materials [--json] [--file FILE]`.

use clap::Args;
use petrocket::studies::materials::materials_listing;
use petrocket_structure::materials::MaterialDb;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct MaterialsArgs {
    /// A user materials TOML file merged over the built-in database.
    #[arg(long)]
    file: Option<PathBuf>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

impl MaterialsArgs {
    /// The user materials file as typed, if any.
    pub fn file_path(&self) -> Option<String> {
        self.file.as_ref().map(|p| p.display().to_string())
    }
}

pub fn run(a: MaterialsArgs) -> anyhow::Result<ExitCode> {
    let mut db = MaterialDb::builtin();
    if let Some(f) = &a.file {
        db.load_and_merge(f)?;
    }
    if a.json {
        super::print_json(&materials_listing(&db))?;
    } else {
        println!(
            "{:<16} {:>10} {:>9} {:>6} {:>10} {:>8}  description",
            "name", "rho kg/m3", "E GPa", "nu", "UTS MPa", "Tg K"
        );
        for m in db.iter() {
            let tg = m
                .glass_transition_k
                .as_ref()
                .map_or("-".to_string(), |c| format!("{:.0}", c.value));
            println!(
                "{:<16} {:>10.0} {:>9.2} {:>6.2} {:>10.0} {:>8}  {}",
                m.name,
                m.density_kg_m3.value,
                m.youngs_modulus_pa.value / 1e9,
                m.poisson_ratio.value,
                m.tensile_strength_pa.value / 1e6,
                tg,
                m.description.lines().next().unwrap_or("")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
