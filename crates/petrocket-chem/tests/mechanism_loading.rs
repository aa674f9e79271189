//! Loading Cantera YAML mechanisms: the bundled `h2o2`, third-party files (GRI-Mech 3.0,
//! Alzueta 2023), every supported input feature as small inline YAML, and the errors for
//! input we cannot use, each of which must name the culprit.

use petrocket_chem::mechanism::{Arrhenius, FalloffForm, RateModel, Reaction, ThirdBody};
use petrocket_chem::thermo::SpeciesThermo;
use petrocket_chem::{ChemError, GasMixture, Mechanism};
use petrocket_units::GAS_CONSTANT as R;

/// 1 cal in J (thermochemical calorie, Cantera's `cal`).
const CAL: f64 = 4.184;

#[track_caller]
fn close(what: &str, got: f64, expected: f64, rtol: f64) {
    let err = (got - expected).abs() / expected.abs().max(1e-300);
    assert!(
        err <= rtol,
        "{what}: got {got:e}, expected {expected:e} (relative error {err:.2e} > {rtol:.0e})"
    );
}

#[track_caller]
fn arrhenius(what: &str, got: &Arrhenius, a: f64, b: f64, ea_j_per_mol: f64) {
    close(&format!("{what} A"), got.a, a, 1e-14);
    assert!(
        (got.b - b).abs() <= 1e-15,
        "{what} b: got {}, expected {b}",
        got.b
    );
    if ea_j_per_mol == 0.0 {
        assert!(
            got.ea_j_per_mol.abs() <= 0.0,
            "{what} Ea: got {}, expected 0",
            got.ea_j_per_mol
        );
    } else {
        close(&format!("{what} Ea"), got.ea_j_per_mol, ea_j_per_mol, 1e-14);
    }
}

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn reaction<'a>(m: &'a Mechanism, equation: &str) -> &'a Reaction {
    m.reactions
        .iter()
        .find(|r| r.equation == equation)
        .unwrap_or_else(|| panic!("no reaction '{equation}' in {}", m.source))
}

fn idx(m: &Mechanism, name: &str) -> usize {
    m.species_index(name)
        .unwrap_or_else(|| panic!("no species {name}"))
}

/// Counts of (elementary, three-body, falloff, chemically-activated, PLOG, Chebyshev).
fn type_counts(m: &Mechanism) -> [usize; 6] {
    let mut c = [0; 6];
    for r in &m.reactions {
        let i = match r.rate {
            RateModel::Elementary(_) => 0,
            RateModel::ThreeBody { .. } => 1,
            RateModel::Falloff { .. } => 2,
            RateModel::ChemicallyActivated { .. } => 3,
            RateModel::Plog(_) => 4,
            RateModel::Chebyshev { .. } => 5,
        };
        c[i] += 1;
    }
    c
}

// ---------------------------------------------------------------------------------------------
// The bundled mechanism
// ---------------------------------------------------------------------------------------------

#[test]
fn bundled_h2o2_has_the_declared_elements_species_and_reactions() {
    let m = Mechanism::bundled("h2o2").unwrap();
    assert_eq!(m.source, "bundled:h2o2");
    assert_eq!(m.phase, "ohmech");
    let elements: Vec<&str> = m.elements.iter().map(|e| e.symbol.as_str()).collect();
    assert_eq!(elements, ["O", "H", "Ar", "N", "He"]);
    let species: Vec<&str> = m.species.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        species,
        ["H2", "H", "O", "O2", "OH", "H2O", "HO2", "H2O2", "AR", "N2", "HE"]
    );
    assert_eq!(m.kinetics_model.as_deref(), Some("gas"));
    assert_eq!(m.transport_model.as_deref(), Some("mixture-averaged"));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    assert!(m
        .description
        .as_deref()
        .unwrap_or("")
        .contains("GRI-Mech 3.0"));

    // 29 reactions: 23 elementary, 5 three-body, 1 Troe falloff; 3 duplicate pairs.
    assert_eq!(m.reactions.len(), 29);
    assert_eq!(type_counts(&m), [23, 5, 1, 0, 0, 0]);
    assert!(m
        .reactions
        .iter()
        .all(|r| r.reversible && r.orders.is_empty()));
    let duplicates: Vec<&str> = m
        .reactions
        .iter()
        .filter(|r| r.duplicate)
        .map(|r| r.equation.as_str())
        .collect();
    assert_eq!(duplicates.len(), 6, "{duplicates:?}");
    for eq in &duplicates {
        let n = duplicates.iter().filter(|e| e == &eq).count();
        assert_eq!(n, 2, "duplicate '{eq}' should appear exactly twice");
    }

    // Composition and molecular weight of water: 2·1.008 + 15.999 g/mol.
    let h2o = &m.species[idx(&m, "H2O")];
    close("W(H2O)", h2o.molecular_weight_kg_per_mol, 18.015e-3, 1e-14);
    let mut comp = h2o.composition.clone();
    comp.sort_by_key(|&(e, _)| e);
    assert_eq!(comp, vec![(0, 1.0), (1, 2.0)]);
    // Transport data are carried along.
    let h2 = m.species[idx(&m, "H2")]
        .transport
        .as_ref()
        .expect("H2 transport");
    assert_eq!(h2.geometry, "linear");
    close("H2 well depth", h2.well_depth_k, 38.0, 1e-15);
}

#[test]
fn bundled_mechanism_is_found_by_load_and_case_insensitively() {
    let a = Mechanism::bundled("h2o2").unwrap();
    for name in ["h2o2", "H2O2"] {
        let b = Mechanism::load(name).unwrap();
        assert_eq!(b.source, "bundled:h2o2", "{name}");
        assert_eq!(b.species, a.species, "{name}");
        assert_eq!(b.reactions, a.reactions, "{name}");
    }
    let gas = GasMixture::load("h2o2").unwrap();
    assert_eq!(gas.n_species(), 11);
    assert_eq!(gas.n_elements(), 5);
}

