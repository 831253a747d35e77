//! Canonical text of literals and expressions (spec §2): `,` decimals, digit
//! groups from 10 000 on, one space before units, `>=`/`<=`, escaped
//! strings, re-indented text blocks. Pure functions; shared with `diff`.

use crate::ast::*;
use crate::date::DayMonth;
use rust_decimal::Decimal;

/// A number as the formatter writes it: `1,5`, `800`, `1 500 000`, `-2,4`.
pub fn number(value: Decimal) -> String {
    crate::display::number(value)
}

/// A quantity in the unit it was written in: `1,5 M€`, `6 %`, `28 j`, `3`.
pub fn quantity(q: &Quantity) -> String {
    let n = number(q.written());
    match q.unit {
        Unit::None => n,
        unit => format!("{n} {}", unit.symbol()),
    }
}

/// A literal value: a quantity, an ISO date, `oui` or `non`.
pub fn value(v: &Value) -> String {
    match v {
        Value::Quantity(q) => quantity(q),
        Value::Date(d, _) => d.to_string(),
        Value::Bool(b, _) => if *b { "oui" } else { "non" }.to_string(),
    }
}

/// A target comparison: `>= 4 %`, `entre 20 j et 28 j`.
pub fn comparison(c: &Comparison) -> String {
    match c {
        Comparison::Cmp(op, v) => format!("{} {}", op.symbol(), value(v)),
        Comparison::Between(a, b) => format!("entre {} et {}", value(a), value(b)),
    }
}

/// A `"…"` string with `\"`, `\\` and `\n` escaped.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A field holding text: one line for a string, several for a `"""` block
/// (content indented two spaces under the keyword, closing `"""` aligned
/// with it). Later lines carry their indentation relative to the field.
pub fn text_field(keyword: &str, text: &Text) -> Vec<String> {
    if !text.block {
        return vec![format!("{keyword} {}", string(&text.value))];
    }
    let mut lines = vec![format!("{keyword} \"\"\"")];
    for line in text.value.split('\n') {
        if line.trim().is_empty() {
            lines.push(String::new());
        } else {
            lines.push(format!("  {line}"));
        }
    }
    lines.push("\"\"\"".to_string());
    lines
}

/// An expression, with the parentheses written in the source (they are
/// nodes of the AST) and no others.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(id) => id.name.clone(),
        ExprKind::Literal(v) => value(v),
        ExprKind::Paren(inner) => format!("({})", expr(inner)),
        ExprKind::Unary(UnOp::Neg, inner) => format!("-{}", expr(inner)),
        ExprKind::Unary(UnOp::Not, inner) => format!("non {}", expr(inner)),
        ExprKind::Binary(op, a, b) => format!("{} {} {}", expr(a), bin_op(*op), expr(b)),
        ExprKind::Call(f, args) => {
            let args: Vec<String> = args.iter().map(expr).collect();
            format!("{}({})", f.name(), args.join(", "))
        }
    }
}

fn bin_op(op: BinOp) -> &'static str {
    match op {
        BinOp::Or => "ou",
        BinOp::And => "et",
        BinOp::Cmp(c) => c.symbol(),
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
    }
}

/// `2026: 1,2 M€ ferme` (an aid or delegation year).
pub fn aide_annee(a: &AideAnnee) -> String {
    let statut = match a.statut {
        Some(AideStatut::Ferme) => " ferme",
        Some(AideStatut::Indicatif) => " indicatif",
        None => "",
    };
    format!("{}: {}{statut}", a.annee.value, quantity(&a.montant))
}

/// `si réalisation >= 90 %: 100 %` or `sinon: 0 %`.
pub fn modulation_line(line: &ModulationLine) -> String {
    match line {
        ModulationLine::Si {
            op, seuil, part, ..
        } => format!(
            "si réalisation {} {}: {}",
            op.symbol(),
            quantity(seuil),
            quantity(part)
        ),
        ModulationLine::Sinon { part, .. } => format!("sinon: {}", quantity(part)),
    }
}

