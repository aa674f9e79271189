//! "Did you mean …?" for every name a user types: config keys, species, materials, presets,
//! units. One metric for the whole project, so that the same typo gets the same kind of hint
//! everywhere (issue #21: there were four helpers with three distance metrics).
//!
//! The metric is the optimal-string-alignment (Damerau–Levenshtein) distance of `strsim`,
//! case-insensitive, normalised by the longer name into a similarity in [0, 1]; a candidate is
//! suggested when its similarity is at least [`MIN_SIMILARITY`]. Ties go to the candidate whose
//! case-sensitive distance is smaller (`"mpa"` → `"MPa"`), then to the earlier candidate.

/// Smallest similarity (1 − distance / longer length) for a suggestion: one edit in a
/// two-letter name (`H3` → `H2`), two in a four-letter one (`presure` → `pressure` is one).
pub const MIN_SIMILARITY: f64 = 0.5;

/// Similarity in [0, 1] of two names, ignoring case.
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// Candidates ranked by similarity to `name` (best first; ties as in the module docs).
pub fn ranked<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            (
                similarity(name, c),
                strsim::damerau_levenshtein(name, c),
                i,
                c,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().map(|(.., c)| c).collect()
}

/// The candidate closest to `name`, if it is similar enough ([`MIN_SIMILARITY`]).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    ranked(name, candidates)
        .into_iter()
        .next()
        .filter(|c| similarity(name, c) >= MIN_SIMILARITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_case_slips_and_nothing_close() {
        let keys = ["pressure", "temperature", "ambient_pressure"];
        assert_eq!(closest("presure", keys), Some("pressure"));
        assert_eq!(closest("TEMPERATURE", keys), Some("temperature"));
        assert_eq!(closest("xyz", keys), None);
        assert_eq!(closest("H3", ["H2", "O2", "H2O"]), Some("H2"));
        assert_eq!(
            closest("pet-orientd", ["pet-oriented", "hdpe"]),
            Some("pet-oriented")
        );
        assert_eq!(closest("titanium", ["pet-oriented", "hdpe"]), None);
        // Case decides between equally similar candidates.
        assert_eq!(closest("mpa", ["mPa", "MPa"]), Some("mPa"));
        assert_eq!(closest("MPA", ["mPa", "MPa"]), Some("MPa"));
    }

    #[test]
    fn ranking_is_total_and_stable() {
        let r = ranked("h2", ["O2", "H2", "H2O", "N2"]);
        assert_eq!(r[0], "H2");
        assert_eq!(r.len(), 4);
    }
}
