//! Per-region materials: the profile CSV column `material`, the FEM with per-element elastic
//! constants (two-material cylinder against Lamé), the failure assessment with the local
//! strength, the CalculiX deck.

use petrocket_structure::analytic::LameCylinder;
use petrocket_structure::calculix::{find_ccx, solve_calculix, write_deck};
use petrocket_structure::failure::{wall_safety, wall_safety_regions, WallMaterials};
use petrocket_structure::fem::{
    solve_mesh, solve_static, solve_static_regions, ElasticMaterial, Mesh, MeshOptions,
    StaticSolution,
};
use petrocket_structure::geometry::Profile;
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::StructureError;

const P: f64 = 1.0e6;
const R: f64 = 0.05;
const T: f64 = 0.5e-3;
/// Cylinder from z = R to z = R + L; the material changes at its middle.
const L: f64 = 0.6;

/// A capsule (cylinder with hemispherical heads, mean radius R, wall T) whose lower half
/// (base head and the cylinder up to its middle) is `lower` and upper half the default
/// material (empty field), as CSV text with the `material` column.
fn two_material_capsule_csv(lower: &str) -> String {
    let mut s = String::from("# two-material capsule\nz_m,r_m,t_m,material\n");
    let n = 45;
    for k in 0..=n {
        let phi = (90.0 * f64::from(k) / f64::from(n)).to_radians();
        let r = if k == 0 { 0.0 } else { R * phi.sin() };
        s += &format!("{},{r},{T},{lower}\n", R - R * phi.cos());
    }
    s += &format!("{},{R},{T},\n", R + 0.5 * L);
    for k in 0..=n {
        let phi = (90.0 * f64::from(k) / f64::from(n)).to_radians();
        let r = if k == n { 0.0 } else { R * phi.cos() };
        s += &format!("{},{r},{T}\n", R + L + R * phi.sin());
    }
    s
}

fn stiff() -> ElasticMaterial {
    ElasticMaterial::new(4.5e9, 0.38, 1390.0).unwrap()
}

fn soft() -> ElasticMaterial {
    ElasticMaterial::new(2.5e9, 0.38, 1335.0).unwrap()
}

fn solve_two(lower: &str) -> StaticSolution {
    let prof = Profile::from_csv_str(&two_material_capsule_csv(lower), "two").unwrap();
    solve_static_regions(
        &prof,
        &stiff(),
        &mut |name| {
            assert_eq!(name, lower);
            Ok(soft())
        },
        P,
        &MeshOptions::default(),
    )
    .unwrap()
}

fn nearest(sol: &StaticSolution, z: f64) -> petrocket_structure::fem::MeridianPoint {
    *sol.meridian
        .iter()
        .min_by(|a, b| (a.z_m - z).abs().total_cmp(&(b.z_m - z).abs()))
        .unwrap()
}

/// Far from the junction (150 mm ≫ the bending length ≈ 0.78·√(R·T) ≈ 3.9 mm) each half of a
/// closed cylinder carries the statically determined Lamé stresses whatever its modulus,
/// while its radial displacement is that of its own material: u_r = r/E·(σ_θ − ν(σ_r + σ_z))
/// (Lamé, closed ends). Hoop stress and displacement within 0.5 %.
#[test]
fn two_material_cylinder_matches_lame_in_each_half() {
    let sol = solve_two("soft-pet");
    let lame = LameCylinder::from_mean_radius(R, T).unwrap();
    let at_m = lame.stresses_at(P, R).unwrap();
    let at_a = lame.stresses_at(P, lame.inner_radius_m()).unwrap();
    for (z, mat) in [(R + 0.25 * L, soft()), (R + 0.75 * L, stiff())] {
        let probe = sol.probe(z).unwrap();
        for (fem, exact, what) in [
            (probe.hoop_pa.mid, at_m.hoop_pa, "hoop mid"),
            (probe.hoop_pa.inner, at_a.hoop_pa, "hoop inner"),
        ] {
            assert!(
                (fem / exact - 1.0).abs() < 0.005,
                "z = {z}: {what} {fem} vs {exact}"
            );
        }
        let u = R / mat.youngs_modulus_pa
            * (at_m.hoop_pa - mat.poisson_ratio * (at_m.radial_pa + at_m.axial_pa));
        let p = nearest(&sol, z);
        assert!(
            (p.u_r_m / u - 1.0).abs() < 0.005,
            "z = {z}: u_r {} vs {u}",
            p.u_r_m
        );
    }
    // The hoop strains differ by the modulus ratio.
    let (lo, hi) = (nearest(&sol, R + 0.25 * L), nearest(&sol, R + 0.75 * L));
    let ratio = lo.u_r_m / hi.u_r_m;
    assert!((ratio / (4.5 / 2.5) - 1.0).abs() < 0.005, "{ratio}");
    // The junction bends the wall: the peak is there, not in the far field.
    assert!((sol.peaks.von_mises.z_m - (R + 0.5 * L)).abs() < 0.02);
}

