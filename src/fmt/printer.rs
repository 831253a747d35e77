//! AST → layout tree for `contrat` and its fields, in the order of spec §4:
//! intitulé, cadre, ars, établissement, signé le, période, fin le, lieu,
//! cosignataire, dialogue, avenant, texte, aide, référence, objectif,
//! condition, modulation.
//! Other items are in `items.rs`; literals and expressions in `lexical.rs`.

use super::doc::Node;
use super::items;
use super::lexical::{self, comparison, expr, quantity, string, text_field, value};
use crate::ast::*;
use crate::source::Span;

/// The layout of every item of a file, in source order.
pub fn file(items: &[&Item]) -> Vec<Node> {
    items.iter().map(|item| self::item(item)).collect()
}

fn item(item: &Item) -> Node {
    match item {
        Item::Contrat(c) => contrat(c),
        Item::Importe(i) => Node::leaf(i.span, 0, format!("importe {}", string(&i.path.value))),
        Item::Indicateur(i) => items::indicateur(i),
        Item::Theme(t) => items::theme(t),
        Item::Cadre(c) => items::cadre(c),
        Item::Enveloppe(e) => items::enveloppe(e),
        Item::Delegation(d) => items::delegation(d),
        Item::Diagnostic(d) => items::diagnostic(d),
        Item::Revue(r) => items::revue(r),
        Item::Suivi(s) => super::suivi::suivi(s),
    }
}

/// A text field (`libellé "…"`, `texte """…"""`) as a leaf.
pub fn text(rank: u8, keyword: &str, t: &Text) -> Node {
    Node::lines(t.span, rank, text_field(keyword, t))
}

/// Pushes a node when the field is present.
pub fn push<T>(out: &mut Vec<Node>, field: Option<&T>, build: impl FnOnce(&T) -> Node) {
    if let Some(f) = field {
        out.push(build(f));
    }
}

fn contrat(c: &Contrat) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, c.intitule.as_ref(), |t| text(0, "intitulé", t));
    push(&mut ch, c.cadre.as_ref(), |id| {
        Node::leaf(id.span, 1, format!("cadre {}", id.name))
    });
    push(&mut ch, c.ars.as_ref(), |t| text(2, "ars", t));
    push(&mut ch, c.etablissement.as_ref(), etablissement);
    push(&mut ch, c.signe.as_ref(), |(d, s)| {
        Node::leaf(*s, 4, format!("signé le {d}"))
    });
    push(&mut ch, c.periode.as_ref(), |p| {
        let line = format!("période {} à {}", p.debut.value, p.fin.value);
        Node::leaf(p.span, 5, line)
    });
    push(&mut ch, c.fin.as_ref(), |(d, s)| {
        Node::leaf(*s, 6, format!("fin le {d}"))
    });
    push(&mut ch, c.lieu.as_ref(), |t| text(7, "lieu", t));
    ch.extend(c.cosignataires.iter().map(|t| text(8, "cosignataire", t)));
    push(&mut ch, c.dialogue.as_ref(), |(d, s)| {
        Node::leaf(*s, 9, format!("dialogue {d}"))
    });
    ch.extend(c.avenants.iter().map(avenant));
    ch.extend(c.textes.iter().map(|t| text(11, "texte", t)));
    ch.extend(c.aides.iter().map(aide));
    ch.extend(c.references.iter().map(reference));
    ch.extend(c.objectifs.iter().map(objectif));
    ch.extend(c.conditions.iter().map(condition));
    push(&mut ch, c.modulation.as_ref(), |m| {
        modulation(16, m, String::new())
    });
    push(&mut ch, c.chef_de_projet.as_ref(), |t| {
        text(17, "chef_de_projet", t)
    });
    ch.extend(c.previsions.iter().map(|p| super::suivi::prevision(18, p)));
    let head = format!("contrat {}", c.id.name);
    Node::block(c.span, 0, head, ch, String::new())
}

fn etablissement(e: &Etablissement) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, e.raison_sociale.as_ref(), |t| {
        text(0, "raison_sociale", t)
    });
    push(&mut ch, e.finess.as_ref(), |t| text(1, "finess", t));
    push(&mut ch, e.statut.as_ref(), |id| {
        Node::leaf(id.span, 2, format!("statut {}", id.name))
    });
    push(&mut ch, e.categorie.as_ref(), |id| {
        Node::leaf(id.span, 3, format!("catégorie {}", id.name))
    });
    push(&mut ch, e.ght.as_ref(), |t| text(4, "ght", t));
    push(&mut ch, e.region.as_ref(), |t| text(5, "région", t));
    Node::block(e.span, 3, "établissement".into(), ch, String::new())
}

