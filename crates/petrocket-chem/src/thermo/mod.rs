//! Species standard-state thermodynamics: dimensionless cp/R, h/(RT), s/R as functions of T.
//!
//! All parameterisations follow Cantera's YAML definitions and evaluate exactly as Cantera
//! does, including beyond the fitted range: the outermost polynomial is extrapolated
//! (Cantera's behaviour); callers that care ask [`SpeciesThermo::in_range`] and warn.

mod constant_cp;
mod nasa7;
mod nasa9;

pub use constant_cp::ConstantCp;
pub use nasa7::Nasa7;
pub use nasa9::Nasa9;

/// Dimensionless standard-state properties of one species at one temperature.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ThermoPoint {
    /// cp°/R.
    pub cp_r: f64,
    /// h°/(R T).
    pub h_rt: f64,
    /// s°/R at the reference pressure.
    pub s_r: f64,
}

impl ThermoPoint {
    /// g°/(R T) = h°/(RT) − s°/R.
    pub fn g_rt(&self) -> f64 {
        self.h_rt - self.s_r
    }

    /// The properties at `t_new` from those at `t` (K) to first order in δ = t_new − t:
    /// h°(t_new) = h°(t) + c°_p δ and s°(t_new) = s°(t) + c°_p δ/t (from dh° = c°_p dT and
    /// ds° = c°_p dT/T); c°_p is kept. The neglected terms are O(δ²) in h° and s° and O(δ) in
    /// c°_p: for |δ| ≤ 1e-7·t, h°/(RT) and s°/R are exact to a few ulp and c°_p to ≈ 1e-7
    /// (tested against the fits of every bundled species at 300–3500 K).
    #[inline]
    pub fn shifted(&self, shift: &TempShift) -> ThermoPoint {
        ThermoPoint {
            cp_r: self.cp_r,
            h_rt: self.h_rt * shift.t_ratio + self.cp_r * shift.d_over_new,
            s_r: self.s_r + self.cp_r * shift.d_over_old,
        }
    }
}

/// A temperature change t → t_new for [`ThermoPoint::shifted`], its divisions done once for
/// all species.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TempShift {
    /// t/t_new.
    t_ratio: f64,
    /// (t_new − t)/t_new.
    d_over_new: f64,
    /// (t_new − t)/t.
    d_over_old: f64,
}

impl TempShift {
    /// The change from `t` to `t_new` (K).
    pub fn new(t: f64, t_new: f64) -> Self {
        let d = t_new - t;
        Self {
            t_ratio: t / t_new,
            d_over_new: d / t_new,
            d_over_old: d / t,
        }
    }

    /// ln(t_new/t) = ln(1 + δ), δ = (t_new − t)/t, from its series δ − δ²/2 + δ³/3: the
    /// truncation δ⁴/4 is below 2.5e-17 for |δ| ≤ 1e-4 (the reactors shift by at most 1e-7),
    /// so ln t + `ln_ratio()` is ln t_new to rounding without a logarithm.
    #[inline]
    pub fn ln_ratio(&self) -> f64 {
        let d = self.d_over_old;
        d * (1.0 - d * (0.5 - d * (1.0 / 3.0)))
    }
}

/// A species' standard-state thermodynamic model.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeciesThermo {
    /// NASA 7-coefficient polynomials (Cantera `NASA7`), one or more ranges.
    Nasa7(Nasa7),
    /// NASA 9-coefficient polynomials (Cantera `NASA9`), one or more ranges.
    Nasa9(Nasa9),
    /// Constant heat capacity (Cantera `constant-cp`).
    ConstantCp(ConstantCp),
}

/// Extrapolation of a thermo fit by up to this much (K) is not worth a warning: GRI-Mech 3.0's
/// N2 and Ar fits start at 300 K and every user evaluates them at 298.15 K, where the NASA
/// polynomials differ from the tables (NIST-JANAF) by far less than the fits' own error
/// (issue #21: a spurious "outside the thermo fit range of N2" at 298.2 K).
pub const EXTRAPOLATION_MARGIN_K: f64 = 10.0;

impl SpeciesThermo {
    /// Evaluate cp/R, h/RT and s/R at `t` (K).
    #[inline]
    pub fn eval(&self, t: f64) -> ThermoPoint {
        match self {
            SpeciesThermo::Nasa7(p) => p.eval(t),
            SpeciesThermo::Nasa9(p) => p.eval(t),
            SpeciesThermo::ConstantCp(p) => p.eval(t),
        }
    }

    /// [`SpeciesThermo::eval`] with ln T supplied (one logarithm for all species at one T).
    #[inline]
    pub fn eval_ln(&self, t: f64, ln_t: f64) -> ThermoPoint {
        match self {
            SpeciesThermo::Nasa7(p) => p.eval_ln(t, ln_t),
            SpeciesThermo::Nasa9(p) => p.eval_ln(t, ln_t),
            SpeciesThermo::ConstantCp(p) => p.eval(t),
        }
    }

    /// d(c°_p/R)/dT at `t` (1/K), from the same fit range as [`SpeciesThermo::eval`] (0 for
    /// a constant c°_p). Used by analytic Jacobians that differentiate the mixture's c_p.
    #[inline]
    pub fn dcp_r_dt(&self, t: f64) -> f64 {
        match self {
            SpeciesThermo::Nasa7(p) => p.dcp_r_dt(t),
            SpeciesThermo::Nasa9(p) => p.dcp_r_dt(t),
            SpeciesThermo::ConstantCp(_) => 0.0,
        }
    }

    /// Lower end of the fitted range (K).
    pub fn t_min(&self) -> f64 {
        match self {
            SpeciesThermo::Nasa7(p) => p.t_min(),
            SpeciesThermo::Nasa9(p) => p.t_min(),
            SpeciesThermo::ConstantCp(p) => p.t_min,
        }
    }

