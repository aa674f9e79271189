//! Constants of the 3-stage Radau IIA method (order 5), derived at run time from the closed-form
//! Butcher tableau rather than typed in as long decimal constants.
//!
//! Hairer & Wanner, "Solving Ordinary Differential Equations II" (2nd ed., 1996):
//! - Table IV.5.6: the Radau IIA tableau `A`, `b = A[2]`, `c = ((4 − √6)/10, (4 + √6)/10, 1)`;
//! - Sect. IV.8, "Implementation of implicit Runge–Kutta methods": `A⁻¹` has one real eigenvalue
//!   `γ` and a complex pair `α ± iβ`; with `T⁻¹ A⁻¹ T = Λ` the Newton system decouples into one
//!   real and one complex linear system of dimension `n`;
//! - Sect. IV.8, eq. (8.19)–(8.20): the embedded error estimate
//!   `err = (γ/h·I − J)⁻¹ (f(x₀, y₀) + (e₁z₁ + e₂z₂ + e₃z₃)/h)`.

use nalgebra::Complex;

type C64 = Complex<f64>;

/// Everything the integrator needs about the method.
#[derive(Debug, Clone)]
pub(crate) struct Tableau {
    /// Collocation nodes `c₁ < c₂ < c₃ = 1`.
    pub(crate) c: [f64; 3],
    /// Real eigenvalue `γ` of `A⁻¹`.
    pub(crate) gamma: f64,
    /// Real part `α` of the complex eigenvalues of `A⁻¹`.
    pub(crate) alpha: f64,
    /// Imaginary part `β > 0` of the complex eigenvalues of `A⁻¹`.
    pub(crate) beta: f64,
    /// Transformation `T` with `A⁻¹ T = T Λ`, `Λ = [[γ,0,0],[0,α,−β],[0,β,α]]` (row-major).
    pub(crate) t: [[f64; 3]; 3],
    /// `T⁻¹` (row-major).
    pub(crate) t_inv: [[f64; 3]; 3],
    /// Error-estimate weights `e_j/γ₀` of eq. (8.19), divided by `γ₀ = 1/γ`.
    pub(crate) dd: [f64; 3],
}

/// The Radau IIA coefficient matrix, Hairer & Wanner (1996), Table IV.5.6.
pub(crate) fn radau_iia_a() -> [[f64; 3]; 3] {
    let s6 = 6f64.sqrt();
    [
        [
            (88.0 - 7.0 * s6) / 360.0,
            (296.0 - 169.0 * s6) / 1800.0,
            (-2.0 + 3.0 * s6) / 225.0,
        ],
        [
            (296.0 + 169.0 * s6) / 1800.0,
            (88.0 + 7.0 * s6) / 360.0,
            (-2.0 - 3.0 * s6) / 225.0,
        ],
        [(16.0 - s6) / 36.0, (16.0 + s6) / 36.0, 1.0 / 9.0],
    ]
}

fn inverse3(m: &[[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let cof =
        |r0: usize, r1: usize, c0: usize, c1: usize| m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
    let det = m[0][0] * cof(1, 2, 1, 2) - m[0][1] * cof(1, 2, 0, 2) + m[0][2] * cof(1, 2, 0, 1);
    let adj = [
        [cof(1, 2, 1, 2), -cof(0, 2, 1, 2), cof(0, 1, 1, 2)],
        [-cof(1, 2, 0, 2), cof(0, 2, 0, 2), -cof(0, 1, 0, 2)],
        [cof(1, 2, 0, 1), -cof(0, 2, 0, 1), cof(0, 1, 0, 1)],
    ];
    let mut inv = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            inv[i][j] = adj[i][j] / det;
        }
    }
    inv
}

/// A null vector of the (numerically) singular complex 3×3 matrix `m`: the largest of the cross
/// products of its row pairs (each is orthogonal, in the bilinear sense, to both rows).
fn null_vector(m: &[[C64; 3]; 3]) -> [C64; 3] {
    let cross = |a: &[C64; 3], b: &[C64; 3]| {
        [
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0],
        ]
    };
    let norm = |v: &[C64; 3]| v.iter().map(|x| x.norm_sqr()).sum::<f64>();
    let candidates = [
        cross(&m[0], &m[1]),
        cross(&m[0], &m[2]),
        cross(&m[1], &m[2]),
    ];
    let mut best = candidates[0];
    for c in &candidates[1..] {
        if norm(c) > norm(&best) {
            best = *c;
        }
    }
    let s = norm(&best).sqrt();
    best.map(|x| x / s)
}

