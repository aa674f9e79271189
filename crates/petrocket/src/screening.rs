//! Detonation screening with a graded, monotone credibility (issue #20, defect class 1).
//!
//! # Why not a yes/no screen
//! The necessary conditions for a detonation in a vessel (detonability limits, expansion ratio
//! σ ≥ σ*, tube transmission d ≥ λ/π, DDT scale L ≥ 7λ; `petrocket_chem::detonation`) used to
//! switch the detonation load on or off at a knife edge. With the ZND cell width
//! λ = A·Δ_i evaluated at the fill pressure that made verdicts *milder* for *harsher*
//! charges: for lean H2–air the ZND induction length grows with pressure above ≈ 0.2–0.5 bar
//! (the vN state sits near the extended second explosion limit, where H + O2 + M → HO2 + M
//! competes with branching), so raising the fill pressure dropped the detonation mode.
//!
//! # What measured cell widths say
//! Measured H2–air cell widths at room temperature *fall* with initial pressure over
//! 0.2–3 atm, roughly as λ ∝ 1/P (Caltech Detonation Database, Kaneshige & Shepherd,
//! GALCIT FM97-8, 1997, entries of Guirao et al. 1982, Stamps & Tieszen 1991 and
//! Ciccarelli et al. 1994). Our ZND λ = 29·Δ_i (h2o2 mechanism, 298 K) does so only at
//! low pressure: for 17 % H2 in air it is 178 mm at 0.1 bar, 105 mm at 0.2 bar, 110 mm at
//! 0.5 bar and ≈ 600 mm at 1 bar; for 23 % H2 its minimum is near 0.7 bar. The rise above
//! the minimum contradicts the measured trend, so the screen must not give it credit
//! (docs/safety.md, "Cell width and pressure").
//!
//! # The screening cell width
//! With f(p) = λ_ZND(p)·p, sampled on a fixed grid of pressures from [`CELL_GRID_START_PA`]
//! ([`CELL_GRID_PER_DECADE`] nodes per decade) and interpolated linearly in ln p, the cell
//! width used for the screen at the fill pressure P0 is
//!
//! λ_s(P0) = min_{p ∈ [p_start, P0]} f̃(p) / P0,
//!
//! i.e. the best (smallest) λ·p the kinetics give at any pressure up to the fill, carried to
//! P0 with the measured 1/P trend. By construction λ_s falls strictly with P0 and is continuous,
//! and at the grid nodes λ_s(P0) ≤ λ_ZND(P0): never less conservative than the ZND value at the
//! fill pressure. Grid nodes where the ZND structure cannot be computed are skipped; when none
//! can be, the cell width is unknown and a detonation stays fully credible.
//!
//! # Graded credibility
//! Each criterion gives a credibility in [0, 1], 1 where the old screen counted the detonation
//! (holds with the smallest cell of the band, 10·Δ_i) and tapering to 0 beyond it; the
//! detonation's credibility is the smallest of them:
//! - limits: 1 inside the detonability limits, falling linearly to 0 at
//!   [`LIMIT_TAPER_MOLE_FRACTION`] outside them;
//! - expansion ratio: 1 at σ ≥ σ* = 3.75 (Dorofeev et al. 2001), 0 at σ ≤ σ*/[`SIGMA_TAPER`];
//! - size criteria: with s the largest cell width that passes (L/7 or π·d),
//!   c = clamp(ln(k·s/λ_low)/ln k, 0, 1), k = [`SIZE_TAPER`].
//!
//! The tapers are modelling choices, not literature values: they only extend credibility beyond
//! the published thresholds (never reduce it), so that no verdict flips across a knife edge.
//! The detonation mode's equivalent load is the deflagration load plus the credibility times the
//! difference to the full detonation load ([`graded_load`]); credibility 1 gives the full load as
//! before. Every input that makes a charge harsher (fill pressure, H2 towards stoichiometric,
//! larger inner diameter) raises or keeps each credibility and each load: the property test
//! `issue20_verdicts_are_monotone_in_the_load` checks this on a grid.

use crate::error::Result;
use crate::safety::{DetonationScreening, DETONATION_SIDEWALL_DLF};
use petrocket_chem::detonation::{
    assess_vessel, cell_width, cj_state, detonation, znd, CellWidth, Grade, Vessel, ZndOptions,
    CRITICAL_EXPANSION_RATIO, DDT_CELLS,
};
use petrocket_chem::{limits, GasMixture, GasState};
use petrocket_structure::bottle::CylinderBottle;
use serde::Serialize;

