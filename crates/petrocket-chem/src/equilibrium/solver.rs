//! The element-potential Newton iteration and the outer temperature iteration.

use super::{EquilibriumMode, EquilibriumOptions, EquilibriumResult};
use crate::error::{ChemError, Result};
use crate::mixture::{GasMixture, GasState};
use crate::numerics::{solve_increasing, RootError};
use crate::thermo::ThermoPoint;
use nalgebra::{DMatrix, DVector};
use petrocket_units::GAS_CONSTANT as R;

/// ln(1e-8): species above this mole fraction are "major" for step damping (RP-1311 §3.3).
const LN_MAJOR: f64 = -18.420_680_743_952_367;
/// ln(1e-4): trace species may not be pushed above this in one step (RP-1311 eq. 3.2).
const LN_TRACE_CAP: f64 = -9.210_340_371_976_184;
/// Convergence requires x_k·|Δln n_k| ≤ X_WEIGHTED · tolerance for every species.
const X_WEIGHTED: f64 = 1e-3;
/// Ridge added to the element-potential matrix, relative to its largest diagonal entry.
const RIDGE: f64 = 1e-13;
/// ln n_k is kept above this (exp underflows to 0 far earlier; this only keeps it finite).
const LN_N_FLOOR: f64 = -1500.0;

/// First temperature of the outer iteration unless the initial state is hotter (K).
const T_START: f64 = 3000.0;

/// What is held fixed in a fixed-T solve.
#[derive(Debug, Clone, Copy)]
enum Constraint {
    /// Pressure (Pa).
    Pressure(f64),
    /// Volume (m³) of the 1-mol initial charge.
    Volume(f64),
}

/// Working storage of one equilibrium problem (allocation-free iterations).
struct Problem<'a> {
    mix: &'a GasMixture,
    /// Mixture indices of the active species.
    species: Vec<usize>,
    /// Element matrix of active elements × active species, row-major.
    a: Vec<f64>,
    /// Element amounts (mol atoms) of the active elements, for 1 mol of initial mixture.
    b: Vec<f64>,
    n_el: usize,
    thermo_all: Vec<ThermoPoint>,
    /// Active-species thermo at the current T.
    thermo: Vec<ThermoPoint>,
    ln_n: Vec<f64>,
    n: Vec<f64>,
    mu: Vec<f64>,
    dln: Vec<f64>,
    ln_ntot: f64,
    /// Element potentials π_j of the last iteration (the ridge acts on their increments).
    pi: Vec<f64>,
    iterations: usize,
    options: EquilibriumOptions,
    mode: EquilibriumMode,
}

impl<'a> Problem<'a> {
    fn new(
        mix: &'a GasMixture,
        x0: &[f64],
        mode: EquilibriumMode,
        options: &EquilibriumOptions,
    ) -> Self {
        let ne_all = mix.n_elements();
        let ns_all = mix.n_species();
        let b_all = mix.element_amounts(x0);
        let active_el: Vec<usize> = (0..ne_all).filter(|&m| b_all[m] > 0.0).collect();
        let species: Vec<usize> = (0..ns_all)
            .filter(|&k| (0..ne_all).all(|m| mix.n_atoms(m, k) == 0.0 || active_el.contains(&m)))
            .filter(|&k| (0..ne_all).any(|m| mix.n_atoms(m, k) != 0.0))
            .collect();
        let n_el = active_el.len();
        let ns = species.len();
        let mut a = vec![0.0; n_el * ns];
        for (j, &m) in active_el.iter().enumerate() {
            for (i, &k) in species.iter().enumerate() {
                a[j * ns + i] = mix.n_atoms(m, k);
            }
        }
        let b = active_el.iter().map(|&m| b_all[m]).collect();
        // Cold start (RP-1311 uses a uniform estimate): half the initial composition, half uniform.
        let ln_n = species
            .iter()
            .map(|&k| (0.5 * x0[k] + 0.5 / ns as f64).ln())
            .collect();
        Problem {
            mix,
            species,
            a,
            b,
            n_el,
            thermo_all: vec![ThermoPoint::default(); ns_all],
            thermo: vec![ThermoPoint::default(); ns],
            ln_n,
            n: vec![0.0; ns],
            mu: vec![0.0; ns],
            dln: vec![0.0; ns],
            ln_ntot: 0.0,
            pi: vec![0.0; n_el],
            iterations: 0,
            options: *options,
            mode,
        }
    }

