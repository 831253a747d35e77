//! The JSON report, exactly the shape of spec §9 (decimal numbers as exact
//! strings in base units), plus `derivation` objects on objectives,
//! conditions, the rate and the aid, `chiffres_disponibles` per contract,
//! and a `summary`.

use crate::eval::aid::{AidDecision, Bareme, MotifKind};
use crate::eval::derivation::Derivation;
use crate::eval::figures::Val;
use crate::eval::rate::ContractVerdict;
use crate::eval::revue::RevueEvaluation;
use crate::eval::verdict::{ConditionVerdict, ObjectiveEvaluation, ObjectiveVerdict};
use crate::eval::{ContractEvaluation, Evaluation};
use crate::source::SourceMap;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub exercice: i32,
    pub contracts: Vec<JsonContract<'a>>,
    pub summary: JsonSummary,
}

#[derive(Serialize)]
pub struct JsonContract<'a> {
    pub contrat: String,
    pub finess: String,
    pub objectives: Vec<JsonObjective<'a>>,
    pub conditions: Vec<JsonCondition<'a>>,
    pub realisation: Option<String>,
    pub verdict: ContractVerdict,
    pub aide: JsonAid<'a>,
    /// One decision per source, when the contract has several `aide` blocks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aides: Vec<JsonAid<'a>>,
    /// The ARS's decision on the aid (its `revue`), beside the computed `aide`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<JsonDecision<'a>>,
    /// The ARS's appraisal (Markdown), from its `revue`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appreciation: Option<String>,
    pub chiffres_disponibles: bool,
    pub derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
pub struct JsonObjective<'a> {
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
    /// The ARS's comment in its `revue`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commentaire: Option<String>,
    pub derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
pub struct JsonCondition<'a> {
    pub condition: String,
    pub verdict: ConditionVerdict,
    pub derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
pub struct JsonAid<'a> {
    pub exercice: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enveloppe: Option<String>,
    pub prevue: String,
    pub modulation: String,
    /// Where the share comes from: `contrat`, `cadre`, `aucun` (the
    /// contract does not tie the aid to the results), `sans_taux`.
    pub bareme: Bareme,
    pub due: String,
    /// Every reason is a suspension (due 0 until the evidence comes).
    pub suspendue: bool,
    pub motifs: Vec<JsonMotif>,
    /// V0101 / V0102 facts the review shows without changing the aid.
    pub signalements: Vec<JsonSignalement>,
    pub derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
pub struct JsonSignalement {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

#[derive(Serialize)]
pub struct JsonDecision<'a> {
    pub exercice: i32,
    pub due: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    pub motif: String,
    pub derivation: JsonDerivation<'a>,
}

#[derive(Serialize)]
pub struct JsonMotif {
    pub nature: MotifKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suspendue: bool,
}

/// A derivation tree serialised on the fly, its spans resolved to
/// `fichier` / `ligne` (no copy of the tree).
pub struct JsonDerivation<'a> {
    pub step: &'a Derivation,
    pub map: &'a SourceMap,
}

impl Serialize for JsonDerivation<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let d = self.step;
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("etape", &d.kind)?;
        m.serialize_entry("quoi", &d.what)?;
        if let Some(v) = &d.value {
            m.serialize_entry("valeur", v)?;
        }
        if let Some(v) = &d.display {
            m.serialize_entry("affichage", v)?;
        }
        m.serialize_entry("comment", &d.how)?;
        if let Some(span) = d.span {
            if let Some(source) = self.map.get(span.source) {
                m.serialize_entry("fichier", &source.path)?;
                m.serialize_entry("ligne", &source.line_col(span.start as usize).0)?;
            }
        }
        if !d.inputs.is_empty() {
            let inputs: Vec<JsonDerivation<'_>> = d
                .inputs
                .iter()
                .map(|step| JsonDerivation {
                    step,
                    map: self.map,
                })
                .collect();
            m.serialize_entry("entrees", &inputs)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub contrats: usize,
    pub verdicts: std::collections::BTreeMap<&'static str, usize>,
    pub aide_prevue: String,
    pub aide_due: String,
    /// The decided aid where a `revue` decides it, else the computed aid due.
    pub aide_retenue: String,
    pub decisions: usize,
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

pub fn derivation<'a>(step: &'a Derivation, map: &'a SourceMap) -> JsonDerivation<'a> {
    JsonDerivation { step, map }
}

fn objective<'a>(
    o: &'a ObjectiveEvaluation,
    revue: Option<&RevueEvaluation>,
    map: &'a SourceMap,
) -> JsonObjective<'a> {
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
        commentaire: revue
            .and_then(|r| r.commentaire(&o.objectif))
            .map(str::to_string),
        derivation: derivation(&o.derivation, map),
    }
}

fn aid<'a>(a: &'a AidDecision, map: &'a SourceMap) -> JsonAid<'a> {
    JsonAid {
        exercice: a.exercice,
        enveloppe: a.enveloppe.clone(),
        prevue: dec(a.prevue),
        modulation: dec(a.modulation),
        bareme: a.bareme,
        due: dec(a.due),
        suspendue: a.suspendue(),
        motifs: a
            .motifs
            .iter()
            .map(|m| JsonMotif {
                nature: m.nature,
                code: m.code.map(|c| c.to_string()),
                condition: m.condition.clone(),
                message: m.message.clone(),
                suspendue: m.suspend,
            })
            .collect(),
        signalements: a
            .signalements
            .iter()
            .map(|s| JsonSignalement {
                code: s.code.to_string(),
                message: s.message.clone(),
                justification: s.justification.clone(),
            })
            .collect(),
        derivation: derivation(&a.derivation, map),
    }
}

/// One contract in the §9 shape.
pub fn json_contract<'a>(c: &'a ContractEvaluation, map: &'a SourceMap) -> JsonContract<'a> {
    JsonContract {
        contrat: c.contrat.clone(),
        finess: c.finess.clone(),
        objectives: c
            .objectives
            .iter()
            .map(|o| objective(o, c.revue.as_ref(), map))
            .collect(),
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
        aides: if c.aides.len() > 1 {
            c.aides.iter().map(|a| aid(a, map)).collect()
        } else {
            Vec::new()
        },
        decision: c
            .revue
            .as_ref()
            .and_then(|r| r.decision.as_ref())
            .map(|d| JsonDecision {
                exercice: d.exercice,
                due: dec(d.due),
                part: d.part.map(dec),
                motif: d.motif.clone(),
                derivation: derivation(&d.derivation, map),
            }),
        appreciation: c.revue.as_ref().and_then(|r| r.appreciation.clone()),
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
        aide_retenue: dec(s.aide_retenue),
        decisions: s.decisions,
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

fn whole<'a>(e: &'a Evaluation, map: &'a SourceMap) -> JsonReport<'a> {
    JsonReport {
        exercice: e.exercice,
        contracts: e.contracts.iter().map(|c| json_contract(c, map)).collect(),
        summary: json_summary(e),
    }
}

/// The whole evaluation.
pub fn report(e: &Evaluation, map: &SourceMap) -> String {
    to_text(&whole(e, map))
}

/// The whole evaluation, streamed to a writer (large runs).
pub fn write(e: &Evaluation, map: &SourceMap, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &whole(e, map)).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// One contract, in the same shape with a single element.
pub fn contract(e: &Evaluation, c: &ContractEvaluation, map: &SourceMap) -> String {
    #[derive(Serialize)]
    struct One<'a> {
        exercice: i32,
        contracts: Vec<JsonContract<'a>>,
    }
    to_text(&One {
        exercice: e.exercice,
        contracts: vec![json_contract(c, map)],
    })
}
