use super::*;
use rust_decimal::Decimal;

#[test]
fn code_spans_are_escaped_code() {
    assert_eq!(
        avec_code("condition `stocks` non respectée (a <= 28 j)").as_str(),
        "condition <code>stocks</code> non respectée (a &lt;= <span class=\"nw\">28 j</span>)"
    );
    assert_eq!(
        avec_code("`<script>`").as_str(),
        "<code>&lt;script&gt;</code>"
    );
    assert_eq!(avec_code("").as_str(), "");
}

#[test]
fn shares_and_years() {
    assert_eq!(
        part(Decimal::from(8_900_000), Decimal::from(21_464_000)),
        "41,5 %"
    );
    assert_eq!(part(Decimal::ONE, Decimal::ZERO), "—");
    assert_eq!(ratio(Decimal::ONE, Decimal::ZERO), None);
    assert_eq!(
        annee("`résultat_principal >= 0 €` vérifiée en 2026 : l'établissement n'est plus éligible"),
        Some(2026)
    );
    assert_eq!(annee("vérifiée en 20"), None);
    assert_eq!(symboles("a >= 4 % et b <= 2"), "a ≥ 4 % et b ≤ 2");
}

#[test]
fn key_figures_and_headings() {
    let html = chiffre_cle(
        "Aide 2027 due",
        texte("600 000 €"),
        Some("prévue 800 000 €"),
    );
    assert!(html.as_str().starts_with("<div class=\"chiffre\">"));
    assert!(html
        .as_str()
        .contains("<span class=\"valeur\"><span class=\"nw\">600 000 €</span></span>"));
    assert_eq!(
        titre(2, "Conditions <b>").as_str(),
        "<h2><span class=\"numero\">2.</span> Conditions &lt;b&gt;</h2>"
    );
}

#[test]
fn deficit_shares_have_one_decimal_and_never_read_zero() {
    use super::deficit::part_deficit;
    let total = Decimal::from(21_464_000);
    assert_eq!(part_deficit(Decimal::from(8_900_000), total), "41,5 %");
    assert_eq!(part_deficit(Decimal::from(10_732_000), total), "50,0 %");
    assert_eq!(part_deficit(Decimal::from(5_000), total), "< 0,1 %");
    assert_eq!(part_deficit(Decimal::from(12_000), total), "0,1 %");
    assert_eq!(part_deficit(total, total), "100,0 %");
    assert_eq!(part_deficit(Decimal::ONE, Decimal::ZERO), "—");
}
