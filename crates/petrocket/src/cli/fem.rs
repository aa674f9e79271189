//! `petrocket fem (--profile FILE.csv | --preset 2L) --pressure P ...`: static axisymmetric
//! FEM of a bottle wall under internal gauge pressure, native or CalculiX.

use anyhow::Context;
use clap::{ArgGroup, Args, ValueEnum};
use petrocket::studies::fem::{
    FemInput, FemModel, FemReport, DEFAULT_MATERIAL, DEFAULT_WALL_TEMPERATURE_K,
};
use petrocket_structure::fem::{Closure, Engine, MeshOptions};
use petrocket_structure::geometry::{preset_profile, Profile};
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::StructureError;
use petrocket_units::{Dimension, QuantityInput};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which solver runs the static problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// The embedded axisymmetric solver (CAX8 elements, sparse Cholesky).
    Native,
    /// CalculiX `ccx` on the same mesh (must be on PATH, or set PETROCKET_CCX).
    Calculix,
}

/// How the top of an open neck is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CapArg {
    /// The cap's axial end load p·π·r_i² as a uniform pull on the neck's top edge.
    EndLoad,
    /// A flat plate of the wall's material, thickness --cap-thickness, tied to the neck's
    /// top edge and loaded by the pressure on its lower face.
    Plate,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("geometry").required(true).args(["profile", "preset"])))]
pub struct FemArgs {
    /// Bottle profile CSV with header `z_m,r_m,t_m` and an optional fourth column `material`
    /// (mid-surface meridian from the base pole upward, SI units: z and r of the mid-surface,
    /// wall thickness t; a material name per row for material regions).
    #[arg(long)]
    profile: Option<PathBuf>,
    /// Parametric bottle preset: 0.5L, 1L, 1.5L or 2L.
    #[arg(long)]
    preset: Option<String>,
    /// Internal GAUGE pressure (internal minus external), Pa or with a unit ("10 bar").
    #[arg(long, allow_hyphen_values = true)]
    pressure: QuantityInput,
    /// Material from the database (`petrocket materials`); default pet-oriented. Its
    /// Young's modulus is taken at --temperature.
    #[arg(long)]
    material: Option<String>,
    /// A user materials TOML file merged over the built-in database.
    #[arg(long)]
    materials_file: Option<PathBuf>,
    /// Wall temperature for the material's E(T) (default 23 degC).
    #[arg(long, allow_hyphen_values = true)]
    temperature: Option<QuantityInput>,
    /// Young's modulus, overrides the material's (Pa or with a unit, "4.5 GPa").
    #[arg(long, allow_hyphen_values = true)]
    youngs_modulus: Option<QuantityInput>,
    /// Poisson's ratio, overrides the material's.
    #[arg(long, allow_hyphen_values = true)]
    poisson: Option<f64>,
    /// Density, overrides the material's (kg/m^3 or with a unit).
    #[arg(long, allow_hyphen_values = true)]
    density: Option<QuantityInput>,
    /// Report the hoop stress through the wall at this height (m or with a unit, "150 mm"):
    /// the first crossing of the mid-surface from the base pole.
    #[arg(long, allow_hyphen_values = true)]
    probe_z: Option<QuantityInput>,
    /// Solver.
    #[arg(long, value_enum, default_value = "native")]
    engine: EngineArg,
    /// Mesh refinement factor (elements along the meridian and through the wall), 1–64; the
    /// mesh is further limited to 2 000 000 DOFs and an estimated 4 GiB.
    #[arg(long, default_value_t = 1)]
    refine: usize,
    /// Element layers through the wall (before refinement).
    #[arg(long, default_value_t = 2)]
    layers: usize,
    /// One material everywhere: ignore the profile's `material` column (and a preset's
    /// amorphous finish and base gate).
    #[arg(long)]
    uniform_wall: bool,
    /// Closure of an open neck: `end-load` (default) or `plate` (needs --cap-thickness).
    #[arg(long, value_enum, default_value = "end-load")]
    cap: CapArg,
    /// Thickness of the flat-plate cap of `--cap plate` (m or with a unit, "2 mm"; finite,
    /// > 0 and ≤ 1 m).
    #[arg(long, allow_hyphen_values = true, required_if_eq("cap", "plate"))]
    cap_thickness: Option<String>,
    /// Write the model as a CalculiX deck (CAX8) to this file.
    #[arg(long)]
    export_calculix: Option<PathBuf>,
    /// Write the profile (e.g. a preset's geometry) as CSV `z_m,r_m,t_m` to this file.
    #[arg(long)]
    export_profile: Option<PathBuf>,
    /// Write the results along the meridian (stresses at inner/mid/outer surface) as CSV.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
    /// Modal and transient analyses.
    #[command(flatten)]
    dynamics: Box<super::fem_dynamics::DynamicsArgs>,
}

