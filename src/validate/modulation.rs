//! E0401: a modulation table's thresholds decrease, its shares are within
//! 0–100 %, and it ends with `sinon`.

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use rust_decimal::Decimal;

pub fn check(m: &Modulation, d: &mut Diagnostics) {
    let mut previous: Option<(&Quantity, crate::source::Span)> = None;
    let mut sinon_seen = false;
    for line in &m.lines {
        let (part, span) = match line {
            ModulationLine::Si {
                seuil, part, span, ..
            } => {
                if sinon_seen {
                    d.push(malformed(
                        *span,
                        "une ligne « si » suit « sinon » : elle ne sera jamais atteinte",
                        "placez « sinon » en dernier",
                    ));
                }
                if let Some((prev, prev_span)) = previous.filter(|(p, _)| seuil.value >= p.value) {
                    d.push(
                        malformed(
                            seuil.span,
                            &format!(
                                "les seuils doivent décroître : {} après {}",
                                crate::display::written(seuil),
                                crate::display::written(prev)
                            ),
                            "classez les lignes du seuil le plus haut au plus bas",
                        )
                        .secondary(prev_span, "seuil précédent"),
                    );
                }
                if seuil.unit.dimension() != Dimension::Ratio {
                    d.push(malformed(
                        seuil.span,
                        "le seuil de réalisation doit être un pourcentage",
                        "écrivez par exemple `si réalisation >= 90 %: 100 %`",
                    ));
                }
                previous = Some((seuil, seuil.span));
                (part, *span)
            }
            ModulationLine::Sinon { part, span } => {
                if sinon_seen {
                    d.push(malformed(
                        *span,
                        "deux lignes « sinon »",
                        "gardez une seule ligne « sinon », en dernier",
                    ));
                }
                sinon_seen = true;
                (part, *span)
            }
        };
        let in_range = part.unit.dimension() == Dimension::Ratio
            && part.value >= Decimal::ZERO
            && part.value <= Decimal::ONE;
        if !in_range {
            d.push(
                malformed(
                    part.span,
                    &format!(
                        "la part versée {} est hors de 0 % à 100 %",
                        crate::display::written(part)
                    ),
                    "écrivez une part entre 0 % et 100 %",
                )
                .secondary(span, "ligne"),
            );
        }
    }
    if !sinon_seen {
        d.push(malformed(
            m.span,
            "la table de modulation n'a pas de ligne « sinon »",
            "terminez la table par `sinon: 0 %`",
        ));
    }
}

fn malformed(span: crate::source::Span, message: &str, help: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0401,
        span,
        format!("modulation mal formée : {message}"),
    )
    .label("ici")
    .help(help)
}
