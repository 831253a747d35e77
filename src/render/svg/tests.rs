use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn chart() -> LineChart {
    LineChart {
        titre: "Marge brute hors aides".into(),
        dimension: Some(Dimension::Ratio),
        base: Some((2024, d("0.028"))),
        cibles: vec![(2026, d("0.04")), (2027, d("0.05")), (2028, d("0.06"))],
        reel: vec![(2025, d("0.031")), (2026, d("0.042"))],
    }
}

fn attr(svg: &str, class: &str, name: &str) -> Vec<Decimal> {
    svg.split("<")
        .filter(|t| t.contains(&format!("class=\"{class}\"")))
        .map(|t| {
            let start = t.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            let rest = &t[start..];
            d(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

#[test]
fn one_point_per_year_with_data() {
    let svg = chart().svg().into_string();
    assert_eq!(svg.matches("class=\"point reel\"").count(), 2);
    assert_eq!(svg.matches("class=\"point cible\"").count(), 3);
    assert_eq!(svg.matches("class=\"point base\"").count(), 1);
    for year in 2024..=2028 {
        assert!(svg.contains(&format!(">{year}</text>")), "{year}");
    }
    assert!(svg.contains(">4,2 %</text>"), "{svg}");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn higher_values_are_drawn_higher_and_years_left_to_right() {
    let svg = chart().svg().into_string();
    let ys = attr(&svg, "point cible", "cy");
    assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");
    let xs = attr(&svg, "point cible", "cx");
    assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
    for v in ys.iter().chain(&xs) {
        assert!(*v >= Decimal::ZERO && *v <= Decimal::from(LARGEUR));
    }
}

#[test]
fn degenerate_charts_do_not_fail() {
    let single = LineChart {
        titre: "x".into(),
        dimension: Some(Dimension::Money),
        reel: vec![(2026, d("-1200000"))],
        ..LineChart::default()
    };
    let svg = single.svg().into_string();
    assert_eq!(svg.matches("class=\"point reel\"").count(), 1);
    assert!(svg.contains("\u{2212}1,2 M€"), "{svg}");
    let none = LineChart::default().svg().into_string();
    assert!(none.contains("<svg"));
    assert!(!none.contains("point"));
}

#[test]
fn labels_are_escaped() {
    let svg = LineChart {
        titre: "<script>alert(1)</script>\" onload=\"x".into(),
        ..chart()
    }
    .svg()
    .into_string();
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("\" onload=\""));
    let bars = BarChart {
        titre: "Part du déficit".into(),
        dimension: Some(Dimension::Ratio),
        barres: vec![
            ("<img src=x onerror=alert(1)>".into(), d("0.6")),
            ("CH de Bocage".into(), d("0.4")),
        ],
        ..BarChart::default()
    }
    .svg()
    .into_string();
    assert!(!bars.contains("<img"));
    assert_eq!(bars.matches("class=\"barre\"").count(), 2);
    let w = attr(&bars, "barre", "width");
    assert!(w[0] > w[1]);
    assert!(bars.contains(">60 %</text>"), "{bars}");
}

#[test]
fn bars_with_colours_marks_and_long_labels() {
    let bars = BarChart {
        titre: "Taux de réalisation".into(),
        dimension: Some(Dimension::Ratio),
        barres: vec![
            (
                "Centre hospitalier universitaire de Normanville".into(),
                d("0.0894"),
            ),
            ("CH de Valmont".into(), d("0.775")),
        ],
        couleurs: vec!["#a01c1c"],
        maximum: Some(Decimal::ONE),
        reperes: vec![(d("0.9"), "90 %".into())],
        etiquettes: Vec::new(),
    }
    .svg()
    .into_string();
    assert!(bars.contains("fill=\"#a01c1c\""));
    assert!(bars.contains(&format!("fill=\"{BLEU}\"")));
    assert_eq!(bars.matches("class=\"repere\"").count(), 1);
    // The long label is cut at a space, on two lines, without loss.
    assert!(bars.contains(">Centre hospitalier</text>"), "{bars}");
    assert!(bars.contains(">universitaire de Normanville</text>"));
    // Against a 100 % scale, 77,5 % is 77,5 % of the full width.
    let w = attr(&bars, "barre", "width");
    let full = Decimal::from(LARGEUR - 230 - 90);
    assert_eq!(w[1], (d("0.775") * full).round_dp(1));
    let x = attr(&bars, "repere", "x1");
    assert_eq!(x[0], Decimal::from(230) + (d("0.9") * full).round_dp(1));
}

#[test]
fn nice_steps() {
    assert_eq!(pas(d("0.032"), 4), d("0.01"));
    assert_eq!(pas(d("3000000"), 4), d("1000000"));
    assert_eq!(pas(d("9"), 4), d("2.5"));
    let (low, high, ticks) = echelle(&[d("0.028"), d("0.06")]);
    assert_eq!((low, high), (d("0.02"), d("0.07")));
    assert_eq!(ticks.len(), 6);
    let (low, high, _) = echelle(&[d("-2527455"), d("0")]);
    assert_eq!((low, high), (d("-3000000"), d("1000000")));
    assert_eq!(etiquette(d("850000"), Some(Dimension::Money)), "850 k€");
}

#[test]
fn extreme_values_do_not_fail() {
    let huge = Decimal::MAX;
    let chart = LineChart {
        titre: "x".into(),
        dimension: Some(Dimension::Money),
        base: Some((2024, Decimal::MIN)),
        cibles: vec![(2026, huge), (2027, d("0.0000000000000000000000000001"))],
        reel: vec![
            (2025, d("1000")),
            (2026, huge),
            (2027, d("1000.0000000000000000000001")),
        ],
    }
    .svg()
    .into_string();
    assert_eq!(chart.matches("class=\"point reel\"").count(), 2);
    assert_eq!(chart.matches("class=\"point cible\"").count(), 1);
    let tiny = LineChart {
        titre: "y".into(),
        reel: vec![
            (2025, d("0.0000000000000000000000000001")),
            (2026, Decimal::ZERO),
        ],
        ..LineChart::default()
    }
    .svg()
    .into_string();
    assert_eq!(tiny.matches("class=\"point reel\"").count(), 2);
    let bars = BarChart {
        titre: "z".into(),
        dimension: Some(Dimension::Money),
        barres: vec![("a".into(), huge), ("b".into(), Decimal::MIN)],
        maximum: Some(huge),
        reperes: vec![(huge, "max".into())],
        ..BarChart::default()
    }
    .svg()
    .into_string();
    assert_eq!(bars.matches("class=\"barre\"").count(), 2);
}

#[test]
fn forty_bars_fit_one_printed_page() {
    let bars = BarChart {
        titre: "Taux".into(),
        dimension: Some(Dimension::Ratio),
        barres: (0..40)
            .map(|i| (format!("Centre hospitalier n° {i}"), d("0.5")))
            .collect(),
        ..BarChart::default()
    }
    .svg()
    .into_string();
    let height: i64 = bars
        .split("height=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    // The chart is printed 174 mm wide (640 px): at most 200 mm high.
    assert!(height * 174 <= 200 * 640, "{height}");
    assert_eq!(bars.matches("class=\"barre\"").count(), 40);
}

#[test]
fn long_labels_are_never_cut() {
    for n in [3, 40] {
        let mut barres = vec![(
            "HÔPITAL EUROPEEN G. POMPIDOU/BROUSSAIS".to_string(),
            d("0.3"),
        )];
        barres.extend((1..n).map(|i| (format!("CH {i}"), d("0.2"))));
        let svg = BarChart {
            titre: "Part".into(),
            dimension: Some(Dimension::Ratio),
            barres,
            ..BarChart::default()
        }
        .svg()
        .into_string();
        assert!(!svg.contains('…'), "{svg}");
        assert!(svg.contains("HÔPITAL EUROPEEN G."), "{svg}");
        assert!(svg.contains("POMPIDOU/BROUSSAIS"), "{svg}");
    }
    let custom = BarChart {
        titre: "Part".into(),
        dimension: Some(Dimension::Ratio),
        barres: vec![("CH".into(), d("0"))],
        etiquettes: vec!["< 0,1 %".into()],
        ..BarChart::default()
    }
    .svg()
    .into_string();
    assert!(custom.contains("&lt; 0,1 %"));
}
