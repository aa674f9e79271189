//! The built-in materials file, user merges, and validation errors.

use petrocket_structure::materials::{MaterialDb, TemperatureDependence, BUILTIN_MATERIALS_TOML};
use petrocket_structure::StructureError;

const T23: f64 = 296.15;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn builtin_has_the_six_materials_in_file_order() {
    let db = MaterialDb::builtin();
    assert_eq!(
        db.names(),
        [
            "pet-oriented",
            "pet-amorphous",
            "hdpe",
            "pp",
            "al-6061-t6",
            "ss-304"
        ]
    );
    assert_eq!(db.len(), 6);
    assert_eq!(
        db.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        db.names()
    );
    assert_eq!((&db).into_iter().count(), 6);
}

#[test]
fn every_property_has_a_source() {
    for m in &MaterialDb::builtin() {
        let citations = m.citations();
        assert!(citations.len() >= 14, "{}", m.name);
        for c in citations {
            assert!(
                c.source.trim().len() > 10,
                "{}.{} has no real source",
                m.name,
                c.field
            );
            if c.source.starts_with("assumption") || c.source.starts_with("MODEL") {
                assert!(
                    c.assumption,
                    "{}.{} reads as an assumption but is not flagged",
                    m.name, c.field
                );
            }
        }
    }
}

#[test]
fn pet_values_follow_validation_md() {
    let db = MaterialDb::builtin();
    let wall = db.get("pet-oriented").unwrap();
    // P1: 196–235 MPa; the conservative lower value.
    assert!(close(wall.tensile_strength_pa.value, 196e6, 1e-12));
    assert!(wall.tensile_strength_pa.source.contains("P1"));
    // P2, P5.
    assert!((4.5e9..=5.0e9).contains(&wall.youngs_modulus_pa.value));
    assert!(close(wall.poisson_ratio.value, 0.38, 1e-12));
    assert!(close(wall.density_kg_m3.value, 1390.0, 1e-12));
    assert!(close(wall.thermal_conductivity_w_m_k.value, 0.155, 1e-12));
    assert!(close(wall.specific_heat_j_kg_k.value, 1170.0, 1e-12));
    assert!(close(wall.thermal_expansion_per_k.value, 1.7e-5, 1e-12));
    // P4: 70–80 °C, bottle ≈ 6 K lower.
    let tg = wall.glass_transition_k.as_ref().unwrap().value;
    assert!((337.0..=353.2).contains(&tg));
    // Unknowns are flagged, not invented silently.
    assert!(wall.weibull_modulus.assumption);
    assert!(wall.strength_vs_temperature.is_assumption());
    assert!(matches!(
        wall.modulus_vs_temperature,
        TemperatureDependence::GlassTransition { .. }
    ));

    // P3: amorphous PET 55 MPa, for finish and base only.
    let finish = db.get("pet-amorphous").unwrap();
    assert!(close(finish.tensile_strength_pa.value, 55e6, 1e-12));
    assert!(finish.description.contains("NOT the sidewall"));
}

#[test]
fn temperature_dependence_of_pet() {
    let db = MaterialDb::builtin();
    let wall = db.get("pet-oriented").unwrap();
    assert!(close(
        wall.youngs_modulus_at(T23).unwrap(),
        wall.youngs_modulus_pa.value,
        1e-12
    ));
    assert!(close(wall.strength_at(T23).unwrap(), 196e6, 1e-12));
    // Softening through Tg: strength falls towards 10 % well above it.
    let at_40c = wall.strength_at(313.15).unwrap();
    let at_tg = wall.strength_at(337.15).unwrap();
    let at_100c = wall.strength_at(373.15).unwrap();
    assert!(at_40c > 0.95 * 196e6 && at_40c <= 196e6);
    assert!(close(at_tg, 0.55 * 196e6, 1e-3)); // (1 + r)/2 at Tg, r = 0.1
    assert!(at_100c < 0.11 * 196e6);
    // No credit for cold strengthening.
    assert!(wall.strength_at(233.15).unwrap() <= 196e6);
    // Outside the data: an error with a hint, not a number.
    let e = wall.strength_at(500.0).unwrap_err();
    assert!(matches!(e, StructureError::TemperatureOutOfRange { .. }));
    assert!(e.to_string().contains("lost its strength"), "{e}");
    assert!(wall.strength_at(f64::NAN).is_err());
    assert!(wall.youngs_modulus_at(-1.0).is_err());
}

#[test]
fn metal_tables_interpolate() {
    let db = MaterialDb::builtin();
    let al = db.get("al-6061-t6").unwrap();
    assert!(close(al.strength_at(373.15).unwrap(), 0.933 * 310e6, 1e-12));
    assert!(close(
        al.strength_at(397.595).unwrap(),
        0.5 * (0.933 + 0.756) * 310e6,
        1e-9
    ));
    assert!(al.strength_at(700.0).is_err());
    let ss = db.get("ss-304").unwrap();
    assert!(close(
        ss.youngs_modulus_at(673.15).unwrap(),
        0.84 * 193e9,
        1e-12
    ));
}

