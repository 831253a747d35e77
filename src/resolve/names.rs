//! Every name used is defined (E0101), nothing is defined twice inside a
//! contract (E0102), and indicator formulas are not circular (E0104).

use super::defined_twice;
use super::suggest::closest;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use std::collections::{BTreeMap, HashMap};

pub const STATUTS: &[&str] = &["public", "ebnl", "privé_lucratif"];
/// The document models of `pacte render` (spec §9), named by `modèle ID`.
pub const MODELES: &[&str] = &["redressement_2025", "cref", "contrat_performance", "cpom"];
pub const CATEGORIES: &[&str] = &[
    "CHU", "CHR", "CH", "CHS", "HL", "SMR", "HAD", "CLCC", "EBNL", "autre",
];

pub(super) fn check(
    program: &Program,
    cadres: &BTreeMap<String, Cadre>,
    diagnostics: &mut Diagnostics,
) {
    let names = Names { program, cadres };
    for contrat in &program.contrats {
        names.contrat(contrat, diagnostics);
        duplicates_in_contrat(contrat, diagnostics);
    }
    for indicateur in program.indicateurs.values() {
        if let Some(f) = &indicateur.formule {
            names.expr(f, diagnostics);
        }
        repeated(&indicateur.repeated, diagnostics);
    }
    formula_cycles(program, diagnostics);
    for theme in program.themes.values() {
        repeated(&theme.repeated, diagnostics);
        theme
            .indicateurs
            .iter()
            .for_each(|i| names.indicateur(i, diagnostics));
    }
    for cadre in cadres.values() {
        repeated(&cadre.repeated, diagnostics);
        names.cadre(cadre, diagnostics);
    }
    for enveloppe in program.enveloppes.values() {
        repeated(&enveloppe.repeated, diagnostics);
        names.clauses(&enveloppe.clauses, diagnostics);
    }
    for delegation in &program.delegations {
        repeated(&delegation.repeated, diagnostics);
        names.enveloppe(&delegation.enveloppe, diagnostics);
    }
    for def in program.diagnosis_defs.values() {
        repeated(&def.repeated, diagnostics);
        def.groupes
            .iter()
            .filter_map(|g| g.condition.as_ref())
            .for_each(|e| names.expr_allowing(e, &DIAGNOSTIC_COUNTS, diagnostics));
    }
}

struct Names<'a> {
    program: &'a Program,
    cadres: &'a BTreeMap<String, Cadre>,
}

impl Names<'_> {
    fn contrat(&self, c: &Contrat, d: &mut Diagnostics) {
        if let Some(cadre) = &c.cadre {
            self.cadre_name(cadre, d);
        }
        for aide in &c.aides {
            self.enveloppe(&aide.enveloppe, d);
        }
        for integre in c.avenants.iter().filter_map(|a| a.integre.as_ref()) {
            self.enveloppe(integre, d);
        }
        if let Some(e) = &c.etablissement {
            if let Some(s) = &e.statut {
                check_in_list(s, STATUTS, "le statut", "statuts", d);
            }
            if let Some(cat) = &e.categorie {
                check_in_list(cat, CATEGORIES, "la catégorie", "catégories", d);
            }
        }
        for line in c.references.iter().flat_map(|r| &r.valeurs) {
            self.indicateur(&line.indicateur, d);
        }
        for o in &c.objectifs {
            if let Some(i) = &o.indicateur {
                self.indicateur(i, d);
            }
            if let Some((ObjectifType::Levier(theme), _)) = &o.kind {
                self.theme(theme, d);
            }
        }
        for exige in c.conditions.iter().filter_map(|x| x.exige.as_ref()) {
            self.expr(&exige.expr, d);
        }
    }

    fn cadre(&self, cadre: &Cadre, d: &mut Diagnostics) {
        if let Some(parent) = &cadre.parent {
            self.cadre_name(parent, d);
        }
        self.clauses(&cadre.clauses, d);
    }

    fn clauses(&self, clauses: &[Clause], d: &mut Diagnostics) {
        for clause in clauses {
            match &clause.kind {
                ClauseKind::Enveloppes(ids) => ids.iter().for_each(|e| self.enveloppe(e, d)),
                ClauseKind::TresorerieRequiseSi(e) | ClauseKind::FinAideSi(e) => self.expr(e, d),
                ClauseKind::ThemesRequis(prefix) => self.theme_family(prefix, d),
                ClauseKind::Modele(id) => check_in_list(id, MODELES, "le modèle", "modèles", d),
                _ => {}
            }
        }
    }

    /// `thèmes requis PRÉFIXE`: some theme is `PRÉFIXE` or `PRÉFIXE.…`.
    fn theme_family(&self, prefix: &Ident, d: &mut Diagnostics) {
        let family = |name: &str| name.split('.').next().map(str::to_string);
        let known = self.program.themes.keys().any(|t| {
            t == &prefix.name
                || t.strip_prefix(prefix.name.as_str())
                    .is_some_and(|r| r.starts_with('.'))
        });
        if known {
            return;
        }
        let families: std::collections::BTreeSet<String> = self
            .program
            .themes
            .keys()
            .filter_map(|t| family(t))
            .collect();
        let suggestion = closest(&prefix.name, families.iter().map(String::as_str));
        d.push(unknown(prefix, "la famille de thèmes", suggestion));
    }

    fn expr(&self, expr: &Expr, d: &mut Diagnostics) {
        self.expr_allowing(expr, &[], d)
    }

    fn expr_allowing(&self, expr: &Expr, extra: &[&str], d: &mut Diagnostics) {
        for name in expr.names() {
            if !extra.contains(&name.name.as_str()) {
                self.indicateur(name, d);
            }
        }
    }

    fn indicateur(&self, id: &Ident, d: &mut Diagnostics) {
        lookup(id, &self.program.indicateurs, "l'indicateur", d);
    }

    fn theme(&self, id: &Ident, d: &mut Diagnostics) {
        lookup(id, &self.program.themes, "le thème", d);
    }

    fn enveloppe(&self, id: &Ident, d: &mut Diagnostics) {
        lookup(id, &self.program.enveloppes, "l'enveloppe", d);
    }

    fn cadre_name(&self, id: &Ident, d: &mut Diagnostics) {
        lookup(id, self.cadres, "le cadre", d);
    }
}

