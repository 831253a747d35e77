//! Small SVG charts, inline in HTML documents, built with the escaping
//! element builder: a line chart of one indicator over the years (base,
//! target trajectory, actual values) for the annual review, and a
//! horizontal bar chart (each establishment's share of the regional
//! deficit) for the dashboard.
//!
//! Coordinates are computed with `Decimal` and rounded to a tenth of a
//! pixel: no floating point, so the output is exact and reproducible.
//! `plotters` was not used: see `docs/dependencies.md`.

use super::escape::{el, element, empty, Html};
use crate::ast::Dimension;
use crate::display;
use rust_decimal::Decimal;

const LARGEUR: i64 = 640;
const HAUTEUR: i64 = 250;
const GAUCHE: i64 = 78;
const DROITE: i64 = 18;
const HAUT: i64 = 18;
const BAS: i64 = 58;

const BLEU: &str = "#1f3a68";
const REEL: &str = "#b3541e";
const GRIS: &str = "#6b7079";
const GRILLE: &str = "#dde1e7";

/// One indicator over the years: the base, the yearly targets (for
/// `entre A et B`, the bound that counts), and the actual values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineChart {
    /// The chart's accessible title (also its `<title>`).
    pub titre: String,
    /// How values are labelled (`4 %`, `1,2 M€`, `28 j`).
    pub dimension: Option<Dimension>,
    pub base: Option<(i32, Decimal)>,
    pub cibles: Vec<(i32, Decimal)>,
    pub reel: Vec<(i32, Decimal)>,
}

