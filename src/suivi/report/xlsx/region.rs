//! The « tableau de bord de suivi des CREF de la région »: sheet « Suivi des
//! CREF » (one row per contract: general information, contract, impacts by
//! year, the establishment's performance by year, forecast against actual,
//! comments), « Synthèse régionale » and « Suivi des déficits » with their
//! charts.

use super::{col, erreur, row, Feuille, Styles};
use crate::suivi::report::headings::{self as h, PERFORMANCE};
use crate::suivi::{LigneRegionale, SuiviContrat, Tableau};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Workbook, Worksheet, XlsxError};

pub const FEUILLE_SUIVI: &str = "Suivi des CREF";
pub const FEUILLE_SYNTHESE: &str = "Synthèse régionale";
pub const FEUILLE_DEFICITS: &str = "Suivi des déficits";

/// The fixed columns before the yearly groups.
pub const INFORMATIONS: [&str; 6] = [
    "Etablissement",
    "Finess",
    "Date de signature",
    "Période (début/fin)",
    "Chef de projet",
    "Engagement ARS (total)",
];

pub fn regional(t: &Tableau) -> Result<Vec<u8>, String> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let mut ws = Worksheet::new();
    suivi(
        &mut Feuille {
            ws: &mut ws,
            s: &styles,
        },
        t,
    )
    .map_err(erreur)?;
    wb.push_worksheet(ws);
    let mut ws = Worksheet::new();
    synthese(
        &mut Feuille {
            ws: &mut ws,
            s: &styles,
        },
        t,
    )
    .map_err(erreur)?;
    wb.push_worksheet(ws);
    let mut ws = Worksheet::new();
    deficits(
        &mut Feuille {
            ws: &mut ws,
            s: &styles,
        },
        t,
    )
    .map_err(erreur)?;
    wb.push_worksheet(ws);
    wb.save_to_buffer().map_err(erreur)
}

