//! Rate-constant expressions and their exact derivatives.
//!
//! Every expression returns a [`RateValue`]: the rate constant k together with
//! ∂ln k/∂T and ∂ln k/∂ln m, where m is the "collision concentration" the rate depends on:
//! the third-body concentration \[M\] for falloff and chemically-activated reactions, and the
//! total concentration C = P/(R T) for pressure-dependent (PLOG, Chebyshev) reactions (so the
//! pressure dependence enters the Jacobian through P = C R T). The temperature derivative is
//! taken at fixed concentrations. All formulas follow Cantera 3.2's definitions, which are the
//! standard ones from the cited papers:
//!
//! - modified Arrhenius k = A T^b exp(−Ea/(R T));
//! - Lindemann & Troe falloff: Gilbert, Luther & Troe, Ber. Bunsenges. Phys. Chem. 87 (1983)
//!   169–177; SRI: Stewart, Rajan & Imray (1989) in Kee et al., CHEMKIN-III, Sandia
//!   SAND96-8216 (1996); Tsang: Tsang & Herron, J. Phys. Chem. Ref. Data 20 (1991) 609;
//! - PLOG: linear interpolation of ln k in ln P (Cantera `pressure-dependent-Arrhenius`),
//!   clamped to the end pressures outside the table;
//! - Chebyshev: log10 k = Σ α_tp φ_t(T̃) φ_p(P̃) with reduced 1/T and log P (Venkatesh et al.,
//!   AIChE J. 43 (1997) 1331).

use crate::mechanism::{Arrhenius, FalloffForm};
use petrocket_units::GAS_CONSTANT as R;
use std::f64::consts::LN_10;

/// Smallest value taken before a logarithm, as Cantera's `SmallNumber`.
const SMALL: f64 = 1e-300;

/// A rate constant and its logarithmic derivatives.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RateValue {
    /// k in SI (mol, m³, s).
    pub k: f64,
    /// ∂ln k/∂T at fixed concentrations (1/K).
    pub dlnk_dt: f64,
    /// ∂ln k/∂ln m, m the collision concentration (dimensionless).
    pub dlnk_dlnm: f64,
}

/// Temperature-dependent quantities shared by all rate expressions at one T.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TempTerms {
    pub t: f64,
    pub ln_t: f64,
    pub inv_t: f64,
}

impl TempTerms {
    #[cfg(test)]
    pub fn new(t: f64) -> Self {
        Self::with_ln(t, t.ln())
    }

    /// The terms at `t` with ln t already known (to rounding).
    pub fn with_ln(t: f64, ln_t: f64) -> Self {
        Self {
            t,
            ln_t,
            inv_t: 1.0 / t,
        }
    }
}

/// Arrhenius expression with Ea/R precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Arr {
    pub a: f64,
    pub b: f64,
    /// Ea/R (K).
    pub ea_r: f64,
}

impl From<&Arrhenius> for Arr {
    fn from(p: &Arrhenius) -> Self {
        Self {
            a: p.a,
            b: p.b,
            ea_r: p.ea_j_per_mol / R,
        }
    }
}

impl Arr {
    /// Whether k does not depend on T (A = 0, or b = 0 and Ea = 0).
    pub fn is_constant(&self) -> bool {
        self.a == 0.0 || (self.b == 0.0 && self.ea_r == 0.0)
    }

    /// k = A·exp(b ln T − (Ea/R)/T).
    #[inline]
    pub fn k(&self, tt: &TempTerms) -> f64 {
        if self.is_constant() {
            return self.a;
        }
        self.a * (self.b * tt.ln_t - self.ea_r * tt.inv_t).exp()
    }

    /// d ln k/dT = (b + Ea/(R T))/T.
    #[inline]
    pub fn dlnk_dt(&self, tt: &TempTerms) -> f64 {
        (self.b + self.ea_r * tt.inv_t) * tt.inv_t
    }

    #[inline]
    pub fn eval(&self, tt: &TempTerms) -> RateValue {
        RateValue {
            k: self.k(tt),
            dlnk_dt: self.dlnk_dt(tt),
            dlnk_dlnm: 0.0,
        }
    }
}

