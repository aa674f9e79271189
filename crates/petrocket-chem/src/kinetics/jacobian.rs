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

use super::rate::TempTerms;
use super::{conc_pow, conc_pow_deriv, Collider, Kinetics, KineticsWork};
use nalgebra::DMatrix;

impl Kinetics {
    /// ∂ω̇/∂C (`dwdc[(k, j)]` = ∂ω̇_k/∂C_j, 1/s) and ∂ω̇/∂T at fixed C (`dwdt`, mol/(m³ s K))
    /// at the state of the last [`Kinetics::update`]. `grad` is scratch of length n_species.
    pub fn jacobian(
        &self,
        work: &KineticsWork,
        dwdc: &mut DMatrix<f64>,
        dwdt: &mut [f64],
        grad: &mut [f64],
    ) {
        let ns = self.n_species();
        debug_assert_eq!(dwdc.shape(), (ns, ns));
        dwdc.fill(0.0);
        dwdt.iter_mut().for_each(|v| *v = 0.0);
        let conc = &work.conc;
        let tt = TempTerms::new(work.temperature);
        let inv_t = tt.inv_t;
        for (i, r) in self.reactions.iter().enumerate() {
            // The logarithmic derivatives of k (the update kept only k itself).
            let rv = r.rate.eval(&tt, work.rate_m[i]);
            let (qf, qr) = (work.rop_f[i], work.rop_r[i]);
            let q = qf - qr;
            let dq_dt = if r.reversible {
                qf * rv.dlnk_dt - qr * (rv.dlnk_dt - self.dlnkc_dt(r, &work.thermo, inv_t))
            } else {
                qf * rv.dlnk_dt
            };
            grad.iter_mut().for_each(|g| *g = 0.0);
            // Dependence of k on its collision concentration m.
            if let Some(c) = &r.rate_m {
                let m = work.rate_m[i];
                if m > 0.0 && rv.dlnk_dlnm != 0.0 {
                    add_weights(grad, c, q * rv.dlnk_dlnm / m);
                }
            }
            let k_t = work.k[i] * work.third[i];
            let inv_kc = work.inv_kc[i];
            // Three-body concentration: q/t computed without dividing by t.
            if let Some(c) = &r.three_body {
                let q_over_t = work.k[i] * (work.prod_f[i] - inv_kc * work.prod_r[i]);
                add_weights(grad, c, q_over_t);
            }
            for (a, &(j, o)) in r.orders.iter().enumerate() {
                let mut d = conc_pow_deriv(conc[j], o);
                for (b, &(l, ol)) in r.orders.iter().enumerate() {
                    if a != b {
                        d *= conc_pow(conc[l], ol);
                    }
                }
                grad[j] += k_t * d;
            }
            if r.reversible {
                for (a, &(j, nu)) in r.products.iter().enumerate() {
                    let mut d = conc_pow_deriv(conc[j], nu);
                    for (b, &(l, nl)) in r.products.iter().enumerate() {
                        if a != b {
                            d *= conc_pow(conc[l], nl);
                        }
                    }
                    grad[j] -= k_t * inv_kc * d;
                }
            }
            for (k, nu) in r
                .reactants
                .iter()
                .map(|&(k, nu)| (k, -nu))
                .chain(r.products.iter().copied())
            {
                dwdt[k] += nu * dq_dt;
                for (j, g) in grad.iter().enumerate() {
                    if *g != 0.0 {
                        dwdc[(k, j)] += nu * g;
                    }
                }
            }
        }
    }
}

/// grad_j += scale·∂m/∂C_j for m = default·Σ C + Σ δ_k C_k.
fn add_weights(grad: &mut [f64], c: &Collider, scale: f64) {
    if c.default != 0.0 {
        let v = scale * c.default;
        grad.iter_mut().for_each(|g| *g += v);
    }
    for &(k, d) in &c.deltas {
        grad[k] += scale * d;
    }
}
