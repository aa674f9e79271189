//! The 8-node quadratic axisymmetric solid element (CalculiX/Abaqus `CAX8`).
//!
//! Node order (natural coordinates `ξ, η`): corners 1 (−1,−1), 2 (1,−1), 3 (1,1), 4 (−1,1),
//! mid-sides 5 (0,−1), 6 (1,0), 7 (0,1), 8 (−1,0); corners counter-clockwise in the `(r, z)`
//! plane. Faces: 1 = nodes 1-5-2, 2 = 2-6-3, 3 = 3-7-4, 4 = 4-8-1.
//!
//! Serendipity shape functions, full 3×3 Gauss integration (as CalculiX's `CAX8`). Strains
//! `ε = (ε_r, ε_z, ε_θ, γ_rz) = (∂u/∂r, ∂w/∂z, u/r, ∂u/∂z + ∂w/∂r)`, isotropic Hooke's law, and
//! every integral over the ring volume `2π·r·dA` (forces are totals over the circumference, N).
//! Stresses are computed at the Gauss points and extrapolated to the nodes with the
//! biquadratic Lagrange interpolant through the 3×3 points.

// Element kernels index small fixed-size matrices by node, component and Gauss point; index
// loops read like the formulas.
#![allow(clippy::needless_range_loop)]

/// Natural coordinates of the 8 nodes.
pub(crate) const NODE_XI: [[f64; 2]; 8] = [
    [-1.0, -1.0],
    [1.0, -1.0],
    [1.0, 1.0],
    [-1.0, 1.0],
    [0.0, -1.0],
    [1.0, 0.0],
    [0.0, 1.0],
    [-1.0, 0.0],
];

/// Local node indices (start, middle, end) of faces 1–4, traversed counter-clockwise.
pub(crate) const FACES: [[usize; 3]; 4] = [[0, 4, 1], [1, 5, 2], [2, 6, 3], [3, 7, 0]];

/// 3-point Gauss rule on (−1, 1): abscissae and weights.
const GAUSS_A: f64 = 0.774_596_669_241_483_4; // √0.6
const GAUSS_X: [f64; 3] = [-GAUSS_A, 0.0, GAUSS_A];
const GAUSS_W: [f64; 3] = [5.0 / 9.0, 8.0 / 9.0, 5.0 / 9.0];

/// Shape functions and their natural derivatives at `(ξ, η)`.
fn shape(xi: f64, eta: f64) -> ([f64; 8], [[f64; 8]; 2]) {
    let mut n = [0.0; 8];
    let mut d = [[0.0; 8]; 2];
    for (a, &[xa, ea]) in NODE_XI.iter().enumerate() {
        if a < 4 {
            n[a] = 0.25 * (1.0 + xi * xa) * (1.0 + eta * ea) * (xi * xa + eta * ea - 1.0);
            d[0][a] = 0.25 * xa * (1.0 + eta * ea) * (2.0 * xi * xa + eta * ea);
            d[1][a] = 0.25 * ea * (1.0 + xi * xa) * (xi * xa + 2.0 * eta * ea);
        } else if xa == 0.0 {
            n[a] = 0.5 * (1.0 - xi * xi) * (1.0 + eta * ea);
            d[0][a] = -xi * (1.0 + eta * ea);
            d[1][a] = 0.5 * ea * (1.0 - xi * xi);
        } else {
            n[a] = 0.5 * (1.0 + xi * xa) * (1.0 - eta * eta);
            d[0][a] = 0.5 * xa * (1.0 - eta * eta);
            d[1][a] = -eta * (1.0 + xi * xa);
        }
    }
    (n, d)
}

/// Isotropic elasticity matrix for `(ε_r, ε_z, ε_θ, γ_rz)`.
pub(crate) fn elasticity(e: f64, nu: f64) -> [[f64; 4]; 4] {
    let c = e / ((1.0 + nu) * (1.0 - 2.0 * nu));
    let (a, b, g) = (c * (1.0 - nu), c * nu, c * (1.0 - 2.0 * nu) / 2.0);
    [
        [a, b, b, 0.0],
        [b, a, b, 0.0],
        [b, b, a, 0.0],
        [0.0, 0.0, 0.0, g],
    ]
}

