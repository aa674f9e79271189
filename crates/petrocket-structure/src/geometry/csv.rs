//! Profile CSV: header `z_m,r_m,t_m` (or `z_m,r_m,t_m,material`, see
//! [`crate::geometry`]'s material regions), one row per line, `#` comments and blank lines
//! ignored.

use std::fmt::Write as _;
use std::path::Path;

use super::{Profile, ProfileRow, CSV_HEADER, MAX_PROFILE_ROWS};
use crate::error::{Result, StructureError};
use crate::limits::{read_text_limited, truncate_token, MAX_INPUT_FILE_BYTES, MAX_QUOTED_CHARS};

impl Profile {
    /// Parses a profile CSV (see the module docs of [`crate::geometry`]). `origin` names the
    /// source in error messages. Errors name the line, the field and the value — only the
    /// offending field, truncated to 40 characters, never the whole line (the file may not
    /// be a profile at all). At most [`MAX_PROFILE_ROWS`] data rows.
    pub fn from_csv_str(text: &str, origin: &str) -> Result<Profile> {
        let err = |line: usize, field: Option<&str>, value: Option<&str>, message: String| {
            StructureError::ProfileCsv {
                origin: origin.to_string(),
                line,
                field: field.map(str::to_string),
                value: value.map(|v| truncate_token(v, MAX_QUOTED_CHARS)),
                message,
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut header_seen = false;
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        let mut with_material = false;
        let mut materials: Vec<Option<String>> = Vec::new();
        for (idx, raw) in text.lines().enumerate() {
            let line_no = idx + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            if !header_seen {
                with_material = fields.len() == 4 && fields[3] == "material";
                if fields[..fields.len().min(3)] != CSV_HEADER
                    || (fields.len() > 3 && !with_material)
                {
                    let looks_numeric = fields.iter().any(|f| f.parse::<f64>().is_ok());
                    let hint = if looks_numeric {
                        "missing header: the first line must be `z_m,r_m,t_m`"
                    } else {
                        "the header must be exactly `z_m,r_m,t_m` (SI units: m), optionally \
                         followed by `,material`"
                    };
                    // Quote only the first field that differs from the header, and of it
                    // only the leading name-like characters (the file may be anything).
                    let expected = ["z_m", "r_m", "t_m", "material"];
                    let bad = fields
                        .iter()
                        .zip(expected)
                        .find(|(f, e)| *f != e)
                        .map_or(fields[0], |(f, _)| *f);
                    let name_like = bad
                        .char_indices()
                        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "_-.+ ".contains(*c)))
                        .map_or(bad.to_string(), |(i, _)| format!("{}…", &bad[..i]));
                    return Err(err(line_no, None, Some(&name_like), hint.to_string()));
                }
                header_seen = true;
                continue;
            }
            let expected = if with_material { 3..=4 } else { 3..=3 };
            if !expected.contains(&fields.len()) {
                return Err(err(
                    line_no,
                    None,
                    None,
                    if with_material {
                        format!(
                            "expected 3 or 4 fields (z_m,r_m,t_m[,material]), found {}",
                            fields.len()
                        )
                    } else {
                        format!("expected 3 fields (z_m,r_m,t_m), found {}", fields.len())
                    },
                ));
            }
            if rows.len() >= MAX_PROFILE_ROWS {
                return Err(StructureError::LimitExceeded {
                    quantity: format!("bottle profile {origin}, line {line_no}: rows"),
                    value: format!("more than {MAX_PROFILE_ROWS}"),
                    limit: format!("{MAX_PROFILE_ROWS} rows"),
                    hint: "thin the profile (a smooth bottle needs a few hundred rows at most)"
                        .into(),
                });
            }
            if with_material {
                materials.push(fields.get(3).map(|m| m.to_string()));
            }
            let mut v = [0.0; 3];
            for (k, (name, text)) in CSV_HEADER.iter().zip(&fields[..3]).enumerate() {
                let x: f64 = text.parse().map_err(|_| {
                    err(
                        line_no,
                        Some(name),
                        Some(text),
                        "not a number (plain SI value in m expected, e.g. 0.0523)".into(),
                    )
                })?;
                if !x.is_finite() {
                    return Err(err(
                        line_no,
                        Some(name),
                        Some(text),
                        "not a finite number".into(),
                    ));
                }
                v[k] = x;
            }
            if v[1] < 0.0 {
                return Err(err(
                    line_no,
                    Some("r_m"),
                    Some(fields[1]),
                    "the radius must be ≥ 0".into(),
                ));
            }
            if v[2] <= 0.0 {
                return Err(err(
                    line_no,
                    Some("t_m"),
                    Some(fields[2]),
                    "the wall thickness must be > 0".into(),
                ));
            }
            rows.push(ProfileRow::new(v[0], v[1], v[2]));
            lines.push(line_no);
        }
        if !header_seen {
            return Err(err(
                1,
                None,
                None,
                "empty file: expected the header `z_m,r_m,t_m` and rows".into(),
            ));
        }
        Profile::with_lines(rows, origin.to_string(), Some(&lines))?.with_materials(materials)
    }

    /// Reads and validates a profile CSV file of at most
    /// [`MAX_INPUT_FILE_BYTES`] (8 MiB; read through
    /// `Read::take`, so `/dev/zero` or an endless FIFO stops at the limit).
    pub fn load_csv(path: impl AsRef<Path>) -> Result<Profile> {
        let path = path.as_ref();
        let text = read_text_limited(path, "profile CSV", MAX_INPUT_FILE_BYTES)?;
        Self::from_csv_str(&text, &path.display().to_string())
    }

    /// The profile as CSV text (header `z_m,r_m,t_m`, values that round-trip exactly; with
    /// a 4th column `material` when the profile names materials), preceded by `#` comment
    /// lines from `comments`.
    pub fn to_csv_string(&self, comments: &[&str]) -> String {
        let mut s = String::new();
        for c in comments {
            for line in c.lines() {
                let _ = writeln!(s, "# {line}");
            }
        }
        let mats = self.row_materials();
        if mats.is_empty() {
            let _ = writeln!(s, "{}", CSV_HEADER.join(","));
        } else {
            let _ = writeln!(s, "{},material", CSV_HEADER.join(","));
        }
        for (i, r) in self.rows.iter().enumerate() {
            let _ = write!(s, "{},{},{}", r.z_m, r.r_m, r.t_m);
            if let Some(m) = mats.get(i) {
                let _ = write!(s, ",{}", m.as_deref().unwrap_or(""));
            }
            s.push('\n');
        }
        s
    }

    /// Writes the profile as CSV (see [`Self::to_csv_string`]).
    pub fn write_csv(&self, path: impl AsRef<Path>, comments: &[&str]) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_csv_string(comments)).map_err(|source| StructureError::Write {
            path: path.to_path_buf(),
            source,
        })
    }
}
