//! The « tableau de bord de suivi d'un CREF »: sheet « Suivi global CREF »
//! (fiche signalétique, engagements of both parties, the actions by year,
//! the follow-up at the date), sheet « Historique des suivis » (the tool's
//! space for pasting the previous follow-ups), and one « Action n » sheet
//! per action (fiche action, sous-actions).

use super::{col, erreur, row, Feuille, Styles};
use crate::date::Date;
use crate::suivi::report::headings as h;
use crate::suivi::{ActionSuivi, SuiviContrat};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

pub const FEUILLE_GLOBALE: &str = "Suivi global CREF";
pub const FEUILLE_HISTORIQUE: &str = "Historique des suivis";

pub fn contrat(at: Date, c: &SuiviContrat) -> Result<Vec<u8>, String> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let mut global = Worksheet::new();
    globale(
        &mut Feuille {
            ws: &mut global,
            s: &styles,
        },
        at,
        c,
    )
    .map_err(erreur)?;
    wb.push_worksheet(global);
    let mut hist = Worksheet::new();
    historique(
        &mut Feuille {
            ws: &mut hist,
            s: &styles,
        },
        c,
    )
    .map_err(erreur)?;
    wb.push_worksheet(hist);
    for (i, a) in c.actions.iter().enumerate() {
        let mut ws = Worksheet::new();
        fiche_action(
            &mut Feuille {
                ws: &mut ws,
                s: &styles,
            },
            i + 1,
            a,
        )
        .map_err(erreur)?;
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer().map_err(erreur)
}

fn globale(f: &mut Feuille, at: Date, c: &SuiviContrat) -> Result<(), XlsxError> {
    f.ws.set_name(FEUILLE_GLOBALE)?;
    f.ws.set_column_width(1, 42)?;
    let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
    f.titre(0, 0, &format!("Fiche signalétique du CREF - CREF du {nom}"))?;
    f.entete(1, 0, "Identification de l'établissement")?;
    let lignes: [(&str, String); 4] = [
        ("Raison sociale", nom.to_string()),
        (
            "Catégorie (CHU, CHI, HL, MCO, PSY, SS…)",
            c.categorie.clone().unwrap_or_default(),
        ),
        ("N° Finess", c.finess.clone().unwrap_or_default()),
        (
            "Durée du CREF, période",
            c.periode
                .map(|(a, b)| format!("{a} - {b}"))
                .unwrap_or_default(),
        ),
    ];
    let mut r = 2;
    for (k, v) in lignes {
        f.texte(r, 0, k)?;
        f.texte(r, 1, &v)?;
        r += 1;
    }
    f.texte(r, 0, "Date de signature du CREF")?;
    f.date(r, 1, c.signe)?;
    f.texte(r + 1, 0, "Montant engagements ARS")?;
    f.keuros(r + 1, 1, c.engagement_ars)?;
    f.texte(r + 2, 0, "Chef de projet")?;
    f.texte(r + 2, 1, c.chef_de_projet.as_deref().unwrap_or(""))?;
    let r = engagements(f, r + 4, c)?;
    let r = actions(f, r + 1, c)?;
    suivi(f, r + 1, at, c)
}

/// « Engagements de résultats de l'ES (en milliers d'€) » and the ARS's aid.
fn engagements(f: &mut Feuille, r: u32, c: &SuiviContrat) -> Result<u32, XlsxError> {
    f.entete(r, 0, "Engagements de résultats de l'ES (en milliers d'€)")?;
    let mut annees: Vec<i32> = c.previsions.iter().map(|p| p.annee).collect();
    annees.extend(c.aide.iter().map(|(a, _)| *a));
    annees.sort_unstable();
    annees.dedup();
    for (j, a) in annees.iter().enumerate() {
        f.entete(r, col(j + 1), &a.to_string())?;
    }
    let lignes = [
        ("Résultat", "résultat_principal"),
        ("dont aides", "aides"),
        ("Produits", "produits"),
        ("CAF", "caf"),
        ("Déficit cumulé", "déficit_cumulé"),
    ];
    let mut rr = r + 1;
    for (titre, key) in lignes {
        f.texte(rr, 0, titre)?;
        for (j, a) in annees.iter().enumerate() {
            let v = c
                .previsions
                .iter()
                .find(|p| p.annee == *a)
                .and_then(|p| p.valeurs.iter().find(|(k, _)| k == key))
                .map(|(_, v)| *v);
            f.opt_keuros(rr, col(j + 1), v)?;
        }
        rr += 1;
    }
    f.texte(rr, 0, "Engagements de l'ARS (aide)")?;
    for (j, a) in annees.iter().enumerate() {
        let v = c.aide.iter().find(|(y, _)| y == a).map(|(_, m)| *m);
        f.opt_keuros(rr, col(j + 1), v)?;
    }
    Ok(rr + 1)
}

