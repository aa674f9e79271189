//! The library functions behind the tool subcommands (`petrocket::studies`), called
//! directly: each result serialises to exactly the JSON line that the command prints with
//! `--json` for the same case (issue 21 part 2: library first, thin CLI).

mod common;

use common::run;
use petrocket::studies::{chem, fem, materials, thermal, validate};
use petrocket_chem::detonation::{CellModel, Vessel};
use petrocket_chem::reactor::{Method, ReactorKind, ReactorOptions, Record};
use petrocket_chem::{EquilibriumMode, GasMixture, GasState};
use petrocket_structure::fem::{Engine, FrontOrigin, MeshOptions, Support};
use petrocket_structure::geometry::preset_profile;
use petrocket_structure::materials::MaterialDb;
use petrocket_structure::thermal::InnerBoundary;

/// The JSON line the CLI prints for a library result (keys sorted, as `serde_json::Value`).
fn line<T: serde::Serialize>(value: &T) -> String {
    format!("{}\n", serde_json::to_value(value).unwrap())
}

/// Asserts that `petrocket args…` succeeds and prints exactly `expected` on stdout.
#[track_caller]
fn assert_cli_prints(args: &[&str], expected: &str) {
    let o = run(args);
    assert!(o.status.success(), "{}", common::text(&o.stderr));
    assert_eq!(
        common::text(&o.stdout),
        expected,
        "petrocket {}",
        args.join(" ")
    );
}

fn fem_input(preset: &str, pressure_pa: f64) -> fem::FemInput {
    fem::FemInput {
        profile: preset_profile(preset).unwrap(),
        uniform_wall: false,
        materials: MaterialDb::builtin(),
        material: fem::DEFAULT_MATERIAL.into(),
        temperature_k: fem::DEFAULT_WALL_TEMPERATURE_K,
        youngs_modulus_pa: None,
        poisson_ratio: None,
        density_kg_m3: None,
        pressure_pa,
        probe_z_m: None,
        engine: Engine::Native,
        mesh: MeshOptions::default(),
        dynamics: fem::DynamicsInput::default(),
    }
}

#[test]
fn fem_static_study_is_what_the_cli_prints() {
    let mut input = fem_input("2L", 1e6);
    input.probe_z_m = Some(0.15);
    let r = fem::fem_study(&input, &mut ()).unwrap();
    assert!(r.modal.is_none() && r.transient.is_none());
    assert!(r.peaks.max_hoop_stress_Pa > 0.0);
    assert_cli_prints(
        &[
            "fem",
            "--preset",
            "2L",
            "--pressure",
            "1e6",
            "--probe-z",
            "0.15",
            "--json",
        ],
        &line(&r),
    );
}

#[test]
fn fem_transient_study_tracks_failure_as_the_cli_prints() {
    let mut input = fem_input("0.5L", 8e6);
    input.dynamics = fem::DynamicsInput {
        modes: Some(2),
        support: Support::Free,
        damping_ratio: Some(0.05),
        transient: Some(fem::TransientInput {
            history: fem::HistoryInput::Ramp { rise_time_s: 1e-4 },
            front: Some(fem::FrontInput {
                speed_m_s: 2000.0,
                origin: FrontOrigin::Base,
                reflection_factor: 1.0,
            }),
            duration_s: 1e-3,
            time_step_s: None,
            allow_long: false,
        }),
    };
    let r = fem::fem_study(&input, &mut ()).unwrap();
    let modal = r.modal.as_ref().unwrap();
    assert_eq!(modal.natural_frequencies_Hz.len(), 2);
    let t = r.transient.as_ref().unwrap();
    let f = t.failure.as_ref().expect("failure tracked");
    // 80 bar bursts a 0.5 L bottle: the first SF < 1 is reported.
    assert!(f.min_safety_factor.unwrap() < 1.0, "{f:?}");
    assert!(f.failure_time_s.is_some());
    let rate = f.failure.strain_rate_per_s;
    assert!(rate > 0.0 && rate.is_finite());
    assert_cli_prints(
        &[
            "fem",
            "--preset",
            "0.5L",
            "--pressure",
            "8e6",
            "--modes",
            "2",
            "--damping",
            "0.05",
            "--rise-time",
            "1e-4",
            "--duration",
            "1e-3",
            "--front-speed",
            "2000",
            "--json",
        ],
        &line(&r),
    );
}

