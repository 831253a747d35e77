//! Lowering of the follow-up syntax (§10): `action` with its « fiche action »
//! (`action ID { … }` or `action "…" { … }`), `sous_action`, and the
//! `suivi CONTRAT DATE { … }` item.

use super::contrat::{field_name, single_field};
use super::{args, Lowerer, P};
use crate::ast::*;
use crate::syntax::grammar::Rule;
use std::collections::HashMap;

impl Lowerer<'_> {
    pub(super) fn lower_action(&mut self, pair: P<'_>) -> Option<Action> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let head = parts.next()?;
        let (id, libelle) = if head.as_rule() == Rule::ident {
            let id = self.ident(head);
            let libelle = Text {
                value: id.name.clone(),
                block: false,
                span: id.span,
            };
            (Some(id), libelle)
        } else {
            (None, self.text(head))
        };
        let mut action = Action {
            libelle,
            responsable: None,
            echeance: None,
            span,
            repeated: Vec::new(),
            id,
            fiche: FicheAction::default(),
        };
        let mut seen = HashMap::new();
        for field in parts {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if single_field(rule).is_some()
                && !Self::first_of(&mut seen, field_name(rule), fspan, &mut action.repeated)
            {
                continue;
            }
            let fiche = &mut action.fiche;
            match rule {
                Rule::libelle if action.id.is_some() => {
                    action.libelle = self.text(args(field).next()?)
                }
                Rule::responsable => action.responsable = Some(self.text(args(field).next()?)),
                Rule::echeance => action.echeance = self.date(args(field).next()?),
                Rule::debut => fiche.debut = self.date(args(field).next()?),
                Rule::titre => fiche.titre = Some(self.text(args(field).next()?)),
                Rule::initial => fiche.initial = self.lower_initial(field),
                Rule::gain => fiche.gains.extend(self.lower_gain(field)),
                Rule::economies_prevues => {
                    fiche.economies_prevues = self.quantity(args(field).next()?)
                }
                Rule::sous_action => fiche.sous_actions.extend(self.lower_sous_action(field)),
                _ => {}
            }
        }
        Some(action)
    }

    fn lower_initial(&mut self, pair: P<'_>) -> Option<Initial> {
        let g = self.lower_gain(pair)?;
        Some(Initial {
            annee: g.annee,
            montant: g.montant,
            side: g.side,
            span: g.span,
        })
    }

    fn lower_sous_action(&mut self, pair: P<'_>) -> Option<SousAction> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let id = self.ident(parts.next()?);
        let mut sa = SousAction {
            id,
            span,
            libelle: None,
            responsable: None,
            echeance: None,
            titre: None,
            gains: Vec::new(),
            economies_prevues: None,
            repeated: Vec::new(),
        };
        let mut seen = HashMap::new();
        for field in parts {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if single_field(rule).is_some()
                && !Self::first_of(&mut seen, field_name(rule), fspan, &mut sa.repeated)
            {
                continue;
            }
            match rule {
                Rule::libelle => sa.libelle = Some(self.text(args(field).next()?)),
                Rule::responsable => sa.responsable = Some(self.text(args(field).next()?)),
                Rule::echeance => sa.echeance = self.date(args(field).next()?),
                Rule::titre => sa.titre = Some(self.text(args(field).next()?)),
                Rule::gain => sa.gains.extend(self.lower_gain(field)),
                Rule::economies_prevues => {
                    sa.economies_prevues = self.quantity(args(field).next()?)
                }
                _ => {}
            }
        }
        Some(sa)
    }

    pub(super) fn lower_suivi(&mut self, pair: P<'_>) -> Option<Suivi> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let contrat = self.ident(fields.next()?);
        let date = self.date(fields.next()?);
        let mut suivi = Suivi {
            contrat,
            date,
            span,
            prochaine_rencontre: None,
            actions: Vec::new(),
            commentaires: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = HashMap::new();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            match rule {
                Rule::suivi_rencontre
                    if Self::first_of(&mut seen, field_name(rule), fspan, &mut suivi.repeated) =>
                {
                    suivi.prochaine_rencontre = self.date(args(field).next()?);
                }
                Rule::suivi_commentaire => suivi.commentaires.push(self.text(args(field).next()?)),
                Rule::suivi_action => suivi.actions.extend(self.lower_suivi_action(field)),
                _ => {}
            }
        }
        Some(suivi)
    }

    fn lower_suivi_action(&mut self, pair: P<'_>) -> Option<SuiviAction> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let action = self.ident(parts.next()?);
        let mut line = SuiviAction {
            action,
            realisation: None,
            economies: None,
            commentaire: None,
            span,
        };
        for part in parts {
            match part.as_rule() {
                Rule::suivi_realisation => line.realisation = self.quantity(args(part).next()?),
                Rule::suivi_economies => line.economies = self.quantity(args(part).next()?),
                _ => line.commentaire = Some(self.text(part)),
            }
        }
        Some(line)
    }
}
