//! Detonation cell-width correlations (Westbrook, Gavrikov, Ng) against Cantera 3.2.0 golden
//! data (`tools/golden/make_cell_golden.py`: the SDToolbox `demo_ZND_CJ_cell` procedure written
//! on Cantera with the same mechanism file) and against VALIDATION C10.
//!
//! Tolerances: 0.2 % on the CV times, activation energies, χ and the Westbrook and Ng widths;
//! 0.5 % on the Gavrikov width (10^z amplifies the error of θ_G about fivefold). Measured
//! worst: 2.2e-4 (Gavrikov width), ≤ 1e-4 for the rest (printed with `--nocapture`).

mod common;

use petrocket_chem::detonation::{
    cell_width_by, cell_widths, cj_state, ng_factor, znd, CellKinetics, CellModel, ZndOptions,
};
use petrocket_chem::{ChemError, GasMixture, GasState};

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

fn estimates(gas: &GasMixture, s0: &GasState) -> petrocket_chem::detonation::CellEstimates {
    let cj = cj_state(gas, s0).unwrap();
    let z = znd(gas, s0, Some(cj.cj_speed), &ZndOptions::default()).unwrap();
    cell_widths(gas, s0, &cj, &z).unwrap()
}

#[test]
fn cell_correlations_match_cantera() {
    let g = common::golden("cell_width.json");
    let gas = common::h2o2();
    let cases = g["cases"].as_array().unwrap();
    assert!(cases.len() >= 5);
    let mut worst = [0.0f64; 9];
    for c in cases {
        let x = common::composition(&gas, &c["composition"]);
        let f = |k: &str| c[k].as_f64().unwrap();
        let s0 = gas
            .state_tpx(f("temperature_K"), f("pressure_Pa"), &x)
            .unwrap();
        let e = estimates(&gas, &s0);
        let k = &e.kinetics;
        assert_eq!(k.limiting_species, c["limiting_species"].as_str().unwrap());
        let checks = [
            (
                k.cv_induction_time,
                f("cv_induction_time_s"),
                2e-3,
                "CV induction time",
            ),
            (k.theta, f("theta"), 2e-3, "theta"),
            (
                k.theta_gavrikov,
                f("theta_gavrikov"),
                2e-3,
                "theta Gavrikov",
            ),
            (
                k.gavrikov_length / k.von_neumann_speed,
                f("gavrikov_time_s"),
                2e-3,
                "t_G",
            ),
            (
                k.westbrook_length / k.von_neumann_speed,
                f("westbrook_time_s"),
                2e-3,
                "t_W",
            ),
            (k.chi, f("chi"), 2e-3, "chi"),
            (
                e.westbrook.central,
                f("cell_westbrook_m"),
                2e-3,
                "Westbrook width",
            ),
            (
                e.gavrikov.central,
                f("cell_gavrikov_m"),
                5e-3,
                "Gavrikov width",
            ),
            (e.ng.central, f("cell_ng_m"), 2e-3, "Ng width"),
        ];
        for (i, (a, b, tol, what)) in checks.into_iter().enumerate() {
            let r = rel(a, b);
            worst[i] = worst[i].max(r);
            assert!(
                r < tol,
                "{} {}: {what} {a:.6e} vs Cantera {b:.6e} ({r:.2e})",
                c["mixture"],
                f("pressure_Pa")
            );
        }
    }
    println!("worst relative deviations (tau, theta, theta_G, t_G, t_W, chi, W, G, Ng): {worst:?}");
}

