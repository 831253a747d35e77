//! Differences of the follow-up data (§10): each action's « fiche action »
//! (libellé, début, titre, initial, gains by year and side, économies
//! prévues, sous-actions), the contract's `prévision` blocks and
//! `chef_de_projet`; and between two `suivi` records, what moved since the
//! previous follow-up (completion, savings, next meeting, comments).

use super::contrat::same_value;
use super::objectifs::de;
use super::{Differ, Section};
use crate::ast::*;
use crate::fmt::lexical::{quantity, value};
use rust_decimal::Decimal;

/// Actions with an id, paired by id, in every objective of both versions.
pub(crate) fn fiches(d: &mut Differ, old: &Contrat, new: &Contrat) {
    for o in &new.objectifs {
        let Some(prev) = old.objectifs.iter().find(|x| x.id.name == o.id.name) else {
            continue;
        };
        let sec = Section::Objectif(
            o.id.name.clone(),
            o.libelle
                .as_ref()
                .map_or(String::new(), |t| t.value.clone()),
        );
        for b in &o.actions {
            let Some(id) = &b.id else { continue };
            let Some(a) = prev
                .actions
                .iter()
                .find(|a| a.id.as_ref().is_some_and(|x| x.name == id.name))
            else {
                continue;
            };
            fiche(d, &sec, &o.id.name, &id.name, a, b);
        }
    }
}

fn fiche(d: &mut Differ, sec: &Section, objectif: &str, id: &str, a: &Action, b: &Action) {
    let chemin = |k: &str| format!("objectif.{objectif}.action.{id}.{k}");
    let libelle = |k: &str| format!("{k} de l'action `{id}` {}", de(objectif));
    let text = |t: Option<&Text>| t.map(|t| t.value.clone());
    d.field(
        sec.clone(),
        &chemin("libellé"),
        &libelle("libellé"),
        Some(a.libelle.value.clone()),
        Some(b.libelle.value.clone()),
    );
    let date = |x: Option<&(crate::date::Date, crate::source::Span)>| x.map(|(d, _)| d.to_string());
    d.field(
        sec.clone(),
        &chemin("début"),
        &libelle("début"),
        date(a.fiche.debut.as_ref()),
        date(b.fiche.debut.as_ref()),
    );
    d.field(
        sec.clone(),
        &chemin("titre"),
        &libelle("titre"),
        text(a.fiche.titre.as_ref()),
        text(b.fiche.titre.as_ref()),
    );
    initial_amount(
        d,
        sec,
        &chemin("initial"),
        &libelle("montant initial"),
        a,
        b,
    );
    gains(
        d,
        sec,
        &chemin("gain"),
        &libelle("gain"),
        &a.fiche.gains,
        &b.fiche.gains,
    );
    money(
        d,
        sec,
        &chemin("économies_prévues"),
        &libelle("économies prévues"),
        a.fiche.economies_prevues.as_ref(),
        b.fiche.economies_prevues.as_ref(),
    );
    sous_actions(d, sec, objectif, id, a, b);
}

/// The `initial` amount of an action's fiche.
fn initial_amount(
    d: &mut Differ,
    sec: &Section,
    chemin: &str,
    libelle: &str,
    a: &Action,
    b: &Action,
) {
    let initial = |x: &Action| {
        x.fiche.initial.as_ref().map(|i| {
            let side = if i.side == GainSide::Charges {
                "charges"
            } else {
                "recettes"
            };
            (i.annee.value, i.montant.value, side, quantity(&i.montant))
        })
    };
    if initial(a).map(|x| (x.0, x.1, x.2)) != initial(b).map(|x| (x.0, x.1, x.2)) {
        let show = |x: Option<(i32, Decimal, &str, String)>| {
            x.map(|(y, _, s, q)| format!("{y} : {q} {s}"))
        };
        d.field(
            sec.clone(),
            chemin,
            libelle,
            show(initial(a)),
            show(initial(b)),
        );
    }
}

