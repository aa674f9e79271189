//! `petrocket chem cj` and `petrocket chem znd`: CJ detonation, von Neumann and reflected
//! shocks; ZND induction length, cell width and the vessel detonability screening.

use super::{mole_fraction_map, StateArgs};
use anyhow::Context;
use clap::Args;
use petrocket_chem::detonation::{
    assess_vessel, cell_width, cell_widths, cj_state, detonation, znd, Assessment, CellEstimates,
    CellModel, CellWidth, Vessel, ZndOptions,
};
use petrocket_chem::limits::{detonability, LimitCheck};
use petrocket_chem::{GasMixture, GasState};
use petrocket_units::{Dimension, QuantityInput};
use serde_json::{json, Value};
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

fn cell_json(c: &CellWidth) -> Value {
    json!({
        "central_m": c.central,
        "lower_m": c.lower,
        "upper_m": c.upper,
        "length_m": c.induction_length,
        "basis": c.basis,
    })
}

fn cell_models_json(e: &CellEstimates) -> Value {
    let k = &e.kinetics;
    let mut models = serde_json::Map::new();
    for m in CellModel::ALL {
        models.insert(m.name().into(), cell_json(e.by(m)));
    }
    json!({
        "models": models,
        "spread_m": [e.spread().0, e.spread().1],
        "theta": k.theta,
        "theta_gavrikov": k.theta_gavrikov,
        "chi": k.chi,
        "reaction_length_m": k.reaction_length,
        "cv_induction_time_s": k.cv_induction_time,
        "gavrikov_length_m": k.gavrikov_length,
        "westbrook_length_m": k.westbrook_length,
        "limiting_species": k.limiting_species,
    })
}

/// The cell width behind `cell_width_m` and the screening: the chosen model's central value,
/// its band widened to the spread of all four models (no band is published with Gavrikov's
/// and Ng's fits); `a29` keeps its own band (Shepherd 1986).
fn chosen_cell(model: CellModel, e: &CellEstimates) -> CellWidth {
    let mut c = e.by(model).clone();
    if model != CellModel::A29 {
        let (lo, hi) = e.spread();
        c.lower = c.lower.min(lo);
        c.upper = c.upper.max(hi);
    }
    c
}

fn limits_json(l: &LimitCheck) -> Value {
    json!({
        "inside": l.inside,
        "fuel_mole_fraction": l.fuel_mole_fraction,
        "lower": l.lower,
        "upper": l.upper,
        "margin": l.margin,
        "basis": l.basis,
    })
}

/// The detonability-limit check, or `None` (with a warning) when the limits do not cover the
/// mixture (e.g. a fuel other than H2).
fn limits(gas: &GasMixture, s: &GasState) -> Option<LimitCheck> {
    match detonability(gas, &s.mole_fractions) {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("warning: detonability limits not checked: {e}");
            None
        }
    }
}

/// Print the "not detonable" answer and return true when the mixture is outside the limits.
fn not_detonable(command: &str, gas: &GasMixture, l: &Option<LimitCheck>, as_json: bool) -> bool {
    let Some(l) = l.as_ref().filter(|l| !l.inside) else {
        return false;
    };
    let message = l.verdict();
    if as_json {
        println!(
            "{}",
            json!({
                "command": command,
                "mechanism": gas.mechanism().source,
                "detonable": false,
                "message": message,
                "detonability_limits": limits_json(l),
            })
        );
    } else {
        println!("{message}");
    }
    true
}

