//! Changes to objectives (added, removed, renamed on the same indicator,
//! and field by field: libellé, type, indicateur, base, cibles per year,
//! poids, gains, justification, actions, texte) and to conditions.

use super::contrat::same_value;
use super::texte::paragraphs;
use super::{Differ, Section};
use crate::ast::*;
use crate::fmt::erase::{erase_comparison, erase_expr};
use crate::fmt::lexical::{comparison, expr, quantity, value};
use crate::fmt::printer::objectif_type;

pub fn objectifs(d: &mut Differ, old: &[Objectif], new: &[Objectif]) {
    let in_new = |o: &Objectif| new.iter().any(|n| n.id.name == o.id.name);
    let in_old = |n: &Objectif| old.iter().any(|o| o.id.name == n.id.name);
    let removed: Vec<&Objectif> = old.iter().filter(|o| !in_new(o)).collect();
    let added: Vec<&Objectif> = new.iter().filter(|n| !in_old(n)).collect();
    let mut renamed: Vec<&str> = Vec::new();
    for n in new {
        if let Some(o) = old.iter().find(|o| o.id.name == n.id.name) {
            fields(d, o, n);
        } else if let Some(o) = renaming(n, &removed, &added) {
            renamed.push(&o.id.name);
            rename(d, o, n);
            fields(d, o, n);
        } else {
            whole(d, n, false);
        }
    }
    for o in removed {
        if !renamed.contains(&o.id.name.as_str()) {
            whole(d, o, true);
        }
    }
}

fn indicateur(o: &Objectif) -> Option<&str> {
    o.indicateur.as_ref().map(|i| i.name.as_str())
}

/// The removed objective that `n` renames: the only one on its indicator,
/// with `n` the only added one on it.
fn renaming<'a>(
    n: &Objectif,
    removed: &[&'a Objectif],
    added: &[&Objectif],
) -> Option<&'a Objectif> {
    let ind = indicateur(n)?;
    let same = |o: &&&Objectif| indicateur(o) == Some(ind);
    if added.iter().filter(same).count() != 1 {
        return None;
    }
    let mut candidates = removed.iter().filter(same);
    match (candidates.next(), candidates.next()) {
        (Some(o), None) => Some(o),
        _ => None,
    }
}

fn section(o: &Objectif) -> Section {
    let libelle = o
        .libelle
        .as_ref()
        .map_or(o.id.name.clone(), |t| t.value.clone());
    Section::Objectif(o.id.name.clone(), libelle)
}

fn rename(d: &mut Differ, o: &Objectif, n: &Objectif) {
    let (a, b) = (o.id.name.clone(), n.id.name.clone());
    let description = format!(
        "objectif {a} renommé en {b} (même indicateur {})",
        indicateur(n).unwrap_or("?")
    );
    let acte = format!("L'objectif désigné « {a} » est désormais désigné « {b} ».");
    let chemin = format!("objectif.{b}");
    d.push(
        section(n),
        &chemin,
        &format!("objectif {b}"),
        Some(a),
        Some(b),
        description,
        acte,
    );
}

/// An objective added or removed as a whole.
fn whole(d: &mut Differ, o: &Objectif, removed: bool) {
    let id = &o.id.name;
    let titre = o.libelle.as_ref().map_or(id.clone(), |t| t.value.clone());
    let summary = summary(o);
    let (avant, apres, description, acte) = if removed {
        (
            Some(titre.clone()),
            None,
            format!("objectif {id} : suppression (« {titre} »)"),
            format!("L'objectif « {titre} » est supprimé."),
        )
    } else {
        (
            None,
            Some(titre.clone()),
            format!("objectif {id} : ajout (« {titre} », {summary})"),
            format!("Il est ajouté au contrat l'objectif « {titre} » : {summary}."),
        )
    };
    d.push(
        section(o),
        &format!("objectif.{id}"),
        &format!("objectif {id}"),
        avant,
        apres,
        description,
        acte,
    );
}

/// `objectif financier, indicateur x, base 2024 : 2,8 %, cibles 2026 >= 4 %…`.
fn summary(o: &Objectif) -> String {
    let mut parts = Vec::new();
    if let Some((k, _)) = &o.kind {
        parts.push(format!("type {}", objectif_type(k)));
    }
    if let Some(i) = &o.indicateur {
        parts.push(format!("indicateur {}", i.name));
    }
    if let Some(b) = &o.base {
        parts.push(format!("base {} : {}", b.annee.value, value(&b.valeur)));
    }
    let cibles: Vec<String> = o
        .cibles
        .iter()
        .map(|c| format!("{} : {}", c.annee.value, comparison(&c.comparison)))
        .collect();
    if !cibles.is_empty() {
        parts.push(format!("cibles {}", cibles.join(", ")));
    }
    if let Some(p) = &o.poids {
        parts.push(format!("poids {}", quantity(p)));
    }
    parts.join(", ")
}