impl FemArgs {
    /// Input files named on the command line, as typed.
    pub fn input_files(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        if let Some(p) = &self.profile {
            v.push(("profile", p.display().to_string()));
        }
        if let Some(p) = &self.materials_file {
            v.push(("materials file", p.display().to_string()));
        }
        v.extend(self.dynamics.input_files());
        v
    }
}

fn write_file(path: &std::path::Path, text: &str, what: &str) -> anyhow::Result<()> {
    petrocket::output::write_atomic(path, text.as_bytes())
        .with_context(|| format!("cannot write {what} {}", path.display()))
}

/// The closure from `--cap` and `--cap-thickness` (validated: exit 3 on bad input).
/// A non-finite number (`nan`, `inf`) reaches the range check so that the message names
/// the allowed range.
fn closure(cap: CapArg, thickness: Option<&str>) -> anyhow::Result<Closure> {
    let t = thickness
        .map(|s| -> anyhow::Result<f64> {
            match s.trim().parse::<f64>() {
                Ok(v) if !v.is_finite() => Ok(v),
                _ => s
                    .parse::<QuantityInput>()
                    .and_then(|q| q.to_si(Dimension::LENGTH))
                    .context("--cap-thickness"),
            }
        })
        .transpose()?;
    let closure = match (cap, t) {
        (CapArg::Plate, Some(thickness_m)) => Closure::FlatPlate { thickness_m },
        (CapArg::Plate, None) => unreachable!("clap requires --cap-thickness with --cap plate"),
        (CapArg::EndLoad, None) => Closure::EndLoad,
        (CapArg::EndLoad, Some(t)) => {
            return Err(StructureError::InvalidInput {
                quantity: "cap plate thickness",
                value: t,
                unit: "m",
                requirement: "given only with --cap plate (the default end-load cap has no \
                              thickness)"
                    .into(),
            })
            .context("--cap-thickness");
        }
    };
    if let Closure::FlatPlate { thickness_m } = closure {
        // Same check as the mesher, here to name the option.
        Closure::FlatPlate { thickness_m }
            .validate()
            .context("--cap-thickness")?;
    }
    Ok(closure)
}

pub fn run(a: FemArgs) -> anyhow::Result<ExitCode> {
    let input = a.input()?;
    let mut observer = super::fem_dynamics::CliObserver::new();
    let model = FemModel::new(&input, &mut observer)?;
    if let Some(path) = &a.export_profile {
        let comment = format!(
            "bottle profile from petrocket {} ({}): mid-surface meridian from the base pole, \
             wall thickness; SI units",
            env!("CARGO_PKG_VERSION"),
            model.profile.origin()
        );
        write_file(
            path,
            &model.profile.to_csv_string(&[&comment]),
            "profile CSV",
        )?;
    }
    if let Some(path) = &a.export_calculix {
        write_file(path, &model.calculix_deck(), "CalculiX deck")?;
    }
    let report = model.solve(&mut observer)?;
    super::fem_dynamics::write_csvs(&a.dynamics, &report)?;
    if let Some(path) = &a.csv {
        write_file(path, &report.solution.meridian_csv(), "results CSV")?;
    }
    if a.json {
        super::print_json(&report)?;
    } else {
        print_text(&report);
    }
    Ok(ExitCode::SUCCESS)
}

