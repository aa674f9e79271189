//! CJ, von Neumann and reflected states against Cantera 3.2.0 golden data
//! (`tools/golden/make_detonation_golden.py`: an independent minimum-wave-speed CJ, shock and
//! reflected-shock implementation on Cantera with the same mechanism file), 36 cases over
//! H2:O2 = 0.5–6 and H2–air φ = 0.5–3 at 0.5–5 bar, 250–350 K; and ZND induction lengths.
//!
//! Tolerances (issue #4): CJ speed 0.1 %, CJ, von Neumann and reflected pressures 0.5 %;
//! induction length and time 1 %, exothermic pulse length 2 %. The measured agreement is far tighter (printed with --nocapture).

mod common;

use petrocket_chem::detonation::{detonation, znd, ZndOptions};

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn cj_von_neumann_and_reflected_states_match_cantera() {
    let g = common::golden("detonation.json");
    let gas = common::h2o2();
    let cases = g["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    let mut worst = [0.0f64; 7];
    for c in cases {
        let x = common::composition(&gas, &c["composition"]);
        let s0 = gas
            .state_tpx(
                c["temperature_K"].as_f64().unwrap(),
                c["pressure_Pa"].as_f64().unwrap(),
                &x,
            )
            .unwrap();
        let d = detonation(&gas, &s0).unwrap_or_else(|e| panic!("{}: {e}", c["mixture"]));
        let f = |k: &str| c[k].as_f64().unwrap();
        let checks = [
            (d.cj.cj_speed, f("cj_speed_m_s"), 1e-3, "CJ speed"),
            (
                d.cj.cj.state.pressure,
                f("cj_pressure_Pa"),
                5e-3,
                "CJ pressure",
            ),
            (
                d.cj.cj.state.temperature,
                f("cj_temperature_K"),
                1e-3,
                "CJ temperature",
            ),
            (
                d.cj.von_neumann.post.state.pressure,
                f("von_neumann_pressure_Pa"),
                5e-3,
                "vN pressure",
            ),
            (
                d.reflected_equilibrium.post.state.pressure,
                f("reflected_eq_pressure_Pa"),
                5e-3,
                "reflected eq pressure",
            ),
            (
                d.reflected_frozen.post.state.pressure,
                f("reflected_fr_pressure_Pa"),
                5e-3,
                "reflected frozen pressure",
            ),
            (
                d.cj.cj.sound_speed,
                f("cj_sound_speed_eq_fd_m_s"),
                1e-3,
                "equilibrium sound speed",
            ),
        ];
        for (i, (got, want, tol, what)) in checks.into_iter().enumerate() {
            let e = rel(got, want);
            worst[i] = worst[i].max(e);
            assert!(
                e < tol,
                "{} {} Pa {} K: {what} {got} vs Cantera {want} ({e:.2e})",
                c["mixture"],
                c["pressure_Pa"],
                c["temperature_K"]
            );
        }
        assert!(d.cj.sonic_residual.abs() < 1e-8);
    }
    println!(
        "worst relative deviations: U_CJ {:.1e}, P_CJ {:.1e}, T_CJ {:.1e}, P_vN {:.1e}, \
         P_refl,eq {:.1e}, P_refl,fr {:.1e}, a_eq {:.1e}",
        worst[0], worst[1], worst[2], worst[3], worst[4], worst[5], worst[6]
    );
}

#[test]
fn znd_induction_lengths_match_cantera() {
    let g = common::golden("detonation.json");
    let gas = common::h2o2();
    for c in g["znd"].as_array().unwrap() {
        let x = common::composition(&gas, &c["composition"]);
        let s0 = gas
            .state_tpx(
                c["temperature_K"].as_f64().unwrap(),
                c["pressure_Pa"].as_f64().unwrap(),
                &x,
            )
            .unwrap();
        let u = c["shock_speed_m_s"].as_f64().unwrap();
        let z = znd(&gas, &s0, Some(u), &ZndOptions::default()).unwrap();
        let want = c["induction_length_m"].as_f64().unwrap();
        let e = rel(z.induction_length, want);
        println!(
            "{}: induction length {} vs {want} ({e:.1e})",
            c["mixture"], z.induction_length
        );
        assert!(
            e < 1e-2,
            "{}: {} vs {want}",
            c["mixture"],
            z.induction_length
        );
        let et = rel(z.induction_time, c["induction_time_s"].as_f64().unwrap());
        assert!(et < 1e-2, "{}: induction time ({et:.1e})", c["mixture"]);
        // The pulse edges are interpolated linearly between integrator steps on both sides.
        let ex = rel(
            z.exothermic_length,
            c["exothermic_length_m"].as_f64().unwrap(),
        );
        println!("{}: exothermic length deviation {ex:.1e}", c["mixture"]);
        assert!(ex < 2e-2, "{}: exothermic length ({ex:.1e})", c["mixture"]);
    }
}
