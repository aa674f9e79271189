//! Properties every equilibrium solution must have, checked over deterministic pseudo-random
//! samples of the required input range (H2:O2 0.1–20, diluent N2/AR/HE/H2O 0–80 %,
//! T0 200–1000 K, P0 1e4–1e7 Pa, modes TP/TV/HP/UV/SV/SP): convergence, element conservation,
//! the held pair reproduced, a Gibbs minimum, mode consistency, determinism; plus the model
//! values of docs VALIDATION.md (C1, C2, C3, C6) and a snapshot of the solver's work.

use petrocket_chem::{
    equilibrate, ChemError, EquilibriumMode, EquilibriumResult, GasMixture, GasState,
};
use petrocket_units::{GAS_CONSTANT as R, ONE_ATM};

use EquilibriumMode::{HP, SP, SV, TP, TV, UV};

/// Tiny 64-bit linear congruential generator (Knuth's MMIX constants): reproducible
/// sampling without a `rand` dependency.
struct Lcg(u64);

impl Lcg {
    fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }
    fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.next_f64()).exp()
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[((self.next_f64() * items.len() as f64) as usize).min(items.len() - 1)]
    }
}

#[derive(Debug, Clone)]
struct Case {
    id: String,
    x0: Vec<f64>,
    t0: f64,
    p0: f64,
    mode: EquilibriumMode,
}

fn gas() -> GasMixture {
    GasMixture::load("h2o2").unwrap()
}

fn mixture(gas: &GasMixture, ratio: f64, diluent: Option<(&str, f64)>) -> (String, Vec<f64>) {
    let text = match diluent {
        Some((d, f)) if f > 0.0 => {
            let fuel_ox = 1.0 - f;
            format!(
                "H2:{},O2:{},{d}:{f}",
                fuel_ox * ratio / (1.0 + ratio),
                fuel_ox / (1.0 + ratio)
            )
        }
        _ => format!("H2:{ratio},O2:1"),
    };
    let x = gas.parse_mole_fractions("mixture", &text).unwrap();
    (text, x)
}

const DILUENTS: [&str; 4] = ["N2", "AR", "HE", "H2O"];

/// The corners of the required range for every mode, then `n_random` random cases.
fn sample_cases(gas: &GasMixture, seed: u64, n_random: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut push = |x: (String, Vec<f64>), t0: f64, p0: f64, mode: EquilibriumMode| {
        let id = format!("{} {mode} T0={t0:.2} P0={p0:.6e}", x.0);
        cases.push(Case {
            id,
            x0: x.1,
            t0,
            p0,
            mode,
        });
    };
    for mode in EquilibriumMode::ALL {
        for ratio in [0.1, 2.0, 20.0] {
            for (t0, p0) in [(200.0, 1e4), (200.0, 1e7), (1000.0, 1e4), (1000.0, 1e7)] {
                push(mixture(gas, ratio, None), t0, p0, mode);
            }
        }
        for d in DILUENTS {
            push(mixture(gas, 2.0, Some((d, 0.8))), 200.0, 1e7, mode);
            push(mixture(gas, 0.1, Some((d, 0.8))), 1000.0, 1e4, mode);
        }
    }
    let mut rng = Lcg(seed);
    for i in 0..n_random {
        let ratio = rng.log_uniform(0.1, 20.0);
        let diluent = if rng.next_f64() < 0.3 {
            None
        } else {
            Some((rng.pick(&DILUENTS), rng.uniform(0.0, 0.8)))
        };
        let t0 = rng.uniform(200.0, 1000.0);
        let p0 = rng.log_uniform(1e4, 1e7);
        push(
            mixture(gas, ratio, diluent),
            t0,
            p0,
            EquilibriumMode::ALL[i % 6],
        );
    }
    cases
}

fn solve(gas: &GasMixture, c: &Case) -> (GasState, EquilibriumResult) {
    let fresh = gas
        .state_tpx(c.t0, c.p0, &c.x0)
        .unwrap_or_else(|e| panic!("{}: {e}", c.id));
    let r = equilibrate(gas, &fresh, c.mode).unwrap_or_else(|e| panic!("{}: {e}", c.id));
    (fresh, r)
}

/// |a − b| / max(|b|, floor).
fn rel(a: f64, b: f64, floor: f64) -> f64 {
    (a - b).abs() / b.abs().max(floor)
}

