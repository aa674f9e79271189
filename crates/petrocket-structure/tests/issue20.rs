//! Issue #20 (structure part): every input is bounded, refused inputs are typed input
//! errors (never numerical failures), validation is sub-quadratic, physical ranges are
//! enforced with round-off tolerance, and error messages do not echo input files.

use petrocket_structure::bottle::{preset, CylinderBottle};
use petrocket_structure::fem::{
    solve_transient_controlled, ElasticMaterial, Mesh, MeshOptions, PressureHistory, PressureLoad,
    Support, TransientControl, TransientOptions, TransientProgress, DEFAULT_MAX_STEPS,
    MAX_MESH_DOFS,
};
use petrocket_structure::geometry::{preset_profile, Profile, MAX_PROFILE_ROWS};
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::thermal::{
    heat_wall, GasExposure, InnerBoundary, OuterBoundary, ThermalOptions, WallSlab,
};
use petrocket_structure::StructureError;

/// The next float above `x` (e.g. "10 mL" arrives as 1.0000000000000001e-5 m³).
fn above(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// The next float below `x`.
fn below(x: f64) -> f64 {
    f64::from_bits(x.to_bits() - 1)
}

fn pet() -> ElasticMaterial {
    ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap()
}

/// The 2 L preset in one material, as CSV text with every value scaled by `k`.
fn scaled_2l_csv(k: f64) -> String {
    let p = preset_profile("2L").unwrap().uniform();
    let mut s = String::from("z_m,r_m,t_m\n");
    for r in p.rows() {
        s += &format!("{:e},{:e},{:e}\n", r.z_m * k, r.r_m * k, r.t_m * k);
    }
    s
}

/// The error of `r` (without printing a large `Ok` value on failure).
#[track_caller]
fn expect_err<T>(r: Result<T, StructureError>) -> StructureError {
    match r {
        Ok(_) => panic!("accepted, expected an error"),
        Err(e) => e,
    }
}

#[track_caller]
fn assert_input_error(e: &StructureError, needles: &[&str]) {
    assert!(!e.is_numerical(), "must be an input error: {e}");
    let msg = e.to_string();
    for n in needles {
        assert!(msg.contains(n), "`{n}` missing from: {msg}");
    }
}

#[test]
fn issue20_huge_profile_is_refused() {
    for k in [1e300, 1e6, 1e-300] {
        let e = Profile::from_csv_str(&scaled_2l_csv(k), "scaled.csv").unwrap_err();
        assert_input_error(&e, &["scaled.csv"]);
        assert!(matches!(e, StructureError::InvalidProfile { .. }), "{e}");
    }
    // Exponent notation, not 300 digits.
    let e = Profile::from_csv_str(&scaled_2l_csv(1e300), "x").unwrap_err();
    assert!(e.to_string().len() < 400, "{e}");
}

#[test]
fn issue20_mesh_refine_64_layers_64_is_refused_before_allocation() {
    let prof = preset_profile("2L").unwrap();
    let opts = MeshOptions {
        refine: 64,
        layers: 64,
        ..MeshOptions::default()
    };
    let est = Mesh::estimate(&prof, &opts).unwrap();
    assert!(est.dofs > MAX_MESH_DOFS, "{est:?}");
    let e = Mesh::new(&prof, &opts).unwrap_err();
    assert_input_error(&e, &["2000000 DOFs", "--refine"]);
    assert!(matches!(e, StructureError::LimitExceeded { .. }));
    // The default mesh's estimate is exact in its counts.
    let m = Mesh::new(&prof, &MeshOptions::default()).unwrap();
    let est = Mesh::estimate(&prof, &MeshOptions::default()).unwrap();
    assert_eq!(est.elements, m.elements.len() as u64);
    assert_eq!(est.nodes, m.nodes.len() as u64);
    assert_eq!(est, m.size_estimate());
    // A thin cap plate cannot blow the mesh up either.
    let plate = MeshOptions {
        closure: petrocket_structure::fem::Closure::FlatPlate { thickness_m: 2e-3 },
        ..MeshOptions::default()
    };
    let m = Mesh::new(&prof, &plate).unwrap();
    let est = Mesh::estimate(&prof, &plate).unwrap();
    assert!(est.elements >= m.elements.len() as u64, "{est:?}");
}

#[test]
fn issue20_profile_file_size_is_limited() {
    let dir = std::env::temp_dir().join(format!("petrocket-issue20-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.csv");
    let mut text = String::from("z_m,r_m,t_m\n");
    while text.len() <= 9 * 1024 * 1024 {
        text += "# padding padding padding padding padding padding padding padding\n";
    }
    std::fs::write(&big, &text).unwrap();
    let e = Profile::load_csv(&big).unwrap_err();
    assert_input_error(&e, &["8388608 bytes"]);
    let e = MaterialDb::builtin().load_and_merge(&big).unwrap_err();
    assert_input_error(&e, &["8388608 bytes"]);
    let e = PressureHistory::load_csv(&big).unwrap_err();
    assert_input_error(&e, &["8388608 bytes"]);
    if std::path::Path::new("/dev/zero").exists() {
        let e = Profile::load_csv("/dev/zero").unwrap_err();
        assert_input_error(&e, &["8388608 bytes"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue20_profile_rows_are_limited() {
    let mut text = String::from("z_m,r_m,t_m\n0,0,0.001\n");
    for i in 1..=MAX_PROFILE_ROWS {
        text += &format!("{},0.05,0.001\n", i as f64 * 1e-5);
    }
    let e = Profile::from_csv_str(&text, "rows.csv").unwrap_err();
    assert_input_error(&e, &["100000 rows"]);
    assert!(matches!(e, StructureError::LimitExceeded { .. }));
}

/// A serpentine of 100 000 rows (teeth joined by 90° turns): before the fix the
/// self-intersection check compared every pair of segments (> 120 s).
fn serpentine(rows: usize, cross_at_end: bool) -> String {
    let mut text = String::from("z_m,r_m,t_m\n0,0,1e-5\n");
    let teeth = (rows - 2) / 2;
    let dz = 1.9 / teeth as f64;
    for k in 0..teeth {
        let z = k as f64 * dz;
        let (a, b) = if k % 2 == 0 { (0.01, 1.0) } else { (1.0, 0.01) };
        text += &format!("{a},{z},1e-5\n{b},{z},1e-5\n");
    }
    let last_r = if (teeth - 1).is_multiple_of(2) {
        1.0
    } else {
        0.01
    };
    if cross_at_end {
        // Back down through every tooth (a turn of ≈ 105°).
        text += &format!("{},-0.001,1e-5\n", 0.5 * (last_r + 0.5));
    } else {
        // Straight up from the end of the last tooth: a 90° turn.
        text += &format!("{last_r},1.95,1e-5\n");
    }
    text
}

#[test]
fn issue20_profile_validation_is_subquadratic() {
    // Rows are (r, z) swapped into z_m,r_m order below: teeth run along r.
    let swap = |s: String| {
        s.lines()
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                if f[0] == "z_m" {
                    l.to_string()
                } else {
                    format!("{},{},{}", f[1], f[0], f[2])
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let ok = Profile::from_csv_str(&swap(serpentine(MAX_PROFILE_ROWS - 2, false)), "serp");
    let ok = ok.unwrap();
    assert!(ok.rows().len() > 99_000);
    let e =
        Profile::from_csv_str(&swap(serpentine(MAX_PROFILE_ROWS - 2, true)), "serp").unwrap_err();
    assert!(e.to_string().contains("crosses itself"), "{e}");
}

#[test]
fn issue20_long_transient_is_refused_and_progress_is_reported() {
    let prof = preset_profile("2L").unwrap().uniform();
    let mesh = Mesh::new(&prof, &MeshOptions::default()).unwrap();
    let load = PressureLoad::Uniform(PressureHistory::ramp(1e6, 2e-4).unwrap());
    let opts = TransientOptions {
        duration_s: 1.0,
        time_step_s: None,
        damping: None,
        support: Support::Free,
        probe_z_m: 0.15,
        highest_frequency_hz: None,
    };
    let e = expect_err(petrocket_structure::fem::solve_transient(
        &mesh,
        &pet(),
        &load,
        &opts,
    ));
    assert_input_error(&e, &["transient duration", "--allow-long"]);
    // Too many steps even when allowed to run long: the default cap names itself.
    let fine = TransientOptions {
        time_step_s: Some(1e-2 / (DEFAULT_MAX_STEPS as f64 * 2.0)),
        duration_s: 1e-2,
        ..opts
    };
    let e = expect_err(petrocket_structure::fem::solve_transient(
        &mesh,
        &pet(),
        &load,
        &fine,
    ));
    assert_input_error(&e, &["200000 steps"]);
    // Progress: once before the first step and after every step.
    let short = TransientOptions {
        duration_s: 5e-4,
        ..opts
    };
    let mut seen: Vec<TransientProgress> = Vec::new();
    let mut cb = |p: &TransientProgress| seen.push(*p);
    let mut control = TransientControl {
        allow_long: false,
        progress: Some(&mut cb),
    };
    let sol =
        solve_transient_controlled(&mesh, &pet(), &load, &short, &mut control, &mut |_, _| {
            Ok(())
        })
        .unwrap();
    assert_eq!(seen.len(), sol.steps + 1);
    assert_eq!(seen.last().unwrap().step, sol.steps);
}

fn gas(t: f64) -> GasExposure {
    GasExposure {
        gas_temperature_k: t,
        gas_pressure_pa: 1e6,
        h2o_mole_fraction: 0.6,
        mean_beam_length_m: 0.08,
        convection_w_m2_k: 200.0,
    }
}

fn thermal(slab: &WallSlab, inner: InnerBoundary, duration: f64) -> Result<(), StructureError> {
    heat_wall(
        slab,
        296.15,
        &inner,
        OuterBoundary::Adiabatic,
        duration,
        None,
        None,
        &ThermalOptions::default(),
    )
    .map(|_| ())
}

#[test]
fn issue20_thermal_inputs_have_physical_ranges() {
    let slab = WallSlab::new(3e-4, 0.155, 1390.0, 1170.0).unwrap();
    for (inner, duration, needle) in [
        (InnerBoundary::Flux(-1.0), 1e-3, "heat flux -1 W/m²"),
        (InnerBoundary::Flux(1e300), 1e-3, "heat flux 1e300 W/m²"),
        (InnerBoundary::Flux(1e6), 1e12, "duration 1e12 s"),
        (InnerBoundary::Gas(gas(1e9)), 1e-3, "gas temperature 1e9 K"),
    ] {
        let e = thermal(&slab, inner, duration).unwrap_err();
        assert_input_error(&e, &[needle, "within"]);
    }
    let e = WallSlab::new(1000.0, 0.155, 1390.0, 1170.0).unwrap_err();
    assert_input_error(&e, &["wall thickness 1000 m", "0.01 m"]);
    // The documented bounds are accepted with their round-off.
    for t in [1e-5, below(1e-5), above(1e-5), 1e-2, above(1e-2)] {
        WallSlab::new(t, 0.155, 1390.0, 1170.0).unwrap();
    }
    for t in [200.0, 5000.0 * (1.0 + 1e-12)] {
        thermal(&slab, InnerBoundary::Gas(gas(t)), 1e-4).unwrap();
    }
}

#[test]
fn issue20_bottle_geometry_is_checked() {
    // 10 mm diameter holding 1 m³: 12.7 km long, used to come out `safe`.
    let e = CylinderBottle::new(1.0, 0.01, 3e-4, 0.005, None).unwrap_err();
    assert_input_error(&e, &["volume 1 m³", "diameters"]);
    // Thick wall beyond the thin-wall formulas.
    let e = CylinderBottle::new(2e-3, 0.105, 0.015, 0.0217, None).unwrap_err();
    assert_input_error(&e, &["thin-wall"]);
    // A disc: 10 mL in a 105 mm body.
    assert!(CylinderBottle::new(1e-5, 0.105, 3e-4, 0.0217, None).is_err());
    // Presets and the documented limits (with their unit-conversion round-off) pass.
    for p in petrocket_structure::bottle::presets() {
        p.bottle.validate().unwrap();
    }
    CylinderBottle::new(above(1e-5), 0.01, 1e-5, 0.005, None).unwrap();
    CylinderBottle::new(1e-5, 0.01, below(1e-5), 0.005, None).unwrap();
    let b = preset("2L").unwrap().bottle;
    CylinderBottle::new(
        b.volume_m3,
        b.outer_diameter_m,
        b.wall_thickness_m,
        0.0217,
        None,
    )
    .unwrap();
}

#[test]
fn issue20_strength_outside_the_data_range_is_clamped_with_a_warning() {
    let db = MaterialDb::builtin();
    let pet = db.get("pet-oriented").unwrap();
    // The documented charge temperatures 200 K and 1500 K are outside the data.
    assert!(pet.strength_at(200.0).is_err());
    let (cold, w) = pet.strength_at_clamped(200.0).unwrap();
    let (min_k, _) = pet.strength_vs_temperature.range_k();
    assert_eq!(cold.to_bits(), pet.strength_at(min_k).unwrap().to_bits());
    assert!(w.unwrap().contains("conservative"));
    let (hot, w) = pet.strength_at_clamped(1500.0).unwrap();
    assert_eq!(hot.to_bits(), 0.0f64.to_bits());
    assert!(w.unwrap().contains("lost its strength"));
    let (room, w) = pet.strength_at_clamped(296.15).unwrap();
    assert_eq!(room.to_bits(), pet.strength_at(296.15).unwrap().to_bits());
    assert!(w.is_none());
    let (e_hot, w) = pet.youngs_modulus_at_clamped(1500.0).unwrap();
    assert!(e_hot > 0.0 && w.is_some());
}

#[test]
fn issue20_file_errors_do_not_echo_file_contents() {
    let secret = "root:x:0:0:TOPSECRETTOPSECRETTOPSECRETTOPSECRETTOPSECRET:/root:/bin/bash";
    let e = MaterialDb::from_toml_str(&format!("{secret}\n")).unwrap_err();
    assert!(!e.to_string().contains("0:0:TOPSECRET"), "{e}");
    assert!(e.to_string().contains("line 1"), "{e}");
    let long = "X".repeat(200);
    let e = MaterialDb::from_toml_str(&format!(
        "[[material]]\nname = \"a\"\ndescription = \"{long}\"\nunknown_key_{long} = 1\n"
    ))
    .unwrap_err();
    assert!(!e.to_string().contains(&"X".repeat(41)), "{e}");
    let e = Profile::from_csv_str(&format!("{secret}\n"), "passwd").unwrap_err();
    assert!(!e.to_string().contains("0:0"), "{e}");
    let e = Profile::from_csv_str(&format!("z_m,r_m,t_m\n0,0,{long}\n"), "p").unwrap_err();
    assert!(!e.to_string().contains(&"X".repeat(41)), "{e}");
    let e = Profile::from_csv_str(&format!("z_m,r_m,t_m\n0,0,0.001,{secret}\n"), "p").unwrap_err();
    assert!(!e.to_string().contains("TOPSECRET"), "{e}");
    let e = PressureHistory::from_csv(&format!("{secret}\n"), "h").unwrap_err();
    assert!(
        !e.to_string()
            .contains("TOPSECRETTOPSECRETTOPSECRETTOPSECRETTOP"),
        "{e}"
    );
}
