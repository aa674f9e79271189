//! Bottle dimensions for the analytic check: a bottle as its cylindrical body
//! ([`CylinderBottle`]). Full meridian profiles (base, shoulder, neck, thickness distribution)
//! are in [`crate::geometry`], whose presets take these dimensions.
//!
//! Presets for carbonated-drink bottles: `"0.5L"`, `"1L"`, `"1.5L"`, `"2L"`. The 2 L data
//! come from VALIDATION B5–B7; the smaller sizes are documented assumptions (see each
//! preset's `source`). Their sidewalls are scaled with the diameter so that every size has
//! the hoop stress of the 2 L bottle at the same pressure (equal pressure rating), rounded
//! DOWN to 0.01 mm — thinner than most real small bottles, so conservative.

use serde::{Deserialize, Serialize};

use crate::analytic::CylinderCheck;
use crate::error::{closest, positive, Result, StructureError};

/// Largest body length over outer diameter of a bottle, `L/D` with the equivalent body
/// length `L = V/(π·r_i²)` (the length of a cylinder of the inner radius holding the
/// volume). Real bottles are 2–5 (2 L: 2.2; a test tube ≈ 9); beyond 20 diameters the vessel is
/// a tube, not a bottle: a flame accelerates along it (deflagration-to-detonation run-up
/// distances of H2–O2 in smooth tubes are tens of diameters) and the pipeline's
/// well-mixed-vessel model no longer applies.
pub const MAX_ASPECT_RATIO: f64 = 20.0;
/// Smallest `L/D` (see [`MAX_ASPECT_RATIO`]): 0.2. A sphere is 0.67, a squat jar ≈ 0.4;
/// below 0.2 the "bottle" is a disc whose volume is inconsistent with its diameter (e.g.
/// 10 mL in a 105 mm body would be 1.2 mm tall) and whose load is carried by its end plates,
/// not by the hoop stress of the thin-wall check.
pub const MIN_ASPECT_RATIO: f64 = 0.2;
/// Largest wall thickness over outer diameter, 0.1 (`t/r_mean ≈ 0.22`): the limit of the
/// thin-wall formulas of the check, whose peak hoop stress is then within ≈ 1.2 % of Lamé's
/// (`(t/r)²/4`); real bottles are ≈ 0.003.
pub const MAX_THICKNESS_RATIO: f64 = 0.1;
/// Outer diameter range of a bottle, m: 1 mm … 2 m (as the profile radii,
/// [`crate::geometry::MAX_PROFILE_RADIUS_M`]).
pub const DIAMETER_RANGE_M: (f64, f64) = (1e-3, 2.0);
/// Wall thickness range of a bottle, m: 10 µm … 50 mm (as the profile,
/// [`crate::geometry::PROFILE_THICKNESS_RANGE_M`]).
pub const THICKNESS_RANGE_M: (f64, f64) = (1e-5, 0.05);
/// Volume range of a bottle, m³: 1 mL … 1 m³.
pub const VOLUME_RANGE_M3: (f64, f64) = (1e-6, 1.0);

/// A bottle idealised as a closed cylinder (SI units).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CylinderBottle {
    /// Internal volume (nominal capacity), m³.
    pub volume_m3: f64,
    /// Outer diameter of the cylindrical body, m.
    pub outer_diameter_m: f64,
    /// Sidewall thickness of the body, m.
    pub wall_thickness_m: f64,
    /// Inner diameter of the mouth (bore of the neck finish), m.
    pub mouth_bore_m: f64,
    /// Overall height, m, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_m: Option<f64>,
}

impl CylinderBottle {
    /// A validated bottle (see [`Self::validate`]).
    pub fn new(
        volume_m3: f64,
        outer_diameter_m: f64,
        wall_thickness_m: f64,
        mouth_bore_m: f64,
        height_m: Option<f64>,
    ) -> Result<Self> {
        let b = Self {
            volume_m3,
            outer_diameter_m,
            wall_thickness_m,
            mouth_bore_m,
            height_m,
        };
        b.validate()?;
        Ok(b)
    }

