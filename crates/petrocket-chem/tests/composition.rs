//! Composition input: text mixtures, the `air` alias, equivalence ratios and state setters.
//! Every bad input must come back as an `Err` naming the field and the culprit, never a panic
//! and never a vector that does not sum to one.

use petrocket_chem::mixture::equivalence_ratio_mixture;
use petrocket_chem::{ChemError, GasMixture};

fn gas() -> GasMixture {
    GasMixture::load("h2o2").unwrap()
}

fn x_of(gas: &GasMixture, x: &[f64], name: &str) -> f64 {
    x[gas.species_index(name).unwrap()]
}

#[track_caller]
fn close(what: &str, got: f64, expected: f64, tol: f64) {
    assert!(
        (got - expected).abs() <= tol,
        "{what}: got {got}, expected {expected} (± {tol:e})"
    );
}

/// A valid composition: finite, non-negative, summing to one.
#[track_caller]
fn assert_normalised(what: &str, x: &[f64]) {
    assert!(
        x.iter().all(|v| v.is_finite() && *v >= 0.0),
        "{what}: {x:?}"
    );
    let s: f64 = x.iter().sum();
    assert!((s - 1.0).abs() <= 1e-14, "{what}: sum {s}");
}

#[test]
fn mole_fractions_are_normalised() {
    let gas = gas();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    assert_normalised("H2:2,O2:1", &x);
    close("x_H2", x_of(&gas, &x, "H2"), 2.0 / 3.0, 1e-16);
    close("x_O2", x_of(&gas, &x, "O2"), 1.0 / 3.0, 1e-16);
    assert_eq!(x.iter().filter(|v| **v > 0.0).count(), 2);

    // White space, a bare name (amount 1), exponents and already-normalised input.
    let y = gas
        .parse_mole_fractions("mixture", "  H2 : 0.2 ,O2, AR:8e-1 ")
        .unwrap();
    assert_normalised("spaces", &y);
    close("x_H2", x_of(&gas, &y, "H2"), 0.1, 1e-16);
    close("x_O2", x_of(&gas, &y, "O2"), 0.5, 1e-16);
    close("x_AR", x_of(&gas, &y, "AR"), 0.4, 1e-16);
    let z = gas.parse_mole_fractions("mixture", "HE").unwrap();
    close("pure HE", x_of(&gas, &z, "HE"), 1.0, 0.0);
    // Scaling the amounts does not change the fractions.
    let a = gas
        .parse_mole_fractions("mixture", "H2:2,O2:1,N2:3")
        .unwrap();
    let b = gas
        .parse_mole_fractions("mixture", "H2:2e-6,O2:1e-6,N2:3e-6")
        .unwrap();
    for (p, q) in a.iter().zip(&b) {
        close("scale invariance", *p, *q, 1e-16);
    }
}

#[test]
fn air_is_o2_n2_1_to_3_76() {
    let gas = gas();
    for text in ["air", "air:1", "AIR:4.76", "Air:0.5"] {
        let x = gas.parse_mole_fractions("oxidizer", text).unwrap();
        assert_normalised(text, &x);
        close(
            &format!("{text}: x_O2"),
            x_of(&gas, &x, "O2"),
            1.0 / 4.76,
            1e-16,
        );
        close(
            &format!("{text}: x_N2"),
            x_of(&gas, &x, "N2"),
            3.76 / 4.76,
            1e-16,
        );
    }
    // H2:2 + air:4.76 = stoichiometric hydrogen–air (2 H2 + O2 + 3.76 N2).
    let x = gas
        .parse_mole_fractions("mixture", "H2:2,air:4.76")
        .unwrap();
    close("x_H2", x_of(&gas, &x, "H2"), 2.0 / 6.76, 1e-16);
    close("x_O2", x_of(&gas, &x, "O2"), 1.0 / 6.76, 1e-16);
    close("x_N2", x_of(&gas, &x, "N2"), 3.76 / 6.76, 1e-16);
    // `air` adds to explicitly given O2/N2.
    let x = gas
        .parse_mole_fractions("mixture", "air:4.76,O2:1")
        .unwrap();
    close("enriched x_O2", x_of(&gas, &x, "O2"), 2.0 / 5.76, 1e-16);
    // A mechanism without N2 cannot make air, and says so.
    let no_n2 = GasMixture::new(
        petrocket_chem::Mechanism::from_yaml_str(
            "
phases:
- name: gas
  thermo: ideal-gas
  species: [H2, O2]
species:
- name: H2
  composition: {H: 2}
  thermo: {model: constant-cp}
- name: O2
  composition: {O: 2}
  thermo: {model: constant-cp}
",
            "<test>",
            None,
        )
        .unwrap(),
    )
    .unwrap();
    let msg = no_n2
        .parse_mole_fractions("oxidizer", "air")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("oxidizer") && msg.contains("N2"), "{msg}");
}

