//! Sparse direct solve: faer's sparse Cholesky factorisation `K = L·Lᵀ` (fill-reducing
//! ordering chosen by faer) of the reduced, symmetric positive-definite stiffness matrix.

use faer::linalg::solvers::Solve;
use faer::sparse::SparseColMat;
use faer::{Col, Side};

use crate::error::{Result, StructureError};

/// Solves `K·x = f` for the lower triangle `k` of a symmetric positive-definite matrix.
pub(crate) fn solve_spd(k: &SparseColMat<usize, f64>, f: &[f64]) -> Result<Vec<f64>> {
    let llt = k.sp_cholesky(Side::Lower).map_err(|e| {
        crate::error::llt_error(
            "sparse Cholesky factorisation",
            e,
            "the stiffness matrix is not positive definite (a mechanism or a degenerate \
                 element); check the supports and the mesh",
        )
    })?;
    let mut x = Col::<f64>::from_fn(f.len(), |i| f[i]);
    llt.solve_in_place(x.as_mut());
    let out: Vec<f64> = (0..f.len()).map(|i| x[i]).collect();
    if let Some(i) = out.iter().position(|v| !v.is_finite()) {
        return Err(StructureError::Numerical {
            stage: "sparse Cholesky solve",
            message: format!("unknown {i} is {}", out[i]),
        });
    }
    Ok(out)
}
