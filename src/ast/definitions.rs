//! What the std and a region define: indicators (§6), themes, envelopes,
//! délégations, frameworks and their clauses (§5), diagnosis groupings.

use super::*;
use crate::date::{Date, DayMonth};
use crate::source::Span;

// ------------------------------------------------------------------ indicateur (§6)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniteName {
    Euro,
    Percent,
    Jour,
    Nombre,
    Booleen,
    Date,
}

impl UniteName {
    pub fn dimension(self) -> Dimension {
        match self {
            UniteName::Euro => Dimension::Money,
            UniteName::Percent => Dimension::Ratio,
            UniteName::Jour => Dimension::Duration,
            UniteName::Nombre => Dimension::Number,
            UniteName::Booleen => Dimension::Boolean,
            UniteName::Date => Dimension::Date,
        }
    }

    pub fn keyword(self) -> &'static str {
        match self {
            UniteName::Euro => "€",
            UniteName::Percent => "%",
            UniteName::Jour => "j",
            UniteName::Nombre => "nombre",
            UniteName::Booleen => "booléen",
            UniteName::Date => "date",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sens {
    Hausse,
    Baisse,
    Cible,
}

impl Sens {
    pub fn keyword(self) -> &'static str {
        match self {
            Sens::Hausse => "hausse",
            Sens::Baisse => "baisse",
            Sens::Cible => "cible",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Niveau {
    Vigilance,
    Alerte,
    Critique,
}

impl Niveau {
    pub fn keyword(self) -> &'static str {
        match self {
            Niveau::Vigilance => "vigilance",
            Niveau::Alerte => "alerte",
            Niveau::Critique => "critique",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicateur {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub description: Option<Text>,
    pub unite: Option<(UniteName, Span)>,
    pub sens: Option<(Sens, Span)>,
    pub formule: Option<Expr>,
    pub seuils: Vec<Seuil>,
    pub source: Option<Text>,
    pub hospidiag: Option<Text>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seuil {
    pub niveau: Niveau,
    pub op: CmpOp,
    pub valeur: Value,
    pub pour: Vec<Ident>,
    pub span: Span,
}

// ------------------------------------------------------------------ thème, enveloppe, délégation

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub description: Option<Text>,
    pub indicateurs: Vec<Ident>,
    pub source: Option<Text>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enveloppe {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub exercice: Option<Year>,
    pub montant: Option<Quantity>,
    pub parts: Vec<(Ident, Quantity)>,
    pub source: Option<Text>,
    /// Clauses applied to every contract drawing on the envelope (§5).
    pub clauses: Vec<Clause>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub enveloppe: Ident,
    pub span: Span,
    pub ars: Option<Text>,
    pub annees: Vec<AideAnnee>,
    pub repeated: Vec<Repeated>,
}

// ------------------------------------------------------------------ cadre (§5)

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadre {
    pub id: Ident,
    pub parent: Option<Ident>,
    pub span: Span,
    pub libelle: Option<Text>,
    pub source: Option<Text>,
    pub textes: Vec<Text>,
    /// `opposable`: its extensions add clauses instead of replacing them.
    pub opposable: Option<Span>,
    pub clauses: Vec<Clause>,
    pub repeated: Vec<Repeated>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    pub source: Option<Text>,
    pub span: Span,
}

/// The closed set of clause kinds (spec §5). Parameters only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// `durée A à B exercices`.
    Duree {
        min: Quantity,
        max: Quantity,
    },
    /// `durée A à B ans` (`min` given) or `durée au plus B ans`.
    DureeAns {
        min: Option<Quantity>,
        max: Quantity,
    },
    /// `durée_recommandée N ans`.
    DureeRecommandee(Quantity),
    /// `aide indicative toutes_années`.
    AideIndicativeToutesAnnees,
    /// `cosignataire requis "NOM"`.
    CosignataireRequis(Text),
    /// `thèmes requis PRÉFIXE`.
    ThemesRequis(Ident),
    /// `indicateurs au plus N`.
    IndicateursAuPlus(Quantity),
    /// `famille ID` (inherited): groups frameworks for R0701.
    Famille(Ident),
    /// `modèle ID` (inherited): the document model of `pacte render`.
    Modele(Ident),
    AideFermePremiereAnnee,
    AideIndicativeAnneesSuivantes,
    AideStableOuDegressive,
    AideDansLaPeriode,
    SignatureAvantVersement,
    SignatureAuPlusTard(Date),
    PremiereAnneeEgaleAnneeSignature,
    ObjectifsRequis(Vec<String>),
    PremieresCiblesAuPlusTard(Year),
    CiblesAnnuelles,
    DialogueSous(Quantity),
    Statuts(Vec<String>),
    /// `enveloppes E1 E2…` (also read from the v0.1 form `enveloppe ID`).
    Enveloppes(Vec<Ident>),
    TresorerieRequiseSi(Expr),
    /// `compte_financier au plus tard JOUR MOIS [suspend]`; the flag is `suspend`.
    CompteFinancierAuPlusTard(DayMonth, bool),
    FinAideSi(Expr),
    DonneeManquante(MissingData),
    GainsMinimum {
        deficit: Quantity,
        produits: Quantity,
    },
    GainsRecettesMaximum(Quantity),
    RecettesJustifiees,
    PonderationParGains,
    Modulation(Modulation),
}

/// `donnée_manquante exclue|zéro`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingData {
    Exclue,
    Zero,
}

// ------------------------------------------------------------------ diagnostic (annexe I)

/// `diagnostic ID { groupe "critique" à_contractualiser si EXPR … }`: the
/// criticality grouping used by `pacte diagnose`. Groups are written from
/// the most to the least severe; the first whose condition holds wins, and
/// a group without condition takes the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticDef {
    pub id: Ident,
    pub span: Span,
    pub libelle: Option<Text>,
    pub source: Option<Text>,
    pub groupes: Vec<Groupe>,
    /// `prélèvement_continu sur N ans`: the window of the multi-year draw
    /// on working capital (annexe I).
    pub prelevement_annees: Option<Quantity>,
    pub repeated: Vec<Repeated>,
}

/// One `groupe "NOM" [à_contractualiser] [si EXPR]` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groupe {
    pub nom: Text,
    /// `à_contractualiser`: an establishment of this group should have a
    /// contract (`pacte diagnose --contrats` lists those without one).
    pub a_contractualiser: bool,
    pub condition: Option<Expr>,
    pub span: Span,
}

/// The names a group condition may use besides indicators: the number of
/// indicators whose thresholds are crossed at each level or above.
pub const DIAGNOSTIC_COUNTS: [&str; 3] = ["vigilances", "alertes", "critiques"];
