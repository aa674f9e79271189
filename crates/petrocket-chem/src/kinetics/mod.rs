//! Gas-phase chemical kinetics: rate constants, equilibrium constants, rates of progress, net
//! production rates, heat-release rate, and their exact Jacobian.
//!
//! Law of mass action for reaction r with forward orders o (stoichiometric unless given
//! explicitly) and stoichiometric coefficients ν′ (reactants), ν″ (products):
//!
//! ```text
//! q_f = k_f(T, m) · [M]? · Π_k C_k^{o_k},      q_r = k_f/K_c · [M]? · Π_k C_k^{ν″_k}
//! ω̇_k = Σ_r (ν″_kr − ν′_kr)(q_f − q_r),        q̇ = −Σ_k h_k ω̇_k
//! K_c = exp(−Σ_k ν_kr g°_k/(R T)) · (p°/(R T))^{Σ_k ν_kr}
//! ```
//!
//! `[M]?` is the third-body concentration Σ_k ε_k C_k for three-body reactions only. Falloff
//! and chemically-activated reactions carry their \[M\] dependence inside k_f; PLOG and
//! Chebyshev reactions depend on P = C R T. Irreversible reactions have q_r = 0. Conventions are
//! Cantera 3.2's (checked against it to 1e-9, see `tests/golden_kinetics.rs`): a three-body
//! k_f excludes \[M\]; a falloff k_f includes the blending at the current \[M\]. Units: SI with
//! mol (k_f in (m³/mol)^(n−1)/s, C in mol/m³, ω̇ in mol/(m³ s), q̇ in W/m³).
//!
//! Assumptions: ideal gas, mass-action kinetics, reverse rates from thermodynamic equilibrium
//! (detailed balance) with the mechanism's own thermo. Fractional orders use max(C, 0).

// Stoichiometric coefficients and orders are compared exactly with small integers (1, 2) to
// pick multiplication over powf; they are exact values read from the file.
#![allow(clippy::float_cmp)]

/// The code generator, compiled in only for `tools/kinetics-codegen` (feature `codegen`): it
/// reads the private evaluation plan, so its source lives in that tool and is mounted here.
#[cfg(feature = "codegen")]
#[path = "../../../../tools/kinetics-codegen/src/generate.rs"]
pub mod codegen;
mod generated;
mod jacobian;
mod plan;
mod rate;

use crate::error::{ChemError, Result};
use crate::mechanism::{RateModel, ThirdBody};
use crate::mixture::{GasMixture, GasState};
use crate::numerics::exp_in_place;
use crate::thermo::ThermoPoint;
use petrocket_units::GAS_CONSTANT as R;
use plan::Plan;
use rate::{Arr, Blend, RateExpr, TempTerms};

/// Third-body weights: \[M\] = `default`·Σ C + Σ `deltas`·C.
#[derive(Debug, Clone, PartialEq)]
struct Collider {
    default: f64,
    /// (species, ε_k − default).
    deltas: Vec<(usize, f64)>,
}

impl Collider {
    fn from_third_body(tb: &ThirdBody) -> Self {
        match tb {
            ThirdBody::Mixture {
                efficiencies,
                default_efficiency,
            } => Collider {
                default: *default_efficiency,
                deltas: efficiencies
                    .iter()
                    .map(|&(k, e)| (k, e - default_efficiency))
                    .collect(),
            },
            ThirdBody::Species(k) => Collider {
                default: 0.0,
                deltas: vec![(*k, 1.0)],
            },
        }
    }

    /// All species at unit weight: m = C (used by PLOG and Chebyshev, P = C R T).
    fn total() -> Self {
        Collider {
            default: 1.0,
            deltas: Vec::new(),
        }
    }

    #[inline]
    fn concentration(&self, c_total: f64, c: &[f64]) -> f64 {
        self.default * c_total + self.deltas.iter().map(|&(k, d)| d * c[k]).sum::<f64>()
    }
}