    #[inline]
    fn ns(&self) -> usize {
        self.species.len()
    }

    #[inline]
    fn aa(&self, j: usize, i: usize) -> f64 {
        self.a[j * self.ns() + i]
    }

    fn set_temperature(&mut self, t: f64) {
        self.mix.thermo_at(t, &mut self.thermo_all);
        for (i, &k) in self.species.iter().enumerate() {
            self.thermo[i] = self.thermo_all[k];
        }
    }

    /// Largest element-balance error relative to the total atoms.
    fn element_residual(&self) -> f64 {
        let total: f64 = self.b.iter().sum();
        (0..self.n_el)
            .map(|j| {
                let s: f64 = (0..self.ns()).map(|i| self.aa(j, i) * self.n[i]).sum();
                (self.b[j] - s).abs()
            })
            .fold(0.0, f64::max)
            / total
    }

    /// Newton iteration at fixed T (thermo already set) to equilibrium under `c`.
    fn solve_fixed_t(&mut self, t: f64, c: Constraint) -> Result<()> {
        let ns = self.ns();
        let ne = self.n_el;
        let with_n = matches!(c, Constraint::Pressure(_));
        let dim = ne + usize::from(with_n);
        let p_ref = self.mix.reference_pressure();
        let offset = match c {
            Constraint::Pressure(p) => (p / p_ref).ln(),
            Constraint::Volume(v) => (R * t / (v * p_ref)).ln(),
        };
        let mut mat = DMatrix::<f64>::zeros(dim, dim);
        let mut rhs = DVector::<f64>::zeros(dim);
        let mut last_residual = f64::INFINITY;
        for _ in 0..self.options.max_iterations {
            self.iterations += 1;
            let mut ntot_sum = 0.0;
            for i in 0..ns {
                self.n[i] = self.ln_n[i].exp();
                ntot_sum += self.n[i];
                self.mu[i] = self.thermo[i].g_rt() + offset + self.ln_n[i]
                    - if with_n { self.ln_ntot } else { 0.0 };
            }
            let ntot_var = if with_n { self.ln_ntot.exp() } else { ntot_sum };
            mat.fill(0.0);
            rhs.fill(0.0);
            for j in 0..ne {
                let mut bj_cur = 0.0;
                let mut amu = 0.0;
                for i in 0..ns {
                    let ajn = self.aa(j, i) * self.n[i];
                    if ajn == 0.0 {
                        continue;
                    }
                    bj_cur += ajn;
                    amu += ajn * self.mu[i];
                    for l in 0..=j {
                        mat[(j, l)] += ajn * self.aa(l, i);
                    }
                }
                rhs[j] = self.b[j] - bj_cur + amu;
                if with_n {
                    mat[(j, ne)] = bj_cur;
                    mat[(ne, j)] = bj_cur;
                }
            }
            for j in 0..ne {
                for l in 0..j {
                    mat[(l, j)] = mat[(j, l)];
                }
            }
            if with_n {
                mat[(ne, ne)] = ntot_sum - ntot_var;
                let nmu: f64 = (0..ns).map(|i| self.n[i] * self.mu[i]).sum();
                rhs[ne] = ntot_var - ntot_sum + nmu;
            }
            // Solve for the increment of π so that the ridge damps steps without biasing the
            // converged solution: M (π_prev + Δπ) = rhs  ⇒  (M + δI) Δπ = rhs − M π_prev.
            for r in 0..dim {
                let mut s = 0.0;
                for j in 0..ne {
                    s += mat[(r, j)] * self.pi[j];
                }
                rhs[r] -= s;
            }
            let max_diag = (0..ne).map(|j| mat[(j, j)]).fold(0.0, f64::max);
            for j in 0..ne {
                mat[(j, j)] += RIDGE * max_diag;
            }
            let sol = mat
                .clone()
                .lu()
                .solve(&rhs)
                .filter(|s| s.iter().all(|v| v.is_finite()));
            let Some(mut sol) = sol else {
                return Err(self.not_converged(
                    t,
                    c,
                    "the element-potential matrix is singular",
                    last_residual,
                ));
            };
            for j in 0..ne {
                self.pi[j] += sol[j];
                sol[j] = self.pi[j];
            }
            let dln_ntot = if with_n { sol[ne] } else { 0.0 };
            // Species corrections (RP-1311 eq. 2.18) and damping (eqs. 3.1–3.3).
            let ln_ref = if with_n { self.ln_ntot } else { ntot_sum.ln() };
            let mut big = dln_ntot.abs();
            let mut lambda2 = f64::INFINITY;
            let mut converged = dln_ntot.abs() <= self.options.tolerance;
            for i in 0..ns {
                let mut d = -self.mu[i] + dln_ntot;
                for j in 0..ne {
                    d += self.aa(j, i) * sol[j];
                }
                self.dln[i] = d;
                let ln_x = self.ln_n[i] - ln_ref;
                if ln_x > LN_MAJOR {
                    big = big.max(d.abs());
                } else if d - dln_ntot > 0.0 {
                    lambda2 = lambda2.min(((-ln_x + LN_TRACE_CAP) / (d - dln_ntot)).abs());
                }
                // Changes weighted by mole fraction: near-stoichiometric trace pairs (H2/O2 at
                // 1e-7) are fixed by the element balances only to round-off and cycle at
                // |Δln n| ≈ 1e-9…1e-8 without being wrong, while majors settle to ≈1e-14.
                converged &= ln_x.exp() * d.abs() <= X_WEIGHTED * self.options.tolerance;
            }
            let residual = self.element_residual();
            last_residual = residual.max(big);
            converged &= residual <= 1e-4 * self.options.tolerance;
            let lambda = 1f64.min(2.0 / big).min(lambda2);

            for i in 0..ns {
                self.ln_n[i] = (self.ln_n[i] + lambda * self.dln[i]).max(LN_N_FLOOR);
            }
            if with_n {
                self.ln_ntot += lambda * dln_ntot;
            }
            if converged {
                for i in 0..ns {
                    self.n[i] = self.ln_n[i].exp();
                }
                return Ok(());
            }
        }
        Err(self.not_converged(
            t,
            c,
            "try a different initial temperature, or report the case (mixture, T, p, mode)",
            last_residual,
        ))
    }

