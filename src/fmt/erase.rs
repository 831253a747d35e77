//! Span erasure: the AST with every span set to the default, so that two
//! parses of the same meaning compare equal (`fmt` checks that formatting
//! changed no meaning; `diff` compares expressions). With `money`, amounts
//! are also brought to euros, so `800 k€` and `800 000 €` compare equal.

use crate::ast::*;
use crate::source::Span;

/// How much to erase.
#[derive(Debug, Clone, Copy, Default)]
pub struct Eraser {
    /// Also forget the unit money was written in (`k€`, `M€` → `€`).
    pub money: bool,
}

/// A file without spans.
pub fn erase_file(file: &File) -> File {
    let mut f = file.clone();
    f.erase(Eraser::default());
    f
}

/// An expression without spans nor written money units.
pub fn erase_expr(e: &Expr) -> Expr {
    let mut e = e.clone();
    e.erase(Eraser { money: true });
    e
}

/// A comparison without spans nor written money units.
pub fn erase_comparison(c: &Comparison) -> Comparison {
    let mut c = c.clone();
    c.erase(Eraser { money: true });
    c
}

/// Values that hold spans.
pub trait Erase {
    fn erase(&mut self, how: Eraser);
}

impl Erase for Span {
    fn erase(&mut self, _: Eraser) {
        *self = Span::default();
    }
}

impl<T: Erase> Erase for Option<T> {
    fn erase(&mut self, how: Eraser) {
        if let Some(x) = self {
            x.erase(how);
        }
    }
}

impl<T: Erase> Erase for Vec<T> {
    fn erase(&mut self, how: Eraser) {
        self.iter_mut().for_each(|x| x.erase(how));
    }
}

impl<A: Erase, B: Erase> Erase for (A, B) {
    fn erase(&mut self, how: Eraser) {
        self.0.erase(how);
        self.1.erase(how);
    }
}

macro_rules! plain {
    ($($t:ty),*) => { $( impl Erase for $t { fn erase(&mut self, _: Eraser) {} } )* };
}
plain!(crate::date::Date, UniteName, Sens);

macro_rules! spans {
    ($t:ty { $($field:ident),* }) => {
        impl Erase for $t {
            fn erase(&mut self, how: Eraser) {
                $( self.$field.erase(how); )*
            }
        }
    };
}

spans!(Ident { span });
spans!(Text { span });
spans!(Year { span });
spans!(File { items });
spans!(Importe { path, span });
spans!(Repeated { span, first });
spans!(Contrat {
    id,
    span,
    intitule,
    cadre,
    ars,
    etablissement,
    signe,
    periode,
    fin,
    lieu,
    cosignataires,
    dialogue,
    avenants,
    textes,
    aides,
    references,
    objectifs,
    conditions,
    modulation,
    repeated,
    previsions,
    chef_de_projet
});
spans!(Etablissement {
    span,
    raison_sociale,
    finess,
    statut,
    categorie,
    ght,
    region,
    repeated
});
spans!(Periode { debut, fin, span });
spans!(Avenant {
    numero,
    objet,
    integre,
    span
});
spans!(Aide {
    enveloppe,
    annees,
    versements,
    span
});
spans!(AideAnnee {
    annee,
    montant,
    span
});
spans!(Versement { montant, span });
spans!(Reference {
    annee,
    valeurs,
    span
});
spans!(ReferenceLine {
    indicateur,
    valeur,
    span
});
spans!(Objectif {
    id,
    span,
    libelle,
    kind,
    indicateur,
    base,
    cibles,
    poids,
    gains,
    justification,
    actions,
    textes,
    repeated
});
spans!(Base {
    annee,
    valeur,
    span
});
spans!(Cible {
    annee,
    comparison,
    span
});
spans!(Gain {
    annee,
    montant,
    span
});
spans!(Action {
    libelle,
    responsable,
    echeance,
    span,
    repeated,
    id,
    fiche
});
spans!(FicheAction {
    debut,
    titre,
    initial,
    gains,
    economies_prevues,
    sous_actions
});
spans!(Initial {
    annee,
    montant,
    span
});
spans!(SousAction {
    id,
    span,
    libelle,
    responsable,
    echeance,
    titre,
    gains,
    economies_prevues,
    repeated
});
spans!(Suivi {
    contrat,
    date,
    span,
    prochaine_rencontre,
    actions,
    commentaires,
    repeated
});
spans!(SuiviAction {
    action,
    realisation,
    economies,
    commentaire,
    span
});
spans!(Condition {
    id,
    libelle,
    exige,
    span,
    repeated
});
spans!(Exige {
    expr,
    a_partir_de,
    span
});
spans!(Modulation { lines, span });
spans!(Indicateur {
    id,
    span,
    libelle,
    description,
    unite,
    sens,
    formule,
    seuils,
    source,
    hospidiag,
    repeated
});
spans!(Seuil { valeur, pour, span });
spans!(Theme {
    id,
    span,
    libelle,
    description,
    indicateurs,
    source,
    repeated
});
spans!(Enveloppe {
    id,
    span,
    libelle,
    exercice,
    montant,
    parts,
    source,
    clauses,
    repeated
});
spans!(Delegation {
    enveloppe,
    span,
    ars,
    annees,
    repeated
});
spans!(Cadre {
    id,
    parent,
    span,
    libelle,
    source,
    textes,
    opposable,
    clauses,
    repeated
});
spans!(Clause { kind, source, span });
spans!(DiagnosticDef {
    id,
    span,
    libelle,
    source,
    groupes,
    prelevement_annees,
    repeated
});
spans!(Groupe {
    nom,
    condition,
    span
});
spans!(Expr { kind, span });
spans!(Revue {
    contrat,
    annee,
    span,
    date,
    appreciation,
    objectifs,
    compte_financier,
    decisions,
    repeated
});
spans!(RevueObjectif {
    objectif,
    commentaire,
    span
});
spans!(Decision {
    annee,
    montant,
    motif,
    span
});

