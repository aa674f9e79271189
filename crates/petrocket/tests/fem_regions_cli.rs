//! End-to-end tests of `petrocket fem` with a profile naming materials per region (CSV
//! column `material`).

mod common;

use common::{assert_exit, json, run, scratch};

/// A capsule (R = 50 mm, wall 0.5 mm, cylinder 600 mm) whose lower half is `lower`.
fn write_two_material_capsule(path: &std::path::Path, lower: &str) {
    let (r, t, l) = (0.05_f64, 0.5e-3, 0.6);
    let mut s = String::from("z_m,r_m,t_m,material\n");
    for k in 0..=45 {
        let phi = (90.0 * f64::from(k) / 45.0_f64).to_radians();
        let rr = if k == 0 { 0.0 } else { r * phi.sin() };
        s += &format!("{},{rr},{t},{lower}\n", r - r * phi.cos());
    }
    s += &format!("{},{r},{t},\n", r + 0.5 * l);
    for k in 0..=45 {
        let phi = (90.0 * f64::from(k) / 45.0_f64).to_radians();
        let rr = if k == 45 { 0.0 } else { r * phi.cos() };
        s += &format!("{},{rr},{t}\n", r + l + r * phi.sin());
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn regions_json_mass_and_export() {
    let dir = scratch("fem_regions_cli", "ok");
    let (two, exported) = (dir.join("two.csv"), dir.join("exported.csv"));
    write_two_material_capsule(&two, "pet-amorphous");
    let v = json(&[
        "fem",
        "--profile",
        two.to_str().unwrap(),
        "--pressure",
        "3 bar",
        "--export-profile",
        exported.to_str().unwrap(),
        "--json",
    ]);
    let regions = v["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0]["name"], "pet-amorphous");
    assert!(regions[0]["youngs_modulus_Pa"].as_f64().unwrap() < 3e9);
    // Wall mass with per-region densities lies between the two single-material masses.
    let mass = |x: &serde_json::Value| x["profile"]["wall_mass_kg"].as_f64().unwrap();
    let all = |m: &str| {
        json(&[
            "fem",
            "--profile",
            two.to_str().unwrap(),
            "--pressure",
            "3 bar",
            "--material",
            m,
            "--json",
        ])
    };
    // (--material sets the default only: the amorphous half stays amorphous.)
    let (m_two, m_am) = (mass(&v), mass(&all("pet-amorphous")));
    assert!(m_two > m_am, "{m_two} vs {m_am}");
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains("z_m,r_m,t_m,material\n") && text.contains(",pet-amorphous\n"));
    // The peak is at the junction, where the wall bends.
    assert!((v["max_von_mises_stress_z_m"].as_f64().unwrap() - 0.35).abs() < 0.02);
}

#[test]
fn unknown_region_material_exits_3_with_row_value_and_known_names() {
    let dir = scratch("fem_regions_cli", "bad");
    let bad = dir.join("bad.csv");
    write_two_material_capsule(&bad, "titanium");
    let o = run(&[
        "fem",
        "--profile",
        bad.to_str().unwrap(),
        "--pressure",
        "1e5",
    ]);
    assert_exit(
        &o,
        3,
        &["row 1", "`titanium`", "pet-oriented", "pet-amorphous"],
    );
}
