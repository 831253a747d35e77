//! `pacte suivi --format json`: the dashboards as one JSON object. Decimal
//! numbers are strings holding the exact value in base units (euros,
//! ratios), as in the other JSON outputs (spec §9); dates are ISO.

use crate::date::Date;
use crate::suivi::{
    ActionSuivi, Cote, GainAnnee, LigneRegionale, SuiviContrat, Tableau, LIGNES_PERFORMANCE,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(v: Decimal) -> Value {
    Value::String(v.normalize().to_string())
}

fn od(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, d)
}

fn date(v: Option<Date>) -> Value {
    v.map_or(Value::Null, |x| Value::String(x.to_string()))
}

fn gains(g: &[GainAnnee]) -> Value {
    g.iter()
        .map(|g| json!({ "annee": g.annee, "charges": d(g.charges), "recettes": d(g.recettes), "total": d(g.total()) }))
        .collect()
}

pub fn write(t: &Tableau) -> String {
    let value = json!({
        "date": t.date.to_string(),
        "contrats": t.contrats.iter().map(contrat).collect::<Vec<_>>(),
        "regional": regional(t),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

pub fn contrat(c: &SuiviContrat) -> Value {
    json!({
        "contrat": c.contrat,
        "intitule": c.intitule,
        "cadre": c.cadre,
        "ars": c.ars,
        "raison_sociale": c.raison_sociale,
        "finess": c.finess,
        "categorie": c.categorie,
        "signe": date(c.signe),
        "periode": c.periode.map(|(a, b)| json!([a, b])),
        "chef_de_projet": c.chef_de_projet,
        "engagement_ars": d(c.engagement_ars),
        "aide": c.aide.iter().map(|(a, m)| json!({ "annee": a, "montant": d(*m) })).collect::<Vec<_>>(),
        "previsions": c.previsions.iter().map(|p| {
            let valeurs: serde_json::Map<String, Value> = p.valeurs.iter().map(|(k, v)| (k.clone(), d(*v))).collect();
            json!({ "annee": p.annee, "valeurs": valeurs })
        }).collect::<Vec<_>>(),
        "actions": c.actions.iter().map(action).collect::<Vec<_>>(),
        "titres": c.titres.iter().map(|t| json!({
            "titre": t.titre, "gains": gains(&t.gains), "prevu_a_date": d(t.prevu_a_date), "realise": d(t.realise),
        })).collect::<Vec<_>>(),
        "impact_attendu": d(c.impact_attendu),
        "prevu_a_date": d(c.prevu_a_date),
        "realise": d(c.realise),
        "ecart": d(c.ecart),
        "realisation_globale": od(c.realisation_globale),
        "dernier_suivi": date(c.dernier_suivi),
        "prochaine_rencontre": date(c.prochaine_rencontre),
        "commentaires": c.commentaires,
        "historique": c.historique.iter().map(|p| json!({
            "date": p.date.to_string(),
            "realisation_globale": od(p.realisation_globale),
            "prevu_a_date": d(p.prevu_a_date),
            "realise": d(p.realise),
            "actions": p.actions.iter().map(|(id, r, e)| json!({ "action": id, "realisation": od(*r), "economies": od(*e) })).collect::<Vec<_>>(),
            "prochaine_rencontre": date(p.prochaine_rencontre),
            "commentaires": p.commentaires,
        })).collect::<Vec<_>>(),
        "lignes_ignorees": c.lignes_ignorees,
    })
}

fn action(a: &ActionSuivi) -> Value {
    json!({
        "action": a.id,
        "objectif": a.objectif,
        "libelle": a.libelle,
        "responsable": a.responsable,
        "debut": date(a.debut),
        "echeance": date(a.echeance),
        "titre": a.titre,
        "initial": a.initial.map(|(annee, m, cote)| json!({
            "annee": annee, "montant": d(m),
            "cote": match cote { Cote::Charges => "charges", Cote::Recettes => "recettes" },
        })),
        "gains": gains(&a.gains),
        "total_gains": d(a.total_gains),
        "economies_prevues": od(a.economies_prevues),
        "poids": d(a.poids),
        "source_poids": match a.source_poids {
            crate::suivi::SourcePoids::EconomiesPrevues => "économies_prévues",
            crate::suivi::SourcePoids::Gains => "gains",
            crate::suivi::SourcePoids::Aucun => "aucun",
        },
        "prevu_a_date": {
            "total": d(a.prevu.total),
            "charges": d(a.prevu.charges),
            "recettes": d(a.prevu.recettes),
            "termes": a.prevu.termes.iter().map(|t| json!({
                "annee": t.annee, "montant": d(t.montant), "jours": t.jours, "jours_annee": t.jours_annee, "valeur": d(t.valeur),
            })).collect::<Vec<_>>(),
        },
        "suivi": a.releve.as_ref().map(|r| json!({
            "date": r.date.to_string(),
            "realisation": od(r.realisation),
            "economies": od(r.economies),
            "commentaire": r.commentaire,
        })),
        "ecart": od(a.ecart),
        "sous_actions": a.sous_actions.iter().map(|s| json!({
            "sous_action": s.id, "libelle": s.libelle, "gains": gains(&s.gains), "total": d(s.total),
        })).collect::<Vec<_>>(),
    })
}

fn regional(t: &Tableau) -> Value {
    let r = &t.regional;
    json!({
        "lignes": r.lignes.iter().map(ligne).collect::<Vec<_>>(),
        "synthese": {
            "contrats": r.synthese.contrats.iter().map(|(c, v)| json!({ "contrat": c, "taux": od(*v) })).collect::<Vec<_>>(),
            "region": od(r.synthese.region),
        },
        "deficits": {
            "contrats": r.deficits.contrats.iter().map(|(c, a, def, part)| json!({
                "contrat": c, "annee": a, "deficit": d(*def), "part": od(*part),
            })).collect::<Vec<_>>(),
            "total": d(r.deficits.total),
        },
    })
}

fn ligne(l: &LigneRegionale) -> Value {
    let perf = |vals: &[Option<Decimal>]| -> serde_json::Map<String, Value> {
        LIGNES_PERFORMANCE
            .iter()
            .zip(vals)
            .map(|(k, v)| (k.to_string(), od(*v)))
            .collect()
    };
    json!({
        "contrat": l.contrat,
        "engagements_es": l.engagements_es.iter().map(|(a, v)| json!({ "annee": a, "resultat": d(*v) })).collect::<Vec<_>>(),
        "impacts": l.impacts.iter().map(|i| json!({
            "annee": i.annee, "charges": d(i.charges), "recettes": d(i.recettes), "total": d(i.total),
            "realise": od(i.realise), "taux": od(i.taux),
        })).collect::<Vec<_>>(),
        "taux_engagements": od(l.taux_engagements),
        "performance": l.performance.iter().map(|p| json!({
            "annee": p.annee, "prevu": perf(&p.prevu), "reel": perf(&p.reel),
        })).collect::<Vec<_>>(),
    })
}
