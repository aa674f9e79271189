//! Time-dependent pressure loads of the transient analysis: a pressure history `P(t)`
//! (ramp-and-hold or CSV `t_s,p_Pa`) applied uniformly, or a pressure front travelling
//! along the meridian (detonation) with its reflection at the closed far end.
//!
//! Every load acts on the inner surface and, for an open neck, on the cap as the axial end
//! load `p·π·r_i²` (the cap sees the pressure at the top of the meridian).

use std::path::Path;

use serde::Serialize;

use crate::error::{positive, Result, StructureError};
use crate::limits::{read_text_limited, truncate_token, MAX_INPUT_FILE_BYTES, MAX_QUOTED_CHARS};

/// Pressure changes smaller than this fraction of the peak are ignored when the rise time
/// of a history is measured.
pub const RISE_FRACTION: f64 = 0.01;

/// A gauge-pressure history `P(t)`, Pa, linear between points. Times are ≥ 0 and strictly
/// increasing; pressures finite and ≥ 0; before the first point the pressure is the first
/// value. A ramp ([`PressureHistory::ramp`]) is held at its last value forever; a tabulated
/// history must cover the analysed duration ([`PressureHistory::check_covers`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PressureHistory {
    /// `(t_s, p_Pa)` points.
    pub points: Vec<(f64, f64)>,
    /// Where it came from.
    pub origin: String,
    /// Whether the last value holds after the last point (ramp-and-hold) rather than the
    /// history ending there (tabulated).
    pub holds_after_end: bool,
    /// 1-based source line of every point (empty when not read from text).
    pub lines: Vec<usize>,
}

impl PressureHistory {
    /// A ramp from 0 at `t = 0` to `peak_pa` at `t = rise_time_s`, then held.
    pub fn ramp(peak_pa: f64, rise_time_s: f64) -> Result<Self> {
        crate::error::gauge_pressure(peak_pa)?;
        positive("rise time", rise_time_s, "s")?;
        Ok(Self {
            points: vec![(0.0, 0.0), (rise_time_s, peak_pa)],
            origin: format!("ramp to {peak_pa} Pa in {rise_time_s} s"),
            holds_after_end: true,
            lines: Vec::new(),
        })
    }

    /// Parses CSV text with header `t_s,p_Pa` (lines starting with `#` and blank lines
    /// ignored). Rejected with the line and the reason: missing header, wrong number of
    /// fields, non-numeric or non-finite values, negative time or pressure, times not
    /// strictly increasing, fewer than two rows.
    pub fn from_csv(text: &str, origin: &str) -> Result<Self> {
        let err = |line: usize, message: String| StructureError::PressureHistory {
            origin: origin.to_string(),
            line,
            message,
        };
        let mut points: Vec<(f64, f64)> = Vec::new();
        let mut lines = Vec::new();
        let mut header = false;
        for (idx, raw) in text.lines().enumerate() {
            let line = idx + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if !header {
                let cols: Vec<&str> = l.split(',').map(str::trim).collect();
                if cols != ["t_s", "p_Pa"] {
                    // Quote only the first differing field (the file may not be a history).
                    let bad = cols
                        .iter()
                        .zip(["t_s", "p_Pa"])
                        .find(|(c, e)| *c != e)
                        .map_or(cols[0], |(c, _)| *c);
                    return Err(err(
                        line,
                        format!(
                            "header field `{}`: expected `t_s,p_Pa` (time in s, gauge pressure \
                             in Pa)",
                            truncate_token(bad, MAX_QUOTED_CHARS)
                        ),
                    ));
                }
                header = true;
                continue;
            }
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            if f.len() != 2 {
                return Err(err(
                    line,
                    format!("expected 2 fields `t_s,p_Pa`, found {}", f.len()),
                ));
            }
            let num = |s: &str, name: &str| -> Result<f64> {
                let q = truncate_token(s, MAX_QUOTED_CHARS);
                let v: f64 = s
                    .parse()
                    .map_err(|_| err(line, format!("{name} `{q}` is not a number")))?;
                if !v.is_finite() {
                    return Err(err(line, format!("{name} `{q}` is not finite")));
                }
                Ok(v)
            };
            let (t, p) = (num(f[0], "t_s")?, num(f[1], "p_Pa")?);
            if t < 0.0 {
                return Err(err(line, format!("time {t} s is negative (must be ≥ 0)")));
            }
            if p < 0.0 {
                return Err(err(
                    line,
                    format!(
                        "gauge pressure {p} Pa is negative (must be ≥ 0: internal overpressure)"
                    ),
                ));
            }
            if let Some(&(t_prev, _)) = points.last() {
                if t <= t_prev {
                    return Err(err(
                        line,
                        format!("time {t} s is not after the previous row's {t_prev} s (rows must be sorted by strictly increasing time)"),
                    ));
                }
            }
            points.push((t, p));
            lines.push(line);
        }
        if !header {
            return Err(err(0, "no header `t_s,p_Pa`".into()));
        }
        if points.len() < 2 {
            return Err(err(
                0,
                format!("{} data rows: at least 2 are needed", points.len()),
            ));
        }
        Ok(Self {
            points,
            origin: origin.to_string(),
            holds_after_end: false,
            lines,
        })
    }

