//! The text report: per contract, a French table of objectives, the
//! conditions, the rate, the verdict and the aid decision (with `--explain`,
//! every number's derivation as an indented tree); then the regional
//! summary.

use super::table::{self, col, num};
use super::{motifs_short, pct, rate_text, score_text, step_line, Options};
use crate::eval::aid::{euros, AidDecision};
use crate::eval::derivation::Derivation;
use crate::eval::rate::ContractVerdict;
use crate::eval::{ContractEvaluation, Evaluation};
use crate::source::SourceMap;

pub fn report(e: &Evaluation, map: &SourceMap, options: Options) -> String {
    super::contracts_then_summary(e, |c| contract(e, c, map, options), summary(e))
}

pub fn contract(
    e: &Evaluation,
    c: &ContractEvaluation,
    map: &SourceMap,
    options: Options,
) -> String {
    let mut out = heading(e, c);
    if !c.has_figures {
        out.push_str(&format!(
            "   attention : aucun chiffre pour l'établissement {} dans {}\n",
            c.finess, e.figures_path
        ));
    }
    out.push('\n');
    out.push_str(&objectives(c));
    out.push_str(&conditions(c));
    out.push_str(&format!(
        "   réalisation {} : {} — {}\n",
        e.exercice,
        rate_text(c.realisation),
        c.verdict.label()
    ));
    out.push_str(&aid(c));
    out.push_str(&revue(c));
    if options.explain {
        out.push_str("\n   détail des calculs :\n");
        tree(&mut out, &c.realisation_derivation, map, 0);
        for o in &c.objectives {
            tree(&mut out, &o.derivation, map, 1);
        }
        let trees = c.conditions.iter().map(|k| &k.derivation);
        let decision = c
            .revue
            .as_ref()
            .and_then(|r| r.decision.as_ref())
            .map(|d| &d.derivation);
        for d in trees
            .chain(std::iter::once(&c.aide.derivation))
            .chain(decision)
        {
            tree(&mut out, d, map, 0);
        }
    }
    out
}

fn heading(e: &Evaluation, c: &ContractEvaluation) -> String {
    let name = c
        .raison_sociale
        .as_deref()
        .unwrap_or("établissement sans nom");
    let cadre = c.cadre.as_deref().unwrap_or("?");
    format!(
        "== {} — {name} (FINESS {})\n   cadre {cadre} · exercice {}\n",
        c.contrat, c.finess, e.exercice
    )
}

fn objectives(c: &ContractEvaluation) -> String {
    if c.objectives.is_empty() {
        return "   aucun objectif n'a de cible cette année\n".to_string();
    }
    let rows: Vec<Vec<String>> = c
        .objectives
        .iter()
        .map(|o| {
            let value = o
                .valeur
                .map_or_else(|| "manquant".to_string(), |v| v.display(o.dimension));
            let base = o
                .base
                .map_or_else(|| "—".to_string(), |v| v.display(o.dimension));
            vec![
                o.objectif.clone(),
                o.indicateur.clone(),
                value,
                crate::display::moins(&o.cible_texte),
                base,
                o.verdict.label().to_string(),
                score_text(o.score),
                crate::display::number(o.poids),
            ]
        })
        .collect();
    let columns = [
        col("objectif"),
        col("indicateur"),
        num("valeur"),
        col("cible"),
        num("base"),
        col("verdict"),
        num("score"),
        num("poids"),
    ];
    let mut out = table::text(&columns, &rows, "   ");
    out.push('\n');
    out
}

fn conditions(c: &ContractEvaluation) -> String {
    let mut out = String::new();
    for k in &c.conditions {
        let verdict = match (k.verdict, k.a_partir_de) {
            (Some(v), _) => v.label().to_string(),
            (None, Some(from)) => format!("non applicable (à partir de {from})"),
            (None, None) => "non applicable".to_string(),
        };
        out.push_str(&format!(
            "   condition {} ({}) : {verdict}\n",
            k.condition, k.exige
        ));
    }
    out
}

fn aid(c: &ContractEvaluation) -> String {
    let mut out = String::new();
    for a in &c.aides {
        out.push_str(&aid_line(a));
    }
    if c.aides.len() > 1 {
        out.push_str(&format!(
            "   aide {} toutes sources : prévue {}, due {}\n",
            c.aide.exercice,
            euros(c.aide.prevue),
            euros(c.aide.due)
        ));
    }
    out
}

