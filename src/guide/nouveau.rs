//! `pacte nouveau`: a commented template contract for a framework, built
//! from the framework's clauses so that it satisfies them (duration, firm
//! first year, required objectives and themes, cosignatory, gains…). What
//! only the user knows is marked `À COMPLÉTER`; without `--finess`, the
//! FINESS number and the agency are placeholders that `pacte check` reports
//! until they are filled in.

use crate::ast::ClauseKind;
use crate::date::Date;
use crate::model::{CadreEffectif, Program};

/// What the user gave.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub cadre: String,
    pub finess: Option<String>,
}

/// The facts a template needs from its framework.
struct Plan {
    signature: Date,
    debut: i32,
    first_target: i32,
    fin: i32,
    enveloppe: String,
    ferme: bool,
    dialogue: Option<Date>,
    cosignataires: Vec<String>,
    levier: Option<(String, String)>,
    financier: bool,
    gains: bool,
}

/// The template, or why it cannot be written.
pub fn template(program: &Program, options: &Options) -> Result<String, String> {
    let Some(cadre) = program.cadres.get(&options.cadre) else {
        let names = program.cadres.keys().map(String::as_str);
        let hint = crate::resolve::suggest::closest(&options.cadre, names)
            .map(|c| format!(" ; vouliez-vous dire « {c} » ?"))
            .unwrap_or_default();
        return Err(format!("cadre inconnu « {} »{hint}", options.cadre));
    };
    let (finess, ars) = identity(options.finess.as_deref())?;
    let plan = plan(program, cadre).ok_or_else(|| "date de signature impossible".to_string())?;
    let text = render(program, cadre, &plan, &finess, &ars);
    // Written in the canonical layout, so that `pacte fmt --check` passes.
    Ok(crate::fmt::format("nouveau.pacte", &text).unwrap_or(text))
}

/// The FINESS and agency lines' values: given (checked), or placeholders.
fn identity(finess: Option<&str>) -> Result<(String, String), String> {
    let Some(finess) = finess else {
        return Ok(("À COMPLÉTER".into(), "À COMPLÉTER".into()));
    };
    use crate::validate::finess::{check_finess, FinessError};
    match check_finess(finess) {
        Ok(()) => {}
        Err(FinessError::Key { expected, .. }) => {
            return Err(format!(
                "la clé du numéro FINESS « {finess} » est fausse : la clé attendue est {expected}"
            ))
        }
        Err(_) => {
            return Err(format!(
                "le numéro FINESS « {finess} » est mal formé (9 caractères : département, puis 7 chiffres dont la clé)"
            ))
        }
    }
    let ars = crate::resolve::agences::of_finess(finess).unwrap_or("À COMPLÉTER");
    Ok((finess.to_string(), ars.to_string()))
}

fn plan(program: &Program, cadre: &CadreEffectif) -> Option<Plan> {
    let own: Vec<&ClauseKind> = cadre.clauses.iter().map(|c| &c.kind).collect();
    let enveloppe = enveloppe(program, cadre, &own);
    // The envelope's clauses bind the contract too (spec §5).
    let kinds: Vec<&ClauseKind> = own
        .iter()
        .copied()
        .chain(
            program
                .enveloppes
                .get(&enveloppe)
                .into_iter()
                .flat_map(|e| e.clauses.iter().map(|c| &c.kind)),
        )
        .collect();
    let deadline = kinds.iter().find_map(|k| match k {
        ClauseKind::SignatureAuPlusTard(d) => Some(*d),
        _ => None,
    });
    let signature = deadline
        .and_then(|d| Date::new(d.year, 12, 10).filter(|s| *s <= d))
        .or(deadline)
        .or_else(|| Date::new(2026, 1, 1))?;
    let exercices = exercices(&kinds, signature);
    let debut = signature.year;
    let first_target = kinds
        .iter()
        .find_map(|k| match k {
            ClauseKind::PremieresCiblesAuPlusTard(y) => Some(y.value.max(debut)),
            _ => None,
        })
        .map_or(debut + 1, |y| y.min(debut + 1));
    let toutes_indicatives = kinds
        .iter()
        .any(|k| matches!(k, ClauseKind::AideIndicativeToutesAnnees));
    let ferme = !toutes_indicatives
        && kinds
            .iter()
            .any(|k| matches!(k, ClauseKind::AideFermePremiereAnnee));
    let dialogue = kinds.iter().find_map(|k| match k {
        ClauseKind::DialogueSous(_) => Some(signature.add_months(3)),
        _ => None,
    });
    let cosignataires = kinds
        .iter()
        .filter_map(|k| match k {
            ClauseKind::CosignataireRequis(t) => Some(t.value.clone()),
            _ => None,
        })
        .collect();
    let (financier, levier) = objectives(program, &kinds);
    let gains = kinds.iter().any(|k| {
        matches!(
            k,
            ClauseKind::GainsMinimum { .. } | ClauseKind::PonderationParGains
        )
    });
    Some(Plan {
        signature,
        debut,
        first_target,
        fin: debut + exercices - 1,
        enveloppe,
        ferme,
        dialogue,
        cosignataires,
        levier,
        financier,
        gains,
    })
}