    /// Checks: all values finite and > 0; `t < D/3` (wall thinner than the mean radius);
    /// mouth bore < inner diameter; if a height is given, the volume fits in the enclosing
    /// cylinder `π·r_inner²·h`; the documented ranges [`DIAMETER_RANGE_M`],
    /// [`THICKNESS_RANGE_M`], [`VOLUME_RANGE_M3`]; thin wall `t/D ≤` [`MAX_THICKNESS_RATIO`];
    /// and a volume consistent with the diameter: the equivalent body length over the
    /// diameter within [`MIN_ASPECT_RATIO`] … [`MAX_ASPECT_RATIO`] (a 10 mm × 12.7 km
    /// "bottle" is refused). Bounds tolerate round-off ([`crate::limits::within`]).
    pub fn validate(&self) -> Result<()> {
        positive("volume", self.volume_m3, "m³")?;
        let d = positive("outer diameter", self.outer_diameter_m, "m")?;
        let t = self.wall_thickness_m;
        if !(t.is_finite() && t > 0.0 && 3.0 * t < d) {
            return Err(StructureError::InvalidInput {
                quantity: "wall thickness",
                value: t,
                unit: "m",
                requirement: format!(
                    "> 0 and < a third of the outer diameter, {} m (thinner than the mean radius)",
                    d / 3.0
                ),
            });
        }
        let bore = positive("mouth bore", self.mouth_bore_m, "m")?;
        let inner_d = d - 2.0 * t;
        if bore >= inner_d {
            return Err(StructureError::InvalidInput {
                quantity: "mouth bore",
                value: bore,
                unit: "m",
                requirement: format!("< the inner diameter {inner_d} m"),
            });
        }
        use crate::limits::within;
        let range = |quantity: &'static str, v: f64, unit: &'static str, (lo, hi): (f64, f64)| {
            if within(v, lo, hi) {
                Ok(())
            } else {
                Err(StructureError::InvalidInput {
                    quantity,
                    value: v,
                    unit,
                    requirement: format!("within {lo} … {hi} {unit} (a bottle)"),
                })
            }
        };
        range("outer diameter", d, "m", DIAMETER_RANGE_M)?;
        range("wall thickness", t, "m", THICKNESS_RANGE_M)?;
        range("volume", self.volume_m3, "m³", VOLUME_RANGE_M3)?;
        if !within(t / d, 0.0, MAX_THICKNESS_RATIO) {
            return Err(StructureError::InvalidInput {
                quantity: "wall thickness",
                value: t,
                unit: "m",
                requirement: format!(
                    "≤ {MAX_THICKNESS_RATIO} × the outer diameter {d} m = {} m: the thin-wall \
                     check is valid up to t/D = {MAX_THICKNESS_RATIO} (a bottle is ≈ 0.003)",
                    MAX_THICKNESS_RATIO * d
                ),
            });
        }
        let body_length = self.volume_m3 / (std::f64::consts::PI * (inner_d / 2.0).powi(2));
        let aspect = body_length / d;
        if !within(aspect, MIN_ASPECT_RATIO, MAX_ASPECT_RATIO) {
            return Err(StructureError::InvalidInput {
                quantity: "volume",
                value: self.volume_m3,
                unit: "m³",
                requirement: format!(
                    "consistent with the outer diameter {d} m: this volume needs a body {body_length:.4e} m \
                     long, {aspect:.3e} diameters; a bottle is {MIN_ASPECT_RATIO} … \
                     {MAX_ASPECT_RATIO} diameters long (volume {:.4e} … {:.4e} m³ for this \
                     diameter)",
                    MIN_ASPECT_RATIO * d * std::f64::consts::PI * (inner_d / 2.0).powi(2),
                    MAX_ASPECT_RATIO * d * std::f64::consts::PI * (inner_d / 2.0).powi(2)
                ),
            });
        }
        if let Some(h) = self.height_m {
            let h = positive("height", h, "m")?;
            let max_volume = std::f64::consts::PI * (inner_d / 2.0).powi(2) * h;
            if self.volume_m3 > max_volume {
                return Err(StructureError::InvalidInput {
                    quantity: "volume",
                    value: self.volume_m3,
                    unit: "m³",
                    requirement: format!(
                        "≤ {max_volume} m³, the volume of the enclosing cylinder of inner diameter \
                         {inner_d} m and height {h} m"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Outer radius `D/2`, m.
    pub fn outer_radius_m(&self) -> f64 {
        self.outer_diameter_m / 2.0
    }

    /// Inner radius `D/2 − t`, m.
    pub fn inner_radius_m(&self) -> f64 {
        self.outer_diameter_m / 2.0 - self.wall_thickness_m
    }

    /// Inner length of the vessel, m: the given height, else the body length `V/(π·r_i²)` of
    /// the equivalent cylinder (the length the detonation screen and the proportion checks use).
    pub fn inner_length_m(&self) -> f64 {
        self.height_m.unwrap_or_else(|| {
            self.volume_m3 / (std::f64::consts::PI * self.inner_radius_m().powi(2))
        })
    }

    /// Mean (mid-surface) radius `(D − t)/2`, m: the radius of the thin-wall formulas.
    pub fn mean_radius_m(&self) -> f64 {
        (self.outer_diameter_m - self.wall_thickness_m) / 2.0
    }

    /// Mouth (bore) area `π·d²/4`, m².
    pub fn mouth_area_m2(&self) -> f64 {
        std::f64::consts::PI * self.mouth_bore_m.powi(2) / 4.0
    }

    /// Thin-wall check of the body at GAUGE pressure `p_gauge_pa` against a failure strength.
    pub fn check(&self, p_gauge_pa: f64, failure_stress_pa: f64) -> Result<CylinderCheck> {
        self.validate()?;
        CylinderCheck::new(
            p_gauge_pa,
            self.mean_radius_m(),
            self.wall_thickness_m,
            failure_stress_pa,
        )
    }

    /// Thin-wall burst (gauge) pressure of the body, `σ_f·t/r_mean`, Pa.
    pub fn burst_pressure_pa(&self, failure_stress_pa: f64) -> Result<f64> {
        self.validate()?;
        crate::analytic::cylinder_burst_pressure_pa(
            failure_stress_pa,
            self.mean_radius_m(),
            self.wall_thickness_m,
        )
    }
}

/// A named bottle with the basis of its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BottlePreset {
    /// Preset name, e.g. `"2L"`.
    pub name: &'static str,
    /// The geometry.
    pub bottle: CylinderBottle,
    /// Where each number comes from, and which are assumptions.
    pub source: &'static str,
}

/// Mouth bore of PCO 1810/1881 28 mm finishes, m (VALIDATION B5).
const BORE_28MM_FINISH_M: f64 = 0.0217;

static PRESETS: [BottlePreset; 4] = [
    BottlePreset {
        name: "0.5L",
        bottle: CylinderBottle {
            volume_m3: 0.5e-3,
            outer_diameter_m: 0.065,
            wall_thickness_m: 0.18e-3,
            mouth_bore_m: BORE_28MM_FINISH_M,
            height_m: Some(0.21),
        },
        source: "0.5 L carbonated-drink bottle. Volume: nominal capacity (brimful is a few % more). \
                 Bore 21.7 mm: PCO 1810/1881 28 mm finish (VALIDATION B5). ASSUMPTIONS: outer \
                 diameter 65 mm and height 210 mm are typical retail dimensions, not measured here; \
                 sidewall 0.18 mm = 0.30 mm x 65/105 (same hoop stress as the 2 L bottle at equal \
                 pressure, VALIDATION B7), rounded down; real 0.5 L walls are usually thicker \
                 (mass/area), so this is conservative.",
    },
    BottlePreset {
        name: "1L",
        bottle: CylinderBottle {
            volume_m3: 1.0e-3,
            outer_diameter_m: 0.080,
            wall_thickness_m: 0.22e-3,
            mouth_bore_m: BORE_28MM_FINISH_M,
            height_m: Some(0.28),
        },
        source: "1 L carbonated-drink bottle. Volume: nominal capacity. Bore 21.7 mm: PCO 1810/1881 \
                 28 mm finish (VALIDATION B5). ASSUMPTIONS: outer diameter 80 mm and height 280 mm \
                 are typical retail dimensions, not measured here; sidewall 0.22 mm = 0.30 mm x \
                 80/105 (equal hoop stress with the 2 L bottle, VALIDATION B7), rounded down \
                 (conservative).",
    },
    BottlePreset {
        name: "1.5L",
        bottle: CylinderBottle {
            volume_m3: 1.5e-3,
            outer_diameter_m: 0.090,
            wall_thickness_m: 0.25e-3,
            mouth_bore_m: BORE_28MM_FINISH_M,
            height_m: Some(0.31),
        },
        source: "1.5 L carbonated-drink bottle. Volume: nominal capacity. Bore 21.7 mm: PCO \
                 1810/1881 28 mm finish (VALIDATION B5). ASSUMPTIONS: outer diameter 90 mm and \
                 height 310 mm are typical retail dimensions, not measured here; sidewall 0.25 mm = \
                 0.30 mm x 90/105 (equal hoop stress with the 2 L bottle, VALIDATION B7), rounded \
                 down (conservative).",
    },
    BottlePreset {
        name: "2L",
        bottle: CylinderBottle {
            volume_m3: 2.0e-3,
            outer_diameter_m: 0.105,
            wall_thickness_m: 0.30e-3,
            mouth_bore_m: BORE_28MM_FINISH_M,
            height_m: Some(0.320),
        },
        source: "2 L carbonated-drink bottle. Outer diameter 105 mm (VALIDATION B6: 104-108 mm), \
                 height 320 mm (B6: 317-327 mm), sidewall 0.30 mm (B7: derived from burst pressure \
                 and wall strength and from mass/area; range 0.25-0.4 mm), bore 21.7 mm (B5: PCO \
                 1810/1881 28 mm finish). Volume: nominal 2.0 L (brimful is a few % more). \
                 Burst check: VALIDATION P7/B1 (about 11.4 bar(g)).",
    },
];

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// All presets, smallest first.
pub fn presets() -> &'static [BottlePreset] {
    &PRESETS
}

/// Preset names, smallest first.
pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|p| p.name).collect()
}

/// The preset called `name`, ignoring case and spaces (`"2L"`, `"2 l"`), or an error with a
/// "did you mean" hint.
pub fn preset(name: &str) -> Result<&'static BottlePreset> {
    let key = normalise(name);
    PRESETS
        .iter()
        .find(|p| normalise(p.name) == key)
        .ok_or_else(|| StructureError::UnknownPreset {
            name: name.into(),
            suggestion: closest(&key, preset_names()),
            known: preset_names().join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_close;

    #[test]
    fn presets_are_valid_and_named() {
        assert_eq!(preset_names(), ["0.5L", "1L", "1.5L", "2L"]);
        for p in presets() {
            p.bottle.validate().unwrap();
            assert!(!p.source.trim().is_empty());
            assert!(p.bottle.mean_radius_m() / p.bottle.wall_thickness_m > 10.0);
        }
    }

    #[test]
    fn lookup_ignores_case_and_spaces_and_suggests() {
        assert_eq!(preset("2l").unwrap().name, "2L");
        assert_eq!(preset(" 1.5 L").unwrap().name, "1.5L");
        let e = preset("2.5L").unwrap_err();
        let msg = e.to_string();
        assert!(
            matches!(
                e,
                StructureError::UnknownPreset {
                    suggestion: Some(_),
                    ..
                }
            ),
            "{msg}"
        );
        assert!(
            msg.contains("did you mean") && msg.contains("0.5L, 1L, 1.5L, 2L"),
            "{msg}"
        );
    }

    #[test]
    fn radii() {
        let b = preset("2L").unwrap().bottle;
        assert_close(b.mean_radius_m(), 0.05235, 1e-12);
        assert_close(b.inner_radius_m(), 0.0522, 1e-12);
        assert_close(b.outer_radius_m(), 0.0525, 1e-12);
        assert_close(
            b.mouth_area_m2(),
            std::f64::consts::PI * 0.0217f64.powi(2) / 4.0,
            1e-12,
        );
    }

    #[test]
    fn invalid_bottles_are_errors() {
        let ok = CylinderBottle::new(2e-3, 0.105, 3e-4, 0.0217, Some(0.32)).unwrap();
        let cases = [
            CylinderBottle {
                wall_thickness_m: 0.0,
                ..ok
            },
            CylinderBottle {
                wall_thickness_m: 0.04,
                ..ok
            },
            CylinderBottle {
                wall_thickness_m: f64::NAN,
                ..ok
            },
            CylinderBottle {
                outer_diameter_m: -0.1,
                ..ok
            },
            CylinderBottle {
                volume_m3: 0.0,
                ..ok
            },
            CylinderBottle {
                mouth_bore_m: 0.2,
                ..ok
            },
            CylinderBottle {
                height_m: Some(0.1),
                ..ok
            },
            CylinderBottle {
                height_m: Some(f64::INFINITY),
                ..ok
            },
        ];
        for b in cases {
            assert!(b.validate().is_err(), "{b:?}");
            assert!(b.check(1e5, 196e6).is_err(), "{b:?}");
        }
        let e = CylinderBottle {
            wall_thickness_m: 0.0,
            ..ok
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("wall thickness 0 m must be > 0"), "{e}");
    }

    #[test]
    fn toml_round_trip_rejects_unknown_fields() {
        let b: CylinderBottle = toml::from_str(
            "volume_m3 = 2e-3\nouter_diameter_m = 0.105\nwall_thickness_m = 3e-4\nmouth_bore_m = 0.0217\n",
        )
        .unwrap();
        assert_eq!(b.height_m, None);
        assert!(
            toml::from_str::<CylinderBottle>("volume_m3 = 2e-3\nouter_diameter = 0.105\n").is_err()
        );
    }
}
