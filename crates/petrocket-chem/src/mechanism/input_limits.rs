//! Bounds on mechanism input, checked before a YAML tree is built.
//!
//! A mechanism file is user input: a file of the wrong kind (`/dev/zero`, a FIFO, a binary),
//! a YAML "billion laughs" alias bomb or thousands of nested brackets must be refused with a
//! typed input error ([`ChemError::InputLimit`]), never exhaust memory or the stack. The
//! limits:
//!
//! | limit | value | why |
//! |---|---|---|
//! | file size | [`MAX_MECHANISM_BYTES`] = 16 MiB | the largest bundled/test mechanism (Alzueta 2023) is 0.1 MB, GRI-Mech 3.0 0.07 MB |
//! | YAML nesting depth | [`MAX_YAML_DEPTH`] = 64 | a Cantera mechanism nests at most ≈ 6 levels; yaml-rust2's loader recurses once per level |
//! | YAML nodes after alias expansion | [`MAX_YAML_NODES`] = 4,000,000 | GRI-Mech 3.0 (68 kB) has ≈ 7,600 nodes, so a realistic 16 MiB mechanism ≈ 1.9 million; bounds the tree at ≈ 400 MB |
//!
//! The depth and node limits are checked on yaml-rust2's event stream (its `Parser` is an
//! iterative state machine), so nothing deeper or larger than the limits is ever built. The
//! node count includes every copy the loader makes: one per alias (the aliased subtree, as
//! expanded) and one per anchored node (the loader keeps a copy of each anchor).

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

use crate::error::{ChemError, Result};

/// Largest mechanism accepted, in bytes of YAML text (16 MiB), from a file or a string.
pub const MAX_MECHANISM_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting of YAML sequences and mappings accepted.
pub const MAX_YAML_DEPTH: usize = 64;

/// Most YAML nodes accepted after alias expansion, counting the loader's anchor copies.
pub const MAX_YAML_NODES: u64 = 4_000_000;

/// At most this many characters of a user-supplied token are quoted in an error message.
pub(crate) const MAX_QUOTED_CHARS: usize = 60;

/// `s` cut to [`MAX_QUOTED_CHARS`] characters (with `…` when cut) and control characters
/// replaced, for quoting a token of a user file in an error message.
pub(crate) fn clip(s: &str) -> String {
    clip_to(s, MAX_QUOTED_CHARS)
}

