//! `pacte test --couverture`: what the scenarios and fixtures exercised.
//!
//! - **Clauses.** A clause of a framework or an envelope is exercised by a
//!   scenario on a contract it applies to: a check scenario (`codes:`
//!   asserts exactly the codes, so every clause of the contract is asserted
//!   to fire or not) for the clauses checked by `pacte check`, an
//!   evaluation scenario for the clauses applied by evaluation
//!   (`compte_financier`, `fin_aide`, `modulation`, `donnée_manquante`,
//!   `pondération par gains`). A fixture line annotated `// erreur[R0104]`
//!   inside a contract exercises the clauses of that code applying to it.
//! - **Codes.** A code is exercised by a scenario that lists it in
//!   `codes:` or whose run gave it (an evaluation's V0101, V0102), and by a
//!   fixture annotation (`// erreur[CODE]`, `// avertissement[CODE]`),
//!   passed when a diagnostic of that code starts on the annotated line.
//! - **Contracts.** Per contract, the objectives evaluated, the conditions
//!   applicable and the modulation lines that set the share, over its
//!   scenarios.
//!
//! Each exercise is counted as passed or failed, after the scenario's or
//! fixture's own result.

use super::Outcome;
use crate::ast::{AttenteKind, Clause, ClauseKind, Contrat, ModulationLine};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Program;
use crate::source::{Origin, SourceMap, Span};
use std::collections::{BTreeMap, HashMap};

/// Passed and failed exercises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub reussis: usize,
    pub echoues: usize,
}

impl Tally {
    fn add(&mut self, passed: bool) {
        if passed {
            self.reussis += 1;
        } else {
            self.echoues += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.reussis + self.echoues
    }
}

#[derive(Debug, Clone)]
pub struct ClauseCoverage {
    /// `cadre redressement_2025` or `enveloppe redressement_performance`.
    pub owner: String,
    /// The clause as written (`aide stable_ou_dégressive`).
    pub clause: String,
    pub code: Option<Code>,
    pub span: Span,
    pub tally: Tally,
}

#[derive(Debug, Clone)]
pub struct CodeCoverage {
    pub code: Code,
    pub scenarios: Tally,
    pub fixtures: Tally,
}

/// An objective, condition or modulation line, and whether it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atteinte {
    pub nom: String,
    pub atteint: bool,
}

#[derive(Debug, Clone)]
pub struct ContratCoverage {
    pub contrat: String,
    pub scenarios: usize,
    pub objectifs: Vec<Atteinte>,
    pub conditions: Vec<Atteinte>,
    pub modulation: Vec<Atteinte>,
}

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub clauses: Vec<ClauseCoverage>,
    pub codes: Vec<CodeCoverage>,
    pub contrats: Vec<ContratCoverage>,
}

/// One fixture annotation: the code expected on a line, and whether it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub code: Code,
    /// Where the annotated line starts.
    pub at: Span,
    pub passed: bool,
}

/// Computes the coverage of a run.
pub fn compute(
    program: &Program,
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    outcomes: &[Outcome],
) -> Coverage {
    let annotations = annotations(map, diagnostics);
    let by_contrat: HashMap<&str, Vec<&Outcome>> =
        outcomes.iter().fold(HashMap::new(), |mut m, o| {
            if let Some(c) = &o.contrat {
                m.entry(c.as_str()).or_default().push(o);
            }
            m
        });
    Coverage {
        clauses: clauses(program, &by_contrat, &annotations),
        codes: codes(program, outcomes, &annotations),
        contrats: program
            .contrats
            .iter()
            .map(|c| contrat(program, c, by_contrat.get(c.id.name.as_str())))
            .collect(),
    }
}

