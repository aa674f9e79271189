//! Burning-velocity correlations fitted to Cantera free flames (**not to experiment**).
//!
//! Source data: `crates/petrocket-chem/tests/data/flame_speed.json`, made by
//! `tools/golden/make_flame_golden.py` with Cantera 3.2.0 `FreeFlame` (adiabatic, planar,
//! mixture-averaged transport, no Soret effect, no radiation; grids refined until `S_L`
//! changes by < 1 %) on the bundled `h2o2` mechanism (the H2/O2 subset of GRI-Mech 3.0,
//! Smith et al. 1999, plus inert He). The coefficients are written by
//! `tools/golden/fit_flame_speed.py` (linear least squares on `ln S_L`) into
//! `fit_coefficients.rs`; rerun both scripts to reproduce them.
//!
//! Fit form, with `u = ln φ`, `τ = ln(T/298.15 K)`, `π = ln(P/101325 Pa)` and `x_d` the
//! mole fraction of diluent `d` in the whole mixture:
//!
//! ```text
//! ln S_L = Σ_{k=0..6} a_k u^k
//!        + τ (t0 + t1 u + t2 u²)
//!        + π (p0 + p1 u + p2 u² + p3 u³) + π² (p4 + p5 u + p6 u²) + p7 π³
//!        + Σ_d [ x_d (c0 + c1 u + c2 u²) + x_d² (c3 + c4 u) + c5 x_d³
//!               + x_d π (c6 + c7 u + c8 π) + c9 x_d² π ]                     (S_L in m/s)
//! ```
//!
//! Assumptions and limits: the fits inherit the mechanism's error (GRI-Mech 3.0 predicts
//! very lean H2–air flames far slower than measured: 0.16 m/s at φ = 0.4); they hold for
//! planar unstretched flames (real lean H2 flames are cellular and faster); dilution, `P`
//! and `T` were varied one at a time around 1 atm, 298 K (H2O at 400 K), except dilution
//! with pressure (a grid of its own: the pressure exponent depends on the dilution); other
//! combined variations are checked on hold-out cases only. Outside the box of
//! its data ([`FitBox`]) the fit is continued linearly (see
//! [`FitCoefficients::ln_burning_velocity`]); outside [`BurningVelocityModel::validity`]
//! every value is flagged.

use super::fit_coefficients;
use super::{BurningVelocityModel, Diluent, FlameMixture, Oxidiser, ValidityRange};
use crate::error::{ChemError, Result};

/// Reference temperature of the fit, K.
pub const T_REF_K: f64 = 298.15;
/// Reference pressure of the fit, Pa.
pub const P_REF_PA: f64 = 101_325.0;

/// Coefficients of one fit (see the module docs for the form and order).
#[derive(Debug, Clone, PartialEq)]
pub struct FitCoefficients {
    /// `a0..a6`.
    pub phi: [f64; 7],
    /// `t0..t2`.
    pub temperature: [f64; 3],
    /// `p0..p7`.
    pub pressure: [f64; 8],
    /// `c0..c9` for N2, Ar, He, H2O.
    pub diluent: [[f64; 10]; 4],
}

/// The box of the fit data; outside it [`FitCoefficients::ln_burning_velocity`] extrapolates
/// linearly (first-order Taylor expansion from the nearest point of the box), so that a
/// polynomial never runs away far from its data.
#[derive(Debug, Clone, PartialEq)]
pub struct FitBox {
    /// Equivalence ratio.
    pub phi: (f64, f64),
    /// Unburned temperature, K.
    pub temperature_k: (f64, f64),
    /// Pressure, Pa.
    pub pressure_pa: (f64, f64),
    /// Largest diluent mole fraction in the data, for N2, Ar, He, H2O.
    pub diluent_max: [f64; 4],
}

const DILUENT_ORDER: [Diluent; 4] = [Diluent::N2, Diluent::Ar, Diluent::He, Diluent::H2O];

