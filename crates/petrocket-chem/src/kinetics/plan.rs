//! The evaluation plan: the compiled reactions rearranged into flat arrays for the inner loop
//! of the reactors (rates of progress and net production rates at one state).
//!
//! The per-reaction description ([`Compiled`]) is convenient but slow to walk: every reaction
//! owns small vectors of (species, coefficient) pairs, optional third-body descriptions and a
//! rate expression behind an enum. A reactor evaluates the same mechanism millions of times, so
//! the plan groups the work by kind instead (the layout of code-generating tools such as
//! pyJac, Niemeyer, Curtis & Sung, Comput. Phys. Commun. 215 (2017) 188–203, built here at
//! load time from data):
//!
//! - **Arrhenius rate constants** as structure-of-arrays (A, b, Ea/R): their exponents, those
//!   of the falloff reactions' k0 and k∞ and of Troe's F_cent terms, and g°/(R T) for all
//!   species are formed in one pass and exponentiated in one batch (`numerics::exp_in_place`,
//!   vectorised); constant rate constants skip
//!   the exponential; SRI falloff, PLOG and Chebyshev reactions go through their rate
//!   expression. Only k is formed here: the derivatives are the Jacobian's, which evaluates
//!   the full rate expressions.
//! - **Third-body concentrations** are computed once per distinct set of efficiencies.
//! - **Standard reactions** (every order equal to its stoichiometric coefficient, integer
//!   coefficients, at most three molecules per side) keep three species "slots" per side.
//!   Unused slots point to a ghost entry whose concentration and exp(g°/RT) are 1, so
//!   Π C^ν and K_c are three multiplications without branches. Other reactions (fractional or
//!   explicit orders, more than three molecules) use the general per-reaction path.
//! - **Net production rates** ω̇_k = Σ_r ν_kr q_r as a compressed sparse row matrix (species ×
//!   reactions), a gather without branches.
//!
//! The arithmetic is the same as the per-reaction path; only the order of the sums in ω̇ and
//! [M] may change the last bit.

use super::{Collider, Compiled};
use crate::kinetics::rate::{falloff_from, Arr, Blend, FalloffInputs, RateExpr, TempTerms};

/// Species slots per side of a standard reaction.
pub(super) const SLOTS: usize = 3;

/// A standard reaction: unit or small integer coefficients through slots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SlotReaction {
    /// Reaction index.
    pub i: usize,
    /// Reactant species, repeated for ν = 2 or 3; the ghost index (n_species) when unused.
    pub reactants: [usize; SLOTS],
    /// Product species, likewise.
    pub products: [usize; SLOTS],
    /// Σν″ − Σν′ (an integer, −3..=3), as an index offset into the powers of p°/(R T).
    pub delta_n: i32,
    pub reversible: bool,
}

/// A falloff or chemically-activated reaction (Lindemann, Troe or Tsang blend) whose
/// exponentials come from the batch: k0 = `a_low`·e[`low`], k∞ = `a_high`·e[`high`], and
/// for Troe F_cent = Σ weight·e[index] over `troe`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct FalloffPlan {
    /// Reaction index.
    pub i: usize,
    pub a_low: f64,
    pub low: usize,
    pub a_high: f64,
    pub high: usize,
    /// Troe's three F_cent terms as (weight, index into the batch).
    pub troe: Option<[(f64, usize); 3]>,
    pub blend: Blend,
    /// Chemically activated rather than falloff.
    pub activated: bool,
}

impl FalloffPlan {
    /// The rate constant k from the batched exponentials `exps` at `tt`, with collision
    /// concentration `m`. Only k is formed: its derivatives (from dF_cent/dT, left 0 here) are
    /// the Jacobian's, which evaluates the full rate expression.
    pub fn rate_constant(&self, exps: &[f64], tt: &TempTerms, m: f64) -> f64 {
        let troe = self
            .troe
            .map_or([0.0; 3], |terms| terms.map(|(_, j)| exps[j]));
        self.rate_constant_with(exps[self.low], exps[self.high], troe, tt, m)
    }

