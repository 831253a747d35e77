//! The regional table of the DGOS « tableau de bord de suivi des CREF de la
//! région »: per contract its general information, the ARS commitment, the
//! establishment's commitments by year, the impacts planned and achieved by
//! year, and its performance by year, forecast (`prévision`) against actual
//! (the figures file); then the « synthèse régionale » (each contract's
//! achievement of its financial commitments at the date, and the region's)
//! and the « suivi des déficits » (each establishment's share of the
//! deficit of the establishments under contract).

use super::{ratio, Point, SuiviContrat};
use crate::date::Date;
use crate::eval::Figures;
use crate::model::Program;
use rust_decimal::Decimal;

/// The performance lines of the tool, in its order (keys; the reports give
/// the tool's headings): produits, résultat, dont aides, résultat corrigé
/// (hors aides), résultat corrigé / produits, marge brute corrigée, CAF,
/// CAF / produits, évolution de l'activité, évolution du fonds de roulement.
pub const LIGNES_PERFORMANCE: [&str; 10] = [
    "produits",
    "résultat",
    "aides",
    "résultat_corrigé",
    "résultat_corrigé_sur_produits",
    "marge_brute_corrigée",
    "caf",
    "caf_sur_produits",
    "évolution_activité",
    "évolution_fonds_de_roulement",
];

#[derive(Debug, Clone)]
pub struct Regional {
    pub lignes: Vec<LigneRegionale>,
    pub synthese: Synthese,
    pub deficits: Deficits,
}

#[derive(Debug, Clone)]
pub struct LigneRegionale {
    pub contrat: String,
    /// Forecast results (`résultat_principal` of `prévision`), by year: the
    /// establishment's commitments.
    pub engagements_es: Vec<(i32, Decimal)>,
    pub impacts: Vec<ImpactAnnee>,
    /// Achieved over planned to date.
    pub taux_engagements: Option<Decimal>,
    pub performance: Vec<Performance>,
}

/// One year's impacts of the contract's actions.
#[derive(Debug, Clone)]
pub struct ImpactAnnee {
    pub annee: i32,
    pub charges: Decimal,
    pub recettes: Decimal,
    pub total: Decimal,
    /// Savings achieved during the year: the cumulated savings of the
    /// year's last follow-up minus those of the last one before the year.
    pub realise: Option<Decimal>,
    pub taux: Option<Decimal>,
}

/// One year's performance, forecast against actual, in the order of
/// [`LIGNES_PERFORMANCE`].
#[derive(Debug, Clone)]
pub struct Performance {
    pub annee: i32,
    pub prevu: Vec<Option<Decimal>>,
    pub reel: Vec<Option<Decimal>>,
}

