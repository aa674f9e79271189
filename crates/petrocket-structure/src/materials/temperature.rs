//! Temperature dependence of a property, as a factor relative to its value at 23 °C.

use serde::{Deserialize, Serialize};

use crate::error::{Result, StructureError};

/// Reference temperature of the tabulated 23 °C properties, K.
pub const REFERENCE_TEMPERATURE_K: f64 = 296.15;

/// How a property scales with temperature: `value(T) = value(23 °C) · f(T)`, with `f(23 °C) = 1`.
///
/// Outside `[min_k, max_k]` there is no data and evaluation is an error (never a silent
/// extrapolation). In TOML the variant is chosen by `kind = "table"` or
/// `kind = "glass-transition"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum TemperatureDependence {
    /// Piecewise-linear interpolation in `points = [(T_K, factor), …]`, sorted by strictly
    /// increasing `T_K`, covering 296.15 K with factor 1 there.
    Table {
        /// `(temperature K, factor)` pairs.
        points: Vec<[f64; 2]>,
        /// Where the table comes from.
        source: String,
        /// `true` if the table is an assumption rather than published data.
        #[serde(default)]
        assumption: bool,
    },
    /// A MODEL of a glassy polymer softening through its glass transition `T_g` (taken from
    /// the material's `glass_transition_k`):
    ///
    /// ```text
    /// g(T)   = 1 − s·(T − 296.15 K)                       glassy branch, slope s ≥ 0
    /// raw(T) = r + (g(T) − r)·½·(1 − tanh((T − T_g)/w))   step of width w down to the
    ///                                                      rubbery fraction r
    /// f(T)   = raw(T)/raw(296.15 K), capped at 1 if cap_at_reference
    /// ```
    ///
    /// It is a smooth stand-in for measured curves that do not exist for bottle walls
    /// (VALIDATION "Gaps"); its parameters are assumptions stated in `source`.
    GlassTransition {
        /// Width `w` of the transition, K.
        width_k: f64,
        /// Glassy-branch slope `s`, 1/K.
        glassy_slope_per_k: f64,
        /// Fraction `r` retained well above `T_g` (0 < r < 1).
        rubbery_fraction: f64,
        /// Lowest temperature the model is used at, K.
        min_k: f64,
        /// Highest temperature the model is used at, K.
        max_k: f64,
        /// Never return a factor above 1 (no credit for cold strengthening).
        #[serde(default)]
        cap_at_reference: bool,
        /// Basis of the model and of each parameter.
        source: String,
        /// `true` if the model is an assumption rather than published data.
        #[serde(default)]
        assumption: bool,
    },
}

impl TemperatureDependence {
    /// Where the description comes from.
    pub fn source(&self) -> &str {
        match self {
            Self::Table { source, .. } | Self::GlassTransition { source, .. } => source,
        }
    }

    /// Whether the description is an assumption rather than published data.
    pub fn is_assumption(&self) -> bool {
        match self {
            Self::Table { assumption, .. } | Self::GlassTransition { assumption, .. } => {
                *assumption
            }
        }
    }

    /// Temperature range with data, K.
    pub fn range_k(&self) -> (f64, f64) {
        match self {
            Self::Table { points, .. } => (
                points.first().map_or(f64::NAN, |p| p[0]),
                points.last().map_or(f64::NAN, |p| p[0]),
            ),
            Self::GlassTransition { min_k, max_k, .. } => (*min_k, *max_k),
        }
    }

    /// Factor at `t_k`, which the caller has checked is within [`Self::range_k`];
    /// `tg_k` is the material's glass transition (needed by the model).
    pub(crate) fn factor_unchecked(&self, t_k: f64, tg_k: f64) -> f64 {
        match self {
            Self::Table { points, .. } if points.len() < 2 => f64::NAN,
            Self::Table { points, .. } => {
                let i = points
                    .partition_point(|p| p[0] <= t_k)
                    .clamp(1, points.len() - 1);
                let ([t0, f0], [t1, f1]) = (points[i - 1], points[i]);
                f0 + (f1 - f0) * (t_k - t0) / (t1 - t0)
            }
            Self::GlassTransition {
                width_k,
                glassy_slope_per_k,
                rubbery_fraction,
                cap_at_reference,
                ..
            } => {
                let raw = |t: f64| {
                    let g = 1.0 - glassy_slope_per_k * (t - REFERENCE_TEMPERATURE_K);
                    rubbery_fraction
                        + (g - rubbery_fraction) * 0.5 * (1.0 - ((t - tg_k) / width_k).tanh())
                };
                let f = raw(t_k) / raw(REFERENCE_TEMPERATURE_K);
                if *cap_at_reference {
                    f.min(1.0)
                } else {
                    f
                }
            }
        }
    }