    /// [`FalloffPlan::rate_constant`] with the exponentials given: those of k0 and k∞ and of
    /// Troe's three F_cent terms (ignored by the other blends).
    #[inline]
    pub fn rate_constant_with(
        &self,
        e_low: f64,
        e_high: f64,
        e_troe: [f64; 3],
        tt: &TempTerms,
        m: f64,
    ) -> f64 {
        // Σ weight·e^x in the order of `Blend::fcent`, so the sum is the same to the bit.
        let fcent = match &self.troe {
            Some(terms) => (
                terms
                    .iter()
                    .zip(e_troe)
                    .fold(0.0, |s, (&(w, _), e)| s + w * e),
                0.0,
            ),
            None => self.blend.fcent(tt),
        };
        let inputs = FalloffInputs {
            k0: self.a_low * e_low,
            kinf: self.a_high * e_high,
            dlnk0_dt: 0.0,
            dlnkinf_dt: 0.0,
            fcent,
        };
        falloff_from(&inputs, &self.blend, self.activated, tt, m).k
    }
}

/// The flat evaluation plan of a mechanism.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Plan {
    /// Exponents of the batched exponentials, b ln T − (Ea/R)/T − c T: first one per
    /// reaction of `arr_rxn`, then those of the `falloff` reactions (the species' g°/RT
    /// follow them in the work area).
    pub exp_b: Vec<f64>,
    pub exp_ea_r: Vec<f64>,
    pub exp_c: Vec<f64>,
    /// Reactions whose rate constant is A·exp(b ln T − (Ea/R)/T) with a T dependence: the
    /// first `arr_rxn.len()` exponentials, times `arr_a`.
    pub arr_rxn: Vec<usize>,
    pub arr_a: Vec<f64>,
    /// Falloff reactions with batched exponentials (all but SRI).
    pub falloff: Vec<FalloffPlan>,
    /// Reactions with a temperature-independent Arrhenius rate constant, and its value.
    pub const_rxn: Vec<(usize, f64)>,
    /// Reactions evaluated through their [`RateExpr`] (SRI falloff, PLOG, Chebyshev).
    pub expr_rxn: Vec<usize>,
    /// Distinct collision-partner weightings.
    pub colliders: Vec<Collider>,
    /// Per reaction: index into the collider concentrations of its three-body factor, or
    /// `colliders.len()` (a ghost entry of 1) for reactions without one.
    pub third_slot: Vec<usize>,
    /// Per reaction: index of the collision concentration its rate constant depends on, or
    /// the ghost entry (rate without such dependence).
    pub rate_m_slot: Vec<usize>,
    /// Standard reactions.
    pub slot_rxn: Vec<SlotReaction>,
    /// Every other reaction (general per-reaction path).
    pub general_rxn: Vec<usize>,
    /// ω̇ = N q in CSR form: row k holds `(reaction, ν_kr)` for `row_start[k]..row_start[k+1]`.
    pub row_start: Vec<usize>,
    pub row_rxn: Vec<usize>,
    pub row_nu: Vec<f64>,
    /// The same matrix by reaction (CSR, reactions × species): the species whose ω̇ reaction
    /// r changes and their net coefficients, for the Jacobian's scatter.
    pub rxn_start: Vec<usize>,
    pub rxn_species: Vec<usize>,
    pub rxn_nu: Vec<f64>,
}

