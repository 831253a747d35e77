//! One contract's « tableau de bord de suivi »: its actions with their plan,
//! latest follow-up and gap, the totals by `titre`, the global achievement
//! and the history of its follow-ups.

use super::releve::{jusqu_a, releve};
use super::*;
use crate::ast::{Action, Contrat, Gain, Suivi};
use std::collections::BTreeMap;

/// Gains gathered by year, charges and revenue apart.
pub(super) fn par_annee<'a>(gains: impl IntoIterator<Item = &'a Gain>) -> Vec<GainAnnee> {
    let mut years: BTreeMap<i32, GainAnnee> = BTreeMap::new();
    for g in gains {
        let entry = years.entry(g.annee.value).or_insert(GainAnnee {
            annee: g.annee.value,
            charges: Decimal::ZERO,
            recettes: Decimal::ZERO,
        });
        match g.side {
            GainSide::Charges => entry.charges += g.montant.value,
            GainSide::Recettes => entry.recettes += g.montant.value,
        }
    }
    years.into_values().collect()
}

fn somme(gains: &[GainAnnee]) -> Decimal {
    gains.iter().map(GainAnnee::total).sum()
}

fn has_data(c: &Contrat, suivis: &[&Suivi]) -> bool {
    !suivis.is_empty()
        || !c.previsions.is_empty()
        || c.objectifs
            .iter()
            .flat_map(|o| &o.actions)
            .any(|a| !a.fiche.gains.is_empty())
}

pub(super) fn compute(c: &Contrat, suivis: &[&Suivi], date: Date) -> Option<SuiviContrat> {
    if !has_data(c, suivis) {
        return None;
    }
    let actions: Vec<ActionSuivi> = c
        .objectifs
        .iter()
        .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
        .filter(|(_, a)| a.id.is_some() || !a.fiche.gains.is_empty())
        .map(|(o, a)| action(&o.id.name, a, suivis, date))
        .collect();
    let mut annees: Vec<i32> = actions
        .iter()
        .flat_map(|a| a.gains.iter().map(|g| g.annee))
        .collect();
    annees.sort_unstable();
    annees.dedup();
    let impact_attendu = actions.iter().map(|a| a.poids).sum();
    let prevu_a_date = actions.iter().map(|a| a.prevu.total).sum();
    let realise = actions
        .iter()
        .filter_map(|a| a.releve.as_ref()?.economies)
        .sum();
    let passes: Vec<(Date, &Suivi)> = jusqu_a(suivis, date).collect();
    let dernier = passes.last();
    let historique = passes
        .iter()
        .map(|(d, s)| point(c, *d, s, suivis))
        .collect();
    let aide = aide(c);
    Some(SuiviContrat {
        contrat: c.id.name.clone(),
        intitule: c.intitule.as_ref().map(|t| t.value.clone()),
        cadre: c.cadre.as_ref().map(|i| i.name.clone()),
        ars: c.ars.as_ref().map(|t| t.value.clone()),
        raison_sociale: etab(c, |e| e.raison_sociale.as_ref().map(|t| t.value.clone())),
        finess: etab(c, |e| e.finess.as_ref().map(|t| t.value.clone())),
        categorie: etab(c, |e| e.categorie.as_ref().map(|i| i.name.clone())),
        signe: c.signe.map(|(d, _)| d),
        periode: c.periode.as_ref().map(|p| (p.debut.value, p.fin.value)),
        chef_de_projet: c.chef_de_projet.as_ref().map(|t| t.value.clone()),
        engagement_ars: aide.iter().map(|(_, m)| *m).sum(),
        aide,
        previsions: previsions(c),
        annees,
        titres: titres(&actions),
        realisation_globale: globale(&actions),
        impact_attendu,
        prevu_a_date,
        realise,
        ecart: prevu_a_date - realise,
        dernier_suivi: dernier.map(|(d, _)| *d),
        prochaine_rencontre: dernier.and_then(|(_, s)| s.prochaine_rencontre.map(|(d, _)| d)),
        commentaires: dernier
            .map(|(_, s)| s.commentaires.iter().map(|t| t.value.clone()).collect())
            .unwrap_or_default(),
        historique,
        lignes_ignorees: ignorees(c, suivis),
        actions,
    })
}

fn etab(c: &Contrat, f: impl Fn(&crate::ast::Etablissement) -> Option<String>) -> Option<String> {
    c.etablissement.as_ref().and_then(f)
}

fn aide(c: &Contrat) -> Vec<(i32, Decimal)> {
    let mut years: BTreeMap<i32, Decimal> = BTreeMap::new();
    for y in c.aides.iter().flat_map(|a| &a.annees) {
        *years.entry(y.annee.value).or_default() += y.montant.value;
    }
    years.into_iter().collect()
}

/// The `prévision` blocks by year, with `déficit_cumulé`: the running sum of
/// the forecast results (`résultat_principal`), kept when negative.
fn previsions(c: &Contrat) -> Vec<Prevision> {
    let mut blocks: BTreeMap<i32, Vec<(String, Decimal)>> = BTreeMap::new();
    for r in &c.previsions {
        let entry = blocks.entry(r.annee.value).or_default();
        for line in &r.valeurs {
            if let Some(q) = line.valeur.as_quantity() {
                entry.push((line.indicateur.name.clone(), q.value));
            }
        }
    }
    let mut cumul = Decimal::ZERO;
    blocks
        .into_iter()
        .map(|(annee, mut valeurs)| {
            let resultat = valeurs.iter().find(|(k, _)| k == "résultat_principal");
            if let Some((_, r)) = resultat {
                cumul += *r;
                let deficit = cumul.min(Decimal::ZERO);
                valeurs.push(("déficit_cumulé".to_string(), deficit));
            }
            Prevision { annee, valeurs }
        })
        .collect()
}

