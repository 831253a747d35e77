//! The derivation of each number as nested lists: on screen, folded in a
//! `<details>` whose summary gives the number; printed, unfolded (a copy
//! shown only in print, since a closed `<details>` prints closed in most
//! browsers).

use super::{avec_code, symboles};
use crate::eval::derivation::Derivation;
use crate::eval::report::locate;
use crate::render::escape::{el, element, Html};
use crate::render::html::texte;
use crate::source::SourceMap;

/// A number's derivation: folded on screen, unfolded in print.
pub fn calcul(resume: &str, d: &Derivation, map: &SourceMap) -> Html {
    let arbre = element("ul", &[("class", "arbre")], etape(d, map));
    let mut ecran = element("summary", &[], texte(resume));
    ecran.push(arbre.clone());
    let mut out = element("details", &[("class", "calcul ecran")], ecran);
    let mut imprime = element("p", &[("class", "resume")], texte(resume));
    imprime.push(arbre);
    out.push(element("div", &[("class", "calcul impression")], imprime));
    out
}

/// One step: `what = value — how (file:line)`, then its inputs; `≥` and
/// `≤` as in the rest of the document.
fn etape(d: &Derivation, map: &SourceMap) -> Html {
    let mut line = element("span", &[("class", "quoi")], texte(&symboles(&d.what)));
    if let Some(display) = &d.display {
        line.push_text(" = ");
        line.push(element("strong", &[], texte(&symboles(display))));
    }
    line.push_text(" — ");
    line.push(avec_code(&symboles(&d.how)));
    if let Some((file, n)) = d.span.and_then(|s| locate(map, s)) {
        line.push_text(" ");
        line.push(el("span", &[("class", "source")], &format!("{file}:{n}")));
    }
    if !d.inputs.is_empty() {
        line.push(element(
            "ul",
            &[],
            Html::concat(d.inputs.iter().map(|i| etape(i, map))),
        ));
    }
    element("li", &[], line)
}
