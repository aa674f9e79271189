//! Exact Jacobian of the net production rates with respect to concentrations and temperature.
//!
//! For each reaction, q = q_f − q_r with q_f = k·t·Π C^o and q_r = k·t·K_c⁻¹·Π C^ν″
//! (t = \[M\] for three-body reactions, 1 otherwise), and k = k(T, m):
//!
//! ```text
//! ∂q/∂T   = q_f ∂ln k/∂T − q_r (∂ln k/∂T − d ln K_c/dT)
//! ∂q/∂C_j = q (∂ln k/∂ln m)(∂m/∂C_j)/m + (q/t)(∂t/∂C_j)
//!           + k t (∂Π C^o/∂C_j − K_c⁻¹ ∂Π C^ν″/∂C_j)
//! ∂ω̇_k/∂x = Σ_r ν_kr ∂q_r/∂x
//! ```
//!
//! All terms are analytic (rate-constant derivatives come from `rate.rs`), so the Jacobian is
//! exact up to rounding; `tests/kinetics_jacobian.rs` checks it against finite differences.
//! Storage is dense (n_species² entries), adequate up to a few hundred species.

use super::plan::SLOTS;
use super::rate::{RateExpr, TempTerms};
use super::{conc_pow, conc_pow_deriv, Collider, Kinetics, KineticsWork};
use nalgebra::DMatrix;

