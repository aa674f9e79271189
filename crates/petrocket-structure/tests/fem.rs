//! Native axisymmetric FEM against closed-form solutions (Lamé thin and thick cylinders,
//! thick sphere), mesh convergence on the 2 L preset, supports and bad input.

use petrocket_structure::analytic::LameCylinder;
use petrocket_structure::fem::{solve_static, ElasticMaterial, MeshOptions, StaticSolution};
use petrocket_structure::geometry::{capsule_profile, preset_profile};
use petrocket_structure::StructureError;

const P: f64 = 1.0e6;

fn pet() -> ElasticMaterial {
    ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap()
}

#[track_caller]
fn assert_rel(a: f64, b: f64, rel: f64, what: &str) {
    let d = (a - b).abs() / b.abs();
    assert!(
        d <= rel,
        "{what}: {a} vs {b}: relative difference {d:.2e} > {rel}"
    );
}

/// A capsule (cylinder with hemispherical heads) and its solution.
fn capsule(r: f64, l: f64, t: f64, opts: &MeshOptions) -> StaticSolution {
    let prof = capsule_profile(r, l, t, 2.0).unwrap();
    solve_static(&prof, &pet(), P, opts).unwrap()
}

/// Lamé: hoop at the inner and outer surface, axial (meridional) and radial stress in the
/// middle of the cylinder, within 0.5 %.
fn check_lame(r: f64, l: f64, t: f64, opts: &MeshOptions) {
    let sol = capsule(r, l, t, opts);
    let z_mid = r + l / 2.0;
    let lame = LameCylinder::from_mean_radius(r, t).unwrap();
    let (a, b) = (lame.inner_radius_m(), lame.outer_radius_m());
    let probe = sol.probe(z_mid).unwrap();
    let at_a = lame.stresses_at(P, a).unwrap();
    let at_b = lame.stresses_at(P, b).unwrap();
    let at_m = lame.stresses_at(P, r).unwrap();
    assert_rel(probe.hoop_pa.inner, at_a.hoop_pa, 0.005, "hoop inner");
    assert_rel(probe.hoop_pa.outer, at_b.hoop_pa, 0.005, "hoop outer");
    assert_rel(probe.hoop_pa.mid, at_m.hoop_pa, 0.005, "hoop mid");
    let mid = sol
        .meridian
        .iter()
        .min_by(|p, q| (p.z_m - z_mid).abs().total_cmp(&(q.z_m - z_mid).abs()))
        .unwrap();
    // Axial and radial stresses are smaller than the hoop stress: checked to 0.5 % of the
    // peak hoop stress (absolute).
    let tol = 0.005 * at_a.hoop_pa;
    for (fem, exact, what) in [
        (mid.meridional_pa.inner, at_a.axial_pa, "axial inner"),
        (mid.meridional_pa.outer, at_b.axial_pa, "axial outer"),
        (mid.normal_pa.inner, at_a.radial_pa, "radial inner = -p"),
        (mid.normal_pa.outer, 0.0, "radial outer = 0"),
    ] {
        assert!((fem - exact).abs() < tol, "{what}: {fem} vs {exact}");
    }
    assert_rel(
        mid.von_mises_pa.inner,
        at_a.von_mises_pa(),
        0.005,
        "von Mises inner",
    );
    // Radial displacement of the mid-surface: Lamé u(r) for closed ends.
    let nu = pet().poisson_ratio;
    let e = pet().youngs_modulus_pa;
    let u = r / e * (at_m.hoop_pa - nu * (at_m.radial_pa + at_m.axial_pa));
    assert_rel(mid.u_r_m, u, 0.005, "radial displacement");
}

#[test]
fn lame_thin_cylinder() {
    // t/r = 0.01, like a bottle wall.
    check_lame(0.05, 0.3, 0.5e-3, &MeshOptions::default());
}

#[test]
fn lame_thick_cylinder() {
    // b/a = 1.5 (t/r = 0.4): the hoop stress falls by 31 % through the wall; 8 layers
    // resolve its 1/r² variation (4 layers: 0.7 % at the inner surface).
    let opts = MeshOptions {
        layers: 8,
        ..MeshOptions::default()
    };
    check_lame(0.05, 0.4, 0.02, &opts);
}

#[test]
fn hemispherical_head_membrane_value() {
    // Far from the junction (polar angle 30°, 1.05·π/3·r from it), the head carries the
    // sphere's membrane stress; thick-sphere Lamé at the mid-surface radius:
    // σ_t(ρ) = p·a³(b³ + 2ρ³)/(2ρ³(b³ − a³)).
    let (r, t) = (0.05, 0.5e-3);
    let sol = capsule(r, 0.3, t, &MeshOptions::default());
    let (a, b) = (r - t / 2.0, r + t / 2.0);
    let sphere = |rho: f64| {
        P * a.powi(3) * (b.powi(3) + 2.0 * rho.powi(3))
            / (2.0 * rho.powi(3) * (b.powi(3) - a.powi(3)))
    };
    let s30 = r * 30f64.to_radians();
    let p = sol
        .meridian
        .iter()
        .min_by(|p, q| (p.s_m - s30).abs().total_cmp(&(q.s_m - s30).abs()))
        .unwrap();
    assert_rel(p.hoop_pa.mid, sphere(r), 0.005, "sphere hoop");
    assert_rel(p.meridional_pa.mid, sphere(r), 0.005, "sphere meridional");
    assert_rel(p.hoop_pa.inner, sphere(a), 0.005, "sphere hoop inner");
    // The membrane value is half the cylinder's.
    assert_rel(
        p.hoop_pa.mid,
        P * r / (2.0 * t),
        0.02,
        "p·r/(2t), thin-wall",
    );
    // At the pole itself too (the axis nodes).
    let pole = &sol.meridian[0];
    assert_rel(pole.hoop_pa.mid, sphere(r), 0.01, "pole hoop");
    assert_rel(pole.meridional_pa.mid, sphere(r), 0.01, "pole meridional");
}