    fn not_converged(&self, t: f64, c: Constraint, hint: &str, residual: f64) -> ChemError {
        ChemError::EquilibriumNotConverged {
            mode: self.mode.to_string(),
            iterations: self.iterations,
            residual,
            temperature: t,
            pressure: self.state(t, c).pressure,
            hint: hint.to_string(),
        }
    }

    /// Σ n_k, and T·d ln n_k/dT of the converged state into `dln` (fixed p or fixed V).
    /// Returns the reacting-mixture heat capacity dH/dT|p or dU/dT|V (J/K).
    fn reacting_heat_capacity(&mut self, c: Constraint) -> Result<f64> {
        let ns = self.ns();
        let ne = self.n_el;
        let with_n = matches!(c, Constraint::Pressure(_));
        let dim = ne + usize::from(with_n);
        // Energy per species in units of RT: h_k at fixed p, u_k = h_k − 1 at fixed V.
        let e = |tp: &ThermoPoint| if with_n { tp.h_rt } else { tp.h_rt - 1.0 };
        let mut mat = DMatrix::<f64>::zeros(dim, dim);
        let mut rhs = DVector::<f64>::zeros(dim);
        for j in 0..ne {
            for i in 0..ns {
                let ajn = self.aa(j, i) * self.n[i];
                for l in 0..ne {
                    mat[(j, l)] += ajn * self.aa(l, i);
                }
                rhs[j] -= ajn * e(&self.thermo[i]);
                if with_n {
                    mat[(j, ne)] += ajn;
                    mat[(ne, j)] += ajn;
                }
            }
        }
        if with_n {
            // At convergence Σ n_k = n, so the (n, n) entry vanishes.
            rhs[ne] = -(0..ns)
                .map(|i| self.n[i] * self.thermo[i].h_rt)
                .sum::<f64>();
        }
        let max_diag = (0..ne).map(|j| mat[(j, j)]).fold(0.0, f64::max);
        for j in 0..ne {
            mat[(j, j)] += RIDGE * max_diag;
        }
        let sol = mat
            .lu()
            .solve(&rhs)
            .filter(|s| s.iter().all(|v| v.is_finite()))
            .ok_or_else(|| ChemError::EquilibriumNotConverged {
                mode: self.mode.to_string(),
                iterations: self.iterations,
                residual: f64::NAN,
                temperature: f64::NAN,
                pressure: f64::NAN,
                hint: "singular matrix in the heat-capacity derivative".into(),
            })?;
        let dlnn = if with_n { sol[ne] } else { 0.0 };
        let mut c_frozen = 0.0;
        let mut c_reacting = 0.0;
        for i in 0..ns {
            let tp = &self.thermo[i];
            let mut d = e(tp) + dlnn;
            for j in 0..ne {
                d += self.aa(j, i) * sol[j];
            }
            c_frozen += self.n[i] * if with_n { tp.cp_r } else { tp.cp_r - 1.0 };
            c_reacting += e(tp) * self.n[i] * d;
        }
        Ok(R * (c_frozen + c_reacting))
    }