impl Kinetics {
    /// ∂ω̇/∂C (`dwdc[(k, j)]` = ∂ω̇_k/∂C_j, 1/s) and ∂ω̇/∂T at fixed C (`dwdt`, mol/(m³ s K))
    /// at the state of the last [`Kinetics::update`]. `grad` is scratch of length n_species.
    ///
    /// Each reaction's ∂q/∂C is split into a part that is the same for every C_j (the
    /// default collision efficiency of \[M\] and of a falloff's m, ∂m/∂C_j = default + δ_j) and
    /// a sparse remainder (its own species and the colliders with an explicit efficiency).
    /// The uniform parts are summed per species in `grad` and spread over the rows once at
    /// the end, so a three-body reaction costs its few species, not a dense row per species.
    pub fn jacobian(
        &self,
        work: &KineticsWork,
        dwdc: &mut DMatrix<f64>,
        dwdt: &mut [f64],
        grad: &mut [f64],
    ) {
        let ns = self.n_species();
        debug_assert_eq!(dwdc.shape(), (ns, ns));
        if let Some(g) = self.generated {
            if (g.jacobian)(self, work, dwdc.as_mut_slice(), dwdt, grad) {
                return;
            }
        }
        dwdc.fill(0.0);
        dwdt.iter_mut().for_each(|v| *v = 0.0);
        // grad[k]: Σ_r ν_kr·(uniform part of ∂q_r/∂C_j), added to every column of row k.
        let uniform_row = grad;
        uniform_row.iter_mut().for_each(|v| *v = 0.0);
        let mut sparse: Vec<(usize, f64)> = Vec::with_capacity(2 * ns.min(64));
        let conc = &work.conc;
        let tt = TempTerms::with_ln(work.temperature, work.ln_temperature);
        let inv_t = tt.inv_t;
        let plan = &self.plan;
        // h°/(RT) with the ghost species (index ns) at 0, for the slot form of d ln K_c/dT.
        let h_rt = |k: usize| work.thermo.get(k).map_or(0.0, |p| p.h_rt);
        let slots = plan.slot_rxn.iter().map(|s| (s.i, Some(s)));
        let general = plan.general_rxn.iter().map(|&i| (i, None));
        for (i, slot) in slots.chain(general) {
            let r = &self.reactions[i];
            // The logarithmic derivatives of k (the update kept only k itself); an Arrhenius
            // rate needs no exponential for them.
            let (dlnk_dt, dlnk_dlnm) = match &r.rate {
                RateExpr::Arrhenius(a) => (a.dlnk_dt(&tt), 0.0),
                rate => {
                    let rv = rate.eval(&tt, work.rate_m[i]);
                    (rv.dlnk_dt, rv.dlnk_dlnm)
                }
            };
            let (qf, qr) = (work.rop_f[i], work.rop_r[i]);
            let q = qf - qr;
            let dq_dt = if !r.reversible {
                qf * dlnk_dt
            } else {
                let dlnkc_dt = match slot {
                    // d ln K_c/dT = (Σν h°/(R T) − Δn)/T over the slots (ghosts add 0).
                    Some(s) => {
                        let [a, b, c] = s.reactants;
                        let [d, e, f] = s.products;
                        ((h_rt(d) + h_rt(e) + h_rt(f))
                            - (h_rt(a) + h_rt(b) + h_rt(c))
                            - f64::from(s.delta_n))
                            * inv_t
                    }
                    None => self.dlnkc_dt(r, &work.thermo, inv_t),
                };
                qf * dlnk_dt - qr * (dlnk_dt - dlnkc_dt)
            };
            sparse.clear();
            let mut uniform = 0.0;
            // Dependence of k on its collision concentration m.
            if let Some(c) = &r.rate_m {
                let m = work.rate_m[i];
                if m > 0.0 && dlnk_dlnm != 0.0 {
                    uniform += add_weights(&mut sparse, c, q * dlnk_dlnm / m);
                }
            }
            let k_t = work.k[i] * work.third[i];
            let inv_kc = work.inv_kc[i];
            // Three-body concentration: q/t computed without dividing by t.
            if let Some(c) = &r.three_body {
                let q_over_t = work.k[i] * (work.prod_f[i] - inv_kc * work.prod_r[i]);
                uniform += add_weights(&mut sparse, c, q_over_t);
            }
            match slot {
                // ∂(C_a C_b C_c)/∂C_a = C_b C_c per slot (the ghost's concentration is 1;
                // a species in two slots collects both terms, 2 C for C²).
                Some(s) => {
                    push_slot_derivatives(&mut sparse, &s.reactants, conc, ns, k_t);
                    if r.reversible {
                        push_slot_derivatives(&mut sparse, &s.products, conc, ns, -k_t * inv_kc);
                    }
                }
                None => {
                    for (a, &(j, o)) in r.orders.iter().enumerate() {
                        let mut d = conc_pow_deriv(conc[j], o);
                        for (b, &(l, ol)) in r.orders.iter().enumerate() {
                            if a != b {
                                d *= conc_pow(conc[l], ol);
                            }
                        }
                        sparse.push((j, k_t * d));
                    }
                    if r.reversible {
                        for (a, &(j, nu)) in r.products.iter().enumerate() {
                            let mut d = conc_pow_deriv(conc[j], nu);
                            for (b, &(l, nl)) in r.products.iter().enumerate() {
                                if a != b {
                                    d *= conc_pow(conc[l], nl);
                                }
                            }
                            sparse.push((j, -k_t * inv_kc * d));
                        }
                    }
                }
            }
            let dense = dwdc.as_mut_slice();
            for (&k, &nu) in plan.net_species_of(i) {
                dwdt[k] += nu * dq_dt;
                uniform_row[k] += nu * uniform;
                for &(j, g) in &sparse {
                    dense[j * ns + k] += nu * g;
                }
            }
        }
        for (k, &u) in uniform_row.iter().enumerate() {
            if u != 0.0 {
                for j in 0..ns {
                    dwdc[(k, j)] += u;
                }
            }
        }
    }
}

/// Pushes (species, `scale`·∂(C_a C_b C_c)/∂C_slot) for the used slots of a standard
/// reaction's side (`ns`, the ghost, marks an unused slot; used slots come first).
#[inline]
fn push_slot_derivatives(
    sparse: &mut Vec<(usize, f64)>,
    slots: &[usize; SLOTS],
    conc: &[f64],
    ns: usize,
    scale: f64,
) {
    let [a, b, c] = *slots;
    let (ca, cb, cc) = (conc[a], conc[b], conc[c]);
    sparse.push((a, scale * cb * cc));
    if b < ns {
        sparse.push((b, scale * ca * cc));
        if c < ns {
            sparse.push((c, scale * ca * cb));
        }
    }
}

/// ∂m/∂C_j = default + δ_j for m = default·Σ C + Σ δ_k C_k: pushes `scale`·δ_j onto
/// `sparse` and returns the uniform part `scale`·default.
fn add_weights(sparse: &mut Vec<(usize, f64)>, c: &Collider, scale: f64) -> f64 {
    sparse.extend(c.deltas.iter().map(|&(k, d)| (k, scale * d)));
    scale * c.default
}