#[test]
fn bundled_h2o2_rates_are_converted_from_cm_mol_cal_to_si() {
    let m = Mechanism::bundled("h2o2").unwrap();

    // Elementary, bimolecular: A [cm³/mol/s] × 1e-6 → m³/mol/s; Ea [cal/mol] × 4.184 → J/mol.
    let r = reaction(&m, "O + H2 <=> H + OH");
    assert_eq!(r.reactants, vec![(idx(&m, "O"), 1.0), (idx(&m, "H2"), 1.0)]);
    assert_eq!(r.products, vec![(idx(&m, "H"), 1.0), (idx(&m, "OH"), 1.0)]);
    let RateModel::Elementary(k) = &r.rate else {
        panic!("{:?}", r.rate)
    };
    arrhenius("O + H2", k, 3.87e4 * 1e-6, 2.7, 6260.0 * CAL);

    // Elementary, termolecular: cm⁶/mol²/s × 1e-12.
    let RateModel::Elementary(k) = &reaction(&m, "H + 2 O2 <=> HO2 + O2").rate else {
        panic!()
    };
    arrhenius("H + 2 O2", k, 2.08e19 * 1e-12, -1.24, 0.0);

    // Negative activation energy.
    let RateModel::Elementary(k) = &reaction(&m, "2 OH <=> O + H2O").rate else {
        panic!()
    };
    arrhenius("2 OH", k, 3.57e4 * 1e-6, 2.4, -2110.0 * CAL);

    // Three-body 2 O + M: order 2 + 1 for [M] → cm⁶/mol²/s × 1e-12, with efficiencies.
    let r = reaction(&m, "2 O + M <=> O2 + M");
    assert_eq!(r.reactants, vec![(idx(&m, "O"), 2.0)]);
    let RateModel::ThreeBody { rate, third_body } = &r.rate else {
        panic!("{:?}", r.rate)
    };
    arrhenius("2 O + M", rate, 1.2e17 * 1e-12, -1.0, 0.0);
    let ThirdBody::Mixture {
        efficiencies,
        default_efficiency,
    } = third_body
    else {
        panic!("{third_body:?}")
    };
    close("default efficiency", *default_efficiency, 1.0, 0.0);
    let mut eff = efficiencies.clone();
    eff.sort_by_key(|&(k, _)| k);
    let mut expected = vec![
        (idx(&m, "H2"), 2.4),
        (idx(&m, "H2O"), 15.4),
        (idx(&m, "AR"), 0.83),
    ];
    expected.sort_by_key(|&(k, _)| k);
    assert_eq!(eff, expected);

    // Zero efficiencies are kept (they switch colliders off).
    let RateModel::ThreeBody {
        third_body: ThirdBody::Mixture { efficiencies, .. },
        ..
    } = &reaction(&m, "H + O2 + M <=> HO2 + M").rate
    else {
        panic!()
    };
    assert_eq!(efficiencies.len(), 4);
    assert!(efficiencies.iter().all(|&(_, e)| e == 0.0));

    // Falloff 2 OH (+M): k0 of order n + 1 = 3, k∞ of order n = 2; Troe with 4 parameters.
    let r = reaction(&m, "2 OH (+M) <=> H2O2 (+M)");
    let RateModel::Falloff {
        low,
        high,
        form,
        third_body,
    } = &r.rate
    else {
        panic!("{:?}", r.rate)
    };
    arrhenius("2 OH (+M) low", low, 2.3e18 * 1e-12, -0.9, -1700.0 * CAL);
    arrhenius("2 OH (+M) high", high, 7.4e13 * 1e-6, -0.37, 0.0);
    let FalloffForm::Troe { a, t3, t1, t2 } = *form else {
        panic!("{form:?}")
    };
    close("Troe A", a, 0.7346, 1e-15);
    close("Troe T3", t3, 94.0, 1e-15);
    close("Troe T1", t1, 1756.0, 1e-15);
    close("Troe T2", t2.expect("T2 given"), 5182.0, 1e-15);
    let ThirdBody::Mixture { efficiencies, .. } = third_body else {
        panic!("{third_body:?}")
    };
    assert_eq!(efficiencies.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Third-party mechanisms
// ---------------------------------------------------------------------------------------------

#[test]
fn gri30_loads() {
    let m = Mechanism::from_file(data_file("gri30.yaml"), None).unwrap();
    assert_eq!(m.phase, "gri30");
    let elements: Vec<&str> = m.elements.iter().map(|e| e.symbol.as_str()).collect();
    assert_eq!(elements, ["O", "H", "C", "N", "Ar"]);
    assert_eq!(m.species.len(), 53);
    assert_eq!(m.reactions.len(), 325);
    // 29 falloff (26 Troe, 3 Lindemann), 12 three-body, 16 irreversible, 6 duplicates.
    assert_eq!(type_counts(&m), [284, 12, 29, 0, 0, 0]);
    let troe = m
        .reactions
        .iter()
        .filter(|r| {
            matches!(
                r.rate,
                RateModel::Falloff {
                    form: FalloffForm::Troe { .. },
                    ..
                }
            )
        })
        .count();
    assert_eq!(troe, 26);
    assert_eq!(m.reactions.iter().filter(|r| !r.reversible).count(), 16);
    assert_eq!(m.reactions.iter().filter(|r| r.duplicate).count(), 6);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);

    // The file is in cm/mol/cal like h2o2.yaml: spot-check one rate.
    let RateModel::Elementary(k) = &reaction(&m, "O + CH4 <=> OH + CH3").rate else {
        panic!()
    };
    arrhenius("O + CH4", k, 1.02e9 * 1e-6, 1.5, 8600.0 * CAL);
    // A loaded third-party mechanism makes a usable mixture.
    let gas = GasMixture::new(m).unwrap();
    let x = gas
        .parse_mole_fractions("mixture", "CH4:1, O2:2, N2:7.52")
        .unwrap();
    assert!(gas.state_tpx(300.0, 1e5, &x).is_ok());
}

#[test]
fn alzueta_2023_loads_with_plog_helium_and_phase_selection() {
    let path = data_file("ammonia-CO-H2-Alzueta-2023.yaml");
    let first = Mechanism::from_file(&path, None).unwrap();
    let named = Mechanism::from_file(&path, Some("baseline")).unwrap();
    assert_eq!(first.phase, "baseline");
    assert_eq!(named.phase, "baseline");
    assert_eq!(first.reactions, named.reactions);

    let m = named;
    let elements: Vec<&str> = m.elements.iter().map(|e| e.symbol.as_str()).collect();
    assert_eq!(elements, ["O", "H", "C", "N", "He", "Ar"]);
    assert_eq!(m.species.len(), 42);
    let he = &m.species[idx(&m, "HE")];
    close("W(HE)", he.molecular_weight_kg_per_mol, 4.002602e-3, 1e-14);
    // Sections `baseline-pdep-reactions` (6) and `common-reactions` (275).
    assert_eq!(m.reactions.len(), 281);
    assert_eq!(type_counts(&m), [239, 8, 23, 0, 11, 0]);
    assert_eq!(m.reactions.iter().filter(|r| !r.reversible).count(), 3);
    assert_eq!(m.reactions.iter().filter(|r| r.duplicate).count(), 26);
    // Helium appears as a collider with its own efficiency.
    let k_he = idx(&m, "HE");
    assert!(m.reactions.iter().any(|r| matches!(
        &r.rate,
        RateModel::Falloff { third_body: ThirdBody::Mixture { efficiencies, .. }, .. }
            if efficiencies.iter().any(|&(k, e)| k == k_he && (e - 1.3).abs() < 1e-15)
    )));

    // Every PLOG table is sorted by pressure, with pressures in Pa.
    for r in &m.reactions {
        if let RateModel::Plog(rates) = &r.rate {
            assert!(rates.windows(2).all(|w| w[0].0 <= w[1].0), "{}", r.equation);
            assert!(rates.iter().all(|(p, _)| *p > 0.0), "{}", r.equation);
        }
    }
    // One PLOG entry in detail: first table entry P = 0.01315 atm, bimolecular cm³/mol/s.
    let plog = m
        .reactions
        .iter()
        .find_map(|r| match &r.rate {
            RateModel::Plog(rates) if (rates[0].0 - 0.01315 * 101_325.0).abs() < 1e-9 => {
                Some(rates)
            }
            _ => None,
        })
        .expect("PLOG reaction starting at 0.01315 atm");
    assert_eq!(plog.len(), 5);
    arrhenius("PLOG[0]", &plog[0].1, 2.1e5 * 1e-6, 1.9, -1064.0 * CAL);
    close("PLOG P[4]", plog[4].0, 131.58 * 101_325.0, 1e-14);

    // The second phase uses `linear-Burke` reactions, which are not supported: the error
    // names the type and the reaction.
    let err = Mechanism::from_file(&path, Some("linear-Burke")).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ChemError::Mechanism { .. }), "{err:?}");
    assert!(
        msg.contains("'linear-Burke'") && msg.contains("H + OH (+M) <=> H2O (+M)"),
        "{msg}"
    );

    // An unknown phase name lists the phases.
    let msg = Mechanism::from_file(&path, Some("nope"))
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("'nope'") && msg.contains("baseline") && msg.contains("linear-Burke"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// Inline YAML: every supported feature
// ---------------------------------------------------------------------------------------------

/// Species with trivial thermo used by the reaction snippets (H2O with its formation enthalpy,
/// which the load-time heat-release check requires).
const SPECIES: &str = "
species:
- name: H2
  composition: {H: 2}
  thermo: {model: constant-cp}
- name: H
  composition: {H: 1}
  thermo: {model: constant-cp}
- name: O
  composition: {O: 1}
  thermo: {model: constant-cp}
- name: O2
  composition: {O: 2}
  thermo: {model: constant-cp}
- name: OH
  composition: {H: 1, O: 1}
  thermo: {model: constant-cp}
- name: H2O
  composition: {H: 2, O: 1}
  thermo: {model: constant-cp, h0: -241.826 kJ/mol}
- name: HO2
  composition: {H: 1, O: 2}
  thermo: {model: constant-cp}
- name: H2O2
  composition: {H: 2, O: 2}
  thermo: {model: constant-cp}
- name: AR
  composition: {Ar: 1}
  thermo: {model: constant-cp}
- name: N2
  composition: {N: 2}
  thermo: {model: constant-cp}
";

/// A complete mechanism: `units` line (may be empty), extra phase keys, reaction list.
fn mech_text(units: &str, phase_extra: &str, reactions: &str) -> String {
    format!(
        "{units}
phases:
- name: gas
  thermo: ideal-gas
  elements: [H, O, Ar, N]
  species: [H2, H, O, O2, OH, H2O, HO2, H2O2, AR, N2]
  kinetics: gas
{phase_extra}
{SPECIES}
reactions:
{reactions}
"
    )
}

fn load(text: &str) -> Mechanism {
    Mechanism::from_yaml_str(text, "<test>", None)
        .unwrap_or_else(|e| panic!("{e}\n--- YAML ---\n{text}"))
}

fn load_err(text: &str) -> (ChemError, String) {
    let e = Mechanism::from_yaml_str(text, "<test>", None).expect_err("should fail");
    let msg = e.to_string();
    (e, msg)
}

const CGS: &str = "units: {length: cm, quantity: mol, activation-energy: cal/mol}";

#[test]
fn inline_units_on_values_override_the_file_units() {
    let m = load(&mech_text(
        CGS,
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: {A: 1.0e13 cm^3/mol/s, b: 0, Ea: 10 kcal/mol}
- equation: H + O2 <=> O + OH
  rate-constant: {A: 2.0e-10 m^3/mol/s, b: 0.5, Ea: 1.0 eV}
- equation: H + OH + M <=> H2O + M
  type: three-body
  rate-constant: {A: 1.0e-3 m^6/kmol^2/s, b: -2, Ea: 5 kJ/mol}",
    ));
    let RateModel::Elementary(k) = &m.reactions[0].rate else {
        panic!()
    };
    arrhenius(
        "inline cm^3/mol/s, kcal/mol",
        k,
        1e13 * 1e-6,
        0.0,
        10.0 * 1e3 * CAL,
    );
    let RateModel::Elementary(k) = &m.reactions[1].rate else {
        panic!()
    };
    // eV per molecule × N_A → J/mol.
    arrhenius(
        "inline m^3/mol/s, eV",
        k,
        2e-10,
        0.5,
        1.602_176_634e-19 * 6.022_140_76e23,
    );
    let RateModel::ThreeBody { rate, .. } = &m.reactions[2].rate else {
        panic!()
    };
    arrhenius("inline m^6/kmol^2/s, kJ/mol", rate, 1e-3 * 1e-6, -2.0, 5e3);

    // A rate constant whose inline units do not fit the reaction order is an error.
    let (_, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: {A: 1.0e13 cm^6/mol^2/s, b: 0, Ea: 0}",
    ));
    assert!(
        msg.contains("O + H2 <=> H + OH") && msg.contains("cm^6/mol^2/s"),
        "{msg}"
    );
}