#[test]
fn supports_carry_no_load_and_results_are_finite() {
    for sol in [
        capsule(0.05, 0.3, 0.5e-3, &MeshOptions::default()),
        solve_static(
            &preset_profile("2L").unwrap().uniform(),
            &pet(),
            P,
            &MeshOptions::default(),
        )
        .unwrap(),
    ] {
        let scale = P * std::f64::consts::PI * 0.05f64.powi(2);
        let reaction = sol.reaction_force_n.unwrap();
        assert!(
            reaction.abs() < 1e-9 * scale,
            "spurious reaction {reaction} N"
        );
        assert!(sol
            .meridian
            .iter()
            .all(|m| m.von_mises_pa.inner.is_finite()));
    }
    // 2 L: cap load p·π·(21.7 mm / 2)².
    let sol = solve_static(
        &preset_profile("2L").unwrap().uniform(),
        &pet(),
        P,
        &MeshOptions::default(),
    )
    .unwrap();
    assert_rel(
        sol.cap_load_n,
        P * std::f64::consts::PI * 0.01085f64.powi(2),
        1e-9,
        "cap load",
    );
}

#[test]
fn linear_in_pressure_and_independent_of_modulus() {
    let prof = preset_profile("0.5L").unwrap().uniform();
    let a = solve_static(&prof, &pet(), P, &MeshOptions::default()).unwrap();
    let stiff = ElasticMaterial::new(9.0e9, 0.38, 1390.0).unwrap();
    let b = solve_static(&prof, &stiff, 2.0 * P, &MeshOptions::default()).unwrap();
    assert_rel(
        b.peaks.von_mises.value_pa,
        2.0 * a.peaks.von_mises.value_pa,
        1e-9,
        "linearity",
    );
    assert_rel(b.meridian[10].u_r_m, a.meridian[10].u_r_m, 1e-9, "u ∝ p/E");
}

/// Mesh convergence on the 2 L preset: peak hoop, meridional and von Mises stress at the
/// default density are within 3 % of the 3-times refined mesh (and change by less than 1 %
/// from 2× to 3× refinement); their locations agree within 2 mm.
#[test]
fn mesh_convergence_2l() {
    let prof = preset_profile("2L").unwrap().uniform();
    let sols: Vec<StaticSolution> = [1, 2, 3]
        .iter()
        .map(|&k| solve_static(&prof, &pet(), P, &MeshOptions::refined(k)).unwrap())
        .collect();
    let peaks = |s: &StaticSolution| [s.peaks.hoop, s.peaks.meridional, s.peaks.von_mises];
    let (p1, p2, p3) = (peaks(&sols[0]), peaks(&sols[1]), peaks(&sols[2]));
    for k in 0..3 {
        assert_rel(
            p1[k].value_pa,
            p3[k].value_pa,
            0.03,
            "default vs 3x refined",
        );
        assert_rel(p2[k].value_pa, p3[k].value_pa, 0.01, "2x vs 3x refined");
        assert!(
            (p1[k].z_m - p3[k].z_m).abs() < 2e-3,
            "location {:?} vs {:?}",
            p1[k],
            p3[k]
        );
    }
    assert!(sols[2].mesh.elements.len() > 8 * sols[0].mesh.elements.len());
}

#[test]
fn bad_inputs_are_typed_errors() {
    let prof = preset_profile("2L").unwrap().uniform();
    for (e, nu, rho) in [
        (0.0, 0.3, 1000.0),
        (f64::NAN, 0.3, 1000.0),
        (1e9, 0.5, 1000.0),
        (1e9, 0.3, -1.0),
    ] {
        assert!(matches!(
            ElasticMaterial::new(e, nu, rho),
            Err(StructureError::InvalidInput { .. })
        ));
    }
    for p in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            solve_static(&prof, &pet(), p, &MeshOptions::default()),
            Err(StructureError::InvalidInput { .. })
        ));
    }
    let bad = MeshOptions {
        layers: 0,
        ..MeshOptions::default()
    };
    assert!(solve_static(&prof, &pet(), P, &bad).is_err());
    let sol = solve_static(&prof, &pet(), P, &MeshOptions::default()).unwrap();
    let e = sol.probe(1.0).unwrap_err().to_string();
    assert!(e.contains("probe height") && e.contains("between"), "{e}");
    // Zero pressure: zero stress, not NaN.
    let zero = solve_static(&prof, &pet(), 0.0, &MeshOptions::default()).unwrap();
    assert!(zero.peaks.von_mises.value_pa.abs() < 1e-6);
}