/// A framework clause without its `source` (§5); `None` for `modulation`,
/// which is a block.
pub fn clause(kind: &ClauseKind) -> Option<String> {
    Some(match kind {
        ClauseKind::Duree { min, max } => {
            format!("durée {} à {} exercices", quantity(min), quantity(max))
        }
        ClauseKind::AideFermePremiereAnnee => "aide ferme première_année".into(),
        ClauseKind::AideIndicativeAnneesSuivantes => "aide indicative années_suivantes".into(),
        ClauseKind::AideStableOuDegressive => "aide stable_ou_dégressive".into(),
        ClauseKind::AideDansLaPeriode => "aide dans la période".into(),
        ClauseKind::SignatureAvantVersement => "signature avant versement".into(),
        ClauseKind::SignatureAuPlusTard(d) => format!("signature au plus tard {d}"),
        ClauseKind::PremiereAnneeEgaleAnneeSignature => "première_année = année_signature".into(),
        ClauseKind::ObjectifsRequis(kinds) => format!("objectifs requis {}", kinds.join(" et ")),
        ClauseKind::PremieresCiblesAuPlusTard(y) => {
            format!("premières_cibles au plus tard {}", y.value)
        }
        ClauseKind::CiblesAnnuelles => "cibles annuelles".into(),
        ClauseKind::DialogueSous(n) => format!("dialogue sous {} mois", quantity(n)),
        ClauseKind::Statuts(s) => format!("statuts {}", s.join(" ")),
        ClauseKind::Enveloppes(ids) => {
            let names: Vec<&str> = ids.iter().map(|i| i.name.as_str()).collect();
            format!("enveloppes {}", names.join(" "))
        }
        ClauseKind::DureeAns {
            min: Some(min),
            max,
        } => {
            format!("durée {} à {} ans", quantity(min), quantity(max))
        }
        ClauseKind::DureeAns { min: None, max } => format!("durée au plus {} ans", quantity(max)),
        ClauseKind::DureeRecommandee(n) => format!("durée_recommandée {} ans", quantity(n)),
        ClauseKind::AideIndicativeToutesAnnees => "aide indicative toutes_années".into(),
        ClauseKind::CosignataireRequis(t) => format!("cosignataire requis {}", string(&t.value)),
        ClauseKind::ThemesRequis(id) => format!("thèmes requis {}", id.name),
        ClauseKind::IndicateursAuPlus(n) => format!("indicateurs au plus {}", quantity(n)),
        ClauseKind::Famille(id) => format!("famille {}", id.name),
        ClauseKind::Modele(id) => format!("modèle {}", id.name),
        ClauseKind::TresorerieRequiseSi(e) => format!("trésorerie requise si {}", expr(e)),
        ClauseKind::CompteFinancierAuPlusTard(dm, suspend) => format!(
            "compte_financier au plus tard {}{}",
            day_month(*dm),
            if *suspend { " suspend" } else { "" }
        ),
        ClauseKind::FinAideSi(e) => format!("fin_aide si {}", expr(e)),
        ClauseKind::DonneeManquante(MissingData::Exclue) => "donnée_manquante exclue".into(),
        ClauseKind::DonneeManquante(MissingData::Zero) => "donnée_manquante zéro".into(),
        ClauseKind::GainsMinimum { deficit, produits } => format!(
            "gains minimum {} du déficit et {} des produits",
            quantity(deficit),
            quantity(produits)
        ),
        ClauseKind::GainsRecettesMaximum(q) => format!("gains recettes maximum {}", quantity(q)),
        ClauseKind::RecettesJustifiees => "recettes justifiées".into(),
        ClauseKind::PonderationParGains => "pondération par gains".into(),
        ClauseKind::Modulation(_) => return None,
    })
}

fn day_month(dm: DayMonth) -> String {
    dm.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use std::str::FromStr;

    fn q(written: &str, unit: Unit) -> Quantity {
        let value = Decimal::from_str(written).unwrap() * unit.scale();
        Quantity {
            value,
            unit,
            span: Span::default(),
        }
    }

    #[test]
    fn quantities_in_their_written_unit() {
        assert_eq!(quantity(&q("1.5", Unit::MegaEuro)), "1,5 M€");
        assert_eq!(quantity(&q("800", Unit::KiloEuro)), "800 k€");
        assert_eq!(quantity(&q("101740056", Unit::Euro)), "101 740 056 €");
        assert_eq!(quantity(&q("2.80", Unit::Percent)), "2,8 %");
        assert_eq!(quantity(&q("3", Unit::None)), "3");
        assert_eq!(quantity(&q("-2.4", Unit::MegaEuro)), "-2,4 M€");
        assert_eq!(quantity(&q("9999", Unit::Euro)), "9999 €");
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
    }

    #[test]
    fn text_blocks_are_reindented() {
        let t = Text {
            value: "a\n\n  b".into(),
            block: true,
            span: Span::default(),
        };
        assert_eq!(
            text_field("texte", &t),
            vec!["texte \"\"\"", "  a", "", "    b", "\"\"\""]
        );
    }
}
