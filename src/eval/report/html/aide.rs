//! The review's aid section: for each source, the planned amount, the
//! modulation (or why there is none: the contract does not tie the aid to
//! the results), the amount withheld or suspended and the amount due;
//! the reasons, the flags that do not change the aid (a late financial
//! account to justify, an end of eligibility that could not be verified),
//! and the end-of-eligibility clause. A review whose aid due is 0 € always
//! says why: never « Aucun motif ne s'oppose au versement ».

use super::contexte::{CompteFinancier, ContractContext};
use super::{avec_code, motif, symboles, titre};
use crate::diagnostic::Code;
use crate::eval::aid::{euros, AidDecision};
use crate::eval::derivation::StepKind;
use crate::eval::report::pct;
use crate::eval::{ContractEvaluation, Evaluation};
use crate::render::escape::{el, element, Html};
use crate::render::html::{detail, grille, texte};
use crate::render::style::badge;
use crate::render::Colonne;

/// The section « Aide de l'exercice *y*+1 ».
pub fn section(
    e: &Evaluation,
    c: &ContractEvaluation,
    k: Option<&ContractContext>,
    numero: usize,
) -> Html {
    let next = c.aide.exercice;
    let mut out = titre(numero, &format!("Aide de l'exercice {next}"));
    let several = c.aides.len() > 1;
    for a in &c.aides {
        if several {
            let source = a.enveloppe.as_deref().unwrap_or("sans source");
            let mut h = texte("Source : ");
            h.push(el("code", &[], source));
            out.push(element("h3", &[], h));
        }
        out.push(tableau(a));
    }
    if several {
        out.push(element(
            "p",
            &[("class", "total")],
            texte(&format!(
                "Aide {next} due, toutes sources : {} (prévue {}).",
                euros(c.aide.due),
                euros(c.aide.prevue)
            )),
        ));
    }
    out.push(pourquoi(c, k));
    if let Some(html) = decision(c) {
        out.push(html);
    }
    if let Some(why) = c.aide.bareme.non_module() {
        out.push(element("p", &[("class", "mention")], texte(&phrase(why))));
    }
    let signalements = &c.aide.signalements;
    if !signalements.is_empty() {
        out.push(element(
            "p",
            &[],
            texte("Signalements, sans effet sur le montant de l'aide :"),
        ));
        let items = Html::concat(signalements.iter().map(|s| {
            let mut item = el("span", &[("class", "code")], s.code.as_str());
            item.push_text(" ");
            item.push(avec_code(&s.message));
            if let Some(why) = &s.justification {
                item.push(detail(&format!("justifié par l'ARS : « {why} »")));
            }
            element("li", &[], item)
        }));
        out.push(element("ul", &[("class", "signalements")], items));
    }
    if let Some(html) = eligibilite(e, c, k) {
        out.push(html);
    }
    element("section", &[("class", "rubrique insecable")], out)
}

/// The ARS's decision (its `revue`), beside the computed aid.
fn decision(c: &ContractEvaluation) -> Option<Html> {
    let r = c.revue.as_ref()?;
    let d = r.decision.as_ref()?;
    let part = d
        .part
        .map(|p| format!(", soit {} de l'aide prévue", pct(p)))
        .unwrap_or_default();
    let date = r
        .date
        .map(|x| format!(" (revue du {})", x.french()))
        .unwrap_or_default();
    let mut out = element(
        "p",
        &[("class", "decision")],
        texte(&format!(
            "Décision de l'ARS{date} : aide {} de {}{part}, pour une aide calculée de {}.",
            d.exercice,
            euros(d.due),
            euros(c.aide.due)
        )),
    );
    out.push(element(
        "p",
        &[("class", "mention")],
        texte(&format!("Motif : {}", d.motif)),
    ));
    Some(out)
}