/// Values at one Gauss point: shape functions, Cartesian derivatives `∂N/∂r`, `∂N/∂z`,
/// radius, and the integration weight `2π·r·det J·w`.
pub(super) struct Point {
    pub(super) n: [f64; 8],
    dr: [f64; 8],
    dz: [f64; 8],
    r: f64,
    det: f64,
    pub(super) weight: f64,
}

/// The element's geometry at Gauss point `(gi, gj)`, or the Jacobian determinant if it is
/// not positive.
pub(super) fn point(x: &[[f64; 2]; 8], gi: usize, gj: usize) -> Result<Point, f64> {
    let (xi, eta) = (GAUSS_X[gi], GAUSS_X[gj]);
    let (n, d) = shape(xi, eta);
    let mut j = [[0.0; 2]; 2];
    let mut r = 0.0;
    for a in 0..8 {
        for k in 0..2 {
            j[k][0] += d[k][a] * x[a][0];
            j[k][1] += d[k][a] * x[a][1];
        }
        r += n[a] * x[a][0];
    }
    let det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
    if det.is_nan() || det <= 0.0 || r.is_nan() || r <= 0.0 {
        return Err(det);
    }
    let inv = [
        [j[1][1] / det, -j[0][1] / det],
        [-j[1][0] / det, j[0][0] / det],
    ];
    let mut dr = [0.0; 8];
    let mut dz = [0.0; 8];
    for a in 0..8 {
        dr[a] = inv[0][0] * d[0][a] + inv[0][1] * d[1][a];
        dz[a] = inv[1][0] * d[0][a] + inv[1][1] * d[1][a];
    }
    Ok(Point {
        n,
        dr,
        dz,
        r,
        det,
        weight: 2.0 * std::f64::consts::PI * r * det * GAUSS_W[gi] * GAUSS_W[gj],
    })
}

/// Smallest Jacobian determinant over the Gauss points, m²; ≤ 0 means a folded element (or
/// a Gauss point at `r ≤ 0`).
pub(crate) fn min_jacobian(x: &[[f64; 2]; 8]) -> f64 {
    let mut min = f64::INFINITY;
    for gi in 0..3 {
        for gj in 0..3 {
            match point(x, gi, gj) {
                Ok(p) => min = min.min(p.det),
                Err(det) => min = min.min(det.min(0.0)),
            }
        }
    }
    min
}

/// Strain-displacement rows of node `a` at a point: 4 strains × 2 DOFs.
#[inline]
fn b_node(p: &Point, a: usize) -> [[f64; 2]; 4] {
    [
        [p.dr[a], 0.0],
        [0.0, p.dz[a]],
        [p.n[a] / p.r, 0.0],
        [p.dz[a], p.dr[a]],
    ]
}

/// Element stiffness matrix (16×16, DOFs `u_r, u_z` per node in node order), N/m.
/// Errors with the Jacobian determinant if the element is folded.
pub(crate) fn stiffness(x: &[[f64; 2]; 8], d: &[[f64; 4]; 4]) -> Result<[[f64; 16]; 16], f64> {
    let mut k = [[0.0; 16]; 16];
    for gi in 0..3 {
        for gj in 0..3 {
            let p = point(x, gi, gj)?;
            let bs: [[[f64; 2]; 4]; 8] = std::array::from_fn(|a| b_node(&p, a));
            // DB for every node: 4×2.
            let db: [[[f64; 2]; 4]; 8] = std::array::from_fn(|a| {
                std::array::from_fn(|i| {
                    std::array::from_fn(|c| (0..4).map(|m| d[i][m] * bs[a][m][c]).sum::<f64>())
                })
            });
            for a in 0..8 {
                for ca in 0..2 {
                    let row = 2 * a + ca;
                    for b in 0..8 {
                        for cb in 0..2 {
                            let col = 2 * b + cb;
                            if col > row {
                                continue;
                            }
                            let mut s = 0.0;
                            for i in 0..4 {
                                s += bs[a][i][ca] * db[b][i][cb];
                            }
                            k[row][col] += s * p.weight;
                        }
                    }
                }
            }
        }
    }
    for row in 0..16 {
        for col in row + 1..16 {
            k[row][col] = k[col][row];
        }
    }
    Ok(k)
}

