use petrocket_chem::detonation::detonation;
use petrocket_chem::GasMixture;
fn main() {
    let gas = GasMixture::load("h2o2").unwrap();
    for (m, p, t) in [
        ("H2:2,O2:1", 101325.0, 295.0),
        ("H2:2,air:4.76", 101325.0, 295.0),
        ("H2:0.5,O2:1", 50000.0, 250.0),
        ("H2:6,O2:1", 5e5, 350.0),
        ("H2:1,air:4.76", 101325.0, 300.0),
        ("H2:6,air:4.76", 5e5, 250.0),
    ] {
        let x = gas.parse_mole_fractions("m", m).unwrap();
        let s = gas.state_tpx(t, p, &x).unwrap();
        let t0 = std::time::Instant::now();
        let r = detonation(&gas, &s);
        let el = t0.elapsed();
        match r {
            Ok(r) => println!("{m}: U={:.3} P={:.1} T={:.1} it={} res={:.1e} sonic={:.1e} vN={:.1} Pr_eq={:.1} ({} it) Pr_fr={:.1} UR={:.1} time {:?}",
                r.cj.cj_speed, r.cj.cj.state.pressure, r.cj.cj.state.temperature, r.cj.cj.iterations, r.cj.cj.residual, r.cj.sonic_residual,
                r.cj.von_neumann.post.state.pressure, r.reflected_equilibrium.post.state.pressure, r.reflected_equilibrium.post.iterations, r.reflected_frozen.post.state.pressure, r.reflected_equilibrium.shock_speed, el),
            Err(e) => println!("{m}: ERR {e}"),
        }
        let t0 = std::time::Instant::now();
        match petrocket_chem::detonation::znd(&gas, &s, None, &Default::default()) {
            Ok(z) => println!("   ZND ind {:.4e} m {:.4e} s exo {:.3e} m sigmax {:.3e} Tend {:.1} M {:.4} steps {} {:?}", z.induction_length, z.induction_time, z.exothermic_length, z.max_thermicity, z.end_temperature, z.end_mach, z.steps, t0.elapsed()),
            Err(e) => println!("   ZND ERR {e}"),
        }
    }
}
#[allow(dead_code)]
fn unused() {}