pub fn cj(a: CjArgs) -> anyhow::Result<ExitCode> {
    let (gas, fresh) = a.state.load()?;
    let lim = limits(&gas, &fresh);
    if not_detonable("cj", &gas, &lim, a.json) {
        return Ok(ExitCode::SUCCESS);
    }
    let d = detonation(&gas, &fresh)?;
    let cj = &d.cj;
    let (re, rf) = (&d.reflected_equilibrium, &d.reflected_frozen);
    let vn = &cj.von_neumann.post;
    if a.json {
        let out = json!({
            "command": "cj",
            "mechanism": gas.mechanism().source,
            "initial": {"temperature_K": fresh.temperature, "pressure_Pa": fresh.pressure},
            "detonable": true,
            "message": "CJ detonation",
            "converged": true,
            "cj_speed_m_s": cj.cj_speed,
            "cj_pressure_Pa": cj.cj.state.pressure,
            "cj_temperature_K": cj.cj.state.temperature,
            "cj_density_kg_m3": cj.cj.density,
            "cj_sound_speed_equilibrium_m_s": cj.cj.sound_speed,
            "cj_particle_velocity_m_s": cj.particle_velocity,
            "cj_mole_fractions": mole_fraction_map(&gas, &cj.cj.state.mole_fractions),
            "sonic_residual": cj.sonic_residual,
            "cj_iterations": cj.cj.iterations,
            "cj_residual": cj.cj.residual,
            "von_neumann_pressure_Pa": vn.state.pressure,
            "von_neumann_temperature_K": vn.state.temperature,
            "von_neumann_density_kg_m3": vn.density,
            "reflected_pressure_Pa": re.post.state.pressure,
            "reflected_temperature_K": re.post.state.temperature,
            "reflected_shock_speed_m_s": re.shock_speed,
            "reflected_frozen_pressure_Pa": rf.post.state.pressure,
            "reflected_frozen_temperature_K": rf.post.state.temperature,
            "reflected_frozen_shock_speed_m_s": rf.shock_speed,
            "detonability_limits": lim.as_ref().map(limits_json),
        });
        println!("{out}");
    } else {
        let p0 = fresh.pressure;
        println!(
            "CJ detonation ({}) from {:.2} K, {:.6e} Pa",
            gas.mechanism().source,
            fresh.temperature,
            p0
        );
        println!("  CJ speed             {:>12.2} m/s", cj.cj_speed);
        println!(
            "  CJ pressure          {:>12.6e} Pa ({:.3} x initial)",
            cj.cj.state.pressure,
            cj.cj.state.pressure / p0
        );
        println!("  CJ temperature       {:>12.2} K", cj.cj.state.temperature);
        println!(
            "  sonic residual       {:>12.2e} ((w2 - a_eq)/a_eq, {} Newton iterations)",
            cj.sonic_residual, cj.cj.iterations
        );
        println!(
            "  von Neumann pressure {:>12.6e} Pa, {:.2} K",
            vn.state.pressure, vn.state.temperature
        );
        println!(
            "  reflected (equil.)   {:>12.6e} Pa, {:.2} K, shock {:.2} m/s",
            re.post.state.pressure, re.post.state.temperature, re.shock_speed
        );
        println!(
            "  reflected (frozen)   {:>12.6e} Pa, {:.2} K, shock {:.2} m/s",
            rf.post.state.pressure, rf.post.state.temperature, rf.shock_speed
        );
        if let Some(l) = &lim {
            println!("  {}", l.verdict());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn assessment_json(a: &Assessment) -> Value {
    let criteria: Vec<Value> = a
        .criteria
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "passed": c.passed,
                "passed_with_smallest_cell": c.passed_with_smallest_cell,
                "value": c.value,
                "threshold": c.threshold,
                "margin": c.margin,
                "citation": c.citation,
                "detail": c.detail,
            })
        })
        .collect();
    json!({
        "grade": a.grade.as_str(),
        "expansion_ratio": a.expansion_ratio,
        "criteria": criteria,
        "note": a.note,
    })
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
    let lim = limits(&gas, &fresh);
    if let Some(v) = vessel {
        // Outside the limits: the screening answers without a ZND computation.
        if lim.as_ref().is_some_and(|l| !l.inside) {
            let s = assess_vessel(&gas, &fresh, v, None)?;
            if a.json {
                println!(
                    "{}",
                    json!({
                        "command": "znd",
                        "mechanism": gas.mechanism().source,
                        "detonable": false,
                        "message": s.limits.verdict(),
                        "detonability_limits": limits_json(&s.limits),
                        "detonability": assessment_json(&s),
                    })
                );
            } else {
                println!("{}", s.limits.verdict());
                println!("detonability screening: {} ({})", s.grade.as_str(), s.note);
            }
            return Ok(ExitCode::SUCCESS);
        }
    }
    if not_detonable("znd", &gas, &lim, a.json) {
        return Ok(ExitCode::SUCCESS);
    }
    let model: CellModel = a.cell_model.parse()?;
    let cj = cj_state(&gas, &fresh)?;
    let z = znd(&gas, &fresh, Some(cj.cj_speed), &ZndOptions::default())?;
    let estimates = match cell_widths(&gas, &fresh, &cj, &z) {
        Ok(e) => Ok(e),
        Err(e) if model != CellModel::A29 => return Err(e.into()),
        Err(e) => Err(e.to_string()),
    };
    let cell = match &estimates {
        Ok(e) => chosen_cell(model, e),
        Err(msg) => {
            if !a.json {
                eprintln!("warning: cell-width correlations not evaluated: {msg}");
            }
            cell_width(z.induction_length)?
        }
    };
    let screening = match vessel {
        Some(v) => Some(assess_vessel(&gas, &fresh, v, Some(&cell))?),
        None => None,
    };
    if a.json {
        let out = json!({
            "command": "znd",
            "mechanism": gas.mechanism().source,
            "initial": {"temperature_K": fresh.temperature, "pressure_Pa": fresh.pressure},
            "detonable": true,
            "message": "ZND structure at the CJ speed",
            "shock_speed_m_s": z.shock_speed,
            "von_neumann_pressure_Pa": z.von_neumann.post.state.pressure,
            "von_neumann_temperature_K": z.von_neumann.post.state.temperature,
            "induction_length_m": z.induction_length,
            "induction_time_s": z.induction_time,
            "exothermic_length_m": z.exothermic_length,
            "exothermic_time_s": z.exothermic_time,
            "max_thermicity_1_s": z.max_thermicity,
            "end_temperature_K": z.end_temperature,
            "end_mach": z.end_mach,
            "steps": z.steps,
            "cell_width_m": cell.central,
            "cell_width_lower_m": cell.lower,
            "cell_width_upper_m": cell.upper,
            "cell_width_basis": cell.basis,
            "cell_model": model.name(),
            "cell_models": estimates.as_ref().ok().map(cell_models_json),
            "cell_models_error": estimates.as_ref().err(),
            "detonability_limits": lim.as_ref().map(limits_json),
            "detonability": screening.as_ref().map(assessment_json),
        });
        println!("{out}");
    } else {
        println!(
            "ZND structure ({}) at the CJ speed {:.2} m/s from {:.2} K, {:.6e} Pa",
            gas.mechanism().source,
            z.shock_speed,
            fresh.temperature,
            fresh.pressure
        );
        println!(
            "  induction length   {:>12.4e} m (time {:.4e} s, to max thermicity)",
            z.induction_length, z.induction_time
        );
        println!(
            "  exothermic pulse   {:>12.4e} m (time {:.4e} s, thermicity above half max)",
            z.exothermic_length, z.exothermic_time
        );
        println!(
            "  cell width         {:>12.4e} m (band {:.4e} - {:.4e} m; {})",
            cell.central, cell.lower, cell.upper, cell.basis
        );
        if let Ok(e) = &estimates {
            for m in CellModel::ALL {
                let c = e.by(m);
                println!(
                    "    {:<10} {:>12.4e} m{}",
                    m.name(),
                    c.central,
                    if m == model { "  (used)" } else { "" }
                );
            }
            let k = &e.kinetics;
            println!(
                "    theta {:.3} (local), {:.3} (Gavrikov); chi {:.3}; reaction length {:.4e} m",
                k.theta, k.theta_gavrikov, k.chi, k.reaction_length
            );
        }
        if let Some(s) = &screening {
            println!(
                "  detonability screening: {} ({})",
                s.grade.as_str(),
                s.note
            );
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
    }
    Ok(ExitCode::SUCCESS)
}
