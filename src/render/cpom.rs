//! The model CPOM (modèle `cpom`): the « modèle-type de CPOM » of the DGOS
//! CPOM guide, annexe 1. Its visas, « Il a été expressément convenu ce qui
//! suit », Titre 1 (fondements, orientations stratégiques), Titre 2 (suivi
//! annuel and final report, révision, résiliation, sanctions), durée and
//! prise d'effet, « Fait à …, le … », the signatures, and the indicator
//! annex with the model's columns. Every amount of funding is indicative:
//! « La signature initiale du contrat ne vaut pas engagement au sens
//! budgétaire et comptable pour les financements prévus, même ceux durant la
//! première année » (guide, fiche A2).

use super::contrat::{ans, fait_le, Annexe, Article, Ctx, Document};
use super::objectifs::titre;
use super::texte;
use super::{Bloc, Cellule, Colonne, Tableau};
use crate::display;
use crate::model::base_of;
use rust_decimal::Decimal;

const CSP: &str = "du code de la santé publique";

/// Lays the common document out as the model CPOM.
pub(super) fn adapter(ctx: &Ctx, doc: &mut Document) {
    doc.vu = visas(ctx, &doc.vu);
    doc.convenu = "Il a été expressément convenu ce qui suit :".to_string();
    let mut fondements = Article::new("Les fondements", fondements(ctx));
    fondements.partie = Some("Titre 1. L'objet du contrat".to_string());
    let mut suivi = Article::new("Le suivi du contrat", suivi(ctx));
    suivi.partie = Some("Titre 2. La mise en œuvre du contrat".to_string());
    doc.articles = vec![
        fondements,
        Article::new("Les orientations stratégiques", orientations(ctx)),
        suivi,
        Article::new("La révision du contrat", revision(ctx)),
        Article::new(
            "La résiliation du contrat en cas de manquement grave",
            vec![Bloc::Paragraphe(format!(
                "L'article R. 6114-9 {CSP} détermine les conditions de la résiliation du présent contrat en cas de manquement grave de l'établissement à ses obligations contractuelles."
            ))],
        ),
        Article::new(
            "Les sanctions en cas d'inexécution totale ou partielle des engagements",
            sanctions(),
        ),
        Article::new("Durée du contrat et entrée en vigueur", duree(ctx)),
    ];
    doc.signature.fait_le = fait_le(ctx.contrat, 2, true);
    if let [ars, etab, ..] = doc.signature.signataires.as_mut_slice() {
        ars.qualite = "Le directeur général de l'ARS".to_string();
        etab.qualite = "Le représentant légal de l'établissement".to_string();
    }
    let mut annexes = vec![indicateurs(ctx)];
    if let Some(f) = financement(ctx) {
        annexes.push(f);
    }
    annexes.append(&mut doc.annexes);
    doc.annexes = annexes;
}

/// The model's visas, then any other text the framework or the envelope
/// cites (never a guide).
fn visas(ctx: &Ctx, cites: &[String]) -> Vec<String> {
    let mut vu = vec![
        format!("Vu les articles L. 6114-1 à L. 6114-5 {CSP}"),
        format!("Vu les articles D. 6114-1 à D. 6114-8 {CSP}"),
        format!("Vu les articles R. 6114-9 et R. 6114-10 {CSP}"),
        "Vu le projet régional de santé arrêté le ……………………".to_string(),
    ];
    let public = ctx
        .contrat
        .etablissement
        .as_ref()
        .and_then(|e| e.statut.as_ref())
        .is_some_and(|s| s.name == "public");
    if public {
        vu.push("Vu l'avis du conseil de surveillance en date du ……………………".to_string());
    }
    vu.extend(cites.iter().filter(|v| !v.contains("6114")).cloned());
    vu
}

fn fondements(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Paragraphe(
        "Le présent contrat permet la déclinaison, par objectifs et par actions, des orientations du projet régional de santé. Il est négocié dans le respect du principe d'autonomie de l'établissement.".to_string(),
    )];
    if let Some((a, b)) = ctx.periode() {
        blocs.push(Bloc::Paragraphe(format!(
            "Il couvre les exercices {a} à {b}."
        )));
    }
    blocs
}

fn orientations(ctx: &Ctx) -> Vec<Bloc> {
    let objectifs = &ctx.contrat.objectifs;
    let mut blocs = vec![Bloc::Paragraphe(
        "Les orientations stratégiques retenues au terme de la négociation sont :".to_string(),
    )];
    blocs.push(Bloc::Liste(
        objectifs
            .iter()
            .enumerate()
            .map(|(i, o)| format!("Orientation n° {} : {}", i + 1, titre(o)))
            .collect(),
    ));
    for o in objectifs
        .iter()
        .filter(|o| !o.actions.is_empty() || !o.textes.is_empty())
    {
        blocs.push(Bloc::Intertitre(2, titre(o)));
        blocs.extend(o.textes.iter().map(|t| Bloc::Markdown(t.value.clone())));
        blocs.extend(o.actions.iter().map(|a| {
            let mut qui = Vec::new();
            if let Some(r) = &a.responsable {
                qui.push(format!("sous la responsabilité de : {}", r.value));
            }
            if let Some((d, _)) = a.echeance {
                qui.push(format!("échéance : {}", d.french()));
            }
            let suite = if qui.is_empty() {
                String::new()
            } else {
                format!(" ({})", qui.join(", "))
            };
            Bloc::Paragraphe(format!("Action : {}{suite}.", a.libelle.value))
        }));
    }
    blocs.push(Bloc::Paragraphe(
        "Les modalités de leur réalisation sont déclinées dans les annexes du présent contrat, qui fixent pour chaque objectif son indicateur de suivi, sa valeur initiale et ses cibles annuelles. Ces annexes sont opposables dans les conditions définies à l'article 6.".to_string(),
    ));
    blocs
}