/// E0101 when `id` is not a key of `table`, with the closest key suggested.
fn lookup<T>(id: &Ident, table: &BTreeMap<String, T>, what: &str, d: &mut Diagnostics) {
    if table.contains_key(&id.name) {
        return;
    }
    let suggestion = closest(&id.name, table.keys().map(String::as_str));
    d.push(unknown(id, what, suggestion));
}

fn check_in_list(id: &Ident, list: &[&'static str], what: &str, plural: &str, d: &mut Diagnostics) {
    let wanted = id.name.replace("prive_", "privé_");
    if list.contains(&wanted.as_str()) {
        return;
    }
    let diagnostic = match closest(&id.name, list.iter().copied()) {
        Some(s) => unknown(id, what, Some(s)),
        None => Diagnostic::new(
            Code::E0101,
            id.span,
            format!("{what} `{}` n'existe pas", id.name),
        )
        .label("inconnu")
        .help(format!("les {plural} possibles sont : {}", list.join(", "))),
    };
    d.push(diagnostic);
}

/// The E0101 diagnostic, with « vouliez-vous dire … » when a close name exists.
pub fn unknown(id: &Ident, what: &str, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::E0101,
        id.span,
        format!("{what} `{}` n'existe pas", id.name),
    )
    .label("nom inconnu");
    match suggestion {
        Some(s) => diagnostic.help(format!("vouliez-vous dire `{s}` ?")),
        None => diagnostic.help(format!(
            "vérifiez l'orthographe, ou définissez {what} dans un fichier du projet (voir la bibliothèque standard : `pacte explain E0101`)"
        )),
    }
}

pub(super) fn repeated(list: &[Repeated], d: &mut Diagnostics) {
    for r in list {
        d.push(
            Diagnostic::new(
                Code::E0102,
                r.span,
                format!("le champ `{}` est écrit deux fois", r.field),
            )
            .label("second exemplaire")
            .secondary(r.first, "premier exemplaire")
            .help(format!(
                "gardez un seul `{}` : le second est ignoré",
                r.field
            )),
        );
    }
}