fn fields(d: &mut Differ, o: &Objectif, n: &Objectif) {
    let sec = section(n);
    let id = &n.id.name;
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
    let p = |f: &str| format!("objectif.{id}.{f}");
    let l = |f: &str| format!("{f} {}", de(id));
    d.field(
        sec.clone(),
        &p("libellé"),
        &l("libellé"),
        text(&o.libelle),
        text(&n.libelle),
    );
    let kind = |x: &Objectif| x.kind.as_ref().map(|(k, _)| objectif_type(k));
    d.field(sec.clone(), &p("type"), &l("type"), kind(o), kind(n));
    let ind = |x: &Objectif| indicateur(x).map(str::to_string);
    d.field(
        sec.clone(),
        &p("indicateur"),
        &l("indicateur"),
        ind(o),
        ind(n),
    );
    base(d, &sec, id, o.base.as_ref(), n.base.as_ref());
    cibles(d, (&sec, id, indicateur(n)), &o.cibles, &n.cibles);
    let poids = |x: &Objectif| x.poids.as_ref().map(|q| (q.value, quantity(q)));
    if poids(o).map(|p| p.0) != poids(n).map(|p| p.0) {
        d.field(
            sec.clone(),
            &p("poids"),
            &l("poids"),
            poids(o).map(|p| p.1),
            poids(n).map(|p| p.1),
        );
    }
    gains(d, &sec, id, &o.gains, &n.gains);
    d.field(
        sec.clone(),
        &p("justification"),
        &l("justification"),
        text(&o.justification),
        text(&n.justification),
    );
    actions(d, &sec, id, &o.actions, &n.actions);
    paragraphs(d, sec, &p("texte"), &l("texte"), &o.textes, &n.textes);
}

fn base(d: &mut Differ, sec: &Section, id: &str, o: Option<&Base>, n: Option<&Base>) {
    let same = match (o, n) {
        (Some(a), Some(b)) => {
            a.annee.value == b.annee.value && same_value(Some(&a.valeur), Some(&b.valeur))
        }
        (None, None) => true,
        _ => false,
    };
    if !same {
        let show = |b: &Base| format!("{} : {}", b.annee.value, value(&b.valeur));
        d.field(
            sec.clone(),
            &format!("objectif.{id}.base"),
            &format!("base {}", de(id)),
            o.map(show),
            n.map(show),
        );
    }
}

/// The targets of an objective (its section, ID and indicator), per year.
fn cibles(d: &mut Differ, of: (&Section, &str, Option<&str>), old: &[Cible], new: &[Cible]) {
    let (sec, id, ind) = of;
    let sur = ind.map_or(String::new(), |i| format!(" (indicateur {i})"));
    let mut years: Vec<i32> = old.iter().chain(new).map(|c| c.annee.value).collect();
    years.sort_unstable();
    years.dedup();
    for y in years {
        let a = old.iter().find(|c| c.annee.value == y);
        let b = new.iter().find(|c| c.annee.value == y);
        let key = |c: Option<&Cible>| c.map(|c| erase_comparison(&c.comparison));
        if key(a) == key(b) {
            continue;
        }
        let (x, z) = (
            a.map(|c| comparison(&c.comparison)),
            b.map(|c| comparison(&c.comparison)),
        );
        let libelle = format!("cible {y} {}", de(id));
        let (description, acte) = match (&x, &z) {
            (Some(x), Some(z)) => (
                format!("{libelle} : {x} → {z}"),
                format!(
                    "La cible fixée pour l'exercice {y}{sur} est modifiée : {z} au lieu de {x}."
                ),
            ),
            (None, Some(z)) => (
                format!("{libelle} : ajout ({z})"),
                format!("Une cible est fixée pour l'exercice {y}{sur} : {z}."),
            ),
            (Some(x), None) => (
                format!("{libelle} : suppression (était {x})"),
                format!("La cible fixée pour l'exercice {y}{sur} ({x}) est supprimée."),
            ),
            (None, None) => continue,
        };
        d.push(
            sec.clone(),
            &format!("objectif.{id}.cible.{y}"),
            &libelle,
            x,
            z,
            description,
            acte,
        );
    }
}

