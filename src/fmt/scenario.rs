//! The canonical layout of `scénario "nom" { … }` (§11): `contrat`,
//! `exercice`, the `chiffres` blocks (the exercice first, then by year as
//! written), then `attendu` with its lines in the author's order (an
//! analyst often writes them in the order of the review). Verdicts are
//! written with their accents.

use super::doc::Node;
use super::lexical::{quantity, string, value};
use super::printer::push;
use crate::ast::*;

pub fn scenario(s: &Scenario) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, s.contrat.as_ref(), |id| {
        Node::leaf(id.span, 0, format!("contrat {}", id.name))
    });
    push(&mut ch, s.exercice.as_ref(), |y| {
        Node::leaf(y.span, 1, format!("exercice {}", y.value))
    });
    ch.extend(s.chiffres.iter().map(chiffres));
    if let Some(span) = s.attendu_span {
        let lines = s.attendu.iter().map(attente).collect();
        ch.push(Node::block(span, 3, "attendu".into(), lines, String::new()));
    }
    let head = format!("scénario {}", string(&s.nom.value));
    Node::block(s.span, 0, head, ch, String::new())
}

fn chiffres(c: &Chiffres) -> Node {
    let lines = c
        .valeurs
        .iter()
        .map(|l| {
            let line = format!("{}: {}", l.indicateur.name, value(&l.valeur));
            Node::leaf(l.span, 0, line)
        })
        .collect();
    let head = match &c.annee {
        Some(y) => format!("chiffres {}", y.value),
        None => "chiffres".to_string(),
    };
    Node::block(c.span, 2, head, lines, String::new())
}

fn attente(a: &Attente) -> Node {
    let line = match &a.kind {
        AttenteKind::Objectif(id, v) => format!("objectif {}: {}", id.name, v.mot),
        AttenteKind::Condition(id, v) => format!("condition {}: {}", id.name, v.mot),
        AttenteKind::Realisation(q) => format!("réalisation: {}", quantity(q)),
        AttenteKind::Verdict(v) => format!("verdict: {}", v.mot),
        AttenteKind::Aide(y, q) => format!("aide {}: {}", y.value, quantity(q)),
        AttenteKind::Codes(codes) if codes.is_empty() => "codes: aucun".to_string(),
        AttenteKind::Codes(codes) => {
            let names: Vec<&str> = codes.iter().map(|c| c.name.as_str()).collect();
            format!("codes: {}", names.join(" "))
        }
    };
    Node::leaf(a.span, 0, line)
}