/// A sentence from a clause: capital first, final period.
fn phrase(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// One source's table: planned, modulation, withheld, due.
fn tableau(a: &AidDecision) -> Html {
    let next = a.exercice;
    let cell = |label: &str, sub: &str| {
        let mut h = texte(label);
        if !sub.is_empty() {
            h.push(detail(sub));
        }
        h
    };
    let step = |kind: StepKind| {
        a.derivation
            .inputs
            .iter()
            .find(|d| d.kind == kind)
            .map(|d| symboles(&d.how))
            .unwrap_or_default()
    };
    let mut lignes = vec![vec![
        cell(
            &format!("Aide prévue pour {next}"),
            &step(StepKind::Contrat),
        ),
        texte(&euros(a.prevue)),
    ]];
    let modulated = a.modulee();
    if a.bareme.module() {
        lignes.push(vec![
            cell(
                "Modulation selon le taux de réalisation",
                &step(StepKind::Modulation),
            ),
            texte(&pct(a.modulation)),
        ]);
        lignes.push(vec![
            cell("Aide après modulation", ""),
            texte(&euros(modulated)),
        ]);
    } else {
        lignes.push(vec![
            cell(
                "Modulation",
                match a.bareme {
                    crate::eval::aid::Bareme::SansTaux => {
                        "aucune : pas de taux de réalisation dans l'exercice"
                    }
                    _ => "aucune : l'aide prévue n'est pas liée aux résultats",
                },
            ),
            texte("—"),
        ]);
    }
    if !a.motifs.is_empty() && !modulated.is_zero() {
        let (label, sub) = if a.suspendue() {
            (
                "Versement suspendu",
                "jusqu'à la production des justificatifs",
            )
        } else {
            (
                "Versement écarté",
                "au moins un motif ci-dessous s'y oppose",
            )
        };
        lignes.push(vec![cell(label, sub), texte(&euros(-modulated))]);
    }
    let total = vec![
        texte(&format!("Aide due pour {next}")),
        texte(&euros(a.due)),
    ];
    grille(
        &[Colonne::texte(""), Colonne::nombre("Montant")],
        &lignes,
        Some(&total),
    )
}

/// Why the aid due is what it is: the reasons, or why 0 € without one.
fn pourquoi(c: &ContractEvaluation, k: Option<&ContractContext>) -> Html {
    let a = &c.aide;
    if a.motifs.is_empty() {
        let text = if !a.due.is_zero() && c.decidee() && c.aide_retenue().is_zero() {
            "Aucun motif de calcul ne s'oppose au versement de l'aide calculée ; l'ARS en décide autrement (voir sa décision ci-dessous).".to_string()
        } else if !a.due.is_zero() {
            "Aucun motif ne s'oppose au versement.".to_string()
        } else if a.prevue.is_zero() {
            format!(
                "L'échéancier du contrat ne prévoit aucune aide pour {} : rien n'est dû.",
                a.exercice
            )
        } else {
            format!(
                "La modulation ramène l'aide à 0 € : avec un taux de réalisation de {}, le barème ({}) n'en laisse rien.",
                crate::eval::report::rate_text(c.realisation),
                c.aides
                    .iter()
                    .flat_map(|d| d.derivation.inputs.iter())
                    .find(|d| d.kind == StepKind::Modulation)
                    .map(|d| symboles(&d.how))
                    .unwrap_or_default()
            )
        };
        return element("p", &[], texte(&text));
    }
    let several_sources = c.aides.len() > 1;
    let intro = match (a.suspendue() && !several_sources, a.motifs.len() > 1) {
        (true, true) => "Motifs pour lesquels l'aide est suspendue :",
        (true, false) => "Motif pour lequel l'aide est suspendue :",
        (false, true) => "Motifs pour lesquels l'aide n'est pas versée :",
        (false, false) => "Motif pour lequel l'aide n'est pas versée :",
    };
    let intro = if several_sources {
        "Motifs qui écartent ou suspendent l'aide, par source :"
    } else {
        intro
    };
    let mut out = element("p", &[], texte(intro));
    // With several sources, each reason names the source it bears on.
    let several = c.aides.len() > 1;
    let items = Html::concat(c.aides.iter().flat_map(|d| {
        d.motifs.iter().map(move |m| {
            let mut item = Html::new();
            if let Some(source) = d.enveloppe.as_deref().filter(|_| several) {
                item.push(el("code", &[], source));
                item.push_text(" : ");
            }
            item.push(motif(m, c, k));
            element("li", &[], item)
        })
    }));
    out.push(element("ul", &[("class", "motifs")], items));
    out
}

/// The end-of-eligibility clause: held, not verifiable, or not held.
fn eligibilite(
    e: &Evaluation,
    c: &ContractEvaluation,
    k: Option<&ContractContext>,
) -> Option<Html> {
    let fin = k.and_then(|k| k.fin_aide.as_deref())?;
    let a = &c.aide;
    let y = e.exercice;
    let start = k
        .and_then(|k| k.annee_effet)
        .map_or(y, |n| n.saturating_add(1));
    let held = a.motifs.iter().any(|m| m.code == Some(Code::V0102));
    let unknown = a.signalements.iter().any(|s| s.code == Code::V0102);
    let text = if held {
        format!("Fin d'éligibilité : la condition de fin d'aide ({fin}) a été vérifiée ; l'établissement n'est plus éligible à l'aide.")
    } else if start > y {
        format!("Fin d'éligibilité : la condition de fin d'aide ({fin}) s'apprécie au cours de la mise en œuvre du contrat, à partir de l'exercice {start} qui suit l'année de sa date d'effet ; elle n'a pas lieu d'être testée en {y}.")
    } else if unknown {
        format!("Fin d'éligibilité : la condition de fin d'aide ({fin}) n'a pu être vérifiée pour chaque exercice {} (voir le signalement) ; faute de chiffre, elle n'est pas tenue pour acquise.", exercices(start, y))
    } else {
        format!("Fin d'éligibilité : la condition de fin d'aide ({fin}) n'a été vérifiée dans aucun exercice {} ; l'établissement reste éligible.", exercices(start, y))
    };
    Some(element("p", &[("class", "mention")], texte(&text)))
}

/// « de l'exercice 2026 », « de 2026 à 2027 ».
fn exercices(start: i32, end: i32) -> String {
    if start == end {
        format!("depuis la date d'effet (exercice {end})")
    } else {
        format!("de {start} à {end}")
    }
}

/// The financial account's row of the conditions table.
pub fn ligne_compte_financier(cf: CompteFinancier, y: i32, justifie: Option<&str>) -> Vec<Html> {
    let (etat, quand) = match (cf.depot, cf.suspend) {
        (Some(d), false) if d > cf.limite && justifie.is_some() => (
            "dépassement justifié",
            format!(
                "déposé le {}, après le {} ; justification : « {} »",
                d.french(),
                cf.echeance,
                justifie.unwrap_or_default()
            ),
        ),
        (Some(d), _) if d <= cf.limite => ("respectée", format!("déposé le {}", d.french())),
        (Some(d), false) => (
            "dépassement à justifier",
            format!("déposé le {}, après le {}", d.french(), cf.echeance),
        ),
        (Some(d), true) => (
            "non respectée",
            format!(
                "déposé le {}, après le {} : aide suspendue",
                d.french(),
                cf.echeance
            ),
        ),
        (None, false) => (
            "date non renseignée",
            "le fichier de chiffres ne donne pas la date de dépôt".to_string(),
        ),
        (None, true) => (
            "date non renseignée",
            "aide suspendue jusqu'à ce que la date de dépôt soit produite".to_string(),
        ),
    };
    let mut verdict = badge(etat);
    verdict.push(detail(&quand));
    let mut exigence = texte(&format!("déposé au plus tard le {}", cf.limite.french()));
    if cf.suspend {
        exigence.push(detail("sinon, l'aide est suspendue"));
    } else {
        exigence.push(detail("tout dépassement est justifié auprès de l'ARS"));
    }
    vec![texte(&format!("Compte financier {y}")), exigence, verdict]
}