#[test]
fn unknown_species_suggests_a_name() {
    let gas = gas();
    for (text, bad, hint) in [
        ("H2:2,o2:1", "o2", "O2"),
        ("H3:1", "H3", ""),
        ("h2o:1", "h2o", "H2O"),
        ("Ar:1", "Ar", "AR"),
    ] {
        let e = gas.parse_mole_fractions("mixture", text).unwrap_err();
        let msg = e.to_string();
        let ChemError::UnknownSpecies {
            name,
            field,
            hint: h,
            ..
        } = &e
        else {
            panic!("{text}: {e:?}")
        };
        assert_eq!(name, bad, "{msg}");
        assert_eq!(field, "mixture", "{msg}");
        assert!(
            msg.contains(&format!("'{bad}'")) && msg.contains("mixture"),
            "{msg}"
        );
        assert!(h.contains("did you mean"), "{text}: no hint in '{msg}'");
        // The suggestion is a real species (or `air`).
        let suggested = h.split('\'').nth(1).unwrap();
        assert!(
            gas.species_index(suggested).is_some() || suggested == "air",
            "{msg}"
        );
        if !hint.is_empty() {
            assert_eq!(suggested, hint, "{msg}");
        }
    }
    // Far from every name: no hint rather than a silly one.
    let e = gas.parse_mole_fractions("fuel", "methane:1").unwrap_err();
    assert!(
        matches!(e, ChemError::UnknownSpecies { ref hint, .. } if hint.is_empty()),
        "{e:?}"
    );
    assert!(e.to_string().contains("'methane' in fuel"), "{e}");
}

#[test]
fn bad_amounts_are_errors_naming_the_entry() {
    let gas = gas();
    let cases = [
        ("H2:-1,O2:1", "H2"),
        ("H2:0,O2:1", "H2"),
        ("H2:nan,O2:1", "H2"),
        ("H2:NaN", "H2"),
        ("H2:inf,O2:1", "H2"),
        ("H2:1,O2:-inf", "O2"),
        ("H2:two", "two"),
        ("H2:", "H2"),
        ("H2:1:2", "1:2"),
        ("H2:1,H2:2", "H2 is listed twice"),
        ("air:1,air:1", "air is listed twice"),
        ("", "empty"),
        ("   ", "empty"),
        ("H2:1,,O2:1", "empty entry"),
        ("H2:1,", "empty entry"),
        (",", "empty entry"),
    ];
    for (text, culprit) in cases {
        let e = gas.parse_mole_fractions("mixture", text).unwrap_err();
        let msg = e.to_string();
        assert!(
            matches!(e, ChemError::Composition { .. }),
            "{text:?}: {e:?}"
        );
        assert!(
            msg.contains("mixture") && msg.contains(culprit),
            "{text:?}: {msg}"
        );
    }
}

#[test]
fn odd_text_never_panics_and_never_returns_a_bad_vector() {
    let gas = gas();
    let inputs = [
        ":",
        ":1",
        "H2:1e308,O2:1e308",
        "H2:1.7e308,O2:1.7e308,N2:1.7e308",
        "H2:5e-324,O2:5e-324",
        "H2:1e-300",
        "H₂:1",
        "H2;O2",
        "H2 O2",
        "H2:1 O2:1",
        "H2:+1",
        "H2:0x10",
        "H2:1_000",
        "H2:-0",
        "\u{0}",
        "H2:1\nO2:1",
        "air:1e308,H2:1e308",
        "💥",
        "H2:1e309",
        "O2:4.9e-324",
    ];
    for text in inputs {
        match gas.parse_mole_fractions("mixture", text) {
            Ok(x) => assert_normalised(text, &x),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn equivalence_ratio_mixtures() {
    let gas = gas();
    // H2–air at φ = 1: 2 H2 + (O2 + 3.76 N2) → x_H2 = 2/(2 + 4.76).
    let x = equivalence_ratio_mixture(&gas, 1.0, "H2", "air").unwrap();
    assert_normalised("H2-air", &x);
    close("H2-air x_H2", x_of(&gas, &x, "H2"), 2.0 / 6.76, 1e-15);
    close("H2-air x_O2", x_of(&gas, &x, "O2"), 1.0 / 6.76, 1e-15);
    // H2–O2 at φ = 1 is 2:1.
    let x = equivalence_ratio_mixture(&gas, 1.0, "H2", "O2").unwrap();
    close("H2-O2 x_H2", x_of(&gas, &x, "H2"), 2.0 / 3.0, 1e-15);
    close("H2-O2 x_O2", x_of(&gas, &x, "O2"), 1.0 / 3.0, 1e-15);
    // φ scales the fuel/oxidiser ratio.
    for phi in [0.1, 0.5, 2.0, 10.0] {
        let x = equivalence_ratio_mixture(&gas, phi, "H2", "O2").unwrap();
        assert_normalised("phi", &x);
        close(
            &format!("φ = {phi}"),
            x_of(&gas, &x, "H2") / x_of(&gas, &x, "O2"),
            2.0 * phi,
            1e-13,
        );
    }
    // Diluted oxidiser and fuel blends: an O2:1,AR:4 oxidiser at φ = 0.5 gives H2:O2 = 1.
    let x = equivalence_ratio_mixture(&gas, 0.5, "H2:9,N2:1", "O2:1,AR:4").unwrap();
    close(
        "blend",
        x_of(&gas, &x, "H2") / x_of(&gas, &x, "O2"),
        1.0,
        1e-14,
    );
    close(
        "N2/H2",
        x_of(&gas, &x, "N2") / x_of(&gas, &x, "H2"),
        1.0 / 9.0,
        1e-14,
    );

    // φ ≤ 0 and non-finite φ are out of range, naming the field.
    for phi in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = equivalence_ratio_mixture(&gas, phi, "H2", "air").unwrap_err();
        assert!(
            matches!(e, ChemError::OutOfRange { .. }),
            "φ = {phi}: {e:?}"
        );
        // Issue #20: the error names the input field.
        assert!(e.to_string().contains("mixture.equivalence_ratio"), "{e}");
    }
    // Huge φ: an error or a valid composition, never NaN.
    for phi in [1e300, f64::MAX] {
        if let Ok(x) = equivalence_ratio_mixture(&gas, phi, "H2", "O2") {
            assert_normalised(&format!("φ = {phi:e}"), &x);
        }
    }
    // A fuel that needs no oxygen or an oxidiser that supplies none.
    for (fuel, ox) in [("N2", "O2"), ("H2", "N2"), ("O2", "H2"), ("H2", "H2")] {
        let e = equivalence_ratio_mixture(&gas, 1.0, fuel, ox).unwrap_err();
        assert!(
            matches!(e, ChemError::Composition { .. }),
            "{fuel}/{ox}: {e:?}"
        );
    }
    // Errors inside the strings name the right field.
    let msg = equivalence_ratio_mixture(&gas, 1.0, "H3", "O2")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("fuel"), "{msg}");
    let msg = equivalence_ratio_mixture(&gas, 1.0, "H2", "O2:-1")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("oxidizer"), "{msg}");
}

