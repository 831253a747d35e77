//! Lowering of `revue CONTRAT AAAA { … }` (§8): the ARS's annual review.
//! Only the syntax is read here; its checks belong to later stages.

use super::contrat::field_name;
use super::{args, Lowerer, P};
use crate::ast::*;
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    pub(super) fn lower_revue(&mut self, pair: P<'_>) -> Option<Revue> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let contrat = self.ident(fields.next()?);
        let annee = self.year(fields.next()?);
        let mut revue = Revue {
            contrat,
            annee,
            span,
            date: None,
            appreciation: None,
            objectifs: Vec::new(),
            compte_financier: None,
            decisions: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            let single = matches!(
                rule,
                Rule::revue_date | Rule::revue_appreciation | Rule::revue_cf
            );
            if single && !Self::first_of(&mut seen, field_name(rule), fspan, &mut revue.repeated) {
                continue;
            }
            let mut parts = args(field);
            match rule {
                Rule::revue_date => revue.date = self.date(parts.next()?),
                Rule::revue_appreciation => revue.appreciation = Some(self.text(parts.next()?)),
                Rule::revue_cf => revue.compte_financier = Some(self.text(parts.next()?)),
                Rule::revue_objectif => {
                    let objectif = self.ident(parts.next()?);
                    let commentaire = self.text(parts.next()?);
                    revue.objectifs.push(RevueObjectif {
                        objectif,
                        commentaire,
                        span: fspan,
                    });
                }
                Rule::revue_decision => {
                    let annee = self.year(parts.next()?);
                    let montant = self.quantity(parts.next()?)?;
                    let motif = self.text(parts.next()?);
                    revue.decisions.push(Decision {
                        annee,
                        montant,
                        motif,
                        span: fspan,
                    });
                }
                _ => {}
            }
        }
        Some(revue)
    }
}
