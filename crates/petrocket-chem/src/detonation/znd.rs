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
//! in time with the Radau IIA integrator of `petrocket-ode` (finite-difference Jacobian) from
//! the von Neumann state. Following SDToolbox: the **induction time and length** are the time
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
    scratch: Vec<f64>,
    scratch2: Vec<f64>,
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
}

impl Znd<'_> {
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
        gas.thermo_at(t, &mut self.thermo);
        let mut cp_r = 0.0;
        for ((tp, yk), iw) in self.thermo.iter().zip(ys).zip(&self.inv_w) {
            cp_r += yk * iw * tp.cp_r;
        }
        let cp = R * cp_r;
        for ((c, yk), iw) in self.conc.iter_mut().zip(ys).zip(&self.inv_w) {
            *c = rho * yk.max(0.0) * iw;
        }
        self.kin
            .update_with_thermo(&mut self.work, t, &self.conc, &self.thermo);
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
        Ok(Local { t, w, eta, sigma })
    }
}

impl OdeSystem for Znd<'_> {
    type Error = ChemError;

    fn dim(&self) -> usize {
        self.inv_w.len() + 2
    }

    fn rhs(&mut self, _t: f64, y: &[f64], dydt: &mut [f64]) -> Result<()> {
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
        Ok(())
    }

    fn jacobian(&mut self, t: f64, y: &[f64], jac: &mut DMatrix<f64>) -> Result<()> {
        let n = self.dim();
        let mut f0 = std::mem::take(&mut self.scratch);
        let mut f1 = std::mem::take(&mut self.scratch2);
        f0.resize(n, 0.0);
        f1.resize(n, 0.0);
        self.rhs(t, y, &mut f0)?;
        let mut yp = y.to_vec();
        for j in (0..n).filter(|&j| j != 1) {
            let floor = if j == 0 { 1e-6 * y[0].abs() } else { 1e-12 };
            let h = 1e-7 * y[j].abs().max(floor);
            yp[j] = y[j] + h;
            self.rhs(t, &yp, &mut f1)?;
            yp[j] = y[j];
            for i in 0..n {
                jac[(i, j)] = (f1[i] - f0[i]) / h;
            }
        }
        self.scratch = f0;
        self.scratch2 = f1;
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
    let mut sys = Znd {
        work: kin.work(),
        kin: &kin,
        thermo: vec![ThermoPoint::default(); ns],
        inv_w: gas.molecular_weights().iter().map(|w| 1.0 / w).collect(),
        conc: vec![0.0; ns],
        wdot: vec![0.0; ns],
        scratch: Vec::new(),
        scratch2: Vec::new(),
        m: rho * w,
        p0: vn.post.state.pressure + rho * w * w,
    };
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
    let mut probe = Znd {
        work: kin.work(),
        kin: &kin,
        thermo: vec![ThermoPoint::default(); ns],
        inv_w: sys.inv_w.clone(),
        conc: vec![0.0; ns],
        wdot: vec![0.0; ns],
        scratch: Vec::new(),
        scratch2: Vec::new(),
        m: sys.m,
        p0: sys.p0,
    };
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
