//! ZND structure: the steady, one-dimensional reaction zone behind a frozen (von Neumann) shock.
//!
//! In the frame of the shock (speed U into gas 1), with mass flux m = ρw and momentum
//! P₀ = p + ρw² constant, the reactive Euler equations along a particle path reduce to
//! (Fickett & Davis, *Detonation*, 1979, §2B; SDToolbox `zndsolve`, Browne, Ziegler &
//! Shepherd, GALCIT FM2018.001):
//!
//! ```text
//! dY_k/dt = W_k ω̇_k / ρ
//! σ̇ = Σ_k (W̄/W_k − h_k/(c_p T)) dY_k/dt              (thermicity, 1/s)
//! dρ/dt = −ρ σ̇ / η,   η = 1 − w²/a_f²,   dx/dt = w
//! w = m/ρ,   p = P₀ − m w,   T = p W̄/(ρ R)
//! ```
//!
//! with h_k per unit mass and a_f the frozen sound speed. The system (ρ, x, Y_k) is integrated
//! in time with the Radau IIA integrator of `petrocket-ode` from the von Neumann state, with
//! the analytic Jacobian of these equations (the kinetics' exact ∂ω̇/∂C and ∂ω̇/∂T, as in the
//! reactors, by the chain rule through T(ρ, Y), σ̇ and η; equations at `Znd::jacobian_at`). Following SDToolbox: the **induction time and length** are the time
//! and distance from the shock to the maximum of σ̇ (refined by a parabola through the three
//! steps around the maximum); the **exothermic pulse** is the time and distance between the
//! two points where σ̇ = σ̇_max/2 (linear interpolation between steps).
//!
//! Integration stops once σ̇ has fallen below 1 % of its maximum after the peak (a peak
//! behind the shock: at low pressure σ̇ at the shock itself, from initiation alone, can exceed
//! that of the first steps) and at least twice the induction time has passed, when the flow
//! gets within 1e-3 of sonic (η), or at [`ZndOptions::max_time`].
//!
//! Assumptions: steady planar wave, inviscid, no heat or momentum losses; the mechanism's rate
//! expressions hold at the von Neumann state.

use super::cj::cj_state;
use super::shock::{post_shock, Chemistry, ShockResult};
use crate::error::{ChemError, Result};
use crate::kinetics::{Kinetics, KineticsWork};
use crate::mixture::{GasMixture, GasState};
use crate::thermo::ThermoPoint;
use nalgebra::DMatrix;
use petrocket_ode::{Control, Integrate, OdeSystem, Options, Radau5, Tolerances};
use petrocket_units::GAS_CONSTANT as R;

/// Settings of the ZND integration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZndOptions {
    /// Relative tolerance of the integrator. Default `1e-8`.
    pub rtol: f64,
    /// Absolute tolerance (mass fractions, density in kg/m³, distance in m). Default `1e-13`.
    pub atol: f64,
    /// Longest time followed behind the shock (s). Default `1e-2`.
    pub max_time: f64,
}

impl Default for ZndOptions {
    fn default() -> Self {
        ZndOptions {
            rtol: 1e-8,
            atol: 1e-13,
            max_time: 1e-2,
        }
    }
}

/// Result of a ZND integration.
#[derive(Debug, Clone, PartialEq)]
pub struct ZndResult {
    /// Shock speed used (m/s): U_CJ unless given.
    pub shock_speed: f64,
    /// The von Neumann (frozen post-shock) state the reaction zone starts from.
    pub von_neumann: ShockResult,
    /// Induction time: time from the shock to the maximum thermicity (s).
    pub induction_time: f64,
    /// Induction length: distance from the shock to the maximum thermicity (m).
    pub induction_length: f64,
    /// Exothermic pulse time: width of the thermicity pulse at half maximum (s).
    pub exothermic_time: f64,
    /// Exothermic pulse length: width of the thermicity pulse at half maximum (m).
    pub exothermic_length: f64,
    /// Maximum thermicity σ̇_max (1/s).
    pub max_thermicity: f64,
    /// Temperature at the end of the integration (K).
    pub end_temperature: f64,
    /// Frozen Mach number w/a_f at the end of the integration.
    pub end_mach: f64,
    /// Accepted integration steps.
    pub steps: usize,
}