/// A profile naming materials cannot be solved without their constants.
#[test]
fn unresolved_regions_are_an_error() {
    let prof = Profile::from_csv_str(&two_material_capsule_csv("soft-pet"), "two").unwrap();
    let e = solve_static(&prof, &stiff(), P, &MeshOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("soft-pet") && e.contains("assign_region_materials"),
        "{e}"
    );
}

#[test]
fn csv_material_column_parses_validates_and_round_trips() {
    let text = two_material_capsule_csv("pet-amorphous");
    let prof = Profile::from_csv_str(&text, "two").unwrap();
    assert!(prof.has_materials());
    assert_eq!(prof.material_names(), vec!["pet-amorphous".to_string()]);
    let mats = prof.row_materials();
    assert_eq!(mats.len(), prof.rows().len());
    assert_eq!(mats[0].as_deref(), Some("pet-amorphous"));
    assert_eq!(mats[46], None);
    let db = MaterialDb::builtin();
    prof.check_materials(&db.names()).unwrap();
    // Export writes the column; reading it back gives the same profile.
    let out = prof.to_csv_string(&["c"]);
    assert!(out.contains("z_m,r_m,t_m,material\n"));
    let back = Profile::from_csv_str(&out, "back").unwrap();
    assert_eq!(back.rows(), prof.rows());
    assert_eq!(back.row_materials(), prof.row_materials());
    // Without a column: no regions, the 3-column header on export.
    let plain = Profile::from_csv_str("z_m,r_m,t_m\n0,0,0.001\n0.1,0.05,0.001\n", "p").unwrap();
    assert!(!plain.has_materials());
    assert!(plain.to_csv_string(&[]).starts_with("z_m,r_m,t_m\n"));
    // An all-empty column is no region either.
    let empty =
        Profile::from_csv_str("z_m,r_m,t_m,material\n0,0,0.001,\n0.1,0.05,0.001\n", "e").unwrap();
    assert!(!empty.has_materials());

    // Unknown name: row, value and the known names.
    let bad = Profile::from_csv_str(&two_material_capsule_csv("titanium"), "bad.csv").unwrap();
    let e = bad.check_materials(&db.names()).unwrap_err();
    assert!(
        matches!(e, StructureError::InvalidProfile { row: 1, .. }),
        "{e}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("`titanium`") && msg.contains("pet-oriented") && msg.contains("pet-amorphous"),
        "{msg}"
    );
    // Malformed: a wrong 4th header, too many fields, a 4th field without the column.
    for (text, line, what) in [
        ("z_m,r_m,t_m,mat\n0,0,1e-3\n", 1, "header"),
        (
            "z_m,r_m,t_m,material\n0,0,1e-3,a,b\n0.1,0.05,1e-3\n",
            2,
            "3 or 4 fields",
        ),
        (
            "z_m,r_m,t_m\n0,0,1e-3,pet-oriented\n",
            2,
            "expected 3 fields",
        ),
    ] {
        let e = Profile::from_csv_str(text, "m.csv").unwrap_err();
        assert!(
            matches!(e, StructureError::ProfileCsv { line: l, .. } if l == line),
            "{e}"
        );
        assert!(e.to_string().contains(what), "{e}");
    }
}