/// One reaction arranged for evaluation.
#[derive(Debug, Clone, PartialEq)]
struct Compiled {
    reactants: Vec<(usize, f64)>,
    products: Vec<(usize, f64)>,
    /// Forward orders (explicit orders replace stoichiometric ones).
    orders: Vec<(usize, f64)>,
    reversible: bool,
    /// Σ ν″ − Σ ν′.
    delta_n: f64,
    rate: RateExpr,
    /// Concentration the rate constant depends on (falloff \[M\], or C for PLOG/Chebyshev).
    rate_m: Option<Collider>,
    /// Three-body reaction: both rates of progress are multiplied by \[M\].
    three_body: Option<Collider>,
}

/// Kinetics of a [`GasMixture`]'s mechanism.
#[derive(Debug, Clone)]
pub struct Kinetics {
    gas: GasMixture,
    reactions: Vec<Compiled>,
    plan: Plan,
    /// Code generated for this very mechanism (by `tools/kinetics-codegen`), used instead of
    /// `plan`.
    generated: Option<&'static generated::Generated>,
}

/// Everything evaluated at one (T, C) state; reused between calls to avoid allocation.
///
/// Only buffers: every quantity read after [`Kinetics::update`] is recomputed from that
/// call's T and C, so the results do not depend on what the work area evaluated before
/// (tested to the bit against a fresh work area).
///
/// Per-species arrays carry one extra "ghost" entry (concentration 1, exp(g°/RT) 1) that the
/// unused species slots of the standard reactions point to.
#[derive(Debug, Clone, Default)]
pub struct KineticsWork {
    temperature: f64,
    /// ln T, as given or computed by the update.
    ln_temperature: f64,
    c_total: f64,
    /// Concentrations (mol/m³) and the ghost 1.
    conc: Vec<f64>,
    thermo: Vec<ThermoPoint>,
    /// Forward rate constant k_f per reaction (without a three-body \[M\]).
    k: Vec<f64>,
    /// Concentrations of the plan's distinct colliders and a ghost 1 (mol/m³).
    m: Vec<f64>,
    /// Collision concentration of the rate (1, unused, if the rate has none).
    rate_m: Vec<f64>,
    /// Three-body concentration (1 if not a three-body reaction).
    third: Vec<f64>,
    /// 1/K_c (0 for irreversible reactions).
    inv_kc: Vec<f64>,
    /// Exponents, then their exponentials: Arrhenius terms followed by g°_k/(R T) (scratch).
    exps: Vec<f64>,
    /// exp(g°_k/(R T)) and its inverse per species, with the ghost 1 (scratch).
    species_exp: Vec<f64>,
    species_exp_inv: Vec<f64>,
    /// Concentration products Π C^o (forward) and Π C^ν″ (reverse).
    prod_f: Vec<f64>,
    prod_r: Vec<f64>,
    rop_f: Vec<f64>,
    rop_r: Vec<f64>,
    /// Net rates of progress q_f − q_r, gathered into ω̇.
    rop_net: Vec<f64>,
}

impl KineticsWork {
    /// Temperature of the last update (K).
    pub fn temperature(&self) -> f64 {
        self.temperature
    }
    /// Species standard-state thermo at that temperature.
    pub fn thermo(&self) -> &[ThermoPoint] {
        &self.thermo
    }
    /// The species thermo, for a caller in this crate that computes it itself before
    /// [`Kinetics::update_with_work_thermo`] (saves a copy in the reactors' inner loop).
    pub(crate) fn thermo_mut(&mut self) -> &mut [ThermoPoint] {
        &mut self.thermo
    }
    /// Forward rates of progress q_f (mol/(m³ s)).
    pub fn forward_rates_of_progress(&self) -> &[f64] {
        &self.rop_f
    }
    /// Reverse rates of progress q_r (mol/(m³ s)).
    pub fn reverse_rates_of_progress(&self) -> &[f64] {
        &self.rop_r
    }
}

