//! The articles on the aid and its follow-up: the schedule with the
//! ONDAM caveat, the conditions of payment, the follow-up and evaluation
//! (dialogue, annual review calendar, scoring), the modulation table, the
//! revision by avenant.

use super::contrat::{Ctx, Kind};
use super::texte;
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::ast::{Aide, AideStatut, ClauseKind, MissingData, Modulation, ModulationLine};
use crate::display;

pub(super) fn aide(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    for aide in &ctx.contrat.aides {
        blocs.extend(echeance(ctx, aide));
    }
    if let Some(r) = ctx.reference(|k| matches!(k, ClauseKind::AideIndicativeAnneesSuivantes)) {
        blocs.push(Bloc::Mention(format!("Référence : {r}.")));
    }
    blocs
}

/// The name of an aid's source after « au titre » (`du Fonds
/// d'intervention régional`): its `libellé`, never its identifier.
pub(super) fn source(ctx: &Ctx, aide: &Aide) -> String {
    ctx.program
        .enveloppes
        .get(&aide.enveloppe.name)
        .and_then(|e| e.libelle.as_ref())
        .map_or_else(
            || {
                format!(
                    "de l'enveloppe « {} »",
                    aide.enveloppe.name.replace('_', " ")
                )
            },
            |t| texte::de(&t.value),
        )
}

