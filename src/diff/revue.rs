//! Changes between two versions of the ARS's `revue` items (§8), paired
//! by contract and exercice: the date, the appraisal (by paragraph), each
//! objective's comment, the justification of the CF delay, and each aid
//! decision (amount or share, compared by value: `700 k€` = `700 000 €`,
//! and motive). A review is shown under its
//! contract, its paths starting with `revue.AAAA`.

use super::texte::paragraphs;
use super::{Change, Differ, Section};
use crate::ast::{Revue, Text};

/// Every change from `old` to `new`.
pub fn diff(old: &[Revue], new: &[Revue]) -> Vec<Change> {
    let key = |r: &Revue| (r.contrat.name.clone(), r.annee.value);
    let mut d = Differ {
        contrat: String::new(),
        out: Vec::new(),
    };
    for n in new {
        d.contrat = n.contrat.name.clone();
        match old.iter().find(|o| key(o) == key(n)) {
            Some(o) => revue(&mut d, o, n),
            None => entiere(&mut d, n, false),
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| key(n) == key(o))) {
        d.contrat = o.contrat.name.clone();
        entiere(&mut d, o, true);
    }
    d.out
}

fn entiere(d: &mut Differ, r: &Revue, removed: bool) {
    let y = r.annee.value;
    let what = format!("revue {y}");
    let (avant, apres, verbe) = if removed {
        (Some(what.clone()), None, "supprimée")
    } else {
        (None, Some(what.clone()), "ajoutée")
    };
    d.push(
        Section::General,
        &format!("revue.{y}"),
        &what,
        avant,
        apres,
        format!("revue {y} {verbe}"),
        format!("La revue de l'exercice {y} est {verbe}."),
    );
}

fn revue(d: &mut Differ, old: &Revue, new: &Revue) {
    let y = new.annee.value;
    let p = format!("revue.{y}");
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
    d.field(
        Section::General,
        &format!("{p}.date"),
        &format!("date de la revue {y}"),
        old.date.map(|(x, _)| x.to_string()),
        new.date.map(|(x, _)| x.to_string()),
    );
    let as_list = |t: &Option<Text>| t.iter().cloned().collect::<Vec<Text>>();
    paragraphs(
        d,
        Section::General,
        &format!("{p}.appréciation"),
        &format!("appréciation de la revue {y}"),
        &as_list(&old.appreciation),
        &as_list(&new.appreciation),
    );
    let mut objectifs: Vec<&str> = new
        .objectifs
        .iter()
        .map(|o| o.objectif.name.as_str())
        .collect();
    for o in &old.objectifs {
        if !objectifs.contains(&o.objectif.name.as_str()) {
            objectifs.push(&o.objectif.name);
        }
    }
    let comment = |r: &Revue, id: &str| {
        r.objectifs
            .iter()
            .find(|o| o.objectif.name == id)
            .map(|o| o.commentaire.value.clone())
    };
    for id in objectifs {
        d.field(
            Section::General,
            &format!("{p}.objectif.{id}"),
            &format!("commentaire de la revue {y} sur {id}"),
            comment(old, id),
            comment(new, id),
        );
    }
    d.field(
        Section::General,
        &format!("{p}.compte_financier"),
        &format!("justification du compte financier (revue {y})"),
        text(&old.compte_financier),
        text(&new.compte_financier),
    );
    let mut annees: Vec<i32> = new.decisions.iter().map(|x| x.annee.value).collect();
    for x in &old.decisions {
        if !annees.contains(&x.annee.value) {
            annees.push(x.annee.value);
        }
    }
    let decision = |r: &Revue, year: i32| {
        r.decisions.iter().find(|x| x.annee.value == year).map(|x| {
            let q = &x.montant;
            let amount = crate::display::quantity(q.value, q.unit.dimension());
            format!("{amount} « {} »", x.motif.value)
        })
    };
    for year in annees {
        d.field(
            Section::Aide,
            &format!("{p}.décision.{year}"),
            &format!("décision d'aide {year} (revue {y})"),
            decision(old, year),
            decision(new, year),
        );
    }
}
