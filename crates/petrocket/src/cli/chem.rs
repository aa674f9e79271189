//! `petrocket chem equilibrium|ignition|cj|znd|flame-speed`: the flags, the mechanism and
//! initial state loaded here, the studies in `petrocket::studies::chem`, text or JSON out.

use anyhow::Context;
use clap::{Args, Subcommand};
use petrocket::studies::chem::{equilibrium_study, flame_speed_study, ignition_study};
use petrocket_chem::flame;
use petrocket_chem::reactor::{Method, ReactorKind, ReactorOptions, ReactorRun, Record};
use petrocket_chem::{EquilibriumMode, GasMixture, GasState};
use petrocket_units::{Dimension, QuantityInput};
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
    let r = equilibrium_study(&gas, &fresh, a.mode)?;
    if a.json {
        super::print_json(&r)?;
    } else {
        let p = r.initial.pressure_Pa;
        println!(
            "{} equilibrium ({}) from {:.2} K, {:.6e} Pa",
            a.mode, r.mechanism, r.initial.temperature_K, p
        );
        println!("  temperature   {:>14.3} K", r.temperature_K);
        println!(
            "  pressure      {:>14.6e} Pa  ({:.4} x initial)",
            r.pressure_Pa,
            r.pressure_Pa / p
        );
        println!("  density       {:>14.6e} kg/m^3", r.density_kg_m3);
        println!("  mole fractions:");
        // Mechanism order, as the mixture names them.
        for n in gas.species_names() {
            let v = r.mole_fractions.get(n).copied().unwrap_or(0.0);
            if v > 1e-10 {
                println!("    {n:<8} {v:.6e}");
            }
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
    let options = ReactorOptions {
        kind: match a.reactor {
            ReactorArg::Cv => ReactorKind::ConstantVolume,
            ReactorArg::Cp => ReactorKind::ConstantPressure,
        },
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
    let r = ignition_study(&gas, &fresh, &options)?;
    if let Some(path) = &a.csv {
        write_series_csv(path, &gas, &r.run)
            .with_context(|| format!("cannot write --csv {}", path.display()))?;
    }
    if a.json {
        super::print_json(&r)?;
    } else {
        print_ignition(&gas, &r.run);
    }
    Ok(ExitCode::SUCCESS)
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
    let r = flame_speed_study(&gas, &fresh, model)?;
    if a.json {
        super::print_json(&r)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(s_l), Some(expansion), Some(t_ad), Some(c), Some(m)) = (
        r.laminar_burning_velocity_m_s,
        r.expansion_ratio,
        r.adiabatic_flame_temperature_K,
        &r.correlation,
        &r.mixture,
    ) else {
        println!("{}", r.verdict);
        return Ok(ExitCode::SUCCESS);
    };
    println!(
        "laminar burning velocity  {:>10.4} m/s  ({}{})",
        s_l,
        c.name,
        if r.in_validity_range {
            ""
        } else {
            ", OUTSIDE its validity range"
        }
    );
    println!("expansion ratio rho_u/rho_b {expansion:>8.4}");
    println!("adiabatic flame temperature {t_ad:>8.2} K (HP equilibrium)");
    println!(
        "mixture: phi = {:.4}, oxidiser {}, H2 {:.2} %",
        m.phi,
        m.oxidiser,
        100.0 * m.fuel_mole_fraction
    );
    println!("source: {}", c.citation);
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}
