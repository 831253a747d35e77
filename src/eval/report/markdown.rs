//! The Markdown report: a review note per contract (objectives table,
//! conditions, rate, verdict, aid decision and its reasons; with
//! `--explain`, the derivation of every number as nested lists), and the
//! regional summary (`synthese.md`).

use super::table::{self, col, escape, num};
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
    let mut out = format!("# Revue {} — `{}`\n\n", e.exercice, c.contrat);
    if let Some(title) = &c.intitule {
        out.push_str(&format!("**{}**\n\n", escape(title)));
    }
    out.push_str(&format!(
        "Établissement : {} (FINESS {}) · cadre `{}`\n\n",
        escape(c.raison_sociale.as_deref().unwrap_or("—")),
        c.finess,
        c.cadre.as_deref().unwrap_or("?")
    ));
    if !c.has_figures {
        out.push_str(&format!(
            "> **Attention :** aucun chiffre pour cet établissement dans `{}`.\n\n",
            e.figures_path
        ));
    }
    out.push_str(&objectives(c));
    out.push_str(&conditions(c));
    out.push_str(&decision(e, c));
    out.push_str(&revue(c));
    if options.explain {
        out.push_str("\n## Détail des calculs\n\n");
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

fn objectives(c: &ContractEvaluation) -> String {
    let mut out = String::from("## Objectifs\n\n");
    if c.objectives.is_empty() {
        out.push_str("Aucun objectif n'a de cible cette année.\n\n");
        return out;
    }
    let rows: Vec<Vec<String>> = c
        .objectives
        .iter()
        .map(|o| {
            vec![
                format!("`{}`", o.objectif),
                o.libelle.clone().unwrap_or_default(),
                o.valeur
                    .map_or_else(|| "manquant".into(), |v| v.display(o.dimension)),
                o.cible_texte.clone(),
                o.base
                    .map_or_else(|| "—".into(), |v| v.display(o.dimension)),
                match c.revue.as_ref().and_then(|r| r.commentaire(&o.objectif)) {
                    Some(comment) => format!("{} — ARS : {}", o.verdict.label(), sur(comment)),
                    None => o.verdict.label().to_string(),
                },
                score_text(o.score),
                crate::display::number(o.poids),
            ]
        })
        .collect();
    let columns = [
        col("objectif"),
        col("libellé"),
        num("valeur"),
        col("cible"),
        num("base"),
        col("verdict"),
        num("score"),
        num("poids"),
    ];
    out.push_str(&table::markdown(&columns, &rows));
    out.push('\n');
    out
}

fn conditions(c: &ContractEvaluation) -> String {
    if c.conditions.is_empty() {
        return String::new();
    }
    let mut out = String::from("## Conditions\n\n");
    for k in &c.conditions {
        let verdict = match (k.verdict, k.a_partir_de) {
            (Some(v), _) => format!("**{}**", v.label()),
            (None, Some(from)) => format!("non applicable (à partir de {from})"),
            (None, None) => "non applicable".to_string(),
        };
        let label = k
            .libelle
            .as_deref()
            .map(|l| format!(" — {}", escape(l)))
            .unwrap_or_default();
        out.push_str(&format!(
            "- `{}`{label} (`{}`) : {verdict}\n",
            k.condition, k.exige
        ));
    }
    out.push('\n');
    out
}

fn decision(e: &Evaluation, c: &ContractEvaluation) -> String {
    let mut out = String::from("## Bilan\n\n");
    out.push_str(&format!(
        "- Taux de réalisation {} : **{}**\n",
        e.exercice,
        rate_text(c.realisation)
    ));
    out.push_str(&format!("- Verdict : **{}**\n", c.verdict.label()));
    for a in &c.aides {
        out.push_str(&aid_line(a));
    }
    if c.aides.len() > 1 {
        out.push_str(&format!(
            "- Aide {} toutes sources : prévue {}, **due {}**\n",
            c.aide.exercice,
            euros(c.aide.prevue),
            euros(c.aide.due)
        ));
    }
    let a = &c.aide;
    if !a.motifs.is_empty() {
        out.push_str("\n### Motifs\n\n");
        for m in &a.motifs {
            let code = m.code.map(|c| format!("**{c}** ")).unwrap_or_default();
            out.push_str(&format!("- {code}{}\n", escape(&m.message)));
        }
    }
    if !a.signalements.is_empty() {
        out.push_str("\n### Signalements\n\n");
        for s in &a.signalements {
            out.push_str(&format!("- **{}** {}\n", s.code, escape(&s.message)));
            if let Some(why) = &s.justification {
                out.push_str(&format!("  - justifié par l'ARS : {}\n", sur(why)));
            }
        }
    }
    out
}

/// A text of the ARS's `revue` on one line of Markdown: table pipes and
/// new lines escaped, raw HTML and unsafe links neutralised.
fn sur(text: &str) -> String {
    crate::render::escape::md_sanitise(&escape(text))
}

/// The ARS's review: the appraisal (Markdown, sanitised), each objective's
/// comment, the justified CF delay and the decided aid with its motive.
fn revue(c: &ContractEvaluation) -> String {
    let Some(r) = &c.revue else {
        return String::new();
    };
    let date = r
        .date
        .map(|d| format!(" du {}", d.french()))
        .unwrap_or_default();
    let mut out = format!("\n## Revue de l'ARS{date}\n\n");
    if let Some(text) = &r.appreciation {
        out.push_str(&crate::render::escape::md_sanitise(text.trim()));
        out.push_str("\n\n");
    }
    for (objectif, commentaire) in &r.commentaires {
        out.push_str(&format!("- Objectif `{objectif}` : {}\n", sur(commentaire)));
    }
    if let Some(why) = &r.compte_financier {
        out.push_str(&format!(
            "- Compte financier : dépassement **justifié** — {}\n",
            sur(why)
        ));
    }
    if let Some(d) = &r.decision {
        out.push_str(&format!(
            "- Aide {} **décidée : {}** (calculée {}) — {}\n",
            d.exercice,
            euros(d.due),
            euros(c.aide.due),
            sur(&d.motif)
        ));
    }
    out
}

fn aid_line(a: &AidDecision) -> String {
    let source = a
        .enveloppe
        .as_deref()
        .map(|e| format!(" (`{e}`)"))
        .unwrap_or_default();
    let etat = if a.suspendue() { " (suspendue)" } else { "" };
    match (a.motifs.is_empty(), a.bareme.non_module()) {
        (true, Some(why)) => format!(
            "- Aide {}{source} : prévue {}, **due {}** — {why}\n",
            a.exercice,
            euros(a.prevue),
            euros(a.due)
        ),
        _ => format!(
            "- Aide {}{source} : prévue {}, modulation {}, **due {}**{etat}\n",
            a.exercice,
            euros(a.prevue),
            pct(a.modulation),
            euros(a.due)
        ),
    }
}

fn tree(out: &mut String, d: &Derivation, map: &SourceMap, depth: usize) {
    out.push_str(&"  ".repeat(depth));
    out.push_str("- ");
    out.push_str(&escape(&step_line(d, map)));
    out.push('\n');
    for input in &d.inputs {
        tree(out, input, map, depth + 1);
    }
}

/// The regional summary (`synthese.md`).
pub fn summary(e: &Evaluation) -> String {
    let s = &e.summary;
    let next = e.exercice.saturating_add(1);
    let mut out = format!(
        "# Synthèse régionale — exercice {}\n\nChiffres : `{}` ({} valeurs).\n\n",
        e.exercice, e.figures_path, s.figures
    );
    let mut rows: Vec<Vec<String>> = e
        .contracts
        .iter()
        .map(|c| {
            vec![
                format!("`{}`", c.contrat),
                c.raison_sociale.clone().unwrap_or_default(),
                rate_text(c.realisation),
                c.verdict.label().to_string(),
                euros(c.aide.prevue),
                euros(c.aide.due),
                if c.decidee() {
                    format!("{} (revue)", euros(c.aide_retenue()))
                } else {
                    euros(c.aide_retenue())
                },
                motifs_short(c),
            ]
        })
        .collect();
    rows.push(vec![
        "**total**".into(),
        String::new(),
        String::new(),
        String::new(),
        euros(s.aide_prevue),
        euros(s.aide_due),
        euros(s.aide_retenue),
        String::new(),
    ]);
    let prevue = format!("aide {next} prévue");
    let mut columns = vec![
        col("contrat"),
        col("établissement"),
        num("réalisation"),
        col("verdict"),
        num(&prevue),
        num("aide due"),
        num("aide retenue"),
        col("motifs"),
    ];
    if s.decisions == 0 {
        super::drop_column(&mut columns, &mut rows, 6);
    }
    out.push_str(&table::markdown(&columns, &rows));
    out.push('\n');
    out.push_str(&counts(e));
    out
}

/// Contracts per verdict, contracts without figures, figures without contract.
fn counts(e: &Evaluation) -> String {
    let s = &e.summary;
    let mut out = String::new();
    for (v, n) in ContractVerdict::ALL.iter().zip(s.verdicts) {
        out.push_str(&format!("- {} : {n}\n", v.label()));
    }
    let without = if s.without_figures.is_empty() {
        "aucun".to_string()
    } else {
        s.without_figures
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("- contrats sans aucun chiffre : {without}\n"));
    out.push_str(&format!(
        "- établissements des chiffres sans contrat : {} ({} valeurs)\n",
        s.establishments_without_contract, s.figures_without_contract
    ));
    out
}
