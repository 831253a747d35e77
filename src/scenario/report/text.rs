//! The text report: one line per scenario (« réussi » or « ÉCHEC »), and
//! under each failure every expectation that differs, with the expected
//! value, the actual one and how it was computed; then the totals and,
//! with `--couverture`, the coverage tables.

use super::{place, totals};
use crate::eval::report::step_line;
use crate::eval::Derivation;
use crate::scenario::coverage::{Atteinte, Coverage, Tally};
use crate::scenario::Outcome;
use crate::source::SourceMap;

pub fn report(outcomes: &[Outcome], coverage: Option<&Coverage>, map: &SourceMap) -> String {
    let mut out = String::new();
    for o in outcomes {
        scenario(&mut out, o, map);
    }
    let t = totals(outcomes);
    out.push_str(&format!(
        "\n{} scénario(s) : {} réussi(s), {} échoué(s)\n",
        t.scenarios, t.reussis, t.echoues
    ));
    if let Some(c) = coverage {
        out.push('\n');
        out.push_str(&couverture(c));
    }
    out
}

fn scenario(out: &mut String, o: &Outcome, map: &SourceMap) {
    let (file, line) = place(map, o.span);
    let subject = match (&o.contrat, o.exercice) {
        (Some(c), Some(y)) => format!(" ({c}, exercice {y})"),
        (Some(c), None) => format!(" ({c})"),
        _ => String::new(),
    };
    let status = if o.passed() { "réussi" } else { "ÉCHEC " };
    out.push_str(&format!(
        "{status} « {} »{subject} [{file}:{line}]\n",
        o.nom
    ));
    if let Some(e) = &o.erreur {
        out.push_str(&format!("    n'a pas pu être exécuté : {e}\n"));
    }
    for c in o.checks.iter().filter(|c| !c.passed) {
        let (_, cline) = place(map, c.span);
        out.push_str(&format!("    {} (ligne {cline})\n", c.what));
        out.push_str(&format!("      attendu : {}\n", c.expected));
        out.push_str(&format!("      obtenu  : {}\n", c.actual));
        if let Some(d) = &c.derivation {
            out.push_str("      calcul :\n");
            tree(out, d, map, 4);
        }
    }
}

/// A derivation as an indented tree, one step per line.
fn tree(out: &mut String, d: &Derivation, map: &SourceMap, depth: usize) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(&step_line(d, map));
    out.push('\n');
    for input in &d.inputs {
        tree(out, input, map, depth + 1);
    }
}

/// `réussis échoués` columns, or dashes when nothing exercised it.
fn cells(t: &Tally) -> String {
    if t.total() == 0 {
        format!("{:>7} {:>7}", "—", "—")
    } else {
        format!("{:>7} {:>7}", t.reussis, t.echoues)
    }
}

/// The coverage tables.
pub fn couverture(c: &Coverage) -> String {
    let mut out = String::from(
        "Couverture

Clauses des cadres et des enveloppes
",
    );
    out.push_str(&format!("  {:>7} {:>7}  clause\n", "réussis", "échoués"));
    for k in &c.clauses {
        let code = k.code.map(|c| format!(" [{c}]")).unwrap_or_default();
        out.push_str(&format!(
            "  {}  {} : {}{code}\n",
            cells(&k.tally),
            k.owner,
            k.clause
        ));
    }
    let exercised = c.clauses.iter().filter(|k| k.tally.total() > 0).count();
    out.push_str(&format!(
        "  {exercised} clause(s) exercée(s) sur {}\n",
        c.clauses.len()
    ));
    out.push_str("\nCodes de diagnostic (scénarios, puis fixtures)\n");
    out.push_str(&format!(
        "  {:>7} {:>7}  {:>7} {:>7}  code\n",
        "réussis", "échoués", "réussis", "échoués"
    ));
    for k in &c.codes {
        out.push_str(&format!(
            "  {}  {}  {} {}\n",
            cells(&k.scenarios),
            cells(&k.fixtures),
            k.code,
            k.code.title()
        ));
    }
    let exercised = c
        .codes
        .iter()
        .filter(|k| k.scenarios.total() + k.fixtures.total() > 0)
        .count();
    out.push_str(&format!(
        "  {exercised} code(s) exercé(s) sur {}\n",
        c.codes.len()
    ));
    out.push_str("\nContrats\n");
    for k in &c.contrats {
        out.push_str(&format!("  {} : {} scénario(s)\n", k.contrat, k.scenarios));
        list(&mut out, "objectifs", &k.objectifs);
        list(&mut out, "conditions", &k.conditions);
        list(&mut out, "modulation", &k.modulation);
    }
    out
}

fn list(out: &mut String, what: &str, items: &[Atteinte]) {
    if items.is_empty() {
        return;
    }
    let reached = items.iter().filter(|a| a.atteint).count();
    let missing: Vec<&str> = items
        .iter()
        .filter(|a| !a.atteint)
        .map(|a| a.nom.as_str())
        .collect();
    out.push_str(&format!(
        "    {what} : {reached} atteint(s) sur {}",
        items.len()
    ));
    if !missing.is_empty() {
        out.push_str(&format!(" (jamais : {})", missing.join(", ")));
    }
    out.push('\n');
}