impl Plan {
    /// Arrange `reactions` of a mechanism with `ns` species.
    pub fn new(reactions: &[Compiled], ns: usize) -> Self {
        let mut plan = Plan::default();
        let slot_of = |plan: &mut Plan, c: &Option<Collider>| -> Option<usize> {
            let c = c.as_ref()?;
            Some(match plan.colliders.iter().position(|x| x == c) {
                Some(j) => j,
                None => {
                    plan.colliders.push(c.clone());
                    plan.colliders.len() - 1
                }
            })
        };
        let mut third = Vec::with_capacity(reactions.len());
        let mut rate_m = Vec::with_capacity(reactions.len());
        // Falloff exponents, appended after the Arrhenius ones (indices offset below).
        let mut fall_exps: Vec<(f64, f64, f64)> = Vec::new();
        let mut push_exp = |b: f64, ea_r: f64, c: f64| {
            fall_exps.push((b, ea_r, c));
            fall_exps.len() - 1
        };
        for (i, r) in reactions.iter().enumerate() {
            match &r.rate {
                RateExpr::Arrhenius(a) if a.is_constant() => plan.const_rxn.push((i, a.a)),
                RateExpr::Arrhenius(a) => {
                    plan.arr_rxn.push(i);
                    plan.arr_a.push(a.a);
                    plan.exp_b.push(a.b);
                    plan.exp_ea_r.push(a.ea_r);
                    plan.exp_c.push(0.0);
                }
                RateExpr::Falloff {
                    low,
                    high,
                    blend,
                    activated,
                } if !matches!(blend, Blend::Sri { .. }) => plan.falloff.push(FalloffPlan {
                    i,
                    a_low: low.a,
                    low: push_arr(&mut push_exp, low),
                    a_high: high.a,
                    high: push_arr(&mut push_exp, high),
                    troe: blend
                        .troe_terms()
                        .map(|terms| terms.map(|(w, b, ea_r, c)| (w, push_exp(b, ea_r, c)))),
                    blend: *blend,
                    activated: *activated,
                }),
                _ => plan.expr_rxn.push(i),
            }
            third.push(slot_of(&mut plan, &r.three_body));
            rate_m.push(slot_of(&mut plan, &r.rate_m));
            match slots(i, r, ns) {
                Some(s) => plan.slot_rxn.push(s),
                None => plan.general_rxn.push(i),
            }
        }
        let base = plan.exp_b.len();
        for f in &mut plan.falloff {
            f.low += base;
            f.high += base;
            if let Some(terms) = &mut f.troe {
                for t in terms {
                    t.1 += base;
                }
            }
        }
        for (b, ea_r, c) in fall_exps {
            plan.exp_b.push(b);
            plan.exp_ea_r.push(ea_r);
            plan.exp_c.push(c);
        }
        let ghost = plan.colliders.len();
        plan.third_slot = third.into_iter().map(|s| s.unwrap_or(ghost)).collect();
        plan.rate_m_slot = rate_m.into_iter().map(|s| s.unwrap_or(ghost)).collect();

        // Net stoichiometric matrix, merging a species that appears on both sides.
        let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ns];
        for (i, r) in reactions.iter().enumerate() {
            let sides = r.reactants.iter().map(|&(k, nu)| (k, -nu));
            for (k, nu) in sides.chain(r.products.iter().copied()) {
                match rows[k].iter_mut().find(|(j, _)| *j == i) {
                    Some(e) => e.1 += nu,
                    None => rows[k].push((i, nu)),
                }
            }
        }
        // Drop the entries that cancel (a species on both sides with equal coefficients).
        for row in &mut rows {
            row.retain(|e| e.1 != 0.0);
        }
        let mut by_reaction: Vec<Vec<(usize, f64)>> = vec![Vec::new(); reactions.len()];
        for (k, row) in rows.iter().enumerate() {
            for &(i, nu) in row {
                by_reaction[i].push((k, nu));
            }
        }
        (plan.rxn_start, plan.rxn_species, plan.rxn_nu) = compress(by_reaction);
        (plan.row_start, plan.row_rxn, plan.row_nu) = compress(rows);
        plan
    }

    /// The species reaction `i` produces or consumes, with their net coefficients ν_ki ≠ 0.
    pub fn net_species_of(&self, i: usize) -> impl Iterator<Item = (&usize, &f64)> {
        let range = self.rxn_start[i]..self.rxn_start[i + 1];
        self.rxn_species[range.clone()]
            .iter()
            .zip(&self.rxn_nu[range])
    }
}

/// Compressed sparse rows (row starts, column indices, values) of a matrix given row by row.
fn compress(rows: Vec<Vec<(usize, f64)>>) -> (Vec<usize>, Vec<usize>, Vec<f64>) {
    let mut start = Vec::with_capacity(rows.len() + 1);
    let (mut index, mut value) = (Vec::new(), Vec::new());
    start.push(0);
    for row in rows {
        for (j, v) in row {
            index.push(j);
            value.push(v);
        }
        start.push(index.len());
    }
    (start, index, value)
}

/// Adds the exponent of `a` through `push` (b ln T − (Ea/R)/T; 0 for a T-independent rate,
/// whose A·e⁰ is then exactly A as in [`crate::kinetics::rate`]) and returns its index.
fn push_arr(push: &mut impl FnMut(f64, f64, f64) -> usize, a: &Arr) -> usize {
    if a.is_constant() {
        push(0.0, 0.0, 0.0)
    } else {
        push(a.b, a.ea_r, 0.0)
    }
}

/// Slot form of reaction `i`, if it is standard (orders equal to integer coefficients, at most
/// [`SLOTS`] molecules a side).
fn slots(i: usize, r: &Compiled, ns: usize) -> Option<SlotReaction> {
    let orders_are_stoichiometric = r.orders.len() == r.reactants.len()
        && r.orders.iter().zip(&r.reactants).all(|(o, s)| o == s);
    if !orders_are_stoichiometric {
        return None;
    }
    let fill = |side: &[(usize, f64)]| -> Option<[usize; SLOTS]> {
        let mut out = [ns; SLOTS];
        let mut n = 0;
        for &(k, nu) in side {
            if nu.fract() != 0.0 || nu < 1.0 {
                return None;
            }
            for _ in 0..nu as usize {
                *out.get_mut(n)? = k;
                n += 1;
            }
        }
        Some(out)
    };
    let molecules = |s: &[usize; SLOTS]| s.iter().filter(|&&k| k < ns).count() as i32;
    let reactants = fill(&r.reactants)?;
    let products = fill(&r.products)?;
    Some(SlotReaction {
        i,
        reactants,
        products,
        delta_n: molecules(&products) - molecules(&reactants),
        reversible: r.reversible,
    })
}

