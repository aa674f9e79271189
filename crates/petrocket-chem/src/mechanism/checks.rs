//! Load-time consistency checks of a mechanism: element balance, undeclared duplicate
//! reactions, plausible species thermo.
//!
//! A mechanism that fails them would load and then give nonsense (a reactor reporting a
//! 1,890 % mass-fraction error, an equilibrium that "does not converge"); Cantera refuses the
//! first two at load time as well. All errors are input errors
//! ([`ChemError::is_numerical`] is false).

use std::collections::HashMap;

use super::input_limits::clip;
use super::{Mechanism, RateModel, Reaction, ThirdBody};
use crate::error::{ChemError, Result};
use crate::thermo::SpeciesThermo;
use petrocket_units::GAS_CONSTANT as R;

/// Relative tolerance of the element balance: |products − reactants| ≤ tol · (atoms on both
/// sides), at least tol · 1 atom.
pub const ELEMENT_BALANCE_RTOL: f64 = 1e-9;

/// Accepted standard formation enthalpy of gaseous H2O at 298.15 K (J/mol): the reference
/// value is −241.826 kJ/mol (NIST-JANAF, Chase 1998); the band is wide on purpose, to catch
/// only absurd data (a sign error, a wrong unit, a garbled a6 coefficient).
pub const H2O_FORMATION_ENTHALPY_BAND: (f64, f64) = (-400e3, -100e3);

/// Largest |cp°/R|, |h°/RT|, |s°/R| accepted inside a species' fitted range: far beyond any
/// real species (cp°/R of C60 is ≈ 100), so only garbled coefficients trip it.
const THERMO_MAGNITUDE_LIMIT: f64 = 1e6;

/// Largest molecular weight accepted (kg/mol): 10⁹ g/mol, beyond any gas-phase species (or
/// sectional soot pseudo-species) of a combustion mechanism.
pub const MAX_MOLECULAR_WEIGHT: f64 = 1e6;

/// The standard reference temperature (K).
const T_REF: f64 = 298.15;

/// Run every load-time check on `mech`: molecular weights (positive, at most
/// [`MAX_MOLECULAR_WEIGHT`]), thermo plausibility (finite
/// cp°/R, h°/RT, s°/R with cp° > 0 at the bounds and midpoints of every fitted range), the
/// formation enthalpy of H2O when H2, O2 and H2O are species, the element balance of every
/// reaction ([`ELEMENT_BALANCE_RTOL`]) and undeclared duplicate reactions (same reactants,
/// products, rate type and overlapping third bodies, not both marked `duplicate: true`, as
/// Cantera's `Kinetics::checkDuplicates`). Called by every loader; public for mechanisms
/// built or edited in code.
pub fn check_mechanism(mech: &Mechanism) -> Result<()> {
    check_species(mech)?;
    check_h2o_formation(mech)?;
    check_element_balance(mech)?;
    check_duplicates(mech)
}

