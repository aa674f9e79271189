use super::*;
use crate::test_util::assert_close;

const GOOD: &str =
    "z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.2,0.05,0.001\n0.2,0.01,0.002\n0.22,0.01,0.002\n";

fn csv_err(text: &str) -> String {
    Profile::from_csv_str(text, "t.csv")
        .unwrap_err()
        .to_string()
}

#[test]
fn parses_comments_bom_and_whitespace() {
    let text = format!("\u{feff}# a comment\n\n z_m , r_m , t_m \n{}", &GOOD[12..]);
    let p = Profile::from_csv_str(&text, "t.csv").unwrap();
    assert_eq!(p.rows().len(), 5);
    assert!(!p.is_closed_top());
}

#[test]
fn csv_errors_name_line_field_and_value() {
    let e = csv_err("0,0,0.001\n0.1,0.05,0.001\n");
    assert!(e.contains("line 1") && e.contains("missing header"), "{e}");
    let e = csv_err("z,r,t\n0,0,1\n");
    assert!(e.contains("header must be exactly"), "{e}");
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.1,abc,0.001\n");
    assert!(
        e.contains("line 3") && e.contains("`r_m` = `abc`") && e.contains("not a number"),
        "{e}"
    );
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.1,0.05,NaN\n");
    assert!(
        e.contains("line 3") && e.contains("`t_m` = `NaN`") && e.contains("finite"),
        "{e}"
    );
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.1,0.05,-0.001\n");
    assert!(e.contains("`t_m` = `-0.001`") && e.contains("> 0"), "{e}");
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.1,-0.05,0.001\n");
    assert!(e.contains("`r_m` = `-0.05`") && e.contains("≥ 0"), "{e}");
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.1,0.05\n");
    assert!(e.contains("expected 3 fields"), "{e}");
    let e = csv_err("");
    assert!(e.contains("empty file"), "{e}");
}

#[test]
fn geometric_errors_name_the_row() {
    // Not starting on the axis.
    let e = csv_err("z_m,r_m,t_m\n0,0.01,0.001\n0.1,0.05,0.001\n");
    assert!(e.contains("row 1") && e.contains("on the axis"), "{e}");
    // Self-intersecting meridian (a bow tie).
    let e = csv_err(
        "z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.1,0.05,0.001\n0.1,0.08,0.001\n0.05,0.08,0.001\n0.05,0.03,0.001\n0.2,0.03,0.001\n",
    );
    assert!(
        e.contains("crosses itself") || e.contains("turns by"),
        "{e}"
    );
    let e = csv_err(
        "z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.1,0.05,0.001\n0.15,0.07,0.001\n0.16,0.02,0.001\n0.05,0.06,0.001\n0.3,0.06,0.001\n",
    );
    assert!(
        e.contains("crosses itself") || e.contains("turns by"),
        "{e}"
    );
    // Duplicate row.
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0,0.05,0.001\n0.1,0.05,0.001\n");
    assert!(e.contains("duplicate row") && e.contains("line 4"), "{e}");
    // Folding back.
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.001,0.01,0.001\n");
    assert!(e.contains("turns by"), "{e}");
    // Interior row on the axis.
    let e = csv_err("z_m,r_m,t_m\n0,0,0.001\n0.01,0,0.001\n0.1,0.05,0.001\n");
    assert!(e.contains("only the first and the last row"), "{e}");
    // Wall through the axis.
    let e = csv_err(
        "z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.1,0.05,0.001\n0.1,0.004,0.01\n0.2,0.004,0.01\n",
    );
    assert!(
        e.contains("reaches the axis") || e.contains("turns by"),
        "{e}"
    );
}

#[test]
fn thickness_step_and_warnings() {
    let p = Profile::from_csv_str(
        "z_m,r_m,t_m\n0,0,0.001\n0,0.05,0.001\n0.1,0.05,0.001\n0.1,0.05,0.002\n0.2,0.05,0.002\n0.25,0.01,0.002\n0.3,0.01,0.002\n",
        "t.csv",
    )
    .unwrap();
    // The step becomes a taper for meshing: three rows instead of two.
    assert_eq!(p.mesh_rows().len(), p.rows().len() + 1);
    // The 90° corners at the base edge and the shoulder give warnings.
    assert!(
        p.warnings().iter().any(|w| w.contains("sharp corner")),
        "{:?}",
        p.warnings()
    );
}

#[test]
fn csv_round_trip() {
    let p = preset_profile("1.5L").unwrap();
    let text = p.to_csv_string(&["1.5 L preset", "second line"]);
    assert!(text.starts_with("# 1.5 L preset\n# second line\nz_m,r_m,t_m,material\n"));
    let q = Profile::from_csv_str(&text, "x").unwrap();
    assert_eq!(p.rows(), q.rows());
    // The presets' amorphous regions (finish, base gate) survive the round trip.
    assert_eq!(p.row_materials(), q.row_materials());
    assert_eq!(q.material_names(), vec!["pet-amorphous".to_string()]);
    let u = p.uniform().to_csv_string(&[]);
    assert!(u.starts_with("z_m,r_m,t_m\n"));
}