impl FitCoefficients {
    /// `ln S_L` (S_L in m/s) at `z = [ln φ, ln(T/T_ref), ln(P/P_ref), x_N2, x_Ar, x_He,
    /// x_H2O]`: the polynomial of the module docs.
    pub fn ln_burning_velocity_at(&self, z: &[f64; 7]) -> f64 {
        let (u, tau, pi) = (z[0], z[1], z[2]);
        let poly = |c: &[f64]| c.iter().rev().fold(0.0, |acc, &a| acc * u + a);
        let p = &self.pressure;
        let mut ln_s = poly(&self.phi)
            + tau * poly(&self.temperature)
            + pi * poly(&p[0..4])
            + pi * pi * poly(&p[4..7])
            + p[7] * pi * pi * pi;
        for (c, &x) in self.diluent.iter().zip(&z[3..]) {
            ln_s += x * poly(&c[0..3])
                + x * x * poly(&c[3..5])
                + c[5] * x * x * x
                + x * pi * (c[6] + c[7] * u + c[8] * pi)
                + c[9] * x * x * pi;
        }
        ln_s
    }

    /// `ln S_L` of `m`: the polynomial inside `fit_box`, its tangent plane at the nearest
    /// point of the box outside it (gradient by central differences, step 1e-5).
    pub fn ln_burning_velocity(&self, m: &FlameMixture, fit_box: &FitBox) -> f64 {
        let mut z = [
            m.phi.ln(),
            (m.temperature_k / T_REF_K).ln(),
            (m.pressure_pa / P_REF_PA).ln(),
            0.0,
            0.0,
            0.0,
            0.0,
        ];
        for (zi, d) in z[3..].iter_mut().zip(DILUENT_ORDER) {
            *zi = m.diluent(d);
        }
        let mut lo = [
            fit_box.phi.0.ln(),
            (fit_box.temperature_k.0 / T_REF_K).ln(),
            (fit_box.pressure_pa.0 / P_REF_PA).ln(),
            0.0,
            0.0,
            0.0,
            0.0,
        ];
        let mut hi = [
            fit_box.phi.1.ln(),
            (fit_box.temperature_k.1 / T_REF_K).ln(),
            (fit_box.pressure_pa.1 / P_REF_PA).ln(),
            0.0,
            0.0,
            0.0,
            0.0,
        ];
        hi[3..].copy_from_slice(&fit_box.diluent_max);
        lo[3..].fill(0.0);
        let mut zc = z;
        for i in 0..7 {
            zc[i] = z[i].clamp(lo[i], hi[i].max(lo[i]));
        }
        let mut ln_s = self.ln_burning_velocity_at(&zc);
        const H: f64 = 1e-5;
        for i in 0..7 {
            let dz = z[i] - zc[i];
            if dz == 0.0 {
                continue;
            }
            let (mut a, mut b) = (zc, zc);
            a[i] -= H;
            b[i] += H;
            let slope =
                (self.ln_burning_velocity_at(&b) - self.ln_burning_velocity_at(&a)) / (2.0 * H);
            ln_s += slope * dz;
        }
        ln_s
    }
}

/// A Cantera-fit correlation.
#[derive(Debug)]
pub struct CanteraFit {
    name: &'static str,
    oxidiser: Oxidiser,
    coefficients: &'static FitCoefficients,
    fit_box: FitBox,
    validity: ValidityRange,
}

const CITATION: &str = "fit to Cantera 3.2.0 FreeFlame burning velocities (mixture-averaged \
    transport, bundled h2o2 = GRI-Mech 3.0 H2/O2 subset), not to experiment: \
    tools/golden/make_flame_golden.py + tools/golden/fit_flame_speed.py";

/// Name of [`H2_AIR`].
pub const H2_AIR_NAME: &str = "cantera-fit-h2-air";
/// Name of [`H2_O2`].
pub const H2_O2_NAME: &str = "cantera-fit-h2-o2";

