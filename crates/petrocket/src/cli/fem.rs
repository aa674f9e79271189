//! `petrocket fem (--profile FILE.csv | --preset 2L) --pressure P ...`: static axisymmetric
//! FEM of a bottle wall under internal gauge pressure, native or CalculiX.

use anyhow::Context;
use clap::{ArgGroup, Args, ValueEnum};
use petrocket_structure::calculix;
use petrocket_structure::failure::WallMaterials;
use petrocket_structure::fem::{
    solve_mesh, validate_gauge_pressure, Closure, ElasticMaterial, Mesh, MeshOptions, Peak,
    StaticSolution,
};
use petrocket_structure::geometry::{preset_profile, Profile};
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::StructureError;
use petrocket_units::{Dimension, QuantityInput};
use serde_json::{json, Value};
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

fn peak_json(prefix: &str, p: &Peak, out: &mut serde_json::Map<String, Value>) {
    out.insert(format!("max_{prefix}_stress_Pa"), json!(p.value_pa));
    out.insert(format!("max_{prefix}_stress_z_m"), json!(p.z_m));
    out.insert(format!("max_{prefix}_stress_r_m"), json!(p.r_m));
    out.insert(format!("max_{prefix}_stress_s_m"), json!(p.s_m));
    out.insert(
        format!("max_{prefix}_stress_surface"),
        json!(p.surface.name()),
    );
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
    let p = a
        .pressure
        .to_si(Dimension::PRESSURE)
        .context("--pressure")?;
    let profile = match (&a.profile, &a.preset) {
        (Some(path), _) => Profile::load_csv(path)?,
        (None, Some(name)) => preset_profile(name)?,
        (None, None) => unreachable!("clap requires --profile or --preset"),
    };
    let profile = if a.uniform_wall {
        profile.uniform()
    } else {
        profile
    };
    let mut db = MaterialDb::builtin();
    if let Some(f) = &a.materials_file {
        db.load_and_merge(f)?;
    }
    let material_name = a.material.as_deref().unwrap_or("pet-oriented");
    let t_k = match &a.temperature {
        Some(t) => t.to_si(Dimension::TEMPERATURE).context("--temperature")?,
        None => 296.15,
    };
    let base = ElasticMaterial::from_material(db.get(material_name)?, t_k)?;
    let e = match &a.youngs_modulus {
        Some(q) => q.to_si(Dimension::PRESSURE).context("--youngs-modulus")?,
        None => base.youngs_modulus_pa,
    };
    let rho = match &a.density {
        Some(q) => q.to_si(Dimension::DENSITY).context("--density")?,
        None => base.density_kg_m3,
    };
    let material = ElasticMaterial::new(e, a.poisson.unwrap_or(base.poisson_ratio), rho)?;
    let probe_z = a
        .probe_z
        .as_ref()
        .map(|q| q.to_si(Dimension::LENGTH).context("--probe-z"))
        .transpose()?;
    let closure = closure(a.cap, a.cap_thickness.as_deref())?;
    let options = MeshOptions {
        refine: a.refine,
        layers: a.layers,
        closure,
        ..MeshOptions::default()
    };
    let p = validate_gauge_pressure(p)?;
    // Material regions of the profile (CSV column `material`): database materials at the
    // same temperature; --youngs-modulus/--poisson/--density override the default only.
    profile.check_materials(&db.names())?;
    // Refused before allocation if above the documented mesh limits (exit 3).
    let mut mesh = Mesh::new(&profile, &options)?;
    if mesh.dofs() > 200_000
        && tracing::level_filters::LevelFilter::current()
            >= tracing::level_filters::LevelFilter::WARN
    {
        let est = mesh.size_estimate();
        eprintln!(
            "note: large mesh ({} elements, {} DOFs, about {:.1} GB for a static solve): this \
             takes a while",
            est.elements,
            est.dofs,
            est.memory_bytes as f64 / 1e9
        );
    }
    mesh.assign_region_materials(&mut |n| ElasticMaterial::from_material(db.get(n)?, t_k))?;
    let region_materials = mesh
        .region_names
        .iter()
        .map(|n| db.get(n))
        .collect::<Result<Vec<_>, _>>()?;
    let wall_materials = WallMaterials {
        default: db.get(material_name)?,
        regions: region_materials.clone(),
        station_regions: mesh.station_regions(),
    };
    if let Some(path) = &a.export_profile {
        let comment = format!(
            "bottle profile from petrocket {} ({}): mid-surface meridian from the base pole, \
             wall thickness; SI units",
            env!("CARGO_PKG_VERSION"),
            profile.origin()
        );
        write_file(path, &profile.to_csv_string(&[&comment]), "profile CSV")?;
    }
    let title = format!(
        "{}; material {material_name} E = {} Pa, nu = {}",
        profile.origin(),
        material.youngs_modulus_pa,
        material.poisson_ratio
    );
    if let Some(path) = &a.export_calculix {
        write_file(
            path,
            &calculix::write_deck(&mesh, &material, p, &title),
            "CalculiX deck",
        )?;
    }
    let dynamics = super::fem_dynamics::run(
        &a.dynamics,
        &mesh,
        &material,
        p,
        probe_z,
        (wall_materials, t_k),
    )?;
    let mut ccx_info = Value::Null;
    let sol: StaticSolution = match a.engine {
        EngineArg::Native => solve_mesh(mesh, &material, p)?,
        EngineArg::Calculix => {
            let run = calculix::solve_calculix(mesh, &material, p, &title)?;
            ccx_info = json!({"version": run.version, "wall_time_s": run.ccx_wall_time_s});
            run.solution
        }
    };
    let probe = probe_z.map(|z| sol.probe(z)).transpose()?;
    if let Some(path) = &a.csv {
        write_file(path, &sol.meridian_csv(), "results CSV")?;
    }
    let wall_mass = profile.wall_mass_regions_kg(material.density_kg_m3, &mut |n| {
        Ok(db.get(n)?.density_kg_m3.value)
    })?;
    let regions_json: Vec<Value> = region_materials
        .iter()
        .map(|m| -> anyhow::Result<Value> {
            let e = ElasticMaterial::from_material(m, t_k)?;
            Ok(json!({
                "name": m.name,
                "youngs_modulus_Pa": e.youngs_modulus_pa,
                "poisson_ratio": e.poisson_ratio,
                "density_kg_m3": e.density_kg_m3,
            }))
        })
        .collect::<anyhow::Result<_>>()?;
    if a.json {
        let mut out = serde_json::Map::new();
        out.insert("engine".into(), json!(sol.engine));
        out.insert("pressure_gauge_Pa".into(), json!(p));
        out.insert(
            "profile".into(),
            json!({
                "origin": profile.origin(),
                "rows": profile.rows().len(),
                "closed_top": profile.is_closed_top(),
                "internal_volume_m3": profile.internal_volume_m3(),
                "wall_mass_kg": wall_mass,
                "inner_area_m2": profile.inner_area_m2(),
                "outer_area_m2": profile.outer_area_m2(),
                "mouth_area_m2": profile.mouth_area_m2(),
                "height_m": profile.height_m(),
                "warnings": profile.warnings(),
            }),
        );
        out.insert(
            "material".into(),
            json!({
                "name": material_name,
                "temperature_K": t_k,
                "youngs_modulus_Pa": material.youngs_modulus_pa,
                "poisson_ratio": material.poisson_ratio,
                "density_kg_m3": material.density_kg_m3,
            }),
        );
        out.insert("regions".into(), Value::Array(regions_json));
        out.insert(
            "mesh".into(),
            json!({
                "element": "CAX8",
                "elements": sol.mesh.elements.len(),
                "nodes": sol.mesh.nodes.len(),
                "elements_along": sol.mesh.elements_along,
                "layers": sol.mesh.layers,
                "refine": options.refine,
            }),
        );
        peak_json("hoop", &sol.peaks.hoop, &mut out);
        peak_json("meridional", &sol.peaks.meridional, &mut out);
        peak_json("von_mises", &sol.peaks.von_mises, &mut out);
        out.insert("cap_load_N".into(), json!(sol.cap_load_n));
        out.insert("closure".into(), json!(options.closure));
        if let Some(pl) = &sol.plate {
            out.insert(
                "cap_plate".into(),
                json!({
                    "thickness_m": pl.thickness_m,
                    "span_radius_m": pl.span_radius_m,
                    "centre_deflection_m": pl.centre_deflection_m,
                    "centre_radial_stress_lower_Pa": pl.points[0].radial_pa.inner,
                    "centre_radial_stress_upper_Pa": pl.points[0].radial_pa.outer,
                    "max_von_mises_stress_Pa": pl.max_von_mises_pa,
                    "max_von_mises_stress_r_m": pl.max_von_mises_r_m,
                }),
            );
        }
        out.insert("reaction_force_N".into(), json!(sol.reaction_force_n));
        if let Some(pr) = probe {
            out.insert(
                "probe".into(),
                json!({
                    "z_m": pr.z_m,
                    "s_m": pr.s_m,
                    "r_m": pr.r_m,
                    "hoop_stress_inner_Pa": pr.hoop_pa.inner,
                    "hoop_stress_mid_Pa": pr.hoop_pa.mid,
                    "hoop_stress_outer_Pa": pr.hoop_pa.outer,
                }),
            );
        }
        if !ccx_info.is_null() {
            out.insert("calculix".into(), ccx_info);
        }
        out.extend(dynamics.json);
        println!("{}", Value::Object(out));
    } else {
        for w in profile.warnings() {
            eprintln!("warning: {w}");
        }
        println!(
            "{} — {} engine, gauge pressure {:.4e} Pa",
            profile.origin(),
            match sol.engine {
                petrocket_structure::fem::Engine::Native => "native",
                petrocket_structure::fem::Engine::Calculix => "CalculiX",
            },
            p
        );
        println!(
            "  volume {:.4} L, wall mass {:.1} g ({}), height {:.1} mm, mouth area {:.1} mm²",
            profile.internal_volume_m3() * 1e3,
            wall_mass * 1e3,
            material_name,
            profile.height_m() * 1e3,
            profile.mouth_area_m2() * 1e6
        );
        println!(
            "  mesh: {} CAX8 elements ({} x {} layers), {} nodes",
            sol.mesh.elements.len(),
            sol.mesh.elements_along,
            sol.mesh.layers,
            sol.mesh.nodes.len()
        );
        for (name, pk) in [
            ("hoop", sol.peaks.hoop),
            ("meridional", sol.peaks.meridional),
            ("von Mises", sol.peaks.von_mises),
        ] {
            println!(
                "  max {name:<10} {:>10.2} MPa at z = {:.2} mm (r = {:.2} mm, {} surface)",
                pk.value_pa / 1e6,
                pk.z_m * 1e3,
                pk.r_m * 1e3,
                pk.surface.name()
            );
        }
        if let Some(pl) = &sol.plate {
            println!(
                "  cap plate {:.2} mm over r < {:.2} mm: centre deflection {:.4} mm, max von \
                 Mises {:.2} MPa at r = {:.2} mm",
                pl.thickness_m * 1e3,
                pl.span_radius_m * 1e3,
                pl.centre_deflection_m * 1e3,
                pl.max_von_mises_pa / 1e6,
                pl.max_von_mises_r_m * 1e3
            );
        }
        if let Some(pr) = probe {
            println!(
                "  hoop at z = {:.2} mm: inner {:.2} / mid {:.2} / outer {:.2} MPa",
                pr.z_m * 1e3,
                pr.hoop_pa.inner / 1e6,
                pr.hoop_pa.mid / 1e6,
                pr.hoop_pa.outer / 1e6
            );
        }
        for line in &dynamics.lines {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
