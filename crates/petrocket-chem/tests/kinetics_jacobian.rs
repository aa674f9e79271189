//! The exact kinetics and reactor Jacobians against central finite differences, for the
//! bundled H2/O2 mechanism (three-body, Troe falloff, duplicates) and GRI-Mech 3.0 (Lindemann,
//! Troe, explicit colliders), at reacting states where every species is present.

mod common;

use nalgebra::DMatrix;
use petrocket_chem::reactor::{ReactorKind, ReactorSystem};
use petrocket_chem::{GasMixture, GasState, Kinetics};

fn gri30() -> GasMixture {
    GasMixture::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gri30.yaml"
    ))
    .unwrap()
}

/// A partly reacted state: fresh mixture plus a little of every species (relative amount
/// `trace`), so no derivative is hidden by a zero concentration.
fn reacting_state(gas: &GasMixture, fresh: &str, t: f64, p: f64, trace: f64) -> GasState {
    let mut x = gas.parse_mole_fractions("mixture", fresh).unwrap();
    for (k, v) in x.iter_mut().enumerate() {
        *v += trace * (1.0 + 0.37 * k as f64 % 1.3);
    }
    gas.state_tpx(t, p, &x).unwrap()
}

/// Central-difference derivative with a relative step, and a tolerance that accounts for the
/// cancellation in ω̇ (sums of large opposite rates).
fn close(exact: f64, fd: f64, scale: f64, what: &str) {
    let tol = 2e-5 * exact.abs().max(fd.abs()) + 1e-7 * scale;
    assert!(
        (exact - fd).abs() <= tol,
        "{what}: exact {exact:e} vs finite difference {fd:e} (tol {tol:e})"
    );
}

fn check_kinetics(gas: &GasMixture, state: &GasState) {
    let kin = Kinetics::new(gas).unwrap();
    let ns = gas.n_species();
    let c0 = Kinetics::concentrations(state);
    let t0 = state.temperature;
    let mut work = kin.work();
    let eval = |t: f64, c: &[f64]| -> Vec<f64> {
        let mut w = kin.work();
        kin.update(&mut w, t, c);
        let mut out = vec![0.0; ns];
        kin.net_production_rates(&w, &mut out);
        out
    };
    kin.update(&mut work, t0, &c0);
    let mut dwdc = DMatrix::zeros(ns, ns);
    let mut dwdt = vec![0.0; ns];
    let mut grad = vec![0.0; ns];
    kin.jacobian(&work, &mut dwdc, &mut dwdt, &mut grad);
    // Scale: the largest rate of progress over concentration / temperature.
    let q_max = work
        .forward_rates_of_progress()
        .iter()
        .chain(work.reverse_rates_of_progress())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let c_tot: f64 = c0.iter().sum();
    let h = 1e-6 * t0;
    let (wp, wm) = (eval(t0 + h, &c0), eval(t0 - h, &c0));
    for k in 0..ns {
        close(
            dwdt[k],
            (wp[k] - wm[k]) / (2.0 * h),
            q_max / t0,
            &format!("dω_{k}/dT"),
        );
    }
    for j in 0..ns {
        let hj = 1e-5 * c0[j].max(1e-3 * c_tot);
        let mut cp = c0.clone();
        let mut cm = c0.clone();
        cp[j] += hj;
        cm[j] -= hj;
        let (wp, wm) = (eval(t0, &cp), eval(t0, &cm));
        for k in 0..ns {
            close(
                dwdc[(k, j)],
                (wp[k] - wm[k]) / (2.0 * hj),
                q_max / c_tot,
                &format!("dω_{k}/dC_{j}"),
            );
        }
    }
}

fn check_reactor(gas: &GasMixture, state: &GasState, kind: ReactorKind) {
    let kin = Kinetics::new(gas).unwrap();
    let mut sys = ReactorSystem::new(&kin, kind, state).unwrap();
    let n = sys.dim();
    let y0 = gas.mass_fractions(&state.mole_fractions);
    let mut jac = DMatrix::zeros(n, n);
    sys.jacobian(&y0, &mut jac).unwrap();
    let mut f0 = vec![0.0; n];
    sys.rhs(&y0, &mut f0).unwrap();
    let f_scale = f0.iter().fold(0.0f64, |m: f64, v: &f64| m.max(v.abs()));
    for j in 0..n {
        let h = 1e-5 * y0[j].max(1e-3);
        let (mut yp, mut ym) = (y0.clone(), y0.clone());
        yp[j] += h;
        ym[j] -= h;
        let (mut fp, mut fm) = (vec![0.0; n], vec![0.0; n]);
        sys.rhs(&yp, &mut fp).unwrap();
        sys.rhs(&ym, &mut fm).unwrap();
        for k in 0..n {
            close(
                jac[(k, j)],
                (fp[k] - fm[k]) / (2.0 * h),
                f_scale,
                &format!("{kind:?} ∂f_{k}/∂Y_{j}"),
            );
        }
    }
}

#[test]
fn h2o2_kinetics_jacobian_matches_finite_differences() {
    let gas = common::h2o2();
    for (fresh, t, p) in [
        ("H2:2,O2:1", 1200.0, 1e5),
        ("H2:2,O2:1,AR:3", 900.0, 2e6),
        ("H2:1,O2:1,N2:3.76,H2O:1", 2400.0, 5e5),
        ("H2:4,O2:1,HE:2", 1500.0, 5e3),
    ] {
        check_kinetics(&gas, &reacting_state(&gas, fresh, t, p, 1e-3));
    }
}

#[test]
fn gri30_kinetics_jacobian_matches_finite_differences() {
    let gas = gri30();
    for (fresh, t, p) in [
        ("CH4:1,O2:2,N2:7.52", 1400.0, 1e6),
        ("CH4:1,O2:1,AR:2", 1900.0, 1e5),
    ] {
        check_kinetics(&gas, &reacting_state(&gas, fresh, t, p, 1e-4));
    }
}

#[test]
fn reactor_jacobians_match_finite_differences() {
    let gas = common::h2o2();
    for kind in [ReactorKind::ConstantVolume, ReactorKind::ConstantPressure] {
        for (fresh, t, p) in [("H2:2,O2:1", 1200.0, 1e5), ("H2:1,O2:1,N2:3", 2000.0, 1e6)] {
            check_reactor(&gas, &reacting_state(&gas, fresh, t, p, 1e-3), kind);
        }
    }
    let gri = gri30();
    check_reactor(
        &gri,
        &reacting_state(&gri, "CH4:1,O2:2,N2:7.52", 1500.0, 1e6, 1e-4),
        ReactorKind::ConstantVolume,
    );
}
