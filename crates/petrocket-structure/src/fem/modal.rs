//! Modal analysis: the lowest axisymmetric natural frequencies and mode shapes of the wall,
//! `K·φ = ω²·M·φ` with the `CAX8` stiffness and consistent mass (`fem/mass.rs`), solved by
//! shift-invert Lanczos (`fem/eigen.rs`).
//!
//! Assumptions: linear elastic, small vibrations about the unloaded state (no pressure
//! stiffening), axisymmetric modes only (circumferential wave number 0: breathing, axial and
//! meridional bending modes; the non-axisymmetric shell modes of a real bottle are not
//! represented). With [`Support::Free`] the axial rigid-body translation has zero frequency:
//! it is found by the solver like any mode, identified (frequency below
//! [`RIGID_BODY_FRACTION`] of the analytic breathing frequency) and reported in
//! [`ModalSolution::rigid_body_modes`], never among the elastic frequencies.

use std::fmt::Write as _;

use serde::Serialize;

use super::support::{breathing_omega, equation_numbers, max_radius, Support};
use super::{assembly, eigen, mass, ElasticMaterial, Mesh};
use crate::error::{Result, StructureError};
use crate::geometry::outward_normal;

/// A mode whose frequency is below this fraction of the analytic breathing frequency of the
/// widest station (VALIDATION S1) is a rigid-body mode.
pub const RIGID_BODY_FRACTION: f64 = 1e-3;

/// One vibration mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mode {
    /// Natural frequency, Hz.
    pub frequency_hz: f64,
    /// Relative residual `‖Kφ − ω²Mφ‖ / (‖Kφ‖ + ω²‖Mφ‖)` of the computed pair.
    pub residual: f64,
    /// Nodal shape `(u_r, u_z)`, mass-normalised (`φᵀMφ = 1`, 1/√kg).
    #[serde(skip)]
    pub shape: Vec<[f64; 2]>,
}

/// A rigid-body mode of a free bottle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RigidBodyMode {
    /// What it is ("axial translation").
    pub kind: &'static str,
    /// Computed frequency, Hz: zero up to round-off.
    pub frequency_hz: f64,
}

/// Result of a modal analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModalSolution {
    /// Support.
    pub support: Support,
    /// Material.
    pub material: ElasticMaterial,
    /// Elastic modes, ascending frequency.
    pub modes: Vec<Mode>,
    /// Rigid-body modes (free support only).
    pub rigid_body_modes: Vec<RigidBodyMode>,
    /// Analytic breathing frequency of the widest station (VALIDATION S1), Hz.
    pub breathing_reference_hz: f64,
    /// The mesh.
    #[serde(skip)]
    pub mesh: Mesh,
}

impl ModalSolution {
    /// Elastic natural frequencies, Hz, ascending.
    pub fn natural_frequencies_hz(&self) -> Vec<f64> {
        self.modes.iter().map(|m| m.frequency_hz).collect()
    }

    /// Mode shapes along the mid-surface meridian as CSV, one row per mode and half-station:
    /// `mode,frequency_Hz,s_m,z_m,r_m,u_r,u_z,u_normal`, each shape scaled to a largest
    /// displacement magnitude of 1 (dimensionless), positive where it is largest.
    pub fn mode_shapes_csv(&self) -> String {
        let mesh = &self.mesh;
        let mut s = String::from("mode,frequency_Hz,s_m,z_m,r_m,u_r,u_z,u_normal\n");
        for (k, mode) in self.modes.iter().enumerate() {
            let mid: Vec<[f64; 2]> = (0..mesh.half_stations())
                .map(|i| mid_surface(mesh, &mode.shape, i))
                .collect();
            let (mut big, mut sign) = (0.0f64, 1.0);
            for u in &mid {
                for c in u {
                    if c.abs() > big {
                        big = c.abs();
                        sign = c.signum();
                    }
                }
            }
            let scale = if big > 0.0 { sign / big } else { 1.0 };
            for (i, u) in mid.iter().enumerate() {
                let n = outward_normal(mesh.station_tangent[i]);
                let _ = writeln!(
                    s,
                    "{},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e},{:.9e}",
                    k + 1,
                    mode.frequency_hz,
                    mesh.station_s[i],
                    mesh.station_mid[i][1],
                    mesh.station_mid[i][0],
                    u[0] * scale,
                    u[1] * scale,
                    (u[0] * n[0] + u[1] * n[1]) * scale
                );
            }
        }
        s
    }
}