/// Which objectives the template proposes: a financial one unless only
/// `levier` objectives are required, a `levier` one (with its theme) when
/// required or when the framework names a family of themes.
fn objectives(program: &Program, kinds: &[&ClauseKind]) -> (bool, Option<(String, String)>) {
    let family = kinds.iter().find_map(|k| match k {
        ClauseKind::ThemesRequis(p) => Some(p.name.clone()),
        _ => None,
    });
    let required: Vec<String> = kinds
        .iter()
        .filter_map(|k| match k {
            ClauseKind::ObjectifsRequis(t) => Some(t.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let financier = required.is_empty() || required.iter().any(|t| t != "levier");
    let wants_levier =
        required.is_empty() || required.iter().any(|t| t == "levier") || family.is_some();
    let levier = wants_levier.then(|| levier(program, family.as_deref()));
    (financier, levier)
}

/// A duration clause as an interval of years (`durée 3 à 5 ans`,
/// `durée au plus 3 ans`, `durée 1 à 3 exercices`).
fn years(kind: &ClauseKind) -> Option<(i32, i32)> {
    let int = |q: &crate::ast::Quantity| q.value.trunc().to_string().parse::<i32>().unwrap_or(1);
    match kind {
        ClauseKind::DureeAns { min, max } => Some((min.as_ref().map_or(1, int), int(max))),
        ClauseKind::Duree { min, max } => Some((int(min), int(max))),
        _ => None,
    }
}

/// The first allowed envelope whose duration agrees with the framework's
/// (`contrat_performance`, 2 years, cannot draw on an envelope of 3 to 5).
fn enveloppe(program: &Program, cadre: &CadreEffectif, own: &[&ClauseKind]) -> String {
    let mine = own.iter().find_map(|k| years(k));
    let agrees = |name: &str| {
        let theirs = program
            .enveloppes
            .get(name)
            .and_then(|e| e.clauses.iter().find_map(|c| years(&c.kind)));
        match (mine, theirs) {
            (Some((a, b)), Some((c, d))) => a.max(c) <= b.min(d),
            _ => true,
        }
    };
    let allowed: Vec<String> = cadre.enveloppes().iter().map(|e| e.name.clone()).collect();
    let fallback = ["fir", "redressement_performance"]
        .into_iter()
        .map(str::to_string)
        .filter(|n| program.enveloppes.contains_key(n));
    allowed
        .iter()
        .cloned()
        .chain(fallback)
        .find(|n| program.enveloppes.contains_key(n) && agrees(n))
        .or_else(|| allowed.first().cloned())
        .unwrap_or_else(|| "fir".to_string())
}

/// The number of financial years: inside every duration clause, counted
/// from the signature (from 1 January, N exercices are N years; from a
/// later day, one more exercice is needed, unless that exceeds the maximum).
fn exercices(kinds: &[&ClauseKind], signature: Date) -> i32 {
    let (mut low, mut high) = (1, 99);
    for (a, b) in kinds.iter().filter_map(|k| years(k)) {
        low = low.max(a);
        high = high.min(b);
    }
    let recommended = kinds.iter().find_map(|k| match k {
        ClauseKind::DureeRecommandee(q) => q.value.trunc().to_string().parse::<i32>().ok(),
        _ => None,
    });
    let wanted = if low == 1 && high == 99 {
        4
    } else {
        low.max(3).min(high)
    };
    let wanted = recommended.map_or(wanted, |r| wanted.max(r).min(high));
    let later = signature.month != 1 || signature.day != 1;
    if later && wanted < high {
        wanted + 1
    } else {
        wanted
    }
}

/// A lever theme (of the required family, if any) and an indicator for it.
fn levier(program: &Program, family: Option<&str>) -> (String, String) {
    let prefix = family.map(|f| format!("{f}."));
    let theme = program
        .themes
        .values()
        .find(|t| {
            prefix
                .as_ref()
                .is_none_or(|p| t.id.name.starts_with(p.as_str()))
        })
        .filter(|_| prefix.is_some());
    match theme {
        Some(t) => {
            let indicator = t
                .indicateurs
                .iter()
                .find(|i| program.indicateur(&i.name).is_some())
                .map_or_else(
                    || "taux_chirurgie_ambulatoire".to_string(),
                    |i| i.name.clone(),
                );
            (t.id.name.clone(), indicator)
        }
        None => (
            "activité.chirurgie_ambulatoire".into(),
            "taux_chirurgie_ambulatoire".into(),
        ),
    }
}

fn render(program: &Program, cadre: &CadreEffectif, p: &Plan, finess: &str, ars: &str) -> String {
    let name = &cadre.cadre.id.name;
    let libelle = cadre
        .cadre
        .libelle
        .as_ref()
        .map_or(name.as_str(), |t| t.value.as_str());
    let mut out = Vec::new();
    out.push(format!("// {libelle}"));
    out.push("// Modèle écrit par `pacte nouveau` : remplacez chaque « À COMPLÉTER », puis".into());
    out.push(
        "// vérifiez avec `pacte check`. Les règles du cadre sont rappelées par `pacte std cadres"
            .into(),
    );
    out.push(format!(
        "// {name}` ; la syntaxe de chaque champ est dans docs/langage.md."
    ));
    out.push(format!("contrat a_completer_{} {{", p.debut));
    out.push("  intitulé \"À COMPLÉTER : Contrat … du Centre hospitalier de …\"".into());
    out.push(format!("  cadre {name}"));
    let ars_note = if ars == "À COMPLÉTER" {
        "  // l'une des 18 agences, par exemple « ARS Normandie »"
    } else {
        "  // déduite du département du FINESS"
    };
    out.push(format!("  ars \"{ars}\"{ars_note}"));
    out.push(String::new());
    out.push("  établissement {".into());
    out.push("    raison_sociale \"À COMPLÉTER : Centre hospitalier de …\"".into());
    let finess_note = if finess == "À COMPLÉTER" {
        "  // 9 caractères, clé de Luhn comprise"
    } else {
        ""
    };
    out.push(format!("    finess \"{finess}\"{finess_note}"));
    out.push("    statut public  // ou ebnl, privé_lucratif".into());
    out.push("    catégorie CH  // CHU, CHR, CH, CHS, HL, SMR, HAD, CLCC, EBNL, autre".into());
    out.push("  }".into());
    out.push(String::new());
    out.push(format!(
        "  signé le {}  // À COMPLÉTER : date de signature",
        p.signature
    ));
    out.push(format!(
        "  période {} à {}  // premier et dernier exercice",
        p.debut, p.fin
    ));
    for c in &p.cosignataires {
        out.push(format!("  cosignataire \"{c}\"  // exigé par le cadre"));
    }
    if let Some(d) = p.dialogue {
        out.push(format!(
            "  dialogue {d}  // premier dialogue ARS–établissement"
        ));
    }
    out.push(String::new());
    aide(&mut out, p);
    reference(&mut out, p);
    objectifs(&mut out, program, p);
    out.push(String::new());
    out.push("  condition stocks {".into());
    out.push("    libellé \"Nombre de jours de stocks\"".into());
    out.push(format!(
        "    exige jours_de_stocks <= 28 j à partir de {}",
        p.debut + 1
    ));
    out.push("  }".into());
    out.push(String::new());
    out.push(
        "  // Part de l'aide de l'année suivante selon le taux de réalisation : à adapter.".into(),
    );
    out.push("  modulation {".into());
    out.push("    si réalisation >= 90 %: 100 %".into());
    out.push("    si réalisation >= 50 %: 50 %".into());
    out.push("    sinon: 0 %".into());
    out.push("  }".into());
    out.push("}".into());
    out.join("\n") + "\n"
}

fn aide(out: &mut Vec<String>, p: &Plan) {
    out.push("  // Montants toujours avec leur unité (€, k€, M€) ; stables ou dégressifs.".into());
    out.push(format!("  aide {} {{", p.enveloppe));
    let amounts = ["1 M€", "800 k€", "600 k€"];
    for (i, amount) in amounts.iter().enumerate() {
        let year = p.debut + i32::try_from(i).unwrap_or(0);
        if year > p.fin {
            break;
        }
        let statut = if i == 0 && p.ferme { " ferme" } else { "" };
        out.push(format!("    {year}: {amount}{statut}  // À COMPLÉTER"));
    }
    out.push("  }".into());
    out.push(String::new());
}

fn reference(out: &mut Vec<String>, p: &Plan) {
    out.push(format!(
        "  // Chiffres du dernier compte financier connu ({}) : à compléter.",
        p.debut - 1
    ));
    out.push(format!("  référence {} {{", p.debut - 1));
    out.push("    produits: 60 M€".into());
    out.push("    résultat_principal: -2 M€".into());
    out.push("    marge_brute_hors_aides: 3 %".into());
    out.push("  }".into());
    out.push(String::new());
}

/// Target years: every year from the first target to the last exercice.
fn target_years(p: &Plan) -> Vec<i32> {
    let first = p.first_target.min(p.fin);
    (first..=p.fin).collect()
}

fn objectifs(out: &mut Vec<String>, program: &Program, p: &Plan) {
    let targets = target_years(p);
    if p.financier {
        out.push("  objectif marge {".into());
        out.push("    libellé \"Restaurer la marge brute hors aides\"".into());
        out.push("    type financier".into());
        out.push("    indicateur marge_brute_hors_aides".into());
        for (i, y) in targets.iter().enumerate() {
            out.push(format!("    cible {y}: >= {} %  // À COMPLÉTER", 4 + i));
        }
        out.push("    poids 2".into());
        gains(out, p, &targets);
        out.push("  }".into());
    }
    if let Some((theme, indicator)) = &p.levier {
        if p.financier {
            out.push(String::new());
        }
        let sens = program
            .indicateur(indicator)
            .and_then(|i| i.sens)
            .map(|(s, _)| s);
        let (cmp, start) = match sens {
            Some(crate::ast::Sens::Baisse) => ("<=", 40),
            _ => (">=", 50),
        };
        out.push("  objectif levier {".into());
        out.push("    libellé \"À COMPLÉTER : le levier retenu\"".into());
        out.push(format!("    type levier {theme}"));
        out.push(format!("    indicateur {indicator}"));
        for (i, y) in targets.iter().enumerate() {
            let step = i32::try_from(i).unwrap_or(0) * 5;
            let value = if cmp == "<=" {
                start - step
            } else {
                start + step
            };
            out.push(format!("    cible {y}: {cmp} {value} %  // À COMPLÉTER"));
        }
        out.push("    poids 1".into());
        if !p.financier {
            gains(out, p, &targets);
        }
        out.push("    action \"À COMPLÉTER : première action\" {".into());
        out.push("      responsable \"À COMPLÉTER\"".into());
        out.push(format!(
            "      échéance {}-06-30",
            targets.first().copied().unwrap_or(p.debut)
        ));
        out.push("    }".into());
        out.push("  }".into());
    }
}

fn gains(out: &mut Vec<String>, p: &Plan, targets: &[i32]) {
    if !p.gains {
        return;
    }
    // 1,5 M€ a year: above 20 % of the deficit and 2 % of the revenue of
    // the `référence` (contrat performance).
    for y in targets.iter().take(2) {
        out.push(format!(
            "    gain {y}: 1,5 M€ charges  // À COMPLÉTER : impact attendu des actions"
        ));
    }
}