    /// Validates the description for `material`'s `field`. `allow_zero`: whether a factor of
    /// 0 is acceptable (strength may vanish, a modulus may not).
    pub(crate) fn validate(
        &self,
        material: &str,
        field: &str,
        tg_k: Option<f64>,
        allow_zero: bool,
    ) -> Result<()> {
        let bad = |sub: &str, value: String, requirement: &str| StructureError::InvalidMaterial {
            material: material.into(),
            field: format!("{field}.{sub}"),
            value,
            requirement: requirement.into(),
        };
        let (min_k, max_k) = self.range_k();
        match self {
            Self::Table { points, .. } => {
                if points.len() < 2 {
                    return Err(bad(
                        "points",
                        format!("{points:?}"),
                        "at least 2 [T_K, factor] points",
                    ));
                }
                for (i, &[t, f]) in points.iter().enumerate() {
                    if !(t.is_finite() && t > 0.0) {
                        return Err(bad(
                            &format!("points[{i}]"),
                            t.to_string(),
                            "a finite temperature > 0 K",
                        ));
                    }
                    if i > 0 && t <= points[i - 1][0] {
                        return Err(bad(
                            &format!("points[{i}]"),
                            t.to_string(),
                            "sorted by strictly increasing temperature",
                        ));
                    }
                    if !(f.is_finite() && (f > 0.0 || (allow_zero && f >= 0.0))) {
                        let req = if allow_zero {
                            "a finite factor ≥ 0"
                        } else {
                            "a finite factor > 0"
                        };
                        return Err(bad(&format!("points[{i}]"), f.to_string(), req));
                    }
                }
            }
            Self::GlassTransition {
                width_k,
                glassy_slope_per_k: s,
                rubbery_fraction: r,
                ..
            } => {
                if !(width_k.is_finite() && *width_k > 0.0) {
                    return Err(bad("width_k", width_k.to_string(), "finite and > 0 K"));
                }
                if !(r.is_finite() && *r > 0.0 && *r < 1.0) {
                    return Err(bad(
                        "rubbery_fraction",
                        r.to_string(),
                        "between 0 and 1 (exclusive)",
                    ));
                }
                if !(s.is_finite() && *s >= 0.0 && 1.0 - s * (max_k - REFERENCE_TEMPERATURE_K) > *r)
                {
                    return Err(bad(
                        "glassy_slope_per_k",
                        s.to_string(),
                        "≥ 0 and small enough that the glassy branch stays above the rubbery fraction up to max_k",
                    ));
                }
                if !tg_k.is_some_and(f64::is_finite) {
                    return Err(bad(
                        "kind",
                        "\"glass-transition\"".into(),
                        "used only by a material that gives glass_transition_k",
                    ));
                }
            }
        }
        if !(min_k.is_finite()
            && min_k > 0.0
            && min_k < REFERENCE_TEMPERATURE_K
            && max_k > REFERENCE_TEMPERATURE_K)
        {
            return Err(bad(
                "range",
                format!("{min_k}–{max_k} K"),
                "a range with 0 < min_k < 296.15 K < max_k (it must cover 23 °C)",
            ));
        }
        let f_ref = self.factor_unchecked(REFERENCE_TEMPERATURE_K, tg_k.unwrap_or(f64::NAN));
        if (f_ref - 1.0).abs() > 1e-6 {
            return Err(bad(
                "points",
                format!("factor {f_ref} at 296.15 K"),
                "1 at 296.15 K (factors are relative to the 23 °C value)",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_close;

    fn table(points: Vec<[f64; 2]>) -> TemperatureDependence {
        TemperatureDependence::Table {
            points,
            source: "test".into(),
            assumption: true,
        }
    }

    #[test]
    fn table_interpolates_linearly() {
        let t = table(vec![[200.0, 1.2], [296.15, 1.0], [396.15, 0.5]]);
        t.validate("m", "f", None, false).unwrap();
        assert_close(t.factor_unchecked(346.15, f64::NAN), 0.75, 1e-12);
        assert_close(t.factor_unchecked(396.15, f64::NAN), 0.5, 1e-12);
        assert_close(t.factor_unchecked(200.0, f64::NAN), 1.2, 1e-12);
    }

    #[test]
    fn table_validation() {
        let cases = [
            vec![[296.15, 1.0]],
            vec![[296.15, 1.0], [250.0, 1.1]],
            vec![[200.0, 1.0], [300.0, 1.0], [300.0, 0.9]],
            vec![[200.0, 0.9], [400.0, 0.8]],
            vec![[300.0, 1.0], [400.0, 0.8]],
            vec![[200.0, 1.0], [400.0, f64::NAN]],
            vec![[200.0, 1.0], [296.15, 1.0], [400.0, 0.0]],
        ];
        for points in cases {
            assert!(
                table(points.clone())
                    .validate("m", "f", None, false)
                    .is_err(),
                "{points:?}"
            );
        }
        assert!(table(vec![[200.0, 1.0], [296.15, 1.0], [400.0, 0.0]])
            .validate("m", "f", None, true)
            .is_ok());
    }

    #[test]
    fn glass_transition_model_shape() {
        let m = TemperatureDependence::GlassTransition {
            width_k: 8.0,
            glassy_slope_per_k: 0.002,
            rubbery_fraction: 0.1,
            min_k: 200.0,
            max_k: 473.15,
            cap_at_reference: false,
            source: "test".into(),
            assumption: true,
        };
        let tg = 337.15;
        m.validate("m", "f", Some(tg), false).unwrap();
        assert!(m.validate("m", "f", None, false).is_err());
        assert_close(m.factor_unchecked(REFERENCE_TEMPERATURE_K, tg), 1.0, 1e-12);
        assert!(m.factor_unchecked(250.0, tg) > 1.0);
        let at_tg = m.factor_unchecked(tg, tg);
        assert!(at_tg > 0.4 && at_tg < 0.6, "{at_tg}");
        assert_close(m.factor_unchecked(420.0, tg), 0.1, 1e-3);
        // Monotonically decreasing.
        let mut prev = f64::INFINITY;
        for i in 0..=273 {
            let f = m.factor_unchecked(200.0 + i as f64, tg);
            assert!(f <= prev);
            prev = f;
        }
    }
}