fn px(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

/// A value as an axis or point label, short: `4 %`, `1,5 M€`, `850 k€`,
/// `−200 k€` (with the minus sign).
pub fn etiquette(value: Decimal, dimension: Option<Dimension>) -> String {
    let million = Decimal::from(1_000_000);
    let mille = Decimal::from(10_000);
    let text = match dimension {
        Some(Dimension::Money) if value.abs() >= million => {
            format!("{} M€", display::number((value / million).round_dp(2)))
        }
        Some(Dimension::Money) if value.abs() >= mille => {
            format!(
                "{} k€",
                display::number((value / Decimal::from(1_000)).round_dp(1))
            )
        }
        Some(d) => display::quantity(value, d),
        None => display::number(value.round_dp(2)),
    };
    display::moins(&text)
}

/// The largest magnitude a chart draws.
const LIMITE: i64 = 1_000_000_000_000_000;

/// A value a chart can draw: within ±10^15, rounded to 10 decimals.
fn dessinable(v: Decimal) -> Option<Decimal> {
    (v.abs() <= Decimal::from(LIMITE)).then(|| v.round_dp(10))
}

/// A « nice » step (1, 2, 2,5 or 5 × 10^k) giving about `ticks` intervals.
fn pas(range: Decimal, ticks: i64) -> Decimal {
    let raw = range / Decimal::from(ticks.max(1));
    if raw <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let ten = Decimal::TEN;
    let mut magnitude = Decimal::ONE;
    let mut guard = 0;
    while magnitude * ten <= raw && guard < 40 {
        magnitude *= ten;
        guard += 1;
    }
    while magnitude > raw && guard < 80 {
        magnitude /= ten;
        guard += 1;
    }
    for m in [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::from(5),
    ] {
        if magnitude * m >= raw {
            return magnitude * m;
        }
    }
    magnitude * ten
}

/// The axis bounds and ticks covering `values`.
fn echelle(values: &[Decimal]) -> (Decimal, Decimal, Vec<Decimal>) {
    let min = values.iter().copied().min().unwrap_or(Decimal::ZERO);
    let max = values.iter().copied().max().unwrap_or(Decimal::ONE);
    let span = if max == min {
        if min == Decimal::ZERO {
            Decimal::ONE
        } else {
            min.abs() / Decimal::TEN
        }
    } else {
        max - min
    };
    let step = Some(pas(span, 4))
        .filter(|s| *s > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    // Room above and below the extreme points, for their labels.
    let quarter = step / Decimal::from(4);
    let mut low = (min / step).floor() * step;
    if min - low < quarter && min != Decimal::ZERO {
        low -= step;
    }
    let mut high = (max / step).ceil() * step;
    if high - max < quarter {
        high += step;
    }
    if high == low {
        high = low + step;
    }
    let mut ticks = Vec::new();
    let mut t = low;
    while t <= high && ticks.len() < 12 {
        ticks.push(t);
        t += step;
    }
    (low, high, ticks)
}

impl LineChart {
    /// The years shown: every year from the first to the last with data.
    pub fn annees(&self) -> Vec<i32> {
        let years = self
            .base
            .iter()
            .chain(&self.cibles)
            .chain(&self.reel)
            .map(|(y, _)| *y);
        match (years.clone().min(), years.max()) {
            (Some(a), Some(b)) if b - a < 60 => (a..=b).collect(),
            _ => Vec::new(),
        }
    }

    /// The chart as inline SVG. Values beyond ±10^15 (a figures file can hold
    /// anything) are left out, the others rounded to 10 decimals, so that no
    /// computation of the drawing can overflow.
    pub fn svg(&self) -> Html {
        let keep = |points: &[(i32, Decimal)]| -> Vec<(i32, Decimal)> {
            points
                .iter()
                .filter_map(|(y, v)| dessinable(*v).map(|v| (*y, v)))
                .collect()
        };
        LineChart {
            titre: self.titre.clone(),
            dimension: self.dimension,
            base: self.base.and_then(|(y, v)| dessinable(v).map(|v| (y, v))),
            cibles: keep(&self.cibles),
            reel: keep(&self.reel),
        }
        .dessin()
    }

    #[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
    fn dessin(&self) -> Html {
        let years = self.annees();
        let values: Vec<Decimal> = self
            .base
            .iter()
            .chain(&self.cibles)
            .chain(&self.reel)
            .map(|(_, v)| *v)
            .collect();
        let (low, high, ticks) = echelle(&values);
        let plot_w = Decimal::from(LARGEUR - GAUCHE - DROITE);
        let plot_h = Decimal::from(HAUTEUR - HAUT - BAS);
        let n = Decimal::from(i64::try_from(years.len()).unwrap_or(1).max(1));
        let x = |year: i32| -> Decimal {
            let i = years.iter().position(|y| *y == year).unwrap_or(0);
            let i = Decimal::from(i64::try_from(i).unwrap_or(0));
            Decimal::from(GAUCHE) + (i + Decimal::new(5, 1)) * plot_w / n
        };
        let y = |v: Decimal| -> Decimal {
            let range = high - low;
            if range == Decimal::ZERO {
                Decimal::from(HAUT) + plot_h / Decimal::TWO
            } else {
                Decimal::from(HAUT) + (high - v) * plot_h / range
            }
        };
        let mut body = el("title", &[], &self.titre);
        let bottom = px(Decimal::from(HAUTEUR - BAS));
        for t in &ticks {
            let ty = px(y(*t));
            body.push(empty(
                "line",
                &[
                    ("x1", &GAUCHE.to_string()),
                    ("x2", &(LARGEUR - DROITE).to_string()),
                    ("y1", &ty),
                    ("y2", &ty),
                    ("stroke", GRILLE),
                    ("stroke-width", "1"),
                ],
            ));
            body.push(el(
                "text",
                &[
                    ("x", &(GAUCHE - 6).to_string()),
                    ("y", &px(y(*t) + Decimal::new(35, 1))),
                    ("text-anchor", "end"),
                    ("font-size", "10"),
                    ("fill", GRIS),
                ],
                &etiquette(*t, self.dimension),
            ));
        }
        for year in &years {
            body.push(el(
                "text",
                &[
                    ("x", &px(x(*year))),
                    ("y", &px(Decimal::from(HAUTEUR - BAS + 16))),
                    ("text-anchor", "middle"),
                    ("font-size", "10.5"),
                    ("fill", GRIS),
                ],
                &year.to_string(),
            ));
        }
        body.push(empty(
            "line",
            &[
                ("x1", &GAUCHE.to_string()),
                ("x2", &(LARGEUR - DROITE).to_string()),
                ("y1", &bottom),
                ("y2", &bottom),
                ("stroke", GRIS),
                ("stroke-width", "1"),
            ],
        ));
        // The trajectory: from the base through each target.
        let mut trajectoire: Vec<(i32, Decimal)> =
            self.base.iter().chain(&self.cibles).copied().collect();
        trajectoire.sort_by_key(|(year, _)| *year);
        body.push(polyline(
            &trajectoire,
            &x,
            &y,
            BLEU,
            Some("6 4"),
            "trajectoire",
        ));
        let mut reel = self.reel.clone();
        reel.sort_by_key(|(year, _)| *year);
        body.push(polyline(&reel, &x, &y, REEL, None, "reel"));
        if let Some((year, v)) = self.base {
            let (cx, cy) = (x(year), y(v));
            let d = format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                px(cx),
                px(cy - Decimal::from(6)),
                px(cx + Decimal::from(6)),
                px(cy),
                px(cx),
                px(cy + Decimal::from(6)),
                px(cx - Decimal::from(6)),
                px(cy)
            );
            body.push(empty(
                "path",
                &[("class", "point base"), ("d", &d), ("fill", GRIS)],
            ));
        }
        for (year, v) in &self.cibles {
            body.push(empty(
                "circle",
                &[
                    ("class", "point cible"),
                    ("cx", &px(x(*year))),
                    ("cy", &px(y(*v))),
                    ("r", "4.5"),
                    ("fill", "#ffffff"),
                    ("stroke", BLEU),
                    ("stroke-width", "2"),
                ],
            ));
        }
        for (year, v) in &reel {
            body.push(empty(
                "circle",
                &[
                    ("class", "point reel"),
                    ("cx", &px(x(*year))),
                    ("cy", &px(y(*v))),
                    ("r", "4.5"),
                    ("fill", REEL),
                ],
            ));
            body.push(el(
                "text",
                &[
                    ("x", &px(x(*year))),
                    ("y", &px(y(*v) - Decimal::from(9))),
                    ("text-anchor", "middle"),
                    ("font-size", "10"),
                    ("font-weight", "700"),
                    ("fill", REEL),
                    ("stroke", "#ffffff"),
                    ("stroke-width", "3"),
                    ("paint-order", "stroke"),
                ],
                &etiquette(*v, self.dimension),
            ));
        }
        body.push(legende());
        let view = format!("0 0 {LARGEUR} {HAUTEUR}");
        element(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", &view),
                ("width", &LARGEUR.to_string()),
                ("height", &HAUTEUR.to_string()),
                ("role", "img"),
                ("aria-label", &self.titre),
                ("class", "graphique"),
            ],
            body,
        )
    }
}

