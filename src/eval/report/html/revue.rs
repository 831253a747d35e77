//! The annual review of one contract, one printed sheet: the letterhead and
//! the contract's identity, the review's key figures (verdict, achievement
//! rate, aid due), the objectives of the exercice, the conditions of
//! payment, the aid decision with every reason, a chart per objective over
//! the years of the figures, and the derivation of every number.

use super::calculs::calcul;
use super::contexte::{ContractContext, Serie};
use super::{chiffre_cle, entete, symboles, titre, Context};
use crate::ast::Dimension;
use crate::display;
use crate::eval::aid::euros;
use crate::eval::derivation::StepKind;
use crate::eval::rate::ContractVerdict;
use crate::eval::report::{pct, rate_text, score_text};
use crate::eval::verdict::ObjectiveEvaluation;
use crate::eval::{ContractEvaluation, Evaluation};
use crate::render::escape::{el, element, Html};
use crate::render::html::{detail, figure, grille, texte};
use crate::render::style::badge;
use crate::render::svg::LineChart;
use crate::render::{texte as mots, Colonne};
use crate::source::SourceMap;

/// The review of one contract.
pub fn feuille(e: &Evaluation, c: &ContractEvaluation, map: &SourceMap, ctx: &Context) -> Html {
    let k = ctx.contract(&c.contrat);
    let ars = k.and_then(|k| k.ars.as_deref()).map(mots::agence);
    let mut out = entete(
        ars.as_deref().unwrap_or("Revue annuelle"),
        &format!("Référence : {} · revue {}", c.contrat, e.exercice),
    );
    out.push(el(
        "h1",
        &[],
        &format!("Revue annuelle du contrat — exercice {}", e.exercice),
    ));
    if let Some(t) = &c.intitule {
        out.push(element("p", &[("class", "sous-titre")], texte(t)));
    }
    if let Some(line) = k.and_then(periode) {
        out.push(element("p", &[("class", "periode")], texte(&line)));
    }
    out.push(identite(e, c, k));
    out.push(bilan(e, c));
    let mut n = 0;
    let mut numero = || {
        n += 1;
        n
    };
    if let Some(html) = appreciation(c, numero()) {
        out.push(html);
    }
    out.push(objectifs(e, c, k, numero()));
    if let Some(html) = conditions(e, c, k, numero()) {
        out.push(html);
    }
    out.push(super::aide::section(e, c, k, numero()));
    if let Some(html) = trajectoires(e, c, k, numero()) {
        out.push(html);
    }
    out.push(details(e, c, map, numero()));
    element("div", &[("class", "revue")], out)
}