#[test]
fn activation_energy_in_kelvin() {
    let m = load(&mech_text(
        "units: {length: cm, quantity: mol, activation-energy: K}",
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: {A: 3.87e+04, b: 2.7, Ea: 3150.0}",
    ));
    let RateModel::Elementary(k) = &m.reactions[0].rate else {
        panic!()
    };
    arrhenius("Ea in K", k, 3.87e4 * 1e-6, 2.7, 3150.0 * R);
}

#[test]
fn default_units_are_m_kmol_j_per_kmol() {
    // Without a `units` block Cantera uses m, s, kmol, J/kmol: convert to mol.
    let m = load(&mech_text(
        "",
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: {A: 3.87e+10, b: 2.7, Ea: 2.6e+07}
- equation: 2 O + M <=> O2 + M
  type: three-body
  rate-constant: {A: 1.2e+11, b: -1.0, Ea: 0}
- equation: H2O2 => 2 OH
  rate-constant: {A: 1.0e+14, b: 0, Ea: 1.0e+08}",
    ));
    let RateModel::Elementary(k) = &m.reactions[0].rate else {
        panic!()
    };
    arrhenius(
        "bimolecular m^3/kmol/s",
        k,
        3.87e10 * 1e-3,
        2.7,
        2.6e7 * 1e-3,
    );
    let RateModel::ThreeBody { rate, .. } = &m.reactions[1].rate else {
        panic!()
    };
    arrhenius("termolecular m^6/kmol^2/s", rate, 1.2e11 * 1e-6, -1.0, 0.0);
    let RateModel::Elementary(k) = &m.reactions[2].rate else {
        panic!()
    };
    arrhenius("unimolecular 1/s", k, 1e14, 0.0, 1e8 * 1e-3);
}

