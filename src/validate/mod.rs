//! **Stage 3b — well-formedness (E0103, E0201, E0202, E0203, E0204, E0401,
//! E0501; for `revue` items, E0101, E0102, E0202 and V0103).** [`Program`] → diagnostics for what needs names but no framework
//! rule: required fields, period, target years, FINESS, modulation, weights.
//!
//! A broken period (E0201) is "poisoned": [`valid_periode`] returns `None`
//! and the rules that depend on it stay silent.

pub mod finess;
mod modulation;
pub mod revue;
pub mod suivi;
mod termes;

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{base_of, Program};

pub use modulation::check as check_modulation;

/// The contract's period, unless it ends before it starts.
pub fn valid_periode(contrat: &Contrat) -> Option<&Periode> {
    contrat
        .periode
        .as_ref()
        .filter(|p| p.fin.value >= p.debut.value)
}

pub fn check(program: &Program, diagnostics: &mut Diagnostics) {
    revue::check(program, diagnostics);
    suivi::check(program, diagnostics);
    for contrat in &program.contrats {
        contrat_fields(contrat, diagnostics);
        periode(contrat, diagnostics);
        termes::fin(contrat, diagnostics);
        if let Some(e) = contrat
            .etablissement
            .as_ref()
            .and_then(|e| e.finess.as_ref())
        {
            finess::check(e, diagnostics);
        }
        if let Some(m) = &contrat.modulation {
            modulation::check(m, diagnostics);
        }
        for objectif in &contrat.objectifs {
            objectif_fields(contrat, objectif, diagnostics);
        }
        for condition in contrat.conditions.iter().filter(|c| c.exige.is_none()) {
            diagnostics.push(missing(
                condition.id.span,
                "exige",
                &format!("la condition `{}`", condition.id.name),
                "exige jours_de_stocks <= 28 j",
            ));
        }
    }
    for cadre in program.cadres.values() {
        if let Some(ClauseKind::Modulation(m)) = cadre
            .cadre
            .clauses
            .iter()
            .map(|c| &c.kind)
            .find(|k| matches!(k, ClauseKind::Modulation(_)))
        {
            modulation::check(m, diagnostics);
        }
    }
    termes::durees(program, diagnostics);
    for indicateur in program.indicateurs.values().filter(|i| i.unite.is_none()) {
        diagnostics.push(missing(
            indicateur.id.span,
            "unité",
            &format!("l'indicateur `{}`", indicateur.id.name),
            "unité %",
        ));
    }
}

/// E0103 for a required field.
fn missing(span: crate::source::Span, field: &str, owner: &str, example: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0103,
        span,
        format!("{owner} n'a pas de champ `{field}`"),
    )
    .label(format!("`{field}` manquant"))
    .help(format!("ajoutez une ligne, par exemple : {example}"))
}

fn contrat_fields(c: &Contrat, d: &mut Diagnostics) {
    let owner = format!("le contrat `{}`", c.id.name);
    let span = c.id.span;
    let required: [(bool, &str, &str); 7] = [
        (
            c.intitule.is_some(),
            "intitulé",
            "intitulé \"Contrat de redressement du CH de …\"",
        ),
        (c.cadre.is_some(), "cadre", "cadre redressement_2025"),
        (c.ars.is_some(), "ars", "ars \"ARS Normandie\""),
        (
            c.etablissement.is_some(),
            "établissement",
            "établissement { raison_sociale \"…\" finess \"…\" statut public catégorie CH }",
        ),
        (c.signe.is_some(), "signé le", "signé le 2025-12-10"),
        (c.periode.is_some(), "période", "période 2025 à 2029"),
        (!c.objectifs.is_empty(), "objectif", "objectif marge { … }"),
    ];
    for (present, field, example) in required {
        if !present {
            d.push(missing(span, field, &owner, example));
        }
    }
    if let Some(e) = &c.etablissement {
        let fields: [(bool, &str, &str); 4] = [
            (
                e.raison_sociale.is_some(),
                "raison_sociale",
                "raison_sociale \"Centre hospitalier de …\"",
            ),
            (e.finess.is_some(), "finess", "finess \"760000018\""),
            (e.statut.is_some(), "statut", "statut public"),
            (e.categorie.is_some(), "catégorie", "catégorie CH"),
        ];
        for (present, field, example) in fields {
            if !present {
                d.push(missing(e.span, field, "l'établissement", example));
            }
        }
    }
}

fn periode(c: &Contrat, d: &mut Diagnostics) {
    let Some(p) = &c.periode else { return };
    if p.fin.value < p.debut.value {
        d.push(
            Diagnostic::new(Code::E0201, p.span, format!("la période se termine ({}) avant de commencer ({})", p.fin.value, p.debut.value))
                .label("fin avant début")
                .help(format!("vouliez-vous dire `période {} à {}` ?", p.fin.value, p.debut.value))
                .note("les règles qui dépendent de la période ne sont pas vérifiées tant qu'elle est incohérente"),
        );
    }
}

fn objectif_fields(c: &Contrat, o: &Objectif, d: &mut Diagnostics) {
    let owner = format!("l'objectif `{}`", o.id.name);
    let required: [(bool, &str, &str); 4] = [
        (
            o.libelle.is_some(),
            "libellé",
            "libellé \"Restaurer la marge brute\"",
        ),
        (o.kind.is_some(), "type", "type financier"),
        (
            o.indicateur.is_some(),
            "indicateur",
            "indicateur marge_brute_hors_aides",
        ),
        (!o.cibles.is_empty(), "cible", "cible 2026: >= 4 %"),
    ];
    for (present, field, example) in required {
        if !present {
            d.push(missing(o.id.span, field, &owner, example));
        }
    }
    if let Some(p) = o
        .poids
        .as_ref()
        .filter(|p| p.value <= rust_decimal::Decimal::ZERO)
    {
        d.push(
            Diagnostic::new(
                Code::E0501,
                p.span,
                format!("le poids de l'objectif `{}` doit être positif", o.id.name),
            )
            .label("poids nul ou négatif")
            .help("donnez un poids strictement positif (1 par défaut), ou retirez l'objectif"),
        );
    }
    target_years(c, o, d);
}

/// E0202: targets inside the period, base before the first target.
fn target_years(c: &Contrat, o: &Objectif, d: &mut Diagnostics) {
    if let Some(p) = valid_periode(c) {
        for cible in o
            .cibles
            .iter()
            .filter(|x| x.annee.value < p.debut.value || x.annee.value > p.fin.value)
        {
            d.push(
                Diagnostic::new(
                    Code::E0202,
                    cible.annee.span,
                    format!(
                        "la cible {} de `{}` est hors de la période du contrat ({} à {})",
                        cible.annee.value, o.id.name, p.debut.value, p.fin.value
                    ),
                )
                .label("hors période")
                .secondary(p.span, "période du contrat")
                .help("fixez les cibles dans les années du contrat, ou modifiez la période"),
            );
        }
    }
    let first = o.cibles.iter().map(|x| x.annee.value).min();
    if let (Some((year, _, span)), Some(first)) = (base_of(c, o), first) {
        if year >= first {
            d.push(
                Diagnostic::new(Code::E0202, span, format!("la base de `{}` ({year}) n'est pas antérieure à sa première cible ({first})", o.id.name))
                    .label("année de base")
                    .help(format!("prenez une base d'une année avant {first}, par exemple le dernier compte financier connu")),
            );
        }
    }
}
