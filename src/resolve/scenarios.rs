//! Names and required fields of `scénario` items (§11): the contract, its
//! objectives and conditions, the indicators of `chiffres` and the codes of
//! `codes:` exist (E0101, with the closest name); a scenario's name is
//! unique and its single fields written once (E0102); `contrat`, `attendu`,
//! and `exercice` when a result of evaluation is expected, are given
//! (E0103). A figure in a unit of another dimension than its indicator's is
//! E0301, as in a figures file.

use super::names::{repeated, unknown};
use super::suggest::closest;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::source::Span;
use std::collections::HashMap;

pub(super) fn check(program: &Program, d: &mut Diagnostics) {
    let mut names: HashMap<&str, &Scenario> = HashMap::new();
    for s in &program.scenarios {
        if let Some(first) = names.get(s.nom.value.as_str()) {
            d.push(twice(s, first));
        } else {
            names.insert(&s.nom.value, s);
        }
        repeated(&s.repeated, d);
        required(s, d);
        chiffres(program, s, d);
        codes(s, d);
        if let Some(id) = &s.contrat {
            match program.contrats.iter().find(|c| c.id.name == id.name) {
                Some(c) => members(c, s, d),
                None => {
                    let all = program.contrats.iter().map(|c| c.id.name.as_str());
                    d.push(unknown(id, "le contrat", closest(&id.name, all)));
                }
            }
        }
    }
}

fn twice(s: &Scenario, first: &Scenario) -> Diagnostic {
    Diagnostic::new(
        Code::E0102,
        s.nom.span,
        format!("le scénario « {} » est défini deux fois", s.nom.value),
    )
    .label("second scénario de ce nom")
    .secondary(first.nom.span, "premier scénario de ce nom")
    .help("donnez à chaque scénario un nom qui dit ce qu'il vérifie : les rapports de `pacte test` le citent")
}

/// Whether an expectation needs the evaluation (everything but `codes:`).
pub fn needs_evaluation(a: &Attente) -> bool {
    !matches!(a.kind, AttenteKind::Codes(_))
}

fn required(s: &Scenario, d: &mut Diagnostics) {
    let owner = format!("le scénario « {} »", s.nom.value);
    let mut missing = |field: &str, example: &str| {
        d.push(
            Diagnostic::new(
                Code::E0103,
                s.nom.span,
                format!("{owner} n'a pas de champ `{field}`"),
            )
            .label(format!("`{field}` manquant"))
            .help(format!("ajoutez une ligne, par exemple : {example}")),
        );
    };
    if s.contrat.is_none() {
        missing("contrat", "contrat ch_valmont_2025");
    }
    if s.attendu_span.is_none() || s.attendu.is_empty() {
        missing(
            "attendu",
            "attendu { objectif marge: atteint } (ou attendu { codes: aucun })",
        );
    }
    if s.exercice.is_none() && s.attendu.iter().any(needs_evaluation) {
        missing("exercice", "exercice 2026");
    }
}

fn chiffres(program: &Program, s: &Scenario, d: &mut Diagnostics) {
    let mut seen: HashMap<(Option<i32>, &str), Span> = HashMap::new();
    for block in &s.chiffres {
        let year = block.annee.map(|y| y.value);
        for line in &block.valeurs {
            let key = (year, line.indicateur.name.as_str());
            match seen.get(&key) {
                Some(first) => d.push(figure_twice(line, *first)),
                None => {
                    seen.insert(key, line.span);
                }
            }
        }
    }
    for line in s.chiffres.iter().flat_map(|c| &c.valeurs) {
        let id = &line.indicateur;
        let Some(indicateur) = program.indicateurs.get(&id.name) else {
            let all = program.indicateurs.keys().map(String::as_str);
            d.push(unknown(id, "l'indicateur", closest(&id.name, all)));
            continue;
        };
        let Some((unite, _)) = indicateur.unite else {
            continue;
        };
        let expected = unite.dimension();
        let written = line.valeur.dimension();
        let bare = matches!(&line.valeur, Value::Quantity(q) if q.unit == Unit::None);
        if written != expected && !(bare && is_numeric(expected)) {
            d.push(
                Diagnostic::new(
                    Code::E0301,
                    line.valeur.span(),
                    format!(
                        "la valeur de `{}` n'est pas de la dimension de l'indicateur ({})",
                        id.name,
                        dimension_name(expected)
                    ),
                )
                .label(format!("{} attendu", dimension_name(expected)))
                .help(format!(
                    "l'indicateur `{}` est en {} : écrivez par exemple `{}`",
                    id.name,
                    unite_text(unite),
                    example(expected)
                )),
            );
        }
    }
}