/// One aid schedule: its source, the amounts, firm and indicative years,
/// payments made.
fn echeance(ctx: &Ctx, aide: &Aide) -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Paragraphe(format!(
        "Au titre {}, l'ARS accorde à l'établissement une aide financière selon l'échéancier suivant :",
        source(ctx, aide)
    ))];
    blocs.extend(super::objectifs::echeancier(aide));
    let firm: Vec<String> = aide
        .annees
        .iter()
        .filter(|a| a.is_ferme())
        .map(|a| a.annee.value.to_string())
        .collect();
    let indicative: Vec<String> = aide
        .annees
        .iter()
        .filter(|a| a.statut != Some(AideStatut::Ferme))
        .map(|a| a.annee.value.to_string())
        .collect();
    if !firm.is_empty() {
        let annees = texte::enumeration(&firm);
        blocs.push(Bloc::Paragraphe(if firm.len() > 1 {
            format!("Les montants des exercices {annees} constituent un engagement ferme de l'ARS.")
        } else {
            format!("Le montant de l'exercice {annees} constitue un engagement ferme de l'ARS.")
        }));
    }
    if !indicative.is_empty() {
        let annees = texte::enumeration(&indicative);
        let phrase = if indicative.len() > 1 {
            format!("Les montants mentionnés pour les exercices {annees} le sont")
        } else {
            format!("Le montant mentionné pour l'exercice {annees} l'est")
        };
        blocs.push(Bloc::Paragraphe(format!(
            "{phrase} à titre indicatif, sous réserve de la disponibilité des crédits dans l'Objectif national de dépenses d'assurance maladie (ONDAM)."
        )));
    }
    if let Some(premiere) = ctx.annees_de_cibles().first() {
        if let Some(m) = ctx.renvoi(Kind::Modulation) {
            blocs.push(Bloc::Paragraphe(format!(
                "À compter de l'exercice {}, le montant versé au titre d'un exercice dépend des résultats de l'exercice précédent ({m}).",
                premiere + 1
            )));
        }
    }
    if !aide.versements.is_empty() {
        blocs.push(Bloc::Paragraphe("Versements effectués :".to_string()));
        blocs.push(Bloc::Liste(
            aide.versements
                .iter()
                .map(|v| match &v.montant {
                    Some(m) => format!("le {} : {}", v.date.french(), display::euros(m.value)),
                    None => format!("le {}", v.date.french()),
                })
                .collect(),
        ));
    }
    blocs
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
pub(super) fn conditions(ctx: &Ctx) -> Vec<Bloc> {
    let c = ctx.contrat;
    let mut items: Vec<String> = Vec::new();
    for cond in &c.conditions {
        let libelle = cond
            .libelle
            .as_ref()
            .map_or_else(|| cond.id.name.replace('_', " "), |t| t.value.clone());
        let item = match &cond.exige {
            Some(e) => {
                let depuis = e
                    .a_partir_de
                    .map(|y| format!(", à compter de l'exercice {}", y.value))
                    .unwrap_or_default();
                let expr = texte::expression(ctx.program, &e.expr);
                // « Nombre de jours de stocks : nombre de jours de stocks ≤ 28 j »
                // says it twice: the expression alone reads better.
                if expr.to_lowercase().starts_with(&libelle.to_lowercase()) {
                    format!("{}{depuis}", texte::majuscule(&expr))
                } else {
                    format!("{libelle} : {expr}{depuis}")
                }
            }
            None => libelle,
        };
        items.push(item);
    }
    let mut refs = Vec::new();
    let mut reference = |pred: &dyn Fn(&ClauseKind) -> bool| {
        if let Some(r) = ctx.reference(pred) {
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
    };
    if let Some((cf, suspend)) = ctx.parametre(|k| match k {
        ClauseKind::CompteFinancierAuPlusTard(d, suspend) => Some((*d, *suspend)),
        _ => None,
    }) {
        // Without `suspend`, a late account is a delay to justify (instruction
        // 2025/145: « Tout dépassement de ce délai devra vous être expressément
        // justifié »), not a reason to withhold the aid.
        let suite = if suspend {
            "faute de quoi le versement est suspendu"
        } else {
            "tout dépassement de ce délai étant expressément justifié auprès de l'ARS"
        };
        items.push(format!(
            "Transmission du compte financier de l'exercice au plus tard le {cf} de l'exercice suivant, {suite}"
        ));
        reference(&|k| matches!(k, ClauseKind::CompteFinancierAuPlusTard(..)));
    }
    let mut blocs = Vec::new();
    if !items.is_empty() {
        blocs.push(Bloc::Paragraphe(if c.aide().is_some() {
            "Le versement de l'aide au titre d'un exercice est subordonné au respect, sur l'exercice précédent, des conditions suivantes :".to_string()
        } else {
            "L'établissement respecte, chaque exercice, les conditions suivantes :".to_string()
        }));
        let last = items.len().saturating_sub(1);
        blocs.push(Bloc::Liste(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| format!("{item}{}", if i == last { "." } else { " ;" }))
                .collect(),
        ));
        blocs.push(Bloc::Paragraphe(
            "Une condition qui ne peut être vérifiée faute de donnée suspend l'aide de l'exercice suivant, jusqu'à la production des justificatifs.".to_string(),
        ));
    }
    if ctx
        .clause(|k| matches!(k, ClauseKind::SignatureAvantVersement))
        .is_some()
    {
        blocs.push(Bloc::Paragraphe(
            "Aucun versement n'intervient avant la signature du présent contrat.".to_string(),
        ));
        reference(&|k| matches!(k, ClauseKind::SignatureAvantVersement));
    }
    if let Some(expr) = ctx.parametre(|k| match k {
        ClauseKind::FinAideSi(e) => Some(e),
        _ => None,
    }) {
        blocs.push(Bloc::Paragraphe(format!(
            "Si l'établissement revient à l'équilibre au cours du contrat ({}), il n'est plus éligible à l'aide à compter de l'exercice suivant.",
            texte::expression(ctx.program, expr)
        )));
        reference(&|k| matches!(k, ClauseKind::FinAideSi(_)));
    }
    if !refs.is_empty() {
        let s = if refs.len() > 1 { "s" } else { "" };
        blocs.push(Bloc::Mention(format!(
            "Référence{s} : {}.",
            texte::references(&refs)
        )));
    }
    blocs
}

