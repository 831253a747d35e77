//! JUnit XML, the format CI servers read (GitLab, Jenkins, GitHub actions
//! that publish test reports): `<testsuites>` with one `<testsuite>` per
//! file and one `<testcase>` per scenario (`classname` is the contract);
//! a mismatch is a `<failure>` whose text lists expected and actual
//! values, a scenario that could not run is an `<error>`. Times are 0: the
//! report must not change from one run to the next.

use super::place;
use crate::scenario::Outcome;
use crate::source::SourceMap;
use std::collections::BTreeMap;

pub fn report(outcomes: &[Outcome], map: &SourceMap) -> String {
    let mut files: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in outcomes {
        files.entry(place(map, o.span).0).or_default().push(o);
    }
    let failures = outcomes
        .iter()
        .filter(|o| o.erreur.is_none() && !o.passed())
        .count();
    let errors = outcomes.iter().filter(|o| o.erreur.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"pacte test\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" time=\"0\">\n",
        outcomes.len()
    ));
    for (file, list) in &files {
        suite(&mut out, file, list, map);
    }
    out.push_str("</testsuites>\n");
    out
}

fn suite(out: &mut String, file: &str, list: &[&Outcome], map: &SourceMap) {
    let failures = list
        .iter()
        .filter(|o| o.erreur.is_none() && !o.passed())
        .count();
    let errors = list.iter().filter(|o| o.erreur.is_some()).count();
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"0\">\n",
        escape(file),
        list.len()
    ));
    for o in list {
        let (_, line) = place(map, o.span);
        let classname = o.contrat.as_deref().unwrap_or("");
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{line}\" time=\"0\"",
            escape(&o.nom),
            escape(classname),
            escape(file)
        ));
        if o.passed() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(e) = &o.erreur {
            out.push_str(&format!(
                "      <error message=\"{}\" type=\"erreur\"/>\n",
                escape(e)
            ));
        }
        let failed: Vec<String> = o
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| format!("{} : attendu {}, obtenu {}", c.what, c.expected, c.actual))
            .collect();
        if let Some(first) = failed.first() {
            out.push_str(&format!(
                "      <failure message=\"{}\" type=\"attendu\">{}</failure>\n",
                escape(first),
                escape(&failed.join("\n"))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// Escapes text for XML attributes and content; characters XML 1.0 does
/// not allow are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