fn suivi(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![
        Bloc::Intertitre(1, "a) Le suivi annuel".to_string()),
        Bloc::Paragraphe("Le contrat fait l'objet d'un suivi dans le cadre de la revue annuelle réunissant :".to_string()),
        Bloc::Liste(vec![
            "pour l'ARS : le directeur général de l'ARS ou son représentant ;".to_string(),
            "pour l'établissement : une délégation conduite par le directeur de l'établissement, assisté de deux collaborateurs de son choix.".to_string(),
        ]),
    ];
    if let Some((d, _)) = ctx.contrat.dialogue {
        blocs.push(Bloc::Paragraphe(format!(
            "Une première rencontre entre l'ARS et l'établissement se tient le {}.",
            d.french()
        )));
    }
    blocs.extend([
        Bloc::Paragraphe("La revue annuelle de contrat a pour objet :".to_string()),
        Bloc::Liste(vec![
            "l'examen contradictoire du bilan annuel de réalisation des actions prévues au contrat à l'année n-1 ;".to_string(),
            "l'évaluation des résultats sur la base des indicateurs prévus au contrat ;".to_string(),
            "l'analyse des perspectives pour l'année n et les années à venir ;".to_string(),
            "la définition des éventuels avenants prévus à l'article 4 ;".to_string(),
            "la détermination des sanctions prévues à l'article 6.".to_string(),
        ]),
        Bloc::Paragraphe(format!(
            "L'analyse contradictoire est menée sur la base d'un rapport annuel d'étape prévu à l'article D. 6114-8 {CSP}, produit par l'établissement au plus tard un mois avant la réunion, et d'un rapport réalisé par l'ARS au terme d'une rencontre avec l'établissement, portant notamment sur la situation budgétaire et financière."
        )),
        Bloc::Paragraphe("La revue annuelle fait l'objet d'une lettre d'observations adressée par l'ARS au plus tard un mois après la date de la réunion. L'établissement dispose d'un mois pour présenter ses éventuelles observations.".to_string()),
        Bloc::Intertitre(1, "b) Le rapport final".to_string()),
    ]);
    let quand = ctx
        .fin()
        .map(|f| {
            let un_an_avant = crate::date::Date::new(f.year - 1, f.month, f.day)
                .or_else(|| crate::date::Date::new(f.year - 1, f.month, f.day - 1))
                .unwrap_or(f);
            format!(", au plus tard le {},", un_an_avant.french())
        })
        .unwrap_or_default();
    blocs.push(Bloc::Paragraphe(format!(
        "Conformément à l'article D. 6114-8 {CSP}, l'établissement transmet{quand} un an avant l'échéance du présent contrat et au moment de sa demande de renouvellement, un rapport final d'exécution du contrat."
    )));
    blocs
}

fn revision(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = vec![
        Bloc::Paragraphe("À la demande de l'établissement ou de l'ARS, les dispositions du contrat sont modifiées par voie d'avenant :".to_string()),
        Bloc::Liste(vec![
            "pour prendre en compte les modifications substantielles de l'environnement de l'établissement, de l'offre de soins régionale et des missions qui lui sont confiées ;".to_string(),
            "pour réviser le contenu des objectifs et des plans d'actions afin de tenir compte de nouvelles orientations politiques nationales ;".to_string(),
            "pour intégrer l'accompagnement financier consenti par l'ARS destiné à la réalisation des orientations du contrat ;".to_string(),
            "pour modifier la liste des missions d'intérêt général ou de service public confiées à l'établissement.".to_string(),
        ]),
    ];
    // The consolidated text's signed avenants, as in the 2025 contract.
    blocs.extend(super::modalites::revision(ctx).into_iter().skip(1));
    blocs
}

fn sanctions() -> Vec<Bloc> {
    vec![
        Bloc::Paragraphe(format!(
            "L'article R. 6114-10 {CSP} détermine les conditions d'application des sanctions liées à une inexécution totale ou partielle des engagements figurant au présent contrat."
        )),
        Bloc::Paragraphe("Le constat de l'inexécution est réalisé sur la base des échanges et conclusions de la revue annuelle visée à l'article 3.".to_string()),
        Bloc::Paragraphe(format!(
            "Les pénalités financières sont proportionnées à la gravité du manquement constaté. Elles ne peuvent excéder, au cours d'une même année, 5 % des produits reçus par l'établissement des régimes obligatoires d'assurance maladie au titre du dernier exercice clos (article L. 6114-1 {CSP})."
        )),
    ]
}

