//! `petrocket chem equilibrium ...`.

use anyhow::Context;
use clap::{Args, Subcommand};
use petrocket_chem::{equilibrate, EquilibriumMode, GasMixture};
use petrocket_units::{Dimension, QuantityInput};
use serde_json::json;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ChemCommand {
    /// Chemical equilibrium of a mixture (Gibbs minimisation, element potentials).
    Equilibrium(EquilibriumArgs),
}

#[derive(Debug, Args)]
pub struct EquilibriumArgs {
    /// Composition, e.g. "H2:2,O2:1" or "H2:0.3,air:0.7" (amounts are normalised).
    #[arg(long)]
    mixture: String,
    /// Absolute pressure of the initial state (Pa or with a unit, e.g. "1 atm").
    #[arg(long, allow_hyphen_values = true)]
    pressure: QuantityInput,
    /// Temperature of the initial state (K or with a unit, e.g. "25 degC").
    #[arg(long, allow_hyphen_values = true)]
    temperature: QuantityInput,
    /// Properties held fixed: TP, TV, HP, UV (closed-vessel explosion), SV or SP.
    #[arg(long, default_value = "UV")]
    mode: EquilibriumMode,
    /// Bundled mechanism name or path to a Cantera YAML file.
    #[arg(long, default_value = "h2o2")]
    mech: String,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(c: ChemCommand) -> anyhow::Result<ExitCode> {
    match c {
        ChemCommand::Equilibrium(a) => equilibrium(a),
    }
}

fn equilibrium(a: EquilibriumArgs) -> anyhow::Result<ExitCode> {
    let p = a
        .pressure
        .to_si(Dimension::PRESSURE)
        .context("--pressure")?;
    let t = a
        .temperature
        .to_si(Dimension::TEMPERATURE)
        .context("--temperature")?;
    let gas = GasMixture::load(&a.mech)?;
    let x = gas.parse_mole_fractions("--mixture", &a.mixture)?;
    let fresh = gas.state_tpx(t, p, &x)?;
    let r = equilibrate(&gas, &fresh, a.mode)?;
    let props = gas.properties(&r.state);
    let x_map: serde_json::Map<String, serde_json::Value> = gas
        .named(&r.state.mole_fractions)
        .map(|(n, v)| (n.to_string(), json!(v)))
        .collect();
    if a.json {
        let out = json!({
            "mode": a.mode.as_str(),
            "mechanism": gas.mechanism().source,
            "initial": {"temperature_K": t, "pressure_Pa": p},
            "temperature_K": r.state.temperature,
            "pressure_Pa": r.state.pressure,
            "density_kg_m3": props.density,
            "mean_molecular_weight_kg_per_mol": props.mean_molecular_weight,
            "h_mass_J_per_kg": props.h_mass(),
            "u_mass_J_per_kg": props.u_mass(),
            "s_mass_J_per_kg_K": props.s_mass(),
            "cp_mass_J_per_kg_K": props.cp_mass(),
            "sound_speed_frozen_m_s": props.sound_speed_frozen,
            "mole_fractions": x_map,
            "iterations": r.iterations,
            "warnings": r.warnings,
        });
        println!("{out}");
    } else {
        println!(
            "{} equilibrium ({}) from {:.2} K, {:.6e} Pa",
            a.mode,
            gas.mechanism().source,
            t,
            p
        );
        println!("  temperature   {:>14.3} K", r.state.temperature);
        println!(
            "  pressure      {:>14.6e} Pa  ({:.4} x initial)",
            r.state.pressure,
            r.state.pressure / p
        );
        println!("  density       {:>14.6e} kg/m^3", props.density);
        println!("  mole fractions:");
        for (n, v) in gas
            .named(&r.state.mole_fractions)
            .filter(|(_, v)| *v > 1e-10)
        {
            println!("    {n:<8} {v:.6e}");
        }
        for w in &r.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
