//! The horizontal bar chart (achievement rates, shares of the deficit):
//! rows thin out for many bars so that 40 contracts fit one printed page,
//! and long labels wrap or shrink rather than being cut.

use super::{etiquette, px, BLEU, GRIS, HAUT, LARGEUR, LIMITE};
use crate::ast::Dimension;
use crate::render::escape::{el, element, empty, Html};
use rust_decimal::Decimal;

/// Horizontal bars: one labelled bar per row, the value at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BarChart {
    pub titre: String,
    pub dimension: Option<Dimension>,
    pub barres: Vec<(String, Decimal)>,
    /// The colour of each bar (`style::Ton::couleur`); blue when not given.
    pub couleurs: Vec<&'static str>,
    /// The value of a full bar (100 % for rates); the largest value when not given.
    pub maximum: Option<Decimal>,
    /// Dashed vertical marks across the bars, with their label (`90 %`).
    pub reperes: Vec<(Decimal, String)>,
    /// The text at the end of each bar, when not the value itself
    /// (`< 0,1 %`).
    pub etiquettes: Vec<String>,
}

impl BarChart {
    /// The chart as inline SVG; values are clamped to ±10^15 (see
    /// [`LineChart::svg`]).
    pub fn svg(&self) -> Html {
        let clamp = |v: Decimal| {
            let limite = Decimal::from(LIMITE);
            v.clamp(-limite, limite).round_dp(10)
        };
        BarChart {
            titre: self.titre.clone(),
            dimension: self.dimension,
            barres: self
                .barres
                .iter()
                .map(|(l, v)| (l.clone(), clamp(*v)))
                .collect(),
            couleurs: self.couleurs.clone(),
            maximum: self.maximum.map(clamp),
            reperes: self
                .reperes
                .iter()
                .map(|(v, l)| (clamp(*v), l.clone()))
                .collect(),
            etiquettes: self.etiquettes.clone(),
        }
        .dessin()
    }

    #[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
    fn dessin(&self) -> Html {
        let n = i64::try_from(self.barres.len()).unwrap_or(0);
        // Up to 20 bars at 26 px a row; more, thinner rows, so that 40
        // contracts fit one printed page.
        let row = if n <= 20 { 26 } else { (26 * 20 / n).max(16) };
        let bar_h = (row - 9).clamp(8, 15);
        let label_w = 230;
        let top_margin = if self.reperes.is_empty() {
            HAUT
        } else {
            HAUT + 6
        };
        let height = top_margin + row * n + 10;
        let largest = self.barres.iter().map(|(_, v)| *v).max();
        let max = self
            .maximum
            .into_iter()
            .chain(largest)
            .max()
            .filter(|m| *m > Decimal::ZERO)
            .unwrap_or(Decimal::ONE);
        let bar_w = Decimal::from(LARGEUR - label_w - 90);
        let width = |v: Decimal| (v.max(Decimal::ZERO) * bar_w / max).max(Decimal::ZERO);
        let mut body = el("title", &[], &self.titre);
        for (value, label) in &self.reperes {
            let x = px(Decimal::from(label_w) + width(*value).min(bar_w));
            body.push(empty(
                "line",
                &[
                    ("class", "repere"),
                    ("x1", &x),
                    ("x2", &x),
                    ("y1", &(top_margin - 2).to_string()),
                    ("y2", &(height - 6).to_string()),
                    ("stroke", GRIS),
                    ("stroke-width", "1"),
                    ("stroke-dasharray", "3 3"),
                ],
            ));
            body.push(el(
                "text",
                &[
                    ("x", &x),
                    ("y", &(top_margin - 6).to_string()),
                    ("text-anchor", "middle"),
                    ("font-size", "9.5"),
                    ("fill", GRIS),
                ],
                label,
            ));
        }
        for (i, (label, value)) in self.barres.iter().enumerate() {
            let top = top_margin + row * i64::try_from(i).unwrap_or(0);
            let w = width(*value);
            let couleur = self.couleurs.get(i).copied().unwrap_or(BLEU);
            body.push(libelle(label, label_w - 8, top, row));
            body.push(empty(
                "rect",
                &[
                    ("class", "barre"),
                    ("x", &label_w.to_string()),
                    ("y", &(top + (row - bar_h) / 2).to_string()),
                    ("width", &px(w)),
                    ("height", &bar_h.to_string()),
                    ("fill", couleur),
                ],
            ));
            body.push(el(
                "text",
                &[
                    ("x", &px(Decimal::from(label_w + 6) + w)),
                    ("y", &(top + row / 2 + 4).to_string()),
                    ("font-size", "10.5"),
                    ("font-weight", "700"),
                    ("fill", "#1e1e1e"),
                    ("stroke", "#ffffff"),
                    ("stroke-width", "3"),
                    ("paint-order", "stroke"),
                ],
                &self
                    .etiquettes
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| etiquette(*value, self.dimension)),
            ));
        }
        let view = format!("0 0 {LARGEUR} {height}");
        element(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", &view),
                ("width", &LARGEUR.to_string()),
                ("height", &height.to_string()),
                ("role", "img"),
                ("aria-label", &self.titre),
                ("class", "graphique"),
            ],
            body,
        )
    }
}