#[test]
fn capsule_volume_area_and_mass_are_exact() {
    let (r, l, t) = (0.05, 0.3, 0.5e-3);
    let p = capsule_profile(r, l, t, 1.0).unwrap();
    assert!(p.is_closed_top());
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
    let a = r - t / 2.0;
    let pi = std::f64::consts::PI;
    let v = pi * a * a * l + 4.0 / 3.0 * pi * a.powi(3);
    assert_close(p.internal_volume_m3(), v, 2e-4);
    let area_out = 2.0 * pi * (r + t / 2.0) * l + 4.0 * pi * (r + t / 2.0).powi(2);
    assert_close(p.outer_area_m2(), area_out, 2e-4);
    let wall = 2.0 * pi * r * t * l + 4.0 * pi * r * r * t;
    assert_close(p.wall_volume_m3(), wall, 2e-4);
    assert_close(p.wall_mass_kg(1390.0).unwrap(), 1390.0 * wall, 2e-4);
    assert!(p.mouth_area_m2().abs() < 1e-18);
    assert_eq!(p.mouth_inner_radius_m(), None);
}

#[test]
fn presets_are_plausible_bottles() {
    for (name, nominal_l) in [("0.5L", 0.5), ("1L", 1.0), ("1.5L", 1.5), ("2L", 2.0)] {
        let p = preset_profile(name).unwrap();
        let shape = preset_shape(name).unwrap();
        assert!(p.warnings().is_empty(), "{name}: {:?}", p.warnings());
        // Brimful volume a few per cent above nominal.
        let v_l = p.internal_volume_m3() * 1e3;
        assert!(v_l > nominal_l && v_l < 1.1 * nominal_l, "{name}: {v_l} L");
        // Outer height and diameter as specified.
        assert_close(p.height_m(), shape.height_m, 1e-3);
        assert_close(
            p.max_outer_radius_m(),
            shape.body_outer_diameter_m / 2.0,
            1e-3,
        );
        // Mouth: the 21.7 mm bore (VALIDATION B5).
        assert_close(p.mouth_inner_radius_m().unwrap(), 0.0217 / 2.0, 1e-9);
        assert_close(
            p.mouth_area_m2(),
            std::f64::consts::PI * 0.0217f64.powi(2) / 4.0,
            1e-9,
        );
        assert!(p.inner_area_m2() < p.outer_area_m2());
    }
    // 2 L: the ≈48 g of VALIDATION B6 (± 1 g) with the densities of the regions: oriented
    // PET by default, amorphous PET at the finish and the base gate (database values).
    let db = crate::materials::MaterialDb::builtin();
    let p2 = preset_profile("2L").unwrap();
    let rho = |n: &str| db.get(n).unwrap().density_kg_m3.value;
    let m = p2
        .wall_mass_regions_kg(rho("pet-oriented"), &mut |n| Ok(rho(n)))
        .unwrap();
    assert!((0.047..=0.049).contains(&m), "{m} kg");
    // The amorphous regions weigh less than the same wall in oriented PET.
    let uniform = p2.wall_mass_kg(rho("pet-oriented")).unwrap();
    assert!(m < uniform && uniform - m < 0.001, "{m} vs {uniform}");
    let e = preset_profile("2.5L").unwrap_err().to_string();
    assert!(e.contains("did you mean"), "{e}");
}

mod issue20_sweep {
    use super::super::{first_crossing, segments_intersect};
    use proptest::prelude::*;

    /// Brute force: any non-adjacent pair that intersects (the pre-#20 check).
    fn brute(segs: &[([f64; 2], [f64; 2])], tol: f64) -> bool {
        (0..segs.len()).any(|a| {
            (a + 2..segs.len())
                .any(|b| segments_intersect(segs[a].0, segs[a].1, segs[b].0, segs[b].1, tol))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The O(n log n) sweep finds a crossing exactly when the quadratic check does.
        #[test]
        fn issue20_sweep_agrees_with_brute_force(
            pts in proptest::collection::vec((0u8..12, 0u8..12), 3..20)
        ) {
            // Grid points make collinear and touching configurations common. Points that
            // repeat the last one or turn by 120° or more are skipped, as validation rejects
            // those before the sweep runs (consecutive segments never overlap).
            let mut p: Vec<[f64; 2]> = Vec::new();
            for &(a, b) in &pts {
                let q = [f64::from(a), f64::from(b)];
                let n = p.len();
                if n >= 1 && p[n - 1][0].total_cmp(&q[0]).is_eq() && p[n - 1][1].total_cmp(&q[1]).is_eq() {
                    continue;
                }
                if n >= 2 {
                    let d1 = [p[n - 1][0] - p[n - 2][0], p[n - 1][1] - p[n - 2][1]];
                    let d2 = [q[0] - p[n - 1][0], q[1] - p[n - 1][1]];
                    let cos = (d1[0] * d2[0] + d1[1] * d2[1])
                        / (d1[0].hypot(d1[1]) * d2[0].hypot(d2[1]));
                    if cos.clamp(-1.0, 1.0).acos().to_degrees() >= super::super::MAX_TURN_DEG {
                        continue;
                    }
                }
                p.push(q);
            }
            let segs: Vec<([f64; 2], [f64; 2])> = p.windows(2).map(|w| (w[0], w[1])).collect();
            let tol = 1e-12 * 12.0;
            let found = first_crossing(&segs, tol);
            prop_assert_eq!(found.is_some(), brute(&segs, tol), "{:?}", segs);
            if let Some((a, b)) = found {
                prop_assert!(a.abs_diff(b) > 1);
                prop_assert!(segments_intersect(segs[a].0, segs[a].1, segs[b].0, segs[b].1, tol));
            }
        }
    }
}