fn polyline(
    points: &[(i32, Decimal)],
    x: &dyn Fn(i32) -> Decimal,
    y: &dyn Fn(Decimal) -> Decimal,
    couleur: &str,
    tirets: Option<&str>,
    class: &'static str,
) -> Html {
    if points.len() < 2 {
        return Html::new();
    }
    let coords: Vec<String> = points
        .iter()
        .map(|(year, v)| format!("{},{}", px(x(*year)), px(y(*v))))
        .collect();
    let coords = coords.join(" ");
    let mut attrs: Vec<(&'static str, &str)> = vec![
        ("class", class),
        ("points", &coords),
        ("fill", "none"),
        ("stroke", couleur),
        ("stroke-width", "2"),
    ];
    if let Some(t) = tirets {
        attrs.push(("stroke-dasharray", t));
    }
    empty("polyline", &attrs)
}

fn legende() -> Html {
    let y = HAUTEUR - 14;
    let ys = y.to_string();
    let yt = (y + 4).to_string();
    let text = |x: i64, label: &str| {
        el(
            "text",
            &[
                ("x", &x.to_string()),
                ("y", &yt),
                ("font-size", "10.5"),
                ("fill", "#1e1e1e"),
            ],
            label,
        )
    };
    let line = |x: i64, couleur: &str, tirets: Option<&str>| {
        let mut attrs: Vec<(&'static str, &str)> = vec![("stroke", couleur), ("stroke-width", "2")];
        if let Some(t) = tirets {
            attrs.push(("stroke-dasharray", t));
        }
        let x1 = x.to_string();
        let x2 = (x + 22).to_string();
        let mut all: Vec<(&'static str, &str)> =
            vec![("x1", &x1), ("x2", &x2), ("y1", &ys), ("y2", &ys)];
        all.extend(attrs);
        empty("line", &all)
    };
    let g = GAUCHE;
    Html::concat([
        line(g, REEL, None),
        text(g + 28, "Réalisé"),
        line(g + 110, BLEU, Some("6 4")),
        text(g + 138, "Trajectoire cible"),
        empty(
            "path",
            &[
                ("d", &format!("M{} {}l5 5l-5 5l-5 -5Z", g + 268, y - 5)),
                ("fill", GRIS),
            ],
        ),
        text(g + 280, "Base"),
    ])
}

mod barres;
pub use barres::BarChart;

#[cfg(test)]
mod tests;
