//! `petrocket chem equilibrium ...`.

use anyhow::Context;
use clap::{Args, Subcommand};
use petrocket_chem::combustion::burn_at_constant_pressure;
use petrocket_chem::flame::{self, FlameSpeed};
use petrocket_chem::reactor::{
    run_reactor, Method, ReactorKind, ReactorOptions, ReactorRun, Record,
};
use petrocket_chem::{equilibrate, EquilibriumMode, GasMixture, GasState, Kinetics};
use petrocket_units::{Dimension, QuantityInput};
use serde_json::json;
use std::process::ExitCode;

mod detonation;

#[derive(Debug, Subcommand)]
pub enum ChemCommand {
    /// Chemical equilibrium of a mixture (Gibbs minimisation, element potentials).
    Equilibrium(EquilibriumArgs),
    /// Adiabatic autoignition in a constant-volume or constant-pressure reactor (kinetics).
    Ignition(IgnitionArgs),
    /// Chapman–Jouguet detonation, von Neumann spike and closed-end reflected shocks.
    Cj(detonation::CjArgs),
    /// ZND reaction zone, cell width and (with vessel dimensions) detonability screening.
    Znd(detonation::ZndArgs),
    /// Laminar burning velocity, expansion ratio and adiabatic flame temperature.
    FlameSpeed(FlameSpeedArgs),
}

/// Reactor choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReactorArg {
    /// Constant volume (closed rigid vessel).
    Cv,
    /// Constant pressure.
    Cp,
}

/// Integrator choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IntegratorArg {
    /// Variable-order NDF/BDF (orders 1–5), Shampine & Reichelt (1997).
    Bdf,
    /// Radau IIA of order 5, Hairer & Wanner (1996).
    Radau5,
}

