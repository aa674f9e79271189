//! Ravi & Petersen laminar-burning-velocity correlation for hydrogen–air (a published
//! correlation, as opposed to the Cantera fits of [`super::cantera_fit`]).
//!
//! Form (per pressure point p_j and equivalence-ratio interval k):
//!
//! ```text
//! S_L(φ, T, p_j) = (Σ_{i=0..4} α_{k,j,i} φ^i) · (T/T_ref)^(Σ_{i=0..3} β_{k,j,i} φ^i),  T_ref = 320 K
//! ```
//!
//! with S_L in m/s, intervals φ ∈ [0.5, 2] (k = 0) and (2, 5] (k = 1), pressure points
//! 1, 5, 10, 20, 30 bar, and linear interpolation in p between the points.
//!
//! Source: the correlation of S. Ravi and E. L. Petersen for H2–air (our identification of
//! the paper: *Laminar flame speed correlations for pure-hydrogen and high-hydrogen content
//! syngas blends with various diluents*, Int. J. Hydrogen Energy 37:19177–19189, 2012; the
//! source we read names only "Ravi and Petersen's correlation"). Coefficients and procedure
//! as printed in OpenFOAM (OpenFOAM Foundation): model
//! `src/thermophysicalModels/laminarFlameSpeed/RaviPetersen/RaviPetersen.C` and coefficient
//! set `HydrogenInAir` of the tutorial
//! `tutorials/combustion/XiFoam/RAS/moriyoshiHomogeneous/constant/combustionProperties`
//! (identical in OpenFOAM-5.x and OpenFOAM-10).
//!
//! Validity: φ 0.5–5 and 1–30 bar are the ranges of the coefficient table. Outside them the
//! value is continued as OpenFOAM does (pressure clamped to the end point; φ continued
//! linearly from the end of the interval, never below zero) and flagged. The source gives
//! no temperature range; this crate flags T outside 270–450 K, an **assumed** range around
//! T_ref (stated as such). No diluent other than the N2 of air.
//!
//! Comparison with the Cantera golden flames (`docs/flame_speed.md`): the correlation is not
//! the default (`default_model`): it misses the 10 % target against the bundled mechanism
//! in parts of its own range (see the deviation table there).

use super::{BurningVelocityModel, FlameMixture, Oxidiser, ValidityRange};
use crate::error::{ChemError, Result};

/// Reference temperature T_ref of the correlation (K).
pub const T_REF_K: f64 = 320.0;
/// Pressure points of the coefficient table (Pa).
pub const PRESSURE_POINTS_PA: [f64; 5] = [1e5, 5e5, 1e6, 2e6, 3e6];
/// Equivalence-ratio interval bounds of the coefficient table.
pub const PHI_POINTS: [f64; 3] = [0.5, 2.0, 5.0];

/// α_{k,j,i}: interval k, pressure point j, power i of φ (S_L in m/s).
const ALPHA: [[[f64; 5]; 5]; 2] = [
    [
        [-0.03, -2.347, 9.984, -6.734, 1.361],
        [1.61, -9.708, 19.026, -11.117, 2.098],
        [2.329, -12.287, 21.317, -11.973, 2.207],
        [2.593, -12.813, 20.815, -11.471, 2.095],
        [2.728, -13.164, 20.794, -11.418, 2.086],
    ],
    [
        [3.558, 0.162, -0.247, 0.0253, 0.0],
        [4.818, -0.872, -0.053, 0.0138, 0.0],
        [3.789, -0.312, -0.208, 0.028, 0.0],
        [4.925, -1.841, 0.211, -0.0059, 0.0],
        [4.505, -1.906, 0.259, -0.0105, 0.0],
    ],
];

/// β_{k,j,i}: temperature exponent polynomial in φ.
const BETA: [[[f64; 4]; 5]; 2] = [
    [
        [5.07, -6.42, 3.87, -0.767],
        [5.52, -6.73, 3.88, -0.728],
        [5.76, -6.92, 3.92, -0.715],
        [6.02, -7.44, 4.37, -0.825],
        [7.84, -11.55, 7.14, -1.399],
    ],
    [
        [1.405, 0.053, 0.022, 0.0],
        [1.091, 0.317, 0.0, 0.0],
        [1.64, -0.03, 0.07, 0.0],
        [0.84, 0.56, 0.0, 0.0],
        [0.81, 0.64, 0.0, 0.0],
    ],
];