/// The code a clause's rule gives, or `None` for the clauses that only
/// shape evaluation or grouping.
pub fn clause_code(kind: &ClauseKind) -> Option<Code> {
    Some(match kind {
        ClauseKind::Duree { .. } | ClauseKind::DureeAns { .. } => Code::R0101,
        ClauseKind::AideFermePremiereAnnee => Code::R0102,
        ClauseKind::AideIndicativeAnneesSuivantes | ClauseKind::AideIndicativeToutesAnnees => {
            Code::R0103
        }
        ClauseKind::AideStableOuDegressive => Code::R0104,
        ClauseKind::AideDansLaPeriode => Code::R0105,
        ClauseKind::SignatureAvantVersement => Code::R0106,
        ClauseKind::SignatureAuPlusTard(_) => Code::R0107,
        ClauseKind::PremiereAnneeEgaleAnneeSignature => Code::R0108,
        ClauseKind::DureeRecommandee(_) => Code::R0109,
        ClauseKind::CosignataireRequis(_) => Code::R0110,
        ClauseKind::ObjectifsRequis(_) => Code::R0201,
        ClauseKind::PremieresCiblesAuPlusTard(_) => Code::R0202,
        ClauseKind::CiblesAnnuelles => Code::R0203,
        ClauseKind::ThemesRequis(_) => Code::R0204,
        ClauseKind::IndicateursAuPlus(_) => Code::R0205,
        ClauseKind::DialogueSous(_) => Code::R0301,
        ClauseKind::Statuts(_) => Code::R0401,
        ClauseKind::Enveloppes(_) => Code::R0402,
        ClauseKind::TresorerieRequiseSi(_) => Code::R0501,
        ClauseKind::GainsMinimum { .. } => Code::R0601,
        ClauseKind::GainsRecettesMaximum(_) => Code::R0602,
        ClauseKind::RecettesJustifiees => Code::R0603,
        ClauseKind::CompteFinancierAuPlusTard(..) => Code::V0101,
        ClauseKind::FinAideSi(_) => Code::V0102,
        ClauseKind::Famille(_)
        | ClauseKind::Modele(_)
        | ClauseKind::DonneeManquante(_)
        | ClauseKind::PonderationParGains
        | ClauseKind::Modulation(_) => return None,
    })
}

/// Whether evaluation, not `pacte check`, applies the clause.
fn by_evaluation(kind: &ClauseKind) -> bool {
    matches!(
        kind,
        ClauseKind::CompteFinancierAuPlusTard(..)
            | ClauseKind::FinAideSi(_)
            | ClauseKind::DonneeManquante(_)
            | ClauseKind::PonderationParGains
            | ClauseKind::Modulation(_)
    )
}

/// Every clause that applies to a contract, with its owner's name: its
/// framework's, then those of the envelopes its aid draws on.
pub fn applicable<'p>(program: &'p Program, c: &Contrat) -> Vec<(String, &'p Clause)> {
    let mut out = Vec::new();
    if let Some(cadre) = program.cadre_of(c) {
        let owner = format!("cadre {}", cadre.cadre.id.name);
        out.extend(cadre.clauses.iter().map(|k| (owner.clone(), k)));
    }
    for aide in &c.aides {
        if let Some(e) = program.enveloppes.get(&aide.enveloppe.name) {
            let owner = format!("enveloppe {}", e.id.name);
            out.extend(e.clauses.iter().map(|k| (owner.clone(), k)));
        }
    }
    out
}

fn clauses(
    program: &Program,
    by_contrat: &HashMap<&str, Vec<&Outcome>>,
    annotations: &[Annotation],
) -> Vec<ClauseCoverage> {
    let mut table: ClauseTable = BTreeMap::new();
    for cadre in program.cadres.values() {
        let owner = format!("cadre {}", cadre.cadre.id.name);
        for k in cadre.cadre.clauses.iter().filter(|k| is_rule(&k.kind)) {
            entry(&mut table, &owner, k);
        }
    }
    for e in program.enveloppes.values() {
        let owner = format!("enveloppe {}", e.id.name);
        for k in e.clauses.iter().filter(|k| is_rule(&k.kind)) {
            entry(&mut table, &owner, k);
        }
    }
    for c in &program.contrats {
        let outcomes = by_contrat.get(c.id.name.as_str());
        for (owner, k) in applicable(program, c) {
            if !is_rule(&k.kind) {
                continue;
            }
            let key = entry(&mut table, &owner, k);
            let Some(cov) = table.get_mut(&key) else {
                continue;
            };
            for o in outcomes.into_iter().flatten() {
                let exercised = if by_evaluation(&k.kind) {
                    o.reached.evalue
                } else {
                    o.reached.verifie
                };
                if exercised {
                    cov.tally.add(o.passed());
                }
            }
            for a in annotations.iter().filter(|a| inside(a.at, c.span)) {
                if Some(a.code) == cov.code {
                    cov.tally.add(a.passed);
                }
            }
        }
    }
    table.into_values().collect()
}

/// A clause is known by its place: an inherited clause is its definer's.
type ClauseKey = (u32, u32, u32);
type ClauseTable = BTreeMap<ClauseKey, ClauseCoverage>;

/// Clauses that are not rules (grouping, document model): not counted.
fn is_rule(kind: &ClauseKind) -> bool {
    !matches!(kind, ClauseKind::Famille(_) | ClauseKind::Modele(_))
}

/// The row of a clause (created at first sight), by owner and position.
fn entry(table: &mut ClauseTable, owner: &str, k: &Clause) -> ClauseKey {
    let key = (k.span.source.0, k.span.start, k.span.end);
    table.entry(key).or_insert_with(|| ClauseCoverage {
        owner: owner.to_string(),
        clause: crate::fmt::lexical::clause(&k.kind).unwrap_or_else(|| "modulation { … }".into()),
        code: clause_code(&k.kind),
        span: k.span,
        tally: Tally::default(),
    });
    key
}