/// The ZND ODE system and its scratch space.
struct Znd<'k> {
    kin: &'k Kinetics,
    work: KineticsWork,
    thermo: Vec<ThermoPoint>,
    inv_w: Vec<f64>,
    conc: Vec<f64>,
    wdot: Vec<f64>,
    /// Jacobian scratch: the kinetics' ∂ω̇/∂C, ∂ω̇/∂T and its scratch, d(c°_p/R)/dT per
    /// species, ∂ω̇/∂ρ, and the right-hand side at the Jacobian's state.
    dwdc: DMatrix<f64>,
    dwdt: Vec<f64>,
    grad: Vec<f64>,
    dcp: Vec<f64>,
    dw_drho: Vec<f64>,
    rhs_scratch: Vec<f64>,
    /// Mass flux m = ρw (kg/(m² s)).
    m: f64,
    /// Momentum flux P₀ = p + ρw² (Pa).
    p0: f64,
}

/// Derived quantities at one ZND point.
#[derive(Debug, Clone, Copy)]
struct Local {
    t: f64,
    w: f64,
    eta: f64,
    sigma: f64,
    /// Pressure (Pa).
    p: f64,
    /// S = Σ Y_k/W_k = 1/W̄ (mol/kg).
    s: f64,
    /// c = c_p/R per unit mass = Σ Y_k c°_p,k/(R W_k) (mol/kg).
    c: f64,
}

impl<'k> Znd<'k> {
    fn new(kin: &'k Kinetics, m: f64, p0: f64) -> Self {
        let ns = kin.n_species();
        Znd {
            kin,
            work: kin.work(),
            thermo: vec![ThermoPoint::default(); ns],
            inv_w: kin
                .gas()
                .molecular_weights()
                .iter()
                .map(|w| 1.0 / w)
                .collect(),
            conc: vec![0.0; ns],
            wdot: vec![0.0; ns],
            dwdc: DMatrix::zeros(ns, ns),
            dwdt: vec![0.0; ns],
            grad: vec![0.0; ns],
            dcp: vec![0.0; ns],
            dw_drho: vec![0.0; ns],
            rhs_scratch: vec![0.0; ns],
            m,
            p0,
        }
    }

    /// Fill dY/dt (into `dydt[2..]`) and return the local state.
    fn eval(&mut self, y: &[f64], dydt: &mut [f64]) -> Result<Local> {
        let gas = self.kin.gas();
        let rho = y[0];
        let ys = &y[2..];
        let w = self.m / rho;
        let p = self.p0 - self.m * w;
        let inv_wbar: f64 = ys.iter().zip(&self.inv_w).map(|(y, iw)| y * iw).sum();
        let t = p / (rho * R * inv_wbar);
        if !(t.is_finite() && t > 10.0 && p > 0.0 && rho > 0.0) {
            return Err(ChemError::Znd {
                reason: format!("unphysical state in the reaction zone (T = {t} K, p = {p} Pa)"),
                hint: "the shock may be too weak or the mixture unreactive".into(),
            });
        }
        // The species thermo straight into the kinetics work area, with ln T shared.
        let ln_t = t.ln();
        gas.thermo_at_ln(t, ln_t, self.work.thermo_mut());
        self.thermo.copy_from_slice(self.work.thermo());
        let mut cp_r = 0.0;
        for ((tp, yk), iw) in self.thermo.iter().zip(ys).zip(&self.inv_w) {
            cp_r += yk * iw * tp.cp_r;
        }
        let cp = R * cp_r;
        for ((c, yk), iw) in self.conc.iter_mut().zip(ys).zip(&self.inv_w) {
            *c = rho * yk.max(0.0) * iw;
        }
        self.kin
            .update_with_work_thermo(&mut self.work, t, ln_t, &self.conc);
        self.kin.net_production_rates(&self.work, &mut self.wdot);
        let wbar = 1.0 / inv_wbar;
        let mut sigma = 0.0;
        for k in 0..ys.len() {
            let d = self.wdot[k] / (self.inv_w[k] * rho);
            dydt[2 + k] = d;
            sigma += (wbar * self.inv_w[k] - R * self.thermo[k].h_rt * self.inv_w[k] / cp) * d;
        }
        let gamma = cp / (cp - R * inv_wbar);
        let af2 = gamma * p / rho;
        let eta = 1.0 - w * w / af2;
        Ok(Local {
            t,
            w,
            eta,
            sigma,
            p,
            s: inv_wbar,
            c: cp_r,
        })
    }
}

