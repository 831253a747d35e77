//! Lowering of `scénario "nom" { … }` (§11): figures given inline and the
//! results a contract must give. A verdict word that does not fit its line
//! (`objectif marge: respectée`) is an E0001 naming the words allowed there.

use super::{args, Lowerer, P};
use crate::ast::*;
use crate::syntax::grammar::Rule;

/// The verdicts an objective line accepts (spec §8.2).
pub const OBJECTIF_VERDICTS: [&str; 4] = [
    "atteint",
    "partiellement atteint",
    "non atteint",
    "non évaluable",
];
/// The verdicts a condition line accepts (spec §8.4).
pub const CONDITION_VERDICTS: [&str; 3] = ["respectée", "non respectée", "non évaluable"];
/// The contract verdicts (spec §8.6).
pub const CONTRAT_VERDICTS: [&str; 4] = [
    "engagements tenus",
    "partiellement tenus",
    "non tenus",
    "sans objet",
];

impl Lowerer<'_> {
    pub(super) fn lower_scenario(&mut self, pair: P<'_>) -> Option<Scenario> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let nom = self.text(fields.next()?);
        let mut s = Scenario {
            nom,
            span,
            contrat: None,
            exercice: None,
            chiffres: Vec::new(),
            attendu_span: None,
            attendu: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if let Some(name) = super::contrat::single_field(rule) {
                if !Self::first_of(&mut seen, name, fspan, &mut s.repeated) {
                    continue;
                }
            }
            match rule {
                Rule::scenario_contrat => s.contrat = Some(self.ident(args(field).next()?)),
                Rule::exercice => s.exercice = Some(self.year(args(field).next()?)),
                Rule::chiffres => s.chiffres.push(self.lower_chiffres(field)),
                Rule::attendu => {
                    s.attendu_span = Some(fspan);
                    let mut lines_seen = Default::default();
                    for line in args(field) {
                        let (lrule, lspan) = (line.as_rule(), self.span(&line));
                        if let Some(name) = super::contrat::single_field(lrule) {
                            if !Self::first_of(&mut lines_seen, name, lspan, &mut s.repeated) {
                                continue;
                            }
                        }
                        s.attendu.extend(self.lower_attente(line));
                    }
                }
                _ => {}
            }
        }
        Some(s)
    }

    fn lower_chiffres(&mut self, pair: P<'_>) -> Chiffres {
        let span = self.span(&pair);
        let mut annee = None;
        let mut valeurs = Vec::new();
        for part in args(pair) {
            if part.as_rule() == Rule::year {
                annee = Some(self.year(part));
                continue;
            }
            let lspan = self.span(&part);
            let mut kv = args(part);
            let (Some(name), Some(value)) = (kv.next(), kv.next()) else {
                continue;
            };
            let indicateur = self.ident(name);
            if let Some(valeur) = self.value(value) {
                valeurs.push(ReferenceLine {
                    indicateur,
                    valeur,
                    span: lspan,
                });
            }
        }
        Chiffres {
            annee,
            valeurs,
            span,
        }
    }

    fn lower_attente(&mut self, pair: P<'_>) -> Option<Attente> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = args(pair);
        let kind = match rule {
            Rule::attendu_objectif => {
                let id = self.ident(parts.next()?);
                AttenteKind::Objectif(
                    id,
                    self.verdict(parts.next()?, &OBJECTIF_VERDICTS, "d'objectif")?,
                )
            }
            Rule::attendu_condition => {
                let id = self.ident(parts.next()?);
                let v = self.verdict(parts.next()?, &CONDITION_VERDICTS, "de condition")?;
                AttenteKind::Condition(id, v)
            }
            Rule::attendu_realisation => AttenteKind::Realisation(self.quantity(parts.next()?)?),
            Rule::attendu_verdict => AttenteKind::Verdict(self.verdict(
                parts.next()?,
                &CONTRAT_VERDICTS,
                "de contrat",
            )?),
            Rule::attendu_aide => {
                let annee = self.year(parts.next()?);
                AttenteKind::Aide(annee, self.quantity(parts.next()?)?)
            }
            Rule::attendu_codes => AttenteKind::Codes(parts.map(|p| self.ident(p)).collect()),
            _ => return None,
        };
        Some(Attente { kind, span })
    }

    /// A verdict word in its canonical form, or E0001 when it does not
    /// belong to the line's kind.
    fn verdict(&mut self, pair: P<'_>, allowed: &[&str], what: &str) -> Option<VerdictMot> {
        let span = self.span(&pair);
        let written = pair
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mot = canonical(&written);
        if allowed.contains(&mot.as_str()) {
            return Some(VerdictMot { mot, span });
        }
        let help = format!("les verdicts {what} sont : {}", allowed.join(", "));
        self.error(
            span,
            format!("« {written} » n'est pas un verdict {what}"),
            &help,
        );
        None
    }
}

/// The accented spelling of a verdict written without accents.
fn canonical(written: &str) -> String {
    written
        .replace("evaluable", "évaluable")
        .replace("respectee", "respectée")
}