fn annees(t: &Tableau) -> Vec<i32> {
    let mut out: Vec<i32> = t
        .regional
        .lignes
        .iter()
        .flat_map(|l| {
            l.engagements_es
                .iter()
                .map(|(a, _)| *a)
                .chain(l.impacts.iter().map(|i| i.annee))
                .chain(l.performance.iter().map(|p| p.annee))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn suivi(f: &mut Feuille, t: &Tableau) -> Result<(), XlsxError> {
    f.ws.set_name(FEUILLE_SUIVI)?;
    f.titre(0, 0, "Suivi des CREF de la Région")?;
    f.texte(1, 0, "Date de suivi :")?;
    f.date(1, 1, Some(t.date))?;
    f.texte(1, 2, &format!("(Contrat {})", h::UNITE))?;
    let years = annees(t);
    let (g, y, hd) = (2, 3, 4);
    f.entete(g, 0, "Informations générales")?;
    for (j, name) in INFORMATIONS.iter().enumerate() {
        f.entete(hd, col(j), name)?;
    }
    let mut j = INFORMATIONS.len();
    f.entete(g, col(j), "Contrat (en milliers d'€)")?;
    for a in &years {
        f.entete(y, col(j), &a.to_string())?;
        f.entete(hd, col(j), "Engagement ES (résultat)")?;
        j += 1;
    }
    f.entete(hd, col(j), "taux de réalisation engagements")?;
    j += 1;
    f.entete(g, col(j), "Impacts du CREF")?;
    for a in &years {
        for name in [
            "impacts charges",
            "impact recettes",
            "impact total sur le résultat",
            "taux de réalisation engagements",
        ] {
            f.entete(y, col(j), &a.to_string())?;
            f.entete(hd, col(j), name)?;
            j += 1;
        }
    }
    f.entete(g, col(j), "Performance de l'ES")?;
    for a in &years {
        for name in PERFORMANCE {
            for kind in ["Prévisions (pour l'année)", "Réalisations (pour l'année)"] {
                f.entete(y, col(j), &a.to_string())?;
                f.entete(hd, col(j), &format!("{name} — {kind}"))?;
                j += 1;
            }
        }
    }
    f.entete(hd, col(j), "Commentaires éventuels")?;
    for (i, (c, l)) in t.contrats.iter().zip(&t.regional.lignes).enumerate() {
        ligne(f, row(i) + hd + 1, c, l, &years)?;
    }
    Ok(())
}

fn ligne(
    f: &mut Feuille,
    r: u32,
    c: &SuiviContrat,
    l: &LigneRegionale,
    years: &[i32],
) -> Result<(), XlsxError> {
    f.texte(r, 0, c.raison_sociale.as_deref().unwrap_or(&c.contrat))?;
    f.texte(r, 1, c.finess.as_deref().unwrap_or(""))?;
    f.date(r, 2, c.signe)?;
    f.texte(
        r,
        3,
        &c.periode
            .map(|(a, b)| format!("{a} - {b}"))
            .unwrap_or_default(),
    )?;
    f.texte(r, 4, c.chef_de_projet.as_deref().unwrap_or(""))?;
    f.keuros(r, 5, c.engagement_ars)?;
    let mut j = INFORMATIONS.len();
    for a in years {
        let v = l
            .engagements_es
            .iter()
            .find(|(y, _)| y == a)
            .map(|(_, v)| *v);
        f.opt_keuros(r, col(j), v)?;
        j += 1;
    }
    f.opt_pourcent(r, col(j), l.taux_engagements)?;
    j += 1;
    for a in years {
        let i = l.impacts.iter().find(|i| i.annee == *a);
        // The tools' sign: savings on charges are a decrease of charges.
        f.opt_keuros(r, col(j), i.map(|i| -i.charges))?;
        f.opt_keuros(r, col(j + 1), i.map(|i| i.recettes))?;
        f.opt_keuros(r, col(j + 2), i.map(|i| i.total))?;
        f.opt_pourcent(r, col(j + 3), i.and_then(|i| i.taux))?;
        j += 4;
    }
    for a in years {
        let p = l.performance.iter().find(|p| p.annee == *a);
        for k in 0..PERFORMANCE.len() {
            let cell =
                |v: Option<&Vec<Option<Decimal>>>| v.and_then(|v| v.get(k).copied().flatten());
            let (prevu, reel) = (cell(p.map(|p| &p.prevu)), cell(p.map(|p| &p.reel)));
            if h::performance_ratio(k) {
                f.opt_pourcent(r, col(j), prevu)?;
                f.opt_pourcent(r, col(j + 1), reel)?;
            } else {
                f.opt_keuros(r, col(j), prevu)?;
                f.opt_keuros(r, col(j + 1), reel)?;
            }
            j += 2;
        }
    }
    f.texte(r, col(j), &c.commentaires.join("\n"))?;
    Ok(())
}

fn synthese(f: &mut Feuille, t: &Tableau) -> Result<(), XlsxError> {
    f.ws.set_name(FEUILLE_SYNTHESE)?;
    f.ws.set_column_width(0, 40)?;
    f.entete(0, 0, "Etablissement")?;
    f.entete(
        0,
        1,
        "Niveau de réalisation des objectifs financiers prévus à la date de suivi",
    )?;
    let s = &t.regional.synthese;
    for (i, (c, v)) in s.contrats.iter().enumerate() {
        f.texte(row(i + 1), 0, &nom(t, c))?;
        f.opt_pourcent(row(i + 1), 1, *v)?;
    }
    let last = row(s.contrats.len() + 1);
    f.entete(last, 0, "Région")?;
    f.opt_pourcent(last, 1, s.region)?;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((FEUILLE_SYNTHESE, 1, 0, last, 0))
        .set_values((FEUILLE_SYNTHESE, 1, 1, last, 1))
        .set_name("Niveau de réalisation");
    chart.title().set_name("Synthèse régionale");
    f.ws.insert_chart(1, 3, &chart)?;
    Ok(())
}

fn deficits(f: &mut Feuille, t: &Tableau) -> Result<(), XlsxError> {
    f.ws.set_name(FEUILLE_DEFICITS)?;
    f.ws.set_column_width(0, 40)?;
    for (j, name) in [
        "Etablissement",
        "Exercice",
        "Déficit (en milliers d'€)",
        "Part du déficit régional",
    ]
    .iter()
    .enumerate()
    {
        f.entete(0, col(j), name)?;
    }
    let d = &t.regional.deficits;
    for (i, (c, annee, deficit, part)) in d.contrats.iter().enumerate() {
        let r = row(i + 1);
        f.texte(r, 0, &nom(t, c))?;
        f.texte(r, 1, &annee.map(|a| a.to_string()).unwrap_or_default())?;
        f.keuros(r, 2, *deficit)?;
        f.opt_pourcent(r, 3, *part)?;
    }
    let last = row(d.contrats.len().max(1));
    f.entete(last + 1, 0, "TOTAL")?;
    f.keuros(last + 1, 2, d.total)?;
    let mut chart = Chart::new(ChartType::Pie);
    chart
        .add_series()
        .set_categories((FEUILLE_DEFICITS, 1, 0, last, 0))
        .set_values((FEUILLE_DEFICITS, 1, 2, last, 2))
        .set_name("Déficit");
    chart
        .title()
        .set_name("Part du déficit de chaque ES sous CREF");
    f.ws.insert_chart(1, 5, &chart)?;
    Ok(())
}

fn nom(t: &Tableau, id: &str) -> String {
    t.contrats
        .iter()
        .find(|c| c.contrat == id)
        .and_then(|c| c.raison_sociale.clone())
        .unwrap_or_else(|| id.to_string())
}