impl OdeSystem for Znd<'_> {
    type Error = ChemError;

    fn dim(&self) -> usize {
        self.inv_w.len() + 2
    }

    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<()> {
        self.rhs_local(y, dydt).map(|_| ())
    }

    /// The analytic Jacobian (see [`Znd::jacobian_at`]).
    fn jacobian(&mut self, _t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<()> {
        let mut f = std::mem::take(&mut self.rhs_scratch);
        f.resize(self.dim(), 0.0);
        let out = self.jacobian_at(y, &mut f, jac);
        self.rhs_scratch = f;
        out
    }
}

impl Znd<'_> {
    /// The right-hand side at `y` into `dydt`, and the local state.
    fn rhs_local(&mut self, y: &[f64], dydt: &mut [f64]) -> Result<Local> {
        let l = self.eval(y, dydt)?;
        if l.eta <= 1e-6 {
            return Err(ChemError::Znd {
                reason: format!(
                    "the flow became sonic in the reaction zone (eta = {:.2e})",
                    l.eta
                ),
                hint: "use a shock speed at or above the CJ speed".into(),
            });
        }
        dydt[0] = -y[0] * l.sigma / l.eta;
        dydt[1] = l.w;
        Ok(l)
    }

    /// ∂f/∂y of the ZND system by the chain rule through the kinetics' exact ∂ω̇/∂C and
    /// ∂ω̇/∂T (the reactor's Jacobian) and the ZND terms below; `f` is scratch of length
    /// `dim` (it receives f(y)).
    ///
    /// With S = Σ Y_k/W_k, c = c_p/R = Σ Y_k c°_p,k/(R W_k), T = p/(ρ R S), p = P₀ − m²/ρ,
    /// C_k = ρ max(Y_k, 0)/W_k and f_k = dY_k/dt = W_k ω̇_k/ρ:
    ///
    /// ```text
    /// ∂T/∂ρ   = (T/ρ)(m w/p − 1),            ∂T/∂Y_j = −T/(W_j S)
    /// ∂ω̇_k/∂ρ = Σ_i ∂ω̇_k/∂C_i C_i/ρ + ∂ω̇_k/∂T ∂T/∂ρ
    /// ∂ω̇_k/∂Y_j = ∂ω̇_k/∂C_j ρ/W_j [Y_j ≥ 0] + ∂ω̇_k/∂T ∂T/∂Y_j
    /// ∂f_k/∂ρ = (W_k/ρ) ∂ω̇_k/∂ρ − f_k/ρ,     ∂f_k/∂Y_j = (W_k/ρ) ∂ω̇_k/∂Y_j
    /// ```
    ///
    /// Thermicity σ̇ = Σ_k a_k f_k with a_k = (1/S − h°_k/(R T c))/W_k. With
    /// F = Σ f_k/W_k, H = Σ (h°_k/RT) f_k/W_k, c_T = ∂c/∂T = Σ Y_k (dc°_p,k/dT)/(R W_k) and
    /// d(h°_k/RT)/dT = (c°_p,k/R − h°_k/RT)/T:
    ///
    /// ```text
    /// A_T     = Σ_k (∂a_k/∂T) f_k = −(1/c) Σ_k d(h°_k/RT)/dT f_k/W_k + (c_T/c²) H
    /// ∂σ̇/∂ρ   = A_T ∂T/∂ρ + Σ_k a_k ∂f_k/∂ρ
    /// ∂σ̇/∂Y_j = A_T ∂T/∂Y_j − F/(S² W_j) + (c°_p,j/R) H/(W_j c²) + Σ_k a_k ∂f_k/∂Y_j
    /// ```
    ///
    /// η = 1 − w²/a_f² = 1 − m² g/(ρ p) with g = 1/γ = 1 − S/c, ∂g/∂T = S c_T/c² and
    /// ∂g/∂Y_j|_T = (S c°_p,j/(R c) − 1)/(W_j c):
    ///
    /// ```text
    /// ∂η/∂ρ   = −m² [ (∂g/∂T)(∂T/∂ρ)/(ρ p) − g (p + m w)/(ρ p)² ]
    /// ∂η/∂Y_j = −m²/(ρ p) [ (∂g/∂T)(∂T/∂Y_j) + ∂g/∂Y_j|_T ]
    /// ```
    ///
    /// and for f_ρ = −ρ σ̇/η and f_x = w = m/ρ:
    ///
    /// ```text
    /// ∂f_ρ/∂ρ = −σ̇/η − ρ (∂σ̇/∂ρ)/η + ρ σ̇ (∂η/∂ρ)/η²
    /// ∂f_ρ/∂Y_j = −ρ (∂σ̇/∂Y_j)/η + ρ σ̇ (∂η/∂Y_j)/η²
    /// ∂f_x/∂ρ = −w/ρ,  every derivative with respect to x is 0.
    /// ```
    ///
    /// `jacobian_matches_finite_differences` checks it against differences of the right-hand
    /// side at several states.
    fn jacobian_at(&mut self, y: &[f64], f: &mut [f64], jac: &mut DMatrix<f64>) -> Result<()> {
        // Leaves the kinetics work area, the species thermo and ω̇ at y.
        let l = self.rhs_local(y, f)?;
        self.kin
            .jacobian(&self.work, &mut self.dwdc, &mut self.dwdt, &mut self.grad);
        let ns = self.inv_w.len();
        let (rho, m) = (y[0], self.m);
        let ys = &y[2..];
        let Local {
            t,
            w,
            eta,
            sigma,
            p,
            s,
            c,
        } = l;
        let gas = self.kin.gas();
        for (d, sp) in self.dcp.iter_mut().zip(&gas.mechanism().species) {
            *d = sp.thermo.dcp_r_dt(t);
        }
        let c_t: f64 = (0..ns).map(|k| ys[k] * self.inv_w[k] * self.dcp[k]).sum();
        let dt_drho = t / rho * (m * w / p - 1.0);
        // ∂ω̇/∂ρ and ∂f_k/∂ρ.
        for k in 0..ns {
            let dc: f64 = (0..ns).map(|i| self.dwdc[(k, i)] * self.conc[i]).sum();
            self.dw_drho[k] = dc / rho + self.dwdt[k] * dt_drho;
        }
        let fk = &f[2..];
        let (mut sum_f, mut sum_h, mut sum_dh) = (0.0, 0.0, 0.0);
        for ((fk, iw), th) in fk.iter().zip(&self.inv_w).zip(&self.thermo) {
            let g = fk * iw;
            sum_f += g;
            sum_h += th.h_rt * g;
            sum_dh += (th.cp_r - th.h_rt) / t * g;
        }
        let a_t = -sum_dh / c + c_t / (c * c) * sum_h;
        let a = |k: usize| (1.0 / s - self.thermo[k].h_rt / c) * self.inv_w[k];
        // Row x: f_x = m/ρ.
        for j in 0..ns + 2 {
            jac[(1, j)] = 0.0;
            jac[(j, 1)] = 0.0;
        }
        jac[(1, 0)] = -w / rho;
        // Column ρ of the species rows and ∂σ̇/∂ρ.
        let mut dsigma_drho = a_t * dt_drho;
        for k in 0..ns {
            let dfk = self.dw_drho[k] / (self.inv_w[k] * rho) - fk[k] / rho;
            jac[(2 + k, 0)] = dfk;
            dsigma_drho += a(k) * dfk;
        }
        let g = 1.0 - s / c;
        let dg_dt = s * c_t / (c * c);
        let rp = rho * p;
        let deta_drho = -m * m * (dg_dt * dt_drho / rp - g * (p + m * w) / (rp * rp));
        jac[(0, 0)] =
            -sigma / eta - rho * dsigma_drho / eta + rho * sigma * deta_drho / (eta * eta);
        // Columns Y_j.
        for j in 0..ns {
            let iw_j = self.inv_w[j];
            let dt_dy = -t * iw_j / s;
            let dc_dy = if ys[j] >= 0.0 { rho * iw_j } else { 0.0 };
            let mut dsigma =
                a_t * dt_dy - sum_f * iw_j / (s * s) + self.thermo[j].cp_r * sum_h * iw_j / (c * c);
            for k in 0..ns {
                let dw = self.dwdc[(k, j)] * dc_dy + self.dwdt[k] * dt_dy;
                let dfk = dw / (self.inv_w[k] * rho);
                jac[(2 + k, 2 + j)] = dfk;
                dsigma += a(k) * dfk;
            }
            let dg_dy = (s * self.thermo[j].cp_r / c - 1.0) * iw_j / c;
            let deta = -m * m / rp * (dg_dt * dt_dy + dg_dy);
            jac[(0, 2 + j)] = -rho * dsigma / eta + rho * sigma * deta / (eta * eta);
        }
        if jac.iter().any(|v| !v.is_finite()) {
            return Err(ChemError::Znd {
                reason: format!("non-finite Jacobian in the reaction zone (T = {t} K)"),
                hint: "the shock may be too weak or the mixture unreactive".into(),
            });
        }
        Ok(())
    }
}

