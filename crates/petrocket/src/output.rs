//! Output writers: `summary.json` and the human-readable terminal summary.

use crate::error::{PipelineError, Result};
use crate::pipeline::Assessment;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// File name of the run summary inside the output folder.
pub const SUMMARY_FILE: &str = "summary.json";

/// Write `DIR/summary.json` (pretty JSON, trailing newline) atomically and return its path.
pub fn write_summary(assessment: &Assessment, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|source| PipelineError::Write {
        path: dir.display().to_string(),
        source,
    })?;
    let path = dir.join(SUMMARY_FILE);
    let mut text = serde_json::to_string_pretty(assessment).expect("assessment serialises");
    text.push('\n');
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Write `bytes` to `path` atomically: into a new temporary file in the same folder (created
/// exclusively, never following a link), flushed to disk, then renamed over `path`. A reader
/// sees the old file or the new one, never a partial one; a killed run leaves at most a
/// `.<name>.tmp-*` file. `rename` replaces a symbolic link at `path` itself and never writes
/// through it. (The standard library suffices here; the `tempfile` crate would add a
/// dependency tree for these lines.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let write_err = |source| PipelineError::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.tmp-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(write_err(e)),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_err(e));
    }
    Ok(())
}

/// Remove a previous run's `DIR/summary.json` (the file or link itself, never its target), so
/// a failed run cannot leave an earlier verdict behind. Returns whether one was removed.
pub fn remove_stale_summary(dir: &Path) -> Result<bool> {
    let path = dir.join(SUMMARY_FILE);
    match std::fs::symlink_metadata(&path) {
        Ok(_) => std::fs::remove_file(&path)
            .map(|()| true)
            .map_err(|source| PipelineError::Write {
                path: path.display().to_string(),
                source,
            }),
        Err(_) => Ok(false),
    }
}

fn bar(pa: f64) -> String {
    format!("{:.2} bar", pa / 1e5)
}

/// A readable multi-line summary for the terminal.
pub fn human_summary(a: &Assessment) -> String {
    let r = &a.results;
    let i = &a.inputs;
    let mut s = String::new();
    let _ = writeln!(s, "PET Rocket Simulator {} — assessment", a.tool.version);
    let _ = writeln!(
        s,
        "bottle     {} D = {:.1} mm, wall {:.3} mm, V = {:.3} L, {} (strength {:.0} MPa)",
        i.bottle.preset.as_deref().unwrap_or("custom"),
        i.bottle.outer_diameter_m * 1e3,
        i.bottle.wall_thickness_m * 1e3,
        i.bottle.volume_m3 * 1e3,
        i.bottle.material,
        i.bottle.wall_strength_Pa / 1e6
    );
    let comp: Vec<String> = i
        .mixture
        .mole_fractions
        .iter()
        .map(|(k, v)| format!("{k} {:.1} %", 100.0 * v))
        .collect();
    let _ = writeln!(
        s,
        "charge     {} at {} abs, {:.1} K ({})",
        comp.join(", "),
        bar(i.initial.pressure_Pa),
        i.initial.temperature_K,
        i.mixture.mechanism
    );
    let _ = writeln!(
        s,
        "AICC       {} abs ({:.2} x initial), {:.0} K",
        bar(r.aicc.pressure_Pa),
        r.aicc.pressure_ratio,
        r.aicc.temperature_K
    );
    let _ = writeln!(
        s,
        "burst      {} gauge (sidewall, quasi-static)",
        bar(r.burst_pressure_gauge_Pa)
    );
    for m in &r.modes {
        let sf = &m.safety_factor_text;
        let _ = writeln!(
            s,
            "mode       {:<20} {} load {} gauge, SF {sf}  [{}]",
            m.mode,
            if m.considered {
                "considered    "
            } else {
                "not considered"
            },
            bar(m.load_gauge_Pa),
            m.basis
        );
    }
    let sf = &r.min_safety_factor_text;
    let _ = writeln!(
        s,
        "VERDICT    {} (governing: {}, safety factor {sf}; safe >= {}, unsafe < {})",
        r.verdict.to_string().to_uppercase(),
        r.governing_mode,
        i.safety.safe_factor,
        i.safety.unsafe_factor
    );
    if let Some(loc) = &r.failure_location {
        let _ = writeln!(s, "failure    {loc}");
    }
    for w in &a.warnings {
        let _ = writeln!(s, "warning    {w}");
    }
    let _ = writeln!(s, "assumptions:");
    for x in &a.assumptions {
        let _ = writeln!(s, "  - {x}");
    }
    s
}