impl FemArgs {
    /// The study's input: flags converted to SI (each error naming its flag), the profile
    /// and the materials file read here.
    fn input(&self) -> anyhow::Result<FemInput> {
        let a = self;
        let pressure_pa = a
            .pressure
            .to_si(Dimension::PRESSURE)
            .context("--pressure")?;
        let profile = match (&a.profile, &a.preset) {
            (Some(path), _) => Profile::load_csv(path)?,
            (None, Some(name)) => preset_profile(name)?,
            (None, None) => unreachable!("clap requires --profile or --preset"),
        };
        let mut materials = MaterialDb::builtin();
        if let Some(f) = &a.materials_file {
            materials.load_and_merge(f)?;
        }
        let temperature_k = match &a.temperature {
            Some(t) => t.to_si(Dimension::TEMPERATURE).context("--temperature")?,
            None => DEFAULT_WALL_TEMPERATURE_K,
        };
        let youngs_modulus_pa = a
            .youngs_modulus
            .as_ref()
            .map(|q| q.to_si(Dimension::PRESSURE).context("--youngs-modulus"))
            .transpose()?;
        let density_kg_m3 = a
            .density
            .as_ref()
            .map(|q| q.to_si(Dimension::DENSITY).context("--density"))
            .transpose()?;
        let probe_z_m = a
            .probe_z
            .as_ref()
            .map(|q| q.to_si(Dimension::LENGTH).context("--probe-z"))
            .transpose()?;
        let closure = closure(a.cap, a.cap_thickness.as_deref())?;
        Ok(FemInput {
            profile,
            uniform_wall: a.uniform_wall,
            materials,
            material: a
                .material
                .clone()
                .unwrap_or_else(|| DEFAULT_MATERIAL.to_string()),
            temperature_k,
            youngs_modulus_pa,
            poisson_ratio: a.poisson,
            density_kg_m3,
            pressure_pa,
            probe_z_m,
            engine: match a.engine {
                EngineArg::Native => Engine::Native,
                EngineArg::Calculix => Engine::Calculix,
            },
            mesh: MeshOptions {
                refine: a.refine,
                layers: a.layers,
                closure,
                ..MeshOptions::default()
            },
            dynamics: a.dynamics.input()?,
        })
    }
}

/// The text output of `petrocket fem` (profile warnings on stderr).
fn print_text(r: &FemReport) {
    for w in &r.profile.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "{} — {} engine, gauge pressure {:.4e} Pa",
        r.profile.origin,
        match r.engine {
            Engine::Native => "native",
            Engine::Calculix => "CalculiX",
        },
        r.pressure_gauge_Pa
    );
    println!(
        "  volume {:.4} L, wall mass {:.1} g ({}), height {:.1} mm, mouth area {:.1} mm²",
        r.profile.internal_volume_m3 * 1e3,
        r.profile.wall_mass_kg * 1e3,
        r.material.name,
        r.profile.height_m * 1e3,
        r.profile.mouth_area_m2 * 1e6
    );
    println!(
        "  mesh: {} CAX8 elements ({} x {} layers), {} nodes",
        r.mesh.elements, r.mesh.elements_along, r.mesh.layers, r.mesh.nodes
    );
    let peaks = &r.solution.peaks;
    for (name, pk) in [
        ("hoop", peaks.hoop),
        ("meridional", peaks.meridional),
        ("von Mises", peaks.von_mises),
    ] {
        println!(
            "  max {name:<10} {:>10.2} MPa at z = {:.2} mm (r = {:.2} mm, {} surface)",
            pk.value_pa / 1e6,
            pk.z_m * 1e3,
            pk.r_m * 1e3,
            pk.surface.name()
        );
    }
    if let Some(pl) = &r.cap_plate {
        println!(
            "  cap plate {:.2} mm over r < {:.2} mm: centre deflection {:.4} mm, max von \
             Mises {:.2} MPa at r = {:.2} mm",
            pl.thickness_m * 1e3,
            pl.span_radius_m * 1e3,
            pl.centre_deflection_m * 1e3,
            pl.max_von_mises_stress_Pa / 1e6,
            pl.max_von_mises_stress_r_m * 1e3
        );
    }
    if let Some(pr) = &r.probe {
        println!(
            "  hoop at z = {:.2} mm: inner {:.2} / mid {:.2} / outer {:.2} MPa",
            pr.z_m * 1e3,
            pr.hoop_stress_inner_Pa / 1e6,
            pr.hoop_stress_mid_Pa / 1e6,
            pr.hoop_stress_outer_Pa / 1e6
        );
    }
    for line in super::fem_dynamics::text_lines(r) {
        println!("{line}");
    }
}