/// Falloff blending function with 1/T parameters precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Blend {
    Lindemann,
    Troe {
        a: f64,
        /// 1/T***; 0 when T*** = 0 (term vanishes, Cantera convention).
        inv_t3: f64,
        inv_t1: f64,
        t2: f64,
    },
    Sri {
        a: f64,
        b: f64,
        inv_c: f64,
        d: f64,
        e: f64,
    },
    Tsang {
        a: f64,
        b: f64,
    },
}

/// 1/x, or 0 for x = 0 where Cantera takes exp(−T/0) as 0.
fn inv_or_zero(x: f64) -> f64 {
    if x.abs() < SMALL {
        0.0
    } else {
        1.0 / x
    }
}

impl From<&FalloffForm> for Blend {
    fn from(f: &FalloffForm) -> Self {
        match *f {
            FalloffForm::Lindemann => Blend::Lindemann,
            FalloffForm::Troe { a, t3, t1, t2 } => Blend::Troe {
                a,
                inv_t3: inv_or_zero(t3),
                inv_t1: inv_or_zero(t1),
                t2: t2.unwrap_or(0.0),
            },
            FalloffForm::Sri { a, b, c, d, e } => Blend::Sri {
                a,
                b,
                inv_c: inv_or_zero(c),
                d,
                e,
            },
            FalloffForm::Tsang { a, b } => Blend::Tsang { a, b },
        }
    }
}

/// ln F with ∂ln F/∂T (at fixed Pr) and ∂ln F/∂ln Pr.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LnF {
    ln_f: f64,
    dt: f64,
    dlnpr: f64,
}

impl Blend {
    /// Troe's F_cent = (1 − α) e^{−T/T***} + α e^{−T/T*} + e^{−T**/T} (a vanishing T*** or
    /// T** drops its term, Cantera's convention), or Tsang's a + b T, with dF_cent/dT; (0, 0)
    /// for the blends without one.
    pub fn fcent(&self, tt: &TempTerms) -> (f64, f64) {
        if let Some(terms) = self.troe_terms() {
            // Σ w·e^x and its T-derivative Σ w·e^x·dx/dT, dx/dT = b/T + (Ea/R)/T² − c.
            let (mut fcent, mut dfcent) = (0.0, 0.0);
            for (w, b, ea_r, c) in terms {
                let e = w * (b * tt.ln_t - ea_r * tt.inv_t - c * tt.t).exp();
                fcent += e;
                dfcent += e * ((b + ea_r * tt.inv_t) * tt.inv_t - c);
            }
            return (fcent, dfcent);
        }
        match *self {
            Blend::Tsang { a, b } => (a + b * tt.t, b),
            _ => (0.0, 0.0),
        }
    }

    /// The three exponentials of Troe's F_cent as (weight, b, Ea/R, c) terms
    /// weight·exp(b ln T − (Ea/R)/T − c T), in the order [`Blend::fcent`] sums them, for a
    /// caller that evaluates exponentials in batches; `None` for the other blends.
    pub fn troe_terms(&self) -> Option<[(f64, f64, f64, f64); 3]> {
        match *self {
            Blend::Troe {
                a,
                inv_t3,
                inv_t1,
                t2,
            } => {
                let weight = |w: f64, used: bool| if used { w } else { 0.0 };
                Some([
                    (weight(1.0 - a, inv_t3 != 0.0), 0.0, 0.0, inv_t3),
                    (weight(a, inv_t1 != 0.0), 0.0, 0.0, inv_t1),
                    (weight(1.0, t2 != 0.0), 0.0, t2, 0.0),
                ])
            }
            _ => None,
        }
    }