    /// Reads and parses a CSV file (see [`PressureHistory::from_csv`]) of at most
    /// [`MAX_INPUT_FILE_BYTES`] (8 MiB, read through `Read::take`).
    pub fn load_csv(path: &Path) -> Result<Self> {
        let text = read_text_limited(path, "pressure history CSV", MAX_INPUT_FILE_BYTES)?;
        Self::from_csv(&text, &path.display().to_string())
    }

    /// Checks that the history is fine enough for an output up to `duration_s`: it must
    /// reach that time (a history is not extrapolated beyond its last row, except the
    /// ramp-and-hold of [`PressureHistory::ramp`]), and no interval between rows may be
    /// longer than `max_interval_s` (the output resolution asked for).
    pub fn check_covers(&self, duration_s: f64, max_interval_s: f64) -> Result<()> {
        if self.holds_after_end {
            return Ok(());
        }
        let err = |row: usize, message: String| StructureError::PressureHistory {
            origin: self.origin.clone(),
            line: row,
            message,
        };
        let last = self.points[self.points.len() - 1].0;
        if last < duration_s {
            return Err(err(
                self.lines.last().copied().unwrap_or(0),
                format!(
                    "the last row is at {last} s, before the requested duration {duration_s} s \
                     (too short for the requested output)"
                ),
            ));
        }
        for (k, w) in self.points.windows(2).enumerate() {
            if w[0].0 < duration_s && w[1].0 - w[0].0 > max_interval_s {
                return Err(err(
                    self.lines.get(k + 1).copied().unwrap_or(0),
                    format!(
                        "this row follows the previous one after {} s, longer than the output \
                         resolution {max_interval_s} s (too coarse for the requested output)",
                        w[1].0 - w[0].0
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Pressure at time `t_s`, Pa.
    pub fn at(&self, t_s: f64) -> f64 {
        let p = &self.points;
        if t_s <= p[0].0 {
            return p[0].1;
        }
        let k = p.partition_point(|x| x.0 <= t_s);
        if k >= p.len() {
            return p[p.len() - 1].1;
        }
        let (a, b) = (p[k - 1], p[k]);
        a.1 + (b.1 - a.1) * (t_s - a.0) / (b.0 - a.0)
    }

    /// Largest pressure, Pa.
    pub fn peak_pa(&self) -> f64 {
        self.points.iter().fold(0.0, |m, p| m.max(p.1))
    }

    /// Duration of the load, s: the end of the last interval between points over which the
    /// pressure changes by more than [`RISE_FRACTION`] of the peak (the rise time of a ramp,
    /// the end of the last significant change of a table; 0 for a constant history). After
    /// it the load is constant and the wall only rings down.
    pub fn load_duration_s(&self) -> f64 {
        let peak = self.peak_pa();
        self.points
            .windows(2)
            .filter(|w| (w[1].1 - w[0].1).abs() > RISE_FRACTION * peak)
            .map(|w| w[1].0)
            .fold(0.0, f64::max)
    }

    /// Shortest interval between points over which the pressure changes by more than
    /// [`RISE_FRACTION`] of the peak, s (`∞` for a constant history).
    pub fn rise_time_s(&self) -> f64 {
        let peak = self.peak_pa();
        self.points
            .windows(2)
            .filter(|w| (w[1].1 - w[0].1).abs() > RISE_FRACTION * peak)
            .map(|w| w[1].0 - w[0].0)
            .fold(f64::INFINITY, f64::min)
    }
}

/// Where a travelling front starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontOrigin {
    /// At the base pole (arc length 0); it reflects at the cap.
    Base,
    /// At the top of the neck (the cap); it reflects at the base pole.
    Neck,
}

/// A pressure front travelling along the mid-surface meridian at constant speed (a
/// detonation: Beltman & Shepherd, J. Sound Vib. 252:617, 2002; Shepherd, J. Pressure
/// Vessel Technol. 131:031204, 2009).
///
/// Model: a wall point at arc length distance `d` from the origin is unloaded until the
/// front arrives at `t_a = d/v`; then it carries `P(t − t_a)` from [`PressureHistory`] (a
/// step, or a decaying profile such as a Taylor wave given as a history). The front
/// reflects at the closed far end and the reflected front runs back at the same speed `v`;
/// behind it the pressure is `R·P(t − t_a)`. Simplifications: the reflected shock in reality
/// travels slower than the incident detonation, and `R` (≈2.5 for a CJ detonation reflecting
/// normally from a wall, Shepherd 2009) is an input; the pressure acts on each inner element
/// face at the arrival time of its centre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TravellingFront {
    /// Pressure behind the incident front against the time since its arrival.
    pub history: PressureHistory,
    /// Front speed along the meridian, m/s.
    pub speed_m_s: f64,
    /// Where it starts.
    pub origin: FrontOrigin,
    /// Reflected over incident pressure `R` at the closed far end (≥ 0; 1 = no
    /// amplification, 0 = ignore the reflection).
    pub reflection_factor: f64,
}

impl TravellingFront {
    /// A validated front.
    pub fn new(
        history: PressureHistory,
        speed_m_s: f64,
        origin: FrontOrigin,
        reflection_factor: f64,
    ) -> Result<Self> {
        positive("front speed", speed_m_s, "m/s")?;
        if !(reflection_factor.is_finite() && reflection_factor >= 0.0) {
            return Err(StructureError::InvalidInput {
                quantity: "reflection factor",
                value: reflection_factor,
                unit: "",
                requirement: "finite and ≥ 0 (reflected over incident pressure)".into(),
            });
        }
        Ok(Self {
            history,
            speed_m_s,
            origin,
            reflection_factor,
        })
    }

    /// Pressure at arc length `s_m` of a meridian of total length `length_m`, time `t_s`.
    pub fn pressure_at(&self, s_m: f64, length_m: f64, t_s: f64) -> f64 {
        let d = match self.origin {
            FrontOrigin::Base => s_m,
            FrontOrigin::Neck => length_m - s_m,
        };
        let t_a = d / self.speed_m_s;
        if t_s < t_a {
            return 0.0;
        }
        let p = self.history.at(t_s - t_a);
        let t_reflected = (2.0 * length_m - d) / self.speed_m_s;
        if t_s >= t_reflected {
            self.reflection_factor * p
        } else {
            p
        }
    }
}

/// A pressure load of the transient analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PressureLoad {
    /// The same pressure everywhere at every instant (a deflagration is slow enough for
    /// the gas pressure to be uniform).
    Uniform(PressureHistory),
    /// A travelling front.
    Front(TravellingFront),
}

impl PressureLoad {
    /// The incident history.
    pub fn history(&self) -> &PressureHistory {
        match self {
            PressureLoad::Uniform(h) => h,
            PressureLoad::Front(f) => &f.history,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rejects_with_line_and_reason() {
        let ok = PressureHistory::from_csv("# c\nt_s,p_Pa\n0,0\n1e-3,1e6\n", "x").unwrap();
        assert!((ok.at(0.5e-3) - 0.5e6).abs() < 1e-6);
        assert!((ok.at(5.0) - 1e6).abs() < 1e-6);
        for (text, line, what) in [
            ("t,p\n0,0\n", 1, "header"),
            ("t_s,p_Pa\n0,0\n1e-3,nan\n", 3, "not finite"),
            ("t_s,p_Pa\n0,0\n-1,5\n", 3, "negative"),
            ("t_s,p_Pa\n0,0\n2e-3,1\n1e-3,2\n", 4, "strictly increasing"),
            ("t_s,p_Pa\n0,abc\n", 2, "not a number"),
            ("t_s,p_Pa\n0,0\n", 0, "at least 2"),
        ] {
            let e = PressureHistory::from_csv(text, "x")
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("line {line}")) && e.contains(what),
                "{e}"
            );
        }
        let e = ok.check_covers(2e-3, 1.0).unwrap_err().to_string();
        assert!(e.contains("too short"), "{e}");
        let e = ok.check_covers(1e-3, 1e-4).unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("too coarse"), "{e}");
    }

    #[test]
    fn front_arrives_and_reflects() {
        let step = PressureHistory::ramp(1.0, 1e-9).unwrap();
        let f = TravellingFront::new(step, 1000.0, FrontOrigin::Base, 2.5).unwrap();
        assert!(f.pressure_at(0.1, 0.3, 0.09e-3).abs() < 1e-12);
        assert!((f.pressure_at(0.1, 0.3, 0.2e-3) - 1.0).abs() < 1e-9);
        // Reflected front reaches s = 0.1 at (0.6 − 0.1)/1000 s.
        assert!((f.pressure_at(0.1, 0.3, 0.51e-3) - 2.5).abs() < 1e-9);
    }
}