/// The width of a text in hundredths of its font size, roughly: capitals
/// and digits are wider than small letters, spaces and punctuation narrower.
fn largeur(text: &str) -> i64 {
    text.chars()
        .map(|c| {
            if c.is_uppercase() || c.is_ascii_digit() {
                70
            } else if c.is_alphabetic() {
                52
            } else {
                32
            }
        })
        .sum()
}

/// A bar's label, right-aligned at `x`: on one line when it fits, else on
/// two lines cut at a space, in a smaller font if need be; never cut short
/// (« HÔPITAL EUROPEEN G. POMPIDOU/BROUSSAIS »), unless even the smallest
/// font cannot hold it.
fn libelle(label: &str, x: i64, top: i64, row: i64) -> Html {
    // Font sizes in tenths of a pixel.
    let normal: i64 = if row >= 22 { 105 } else { 90 };
    let fits = |text: &str, size: i64| largeur(text) * size <= x * 1000;
    let xs = x.to_string();
    let text = |y: i64, size: i64, content: &str| {
        el(
            "text",
            &[
                ("x", &xs),
                ("y", &y.to_string()),
                ("text-anchor", "end"),
                ("font-size", &px(Decimal::new(size, 1))),
                ("fill", "#1e1e1e"),
            ],
            content,
        )
    };
    let middle = top + row / 2 + 4;
    if fits(label, normal) {
        return text(middle, normal, label);
    }
    let chars: Vec<char> = label.chars().collect();
    let half = largeur(label) / 2;
    let cut = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| {
            let before: String = chars.iter().take(*i).collect();
            largeur(&before).abs_diff(half)
        });
    let Some(at) = cut else {
        let size = (x * 1000 / largeur(label).max(1)).clamp(60, normal);
        return text(middle, size, &abrege_largeur(label, x, size));
    };
    let first: String = chars.iter().take(at).collect();
    let second: String = chars.iter().skip(at + 1).collect();
    let widest = largeur(&first).max(largeur(&second)).max(1);
    // Two lines must fit the row: a font of at most half its height.
    let cap = normal.min((row - 1) * 10 / 2).max(60);
    let size = (x * 1000 / widest).clamp(60, cap);
    let gap = size / 10 + 1;
    let first_y = top + row / 2 - gap / 2 + size * 35 / 1000;
    let mut out = text(first_y, size, &abrege_largeur(&first, x, size));
    out.push(text(first_y + gap, size, &abrege_largeur(&second, x, size)));
    out
}

/// A text cut with `…` to fit `x` pixels at a font size (tenths of px).
fn abrege_largeur(text: &str, x: i64, size: i64) -> String {
    if largeur(text) * size <= x * 1000 {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if largeur(&next) * size > x * 1000 {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}