#[test]
fn strain_rate_is_limited_by_the_breathing_period_and_the_law() {
    use petrocket_structure::materials::{MAX_STRAIN_RATE_PER_S, MIN_STRAIN_RATE_PER_S};
    let omega = 2.0 * std::f64::consts::PI * 1000.0; // half period 0.5 ms
                                                     // A slow rise governs.
    let slow = fem::strain_rate(0.01, 0.1, omega);
    assert!((slow - 0.1).abs() < 1e-12, "{slow}");
    // A step (zero rise time) strains no faster than over half a breathing period.
    let step = fem::strain_rate(0.01, 0.0, omega);
    assert!((step - 20.0).abs() < 1e-9, "{step}");
    // Clamped to the strength law's range.
    let low = fem::strain_rate(1e-12, 1.0, omega);
    assert!(
        (low - MIN_STRAIN_RATE_PER_S).abs() <= 1e-15 * MIN_STRAIN_RATE_PER_S,
        "{low}"
    );
    let high = fem::strain_rate(10.0, 0.0, omega * 1e6);
    assert!(
        (high - MAX_STRAIN_RATE_PER_S).abs() <= 1e-15 * MAX_STRAIN_RATE_PER_S,
        "{high}"
    );
}

#[test]
fn damping_ratio_and_duration_checks() {
    assert!(fem::check_damping_ratio(0.0).is_ok());
    assert!(fem::check_damping_ratio(1.0).is_err());
    assert!(fem::check_damping_ratio(f64::NAN).is_err());
    assert!(thermal::check_duration(1.0, false).is_ok());
    assert!(thermal::check_duration(100.0, false).is_err());
    assert!(thermal::check_duration(100.0, true).is_ok());
}

#[test]
fn thermal_study_is_what_the_cli_prints() {
    let input = thermal::ThermalInput {
        wall: thermal::WallProperties::Material {
            materials: MaterialDb::builtin(),
            name: thermal::DEFAULT_MATERIAL.into(),
        },
        thickness_m: thermal::DEFAULT_WALL_THICKNESS_M,
        initial_temperature_k: thermal::DEFAULT_INITIAL_TEMPERATURE_K,
        glass_transition_k: None,
        inner: InnerBoundary::Flux(1e6),
        outer_convection_w_m2_k: None,
        duration_s: 0.01,
        allow_long: false,
        cells: 200,
    };
    let r = thermal::thermal_study(&input).unwrap();
    assert!(r.surface_temperature_rise_K > 0.0);
    assert_cli_prints(
        &[
            "thermal",
            "--heat-flux",
            "1e6",
            "--duration",
            "0.01",
            "--json",
        ],
        &line(&r),
    );
    // Above a bottle burn without allow_long: refused.
    let long = thermal::ThermalInput {
        duration_s: 100.0,
        ..input
    };
    assert!(thermal::thermal_study(&long).is_err());
}

fn state(mixture: &str, p: f64, t: f64) -> (GasMixture, GasState) {
    let gas = GasMixture::load("h2o2").unwrap();
    let x = gas.parse_mole_fractions("--mixture", mixture).unwrap();
    let s = gas.state_tpx(t, p, &x).unwrap();
    (gas, s)
}

const STATE: [&str; 6] = [
    "--pressure",
    "101325",
    "--temperature",
    "300",
    "--mech",
    "h2o2",
];

fn chem_args<'a>(sub: &'a str, mixture: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["chem", sub, "--mixture", mixture];
    v.extend(STATE);
    v.extend(extra);
    v.push("--json");
    v
}

#[test]
fn equilibrium_study_is_what_the_cli_prints() {
    let (gas, fresh) = state("H2:2,O2:1", 101325.0, 300.0);
    let r = chem::equilibrium_study(&gas, &fresh, EquilibriumMode::UV).unwrap();
    assert!(r.pressure_Pa > 9.0 * 101325.0);
    assert_cli_prints(
        &chem_args("equilibrium", "H2:2,O2:1", &["--mode", "UV"]),
        &line(&r),
    );
}

