//! End-to-end time of one assessment of `examples/stoich_h2o2_2L.toml` (stoichiometric
//! H2/O2 in a 2 L bottle), in-process: parsing the configuration, and the whole pipeline
//! (`petrocket::run`: mechanism load, mixture, AICC equilibrium, detonation screening, wall
//! check, verdict, input hash). No file output; the CLI including process start-up and
//! writing `summary.json` is timed separately by `tools/bench/run_suite.py`. Loading the
//! bundled mechanism, one step of `run`, is timed on its own to show its share.
//!
//! Run `cargo bench -p petrocket --bench pipeline`, or the whole suite with
//! `python3 tools/bench/run_suite.py` (see docs/benchmarks.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket::Config;
use petrocket_chem::GasMixture;

const EXAMPLE: &str = include_str!("../../../examples/stoich_h2o2_2L.toml");
const EXAMPLE_PATH: &str = "examples/stoich_h2o2_2L.toml";

fn pipeline(c: &mut Criterion) {
    // Fail early, outside the timing, if the example does not parse or run.
    let config = Config::from_toml_str(EXAMPLE, EXAMPLE_PATH).expect("example parses");
    petrocket::run(&config).expect("example runs");

    let mut group = c.benchmark_group("pipeline");
    group.bench_function("config_parse_stoich_h2o2_2L", |b| {
        b.iter(|| Config::from_toml_str(black_box(EXAMPLE), EXAMPLE_PATH).unwrap())
    });
    group.bench_function("load_mechanism_h2o2", |b| {
        b.iter(|| GasMixture::load(black_box("h2o2")).unwrap())
    });
    group.bench_function("run_stoich_h2o2_2L", |b| {
        b.iter(|| {
            let config = Config::from_toml_str(black_box(EXAMPLE), EXAMPLE_PATH).unwrap();
            petrocket::run(&config).unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Modest defaults for a shared 2-core machine; command-line flags override them.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = pipeline
}
criterion_main!(benches);
