//! Lowering of `contrat` and its fields (§4).

use super::{args, Lowerer, P};
use crate::ast::*;
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    pub(super) fn lower_contrat(&mut self, pair: P<'_>) -> Option<Contrat> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut c = Contrat {
            id,
            span,
            intitule: None,
            cadre: None,
            ars: None,
            etablissement: None,
            signe: None,
            periode: None,
            fin: None,
            lieu: None,
            cosignataires: Vec::new(),
            dialogue: None,
            avenants: Vec::new(),
            textes: Vec::new(),
            aides: Vec::new(),
            references: Vec::new(),
            objectifs: Vec::new(),
            conditions: Vec::new(),
            modulation: None,
            repeated: Vec::new(),
            previsions: Vec::new(),
            chef_de_projet: None,
        };
        let mut first: std::collections::HashMap<&'static str, crate::source::Span> =
            Default::default();
        for field in fields {
            let fspan = self.span(&field);
            let name = field_name(field.as_rule());
            let first_span = *first.entry(name).or_insert(fspan);
            let r = &mut c.repeated;
            match field.as_rule() {
                Rule::intitule => Self::set_once(
                    &mut c.intitule,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::cadre_ref => Self::set_once(
                    &mut c.cadre,
                    self.ident(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::ars => Self::set_once(
                    &mut c.ars,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::signe => {
                    if let Some(d) = self.date(args(field).next()?) {
                        Self::set_once(&mut c.signe, d, name, fspan, first_span, r)
                    }
                }
                Rule::dialogue => {
                    if let Some(d) = self.date(args(field).next()?) {
                        Self::set_once(&mut c.dialogue, d, name, fspan, first_span, r)
                    }
                }
                Rule::periode => {
                    let mut years = args(field);
                    let debut = self.year(years.next()?);
                    let fin = self.year(years.next()?);
                    Self::set_once(
                        &mut c.periode,
                        Periode {
                            debut,
                            fin,
                            span: fspan,
                        },
                        name,
                        fspan,
                        first_span,
                        r,
                    )
                }
                Rule::etablissement => {
                    let e = self.lower_etablissement(field)?;
                    Self::set_once(&mut c.etablissement, e, name, fspan, first_span, r)
                }
                Rule::fin => {
                    if let Some(d) = self.date(args(field).next()?) {
                        Self::set_once(&mut c.fin, d, name, fspan, first_span, r)
                    }
                }
                Rule::lieu => Self::set_once(
                    &mut c.lieu,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::cosignataire => c.cosignataires.push(self.text(args(field).next()?)),
                Rule::aide => c.aides.extend(self.lower_aide(field)),
                Rule::modulation => {
                    let m = self.lower_modulation(field)?;
                    Self::set_once(&mut c.modulation, m, name, fspan, first_span, r)
                }
                Rule::avenant => c.avenants.extend(self.lower_avenant(field)),
                Rule::texte => c.textes.push(self.text(args(field).next()?)),
                Rule::reference => c.references.extend(self.lower_reference(field)),
                Rule::prevision => c.previsions.extend(self.lower_reference(field)),
                Rule::chef_de_projet => Self::set_once(
                    &mut c.chef_de_projet,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::objectif => c.objectifs.extend(self.lower_objectif(field)),
                Rule::condition => c.conditions.extend(self.lower_condition(field)),
                _ => {}
            }
        }
        Some(c)
    }

    fn lower_etablissement(&mut self, pair: P<'_>) -> Option<Etablissement> {
        let span = self.span(&pair);
        let mut e = Etablissement {
            span,
            raison_sociale: None,
            finess: None,
            statut: None,
            categorie: None,
            ght: None,
            region: None,
            repeated: Vec::new(),
        };
        let mut first: std::collections::HashMap<&'static str, crate::source::Span> =
            Default::default();
        for field in args(pair) {
            let fspan = self.span(&field);
            let name = field_name(field.as_rule());
            let first_span = *first.entry(name).or_insert(fspan);
            let rule = field.as_rule();
            let value = args(field).next()?;
            let r = &mut e.repeated;
            match rule {
                Rule::raison_sociale => Self::set_once(
                    &mut e.raison_sociale,
                    self.text(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::finess => {
                    Self::set_once(&mut e.finess, self.text(value), name, fspan, first_span, r)
                }
                Rule::statut => {
                    Self::set_once(&mut e.statut, self.ident(value), name, fspan, first_span, r)
                }
                Rule::categorie => Self::set_once(
                    &mut e.categorie,
                    self.ident(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::ght => {
                    Self::set_once(&mut e.ght, self.text(value), name, fspan, first_span, r)
                }
                Rule::region => {
                    Self::set_once(&mut e.region, self.text(value), name, fspan, first_span, r)
                }
                _ => {}
            }
        }
        Some(e)
    }

    fn lower_avenant(&mut self, pair: P<'_>) -> Option<Avenant> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let numero = self.number(parts.next()?)?;
        let (signe, _) = self.date(parts.next()?)?;
        let objet = self.text(parts.next()?);
        let integre = parts.next().map(|p| self.ident(p));
        Some(Avenant {
            numero,
            signe,
            objet,
            integre,
            span,
        })
    }

    fn lower_aide(&mut self, pair: P<'_>) -> Option<Aide> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let enveloppe = self.ident(parts.next()?);
        let mut aide = Aide {
            enveloppe,
            annees: Vec::new(),
            versements: Vec::new(),
            span,
        };
        for line in parts {
            match line.as_rule() {
                Rule::aide_annee => aide.annees.extend(self.lower_aide_annee(line)),
                Rule::versement => aide.versements.extend(self.lower_versement(line)),
                _ => {}
            }
        }
        Some(aide)
    }

    pub(super) fn lower_aide_annee(&mut self, pair: P<'_>) -> Option<AideAnnee> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let annee = self.year(parts.next()?);
        let montant = self.quantity(parts.next()?)?;
        let statut = parts.next().map(|s| {
            if s.as_str().starts_with("ferme") {
                AideStatut::Ferme
            } else {
                AideStatut::Indicatif
            }
        });
        Some(AideAnnee {
            annee,
            montant,
            statut,
            span,
        })
    }

    fn lower_versement(&mut self, pair: P<'_>) -> Option<Versement> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let (date, _) = self.date(parts.next()?)?;
        let montant = match parts.next() {
            Some(q) => Some(self.quantity(q)?),
            None => None,
        };
        Some(Versement {
            date,
            montant,
            span,
        })
    }

    pub(super) fn lower_reference(&mut self, pair: P<'_>) -> Option<Reference> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let annee = self.year(parts.next()?);
        let mut valeurs = Vec::new();
        for line in parts {
            let lspan = self.span(&line);
            let mut kv = args(line);
            let indicateur = self.ident(kv.next()?);
            if let Some(valeur) = self.value(kv.next()?) {
                valeurs.push(ReferenceLine {
                    indicateur,
                    valeur,
                    span: lspan,
                });
            }
        }
        Some(Reference {
            annee,
            valeurs,
            span,
        })
    }

    fn lower_objectif(&mut self, pair: P<'_>) -> Option<Objectif> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut o = Objectif {
            id,
            span,
            libelle: None,
            kind: None,
            indicateur: None,
            base: None,
            cibles: Vec::new(),
            poids: None,
            gains: Vec::new(),
            justification: None,
            actions: Vec::new(),
            textes: Vec::new(),
            repeated: Vec::new(),
        };
        let mut first: std::collections::HashMap<&'static str, crate::source::Span> =
            Default::default();
        for field in fields {
            let fspan = self.span(&field);
            let name = field_name(field.as_rule());
            let first_span = *first.entry(name).or_insert(fspan);
            let rule = field.as_rule();
            let r = &mut o.repeated;
            match rule {
                Rule::libelle => Self::set_once(
                    &mut o.libelle,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::objectif_type => {
                    let kind = self.lower_objectif_type(field)?;
                    Self::set_once(&mut o.kind, (kind, fspan), name, fspan, first_span, r)
                }
                Rule::indicateur_ref => Self::set_once(
                    &mut o.indicateur,
                    self.ident(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::base => {
                    let mut parts = args(field);
                    let annee = self.year(parts.next()?);
                    if let Some(valeur) = self.value(parts.next()?) {
                        Self::set_once(
                            &mut o.base,
                            Base {
                                annee,
                                valeur,
                                span: fspan,
                            },
                            name,
                            fspan,
                            first_span,
                            r,
                        )
                    }
                }
                Rule::cible => {
                    let mut parts = args(field);
                    let annee = self.year(parts.next()?);
                    if let Some(comparison) = self.comparison(parts.next()?) {
                        o.cibles.push(Cible {
                            annee,
                            comparison,
                            span: fspan,
                        });
                    }
                }
                Rule::poids => {
                    if let Some(q) = self.quantity(args(field).next()?) {
                        Self::set_once(&mut o.poids, q, name, fspan, first_span, r)
                    }
                }
                Rule::gain => o.gains.extend(self.lower_gain(field)),
                Rule::justification => Self::set_once(
                    &mut o.justification,
                    self.text(args(field).next()?),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::action => o.actions.extend(self.lower_action(field)),
                Rule::texte => o.textes.push(self.text(args(field).next()?)),
                _ => {}
            }
        }
        Some(o)
    }

    fn lower_objectif_type(&mut self, pair: P<'_>) -> Option<ObjectifType> {
        let kind = args(pair).next()?;
        Some(match kind.as_rule() {
            Rule::type_levier => ObjectifType::Levier(self.ident(args(kind).next()?)),
            Rule::type_tresorerie => ObjectifType::Tresorerie,
            _ => ObjectifType::Financier,
        })
    }

    pub(super) fn lower_gain(&mut self, pair: P<'_>) -> Option<Gain> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let annee = self.year(parts.next()?);
        let montant = self.quantity(parts.next()?)?;
        let side = if parts.next()?.as_str().starts_with("recettes") {
            GainSide::Recettes
        } else {
            GainSide::Charges
        };
        Some(Gain {
            annee,
            montant,
            side,
            span,
        })
    }

    fn lower_condition(&mut self, pair: P<'_>) -> Option<Condition> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let id = self.ident(parts.next()?);
        let mut condition = Condition {
            id,
            libelle: None,
            exige: None,
            span,
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in parts {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if !Self::first_of(&mut seen, field_name(rule), fspan, &mut condition.repeated) {
                continue;
            }
            match rule {
                Rule::libelle => condition.libelle = Some(self.text(args(field).next()?)),
                Rule::exige => condition.exige = self.lower_exige(field),
                _ => {}
            }
        }
        Some(condition)
    }

    fn lower_exige(&mut self, pair: P<'_>) -> Option<Exige> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let expr = self.lower_expr(parts.next()?)?;
        let a_partir_de = parts.next().map(|y| self.year(y));
        Some(Exige {
            expr,
            a_partir_de,
            span,
        })
    }

    pub(super) fn lower_modulation(&mut self, pair: P<'_>) -> Option<Modulation> {
        let span = self.span(&pair);
        let mut lines = Vec::new();
        for line in args(pair) {
            let lspan = self.span(&line);
            let rule = line.as_rule();
            let mut parts = args(line);
            if rule == Rule::modulation_si {
                let op = super::cmp_op(parts.next()?.as_str());
                let seuil = self.quantity(parts.next()?)?;
                let part = self.quantity(parts.next()?)?;
                lines.push(ModulationLine::Si {
                    op,
                    seuil,
                    part,
                    span: lspan,
                });
            } else {
                let part = self.quantity(parts.next()?)?;
                lines.push(ModulationLine::Sinon { part, span: lspan });
            }
        }
        Some(Modulation { lines, span })
    }
}

/// The keyword that names a field, for E0102 messages.
pub(super) fn field_name(rule: Rule) -> &'static str {
    single_field(rule).unwrap_or("champ")
}

/// The keyword of a field that may appear only once in its block (E0102
/// when repeated), or `None` for fields that repeat (`cible`, `action`…).
pub fn single_field(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::intitule => "intitulé",
        Rule::cadre_ref => "cadre",
        Rule::ars => "ars",
        Rule::signe => "signé le",
        Rule::periode => "période",
        Rule::dialogue => "dialogue",
        Rule::etablissement => "établissement",
        Rule::fin => "fin le",
        Rule::lieu => "lieu",
        Rule::opposable => "opposable",
        Rule::revue_date => "date",
        Rule::revue_appreciation => "appréciation",
        Rule::revue_cf => "compte_financier justifié",
        Rule::modulation => "modulation",
        Rule::raison_sociale => "raison_sociale",
        Rule::finess => "finess",
        Rule::statut => "statut",
        Rule::categorie => "catégorie",
        Rule::ght => "ght",
        Rule::region => "région",
        Rule::libelle => "libellé",
        Rule::objectif_type => "type",
        Rule::indicateur_ref => "indicateur",
        Rule::base => "base",
        Rule::poids => "poids",
        Rule::justification => "justification",
        Rule::description => "description",
        Rule::responsable => "responsable",
        Rule::echeance => "échéance",
        Rule::exige => "exige",
        Rule::exercice => "exercice",
        Rule::montant => "montant",
        Rule::prelevement => "prélèvement_continu",
        Rule::unite => "unité",
        Rule::sens => "sens",
        Rule::formule => "formule",
        Rule::source => "source",
        Rule::hospidiag => "hospidiag",
        Rule::chef_de_projet => "chef_de_projet",
        Rule::debut => "début",
        Rule::titre => "titre",
        Rule::initial => "initial",
        Rule::economies_prevues => "économies_prévues",
        Rule::suivi_rencontre => "prochaine_rencontre",
        _ => return None,
    })
}
