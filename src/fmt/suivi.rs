//! Layout of the follow-up syntax (§10): `action` with its « fiche action »,
//! `sous_action`, `prévision`, `chef_de_projet`, and the `suivi` item.
//!
//! Field order inside an action: libellé, responsable, début, échéance, titre,
//! initial, gain, économies_prévues, sous_action (the order of spec §10's
//! example); inside a `suivi`: prochaine_rencontre, action, commentaire.

use super::doc::Node;
use super::lexical::{quantity, string, value};
use super::printer::{push, text};
use crate::ast::*;

fn side(s: GainSide) -> &'static str {
    match s {
        GainSide::Charges => "charges",
        GainSide::Recettes => "recettes",
    }
}

fn gain(rank: u8, g: &Gain) -> Node {
    let line = format!(
        "gain {}: {} {}",
        g.annee.value,
        quantity(&g.montant),
        side(g.side)
    );
    Node::leaf(g.span, rank, line)
}

/// `action "…"`, `action "…" { … }` or `action ID { … }`, at `rank` in its objective.
pub fn action(rank: u8, a: &Action) -> Node {
    let head = match &a.id {
        Some(id) => format!("action {}", id.name),
        None => format!("action {}", string(&a.libelle.value)),
    };
    let f = &a.fiche;
    let mut ch = Vec::new();
    if a.id.is_some() && a.libelle_ecrit() {
        ch.push(text(0, "libellé", &a.libelle));
    }
    push(&mut ch, a.responsable.as_ref(), |t| {
        text(1, "responsable", t)
    });
    push(&mut ch, f.debut.as_ref(), |(d, s)| {
        Node::leaf(*s, 2, format!("début {d}"))
    });
    push(&mut ch, a.echeance.as_ref(), |(d, s)| {
        Node::leaf(*s, 3, format!("échéance {d}"))
    });
    push(&mut ch, f.titre.as_ref(), |t| text(4, "titre", t));
    push(&mut ch, f.initial.as_ref(), |i| {
        let line = format!(
            "initial {}: {} {}",
            i.annee.value,
            quantity(&i.montant),
            side(i.side)
        );
        Node::leaf(i.span, 5, line)
    });
    ch.extend(f.gains.iter().map(|g| gain(6, g)));
    push(&mut ch, f.economies_prevues.as_ref(), |q| {
        Node::leaf(q.span, 7, format!("économies_prévues {}", quantity(q)))
    });
    ch.extend(f.sous_actions.iter().map(sous_action));
    if ch.is_empty() && a.id.is_none() {
        return Node::leaf(a.span, rank, head);
    }
    Node::block(a.span, rank, head, ch, String::new())
}

fn sous_action(s: &SousAction) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, s.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, s.responsable.as_ref(), |t| {
        text(1, "responsable", t)
    });
    push(&mut ch, s.echeance.as_ref(), |(d, sp)| {
        Node::leaf(*sp, 3, format!("échéance {d}"))
    });
    push(&mut ch, s.titre.as_ref(), |t| text(4, "titre", t));
    ch.extend(s.gains.iter().map(|g| gain(6, g)));
    push(&mut ch, s.economies_prevues.as_ref(), |q| {
        Node::leaf(q.span, 7, format!("économies_prévues {}", quantity(q)))
    });
    let head = format!("sous_action {}", s.id.name);
    Node::block(s.span, 8, head, ch, String::new())
}

/// `prévision AAAA { … }`, at `rank` in its contract.
pub fn prevision(rank: u8, r: &Reference) -> Node {
    let ch = r
        .valeurs
        .iter()
        .map(|l| {
            let line = format!("{}: {}", l.indicateur.name, value(&l.valeur));
            Node::leaf(l.span, 0, line)
        })
        .collect();
    let head = format!("prévision {}", r.annee.value);
    Node::block(r.span, rank, head, ch, String::new())
}

/// The `suivi CONTRAT DATE { … }` item.
pub fn suivi(s: &Suivi) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, s.prochaine_rencontre.as_ref(), |(d, sp)| {
        Node::leaf(*sp, 0, format!("prochaine_rencontre {d}"))
    });
    ch.extend(
        s.actions
            .iter()
            .map(|a| Node::leaf(a.span, 1, suivi_action(a))),
    );
    ch.extend(s.commentaires.iter().map(|t| text(2, "commentaire", t)));
    let date = s.date.map(|(d, _)| d.to_string()).unwrap_or_default();
    let head = format!("suivi {} {date}", s.contrat.name);
    Node::block(s.span, 0, head, ch, String::new())
}

/// `action ID: réalisation P, économies M, "commentaire"`.
pub fn suivi_action(a: &SuiviAction) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &a.realisation {
        parts.push(format!("réalisation {}", quantity(r)));
    }
    if let Some(e) = &a.economies {
        parts.push(format!("économies {}", quantity(e)));
    }
    if let Some(c) = &a.commentaire {
        parts.push(string(&c.value));
    }
    format!("action {}: {}", a.action.name, parts.join(", "))
}