    /// Upper end of the fitted range (K).
    pub fn t_max(&self) -> f64 {
        match self {
            SpeciesThermo::Nasa7(p) => p.t_max(),
            SpeciesThermo::Nasa9(p) => p.t_max(),
            SpeciesThermo::ConstantCp(p) => p.t_max,
        }
    }

    /// Whether `t` lies inside the fitted range (outside it values are extrapolated).
    pub fn in_range(&self, t: f64) -> bool {
        t >= self.t_min() && t <= self.t_max()
    }

    /// Whether `t` lies inside the fitted range widened by [`EXTRAPOLATION_MARGIN_K`] at both
    /// ends: the test behind "extrapolated" warnings.
    pub fn near_range(&self, t: f64) -> bool {
        t >= self.t_min() - EXTRAPOLATION_MARGIN_K && t <= self.t_max() + EXTRAPOLATION_MARGIN_K
    }

    /// Reference pressure of the standard state (Pa).
    pub fn reference_pressure(&self) -> f64 {
        match self {
            SpeciesThermo::Nasa7(p) => p.reference_pressure,
            SpeciesThermo::Nasa9(p) => p.reference_pressure,
            SpeciesThermo::ConstantCp(p) => p.reference_pressure,
        }
    }
}

/// Index of the range that serves `t` among ranges bounded by `bounds` (`n + 1` sorted values
/// for `n` ranges): the first range whose upper bound is ≥ `t`, else the last one. At a shared
/// boundary the lower range is used, as in Cantera's `NasaPoly2` (`T <= Tmid` → low).
#[inline]
pub(crate) fn range_index(bounds: &[f64], t: f64) -> usize {
    let n = bounds.len() - 1;
    for (i, upper) in bounds[1..].iter().enumerate() {
        if t <= *upper {
            return i;
        }
    }
    n - 1
}

#[cfg(test)]
mod tests {
    use crate::mixture::GasMixture;

    /// The first-order shift against the fits themselves: h° and s° to rounding over a
    /// relative shift of 1e-7 (the reactors' limit), c°_p to its first-order error.
    #[test]
    fn shifted_matches_the_fits_over_small_steps() {
        let gas = GasMixture::load("h2o2").unwrap();
        for s in &gas.mechanism().species {
            for t in [300.0, 999.0, 1500.0, 3500.0] {
                let p = s.thermo.eval(t);
                for rel in [1e-7, -1e-7, 1e-8, 3e-9] {
                    let t_new = t * (1.0 + rel);
                    let shift = super::TempShift::new(t, t_new);
                    let (a, b) = (p.shifted(&shift), s.thermo.eval(t_new));
                    let what = format!("{} at {t} K shifted by {rel:e}", s.name);
                    let h_scale = b.h_rt.abs().max(b.cp_r);
                    assert!((a.h_rt - b.h_rt).abs() <= 4e-15 * h_scale, "h: {what}");
                    assert!((a.s_r - b.s_r).abs() <= 4e-15 * b.s_r.abs(), "s: {what}");
                    assert!((a.cp_r - b.cp_r).abs() <= rel.abs() * b.cp_r, "cp: {what}");
                    let ln_new = t.ln() + shift.ln_ratio();
                    assert!(
                        (ln_new - t_new.ln()).abs() <= 2.0 * f64::EPSILON * t_new.ln(),
                        "ln: {what}"
                    );
                }
            }
        }
    }

    /// d(c°_p/R)/dT against a central difference of the fits inside each range: the NASA7
    /// fits of the bundled mechanism and a two-range NASA9 fit (N2, NASA TP-2002-211556).
    #[test]
    fn heat_capacity_slope_matches_the_fits() {
        let check = |name: &str, th: &super::SpeciesThermo, t: f64| {
            let h = 1e-3;
            let fd = (th.eval(t + h).cp_r - th.eval(t - h).cp_r) / (2.0 * h);
            let d = th.dcp_r_dt(t);
            assert!(
                (d - fd).abs() <= 1e-7 * fd.abs() + 1e-9,
                "{name} at {t} K: {d:e} vs {fd:e}"
            );
        };
        let gas = GasMixture::load("h2o2").unwrap();
        for s in &gas.mechanism().species {
            for t in [300.0, 700.0, 1500.0, 2500.0, 3500.0] {
                check(&s.name, &s.thermo, t);
            }
        }
        let n2 = super::SpeciesThermo::Nasa9(super::Nasa9 {
            bounds: vec![200.0, 1000.0, 6000.0],
            coeffs: vec![
                [
                    2.210371497e4,
                    -3.81846182e2,
                    6.08273836,
                    -8.53091441e-3,
                    1.384646189e-5,
                    -9.62579362e-9,
                    2.519705809e-12,
                    7.10846086e2,
                    -1.076003744e1,
                ],
                [
                    5.87712406e5,
                    -2.239249073e3,
                    6.06694922,
                    -6.1396855e-4,
                    1.491806679e-7,
                    -1.923105485e-11,
                    1.061954386e-15,
                    1.283210415e4,
                    -1.586640027e1,
                ],
            ],
            reference_pressure: 1e5,
        });
        for t in [300.0, 700.0, 1500.0, 2500.0, 3500.0] {
            check("NASA9 N2", &n2, t);
        }
        let constant = super::SpeciesThermo::ConstantCp(super::ConstantCp {
            t0: 298.15,
            h0_r: 0.0,
            s0_r: 0.0,
            cp0_r: 3.5,
            t_min: 200.0,
            t_max: 5000.0,
            reference_pressure: 1e5,
        });
        assert_eq!(constant.dcp_r_dt(1000.0).to_bits(), 0f64.to_bits());
    }
}