#[test]
fn strain_rate_factor_is_asymmetric_and_bounded() {
    let db = MaterialDb::builtin();
    let wall = db.get("pet-oriented").unwrap();
    let reference = wall.strain_rate.reference_per_s.value;
    assert!(close(
        wall.strain_rate_factor(reference).unwrap(),
        1.0,
        1e-12
    ));
    // +3 %/decade above, −8 %/decade below.
    assert!(close(
        wall.strain_rate_factor(reference * 1e3).unwrap(),
        1.09,
        1e-12
    ));
    assert!(close(
        wall.strain_rate_factor(reference * 1e-2).unwrap(),
        0.84,
        1e-12
    ));
    assert!(close(
        wall.strength_at_rate(T23, reference * 10.0).unwrap(),
        196e6 * 1.03,
        1e-12
    ));
    for bad in [0.0, -1.0, f64::NAN, 1e5, 1e-9] {
        assert!(
            matches!(
                wall.strain_rate_factor(bad),
                Err(StructureError::StrainRateOutOfRange { .. })
            ),
            "{bad}"
        );
    }
    for m in &db {
        assert!(m.strain_rate_factor(1e-8).unwrap() > 0.0, "{}", m.name);
    }
}

#[test]
fn unknown_material_suggests() {
    let db = MaterialDb::builtin();
    let e = db.get("pet-orientd").unwrap_err();
    let msg = e.to_string();
    assert!(
        matches!(&e, StructureError::UnknownMaterial { suggestion: Some(s), .. } if s == "pet-oriented"),
        "{msg}"
    );
    assert!(
        msg.contains("did you mean `pet-oriented`") && msg.contains("ss-304"),
        "{msg}"
    );
    assert!(matches!(
        db.get("unobtainium"),
        Err(StructureError::UnknownMaterial {
            suggestion: None,
            ..
        })
    ));
}

/// The built-in PET entry with its name and strength changed, as user TOML.
fn user_pet(name: &str, strength: &str) -> String {
    let start = BUILTIN_MATERIALS_TOML.find("[[material]]").unwrap();
    let end = BUILTIN_MATERIALS_TOML[start + 1..]
        .find("[[material]]")
        .unwrap()
        + start
        + 1;
    let strength_line = BUILTIN_MATERIALS_TOML[start..end]
        .lines()
        .find(|l| l.starts_with("tensile_strength_pa"))
        .unwrap();
    BUILTIN_MATERIALS_TOML[start..end]
        .replace("name = \"pet-oriented\"", &format!("name = \"{name}\""))
        .replace(
            strength_line,
            &format!(
                "tensile_strength_pa = {{ value = {strength}, source = \"my lab, batch 7\" }}"
            ),
        )
}