/// « Exercices 2025 à 2029 · signé le 10 décembre 2025 ».
fn periode(k: &ContractContext) -> Option<String> {
    let mut parts = Vec::new();
    if let Some((a, b)) = k.periode {
        parts.push(format!("Exercices {a} à {b}"));
    }
    if let Some(d) = k.signe {
        parts.push(format!("signé le {}", d.french()));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The establishment, its status, the framework, the figures file.
fn identite(e: &Evaluation, c: &ContractEvaluation, k: Option<&ContractContext>) -> Html {
    let mut rows: Vec<(&str, String)> = Vec::new();
    let name = c.raison_sociale.clone().unwrap_or_else(|| "—".into());
    rows.push(("Établissement", format!("{name} — FINESS {}", c.finess)));
    if let Some(k) = k {
        let statut = k.statut.as_deref().and_then(mots::statut);
        let line = match (statut, &k.categorie) {
            (Some(s), Some(cat)) => Some(format!("{s}, catégorie {cat}")),
            (Some(s), None) => Some(s.to_string()),
            (None, Some(cat)) => Some(format!("catégorie {cat}")),
            (None, None) => None,
        };
        if let Some(line) = line {
            rows.push(("Statut", line));
        }
    }
    let cadre = match (k.and_then(|k| k.cadre_libelle.as_deref()), &c.cadre) {
        (Some(l), _) => l.to_string(),
        (None, Some(id)) => id.clone(),
        (None, None) => "—".into(),
    };
    rows.push(("Cadre", cadre));
    rows.push((
        "Chiffres",
        format!("{} (exercice {})", e.figures_path, e.exercice),
    ));
    let content = Html::concat(rows.iter().map(|(t, d)| {
        let mut item = el("dt", &[], t);
        item.push(element("dd", &[], texte(d)));
        item
    }));
    element("dl", &[("class", "fiche")], content)
}

/// The three key figures and the verdict's reason.
fn bilan(e: &Evaluation, c: &ContractEvaluation) -> Html {
    let a = &c.aide;
    let mut verdict = badge(c.verdict.label());
    verdict = element("span", &[("class", "grand")], verdict);
    let prevue = if a.bareme.module() {
        format!(
            "prévue {} × modulation {}",
            euros(a.prevue),
            pct(a.modulation)
        )
    } else {
        format!("prévue {}, non modulée", euros(a.prevue))
    };
    let ramenee = if c.aides.len() > 1 {
        "sources ramenées à 0 € ou suspendues"
    } else if a.suspendue() {
        "suspendue"
    } else {
        "ramenée à 0 €"
    };
    let motifs = match a.motifs.len() {
        0 => prevue,
        1 => format!("{ramenee} : 1 motif"),
        n => format!("{ramenee} : {n} motifs"),
    };
    let chiffres = Html::concat([
        chiffre_cle("Verdict du contrat", verdict, None),
        chiffre_cle(
            &format!("Taux de réalisation {}", e.exercice),
            texte(&rate_text(c.realisation)),
            None,
        ),
        aide_cle(c, &motifs),
    ]);
    let mut out = element("div", &[("class", "bilan")], chiffres);
    out.push(element("p", &[], texte(&raison(e, c))));
    if !c.has_figures {
        out.push(element(
            "p",
            &[("class", "alerte")],
            texte(&format!(
                "Aucun chiffre pour cet établissement dans {} : chaque valeur est manquante, et la date de dépôt du compte financier n'est pas renseignée.",
                e.figures_path
            )),
        ));
    }
    element("div", &[("class", "insecable")], out)
}

/// The aid key figure: the ARS's decision when its `revue` takes one
/// (with the computed amount below), else the computed aid due.
fn aide_cle(c: &ContractEvaluation, motifs: &str) -> Html {
    let a = &c.aide;
    match c.revue.as_ref().and_then(|r| r.decision.as_ref()) {
        Some(d) => chiffre_cle(
            &format!("Aide {} décidée par l'ARS", d.exercice),
            texte(&euros(d.due)),
            Some(&format!("calculée : {} ({motifs})", euros(a.due))),
        ),
        None => chiffre_cle(
            &format!("Aide {} due", a.exercice),
            texte(&euros(a.due)),
            Some(motifs),
        ),
    }
}

/// Why the contract has its verdict (§8.6).
fn raison(e: &Evaluation, c: &ContractEvaluation) -> String {
    let y = e.exercice;
    let r = rate_text(c.realisation);
    let conditions_ok = c
        .conditions
        .iter()
        .filter_map(|k| k.verdict)
        .all(|v| v == crate::eval::verdict::ConditionVerdict::Respectee);
    match c.verdict {
        ContractVerdict::SansObjet => format!(
            "Aucun objectif n'a de cible en {y} : la revue est sans objet et l'aide prévue n'est pas modulée."
        ),
        ContractVerdict::Tenus => format!(
            "Avec un taux de réalisation de {r} (au moins 90 %) et toutes les conditions applicables respectées, les engagements de l'exercice {y} sont tenus."
        ),
        ContractVerdict::PartiellementTenus if conditions_ok => format!(
            "Avec un taux de réalisation de {r} (au moins 50 %, moins de 90 %), les engagements de l'exercice {y} sont partiellement tenus."
        ),
        ContractVerdict::PartiellementTenus => format!(
            "Avec un taux de réalisation de {r} (au moins 50 %) mais une condition qui n'est pas respectée, les engagements de l'exercice {y} sont partiellement tenus."
        ),
        ContractVerdict::NonTenus => format!(
            "Avec un taux de réalisation de {r} (moins de 50 %), les engagements de l'exercice {y} ne sont pas tenus."
        ),
    }
}

/// The verdict badge, with the ARS's comment of its `revue` beside it.
fn verdict_commente(c: &ContractEvaluation, o: &ObjectiveEvaluation) -> Html {
    let mut out = badge(o.verdict.label());
    if let Some(comment) = c.revue.as_ref().and_then(|r| r.commentaire(&o.objectif)) {
        out.push(element(
            "span",
            &[("class", "detail commentaire")],
            texte(&format!("ARS : « {comment} »")),
        ));
    }
    out
}

/// The ARS's appraisal (its `revue`), Markdown rendered and sanitised.
fn appreciation(c: &ContractEvaluation, numero: usize) -> Option<Html> {
    let r = c.revue.as_ref()?;
    let text = r.appreciation.as_deref()?;
    let titre_ = match r.date {
        Some(d) => format!("Appréciation de l'ARS (revue du {})", d.french()),
        None => "Appréciation de l'ARS".to_string(),
    };
    let mut out = titre(numero, &titre_);
    out.push(element(
        "div",
        &[("class", "appreciation")],
        Html::markdown(text, 3),
    ));
    Some(element("section", &[("class", "rubrique")], out))
}

/// `≥ 4 %`, `entre 21 j et 30 j`.
fn cible(o: &ObjectiveEvaluation) -> String {
    match (&o.cible_max, o.comparateur.as_str()) {
        (Some(max), _) => format!(
            "entre {} et {}",
            o.cible.display(o.dimension),
            max.display(o.dimension)
        ),
        (None, op) => format!("{} {}", symboles(op), o.cible.display(o.dimension)),
    }
}

fn base_annee(o: &ObjectiveEvaluation) -> Option<String> {
    o.derivation
        .inputs
        .iter()
        .find(|d| d.kind == StepKind::Contrat && d.what.starts_with("base "))
        .map(|d| format!("en {}", d.what.trim_start_matches("base ")))
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
fn objectifs(
    e: &Evaluation,
    c: &ContractEvaluation,
    k: Option<&ContractContext>,
    numero: usize,
) -> Html {
    let y = e.exercice;
    let mut out = titre(numero, &format!("Objectifs de l'exercice {y}"));
    if c.objectives.is_empty() {
        out.push(element(
            "p",
            &[],
            texte(&format!("Aucun objectif du contrat n'a de cible en {y}.")),
        ));
        return element("section", &[("class", "rubrique")], out);
    }
    let colonnes = [
        Colonne::texte("Objectif et indicateur"),
        Colonne::nombre("Base"),
        Colonne::nombre(format!("Cible {y}")),
        Colonne::nombre(format!("Réalisé {y}")),
        Colonne::texte("Verdict"),
        Colonne::nombre("Score"),
        Colonne::nombre("Poids"),
    ];
    // By name, looked up once per row (the first of a name wins): linear.
    let series: std::collections::HashMap<&str, &Serie> = k
        .map(|k| {
            k.objectifs
                .iter()
                .rev()
                .map(|s| (s.objectif.as_str(), s))
                .collect()
        })
        .unwrap_or_default();
    let lignes: Vec<Vec<Html>> = c
        .objectives
        .iter()
        .map(|o| {
            let mut nom = texte(o.libelle.as_deref().unwrap_or(&o.objectif));
            let indicateur = series
                .get(o.objectif.as_str())
                .map_or_else(|| o.indicateur.replace('_', " "), |s| s.indicateur.clone());
            nom.push(detail(&indicateur));
            let mut base = texte(
                &o.base
                    .map_or_else(|| "—".into(), |b| b.display(o.dimension)),
            );
            if let Some(annee) = base_annee(o) {
                base.push(detail(&annee));
            }
            vec![
                nom,
                base,
                texte(&cible(o)),
                texte(
                    &o.valeur
                        .map_or_else(|| "manquant".into(), |v| v.display(o.dimension)),
                ),
                verdict_commente(c, o),
                texte(&score_text(o.score)),
                texte(&display::number(o.poids)),
            ]
        })
        .collect();
    let poids = c
        .objectives
        .iter()
        .filter(|o| o.score.is_some())
        .fold(rust_decimal::Decimal::ZERO, |acc, o| {
            acc.checked_add(o.poids).unwrap_or(acc)
        });
    let total = vec![
        texte(&format!("Taux de réalisation {y}")),
        Html::new(),
        Html::new(),
        Html::new(),
        Html::new(),
        texte(&rate_text(c.realisation)),
        texte(&display::number(poids)),
    ];
    out.push(element(
        "div",
        &[("class", "objectifs")],
        grille(&colonnes, &lignes, Some(&total)),
    ));
    out.push(element(
        "p",
        &[("class", "mention")],
        texte(&format!(
            "Taux de réalisation = {} = {}. Un objectif atteint compte 1 ; sinon, sa progression depuis la base vers la cible, entre 0 et 1.",
            c.realisation_derivation.how,
            rate_text(c.realisation)
        )),
    ));
    element("section", &[("class", "rubrique")], out)
}

fn conditions(
    e: &Evaluation,
    c: &ContractEvaluation,
    k: Option<&ContractContext>,
    numero: usize,
) -> Option<Html> {
    let cf = k.and_then(|k| k.compte_financier);
    if c.conditions.is_empty() && cf.is_none() {
        return None;
    }
    let y = e.exercice;
    let mut out = titre(numero, "Conditions de versement");
    let colonnes = [
        Colonne::texte("Condition"),
        Colonne::texte("Exigence"),
        Colonne::texte(format!("En {y}")),
    ];
    let words_of: std::collections::HashMap<&str, &String> = k
        .map(|k| {
            k.conditions
                .iter()
                .rev()
                .map(|(id, w)| (id.as_str(), w))
                .collect()
        })
        .unwrap_or_default();
    let mut lignes: Vec<Vec<Html>> = c
        .conditions
        .iter()
        .map(|cond| {
            let words = words_of
                .get(cond.condition.as_str())
                .map(|w| (&cond.condition, *w))
                .map_or_else(|| symboles(&cond.exige), |(_, w)| w.clone());
            let mut exigence = texte(&words);
            if let Some(from) = cond.a_partir_de {
                exigence.push(detail(&format!("à compter de l'exercice {from}")));
            }
            let mut nom = texte(cond.libelle.as_deref().unwrap_or(&cond.condition));
            nom.push(detail(&cond.condition));
            let verdict = match cond.verdict {
                Some(v) => badge(v.label()),
                None => element("span", &[("class", "na")], texte("non applicable")),
            };
            vec![nom, exigence, verdict]
        })
        .collect();
    if let Some(cf) = cf {
        let justifie = c.revue.as_ref().and_then(|r| r.compte_financier.as_deref());
        lignes.push(super::aide::ligne_compte_financier(cf, y, justifie));
    }
    out.push(grille(&colonnes, &lignes, None));
    out.push(element(
        "p",
        &[("class", "mention")],
        texte("Une condition non respectée écarte l'aide ; une condition qui ne peut être vérifiée faute de chiffre la suspend, jusqu'à la production des justificatifs."),
    ));
    Some(element("section", &[("class", "rubrique")], out))
}

/// A chart per objective over the years of the figures.
fn trajectoires(
    e: &Evaluation,
    c: &ContractEvaluation,
    k: Option<&ContractContext>,
    numero: usize,
) -> Option<Html> {
    let series: Vec<&Serie> = k?
        .objectifs
        .iter()
        .filter(|s| !matches!(s.dimension, Dimension::Date | Dimension::Boolean))
        .filter(|s| s.base.is_some() || !s.cibles.is_empty() || !s.reel.is_empty())
        .collect();
    if series.is_empty() {
        return None;
    }
    let mut tete = titre(numero, "Trajectoires des indicateurs");
    tete.push(element(
        "p",
        &[],
        texte(&format!(
            "Pour chaque objectif : la base, la trajectoire des cibles annuelles et les valeurs réalisées de chaque exercice que donne le fichier de chiffres pour l'établissement (FINESS {}).",
            c.finess
        )),
    ));
    let evalues: std::collections::HashSet<&str> =
        c.objectives.iter().map(|o| o.objectif.as_str()).collect();
    let mut out = Html::new();
    for (i, s) in series.into_iter().enumerate() {
        let chart = LineChart {
            titre: s.libelle.clone().unwrap_or_else(|| s.objectif.clone()),
            dimension: Some(s.dimension),
            base: s.base,
            cibles: s.cibles.clone(),
            reel: s.reel.clone(),
        };
        let evalue = evalues.contains(s.objectif.as_str());
        let mut legende = format!(
            "{} — {}",
            s.libelle.as_deref().unwrap_or(&s.objectif),
            mots::minuscule(&s.indicateur)
        );
        if !evalue {
            legende.push_str(&format!(" (pas de cible en {})", e.exercice));
        }
        if s.reel.is_empty() {
            legende.push_str(" ; aucune valeur réalisée dans le fichier de chiffres");
        }
        legende.push('.');
        let fig = figure(chart.svg(), &legende);
        if i == 0 {
            // The heading and its introduction stay with the first chart.
            tete.push(fig);
            out.push(element(
                "div",
                &[("class", "insecable")],
                std::mem::take(&mut tete),
            ));
        } else {
            out.push(fig);
        }
    }
    Some(element("section", &[("class", "rubrique")], out))
}

/// The derivation of every number, folded.
fn details(e: &Evaluation, c: &ContractEvaluation, map: &SourceMap, numero: usize) -> Html {
    let mut out = titre(numero, "Détail des calculs");
    out.push(element(
        "p",
        &[],
        texte("Chaque nombre de la revue, avec les chiffres, les lignes du contrat et les règles dont il découle (fichier:ligne)."),
    ));
    out.push(calcul(
        &format!(
            "Taux de réalisation {} : {}",
            e.exercice,
            rate_text(c.realisation)
        ),
        &c.realisation_derivation,
        map,
    ));
    for o in &c.objectives {
        out.push(calcul(
            &format!(
                "Objectif {} : {}, score {}",
                o.objectif,
                o.verdict.label(),
                score_text(o.score)
            ),
            &o.derivation,
            map,
        ));
    }
    for k in c.conditions.iter().filter(|k| k.verdict.is_some()) {
        let verdict = k.verdict.map_or("non applicable", |v| v.label());
        out.push(calcul(
            &format!("Condition {} : {verdict}", k.condition),
            &k.derivation,
            map,
        ));
    }
    for a in &c.aides {
        let source = a
            .enveloppe
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        out.push(calcul(
            &format!("Aide {}{source} due : {}", a.exercice, euros(a.due)),
            &a.derivation,
            map,
        ));
    }
    element("section", &[("class", "rubrique calculs")], out)
}