    /// Total H, U (J) or S (J/K) of the current composition at `t` under `c`.
    fn property(&self, t: f64, c: Constraint, which: Target) -> f64 {
        let ntot: f64 = self.n.iter().sum();
        match which {
            Target::H => {
                R * t
                    * (0..self.ns())
                        .map(|i| self.n[i] * self.thermo[i].h_rt)
                        .sum::<f64>()
            }
            Target::U => {
                R * t
                    * (0..self.ns())
                        .map(|i| self.n[i] * (self.thermo[i].h_rt - 1.0))
                        .sum::<f64>()
            }
            Target::S => {
                let p_ref = self.mix.reference_pressure();
                let ln_p = match c {
                    Constraint::Pressure(p) => (p / p_ref).ln(),
                    Constraint::Volume(v) => (ntot * R * t / (v * p_ref)).ln(),
                };
                R * (0..self.ns())
                    .filter(|&i| self.n[i] > 0.0)
                    .map(|i| self.n[i] * (self.thermo[i].s_r - (self.n[i] / ntot).ln() - ln_p))
                    .sum::<f64>()
            }
        }
    }

    fn state(&self, t: f64, c: Constraint) -> GasState {
        let ntot: f64 = self.n.iter().sum();
        let mut x = vec![0.0; self.mix.n_species()];
        for (i, &k) in self.species.iter().enumerate() {
            x[k] = self.n[i] / ntot;
        }
        let pressure = match c {
            Constraint::Pressure(p) => p,
            Constraint::Volume(v) => ntot * R * t / v,
        };
        GasState {
            temperature: t,
            pressure,
            mole_fractions: x,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Target {
    H,
    U,
    S,
}

pub(super) fn solve(
    mix: &GasMixture,
    initial: &GasState,
    mode: EquilibriumMode,
    options: &EquilibriumOptions,
) -> Result<EquilibriumResult> {
    let t0 = initial.temperature;
    let p0 = initial.pressure;
    let x0 = mix.normalised("mole fractions", &initial.mole_fractions)?;
    let checked = mix.state_tpx(t0, p0, &x0)?;
    let mut prob = Problem::new(mix, &x0, mode, options);
    // The initial charge is 1 mol: its volume, enthalpy, energy and entropy.
    let v0 = R * t0 / p0;
    let props0 = mix.properties(&checked);
    let (constraint, target) = match mode {
        EquilibriumMode::TP => (Constraint::Pressure(p0), None),
        EquilibriumMode::TV => (Constraint::Volume(v0), None),
        EquilibriumMode::HP => (Constraint::Pressure(p0), Some((Target::H, props0.h_mole))),
        EquilibriumMode::SP => (Constraint::Pressure(p0), Some((Target::S, props0.s_mole))),
        EquilibriumMode::UV => (Constraint::Volume(v0), Some((Target::U, props0.u_mole))),
        EquilibriumMode::SV => (Constraint::Volume(v0), Some((Target::S, props0.s_mole))),
    };

    let (t, evaluations) = match target {
        None => {
            prob.set_temperature(t0);
            prob.solve_fixed_t(t0, constraint)?;
            (t0, 1)
        }
        Some((which, goal)) => {
            let scale = goal.abs() + R * t0;
            let root = solve_increasing(
                |t| -> Result<(f64, f64)> {
                    prob.set_temperature(t);
                    prob.solve_fixed_t(t, constraint)?;
                    let f = prob.property(t, constraint, which) - goal;
                    let c = prob.reacting_heat_capacity(constraint)?;
                    let df = match which {
                        Target::S => c / t,
                        _ => c,
                    };
                    Ok((f / scale, df / scale))
                },
                // Start hot, where every species is present and the matrix well conditioned
                // (RP-1311 starts combustion problems at 3800 K); Newton then walks down.
                t0.max(T_START),
                options.temperature_bounds,
                options.temperature_tolerance,
                0.0,
                options.max_temperature_iterations,
            );
            match root {
                Ok(r) => {
                    // Make sure the stored composition belongs to the returned temperature.
                    prob.set_temperature(r.x);
                    prob.solve_fixed_t(r.x, constraint)?;
                    (r.x, r.evaluations)
                }
                Err(RootError::Inner(e)) => return Err(e),
                Err(RootError::NotBracketed { lo, hi, f_lo, f_hi }) => {
                    return Err(ChemError::EquilibriumNotConverged {
                        mode: mode.to_string(),
                        iterations: prob.iterations,
                        residual: f_lo.abs().min(f_hi.abs()),
                        temperature: if f_lo > 0.0 { lo } else { hi },
                        pressure: p0,
                        hint: format!(
                            "the equilibrium temperature lies outside the search interval [{lo}, {hi}] K \
                             where the thermo data can be trusted"
                        ),
                    })
                }
                Err(RootError::NoConvergence { x, f, evaluations }) => {
                    return Err(ChemError::EquilibriumNotConverged {
                        mode: mode.to_string(),
                        iterations: evaluations,
                        residual: f.abs(),
                        temperature: x,
                        pressure: p0,
                        hint: "the temperature iteration did not converge; report the case".into(),
                    })
                }
            }
        }
    };

    let state = prob.state(t, constraint);
    let element_residual = prob.element_residual();
    if !(state.temperature.is_finite()
        && state.pressure.is_finite()
        && state.mole_fractions.iter().all(|x| x.is_finite()))
    {
        return Err(ChemError::EquilibriumNotConverged {
            mode: mode.to_string(),
            iterations: prob.iterations,
            residual: element_residual,
            temperature: t,
            pressure: state.pressure,
            hint: "the solution is not finite".into(),
        });
    }
    let mut warnings = Vec::new();
    let outside: Vec<&str> = prob
        .species
        .iter()
        .map(|&k| &mix.mechanism().species[k])
        .filter(|s| !s.thermo.near_range(t))
        .map(|s| s.name.as_str())
        .collect();
    if !outside.is_empty() {
        warnings.push(format!(
            "T = {t:.1} K is outside the thermo fit range of {}: their polynomials were extrapolated (as Cantera does)",
            outside.join(", ")
        ));
    }
    Ok(EquilibriumResult {
        state,
        mode,
        iterations: prob.iterations,
        temperature_iterations: evaluations,
        element_residual,
        warnings,
    })
}
