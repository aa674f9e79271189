//! Detonation behaviour beyond the Cantera comparison: VALIDATION C7/C8/C10, exact ideal-gas
//! shock relations for argon, the analytic equilibrium sound speed against a finite
//! difference of isentropic equilibrium states, ZND and cell width, vessel screening, and bad
//! input.

mod common;

use petrocket_chem::detonation::{
    assess_vessel, cell_width, cj_state, detonation, equilibrium_sound_speed, post_shock,
    reflected_shock, znd, Chemistry, Grade, Vessel, ZndOptions,
};
use petrocket_chem::{equilibrate, ChemError, EquilibriumMode, GasMixture, GasState};

fn state(gas: &GasMixture, mix: &str, t: f64, p: f64) -> GasState {
    let x = gas.parse_mole_fractions("mixture", mix).unwrap();
    gas.state_tpx(t, p, &x).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// VALIDATION C7 (stoichiometric, 1 atm; the table quotes the MV/Caltech values at room
/// temperature, 298.15 K assumed here) and C8 (reflected ≈ 2.4–2.5 × P_CJ).
#[test]
fn cj_of_stoichiometric_mixtures_matches_validation_c7_c8() {
    let gas = common::h2o2();
    // (mixture, U_CJ m/s, P_CJ/P0, T_CJ K) from VALIDATION.md C7.
    for (mix, u, pr, t) in [
        ("H2:2,O2:1", 2837.0, 18.8, 3680.0),
        ("H2:2,O2:1,N2:3.76", 1977.0, 15.7, 2965.0),
    ] {
        let s0 = state(&gas, mix, 298.15, 101_325.0);
        let d = detonation(&gas, &s0).unwrap();
        let cj = &d.cj;
        assert!(rel(cj.cj_speed, u) < 0.01, "{mix}: U_CJ {}", cj.cj_speed);
        assert!(
            rel(cj.cj.state.pressure / 101_325.0, pr) < 0.015,
            "{mix}: P_CJ"
        );
        assert!(rel(cj.cj.state.temperature, t) < 0.01, "{mix}: T_CJ");
        assert!(
            cj.sonic_residual.abs() < 1e-8,
            "{mix}: sonic {}",
            cj.sonic_residual
        );
        assert!(cj.cj.residual < 1e-7 && cj.cj.iterations > 0);
        let ratio = d.reflected_equilibrium.post.state.pressure / cj.cj.state.pressure;
        assert!((2.35..2.55).contains(&ratio), "{mix}: reflected/CJ {ratio}");
        // Frozen reflection is stiffer (no dissociation absorbs energy).
        assert!(
            d.reflected_frozen.post.state.pressure > d.reflected_equilibrium.post.state.pressure
        );
        // von Neumann spike: about twice the CJ pressure.
        let vn = cj.von_neumann.post.state.pressure / cj.cj.state.pressure;
        assert!((1.6..2.0).contains(&vn), "{mix}: vN/CJ {vn}");
    }
}

/// Argon has a constant cp = 5/2 R in its NASA fit, so the frozen shock must reproduce the
/// ideal-gas Rankine–Hugoniot ratios with γ = 5/3 (Anderson, Modern Compressible Flow, eqs.
/// 3.53, 3.57) to round-off.
#[test]
fn frozen_shock_in_argon_is_the_ideal_gas_shock() {
    let gas = common::h2o2();
    let s0 = state(&gas, "AR", 300.0, 1e5);
    let a1 = gas.properties(&s0).sound_speed_frozen;
    for mach in [1.5, 3.0, 8.0] {
        let r = post_shock(&gas, &s0, mach * a1, Chemistry::Frozen).unwrap();
        let g = 5.0 / 3.0;
        let m2 = mach * mach;
        let rho = (g + 1.0) * m2 / ((g - 1.0) * m2 + 2.0);
        let p = 1.0 + 2.0 * g / (g + 1.0) * (m2 - 1.0);
        let rho1 = gas.properties(&s0).density;
        assert!(rel(r.post.density / rho1, rho) < 1e-9, "M {mach}");
        assert!(rel(r.post.state.pressure / 1e5, p) < 1e-9, "M {mach}");
        // Reflecting that shock from a wall stops the gas: the stagnant pressure is higher.
        let refl = reflected_shock(&gas, &r.post, r.particle_velocity, Chemistry::Frozen).unwrap();
        assert!(refl.post.state.pressure > r.post.state.pressure);
        assert!(refl.shock_speed > 0.0);
    }
}

/// The analytic equilibrium sound speed equals (Δp/Δρ) between two SP equilibria.
#[test]
fn equilibrium_sound_speed_matches_isentropic_finite_difference() {
    let gas = common::h2o2();
    let s0 = state(&gas, "H2:2,O2:1", 3500.0, 2e6);
    let eq = equilibrate(&gas, &s0, EquilibriumMode::TP).unwrap().state;
    let a = equilibrium_sound_speed(&gas, &eq).unwrap();
    let dp = 1e-4 * eq.pressure;
    let target = gas.properties(&eq).s_mole;
    let side = |sign: f64| {
        // A frozen state at p ± dp with the entropy of `eq` (Newton on T, ds/dT = cp/T), then
        // the SP equilibrium that holds that entropy and pressure.
        let mut s = eq.clone();
        s.pressure += sign * dp;
        for _ in 0..50 {
            let pr = gas.properties(&s);
            let f = pr.s_mole - target;
            if f.abs() < 1e-13 * target.abs() {
                break;
            }
            s.temperature -= f * s.temperature / pr.cp_mole;
        }
        let e = equilibrate(&gas, &s, EquilibriumMode::SP).unwrap().state;
        gas.properties(&e).density
    };
    let a_fd = ((2.0 * dp) / (side(1.0) - side(-1.0))).sqrt();
    assert!(
        rel(a, a_fd) < 1e-6,
        "analytic {a} vs finite difference {a_fd}"
    );
    let a_frozen = gas.properties(&eq).sound_speed_frozen;
    assert!(
        a < a_frozen,
        "equilibrium sound speed must be below the frozen one"
    );
}

/// VALIDATION C10: cell widths of stoichiometric H2–O2 ≈1–2 mm and H2–air ≈8–15 mm (Caltech
/// detonation database). The band A = 10–50 must overlap the measured range and the central
/// estimate must be within a factor 2 of it.
#[test]
fn znd_cell_width_matches_validation_c10() {
    let gas = common::h2o2();
    for (mix, lo, hi) in [
        ("H2:2,O2:1", 1e-3, 2e-3),
        ("H2:2,O2:1,N2:3.76", 8e-3, 15e-3),
    ] {
        let s0 = state(&gas, mix, 298.15, 101_325.0);
        let z = znd(&gas, &s0, None, &ZndOptions::default()).unwrap();
        assert!(z.induction_time > 0.0 && z.induction_length > 0.0);
        assert!(z.exothermic_length > 0.0 && z.exothermic_length < z.induction_length);
        assert!(
            z.end_mach < 1.0 && z.end_mach > 0.7,
            "{mix}: end Mach {}",
            z.end_mach
        );
        let cj = cj_state(&gas, &s0).unwrap();
        assert!(
            rel(z.end_temperature, cj.cj.state.temperature) < 0.02,
            "{mix}: end T"
        );
        let c = cell_width(z.induction_length).unwrap();
        assert!(c.lower <= hi && c.upper >= lo, "{mix}: band {c:?}");
        assert!(
            c.central >= 0.5 * lo && c.central <= 2.0 * hi,
            "{mix}: {c:?}"
        );
    }
}

#[test]
fn vessel_screening_grades() {
    let gas = common::h2o2();
    let bottle = Vessel {
        diameter: 0.1,
        length: 0.3,
    };
    // Stoichiometric H2–O2 in a 2 L bottle: every necessary condition holds.
    let s0 = state(&gas, "H2:2,O2:1", 295.0, 101_325.0);
    let z = znd(&gas, &s0, None, &ZndOptions::default()).unwrap();
    let c = cell_width(z.induction_length).unwrap();
    let a = assess_vessel(&gas, &s0, bottle, Some(&c)).unwrap();
    assert_eq!(a.grade, Grade::Likely, "{a:?}");
    assert_eq!(a.criteria.len(), 4);
    assert!(a.note.contains("screening"));
    // The same mixture in a 0.1 mm capillary: cannot propagate.
    let tiny = Vessel {
        diameter: 1e-4,
        length: 1e-3,
    };
    let a = assess_vessel(&gas, &s0, tiny, Some(&c)).unwrap();
    assert_eq!(a.grade, Grade::NotCredible);
    // 10 % H2 in air is outside the detonability limits: not credible, no size criteria.
    let lean = state(&gas, "H2:0.1,O2:0.189,N2:0.711", 295.0, 101_325.0);
    let a = assess_vessel(&gas, &lean, bottle, None).unwrap();
    assert_eq!(a.grade, Grade::NotCredible);
    assert!(!a.limits.inside);
    assert_eq!(a.criteria.len(), 2);
}

#[test]
fn bad_input_is_a_typed_error() {
    let gas = common::h2o2();
    let s0 = state(&gas, "H2:2,O2:1", 295.0, 101_325.0);
    let e = post_shock(&gas, &s0, 100.0, Chemistry::Frozen).unwrap_err();
    assert!(matches!(e, ChemError::OutOfRange { .. }), "{e}");
    assert!(e.to_string().contains("shock speed"), "{e}");
    let e = post_shock(&gas, &s0, f64::NAN, Chemistry::Equilibrium).unwrap_err();
    assert!(matches!(e, ChemError::OutOfRange { .. }));
    let e = cell_width(-1.0).unwrap_err();
    assert!(e.to_string().contains("induction length"), "{e}");
    let e = assess_vessel(
        &gas,
        &s0,
        Vessel {
            diameter: 0.0,
            length: 1.0,
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("vessel diameter"), "{e}");
    // An inert gas has no CJ state: an error with the residual, never a number.
    let inert = state(&gas, "N2", 295.0, 101_325.0);
    let e = cj_state(&gas, &inert).unwrap_err();
    assert!(
        matches!(
            e,
            ChemError::ShockNotConverged { .. } | ChemError::NonFinite { .. }
        ),
        "{e}"
    );
}

#[test]
fn equilibrium_shock_faster_than_cj_is_an_overdriven_detonation() {
    let gas = common::h2o2();
    let s0 = state(&gas, "H2:2,O2:1", 295.0, 101_325.0);
    let cj = cj_state(&gas, &s0).unwrap();
    let over = post_shock(&gas, &s0, 1.2 * cj.cj_speed, Chemistry::Equilibrium).unwrap();
    assert!(over.post.state.pressure > cj.cj.state.pressure);
    // Behind an overdriven detonation the flow is subsonic relative to the wave.
    assert!(over.relative_speed_behind < over.post.sound_speed);
    assert_eq!(over.post.chemistry, Chemistry::Equilibrium);
}

/// The CJ and reflected iterations converge well beyond the golden grid: H2:O2 0.3–10,
/// H2–air φ 0.4–4, Ar/He/H2O dilution, 0.1–20 bar, 200–500 K.
#[test]
fn cj_and_reflections_converge_over_a_wide_range() {
    let gas = common::h2o2();
    let mixtures = [
        "H2:0.3,O2:1",
        "H2:10,O2:1",
        "H2:0.8,O2:1,N2:3.76",
        "H2:8,O2:1,N2:3.76",
        "H2:2,O2:1,AR:7",
        "H2:2,O2:1,HE:7",
        "H2:2,O2:1,H2O:1",
        "H2:2,O2:1,N2:1",
    ];
    for mix in mixtures {
        for (p, t) in [(1e4, 200.0), (1e5, 300.0), (2e6, 500.0)] {
            let s0 = state(&gas, mix, t, p);
            let d = detonation(&gas, &s0).unwrap_or_else(|e| panic!("{mix} {p} {t}: {e}"));
            assert!(d.cj.sonic_residual.abs() < 1e-8, "{mix} {p} {t}");
            let r = d.reflected_equilibrium.post.state.pressure / d.cj.cj.state.pressure;
            assert!((2.0..3.0).contains(&r), "{mix} {p} {t}: reflected/CJ {r}");
        }
    }
}

/// Air does not react: its equilibrium and frozen shocks at Mach 2 agree closely (only a
/// trace of dissociation at ≈500 K).
#[test]
fn equilibrium_and_frozen_shocks_agree_in_air_at_low_mach() {
    let gas = common::h2o2();
    let s0 = state(&gas, "O2:1,N2:3.76", 300.0, 1e5);
    let u = 2.0 * gas.properties(&s0).sound_speed_frozen;
    let fr = post_shock(&gas, &s0, u, Chemistry::Frozen).unwrap();
    let eq = post_shock(&gas, &s0, u, Chemistry::Equilibrium).unwrap();
    assert!(rel(eq.post.state.pressure, fr.post.state.pressure) < 1e-6);
    assert!(rel(eq.post.state.temperature, fr.post.state.temperature) < 1e-6);
    assert!(rel(eq.post.sound_speed, fr.post.sound_speed) < 1e-4);
}