#[test]
fn irreversible_reactions_orders_and_negative_a() {
    let m = load(&mech_text(
        CGS,
        "",
        "
- equation: 2 H2 + O2 => 2 H2O
  rate-constant: {A: 1.0e+13, b: 0, Ea: 0}
  orders: {H2: 1.0, O2: 1.0}
- equation: H + O2 <=> O + OH
  rate-constant: {A: -1.0e+12, b: 0, Ea: 0}
  negative-A: true
- equation: H2O2 => OH + OH
  rate-constant: {A: 1.0e+12, b: 0, Ea: 0}
  orders: {H2O2: 1.0, H2O: -0.5}
  negative-orders: true",
    ));
    let r = &m.reactions[0];
    assert!(!r.reversible);
    assert_eq!(
        r.reactants,
        vec![(idx(&m, "H2"), 2.0), (idx(&m, "O2"), 1.0)]
    );
    assert_eq!(r.orders, vec![(idx(&m, "H2"), 1.0), (idx(&m, "O2"), 1.0)]);
    // Explicit orders sum to 2 (stoichiometric would be 3): A in cm³/mol/s.
    let RateModel::Elementary(k) = &r.rate else {
        panic!()
    };
    arrhenius("orders", k, 1e13 * 1e-6, 0.0, 0.0);

    assert!(m.reactions[1].reversible);
    let RateModel::Elementary(k) = &m.reactions[1].rate else {
        panic!()
    };
    arrhenius("negative-A", k, -1e12 * 1e-6, 0.0, 0.0);

    // 2 OH products are merged; orders 1 − 0.5 = 0.5 → (cm³/mol)^(−0.5)/s.
    let r = &m.reactions[2];
    assert_eq!(r.products, vec![(idx(&m, "OH"), 2.0)]);
    let RateModel::Elementary(k) = &r.rate else {
        panic!()
    };
    arrhenius("negative order", k, 1e12 * (1e-6f64).powf(-0.5), 0.0, 0.0);

    // Without the flags both are errors that name the flag.
    let (_, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: H + O2 <=> O + OH
  rate-constant: {A: -1.0e+12, b: 0, Ea: 0}",
    ));
    assert!(
        msg.contains("negative-A") && msg.contains("H + O2 <=> O + OH"),
        "{msg}"
    );
    let (_, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: H2O2 => OH + OH
  rate-constant: {A: 1.0e+12, b: 0, Ea: 0}
  orders: {H2O: -0.5}",
    ));
    assert!(
        msg.contains("negative-orders") && msg.contains("H2O"),
        "{msg}"
    );
}

#[test]
fn chebyshev_rate_is_shifted_to_si() {
    let text = |units: &str| {
        mech_text(
            units,
            "",
            "
- equation: H + O2 <=> O + OH
  type: Chebyshev
  temperature-range: [290.0, 3000.0]
  pressure-range: [0.0098692326671601278 atm, 98.692326671601279 atm]
  data:
  - [8.2883, -1.1397, -0.12059, 0.016034]
  - [1.9764, 1.0037, 7.2865e-03, -0.030432]
  - [0.3177, 0.26889, 0.094806, -7.6385e-03]",
        )
    };
    for (units, shift) in [(CGS, -6.0), ("", -3.0)] {
        let m = load(&text(units));
        let RateModel::Chebyshev {
            t_range,
            p_range,
            coeffs,
        } = &m.reactions[0].rate
        else {
            panic!()
        };
        close("Tmin", t_range.0, 290.0, 1e-15);
        close("Tmax", t_range.1, 3000.0, 1e-15);
        close("Pmin", p_range.0, 1e3, 1e-12);
        close("Pmax", p_range.1, 1e7, 1e-12);
        assert_eq!(coeffs.len(), 3);
        assert!(coeffs.iter().all(|row| row.len() == 4));
        // log10 k in SI: only the constant term moves, by log10 of the unit factor.
        close(
            &format!("c00 with '{units}'"),
            coeffs[0][0],
            8.2883 + shift,
            1e-14,
        );
        close("c01", coeffs[0][1], -1.1397, 1e-15);
        close("c20", coeffs[2][0], 0.3177, 1e-15);
    }
}