/// First pressure of the cell-width grid (Pa): 0.1 bar, in the low-pressure (branching) regime
/// where λ·p is nearly constant for H2 mixtures.
pub const CELL_GRID_START_PA: f64 = 1e4;
/// Grid nodes per decade of pressure.
pub const CELL_GRID_PER_DECADE: f64 = 4.0;
/// Last pressure of the cell-width grid (Pa): the highest allowed fill pressure.
pub const CELL_GRID_END_PA: f64 = 1e7;
/// Credibility falls to 0 this far outside the detonability limits (H2 mole fraction).
pub const LIMIT_TAPER_MOLE_FRACTION: f64 = 0.02;
/// Credibility of the expansion-ratio criterion falls to 0 at σ*/SIGMA_TAPER.
pub const SIGMA_TAPER: f64 = 1.25;
/// Size criteria: credibility falls to 0 when the largest passing cell width is 1/SIZE_TAPER of
/// the smallest estimated cell.
pub const SIZE_TAPER: f64 = 2.0;

/// The screening cell width and how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreeningCell {
    /// λ_s at the fill pressure with its band (central 29·Δ_i, band 10–50·Δ_i), m.
    #[serde(skip)]
    pub cell: CellWidth,
    /// Grid pressure whose λ·p set the minimum (Pa) (interpolated between nodes: the nearer
    /// node below).
    pub basis_pressure_Pa: f64,
    /// ZND induction length at that node (m).
    pub basis_induction_length_m: f64,
    /// Grid nodes evaluated, (pressure Pa, central λ·p in m·Pa); failed nodes omitted.
    pub grid: Vec<[f64; 2]>,
}

/// Grid node pressures: CELL_GRID_START_PA·10^(k/CELL_GRID_PER_DECADE) up to CELL_GRID_END_PA.
fn grid_nodes() -> impl Iterator<Item = f64> {
    (0..)
        .map(|k| CELL_GRID_START_PA * 10f64.powf(k as f64 / CELL_GRID_PER_DECADE))
        .take_while(|p| *p <= CELL_GRID_END_PA * (1.0 + 1e-9))
}

/// ZND cell width at one pressure, or None when the structure cannot be computed.
fn cell_at(gas: &GasMixture, t0: f64, p: f64, x: &[f64]) -> Option<CellWidth> {
    let state = gas.state_tpx(t0, p, x).ok()?;
    let cj = cj_state(gas, &state).ok()?;
    let z = znd(gas, &state, Some(cj.cj_speed), &ZndOptions::default()).ok()?;
    cell_width(z.induction_length).ok()
}

/// The screening cell width λ_s(P0) (module docs); None when no grid node gives a ZND structure.
pub fn screening_cell(gas: &GasMixture, fresh: &GasState) -> Option<ScreeningCell> {
    let p0 = fresh.pressure;
    let t0 = fresh.temperature;
    let x = &fresh.mole_fractions;
    // Successful nodes up to and including the first one at or above P0.
    let mut nodes: Vec<(f64, CellWidth)> = Vec::new();
    for p in grid_nodes() {
        if let Some(c) = cell_at(gas, t0, p, x) {
            let above = p >= p0;
            nodes.push((p, c));
            if above {
                break;
            }
        }
    }
    let (first_p, first_c) = nodes.first()?.clone();
    let f = |c: &CellWidth, p: f64| c.central * p;
    // Running minimum of f̃ on [p_start, P0]: nodes ≤ P0 and f̃(P0) itself.
    let mut best = (f(&first_c, first_p), first_p, first_c.induction_length);
    for w in nodes.windows(2) {
        let (pa, ca) = (&w[0].0, &w[0].1);
        let (pb, cb) = (&w[1].0, &w[1].1);
        let (fa, fb) = (f(ca, *pa), f(cb, *pb));
        if *pa <= p0 && fa < best.0 {
            best = (fa, *pa, ca.induction_length);
        }
        if *pb <= p0 && fb < best.0 {
            best = (fb, *pb, cb.induction_length);
        }
        if *pa < p0 && p0 < *pb {
            let s = (p0.ln() - pa.ln()) / (pb.ln() - pa.ln());
            let fp = fa + s * (fb - fa);
            if fp < best.0 {
                best = (fp, *pa, ca.induction_length);
            }
        }
    }
    let central = best.0 / p0;
    let scale = central / first_c.central;
    let grid = nodes.iter().map(|(p, c)| [*p, f(c, *p)]).collect();
    Some(ScreeningCell {
        cell: CellWidth {
            central,
            lower: first_c.lower * scale,
            upper: first_c.upper * scale,
            induction_length: best.2,
            basis: first_c.basis,
        },
        basis_pressure_Pa: best.1,
        basis_induction_length_m: best.2,
        grid,
    })
}

