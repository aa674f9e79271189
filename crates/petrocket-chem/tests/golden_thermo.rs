//! Species and mixture thermodynamics against Cantera 3.2.0 (tools/golden/make_thermo_equilibrium_golden.py).

mod common;
use common::*;
use petrocket_chem::GasState;
use petrocket_units::GAS_CONSTANT as R;

const TOL: f64 = 1e-10;

#[test]
fn species_standard_state_matches_cantera() {
    let g = golden("thermo_h2o2.json");
    let gas = h2o2();
    assert_close(
        "reference pressure",
        gas.reference_pressure(),
        g["reference_pressure_Pa"].as_f64().unwrap(),
        1e-15,
        1.0,
    );
    let mut checked = 0;
    for sp in g["species"].as_array().unwrap() {
        let name = sp["name"].as_str().unwrap();
        let k = gas.species_index(name).unwrap();
        let species = &gas.mechanism().species[k];
        assert_close(
            &format!("{name} molecular weight"),
            species.molecular_weight_kg_per_mol,
            sp["molecular_weight_kg_per_mol"].as_f64().unwrap(),
            1e-14,
            0.0,
        );
        let temps = sp["T_K"].as_array().unwrap();
        for (i, t) in temps.iter().enumerate() {
            let t = t.as_f64().unwrap();
            let p = species.thermo.eval(t);
            // Enthalpy and Gibbs energy cross zero: compare relative to R·T.
            let floor = R * t;
            assert_close(
                &format!("{name} cp({t})"),
                R * p.cp_r,
                sp["cp_J_per_mol_K"][i].as_f64().unwrap(),
                TOL,
                R,
            );
            assert_close(
                &format!("{name} h({t})"),
                R * t * p.h_rt,
                sp["h_J_per_mol"][i].as_f64().unwrap(),
                TOL,
                floor,
            );
            assert_close(
                &format!("{name} s({t})"),
                R * p.s_r,
                sp["s_J_per_mol_K"][i].as_f64().unwrap(),
                TOL,
                R,
            );
            assert_close(
                &format!("{name} g({t})"),
                R * t * p.g_rt(),
                sp["g_J_per_mol"][i].as_f64().unwrap(),
                TOL,
                floor,
            );
            checked += 1;
        }
    }
    assert!(checked >= 11 * 20, "only {checked} points checked");
}

#[test]
fn mixture_properties_match_cantera() {
    let g = golden("thermo_h2o2.json");
    let gas = h2o2();
    let mixtures = g["mixtures"].as_array().unwrap();
    assert!(mixtures.len() >= 15);
    for m in mixtures {
        let t = m["T_K"].as_f64().unwrap();
        let p = m["P_Pa"].as_f64().unwrap();
        let x = composition(&gas, &m["X"]);
        let state: GasState = gas.state_tpx(t, p, &x).unwrap();
        let props = gas.properties(&state);
        let id = format!("{} at {t} K, {p} Pa", m["X"]);
        let energy_floor = R * t;
        let mw = props.mean_molecular_weight;
        let checks = [
            ("mean_molecular_weight_kg_per_mol", mw, 0.0),
            ("density_kg_m3", props.density, 0.0),
            ("cp_mole_J_per_mol_K", props.cp_mole, R),
            ("cv_mole_J_per_mol_K", props.cv_mole, R),
            ("h_mole_J_per_mol", props.h_mole, energy_floor),
            ("u_mole_J_per_mol", props.u_mole, energy_floor),
            ("s_mole_J_per_mol_K", props.s_mole, R),
            ("g_mole_J_per_mol", props.g_mole, energy_floor),
            ("cp_mass_J_per_kg_K", props.cp_mass(), R / mw),
            ("cv_mass_J_per_kg_K", props.cv_mass(), R / mw),
            ("h_mass_J_per_kg", props.h_mass(), energy_floor / mw),
            ("u_mass_J_per_kg", props.u_mass(), energy_floor / mw),
            ("s_mass_J_per_kg_K", props.s_mass(), R / mw),
            ("g_mass_J_per_kg", props.g_mass(), energy_floor / mw),
            ("sound_speed_frozen_m_s", props.sound_speed_frozen, 0.0),
        ];
        for (key, ours, floor) in checks {
            assert_close(
                &format!("{key} for {id}"),
                ours,
                m[key].as_f64().unwrap(),
                TOL,
                floor,
            );
        }
        let y = gas.mass_fractions(&state.mole_fractions);
        for (name, yk) in gas.named(&y) {
            assert_close(
                &format!("Y[{name}] for {id}"),
                yk,
                m["Y"][name].as_f64().unwrap(),
                TOL,
                1e-300,
            );
        }
        // Round trip mass → mole fractions.
        let back = gas.mole_fractions_from_mass(&y);
        for (a, b) in back.iter().zip(&state.mole_fractions) {
            assert!((a - b).abs() <= 1e-15, "mass/mole round trip {a} vs {b}");
        }
    }
}

#[test]
fn state_setters_invert_properties() {
    let gas = h2o2();
    let x = gas
        .parse_mole_fractions("mixture", "H2:2,O2:1,N2:0.5")
        .unwrap();
    for &(t, p) in &[
        (250.0, 5e4),
        (300.0, 101_325.0),
        (1500.0, 2e6),
        (3200.0, 1e7),
    ] {
        let s = gas.state_tpx(t, p, &x).unwrap();
        let pr = gas.properties(&s);
        let y = gas.mass_fractions(&s.mole_fractions);
        let v = 1.0 / pr.density;
        let uv = gas.state_uvy(pr.u_mass(), v, &y).unwrap();
        let hp = gas.state_hpy(pr.h_mass(), p, &y).unwrap();
        let sv = gas.state_svy(pr.s_mass(), v, &y).unwrap();
        let tr = gas.state_trhoy(t, pr.density, &y).unwrap();
        for (name, st) in [("UV", &uv), ("HP", &hp), ("SV", &sv), ("TRhoY", &tr)] {
            assert_close(
                &format!("{name} temperature"),
                st.temperature,
                t,
                1e-11,
                0.0,
            );
            assert_close(&format!("{name} pressure"), st.pressure, p, 1e-10, 0.0);
        }
    }
}