/// ZND structure of a detonation in `initial` moving at `shock_speed` (m/s; `None`: the CJ
/// speed).
///
/// # Errors
/// As [`post_shock`] and [`cj_state`]; [`ChemError::Znd`] when the integration fails or the
/// thermicity has no interior maximum (the mixture does not react behind the shock within
/// [`ZndOptions::max_time`]).
pub fn znd(
    gas: &GasMixture,
    initial: &GasState,
    shock_speed: Option<f64>,
    options: &ZndOptions,
) -> Result<ZndResult> {
    let u = match shock_speed {
        Some(u) => u,
        None => cj_state(gas, initial)?.cj_speed,
    };
    let vn = post_shock(gas, initial, u, Chemistry::Frozen)?;
    let kin = Kinetics::new(gas)?;
    let ns = gas.n_species();
    let rho = vn.post.density;
    let w = vn.relative_speed_behind;
    let mut sys = Znd::new(&kin, rho * w, vn.post.state.pressure + rho * w * w);
    let mut y0 = vec![rho, 0.0];
    y0.extend(gas.mass_fractions(&vn.post.state.mole_fractions));
    let mut solver = Radau5::new(
        ns + 2,
        Options {
            tolerances: Tolerances {
                rtol: options.rtol,
                atol: options.atol,
            },
            ..Options::default()
        },
    );
    // Thermicity history at the accepted steps: (t, x, σ̇), plus the last η and T.
    let mut hist: Vec<(f64, f64, f64)> = vec![(0.0, 0.0, 0.0)];
    let mut last = (vn.post.state.temperature, 1.0, w);
    let mut probe = Znd::new(&kin, sys.m, sys.p0);
    let mut buf = vec![0.0; ns + 2];
    let mut probe_err = None;
    {
        let mut dummy = vec![0.0; ns + 2];
        if let Ok(l) = probe.eval(&y0, &mut dummy) {
            hist[0].2 = l.sigma;
        }
    }
    let outcome = solver.integrate(&mut sys, 0.0, &y0, options.max_time, |step| {
        buf.copy_from_slice(step.y);
        match probe.eval(&buf, &mut vec![0.0; ns + 2]) {
            Ok(l) => {
                hist.push((step.t, step.y[1], l.sigma));
                last = (l.t, l.eta, l.w);
                let (imax, smax) = hist
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (i, h.2))
                    .fold((0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
                let t_peak = hist[imax].0;
                // The peak must lie behind the shock (imax > 0): at low pressure the
                // thermicity at the shock itself (initiation only) can exceed that of the first
                // steps, which once stopped the integration after one step (issue #20).
                let done = imax > 0
                    && imax + 1 < hist.len()
                    && l.sigma < 0.01 * smax
                    && step.t >= 2.0 * t_peak;
                if done || l.eta < 1e-3 {
                    Control::Stop
                } else {
                    Control::Continue
                }
            }
            Err(e) => {
                probe_err = Some(e);
                Control::Stop
            }
        }
    });
    if let Some(e) = probe_err {
        return Err(e);
    }
    let outcome = outcome.map_err(|e| ChemError::Znd {
        reason: format!("integration failed: {e}"),
        hint: "tighten or loosen the tolerances, or check the mixture".into(),
    })?;
    let steps = solver.stats().accepted;
    let _ = outcome;
    let (imax, smax) = hist
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.2))
        .fold((0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
    if imax == 0 || imax + 1 >= hist.len() || smax <= 0.0 {
        return Err(ChemError::Znd {
            reason: format!(
                "the thermicity has no maximum inside the reaction zone (maximum at step {imax} \
                 of {}): the mixture does not react behind the shock within {} s",
                hist.len(),
                options.max_time
            ),
            hint: "the mixture may be outside its detonability limits".into(),
        });
    }
    let (t_ind, x_ind, s_peak) = parabola_peak(&hist[imax - 1..=imax + 1]);
    let half = 0.5 * s_peak.max(smax);
    let up = (1..=imax)
        .find(|&i| hist[i].2 >= half)
        .map(|i| crossing(&hist[i - 1], &hist[i], half));
    let down = (imax + 1..hist.len())
        .find(|&i| hist[i].2 < half)
        .map(|i| crossing(&hist[i - 1], &hist[i], half));
    let (exo_t, exo_x) = match (up, down) {
        (Some(a), Some(b)) => (b.0 - a.0, b.1 - a.1),
        _ => (0.0, 0.0),
    };
    let (t_end, eta_end, w_end) = last;
    Ok(ZndResult {
        shock_speed: u,
        von_neumann: vn,
        induction_time: t_ind,
        induction_length: x_ind,
        exothermic_time: exo_t,
        exothermic_length: exo_x,
        max_thermicity: s_peak.max(smax),
        end_temperature: t_end,
        end_mach: (1.0 - eta_end).max(0.0).sqrt() * w_end.signum(),
        steps,
    })
}

/// Vertex of the parabola through three (t, x, σ̇) points; x interpolated on the same
/// Lagrange basis. Falls back to the middle point if the parabola is not concave.
fn parabola_peak(p: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let (t0, t1, t2) = (p[0].0, p[1].0, p[2].0);
    let basis = |t: f64| {
        [
            (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2)),
            (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2)),
            (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1)),
        ]
    };
    // σ(t) = a t² + b t + c: a and b from divided differences.
    let d1 = (p[1].2 - p[0].2) / (t1 - t0);
    let d2 = (p[2].2 - p[1].2) / (t2 - t1);
    let a = (d2 - d1) / (t2 - t0);
    let b = d1 - a * (t0 + t1);
    if a.is_nan() || a >= 0.0 {
        return p[1];
    }
    let t = (-b / (2.0 * a)).clamp(t0, t2);
    let l = basis(t);
    let x = l[0] * p[0].1 + l[1] * p[1].1 + l[2] * p[2].1;
    let s = l[0] * p[0].2 + l[1] * p[1].2 + l[2] * p[2].2;
    (t, x, s)
}

