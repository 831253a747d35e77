//! The surface AST: owned plain data, a [`Span`] on every node.
//!
//! Produced by `syntax::parse`, consumed by every later stage. Type names
//! follow the language's keywords. Quantities are normalised to base units
//! (`1,5 M€` is 1 500 000 €, `6 %` is 0,06) and keep the unit they were
//! written in, so the formatter can write them back.

use crate::date::{Date, DayMonth};
use crate::source::Span;
use rust_decimal::Decimal;

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string or a `"""` text block, unescaped (and dedented for blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub block: bool,
    pub span: Span,
}

/// The unit a quantity was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Euro,
    KiloEuro,
    MegaEuro,
    Percent,
    Point,
    Jour,
    None,
}

/// The dimension of a value or expression (spec §4, « Expressions »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Money,
    Ratio,
    Duration,
    Number,
    Boolean,
    Date,
}

impl Unit {
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Euro | Unit::KiloEuro | Unit::MegaEuro => Dimension::Money,
            Unit::Percent | Unit::Point => Dimension::Ratio,
            Unit::Jour => Dimension::Duration,
            Unit::None => Dimension::Number,
        }
    }

    /// How many base units one written unit is worth.
    pub fn scale(self) -> Decimal {
        match self {
            Unit::KiloEuro => Decimal::from(1_000),
            Unit::MegaEuro => Decimal::from(1_000_000),
            Unit::Percent | Unit::Point => Decimal::new(1, 2),
            _ => Decimal::ONE,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Euro => "€",
            Unit::KiloEuro => "k€",
            Unit::MegaEuro => "M€",
            Unit::Percent => "%",
            Unit::Point => "pt",
            Unit::Jour => "j",
            Unit::None => "",
        }
    }
}

/// A number with its unit; `value` is in base units (euros, ratio, days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
    pub span: Span,
}

impl Quantity {
    /// The number as written, before scaling (`1,5` for `1,5 M€`).
    pub fn written(&self) -> Decimal {
        let scale = self.unit.scale();
        if scale == Decimal::ONE {
            self.value
        } else {
            self.value.checked_div(scale).unwrap_or(self.value)
        }
    }
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Quantity(Quantity),
    Date(Date, Span),
    Bool(bool, Span),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Quantity(q) => q.span,
            Value::Date(_, s) | Value::Bool(_, s) => *s,
        }
    }

    pub fn dimension(&self) -> Dimension {
        match self {
            Value::Quantity(q) => q.unit.dimension(),
            Value::Date(..) => Dimension::Date,
            Value::Bool(..) => Dimension::Boolean,
        }
    }

    pub fn as_quantity(&self) -> Option<&Quantity> {
        match self {
            Value::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// A year in a year position, with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    pub value: i32,
    pub span: Span,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Ge => ">=",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
            CmpOp::Eq => "=",
        }
    }
}

/// A target comparison: `>= 4 %` or `entre 20 j et 28 j`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    Cmp(CmpOp, Value),
    Between(Value, Value),
}

impl Comparison {
    pub fn values(&self) -> Vec<&Value> {
        match self {
            Comparison::Cmp(_, v) => vec![v],
            Comparison::Between(a, b) => vec![a, b],
        }
    }
}

// ------------------------------------------------------------------ expressions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Or,
    And,
    Cmp(CmpOp),
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Func {
    Min,
    Max,
    Abs,
}

impl Func {
    pub fn name(self) -> &'static str {
        match self {
            Func::Min => "min",
            Func::Max => "max",
            Func::Abs => "abs",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    Name(Ident),
    Literal(Value),
    Paren(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// Every indicator name the expression mentions, in order.
    pub fn names(&self) -> Vec<&Ident> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a Ident>) {
        match &self.kind {
            ExprKind::Name(id) => out.push(id),
            ExprKind::Literal(_) => {}
            ExprKind::Paren(e) | ExprKind::Unary(_, e) => e.collect_names(out),
            ExprKind::Binary(_, a, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            ExprKind::Call(_, args) => args.iter().for_each(|a| a.collect_names(out)),
        }
    }
}

// ------------------------------------------------------------------ files

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub items: Vec<Item>,
}

/// Items are few per file and moved once into the model: boxing the large
/// `Contrat` variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Contrat(Contrat),
    Indicateur(Indicateur),
    Theme(Theme),
    Cadre(Cadre),
    Enveloppe(Enveloppe),
    Delegation(Delegation),
    Importe(Importe),
    Diagnostic(DiagnosticDef),
    Revue(Revue),
    Suivi(Suivi),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Contrat(x) => x.span,
            Item::Indicateur(x) => x.span,
            Item::Theme(x) => x.span,
            Item::Cadre(x) => x.span,
            Item::Enveloppe(x) => x.span,
            Item::Delegation(x) => x.span,
            Item::Importe(x) => x.span,
            Item::Diagnostic(x) => x.span,
            Item::Revue(x) => x.span,
            Item::Suivi(x) => x.span,
        }
    }
}

/// `importe "chemin.pacte"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Importe {
    pub path: Text,
    pub span: Span,
}

/// A single-valued field written more than once: kept so nothing is lost,
/// reported as E0102 by `validate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    pub field: &'static str,
    pub span: Span,
    pub first: Span,
}

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

// ------------------------------------------------------------------ revue (§8)

/// `revue CONTRAT AAAA { … }`: the ARS's annual review of one contract for
/// exercice AAAA (appraisal, comments, justified CF delay, aid decision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revue {
    pub contrat: Ident,
    pub annee: Year,
    pub span: Span,
    pub date: Option<(Date, Span)>,
    pub appreciation: Option<Text>,
    pub objectifs: Vec<RevueObjectif>,
    /// `compte_financier justifié "…"`: why the CF delay is accepted.
    pub compte_financier: Option<Text>,
    pub decisions: Vec<Decision>,
    pub repeated: Vec<Repeated>,
}

/// `objectif ID: "commentaire"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevueObjectif {
    pub objectif: Ident,
    pub commentaire: Text,
    pub span: Span,
}

/// `décision aide AAAA: MONTANT "motif"`, or a share `P %` of the planned amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub annee: Year,
    pub montant: Quantity,
    pub motif: Text,
    pub span: Span,
}

// ------------------------------------------------------------------ suivi (§10)

/// `suivi CONTRAT DATE { … }`: one follow-up meeting of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suivi {
    pub contrat: Ident,
    pub date: Option<(Date, Span)>,
    pub span: Span,
    pub prochaine_rencontre: Option<(Date, Span)>,
    pub actions: Vec<SuiviAction>,
    pub commentaires: Vec<Text>,
    pub repeated: Vec<Repeated>,
}

/// `action ID: réalisation P, économies M, "commentaire"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiviAction {
    pub action: Ident,
    pub realisation: Option<Quantity>,
    pub economies: Option<Quantity>,
    pub commentaire: Option<Text>,
    pub span: Span,
}