    /// ln F at reduced pressure `pr`, with `fcent` = (F_cent, dF_cent/dT) from
    /// [`Blend::fcent`] (ignored by Lindemann and SRI).
    #[inline(always)]
    fn ln_f(&self, tt: &TempTerms, pr: f64, fcent: (f64, f64)) -> LnF {
        let t = tt.t;
        match *self {
            Blend::Lindemann => LnF {
                ln_f: 0.0,
                dt: 0.0,
                dlnpr: 0.0,
            },
            Blend::Troe { .. } | Blend::Tsang { .. } => troe_core(fcent.0, fcent.1, pr),
            Blend::Sri { a, b, inv_c, d, e } => {
                // F = d·(a e^{−b/T} + e^{−T/c})^X·T^e, X = 1/(1 + log10²Pr).
                let x = pr.max(SMALL).log10();
                let xx = 1.0 / (1.0 + x * x);
                let eb = (-b * tt.inv_t).exp();
                let ec = if inv_c == 0.0 {
                    0.0
                } else {
                    (-t * inv_c).exp()
                };
                let q = a * eb + ec;
                let dq = a * b * tt.inv_t * tt.inv_t * eb - inv_c * ec;
                let ln_q = q.ln();
                let dxx_dx = -2.0 * x * xx * xx;
                LnF {
                    ln_f: d.ln() + xx * ln_q + e * tt.ln_t,
                    dt: xx * dq / q + e * tt.inv_t,
                    dlnpr: if pr > SMALL {
                        ln_q * dxx_dx / LN_10
                    } else {
                        0.0
                    },
                }
            }
        }
    }
}

/// Troe's broadening for a given Fcent and dFcent/dT:
/// log10 F = log10 Fcent / (1 + f1²), f1 = (log10 Pr + c)/(n − 0.14 (log10 Pr + c)),
/// c = −0.4 − 0.67 log10 Fcent, n = 0.75 − 1.27 log10 Fcent.
#[inline(always)]
fn troe_core(fcent: f64, dfcent_dt: f64, pr: f64) -> LnF {
    let fc = fcent.max(SMALL);
    let l = fc.log10();
    let dl_dt = if fcent > SMALL {
        dfcent_dt / (fcent * LN_10)
    } else {
        0.0
    };
    let x = pr.max(SMALL).log10();
    let c = -0.4 - 0.67 * l;
    let n = 0.75 - 1.27 * l;
    let a = x + c;
    let b = n - 0.14 * a;
    let f1 = a / b;
    let den = 1.0 + f1 * f1;
    let lg_f = l / den;
    // ∂f1/∂x = n/b²; ∂f1/∂L with ∂a/∂L = −0.67, ∂b/∂L = −1.27 + 0.14·0.67.
    let df1_dx = n / (b * b);
    let (da, db) = (-0.67, -1.27 + 0.14 * 0.67);
    let df1_dl = (da * b - a * db) / (b * b);
    let dlg_df1 = -2.0 * l * f1 / (den * den);
    let dlg_dl = 1.0 / den + dlg_df1 * df1_dl;
    LnF {
        ln_f: lg_f * LN_10,
        dt: LN_10 * dlg_dl * dl_dt,
        // ln F = ln10·lgF and ln Pr = ln10·x, so ∂ln F/∂ln Pr = ∂lgF/∂x.
        dlnpr: if pr > SMALL { dlg_df1 * df1_dx } else { 0.0 },
    }
}

/// A compiled rate-constant expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RateExpr {
    /// Arrhenius (elementary and three-body reactions).
    Arrhenius(Arr),
    /// Falloff (`activated = false`) or chemically-activated reaction; m = \[M\].
    Falloff {
        low: Arr,
        high: Arr,
        blend: Blend,
        activated: bool,
    },
    /// PLOG table: sorted distinct ln P (Pa) and the Arrhenius terms summed at each.
    Plog {
        ln_p: Vec<f64>,
        rates: Vec<Vec<Arr>>,
    },
    /// Chebyshev fit of log10 k; `coeffs[t][p]`.
    Chebyshev {
        inv_t_min: f64,
        inv_t_max: f64,
        log_p_min: f64,
        log_p_max: f64,
        coeffs: Vec<Vec<f64>>,
    },
}