#[test]
fn chemically_activated_and_specific_collider() {
    let m = load(&mech_text(
        CGS,
        "",
        "
- equation: H + O2 (+AR) <=> HO2 (+AR)
  type: falloff
  low-P-rate-constant: {A: 6.81e+18, b: -1.2, Ea: 0}
  high-P-rate-constant: {A: 4.65e+12, b: 0.44, Ea: 0}
  Troe: {A: 0.7, T3: 1.0e-30, T1: 1.0e+30}
- equation: H + O2 (+ N2) <=> HO2 (+ N2)
  low-P-rate-constant: {A: 6.37e+20, b: -1.72, Ea: 524.8}
  high-P-rate-constant: {A: 4.65e+12, b: 0.44, Ea: 0}
- equation: OH + OH (+M) <=> H2O + O (+M)
  type: chemically-activated
  low-P-rate-constant: {A: 2.0e+14, b: 0, Ea: 1000}
  high-P-rate-constant: {A: 3.0e+08, b: 1.0, Ea: 0}
  SRI: {A: 1.1, B: 700, C: 1234}
  efficiencies: {H2O: 12, AR: 0.5}
  default-efficiency: 0.8",
    ));
    // (+AR): the collider is argon alone; falloff orders 3 (low) and 2 (high); 3-parameter Troe.
    let RateModel::Falloff {
        low,
        high,
        form,
        third_body,
    } = &m.reactions[0].rate
    else {
        panic!()
    };
    assert_eq!(*third_body, ThirdBody::Species(idx(&m, "AR")));
    arrhenius("(+AR) low", low, 6.81e18 * 1e-12, -1.2, 0.0);
    arrhenius("(+AR) high", high, 4.65e12 * 1e-6, 0.44, 0.0);
    assert!(
        matches!(form, FalloffForm::Troe { t2: None, .. }),
        "{form:?}"
    );
    // `(+ N2)` with a space, type inferred from the equation, Lindemann form.
    let RateModel::Falloff {
        form, third_body, ..
    } = &m.reactions[1].rate
    else {
        panic!()
    };
    assert_eq!(*third_body, ThirdBody::Species(idx(&m, "N2")));
    assert_eq!(*form, FalloffForm::Lindemann);
    // Chemically activated: low order n = 2, high order n − 1 = 1; SRI with default d, e.
    let RateModel::ChemicallyActivated {
        low,
        high,
        form,
        third_body,
    } = &m.reactions[2].rate
    else {
        panic!("{:?}", m.reactions[2].rate)
    };
    arrhenius("chem-act low", low, 2e14 * 1e-6, 0.0, 1000.0 * CAL);
    arrhenius("chem-act high", high, 3e8, 1.0, 0.0);
    let FalloffForm::Sri { a, b, c, d, e } = *form else {
        panic!("{form:?}")
    };
    assert_eq!(
        [a, b, c, d, e].map(f64::to_bits),
        [1.1, 700.0, 1234.0, 1.0, 0.0].map(f64::to_bits)
    );
    let ThirdBody::Mixture {
        efficiencies,
        default_efficiency,
    } = third_body
    else {
        panic!()
    };
    close("default efficiency", *default_efficiency, 0.8, 1e-15);
    assert_eq!(
        *efficiencies,
        vec![(idx(&m, "H2O"), 12.0), (idx(&m, "AR"), 0.5)]
    );
}

#[test]
fn species_all_reactions_none_and_implicit_elements() {
    let text = format!(
        "
phases:
- name: gas
  thermo: ideal-gas
  species: all
  kinetics: gas
  reactions: none
{SPECIES}
reactions:
- equation: O + H2 <=> H + OH
  rate-constant: {{A: 3.87e+04, b: 2.7, Ea: 6260.0}}
"
    );
    let m = load(&text);
    assert_eq!(m.species.len(), 10);
    assert_eq!(m.species[9].name, "N2");
    assert!(m.reactions.is_empty(), "reactions: none");
    // Without an `elements` list the elements are collected in order of appearance.
    let elements: Vec<&str> = m.elements.iter().map(|e| e.symbol.as_str()).collect();
    assert_eq!(elements, ["H", "O", "Ar", "N"]);

    // Same file with the default reaction selection reads the reaction; a phase without
    // `kinetics` reads none.
    let m = load(&text.replace("  reactions: none\n", ""));
    assert_eq!(m.reactions.len(), 1);
    let m = load(&text.replace("  kinetics: gas\n  reactions: none\n", ""));
    assert!(m.reactions.is_empty() && m.kinetics_model.is_none());
}

/// One-species mechanism with the given thermo block (indented by 4 spaces).
fn thermo_mech(units: &str, thermo: &str) -> String {
    format!(
        "{units}
phases:
- name: gas
  thermo: ideal-gas
  species: [X2]
species:
- name: X2
  composition: {{N: 2}}
  thermo:
{thermo}
"
    )
}