fn avenant(a: &Avenant) -> Node {
    let mut line = format!(
        "avenant {} signé le {} {}",
        quantity(&a.numero),
        a.signe,
        string(&a.objet.value)
    );
    if let Some(e) = &a.integre {
        line.push_str(&format!(" intègre {}", e.name));
    }
    Node::leaf(a.span, 10, line)
}

fn aide(a: &Aide) -> Node {
    let mut ch: Vec<Node> = a
        .annees
        .iter()
        .map(|y| Node::leaf(y.span, 0, lexical::aide_annee(y)))
        .collect();
    ch.extend(a.versements.iter().map(|v| {
        let line = match &v.montant {
            Some(m) => format!("versement {} {}", v.date, quantity(m)),
            None => format!("versement {}", v.date),
        };
        Node::leaf(v.span, 1, line)
    }));
    let head = format!("aide {}", a.enveloppe.name);
    Node::block(a.span, 12, head, ch, String::new())
}

fn reference(r: &Reference) -> Node {
    let ch = r
        .valeurs
        .iter()
        .map(|l| {
            let line = format!("{}: {}", l.indicateur.name, value(&l.valeur));
            Node::leaf(l.span, 0, line)
        })
        .collect();
    let head = format!("référence {}", r.annee.value);
    Node::block(r.span, 13, head, ch, String::new())
}

fn objectif(o: &Objectif) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, o.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, o.kind.as_ref(), |(k, s)| {
        Node::leaf(*s, 1, format!("type {}", objectif_type(k)))
    });
    push(&mut ch, o.indicateur.as_ref(), |id| {
        Node::leaf(id.span, 2, format!("indicateur {}", id.name))
    });
    push(&mut ch, o.base.as_ref(), |b| {
        let line = format!("base {}: {}", b.annee.value, value(&b.valeur));
        Node::leaf(b.span, 3, line)
    });
    ch.extend(o.cibles.iter().map(|c| {
        let line = format!("cible {}: {}", c.annee.value, comparison(&c.comparison));
        Node::leaf(c.span, 4, line)
    }));
    push(&mut ch, o.poids.as_ref(), |q| {
        Node::leaf(q.span, 5, format!("poids {}", quantity(q)))
    });
    ch.extend(o.gains.iter().map(gain));
    push(&mut ch, o.justification.as_ref(), |t| {
        text(7, "justification", t)
    });
    ch.extend(o.actions.iter().map(|a| super::suivi::action(8, a)));
    ch.extend(o.textes.iter().map(|t| text(9, "texte", t)));
    let head = format!("objectif {}", o.id.name);
    Node::block(o.span, 14, head, ch, String::new())
}

/// `financier`, `levier THÈME` or `trésorerie`.
pub fn objectif_type(k: &ObjectifType) -> String {
    match k {
        ObjectifType::Levier(theme) => format!("levier {}", theme.name),
        other => other.kind_name().to_string(),
    }
}

fn gain(g: &Gain) -> Node {
    let side = match g.side {
        GainSide::Charges => "charges",
        GainSide::Recettes => "recettes",
    };
    let line = format!("gain {}: {} {side}", g.annee.value, quantity(&g.montant));
    Node::leaf(g.span, 6, line)
}

fn condition(c: &Condition) -> Node {
    let mut ch = Vec::new();
    push(&mut ch, c.libelle.as_ref(), |t| text(0, "libellé", t));
    push(&mut ch, c.exige.as_ref(), |e| {
        Node::leaf(e.span, 1, exige(e))
    });
    let head = format!("condition {}", c.id.name);
    Node::block(c.span, 15, head, ch, String::new())
}

/// `exige EXPR [à partir de AAAA]`.
pub fn exige(e: &Exige) -> String {
    match &e.a_partir_de {
        Some(y) => format!("exige {} à partir de {}", expr(&e.expr), y.value),
        None => format!("exige {}", expr(&e.expr)),
    }
}

/// A `modulation` table (of a contract, or a framework clause whose
/// ` source "…"` is `tail`).
pub fn modulation(rank: u8, m: &Modulation, tail: String) -> Node {
    let ch = m
        .lines
        .iter()
        .map(|line| {
            let span = match line {
                ModulationLine::Si { span, .. } | ModulationLine::Sinon { span, .. } => *span,
            };
            Node::leaf(span, 0, lexical::modulation_line(line))
        })
        .collect();
    Node::block(m.span, rank, "modulation".into(), ch, tail)
}

/// The span covering a list of names (`indicateurs a, b, c`).
pub fn span_of(idents: &[Ident]) -> Option<Span> {
    let first = idents.first()?.span;
    Some(idents.iter().fold(first, |acc, id| acc.to(id.span)))
}