fn check_species(mech: &Mechanism) -> Result<()> {
    let bad = |species: &str, message: String| ChemError::ImplausibleThermo {
        file: mech.source.clone(),
        species: format!("'{}'", clip(species)),
        message,
    };
    for s in &mech.species {
        let w = s.molecular_weight_kg_per_mol;
        if !(w.is_finite() && w > 0.0 && w <= MAX_MOLECULAR_WEIGHT) {
            return Err(ChemError::Mechanism {
                file: mech.source.clone(),
                context: format!("species '{}' > composition", clip(&s.name)),
                message: format!(
                    "molecular weight {w} kg/mol: a species needs atoms with a positive total \
                     weight of at most {MAX_MOLECULAR_WEIGHT:e} kg/mol"
                ),
            });
        }
        let p = s.thermo.reference_pressure();
        if !(p.is_finite() && p > 0.0) {
            return Err(bad(
                &s.name,
                format!("reference pressure {p} Pa must be positive"),
            ));
        }
        for t in sample_temperatures(&s.thermo) {
            if !(t.is_finite() && t > 0.0) {
                return Err(bad(
                    &s.name,
                    format!("temperature range reaches {t} K; it must stay positive and finite"),
                ));
            }
            let v = s.thermo.eval(t);
            let finite = v.cp_r.is_finite() && v.h_rt.is_finite() && v.s_r.is_finite();
            let small = v.cp_r.abs() <= THERMO_MAGNITUDE_LIMIT
                && v.h_rt.abs() <= THERMO_MAGNITUDE_LIMIT
                && v.s_r.abs() <= THERMO_MAGNITUDE_LIMIT;
            if !finite || !small || v.cp_r < 0.0 {
                return Err(bad(
                    &s.name,
                    format!(
                        "at T = {t} K inside its fitted range cp°/R = {:.6e}, h°/RT = {:.6e}, \
                         s°/R = {:.6e} (expected finite values, cp° ≥ 0, magnitudes below {:e})",
                        v.cp_r, v.h_rt, v.s_r, THERMO_MAGNITUDE_LIMIT
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Temperatures at which a species' thermo is checked: every range bound and midpoint
/// (constant cp: T0 and finite, positive bounds).
fn sample_temperatures(thermo: &SpeciesThermo) -> Vec<f64> {
    let ranges = |bounds: &[f64]| -> Vec<f64> {
        let mut ts: Vec<f64> = bounds.to_vec();
        ts.extend(bounds.windows(2).map(|w| 0.5 * (w[0] + w[1])));
        ts
    };
    match thermo {
        SpeciesThermo::Nasa7(p) => ranges(&p.bounds),
        SpeciesThermo::Nasa9(p) => ranges(&p.bounds),
        SpeciesThermo::ConstantCp(p) => {
            let mut ts = vec![p.t0];
            ts.extend(
                [p.t_min, p.t_max]
                    .into_iter()
                    .filter(|t| *t > 0.0 && t.is_finite()),
            );
            ts
        }
    }
}

/// Standard formation enthalpy of H2O at 298.15 K in J/mol, h°(H2O) − h°(H2) − ½ h°(O2),
/// when the mechanism has species named H2, O2 and H2O with elements H and O only.
pub fn formation_enthalpy_h2o(mech: &Mechanism) -> Option<f64> {
    let h = |name: &str| -> Option<f64> {
        let k = mech.species_index(name)?;
        Some(mech.species[k].thermo.eval(T_REF).h_rt * R * T_REF)
    };
    Some(h("H2O")? - h("H2")? - 0.5 * h("O2")?)
}

fn check_h2o_formation(mech: &Mechanism) -> Result<()> {
    let Some(dh) = formation_enthalpy_h2o(mech) else {
        return Ok(());
    };
    let (lo, hi) = H2O_FORMATION_ENTHALPY_BAND;
    if dh.is_finite() && (lo..=hi).contains(&dh) {
        return Ok(());
    }
    Err(ChemError::ImplausibleThermo {
        file: mech.source.clone(),
        species: "H2O".into(),
        message: format!(
            "H2 + ½O2 → H2O at 298.15 K gives Δh_f = {:.3} kJ/mol, outside the plausible band \
             [{:.0}, {:.0}] kJ/mol (reference −241.826 kJ/mol, NIST-JANAF): a flammable \
             charge would not release the right heat; check the H2, O2 and H2O thermo data",
            dh * 1e-3,
            lo * 1e-3,
            hi * 1e-3
        ),
    })
}

fn check_element_balance(mech: &Mechanism) -> Result<()> {
    let ne = mech.elements.len();
    let mut net = vec![0.0; ne];
    let mut gross = vec![0.0; ne];
    for (i, r) in mech.reactions.iter().enumerate() {
        net.iter_mut().for_each(|v| *v = 0.0);
        gross.iter_mut().for_each(|v| *v = 0.0);
        for (side, sign) in [(&r.reactants, -1.0), (&r.products, 1.0)] {
            for &(k, nu) in side.iter() {
                for &(m, atoms) in &mech.species[k].composition {
                    net[m] += sign * nu * atoms;
                    gross[m] += (nu * atoms).abs();
                }
            }
        }
        for m in 0..ne {
            let tol = ELEMENT_BALANCE_RTOL * gross[m].max(1.0);
            if net[m].is_nan() || net[m].abs() > tol {
                return Err(ChemError::UnbalancedReaction {
                    file: mech.source.clone(),
                    index: i + 1,
                    equation: clip(&r.equation),
                    element: mech.elements[m].symbol.clone(),
                    imbalance: net[m],
                });
            }
        }
    }
    Ok(())
}

/// Rate type as Cantera distinguishes it for duplicates: the reaction type and, for falloff,
/// the blending function.
fn rate_kind(r: &Reaction) -> (u8, u8) {
    use super::FalloffForm as F;
    let form = |f: &F| match f {
        F::Lindemann => 0,
        F::Troe { .. } => 1,
        F::Sri { .. } => 2,
        F::Tsang { .. } => 3,
    };
    match &r.rate {
        RateModel::Elementary(_) => (0, 0),
        RateModel::ThreeBody { .. } => (1, 0),
        RateModel::Falloff { form: f, .. } => (2, form(f)),
        RateModel::ChemicallyActivated { form: f, .. } => (3, form(f)),
        RateModel::Plog(_) => (4, 0),
        RateModel::Chebyshev { .. } => (5, 0),
    }
}

fn third_body(r: &Reaction) -> Option<&ThirdBody> {
    match &r.rate {
        RateModel::ThreeBody { third_body, .. }
        | RateModel::Falloff { third_body, .. }
        | RateModel::ChemicallyActivated { third_body, .. } => Some(third_body),
        _ => None,
    }
}

fn efficiency(tb: &ThirdBody, k: usize) -> f64 {
    match tb {
        ThirdBody::Species(i) => f64::from(u8::from(*i == k)),
        ThirdBody::Mixture {
            efficiencies,
            default_efficiency,
        } => efficiencies
            .iter()
            .find(|(i, _)| *i == k)
            .map_or(*default_efficiency, |(_, e)| *e),
    }
}

/// Signed stoichiometry keyed as Cantera does: −(k+1) for reactant k, k+1 for product k.
fn signed_stoichiometry(r: &Reaction) -> Vec<(i64, f64)> {
    let mut v: Vec<(i64, f64)> = r
        .reactants
        .iter()
        .map(|&(k, nu)| (-(k as i64) - 1, -nu))
        .chain(r.products.iter().map(|&(k, nu)| (k as i64 + 1, nu)))
        .collect();
    v.sort_by_key(|e| e.0);
    v
}

/// Cantera's `checkDuplicateStoich`: the ratio c with `b = c·a` (same direction, c > 0) or
/// `b = c·reverse(a)` (c < 0), or 0 when the stoichiometries are not proportional.
fn duplicate_ratio(a: &[(i64, f64)], b: &[(i64, f64)]) -> f64 {
    let proportional = |flip: i64| -> Option<f64> {
        let mut b2: Vec<(i64, f64)> = b.iter().map(|&(k, v)| (flip * k, v)).collect();
        b2.sort_by_key(|e| e.0);
        if a.len() != b2.len() || a.is_empty() {
            return None;
        }
        let ratio = b2[0].1 / a[0].1;
        let same = a
            .iter()
            .zip(&b2)
            .all(|(x, y)| x.0 == y.0 && (y.1 / x.1 - ratio).abs() <= 1e-8);
        same.then_some(ratio)
    };
    proportional(1).or_else(|| proportional(-1)).unwrap_or(0.0)
}

fn check_duplicates(mech: &Mechanism) -> Result<()> {
    // Reactions grouped by the set of species they involve (either side).
    let mut groups: HashMap<Vec<usize>, Vec<usize>> = HashMap::new();
    for (i, r) in mech.reactions.iter().enumerate() {
        let mut key: Vec<usize> = r
            .reactants
            .iter()
            .chain(&r.products)
            .map(|&(k, _)| k)
            .collect();
        key.sort_unstable();
        key.dedup();
        groups.entry(key).or_default().push(i);
    }
    let mut first_hit: Option<(usize, usize)> = None;
    for members in groups.values().filter(|m| m.len() > 1) {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                if is_undeclared_duplicate(mech, &mech.reactions[i], &mech.reactions[j]) {
                    first_hit = Some(first_hit.map_or((i, j), |hit| hit.min((i, j))));
                }
            }
        }
    }
    match first_hit {
        None => Ok(()),
        Some((i, j)) => Err(ChemError::DuplicateReaction {
            file: mech.source.clone(),
            first: i + 1,
            first_equation: clip(&mech.reactions[i].equation),
            second: j + 1,
            second_equation: clip(&mech.reactions[j].equation),
        }),
    }
}

fn is_undeclared_duplicate(mech: &Mechanism, r: &Reaction, other: &Reaction) -> bool {
    if r.duplicate && other.duplicate {
        return false;
    }
    if rate_kind(r) != rate_kind(other) {
        return false;
    }
    let c = duplicate_ratio(&signed_stoichiometry(r), &signed_stoichiometry(other));
    if c == 0.0
        || (c < 0.0 && !r.reversible && !other.reversible)
        || (c > 0.0 && r.reversible != other.reversible)
    {
        return false;
    }
    if let (Some(a), Some(b)) = (third_body(r), third_body(other)) {
        // Not duplicates when no species is an efficient collider in both.
        let overlap = (0..mech.species.len()).any(|k| efficiency(a, k) * efficiency(b, k) != 0.0);
        if !overlap {
            return false;
        }
    }
    true
}