#[test]
fn nasa7_with_three_ranges_selects_the_right_polynomial() {
    let m = load(&thermo_mech(
        "",
        "    model: NASA7
    temperature-ranges: [200.0, 1000.0, 3000.0, 6000.0]
    data:
    - [3.5, 0, 0, 0, 0, -1000.0, 3.0]
    - [4.0, 0, 0, 0, 0, -1500.0, 1.0]
    - [4.5, 0, 0, 0, 0, -3000.0, -2.0]",
    ));
    let th = &m.species[0].thermo;
    let SpeciesThermo::Nasa7(p) = th else {
        panic!("{th:?}")
    };
    assert_eq!(p.coeffs.len(), 3);
    close("t_min", th.t_min(), 200.0, 0.0);
    close("t_max", th.t_max(), 6000.0, 0.0);
    close("p_ref", th.reference_pressure(), 101_325.0, 0.0);
    // A shared bound belongs to the lower range (Cantera); outside, the end ranges extrapolate.
    for (t, cp) in [
        (100.0, 3.5),
        (500.0, 3.5),
        (1000.0, 3.5),
        (2000.0, 4.0),
        (3000.0, 4.0),
        (4000.0, 4.5),
        (7000.0, 4.5),
    ] {
        close(&format!("cp/R({t})"), th.eval(t).cp_r, cp, 1e-15);
    }
    let p = th.eval(2000.0);
    close("h/RT(2000)", p.h_rt, 4.0 - 1500.0 / 2000.0, 1e-15);
    close("s/R(2000)", p.s_r, 4.0 * 2000f64.ln() + 1.0, 1e-15);
    assert!(th.in_range(6000.0) && !th.in_range(6000.1) && !th.in_range(199.9));
}

#[test]
fn nasa9_n2_reproduces_the_tabulated_standard_state() {
    // N2 from NASA Glenn (McBride, Zehe & Gordon 2002), as in Cantera's nasa_gas.yaml.
    let m = load(&thermo_mech(
        "",
        "    model: NASA9
    temperature-ranges: [200.0, 1000.0, 6000.0, 2.0e+04]
    data:
    - [2.210371497e+04, -381.846182, 6.08273836, -8.53091441e-03, 1.384646189e-05,
      -9.62579362e-09, 2.519705809e-12, 710.846086, -10.76003744]
    - [5.87712406e+05, -2239.249073, 6.06694922, -6.1396855e-04, 1.491806679e-07,
      -1.923105485e-11, 1.061954386e-15, 1.283210415e+04, -15.86640027]
    - [8.31013916e+08, -6.42073354e+05, 202.0264635, -0.03065092046, 2.486903333e-06,
      -9.70595411e-11, 1.437538881e-15, 4.93870704e+06, -1672.09974]",
    ));
    let th = &m.species[0].thermo;
    assert!(matches!(th, SpeciesThermo::Nasa9(_)), "{th:?}");
    close("t_max", th.t_max(), 2e4, 0.0);
    // JANAF/NASA values at 298.15 K: cp = 29.12 J/(mol K), s° = 191.61 J/(mol K), h = 0.
    let p = th.eval(298.15);
    assert!((R * p.cp_r - 29.124).abs() < 0.01, "cp = {}", R * p.cp_r);
    assert!((R * p.s_r - 191.61).abs() < 0.01, "s = {}", R * p.s_r);
    assert!(
        (R * 298.15 * p.h_rt).abs() < 1.0,
        "h = {}",
        R * 298.15 * p.h_rt
    );
    // Each range is the NASA9 formula with its own coefficients.
    let SpeciesThermo::Nasa9(n9) = th else {
        unreachable!()
    };
    for (t, range) in [(500.0, 0), (2500.0, 1), (10_000.0, 2)] {
        let a = &n9.coeffs[range];
        let cp = a[0] / (t * t)
            + a[1] / t
            + a[2]
            + a[3] * t
            + a[4] * t * t
            + a[5] * t.powi(3)
            + a[6] * t.powi(4);
        close(&format!("NASA9 cp/R({t})"), th.eval(t).cp_r, cp, 1e-13);
    }
    // The fits join at their common bounds.
    for t in [1000.0, 6000.0] {
        let (lo, hi) = (th.eval(t * (1.0 - 1e-12)), th.eval(t * (1.0 + 1e-12)));
        close(&format!("cp continuity at {t}"), lo.cp_r, hi.cp_r, 1e-3);
        close(&format!("h continuity at {t}"), lo.h_rt, hi.h_rt, 1e-3);
    }
}

#[test]
fn constant_cp_uses_energy_per_quantity_units() {
    // h0, s0, cp0 are energies per quantity (Cantera `node.convert(.., "J/kmol")`), so the
    // `activation-energy` unit must not affect them.
    for units in [
        "units: {length: cm, quantity: mol, activation-energy: cal/mol}",
        "units: {quantity: mol, activation-energy: K}",
        "units: {quantity: mol}",
    ] {
        let m = load(&thermo_mech(
            units,
            "    model: constant-cp
    T0: 1000.0
    h0: 1000.0
    s0: 200.0
    cp0: 29.0",
        ));
        let p = m.species[0].thermo.eval(1000.0);
        close(
            &format!("h0 with {units}"),
            R * 1000.0 * p.h_rt,
            1000.0,
            1e-14,
        );
        close(&format!("s0 with {units}"), R * p.s_r, 200.0, 1e-14);
        close(&format!("cp0 with {units}"), R * p.cp_r, 29.0, 1e-14);
    }
    // Default units: J/kmol; explicit energy unit: cal/mol.
    let m = load(&thermo_mech(
        "",
        "    model: constant-cp
    h0: 1.0e+06
    cp0: 2.9e+04",
    ));
    let p = m.species[0].thermo.eval(298.15);
    close("h0 [J/kmol]", R * 298.15 * p.h_rt, 1e3, 1e-14);
    close("cp0 [J/kmol/K]", R * p.cp_r, 29.0, 1e-14);
    let m = load(&thermo_mech(
        "units: {energy: cal, quantity: mol}",
        "    model: constant-cp
    T0: 300 K
    h0: 100.0
    cp0: 7.0
    T-max: 5000",
    ));
    let th = &m.species[0].thermo;
    let p = th.eval(300.0);
    close("h0 [cal/mol]", R * 300.0 * p.h_rt, 100.0 * CAL, 1e-14);
    close("cp0 [cal/mol/K]", R * p.cp_r, 7.0 * CAL, 1e-14);
    close("T-max", th.t_max(), 5000.0, 0.0);
    // Values may carry their own units (Cantera's documented example).
    let m = load(&thermo_mech(
        "",
        "    model: constant-cp
    T0: 1000 K
    h0: 9.22 kJ/mol
    s0: -3.02 J/mol/K
    cp0: 0.0 J/mol/K",
    ));
    let p = m.species[0].thermo.eval(1000.0);
    close("h0 inline kJ/mol", R * 1000.0 * p.h_rt, 9220.0, 1e-14);
    close("s0 inline J/mol/K", R * p.s_r, -3.02, 1e-14);
    assert!(p.cp_r.abs() <= 0.0);
}

