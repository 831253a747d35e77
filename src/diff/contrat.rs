//! Contract-level changes: intitulé, cadre, ars, lieu, cosignataires,
//! établissement, dates (signature, période, fin, dialogue), avenant history
//! (with `intègre`), preamble, aid schedule (the first block), reference
//! figures, modulation.

use super::texte::paragraphs;
use super::{Differ, Section};
use crate::ast::*;
use crate::display;
use crate::fmt::lexical::{modulation_line, quantity, value};
use rust_decimal::Decimal;

pub fn general(d: &mut Differ, old: &Contrat, new: &Contrat) {
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
    let name = |i: &Option<Ident>| i.as_ref().map(|i| i.name.clone());
    let sec = Section::General;
    d.field(
        sec.clone(),
        "intitulé",
        "intitulé",
        text(&old.intitule),
        text(&new.intitule),
    );
    d.field(
        sec.clone(),
        "cadre",
        "cadre",
        name(&old.cadre),
        name(&new.cadre),
    );
    d.field(sec.clone(), "ars", "agence", text(&old.ars), text(&new.ars));
    d.field(
        sec.clone(),
        "lieu",
        "lieu de signature",
        text(&old.lieu),
        text(&new.lieu),
    );
    let cosignataires = |c: &Contrat| {
        let names: Vec<&str> = c.cosignataires.iter().map(|t| t.value.as_str()).collect();
        (!names.is_empty()).then(|| names.join(" ; "))
    };
    d.field(
        sec,
        "cosignataire",
        "cosignataires",
        cosignataires(old),
        cosignataires(new),
    );
    etablissement(d, old.etablissement.as_ref(), new.etablissement.as_ref());
    let date = |x: &Option<(crate::date::Date, crate::source::Span)>| x.map(|(d, _)| d.to_string());
    let periode = |p: &Option<Periode>| {
        p.as_ref()
            .map(|p| format!("{} à {}", p.debut.value, p.fin.value))
    };
    let sec = Section::Duree;
    d.field(
        sec.clone(),
        "signé",
        "date de signature",
        date(&old.signe),
        date(&new.signe),
    );
    d.field(
        sec.clone(),
        "période",
        "période",
        periode(&old.periode),
        periode(&new.periode),
    );
    d.field(
        sec.clone(),
        "fin",
        "date de fin du contrat",
        date(&old.fin),
        date(&new.fin),
    );
    d.field(
        sec,
        "dialogue",
        "date du premier dialogue",
        date(&old.dialogue),
        date(&new.dialogue),
    );
    avenants(d, &old.avenants, &new.avenants);
    paragraphs(
        d,
        Section::Preambule,
        "texte",
        "préambule",
        &old.textes,
        &new.textes,
    );
}

fn etablissement(d: &mut Differ, old: Option<&Etablissement>, new: Option<&Etablissement>) {
    let text = |e: Option<&Etablissement>, f: fn(&Etablissement) -> &Option<Text>| {
        e.and_then(|e| f(e).as_ref()).map(|t| t.value.clone())
    };
    let name = |e: Option<&Etablissement>, f: fn(&Etablissement) -> &Option<Ident>| {
        e.and_then(|e| f(e).as_ref()).map(|i| i.name.clone())
    };
    let fields: [(&str, &str, Option<String>, Option<String>); 6] = [
        (
            "raison_sociale",
            "raison sociale",
            text(old, |e| &e.raison_sociale),
            text(new, |e| &e.raison_sociale),
        ),
        (
            "finess",
            "numéro FINESS",
            text(old, |e| &e.finess),
            text(new, |e| &e.finess),
        ),
        (
            "statut",
            "statut",
            name(old, |e| &e.statut),
            name(new, |e| &e.statut),
        ),
        (
            "catégorie",
            "catégorie",
            name(old, |e| &e.categorie),
            name(new, |e| &e.categorie),
        ),
        ("ght", "GHT", text(old, |e| &e.ght), text(new, |e| &e.ght)),
        (
            "région",
            "région",
            text(old, |e| &e.region),
            text(new, |e| &e.region),
        ),
    ];
    for (key, label, a, b) in fields {
        let chemin = format!("établissement.{key}");
        let libelle = format!("{label} de l'établissement");
        d.field(Section::Etablissement, &chemin, &libelle, a, b);
    }
}