#[test]
fn state_tpx_rejects_bad_temperature_and_pressure() {
    let gas = gas();
    let x = gas.parse_mole_fractions("mixture", "H2:2,O2:1").unwrap();
    let s = gas.state_tpx(295.0, 101_325.0, &x).unwrap();
    close("T", s.temperature, 295.0, 0.0);
    close("P", s.pressure, 101_325.0, 0.0);
    assert_normalised("state", &s.mole_fractions);

    for t in [f64::NAN, -300.0, 0.0, f64::INFINITY, -0.0, 1e-300, 1e9] {
        let e = gas.state_tpx(t, 101_325.0, &x).unwrap_err();
        let ChemError::OutOfRange { field, unit, .. } = &e else {
            panic!("T = {t}: {e:?}")
        };
        assert_eq!(field, "temperature");
        assert_eq!(*unit, "K");
        assert!(e.to_string().starts_with("temperature = "), "{e}");
    }
    for p in [
        f64::NAN,
        -1e5,
        0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e-9,
        1e20,
    ] {
        let e = gas.state_tpx(300.0, p, &x).unwrap_err();
        let ChemError::OutOfRange { field, unit, .. } = &e else {
            panic!("P = {p}: {e:?}")
        };
        assert_eq!(field, "pressure");
        assert_eq!(*unit, "Pa");
        assert!(e.to_string().contains("pressure"), "{e}");
    }
}

#[test]
fn state_tpx_rejects_bad_mole_fraction_vectors() {
    let gas = gas();
    let n = gas.n_species();
    let mut nan = vec![0.0; n];
    nan[0] = 1.0;
    nan[3] = f64::NAN;
    let mut neg = vec![0.0; n];
    neg[0] = 1.0;
    neg[5] = -1e-3;
    let huge = vec![f64::MAX; n];
    for (what, x) in [
        ("short", vec![1.0; n - 1]),
        ("long", vec![1.0; n + 1]),
        ("empty", vec![]),
        ("all zero", vec![0.0; n]),
        ("NaN", nan),
        ("negative", neg),
        ("infinite", vec![f64::INFINITY; n]),
    ] {
        let e = gas.state_tpx(300.0, 1e5, &x).unwrap_err();
        assert!(matches!(e, ChemError::Composition { .. }), "{what}: {e:?}");
        assert!(e.to_string().contains("mole fractions"), "{what}: {e}");
    }
    // Amounts so large that their sum overflows: an error or a valid vector.
    if let Ok(s) = gas.state_tpx(300.0, 1e5, &huge) {
        assert_normalised("huge", &s.mole_fractions);
    }
    // Unnormalised input is normalised.
    let mut x = vec![0.0; n];
    x[0] = 4.0;
    x[3] = 2.0;
    let s = gas.state_tpx(300.0, 1e5, &x).unwrap();
    close("x_H2", s.mole_fractions[0], 2.0 / 3.0, 1e-16);
    assert_normalised("unnormalised", &s.mole_fractions);
}