pub(super) fn suivi(ctx: &Ctx) -> Vec<Bloc> {
    let c = ctx.contrat;
    let mut blocs = Vec::new();
    let sous = ctx.parametre(|k| match k {
        ClauseKind::DialogueSous(q) => Some(
            q.value
                .normalize()
                .to_string()
                .parse::<i64>()
                .map_or_else(|_| display::number(q.value), texte::en_lettres),
        ),
        _ => None,
    });
    let delai = sous
        .map(|n| format!(", dans les {n} mois suivant la signature du contrat"))
        .unwrap_or_default();
    blocs.push(Bloc::Paragraphe(match c.dialogue {
        Some((d, _)) => format!(
            "Un premier dialogue entre l'ARS et l'établissement se tient le {}{delai}.",
            d.french()
        ),
        None if !delai.is_empty() => format!(
            "Un premier dialogue entre l'ARS et l'établissement se tient{}.",
            delai.trim_start_matches(',')
        ),
        None => "Un premier dialogue entre l'ARS et l'établissement se tient après la signature du contrat, à une date que l'ARS fixe.".to_string(),
    }));
    blocs.push(Bloc::Paragraphe(
        "Ensuite, une revue annuelle réunit l'ARS et l'établissement. Au vu du compte financier de l'exercice écoulé, elle constate l'atteinte des cibles de cet exercice et le respect des conditions de versement, selon le calendrier suivant :".to_string(),
    ));
    blocs.push(Bloc::Tableau(calendrier(ctx)));
    let missing = ctx.parametre(|k| match k {
        ClauseKind::DonneeManquante(m) => Some(*m),
        _ => None,
    });
    let manquante = match missing {
        Some(MissingData::Exclue) => "il est alors exclu du calcul du taux de réalisation",
        _ => "il compte alors pour zéro",
    };
    blocs.push(Bloc::Paragraphe(format!(
        "Chaque objectif est atteint (score 1) lorsque la valeur constatée respecte la cible de l'exercice ; sinon, il est partiellement atteint, avec pour score la part du chemin parcouru depuis la base, ou non atteint (score 0). Un objectif dont l'indicateur n'est pas disponible est non évaluable : {manquante}."
    )));
    let poids = if ctx
        .clause(|k| matches!(k, ClauseKind::PonderationParGains))
        .is_some()
    {
        "pondérée par le poids de chaque objectif ou, à défaut de poids, par ses gains attendus"
    } else {
        "pondérée par le poids de chaque objectif"
    };
    blocs.push(Bloc::Paragraphe(format!(
        "Le taux de réalisation de l'exercice est la moyenne des scores, {poids}. Les engagements sont tenus lorsque ce taux atteint 90 % et que toutes les conditions sont respectées, partiellement tenus lorsqu'il atteint 50 %, non tenus sinon."
    )));
    if let Some(r) = ctx.reference(|k| matches!(k, ClauseKind::DialogueSous(_))) {
        blocs.push(Bloc::Mention(format!("Référence : {r}.")));
    }
    blocs
}

/// One row per evaluated year: targets, CF deadline, the aid it governs.
fn calendrier(ctx: &Ctx) -> Tableau {
    let cf = ctx.parametre(|k| match k {
        ClauseKind::CompteFinancierAuPlusTard(d, _) => Some(*d),
        _ => None,
    });
    let has_aide = ctx.contrat.aide().is_some();
    let mut colonnes = vec![
        Colonne::texte("Exercice évalué"),
        Colonne::nombre("Objectifs évalués"),
    ];
    if cf.is_some() {
        colonnes.push(Colonne::texte("Compte financier au plus tard le"));
    }
    if has_aide {
        colonnes.push(Colonne::texte("Aide concernée"));
    }
    let lignes = ctx
        .annees_de_cibles()
        .into_iter()
        .map(|y| {
            let n = ctx
                .contrat
                .objectifs
                .iter()
                .filter(|o| o.cibles.iter().any(|c| c.annee.value == y))
                .count();
            let mut row = vec![Cellule::new(y.to_string()), Cellule::new(n.to_string())];
            if let Some(d) = cf {
                row.push(Cellule::new(d.in_year(y + 1).french()));
            }
            if has_aide {
                row.push(Cellule::new(match ctx.aide_prevue(y + 1) {
                    Some(m) => format!("{} : {}", y + 1, display::euros(m)),
                    None => format!("{} : aucune aide prévue", y + 1),
                }));
            }
            row
        })
        .collect();
    Tableau {
        colonnes,
        lignes,
        total: None,
    }
}

