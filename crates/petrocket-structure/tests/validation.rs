//! Analytic checks against VALIDATION.md (bottles B1, B4–B7; PET P1, P7).

use petrocket_structure::analytic::{self, CylinderCheck, FailureCriterion, LameCylinder};
use petrocket_structure::bottle;
use petrocket_structure::materials::MaterialDb;

const BAR: f64 = 1e5;

/// P7: 2 L, t = 0.30 mm, D = 105 mm, σ = 200 MPa → p = 2tσ/D = 11.4 bar.
#[test]
fn p7_hand_check_reproduced() {
    let (t, d, sigma) = (0.30e-3, 0.105, 200e6);
    // With r = D/2, as P7 writes it: exactly 2tσ/D.
    let p_outer = analytic::cylinder_burst_pressure_pa(sigma, d / 2.0, t).unwrap();
    assert!((p_outer - 2.0 * t * sigma / d).abs() < 1e-6);
    assert!((p_outer / BAR - 11.43).abs() < 0.01, "{}", p_outer / BAR);
    // With the mean radius (D − t)/2, as this crate does: +0.29 %, still 11.4–11.5 bar.
    let p_mean = analytic::cylinder_burst_pressure_pa(sigma, (d - t) / 2.0, t).unwrap();
    assert!((p_mean / p_outer - 1.0 - t / (d - t)).abs() < 1e-12);
    assert!((11.4..11.5).contains(&(p_mean / BAR)), "{}", p_mean / BAR);
}

/// B1: measured 2 L bursts 11.4–11.6 bar(g) (±15 %). The built-in wall strength (196 MPa,
/// the low end of P1) with the 2 L preset must land in the scatter band, slightly low
/// (conservative), and not far below (an always-unsafe verdict is useless too).
#[test]
fn b1_two_litre_burst_from_builtin_data() {
    let wall = MaterialDb::builtin().get("pet-oriented").unwrap().clone();
    let bottle = bottle::preset("2L").unwrap().bottle;
    let p_burst = bottle
        .burst_pressure_pa(wall.strength_at(296.15).unwrap())
        .unwrap()
        / BAR;
    assert!((11.0..11.4).contains(&p_burst), "{p_burst} bar");
    assert!(p_burst > 0.85 * 11.4 && p_burst < 1.15 * 11.6);
    // The earlier tool's mistake: amorphous strength on the sidewall gives ≈3.2 bar.
    let amorphous = MaterialDb::builtin()
        .get("pet-amorphous")
        .unwrap()
        .tensile_strength_pa
        .value;
    assert!(bottle.burst_pressure_pa(amorphous).unwrap() / BAR < 3.5);
}

/// B4: every such bottle survives a 1.0 MPa proof test. The presets' conservative walls
/// must still be consistent with that (none bursts below 1.0 MPa at the built-in strength).
#[test]
fn b4_presets_pass_the_proof_pressure() {
    let strength = MaterialDb::builtin()
        .get("pet-oriented")
        .unwrap()
        .tensile_strength_pa
        .value;
    let two_litre = bottle::preset("2L")
        .unwrap()
        .bottle
        .burst_pressure_pa(strength)
        .unwrap();
    for p in bottle::presets() {
        let burst = p.bottle.burst_pressure_pa(strength).unwrap();
        assert!(burst >= 1.0e6, "{}: {} bar", p.name, burst / BAR);
        // Equal-stress scaling rounded down: never stronger than the 2 L bottle.
        assert!(burst <= two_litre * (1.0 + 1e-12), "{}", p.name);
        let check = p.bottle.check(1.0e6, strength).unwrap();
        assert!(check.safety_factor >= 1.0 && check.is_thin_wall());
    }
}

/// B5–B7: the 2 L preset carries the published geometry.
#[test]
fn b5_to_b7_two_litre_geometry() {
    let p = bottle::preset("2L").unwrap();
    let b = p.bottle;
    assert!((0.104..=0.108).contains(&b.outer_diameter_m));
    assert!((0.317..=0.327).contains(&b.height_m.unwrap()));
    assert!((b.wall_thickness_m - 0.30e-3).abs() < 1e-12);
    assert!((b.mouth_bore_m - 0.0217).abs() < 1e-12);
    assert!((b.volume_m3 - 2.0e-3).abs() < 1e-12);
    for id in ["B5", "B6", "B7"] {
        assert!(p.source.contains(id), "{id}");
    }
}

/// Gauge, not absolute: at 1 bar(g) in 1 atm, absolute pressure would overstate the hoop
/// stress by ≈ 101 % — the earlier tool's error class.
#[test]
fn gauge_pressure_is_what_loads_the_wall() {
    let p_gauge = analytic::gauge_pressure_pa(2.01325 * BAR, 1.01325 * BAR).unwrap();
    assert!((p_gauge - BAR).abs() < 1e-6);
    let b = bottle::preset("2L").unwrap().bottle;
    let right = CylinderCheck::new(p_gauge, b.mean_radius_m(), b.wall_thickness_m, 196e6).unwrap();
    let wrong =
        CylinderCheck::new(2.01325 * BAR, b.mean_radius_m(), b.wall_thickness_m, 196e6).unwrap();
    assert!(wrong.hoop_stress_pa / right.hoop_stress_pa > 2.0);
}

/// The thin-wall 2 L check agrees with Lamé to (t/r)²/4 ≈ 8e-6.
#[test]
fn two_litre_thin_wall_agrees_with_lame() {
    let b = bottle::preset("2L").unwrap().bottle;
    let lame = LameCylinder::new(b.inner_radius_m(), b.outer_radius_m()).unwrap();
    let thin = b.check(10.0 * BAR, 196e6).unwrap();
    let peak = lame.max_hoop_stress_pa(10.0 * BAR).unwrap();
    assert!((peak / thin.hoop_stress_pa - 1.0).abs() < 1e-5);
    let pb = lame
        .burst_pressure_pa(196e6, FailureCriterion::MaxHoop)
        .unwrap();
    assert!((pb / thin.burst_pressure_pa - 1.0).abs() < 1e-5);
}