/// « Actions du CREF »: one row per action, the tool's column groups by year.
fn actions(f: &mut Feuille, r: u32, c: &SuiviContrat) -> Result<u32, XlsxError> {
    f.entete(r, 0, &format!("Actions du CREF ({})", h::SIGNE))?;
    f.texte(r, 1, h::UNITE)?;
    let hr = r + 1;
    let mut heads: Vec<String> = vec![
        "n°".into(),
        "Intitulé de l'action".into(),
        h::ECONOMIES_PREVUES.into(),
        h::INITIALES.into(),
    ];
    for a in &c.annees {
        heads.push(format!("{} {a}", h::IMPACT_TOTAL));
        heads.push(h::impact_depenses(a - 1));
        heads.push(h::impact_recettes(a - 1));
    }
    heads.push(h::IMPACT_TOTAL_CALCULE.into());
    heads.push(h::ECART_CIBLE.into());
    for (j, t) in heads.iter().enumerate() {
        f.entete(hr, col(j), t)?;
    }
    let mut rr = hr + 1;
    for (i, a) in c.actions.iter().enumerate() {
        action_row(f, rr, i + 1, a, &c.annees)?;
        rr += 1;
    }
    f.entete(rr, 1, "TOTAL")?;
    let total = |g: &dyn Fn(&ActionSuivi) -> Decimal| c.actions.iter().map(g).sum::<Decimal>();
    f.keuros(rr, 2, total(&|a| a.poids))?;
    let mut j = 4;
    for y in &c.annees {
        let of = |a: &ActionSuivi| a.gains.iter().find(|g| g.annee == *y).copied();
        f.keuros(
            rr,
            col(j),
            total(&|a| of(a).map_or(Decimal::ZERO, |g| g.total())),
        )?;
        f.keuros(
            rr,
            col(j + 1),
            -total(&|a| of(a).map_or(Decimal::ZERO, |g| g.charges)),
        )?;
        f.keuros(
            rr,
            col(j + 2),
            total(&|a| of(a).map_or(Decimal::ZERO, |g| g.recettes)),
        )?;
        j += 3;
    }
    f.keuros(rr, col(j), total(&|a| a.total_gains))?;
    f.keuros(rr, col(j + 1), total(&|a| a.poids - a.total_gains))?;
    Ok(rr + 1)
}

fn action_row(
    f: &mut Feuille,
    r: u32,
    n: usize,
    a: &ActionSuivi,
    annees: &[i32],
) -> Result<(), XlsxError> {
    f.texte(r, 0, &n.to_string())?;
    f.texte(r, 1, &a.libelle)?;
    f.keuros(r, 2, a.poids)?;
    // Initial charges are shown as they are, revenue too (no sign change: a level, not an impact).
    f.opt_keuros(r, 3, a.initial.map(|(_, m, _)| m))?;
    let mut j = 4;
    for y in annees {
        let g = a.gains.iter().find(|g| g.annee == *y);
        f.keuros(r, col(j), g.map_or(Decimal::ZERO, |g| g.total()))?;
        // The tools' sign: a saving on charges is a decrease of charges.
        f.keuros(r, col(j + 1), -g.map_or(Decimal::ZERO, |g| g.charges))?;
        f.keuros(r, col(j + 2), g.map_or(Decimal::ZERO, |g| g.recettes))?;
        j += 3;
    }
    f.keuros(r, col(j), a.total_gains)?;
    f.keuros(r, col(j + 1), a.poids - a.total_gains)?;
    Ok(())
}

