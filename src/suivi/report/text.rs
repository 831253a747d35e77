//! `pacte suivi --format text`: each contract's dashboard, then the
//! regional synthesis; with `--explain`, how each number was obtained.

use super::{date, euros, montant, pourcent, titre_ou_defaut};
use crate::suivi::{ActionSuivi, SourcePoids, SuiviContrat, Tableau};
use rust_decimal::Decimal;
use std::fmt::Write;

pub fn write(t: &Tableau, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Suivi au {}", date(t.date));
    if t.contrats.is_empty() {
        out.push_str(
            "\nAucun contrat n'a de données de suivi (actions chiffrées, prévisions ou suivis).\n",
        );
        return out;
    }
    for c in &t.contrats {
        out.push('\n');
        contrat(&mut out, c, explain);
    }
    out.push('\n');
    regional(&mut out, t);
    out
}

fn contrat(out: &mut String, c: &SuiviContrat, explain: bool) {
    let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
    let _ = writeln!(out, "{} — {nom}", c.contrat);
    if let Some(ch) = &c.chef_de_projet {
        let _ = writeln!(out, "  chef de projet : {ch}");
    }
    let _ = writeln!(out, "  engagement de l'ARS : {}", euros(c.engagement_ars));
    match c.dernier_suivi {
        Some(d) => {
            let _ = writeln!(out, "  dernier suivi : {}", date(d));
        }
        None => out.push_str("  aucun suivi à cette date\n"),
    }
    if let Some(d) = c.prochaine_rencontre {
        let _ = writeln!(out, "  prochaine rencontre : {}", date(d));
    }
    out.push_str("  actions :\n");
    for a in &c.actions {
        action(out, a, explain);
    }
    let _ = writeln!(
        out,
        "  total : prévu à date {}, réalisé {}, écart {}",
        euros(c.prevu_a_date),
        euros(c.realise),
        euros(c.ecart)
    );
    let globale = c.realisation_globale.map_or(
        "non calculable (aucune action n'a d'impact attendu)".to_string(),
        pourcent,
    );
    let _ = writeln!(out, "  niveau de réalisation global : {globale}");
    if explain && !c.impact_attendu.is_zero() {
        globale_explain(out, c);
    }
    for t in &c.titres {
        let _ = writeln!(
            out,
            "  {} : prévu à date {}, réalisé {}",
            titre_ou_defaut(t.titre.as_deref()),
            euros(t.prevu_a_date),
            euros(t.realise)
        );
    }
    if !c.historique.is_empty() {
        out.push_str("  historique :\n");
        for p in &c.historique {
            let _ = writeln!(
                out,
                "    {} : réalisation {}, prévu {}, réalisé {}",
                date(p.date),
                p.realisation_globale.map_or("—".to_string(), pourcent),
                euros(p.prevu_a_date),
                euros(p.realise)
            );
        }
    }
    for com in &c.commentaires {
        let _ = writeln!(out, "  commentaire : {}", com.trim().replace('\n', " "));
    }
    for l in &c.lignes_ignorees {
        let _ = writeln!(
            out,
            "  ligne ignorée : l'action `{l}` n'existe pas dans le contrat"
        );
    }
}

fn action(out: &mut String, a: &ActionSuivi, explain: bool) {
    let nom = a.id.as_deref().unwrap_or(&a.libelle);
    let releve = match &a.releve {
        Some(r) => format!(
            "réalisation {}, réalisé {} (suivi du {})",
            r.realisation.map_or("—".to_string(), pourcent),
            r.economies.map_or("—".to_string(), euros),
            date(r.date)
        ),
        None => "pas encore suivie".to_string(),
    };
    let _ = writeln!(
        out,
        "    {nom} : impact attendu {}, prévu à date {}, {releve}{}",
        euros(a.poids),
        euros(a.prevu.total),
        a.ecart
            .map_or(String::new(), |e| format!(", écart {}", euros(e)))
    );
    if explain {
        for t in &a.prevu.termes {
            let _ = writeln!(
                out,
                "      {} : {} × {}/{} jours = {}",
                t.annee,
                montant(t.montant),
                t.jours,
                t.jours_annee,
                montant(t.valeur)
            );
        }
        let source = match a.source_poids {
            SourcePoids::EconomiesPrevues => "économies_prévues",
            SourcePoids::Gains => "somme des gains annuels",
            SourcePoids::Aucun => "aucun impact attendu : poids nul",
        };
        let _ = writeln!(out, "      impact attendu : {source}");
    }
}

fn globale_explain(out: &mut String, c: &SuiviContrat) {
    let termes: Vec<String> = c
        .actions
        .iter()
        .filter(|a| !a.poids.is_zero())
        .map(|a| {
            let r = a
                .releve
                .as_ref()
                .and_then(|r| r.realisation)
                .unwrap_or(Decimal::ZERO);
            format!("{} × {}", pourcent(r), montant(a.poids))
        })
        .collect();
    let _ = writeln!(
        out,
        "    = ({}) / {} (moyenne des réalisations pondérée des impacts attendus)",
        termes.join(" + "),
        montant(c.impact_attendu)
    );
}

fn regional(out: &mut String, t: &Tableau) {
    out.push_str("Synthèse régionale (réalisé / prévu à date)\n");
    for (contrat, taux) in &t.regional.synthese.contrats {
        let _ = writeln!(
            out,
            "  {contrat} : {}",
            taux.map_or("—".to_string(), pourcent)
        );
    }
    let _ = writeln!(
        out,
        "  région : {}",
        t.regional.synthese.region.map_or("—".to_string(), pourcent)
    );
    out.push_str("Suivi des déficits\n");
    for (contrat, annee, deficit, part) in &t.regional.deficits.contrats {
        let annee = annee.map_or(String::new(), |a| format!(" ({a})"));
        let _ = writeln!(
            out,
            "  {contrat}{annee} : {}, {} du total",
            euros(*deficit),
            part.map_or("—".to_string(), pourcent)
        );
    }
    let _ = writeln!(out, "  total : {}", euros(t.regional.deficits.total));
}