#[test]
fn user_file_overrides_and_adds_by_name() {
    let dir = std::env::temp_dir().join(format!("petrocket-structure-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("user-materials.toml");
    std::fs::write(
        &path,
        user_pet("pet-oriented", "150e6") + &user_pet("pet-recycled", "120e6"),
    )
    .unwrap();

    let mut db = MaterialDb::builtin();
    db.load_and_merge(&path).unwrap();
    assert_eq!(db.len(), 7);
    assert_eq!(
        db.names()[0],
        "pet-oriented",
        "an override keeps its position"
    );
    assert_eq!(db.names()[6], "pet-recycled", "a new name is appended");
    let wall = db.get("pet-oriented").unwrap();
    assert!(close(wall.tensile_strength_pa.value, 150e6, 1e-12));
    assert_eq!(wall.tensile_strength_pa.source, "my lab, batch 7");
    assert!(close(
        db.get("pet-recycled").unwrap().strength_at(T23).unwrap(),
        120e6,
        1e-12
    ));

    let missing = db.load_and_merge(dir.join("nope.toml")).unwrap_err();
    assert!(matches!(missing, StructureError::Io { .. }));
    assert!(missing.to_string().contains("nope.toml"));
    assert_eq!(db.len(), 7, "a failed merge leaves the database unchanged");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_user_data_is_rejected_with_context() {
    let pet = user_pet("mine", "150e6");
    let cases: [(String, &str); 8] = [
        (
            pet.replace("value = 0.38,", "value = 0.5,"),
            "poisson_ratio",
        ),
        (
            pet.replace("value = 1390.0,", "value = -1390.0,"),
            "density_kg_m3",
        ),
        (
            pet.replace(
                "value = 150e6, source = \"my lab, batch 7\"",
                "value = 150e6, source = \" \"",
            ),
            "tensile_strength_pa",
        ),
        (
            pet.replace("max_k = 473.15", "max_k = 600.0"),
            "≤ melting_k",
        ),
        (
            pet.replace("rubbery_fraction = 0.10", "rubbery_fraction = 1.5"),
            "rubbery_fraction",
        ),
        (
            pet.replace(
                "weibull_modulus = { value = 8.0",
                "weibull_modulus = { value = 0.5",
            ),
            "weibull_modulus",
        ),
        (
            pet.replace(
                "loss_per_decade = { value = 0.08",
                "loss_per_decade = { value = 0.3",
            ),
            "loss_per_decade",
        ),
        (
            pet.replace(
                "yield_strength_pa = { value = 98e6",
                "yield_strength_pa = { value = 300e6",
            ),
            "yield_strength_pa",
        ),
    ];
    for (text, needle) in cases {
        let e = MaterialDb::from_toml_str(&text).unwrap_err().to_string();
        assert!(
            e.contains("material `mine`") && e.contains(needle),
            "{needle}: {e}"
        );
    }
}

#[test]
fn unsorted_table_and_unknown_fields_are_rejected() {
    let ss_start = BUILTIN_MATERIALS_TOML.rfind("[[material]]").unwrap();
    let ss = &BUILTIN_MATERIALS_TOML[ss_start..];
    let unsorted = ss.replace(
        "[373.15, 0.96], [473.15, 0.92]",
        "[473.15, 0.92], [373.15, 0.96]",
    );
    let e = MaterialDb::from_toml_str(&unsorted)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("modulus_vs_temperature.points[4]") && e.contains("increasing"),
        "{e}"
    );

    let typo = ss.replace("density_kg_m3", "densty_kg_m3");
    let e = MaterialDb::from_toml_str(&typo).unwrap_err();
    assert!(matches!(e, StructureError::MaterialsToml { .. }));
    assert!(e.to_string().contains("densty_kg_m3"), "{e}");

    let bare_number = ss.replace(
        "poisson_ratio = { value = 0.29, source = \"ASM/MatWeb AISI Type 304: 0.29\" }",
        "poisson_ratio = 0.29",
    );
    assert!(
        MaterialDb::from_toml_str(&bare_number).is_err(),
        "a value without a source is rejected"
    );

    let extra_in_model = ss.replace("kind = \"table\"", "kind = \"table\"\nwidth_k = 3.0");
    assert!(MaterialDb::from_toml_str(&extra_in_model).is_err());

    let twice = format!("{ss}\n{ss}");
    assert!(matches!(
        MaterialDb::from_toml_str(&twice),
        Err(StructureError::DuplicateMaterial { .. })
    ));

    assert!(MaterialDb::from_toml_str("").unwrap().is_empty());
}

#[test]
fn glass_transition_model_needs_a_glass_transition() {
    let pet = user_pet("mine", "150e6");
    let tg_line = pet
        .lines()
        .find(|l| l.starts_with("glass_transition_k"))
        .unwrap();
    let e = MaterialDb::from_toml_str(&pet.replace(tg_line, ""))
        .unwrap_err()
        .to_string();
    assert!(e.contains("glass_transition_k"), "{e}");
}

#[test]
fn materials_serialise_to_json() {
    let db = MaterialDb::builtin();
    let v = serde_json::to_value(db.get("pet-oriented").unwrap()).unwrap();
    assert_eq!(v["tensile_strength_pa"]["value"], 196e6);
    assert_eq!(v["modulus_vs_temperature"]["kind"], "glass-transition");
    assert_eq!(v["weibull_modulus"]["assumption"], true);
}

#[test]
fn database_round_trips_through_toml_and_insert_validates() {
    let db = MaterialDb::builtin();
    let text = toml::to_string(&db).unwrap();
    assert_eq!(MaterialDb::from_toml_str(&text).unwrap(), db);

    let mut db = db;
    let mut pp = db.get("pp").unwrap().clone();
    pp.poisson_ratio.value = 0.7;
    assert!(db.insert(pp.clone()).is_err());
    assert!(pp.validate().is_err());
    pp.poisson_ratio.value = 0.41;
    pp.name = "pp-copolymer".into();
    db.insert(pp).unwrap();
    assert_eq!(db.names().last(), Some(&"pp-copolymer"));
}

#[test]
fn hand_built_unvalidated_material_errors_instead_of_panicking() {
    let mut m = MaterialDb::builtin().get("hdpe").unwrap().clone();
    m.strength_vs_temperature = TemperatureDependence::Table {
        points: vec![],
        source: "x".into(),
        assumption: true,
    };
    assert!(m.strength_at(296.15).is_err());
    m.strength_vs_temperature = TemperatureDependence::Table {
        points: vec![[296.15, 1.0]],
        source: "x".into(),
        assumption: true,
    };
    assert!(m.strength_at(296.15).is_err());
    m.strain_rate.reference_per_s.value = -1.0;
    assert!(m.strain_rate_factor(1.0).is_err());
}
