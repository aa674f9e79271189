//! `petrocket thermal --heat-flux Q --duration S ...`: transient heating of the wall
//! through its thickness by a constant flux or by burned gas.

use anyhow::Context;
use clap::{ArgGroup, Args};
use petrocket::studies::thermal::{
    check_duration, thermal_study, ThermalInput, WallProperties, DEFAULT_BEAM_LENGTH_M,
    DEFAULT_GAS_PRESSURE_PA, DEFAULT_H2O_MOLE_FRACTION, DEFAULT_INITIAL_TEMPERATURE_K,
    DEFAULT_MATERIAL, DEFAULT_WALL_THICKNESS_M,
};
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::thermal::{GasExposure, InnerBoundary};
use petrocket_units::{Dimension, QuantityInput};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("heating").required(true).args(["heat_flux", "gas_temperature"])))]
pub struct ThermalArgs {
    /// Constant heat flux into the inner surface, W/m^2 or with a unit ("1 MW/m^2").
    #[arg(long, allow_hyphen_values = true)]
    heat_flux: Option<QuantityInput>,
    /// Heat the wall by burned gas at this temperature instead of a given flux (K or with a
    /// unit); convection plus H2O radiation (see docs/structure.md).
    #[arg(long, allow_hyphen_values = true)]
    gas_temperature: Option<QuantityInput>,
    /// Burned-gas pressure (absolute), with --gas-temperature; default 1 MPa.
    #[arg(long, requires = "gas_temperature", allow_hyphen_values = true)]
    gas_pressure: Option<QuantityInput>,
    /// H2O mole fraction of the burned gas, with --gas-temperature; default 0.6.
    #[arg(long, requires = "gas_temperature", allow_hyphen_values = true)]
    h2o_fraction: Option<f64>,
    /// Mean beam length 3.6 V/A of the gas volume, with --gas-temperature; default 0.08 m
    /// (a 2 L bottle).
    #[arg(long, requires = "gas_temperature", allow_hyphen_values = true)]
    beam_length: Option<QuantityInput>,
    /// Convective heat-transfer coefficient W/(m^2 K), with --gas-temperature; default 200.
    #[arg(long, requires = "gas_temperature", allow_hyphen_values = true)]
    convection: Option<f64>,
    /// Heating time, s or with a unit ("10 ms"); at most 10 s (a bottle burn) unless
    /// --allow-long.
    #[arg(long, allow_hyphen_values = true)]
    duration: QuantityInput,
    /// Allow a heating time above 10 s (up to 1e5 s, e.g. a steady state with
    /// --outer-convection).
    #[arg(long)]
    allow_long: bool,
    /// Wall thickness, m or with a unit; default 0.3 mm (2 L sidewall, VALIDATION B7).
    #[arg(long, allow_hyphen_values = true)]
    wall: Option<QuantityInput>,
    /// Material from the database (`petrocket materials`); default pet-oriented.
    #[arg(long, conflicts_with_all = ["conductivity", "density", "heat_capacity"])]
    material: Option<String>,
    /// A user materials TOML file merged over the built-in database.
    #[arg(long)]
    materials_file: Option<PathBuf>,
    /// Thermal conductivity W/(m K) (with --density and --heat-capacity, instead of a material).
    #[arg(long, requires_all = ["density", "heat_capacity"], allow_hyphen_values = true)]
    conductivity: Option<f64>,
    /// Density, kg/m^3 or with a unit.
    #[arg(long, requires_all = ["conductivity", "heat_capacity"], allow_hyphen_values = true)]
    density: Option<QuantityInput>,
    /// Specific heat capacity J/(kg K).
    #[arg(long, requires_all = ["conductivity", "density"], allow_hyphen_values = true)]
    heat_capacity: Option<f64>,
    /// Glass-transition temperature (K or with a unit); default the material's.
    #[arg(long, allow_hyphen_values = true)]
    glass_transition: Option<QuantityInput>,
    /// Initial wall temperature; default 23 degC.
    #[arg(long, allow_hyphen_values = true)]
    initial_temperature: Option<QuantityInput>,
    /// Convective coefficient at the outer surface W/(m^2 K); default 0 (adiabatic,
    /// conservative).
    #[arg(long, allow_hyphen_values = true)]
    outer_convection: Option<f64>,
    /// Cells through the wall (graded towards the heated surface).
    #[arg(long, default_value_t = 200)]
    cells: usize,
    /// Write the temperature history at the recorded depths as CSV.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

impl ThermalArgs {
    /// Input files named on the command line, as typed.
    pub fn input_files(&self) -> Vec<(&'static str, String)> {
        self.materials_file
            .iter()
            .map(|p| ("materials file", p.display().to_string()))
            .collect()
    }
}

fn si(q: &Option<QuantityInput>, dim: Dimension, flag: &str, default: f64) -> anyhow::Result<f64> {
    match q {
        Some(q) => q.to_si(dim).with_context(|| flag.to_string()),
        None => Ok(default),
    }
}

impl ThermalArgs {
    /// The study's input: flags converted to SI (each error naming its flag), the
    /// materials file read here.
    fn input(&self) -> anyhow::Result<ThermalInput> {
        let a = self;
        let duration_s = a.duration.to_si(Dimension::TIME).context("--duration")?;
        check_duration(duration_s, a.allow_long).context("--duration")?;
        let thickness_m = si(
            &a.wall,
            Dimension::LENGTH,
            "--wall",
            DEFAULT_WALL_THICKNESS_M,
        )?;
        let initial_temperature_k = si(
            &a.initial_temperature,
            Dimension::TEMPERATURE,
            "--initial-temperature",
            DEFAULT_INITIAL_TEMPERATURE_K,
        )?;
        let mut materials = MaterialDb::builtin();
        if let Some(f) = &a.materials_file {
            materials.load_and_merge(f)?;
        }
        let wall = match (a.conductivity, a.heat_capacity) {
            (Some(k), Some(c)) => WallProperties::Explicit {
                conductivity_w_m_k: k,
                density_kg_m3: si(&a.density, Dimension::DENSITY, "--density", f64::NAN)?,
                heat_capacity_j_kg_k: c,
            },
            _ => WallProperties::Material {
                materials,
                name: a
                    .material
                    .clone()
                    .unwrap_or_else(|| DEFAULT_MATERIAL.to_string()),
            },
        };
        let glass_transition_k = a
            .glass_transition
            .as_ref()
            .map(|q| {
                q.to_si(Dimension::TEMPERATURE)
                    .context("--glass-transition")
            })
            .transpose()?;
        let inner = match (&a.heat_flux, &a.gas_temperature) {
            (Some(q), _) => {
                InnerBoundary::Flux(q.to_si(Dimension::HEAT_FLUX).context("--heat-flux")?)
            }
            (None, Some(t)) => InnerBoundary::Gas(GasExposure {
                gas_temperature_k: t
                    .to_si(Dimension::TEMPERATURE)
                    .context("--gas-temperature")?,
                gas_pressure_pa: si(
                    &a.gas_pressure,
                    Dimension::PRESSURE,
                    "--gas-pressure",
                    DEFAULT_GAS_PRESSURE_PA,
                )?,
                h2o_mole_fraction: a.h2o_fraction.unwrap_or(DEFAULT_H2O_MOLE_FRACTION),
                mean_beam_length_m: si(
                    &a.beam_length,
                    Dimension::LENGTH,
                    "--beam-length",
                    DEFAULT_BEAM_LENGTH_M,
                )?,
                convection_w_m2_k: a
                    .convection
                    .unwrap_or(petrocket_structure::thermal::flux::DEFAULT_CONVECTION_W_M2_K),
            }),
            (None, None) => unreachable!("clap requires --heat-flux or --gas-temperature"),
        };
        Ok(ThermalInput {
            wall,
            thickness_m,
            initial_temperature_k,
            glass_transition_k,
            inner,
            outer_convection_w_m2_k: a.outer_convection,
            duration_s,
            allow_long: a.allow_long,
            cells: a.cells,
        })
    }
}

pub fn run(a: ThermalArgs) -> anyhow::Result<ExitCode> {
    let r = thermal_study(&a.input()?)?;
    if let Some(path) = &a.csv {
        petrocket::output::write_atomic(path, r.result.history_csv().as_bytes())
            .with_context(|| format!("cannot write temperature history {}", path.display()))?;
    }
    if a.json {
        super::print_json(&r)?;
    } else {
        for w in &r.warnings {
            eprintln!("warning: {w}");
        }
        let fmt_t = |t: Option<f64>| match t {
            Some(t) => format!("{t:.4e} s"),
            None => "not reached".into(),
        };
        println!(
            "wall {:.3} mm{}: after {:.4e} s the inner surface is {:.1} K hotter ({:.1} K), \
             the outer surface {:.1} K",
            r.wall_thickness_m * 1e3,
            r.material
                .as_ref()
                .map(|n| format!(" of {n}"))
                .unwrap_or_default(),
            r.duration_s,
            r.surface_temperature_rise_K,
            r.surface_temperature_K,
            r.outer_temperature_rise_K,
        );
        if let Some(tg) = r.glass_transition_K {
            println!(
                "glass transition {tg:.1} K: inner surface {}, mid-wall {}",
                fmt_t(r.time_to_glass_transition_s),
                fmt_t(r.mid_wall_time_to_glass_transition_s)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