fn inside(at: Span, span: Span) -> bool {
    at.source == span.source && at.start >= span.start && at.start < span.end
}

fn codes(program: &Program, outcomes: &[Outcome], annotations: &[Annotation]) -> Vec<CodeCoverage> {
    let mut table: BTreeMap<Code, CodeCoverage> = Code::ALL
        .iter()
        .map(|&code| {
            let cov = CodeCoverage {
                code,
                scenarios: Tally::default(),
                fixtures: Tally::default(),
            };
            (code, cov)
        })
        .collect();
    let scenario_map: HashMap<(u32, u32), &crate::ast::Scenario> = program
        .scenarios
        .iter()
        .map(|s| ((s.span.source.0, s.span.start), s))
        .collect();
    for o in outcomes {
        let mut seen: Vec<Code> = o.reached.codes.clone();
        if let Some(s) = scenario_map.get(&(o.span.source.0, o.span.start)) {
            for a in &s.attendu {
                if let AttenteKind::Codes(list) = &a.kind {
                    seen.extend(list.iter().filter_map(|c| Code::parse(&c.name)));
                }
            }
        }
        seen.sort();
        seen.dedup();
        for code in seen {
            if let Some(cov) = table.get_mut(&code) {
                cov.scenarios.add(o.passed());
            }
        }
    }
    for a in annotations {
        if let Some(cov) = table.get_mut(&a.code) {
            cov.fixtures.add(a.passed);
        }
    }
    table.into_values().collect()
}

fn contrat(program: &Program, c: &Contrat, outcomes: Option<&Vec<&Outcome>>) -> ContratCoverage {
    let outcomes: Vec<&Outcome> = outcomes.map(|v| v.to_vec()).unwrap_or_default();
    let reached = |pick: &dyn Fn(&Outcome) -> bool| outcomes.iter().any(|o| pick(o));
    let objectifs = c
        .objectifs
        .iter()
        .map(|o| Atteinte {
            nom: o.id.name.clone(),
            atteint: reached(&|x| x.reached.objectifs.contains(&o.id.name)),
        })
        .collect();
    let conditions = c
        .conditions
        .iter()
        .map(|k| Atteinte {
            nom: k.id.name.clone(),
            atteint: reached(&|x| x.reached.conditions.contains(&k.id.name)),
        })
        .collect();
    let table = c
        .modulation
        .as_ref()
        .or_else(|| program.cadre_of(c).and_then(|k| k.modulation()));
    let modulation = table
        .map(|m| {
            m.lines
                .iter()
                .map(|line| {
                    let span = match line {
                        ModulationLine::Si { span, .. } | ModulationLine::Sinon { span, .. } => {
                            *span
                        }
                    };
                    Atteinte {
                        nom: crate::fmt::lexical::modulation_line(line),
                        atteint: reached(&|x| x.reached.modulation.contains(&span)),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    ContratCoverage {
        contrat: c.id.name.clone(),
        scenarios: outcomes.len(),
        objectifs,
        conditions,
        modulation,
    }
}

/// The fixture annotations of the user's files (`// erreur[CODE]` on the
/// line concerned, or alone on the line before it), each checked against
/// the diagnostics.
pub fn annotations(map: &SourceMap, diagnostics: &[Diagnostic]) -> Vec<Annotation> {
    let mut out = Vec::new();
    for source in map.iter().filter(|s| s.origin == Origin::User) {
        let mut starts = vec![0usize];
        starts.extend(source.text.match_indices('\n').map(|(i, _)| i + 1));
        for (i, line) in source.text.lines().enumerate() {
            for word in ["// erreur[", "// avertissement["] {
                let Some(at) = line.find(word) else {
                    continue;
                };
                let code: String = line[at + word.len()..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let Some(code) = Code::parse(&code) else {
                    continue;
                };
                let target = if line[..at].trim().is_empty() {
                    i + 1
                } else {
                    i
                };
                let (Some(&start), end) = (
                    starts.get(target),
                    starts.get(target + 1).copied().unwrap_or(source.text.len()),
                ) else {
                    continue;
                };
                let at = Span::new(source.id, start, end);
                let passed = diagnostics.iter().any(|d| {
                    d.code == code
                        && d.primary.span.source == source.id
                        && (d.primary.span.start as usize) >= start
                        && (d.primary.span.start as usize) < end.max(start + 1)
                });
                out.push(Annotation { code, at, passed });
            }
        }
    }
    out
}