/// Credibility of one criterion, in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionCredibility {
    /// Criterion name, as in `petrocket_chem::detonation::Criterion`.
    pub name: &'static str,
    /// 1: holds (with the smallest cell); 0: fails beyond the taper.
    pub credibility: f64,
}

fn clamp01(v: f64) -> f64 {
    if v.is_nan() {
        1.0 // unknown: conservative
    } else {
        v.clamp(0.0, 1.0)
    }
}

/// Limits criterion: 1 inside, linear to 0 at LIMIT_TAPER_MOLE_FRACTION outside.
pub fn limits_credibility(check: &limits::LimitCheck) -> f64 {
    clamp01(1.0 + check.margin / LIMIT_TAPER_MOLE_FRACTION)
}

/// Expansion-ratio criterion: 1 at σ ≥ σ*, linear in σ to 0 at σ*/SIGMA_TAPER.
pub fn sigma_credibility(sigma: f64) -> f64 {
    let lo = CRITICAL_EXPANSION_RATIO / SIGMA_TAPER;
    clamp01((sigma - lo) / (CRITICAL_EXPANSION_RATIO - lo))
}

/// Size criterion with largest passing cell width `s` and smallest estimated cell `lambda_low`.
pub fn size_credibility(s: f64, lambda_low: f64) -> f64 {
    clamp01((SIZE_TAPER * s / lambda_low).ln() / SIZE_TAPER.ln())
}

/// The graded credibility of a detonation in `vessel`, criterion by criterion. `cell` None:
/// the size criteria are unknown and count as holding.
pub fn credibility(
    limits: Option<&limits::LimitCheck>,
    sigma: Option<f64>,
    vessel: Vessel,
    cell: Option<&CellWidth>,
) -> Vec<CriterionCredibility> {
    let mut out = Vec::new();
    if let Some(l) = limits {
        out.push(CriterionCredibility {
            name: "detonability limits",
            credibility: limits_credibility(l),
        });
    }
    if let Some(s) = sigma {
        out.push(CriterionCredibility {
            name: "expansion ratio",
            credibility: sigma_credibility(s),
        });
    }
    if let Some(c) = cell {
        out.push(CriterionCredibility {
            name: "tube transmission d >= lambda/pi",
            credibility: size_credibility(std::f64::consts::PI * vessel.diameter, c.lower),
        });
        out.push(CriterionCredibility {
            name: "DDT scale L >= 7 lambda",
            credibility: size_credibility(vessel.length / DDT_CELLS, c.lower),
        });
    }
    out
}

/// The smallest credibility (1 when no criterion applies).
pub fn overall(criteria: &[CriterionCredibility]) -> f64 {
    criteria.iter().map(|c| c.credibility).fold(1.0, f64::min)
}

/// Grade from the credibility and whether every criterion holds with the central cell.
pub fn grade(credibility: f64, all_central_pass: bool) -> Grade {
    if credibility <= 0.0 {
        Grade::NotCredible
    } else if credibility >= 1.0 && all_central_pass {
        Grade::Likely
    } else {
        Grade::Possible
    }
}

/// Equivalent detonation load for credibility `c`: the deflagration load plus `c` times the
/// excess of the full detonation load over it (never below the deflagration load).
pub fn graded_load(deflagration_load: f64, detonation_load: f64, c: f64) -> f64 {
    deflagration_load + c * (detonation_load - deflagration_load).max(0.0)
}

/// What the screen assumes, for the summary.
pub fn assumptions() -> Vec<String> {
    vec![format!(
        "detonation screening (a screening model) with a graded credibility in [0, 1]: detonability limits (tapered over {LIMIT_TAPER_MOLE_FRACTION} mole fraction outside), expansion ratio >= 3.75 (tapered to 3.75/{SIGMA_TAPER}), d >= lambda/pi and L >= 7 lambda (tapered over a factor {SIZE_TAPER}) with the smallest cell of the band, 10 Delta_i; the cell width is the smallest lambda*p of the ZND kinetics at pressures from 0.1 bar up to the fill, carried to the fill pressure as 1/p (measured trend, docs/safety.md); detonation load = deflagration load + credibility x (max({DETONATION_SIDEWALL_DLF} x CJ pressure rise on the sidewall (VALIDATION S3), equilibrium reflected-shock pressure at a closed end applied statically (C8)) - deflagration load)"
    )]
}