/// H2–air (O2:N2 = 1:3.76), optionally with steam. Validated (every golden case within
/// 10 %, see `docs/flame_speed.md`): φ 0.4–4, 250–400 K, 0.5–5 bar, H2O ≤ 20 % (φ 0.5–2).
pub static H2_AIR: CanteraFit = CanteraFit {
    name: H2_AIR_NAME,
    oxidiser: Oxidiser::Air,
    coefficients: &fit_coefficients::H2_AIR,
    fit_box: FitBox {
        phi: (0.4, 4.0),
        temperature_k: (250.0, 400.0),
        pressure_pa: (0.5e5, 5.0e5),
        diluent_max: [0.0, 0.0, 0.0, 0.2],
    },
    validity: ValidityRange {
        phi: (0.4, 4.0),
        phi_diluted: (0.5, 2.0),
        temperature_k: (250.0, 400.0),
        pressure_pa: (0.5e5, 5.0e5),
        diluents: &[(Diluent::H2O, 0.2)],
    },
};

/// H2–O2 with N2, Ar, He or H2O dilution. Validated (every golden case within 10 %, see
/// `docs/flame_speed.md`): φ 0.3–4 undiluted, 250–400 K, 0.5–5 bar; diluted φ 0.5–2 with
/// N2, Ar, He ≤ 60 % and H2O ≤ 30 %.
pub static H2_O2: CanteraFit = CanteraFit {
    name: H2_O2_NAME,
    oxidiser: Oxidiser::Oxygen,
    coefficients: &fit_coefficients::H2_O2,
    fit_box: FitBox {
        phi: (0.3, 4.0),
        temperature_k: (250.0, 400.0),
        pressure_pa: (0.5e5, 5.0e5),
        diluent_max: [0.7, 0.7, 0.7, 0.3],
    },
    validity: ValidityRange {
        phi: (0.3, 4.0),
        phi_diluted: (0.5, 2.0),
        temperature_k: (250.0, 400.0),
        pressure_pa: (0.5e5, 5.0e5),
        diluents: &[
            (Diluent::N2, 0.6),
            (Diluent::Ar, 0.6),
            (Diluent::He, 0.6),
            (Diluent::H2O, 0.3),
        ],
    },
};

impl CanteraFit {
    /// The fitted coefficients.
    pub fn coefficients(&self) -> &FitCoefficients {
        self.coefficients
    }

    /// The box of the fit data (extrapolated linearly outside it).
    pub fn fit_box(&self) -> &FitBox {
        &self.fit_box
    }
}

impl BurningVelocityModel for CanteraFit {
    fn name(&self) -> &'static str {
        self.name
    }

    fn citation(&self) -> &'static str {
        CITATION
    }

    fn oxidiser(&self) -> Oxidiser {
        self.oxidiser
    }

    fn validity(&self) -> &ValidityRange {
        &self.validity
    }

    fn burning_velocity(&self, m: &FlameMixture) -> Result<f64> {
        if !(m.phi > 0.0 && m.temperature_k > 0.0 && m.pressure_pa > 0.0) {
            return Err(ChemError::NonFinite {
                quantity: "laminar burning velocity".into(),
                context: format!(
                    "{}: phi = {}, T = {} K, P = {} Pa must all be positive",
                    self.name, m.phi, m.temperature_k, m.pressure_pa
                ),
            });
        }
        let s = self
            .coefficients
            .ln_burning_velocity(m, &self.fit_box)
            .exp();
        if s.is_finite() {
            Ok(s)
        } else {
            Err(ChemError::NonFinite {
                quantity: "laminar burning velocity".into(),
                context: format!(
                    "{} at phi = {:.4}, T = {} K, P = {} Pa",
                    self.name, m.phi, m.temperature_k, m.pressure_pa
                ),
            })
        }
    }
}