/// The Ravi & Petersen H2–air correlation.
#[derive(Debug)]
pub struct RaviPetersen {
    validity: ValidityRange,
}

/// The correlation, as `ravi-petersen-h2-air`.
pub static H2_AIR: RaviPetersen = RaviPetersen {
    validity: ValidityRange {
        phi: (0.5, 5.0),
        phi_diluted: (0.5, 5.0),
        temperature_k: (270.0, 450.0),
        pressure_pa: (1e5, 3e6),
        diluents: &[],
    },
};

/// Polynomial Σ c_i x^i and its derivative.
fn poly(c: &[f64], x: f64) -> (f64, f64) {
    let v = c.iter().rev().fold(0.0, |acc, &a| acc * x + a);
    let d = c
        .iter()
        .enumerate()
        .skip(1)
        .rev()
        .fold(0.0, |acc, (i, &a)| acc * x + i as f64 * a);
    (v, d)
}

impl RaviPetersen {
    /// S_L (m/s) at one pressure point `j`: in the φ intervals the correlation, outside
    /// them its linear continuation from the nearest bound (as OpenFOAM), floored at 0.
    fn at_point(j: usize, phi: f64, temperature: f64) -> f64 {
        let (k, phi_lim) = if phi < PHI_POINTS[0] {
            (0, PHI_POINTS[0])
        } else if phi <= PHI_POINTS[1] {
            (0, phi)
        } else if phi <= PHI_POINTS[2] {
            (1, phi)
        } else {
            (1, PHI_POINTS[2])
        };
        let ln_t = (temperature / T_REF_K).ln();
        let (a, da) = poly(&ALPHA[k][j], phi_lim);
        let (b, db) = poly(&BETA[k][j], phi_lim);
        let tb = (b * ln_t).exp();
        // d/dφ [A·(T/T_ref)^B] = (A' + A·B'·ln(T/T_ref))·(T/T_ref)^B.
        (tb * (a + (da + a * ln_t * db) * (phi - phi_lim))).max(0.0)
    }

    /// S_L (m/s) at equivalence ratio `phi`, unburned temperature (K) and pressure (Pa).
    pub fn speed(phi: f64, temperature: f64, pressure: f64) -> f64 {
        let p = &PRESSURE_POINTS_PA;
        let j = p[..p.len() - 1]
            .iter()
            .rposition(|&pj| pressure >= pj)
            .unwrap_or(0);
        let xi = ((pressure - p[j]) / (p[j + 1] - p[j])).clamp(0.0, 1.0);
        (1.0 - xi) * Self::at_point(j, phi, temperature)
            + xi * Self::at_point(j + 1, phi, temperature)
    }
}

impl BurningVelocityModel for RaviPetersen {
    fn name(&self) -> &'static str {
        "ravi-petersen-h2-air"
    }

    fn citation(&self) -> &'static str {
        "Ravi & Petersen H2-air correlation (Int. J. Hydrogen Energy 37:19177, 2012); \
         coefficients as in OpenFOAM laminarFlameSpeedModels::RaviPetersen, tutorial \
         XiFoam/RAS/moriyoshiHomogeneous, set HydrogenInAir"
    }

    fn oxidiser(&self) -> Oxidiser {
        Oxidiser::Air
    }

    fn validity(&self) -> &ValidityRange {
        &self.validity
    }

    fn burning_velocity(&self, m: &FlameMixture) -> Result<f64> {
        let s = Self::speed(m.phi, m.temperature_k, m.pressure_pa);
        if s.is_finite() {
            Ok(s)
        } else {
            Err(ChemError::NonFinite {
                quantity: "laminar burning velocity (Ravi-Petersen)".into(),
                context: format!(
                    "phi = {}, T = {} K, P = {} Pa",
                    m.phi, m.temperature_k, m.pressure_pa
                ),
            })
        }
    }
}