#[cfg(test)]
mod tests {
    use crate::kinetics::Kinetics;
    use crate::mixture::GasMixture;

    fn mechanism(file: &str) -> GasMixture {
        GasMixture::load(&format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// The same kinetics with every reaction on the general per-reaction path.
    fn general_only(kin: &Kinetics) -> Kinetics {
        let mut g = kin.clone().without_generated_code();
        g.plan.slot_rxn.clear();
        g.plan.general_rxn = (0..kin.n_reactions()).collect();
        g
    }

    /// Concentrations at (t, p) of a mixture with a little of every species.
    fn mixed_concentrations(kin: &Kinetics, t: f64, p: f64) -> Vec<f64> {
        let gas = kin.gas();
        let x: Vec<f64> = (0..gas.n_species())
            .map(|k| 0.02 + 0.01 * (k % 7) as f64)
            .collect();
        let sum: f64 = x.iter().sum();
        let x: Vec<f64> = x.iter().map(|v| v / sum).collect();
        Kinetics::concentrations(&gas.state_tpx(t, p, &x).unwrap())
    }

    /// Largest magnitude of the entries.
    fn max_abs<'a>(v: impl IntoIterator<Item = &'a f64>) -> f64 {
        v.into_iter().fold(0.0f64, |m, x| m.max(x.abs()))
    }

    /// Net production rates at (t, p) of a mixture with a little of every species.
    fn wdot(kin: &Kinetics, t: f64, p: f64) -> Vec<f64> {
        let mut work = kin.work();
        kin.update(&mut work, t, &mixed_concentrations(kin, t, p));
        let mut out = vec![0.0; kin.n_species()];
        kin.net_production_rates(&work, &mut out);
        out
    }

    #[test]
    fn slot_path_equals_the_general_path() {
        for file in ["kinetics_features.yaml", "gri30.yaml"] {
            let kin = Kinetics::new(&mechanism(file)).unwrap();
            assert!(
                !kin.plan.slot_rxn.is_empty(),
                "{file}: no standard reactions"
            );
            let general = general_only(&kin);
            // 300 K exercises the K_c fallback (|g°/RT| ≥ 110), the others the slot form.
            for (t, p) in [(300.0, 1e5), (1000.0, 1e5), (1800.0, 2e6), (3000.0, 5e6)] {
                let (a, b) = (wdot(&kin, t, p), wdot(&general, t, p));
                let scale = max_abs(&b);
                for (k, (x, y)) in a.iter().zip(&b).enumerate() {
                    assert!(
                        (x - y).abs() <= 1e-12 * scale,
                        "{file} T = {t} K: species {k}: plan {x:e} vs general {y:e}"
                    );
                }
            }
        }
    }

    /// The Jacobian's slot form (standard reactions) equals its general per-reaction form.
    #[test]
    fn slot_jacobian_equals_the_general_jacobian() {
        for file in ["kinetics_features.yaml", "gri30.yaml"] {
            let kin = Kinetics::new(&mechanism(file)).unwrap();
            let general = general_only(&kin);
            let ns = kin.n_species();
            for (t, p) in [(1000.0, 1e5), (2500.0, 3e6)] {
                let conc = mixed_concentrations(&kin, t, p);
                let jac = |k: &Kinetics| {
                    let mut work = k.work();
                    k.update(&mut work, t, &conc);
                    let mut dwdc = nalgebra::DMatrix::zeros(ns, ns);
                    let (mut dwdt, mut grad) = (vec![0.0; ns], vec![0.0; ns]);
                    k.jacobian(&work, &mut dwdc, &mut dwdt, &mut grad);
                    (dwdc, dwdt)
                };
                let ((a, at), (b, bt)) = (jac(&kin), jac(&general));
                let scale = max_abs(&b);
                let t_scale = max_abs(&bt);
                assert!(scale > 0.0 && t_scale > 0.0, "{file}");
                for (x, y) in a.iter().zip(b.iter()) {
                    assert!(
                        (x - y).abs() <= 1e-12 * scale,
                        "{file} {t} K: {x:e} vs {y:e}"
                    );
                }
                for (x, y) in at.iter().zip(&bt) {
                    assert!(
                        (x - y).abs() <= 1e-12 * t_scale,
                        "{file} {t} K: {x:e} vs {y:e}"
                    );
                }
            }
        }
    }

    /// The falloff rate constants from the batched exponentials are those of the full rate
    /// expression (Troe with and without T**, Tsang, Lindemann, chemically activated; SRI
    /// stays on the expression path), at low, intermediate and high pressure.
    #[test]
    fn batched_falloff_rates_equal_the_rate_expressions() {
        use crate::kinetics::rate::TempTerms;
        for file in ["kinetics_features.yaml", "gri30.yaml"] {
            let kin = Kinetics::new(&mechanism(file)).unwrap();
            let plan = &kin.plan;
            assert!(!plan.falloff.is_empty(), "{file}");
            assert!(plan.falloff.iter().any(|f| f.troe.is_some()), "{file}");
            let gas = kin.gas();
            let x = vec![1.0 / gas.n_species() as f64; gas.n_species()];
            for t in [300.0, 800.0, 1500.0, 2900.0] {
                for p in [1e3, 1e5, 1e7] {
                    let state = gas.state_tpx(t, p, &x).unwrap();
                    let mut work = kin.work();
                    kin.update(&mut work, t, &Kinetics::concentrations(&state));
                    let tt = TempTerms::new(t);
                    for f in &plan.falloff {
                        let want = kin.reactions[f.i].rate.eval(&tt, work.rate_m[f.i]).k;
                        let got = work.k[f.i];
                        assert!(
                            (got - want).abs() <= 1e-15 * want.abs(),
                            "{file} reaction {} at {t} K, {p} Pa: {got:e} vs {want:e}",
                            f.i + 1
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn plan_layout() {
        let kin = Kinetics::new(&mechanism("kinetics_features.yaml")).unwrap();
        let (mech, plan) = (kin.gas().mechanism(), &kin.plan);
        let ns = mech.species.len();
        let k = |name: &str| mech.species.iter().position(|s| s.name == name).unwrap();
        // Every reaction is on exactly one path, with exactly one rate-constant evaluation.
        let mut paths: Vec<usize> = plan.slot_rxn.iter().map(|s| s.i).collect();
        paths.extend(&plan.general_rxn);
        paths.sort_unstable();
        assert_eq!(paths, (0..kin.n_reactions()).collect::<Vec<_>>());
        let mut rates: Vec<usize> = plan.arr_rxn.clone();
        rates.extend(plan.const_rxn.iter().map(|c| c.0));
        rates.extend(&plan.expr_rxn);
        rates.extend(plan.falloff.iter().map(|f| f.i));
        rates.sort_unstable();
        assert_eq!(rates, (0..kin.n_reactions()).collect::<Vec<_>>());
        // Reaction 3, 2 OH <=> O + H2O: OH twice, ghost third slot, Δn = 0.
        let r3 = plan.slot_rxn.iter().find(|s| s.i == 2).unwrap();
        assert_eq!(r3.reactants, [k("OH"), k("OH"), ns]);
        assert_eq!(r3.products, [k("O"), k("H2O"), ns]);
        assert_eq!(r3.delta_n, 0);
        // Reaction 11 is irreversible.
        assert!(!plan.slot_rxn.iter().find(|s| s.i == 10).unwrap().reversible);
        // Reactions with explicit non-stoichiometric orders are general.
        for (i, r) in mech.reactions.iter().enumerate() {
            let explicit = r.orders.iter().any(|&(s, o)| {
                r.reactants
                    .iter()
                    .find(|x| x.0 == s)
                    .is_none_or(|x| x.1 != o)
            });
            if explicit {
                assert!(plan.general_rxn.contains(&i), "reaction {}", i + 1);
            }
        }
        assert!(!plan.general_rxn.is_empty());
        // Colliders are shared: fewer distinct ones than reactions that use one.
        let users = (0..kin.n_reactions())
            .filter(|&i| plan.third_slot[i] < plan.colliders.len())
            .count()
            + (0..kin.n_reactions())
                .filter(|&i| plan.rate_m_slot[i] < plan.colliders.len())
                .count();
        assert!(plan.colliders.len() < users);
        // The CSR matrix has no explicit zeros (a species on both sides cancels).
        assert!(plan.row_nu.iter().all(|&nu| nu != 0.0));
        assert_eq!(plan.row_start.len(), ns + 1);
    }
}