/// « Suivi du CREF à renseigner à chaque date de suivi ».
fn suivi(f: &mut Feuille, r: u32, at: Date, c: &SuiviContrat) -> Result<(), XlsxError> {
    let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
    f.titre(
        r,
        0,
        &format!("Suivi du CREF du {nom} à renseigner à chaque date de suivi"),
    )?;
    f.texte(r + 1, 0, "Date de suivi")?;
    f.date(r + 1, 1, c.dernier_suivi.or(Some(at)))?;
    f.texte(r + 2, 0, h::PROCHAINE)?;
    f.date(r + 2, 1, c.prochaine_rencontre)?;
    f.entete(
        r + 3,
        0,
        "Suivi de l'avancement de la mise en œuvre des actions du CREF",
    )?;
    let heads = [
        "n°",
        "Intitulé de l'action",
        "Niveau de réalisation",
        "Economies prévues à date",
        "Economies réalisées à date",
        h::ECART_CONSTATE,
        "Commentaires",
    ];
    for (j, t) in heads.iter().enumerate() {
        f.entete(r + 4, col(j), t)?;
    }
    let mut rr = r + 5;
    for (i, a) in c.actions.iter().enumerate() {
        let rel = a.releve.as_ref();
        f.texte(rr, 0, &(i + 1).to_string())?;
        f.texte(rr, 1, &a.libelle)?;
        f.opt_pourcent(rr, 2, rel.and_then(|x| x.realisation))?;
        f.keuros(rr, 3, a.prevu.total)?;
        f.opt_keuros(rr, 4, rel.and_then(|x| x.economies))?;
        f.opt_keuros(rr, 5, a.ecart)?;
        f.texte(
            rr,
            6,
            rel.and_then(|x| x.commentaire.as_deref()).unwrap_or(""),
        )?;
        rr += 1;
    }
    f.entete(rr, 1, h::GLOBAL)?;
    match c.realisation_globale {
        Some(v) => f.pourcent(rr, 2, v)?,
        None => f.texte(rr, 2, "#DIV/0!")?,
    }
    f.texte(rr + 1, 1, h::GLOBAL_NOTE)?;
    f.texte(rr + 2, 0, "Commentaires")?;
    f.texte(rr + 2, 1, &c.commentaires.join("\n"))?;
    Ok(())
}

fn historique(f: &mut Feuille, c: &SuiviContrat) -> Result<(), XlsxError> {
    f.ws.set_name(FEUILLE_HISTORIQUE)?;
    f.ws.set_column_width(0, 14)?;
    let heads = [
        "Date de suivi",
        h::GLOBAL,
        "Economies prévues à date",
        "Economies réalisées",
        h::PROCHAINE,
    ];
    for (j, t) in heads.iter().enumerate() {
        f.entete(0, col(j), t)?;
    }
    for (i, p) in c.historique.iter().enumerate() {
        let r = row(i + 1);
        f.date(r, 0, Some(p.date))?;
        f.opt_pourcent(r, 1, p.realisation_globale)?;
        f.keuros(r, 2, p.prevu_a_date)?;
        f.keuros(r, 3, p.realise)?;
        f.date(r, 4, p.prochaine_rencontre)?;
    }
    Ok(())
}

fn fiche_action(f: &mut Feuille, n: usize, a: &ActionSuivi) -> Result<(), XlsxError> {
    f.ws.set_name(format!("Action {n}"))?;
    f.ws.set_column_width(1, 40)?;
    f.titre(0, 0, &format!("Fiche action n°{n}"))?;
    let duree = match (a.debut, a.echeance) {
        (Some(d), Some(e)) => format!("{} - {}", d.french(), e.french()),
        (None, Some(e)) => format!("jusqu'au {}", e.french()),
        (Some(d), None) => format!("à partir du {}", d.french()),
        (None, None) => String::new(),
    };
    let lignes = [
        ("Intitulé de l'action", a.libelle.clone()),
        ("Durée de l'action", duree),
        (
            "Responsable de l'action",
            a.responsable.clone().unwrap_or_default(),
        ),
        ("Titre", a.titre.clone().unwrap_or_default()),
    ];
    for (i, (k, v)) in lignes.iter().enumerate() {
        f.texte(row(i + 1), 0, k)?;
        f.texte(row(i + 1), 1, v)?;
    }
    f.entete(
        6,
        0,
        &format!("Suivi financier des sous-actions ({})", h::SIGNE),
    )?;
    f.entete(7, 0, "n°")?;
    f.entete(7, 1, "Sous-actions")?;
    f.entete(7, 2, h::IMPACT_TOTAL)?;
    let mut r = 8;
    for (i, s) in a.sous_actions.iter().enumerate() {
        f.texte(r, 0, &format!("{n}.{}", i + 1))?;
        f.texte(r, 1, s.libelle.as_deref().unwrap_or(&s.id))?;
        f.keuros(r, 2, s.total)?;
        r += 1;
    }
    let calcule: Decimal = a.sous_actions.iter().map(|s| s.total).sum();
    f.texte(r + 1, 1, "Total calculé")?;
    f.keuros(r + 1, 2, calcule)?;
    f.texte(r + 2, 1, "Impact total prévu de l'action")?;
    f.keuros(r + 2, 2, a.poids)?;
    f.texte(
        r + 3,
        1,
        "Attention : le total calculé doit être égal à l'impact total prévu de l'action.",
    )?;
    Ok(())
}