/// VALIDATION C10 (stoichiometric, 1 atm, 298.15 K): H2–O2 ≈1–2 mm, H2–air ≈8–15 mm (Caltech
/// detonation database). Ng and Gavrikov centrals within a factor 1.5 of the measured range,
/// Westbrook's band overlapping it and its central within a factor 2 (as the A·Δ_i estimate).
#[test]
fn cell_correlations_match_validation_c10() {
    let gas = common::h2o2();
    for (mix, lo, hi) in [
        ("H2:2,O2:1", 1e-3, 2e-3),
        ("H2:2,O2:1,N2:3.76", 8e-3, 15e-3),
    ] {
        let x = gas.parse_mole_fractions("mixture", mix).unwrap();
        let s0 = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
        let e = estimates(&gas, &s0);
        println!(
            "{mix}: Westbrook {:.3} mm (band {:.3}-{:.3}), Gavrikov {:.3} mm, Ng {:.3} mm, chi {:.2}, theta {:.2}, theta_G {:.2}",
            e.westbrook.central * 1e3,
            e.westbrook.lower * 1e3,
            e.westbrook.upper * 1e3,
            e.gavrikov.central * 1e3,
            e.ng.central * 1e3,
            e.kinetics.chi,
            e.kinetics.theta,
            e.kinetics.theta_gavrikov
        );
        for m in [CellModel::Gavrikov, CellModel::Ng] {
            let c = e.by(m).central;
            assert!(c >= lo / 1.5 && c <= 1.5 * hi, "{mix}: {} {c}", m.name());
        }
        let w = &e.westbrook;
        assert!(
            w.lower <= hi && w.upper >= lo,
            "{mix}: Westbrook band {w:?}"
        );
        assert!(
            w.central >= 0.5 * lo && w.central <= 2.0 * hi,
            "{mix}: {w:?}"
        );
        let (a, b) = e.spread();
        assert!(a <= b && a > 0.0);
    }
}

#[test]
fn cell_models_parse_and_reject_parameters_outside_the_fits() {
    assert_eq!("Ng".parse::<CellModel>().unwrap(), CellModel::Ng);
    assert_eq!(
        " gavrikov".parse::<CellModel>().unwrap(),
        CellModel::Gavrikov
    );
    let err = "sheldon".parse::<CellModel>().unwrap_err();
    assert!(err.to_string().contains("westbrook, gavrikov, ng"), "{err}");
    // A(chi) of Ng et al. turns negative for chi of the order of 1e4: an error, never a
    // negative width.
    assert!(ng_factor(1e4) < 0.0);
    let k = CellKinetics {
        initial_temperature: 300.0,
        von_neumann_temperature: 1500.0,
        von_neumann_speed: 400.0,
        cj_flow_speed: 1100.0,
        induction_length: 2e-4,
        max_thermicity: 1e7,
        reaction_length: 1e-4,
        cv_induction_time: 5e-7,
        theta: 5e3,
        theta_gavrikov: 5.0,
        limiting_species: "H2",
        gavrikov_length: 2e-4,
        westbrook_length: 2e-4,
        chi: 1e4,
    };
    match cell_width_by(CellModel::Ng, &k) {
        Err(ChemError::OutOfRange { field, value, .. }) => {
            assert!(field.contains("chi"));
            assert!((value - 1e4).abs() < 1e-9);
        }
        other => panic!("expected OutOfRange, got {other:?}"),
    }
    let w = cell_width_by(CellModel::Westbrook, &k).unwrap();
    assert!((w.central - 29.0 * 2e-4).abs() < 1e-12);
}

#[test]
fn gavrikov_length_needs_hydrogen_and_oxygen() {
    let gas = common::h2o2();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    let s0 = gas.state_tpx(295.0, 101_325.0, &x).unwrap();
    let cj = cj_state(&gas, &s0).unwrap();
    let z = znd(&gas, &s0, Some(cj.cj_speed), &ZndOptions::default()).unwrap();
    // Same wave, a composition without O2 handed to the correlations.
    let y = gas.parse_mole_fractions("mixture", "H2:1,N2:1").unwrap();
    let bad = gas.state_tpx(295.0, 101_325.0, &y).unwrap();
    let err = cell_widths(&gas, &bad, &cj, &z).unwrap_err();
    assert!(
        err.to_string().contains("H2 and O2") || err.is_numerical(),
        "{err}"
    );
}
