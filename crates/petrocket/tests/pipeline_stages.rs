//! The pipeline as stages (issue #21, part 3): an observer sees every stage in order, shared
//! resources load a mechanism once and change no result, and the stages compose to `run`.

mod common;
use common::*;

use petrocket::pipeline::{self, CombustionMode, Observer, Resources, Stage};
use petrocket::Config;
use std::time::Duration;

fn example(path: &str) -> Config {
    let text = std::fs::read_to_string(repo(path)).unwrap();
    Config::from_toml_str(&text, path).unwrap()
}

#[derive(Default)]
struct Recorder(Vec<Stage>);

impl Observer for Recorder {
    fn stage_finished(&mut self, stage: Stage, _elapsed: Duration) {
        self.0.push(stage);
    }
}

#[test]
fn the_observer_sees_every_stage_in_order() {
    let mut rec = Recorder::default();
    let c = example("examples/stoich_h2o2_2L.toml");
    pipeline::run_with(&c, &Resources::new(), &mut rec).unwrap();
    assert_eq!(
        rec.0,
        [
            Stage::Inputs,
            Stage::Charge,
            Stage::DetonationScreening,
            Stage::Loads,
            Stage::Verdict
        ]
    );
}

#[test]
fn shared_resources_load_once_and_change_nothing() {
    let resources = Resources::new();
    let a = resources.mechanism("h2o2", None).unwrap();
    let b = resources.mechanism("H2O2", None).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&a, &b),
        "bundled mechanism loaded twice"
    );
    for path in [
        "examples/stoich_h2o2_2L.toml",
        "examples/safe_lean_h2_air_2L.toml",
        "examples/unsafe_overfilled_1L.toml",
    ] {
        let c = example(path);
        let fresh = petrocket::run(&c).unwrap();
        let shared = pipeline::run_with(&c, &resources, &mut pipeline::NoObserver).unwrap();
        let again = pipeline::run_with(&c, &resources, &mut pipeline::NoObserver).unwrap();
        assert_eq!(fresh, shared, "{path}");
        assert_eq!(shared, again, "{path}: results depend on call history");
    }
}

#[test]
fn stages_compose_to_run() {
    let c = example("examples/stoich_h2o2_2L.toml");
    let resources = Resources::new();
    let r = pipeline::inputs::resolve(&c, &resources).unwrap();
    let mut warnings = Vec::new();
    let charge = pipeline::charge::burn(&r, &mut warnings).unwrap();
    assert!(charge.burns && charge.flammable);
    let det =
        petrocket::screening::screen(r.gas(), &charge.fresh, &r.bottle, &mut warnings).unwrap();
    let wall = pipeline::Wall::new(
        &r.bottle,
        r.inputs.bottle.wall_strength_Pa,
        r.inputs.initial.ambient_pressure_Pa,
    )
    .unwrap();
    let modes = pipeline::loads::modes(&charge, &det, &wall, r.inputs.initial.pressure_Pa).unwrap();
    let full = petrocket::run(&c).unwrap();
    assert_eq!(modes, full.results.modes);
    assert_eq!(modes[0].mode, CombustionMode::ClosedDeflagration);
    assert_eq!(full.results.governing_mode, CombustionMode::Detonation);
    // Modes and grades serialise as before (strings).
    let json = serde_json::to_value(&full).unwrap();
    assert_eq!(json["results"]["governing_mode"], "detonation");
    assert_eq!(json["results"]["detonation_screening"]["grade"], "likely");
    // The text summary keeps its columns.
    assert_eq!(
        format!("[{:<20}]", CombustionMode::Detonation),
        "[detonation          ]"
    );
    let text = petrocket::output::human_summary(&full);
    assert!(
        text.contains("mode       detonation           considered"),
        "{text}"
    );
}
