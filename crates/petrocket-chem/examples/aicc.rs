//! Closed-vessel explosion (AICC) of a mixture: UV equilibrium from an initial state.
//!
//! `cargo run -p petrocket-chem --example aicc -- "H2:2,O2:1" 298.15 101325`

use petrocket_chem::{equilibrate, EquilibriumMode, GasMixture};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mixture = args.first().map_or("H2:2,O2:1", String::as_str);
    let t0: f64 = args.get(1).map_or(Ok(298.15), |s| s.parse())?;
    let p0: f64 = args.get(2).map_or(Ok(101_325.0), |s| s.parse())?;
    let gas = GasMixture::load("h2o2")?;
    let x = gas.parse_mole_fractions("mixture", mixture)?;
    let fresh = gas.state_tpx(t0, p0, &x)?;
    let r = equilibrate(&gas, &fresh, EquilibriumMode::UV)?;
    println!(
        "{mixture} from {t0} K, {p0} Pa: P = {:.6e} Pa ({:.4} x), T = {:.2} K, {} Newton iterations",
        r.state.pressure,
        r.state.pressure / p0,
        r.state.temperature,
        r.iterations
    );
    Ok(())
}