/// Stage 3: detonation screening of the charge in the bottle with a graded credibility (the
/// module docs) and, where it is above zero, the CJ and reflected-shock states for the loads.
pub fn screen(
    gas: &GasMixture,
    fresh: &GasState,
    bottle: &CylinderBottle,
    warnings: &mut Vec<String>,
) -> Result<DetonationScreening> {
    let mut out = DetonationScreening::not_applicable(bottle, String::new());
    let vessel = Vessel::new(out.vessel_diameter_m, out.vessel_length_m)?;
    let limits = match limits::detonability(gas, &fresh.mole_fractions) {
        Ok(l) => Some(l),
        Err(e) => {
            warnings.push(format!(
                "detonability limits unknown ({e}); a detonation is assumed credible"
            ));
            None
        }
    };
    let Some(l) = limits else {
        let d = detonation(gas, fresh)?;
        out.set_cj(&d);
        out.credible = true;
        out.credibility = 1.0;
        out.grade = Grade::Possible;
        out.basis = "limits and screening criteria are known for H2 only: detonation assumed \
                     credible (conservative)"
            .into();
        return Ok(out);
    };
    // Beyond the tapered limits nothing else matters.
    if limits_credibility(&l) <= 0.0 {
        out.credible = false;
        out.credibility = 0.0;
        out.grade = Grade::NotCredible;
        out.basis = l.verdict();
        out.credibility_by_criterion = vec![CriterionCredibility {
            name: "detonability limits",
            credibility: 0.0,
        }];
        return Ok(out);
    }
    let d = detonation(gas, fresh)?;
    out.set_cj(&d);
    let cell = screening_cell(gas, fresh);
    match &cell {
        Some(c) => {
            out.induction_length_m = Some(c.basis_induction_length_m);
            out.cell_width_m = Some(c.cell.central);
            out.cell_width_band_m = Some([c.cell.lower, c.cell.upper]);
            out.cell_width_basis_pressure_Pa = Some(c.basis_pressure_Pa);
        }
        None => warnings.push(
            "ZND induction length not computed at any pressure of the screening grid: cell size unknown, detonation kept fully credible".into(),
        ),
    }
    let a = assess_vessel(gas, fresh, vessel, cell.as_ref().map(|c| &c.cell))?;
    let by_criterion = credibility(
        Some(&l),
        Some(a.expansion_ratio),
        vessel,
        cell.as_ref().map(|c| &c.cell),
    );
    let c = overall(&by_criterion);
    let all_central = cell.is_some() && a.criteria.iter().all(|k| k.passed);
    out.credibility = c;
    out.credible = c > 0.0;
    out.grade = grade(c, all_central);
    out.credibility_by_criterion = by_criterion;
    out.criteria = a.criteria.clone();
    let cell_text = match &cell {
        Some(c) => format!("cell width {:.2} mm", c.cell.central * 1e3),
        None => "cell width unknown".into(),
    };
    let limiting: Vec<&str> = out
        .credibility_by_criterion
        .iter()
        .filter(|k| k.credibility < 1.0)
        .map(|k| k.name)
        .collect();
    out.basis = if limiting.is_empty() {
        format!(
            "detonation {} (credibility 1): every necessary condition holds ({cell_text} in a {:.0} mm x {:.0} mm bottle)",
            out.grade.as_str(),
            out.vessel_diameter_m * 1e3,
            out.vessel_length_m * 1e3
        )
    } else {
        format!(
            "detonation {} (credibility {:.2}): limited by {} ({cell_text})",
            out.grade.as_str(),
            c,
            limiting.join(", ")
        )
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapers_are_continuous_and_monotone() {
        // Size: 1 at s = lambda_low, 0 at s = lambda_low / SIZE_TAPER, monotone between.
        assert!((size_credibility(1.0, 1.0) - 1.0).abs() < 1e-15);
        assert!(size_credibility(1.0 / SIZE_TAPER, 1.0).abs() < 1e-15);
        let mut last = -1.0;
        for i in 0..=100 {
            let s = 0.3 + i as f64 * 0.01;
            let c = size_credibility(s, 1.0);
            assert!(c >= last);
            last = c;
        }
        assert!((sigma_credibility(CRITICAL_EXPANSION_RATIO) - 1.0).abs() < 1e-15);
        assert!(sigma_credibility(CRITICAL_EXPANSION_RATIO / SIGMA_TAPER).abs() < 1e-15);
        assert!((graded_load(1.0, 3.0, 0.5) - 2.0).abs() < 1e-15);
        assert!((graded_load(1.0, 0.5, 1.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn grid_spans_the_allowed_fill_pressures() {
        let nodes: Vec<f64> = grid_nodes().collect();
        assert!((nodes[0] - CELL_GRID_START_PA).abs() < 1e-9);
        assert!((nodes.last().unwrap() / CELL_GRID_END_PA - 1.0).abs() < 1e-9);
        assert_eq!(nodes.len(), 13);
    }
}