fn duree(ctx: &Ctx) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    let duree = match (ctx.annees_pleines(), ctx.periode()) {
        (Some(n), _) => Some(ans(n)),
        (None, Some((a, b))) => Some(format!(
            "{}, de l'exercice {a} à l'exercice {b} inclus",
            texte::exercices(b - a + 1)
        )),
        (None, None) => None,
    };
    if let Some(d) = duree {
        blocs.push(Bloc::Paragraphe(format!(
            "Le contrat est conclu pour une durée de {d}."
        )));
    }
    blocs.push(Bloc::Paragraphe(match (ctx.contrat.signe, ctx.fin()) {
        (Some((d, _)), Some(f)) => format!(
            "Il prend effet à compter du {} et prend fin le {}.",
            d.french(),
            f.french()
        ),
        (Some((d, _)), None) => format!("Il prend effet à compter du {}.", d.french()),
        _ => "Il prend effet à compter de sa signature.".to_string(),
    }));
    blocs
}

/// The indicator table of the model's annexe 1: objective, indicator,
/// source, initial value, one target per year.
fn indicateurs(ctx: &Ctx) -> Annexe {
    let years = ctx.annees_de_cibles();
    let mut colonnes = vec![
        Colonne::texte("Objectif"),
        Colonne::texte("Indicateur de suivi"),
        Colonne::texte("Source"),
        Colonne::nombre("Valeur initiale"),
    ];
    colonnes.extend(years.iter().map(|y| Colonne::nombre(format!("Cible {y}"))));
    let lignes = ctx
        .contrat
        .objectifs
        .iter()
        .map(|o| {
            let ind = o.indicateur.as_ref().map(|i| i.name.as_str());
            let mut row = vec![
                Cellule::new(titre(o)),
                Cellule::new(ind.map_or_else(
                    || "—".to_string(),
                    |i| texte::indicateur_titre(ctx.program, i),
                )),
                Cellule::new(ind.map_or_else(|| "—".to_string(), |i| source(ctx, i))),
                match base_of(ctx.contrat, o) {
                    Some((annee, v, _)) => {
                        Cellule::avec_detail(texte::valeur(v), format!("en {annee}"))
                    }
                    None => Cellule::new("—"),
                },
            ];
            row.extend(years.iter().map(|y| {
                Cellule::new(
                    o.cibles
                        .iter()
                        .find(|c| c.annee.value == *y)
                        .map_or_else(|| "—".to_string(), |c| texte::cible(&c.comparison)),
                )
            }));
            row
        })
        .collect();
    Annexe {
        titre: "Orientations stratégiques : tableau de suivi des indicateurs".to_string(),
        blocs: vec![
            Bloc::Paragraphe("Pour suivre les objectifs du présent contrat, les indicateurs suivants sont retenus :".to_string()),
            Bloc::Tableau(Tableau {
                colonnes,
                lignes,
                total: None,
            }),
        ],
    }
}

/// Where an indicator's value comes from: Hospi Diag, else the
/// establishment's accounts and activity data.
fn source(ctx: &Ctx, indicateur: &str) -> String {
    match ctx
        .program
        .indicateur(indicateur)
        .and_then(|i| i.hospidiag.as_ref())
    {
        Some(code) => format!("Hospi Diag ({})", code.value),
        None => "Données de l'établissement".to_string(),
    }
}

/// The funding, always indicative (guide, fiche A2 and annexe 8).
fn financement(ctx: &Ctx) -> Option<Annexe> {
    if ctx.contrat.aides.is_empty() {
        return None;
    }
    let mut blocs = vec![Bloc::Paragraphe(
        "La signature du présent contrat ne vaut pas engagement au sens budgétaire et comptable pour les financements prévus, même ceux de la première année. Les montants suivants sont mentionnés à titre indicatif ; le montant délégué chaque année est fixé par l'arrêté de versement, postérieur au contrat.".to_string(),
    )];
    for aide in &ctx.contrat.aides {
        let total: Decimal = aide.annees.iter().map(|a| a.montant.value).sum();
        blocs.push(Bloc::Paragraphe(format!(
            "Au titre {} :",
            super::modalites::source(ctx, aide)
        )));
        blocs.push(Bloc::Tableau(Tableau {
            colonnes: vec![
                Colonne::texte("Exercice"),
                Colonne::nombre("Montant indicatif"),
            ],
            lignes: aide
                .annees
                .iter()
                .map(|a| {
                    vec![
                        Cellule::new(a.annee.value.to_string()),
                        Cellule::new(display::euros(a.montant.value)),
                    ]
                })
                .collect(),
            total: Some(vec![
                Cellule::new("Total"),
                Cellule::new(display::euros(total)),
            ]),
        }));
    }
    Some(Annexe {
        titre: "Le financement".to_string(),
        blocs,
    })
}