/// Linear interpolation of (t, x) where σ̇ crosses `level` between two points.
fn crossing(a: &(f64, f64, f64), b: &(f64, f64, f64), level: f64) -> (f64, f64) {
    let f = if (b.2 - a.2).abs() > 0.0 {
        ((level - a.2) / (b.2 - a.2)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    (a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analytic Jacobian against central differences of the right-hand side at the von
    /// Neumann state and partly reacted states (stoichiometric H2–O2 at 1 atm, H2–air at
    /// 0.2 bar, 17 % H2–air at 1 atm): every entry to 2e-6 of the larger of itself and 1e-6
    /// of its column's largest entry (the worst is ≈ 8e-7, the differences' own error).
    #[test]
    fn jacobian_matches_finite_differences() {
        let gas = GasMixture::load("h2o2").unwrap();
        let mut worst = 0.0f64;
        for (mix, p) in [
            ("H2:2,O2:1", 101_325.0),
            ("H2:2,O2:1,N2:3.76", 2e4),
            ("H2:17,O2:17.43,N2:65.57", 101_325.0),
        ] {
            let x = gas.parse_mole_fractions("m", mix).unwrap();
            let s = gas.state_tpx(295.0, p, &x).unwrap();
            let u = cj_state(&gas, &s).unwrap().cj_speed;
            let vn = post_shock(&gas, &s, u, Chemistry::Frozen).unwrap();
            let kin = Kinetics::new(&gas).unwrap();
            let (rho, w) = (vn.post.density, vn.relative_speed_behind);
            let mut sys = Znd::new(&kin, rho * w, vn.post.state.pressure + rho * w * w);
            let y_vn = gas.mass_fractions(&vn.post.state.mole_fractions);
            let n = sys.dim();
            let names: Vec<&str> = gas
                .mechanism()
                .species
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let idx = |name: &str| names.iter().position(|s| *s == name).unwrap();
            // Progress λ: H2 and O2 into H2O and radicals, the density up by 30 % λ.
            for lambda in [0.0, 0.02, 0.2, 0.6] {
                let mut ys = y_vn.clone();
                let burnt = lambda * ys[idx("H2")].min(ys[idx("O2")] / 8.0);
                ys[idx("H2")] -= burnt;
                ys[idx("O2")] -= 8.0 * burnt;
                ys[idx("H2O")] += 8.0 * burnt;
                for (sp, share) in [("H", 0.02), ("O", 0.1), ("OH", 0.3), ("HO2", 0.05)] {
                    ys[idx(sp)] += share * burnt;
                }
                // Every species present, so that the differences do not cross C = max(Y, 0).
                ys.iter_mut().for_each(|v| *v = v.max(1e-5));
                let sum: f64 = ys.iter().sum();
                let mut y = vec![rho * (1.0 + 0.3 * lambda), 1e-4];
                y.extend(ys.iter().map(|v| v / sum));
                let mut jac = DMatrix::zeros(n, n);
                sys.jacobian(0.0, &y, &mut jac).unwrap();
                let (mut fp, mut fm) = (vec![0.0; n], vec![0.0; n]);
                for j in 0..n {
                    let h = if j == 0 { 1e-6 * y[0] } else { 1e-7 };
                    let mut yp = y.clone();
                    yp[j] += h;
                    sys.rhs(0.0, &yp, &mut fp).unwrap();
                    yp[j] = y[j] - h;
                    sys.rhs(0.0, &yp, &mut fm).unwrap();
                    let fd: Vec<f64> = (0..n).map(|i| (fp[i] - fm[i]) / (2.0 * h)).collect();
                    let col_max = fd.iter().fold(0.0f64, |m, v| m.max(v.abs()));
                    for i in 0..n {
                        let err = (jac[(i, j)] - fd[i]).abs() / fd[i].abs().max(1e-6 * col_max);
                        worst = worst.max(err);
                        assert!(
                            err <= 2e-6 || col_max == 0.0,
                            "{mix} {p} Pa λ {lambda}: J[{i},{j}] {:e} vs {:e} ({err:e})",
                            jac[(i, j)],
                            fd[i]
                        );
                    }
                }
            }
        }
        eprintln!("worst relative deviation {worst:e}");
    }
}