/// The ARS's review: appraisal, comments, justified CF delay, decision.
fn revue(c: &ContractEvaluation) -> String {
    let Some(r) = &c.revue else {
        return String::new();
    };
    let date = r
        .date
        .map(|d| format!(" du {}", d.french()))
        .unwrap_or_default();
    let mut out = format!("   revue de l'ARS{date} :\n");
    if let Some(text) = &r.appreciation {
        out.push_str("     appréciation :\n");
        for line in text.lines() {
            out.push_str(&format!("       {line}\n").replace("       \n", "\n"));
        }
    }
    for (objectif, commentaire) in &r.commentaires {
        out.push_str(&format!("     objectif {objectif} : « {commentaire} »\n"));
    }
    if let Some(why) = &r.compte_financier {
        out.push_str(&format!(
            "     compte financier : dépassement justifié — « {why} »\n"
        ));
    }
    if let Some(d) = &r.decision {
        out.push_str(&format!(
            "     décision : aide {} {} (calculée {}) — « {} »\n",
            d.exercice,
            euros(d.due),
            euros(c.aide.due),
            d.motif
        ));
    }
    out
}

fn aid_line(a: &AidDecision) -> String {
    let envelope = a
        .enveloppe
        .as_deref()
        .map(|e| format!(" ({e})"))
        .unwrap_or_default();
    let mut out = match (a.motifs.is_empty(), a.bareme.non_module()) {
        (true, None) => format!(
            "   aide {}{envelope} : prévue {} × modulation {} = due {}\n",
            a.exercice,
            euros(a.prevue),
            pct(a.modulation),
            euros(a.due)
        ),
        (true, Some(why)) => format!(
            "   aide {}{envelope} : prévue {}, due {} — {why}\n",
            a.exercice,
            euros(a.prevue),
            euros(a.due)
        ),
        (false, _) => format!(
            "   aide {}{envelope} : prévue {}, due {}{}\n",
            a.exercice,
            euros(a.prevue),
            euros(a.due),
            if a.suspendue() { " (suspendue)" } else { "" }
        ),
    };
    for m in &a.motifs {
        let code = m.code.map(|c| format!("{c} ")).unwrap_or_default();
        out.push_str(&format!("     motif {code}: {}\n", m.message));
    }
    for s in &a.signalements {
        out.push_str(&format!("     signalement {} : {}\n", s.code, s.message));
        if let Some(why) = &s.justification {
            out.push_str(&format!("       justifié par l'ARS : « {why} »\n"));
        }
    }
    out
}

fn tree(out: &mut String, d: &Derivation, map: &SourceMap, depth: usize) {
    out.push_str("     ");
    out.push_str(&"  ".repeat(depth));
    out.push_str(&step_line(d, map));
    out.push('\n');
    for input in &d.inputs {
        tree(out, input, map, depth + 1);
    }
}

/// The regional summary.
pub fn summary(e: &Evaluation) -> String {
    let s = &e.summary;
    let next = e.exercice.saturating_add(1);
    let mut out = format!(
        "Synthèse régionale — exercice {} (chiffres : {}, {} valeurs)\n\n",
        e.exercice, e.figures_path, s.figures
    );
    let rows: Vec<Vec<String>> = e
        .contracts
        .iter()
        .map(|c| {
            vec![
                c.contrat.clone(),
                rate_text(c.realisation),
                c.verdict.label().to_string(),
                euros(c.aide.prevue),
                euros(c.aide.due),
                decidee(c),
                motifs_short(c),
            ]
        })
        .collect();
    let prevue = format!("aide {next} prévue");
    let mut columns = vec![
        col("contrat"),
        num("réalisation"),
        col("verdict"),
        num(&prevue),
        num("aide due"),
        num("aide retenue"),
        col("motifs"),
    ];
    let mut rows = rows;
    rows.push(vec![
        "total".into(),
        String::new(),
        String::new(),
        euros(s.aide_prevue),
        euros(s.aide_due),
        euros(s.aide_retenue),
        String::new(),
    ]);
    if s.decisions == 0 {
        super::drop_column(&mut columns, &mut rows, 5);
    }
    out.push_str(&table::text(&columns, &rows, ""));
    out.push('\n');
    out.push_str(&counts(e));
    out
}

/// The aid retained: the ARS's decision, marked « (revue) », else the aid due.
fn decidee(c: &ContractEvaluation) -> String {
    if c.decidee() {
        format!("{} (revue)", euros(c.aide_retenue()))
    } else {
        euros(c.aide_retenue())
    }
}

fn counts(e: &Evaluation) -> String {
    let s = &e.summary;
    let parts: Vec<String> = ContractVerdict::ALL
        .iter()
        .zip(s.verdicts)
        .map(|(v, n)| format!("{} {n}", v.label()))
        .collect();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    let mut out = format!(
        "{} : {}\n",
        plural(s.contracts, "contrat évalué", "contrats évalués"),
        parts.join(" · ")
    );
    let without = if s.without_figures.is_empty() {
        "aucun".to_string()
    } else {
        s.without_figures.join(", ")
    };
    out.push_str(&format!("contrats sans aucun chiffre : {without}\n"));
    out.push_str(&format!(
        "établissements des chiffres sans contrat : {} ({})\n",
        s.establishments_without_contract,
        plural(s.figures_without_contract, "valeur", "valeurs")
    ));
    out
}
