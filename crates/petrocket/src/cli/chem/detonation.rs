//! `petrocket chem cj` and `petrocket chem znd`: CJ detonation, von Neumann and reflected
//! shocks; ZND induction length, cell width and the vessel detonability screening.

use super::StateArgs;
use anyhow::Context;
use clap::Args;
use petrocket::studies::chem::{cj_study, znd_study, Detonability, NotDetonable, WithWarnings};
use petrocket_chem::detonation::{CellModel, Vessel};
use petrocket_units::{Dimension, QuantityInput};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CjArgs {
    #[command(flatten)]
    state: StateArgs,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ZndArgs {
    #[command(flatten)]
    state: StateArgs,
    /// Inner diameter of the vessel for the detonability screening (m or with a unit, e.g.
    /// "10 cm"); give it together with --vessel-length.
    #[arg(long, allow_hyphen_values = true, requires = "vessel_length")]
    vessel_diameter: Option<QuantityInput>,
    /// Inner length of the vessel (m or with a unit); give it together with --vessel-diameter.
    #[arg(long, allow_hyphen_values = true, requires = "vessel_diameter")]
    vessel_length: Option<QuantityInput>,
    /// Cell-width correlation behind `cell_width_m` and the screening: a29 (29·Δ_i, default),
    /// westbrook, gavrikov or ng (see docs/detonation.md).
    #[arg(long, default_value = "a29")]
    cell_model: String,
    /// Print one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

/// Prints the "not detonable" answer.
fn print_not_detonable(nd: &NotDetonable, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return super::super::print_json(nd);
    }
    println!("{}", nd.message);
    if let Some(s) = &nd.detonability {
        println!("detonability screening: {} ({})", s.grade, s.note);
    }
    Ok(())
}

/// The common start of `cj` and `znd`: print the warnings, and answer in full (text or JSON)
/// when the mixture is not detonable or `--json` was given. `Some(report)` is left for the
/// caller's text output.
fn report_or_done<T: serde::Serialize>(
    study: &WithWarnings<Detonability<T>>,
    as_json: bool,
) -> anyhow::Result<Option<&T>> {
    for w in &study.warnings {
        eprintln!("warning: {w}");
    }
    match &study.result {
        Detonability::NotDetonable(nd) => print_not_detonable(nd, as_json).map(|()| None),
        Detonability::Detonable(r) if as_json => {
            super::super::print_json(r.as_ref()).map(|()| None)
        }
        Detonability::Detonable(r) => Ok(Some(r.as_ref())),
    }
}

pub fn cj(a: CjArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let study = cj_study(&gas, &fresh)?;
    let Some(r) = report_or_done(&study, a.json)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let p0 = r.initial.pressure_Pa;
    println!(
        "CJ detonation ({}) from {:.2} K, {:.6e} Pa",
        r.mechanism, r.initial.temperature_K, p0
    );
    println!("  CJ speed             {:>12.2} m/s", r.cj_speed_m_s);
    println!(
        "  CJ pressure          {:>12.6e} Pa ({:.3} x initial)",
        r.cj_pressure_Pa,
        r.cj_pressure_Pa / p0
    );
    println!("  CJ temperature       {:>12.2} K", r.cj_temperature_K);
    println!(
        "  sonic residual       {:>12.2e} ((w2 - a_eq)/a_eq, {} Newton iterations)",
        r.sonic_residual, r.cj_iterations
    );
    println!(
        "  von Neumann pressure {:>12.6e} Pa, {:.2} K",
        r.von_neumann_pressure_Pa, r.von_neumann_temperature_K
    );
    println!(
        "  reflected (equil.)   {:>12.6e} Pa, {:.2} K, shock {:.2} m/s",
        r.reflected_pressure_Pa, r.reflected_temperature_K, r.reflected_shock_speed_m_s
    );
    println!(
        "  reflected (frozen)   {:>12.6e} Pa, {:.2} K, shock {:.2} m/s",
        r.reflected_frozen_pressure_Pa,
        r.reflected_frozen_temperature_K,
        r.reflected_frozen_shock_speed_m_s
    );
    if let Some(v) = &r.limits_verdict {
        println!("  {v}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn znd_command(a: ZndArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let vessel = match (&a.vessel_diameter, &a.vessel_length) {
        (Some(d), Some(l)) => Some(Vessel::new(
            d.to_si(Dimension::LENGTH).context("--vessel-diameter")?,
            l.to_si(Dimension::LENGTH).context("--vessel-length")?,
        )?),
        _ => None,
    };
    let model: CellModel = a.cell_model.parse()?;
    let study = znd_study(&gas, &fresh, vessel, model)?;
    let Some(r) = report_or_done(&study, a.json)? else {
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(msg) = &r.cell_models_error {
        eprintln!("warning: cell-width correlations not evaluated: {msg}");
    }
    println!(
        "ZND structure ({}) at the CJ speed {:.2} m/s from {:.2} K, {:.6e} Pa",
        r.mechanism, r.shock_speed_m_s, r.initial.temperature_K, r.initial.pressure_Pa
    );
    println!(
        "  induction length   {:>12.4e} m (time {:.4e} s, to max thermicity)",
        r.induction_length_m, r.induction_time_s
    );
    println!(
        "  exothermic pulse   {:>12.4e} m (time {:.4e} s, thermicity above half max)",
        r.exothermic_length_m, r.exothermic_time_s
    );
    println!(
        "  cell width         {:>12.4e} m (band {:.4e} - {:.4e} m; {})",
        r.cell_width_m, r.cell_width_lower_m, r.cell_width_upper_m, r.cell_width_basis
    );
    if let Some(c) = &r.cell_models {
        for m in CellModel::ALL {
            println!(
                "    {:<10} {:>12.4e} m{}",
                m.name(),
                c.estimates.by(m).central,
                if m == model { "  (used)" } else { "" }
            );
        }
        println!(
            "    theta {:.3} (local), {:.3} (Gavrikov); chi {:.3}; reaction length {:.4e} m",
            c.theta, c.theta_gavrikov, c.chi, c.reaction_length_m
        );
    }
    if let Some(s) = &r.detonability {
        println!("  detonability screening: {} ({})", s.grade, s.note);
        for c in &s.criteria {
            println!(
                "    [{}] {}: {} (margin {:+.3}; {})",
                if c.passed { "pass" } else { "FAIL" },
                c.name,
                c.detail,
                c.margin,
                c.citation
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