/// The sub-actions of an action, matched by id.
fn sous_actions(d: &mut Differ, sec: &Section, objectif: &str, id: &str, a: &Action, b: &Action) {
    let chemin = |k: &str| format!("objectif.{objectif}.action.{id}.{k}");
    let text = |t: Option<&Text>| t.map(|t| t.value.clone());
    let mut ids: Vec<&str> = Vec::new();
    for s in a.fiche.sous_actions.iter().chain(&b.fiche.sous_actions) {
        if !ids.contains(&s.id.name.as_str()) {
            ids.push(&s.id.name);
        }
    }
    for sid in ids {
        let find = |x: &'_ Action| {
            x.fiche
                .sous_actions
                .iter()
                .find(|s| s.id.name == sid)
                .cloned()
        };
        let (x, z) = (find(a), find(b));
        let c = |k: &str| chemin(&format!("sous_action.{sid}.{k}"));
        let l = |k: &str| format!("{k} de la sous-action `{sid}` de l'action `{id}`");
        match (&x, &z) {
            (Some(x), Some(z)) => {
                gains(d, sec, &c("gain"), &l("gain"), &x.gains, &z.gains);
                d.field(
                    sec.clone(),
                    &c("libellé"),
                    &l("libellé"),
                    text(x.libelle.as_ref()),
                    text(z.libelle.as_ref()),
                );
            }
            _ => {
                let show = |s: &SousAction| {
                    s.libelle
                        .as_ref()
                        .map_or(s.id.name.clone(), |t| t.value.clone())
                };
                d.field(
                    sec.clone(),
                    &chemin(&format!("sous_action.{sid}")),
                    &format!("sous-action `{sid}` de l'action `{id}`"),
                    x.as_ref().map(show),
                    z.as_ref().map(show),
                );
            }
        }
    }
}

fn money(
    d: &mut Differ,
    sec: &Section,
    chemin: &str,
    libelle: &str,
    a: Option<&Quantity>,
    b: Option<&Quantity>,
) {
    if a.map(|q| q.value) != b.map(|q| q.value) {
        d.field(
            sec.clone(),
            chemin,
            libelle,
            a.map(quantity),
            b.map(quantity),
        );
    }
}

/// Gains by year and side, compared by amount.
fn gains(d: &mut Differ, sec: &Section, chemin: &str, libelle: &str, old: &[Gain], new: &[Gain]) {
    let mut keys: Vec<(i32, bool)> = old
        .iter()
        .chain(new)
        .map(|g| (g.annee.value, g.side == GainSide::Recettes))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for (y, recettes) in keys {
        let side = if recettes { "recettes" } else { "charges" };
        let sum = |gs: &[Gain]| -> Option<(Decimal, String)> {
            let found: Vec<&Gain> = gs
                .iter()
                .filter(|g| g.annee.value == y && (g.side == GainSide::Recettes) == recettes)
                .collect();
            let total: Decimal = found.iter().map(|g| g.montant.value).sum();
            let first = found.first()?;
            Some((
                total,
                if found.len() == 1 {
                    quantity(&first.montant)
                } else {
                    crate::display::euros(total)
                },
            ))
        };
        let (x, z) = (sum(old), sum(new));
        if x.as_ref().map(|v| v.0) != z.as_ref().map(|v| v.0) {
            d.field(
                sec.clone(),
                &format!("{chemin}.{y}.{side}"),
                &format!("{libelle} {y} ({side})"),
                x.map(|v| v.1),
                z.map(|v| v.1),
            );
        }
    }
}