fn action(objectif: &str, a: &Action, suivis: &[&Suivi], date: Date) -> ActionSuivi {
    let f = &a.fiche;
    let gains = par_annee(&f.gains);
    let total_gains = somme(&gains);
    let economies_prevues = f.economies_prevues.as_ref().map(|q| q.value);
    let (poids, source_poids) = match economies_prevues {
        Some(e) => (e, SourcePoids::EconomiesPrevues),
        None if !total_gains.is_zero() => (total_gains, SourcePoids::Gains),
        None => (Decimal::ZERO, SourcePoids::Aucun),
    };
    let prevu = prevu::a_date(&gains, date);
    let releve = a.id.as_ref().and_then(|id| releve(suivis, &id.name, date));
    let ecart = releve
        .as_ref()
        .map(|r| prevu.total - r.economies.unwrap_or(Decimal::ZERO));
    ActionSuivi {
        id: a.id.as_ref().map(|i| i.name.clone()),
        objectif: objectif.to_string(),
        libelle: a.libelle.value.clone(),
        responsable: a.responsable.as_ref().map(|t| t.value.clone()),
        debut: f.debut.map(|(d, _)| d),
        echeance: a.echeance.map(|(d, _)| d),
        titre: f.titre.as_ref().map(|t| t.value.clone()),
        initial: f
            .initial
            .as_ref()
            .map(|i| (i.annee.value, i.montant.value, i.side.into())),
        total_gains,
        economies_prevues,
        poids,
        source_poids,
        prevu,
        releve,
        ecart,
        sous_actions: f
            .sous_actions
            .iter()
            .map(|s| {
                let gains = par_annee(&s.gains);
                SousActionSuivi {
                    id: s.id.name.clone(),
                    libelle: s.libelle.as_ref().map(|t| t.value.clone()),
                    total: somme(&gains),
                    gains,
                }
            })
            .collect(),
        gains,
    }
}

/// Σ completion × weight / Σ weight over the actions with a weight.
pub(super) fn globale(actions: &[ActionSuivi]) -> Option<Decimal> {
    let poids: Decimal = actions.iter().map(|a| a.poids).sum();
    let pondere: Decimal = actions
        .iter()
        .map(|a| {
            a.poids
                * a.releve
                    .as_ref()
                    .and_then(|r| r.realisation)
                    .unwrap_or_default()
        })
        .sum();
    ratio(pondere, poids)
}

fn titres(actions: &[ActionSuivi]) -> Vec<TitreSuivi> {
    let mut out: Vec<TitreSuivi> = Vec::new();
    for a in actions {
        let i = match out.iter().position(|t| t.titre == a.titre) {
            Some(i) => i,
            None => {
                out.push(TitreSuivi {
                    titre: a.titre.clone(),
                    gains: Vec::new(),
                    prevu_a_date: Decimal::ZERO,
                    realise: Decimal::ZERO,
                });
                out.len() - 1
            }
        };
        let t = &mut out[i];
        t.prevu_a_date += a.prevu.total;
        t.realise += a
            .releve
            .as_ref()
            .and_then(|r| r.economies)
            .unwrap_or_default();
        for g in &a.gains {
            match t.gains.iter_mut().find(|x| x.annee == g.annee) {
                Some(x) => {
                    x.charges += g.charges;
                    x.recettes += g.recettes;
                }
                None => t.gains.push(*g),
            }
        }
        t.gains.sort_by_key(|g| g.annee);
    }
    out
}

/// The state of the contract at the date of one of its follow-ups.
fn point(c: &Contrat, date: Date, s: &Suivi, suivis: &[&Suivi]) -> Point {
    let actions: Vec<ActionSuivi> = c
        .objectifs
        .iter()
        .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
        .filter(|(_, a)| a.id.is_some() || !a.fiche.gains.is_empty())
        .map(|(o, a)| action(&o.id.name, a, suivis, date))
        .collect();
    Point {
        date,
        realisation_globale: globale(&actions),
        prevu_a_date: actions.iter().map(|a| a.prevu.total).sum(),
        realise: actions
            .iter()
            .filter_map(|a| a.releve.as_ref()?.economies)
            .sum(),
        actions: actions
            .iter()
            .filter_map(|a| {
                let r = a.releve.as_ref();
                Some((
                    a.id.clone()?,
                    r.and_then(|r| r.realisation),
                    r.and_then(|r| r.economies),
                ))
            })
            .collect(),
        prochaine_rencontre: s.prochaine_rencontre.map(|(d, _)| d),
        commentaires: s.commentaires.iter().map(|t| t.value.clone()).collect(),
    }
}

/// `suivi` lines naming an action the contract does not define.
fn ignorees(c: &Contrat, suivis: &[&Suivi]) -> Vec<String> {
    let known = crate::resolve::actions_by_id(c);
    suivis
        .iter()
        .flat_map(|s| &s.actions)
        .filter(|l| !known.contains_key(l.action.name.as_str()))
        .map(|l| l.action.name.clone())
        .collect()
}

/// The « fiches action » of a contract as planned (no follow-up): for the
/// CREF document's « analyse détaillée des actions » (`pacte render`).
pub fn fiches_action(c: &Contrat) -> Vec<ActionSuivi> {
    let debut = c
        .periode
        .as_ref()
        .and_then(|p| Date::new(p.debut.value, 1, 1))
        .unwrap_or(Date {
            year: 1900,
            month: 1,
            day: 1,
        });
    c.objectifs
        .iter()
        .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
        .filter(|(_, a)| a.id.is_some() || !a.fiche.gains.is_empty())
        .map(|(o, a)| action(&o.id.name, a, &[], debut))
        .collect()
}