fn duplicates_in_contrat(c: &Contrat, d: &mut Diagnostics) {
    repeated(&c.repeated, d);
    if let Some(e) = &c.etablissement {
        repeated(&e.repeated, d);
    }
    let mut ids: HashMap<&str, &Ident> = HashMap::new();
    for o in &c.objectifs {
        if let Some(first) = ids.insert(&o.id.name, &o.id) {
            d.push(defined_twice("l'objectif", &o.id, first.span));
            ids.insert(&first.name, first);
        }
        repeated(&o.repeated, d);
        same_year(o.cibles.iter().map(|x| (x.annee, x.span)), "cible", d);
    }
    for o in &c.objectifs {
        o.actions.iter().for_each(|a| repeated(&a.repeated, d));
    }
    let mut conditions: HashMap<&str, &Ident> = HashMap::new();
    for x in &c.conditions {
        repeated(&x.repeated, d);
        if let Some(first) = conditions.insert(&x.id.name, &x.id) {
            d.push(defined_twice("la condition", &x.id, first.span));
            conditions.insert(&first.name, first);
        }
    }
    let mut sources: HashMap<&str, &Ident> = HashMap::new();
    for aide in &c.aides {
        same_year(
            aide.annees.iter().map(|x| (x.annee, x.span)),
            "montant d'aide",
            d,
        );
        if let Some(first) = sources.insert(&aide.enveloppe.name, &aide.enveloppe) {
            d.push(two_aides(&aide.enveloppe, first.span));
            sources.insert(&first.name, first);
        }
    }
    for cosignataire in c.cosignataires.iter().filter(|t| t.value.trim().is_empty()) {
        d.push(
            Diagnostic::new(
                Code::E0103,
                cosignataire.span,
                "le cosignataire est vide : son nom manque".to_string(),
            )
            .label("nom attendu")
            .help("écrivez le nom du cosignataire, par exemple cosignataire \"Agence nationale de la performance sanitaire et médico-sociale (ANAP)\""),
        );
    }
    same_year(
        c.references.iter().map(|r| (r.annee, r.span)),
        "référence",
        d,
    );
    for r in &c.references {
        let mut seen: HashMap<&str, &ReferenceLine> = HashMap::new();
        for line in &r.valeurs {
            if let Some(first) = seen.insert(&line.indicateur.name, line) {
                d.push(
                    Diagnostic::new(
                        Code::E0102,
                        line.span,
                        format!(
                            "la référence {} donne deux fois `{}`",
                            r.annee.value, line.indicateur.name
                        ),
                    )
                    .label("seconde valeur")
                    .secondary(first.span, "première valeur")
                    .help("gardez une seule valeur par indicateur et par année"),
                );
                seen.insert(&first.indicateur.name, first);
            }
        }
    }
}

/// E0102 for two lines of one kind for the same year.
fn same_year(
    lines: impl Iterator<Item = (Year, crate::source::Span)>,
    what: &str,
    d: &mut Diagnostics,
) {
    let mut seen: HashMap<i32, crate::source::Span> = HashMap::new();
    for (year, span) in lines {
        if let Some(first) = seen.get(&year.value) {
            d.push(
                Diagnostic::new(
                    Code::E0102,
                    span,
                    format!("deux lignes « {what} » pour l'année {}", year.value),
                )
                .label("seconde ligne")
                .secondary(*first, "première ligne")
                .help(format!(
                    "gardez une seule ligne « {what} » pour {}",
                    year.value
                )),
            );
        } else {
            seen.insert(year.value, span);
        }
    }
}

/// E0104 when indicator formulas refer to each other in a circle.
fn formula_cycles(program: &Program, d: &mut Diagnostics) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Visiting,
        Done,
    }
    let mut state: HashMap<&str, State> = HashMap::new();
    for start in program.indicateurs.keys() {
        // Iterative depth-first search: formulas may chain deeply.
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        while let Some((name, next)) = stack.pop() {
            if next == 0 {
                match state.get(name) {
                    Some(State::Done) => continue,
                    Some(State::Visiting) => continue,
                    None => {
                        state.insert(name, State::Visiting);
                    }
                }
            }
            let deps: Vec<&Ident> = program
                .indicateurs
                .get(name)
                .and_then(|i| i.formule.as_ref())
                .map(|f| f.names())
                .unwrap_or_default();
            if let Some(dep) = deps.get(next) {
                stack.push((name, next + 1));
                match state.get(dep.name.as_str()) {
                    Some(State::Visiting) => {
                        let path: Vec<&str> = stack
                            .iter()
                            .map(|(n, _)| *n)
                            .skip_while(|n| *n != dep.name)
                            .collect();
                        d.push(
                            Diagnostic::new(Code::E0104, dep.span, format!("formule circulaire : {} → {}", path.join(" → "), dep.name))
                                .label("ce nom ramène au début du cycle")
                                .help("l'une de ces formules doit s'appuyer sur des données, pas sur les autres"),
                        );
                    }
                    Some(State::Done) => {}
                    None => {
                        if program.indicateurs.contains_key(&dep.name) {
                            stack.push((dep.name.as_str(), 0));
                        }
                    }
                }
            } else {
                state.insert(name, State::Done);
            }
        }
    }
}

/// E0102 for a second `aide` block on the same source.
fn two_aides(id: &Ident, first: crate::source::Span) -> Diagnostic {
    Diagnostic::new(
        Code::E0102,
        id.span,
        format!("deux blocs « aide {} » dans le même contrat", id.name),
    )
    .label("second bloc")
    .secondary(first, "premier bloc")
    .help(format!(
        "réunissez les années des deux blocs dans un seul « aide {} {{ … }} » : un bloc par source",
        id.name
    ))
}