impl Kinetics {
    /// Compile the mechanism's reactions. A mechanism without reactions is allowed (inert gas).
    pub fn new(gas: &GasMixture) -> Result<Self> {
        let mech = gas.mechanism();
        let mut reactions = Vec::with_capacity(mech.reactions.len());
        for (i, r) in mech.reactions.iter().enumerate() {
            let err = |message: String| ChemError::Mechanism {
                file: mech.source.clone(),
                context: format!("reaction {} '{}'", i + 1, r.equation),
                message,
            };
            let mut orders: Vec<(usize, f64)> = r
                .reactants
                .iter()
                .map(|&(k, nu)| {
                    (
                        k,
                        r.orders.iter().find(|(j, _)| *j == k).map_or(nu, |o| o.1),
                    )
                })
                .collect();
            for &(k, o) in &r.orders {
                if !orders.iter().any(|(j, _)| *j == k) {
                    orders.push((k, o));
                }
            }
            let delta_n = r.products.iter().map(|p| p.1).sum::<f64>()
                - r.reactants.iter().map(|p| p.1).sum::<f64>();
            let (rate, rate_m, three_body) = match &r.rate {
                RateModel::Elementary(a) => (RateExpr::Arrhenius(Arr::from(a)), None, None),
                RateModel::ThreeBody { rate, third_body } => (
                    RateExpr::Arrhenius(Arr::from(rate)),
                    None,
                    Some(Collider::from_third_body(third_body)),
                ),
                RateModel::Falloff {
                    low,
                    high,
                    form,
                    third_body,
                }
                | RateModel::ChemicallyActivated {
                    low,
                    high,
                    form,
                    third_body,
                } => (
                    RateExpr::Falloff {
                        low: Arr::from(low),
                        high: Arr::from(high),
                        blend: Blend::from(form),
                        activated: matches!(r.rate, RateModel::ChemicallyActivated { .. }),
                    },
                    Some(Collider::from_third_body(third_body)),
                    None,
                ),
                RateModel::Plog(table) => {
                    if table.is_empty() {
                        return Err(err("PLOG reaction without rate entries".into()));
                    }
                    let mut ln_p: Vec<f64> = Vec::new();
                    let mut rates: Vec<Vec<Arr>> = Vec::new();
                    for (p, a) in table {
                        let lp = p.ln();
                        match ln_p.last() {
                            Some(&last) if (last - lp).abs() <= 1e-12 * lp.abs().max(1.0) => {
                                rates.last_mut().expect("non-empty").push(Arr::from(a));
                            }
                            _ => {
                                ln_p.push(lp);
                                rates.push(vec![Arr::from(a)]);
                            }
                        }
                    }
                    (
                        RateExpr::Plog { ln_p, rates },
                        Some(Collider::total()),
                        None,
                    )
                }
                RateModel::Chebyshev {
                    t_range,
                    p_range,
                    coeffs,
                } => (
                    RateExpr::Chebyshev {
                        inv_t_min: 1.0 / t_range.0,
                        inv_t_max: 1.0 / t_range.1,
                        log_p_min: p_range.0.log10(),
                        log_p_max: p_range.1.log10(),
                        coeffs: coeffs.clone(),
                    },
                    Some(Collider::total()),
                    None,
                ),
            };
            reactions.push(Compiled {
                reactants: r.reactants.clone(),
                products: r.products.clone(),
                orders,
                reversible: r.reversible,
                delta_n,
                rate,
                rate_m,
                three_body,
            });
        }
        let plan = Plan::new(&reactions, mech.species.len());
        Ok(Self {
            gas: gas.clone(),
            generated: generated::find(&plan, mech.species.len()),
            plan,
            reactions,
        })
    }

    /// The phase.
    pub fn gas(&self) -> &GasMixture {
        &self.gas
    }

