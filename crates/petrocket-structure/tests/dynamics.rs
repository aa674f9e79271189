//! Structural dynamics: modal and transient analyses against the analytic ring
//! (VALIDATION S1, S2), the Beltman–Shepherd regime (S3) and CalculiX golden data made by
//! tools/calculix/make_dynamics_golden.py (*FREQUENCY and *DYNAMIC on the same mesh).

use std::path::{Path, PathBuf};

use petrocket_structure::fem::{
    breathing_omega, solve_modal, solve_transient, ElasticMaterial, FrontOrigin, Mesh, MeshOptions,
    PressureHistory, PressureLoad, RayleighDamping, Support, TransientOptions, TravellingFront,
};
use petrocket_structure::geometry::preset_profile;

fn golden() -> serde_json::Value {
    let p: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calculix_dynamics_golden.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn pet() -> ElasticMaterial {
    ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap()
}

/// A slice of a long thin cylinder (R = 50 mm, t = 0.5 mm) in plane strain.
fn ring() -> Mesh {
    Mesh::cylinder_slice(0.05, 0.5e-3, 2e-3, 2, 2).unwrap()
}

/// VALIDATION S1: breathing frequency within 1 % of (1/R)·√(E/(ρ(1−ν²))).
#[test]
fn ring_breathing_frequency_matches_analytic() {
    let m = pet();
    let sol = solve_modal(ring(), &m, 1, Support::PlaneStrain).unwrap();
    let expect = breathing_omega(0.05, &m).unwrap() / (2.0 * std::f64::consts::PI);
    let f = sol.modes[0].frequency_hz;
    assert!((f / expect - 1.0).abs() < 0.01, "{f} Hz vs {expect} Hz");
    assert!(sol.rigid_body_modes.is_empty());
}

/// VALIDATION S2: undamped ramp of rise t_r on the breathing mode,
/// DLF = 1 + |sin(π t_r/T)|/(π t_r/T), within 1 %.
#[test]
fn ring_ramp_dlf_matches_sdof_formula() {
    let m = pet();
    let mesh = ring();
    let period = 2.0 * std::f64::consts::PI / breathing_omega(0.05, &m).unwrap();
    for ratio in [0.01, 0.5, 1.5, 2.5] {
        let tr = ratio * period;
        let x = std::f64::consts::PI * ratio;
        let expect = 1.0 + x.sin().abs() / x;
        let load = PressureLoad::Uniform(PressureHistory::ramp(1e5, tr).unwrap());
        let opts = TransientOptions {
            duration_s: tr + 1.5 * period,
            time_step_s: Some(period / 200.0),
            damping: Some(RayleighDamping::new(0.0, 0.0).unwrap()),
            support: Support::PlaneStrain,
            probe_z_m: 1e-3,
            highest_frequency_hz: None,
        };
        let sol = solve_transient(&mesh, &m, &load, &opts).unwrap();
        let dlf = sol.dynamic_load_factor;
        assert!(
            (dlf / expect - 1.0).abs() < 0.01,
            "t_r/T = {ratio}: DLF {dlf} vs {expect}"
        );
    }
}

/// VALIDATION S3: a front much faster than the critical flexural-wave speed v_c0 loads the
/// wall like a step: DLF ≈ 2 (undamped, no reflection, probe far from the far end).
#[test]
fn fast_front_gives_step_dlf() {
    let m = pet();
    let (r, t) = (0.05, 0.5e-3);
    let nu = m.poisson_ratio;
    let vc0 = (m.youngs_modulus_pa.powi(2) * t * t
        / (3.0 * m.density_kg_m3.powi(2) * r * r * (1.0 - nu * nu)))
        .powf(0.25);
    let mesh = Mesh::cylinder_slice(r, t, 0.2, 100, 1).unwrap();
    let v = 20.0 * vc0;
    let front = TravellingFront::new(
        PressureHistory::ramp(1e5, 1e-9).unwrap(),
        v,
        FrontOrigin::Base,
        1.0,
    )
    .unwrap();
    let period = 2.0 * std::f64::consts::PI / breathing_omega(r, &m).unwrap();
    let opts = TransientOptions {
        duration_s: 0.1 / v + 1.5 * period,
        time_step_s: Some(period / 60.0),
        damping: Some(RayleighDamping::new(0.0, 0.0).unwrap()),
        support: Support::PlaneStrain,
        probe_z_m: 0.1,
        highest_frequency_hz: None,
    };
    let sol = solve_transient(&mesh, &m, &PressureLoad::Front(front), &opts).unwrap();
    let dlf = sol.dynamic_load_factor;
    assert!(
        (dlf - 2.0).abs() < 0.1,
        "DLF {dlf}, v = {v} m/s, v_c0 = {vc0} m/s"
    );
}

/// Lowest bottle frequencies within 3 % of CalculiX *FREQUENCY on the same mesh and
/// supports; the free bottle's rigid-body mode reported separately.
#[test]
fn bottle_frequencies_match_calculix() {
    let g = golden();
    let m = pet();
    for (support, key) in [
        (Support::Free, "free"),
        (Support::NeckClamped, "neck-clamped"),
    ] {
        let mesh = Mesh::new(
            &preset_profile("2L").unwrap().uniform(),
            &MeshOptions::default(),
        )
        .unwrap();
        let sol = solve_modal(mesh, &m, 5, support).expect(key);
        let expect = g["modal"][key]["natural_frequencies_Hz"]
            .as_array()
            .unwrap();
        for (k, mode) in sol.modes.iter().enumerate() {
            let e = expect[k].as_f64().unwrap();
            assert!(
                (mode.frequency_hz / e - 1.0).abs() < 0.03,
                "{key} mode {}: {} Hz vs CalculiX {e} Hz",
                k + 1,
                mode.frequency_hz
            );
        }
        let n_rigid = g["modal"][key]["rigid_body_frequencies_Hz"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(sol.rigid_body_modes.len(), n_rigid, "{key}");
        let csv = sol.mode_shapes_csv();
        assert!(csv.starts_with("mode,frequency_Hz,s_m,z_m,r_m,u_r,u_z,u_normal\n"));
    }
}

/// Dynamic load factor at body mid-height for ramps of 1 µs, 0.2 ms and 2 ms within 5 % of
/// CalculiX *DYNAMIC (direct, α = 0) on the same mesh, support, damping and load.
#[test]
fn bottle_dlf_matches_calculix() {
    let g = golden();
    let m = pet();
    let mesh = Mesh::new(
        &preset_profile("2L").unwrap().uniform(),
        &MeshOptions::default(),
    )
    .unwrap();
    let damping = RayleighDamping::new(
        g["rayleigh_alpha_per_s"].as_f64().unwrap(),
        g["rayleigh_beta_s"].as_f64().unwrap(),
    )
    .unwrap();
    let p = g["pressure_gauge_Pa"].as_f64().unwrap();
    for case in g["transient"].as_array().unwrap() {
        let tr = case["rise_time_s"].as_f64().unwrap();
        let opts = TransientOptions {
            duration_s: case["duration_s"].as_f64().unwrap(),
            time_step_s: None,
            damping: Some(damping),
            support: Support::Free,
            probe_z_m: g["probe_z_m"].as_f64().unwrap(),
            highest_frequency_hz: None,
        };
        let load = PressureLoad::Uniform(PressureHistory::ramp(p, tr).unwrap());
        let sol = solve_transient(&mesh, &m, &load, &opts).unwrap();
        let expect = case["dynamic_load_factor"].as_f64().unwrap();
        let dlf = sol.dynamic_load_factor;
        println!("rise {tr} s: DLF native {dlf:.4} vs CalculiX {expect:.4}");
        assert!(
            (dlf / expect - 1.0).abs() < 0.05,
            "rise {tr} s: DLF {dlf} vs CalculiX {expect}"
        );
    }
}

#[test]
fn bad_damping_and_support_are_rejected() {
    assert!(RayleighDamping::stiffness_proportional(1.0, 1e4).is_err());
    assert!(RayleighDamping::stiffness_proportional(-0.1, 1e4).is_err());
    let e = RayleighDamping::stiffness_proportional(f64::NAN, 1e4)
        .unwrap_err()
        .to_string();
    assert!(e.contains("damping ratio"), "{e}");
    assert!(solve_modal(ring(), &pet(), 0, Support::PlaneStrain).is_err());
}
