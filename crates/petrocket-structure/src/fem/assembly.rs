//! Sparse assembly of the stiffness matrix and the load vector, with the supports.
//!
//! Supports: `u_r = 0` on the axis (symmetry: nodes at `r = 0` cannot move radially) and
//! `u_z = 0` at one node (the mid-surface node at the base pole), which removes the only
//! rigid-body mode left, the axial translation. The loads — internal pressure on the inner
//! surface plus the cap's end load — are self-equilibrated, so that support carries no load
//! (its reaction is reported as a check: it is round-off). Constrained DOFs are eliminated,
//! leaving a symmetric positive-definite system over the free DOFs; only its lower triangle
//! is stored.

use faer::sparse::{SparseColMat, Triplet};

use super::element;
use super::mesh::Mesh;
use crate::error::{Result, StructureError};

/// Map from global DOF (`2·node + component`) to equation number, `None` when constrained.
pub(crate) fn equation_numbers(mesh: &Mesh) -> (Vec<Option<usize>>, usize) {
    let mut fixed = vec![false; mesh.dofs()];
    for &n in &mesh.axis_nodes {
        fixed[2 * n] = true;
    }
    fixed[2 * mesh.fixed_z_node + 1] = true;
    let mut next = 0;
    let eq = fixed
        .iter()
        .map(|&f| {
            (!f).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    (eq, next)
}

/// Lower triangle of the reduced stiffness matrix (N/m); `d[e]` is element `e`'s
/// elasticity matrix ([`super::element_elasticity`]).
pub(crate) fn stiffness(
    mesh: &Mesh,
    d: &[[[f64; 4]; 4]],
    eq: &[Option<usize>],
    n_eq: usize,
) -> Result<SparseColMat<usize, f64>> {
    let mut triplets: Vec<Triplet<usize, usize, f64>> =
        Vec::with_capacity(mesh.elements.len() * 136);
    for (e, el) in mesh.elements.iter().enumerate() {
        let x = mesh.element_coords(e);
        let k = element::stiffness(&x, &d[e]).map_err(|det| StructureError::InvalidMesh {
            element: e + 1,
            z_m: x[0][1],
            r_m: x[0][0],
            message: format!("det J = {det:.3e} m² at a Gauss point"),
        })?;
        let dofs: [Option<usize>; 16] = std::array::from_fn(|i| eq[2 * el[i / 2] + i % 2]);
        for (a, da) in dofs.iter().enumerate() {
            let Some(row) = *da else { continue };
            for (b, db) in dofs.iter().enumerate() {
                let Some(col) = *db else { continue };
                if row >= col {
                    triplets.push(Triplet::new(row, col, k[a][b]));
                }
            }
        }
    }
    SparseColMat::try_new_from_triplets(n_eq, n_eq, &triplets)
        .map_err(|e| crate::error::creation_error("sparse assembly", e))
}

/// Global load vector (all DOFs, N) for gauge pressure `p_gauge_pa`.
pub(crate) fn loads(mesh: &Mesh, p_gauge_pa: f64) -> Vec<f64> {
    let mut f = vec![0.0; mesh.dofs()];
    let mut add = |e: usize, face: usize, pressure: f64| {
        let x = mesh.element_coords(e);
        let fe = element::face_pressure_forces(&x, face, pressure);
        for (k, &local) in element::FACES[face].iter().enumerate() {
            let n = mesh.elements[e][local];
            f[2 * n] += fe[k][0];
            f[2 * n + 1] += fe[k][1];
        }
    };
    for &(e, face) in &mesh.inner_faces {
        add(e, face, p_gauge_pa);
    }
    // End load: the cap pulls the top edge (a negative pressure); plate: the gauge pressure.
    let cap = p_gauge_pa * mesh.cap_pressure_per_pa;
    for &(e, face) in &mesh.cap_faces {
        add(e, face, cap);
    }
    f
}