    /// Name of the code generated for this mechanism (by `tools/kinetics-codegen`, see
    /// docs/chemistry.md) that evaluates its
    /// rates, or `None` if the rates are evaluated from the mechanism's data. The generated
    /// code gives bit-identical results, only faster.
    pub fn generated_code(&self) -> Option<&'static str> {
        self.generated.map(|g| g.name)
    }

    /// The same kinetics evaluated from the mechanism's data only, never by generated code
    /// (for verification and benchmarks).
    pub fn without_generated_code(mut self) -> Self {
        self.generated = None;
        self
    }

    /// Number of reactions.
    pub fn n_reactions(&self) -> usize {
        self.reactions.len()
    }

    /// Number of species.
    pub fn n_species(&self) -> usize {
        self.gas.n_species()
    }

    /// Species with a nonzero net stoichiometric coefficient in at least one reaction, in
    /// mechanism order. The others (inert diluents, or species only acting as colliders)
    /// have ω̇_k = 0 at every state.
    pub fn reacting_species(&self) -> Vec<usize> {
        let rows = &self.plan.row_start;
        (0..self.n_species())
            .filter(|&k| rows[k + 1] > rows[k])
            .collect()
    }

    /// A work area sized for this mechanism.
    pub fn work(&self) -> KineticsWork {
        let (nr, ns) = (self.n_reactions(), self.n_species());
        KineticsWork {
            temperature: f64::NAN,
            ln_temperature: f64::NAN,
            c_total: f64::NAN,
            conc: vec![1.0; ns + 1],
            thermo: vec![ThermoPoint::default(); ns],
            k: vec![0.0; nr],
            m: vec![1.0; self.plan.colliders.len() + 1],
            rate_m: vec![0.0; nr],
            third: vec![1.0; nr],
            inv_kc: vec![0.0; nr],
            exps: vec![0.0; self.plan.exp_b.len() + ns],
            species_exp: vec![1.0; ns + 1],
            species_exp_inv: vec![1.0; ns + 1],
            prod_f: vec![0.0; nr],
            prod_r: vec![0.0; nr],
            rop_f: vec![0.0; nr],
            rop_r: vec![0.0; nr],
            rop_net: vec![0.0; nr],
        }
    }

    /// Concentrations (mol/m³) of a state: C_k = X_k P/(R T).
    pub fn concentrations(state: &GasState) -> Vec<f64> {
        let c = state.pressure / (R * state.temperature);
        state.mole_fractions.iter().map(|x| x * c).collect()
    }

    /// Evaluate every rate quantity at temperature `t` (K) and concentrations `conc` (mol/m³)
    /// into `work`: the one entry point for the rates (read them with
    /// [`Kinetics::net_production_rates`], [`Kinetics::jacobian`] and the work area's
    /// accessors). The result is a function of (`t`, `conc`) alone: the same bits whatever
    /// `work` evaluated before. Inputs are not range-checked here (this is the inner loop of
    /// the integrators); use [`Kinetics::evaluate`] for checked, owned results.
    pub fn update(&self, work: &mut KineticsWork, t: f64, conc: &[f64]) {
        let ln_t = t.ln();
        self.gas.thermo_at_ln(t, ln_t, &mut work.thermo);
        self.update_rates(work, t, ln_t, conc);
    }

    /// [`Kinetics::update`] for the reactors and the ZND system of this crate, which have the
    /// species thermo at `t` (written into [`KineticsWork::thermo_mut`]) and ln `t` (`ln_t`,
    /// to rounding) from their own energy solve: saves a thermo evaluation and a logarithm per
    /// right-hand side. Private to the crate because its result is only that of `update` if
    /// both are right (debug builds check `ln_t`).
    pub(crate) fn update_with_work_thermo(
        &self,
        work: &mut KineticsWork,
        t: f64,
        ln_t: f64,
        conc: &[f64],
    ) {
        debug_assert!(
            !(t > 0.0 && t.is_finite())
                || (ln_t - t.ln()).abs() <= 4.0 * f64::EPSILON * t.ln().abs().max(1.0),
            "ln_t = {ln_t} is not ln({t})"
        );
        self.update_rates(work, t, ln_t, conc);
    }

    fn update_rates(&self, work: &mut KineticsWork, t: f64, ln_t: f64, conc: &[f64]) {
        let ns = self.n_species();
        debug_assert_eq!(conc.len(), ns);
        work.temperature = t;
        work.ln_temperature = ln_t;
        work.conc[..ns].copy_from_slice(conc);
        work.c_total = conc.iter().sum();
        // The code generated for this mechanism, if any; it declines (false) where the slot
        // form of K_c would not be safe, and the data-driven path below takes over.
        if let Some(g) = self.generated {
            if (g.rates)(self, work) {
                return;
            }
        }
        self.rates_from_plan(work);
    }

    /// The data-driven evaluation of the rates at `work`'s temperature and concentrations.
    fn rates_from_plan(&self, work: &mut KineticsWork) {
        let ns = self.n_species();
        let plan = &self.plan;
        // The buffers as separate slices: their addresses and lengths stay in registers
        // instead of being reloaded from `work` after every store (which the compiler must
        // otherwise assume could have changed them).
        let KineticsWork {
            temperature,
            ln_temperature,
            c_total,
            conc: c,
            thermo,
            k,
            m,
            rate_m,
            third,
            inv_kc,
            exps,
            species_exp,
            species_exp_inv,
            prod_f,
            prod_r,
            rop_f,
            rop_r,
            rop_net,
        } = work;
        let (t, c_total) = (*temperature, *c_total);
        let conc = &c[..ns];
        let tt = TempTerms::with_ln(t, *ln_temperature);
        for (m, col) in m.iter_mut().zip(&plan.colliders) {
            *m = col.concentration(c_total, conc);
        }
        let m: &[f64] = m;

        // The exponentials of the Arrhenius rate constants, of the falloff rates' k0, k∞ and
        // Troe F_cent terms (SRI, PLOG and Chebyshev rates evaluate their own) and of the
        // species in one batch: exp(b ln T − (Ea/R)/T − c T), then exp(g°_k/(R T)) for the
        // equilibrium constants.
        let n_exp = plan.exp_b.len();
        let (rate_exps, g_exps) = exps.split_at_mut(n_exp);
        for (((x, b), ea_r), cc) in rate_exps
            .iter_mut()
            .zip(&plan.exp_b)
            .zip(&plan.exp_ea_r)
            .zip(&plan.exp_c)
        {
            *x = b * tt.ln_t - ea_r * tt.inv_t - cc * tt.t;
        }
        // The slot form of 1/K_c multiplies up to six factors exp(±g°/RT): safe from
        // overflow and underflow while every |g°/RT| < 110.
        let mut species_exp_ok = true;
        for (x, p) in g_exps.iter_mut().zip(thermo.iter()) {
            *x = p.g_rt();
            species_exp_ok &= x.abs() < 110.0;
        }
        exp_in_place(exps);
        let (rate_exps, g_exps) = exps.split_at(n_exp);
        for ((&i, a), e) in plan.arr_rxn.iter().zip(&plan.arr_a).zip(rate_exps) {
            k[i] = a * e;
        }
        for &(i, a) in &plan.const_rxn {
            k[i] = a;
        }
        for (((th, rm), &ts), &rs) in third
            .iter_mut()
            .zip(rate_m.iter_mut())
            .zip(&plan.third_slot)
            .zip(&plan.rate_m_slot)
        {
            *th = m[ts];
            *rm = m[rs];
        }
        for f in &plan.falloff {
            k[f.i] = f.rate_constant(rate_exps, &tt, rate_m[f.i]);
        }
        for &i in &plan.expr_rxn {
            k[i] = self.reactions[i].rate.eval(&tt, rate_m[i]).k;
        }

        let rt_p0 = R * t / self.gas.reference_pressure();
        // ln(p°/(R T)), needed only off the slot path.
        let ln_p0_rt = || -rt_p0.ln();
        // (p°/(R T))^(−Δn) for Δn = −3..=3.
        let rt_pow = [
            1.0 / (rt_p0 * rt_p0 * rt_p0),
            1.0 / (rt_p0 * rt_p0),
            1.0 / rt_p0,
            1.0,
            rt_p0,
            rt_p0 * rt_p0,
            rt_p0 * rt_p0 * rt_p0,
        ];
        if species_exp_ok {
            for ((e, ei), g) in species_exp
                .iter_mut()
                .zip(species_exp_inv.iter_mut())
                .zip(g_exps)
            {
                *e = *g;
                *ei = 1.0 / g;
            }
        }
        let (e, ei): (&[f64], &[f64]) = (species_exp, species_exp_inv);
        let c: &[f64] = c;
        // Concentration products Π_f, Π_r and K_c⁻¹ per reaction (Π_r = K_c⁻¹ = 0 for an
        // irreversible one), standard reactions by their slots, the others term by term.
        for s in &plan.slot_rxn {
            let [r0, r1, r2] = s.reactants;
            let [p0, p1, p2] = s.products;
            let i = s.i;
            prod_f[i] = c[r0] * c[r1] * c[r2];
            (prod_r[i], inv_kc[i]) = if !s.reversible {
                (0.0, 0.0)
            } else if species_exp_ok {
                (
                    c[p0] * c[p1] * c[p2],
                    rt_pow[(s.delta_n + 3) as usize]
                        * (e[p0] * e[p1] * e[p2])
                        * (ei[r0] * ei[r1] * ei[r2]),
                )
            } else {
                (
                    c[p0] * c[p1] * c[p2],
                    (-self.ln_kc(&self.reactions[i], thermo, ln_p0_rt())).exp(),
                )
            };
        }
        for &i in &plan.general_rxn {
            let r = &self.reactions[i];
            prod_f[i] = r.orders.iter().map(|&(j, o)| conc_pow(c[j], o)).product();
            (prod_r[i], inv_kc[i]) = if r.reversible {
                (
                    r.products
                        .iter()
                        .map(|&(j, nu)| conc_pow(c[j], nu))
                        .product(),
                    (-self.ln_kc(r, thermo, ln_p0_rt())).exp(),
                )
            } else {
                (0.0, 0.0)
            };
        }
        // Rates of progress q_f = k_f·t·Π_f, q_r = k_f·t·K_c⁻¹·Π_r (t = [M] for three-body
        // reactions, else 1), and their difference for ω̇.
        for ((((((qf, qr), qn), &k), &t), (&pf, &pr)), &ikc) in rop_f
            .iter_mut()
            .zip(rop_r.iter_mut())
            .zip(rop_net.iter_mut())
            .zip(k.iter())
            .zip(third.iter())
            .zip(prod_f.iter().zip(prod_r.iter()))
            .zip(inv_kc.iter())
        {
            let kt = k * t;
            *qf = kt * pf;
            *qr = kt * ikc * pr;
            *qn = *qf - *qr;
        }
    }

    /// ln K_c = −Σν g°/(R T) + Δn ln(p°/(R T)) of reaction `r` (products minus reactants;
    /// reported for irreversible reactions too, as Cantera does).
    fn ln_kc(&self, r: &Compiled, thermo: &[ThermoPoint], ln_p0_rt: f64) -> f64 {
        let mut dg = 0.0;
        for &(k, nu) in &r.products {
            dg += nu * thermo[k].g_rt();
        }
        for &(k, nu) in &r.reactants {
            dg -= nu * thermo[k].g_rt();
        }
        -dg + r.delta_n * ln_p0_rt
    }

    /// d ln K_c/dT = (Σν h°/(R T) − Δn)/T, from d(g/RT)/dT = −h/(RT²) and
    /// d ln(p°/RT)/dT = −1/T.
    fn dlnkc_dt(&self, r: &Compiled, thermo: &[ThermoPoint], inv_t: f64) -> f64 {
        let mut dh = 0.0;
        for &(k, nu) in &r.products {
            dh += nu * thermo[k].h_rt;
        }
        for &(k, nu) in &r.reactants {
            dh -= nu * thermo[k].h_rt;
        }
        (dh - r.delta_n) * inv_t
    }

    /// Net production rates ω̇_k = Σ_r ν_kr (q_f − q_r) (mol/(m³ s)) from the last
    /// [`Kinetics::update`].
    pub fn net_production_rates(&self, work: &KineticsWork, wdot: &mut [f64]) {
        if let Some(g) = self.generated {
            if (g.net_production_rates)(&work.rop_net, wdot) {
                return;
            }
        }
        let p = &self.plan;
        for (k, w) in wdot.iter_mut().enumerate() {
            let range = p.row_start[k]..p.row_start[k + 1];
            *w = p.row_rxn[range.clone()]
                .iter()
                .zip(&p.row_nu[range])
                .map(|(&i, nu)| nu * work.rop_net[i])
                .sum();
        }
    }

    /// Evaluate at a state and return owned results, with checked inputs.
    pub fn evaluate(&self, state: &GasState) -> Result<KineticsRates> {
        crate::mixture::check_state(state, self.n_species())?;
        let mut work = self.work();
        let conc = Self::concentrations(state);
        self.update(&mut work, state.temperature, &conc);
        if let Some(i) = (0..self.n_reactions())
            .find(|&i| !(work.rop_f[i].is_finite() && work.rop_r[i].is_finite()))
        {
            return Err(ChemError::NonFinite {
                quantity: "rate of progress".into(),
                context: format!(
                    "reaction {} '{}' at T = {} K, P = {} Pa",
                    i + 1,
                    self.gas.mechanism().reactions[i].equation,
                    state.temperature,
                    state.pressure
                ),
            });
        }
        let mut wdot = vec![0.0; self.n_species()];
        self.net_production_rates(&work, &mut wdot);
        let rt = R * state.temperature;
        let heat_release_rate = -wdot
            .iter()
            .zip(&work.thermo)
            .map(|(w, p)| w * p.h_rt * rt)
            .sum::<f64>();
        let kf = work.k.clone();
        let out = KineticsRates {
            reverse_rate_constants: kf.iter().zip(&work.inv_kc).map(|(k, i)| k * i).collect(),
            forward_rate_constants: kf,
            equilibrium_constants: {
                let ln_p0_rt = (self.gas.reference_pressure() / rt).ln();
                self.reactions
                    .iter()
                    .map(|r| self.ln_kc(r, &work.thermo, ln_p0_rt).exp())
                    .collect()
            },
            net_rates_of_progress: work
                .rop_f
                .iter()
                .zip(&work.rop_r)
                .map(|(f, r)| f - r)
                .collect(),
            forward_rates_of_progress: work.rop_f,
            reverse_rates_of_progress: work.rop_r,
            net_production_rates: wdot,
            heat_release_rate,
        };
        Ok(out)
    }
}