fn gains(d: &mut Differ, sec: &Section, id: &str, old: &[Gain], new: &[Gain]) {
    let side = |g: &Gain| match g.side {
        GainSide::Charges => "charges",
        GainSide::Recettes => "recettes",
    };
    let mut keys: Vec<(i32, &str)> = old
        .iter()
        .chain(new)
        .map(|g| (g.annee.value, side(g)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for (y, s) in keys {
        let find = |v: &[Gain]| {
            v.iter()
                .find(|g| g.annee.value == y && side(g) == s)
                .map(|g| (g.montant.value, quantity(&g.montant)))
        };
        let (a, b) = (find(old), find(new));
        if a.as_ref().map(|x| x.0) == b.as_ref().map(|x| x.0) {
            continue;
        }
        let chemin = format!("objectif.{id}.gain.{y}.{s}");
        let libelle = format!("gain {y} ({s}) {}", de(id));
        d.field(
            sec.clone(),
            &chemin,
            &libelle,
            a.map(|x| x.1),
            b.map(|x| x.1),
        );
    }
}

fn actions(d: &mut Differ, sec: &Section, id: &str, old: &[Action], new: &[Action]) {
    // An action with an id (§10) is paired by its id, the others by label.
    let key = |a: &Action| {
        a.id.as_ref()
            .map_or(a.libelle.value.clone(), |i| i.name.clone())
    };
    let mut labels: Vec<String> = Vec::new();
    for a in old.iter().chain(new) {
        if !labels.contains(&key(a)) {
            labels.push(key(a));
        }
    }
    for label in &labels {
        let label = label.as_str();
        let a = old.iter().find(|a| key(a) == label);
        let b = new.iter().find(|a| key(a) == label);
        let chemin = format!("objectif.{id}.action[{label}]");
        let libelle = format!("action « {label} » {}", de(id));
        match (a, b) {
            (Some(a), Some(b)) => {
                let resp = |x: &Action| x.responsable.as_ref().map(|t| t.value.clone());
                let ech = |x: &Action| x.echeance.map(|(d, _)| d.to_string());
                d.field(
                    sec.clone(),
                    &format!("{chemin}.responsable"),
                    &format!("responsable de l'{libelle}"),
                    resp(a),
                    resp(b),
                );
                d.field(
                    sec.clone(),
                    &format!("{chemin}.échéance"),
                    &format!("échéance de l'{libelle}"),
                    ech(a),
                    ech(b),
                );
            }
            _ => {
                let show = |_: &Action| label.to_string();
                d.field(sec.clone(), &chemin, &libelle, a.map(show), b.map(show));
            }
        }
    }
}

pub fn conditions(d: &mut Differ, old: &[Condition], new: &[Condition]) {
    let mut ids: Vec<&str> = Vec::new();
    for c in new.iter().chain(old) {
        if !ids.contains(&c.id.name.as_str()) {
            ids.push(&c.id.name);
        }
    }
    for id in ids {
        let a = old.iter().find(|c| c.id.name == id);
        let b = new.iter().find(|c| c.id.name == id);
        let sec = Section::Conditions;
        let (Some(a), Some(b)) = (a, b) else {
            let show = |c: &Condition| exige(c).unwrap_or_else(|| id.to_string());
            d.field(
                sec,
                &format!("condition.{id}"),
                &format!("condition {id}"),
                a.map(show),
                b.map(show),
            );
            continue;
        };
        let text = |c: &Condition| c.libelle.as_ref().map(|t| t.value.clone());
        d.field(
            sec.clone(),
            &format!("condition.{id}.libellé"),
            &format!("libellé de la condition {id}"),
            text(a),
            text(b),
        );
        let key = |c: &Condition| {
            c.exige
                .as_ref()
                .map(|e| (erase_expr(&e.expr), e.a_partir_de.map(|y| y.value)))
        };
        if key(a) != key(b) {
            d.field(
                sec,
                &format!("condition.{id}.exige"),
                &format!("exigence de la condition {id}"),
                exige(a),
                exige(b),
            );
        }
    }
}

/// `jours_de_stocks <= 28 j à partir de 2026`.
fn exige(c: &Condition) -> Option<String> {
    c.exige.as_ref().map(|e| match &e.a_partir_de {
        Some(y) => format!("{} à partir de {}", expr(&e.expr), y.value),
        None => expr(&e.expr),
    })
}

/// `de marge`, `d'ambulatoire`.
pub fn de(name: &str) -> String {
    let elide = name
        .chars()
        .next()
        .is_some_and(|c| "aeéèêiîoôuyhAEÉIOUYH".contains(c));
    if elide {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}