/// The safety factor uses the strength of the material at each point: with the lower half
/// amorphous PET (55 MPa) and the upper half oriented PET, the weakest point is in the
/// amorphous half although the stresses are the same far from the junction.
#[test]
fn safety_uses_the_local_strength() {
    let db = MaterialDb::builtin();
    let (amorphous, oriented) = (
        db.get("pet-amorphous").unwrap(),
        db.get("pet-oriented").unwrap(),
    );
    let t_k = 296.15;
    let prof = Profile::from_csv_str(&two_material_capsule_csv("pet-amorphous"), "two").unwrap();
    let mut mesh = Mesh::new(&prof, &MeshOptions::default()).unwrap();
    mesh.assign_region_materials(&mut |n| ElasticMaterial::from_material(db.get(n)?, t_k))
        .unwrap();
    let station_regions = mesh.station_regions();
    let sol = solve_mesh(
        mesh,
        &ElasticMaterial::from_material(oriented, t_k).unwrap(),
        P,
    )
    .unwrap();
    let rate = oriented.strain_rate.reference_per_s.value;
    let materials = WallMaterials {
        default: oriented,
        regions: vec![amorphous],
        station_regions,
    };
    let sf = wall_safety_regions(&materials, &sol.meridian, &|_, _| t_k, rate, None, 0.0).unwrap();
    assert_eq!(sf.region, Some(0));
    let s_am = amorphous.strength_at_rate(t_k, rate).unwrap();
    assert!((sf.strength_pa - s_am).abs() < 1e-9 * s_am);
    assert!(sf.z_m <= R + 0.5 * L + 1e-9, "{sf:?}");
    // One material everywhere (the old call) overestimates the safety.
    let uniform = wall_safety(oriented, &sol.meridian, &|_, _| t_k, rate, None, 0.0).unwrap();
    assert!(
        uniform.safety_factor > 2.0 * sf.safety_factor,
        "{uniform:?} vs {sf:?}"
    );
    // Mismatched region tables are an error, not a panic.
    let bad = WallMaterials {
        default: oriented,
        regions: vec![],
        station_regions: materials.station_regions.clone(),
    };
    assert!(wall_safety_regions(&bad, &sol.meridian, &|_, _| t_k, rate, None, 0.0).is_err());
}

/// The deck writes one section per region; with `ccx` on PATH it gives the native answer.
#[test]
fn calculix_deck_with_regions() {
    let prof = Profile::from_csv_str(&two_material_capsule_csv("soft-pet"), "two").unwrap();
    let mut mesh = Mesh::new(&prof, &MeshOptions::default()).unwrap();
    mesh.assign_region_materials(&mut |_| Ok(soft())).unwrap();
    let deck = write_deck(&mesh, &stiff(), P, "two materials");
    assert!(deck.contains("*MATERIAL, NAME=REG1\n*ELASTIC\n2.500000000000e9"));
    assert!(deck.contains("*SOLID SECTION, ELSET=EREG1, MATERIAL=REG1"));
    assert!(deck.contains("*SOLID SECTION, ELSET=EWALL, MATERIAL=WALL"));
    if find_ccx().is_none() {
        println!("SKIPPED: ccx (CalculiX) is not on PATH");
        return;
    }
    let native = solve_mesh(mesh.clone(), &stiff(), P).unwrap();
    let ccx = solve_calculix(mesh, &stiff(), P, "two materials").unwrap();
    for (a, b) in [
        (native.peaks.hoop, ccx.solution.peaks.hoop),
        (native.peaks.von_mises, ccx.solution.peaks.von_mises),
        (native.peaks.meridional, ccx.solution.peaks.meridional),
    ] {
        assert!(
            (a.value_pa / b.value_pa - 1.0).abs() < 0.005,
            "{a:?} vs {b:?}"
        );
        assert!(
            (a.z_m - b.z_m).hypot(a.r_m - b.r_m) < 2e-3,
            "{a:?} vs {b:?}"
        );
    }
    let (lo, hi) = (
        nearest(&native, R + 0.25 * L),
        nearest(&ccx.solution, R + 0.25 * L),
    );
    assert!((lo.u_r_m / hi.u_r_m - 1.0).abs() < 1e-3);
}
