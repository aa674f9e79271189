//! Equilibrium against Cantera 3.2.0 over the full golden grid: H2:O2 from 0.1 to 20, with
//! N2/Ar/He/H2O diluents and H2–air, T0 200–1000 K, P0 0.1–100 bar, modes TP/HP/UV/SV.
//! Tolerances (issue #2): T and P to 1e-5 relative, mole fractions above 1e-6 to 1e-4.

mod common;
use common::*;
use petrocket_chem::{equilibrate, EquilibriumMode};

#[test]
fn every_golden_case_matches_cantera() {
    let g = golden("equilibrium_h2o2.json");
    let gas = h2o2();
    let cases = g["cases"].as_array().unwrap();
    assert!(
        cases.len() > 1000,
        "golden grid has only {} cases",
        cases.len()
    );
    assert!(g["failed_cases"].as_array().unwrap().is_empty());
    let mut failures = Vec::new();
    let (mut worst_t, mut worst_x) = (0.0f64, 0.0f64);
    let mut iterations = 0usize;
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let mode: EquilibriumMode = c["mode"].as_str().unwrap().parse().unwrap();
        let x0 = composition(&gas, &c["X0"]);
        let fresh = gas
            .state_tpx(
                c["T0_K"].as_f64().unwrap(),
                c["P0_Pa"].as_f64().unwrap(),
                &x0,
            )
            .unwrap();
        let r = match equilibrate(&gas, &fresh, mode) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        iterations += r.iterations;
        let et = rel(r.state.temperature, c["T_K"].as_f64().unwrap(), 0.0);
        let ep = rel(r.state.pressure, c["P_Pa"].as_f64().unwrap(), 0.0);
        worst_t = worst_t.max(et).max(ep);
        if et > 1e-5 || ep > 1e-5 {
            failures.push(format!(
                "{id}: T {} vs {}, P {} vs {}",
                r.state.temperature, c["T_K"], r.state.pressure, c["P_Pa"]
            ));
        }
        for (name, xk) in gas.named(&r.state.mole_fractions) {
            let expect = c["X"][name].as_f64().unwrap();
            if expect > 1e-6 {
                let e = rel(xk, expect, 0.0);
                worst_x = worst_x.max(e);
                if e > 1e-4 {
                    failures.push(format!("{id}: X[{name}] {xk} vs {expect}"));
                }
            }
        }
        assert!(
            r.element_residual < 1e-12,
            "{id}: element residual {}",
            r.element_residual
        );
    }
    eprintln!(
        "{} cases, worst T/P relative error {worst_t:.2e}, worst X relative error {worst_x:.2e}, {iterations} Newton iterations",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