/// `prévision` lines by year and indicator, and `chef_de_projet`.
pub(crate) fn previsions(d: &mut Differ, old: &Contrat, new: &Contrat) {
    d.field(
        Section::General,
        "chef_de_projet",
        "chef de projet",
        old.chef_de_projet.as_ref().map(|t| t.value.clone()),
        new.chef_de_projet.as_ref().map(|t| t.value.clone()),
    );
    let lines = |refs: &[Reference]| -> Vec<(i32, String, Value)> {
        refs.iter()
            .flat_map(|r| {
                r.valeurs
                    .iter()
                    .map(move |l| (r.annee.value, l.indicateur.name.clone(), l.valeur.clone()))
            })
            .collect()
    };
    let (a, b) = (lines(&old.previsions), lines(&new.previsions));
    let mut keys: Vec<(i32, String)> = a
        .iter()
        .chain(&b)
        .map(|(y, n, _)| (*y, n.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    for (y, name) in keys {
        let find = |v: &[(i32, String, Value)]| {
            v.iter()
                .find(|(yy, n, _)| *yy == y && *n == name)
                .map(|(_, _, v)| v.clone())
        };
        let (x, z) = (find(&a), find(&b));
        if same_value(x.as_ref(), z.as_ref()) {
            continue;
        }
        d.field(
            Section::Reference,
            &format!("prévision.{y}.{name}"),
            &format!("prévision {y} de {name}"),
            x.as_ref().map(value),
            z.as_ref().map(value),
        );
    }
}

/// What moved between two follow-ups of a contract (`old` the earlier).
pub fn suivis(old: &Suivi, new: &Suivi) -> Vec<super::Change> {
    let mut d = Differ {
        contrat: new.contrat.name.clone(),
        out: Vec::new(),
    };
    let date = |s: &Suivi| s.date.map_or(String::new(), |(d, _)| d.to_string());
    let sec = Section::General;
    d.field(
        sec.clone(),
        "suivi.date",
        "date du suivi",
        Some(date(old)),
        Some(date(new)),
    );
    let rdv = |s: &Suivi| s.prochaine_rencontre.map(|(d, _)| d.to_string());
    d.field(
        sec.clone(),
        "suivi.prochaine_rencontre",
        "prochaine rencontre",
        rdv(old),
        rdv(new),
    );
    suivi_actions(&mut d, &sec, old, new);
    let coms = |s: &Suivi| {
        let all: Vec<String> = s
            .commentaires
            .iter()
            .map(|t| t.value.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        (!all.is_empty()).then(|| all.join(" "))
    };
    d.field(
        sec,
        "suivi.commentaire",
        "commentaire du suivi",
        coms(old),
        coms(new),
    );
    d.out
}

/// The lines of a follow-up, by action (the last line of an action counts).
fn suivi_actions(d: &mut Differ, sec: &Section, old: &Suivi, new: &Suivi) {
    let mut ids: Vec<&str> = Vec::new();
    for l in old.actions.iter().chain(&new.actions) {
        if !ids.contains(&l.action.name.as_str()) {
            ids.push(&l.action.name);
        }
    }
    for id in ids {
        let find = |s: &'_ Suivi| {
            s.actions
                .iter()
                .rev()
                .find(|l| l.action.name == id)
                .cloned()
        };
        let (a, b) = (find(old), find(new));
        let q = |l: &Option<SuiviAction>, f: fn(&SuiviAction) -> Option<&Quantity>| {
            l.as_ref()
                .and_then(|l| f(l).map(|q| (q.value, quantity(q))))
        };
        for (k, f) in [
            (
                "réalisation",
                (|l: &SuiviAction| l.realisation.as_ref()) as fn(&SuiviAction) -> Option<&Quantity>,
            ),
            ("économies", |l: &SuiviAction| l.economies.as_ref()),
        ] {
            let (x, z) = (q(&a, f), q(&b, f));
            if x.as_ref().map(|v| v.0) != z.as_ref().map(|v| v.0) {
                d.field(
                    sec.clone(),
                    &format!("suivi.action.{id}.{k}"),
                    &format!("{k} de l'action `{id}`"),
                    x.map(|v| v.1),
                    z.map(|v| v.1),
                );
            }
        }
        let com = |l: &Option<SuiviAction>| {
            l.as_ref()
                .and_then(|l| l.commentaire.as_ref().map(|t| t.value.clone()))
        };
        d.field(
            sec.clone(),
            &format!("suivi.action.{id}.commentaire"),
            &format!("commentaire sur l'action `{id}`"),
            com(&a),
            com(&b),
        );
    }
}

/// For `pacte diff`: each contract's latest follow-up of the new version
/// against the latest one of the old version (or, when the old version has
/// none, against the previous follow-up of the new one).
pub fn derniers_suivis(old: &[Suivi], new: &[Suivi]) -> Vec<super::Change> {
    let mut contrats: Vec<&str> = new.iter().map(|s| s.contrat.name.as_str()).collect();
    contrats.sort_unstable();
    contrats.dedup();
    let mut out = Vec::new();
    for c in contrats {
        let (o, n) = (sorted(old, c), sorted(new, c));
        let Some(last) = n.last() else { continue };
        let before = match o.last() {
            Some(prev) if prev.date != last.date || *prev != *last => Some(*prev),
            Some(_) => None,
            None => n.len().checked_sub(2).and_then(|i| n.get(i).copied()),
        };
        if let Some(prev) = before {
            out.extend(suivis(prev, last));
        }
    }
    out
}

fn sorted<'a>(v: &'a [Suivi], contrat: &str) -> Vec<&'a Suivi> {
    let mut list: Vec<&Suivi> = v.iter().filter(|s| s.contrat.name == contrat).collect();
    list.sort_by_key(|s| s.date.map(|(d, _)| d));
    list
}