// ---------------------------------------------------------------------------------------------
// Errors: each must name what is wrong
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_yaml_is_a_syntax_error_with_position() {
    let (e, msg) = load_err("phases:\n- name: gas\n  thermo: [ideal-gas\nspecies: []\n");
    assert!(matches!(e, ChemError::YamlSyntax { .. }), "{e:?}");
    assert!(msg.starts_with("<test>: not valid YAML"), "{msg}");
    assert!(msg.contains("line"), "{msg}");
    // A YAML document that is not a mapping.
    let (e, msg) = load_err("- just\n- a list\n");
    assert!(matches!(e, ChemError::Mechanism { .. }), "{e:?}");
    assert!(msg.contains("phases"), "{msg}");
}

#[test]
fn missing_phases_is_reported() {
    let (e, msg) = load_err(&format!("description: no phases here\n{SPECIES}"));
    assert!(matches!(e, ChemError::Mechanism { .. }), "{e:?}");
    assert!(msg.contains("no `phases`"), "{msg}");
    let (_, msg) = load_err(&format!("phases: []\n{SPECIES}"));
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn non_ideal_gas_phase_is_rejected() {
    // The bundled file's second phase is Redlich-Kwong.
    let text = petrocket_chem::mechanism::BUNDLED[0].1;
    let e = Mechanism::from_yaml_str(text, "h2o2.yaml", Some("ohmech-RK")).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("phase 'ohmech-RK'") && msg.contains("'Redlich-Kwong'"),
        "{msg}"
    );
    assert!(msg.contains("ideal-gas"), "{msg}");
    let (_, msg) = load_err(&mech_text("", "", "").replace("  thermo: ideal-gas\n", ""));
    assert!(
        msg.contains("phase 'gas'") && msg.contains("missing `thermo`"),
        "{msg}"
    );
}

#[test]
fn unknown_thermo_model_names_the_species() {
    let (e, msg) = load_err(&thermo_mech(
        "",
        "    model: Shomate
    temperature-ranges: [298, 1300]
    data: [[1, 2, 3, 4, 5, 6, 7]]",
    ));
    assert!(matches!(e, ChemError::Mechanism { .. }), "{e:?}");
    assert!(
        msg.contains("species 'X2'") && msg.contains("'Shomate'"),
        "{msg}"
    );
    let (_, msg) = load_err(&thermo_mech("", "    temperature-ranges: [298, 1300]"));
    assert!(
        msg.contains("species 'X2'") && msg.contains("missing `model`"),
        "{msg}"
    );
}

#[test]
fn wrong_coefficient_count_names_species_and_count() {
    let (_, msg) = load_err(&thermo_mech(
        "",
        "    model: NASA7
    temperature-ranges: [200.0, 1000.0, 3500.0]
    data:
    - [3.5, 0, 0, 0, 0, -1000.0, 3.0]
    - [3.5, 0, 0, 0, 0, -1000.0]",
    ));
    assert!(
        msg.contains("species 'X2'") && msg.contains("7 coefficients") && msg.contains("got 6"),
        "{msg}"
    );
    let (_, msg) = load_err(&thermo_mech(
        "",
        "    model: NASA9
    temperature-ranges: [200.0, 1000.0]
    data:
    - [3.5, 0, 0, 0, 0, -1000.0, 3.0]",
    ));
    assert!(
        msg.contains("9 coefficients") && msg.contains("got 7"),
        "{msg}"
    );
    // Bounds that do not match the number of ranges.
    let (_, msg) = load_err(&thermo_mech(
        "",
        "    model: NASA7
    temperature-ranges: [200.0, 1000.0, 3500.0]
    data:
    - [3.5, 0, 0, 0, 0, -1000.0, 3.0]",
    ));
    assert!(
        msg.contains("species 'X2'") && msg.contains("3 temperature bounds for 1 coefficient sets"),
        "{msg}"
    );
    // Non-numeric coefficient.
    let (_, msg) = load_err(&thermo_mech(
        "",
        "    model: NASA7
    temperature-ranges: [200.0, 1000.0]
    data:
    - [3.5, 0, 0, zero, 0, -1000.0, 3.0]",
    ));
    assert!(
        msg.contains("species 'X2'") && msg.contains("'zero'"),
        "{msg}"
    );
}

#[test]
fn unsupported_reaction_type_names_type_and_reaction() {
    let (e, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: {A: 3.87e+04, b: 2.7, Ea: 6260.0}
- equation: H + O2 <=> O + OH
  type: Blowers-Masel
  rate-constant: {A: 3.87e+04, b: 2.7, Ea0: 6260.0, w: 1e9}",
    ));
    assert!(matches!(e, ChemError::Mechanism { .. }), "{e:?}");
    assert!(
        msg.contains("'Blowers-Masel'") && msg.contains("reaction 2 'H + O2 <=> O + OH'"),
        "{msg}"
    );
}