fn avenants(d: &mut Differ, old: &[Avenant], new: &[Avenant]) {
    let show = |a: &Avenant| {
        let integre = a.integre.as_ref().map_or(String::new(), |e| {
            format!(
                ", qui intègre le contrat au dispositif de l'enveloppe {}",
                e.name
            )
        });
        format!(
            "signé le {} : « {} »{integre}",
            a.signe.french(),
            a.objet.value
        )
    };
    let key = |a: &Avenant| a.numero.value;
    let mut numbers: Vec<Decimal> = old.iter().chain(new).map(key).collect();
    numbers.sort();
    numbers.dedup();
    for n in numbers {
        let a = old.iter().find(|a| key(a) == n).map(show);
        let b = new.iter().find(|a| key(a) == n).map(show);
        let num = display::number(n);
        d.field(
            Section::Historique,
            &format!("avenant.{num}"),
            &format!("avenant n° {num}"),
            a,
            b,
        );
    }
}

/// `800 k€ ferme`, with the status made explicit.
fn annee(a: &AideAnnee) -> String {
    format!("{} {}", quantity(&a.montant), statut(a))
}

fn statut(a: &AideAnnee) -> &'static str {
    if a.is_ferme() {
        "ferme"
    } else {
        "indicatif"
    }
}

/// The aid schedules: one block per side compared as before (its envelope
/// may change); with several sources, the blocks are paired by source and
/// the paths say which (`aide.fir.2026`).
pub fn aides(d: &mut Differ, old: &[Aide], new: &[Aide]) {
    let mut sources: Vec<&str> = Vec::new();
    for a in old.iter().chain(new) {
        if !sources.contains(&a.enveloppe.name.as_str()) {
            sources.push(&a.enveloppe.name);
        }
    }
    if old.len() <= 1 && new.len() <= 1 {
        return aide(d, "aide", "aide", old.first(), new.first());
    }
    for source in sources {
        let of = |list: &'_ [Aide]| list.iter().find(|a| a.enveloppe.name == source).cloned();
        let (a, b) = (of(old), of(new));
        let chemin = format!("aide.{source}");
        let libelle = format!("aide {source}");
        aide(d, &chemin, &libelle, a.as_ref(), b.as_ref());
    }
}

fn aide(d: &mut Differ, chemin: &str, libelle: &str, old: Option<&Aide>, new: Option<&Aide>) {
    let env = |a: Option<&Aide>| a.map(|a| a.enveloppe.name.clone());
    if chemin == "aide" {
        d.field(
            Section::Aide,
            "aide.enveloppe",
            "enveloppe de l'aide",
            env(old),
            env(new),
        );
    }
    let old_years = old.map_or(&[][..], |a| &a.annees[..]);
    let new_years = new.map_or(&[][..], |a| &a.annees[..]);
    let mut all: Vec<i32> = old_years
        .iter()
        .chain(new_years)
        .map(|a| a.annee.value)
        .collect();
    all.sort_unstable();
    all.dedup();
    for y in all {
        let a = old_years.iter().find(|a| a.annee.value == y);
        let b = new_years.iter().find(|a| a.annee.value == y);
        aide_annee(d, (chemin, libelle), y, a, b);
    }
    let old_versements = old.map_or(&[][..], |a| &a.versements[..]);
    let new_versements = new.map_or(&[][..], |a| &a.versements[..]);
    versements_diff(d, chemin, old_versements, new_versements);
}