impl RateExpr {
    /// Evaluate at temperature terms `tt` and collision concentration `m` (mol/m³).
    pub fn eval(&self, tt: &TempTerms, m: f64) -> RateValue {
        match self {
            RateExpr::Arrhenius(a) => a.eval(tt),
            RateExpr::Falloff {
                low,
                high,
                blend,
                activated,
            } => falloff(low, high, blend, *activated, tt, m),
            RateExpr::Plog { ln_p, rates } => {
                let ln_pres = (m * R * tt.t).max(SMALL).ln();
                let v = plog(ln_p, rates, tt, ln_pres);
                // P = m R T: ∂ln k/∂T|m = ∂ln k/∂T|P + (∂ln k/∂ln P)/T.
                RateValue {
                    k: v.k,
                    dlnk_dt: v.dlnk_dt + v.dlnk_dlnm * tt.inv_t,
                    dlnk_dlnm: v.dlnk_dlnm,
                }
            }
            RateExpr::Chebyshev {
                inv_t_min,
                inv_t_max,
                log_p_min,
                log_p_max,
                coeffs,
            } => {
                let log_p = (m * R * tt.t).max(SMALL).log10();
                let tr = (2.0 * tt.inv_t - inv_t_min - inv_t_max) / (inv_t_max - inv_t_min);
                let pr = (2.0 * log_p - log_p_min - log_p_max) / (log_p_max - log_p_min);
                let (lg, dlg_dtr, dlg_dpr) = chebyshev2(coeffs, tr, pr);
                // dT̃/dT = −2/(T² (1/Tmax − 1/Tmin)); dP̃/d log10 P = 2/(log Pmax − log Pmin).
                let dtr_dt = -2.0 * tt.inv_t * tt.inv_t / (inv_t_max - inv_t_min);
                let dpr_dlog10p = 2.0 / (log_p_max - log_p_min);
                let dlnk_dlnp = dlg_dpr * dpr_dlog10p; // ln k/ln P = log10 k/log10 P
                RateValue {
                    k: 10f64.powf(lg),
                    dlnk_dt: LN_10 * dlg_dtr * dtr_dt + dlnk_dlnp * tt.inv_t,
                    dlnk_dlnm: dlnk_dlnp,
                }
            }
        }
    }
}

/// The pieces a falloff rate combines: k0 and k∞ with their d ln k/dT, and the blend's
/// (F_cent, dF_cent/dT) from [`Blend::fcent`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct FalloffInputs {
    pub k0: f64,
    pub kinf: f64,
    pub dlnk0_dt: f64,
    pub dlnkinf_dt: f64,
    pub fcent: (f64, f64),
}

/// k = k∞·Pr/(1 + Pr)·F (falloff) or k = k0·1/(1 + Pr)·F (chemically activated),
/// Pr = k0·\[M\]/k∞.
fn falloff(
    low: &Arr,
    high: &Arr,
    blend: &Blend,
    activated: bool,
    tt: &TempTerms,
    m: f64,
) -> RateValue {
    let inputs = FalloffInputs {
        k0: low.k(tt),
        kinf: high.k(tt),
        dlnk0_dt: low.dlnk_dt(tt),
        dlnkinf_dt: high.dlnk_dt(tt),
        fcent: blend.fcent(tt),
    };
    falloff_from(&inputs, blend, activated, tt, m)
}

/// The falloff (or chemically-activated) rate constant and its derivatives from its pieces,
/// which a caller may have evaluated in a batch (the reactors' evaluation plan).
#[inline(always)]
pub(crate) fn falloff_from(
    p: &FalloffInputs,
    blend: &Blend,
    activated: bool,
    tt: &TempTerms,
    m: f64,
) -> RateValue {
    let (k0, kinf, d0, dinf) = (p.k0, p.kinf, p.dlnk0_dt, p.dlnkinf_dt);
    let pr = k0 * m / (kinf + SMALL);
    let lf = blend.ln_f(tt, pr, p.fcent);
    let f = lf.ln_f.exp();
    let dlnpr_dt = d0 - dinf;
    // Fraction terms: falloff ln(Pr/(1+Pr)) → ∂/∂ln Pr = 1/(1+Pr);
    // activated ln(1/(1+Pr)) → ∂/∂ln Pr = −Pr/(1+Pr).
    let (k, base_dt, frac_dlnpr) = if activated {
        (k0 / (1.0 + pr) * f, d0, -pr / (1.0 + pr))
    } else {
        (kinf * pr / (1.0 + pr) * f, dinf, 1.0 / (1.0 + pr))
    };
    let dlnk_dlnpr = frac_dlnpr + lf.dlnpr;
    RateValue {
        k,
        dlnk_dt: base_dt + lf.dt + dlnk_dlnpr * dlnpr_dt,
        dlnk_dlnm: if m > 0.0 { dlnk_dlnpr } else { 0.0 },
    }
}

