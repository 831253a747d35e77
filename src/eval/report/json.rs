//! The JSON report, exactly the shape of spec §9 (decimal numbers as exact
//! strings in base units), plus `derivation` objects on objectives,
//! conditions, the rate and the aid, `chiffres_disponibles` per contract,
//! and a `summary`.

use super::locate;
use crate::eval::aid::{AidDecision, MotifKind};
use crate::eval::derivation::{Derivation, StepKind};
use crate::eval::figures::Val;
use crate::eval::rate::ContractVerdict;
use crate::eval::verdict::{ConditionVerdict, ObjectiveEvaluation, ObjectiveVerdict};
use crate::eval::{ContractEvaluation, Evaluation};
use crate::source::SourceMap;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonReport {
    pub exercice: i32,
    pub contracts: Vec<JsonContract>,
    pub summary: JsonSummary,
}

#[derive(Serialize)]
pub struct JsonContract {
    pub contrat: String,
    pub finess: String,
    pub objectives: Vec<JsonObjective>,
    pub conditions: Vec<JsonCondition>,
    pub realisation: Option<String>,
    pub verdict: ContractVerdict,
    pub aide: JsonAid,
    pub chiffres_disponibles: bool,
    pub derivation: JsonDerivation,
}

#[derive(Serialize)]
pub struct JsonObjective {
    pub objectif: String,
    pub indicateur: String,
    pub comparateur: String,
    pub cible: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cible_max: Option<String>,
    pub base: Option<String>,
    pub valeur: Option<String>,
    pub affichage: String,
    pub verdict: ObjectiveVerdict,
    pub score: Option<String>,
    pub poids: String,
    pub derivation: JsonDerivation,
}

#[derive(Serialize)]
pub struct JsonCondition {
    pub condition: String,
    pub verdict: ConditionVerdict,
    pub derivation: JsonDerivation,
}

#[derive(Serialize)]
pub struct JsonAid {
    pub exercice: i32,
    pub prevue: String,
    pub modulation: String,
    pub due: String,
    pub motifs: Vec<JsonMotif>,
    pub derivation: JsonDerivation,
}

#[derive(Serialize)]
pub struct JsonMotif {
    pub nature: MotifKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    pub message: String,
}

#[derive(Serialize)]
pub struct JsonDerivation {
    pub etape: StepKind,
    pub quoi: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valeur: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affichage: Option<String>,
    pub comment: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fichier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ligne: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entrees: Vec<JsonDerivation>,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub contrats: usize,
    pub verdicts: std::collections::BTreeMap<&'static str, usize>,
    pub aide_prevue: String,
    pub aide_due: String,
    pub contrats_sans_chiffres: Vec<String>,
    pub etablissements_sans_contrat: usize,
    pub valeurs_sans_contrat: usize,
    pub valeurs: usize,
}

fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

fn val(v: &Val) -> String {
    v.exact()
}

pub fn derivation(d: &Derivation, map: &SourceMap) -> JsonDerivation {
    let at = d.span.and_then(|s| locate(map, s));
    JsonDerivation {
        etape: d.kind,
        quoi: d.what.clone(),
        valeur: d.value.clone(),
        affichage: d.display.clone(),
        comment: d.how.clone(),
        fichier: at.as_ref().map(|(f, _)| f.clone()),
        ligne: at.map(|(_, l)| l),
        entrees: d.inputs.iter().map(|i| derivation(i, map)).collect(),
    }
}

fn objective(o: &ObjectiveEvaluation, map: &SourceMap) -> JsonObjective {
    JsonObjective {
        objectif: o.objectif.clone(),
        indicateur: o.indicateur.clone(),
        comparateur: o.comparateur.clone(),
        cible: val(&o.cible),
        cible_max: o.cible_max.as_ref().map(val),
        base: o.base.as_ref().map(val),
        valeur: o.valeur.as_ref().map(val),
        affichage: o.affichage.clone(),
        verdict: o.verdict,
        score: o.score.map(dec),
        poids: dec(o.poids),
        derivation: derivation(&o.derivation, map),
    }
}

fn aid(a: &AidDecision, map: &SourceMap) -> JsonAid {
    JsonAid {
        exercice: a.exercice,
        prevue: dec(a.prevue),
        modulation: dec(a.modulation),
        due: dec(a.due),
        motifs: a
            .motifs
            .iter()
            .map(|m| JsonMotif {
                nature: m.nature,
                code: m.code.map(|c| c.to_string()),
                condition: m.condition.clone(),
                message: m.message.clone(),
            })
            .collect(),
        derivation: derivation(&a.derivation, map),
    }
}

/// One contract in the §9 shape.
pub fn json_contract(c: &ContractEvaluation, map: &SourceMap) -> JsonContract {
    JsonContract {
        contrat: c.contrat.clone(),
        finess: c.finess.clone(),
        objectives: c.objectives.iter().map(|o| objective(o, map)).collect(),
        conditions: c
            .conditions
            .iter()
            .filter_map(|k| {
                Some(JsonCondition {
                    condition: k.condition.clone(),
                    verdict: k.verdict?,
                    derivation: derivation(&k.derivation, map),
                })
            })
            .collect(),
        realisation: c.realisation.map(dec),
        verdict: c.verdict,
        aide: aid(&c.aide, map),
        chiffres_disponibles: c.has_figures,
        derivation: derivation(&c.realisation_derivation, map),
    }
}

fn json_summary(e: &Evaluation) -> JsonSummary {
    let s = &e.summary;
    JsonSummary {
        contrats: s.contracts,
        verdicts: ContractVerdict::ALL
            .iter()
            .zip(s.verdicts)
            .map(|(v, n)| (v.label(), n))
            .collect(),
        aide_prevue: dec(s.aide_prevue),
        aide_due: dec(s.aide_due),
        contrats_sans_chiffres: s.without_figures.clone(),
        etablissements_sans_contrat: s.establishments_without_contract,
        valeurs_sans_contrat: s.figures_without_contract,
        valeurs: s.figures,
    }
}

fn to_text(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The whole evaluation.
pub fn report(e: &Evaluation, map: &SourceMap) -> String {
    to_text(&JsonReport {
        exercice: e.exercice,
        contracts: e.contracts.iter().map(|c| json_contract(c, map)).collect(),
        summary: json_summary(e),
    })
}

/// One contract, in the same shape with a single element.
pub fn contract(e: &Evaluation, c: &ContractEvaluation, map: &SourceMap) -> String {
    #[derive(Serialize)]
    struct One {
        exercice: i32,
        contracts: Vec<JsonContract>,
    }
    to_text(&One {
        exercice: e.exercice,
        contracts: vec![json_contract(c, map)],
    })
}