#[derive(Default, Debug)]
struct Worst {
    elements: f64,
    energy: f64,
    entropy: f64,
    volume: f64,
    pressure: f64,
    sum_x: f64,
}

#[test]
fn sampled_equilibria_conserve_elements_and_hold_their_pair() {
    let gas = gas();
    let cases = sample_cases(&gas, 0x5eed_2024, 200);
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let mut worst = Worst::default();
    let mut failures = Vec::new();
    let mut fail = |id: &str, what: String| failures.push(format!("{id}: {what}"));
    for c in &cases {
        let (fresh, r) = solve(&gas, c);
        let s = &r.state;
        let id = c.id.as_str();
        assert_eq!(r.mode, c.mode);
        // Finite, non-negative, normalised.
        if !(s.temperature.is_finite()
            && s.temperature > 0.0
            && s.pressure.is_finite()
            && s.pressure > 0.0)
        {
            fail(id, format!("T = {}, P = {}", s.temperature, s.pressure));
            continue;
        }
        if !s.mole_fractions.iter().all(|x| x.is_finite() && *x >= 0.0) {
            fail(id, format!("bad mole fractions {:?}", s.mole_fractions));
            continue;
        }
        let sum_x: f64 = s.mole_fractions.iter().sum();
        worst.sum_x = worst.sum_x.max((sum_x - 1.0).abs());
        if (sum_x - 1.0).abs() > 1e-14 {
            fail(id, format!("Σx − 1 = {:e}", sum_x - 1.0));
        }
        // Elements per unit mass, relative to the total atoms.
        let p0 = gas.properties(&fresh);
        let pe = gas.properties(s);
        let b0: Vec<f64> = gas
            .element_amounts(&fresh.mole_fractions)
            .iter()
            .map(|b| b / p0.mean_molecular_weight)
            .collect();
        let be: Vec<f64> = gas
            .element_amounts(&s.mole_fractions)
            .iter()
            .map(|b| b / pe.mean_molecular_weight)
            .collect();
        let total: f64 = b0.iter().sum();
        for (m, (a, b)) in be.iter().zip(&b0).enumerate() {
            let e = (a - b).abs() / total;
            worst.elements = worst.elements.max(e);
            if e > 1e-12 || (*b == 0.0 && *a != 0.0) {
                fail(
                    id,
                    format!("element {m}: {a:e} vs {b:e} mol/kg (relative {e:.2e})"),
                );
            }
        }
        assert!(
            r.element_residual <= 1e-12,
            "{id}: solver element residual {:e}",
            r.element_residual
        );
        // The held pair, per mol of initial mixture (mass W0): energies to 1e-10 relative with a
        // floor of R·T, entropy to 1e-10 relative with a floor of R, volume and pressure to 1e-12.
        let w0 = p0.mean_molecular_weight;
        let t_floor = R * s.temperature.max(c.t0);
        let v0 = 1.0 / p0.density;
        let ve = 1.0 / pe.density;
        let (hold_t, hold_p, hold_v) = match c.mode {
            TP => (true, true, false),
            TV => (true, false, true),
            HP | SP => (false, true, false),
            UV | SV => (false, false, true),
        };
        if hold_t && s.temperature.to_bits() != c.t0.to_bits() {
            fail(id, format!("T changed: {} → {}", c.t0, s.temperature));
        }
        if hold_p {
            let e = rel(s.pressure, c.p0, 0.0);
            worst.pressure = worst.pressure.max(e);
            if e > 1e-12 {
                fail(
                    id,
                    format!("P {} vs {} (relative {e:.2e})", s.pressure, c.p0),
                );
            }
        }
        if hold_v {
            let e = rel(ve, v0, 0.0);
            worst.volume = worst.volume.max(e);
            if e > 1e-12 {
                fail(id, format!("v {ve:e} vs {v0:e} m³/kg (relative {e:.2e})"));
            }
        }
        let energy = match c.mode {
            HP => Some(("H", pe.h_mass() * w0, p0.h_mole)),
            UV => Some(("U", pe.u_mass() * w0, p0.u_mole)),
            _ => None,
        };
        if let Some((what, a, b)) = energy {
            let e = rel(a, b, t_floor);
            worst.energy = worst.energy.max(e);
            if e > 1e-10 {
                fail(id, format!("{what} {a} vs {b} J (relative {e:.2e})"));
            }
        }
        if matches!(c.mode, SV | SP) {
            let (a, b) = (pe.s_mass() * w0, p0.s_mole);
            let e = rel(a, b, R);
            worst.entropy = worst.entropy.max(e);
            if e > 1e-10 {
                fail(id, format!("S {a} vs {b} J/K (relative {e:.2e})"));
            }
        }
    }
    eprintln!("{} cases; worst: {worst:?}", cases.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Element-conserving reaction directions (species, coefficient).
const DIRECTIONS: [&[(&str, f64)]; 7] = [
    &[("H2", -1.0), ("O2", -0.5), ("H2O", 1.0)],
    &[("H2", -1.0), ("H", 2.0)],
    &[("O2", -1.0), ("O", 2.0)],
    &[("H", -1.0), ("O2", -1.0), ("HO2", 1.0)],
    &[("OH", -2.0), ("H2O2", 1.0)],
    &[("H2O", -1.0), ("H", 1.0), ("OH", 1.0)],
    &[("H2", -1.0), ("O", -1.0), ("H", 1.0), ("OH", 1.0)],
];

/// G(T, P, n) [J] from the mixture API: N·g_mole at the mole fractions n/N.
fn gibbs(gas: &GasMixture, t: f64, p: f64, n: &[f64]) -> f64 {
    let total: f64 = n.iter().sum();
    let x: Vec<f64> = n.iter().map(|v| v / total).collect();
    total
        * gas
            .properties(&GasState {
                temperature: t,
                pressure: p,
                mole_fractions: x,
            })
            .g_mole
}

/// φ(u) = (1 + u) ln(1 + u) − u, accurate for the tiny u used here.
fn phi(u: f64) -> f64 {
    if u.abs() < 1e-3 {
        u * u * (0.5 - u * (1.0 / 6.0 - u * (1.0 / 12.0 - u / 20.0)))
    } else {
        (1.0 + u) * u.ln_1p() - u
    }
}

#[test]
fn tp_equilibrium_is_a_gibbs_minimum() {
    let gas = gas();
    let mut g0 = vec![Default::default(); gas.n_species()];
    let mut rng = Lcg(0x61bb5);
    let (mut worst_affinity, mut checked) = (0.0f64, 0);
    for i in 0..40 {
        // Up to 4000 K so that radicals are major species in some cases.
        let t = if i < 4 {
            [200.0, 1000.0, 3000.0, 4000.0][i]
        } else {
            rng.uniform(200.0, 4000.0)
        };
        let p = rng.log_uniform(1e4, 1e7);
        let diluent = if i % 3 == 0 {
            None
        } else {
            Some((rng.pick(&DILUENTS), rng.uniform(0.0, 0.8)))
        };
        let (text, x0) = mixture(&gas, rng.log_uniform(0.1, 20.0), diluent);
        let id = format!("{text} at {t:.1} K, {p:.4e} Pa");
        let fresh = gas.state_tpx(t, p, &x0).unwrap();
        let r = equilibrate(&gas, &fresh, TP).unwrap_or_else(|e| panic!("{id}: {e}"));
        let n = &r.state.mole_fractions;
        let g = gibbs(&gas, t, p, n);
        gas.thermo_at(t, &mut g0);
        let ln_p = (p / gas.reference_pressure()).ln();
        for dir in DIRECTIONS {
            let ks: Vec<(usize, f64)> = dir
                .iter()
                .map(|(s, nu)| (gas.species_index(s).unwrap(), *nu))
                .collect();
            let n_min = ks.iter().map(|&(k, _)| n[k]).fold(f64::INFINITY, f64::min);
            if n_min <= 0.0 {
                continue;
            }
            // First-order optimality: the affinity Σ ν_k μ_k / RT vanishes.
            let ln_total = n.iter().sum::<f64>().ln();
            let affinity: f64 = ks
                .iter()
                .map(|&(k, nu)| nu * (g0[k].g_rt() + n[k].ln() - ln_total + ln_p))
                .sum();
            worst_affinity = worst_affinity.max(affinity.abs());
            assert!(
                affinity.abs() <= 1e-10,
                "{id}: affinity of {dir:?} is {affinity:e}"
            );
            let eps = 1e-6 * n_min;
            for sign in [1.0, -1.0] {
                let mut n2 = n.clone();
                for &(k, nu) in &ks {
                    n2[k] += sign * eps * nu;
                }
                assert!(ks.iter().all(|&(k, _)| n2[k] > 0.0));
                // From the mixture API, allowing for round-off in G itself.
                let g2 = gibbs(&gas, t, p, &n2);
                let round_off = 1e-13 * (g.abs() + R * t);
                assert!(
                    g2 >= g - round_off,
                    "{id}: G fell by {:e} J along {sign}·{dir:?}",
                    g - g2
                );
                // Free of cancellation: with u_k = Δn_k/n_k and φ(u) = (1+u)ln(1+u) − u ≥ 0,
                // ΔG/RT = ±ε·A + Σ_k n_k φ(u_k) − N φ(ΔN/N) exactly (the second part is N'·KL ≥ 0).
                let total: f64 = n.iter().sum();
                let dn_total: f64 = ks.iter().map(|&(_, nu)| sign * eps * nu).sum();
                let kl = ks
                    .iter()
                    .map(|&(k, nu)| n[k] * phi(sign * eps * nu / n[k]))
                    .sum::<f64>()
                    - total * phi(dn_total / total);
                let dg = sign * eps * affinity + kl;
                assert!(dg >= 0.0, "{id}: ΔG/RT = {dg:e} < 0 along {sign}·{dir:?}");
                checked += 1;
            }
        }
    }
    eprintln!("{checked} perturbations; worst |affinity| {worst_affinity:.2e}");
    assert!(checked > 300, "only {checked} perturbations checked");
}

#[test]
fn tp_at_the_uv_state_reproduces_the_uv_composition() {
    let gas = gas();
    let mut rng = Lcg(0xc0ffee);
    let mut worst = 0.0f64;
    for i in 0..30 {
        let diluent = if i % 2 == 0 {
            None
        } else {
            Some((rng.pick(&DILUENTS), rng.uniform(0.0, 0.8)))
        };
        let (text, x0) = mixture(&gas, rng.log_uniform(0.1, 20.0), diluent);
        let (t0, p0) = (rng.uniform(200.0, 1000.0), rng.log_uniform(1e4, 1e7));
        let id = format!("{text} at {t0:.1} K, {p0:.4e} Pa");
        for mode in [UV, HP, SV] {
            let c = Case {
                id: id.clone(),
                x0: x0.clone(),
                t0,
                p0,
                mode,
            };
            let (_, r) = solve(&gas, &c);
            let at = gas
                .state_tpx(r.state.temperature, r.state.pressure, &x0)
                .unwrap();
            let tp =
                equilibrate(&gas, &at, TP).unwrap_or_else(|e| panic!("{id} TP at {mode}: {e}"));
            for (name, (a, b)) in gas
                .species_names()
                .zip(tp.state.mole_fractions.iter().zip(&r.state.mole_fractions))
            {
                if *b > 1e-8 {
                    let e = rel(*a, *b, 0.0);
                    worst = worst.max(e);
                    assert!(
                        e <= 1e-8,
                        "{id}: X[{name}] TP {a:e} vs {mode} {b:e} (relative {e:.2e})"
                    );
                }
            }
        }
    }
    eprintln!("worst relative mole-fraction difference {worst:.2e}");
}

fn bits(r: &EquilibriumResult) -> Vec<u64> {
    let s = &r.state;
    let mut v = vec![
        s.temperature.to_bits(),
        s.pressure.to_bits(),
        r.iterations as u64,
        r.temperature_iterations as u64,
    ];
    v.extend(s.mole_fractions.iter().map(|x| x.to_bits()));
    v
}

#[test]
fn results_are_bit_identical_across_calls_and_threads() {
    let gas = gas();
    let cases = sample_cases(&gas, 7, 12);
    let run =
        |cs: &[Case]| -> Vec<Vec<u64>> { cs.iter().map(|c| bits(&solve(&gas, c).1)).collect() };
    let first = run(&cases);
    let second = run(&cases);
    assert_eq!(first, second, "repeated solves differ");
    let (a, b) = std::thread::scope(|s| {
        let ha = s.spawn(|| run(&cases));
        let hb = s.spawn(|| run(&cases));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    assert_eq!(a, first, "thread A differs from the main thread");
    assert_eq!(b, first, "thread B differs from the main thread");
    // A fresh mixture object gives the same answers too.
    let other = GasMixture::load("h2o2").unwrap();
    let c = &cases[cases.len() - 1];
    let fresh = other.state_tpx(c.t0, c.p0, &c.x0).unwrap();
    assert_eq!(
        bits(&equilibrate(&other, &fresh, c.mode).unwrap()),
        first[cases.len() - 1]
    );
}

/// AICC (UV) and flame (HP) states of an H2 mixture at 298.15 K and `p0`.
fn model_value(gas: &GasMixture, text: &str, p0: f64, mode: EquilibriumMode) -> (f64, f64, f64) {
    let x = gas.parse_mole_fractions("mixture", text).unwrap();
    let fresh = gas.state_tpx(298.15, p0, &x).unwrap();
    let r = equilibrate(gas, &fresh, mode).unwrap();
    let (pu, pb) = (gas.properties(&fresh), gas.properties(&r.state));
    (
        r.state.pressure / p0,
        r.state.temperature,
        pu.density / pb.density,
    )
}

#[test]
fn model_values_of_validation_md() {
    // VALIDATION.md "Combustion" quotes Cantera 3.2.0 to three significant digits: ±0.006.
    let gas = gas();
    let check = |id: &str, what: &str, got: f64, expected: f64, tol: f64| {
        assert!(
            (got - expected).abs() <= tol,
            "VALIDATION.md {id}: {what} = {got:.4}, expected {expected} ± {tol}"
        );
    };
    let (ratio, t, _) = model_value(&gas, "H2:2,O2:1", ONE_ATM, UV);
    check(
        "C1",
        "AICC P/P0 of stoichiometric H2–O2 at 1 atm",
        ratio,
        9.60,
        0.006,
    );
    check(
        "C1",
        "AICC T [K] of stoichiometric H2–O2 at 1 atm",
        t,
        3502.0,
        1.0,
    );
    for (atm, expected) in [(0.5, 9.37), (1.0, 9.60), (2.0, 9.82), (5.0, 10.12)] {
        let (ratio, _, _) = model_value(&gas, "H2:2,O2:1", atm * ONE_ATM, UV);
        check(
            "C3",
            &format!("AICC P/P0 of stoichiometric H2–O2 at {atm} atm"),
            ratio,
            expected,
            0.006,
        );
    }
    let (ratio, t, _) = model_value(&gas, "H2:2,air:4.76", ONE_ATM, UV);
    check(
        "C2",
        "AICC P/P0 of stoichiometric H2–air",
        ratio,
        8.05,
        0.006,
    );
    check("C2", "AICC T [K] of stoichiometric H2–air", t, 2763.0, 1.0);
    let (_, _, expansion) = model_value(&gas, "H2:2,O2:1", ONE_ATM, HP);
    check(
        "C6",
        "expansion ratio ρu/ρb of H2–O2 φ=1",
        expansion,
        8.34,
        0.006,
    );
    let (_, _, expansion) = model_value(&gas, "H2:2,air:4.76", ONE_ATM, HP);
    check(
        "C6",
        "expansion ratio ρu/ρb of H2–air φ=1",
        expansion,
        6.90,
        0.006,
    );
}

#[test]
fn bad_states_are_errors_not_panics() {
    let gas = gas();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    let state = |t: f64, p: f64, x: Vec<f64>| GasState {
        temperature: t,
        pressure: p,
        mole_fractions: x,
    };
    for mode in EquilibriumMode::ALL {
        for (what, s, field) in [
            ("NaN T", state(f64::NAN, 1e5, x.clone()), "temperature"),
            ("negative T", state(-300.0, 1e5, x.clone()), "temperature"),
            (
                "infinite T",
                state(f64::INFINITY, 1e5, x.clone()),
                "temperature",
            ),
            ("NaN P", state(300.0, f64::NAN, x.clone()), "pressure"),
            ("zero P", state(300.0, 0.0, x.clone()), "pressure"),
        ] {
            let e = equilibrate(&gas, &s, mode).unwrap_err();
            assert!(
                matches!(&e, ChemError::OutOfRange { field: f, .. } if f == field),
                "{mode} with {what}: {e:?}"
            );
        }
        let mut nan_x = x.clone();
        nan_x[2] = f64::NAN;
        for (what, s) in [
            ("NaN x", state(300.0, 1e5, nan_x)),
            ("short x", state(300.0, 1e5, vec![1.0; 3])),
            ("zero x", state(300.0, 1e5, vec![0.0; gas.n_species()])),
        ] {
            let e = equilibrate(&gas, &s, mode).unwrap_err();
            assert!(
                matches!(e, ChemError::Composition { .. }),
                "{mode} with {what}: {e:?}"
            );
        }
    }
}

#[test]
fn extreme_but_accepted_states_give_a_result_or_an_error() {
    // The state setters accept 10–20000 K and 1e-3–1e10 Pa; far outside the thermo fits the
    // solver may refuse, but must not panic or return non-finite numbers.
    let gas = gas();
    let mut outcomes = Vec::new();
    for text in [
        "H2:2,O2:1",
        "H2:1",
        "O2:1,N2:3.76",
        "H2O:1",
        "AR:1",
        "H2:1,HE:1",
    ] {
        let x = gas.parse_mole_fractions("mixture", text).unwrap();
        for t in [10.0, 50.0, 6000.0, 20_000.0] {
            for p in [1e-3, 1e10] {
                for mode in [TP, TV, UV, HP] {
                    let fresh = gas.state_tpx(t, p, &x).unwrap();
                    match equilibrate(&gas, &fresh, mode) {
                        Ok(r) => {
                            let s = &r.state;
                            assert!(
                                s.temperature.is_finite()
                                    && s.pressure.is_finite()
                                    && s.mole_fractions.iter().all(|v| v.is_finite() && *v >= 0.0),
                                "{text} {mode} at {t} K, {p} Pa: {s:?}"
                            );
                            let sum: f64 = s.mole_fractions.iter().sum();
                            assert!(
                                (sum - 1.0).abs() < 1e-14,
                                "{text} {mode} at {t} K, {p} Pa: Σx = {sum}"
                            );
                            outcomes.push(true);
                        }
                        Err(e) => {
                            assert!(!e.to_string().is_empty());
                            outcomes.push(false);
                        }
                    }
                }
            }
        }
    }
    let ok = outcomes.iter().filter(|o| **o).count();
    eprintln!(
        "{ok} of {} extreme cases solved, the rest refused with an error",
        outcomes.len()
    );
}

#[test]
fn solver_work_snapshot_stoichiometric_uv() {
    // Stoichiometric H2/O2 at 295 K, 101325 Pa, UV (the benchmark case). Recorded at
    // 31 Newton iterations and 6 temperature evaluations; a change that doubles the work fails.
    let gas = gas();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    let fresh = gas.state_tpx(295.0, 101_325.0, &x).unwrap();
    let r = equilibrate(&gas, &fresh, UV).unwrap();
    eprintln!(
        "UV work: {} Newton iterations, {} temperature evaluations",
        r.iterations, r.temperature_iterations
    );
    assert!(
        r.iterations <= 40,
        "Newton iterations {} > 40 (recorded 31)",
        r.iterations
    );
    assert!(
        r.temperature_iterations <= 8,
        "temperature evaluations {} > 8 (recorded 6)",
        r.temperature_iterations
    );
    assert!(r.iterations >= 1 && r.temperature_iterations >= 1);
    // The other benchmark modes, for the record.
    for mode in [TP, HP, SV] {
        let r = equilibrate(&gas, &fresh, mode).unwrap();
        eprintln!(
            "{mode} work: {} Newton iterations, {} temperature evaluations",
            r.iterations, r.temperature_iterations
        );
    }
}

/// Room temperature is not "outside the thermo fit range of N2" (its fit starts at 300 K):
/// extrapolation by less than `thermo::EXTRAPOLATION_MARGIN_K` is not warned about, more is.
#[test]
fn no_extrapolation_warning_at_room_temperature() {
    let gas = GasMixture::load("h2o2").unwrap();
    let x = gas
        .parse_mole_fractions("mixture", "H2:0.3,air:0.7")
        .unwrap();
    for t in [298.15, 298.2, 293.15] {
        let fresh = gas.state_tpx(t, ONE_ATM, &x).unwrap();
        let r = equilibrate(&gas, &fresh, TP).unwrap();
        assert!(r.warnings.is_empty(), "{t} K: {:?}", r.warnings);
        assert!(gas.species_out_of_range(t).is_empty(), "{t} K");
    }
    let cold = gas.state_tpx(250.0, ONE_ATM, &x).unwrap();
    let r = equilibrate(&gas, &cold, TP).unwrap();
    assert!(
        r.warnings.iter().any(|w| w.contains("N2")),
        "{:?}",
        r.warnings
    );
}