impl Tableau {
    /// Derives all constants from the closed-form tableau.
    pub(crate) fn radau_iia_3() -> Self {
        let s6 = 6f64.sqrt();
        let c = [(4.0 - s6) / 10.0, (4.0 + s6) / 10.0, 1.0];
        let a = radau_iia_a();
        let a_inv = inverse3(&a);

        // Eigenvalues of A, Hairer & Wanner (1996), Sect. IV.8 (closed form of the roots of the
        // characteristic polynomial): one real, 1/γ, and a complex pair; those of A⁻¹ are their
        // reciprocals.
        let cr81 = 81f64.cbrt();
        let cr9 = 9f64.cbrt();
        let real_a = (6.0 + cr81 - cr9) / 30.0;
        let alpha_a = (12.0 - cr81 + cr9) / 60.0;
        let beta_a = (cr81 + cr9) * 3f64.sqrt() / 60.0;
        let gamma = 1.0 / real_a;
        let modulus = alpha_a * alpha_a + beta_a * beta_a;
        let alpha = alpha_a / modulus;
        let beta = beta_a / modulus;

        // Eigenvectors of A⁻¹: v for γ, w for α + iβ. With T = [v | Re w | −Im w],
        // A⁻¹ T = T Λ and Λ's 2×2 block is [[α, −β], [β, α]], so the pair of Newton
        // equations of that block is one complex system with the shift (α + iβ)/h.
        let shifted = |lambda: C64| {
            let mut m = [[C64::new(0.0, 0.0); 3]; 3];
            for i in 0..3 {
                for j in 0..3 {
                    m[i][j] = C64::new(a_inv[i][j], 0.0);
                }
                m[i][i] -= lambda;
            }
            m
        };
        let v = null_vector(&shifted(C64::new(gamma, 0.0)));
        // The real eigenvector comes out with a common complex phase; remove it.
        let phase = v.iter().fold(C64::new(0.0, 0.0), |acc, x| {
            if x.norm() > acc.norm() {
                *x
            } else {
                acc
            }
        });
        let phase = phase / phase.norm();
        let v = v.map(|x| (x / phase).re);
        let w = null_vector(&shifted(C64::new(alpha, beta)));
        let mut t = [[0.0; 3]; 3];
        for i in 0..3 {
            t[i][0] = v[i];
            t[i][1] = w[i].re;
            t[i][2] = -w[i].im;
        }
        let t_inv = inverse3(&t);

        // Error estimate, eq. (8.19): b̂ − b = γ₀ d with Σ d = −1, Σ d c = 0, Σ d c² = 0
        // (the embedded formula with the extra node 0 and weight γ₀ is of order 3), and
        // e = γ₀ dᵀ A⁻¹; we store dd = e / γ₀ = dᵀ A⁻¹.
        let vander = [
            [1.0, 1.0, 1.0],
            [c[0], c[1], c[2]],
            [c[0] * c[0], c[1] * c[1], c[2] * c[2]],
        ];
        let vi = inverse3(&vander);
        let d = [-vi[0][0], -vi[1][0], -vi[2][0]];
        let mut dd = [0.0; 3];
        for (j, ddj) in dd.iter_mut().enumerate() {
            *ddj = (0..3).map(|i| d[i] * a_inv[i][j]).sum();
        }

        Self {
            c,
            gamma,
            alpha,
            beta,
            t,
            t_inv,
            dd,
        }
    }
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)] // index notation mirrors the matrix algebra
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * (1.0 + b.abs())
    }

    #[test]
    fn transformation_block_diagonalises_a_inverse() {
        let tab = Tableau::radau_iia_3();
        let a_inv = inverse3(&radau_iia_a());
        let lambda = [
            [tab.gamma, 0.0, 0.0],
            [0.0, tab.alpha, -tab.beta],
            [0.0, tab.beta, tab.alpha],
        ];
        for i in 0..3 {
            for j in 0..3 {
                let lhs: f64 = (0..3).map(|k| a_inv[i][k] * tab.t[k][j]).sum();
                let rhs: f64 = (0..3).map(|k| tab.t[i][k] * lambda[k][j]).sum();
                assert!(close(lhs, rhs, 1e-12), "({i},{j}): {lhs} vs {rhs}");
                let id: f64 = (0..3).map(|k| tab.t_inv[i][k] * tab.t[k][j]).sum();
                let expect = if i == j { 1.0 } else { 0.0 };
                assert!(close(id, expect, 1e-13), "T⁻¹T ({i},{j}) = {id}");
            }
        }
        assert!(tab.beta > 0.0);
    }

    #[test]
    fn error_weights_match_the_closed_forms_of_hairer_wanner() {
        // Hairer & Wanner (1996), Sect. IV.8: with γ₀ = 1/γ the weights e/γ₀ are
        // −(13 + 7√6)/3, (−13 + 7√6)/3 and −1/3.
        let tab = Tableau::radau_iia_3();
        let s6 = 6f64.sqrt();
        let expect = [
            -(13.0 + 7.0 * s6) / 3.0,
            (-13.0 + 7.0 * s6) / 3.0,
            -1.0 / 3.0,
        ];
        for (got, want) in tab.dd.iter().zip(expect) {
            assert!(close(*got, want, 1e-12), "{got} vs {want}");
        }
    }

    #[test]
    fn tableau_satisfies_the_collocation_conditions() {
        // C(3): Σ_j a_ij c_j^(q−1) = c_i^q / q for q = 1, 2, 3.
        let tab = Tableau::radau_iia_3();
        let a = radau_iia_a();
        for i in 0..3 {
            for q in 1..=3 {
                let lhs: f64 = (0..3).map(|j| a[i][j] * tab.c[j].powi(q - 1)).sum();
                assert!(close(lhs, tab.c[i].powi(q) / f64::from(q), 1e-14));
            }
        }
    }
}