impl Erase for Quantity {
    fn erase(&mut self, how: Eraser) {
        self.span = Span::default();
        if how.money && self.unit.dimension() == Dimension::Money {
            self.unit = Unit::Euro;
        }
    }
}

impl Erase for Value {
    fn erase(&mut self, how: Eraser) {
        match self {
            Value::Quantity(q) => q.erase(how),
            Value::Date(_, s) | Value::Bool(_, s) => s.erase(how),
        }
    }
}

impl Erase for Comparison {
    fn erase(&mut self, how: Eraser) {
        match self {
            Comparison::Cmp(_, v) => v.erase(how),
            Comparison::Between(a, b) => {
                a.erase(how);
                b.erase(how);
            }
        }
    }
}

impl Erase for ExprKind {
    fn erase(&mut self, how: Eraser) {
        match self {
            ExprKind::Name(id) => id.erase(how),
            ExprKind::Literal(v) => v.erase(how),
            ExprKind::Paren(e) | ExprKind::Unary(_, e) => e.erase(how),
            ExprKind::Binary(_, a, b) => {
                a.erase(how);
                b.erase(how);
            }
            ExprKind::Call(_, args) => args.erase(how),
        }
    }
}

impl Erase for Item {
    fn erase(&mut self, how: Eraser) {
        match self {
            Item::Contrat(x) => x.erase(how),
            Item::Indicateur(x) => x.erase(how),
            Item::Theme(x) => x.erase(how),
            Item::Cadre(x) => x.erase(how),
            Item::Enveloppe(x) => x.erase(how),
            Item::Delegation(x) => x.erase(how),
            Item::Importe(x) => x.erase(how),
            Item::Diagnostic(x) => x.erase(how),
            Item::Revue(x) => x.erase(how),
            Item::Suivi(x) => x.erase(how),
        }
    }
}

impl Erase for ObjectifType {
    fn erase(&mut self, how: Eraser) {
        if let ObjectifType::Levier(theme) = self {
            theme.erase(how);
        }
    }
}

impl Erase for ModulationLine {
    fn erase(&mut self, how: Eraser) {
        match self {
            ModulationLine::Si {
                seuil, part, span, ..
            } => {
                seuil.erase(how);
                part.erase(how);
                span.erase(how);
            }
            ModulationLine::Sinon { part, span } => {
                part.erase(how);
                span.erase(how);
            }
        }
    }
}

impl Erase for ClauseKind {
    fn erase(&mut self, how: Eraser) {
        match self {
            ClauseKind::Duree { min, max } => {
                min.erase(how);
                max.erase(how);
            }
            ClauseKind::PremieresCiblesAuPlusTard(y) => y.erase(how),
            ClauseKind::DialogueSous(q) | ClauseKind::GainsRecettesMaximum(q) => q.erase(how),
            ClauseKind::GainsMinimum { deficit, produits } => {
                deficit.erase(how);
                produits.erase(how);
            }
            ClauseKind::Enveloppes(ids) => ids.erase(how),
            ClauseKind::DureeAns { min, max } => {
                min.erase(how);
                max.erase(how);
            }
            ClauseKind::DureeRecommandee(q) | ClauseKind::IndicateursAuPlus(q) => q.erase(how),
            ClauseKind::CosignataireRequis(t) => t.erase(how),
            ClauseKind::ThemesRequis(id) | ClauseKind::Famille(id) | ClauseKind::Modele(id) => {
                id.erase(how)
            }
            ClauseKind::TresorerieRequiseSi(e) | ClauseKind::FinAideSi(e) => e.erase(how),
            ClauseKind::Modulation(m) => m.erase(how),
            _ => {}
        }
    }
}