/// C^o with integer orders by multiplication (negative C allowed, as Cantera) and fractional
/// orders as max(C, 0)^o.
#[inline]
fn conc_pow(c: f64, o: f64) -> f64 {
    if o == 1.0 {
        c
    } else if o == 2.0 {
        c * c
    } else if o.fract() == 0.0 && o > 0.0 {
        c.powi(o as i32)
    } else {
        c.max(0.0).powf(o)
    }
}

/// ∂(C^o)/∂C consistent with [`conc_pow`].
#[inline]
fn conc_pow_deriv(c: f64, o: f64) -> f64 {
    if o == 1.0 {
        1.0
    } else if o == 2.0 {
        2.0 * c
    } else if o.fract() == 0.0 && o > 0.0 {
        o * c.powi(o as i32 - 1)
    } else if c > 0.0 {
        o * c.powf(o - 1.0)
    } else {
        0.0
    }
}

/// Owned kinetic rates at one state (SI, mol based).
#[derive(Debug, Clone, PartialEq)]
pub struct KineticsRates {
    /// k_f per reaction ((m³/mol)^(n−1)/s); three-body k_f excludes \[M\].
    pub forward_rate_constants: Vec<f64>,
    /// k_r = k_f/K_c (0 for irreversible reactions).
    pub reverse_rate_constants: Vec<f64>,
    /// K_c in (mol/m³)^Δn (infinite for irreversible reactions).
    pub equilibrium_constants: Vec<f64>,
    /// q_f (mol/(m³ s)).
    pub forward_rates_of_progress: Vec<f64>,
    /// q_r (mol/(m³ s)).
    pub reverse_rates_of_progress: Vec<f64>,
    /// q_f − q_r (mol/(m³ s)).
    pub net_rates_of_progress: Vec<f64>,
    /// ω̇_k (mol/(m³ s)).
    pub net_production_rates: Vec<f64>,
    /// −Σ h_k ω̇_k (W/m³).
    pub heat_release_rate: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    /// Results are a function of the state alone: one work area taken through a run of states
    /// (tiny, small and large temperature moves, back and forth, repeated states) gives, at
    /// every state, the bits of a fresh work area, for the rates, ω̇ and the Jacobian; with the
    /// generated code, the data-driven plan and a mechanism without generated code.
    #[test]
    fn results_do_not_depend_on_call_history() {
        let gri = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gri30.yaml");
        let h2o2 = Kinetics::new(&GasMixture::load("h2o2").unwrap()).unwrap();
        let cases = [
            h2o2.clone(),
            h2o2.without_generated_code(),
            Kinetics::new(&GasMixture::load(gri).unwrap()).unwrap(),
        ];
        let temperatures = [
            1000.0,
            1000.0 + 1e-9,
            1000.0 + 2e-7,
            1000.0004,
            1000.0,
            1400.0,
            1000.0 + 1e-9,
            2500.0,
            2500.0 * (1.0 + 1e-12),
            1000.0004,
        ];
        for kin in &cases {
            let ns = kin.n_species();
            let mut reused = kin.work();
            for (step, &t) in temperatures.iter().enumerate() {
                let c: Vec<f64> = (0..ns)
                    .map(|k| 1e-3 * (1.0 + ((k * 7 + step % 3) % 11) as f64))
                    .collect();
                let mut fresh = kin.work();
                kin.update(&mut reused, t, &c);
                kin.update(&mut fresh, t, &c);
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                let what = format!("{:?} at T = {t}", kin.generated_code());
                assert_eq!(bits(&reused.k), bits(&fresh.k), "k_f {what}");
                assert_eq!(bits(&reused.rop_f), bits(&fresh.rop_f), "q_f {what}");
                assert_eq!(bits(&reused.rop_r), bits(&fresh.rop_r), "q_r {what}");
                let (mut wr, mut wf) = (vec![0.0; ns], vec![0.0; ns]);
                kin.net_production_rates(&reused, &mut wr);
                kin.net_production_rates(&fresh, &mut wf);
                assert_eq!(bits(&wr), bits(&wf), "ω̇ {what}");
                let (mut jr, mut jf) = (DMatrix::zeros(ns, ns), DMatrix::zeros(ns, ns));
                let (mut tr, mut tf, mut g) = (vec![0.0; ns], vec![0.0; ns], vec![0.0; ns]);
                kin.jacobian(&reused, &mut jr, &mut tr, &mut g);
                kin.jacobian(&fresh, &mut jf, &mut tf, &mut g);
                assert_eq!(bits(jr.as_slice()), bits(jf.as_slice()), "∂ω̇/∂C {what}");
                assert_eq!(bits(&tr), bits(&tf), "∂ω̇/∂T {what}");
            }
        }
    }
}
