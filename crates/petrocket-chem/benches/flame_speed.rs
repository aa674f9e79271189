//! Per-call time of the laminar burning velocity (`flame::laminar_burning_velocity`: the
//! flammability check, reading the composition, the Cantera-fit correlation and the range
//! check) for stoichiometric H2–air and He-diluted H2–O2 at 298.15 K and 1 atm, and of the
//! whole `chem flame-speed` computation (plus the HP equilibrium for σ and T_ad). The
//! mechanism is loaded and the state built outside the timed loop.
//!
//! Run `cargo bench -p petrocket-chem --bench flame_speed`.

use criterion::{criterion_group, criterion_main, Criterion};
use petrocket_chem::combustion::burn_at_constant_pressure;
use petrocket_chem::flame::{laminar_burning_velocity, FlameSpeed};
use petrocket_chem::GasMixture;
use std::hint::black_box;

fn flame_speed(c: &mut Criterion) {
    let gas = GasMixture::load("h2o2").expect("bundled mechanism");
    let mut group = c.benchmark_group("flame");
    for (name, mixture) in [
        ("sl_h2air_stoich", "H2:2,O2:1,N2:3.76"),
        ("sl_h2o2_he40", "H2:0.4,O2:0.2,HE:0.4"),
    ] {
        let x = gas.parse_mole_fractions("mixture", mixture).unwrap();
        let state = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
        assert!(matches!(
            laminar_burning_velocity(&gas, &state).unwrap(),
            FlameSpeed::Burning(_)
        ));
        group.bench_function(name, |b| {
            b.iter(|| laminar_burning_velocity(&gas, black_box(&state)).unwrap())
        });
    }
    let x = gas
        .parse_mole_fractions("mixture", "H2:2,O2:1,N2:3.76")
        .unwrap();
    let state = gas.state_tpx(298.15, 101_325.0, &x).unwrap();
    group.bench_function("sl_sigma_tad_h2air_stoich", |b| {
        b.iter(|| {
            let s = laminar_burning_velocity(&gas, black_box(&state)).unwrap();
            let burned = burn_at_constant_pressure(&gas, black_box(&state)).unwrap();
            (s, burned.expansion_ratio)
        })
    });
    group.finish();
}

criterion_group!(benches, flame_speed);
criterion_main!(benches);