/// Nodal vector of the mid-surface at half-station `i` (averaged from the neighbours where
/// the serendipity mesh has no node).
pub(crate) fn mid_surface(mesh: &Mesh, u: &[[f64; 2]], i: usize) -> [f64; 2] {
    match mesh.node_at(i, mesh.layers) {
        Some(n) => u[n],
        None => {
            let a = mesh.node_at(i, mesh.layers - 1).map_or([0.0; 2], |n| u[n]);
            let b = mesh.node_at(i, mesh.layers + 1).map_or([0.0; 2], |n| u[n]);
            [0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1])]
        }
    }
}

/// Expands a reduced vector to nodal `(u_r, u_z)`.
pub(crate) fn expand(mesh: &Mesh, eq: &[Option<usize>], x: &[f64]) -> Vec<[f64; 2]> {
    let mut u = vec![[0.0; 2]; mesh.nodes.len()];
    for (dof, e) in eq.iter().enumerate() {
        if let Some(e) = e {
            u[dof / 2][dof % 2] = x[*e];
        }
    }
    u
}

/// The lowest `n_modes` elastic axisymmetric modes of `mesh` under `support` (plus, for a
/// free support, the rigid-body mode, reported separately).
pub fn solve_modal(
    mesh: Mesh,
    material: &ElasticMaterial,
    n_modes: usize,
    support: Support,
) -> Result<ModalSolution> {
    if n_modes == 0 || n_modes > 200 {
        return Err(StructureError::InvalidInput {
            quantity: "number of modes",
            value: n_modes as f64,
            unit: "",
            requirement: "an integer from 1 to 200".into(),
        });
    }
    {
        // Memory: matrices and factor as a transient's, plus the first Lanczos basis.
        let dofs = mesh.dofs() as f64;
        let basis = ((2 * n_modes + 20).max(40) as f64) * dofs * 8.0;
        let est = mesh.size_estimate();
        let need = (est.memory_bytes as f64 * 2.0 + basis) as u64;
        est.check_limits(need, super::MAX_MESH_MEMORY_BYTES)?;
    }
    let (d, rho) = super::element_elasticity(&mesh, material)?;
    let (eq, n_eq) = equation_numbers(&mesh, Some(support))?;
    let k = assembly::stiffness(&mesh, &d, &eq, n_eq)?;
    let m = mass::mass(&mesh, &rho, &eq, n_eq)?;
    let omega_b = breathing_omega(max_radius(&mesh), material)?;
    // Shift below zero: K − σM is positive definite even with a rigid-body mode.
    let sigma = -(0.05 * omega_b).powi(2);
    let extra = usize::from(support == Support::Free);
    let pairs = eigen::lowest(&k, &m, (n_modes + extra).min(n_eq), sigma)?;
    let mut modes = Vec::new();
    let mut rigid = Vec::new();
    for ((lambda, phi), res) in pairs
        .values
        .iter()
        .zip(&pairs.vectors)
        .zip(&pairs.residuals)
    {
        let omega = lambda.max(0.0).sqrt();
        let f = omega / (2.0 * std::f64::consts::PI);
        if omega < RIGID_BODY_FRACTION * omega_b {
            rigid.push(RigidBodyMode {
                kind: "axial translation",
                frequency_hz: f,
            });
        } else if modes.len() < n_modes {
            modes.push(Mode {
                frequency_hz: f,
                residual: *res,
                shape: expand(&mesh, &eq, phi),
            });
        }
    }
    Ok(ModalSolution {
        support,
        material: *material,
        modes,
        rigid_body_modes: rigid,
        breathing_reference_hz: omega_b / (2.0 * std::f64::consts::PI),
        mesh,
    })
}
