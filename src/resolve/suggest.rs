//! « vouliez-vous dire … » : the closest known name to a misspelt one.
//! An exact match modulo case and accents wins; otherwise Jaro–Winkler
//! similarity over a threshold.

/// Lower case without accents, for comparing names as a user would.
pub fn fold(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Names longer than this (in bytes) get no suggestion: comparing them
/// costs time and no real name is that long.
pub const MAX_SUGGEST_LEN: usize = 100;

/// The candidate closest to `wanted`, if it is close enough to suggest.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wanted.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let folded = fold(wanted);
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate.len() > MAX_SUGGEST_LEN {
            continue;
        }
        let other = fold(candidate);
        if other == folded {
            return Some(candidate);
        }
        let score = similarity(&folded, &other);
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[allow(clippy::float_arithmetic)] // a similarity score, not money
fn similarity(a: &str, b: &str) -> f64 {
    let jw = strsim::jaro_winkler(a, b);
    let lev = strsim::levenshtein(a, b);
    if lev <= 2 && a.len() > 3 {
        jw.max(0.9)
    } else {
        jw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_suggestion_for_over_long_names() {
        let long = "marge_brute_hors_aides".repeat(10);
        assert_eq!(closest(&long, [long.as_str()]), None);
    }

    #[test]
    fn suggests_close_names() {
        let names = ["marge_brute_hors_aides", "marge_brute_aidée", "caf"];
        assert_eq!(
            closest("marge_brut_hors_aides", names),
            Some("marge_brute_hors_aides")
        );
        assert_eq!(
            closest("marge_brute_aidee", names),
            Some("marge_brute_aidée")
        );
        assert_eq!(closest("tout_autre_chose", names), None);
    }
}
