//! The smooth mid-surface curve through the rows of a profile.
//!
//! A polyline has a corner at every row, and a corner of a solid wall — however slight — is
//! a stress singularity: the peak stress there grows without bound as the mesh is refined
//! (a 2° kink already adds several per cent per mesh doubling). Moulded bottles have no such
//! corners, so the mid-surface is the polyline with every row's corner rounded by a
//! circular fillet tangent to both neighbouring chords, with tangent length `l` equal to
//! half the shorter chord. For rows sampled from a smooth curve with equal spacing this
//! reproduces the curve's own radius (`R = l / tan(θ/2) ≈ L/θ`); the fillet passes within
//! `≈ L·θ/8` of the row. The result is tangent-continuous; straight chords stay straight
//! between fillets. At a pole the fillet is taken with the mirror image of the first (last)
//! chord, so the meridian meets the axis at a right angle. Rows where the meridian turns by
//! more than [`CORNER_TURN_DEG`] stay sharp corners (their stresses depend on the mesh).
//! The wall thickness is linear in arc length between rows (a row sits at the middle of its
//! fillet).

use super::{outward_normal, Profile, ProfileRow};

/// Rows where the meridian turns by more than this (degrees) are kept as sharp corners.
pub const CORNER_TURN_DEG: f64 = 30.0;

/// One piece of the curve: a straight line or a circular arc.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: [f64; 2],
    tangent: [f64; 2],
    /// Signed curvature (positive turns left, counter-clockwise in `(r, z)`), 1/m.
    curvature: f64,
    length: f64,
}

impl Piece {
    fn eval(&self, s: f64) -> ([f64; 2], [f64; 2]) {
        let t = self.tangent;
        let n = [-t[1], t[0]];
        let k = self.curvature;
        let phi = k * s;
        let (a, b) = if phi.abs() < 1e-8 {
            (s - k * k * s * s * s / 6.0, 0.5 * k * s * s)
        } else {
            (phi.sin() / k, (1.0 - phi.cos()) / k)
        };
        (
            [
                self.start[0] + a * t[0] + b * n[0],
                self.start[1] + a * t[1] + b * n[1],
            ],
            [
                phi.cos() * t[0] + phi.sin() * n[0],
                phi.cos() * t[1] + phi.sin() * n[1],
            ],
        )
    }
}

/// A point of the mid-surface with its local frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CurvePoint {
    /// Mid-surface point `(r, z)`, m.
    pub point: [f64; 2],
    /// Unit tangent `(r, z)`.
    pub tangent: [f64; 2],
    /// Offset to the outer surface per unit half-thickness (outward normal, lengthened at a
    /// sharp corner; along the axis at a pole).
    pub offset: [f64; 2],
    /// Wall thickness, m.
    pub t: f64,
}

/// The smooth meridian: for every span between consecutive rows, its pieces.
#[derive(Debug, Clone)]
pub(crate) struct Meridian {
    rows: Vec<ProfileRow>,
    spans: Vec<Vec<Piece>>,
    span_len: Vec<f64>,
    /// Miter offset at a sharp corner row, `None` where the row is rounded.
    corner_offset: Vec<Option<[f64; 2]>>,
    closed_top: bool,
}

fn unit(d: [f64; 2]) -> ([f64; 2], f64) {
    let l = d[0].hypot(d[1]);
    ([d[0] / l, d[1] / l], l)
}