#[derive(Debug, Clone)]
pub struct Synthese {
    /// Per contract: achieved over planned savings at the date.
    pub contrats: Vec<(String, Option<Decimal>)>,
    pub region: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct Deficits {
    /// Per contract: the year read, its deficit (≥ 0, euros) and its share.
    pub contrats: Vec<(String, Option<i32>, Decimal, Option<Decimal>)>,
    pub total: Decimal,
}

pub(super) fn compute(
    program: &Program,
    contrats: &[SuiviContrat],
    date: Date,
    figures: Option<&Figures>,
) -> Regional {
    let lignes: Vec<LigneRegionale> = contrats.iter().map(|c| ligne(c, figures)).collect();
    let synthese = Synthese {
        contrats: contrats
            .iter()
            .map(|c| (c.contrat.clone(), ratio(c.realise, c.prevu_a_date)))
            .collect(),
        region: ratio(
            contrats.iter().map(|c| c.realise).sum(),
            contrats.iter().map(|c| c.prevu_a_date).sum(),
        ),
    };
    let _ = program;
    Regional {
        deficits: deficits(contrats, &lignes, date),
        lignes,
        synthese,
    }
}

fn ligne(c: &SuiviContrat, figures: Option<&Figures>) -> LigneRegionale {
    let engagements_es = c
        .previsions
        .iter()
        .filter_map(|p| Some((p.annee, valeur(&p.valeurs, "résultat_principal")?)))
        .collect();
    let impacts = c.annees.iter().map(|&annee| impact(c, annee)).collect();
    let mut annees: Vec<i32> = c.previsions.iter().map(|p| p.annee).collect();
    if let Some((a, b)) = c.periode {
        annees.extend(a..=b.min(a + 20));
    }
    annees.sort_unstable();
    annees.dedup();
    let performance = annees
        .into_iter()
        .map(|annee| {
            let prevision = c.previsions.iter().find(|p| p.annee == annee);
            let prevu = lignes(|k| prevision.and_then(|p| valeur(&p.valeurs, k)));
            let reel = lignes(|k| {
                let f = figures?;
                let finess = c.finess.as_deref()?;
                f.get(finess, annee, k)?.value.as_num()
            });
            Performance { annee, prevu, reel }
        })
        .collect();
    LigneRegionale {
        contrat: c.contrat.clone(),
        engagements_es,
        impacts,
        taux_engagements: ratio(c.realise, c.prevu_a_date),
        performance,
    }
}

fn valeur(valeurs: &[(String, Decimal)], key: &str) -> Option<Decimal> {
    valeurs.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

/// The ten performance lines from a lookup of indicator values; derived
/// lines are computed when their indicator is not given.
fn lignes(get: impl Fn(&str) -> Option<Decimal>) -> Vec<Option<Decimal>> {
    let produits = get("produits");
    let resultat = get("résultat_principal");
    let aides = get("aides");
    let corrige = get("résultat_hors_aides").or_else(|| Some(resultat? - aides?));
    let caf = get("caf");
    vec![
        produits,
        resultat,
        aides,
        corrige,
        corrige.zip(produits).and_then(|(r, p)| ratio(r, p)),
        get("marge_brute_hors_aides"),
        caf,
        get("caf_sur_produits").or_else(|| caf.zip(produits).and_then(|(c, p)| ratio(c, p))),
        get("évolution_activité"),
        get("variation_fonds_de_roulement"),
    ]
}

fn impact(c: &SuiviContrat, annee: i32) -> ImpactAnnee {
    let (mut charges, mut recettes) = (Decimal::ZERO, Decimal::ZERO);
    for g in c
        .actions
        .iter()
        .flat_map(|a| &a.gains)
        .filter(|g| g.annee == annee)
    {
        charges += g.charges;
        recettes += g.recettes;
    }
    let total = charges + recettes;
    let realise = realise_en(&c.historique, annee);
    ImpactAnnee {
        annee,
        charges,
        recettes,
        total,
        realise,
        taux: realise.and_then(|r| ratio(r, total)),
    }
}

/// Savings achieved during `annee`, from the follow-ups' cumulated savings.
fn realise_en(historique: &[Point], annee: i32) -> Option<Decimal> {
    let fin = historique.iter().rfind(|p| p.date.year == annee)?.realise;
    let avant = historique
        .iter()
        .rfind(|p| p.date.year < annee)
        .map_or(Decimal::ZERO, |p| p.realise);
    Some(fin - avant)
}

/// Each establishment's deficit: the actual result of the latest year up to
/// the date's with one, else the forecast result of the date's year.
fn deficits(contrats: &[SuiviContrat], lignes: &[LigneRegionale], date: Date) -> Deficits {
    let rows: Vec<(String, Option<i32>, Decimal)> = contrats
        .iter()
        .zip(lignes)
        .map(|(c, l)| {
            let reel = l
                .performance
                .iter()
                .filter(|p| p.annee <= date.year)
                .rev()
                .find_map(|p| Some((p.annee, p.reel[1]?)));
            let prevu = || {
                l.performance
                    .iter()
                    .find(|p| p.annee == date.year)
                    .and_then(|p| Some((p.annee, p.prevu[1]?)))
            };
            match reel.or_else(prevu) {
                Some((annee, r)) => (c.contrat.clone(), Some(annee), (-r).max(Decimal::ZERO)),
                None => (c.contrat.clone(), None, Decimal::ZERO),
            }
        })
        .collect();
    let total: Decimal = rows.iter().map(|r| r.2).sum();
    Deficits {
        contrats: rows
            .into_iter()
            .map(|(c, a, d)| (c, a, d, ratio(d, total)))
            .collect(),
        total,
    }
}