/// `s` cut to `n` characters (with `…` when cut), control characters replaced: for messages
/// of other crates that quote user text.
pub(crate) fn clip_to(s: &str, n: usize) -> String {
    let mut out: String = s
        .chars()
        .take(n)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

fn limit_err(file: &str, limit: &'static str, message: String) -> ChemError {
    ChemError::InputLimit {
        file: file.to_string(),
        limit,
        message,
    }
}

/// Read at most [`MAX_MECHANISM_BYTES`] of UTF-8 text from `path`: a larger file, or an
/// endless stream such as `/dev/zero`, stops at the limit and is refused.
pub(crate) fn read_mechanism_file(path: &std::path::Path) -> Result<String> {
    use petrocket_units::input_file::{read_text_limited, ReadLimitedError as E};
    let label = path.display().to_string();
    read_text_limited(path, MAX_MECHANISM_BYTES).map_err(|e| match e {
        E::Io { source, .. } => ChemError::Io {
            path: label.clone(),
            source,
        },
        E::TooLarge { .. } => limit_err(
            &label,
            "file size",
            format!(
                "mechanism file is larger than the {} MiB limit",
                MAX_MECHANISM_BYTES >> 20
            ),
        ),
        E::NotUtf8 { offset, .. } => ChemError::YamlSyntax {
            file: label.clone(),
            message: format!(
                "not UTF-8 text (invalid byte at offset {offset}): is this a Cantera YAML file?"
            ),
        },
    })
}

/// Check `text` against the size, depth and expansion limits before a tree is built.
/// Syntax errors found on the way are reported as [`ChemError::YamlSyntax`].
pub(crate) fn check_yaml(text: &str, label: &str) -> Result<()> {
    if text.len() as u64 > MAX_MECHANISM_BYTES {
        return Err(limit_err(
            label,
            "file size",
            format!(
                "mechanism text is larger than the {} MiB limit",
                MAX_MECHANISM_BYTES >> 20
            ),
        ));
    }
    let mut parser = Parser::new_from_str(text);
    // Nodes of the expanded trees, and copies the loader keeps of anchored nodes.
    let mut tree: u64 = 0;
    let mut copies: u64 = 0;
    // Open containers: (value of `tree` at their start, anchor id).
    let mut open: Vec<(u64, usize)> = Vec::new();
    // Expanded size of each anchored node, by anchor id.
    let mut anchor_size: HashMap<usize, u64> = HashMap::new();
    let mut aliases = false;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| ChemError::YamlSyntax {
            file: label.to_string(),
            message: syntax_message(&e),
        })?;
        match event {
            Event::StreamEnd => return Ok(()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_YAML_DEPTH {
                    return Err(limit_err(
                        label,
                        "YAML nesting depth",
                        format!(
                            "YAML nesting deeper than {MAX_YAML_DEPTH} levels at line {} \
                             (a Cantera mechanism needs fewer than 10)",
                            mark.line()
                        ),
                    ));
                }
                open.push((tree, anchor));
                tree += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((start, anchor)) = open.pop() {
                    if anchor > 0 {
                        let size = tree - start;
                        anchor_size.insert(anchor, size);
                        copies += size;
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                tree += 1;
                if anchor > 0 {
                    anchor_size.insert(anchor, 1);
                    copies += 1;
                }
            }
            Event::Alias(id) => {
                // An alias to an anchor still open (a cycle) expands to nothing in the loader.
                tree += anchor_size.get(&id).copied().unwrap_or(1);
                aliases = true;
            }
            _ => {}
        }
        if tree.saturating_add(copies) > MAX_YAML_NODES {
            return Err(if aliases || copies > 0 {
                limit_err(
                    label,
                    "YAML alias expansion",
                    format!(
                        "YAML alias expansion exceeds {MAX_YAML_NODES} nodes at line {} \
                         (aliases `*name` copy what `&name` marks; a mechanism needs far fewer)",
                        mark.line()
                    ),
                )
            } else {
                limit_err(
                    label,
                    "YAML node count",
                    format!(
                        "YAML document exceeds {MAX_YAML_NODES} nodes at line {} (GRI-Mech 3.0 \
                         has about 8,000)",
                        mark.line()
                    ),
                )
            });
        }
    }
}

/// A yaml-rust2 scan error as a message with its position, quoting at most a short token.
pub(crate) fn syntax_message(e: &yaml_rust2::ScanError) -> String {
    let m = e.marker();
    format!(
        "{} at line {} column {}",
        clip_to(e.info(), 3 * MAX_QUOTED_CHARS),
        m.line(),
        m.col() + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_long_tokens_and_control_characters() {
        assert_eq!(clip("H2O"), "H2O");
        let long = "x".repeat(500);
        let c = clip(&long);
        assert_eq!(c.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(c.ends_with('…'));
        assert_eq!(clip("a\nb"), "a b");
    }

    #[test]
    fn counts_alias_expansion_and_anchor_copies() {
        // Each level doubles: 2^k nodes at level k.
        let mut text = String::from("a0: &a0 [x, x]\n");
        for k in 1..30 {
            text.push_str(&format!("a{k}: &a{k} [*a{}, *a{}]\n", k - 1, k - 1));
        }
        let e = check_yaml(&text, "bomb").unwrap_err();
        assert!(e.to_string().contains("alias expansion exceeds"), "{e}");
        // A few levels are fine.
        let small: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
        check_yaml(&small, "small").unwrap();
    }

    #[test]
    fn depth_is_bounded_for_flow_and_block_nesting() {
        // (yaml-rust2's scanner itself stops flow nesting at 255 levels.)
        let flow = "[".repeat(200);
        let e = check_yaml(&flow, "flow").unwrap_err();
        assert!(e.to_string().contains("nesting deeper than 64"), "{e}");
        let deep_flow = "[".repeat(100_000);
        assert!(check_yaml(&deep_flow, "flow").is_err());
        let dashes = "- ".repeat(100_000);
        let e = check_yaml(&dashes, "dashes").unwrap_err();
        assert!(e.to_string().contains("nesting deeper than 64"), "{e}");
        let mut block = String::new();
        for i in 0..100 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        let e = check_yaml(&block, "block").unwrap_err();
        assert!(e.to_string().contains("nesting deeper than 64"), "{e}");
        let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
        check_yaml(&ok, "ok").unwrap();
    }
}
