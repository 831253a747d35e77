//! `pacte std [indicateurs|thèmes|cadres|enveloppes] [NOM]`: the standard
//! library from the command line — a list of each kind, or one item
//! explained (unit, direction, formula, thresholds, clauses, source).

use crate::ast::{Indicateur, Theme};
use crate::model::{CadreEffectif, Program};

/// What `pacte std` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Indicateurs,
    Themes,
    Cadres,
    Enveloppes,
}

/// The overview, a list, or one item; `Err` names an unknown item.
pub fn show(program: &Program, kind: Option<Kind>, name: Option<&str>) -> Result<String, String> {
    match (kind, name) {
        (None, None) => Ok(overview(program)),
        (Some(kind), None) => Ok(list(program, kind)),
        (kind, Some(name)) => item(program, kind, name),
    }
}

fn overview(p: &Program) -> String {
    let count = crate::display::count;
    format!(
        "Bibliothèque standard de Pacte (std/) : {}, {}, {}, {}.\n\n\
         pacte std indicateurs [NOM]   unité, sens, formule, seuils et source de chaque indicateur\n\
         pacte std thèmes [NOM]        les thèmes de leviers de l'annexe II\n\
         pacte std cadres [NOM]        les cadres et leurs règles\n\
         pacte std enveloppes [NOM]    les enveloppes de financement\n",
        count(p.indicateurs.len(), "indicateur", "indicateurs"),
        count(p.themes.len(), "thème", "thèmes"),
        count(p.cadres.len(), "cadre", "cadres"),
        count(p.enveloppes.len(), "enveloppe", "enveloppes"),
    )
}

fn libelle(text: Option<&crate::ast::Text>) -> &str {
    text.map_or("", |t| t.value.as_str())
}

fn list(p: &Program, kind: Kind) -> String {
    let rows: Vec<(String, String)> = match kind {
        Kind::Indicateurs => p
            .indicateurs
            .values()
            .map(|i| {
                let unite = i.unite.map_or("?", |(u, _)| u.keyword());
                (
                    i.id.name.clone(),
                    format!("{unite:<7} {}", libelle(i.libelle.as_ref())),
                )
            })
            .collect(),
        Kind::Themes => p
            .themes
            .values()
            .map(|t| (t.id.name.clone(), libelle(t.libelle.as_ref()).to_string()))
            .collect(),
        Kind::Cadres => p
            .cadres
            .values()
            .map(|c| {
                (
                    c.cadre.id.name.clone(),
                    libelle(c.cadre.libelle.as_ref()).to_string(),
                )
            })
            .collect(),
        Kind::Enveloppes => p
            .enveloppes
            .values()
            .map(|e| (e.id.name.clone(), libelle(e.libelle.as_ref()).to_string()))
            .collect(),
    };
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, text) in rows {
        let pad = width - name.chars().count();
        out.push_str(&format!("{name}{}  {text}\n", " ".repeat(pad)).replace("  \n", "\n"));
    }
    out
}

fn item(p: &Program, kind: Option<Kind>, name: &str) -> Result<String, String> {
    let wants = |k: Kind| kind.is_none_or(|w| w == k);
    if let Some(i) = p.indicateurs.get(name).filter(|_| wants(Kind::Indicateurs)) {
        return Ok(indicateur(i));
    }
    if let Some(t) = p.themes.get(name).filter(|_| wants(Kind::Themes)) {
        return Ok(theme(t));
    }
    if let Some(c) = p.cadres.get(name).filter(|_| wants(Kind::Cadres)) {
        return Ok(cadre(c));
    }
    if let Some(e) = p.enveloppes.get(name).filter(|_| wants(Kind::Enveloppes)) {
        return Ok(enveloppe(e));
    }
    let mut names: Vec<&str> = Vec::new();
    if wants(Kind::Indicateurs) {
        names.extend(p.indicateurs.keys().map(String::as_str));
    }
    if wants(Kind::Themes) {
        names.extend(p.themes.keys().map(String::as_str));
    }
    if wants(Kind::Cadres) {
        names.extend(p.cadres.keys().map(String::as_str));
    }
    if wants(Kind::Enveloppes) {
        names.extend(p.enveloppes.keys().map(String::as_str));
    }
    let hint = crate::resolve::suggest::closest(name, names)
        .map(|c| format!(" ; vouliez-vous dire « {c} » ?"))
        .unwrap_or_default();
    Err(format!(
        "« {name} » n'est pas dans la bibliothèque standard{hint}"
    ))
}