fn aide_annee(
    d: &mut Differ,
    (chemin, libelle): (&str, &str),
    y: i32,
    a: Option<&AideAnnee>,
    b: Option<&AideAnnee>,
) {
    let chemin = format!("{chemin}.{y}");
    let libelle = format!("{libelle} {y}");
    let (Some(a), Some(b)) = (a, b) else {
        let (a, b) = (a.map(annee), b.map(annee));
        let acte = match (&a, &b) {
            (None, Some(b)) => format!("Une aide de {b} est prévue au titre de l'exercice {y}."),
            _ => format!("L'aide prévue au titre de l'exercice {y} est supprimée."),
        };
        let description = match (&a, &b) {
            (None, Some(b)) => format!("{libelle} : ajout ({b})"),
            (Some(a), _) => format!("{libelle} : suppression (était {a})"),
            _ => return,
        };
        d.push(Section::Aide, &chemin, &libelle, a, b, description, acte);
        return;
    };
    if a.montant.value != b.montant.value {
        let (x, z) = (quantity(&a.montant), quantity(&b.montant));
        let verbe = if b.montant.value < a.montant.value {
            "ramené"
        } else {
            "porté"
        };
        let acte = format!(
            "Le montant {} de l'aide au titre de l'exercice {y} est {verbe} de {} à {}.",
            if b.is_ferme() { "ferme" } else { "indicatif" },
            display::euros(a.montant.value),
            display::euros(b.montant.value)
        );
        let description = format!("{libelle} : {x} → {z} ({})", statut(b));
        d.push(
            Section::Aide,
            &chemin,
            &libelle,
            Some(x),
            Some(z),
            description,
            acte,
        );
    }
    if a.is_ferme() != b.is_ferme() {
        let chemin = format!("{chemin}.statut");
        let acte = format!(
            "L'aide au titre de l'exercice {y} devient {} ({} au lieu de {}).",
            if b.is_ferme() {
                "un engagement ferme"
            } else {
                "indicative"
            },
            statut(b),
            statut(a)
        );
        let description = format!("{libelle} : {} → {}", statut(a), statut(b));
        let (x, z) = (Some(statut(a).to_string()), Some(statut(b).to_string()));
        d.push(Section::Aide, &chemin, &libelle, x, z, description, acte);
    }
}

fn versements_diff(d: &mut Differ, chemin: &str, old: &[Versement], new: &[Versement]) {
    let show = |v: &Versement| {
        v.montant
            .as_ref()
            .map_or("montant non précisé".into(), quantity)
    };
    let mut dates: Vec<crate::date::Date> = old.iter().chain(new).map(|v| v.date).collect();
    dates.sort();
    dates.dedup();
    for date in dates {
        let a = old.iter().find(|v| v.date == date);
        let b = new.iter().find(|v| v.date == date);
        let same = match (a, b) {
            (Some(a), Some(b)) => {
                a.montant.as_ref().map(|m| m.value) == b.montant.as_ref().map(|m| m.value)
            }
            _ => false,
        };
        if !same {
            let libelle = format!("versement du {}", date.french());
            d.field(
                Section::Aide,
                &format!("{chemin}.versement.{date}"),
                &libelle,
                a.map(show),
                b.map(show),
            );
        }
    }
}

pub fn references(d: &mut Differ, old: &[Reference], new: &[Reference]) {
    let lines = |refs: &[Reference]| -> Vec<(i32, String, Value)> {
        refs.iter()
            .flat_map(|r| {
                r.valeurs
                    .iter()
                    .map(move |l| (r.annee.value, l.indicateur.name.clone(), l.valeur.clone()))
            })
            .collect()
    };
    let (a, b) = (lines(old), lines(new));
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
        let chemin = format!("référence.{y}.{name}");
        let libelle = format!("valeur de référence {y} de {name}");
        d.field(
            Section::Reference,
            &chemin,
            &libelle,
            x.as_ref().map(value),
            z.as_ref().map(value),
        );
    }
}

/// Two values mean the same (`800 k€` = `800 000 €`).
pub fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Quantity(x)), Some(Value::Quantity(y))) => {
            x.value == y.value && x.unit.dimension() == y.unit.dimension()
        }
        (Some(Value::Date(x, _)), Some(Value::Date(y, _))) => x == y,
        (Some(Value::Bool(x, _)), Some(Value::Bool(y, _))) => x == y,
        (None, None) => true,
        _ => false,
    }
}

pub fn modulation(d: &mut Differ, old: Option<&Modulation>, new: Option<&Modulation>) {
    let key = |m: Option<&Modulation>| -> Option<Vec<(Option<CmpOp>, Decimal, Decimal)>> {
        m.map(|m| {
            m.lines
                .iter()
                .map(|l| match l {
                    ModulationLine::Si {
                        op, seuil, part, ..
                    } => (Some(*op), seuil.value, part.value),
                    ModulationLine::Sinon { part, .. } => (None, Decimal::ZERO, part.value),
                })
                .collect()
        })
    };
    if key(old) == key(new) {
        return;
    }
    let show = |m: &Modulation| {
        let lines: Vec<String> = m.lines.iter().map(modulation_line).collect();
        lines.join(" ; ")
    };
    d.field(
        Section::Modulation,
        "modulation",
        "barème de modulation",
        old.map(show),
        new.map(show),
    );
}
