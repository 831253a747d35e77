//! The items that follow a contract: the ARS's `revue` (§8), the `suivi`
//! meetings (§10) and the `scénario` tests (§11).

use super::*;
use crate::date::Date;
use crate::source::Span;

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

// ------------------------------------------------------------------ scénario (§11)

/// `scénario "nom" { contrat ID; exercice AAAA; chiffres [AAAA] { … }; attendu { … } }`:
/// what a contract must give for given figures, run by `pacte test`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub nom: Text,
    pub span: Span,
    pub contrat: Option<Ident>,
    pub exercice: Option<Year>,
    /// `chiffres { … }` (the exercice) and `chiffres AAAA { … }` (another year).
    pub chiffres: Vec<Chiffres>,
    /// The `attendu { … }` block's span, when there is one.
    pub attendu_span: Option<Span>,
    pub attendu: Vec<Attente>,
    pub repeated: Vec<Repeated>,
}

/// `chiffres [AAAA] { INDICATEUR: VALEUR … }`: figures of the contract's FINESS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chiffres {
    /// `None`: the scenario's exercice.
    pub annee: Option<Year>,
    pub valeurs: Vec<ReferenceLine>,
    pub span: Span,
}

/// One line of `attendu { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attente {
    pub kind: AttenteKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttenteKind {
    /// `objectif ID: VERDICT`.
    Objectif(Ident, VerdictMot),
    /// `condition ID: VERDICT`.
    Condition(Ident, VerdictMot),
    /// `réalisation: P`, compared at the displayed precision.
    Realisation(Quantity),
    /// `verdict: VERDICT` (the contract's).
    Verdict(VerdictMot),
    /// `aide AAAA: MONTANT` (the aid due for that year, all sources).
    Aide(Year, Quantity),
    /// `codes: R0104 R0203` (exactly these), or `codes: aucun` (empty).
    Codes(Vec<Ident>),
}

/// A verdict as written, in its canonical accented form (`non évaluable`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictMot {
    pub mot: String,
    pub span: Span,
}
