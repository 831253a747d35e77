//! AST → layout tree for the items other than `contrat`: `indicateur`
//! (libellé, description, unité, sens, formule, seuil…, hospidiag, source),
//! `thème` (libellé, description, indicateurs, source), `cadre` (libellé,
//! source, texte, then the clauses in their written order), `enveloppe`
//! (libellé, exercice, montant, part…, source), `délégation` (ars, years)
//! and `diagnostic` (libellé, groupe…, prélèvement_continu, source);
//! `enveloppe` ends with its clauses, `cadre` writes `opposable` before its
//! clauses; `revue` (date, appréciation, objectif…, compte_financier
//! justifié, décision…).

use super::doc::Node;
use super::lexical::{self, expr, quantity, string, value};
use super::printer::{modulation, push, span_of, text};
use crate::ast::*;

pub fn indicateur(i: &Indicateur) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, i.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, i.description.as_ref(), |t| {
        text(1, "description", t)
    });
    push(&mut ch, i.unite.as_ref(), |(u, s)| {
        Node::leaf(*s, 2, format!("unité {}", u.keyword()))
    });
    push(&mut ch, i.sens.as_ref(), |(sens, s)| {
        Node::leaf(*s, 3, format!("sens {}", sens.keyword()))
    });
    push(&mut ch, i.formule.as_ref(), |e| {
        Node::leaf(e.span, 4, format!("formule {}", expr(e)))
    });
    ch.extend(i.seuils.iter().map(seuil));
    push(&mut ch, i.hospidiag.as_ref(), |t| text(6, "hospidiag", t));
    push(&mut ch, i.source.as_ref(), |t| text(7, "source", t));
    let head = format!("indicateur {}", i.id.name);
    Node::block(i.span, 0, head, ch, String::new())
}

fn seuil(s: &Seuil) -> Node {
    let mut line = format!(
        "seuil {} {} {}",
        s.niveau.keyword(),
        s.op.symbol(),
        value(&s.valeur)
    );
    if !s.pour.is_empty() {
        let names: Vec<&str> = s.pour.iter().map(|p| p.name.as_str()).collect();
        line.push_str(" pour ");
        line.push_str(&names.join(" "));
    }
    Node::leaf(s.span, 5, line)
}

pub fn theme(t: &Theme) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, t.libelle.as_ref(), |x| text(0, "libellé", x));
    push(&mut ch, t.description.as_ref(), |x| {
        text(1, "description", x)
    });
    if let Some(span) = span_of(&t.indicateurs) {
        let names: Vec<&str> = t.indicateurs.iter().map(|i| i.name.as_str()).collect();
        ch.push(Node::leaf(
            span,
            2,
            format!("indicateurs {}", names.join(", ")),
        ));
    }
    push(&mut ch, t.source.as_ref(), |x| text(3, "source", x));
    let head = format!("thème {}", t.id.name);
    Node::block(t.span, 0, head, ch, String::new())
}

pub fn cadre(c: &Cadre) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, c.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, c.source.as_ref(), |t| text(1, "source", t));
    ch.extend(c.textes.iter().map(|t| text(2, "texte", t)));
    push(&mut ch, c.opposable.as_ref(), |s| {
        Node::leaf(*s, 3, "opposable".into())
    });
    ch.extend(c.clauses.iter().map(|x| clause(x, 4)));
    let head = match &c.parent {
        Some(p) => format!("cadre {} étend {}", c.id.name, p.name),
        None => format!("cadre {}", c.id.name),
    };
    Node::block(c.span, 0, head, ch, String::new())
}

fn clause(c: &Clause, rank: u8) -> Node {
    let source = match &c.source {
        Some(s) => format!(" source {}", string(&s.value)),
        None => String::new(),
    };
    match (&c.kind, lexical::clause(&c.kind)) {
        (ClauseKind::Modulation(m), _) => {
            let mut node = modulation(rank, m, source);
            node.span = c.span;
            node
        }
        (_, line) => Node::leaf(
            c.span,
            rank,
            format!("{}{source}", line.unwrap_or_default()),
        ),
    }
}

pub fn enveloppe(e: &Enveloppe) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, e.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, e.exercice.as_ref(), |y| {
        Node::leaf(y.span, 1, format!("exercice {}", y.value))
    });
    push(&mut ch, e.montant.as_ref(), |q| {
        Node::leaf(q.span, 2, format!("montant {}", quantity(q)))
    });
    ch.extend(e.parts.iter().map(|(statut, q)| {
        let line = format!("part {} {}", statut.name, quantity(q));
        Node::leaf(statut.span.to(q.span), 3, line)
    }));
    push(&mut ch, e.source.as_ref(), |t| text(4, "source", t));
    ch.extend(e.clauses.iter().map(|x| clause(x, 5)));
    let head = format!("enveloppe {}", e.id.name);
    Node::block(e.span, 0, head, ch, String::new())
}

pub fn delegation(d: &Delegation) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, d.ars.as_ref(), |t| text(0, "ars", t));
    ch.extend(
        d.annees
            .iter()
            .map(|a| Node::leaf(a.span, 1, lexical::aide_annee(a))),
    );
    let head = format!("délégation {}", d.enveloppe.name);
    Node::block(d.span, 0, head, ch, String::new())
}

pub fn diagnostic(d: &DiagnosticDef) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, d.libelle.as_ref(), |t| text(0, "libellé", t));
    ch.extend(d.groupes.iter().map(|g| {
        let mut line = format!("groupe {}", string(&g.nom.value));
        if g.a_contractualiser {
            line.push_str(" à_contractualiser");
        }
        if let Some(e) = &g.condition {
            line.push_str(&format!(" si {}", expr(e)));
        }
        Node::leaf(g.span, 1, line)
    }));
    push(&mut ch, d.prelevement_annees.as_ref(), |q| {
        let line = format!("prélèvement_continu sur {} ans", quantity(q));
        Node::leaf(q.span, 2, line)
    });
    push(&mut ch, d.source.as_ref(), |t| text(3, "source", t));
    let head = format!("diagnostic {}", d.id.name);
    Node::block(d.span, 0, head, ch, String::new())
}

pub fn revue(r: &Revue) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, r.date.as_ref(), |(d, s)| {
        Node::leaf(*s, 0, format!("date {d}"))
    });
    push(&mut ch, r.appreciation.as_ref(), |t| {
        text(1, "appréciation", t)
    });
    ch.extend(r.objectifs.iter().map(|o| {
        let line = format!(
            "objectif {}: {}",
            o.objectif.name,
            string(&o.commentaire.value)
        );
        Node::leaf(o.span, 2, line)
    }));
    push(&mut ch, r.compte_financier.as_ref(), |t| {
        text(3, "compte_financier justifié", t)
    });
    ch.extend(r.decisions.iter().map(|d| {
        let line = format!(
            "décision aide {}: {} {}",
            d.annee.value,
            quantity(&d.montant),
            string(&d.motif.value)
        );
        Node::leaf(d.span, 4, line)
    }));
    let head = format!("revue {} {}", r.contrat.name, r.annee.value);
    Node::block(r.span, 0, head, ch, String::new())
}
