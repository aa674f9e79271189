//! CalculiX interop: export the FEM model as a CalculiX deck, run `ccx` when it is
//! installed, and read its nodal results back.
//!
//! The deck ([`write_deck`]) holds exactly the native model: the same `CAX8` mesh (node and
//! element numbers are the native ones plus one), the same material, the supports (`u_r = 0`
//! on the axis, `u_z = 0` at the base-pole mid-surface node) and the loads (`*DLOAD` face
//! pressure on the inner surface, and a negative face pressure — a pull — on the neck's top
//! edge for the cap). [`solve_calculix`] runs `ccx` in a scratch directory, reads the `.frd`
//! nodal displacements and stresses (CalculiX extrapolates and averages them at the nodes as
//! the native solver does), and post-processes them with the native code into the same
//! [`StaticSolution`], so the two engines can be compared line by line.
//!
//! The program is `ccx` on PATH, or the path in the environment variable `PETROCKET_CCX`.
//! Debian and Ubuntu package it as `calculix-ccx`.

mod deck;
mod frd;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub use deck::{write_deck, NSET_AXIS, NSET_FIXZ};
pub use frd::{parse_frd, FrdResults};

use crate::error::{gauge_pressure, Result, StructureError};
use crate::fem::{ElasticMaterial, Engine, Mesh, StaticSolution};

/// Environment variable that overrides the CalculiX program.
pub const CCX_ENV: &str = "PETROCKET_CCX";

/// The CalculiX program to run: `$PETROCKET_CCX` if set, else `ccx`.
pub fn ccx_program() -> String {
    std::env::var(CCX_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "ccx".to_string())
}

/// The full path of the CalculiX program if it can be found (a path that exists, or a name
/// on PATH).
pub fn find_ccx() -> Option<PathBuf> {
    let prog = ccx_program();
    let p = Path::new(&prog);
    if p.components().count() > 1 {
        return p.is_file().then(|| p.to_path_buf());
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(&prog))
            .find(|c| c.is_file())
    })
}

/// A CalculiX run: the solution and what it cost.
#[derive(Debug, Clone)]
pub struct CalculixRun {
    /// The solution, post-processed like the native one.
    pub solution: StaticSolution,
    /// Wall-clock time of the `ccx` process, s.
    pub ccx_wall_time_s: f64,
    /// CalculiX version from the result header, if any.
    pub version: Option<String>,
}

static RUN_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Writes the deck of `mesh` to a scratch directory, runs CalculiX, reads the results back.
/// The scratch directory is removed afterwards unless the run fails (then the error names
/// it).
pub fn solve_calculix(
    mesh: Mesh,
    material: &ElasticMaterial,
    p_gauge_pa: f64,
    title: &str,
) -> Result<CalculixRun> {
    let p = gauge_pressure(p_gauge_pa)?;
    let program = find_ccx().ok_or_else(|| StructureError::CalculixUnavailable {
        program: ccx_program(),
        message: "not found on PATH".into(),
    })?;
    let dir = std::env::temp_dir().join(format!(
        "petrocket-ccx-{}-{}",
        std::process::id(),
        RUN_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let io_err = |path: &Path, source| StructureError::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
    let inp = dir.join("wall.inp");
    std::fs::write(&inp, write_deck(&mesh, material, p, title)).map_err(|e| io_err(&inp, e))?;
    let start = Instant::now();
    let output = Command::new(&program)
        .arg("-i")
        .arg("wall")
        .current_dir(&dir)
        .env("OMP_NUM_THREADS", "1")
        .output()
        .map_err(|e| StructureError::CalculixUnavailable {
            program: program.display().to_string(),
            message: e.to_string(),
        })?;
    let wall = start.elapsed().as_secs_f64();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let frd_path = dir.join("wall.frd");
    let failed = !output.status.success() || text.contains("*ERROR") || !frd_path.is_file();
    if failed {
        let tail: Vec<&str> = text.lines().rev().take(12).collect();
        return Err(StructureError::CalculixFailed {
            status: output.status.to_string(),
            dir,
            output_tail: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        });
    }
    let frd_text = std::fs::read_to_string(&frd_path).map_err(|source| StructureError::Io {
        path: frd_path.clone(),
        source,
    })?;
    let res = parse_frd(&frd_text, &frd_path)?;
    let n = mesh.nodes.len();
    let missing = |what: &str, node: usize| StructureError::CalculixResults {
        path: frd_path.clone(),
        line: 0,
        message: format!("no {what} for node {node} (the deck has {n} nodes)"),
    };
    let mut u = Vec::with_capacity(n);
    let mut s = Vec::with_capacity(n);
    for i in 0..n {
        u.push(
            res.displacements
                .get(i)
                .copied()
                .flatten()
                .ok_or_else(|| missing("displacement", i + 1))?,
        );
        s.push(
            res.stresses
                .get(i)
                .copied()
                .flatten()
                .ok_or_else(|| missing("stress", i + 1))?,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let solution = StaticSolution::from_nodal(Engine::Calculix, mesh, *material, p, u, s, None)?;
    Ok(CalculixRun {
        solution,
        ccx_wall_time_s: wall,
        version: res.version,
    })
}