/// PLOG at ln P: returns k, ∂ln k/∂T at fixed P, and ∂ln k/∂ln P in `dlnk_dlnm`.
fn plog(ln_p: &[f64], rates: &[Vec<Arr>], tt: &TempTerms, ln_pres: f64) -> RateValue {
    let at = |i: usize| -> (f64, f64) {
        let (mut k, mut dk) = (0.0, 0.0);
        for a in &rates[i] {
            let ki = a.k(tt);
            k += ki;
            dk += ki * a.dlnk_dt(tt);
        }
        (k, dk / k)
    };
    let n = ln_p.len();
    if n == 1 || ln_pres <= ln_p[0] {
        let (k, d) = at(0);
        return RateValue {
            k,
            dlnk_dt: d,
            dlnk_dlnm: 0.0,
        };
    }
    if ln_pres >= ln_p[n - 1] {
        let (k, d) = at(n - 1);
        return RateValue {
            k,
            dlnk_dt: d,
            dlnk_dlnm: 0.0,
        };
    }
    let i = ln_p.partition_point(|&p| p <= ln_pres) - 1;
    let (k1, d1) = at(i);
    let (k2, d2) = at(i + 1);
    let w = (ln_pres - ln_p[i]) / (ln_p[i + 1] - ln_p[i]);
    let (l1, l2) = (k1.ln(), k2.ln());
    RateValue {
        k: (l1 + w * (l2 - l1)).exp(),
        dlnk_dt: d1 + w * (d2 - d1),
        dlnk_dlnm: (l2 - l1) / (ln_p[i + 1] - ln_p[i]),
    }
}

