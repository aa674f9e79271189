//! Issue #20: mechanism files that were wrong but accepted, and inputs that exhausted memory
//! or the stack. Every case must end in a typed input error (`is_numerical()` false) that
//! names the problem, quickly, without a panic.

use petrocket_chem::combustion::check_heat_release;
use petrocket_chem::mechanism::{
    check_mechanism, formation_enthalpy_h2o, MAX_MECHANISM_BYTES, MAX_YAML_DEPTH,
};
use petrocket_chem::mixture::equivalence_ratio_mixture;
use petrocket_chem::{ChemError, GasMixture, Mechanism};

const H2O2: &str = include_str!("../data/mechanisms/h2o2.yaml");

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("issue20-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

/// Load `text`, expecting an input error; returns it with its message.
fn refused(text: &str) -> (ChemError, String) {
    let e = Mechanism::from_yaml_str(text, "<test>", None).expect_err("should be refused");
    assert!(!e.is_numerical(), "input error expected, got {e:?}");
    let msg = e.to_string();
    (e, msg)
}

/// A small H2/O2 mechanism with real NASA7 thermo (from h2o2.yaml) and `reactions`.
fn small_mech(species_extra: &str, reactions: &str) -> String {
    let species_start = H2O2.find("\nspecies:\n").unwrap();
    let reactions_start = H2O2.find("\nreactions:\n").unwrap();
    let species = &H2O2[species_start..reactions_start];
    format!(
        "units: {{length: cm, time: s, quantity: mol, activation-energy: cal/mol}}
phases:
- name: gas
  thermo: ideal-gas
  elements: [O, H, Ar, N, He]
  species: all
  kinetics: gas
{species}
{species_extra}
reactions:
{reactions}
"
    )
}

// --- 2. Memory and stack -----------------------------------------------------------------

fn billion_laughs() -> String {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for k in 1..10 {
        s.push_str(&format!("a{k}: &a{k} ["));
        s.push_str(&vec![format!("*a{}", k - 1); 10].join(", "));
        s.push_str("]\n");
    }
    s
}

#[test]
fn issue20_yaml_alias_bomb_is_refused_quickly() {
    let (e, msg) = refused(&billion_laughs());
    assert!(matches!(e, ChemError::InputLimit { limit, .. } if limit == "YAML alias expansion"));
    assert!(msg.contains("alias expansion exceeds"), "{msg}");
    // Through the file loader too, as `GasMixture::load(path)` is used.
    let path = tmp_file("laughs.yaml", billion_laughs().as_bytes());
    let e = GasMixture::load(path.to_str().unwrap()).unwrap_err();
    assert!(e.to_string().contains("alias expansion exceeds"), "{e}");
}

#[test]
fn issue20_deeply_nested_yaml_is_refused_without_stack_overflow() {
    for text in [
        "- ".repeat(100_000),
        "[".repeat(200_000),
        format!("phases: {}1{}", "[".repeat(200), "]".repeat(200)),
        (0..5000)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect(),
    ] {
        let (e, msg) = refused(&text);
        assert!(
            matches!(
                e,
                ChemError::InputLimit { .. } | ChemError::YamlSyntax { .. }
            ),
            "{e:?}"
        );
        assert!(msg.len() < 400, "{msg}");
    }
    let (_, msg) = refused(&"- ".repeat(100_000));
    assert!(
        msg.contains(&format!("deeper than {MAX_YAML_DEPTH} levels at line")),
        "{msg}"
    );
}

#[test]
fn issue20_oversized_and_endless_files_stop_at_the_size_limit() {
    // An endless device: the read stops at the limit.
    if std::path::Path::new("/dev/zero").exists() {
        let e = Mechanism::from_file("/dev/zero", None).unwrap_err();
        assert!(!e.is_numerical());
        assert!(
            matches!(
                e,
                ChemError::InputLimit {
                    limit: "file size",
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("16 MiB limit"), "{e}");
    }
    // A regular file one byte over the limit.
    let big = vec![b'#'; MAX_MECHANISM_BYTES as usize + 1];
    let path = tmp_file("big.yaml", &big);
    let e = GasMixture::load(path.to_str().unwrap()).unwrap_err();
    assert!(
        e.to_string().contains("larger than the 16 MiB limit"),
        "{e}"
    );
    std::fs::remove_file(&path).ok();
    // Text handed over directly is bounded the same way.
    let text = "#".repeat(MAX_MECHANISM_BYTES as usize + 1);
    let (_, msg) = refused(&text);
    assert!(msg.contains("16 MiB limit"), "{msg}");
}

#[test]
fn issue20_wrong_file_is_refused_without_echoing_it() {
    let passwd =
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    let path = tmp_file("passwd", passwd.as_bytes());
    let e = Mechanism::from_file(&path, None).unwrap_err();
    let msg = e.to_string();
    assert!(!e.is_numerical());
    assert!(
        !msg.contains("root:x") && !msg.contains("/bin/bash"),
        "{msg}"
    );
    // Binary data is not UTF-8.
    let path = tmp_file("binary", &[0x7f, b'E', b'L', b'F', 0xff, 0xfe, 0, 1, 2]);
    let e = Mechanism::from_file(&path, None).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    // A YAML mapping whose values are long lines: at most a short token is quoted.
    let long_value = format!("phases: {}\n", "secret ".repeat(200));
    let (_, msg) = refused(&long_value);
    assert!(msg.len() < 300, "{msg}");
    let long_key = format!("{}: 1\n{}: 2\n", "k".repeat(5000), "k".repeat(5000));
    let (_, msg) = refused(&long_key);
    assert!(msg.len() < 400, "{msg}");
}

// --- 1. Wrong but accepted -------------------------------------------------------------

#[test]
fn issue20_unbalanced_reaction_is_refused() {
    let text = small_mech(
        "",
        "- equation: H + O2 <=> O + OH
  rate-constant: {A: 2.65e+16, b: -0.6707, Ea: 1.7041e+04}
- equation: H2 + O2 <=> H2O + OH
  rate-constant: {A: 1.0e+13, b: 0.0, Ea: 4.0e+04}",
    );
    let (e, msg) = refused(&text);
    match &e {
        ChemError::UnbalancedReaction {
            index,
            equation,
            element,
            imbalance,
            ..
        } => {
            assert_eq!(*index, 2);
            assert_eq!(equation, "H2 + O2 <=> H2O + OH");
            assert_eq!(element, "H");
            assert!((*imbalance - 1.0).abs() < 1e-12, "{imbalance}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        msg.contains("'H2 + O2 <=> H2O + OH'") && msg.contains("element H"),
        "{msg}"
    );
    // Real coefficients balance to rounding and load.
    let ok = small_mech(
        "",
        "- equation: 0.5 H2 + 0.25 O2 => 0.5 H2O
  rate-constant: {A: 1.0e+13, b: 0.0, Ea: 4.0e+04}",
    );
    Mechanism::from_yaml_str(&ok, "<test>", None).unwrap();
    let bad = small_mech(
        "",
        "- equation: 0.5 H2 + 0.3 O2 => 0.5 H2O
  rate-constant: {A: 1.0e+13, b: 0.0, Ea: 4.0e+04}",
    );
    let (_, msg) = refused(&bad);
    assert!(msg.contains("element O"), "{msg}");
}

#[test]
fn issue20_duplicate_species_definition_is_refused() {
    // The phase lists names; the section defines H2 twice (the second would have been
    // ignored).
    let h2_again = "- name: H2
  composition: {H: 2}
  thermo: {model: constant-cp, cp0: 28.8 J/mol/K}";
    let text = small_mech(h2_again, "").replace("species: all", "species: [H2, O2, H2O, N2]");
    let (_, msg) = refused(&text);
    assert!(msg.contains("species 'H2' is defined twice"), "{msg}");
    // `species: all` takes both: listed twice.
    let (_, msg) = refused(&small_mech(h2_again, ""));
    assert!(msg.contains("'H2'") && msg.contains("twice"), "{msg}");
}

#[test]
fn issue20_undeclared_duplicate_reactions_are_refused() {
    let r1 = "- equation: H + O2 <=> O + OH
  rate-constant: {A: 2.65e+16, b: -0.6707, Ea: 1.7041e+04}";
    // Same reaction written twice.
    let (e, msg) = refused(&small_mech("", &format!("{r1}\n{r1}")));
    assert!(
        matches!(
            e,
            ChemError::DuplicateReaction {
                first: 1,
                second: 2,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(msg.contains("reaction 1 'H + O2 <=> O + OH'"), "{msg}");
    // Written in reverse: still a duplicate of a reversible reaction.
    let rev = "- equation: O + OH <=> H + O2
  rate-constant: {A: 1.0e+13, b: 0.0, Ea: 0.0}";
    let (_, msg) = refused(&small_mech("", &format!("{r1}\n{rev}")));
    assert!(msg.contains("undeclared duplicate"), "{msg}");
    // Marked on both: accepted.
    let dup = |eq: &str| {
        format!("- equation: {eq}\n  duplicate: true\n  rate-constant: {{A: 1.0e+13, b: 0, Ea: 0}}")
    };
    let both = format!("{}\n{}", dup("H + O2 <=> O + OH"), dup("H + O2 <=> O + OH"));
    Mechanism::from_yaml_str(&small_mech("", &both), "<test>", None).unwrap();
    // Marked on one only: refused.
    let one = format!("{r1}\n{}", dup("H + O2 <=> O + OH"));
    refused(&small_mech("", &one));
    // Different types (elementary vs three-body) are not duplicates; neither are
    // irreversible reactions in opposite directions, nor three-body reactions whose
    // colliders do not overlap.
    let ok = "- equation: H + O2 => O + OH
  rate-constant: {A: 1.0e+13, b: 0, Ea: 0}
- equation: O + OH => H + O2
  rate-constant: {A: 1.0e+13, b: 0, Ea: 0}
- equation: 2 O + M <=> O2 + M
  type: three-body
  rate-constant: {A: 1.2e+17, b: -1.0, Ea: 0.0}
  efficiencies: {AR: 0.0}
- equation: 2 O + M <=> O2 + M
  type: three-body
  rate-constant: {A: 1.0e+17, b: -1.0, Ea: 0.0}
  default-efficiency: 0.0
  efficiencies: {AR: 1.0}
- equation: H + O2 (+M) <=> HO2 (+M)
  type: falloff
  low-P-rate-constant: {A: 6.366e+20, b: -1.72, Ea: 524.8}
  high-P-rate-constant: {A: 4.65e+12, b: 0.44, Ea: 0.0}
- equation: H + O2 + M <=> HO2 + M
  type: three-body
  rate-constant: {A: 2.8e+18, b: -0.86, Ea: 0.0}";
    Mechanism::from_yaml_str(&small_mech("", ok), "<test>", None).unwrap();
}

#[test]
fn issue20_bundled_and_test_mechanisms_still_load() {
    for name in petrocket_chem::mechanism::bundled_mechanism_names() {
        let m = Mechanism::bundled(name).unwrap();
        check_mechanism(&m).unwrap();
    }
    for file in [
        "gri30.yaml",
        "ammonia-CO-H2-Alzueta-2023.yaml",
        "kinetics_features.yaml",
    ] {
        let m =
            Mechanism::from_file(data_file(file), None).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(m.reactions.iter().any(|r| r.duplicate) || file == "kinetics_features.yaml");
    }
    let gri = Mechanism::from_file(data_file("gri30.yaml"), None).unwrap();
    let dh = formation_enthalpy_h2o(&gri).unwrap();
    assert!((dh + 241.826e3).abs() < 0.1e3, "{dh}");
}

/// H2O's NASA7 a6 (h/R offset) with the wrong sign: H2O would form endothermically. This
/// gave "UV equilibrium did not converge"; the loader now says what is wrong.
#[test]
fn issue20_implausible_h2o_thermo_is_refused_before_equilibrium() {
    let corrupt = H2O2
        .replace("-3.02937267e+04", "3.02937267e+04")
        .replace("-3.00042971e+04", "3.00042971e+04");
    assert_ne!(corrupt, H2O2);
    let (e, msg) = refused(&corrupt);
    assert!(matches!(e, ChemError::ImplausibleThermo { .. }), "{e:?}");
    assert!(msg.contains("thermo data of H2O implausible"), "{msg}");
    assert!(msg.contains("−241.826"), "{msg}");
    // A unit slip (kcal read as cal) puts Δh_f at −0.24 kJ/mol: also outside the band.
    let tiny = H2O2
        .replace("-3.02937267e+04", "-30.2937267")
        .replace("-3.00042971e+04", "-30.0042971");
    let (_, msg) = refused(&tiny);
    assert!(msg.contains("H2O implausible"), "{msg}");
}

#[test]
fn issue20_check_heat_release_of_a_charge() {
    let gas = GasMixture::load("h2o2").unwrap();
    // Stoichiometric H2–air: 0.296 mol H2 per mol → Δh = −0.296 × 241.8 kJ.
    let x = gas
        .parse_mole_fractions("mixture", "H2:0.296,air:0.704")
        .unwrap();
    let q = check_heat_release(&gas, &x).unwrap();
    assert!(
        (q.delta_h_j_per_mol + 0.296 * 241.826e3).abs() < 300.0,
        "{q:?}"
    );
    // Rich: the O2 is used up, H2 remains.
    let x = gas.parse_mole_fractions("mixture", "H2:3,O2:1").unwrap();
    let q = check_heat_release(&gas, &x).unwrap();
    let k = |n: &str| gas.species_index(n).unwrap();
    assert!((q.products[k("H2O")] - 0.5).abs() < 1e-12);
    assert!((q.products[k("H2")] - 0.25).abs() < 1e-12);
    assert!(q.products[k("O2")].abs() < 1e-15);
    // Nothing to burn: Δh = 0, accepted.
    let x = gas.parse_mole_fractions("mixture", "N2:1,AR:1").unwrap();
    assert!(
        check_heat_release(&gas, &x)
            .unwrap()
            .delta_h_j_per_mol
            .abs()
            < 1e-9
    );
    // A mechanism edited in code (not through the loader) with H2O's formation enthalpy
    // reversed: `check_mechanism` refuses it, and the charge check says it would not release
    // heat.
    let mut mech = Mechanism::bundled("h2o2").unwrap();
    let k_h2o = mech.species_index("H2O").unwrap();
    if let petrocket_chem::thermo::SpeciesThermo::Nasa7(p) = &mut mech.species[k_h2o].thermo {
        for c in &mut p.coeffs {
            c[5] = -c[5];
        }
    }
    assert!(check_mechanism(&mech).is_err());
    let gas = GasMixture::new(mech).unwrap();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    let e = check_heat_release(&gas, &x).unwrap_err();
    assert!(!e.is_numerical());
    assert!(e.to_string().contains("would not release heat"), "{e}");
}

#[test]
fn issue20_hostile_numbers_give_typed_errors() {
    let species = |thermo: &str, composition: &str| {
        format!(
            "phases:
- name: gas
  thermo: ideal-gas
  species: all
species:
- name: X
  composition: {composition}
  thermo: {thermo}
"
        )
    };
    let nasa = |ranges: &str, coeffs: &str| {
        format!("{{model: NASA7, temperature-ranges: {ranges}, data: [{coeffs}]}}")
    };
    let good = "[3.5, 0, 0, 0, 0, -1000, 3]";
    let cases = [
        // NaN, infinite, huge and negative values.
        species(&nasa("[300, 1000]", "[.nan, 0, 0, 0, 0, 0, 0]"), "{H: 2}"),
        species(&nasa("[300, 1000]", "[.inf, 0, 0, 0, 0, 0, 0]"), "{H: 2}"),
        species(
            &nasa("[300, 1000]", "[1e308, 1e308, 0, 0, 0, 0, 0]"),
            "{H: 2}",
        ),
        species(&nasa("[300, 1000]", "[-3.5, 0, 0, 0, 0, 0, 0]"), "{H: 2}"),
        species(&nasa("[300, 1e308]", good), "{H: 2}"),
        species(&nasa("[1e-300, 1000]", good), "{H: 2}"),
        // Inverted and degenerate ranges.
        species(&nasa("[1000, 300]", good), "{H: 2}"),
        species(&nasa("[300, 300]", good), "{H: 2}"),
        species(&nasa("[-300, 1000]", good), "{H: 2}"),
        species(&nasa("[300]", good), "{H: 2}"),
        species(&nasa("[]", ""), "{H: 2}"),
        // Molecular weight zero, huge or negative.
        species(&nasa("[300, 1000]", good), "{}"),
        species(&nasa("[300, 1000]", good), "{H: 1e308}"),
        species(&nasa("[300, 1000]", good), "{H: -1}"),
        // Constant cp with inverted range or zero T0.
        species("{model: constant-cp, T-min: 1000, T-max: 300}", "{H: 2}"),
        species("{model: constant-cp, T0: 0}", "{H: 2}"),
        species("{model: constant-cp, cp0: -30}", "{H: 2}"),
        species("{model: constant-cp, reference-pressure: -1}", "{H: 2}"),
        // No species at all.
        "phases:\n- name: gas\n  thermo: ideal-gas\n  species: []\nspecies: []\n".to_string(),
        "phases:\n- name: gas\n  thermo: ideal-gas\nspecies: []\n".to_string(),
        // Custom element with a zero weight.
        format!(
            "elements:\n- symbol: Q\n  atomic-weight: 0\n{}",
            species(&nasa("[300, 1000]", good), "{Q: 1}")
        ),
    ];
    for text in &cases {
        let e = Mechanism::from_yaml_str(text, "<test>", None)
            .map(|m| GasMixture::new(m).map(|_| ()))
            .and_then(|r| r)
            .expect_err(text);
        assert!(!e.is_numerical(), "{text}\n{e:?}");
    }
}

#[test]
fn issue20_ragged_chebyshev_and_bad_ranges_are_refused() {
    let cheb = |tr: &str, pr: &str, data: &str| {
        small_mech(
            "",
            &format!(
                "- equation: H + O2 <=> O + OH
  type: Chebyshev
  temperature-range: {tr}
  pressure-range: {pr}
  data: {data}"
            ),
        )
    };
    for text in [
        cheb(
            "[300, 2000]",
            "[0.01 atm, 100 atm]",
            "[[1.0, 2.0], [1.0, 2.0, 3.0]]",
        ),
        cheb("[2000, 300]", "[0.01 atm, 100 atm]", "[[1.0]]"),
        cheb("[300, 2000]", "[100 atm, 0.01 atm]", "[[1.0]]"),
        cheb("[0, 2000]", "[0.01 atm, 100 atm]", "[[1.0]]"),
        cheb("[300, 2000]", "[0 atm, 100 atm]", "[[1.0]]"),
    ] {
        refused(&text);
    }
    let ok = cheb(
        "[300, 2000]",
        "[0.01 atm, 100 atm]",
        "[[1.0, 2.0], [1.0, 2.0]]",
    );
    let m = Mechanism::from_yaml_str(&ok, "<test>", None).unwrap();
    petrocket_chem::Kinetics::new(&GasMixture::new(m).unwrap()).unwrap();
}

// --- 3. Messages -------------------------------------------------------------------------

#[test]
fn issue20_unknown_species_lists_the_known_species() {
    let gas = GasMixture::load("h2o2").unwrap();
    let e = gas
        .parse_mole_fractions("mixture.composition", "H2:2,methane:1")
        .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("'methane' in mixture.composition"), "{msg}");
    assert!(
        msg.contains("known species: H2, H, O, O2, OH, H2O, HO2, H2O2, AR, N2, HE, air"),
        "{msg}"
    );
    // A large mechanism lists the closest names and the count.
    let gri =
        GasMixture::new(Mechanism::from_file(data_file("gri30.yaml"), None).unwrap()).unwrap();
    let msg = gri
        .parse_mole_fractions("mixture.composition", "CH5:1")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("closest of the 54 known species:"), "{msg}");
    assert!(msg.contains("CH4"), "{msg}");
    // A huge unknown name is not echoed in full.
    let long = "Z".repeat(10_000);
    let msg = gas
        .parse_mole_fractions("mixture", &long)
        .unwrap_err()
        .to_string();
    assert!(msg.len() < 600, "{}", msg.len());
}

#[test]
fn issue20_equivalence_ratio_errors_name_the_field() {
    let gas = GasMixture::load("h2o2").unwrap();
    for phi in [0.0, -1.0, f64::NAN] {
        let msg = equivalence_ratio_mixture(&gas, phi, "H2", "air")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("mixture.equivalence_ratio"), "{msg}");
    }
    let msg = equivalence_ratio_mixture(&gas, 1.0, "N2", "O2")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("mixture.equivalence_ratio"), "{msg}");
    let msg = equivalence_ratio_mixture(&gas, 1.0, "H3", "O2")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("mixture.fuel"), "{msg}");
    let msg = equivalence_ratio_mixture(&gas, 1.0, "H2", "O3")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("mixture.oxidizer"), "{msg}");
}