/// Stresses `(σ_r, σ_z, σ_θ, τ_rz)` at the 8 nodes, extrapolated from the 3×3 Gauss points,
/// for element displacements `u` (16 values), Pa.
pub(crate) fn nodal_stresses(
    x: &[[f64; 2]; 8],
    d: &[[f64; 4]; 4],
    u: &[f64; 16],
) -> Result<[[f64; 4]; 8], f64> {
    let mut gauss = [[[0.0; 4]; 3]; 3];
    for gi in 0..3 {
        for gj in 0..3 {
            let p = point(x, gi, gj)?;
            let mut eps = [0.0; 4];
            for a in 0..8 {
                let b = b_node(&p, a);
                for (i, e) in eps.iter_mut().enumerate() {
                    *e += b[i][0] * u[2 * a] + b[i][1] * u[2 * a + 1];
                }
            }
            for i in 0..4 {
                gauss[gi][gj][i] = (0..4).map(|m| d[i][m] * eps[m]).sum();
            }
        }
    }
    // Lagrange basis through (−a, 0, a), evaluated at x.
    let lag = |x: f64| {
        let a2 = GAUSS_A * GAUSS_A;
        [
            x * (x - GAUSS_A) / (2.0 * a2),
            (a2 - x * x) / a2,
            x * (x + GAUSS_A) / (2.0 * a2),
        ]
    };
    let mut out = [[0.0; 4]; 8];
    for (a, &[xa, ea]) in NODE_XI.iter().enumerate() {
        let (lx, le) = (lag(xa), lag(ea));
        for gi in 0..3 {
            for gj in 0..3 {
                let w = lx[gi] * le[gj];
                for i in 0..4 {
                    out[a][i] += w * gauss[gi][gj][i];
                }
            }
        }
    }
    Ok(out)
}