fn line(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
}

fn indicateur(i: &Indicateur) -> String {
    let mut out = format!("indicateur {}\n", i.id.name);
    line(&mut out, "libellé", libelle(i.libelle.as_ref()));
    line(&mut out, "unité", i.unite.map_or("", |(u, _)| u.keyword()));
    let sens = i.sens.map_or(String::new(), |(s, _)| {
        let words = match s.keyword() {
            "hausse" => "(plus haut est mieux)",
            "baisse" => "(plus bas est mieux)",
            _ => "(au plus près d'une valeur)",
        };
        format!("{} {words}", s.keyword())
    });
    line(&mut out, "sens", &sens);
    let formule = i
        .formule
        .as_ref()
        .map(crate::fmt::lexical::expr)
        .unwrap_or_default();
    line(&mut out, "formule", &formule);
    for s in &i.seuils {
        let pour = if s.pour.is_empty() {
            String::new()
        } else {
            let cats: Vec<&str> = s.pour.iter().map(|c| c.name.as_str()).collect();
            format!(" pour {}", cats.join(" "))
        };
        let seuil = format!(
            "{} {} {}{pour}",
            s.niveau.keyword(),
            s.op.symbol(),
            crate::fmt::lexical::value(&s.valeur)
        );
        line(&mut out, "seuil", &seuil);
    }
    line(
        &mut out,
        "hospidiag",
        i.hospidiag.as_ref().map_or("", |t| t.value.as_str()),
    );
    line(
        &mut out,
        "source",
        i.source.as_ref().map_or("", |t| t.value.as_str()),
    );
    if let Some(d) = &i.description {
        out.push_str(&format!("\n{}\n", d.value));
    }
    out
}

fn theme(t: &Theme) -> String {
    let mut out = format!("thème {}\n", t.id.name);
    line(&mut out, "libellé", libelle(t.libelle.as_ref()));
    let indicateurs: Vec<&str> = t.indicateurs.iter().map(|i| i.name.as_str()).collect();
    line(&mut out, "indicateurs", &indicateurs.join(", "));
    line(
        &mut out,
        "source",
        t.source.as_ref().map_or("", |s| s.value.as_str()),
    );
    if let Some(d) = &t.description {
        out.push_str(&format!("\n{}\n", d.value));
    }
    out
}

fn cadre(c: &CadreEffectif) -> String {
    let mut out = format!("cadre {}\n", c.cadre.id.name);
    line(&mut out, "libellé", libelle(c.cadre.libelle.as_ref()));
    if c.lignee.len() > 1 {
        line(&mut out, "lignée", &c.lignee.join(" › "));
    }
    line(
        &mut out,
        "source",
        c.cadre.source.as_ref().map_or("", |s| s.value.as_str()),
    );
    out.push_str("\nrègles :\n");
    for clause in &c.clauses {
        let Some(text) = crate::fmt::lexical::clause(&clause.kind) else {
            continue;
        };
        let first = text.lines().next().unwrap_or("");
        out.push_str(&format!("  {first}\n"));
        if let Some(source) = &clause.source {
            out.push_str(&format!("      source : {}\n", source.value));
        }
    }
    out
}

fn enveloppe(e: &crate::ast::Enveloppe) -> String {
    let mut out = format!("enveloppe {}\n", e.id.name);
    line(&mut out, "libellé", libelle(e.libelle.as_ref()));
    let exercice = e.exercice.map(|y| y.value.to_string()).unwrap_or_default();
    line(&mut out, "exercice", &exercice);
    let montant = e
        .montant
        .as_ref()
        .map(crate::display::written)
        .unwrap_or_default();
    line(&mut out, "montant", &montant);
    for (statut, q) in &e.parts {
        line(
            &mut out,
            "part",
            &format!("{} {}", statut.name, crate::display::written(q)),
        );
    }
    for clause in &e.clauses {
        if let Some(text) = crate::fmt::lexical::clause(&clause.kind) {
            line(&mut out, "règle", text.lines().next().unwrap_or(""));
        }
    }
    line(
        &mut out,
        "source",
        e.source.as_ref().map_or("", |s| s.value.as_str()),
    );
    out
}
