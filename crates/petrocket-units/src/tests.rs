use crate::*;
use Dimension as D;

#[track_caller]
fn assert_close(got: f64, want: f64) {
    let tol = 1e-12 * want.abs().max(f64::MIN_POSITIVE);
    assert!((got - want).abs() <= tol, "got {got:e}, want {want:e}");
}

#[track_caller]
fn si(text: &str, dim: D) -> f64 {
    to_si(text, dim).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[track_caller]
fn err(result: Result<impl std::fmt::Debug, UnitError>) -> String {
    result.unwrap_err().to_string()
}

/// One quantity per table symbol, with its SI value.
#[rustfmt::skip]
const TABLE: &[(&str, f64, D)] = &[
    ("1 m", 1.0, D::LENGTH), ("1 cm", 1e-2, D::LENGTH), ("0.3 mm", 3e-4, D::LENGTH),
    ("1 um", 1e-6, D::LENGTH), ("1 µm", 1e-6, D::LENGTH), ("1 μm", 1e-6, D::LENGTH),
    ("1 km", 1e3, D::LENGTH), ("1 in", 0.0254, D::LENGTH), ("1 ft", 0.3048, D::LENGTH),
    ("2 L", 2e-3, D::VOLUME), ("1 l", 1e-3, D::VOLUME), ("1 mL", 1e-6, D::VOLUME),
    ("1 ml", 1e-6, D::VOLUME), ("1 cL", 1e-5, D::VOLUME), ("1 dL", 1e-4, D::VOLUME),
    ("1 m^3", 1.0, D::VOLUME), ("1 m3", 1.0, D::VOLUME), ("1 cm³", 1e-6, D::VOLUME),
    ("1 s", 1.0, D::TIME), ("1 ms", 1e-3, D::TIME), ("1 us", 1e-6, D::TIME),
    ("1 µs", 1e-6, D::TIME), ("1 μs", 1e-6, D::TIME), ("1 ns", 1e-9, D::TIME),
    ("1 min", 60.0, D::TIME), ("1 h", 3600.0, D::TIME),
    ("1 kg", 1.0, D::MASS), ("1 g", 1e-3, D::MASS), ("1 mg", 1e-6, D::MASS),
    ("1 lb", 0.453_592_37, D::MASS),
    ("300 K", 300.0, D::TEMPERATURE), ("25 degC", 298.15, D::TEMPERATURE),
    ("25 °C", 298.15, D::TEMPERATURE), ("25 ℃", 298.15, D::TEMPERATURE),
    ("-40 degF", 233.15, D::TEMPERATURE), ("32 °F", 273.15, D::TEMPERATURE),
    ("212 ℉", 373.15, D::TEMPERATURE), ("491.67 degR", 273.15, D::TEMPERATURE),
    ("491.67 °R", 273.15, D::TEMPERATURE),
    ("1.5e5 Pa", 1.5e5, D::PRESSURE), ("1 hPa", 1e2, D::PRESSURE), ("1 kPa", 1e3, D::PRESSURE),
    ("1 MPa", 1e6, D::PRESSURE), ("1 GPa", 1e9, D::PRESSURE), ("2 bar", 2e5, D::PRESSURE),
    ("1 mbar", 1e2, D::PRESSURE), ("1 atm", 101_325.0, D::PRESSURE),
    ("1 psi", 6_894.757_293_168_361, D::PRESSURE), ("760 torr", 101_325.0, D::PRESSURE),
    ("760 Torr", 101_325.0, D::PRESSURE), ("1 mmHg", 133.322_387_415, D::PRESSURE),
    ("1 N", 1.0, D::FORCE), ("1 kN", 1e3, D::FORCE), ("1 dyn", 1e-5, D::FORCE),
    ("1 J", 1.0, D::ENERGY), ("1 kJ", 1e3, D::ENERGY), ("1 MJ", 1e6, D::ENERGY),
    ("1 cal", 4.184, D::ENERGY), ("1 kcal", 4184.0, D::ENERGY), ("1 erg", 1e-7, D::ENERGY),
    ("1 eV", 1.602_176_634e-19, D::ENERGY),
    ("1 W", 1.0, D::POWER), ("1 kW", 1e3, D::POWER), ("1 MW", 1e6, D::POWER),
    ("1 mol", 1.0, D::AMOUNT), ("1 kmol", 1e3, D::AMOUNT),
    ("6.02214076e23 molec", 1.0, D::AMOUNT),
    ("1 Hz", 1.0, D::FREQUENCY), ("1 kHz", 1e3, D::FREQUENCY), ("1 MHz", 1e6, D::FREQUENCY),
];

#[test]
fn every_table_unit_converts() {
    for &(text, want, dim) in TABLE {
        assert_close(si(text, dim), want);
    }
    for (symbol, _) in known_units() {
        let covered = TABLE
            .iter()
            .any(|(t, ..)| t.split_once(' ').unwrap().1 == symbol);
        assert!(covered, "{symbol} is not tested");
    }
}

#[test]
fn cantera_expressions() {
    let cases: &[(&str, f64, D)] = &[
        ("cm^3/mol/s", 1e-6, D::new(0, 3, -1, 0, -1)),
        ("m^6/kmol^2/s", 1e-6, D::new(0, 6, -1, 0, -2)),
        ("kcal/mol", 4184.0, D::MOLAR_ENERGY),
        ("cal/mol", 4.184, D::MOLAR_ENERGY),
        ("J/kmol", 1e-3, D::MOLAR_ENERGY),
        ("kJ/mol", 1e3, D::MOLAR_ENERGY),
        ("K", 1.0, D::TEMPERATURE),
        ("eV", 1.602_176_634e-19, D::ENERGY),
        ("1/s", 1.0, D::FREQUENCY),
        ("mol/cm^3", 1e6, D::CONCENTRATION),
        ("dyn/cm^2", 0.1, D::PRESSURE),
        ("molec", 1.0 / AVOGADRO, D::AMOUNT),
        ("cm^3/molec/s", 1e-6 * AVOGADRO, D::new(0, 3, -1, 0, -1)),
    ];
    for &(expr, factor, dimension) in cases {
        let unit = parse_unit(expr).unwrap();
        assert_close(unit.factor, factor);
        assert_eq!(
            (unit.dimension, unit.is_affine()),
            (dimension, false),
            "{expr}"
        );
    }
    let (v, unit) = parse_quantity("1 kcal/mol").unwrap();
    assert_close(unit.to_si(v), 4184.0);
    assert_eq!(unit.dimension, D::MOLAR_ENERGY);
    assert_close(si("1 cm^3/mol/s", D::new(0, 3, -1, 0, -1)), 1e-6);
}

#[test]
fn separators_exponents_and_whitespace() {
    for text in [
        "2bar",
        " 2  bar ",
        "2 bar\t",
        "+2 bar",
        "2.0e0 bar",
        "2E5 Pa",
        "200000",
    ] {
        assert_close(si(text, D::PRESSURE), 2e5);
    }
    assert_close(si("2eV", D::ENERGY), 2.0 * ELEMENTARY_CHARGE);
    assert_close(si(".5 m", D::LENGTH), 0.5);
    assert_close(si("-3.5 degC", D::TEMPERATURE), 269.65);
    for expr in [
        "kg/m^3",
        "kg m^-3",
        "kg*m^-3",
        "kg·m⁻³",
        "kg * m^-3",
        "kg/m3",
    ] {
        assert_eq!(parse_unit(expr).unwrap(), Unit::si(D::DENSITY), "{expr}");
    }
    assert!(
        parse_unit("kg m-3").is_err(),
        "only '^' exponents may be negative"
    );
    assert_eq!(
        parse_unit("W / m / K").unwrap(),
        Unit::si(D::THERMAL_CONDUCTIVITY)
    );
    assert_eq!(
        parse_unit("W/m K").unwrap().dimension,
        D::new(1, 1, -3, 1, 0)
    );
    assert_eq!(parse_unit("m^+2").unwrap().dimension, D::AREA);
    assert_eq!(parse_unit("s^-1").unwrap().dimension, D::FREQUENCY);
    assert_close(parse_unit("cm^-3").unwrap().factor, 1e6);
    assert_close(parse_unit("cm²").unwrap().factor, 1e-4);
}

#[test]
fn bare_numbers_are_si() {
    assert_close(si("101325", D::PRESSURE), 101_325.0);
    assert_close(si("300", D::TEMPERATURE), 300.0);
    assert_close(si("-1e-3", D::LENGTH), -1e-3);
    let (v, unit) = parse_quantity("1e5").unwrap();
    assert_close(v, 1e5);
    assert_eq!(unit, Unit::si(D::DIMENSIONLESS));
    assert_close(si("0.5 1", D::DIMENSIONLESS), 0.5);
}

#[test]
fn round_trips() {
    for d in [
        D::PRESSURE,
        D::HEAT_FLUX,
        D::new(1, 0, -1, 0, 0),
        D::new(0, 1, -3, 0, 0),
    ] {
        assert_eq!(parse_unit(&d.si_unit_symbol()).unwrap(), Unit::si(d), "{d}");
        assert_eq!(parse_unit(&d.base_units()).unwrap(), Unit::si(d), "{d}");
    }
    for (symbol, unit) in known_units() {
        let parsed = parse_unit(symbol).unwrap();
        assert_eq!(parsed, unit);
        assert_close(unit.from_si(unit.to_si(12.5)), 12.5);
    }
    assert_close(
        convert("2 bar", "psi").unwrap(),
        2e5 / 6_894.757_293_168_361,
    );
    assert_close(convert("298.15", "degC").unwrap(), 25.0);
    assert_close(convert("100 degC", "degF").unwrap(), 212.0);
}

#[test]
fn dimensions() {
    assert_eq!(D::FORCE.div(D::AREA), D::PRESSURE);
    assert_eq!(D::PRESSURE * D::VOLUME, D::ENERGY);
    assert_eq!(D::ENERGY / D::AMOUNT, D::MOLAR_ENERGY);
    assert_eq!(D::LENGTH.powi(3), D::VOLUME);
    assert_eq!(D::TEMPERATURE.powi(-1), D::INVERSE_TEMPERATURE);
    assert_eq!(
        D::POWER.div(D::LENGTH).div(D::TEMPERATURE),
        D::THERMAL_CONDUCTIVITY
    );
    assert_eq!(D::AREA.checked_powi(100), None);
    assert_eq!(D::PRESSURE.name(), Some("pressure"));
    assert_eq!(D::PRESSURE.si_unit_symbol(), "Pa");
    assert_eq!(D::PRESSURE.base_units(), "kg·m^-1·s^-2");
    assert_eq!(D::new(1, -1, -1, 0, 0).to_string(), "kg·m^-1·s^-1");
    assert_eq!(D::new(1, -1, -1, 0, 0).name(), None);
    assert_eq!(D::MOLAR_ENERGY.to_string(), "molar energy");
    assert_eq!(D::DIMENSIONLESS.si_unit_symbol(), "1");
    assert_close(GAS_CONSTANT, 8.314_462_618_153_24);
    assert_close(BOLTZMANN * AVOGADRO, GAS_CONSTANT);
}

#[test]
fn dimension_mismatch_messages() {
    let mismatch = |text, dim| err(to_si(text, dim));
    assert_eq!(
        mismatch("2 mm", D::PRESSURE),
        r#""2 mm" is a length, expected a pressure (e.g. "2 bar", "1 atm" or a number in Pa)"#
    );
    assert_eq!(
        mismatch("1 kJ", D::AMOUNT),
        r#""1 kJ" is an energy, expected an amount of substance (e.g. "2 mol", "0.1 kmol" or a number in mol)"#
    );
    assert_eq!(
        mismatch("3 mm/s^3", D::DIMENSIONLESS),
        r#""3 mm/s^3" has dimension m·s^-3, expected a dimensionless number (e.g. "0.5")"#
    );
    assert_eq!(
        mismatch("3 1/s", D::new(0, 1, -3, 0, 0)),
        r#""3 1/s" is a frequency, expected dimension m·s^-3 (e.g. a number in m·s^-3)"#
    );
    assert_eq!(
        mismatch("3 1", D::LENGTH),
        r#""3 1" is dimensionless, expected a length (e.g. "0.3 mm", "2 cm" or a number in m)"#
    );
}

#[test]
fn unknown_unit_messages() {
    assert_eq!(
        err(to_si("2 barr", D::PRESSURE)),
        r#"unknown unit "barr" in "2 barr"; did you mean "bar"?"#
    );
    assert_eq!(
        err(parse_unit("barr")),
        r#"unknown unit "barr"; did you mean "bar"?"#
    );
    for (text, hint) in [
        ("2 KPA", "kPa"),
        ("25 C", "degC"),
        ("3 sec", "s"),
        ("1 mmhg", "mmHg"),
    ] {
        let e = to_si(text, D::PRESSURE).unwrap_err();
        assert!(
            matches!(&e, UnitError::UnknownUnit { suggestion: Some(s), .. } if *s == hint),
            "{e}"
        );
    }
    assert_eq!(
        err(parse_unit("cm^3/xyzzy/s")),
        r#"unknown unit "xyzzy" in "cm^3/xyzzy/s"; expected a unit such as "bar", "mm", "L", "K", "degC" or "kcal/mol""#
    );
    assert!(err(parse_quantity("1 q"))
        .ends_with(r#"such as "bar", "mm", "L", "K", "degC" or "kcal/mol""#));
}

#[test]
fn number_errors() {
    let expected = r#"expected a number such as "2", "-3.5" or "1.5e5" optionally followed by a unit (e.g. "2 bar")"#;
    for text in ["bar", "1.2.3 bar", "1,5 bar", "2-3 bar", "- 2 bar", "."] {
        assert_eq!(
            err(to_si(text, D::PRESSURE)),
            format!("invalid number in {text:?}, {expected}")
        );
    }
    assert_eq!(
        err(to_si(" ", D::PRESSURE)),
        r#"empty quantity, expected a number with an optional unit (e.g. "2 bar" or "101325")"#
    );
    for text in [
        "nan",
        "NaN bar",
        "inf",
        "-Infinity Pa",
        "1e999",
        "1e400 Pa",
        "1e300 GPa",
    ] {
        assert_eq!(
            err(to_si(text, D::PRESSURE)),
            format!(
                r#"{text:?} is not a finite number, expected a finite value (e.g. "2 bar" or "101325")"#
            )
        );
    }
    assert_eq!(to_si("1e999", D::PRESSURE).unwrap_err().text(), "1e999");
}

#[test]
fn malformed_unit_messages() {
    let cases = [
        (
            "2 m^",
            r#"invalid unit expression "m^" in "2 m^": expected an integer exponent after "^" (e.g. "m^3", "m^-3" or "m⁻³")"#,
        ),
        (
            "2 m^x",
            r#"invalid unit expression "m^x" in "2 m^x": expected an integer exponent after "^" (e.g. "m^3", "m^-3" or "m⁻³")"#,
        ),
        (
            "1 /s",
            r#"invalid unit expression "/s" in "1 /s": '/' must stand between two factors (e.g. "m/s" or "1/s")"#,
        ),
        (
            "1 m//s",
            r#"invalid unit expression "m//s" in "1 m//s": '/' must stand between two factors (e.g. "m/s" or "1/s")"#,
        ),
        (
            "1 m*",
            r#"invalid unit expression "m*" in "1 m*": '*' must stand between two factors (e.g. "m/s" or "1/s")"#,
        ),
        (
            "1 W/(m K)",
            r#"invalid unit expression "W/(m K)" in "1 W/(m K)": parentheses are not supported; give each divisor its own '/' (e.g. "W/m/K" for W/(m·K))"#,
        ),
        (
            "1 m^99",
            r#"invalid unit expression "m^99" in "1 m^99": exponent 99 is out of range (at most 12 in magnitude)"#,
        ),
        (
            "2 3 bar",
            r#"invalid unit expression "3 bar" in "2 3 bar": numeric factor "3" is not supported; only "1" may appear, as in "1/s""#,
        ),
        (
            "1 m^3s",
            r#"invalid unit expression "m^3s" in "1 m^3s": unexpected character 's' after "m^3"; separate factors with '*', '/' or a space"#,
        ),
        (
            "5 %",
            r#"invalid unit expression "%" in "5 %": unexpected character '%'; expected unit symbols separated by '*', '/' or spaces (e.g. "cm^3/mol/s")"#,
        ),
    ];
    for (text, message) in cases {
        assert_eq!(err(parse_quantity(text)), message);
    }
    assert_eq!(
        err(parse_unit(" ")),
        r#"invalid unit expression "": empty, expected a unit such as "bar" or "cm^3/mol/s""#
    );
    assert!(err(parse_unit("m⁻")).contains(r#"expected an integer exponent after "⁻""#));
    assert!(err(parse_unit("m^99999999999999")).contains("out of range"));
    let big = ["m^12"; 11].join(" ");
    assert!(err(parse_unit(&big)).ends_with("exponents are out of range"));
}

#[test]
fn affine_temperatures_stand_alone() {
    for text in ["1 degC/s", "1 J/degC", "1 degC^2", "2 °C m", "1 degF/min"] {
        let e = to_si(text, D::TEMPERATURE).unwrap_err();
        assert!(matches!(e, UnitError::AffineCombined { .. }), "{text}: {e}");
    }
    assert_eq!(
        err(parse_quantity("1 degC/s")),
        r#""degC" cannot be combined with other units or powers in "1 degC/s"; write it alone (e.g. "25 degC") and use "K" in compound units and temperature differences"#
    );
    assert_close(parse_unit("J/K").unwrap().factor, 1.0);
}

#[test]
fn quantity_input_from_str_and_serde() {
    let p: QuantityInput = "2 bar".parse().unwrap();
    assert_eq!(p, QuantityInput::Text("2 bar".into()));
    assert_close(p.to_si(D::PRESSURE).unwrap(), 2e5);
    assert_eq!(" 101325 ".parse(), Ok(QuantityInput::Number(101_325.0)));
    assert_eq!(p.to_string(), "2 bar");
    assert!(err("2 barr".parse::<QuantityInput>()).contains(r#"did you mean "bar"?"#));
    assert!(err(QuantityInput::Text("2 mm".into()).to_si(D::PRESSURE)).contains("is a length"));
    assert!(err(QuantityInput::Number(f64::NAN).to_si(D::PRESSURE)).contains("not a finite"));

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Config {
        p: QuantityInput,
    }
    let toml = |s: &str| toml::from_str::<Config>(s).map(|c| c.p);
    assert_eq!(toml("p = 200000").unwrap(), QuantityInput::Number(2e5));
    assert_eq!(toml("p = 2.5e5").unwrap(), QuantityInput::Number(2.5e5));
    assert_eq!(
        toml("p = \"2 bar\"").unwrap(),
        QuantityInput::Text("2 bar".into())
    );
    assert!(toml("p = nan")
        .unwrap_err()
        .to_string()
        .contains("\"NaN\" is not a finite number"));
    assert!(toml("p = \"2 barr\"")
        .unwrap_err()
        .to_string()
        .contains(r#"did you mean "bar"?"#));
    assert!(toml("p = true")
        .unwrap_err()
        .to_string()
        .contains("a number in SI units or a string"));

    let json = |s: &str| serde_json::from_str::<Config>(s).map(|c| c.p);
    assert_eq!(json(r#"{"p": 3}"#).unwrap(), QuantityInput::Number(3.0));
    assert_eq!(json(r#"{"p": -1.5}"#).unwrap(), QuantityInput::Number(-1.5));
    assert_eq!(
        json(r#"{"p": "25 degC"}"#).unwrap(),
        QuantityInput::Text("25 degC".into())
    );
    for p in [
        QuantityInput::Number(0.25),
        QuantityInput::Text("1 atm".into()),
    ] {
        let text = serde_json::to_string(&Config { p: p.clone() }).unwrap();
        assert_eq!(json(&text).unwrap(), p);
    }
}