/// Consistent nodal forces (N, `r` and `z` components for the face's 3 nodes, in the order of
/// [`FACES`]) of a uniform pressure `pressure_pa` on `face` (0-based), positive pushing into
/// the element.
pub(crate) fn face_pressure_forces(
    x: &[[f64; 2]; 8],
    face: usize,
    pressure_pa: f64,
) -> [[f64; 2]; 3] {
    let nodes = FACES[face];
    let mut f = [[0.0; 2]; 3];
    for g in 0..3 {
        let z = GAUSS_X[g];
        let n = [z * (z - 1.0) / 2.0, 1.0 - z * z, z * (z + 1.0) / 2.0];
        let dn = [z - 0.5, -2.0 * z, z + 0.5];
        let (mut r, mut dr, mut dz) = (0.0, 0.0, 0.0);
        for k in 0..3 {
            let p = x[nodes[k]];
            r += n[k] * p[0];
            dr += dn[k] * p[0];
            dz += dn[k] * p[1];
        }
        // Outward normal times ds for a counter-clockwise traversal: (dz, −dr) dζ.
        let w = GAUSS_W[g] * 2.0 * std::f64::consts::PI * r;
        for k in 0..3 {
            f[k][0] += -pressure_pa * n[k] * dz * w;
            f[k][1] += -pressure_pa * n[k] * (-dr) * w;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_functions_partition_unity_and_interpolate() {
        for &(xi, eta) in &[(0.1, -0.3), (0.7, 0.2), (-1.0, 1.0)] {
            let (n, d) = shape(xi, eta);
            assert!((n.iter().sum::<f64>() - 1.0).abs() < 1e-14);
            assert!(d[0].iter().sum::<f64>().abs() < 1e-14);
            assert!(d[1].iter().sum::<f64>().abs() < 1e-14);
        }
        for (a, &[xa, ea]) in NODE_XI.iter().enumerate() {
            let (n, _) = shape(xa, ea);
            for (b, v) in n.iter().enumerate() {
                let expect = if a == b { 1.0 } else { 0.0 };
                assert!((v - expect).abs() < 1e-14);
            }
        }
    }

    fn ring() -> [[f64; 2]; 8] {
        // r in (1, 1.2), z in (0, 0.5): corners ccw, then mid-sides.
        let c = [[1.0, 0.0], [1.2, 0.0], [1.2, 0.5], [1.0, 0.5]];
        let m = |a: [f64; 2], b: [f64; 2]| [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        [
            c[0],
            c[1],
            c[2],
            c[3],
            m(c[0], c[1]),
            m(c[1], c[2]),
            m(c[2], c[3]),
            m(c[3], c[0]),
        ]
    }

    #[test]
    fn stiffness_is_symmetric_with_rigid_axial_mode() {
        let x = ring();
        let k = stiffness(&x, &elasticity(1e9, 0.3)).unwrap();
        let mut w = [0.0; 16];
        for a in 0..8 {
            w[2 * a + 1] = 1.0;
        }
        for i in 0..16 {
            for j in 0..16 {
                assert!((k[i][j] - k[j][i]).abs() <= 1e-9 * k[i][i].abs());
            }
            let f: f64 = (0..16).map(|j| k[i][j] * w[j]).sum();
            assert!(
                f.abs() < 1e-6 * k[i][i].abs(),
                "rigid axial translation is strain-free"
            );
        }
    }

    #[test]
    fn patch_uniform_strain_gives_exact_stress() {
        // u = a·r (uniform ε_r = ε_θ = a), w = b·z (ε_z = b): stresses constant everywhere.
        let x = ring();
        let d = elasticity(2e9, 0.35);
        let (a, b) = (1e-3, -2e-4);
        let mut u = [0.0; 16];
        for n in 0..8 {
            u[2 * n] = a * x[n][0];
            u[2 * n + 1] = b * x[n][1];
        }
        let s = nodal_stresses(&x, &d, &u).unwrap();
        let eps = [a, b, a, 0.0];
        let expect: [f64; 4] = std::array::from_fn(|i| (0..4).map(|m| d[i][m] * eps[m]).sum());
        let scale = expect.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for node in s {
            for i in 0..4 {
                assert!(
                    (node[i] - expect[i]).abs() <= 1e-9 * scale,
                    "{node:?} vs {expect:?}"
                );
            }
        }
    }

    #[test]
    fn face_pressure_resultant_is_exact() {
        // Inner face r = 1 (face 4: nodes 4-8-1, traversed downward): pressure pushes +r.
        let x = ring();
        let f = face_pressure_forces(&x, 3, 1.0e5);
        let fr: f64 = f.iter().map(|v| v[0]).sum();
        let fz: f64 = f.iter().map(|v| v[1]).sum();
        let expect = 1.0e5 * 2.0 * std::f64::consts::PI * 1.0 * 0.5;
        assert!((fr - expect).abs() < 1e-9 * expect);
        assert!(fz.abs() < 1e-9 * expect);
        // Top face z = 0.5 (face 3, 3-7-4): pressure pushes −z with resultant p·π·(b² − a²).
        let f = face_pressure_forces(&x, 2, 1.0e5);
        let fz: f64 = f.iter().map(|v| v[1]).sum();
        let expect = -1.0e5 * std::f64::consts::PI * (1.2f64.powi(2) - 1.0);
        assert!((fz - expect).abs() < 1e-9 * expect.abs());
    }
}