impl Meridian {
    /// The smooth meridian of a validated profile without zero-length spans (see
    /// `Profile::for_meshing`).
    pub(crate) fn new(profile: &Profile) -> Meridian {
        let rows = profile.rows().to_vec();
        let n = rows.len();
        let closed_top = profile.is_closed_top();
        let pt = |i: usize| [rows[i].r_m, rows[i].z_m];
        let chords: Vec<([f64; 2], f64)> = (0..n - 1)
            .map(|i| unit([pt(i + 1)[0] - pt(i)[0], pt(i + 1)[1] - pt(i)[1]]))
            .collect();
        // Per row: incoming and outgoing chord directions (mirror images at the poles),
        // tangent length l, turn angle and signed curvature of the fillet.
        struct Fillet {
            l: f64,
            half_len: f64,
            curvature: f64,
            mid: [f64; 2],
            mid_tangent: [f64; 2],
        }
        let mut fillets: Vec<Option<Fillet>> = Vec::with_capacity(n);
        let mut corner_offset = vec![None; n];
        for i in 0..n {
            let (d_in, l_in, d_out, l_out) = if i == 0 {
                let (d, l) = chords[0];
                ([d[0], -d[1]], l, d, l)
            } else if i == n - 1 {
                let (d, l) = chords[n - 2];
                if closed_top {
                    (d, l, [d[0], -d[1]], l)
                } else {
                    fillets.push(None);
                    corner_offset[i] = Some(outward_normal(d));
                    continue;
                }
            } else {
                (chords[i - 1].0, chords[i - 1].1, chords[i].0, chords[i].1)
            };
            let cross = d_in[0] * d_out[1] - d_in[1] * d_out[0];
            let dot = (d_in[0] * d_out[0] + d_in[1] * d_out[1]).clamp(-1.0, 1.0);
            let theta = dot.acos();
            let pole = i == 0 || i == n - 1;
            if theta.to_degrees() > CORNER_TURN_DEG && !pole {
                // Sharp corner: the miter of the two chord normals.
                let (na, nb) = (outward_normal(d_in), outward_normal(d_out));
                let (m, _) = unit([na[0] + nb[0], na[1] + nb[1]]);
                let sc = 1.0 / (m[0] * na[0] + m[1] * na[1]);
                corner_offset[i] = Some([m[0] * sc, m[1] * sc]);
                fillets.push(None);
                continue;
            }
            let (mid_tangent, _) = unit([d_in[0] + d_out[0], d_in[1] + d_out[1]]);
            if theta < 1e-12 {
                fillets.push(Some(Fillet {
                    l: 0.0,
                    half_len: 0.0,
                    curvature: 0.0,
                    mid: pt(i),
                    mid_tangent,
                }));
                continue;
            }
            let l = 0.5 * l_in.min(l_out);
            let radius = l / (0.5 * theta).tan();
            let curvature = cross.signum() / radius;
            // Arc start on the incoming chord; midpoint after half the turn.
            let start = [pt(i)[0] - l * d_in[0], pt(i)[1] - l * d_in[1]];
            let arc = Piece {
                start,
                tangent: d_in,
                curvature,
                length: radius * theta,
            };
            let (mid, mid_tangent) = arc.eval(0.5 * radius * theta);
            let mut mid = mid;
            if pole {
                mid[0] = 0.0; // exactly on the axis (round-off)
            }
            fillets.push(Some(Fillet {
                l,
                half_len: 0.5 * radius * theta,
                curvature,
                mid,
                mid_tangent,
            }));
        }
        let mut spans = Vec::with_capacity(n - 1);
        let mut span_len = Vec::with_capacity(n - 1);
        for i in 0..n - 1 {
            let (d, len) = chords[i];
            let mut pieces = Vec::with_capacity(3);
            let (l0, l1) = (
                fillets[i].as_ref().map_or(0.0, |f| f.l),
                fillets[i + 1].as_ref().map_or(0.0, |f| f.l),
            );
            if let Some(f) = &fillets[i] {
                if f.half_len > 0.0 {
                    pieces.push(Piece {
                        start: f.mid,
                        tangent: f.mid_tangent,
                        curvature: f.curvature,
                        length: f.half_len,
                    });
                }
            }
            let line_len = len - l0 - l1;
            if line_len > 1e-15 * len {
                pieces.push(Piece {
                    start: [pt(i)[0] + l0 * d[0], pt(i)[1] + l0 * d[1]],
                    tangent: d,
                    curvature: 0.0,
                    length: line_len,
                });
            }
            if let Some(f) = &fillets[i + 1] {
                if f.half_len > 0.0 {
                    pieces.push(Piece {
                        start: [pt(i + 1)[0] - l1 * d[0], pt(i + 1)[1] - l1 * d[1]],
                        tangent: d,
                        curvature: f.curvature,
                        length: f.half_len,
                    });
                }
            }
            if pieces.is_empty() {
                pieces.push(Piece {
                    start: pt(i),
                    tangent: d,
                    curvature: 0.0,
                    length: len,
                });
            }
            span_len.push(pieces.iter().map(|p| p.length).sum());
            spans.push(pieces);
        }
        Meridian {
            rows,
            spans,
            span_len,
            corner_offset,
            closed_top,
        }
    }

    /// Number of spans (rows − 1).
    pub(crate) fn spans(&self) -> usize {
        self.spans.len()
    }

    /// Curve length of span `i`, m.
    pub(crate) fn span_length(&self, i: usize) -> f64 {
        self.span_len[i]
    }

    /// Rows of the span `i`: `(first, second)`.
    pub(crate) fn span_rows(&self, i: usize) -> (ProfileRow, ProfileRow) {
        (self.rows[i], self.rows[i + 1])
    }

    /// Point of span `i` at fraction `f` (0..=1) of its curve length.
    pub(crate) fn eval(&self, i: usize, f: f64) -> CurvePoint {
        let total = self.span_len[i];
        let mut s = f.clamp(0.0, 1.0) * total;
        let pieces = &self.spans[i];
        let mut res = None;
        for (k, p) in pieces.iter().enumerate() {
            if s <= p.length || k == pieces.len() - 1 {
                res = Some(p.eval(s.min(p.length)));
                break;
            }
            s -= p.length;
        }
        let (point, tangent) = res.expect("a span has a piece");
        let (a, b) = (self.rows[i], self.rows[i + 1]);
        let t = a.t_m + f.clamp(0.0, 1.0) * (b.t_m - a.t_m);
        let n_rows = self.rows.len();
        let at_row = if f <= 0.0 {
            Some(i)
        } else if f >= 1.0 {
            Some(i + 1)
        } else {
            None
        };
        let mut cp = CurvePoint {
            point,
            tangent,
            offset: outward_normal(tangent),
            t,
        };
        if let Some(r) = at_row {
            let pole = r == 0 || (self.closed_top && r == n_rows - 1);
            if pole {
                cp.point[0] = 0.0;
                cp.tangent = if r == 0 { [1.0, 0.0] } else { [-1.0, 0.0] };
                cp.offset = outward_normal(cp.tangent);
            } else if let Some(o) = self.corner_offset[r] {
                // A sharp corner (or the open top edge): the row itself.
                cp.point = [self.rows[r].r_m, self.rows[r].z_m];
                cp.offset = o;
                let (t, _) = unit([-o[1], o[0]]);
                cp.tangent = t;
            }
        }
        cp
    }

    /// Points along the curve: every span sampled at `per_span` equal fractions, plus the
    /// last point.
    pub(crate) fn sample(&self, per_span: usize) -> Vec<CurvePoint> {
        let mut out = Vec::with_capacity(self.spans() * per_span + 1);
        for i in 0..self.spans() {
            for k in 0..per_span {
                out.push(self.eval(i, k as f64 / per_span as f64));
            }
        }
        out.push(self.eval(self.spans() - 1, 1.0));
        out
    }
}