#[test]
fn ignition_study_is_what_the_cli_prints() {
    let (gas, fresh) = state("H2:2,O2:1,AR:7", 101325.0, 1200.0);
    let options = ReactorOptions {
        kind: ReactorKind::ConstantVolume,
        end_time: 1e-3,
        rtol: 1e-9,
        atol: 1e-15,
        method: Method::Bdf,
        record: Record::Nothing,
        record_species: false,
        ..ReactorOptions::default()
    };
    let r = chem::ignition_study(&gas, &fresh, &options).unwrap();
    assert!(r.ignited);
    let args = [
        "chem",
        "ignition",
        "--mixture",
        "H2:2,O2:1,AR:7",
        "--pressure",
        "101325",
        "--temperature",
        "1200",
        "--end-time",
        "1e-3",
        "--json",
    ];
    assert_cli_prints(&args, &line(&r));
}

#[test]
fn cj_study_answers_inside_and_outside_the_limits_as_the_cli() {
    let (gas, fresh) = state("H2:2,O2:1", 101325.0, 300.0);
    let r = chem::cj_study(&gas, &fresh).unwrap();
    let chem::Detonability::Detonable(d) = &r.result else {
        panic!("stoichiometric H2-O2 detonates")
    };
    assert!((2700.0..3000.0).contains(&d.cj_speed_m_s));
    assert_cli_prints(&chem_args("cj", "H2:2,O2:1", &[]), &line(&r));

    let (gas, fresh) = state("H2:0.05,air:0.95", 101325.0, 300.0);
    let r = chem::cj_study(&gas, &fresh).unwrap();
    assert!(matches!(r.result, chem::Detonability::NotDetonable(_)));
    assert_cli_prints(&chem_args("cj", "H2:0.05,air:0.95", &[]), &line(&r));
}

#[test]
fn znd_study_with_a_vessel_is_what_the_cli_prints() {
    let (gas, fresh) = state("H2:0.3,air:0.7", 101325.0, 300.0);
    let vessel = Vessel::new(0.1, 0.3).unwrap();
    let r = chem::znd_study(&gas, &fresh, Some(vessel), CellModel::Gavrikov).unwrap();
    let chem::Detonability::Detonable(z) = &r.result else {
        panic!("30 % H2 in air is detonable")
    };
    assert!(z.detonability.is_some());
    // The chosen correlation's band is widened to the spread of all four.
    let models = z.cell_models.as_ref().unwrap();
    assert!(z.cell_width_lower_m <= models.spread_m[0]);
    assert!(z.cell_width_upper_m >= models.spread_m[1]);
    assert_cli_prints(
        &chem_args(
            "znd",
            "H2:0.3,air:0.7",
            &[
                "--vessel-diameter",
                "0.1",
                "--vessel-length",
                "0.3",
                "--cell-model",
                "gavrikov",
            ],
        ),
        &line(&r),
    );

    // Outside the limits with a vessel: the screening from the limits alone.
    let (gas, fresh) = state("H2:0.05,air:0.95", 101325.0, 300.0);
    let r = chem::znd_study(&gas, &fresh, Some(vessel), CellModel::A29).unwrap();
    let chem::Detonability::NotDetonable(nd) = &r.result else {
        panic!("5 % H2 is below the detonability limit")
    };
    assert!(nd.detonability.is_some());
    assert_cli_prints(
        &chem_args(
            "znd",
            "H2:0.05,air:0.95",
            &["--vessel-diameter", "0.1", "--vessel-length", "0.3"],
        ),
        &line(&r),
    );
}

#[test]
fn flame_speed_study_is_what_the_cli_prints() {
    for mixture in ["H2:0.3,air:0.7", "H2:0.02,air:0.98"] {
        let (gas, fresh) = state(mixture, 101325.0, 300.0);
        let r = chem::flame_speed_study(&gas, &fresh, None).unwrap();
        assert_eq!(r.flammable, r.laminar_burning_velocity_m_s.is_some());
        assert_cli_prints(&chem_args("flame-speed", mixture, &[]), &line(&r));
    }
}

#[test]
fn materials_listing_is_what_the_cli_prints() {
    let r = materials::materials_listing(&MaterialDb::builtin());
    assert!(r.materials.iter().any(|m| m.name == "pet-oriented"));
    assert_cli_prints(&["materials", "--json"], &line(&r));
}

#[test]
fn validation_report_is_what_the_cli_prints() {
    let r = validate::validation_report();
    assert_eq!(r.tool.name, "petrocket");
    assert!(r.report.all_passed());
    assert_cli_prints(&["validate", "--json"], &line(&r));
}
