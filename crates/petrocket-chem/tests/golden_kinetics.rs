//! Rate constants, equilibrium constants, rates of progress, production rates and heat-release
//! rates against Cantera 3.2.0 (tests/golden/kinetics_rates.json, made by
//! tools/golden/make_kinetics_golden.py) for the bundled H2/O2 mechanism and GRI-Mech 3.0, at
//! states sampled from ignition trajectories (every species present, falloff regimes covered),
//! and for tests/data/kinetics_features.yaml, a synthetic mechanism with one reaction of every
//! supported rate type (PLOG with summed duplicate pressures, Chebyshev, SRI, Tsang, 3-parameter
//! Troe, chemically-activated, explicit collider, explicit and fractional orders, negative A).
//! Agreement: 1e-9 relative; net quantities (which cancel) relative to their gross magnitude.

mod common;

use petrocket_chem::thermo::ThermoPoint;
use petrocket_chem::{GasMixture, Kinetics};
use petrocket_units::GAS_CONSTANT;
use serde_json::Value;

const RTOL: f64 = 1e-9;

fn vec_of(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn check(what: &str, ours: f64, theirs: f64, scale: f64) {
    let tol = RTOL * theirs.abs().max(scale);
    assert!(
        (ours - theirs).abs() <= tol,
        "{what}: ours {ours:e}, Cantera {theirs:e}, |diff| {:e} > {tol:e}",
        (ours - theirs).abs()
    );
}

#[test]
fn rates_match_cantera() {
    let golden = common::golden("kinetics_rates.json");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut n_checked = 0usize;
    for mech in golden["mechanisms"].as_array().unwrap() {
        let path = format!("{root}/{}", mech["mechanism"].as_str().unwrap());
        let gas = GasMixture::load(&path).unwrap();
        let names: Vec<&str> = gas.species_names().collect();
        let golden_names: Vec<&str> = mech["species_order"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(names, golden_names, "species order");
        let kin = Kinetics::new(&gas).unwrap();
        let reactions = mech["reactions"].as_array().unwrap();
        assert_eq!(kin.n_reactions(), reactions.len(), "reaction count");
        for state in mech["states"].as_array().unwrap() {
            let id = format!("{}/{}", mech["key"], state["id"]);
            let x = vec_of(&state["X"]);
            let s = gas
                .state_tpx(
                    state["T_K"].as_f64().unwrap(),
                    state["P_Pa"].as_f64().unwrap(),
                    &x,
                )
                .unwrap();
            let r = kin.evaluate(&s).unwrap();
            let kf = vec_of(&state["kf"]);
            let kr = vec_of(&state["kr"]);
            let kc = vec_of(&state["Kc"]);
            let rop_f = vec_of(&state["rop_f"]);
            let rop_r = vec_of(&state["rop_r"]);
            let rop_net = vec_of(&state["rop_net"]);
            for i in 0..kin.n_reactions() {
                let eq = reactions[i]["equation"].as_str().unwrap();
                let w = |q: &str| format!("{id} reaction {i} '{eq}' {q}");
                check(&w("kf"), r.forward_rate_constants[i], kf[i], 0.0);
                check(&w("kr"), r.reverse_rate_constants[i], kr[i], 0.0);
                check(&w("Kc"), r.equilibrium_constants[i], kc[i], 0.0);
                check(&w("rop_f"), r.forward_rates_of_progress[i], rop_f[i], 0.0);
                check(&w("rop_r"), r.reverse_rates_of_progress[i], rop_r[i], 0.0);
                check(
                    &w("rop_net"),
                    r.net_rates_of_progress[i],
                    rop_net[i],
                    rop_f[i].abs() + rop_r[i].abs(),
                );
                n_checked += 6;
            }
            // Gross creation + destruction rate of each species scales the net-rate check.
            let wdot = vec_of(&state["wdot"]);
            let mut gross = vec![0.0; gas.n_species()];
            for (i, rx) in reactions.iter().enumerate() {
                let q = rop_f[i].abs() + rop_r[i].abs();
                for side in ["reactant_orders", "product_stoich"] {
                    for (name, nu) in rx[side].as_object().unwrap() {
                        let k = gas.species_index(name).unwrap();
                        gross[k] += nu.as_f64().unwrap().abs() * q;
                    }
                }
                // Explicit colliders (Cantera's reading of "A + B + O2 <=> AB + O2").
                if let Some(c) = rx["third_body"].as_str().filter(|c| *c != "M") {
                    if let Some(k) = gas.species_index(c) {
                        gross[k] += 2.0 * q;
                    }
                }
            }
            for k in 0..gas.n_species() {
                check(
                    &format!("{id} wdot[{}]", names[k]),
                    r.net_production_rates[k],
                    wdot[k],
                    gross[k],
                );
            }
            let hrr = state["heat_release_rate_W_m3"].as_f64().unwrap();
            let mut pts = vec![Default::default(); gas.n_species()];
            gas.thermo_at(s.temperature, &mut pts);
            let h_scale: f64 = pts
                .iter()
                .zip(&gross)
                .map(|(p, g): (&ThermoPoint, &f64)| {
                    (p.h_rt * GAS_CONSTANT * s.temperature).abs() * g
                })
                .sum();
            check(
                &format!("{id} heat release"),
                r.heat_release_rate,
                hrr,
                h_scale,
            );
            n_checked += gas.n_species() + 1;
        }
    }
    assert!(n_checked > 5000, "only {n_checked} values checked");
}