#[test]
fn reaction_with_undeclared_species_is_an_error() {
    let (_, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: H + XY <=> HXY
  rate-constant: {A: 1.0e+13, b: 0, Ea: 0}",
    ));
    assert!(
        msg.contains("'H + XY <=> HXY'") && msg.contains("XY, HXY") && msg.contains("not declared"),
        "{msg}"
    );
    // `reactions: declared-species` skips such reactions instead.
    let m = load(&mech_text(
        CGS,
        "  reactions: declared-species",
        "
- equation: H + XY <=> HXY
  rate-constant: {A: 1.0e+13, b: 0, Ea: 0}
- equation: O + H2 <=> H + OH
  rate-constant: {A: 3.87e+04, b: 2.7, Ea: 6260.0}",
    ));
    assert_eq!(m.reactions.len(), 1);
    // A collider or efficiency for an unknown species.
    let (_, msg) = load_err(&mech_text(
        CGS,
        "",
        "
- equation: H + O2 (+XE) <=> HO2 (+XE)
  low-P-rate-constant: {A: 6.81e+18, b: -1.2, Ea: 0}
  high-P-rate-constant: {A: 4.65e+12, b: 0.44, Ea: 0}",
    ));
    assert!(
        msg.contains("'XE'") && msg.contains("H + O2 (+XE) <=> HO2 (+XE)"),
        "{msg}"
    );
    let m = load(&mech_text(
        CGS,
        "",
        "
- equation: 2 O + M <=> O2 + M
  type: three-body
  rate-constant: {A: 1.2e+17, b: -1.0, Ea: 0}
  efficiencies: {H2: 2.4, CO2: 3.6}",
    ));
    assert!(
        m.warnings.len() == 1 && m.warnings[0].contains("'CO2'"),
        "{:?}",
        m.warnings
    );
    // A species missing from the species section.
    let (_, msg) = load_err(&mech_text(CGS, "", "").replace("AR, N2]", "AR, N2, CH4]"));
    assert!(msg.contains("'CH4'"), "{msg}");
}

#[test]
fn unknown_element_is_named() {
    // Implicit elements: the species' composition brings an unknown symbol.
    let (_, msg) = load_err(
        "
phases:
- name: gas
  thermo: ideal-gas
  species: [QQ]
species:
- name: QQ
  composition: {Qq: 1}
  thermo: {model: constant-cp}
",
    );
    assert!(
        msg.contains("species 'QQ'") && msg.contains("unknown element 'Qq'"),
        "{msg}"
    );
    // Declared elements: an unknown symbol in the list, and a species using an undeclared one.
    let (_, msg) = load_err(&mech_text("", "", "").replace("[H, O, Ar, N]", "[H, O, Ar, N, Zz]"));
    assert!(msg.contains("unknown element 'Zz'"), "{msg}");
    let (_, msg) = load_err(&mech_text("", "", "").replace("[H, O, Ar, N]", "[H, O, Ar]"));
    assert!(
        msg.contains("species 'N2'") && msg.contains("element 'N'"),
        "{msg}"
    );
    // A custom element with its own atomic weight is accepted.
    let m = load(
        "
elements:
- symbol: Qq
  atomic-weight: 2.5
phases:
- name: gas
  thermo: ideal-gas
  species: [QQ]
species:
- name: QQ
  composition: {Qq: 2}
  thermo: {model: constant-cp}
",
    );
    close(
        "custom weight",
        m.species[0].molecular_weight_kg_per_mol,
        5e-3,
        1e-15,
    );
}

#[test]
fn missing_file_and_unknown_bundled_name() {
    let e = Mechanism::load("/nonexistent/dir/mech.yaml").unwrap_err();
    assert!(matches!(e, ChemError::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("/nonexistent/dir/mech.yaml"), "{e}");
    let e = Mechanism::from_file("/nonexistent/other", None).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/other"), "{e}");

    for loader in [
        |n: &str| Mechanism::load(n).map(|_| ()),
        |n: &str| GasMixture::load(n).map(|_| ()),
    ] {
        let e = loader("h2o3").unwrap_err();
        assert!(matches!(e, ChemError::UnknownMechanism { .. }), "{e:?}");
        let msg = e.to_string();
        assert!(msg.contains("'h2o3'") && msg.contains("h2o2"), "{msg}");
    }
    assert!(Mechanism::bundled("gri30").is_err());
}

#[test]
fn constant_cp_with_wrong_inline_units_is_an_error() {
    for (key, value, what) in [
        ("h0", "9.22 kJ", "J/mol"),
        ("cp0", "29 J/mol", "J/mol/K"),
        ("s0", "1 bar", "J/mol/K"),
    ] {
        let (_, msg) = load_err(&thermo_mech(
            "",
            &format!("    model: constant-cp\n    {key}: {value}"),
        ));
        assert!(
            msg.contains("species 'X2'") && msg.contains(key) && msg.contains(what),
            "{key}: {msg}"
        );
    }
}

#[test]
fn nested_units_are_honoured_or_refused() {
    // Cantera lets a reaction or species carry its own `units` block (the Alzueta file does).
    // Reading it with the file's units would be silently wrong: either convert or refuse.
    let text = mech_text(
        CGS,
        "",
        "
- equation: O + H2 <=> H + OH
  units: {length: m, quantity: kmol}
  rate-constant: {A: 3.87e+07, b: 2.7, Ea: 6260.0}",
    );
    match Mechanism::from_yaml_str(&text, "<test>", None) {
        Ok(m) => {
            let RateModel::Elementary(k) = &m.reactions[0].rate else {
                panic!()
            };
            arrhenius("per-reaction units", k, 3.87e7 * 1e-3, 2.7, 6260.0 * CAL);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("units") && msg.contains("O + H2 <=> H + OH"),
                "{msg}"
            );
        }
    }
    let text = thermo_mech(
        CGS,
        "    model: constant-cp
    units: {energy: kJ}
    h0: 9.22",
    );
    match Mechanism::from_yaml_str(&text, "<test>", None) {
        Ok(m) => close(
            "per-species units",
            R * 298.15 * m.species[0].thermo.eval(298.15).h_rt,
            9220.0,
            1e-14,
        ),
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("units") && msg.contains("species 'X2'"),
                "{msg}"
            );
        }
    }
}

#[test]
fn rate_constant_as_a_list_is_read_or_refused() {
    // Cantera also accepts `rate-constant: [A, b, Ea]`.
    let text = mech_text(
        CGS,
        "",
        "
- equation: O + H2 <=> H + OH
  rate-constant: [3.87e+04, 2.7, 6260.0]",
    );
    match Mechanism::from_yaml_str(&text, "<test>", None) {
        Ok(m) => {
            let RateModel::Elementary(k) = &m.reactions[0].rate else {
                panic!()
            };
            arrhenius("list form", k, 3.87e4 * 1e-6, 2.7, 6260.0 * CAL);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("O + H2 <=> H + OH") && msg.contains("rate-constant"),
                "{msg}"
            );
        }
    }
}