#[derive(Debug, Args)]
pub struct IgnitionArgs {
    #[command(flatten)]
    state: StateArgs,
    /// End time of the integration (s or with a unit, e.g. "10 ms").
    #[arg(long, default_value = "0.1", allow_hyphen_values = true)]
    end_time: QuantityInput,
    /// Reactor: constant volume (cv) or constant pressure (cp).
    #[arg(long, value_enum, default_value = "cv")]
    reactor: ReactorArg,
    /// Relative tolerance of the integrator (Cantera's default).
    #[arg(long, default_value_t = 1e-9, allow_hyphen_values = true)]
    rtol: f64,
    /// Absolute tolerance on mass fractions (Cantera's default).
    #[arg(long, default_value_t = 1e-15, allow_hyphen_values = true)]
    atol: f64,
    /// Stiff integrator: variable-order NDF/BDF (bdf, fastest) or Radau IIA order 5 (radau5).
    #[arg(long, value_enum, default_value = "bdf")]
    integrator: IntegratorArg,
    /// Write the time series (every accepted step, with mole fractions) to this CSV file.
    #[arg(long)]
    csv: Option<std::path::PathBuf>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct FlameSpeedArgs {
    #[command(flatten)]
    state: StateArgs,
    /// Correlation by name (default: the one for the mixture's oxidiser), e.g.
    /// cantera-fit-h2-air, cantera-fit-h2-o2.
    #[arg(long)]
    correlation: Option<String>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

/// The initial state shared by the `chem` subcommands.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// Composition, e.g. "H2:2,O2:1" or "H2:0.3,air:0.7" (amounts are normalised).
    #[arg(long)]
    mixture: String,
    /// Absolute pressure of the initial state (Pa or with a unit, e.g. "1 atm").
    #[arg(long, allow_hyphen_values = true)]
    pressure: QuantityInput,
    /// Temperature of the initial state (K or with a unit, e.g. "25 degC").
    #[arg(long, allow_hyphen_values = true)]
    temperature: QuantityInput,
    /// Bundled mechanism name or path to a Cantera YAML file.
    #[arg(long, default_value = "h2o2")]
    mech: String,
}

impl StateArgs {
    /// Load the mechanism and build the initial state, each error naming its flag.
    fn load(&self) -> anyhow::Result<(GasMixture, GasState)> {
        let p = self
            .pressure
            .to_si(Dimension::PRESSURE)
            .context("--pressure")?;
        let t = self
            .temperature
            .to_si(Dimension::TEMPERATURE)
            .context("--temperature")?;
        let gas = GasMixture::load(&self.mech)?;
        let x = gas.parse_mole_fractions("--mixture", &self.mixture)?;
        let state = gas.state_tpx(t, p, &x)?;
        Ok((gas, state))
    }
}

/// Mole fractions as a JSON object keyed by species name (all species, mechanism order).
fn mole_fraction_map(gas: &GasMixture, x: &[f64]) -> serde_json::Map<String, serde_json::Value> {
    gas.named(x)
        .map(|(n, v)| (n.to_string(), json!(v)))
        .collect()
}

#[derive(Debug, Args)]
pub struct EquilibriumArgs {
    #[command(flatten)]
    state: StateArgs,
    /// Properties held fixed: TP, TV, HP, UV (closed-vessel explosion), SV or SP.
    #[arg(long, default_value = "UV")]
    mode: EquilibriumMode,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(c: ChemCommand) -> anyhow::Result<ExitCode> {
    match c {
        ChemCommand::Equilibrium(a) => equilibrium(a),
        ChemCommand::Ignition(a) => ignition(a),
        ChemCommand::Cj(a) => detonation::cj(a),
        ChemCommand::Znd(a) => detonation::znd_command(a),
        ChemCommand::FlameSpeed(a) => flame_speed(a),
    }
}

fn equilibrium(a: EquilibriumArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let (t, p) = (fresh.temperature, fresh.pressure);
    let r = equilibrate(&gas, &fresh, a.mode)?;
    let props = gas.properties(&r.state);
    let x_map = mole_fraction_map(&gas, &r.state.mole_fractions);
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

fn ignition(a: IgnitionArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let end_time = a.end_time.to_si(Dimension::TIME).context("--end-time")?;
    let kin = Kinetics::new(&gas)?;
    let kind = match a.reactor {
        ReactorArg::Cv => ReactorKind::ConstantVolume,
        ReactorArg::Cp => ReactorKind::ConstantPressure,
    };
    let options = ReactorOptions {
        kind,
        end_time,
        rtol: a.rtol,
        atol: a.atol,
        method: match a.integrator {
            IntegratorArg::Bdf => Method::Bdf,
            IntegratorArg::Radau5 => Method::Radau5,
        },
        record: if a.csv.is_some() {
            Record::Steps
        } else {
            Record::Nothing
        },
        record_species: a.csv.is_some(),
        ..ReactorOptions::default()
    };
    let run = run_reactor(&kin, &fresh, &options)?;
    if let Some(path) = &a.csv {
        write_series_csv(path, &gas, &run)
            .with_context(|| format!("cannot write --csv {}", path.display()))?;
    }
    if a.json {
        println!("{}", ignition_json(&gas, &options, &run));
    } else {
        print_ignition(&gas, &run);
    }
    Ok(ExitCode::SUCCESS)
}

fn ignition_json(gas: &GasMixture, o: &ReactorOptions, run: &ReactorRun) -> serde_json::Value {
    let ig = run.ignition.as_ref();
    let x_map = mole_fraction_map(gas, &run.final_state.mole_fractions);
    json!({
        "mechanism": gas.mechanism().source,
        "reactor": o.kind.name(),
        "initial": {
            "temperature_K": run.initial.temperature,
            "pressure_Pa": run.initial.pressure,
        },
        "end_time_s": run.end_time,
        "rtol": o.rtol,
        "atol": o.atol,
        "ignited": run.ignited(),
        "outcome": run.outcome(),
        "ignition_delay_s": ig.map(|i| i.delay_dtdt),
        "ignition_delay_dpdt_s": ig.and_then(|i| i.delay_dpdt),
        "ignition_delay_T400_s": ig.map(|i| i.delay_t400),
        "peak_pressure_Pa": run.peak_pressure.0,
        "peak_pressure_time_s": run.peak_pressure.1,
        "max_dpdt_Pa_s": run.max_dpdt.0,
        "max_dpdt_time_s": run.max_dpdt.1,
        "max_dTdt_K_s": run.max_dtdt,
        "peak_temperature_K": run.peak_temperature,
        "final_temperature_K": run.final_state.temperature,
        "final_pressure_Pa": run.final_state.pressure,
        "final_mole_fractions": x_map,
        "solver": {
            "method": match o.method {
                Method::Bdf => "NDF/BDF orders 1-5",
                Method::Radau5 => "Radau IIA order 5",
            },
            "integrator": o.method.name(),
            "steps": run.stats.steps,
            "accepted": run.stats.accepted,
            "rejected": run.stats.rejected,
            "rhs_evals": run.stats.rhs_evals,
            "jacobian_evals": run.stats.jacobian_evals,
            "lu_decompositions": run.stats.lu_decompositions,
            "newton_failures": run.stats.newton_failures,
        },
        "conservation": {
            "energy_rel_drift": run.conservation.energy_rel_drift,
            "held_rel_drift": run.conservation.held_rel_drift,
            "mass_fraction_sum_error": run.conservation.mass_fraction_sum_error,
        },
    })
}

fn print_ignition(gas: &GasMixture, run: &ReactorRun) {
    println!(
        "{} reactor ({}) from {:.2} K, {:.6e} Pa, to {:.4e} s",
        run.kind.name(),
        gas.mechanism().source,
        run.initial.temperature,
        run.initial.pressure,
        run.end_time
    );
    println!("  {}", run.outcome());
    if let Some(ig) = &run.ignition {
        println!("  ignition delay (max dT/dt)  {:>12.5e} s", ig.delay_dtdt);
        if let Some(d) = ig.delay_dpdt {
            println!("  ignition delay (max dP/dt)  {d:>12.5e} s");
        }
        println!("  ignition delay (T0 + 400 K) {:>12.5e} s", ig.delay_t400);
    }
    println!("  peak pressure    {:>14.6e} Pa", run.peak_pressure.0);
    println!("  max dP/dt        {:>14.6e} Pa/s", run.max_dpdt.0);
    println!("  peak temperature {:>14.3} K", run.peak_temperature);
    println!(
        "  final state      {:>14.3} K, {:.6e} Pa",
        run.final_state.temperature, run.final_state.pressure
    );
    println!(
        "  solver: {} steps ({} rejected), {} Jacobians",
        run.stats.steps, run.stats.rejected, run.stats.jacobian_evals
    );
}

fn write_series_csv(
    path: &std::path::Path,
    gas: &GasMixture,
    run: &ReactorRun,
) -> std::io::Result<()> {
    use std::io::Write;
    // Built in memory, then written atomically (a temporary file renamed over `path`).
    let mut w: Vec<u8> = Vec::new();
    write!(
        w,
        "time_s,T_K,P_Pa,dTdt_K_s,dPdt_Pa_s,heat_release_rate_W_m3"
    )?;
    for n in gas.species_names() {
        write!(w, ",X_{n}")?;
    }
    writeln!(w)?;
    let s = &run.series;
    for i in 0..s.time.len() {
        write!(
            w,
            "{:e},{:e},{:e},{:e},{:e},{:e}",
            s.time[i],
            s.temperature[i],
            s.pressure[i],
            s.dtdt[i],
            s.dpdt[i],
            s.heat_release_rate[i]
        )?;
        if let Some(x) = s.mole_fractions.get(i) {
            for v in x {
                write!(w, ",{v:e}")?;
            }
        }
        writeln!(w)?;
    }
    petrocket::output::write_atomic(path, &w).map_err(std::io::Error::other)
}

fn flame_speed(a: FlameSpeedArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let model = a
        .correlation
        .as_deref()
        .map(flame::model_by_name)
        .transpose()
        .context("--correlation")?;
    let initial = json!({"temperature_K": fresh.temperature, "pressure_Pa": fresh.pressure});
    let b = match flame::laminar_burning_velocity_with(&gas, &fresh, model)? {
        FlameSpeed::NotFlammable { reason, limits } => {
            if a.json {
                let out = json!({
                    "flammable": false,
                    "verdict": reason,
                    "laminar_burning_velocity_m_s": null,
                    "expansion_ratio": null,
                    "adiabatic_flame_temperature_K": null,
                    "in_validity_range": false,
                    "correlation": null,
                    "limits": limits_json(&limits),
                    "mechanism": gas.mechanism().source,
                    "initial": initial,
                    "warnings": [],
                });
                println!("{out}");
            } else {
                println!("{reason}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        FlameSpeed::Burning(b) => b,
    };
    let burned = burn_at_constant_pressure(&gas, &fresh)?;
    let mut warnings = b.warnings.clone();
    warnings.extend(burned.warnings.iter().cloned());
    let m = &b.mixture;
    if a.json {
        let diluents: serde_json::Map<String, serde_json::Value> = m
            .diluents
            .iter()
            .map(|(d, x)| (d.name().to_string(), json!(x)))
            .collect();
        let out = json!({
            "flammable": true,
            "verdict": format!("flammable: S_L = {:.4} m/s", b.laminar_burning_velocity_m_s),
            "laminar_burning_velocity_m_s": b.laminar_burning_velocity_m_s,
            "expansion_ratio": burned.expansion_ratio,
            "adiabatic_flame_temperature_K": burned.adiabatic_flame_temperature_k,
            "in_validity_range": b.in_validity_range,
            "correlation": {"name": b.correlation, "citation": b.citation},
            "mixture": {
                "phi": m.phi,
                "oxidiser": m.oxidiser.name(),
                "fuel_mole_fraction": m.fuel_mole_fraction,
                "diluent_mole_fractions": diluents,
            },
            "burned_mole_fractions": mole_fraction_map(&gas, &burned.burned.mole_fractions),
            "limits": limits_json(&b.limits),
            "mechanism": gas.mechanism().source,
            "initial": initial,
            "warnings": warnings,
        });
        println!("{out}");
    } else {
        println!(
            "laminar burning velocity  {:>10.4} m/s  ({}{})",
            b.laminar_burning_velocity_m_s,
            b.correlation,
            if b.in_validity_range {
                ""
            } else {
                ", OUTSIDE its validity range"
            }
        );
        println!(
            "expansion ratio rho_u/rho_b {:>8.4}",
            burned.expansion_ratio
        );
        println!(
            "adiabatic flame temperature {:>8.2} K (HP equilibrium)",
            burned.adiabatic_flame_temperature_k
        );
        println!(
            "mixture: phi = {:.4}, oxidiser {}, H2 {:.2} %",
            m.phi,
            m.oxidiser.name(),
            100.0 * m.fuel_mole_fraction
        );
        println!("source: {}", b.citation);
        for w in &warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn limits_json(l: &petrocket_chem::limits::LimitCheck) -> serde_json::Value {
    json!({
        "inside": l.inside,
        "fuel_mole_fraction": l.fuel_mole_fraction,
        "lower": l.lower,
        "upper": l.upper,
        "basis": l.basis,
    })
}
