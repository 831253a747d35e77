//! The contract (§4): its fields, aid schedules, objectives, actions and conditions.

use super::*;
use crate::date::Date;
use crate::source::Span;

// ------------------------------------------------------------------ contrat (§4)

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contrat {
    pub id: Ident,
    pub span: Span,
    pub intitule: Option<Text>,
    pub cadre: Option<Ident>,
    pub ars: Option<Text>,
    pub etablissement: Option<Etablissement>,
    pub signe: Option<(Date, Span)>,
    pub periode: Option<Periode>,
    /// `fin le DATE`: the last day, when before 31 December of the last exercice.
    pub fin: Option<(Date, Span)>,
    /// `lieu "…"`: where it is signed.
    pub lieu: Option<Text>,
    /// `cosignataire "…"` lines, in written order.
    pub cosignataires: Vec<Text>,
    pub dialogue: Option<(Date, Span)>,
    pub avenants: Vec<Avenant>,
    pub textes: Vec<Text>,
    /// The `aide SOURCE { … }` blocks, one per source, in written order.
    pub aides: Vec<Aide>,
    pub references: Vec<Reference>,
    pub objectifs: Vec<Objectif>,
    pub conditions: Vec<Condition>,
    pub modulation: Option<Modulation>,
    pub repeated: Vec<Repeated>,
    /// `prévision AAAA { … }`: the establishment's committed trajectory (§10).
    pub previsions: Vec<Reference>,
    /// `chef_de_projet "…"` (§10).
    pub chef_de_projet: Option<Text>,
}

impl Contrat {
    /// The first `aide` block: where one schedule is enough (documents, diff).
    pub fn aide(&self) -> Option<&Aide> {
        self.aides.first()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etablissement {
    pub span: Span,
    pub raison_sociale: Option<Text>,
    pub finess: Option<Text>,
    pub statut: Option<Ident>,
    pub categorie: Option<Ident>,
    pub ght: Option<Text>,
    pub region: Option<Text>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Periode {
    pub debut: Year,
    pub fin: Year,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avenant {
    pub numero: Quantity,
    pub signe: Date,
    pub objet: Text,
    /// `intègre ENVELOPPE`: the amendment brought the contract into that
    /// envelope's scheme; its date is the date of effect of its clauses.
    pub integre: Option<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aide {
    pub enveloppe: Ident,
    pub annees: Vec<AideAnnee>,
    pub versements: Vec<Versement>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AideStatut {
    Ferme,
    Indicatif,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AideAnnee {
    pub annee: Year,
    pub montant: Quantity,
    /// As written: `None` when neither `ferme` nor `indicatif` was given.
    pub statut: Option<AideStatut>,
    pub span: Span,
}

impl AideAnnee {
    pub fn is_ferme(&self) -> bool {
        self.statut == Some(AideStatut::Ferme)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versement {
    pub date: Date,
    pub montant: Option<Quantity>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub annee: Year,
    pub valeurs: Vec<ReferenceLine>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceLine {
    pub indicateur: Ident,
    pub valeur: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectifType {
    Financier,
    Levier(Ident),
    Tresorerie,
}

impl ObjectifType {
    pub fn kind_name(&self) -> &'static str {
        match self {
            ObjectifType::Financier => "financier",
            ObjectifType::Levier(_) => "levier",
            ObjectifType::Tresorerie => "trésorerie",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objectif {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub kind: Option<(ObjectifType, Span)>,
    pub indicateur: Option<Ident>,
    pub base: Option<Base>,
    pub cibles: Vec<Cible>,
    pub poids: Option<Quantity>,
    pub gains: Vec<Gain>,
    pub justification: Option<Text>,
    pub actions: Vec<Action>,
    pub textes: Vec<Text>,
    pub repeated: Vec<Repeated>,
}

impl Objectif {
    /// The objective's expected gains: its actions' gains when its actions
    /// have some, else its own `gain` lines (spec §10).
    pub fn gains_effectifs(&self) -> Vec<&Gain> {
        let from_actions: Vec<&Gain> = self.actions.iter().flat_map(|a| &a.fiche.gains).collect();
        if from_actions.is_empty() {
            self.gains.iter().collect()
        } else {
            from_actions
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub annee: Year,
    pub valeur: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cible {
    pub annee: Year,
    pub comparison: Comparison,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GainSide {
    Charges,
    Recettes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gain {
    pub annee: Year,
    pub montant: Quantity,
    pub side: GainSide,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub libelle: Text,
    pub responsable: Option<Text>,
    pub echeance: Option<(Date, Span)>,
    pub span: Span,
    pub repeated: Vec<Repeated>,
    /// `action ID { … }`: the id a `suivi` names (§10). Without a `libellé`
    /// field, `libelle` is the id itself (same span).
    pub id: Option<Ident>,
    /// The CREF « fiche action » (§10); empty for `action "…"`.
    pub fiche: FicheAction,
}

impl Action {
    /// Whether `libellé` was written (the id form may omit it).
    pub fn libelle_ecrit(&self) -> bool {
        self.id
            .as_ref()
            .is_none_or(|id| id.span != self.libelle.span)
    }
}

/// The fields of a CREF « fiche action » (§10).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FicheAction {
    pub debut: Option<(Date, Span)>,
    pub titre: Option<Text>,
    pub initial: Option<Initial>,
    pub gains: Vec<Gain>,
    pub economies_prevues: Option<Quantity>,
    pub sous_actions: Vec<SousAction>,
}

/// `initial AAAA: MONTANT charges|recettes`: the charges or revenue the
/// action starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initial {
    pub annee: Year,
    pub montant: Quantity,
    pub side: GainSide,
    pub span: Span,
}

/// `sous_action ID { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SousAction {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub responsable: Option<Text>,
    pub echeance: Option<(Date, Span)>,
    pub titre: Option<Text>,
    pub gains: Vec<Gain>,
    pub economies_prevues: Option<Quantity>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub id: Ident,
    pub libelle: Option<Text>,
    pub exige: Option<Exige>,
    pub span: Span,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exige {
    pub expr: Expr,
    pub a_partir_de: Option<Year>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modulation {
    pub lines: Vec<ModulationLine>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModulationLine {
    Si {
        op: CmpOp,
        seuil: Quantity,
        part: Quantity,
        span: Span,
    },
    Sinon {
        part: Quantity,
        span: Span,
    },
}