/// Σ_t Σ_p c\[t\]\[p\] φ_t(x) φ_p(y) and its partial derivatives, φ the Chebyshev polynomials of
/// the first kind (φ_n' = n U_{n−1}).
fn chebyshev2(coeffs: &[Vec<f64>], x: f64, y: f64) -> (f64, f64, f64) {
    let np = coeffs.first().map_or(0, Vec::len);
    let nt = coeffs.len();
    let poly = |n: usize, z: f64| -> (Vec<f64>, Vec<f64>) {
        let mut t = vec![0.0; n];
        let mut d = vec![0.0; n];
        let mut u_prev = 0.0; // U_{-1}
        let mut u = 1.0; // U_0
        for i in 0..n {
            t[i] = match i {
                0 => 1.0,
                1 => z,
                _ => 2.0 * z * t[i - 1] - t[i - 2],
            };
            if i >= 1 {
                d[i] = i as f64 * u;
                let u_next = 2.0 * z * u - u_prev;
                u_prev = u;
                u = u_next;
            }
        }
        (t, d)
    };
    let (tx, dx) = poly(nt, x);
    let (ty, dy) = poly(np, y);
    let (mut v, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for (i, row) in coeffs.iter().enumerate() {
        for (j, c) in row.iter().enumerate() {
            v += c * tx[i] * ty[j];
            vx += c * dx[i] * ty[j];
            vy += c * tx[i] * dy[j];
        }
    }
    (v, vx, vy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fd_check(expr: &RateExpr, t: f64, m: f64) {
        let v = expr.eval(&TempTerms::new(t), m);
        let h = 1e-6 * t;
        let kp = expr.eval(&TempTerms::new(t + h), m).k;
        let km = expr.eval(&TempTerms::new(t - h), m).k;
        let fd_t = (kp.ln() - km.ln()) / (2.0 * h);
        assert!(
            (fd_t - v.dlnk_dt).abs() <= 1e-6 * fd_t.abs().max(1e-3),
            "dlnk/dT {} vs fd {fd_t} at T={t}",
            v.dlnk_dt
        );
        let e = 1e-6;
        let kp = expr.eval(&TempTerms::new(t), m * (1.0 + e)).k;
        let km = expr.eval(&TempTerms::new(t), m * (1.0 - e)).k;
        let fd_m = (kp.ln() - km.ln()) / ((1.0 + e).ln() - (1.0 - e).ln());
        assert!(
            (fd_m - v.dlnk_dlnm).abs() <= 1e-6 * fd_m.abs().max(1e-2),
            "dlnk/dlnm {} vs fd {fd_m} at T={t}, m={m}",
            v.dlnk_dlnm
        );
    }

    fn arr(a: f64, b: f64, ea: f64) -> Arr {
        Arr::from(&Arrhenius {
            a,
            b,
            ea_j_per_mol: ea,
        })
    }

    #[test]
    fn derivatives_match_finite_differences() {
        let low = arr(2.3e6, -0.9, -7.1e3);
        let high = arr(7.4e7, -0.37, 0.0);
        let blends = [
            Blend::Lindemann,
            Blend::from(&FalloffForm::Troe {
                a: 0.7346,
                t3: 94.0,
                t1: 1756.0,
                t2: Some(5182.0),
            }),
            Blend::from(&FalloffForm::Troe {
                a: 0.5,
                t3: 0.0,
                t1: 1e30,
                t2: None,
            }),
            Blend::from(&FalloffForm::Sri {
                a: 1.641,
                b: 4334.0,
                c: 2725.0,
                d: 1.2,
                e: 0.1,
            }),
            Blend::from(&FalloffForm::Tsang { a: 0.5, b: 1e-4 }),
        ];
        for blend in blends {
            for activated in [false, true] {
                let e = RateExpr::Falloff {
                    low,
                    high,
                    blend,
                    activated,
                };
                for t in [300.0, 1000.0, 2500.0] {
                    for m in [1e-2, 40.0, 1e4] {
                        fd_check(&e, t, m);
                    }
                }
            }
        }
        let plog = RateExpr::Plog {
            ln_p: vec![1e3f64.ln(), 1e5f64.ln(), 1e7f64.ln()],
            rates: vec![
                vec![arr(1e6, 0.5, 2e4)],
                vec![arr(3e6, 0.2, 3e4), arr(1e5, 1.0, -1e3)],
                vec![arr(5e7, 0.0, 4e4)],
            ],
        };
        for t in [500.0, 1500.0] {
            for m in [0.5, 10.0, 200.0] {
                fd_check(&plog, t, m);
            }
        }
        let cheb = RateExpr::Chebyshev {
            inv_t_min: 1.0 / 290.0,
            inv_t_max: 1.0 / 3000.0,
            log_p_min: 3.0,
            log_p_max: 7.0,
            coeffs: vec![
                vec![8.2, 1.1, -0.1],
                vec![-0.9, 0.3, 0.05],
                vec![0.2, -0.1, 0.01],
                vec![0.05, 0.02, -0.003],
            ],
        };
        for t in [500.0, 1500.0] {
            for m in [1.0, 100.0] {
                fd_check(&cheb, t, m);
            }
        }
    }

    #[test]
    fn falloff_limits() {
        let low = arr(1e6, 0.0, 0.0);
        let high = arr(1e3, 0.0, 0.0);
        let tt = TempTerms::new(1000.0);
        let e = RateExpr::Falloff {
            low,
            high,
            blend: Blend::Lindemann,
            activated: false,
        };
        // High pressure: k → k∞; low pressure: k → k0·[M].
        let hi = e.eval(&tt, 1e9).k;
        assert!((hi / 1e3 - 1.0).abs() < 1e-5);
        let lo = e.eval(&tt, 1e-9).k;
        assert!((lo / (1e6 * 1e-9) - 1.0).abs() < 1e-5);
    }
}