fn figure_twice(line: &ReferenceLine, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E0102,
        line.span,
        format!("le chiffre de `{}` est donné deux fois", line.indicateur.name),
    )
    .label("second chiffre")
    .secondary(first, "premier chiffre, celui qui compte")
    .help("gardez une seule valeur par indicateur et par année ; pour une autre année, écrivez `chiffres AAAA { … }`")
}

fn is_numeric(dim: Dimension) -> bool {
    matches!(
        dim,
        Dimension::Money | Dimension::Ratio | Dimension::Duration | Dimension::Number
    )
}

fn unite_text(u: UniteName) -> &'static str {
    match u.dimension() {
        Dimension::Money => "euros",
        Dimension::Ratio => "%",
        Dimension::Duration => "jours",
        Dimension::Number => "nombre",
        Dimension::Boolean => "booléen",
        Dimension::Date => "date",
    }
}

fn example(dim: Dimension) -> &'static str {
    match dim {
        Dimension::Money => "1,2 M€",
        Dimension::Ratio => "4,2 %",
        Dimension::Duration => "27 j",
        Dimension::Number => "12",
        Dimension::Boolean => "oui",
        Dimension::Date => "2027-06-30",
    }
}

fn dimension_name(dim: Dimension) -> &'static str {
    match dim {
        Dimension::Money => "un montant",
        Dimension::Ratio => "un ratio",
        Dimension::Duration => "une durée",
        Dimension::Number => "un nombre",
        Dimension::Boolean => "oui ou non",
        Dimension::Date => "une date",
    }
}

fn codes(s: &Scenario, d: &mut Diagnostics) {
    for id in s.attendu.iter().filter_map(|a| match &a.kind {
        AttenteKind::Codes(codes) => Some(codes),
        _ => None,
    }) {
        for code in id.iter().filter(|c| Code::parse(&c.name).is_none()) {
            let all = Code::ALL.iter().map(|c| c.as_str());
            d.push(unknown(code, "le code", closest(&code.name, all)));
        }
    }
}

/// The objectives and conditions named exist in the contract.
fn members(c: &Contrat, s: &Scenario, d: &mut Diagnostics) {
    for a in &s.attendu {
        match &a.kind {
            AttenteKind::Objectif(id, _) => {
                let all: Vec<&str> = c.objectifs.iter().map(|o| o.id.name.as_str()).collect();
                if !all.contains(&id.name.as_str()) {
                    d.push(unknown_in(id, "l'objectif", c, closest(&id.name, all)));
                }
            }
            AttenteKind::Condition(id, _) => {
                let all: Vec<&str> = c.conditions.iter().map(|o| o.id.name.as_str()).collect();
                if !all.contains(&id.name.as_str()) {
                    d.push(unknown_in(id, "la condition", c, closest(&id.name, all)));
                }
            }
            _ => {}
        }
    }
}

/// E0101 for an objective or condition the contract does not have.
fn unknown_in(id: &Ident, what: &str, c: &Contrat, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::E0101,
        id.span,
        format!(
            "{what} `{}` n'existe pas dans le contrat `{}`",
            id.name, c.id.name
        ),
    )
    .label("nom inconnu");
    match suggestion {
        Some(s) => diagnostic.help(format!("vouliez-vous dire `{s}` ?")),
        None => diagnostic
            .secondary(c.id.span, "le contrat visé par le scénario")
            .help("un scénario ne peut attendre que les objectifs et conditions écrits dans son contrat"),
    }
}
