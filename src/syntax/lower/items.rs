//! Lowering of the non-contract items: `indicateur` (§6), `thème`, `cadre`
//! (§5), `enveloppe`, `délégation`, `importe`, `diagnostic`.

use super::contrat::field_name;
use super::{args, is_value, Lowerer, P};
use crate::ast::*;
use crate::date::DayMonth;
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    pub(super) fn lower_importe(&mut self, pair: P<'_>) -> Option<Importe> {
        let span = self.span(&pair);
        let path = self.text(args(pair).next()?);
        Some(Importe { path, span })
    }

    pub(super) fn lower_indicateur(&mut self, pair: P<'_>) -> Option<Indicateur> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut ind = Indicateur {
            id,
            span,
            libelle: None,
            description: None,
            unite: None,
            sens: None,
            formule: None,
            seuils: Vec::new(),
            source: None,
            hospidiag: None,
            repeated: Vec::new(),
        };
        let mut first: std::collections::HashMap<&'static str, crate::source::Span> =
            Default::default();
        for field in fields {
            let fspan = self.span(&field);
            let name = field_name(field.as_rule());
            let first_span = *first.entry(name).or_insert(fspan);
            let rule = field.as_rule();
            if rule == Rule::seuil {
                ind.seuils.extend(self.lower_seuil(field));
                continue;
            }
            let value = args(field).next()?;
            let r = &mut ind.repeated;
            match rule {
                Rule::libelle => Self::set_once(
                    &mut ind.libelle,
                    self.text(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::description => Self::set_once(
                    &mut ind.description,
                    self.text(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::source => Self::set_once(
                    &mut ind.source,
                    self.text(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::hospidiag => Self::set_once(
                    &mut ind.hospidiag,
                    self.text(value),
                    name,
                    fspan,
                    first_span,
                    r,
                ),
                Rule::unite => {
                    let unite = unite_name(value.as_str());
                    let vspan = self.span(&value);
                    Self::set_once(&mut ind.unite, (unite, vspan), name, fspan, first_span, r)
                }
                Rule::sens => {
                    let sens = match value.as_str() {
                        "hausse" => Sens::Hausse,
                        "baisse" => Sens::Baisse,
                        _ => Sens::Cible,
                    };
                    let vspan = self.span(&value);
                    Self::set_once(&mut ind.sens, (sens, vspan), name, fspan, first_span, r)
                }
                Rule::formule => {
                    if let Some(expr) = self.lower_expr(value) {
                        Self::set_once(&mut ind.formule, expr, name, fspan, first_span, r)
                    }
                }
                _ => {}
            }
        }
        Some(ind)
    }

    fn lower_seuil(&mut self, pair: P<'_>) -> Option<Seuil> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let niveau = match parts.next()?.as_str() {
            "vigilance" => Niveau::Vigilance,
            "alerte" => Niveau::Alerte,
            _ => Niveau::Critique,
        };
        let op = super::cmp_op(parts.next()?.as_str());
        let valeur = self.value(parts.next()?)?;
        let pour = parts.map(|p| self.ident(p)).collect();
        Some(Seuil {
            niveau,
            op,
            valeur,
            pour,
            span,
        })
    }

    pub(super) fn lower_theme(&mut self, pair: P<'_>) -> Option<Theme> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut theme = Theme {
            id,
            span,
            libelle: None,
            description: None,
            indicateurs: Vec::new(),
            source: None,
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if rule != Rule::theme_indicateurs
                && !Self::first_of(&mut seen, field_name(rule), fspan, &mut theme.repeated)
            {
                continue;
            }
            match rule {
                Rule::libelle => theme.libelle = Some(self.text(args(field).next()?)),
                Rule::description => theme.description = Some(self.text(args(field).next()?)),
                Rule::source => theme.source = Some(self.text(args(field).next()?)),
                Rule::theme_indicateurs => {
                    theme.indicateurs.extend(args(field).map(|p| self.ident(p)))
                }
                _ => {}
            }
        }
        Some(theme)
    }

    pub(super) fn lower_enveloppe(&mut self, pair: P<'_>) -> Option<Enveloppe> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut env = Enveloppe {
            id,
            span,
            libelle: None,
            exercice: None,
            montant: None,
            parts: Vec::new(),
            source: None,
            clauses: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if rule == Rule::clause {
                env.clauses.extend(self.lower_clause(field));
                continue;
            }
            if rule != Rule::part
                && !Self::first_of(&mut seen, field_name(rule), fspan, &mut env.repeated)
            {
                continue;
            }
            let mut parts = args(field);
            match rule {
                Rule::libelle => env.libelle = Some(self.text(parts.next()?)),
                Rule::source => env.source = Some(self.text(parts.next()?)),
                Rule::exercice => env.exercice = Some(self.year(parts.next()?)),
                Rule::montant => env.montant = self.quantity(parts.next()?),
                Rule::part => {
                    let statut = self.ident(parts.next()?);
                    if let Some(q) = self.quantity(parts.next()?) {
                        env.parts.push((statut, q));
                    }
                }
                _ => {}
            }
        }
        Some(env)
    }

    pub(super) fn lower_delegation(&mut self, pair: P<'_>) -> Option<Delegation> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let enveloppe = self.ident(fields.next()?);
        let mut del = Delegation {
            enveloppe,
            span,
            ars: None,
            annees: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            if rule == Rule::ars && !Self::first_of(&mut seen, "ars", fspan, &mut del.repeated) {
                continue;
            }
            match rule {
                Rule::ars => del.ars = Some(self.text(args(field).next()?)),
                Rule::aide_annee => del.annees.extend(self.lower_aide_annee(field)),
                _ => {}
            }
        }
        Some(del)
    }

    pub(super) fn lower_diagnostic(&mut self, pair: P<'_>) -> Option<DiagnosticDef> {
        let span = self.span(&pair);
        let mut fields = args(pair);
        let id = self.ident(fields.next()?);
        let mut def = DiagnosticDef {
            id,
            span,
            libelle: None,
            source: None,
            groupes: Vec::new(),
            prelevement_annees: None,
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in fields {
            let fspan = self.span(&field);
            let rule = field.as_rule();
            if rule != Rule::groupe
                && !Self::first_of(&mut seen, field_name(rule), fspan, &mut def.repeated)
            {
                continue;
            }
            let mut parts = args(field);
            match rule {
                Rule::libelle => def.libelle = Some(self.text(parts.next()?)),
                Rule::source => def.source = Some(self.text(parts.next()?)),
                Rule::prelevement => def.prelevement_annees = self.number(parts.next()?),
                Rule::groupe => {
                    let nom = self.text(parts.next()?);
                    let mut parts = parts.peekable();
                    let a_contractualiser = parts
                        .next_if(|p| p.as_rule() == Rule::a_contractualiser)
                        .is_some();
                    let condition = match parts.next() {
                        Some(e) => Some(self.lower_expr(e)?),
                        None => None,
                    };
                    def.groupes.push(Groupe {
                        nom,
                        a_contractualiser,
                        condition,
                        span: fspan,
                    });
                }
                _ => {}
            }
        }
        Some(def)
    }

    pub(super) fn lower_cadre(&mut self, pair: P<'_>) -> Option<Cadre> {
        let span = self.span(&pair);
        let mut parts = args(pair).peekable();
        let id = self.ident(parts.next()?);
        let mut cadre = Cadre {
            id,
            parent: None,
            span,
            libelle: None,
            source: None,
            textes: Vec::new(),
            opposable: None,
            clauses: Vec::new(),
            repeated: Vec::new(),
        };
        let mut seen = Default::default();
        for field in parts {
            let (rule, fspan) = (field.as_rule(), self.span(&field));
            let single = matches!(rule, Rule::libelle | Rule::source | Rule::opposable);
            if single && !Self::first_of(&mut seen, field_name(rule), fspan, &mut cadre.repeated) {
                continue;
            }
            match rule {
                Rule::ident => cadre.parent = Some(self.ident(field)),
                Rule::libelle => cadre.libelle = Some(self.text(args(field).next()?)),
                Rule::source => cadre.source = Some(self.text(args(field).next()?)),
                Rule::texte => cadre.textes.push(self.text(args(field).next()?)),
                Rule::opposable => cadre.opposable = Some(fspan),
                Rule::clause => cadre.clauses.extend(self.lower_clause(field)),
                _ => {}
            }
        }
        Some(cadre)
    }

    pub(super) fn lower_clause(&mut self, pair: P<'_>) -> Option<Clause> {
        let span = self.span(&pair);
        let mut parts = args(pair);
        let kind_pair = parts.next()?;
        let kind = self.lower_clause_kind(kind_pair)?;
        let source = parts.next().map(|s| self.text(s));
        Some(Clause { kind, source, span })
    }

    fn lower_clause_kind(&mut self, pair: P<'_>) -> Option<ClauseKind> {
        let rule = pair.as_rule();
        if rule == Rule::modulation {
            return self.lower_modulation(pair).map(ClauseKind::Modulation);
        }
        let text = pair.as_str().trim_end();
        let mut parts = args(pair);
        Some(match rule {
            Rule::c_duree => {
                let min = self.number(parts.next()?)?;
                let max = self.number(parts.next()?)?;
                ClauseKind::Duree { min, max }
            }
            Rule::c_aide_ferme => ClauseKind::AideFermePremiereAnnee,
            Rule::c_aide_indicative => ClauseKind::AideIndicativeAnneesSuivantes,
            Rule::c_aide_degressive => ClauseKind::AideStableOuDegressive,
            Rule::c_aide_periode => ClauseKind::AideDansLaPeriode,
            Rule::c_signature_versement => ClauseKind::SignatureAvantVersement,
            Rule::c_signature_date => ClauseKind::SignatureAuPlusTard(self.date(parts.next()?)?.0),
            Rule::c_premiere_annee => ClauseKind::PremiereAnneeEgaleAnneeSignature,
            Rule::c_objectifs_requis => ClauseKind::ObjectifsRequis(
                parts
                    .map(|p| p.as_str().replace("tresorerie", "trésorerie"))
                    .collect(),
            ),
            Rule::c_premieres_cibles => {
                ClauseKind::PremieresCiblesAuPlusTard(self.year(parts.next()?))
            }
            Rule::c_cibles_annuelles => ClauseKind::CiblesAnnuelles,
            Rule::c_dialogue => ClauseKind::DialogueSous(self.number(parts.next()?)?),
            Rule::c_statuts => ClauseKind::Statuts(
                parts
                    .map(|p| p.as_str().replace("prive_", "privé_"))
                    .collect(),
            ),
            Rule::c_enveloppes => ClauseKind::Enveloppes(parts.map(|p| self.ident(p)).collect()),
            Rule::c_duree_ans => {
                let min = self.number(parts.next()?)?;
                let max = self.number(parts.next()?)?;
                ClauseKind::DureeAns {
                    min: Some(min),
                    max,
                }
            }
            Rule::c_duree_au_plus => ClauseKind::DureeAns {
                min: None,
                max: self.number(parts.next()?)?,
            },
            Rule::c_duree_recommandee => ClauseKind::DureeRecommandee(self.number(parts.next()?)?),
            Rule::c_aide_toutes => ClauseKind::AideIndicativeToutesAnnees,
            Rule::c_cosignataire_requis => ClauseKind::CosignataireRequis(self.text(parts.next()?)),
            Rule::c_themes_requis => ClauseKind::ThemesRequis(self.ident(parts.next()?)),
            Rule::c_indicateurs_au_plus => {
                ClauseKind::IndicateursAuPlus(self.number(parts.next()?)?)
            }
            Rule::c_famille => ClauseKind::Famille(self.ident(parts.next()?)),
            Rule::c_modele => ClauseKind::Modele(self.ident(parts.next()?)),
            Rule::c_tresorerie => ClauseKind::TresorerieRequiseSi(self.lower_expr(parts.next()?)?),
            Rule::c_compte_financier => {
                let dm = parts.next()?;
                let span = self.span(&dm);
                let suspend = text.ends_with("suspend");
                match DayMonth::parse(dm.as_str()) {
                    Some(d) => ClauseKind::CompteFinancierAuPlusTard(d, suspend),
                    None => {
                        self.error(
                            span,
                            format!("la date « {} » n'existe pas", dm.as_str()),
                            "écrivez un jour qui existe, par exemple 8 juillet",
                        );
                        return None;
                    }
                }
            }
            Rule::c_fin_aide => ClauseKind::FinAideSi(self.lower_expr(parts.next()?)?),
            Rule::c_donnee_manquante => {
                // The only child is a keyword: read the clause's text.
                if text.ends_with("exclue") {
                    ClauseKind::DonneeManquante(MissingData::Exclue)
                } else {
                    ClauseKind::DonneeManquante(MissingData::Zero)
                }
            }
            Rule::c_gains_minimum => {
                let mut q = parts.filter(|p| is_value(p.as_rule()));
                let deficit = self.quantity(q.next()?)?;
                let produits = self.quantity(q.next()?)?;
                ClauseKind::GainsMinimum { deficit, produits }
            }
            Rule::c_gains_recettes => {
                ClauseKind::GainsRecettesMaximum(self.quantity(parts.next()?)?)
            }
            Rule::c_recettes_justifiees => ClauseKind::RecettesJustifiees,
            Rule::c_ponderation => ClauseKind::PonderationParGains,
            _ => return None,
        })
    }
}

fn unite_name(text: &str) -> UniteName {
    match text {
        "€" | "k€" | "M€" => UniteName::Euro,
        "%" => UniteName::Percent,
        "j" | "jours" => UniteName::Jour,
        "booléen" | "booleen" => UniteName::Booleen,
        "date" => UniteName::Date,
        _ => UniteName::Nombre,
    }
}
