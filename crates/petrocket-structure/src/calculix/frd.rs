//! Reader of CalculiX's ASCII result file (`.frd`): nodal displacements (`DISP`) and
//! stresses (`STRESS`) of the last step.
//!
//! Data lines are fixed-width: ` -1`, the node number in 10 columns, then one 12-column
//! field per component (values may touch: `1.0E+00-2.0E+00`).

use std::path::Path;

use crate::error::{Result, StructureError};

/// Nodal results read from a `.frd` file, indexed by node number − 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrdResults {
    /// Displacements `(D1, D2)` = `(u_r, u_z)` for axisymmetric models, m.
    pub displacements: Vec<Option<[f64; 2]>>,
    /// Stresses `(SXX, SYY, SZZ, SXY)` = `(σ_r, σ_z, σ_θ, τ_rz)` for axisymmetric models, Pa.
    pub stresses: Vec<Option<[f64; 4]>>,
    /// The CalculiX version named in the header, if any.
    pub version: Option<String>,
}

/// Parses `.frd` text; `path` is only used in messages.
pub fn parse_frd(text: &str, path: &Path) -> Result<FrdResults> {
    let err = |line: usize, message: String| StructureError::CalculixResults {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut out = FrdResults::default();
    #[derive(PartialEq)]
    enum Block {
        None,
        Disp,
        Stress,
        Other,
    }
    let mut block = Block::None;
    let mut disp = Vec::new();
    let mut stress = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        let no = idx + 1;
        if let Some(rest) = line.strip_prefix("    1UVERSION") {
            out.version = Some(rest.trim().to_string());
        }
        if line.starts_with(" -4") {
            let name = line
                .get(3..)
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("");
            block = match name {
                "DISP" => {
                    disp.clear();
                    Block::Disp
                }
                "STRESS" => {
                    stress.clear();
                    Block::Stress
                }
                _ => Block::Other,
            };
            continue;
        }
        if line.starts_with(" -3") {
            block = Block::None;
            continue;
        }
        if !line.starts_with(" -1") || !(block == Block::Disp || block == Block::Stress) {
            continue;
        }
        let node: usize = line
            .get(3..13)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| err(no, format!("bad node number in `{line}`")))?;
        let ncomp = if block == Block::Disp { 2 } else { 4 };
        let mut v = [0.0; 4];
        for (k, x) in v.iter_mut().enumerate().take(ncomp) {
            let field = line
                .get(13 + 12 * k..25 + 12 * k)
                .ok_or_else(|| err(no, format!("line too short for component {}", k + 1)))?;
            let value: f64 = field
                .trim()
                .parse()
                .map_err(|_| err(no, format!("bad number `{field}`")))?;
            *x = value;
            if !value.is_finite() {
                return Err(err(no, format!("non-finite value `{field}`")));
            }
        }
        if node == 0 {
            return Err(err(no, "node number 0".into()));
        }
        if block == Block::Disp {
            disp.push((node, [v[0], v[1]]));
        } else {
            stress.push((node, v));
        }
    }
    if disp.is_empty() || stress.is_empty() {
        return Err(err(
            0,
            "no DISP or STRESS block: was the deck written with *NODE FILE U and *EL FILE S?"
                .into(),
        ));
    }
    let n = disp
        .iter()
        .map(|x| x.0)
        .chain(stress.iter().map(|x| x.0))
        .max()
        .unwrap_or(0);
    out.displacements = vec![None; n];
    out.stresses = vec![None; n];
    for (node, d) in disp {
        out.displacements[node - 1] = Some(d);
    }
    for (node, s) in stress {
        out.stresses[node - 1] = Some(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_touching_fields_and_last_blocks() {
        let text = [
            "    1UVERSION           Version 2.20                             ",
            "    2C                             2                                     1",
            " -1         1 1.00000E+00 0.00000E+00 0.00000E+00",
            " -3",
            "  100CL  101 1.000000000           2                     0    1           1",
            " -4  DISP        4    1",
            " -5  D1          1    2    1    0",
            " -1         1 8.52587E-04 0.00000E+00 5.22059E-20",
            " -1         2 8.52579E-04-2.55790E-04 5.22054E-20",
            " -3",
            " -4  STRESS      6    1",
            " -1         1 4.46240E+03 1.90575E+03 8.54549E+05 2.69361E+00 1.63494E-10 3.71189E-09",
            " -1         2-9.50554E+04 2.02560E+03 9.54477E+05-6.31075E+01-1.07949E-09-2.14610E-09",
            " -3",
        ]
        .join("\n");
        let text = text.as_str();
        let r = parse_frd(text, Path::new("x.frd")).unwrap();
        assert_eq!(r.version.as_deref(), Some("Version 2.20"));
        let close = |a: &[f64], b: &[f64]| {
            a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-12 * y.abs())
        };
        assert!(close(
            &r.displacements[1].unwrap(),
            &[8.52579E-04, -2.55790E-04]
        ));
        assert!(close(
            &r.stresses[1].unwrap(),
            &[-9.50554E+04, 2.02560E+03, 9.54477E+05, -6.31075E+01]
        ));
        let bad = text.replace("8.52587E-04", "8.5258xE-04");
        let e = parse_frd(&bad, Path::new("x.frd")).unwrap_err().to_string();
        assert!(e.contains("line 8") && e.contains("bad number"), "{e}");
        assert!(parse_frd("", Path::new("x.frd")).is_err());
    }
}