pub(super) fn modulation(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    match ctx.modulation() {
        Some((m, du_contrat)) => {
            // The framework by its label, never its identifier.
            let origine = if du_contrat {
                "fixé par le présent contrat".to_string()
            } else {
                "prévu par défaut pour ce type de contrat".to_string()
            };
            blocs.push(Bloc::Paragraphe(format!(
                "Le montant de l'aide prévu pour un exercice est modulé selon le taux de réalisation des objectifs de l'exercice précédent, d'après le barème {origine} :"
            )));
            blocs.push(Bloc::Tableau(bareme(m)));
        }
        None => blocs.push(Bloc::Paragraphe(
            "Ni le contrat ni son cadre ne fixent de barème de modulation : l'aide prévue est versée en entier lorsque les conditions de versement sont remplies.".to_string(),
        )),
    }
    blocs.push(Bloc::Paragraphe(
        "Lorsqu'aucun objectif n'a de cible pour l'exercice évalué, l'aide prévue est due en entier, sous réserve des conditions de versement. Les montants sont arrondis à l'euro.".to_string(),
    ));
    blocs
}

/// The modulation table in words: `de 60 % à moins de 90 %` → `75 %`.
pub(super) fn bareme(m: &Modulation) -> Tableau {
    let mut lignes = Vec::new();
    let mut previous: Option<String> = None;
    for line in &m.lines {
        let (seuil, part) = match line {
            ModulationLine::Si {
                op, seuil, part, ..
            } => {
                let s = texte::quantite(seuil);
                let text = match (op, &previous) {
                    (crate::ast::CmpOp::Ge, None) => format!("{s} ou plus"),
                    (crate::ast::CmpOp::Ge, Some(p)) => format!("de {s} à moins de {p}"),
                    (op, _) => format!("{} {s}", texte::comparateur(*op)),
                };
                previous = matches!(op, crate::ast::CmpOp::Ge).then_some(s);
                (text, part)
            }
            ModulationLine::Sinon { part, .. } => (
                previous
                    .as_ref()
                    .map_or_else(|| "autres cas".to_string(), |p| format!("moins de {p}")),
                part,
            ),
        };
        lignes.push(vec![
            Cellule::new(seuil),
            Cellule::new(texte::quantite(part)),
        ]);
    }
    Tableau {
        colonnes: vec![
            Colonne::texte("Taux de réalisation de l'exercice précédent"),
            Colonne::nombre("Part de l'aide prévue versée"),
        ],
        lignes,
        total: None,
    }
}

pub(super) fn revision(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Paragraphe(
        "À la demande de l'ARS ou de l'établissement, les dispositions du présent contrat peuvent être modifiées par voie d'avenant, notamment pour réviser ses objectifs, ses cibles ou l'échéancier de l'aide.".to_string(),
    )];
    let avenants = &ctx.contrat.avenants;
    if !avenants.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Le présent texte est la version consolidée du contrat ; il intègre les avenants suivants :".to_string(),
        ));
        blocs.push(Bloc::Tableau(Tableau {
            colonnes: vec![
                Colonne::nombre("N°"),
                Colonne::texte("Signé le"),
                Colonne::texte("Objet"),
            ],
            lignes: avenants
                .iter()
                .map(|a| {
                    vec![
                        Cellule::new(display::number(a.numero.value)),
                        Cellule::new(a.signe.french()),
                        Cellule::new(a.objet.value.clone()),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    blocs
}
