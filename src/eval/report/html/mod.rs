//! The HTML report (`--format html`): the annual review of each contract
//! ([`revue`]) and the regional dashboard ([`synthese`], `synthese.html`),
//! as self-contained pages printed on A4 (`render::html::Page`, one sheet
//! per contract, then one per agency). Pure: [`Evaluation`] + [`Context`]
//! (what the documents show beyond the evaluation: series over the years,
//! délégations, deficits) + [`SourceMap`] → HTML.
//!
//! Everything read from a contract or a figures file goes through
//! `render::escape` (via `render::html::texte` and the element builders).

mod aide;
mod calculs;
pub mod contexte;
mod deficit;
pub mod region;
mod revue;
mod synthese;

pub use contexte::Context;

use crate::eval::aid::{Motif, MotifKind};
use crate::eval::{ContractEvaluation, Evaluation};
use crate::render::escape::{el, element, Html};
use crate::render::html::{texte, Page};
use crate::source::SourceMap;
use contexte::ContractContext;
use rayon::prelude::*;
use rust_decimal::Decimal;

/// Every contract's review, then the dashboard, in one page.
pub fn report(e: &Evaluation, map: &SourceMap, ctx: &Context) -> String {
    let mut sections: Vec<Html> = e
        .contracts
        .par_iter()
        .map(|c| revue::feuille(e, c, map, ctx))
        .collect();
    sections.extend(synthese::feuilles(e, ctx));
    Page {
        title: format!("Revue des contrats — exercice {}", e.exercice),
        sections,
    }
    .render()
}

/// One contract's review (`<contrat>.html`).
pub fn contract(e: &Evaluation, c: &ContractEvaluation, map: &SourceMap, ctx: &Context) -> String {
    let title = match &c.raison_sociale {
        Some(name) => format!("Revue {} — {name}", e.exercice),
        None => format!("Revue {} — {}", e.exercice, c.contrat),
    };
    Page {
        title,
        sections: vec![revue::feuille(e, c, map, ctx)],
    }
    .render()
}

/// The regional dashboard (`synthese.html`).
pub fn summary(e: &Evaluation, ctx: &Context) -> String {
    Page {
        title: format!(
            "Tableau de bord de suivi des contrats — exercice {}",
            e.exercice
        ),
        sections: synthese::feuilles(e, ctx),
    }
    .render()
}

/// The letterhead: the agency on the left, the document's reference on the right.
fn entete(emetteur: &str, reference: &str) -> Html {
    element(
        "header",
        &[("class", "entete")],
        Html::concat([
            element("span", &[("class", "emetteur")], texte(emetteur)),
            element("span", &[("class", "reference")], texte(reference)),
        ]),
    )
}

/// Text whose `` `code` `` spans (names quoted by the evaluation's messages)
/// become `<code>`; the rest is display text.
fn avec_code(text: &str) -> Html {
    let mut out = Html::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push(el("code", &[], part));
        } else {
            out.push(texte(part));
        }
    }
    out
}

/// `≥`, `≤` for the comparators of Pacte text (`>=`, `<=`).
fn symboles(text: &str) -> String {
    text.replace(">=", "≥").replace("<=", "≤")
}

/// A key figure: a label, a value, an optional line below.
fn chiffre_cle(libelle: &str, valeur: Html, detail: Option<&str>) -> Html {
    let mut content = element("span", &[("class", "libelle")], texte(libelle));
    content.push(element("span", &[("class", "valeur")], valeur));
    if let Some(d) = detail {
        content.push(element("span", &[("class", "detail")], texte(d)));
    }
    element("div", &[("class", "chiffre")], content)
}

/// Numbered section heading: `<h2><span class="numero">2.</span> Conditions</h2>`.
fn titre(numero: usize, text: &str) -> Html {
    let mut content = el("span", &[("class", "numero")], &format!("{numero}."));
    content.push_markup(" ").push(texte(text));
    element("h2", &[], content)
}

/// `a / b`, or none when `b` is 0 (or the division overflows).
fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

/// A share as a percentage with one decimal (`41,5 %`).
fn part(a: Decimal, b: Decimal) -> String {
    ratio(a, b).map_or_else(
        || "—".to_string(),
        |r| crate::eval::report::pct(r.round_dp(3)),
    )
}

/// A reason the aid is not paid, in words, after its code (`V0101`).
fn motif(m: &Motif, c: &ContractEvaluation, k: Option<&ContractContext>) -> Html {
    let mut out = Html::new();
    if let Some(code) = m.code {
        out.push(el("span", &[("class", "code")], code.as_str()));
        out.push_text(" ");
    }
    let id = m.condition.as_deref().unwrap_or("");
    let condition = c.conditions.iter().find(|x| x.condition == id);
    let libelle = condition
        .and_then(|x| x.libelle.clone())
        .unwrap_or_else(|| id.replace('_', " "));
    let exige = k
        .and_then(|k| k.conditions.iter().find(|(i, _)| i == id))
        .map(|(_, w)| w.clone())
        .or_else(|| condition.map(|x| symboles(&x.exige)))
        .unwrap_or_default();
    let text = match m.nature {
        MotifKind::ConditionNonRespectee => {
            format!("condition « {libelle} » non respectée ({exige})")
        }
        MotifKind::ConditionNonEvaluable => format!(
            "suspendue : condition « {libelle} » non évaluable faute de chiffre ({exige}) ; l'aide est versée quand les justificatifs sont produits"
        ),
        MotifKind::CompteFinancier => m.message.clone(),
        MotifKind::FinAide => match (k.and_then(|k| k.fin_aide.as_deref()), annee(&m.message)) {
            (Some(fin), Some(year)) => format!(
                "condition de fin d'aide vérifiée en {year} ({fin}) : l'établissement n'est plus éligible à l'aide"
            ),
            _ => m.message.clone(),
        },
    };
    out.push(avec_code(&text));
    out
}

/// The year after « vérifiée en » in a V0102 message.
fn annee(message: &str) -> Option<i32> {
    let at = message.find("vérifiée en ")? + "vérifiée en ".len();
    message.get(at..at + 4)?.parse().ok()
}

#[cfg(test)]
mod tests;
