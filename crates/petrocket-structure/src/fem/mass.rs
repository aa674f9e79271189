//! Consistent mass matrix of the `CAX8` mesh and the sparse helpers of the dynamics.
//!
//! The element mass matrix is the consistent one,
//!
//! ```text
//! M_ab = ∫ ρ · N_a · N_b · 2π·r dA        (the same for u_r and u_z; no r–z coupling)
//! ```
//!
//! integrated with the element's 3×3 Gauss rule, which is exact for straight-sided elements
//! (`N_a·N_b·r` is of degree 5 in each natural coordinate). As for the stiffness, the total
//! over the circumference is meant (kg), and only the lower triangle of the reduced matrix
//! (free DOFs) is stored.

// Element kernels index small fixed-size matrices by node.
#![allow(clippy::needless_range_loop)]

use faer::sparse::{SparseColMat, Triplet};

use super::element;
use super::mesh::Mesh;
use crate::error::{Result, StructureError};

/// Element consistent mass matrix per component (8×8, kg), or the Jacobian determinant if
/// the element is folded.
pub(crate) fn element_mass(x: &[[f64; 2]; 8], density: f64) -> Result<[[f64; 8]; 8], f64> {
    let mut m = [[0.0; 8]; 8];
    for gi in 0..3 {
        for gj in 0..3 {
            let p = element::point(x, gi, gj)?;
            for a in 0..8 {
                for b in 0..8 {
                    m[a][b] += density * p.n[a] * p.n[b] * p.weight;
                }
            }
        }
    }
    Ok(m)
}

/// Lower triangle of the reduced consistent mass matrix (kg) for the equation numbering
/// `eq` (see [`super::support`]).
pub(crate) fn mass(
    mesh: &Mesh,
    density: &[f64],
    eq: &[Option<usize>],
    n_eq: usize,
) -> Result<SparseColMat<usize, f64>> {
    let mut triplets: Vec<Triplet<usize, usize, f64>> =
        Vec::with_capacity(mesh.elements.len() * 72);
    for (e, el) in mesh.elements.iter().enumerate() {
        let x = mesh.element_coords(e);
        let m = element_mass(&x, density[e]).map_err(|det| StructureError::InvalidMesh {
            element: e + 1,
            z_m: x[0][1],
            r_m: x[0][0],
            message: format!("det J = {det:.3e} m² at a Gauss point"),
        })?;
        for a in 0..8 {
            for b in 0..8 {
                for c in 0..2 {
                    let (Some(row), Some(col)) = (eq[2 * el[a] + c], eq[2 * el[b] + c]) else {
                        continue;
                    };
                    if row >= col {
                        triplets.push(Triplet::new(row, col, m[a][b]));
                    }
                }
            }
        }
    }
    from_triplets(n_eq, &triplets)
}

/// A sparse matrix from triplets (duplicates summed).
pub(crate) fn from_triplets(
    n: usize,
    triplets: &[Triplet<usize, usize, f64>],
) -> Result<SparseColMat<usize, f64>> {
    SparseColMat::try_new_from_triplets(n, n, triplets)
        .map_err(|e| crate::error::creation_error("sparse assembly", e))
}

/// `ca·A + cb·B` for two lower-triangle matrices of the same size.
pub(crate) fn combine(
    a: &SparseColMat<usize, f64>,
    ca: f64,
    b: &SparseColMat<usize, f64>,
    cb: f64,
) -> Result<SparseColMat<usize, f64>> {
    let mut t = Vec::with_capacity(a.val().len() + b.val().len());
    for (m, c) in [(a, ca), (b, cb)] {
        let s = m.symbolic();
        let v = m.val();
        for j in 0..m.ncols() {
            for k in s.col_range(j) {
                t.push(Triplet::new(s.row_idx()[k], j, c * v[k]));
            }
        }
    }
    from_triplets(a.nrows(), &t)
}

/// `y = A·x` for a symmetric matrix of which only the lower triangle `a` is stored.
pub(crate) fn sym_matvec(a: &SparseColMat<usize, f64>, x: &[f64], y: &mut [f64]) {
    y.iter_mut().for_each(|v| *v = 0.0);
    let s = a.symbolic();
    let v = a.val();
    let rows = s.row_idx();
    for j in 0..a.ncols() {
        let xj = x[j];
        let mut acc = 0.0;
        for k in s.col_range(j) {
            let i = rows[k];
            y[i] += v[k] * xj;
            if i != j {
                acc += v[k] * x[i];
            }
        }
        y[j] += acc;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_mass_sums_to_ring_mass() {
        // r in (1, 1.2), z in (0, 0.5): mass ρ·π·(1.2² − 1²)·0.5.
        let c = [[1.0, 0.0], [1.2, 0.0], [1.2, 0.5], [1.0, 0.5]];
        let m = |a: [f64; 2], b: [f64; 2]| [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        let x = [
            c[0],
            c[1],
            c[2],
            c[3],
            m(c[0], c[1]),
            m(c[1], c[2]),
            m(c[2], c[3]),
            m(c[3], c[0]),
        ];
        let me = element_mass(&x, 1000.0).unwrap();
        let total: f64 = me.iter().flatten().sum();
        let expect = 1000.0 * std::f64::consts::PI * (1.44 - 1.0) * 0.5;
        assert!(
            (total - expect).abs() < 1e-10 * expect,
            "{total} vs {expect}"
        );
        for a in 0..8 {
            for b in 0..8 {
                assert!((me[a][b] - me[b][a]).abs() <= 1e-12 * me[a][a].abs());
            }
        }
    }
}
