#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
//! Hand-built figures for each boundary of the std grouping, the
//! multi-year draw, categories, three-valued counts, and the rule that a
//! missing figure never raises a group.

use super::*;
use crate::diagnostic::Severity;
use crate::eval::figures::{Figure, Identity, Layout};
use crate::source::{Origin, SourceMap};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

const Y: i32 = 2014;
const F: &str = "140000035";

struct Setup {
    program: Program,
    figures: Figures,
}

/// The std plus `user` text (no error allowed), and empty figures.
fn setup(user: &str) -> Setup {
    let (mut map, diagnostics, program): (SourceMap, _, Program) =
        crate::pipeline::check_text("region.pacte", user);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let id = map.add("chiffres.csv", String::new(), Origin::Figures);
    Setup {
        program,
        figures: Figures::new("chiffres.csv", id, Layout::Pacte),
    }
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

impl Setup {
    fn put(&mut self, year: i32, indicator: &str, value: &str) -> &mut Setup {
        let _ = self.figures.remove(F, year, indicator);
        let figure = Figure {
            value: Val::Num(dec(value)),
            offset: 0,
        };
        self.figures.insert(F, year, indicator, figure).unwrap();
        self
    }

    fn category(&mut self, cat: &str) -> &mut Setup {
        self.figures.set_identity(
            F,
            Identity {
                raison_sociale: Some("CH DE TEST".into()),
                categorie: Some(cat.into()),
                annee: Y,
            },
        );
        self
    }

    /// An establishment with every threshold indicator known and none crossed.
    fn healthy(&mut self) -> &mut Setup {
        self.category("CH");
        for (indicator, value) in [
            ("résultat_principal", "100000"),
            ("résultat_consolidé", "100000"),
            ("produits", "10000000"),
            ("marge_brute_hors_aides", "0.08"),
            ("marge_brute_aidée", "0.09"),
            ("caf_sur_produits", "0.04"),
            ("caf_nette", "200000"),
            ("fonds_de_roulement", "1000000"),
            ("frng_jours", "30"),
            ("délai_global_paiement", "40"),
            ("jours_de_stocks", "20"),
            ("jours_de_stocks_médicaments", "20"),
            ("délai_facturation_ace", "30"),
        ] {
            self.put(Y, indicator, value);
        }
        self.put(Y - 1, "fonds_de_roulement", "900000");
        self.put(Y - 2, "fonds_de_roulement", "800000")
    }

    fn def(&self, name: &str) -> &DiagnosticDef {
        self.program.diagnosis_defs.get(name).unwrap()
    }

    fn one(&self) -> EstablishmentDiagnosis {
        diagnose_one(
            &self.program,
            &self.figures,
            Y,
            self.def("criticité_annexe_1"),
            F,
        )
        .unwrap()
    }

    fn group(&self) -> String {
        let e = self.one();
        let def = self.def("criticité_annexe_1");
        e.groupe
            .and_then(|g| def.groupes.get(g))
            .map_or("aucun".into(), |g| g.nom.value.clone())
    }
}

fn healthy() -> Setup {
    let mut s = setup("");
    s.healthy();
    s
}

#[test]
fn a_healthy_establishment_is_sans_alerte_and_certain() {
    let s = healthy();
    let e = s.one();
    assert_eq!(s.group(), "sans alerte");
    assert_eq!(
        (e.vigilances, e.alertes, e.critiques, e.gravite),
        (0, 0, 0, 0)
    );
    assert!(e.incertains.is_empty(), "{:#?}", e.incertains);
    assert!(e.groupes_indetermines.is_empty());
    assert_eq!(e.etablissement.statut.as_deref(), Some("public"));
}

#[test]
fn vigilance_boundary_is_strict() {
    let mut s = healthy();
    s.put(Y, "délai_global_paiement", "50");
    assert_eq!(s.group(), "sans alerte");
    s.put(Y, "délai_global_paiement", "50.1");
    assert_eq!(s.group(), "à surveiller");
    assert_eq!(s.one().franchis[0].seuil, "> 50 j");
}

#[test]
fn fragile_starts_at_three_alerts() {
    let mut s = healthy();
    s.put(Y, "résultat_principal", "-1")
        .put(Y, "résultat_consolidé", "-1");
    assert_eq!(s.group(), "à surveiller");
    assert_eq!(s.one().alertes, 2);
    s.put(Y, "marge_brute_hors_aides", "0.0599");
    assert_eq!(s.group(), "fragile");
    s.put(Y, "marge_brute_hors_aides", "0.06");
    assert_eq!(s.group(), "à surveiller");
}

#[test]
fn a_negative_working_capital_alone_is_fragile_and_zero_is_not_negative() {
    let mut s = healthy();
    s.put(Y, "fonds_de_roulement", "0");
    assert_eq!(s.group(), "sans alerte");
    s.put(Y, "fonds_de_roulement", "-1");
    assert_eq!(s.group(), "fragile");
    assert_eq!(s.one().alertes, 1);
}

#[test]
fn a_critical_payment_delay_is_fragile() {
    let mut s = healthy();
    s.put(Y, "délai_global_paiement", "90");
    assert_eq!(s.group(), "à surveiller");
    assert_eq!(s.one().franchis[0].niveau, Niveau::Alerte);
    s.put(Y, "délai_global_paiement", "90.5");
    assert_eq!(s.group(), "fragile");
    let e = s.one();
    assert_eq!(
        (e.vigilances, e.alertes, e.critiques, e.gravite),
        (1, 1, 1, 3)
    );
}

#[test]
fn critique_needs_three_alerts_with_a_warning_sign() {
    let mut s = healthy();
    s.put(Y, "résultat_principal", "-1")
        .put(Y, "fonds_de_roulement", "-1");
    assert_eq!(s.group(), "fragile");
    s.put(Y, "résultat_consolidé", "-1");
    assert_eq!(s.group(), "critique");
    // The same three alerts without a warning sign: fragile.
    s.put(Y, "fonds_de_roulement", "1000000")
        .put(Y, "caf_sur_produits", "0.01");
    assert_eq!(s.group(), "fragile");
}

#[test]
fn caf_nette_from_its_formula_is_a_warning_sign() {
    let mut s = healthy();
    assert!(s.figures.remove(F, Y, "caf_nette").is_some());
    s.put(Y, "caf", "100")
        .put(Y, "remboursements_emprunts", "200")
        .put(Y, "résultat_principal", "-1")
        .put(Y, "résultat_consolidé", "-1");
    assert_eq!(s.group(), "critique");
    let e = s.one();
    let caf = e
        .franchis
        .iter()
        .find(|f| f.indicateur == "caf_nette")
        .unwrap();
    assert_eq!(caf.affichage, "\u{2212}100 €");
    assert_eq!(caf.derivation.inputs[0].kind, StepKind::Formule);
}

#[test]
fn the_deficit_threshold_depends_on_the_category() {
    let mut s = healthy();
    // 2,5 % of the revenue: above 2 % (CHU, CHR), under 3 % (CH).
    s.put(Y, "résultat_principal", "-250000");
    let alert = |s: &Setup| {
        s.one()
            .franchis
            .iter()
            .any(|f| f.indicateur == "taux_de_déficit")
    };
    assert!(!alert(&s));
    s.category("CHR");
    assert!(alert(&s));
    // Unknown category: the threshold cannot be told.
    s.category("CLI");
    let e = s.one();
    assert!(!alert(&s));
    let i = e
        .incertains
        .iter()
        .find(|i| i.indicateur == "taux_de_déficit")
        .unwrap();
    assert_eq!(i.affichage.as_deref(), Some("2,5 %"));
    assert!(i.raison.contains("catégorie"));
    // 5 %: an alert whatever the category.
    s.put(Y, "résultat_principal", "-500000");
    assert!(alert(&s));
}

#[test]
fn continuous_draw_on_working_capital_over_three_years() {
    let mut s = healthy();
    for (year, fr) in [(Y - 3, "1200000"), (Y - 2, "1100000"), (Y - 1, "1050000")] {
        s.put(year, "fonds_de_roulement", fr);
    }
    let count = |s: &Setup| {
        let e = s.one();
        let crossed = e
            .franchis
            .iter()
            .find(|f| f.indicateur == prelevement::INDICATEUR)
            .map(|f| f.affichage.clone());
        let open = e
            .incertains
            .iter()
            .find(|i| i.indicateur == prelevement::INDICATEUR)
            .cloned();
        (crossed, open)
    };
    // 2014 rose: no draw in the last year, the count is a known 0.
    s.put(Y, "fonds_de_roulement", "1100000");
    assert_eq!(count(&s), (None, None));
    s.put(Y, "fonds_de_roulement", "1000000");
    assert_eq!(count(&s).0.as_deref(), Some("3"));
    assert_eq!(s.group(), "à surveiller");
    // Without 2011, the third year cannot be told: missing, not 0.
    s.figures.remove(F, Y - 3, "fonds_de_roulement");
    let (crossed, open) = count(&s);
    assert_eq!(crossed, None);
    let open = open.unwrap();
    assert_eq!(open.affichage, None);
    assert_eq!(
        open.chiffres_manquants,
        vec!["fonds_de_roulement".to_string()]
    );
    // The financing table's variation, when given, is the draw itself.
    for year in Y - 2..=Y {
        s.put(year, "variation_fonds_de_roulement", "-1");
    }
    assert_eq!(count(&s).0.as_deref(), Some("3"));
    // A figure for the count wins.
    s.put(Y, prelevement::INDICATEUR, "1");
    assert_eq!(count(&s), (None, None));
}

#[test]
fn missing_is_not_zero() {
    let mut s = healthy();
    // 0 % of CAF on revenue is an alert…
    s.put(Y, "caf_sur_produits", "0");
    assert_eq!(s.one().alertes, 1);
    // … a missing one is not: it is listed, with the figure it lacks.
    s.figures.remove(F, Y, "caf_sur_produits");
    let e = s.one();
    assert_eq!(e.alertes, 0);
    let i = e
        .incertains
        .iter()
        .find(|i| i.indicateur == "caf_sur_produits")
        .unwrap();
    assert_eq!((i.affichage.as_ref(), i.niveau), (None, Niveau::Alerte));
    assert_eq!(i.chiffres_manquants, vec!["caf".to_string()]);
    // The group that could hold is named, and not taken.
    assert_eq!(s.group(), "sans alerte");
    let open: Vec<usize> = e.groupes_indetermines.iter().map(|(g, _)| *g).collect();
    assert_eq!(open, vec![2]);
}

#[test]
fn counts_are_intervals() {
    let mut s = healthy();
    // Two alerts known, a third possible (marge missing): fragile is unknown.
    s.put(Y, "résultat_principal", "-1")
        .put(Y, "résultat_consolidé", "-1");
    s.figures.remove(F, Y, "marge_brute_hors_aides");
    let e = s.one();
    assert_eq!(s.group(), "à surveiller");
    assert_eq!(e.groupes_indetermines.len(), 1);
    let (g, why) = &e.groupes_indetermines[0];
    assert_eq!(*g, 1);
    assert_eq!(why, &vec![groupes::SEUILS_INCERTAINS.to_string()]);
}

#[test]
fn an_establishment_without_any_threshold_value_is_not_diagnosed() {
    let mut s = setup("");
    s.put(Y, "taux_chirurgie_ambulatoire", "0.3");
    s.put(Y - 1, "résultat_principal", "-1");
    let def = s.def("criticité_annexe_1");
    assert!(diagnose_one(&s.program, &s.figures, Y, def, F).is_none());
    let d = diagnose(&s.program, &s.figures, Y, def);
    assert_eq!(d.sans_chiffres.len(), 1);
    let d = diagnose(&s.program, &s.figures, Y + 1, def);
    assert_eq!((d.sans_chiffres.len(), d.absents), (0, 1));
}

const REGION: &str = r#"
diagnostic région {
  libellé "Classement régional"
  groupe "prioritaire" à_contractualiser si non (fonds_de_roulement >= 0 €) ou critiques >= 1
  groupe "suivi" si alertes >= 1
}
"#;

#[test]
fn a_regional_grouping_without_fallback() {
    let mut s = setup(REGION);
    s.healthy();
    let def = s.program.diagnosis_defs.get("région").unwrap().clone();
    assert!(def.groupes[0].a_contractualiser);
    assert_eq!(prelevement::window(&def), None);
    let group = |s: &Setup| {
        let def = s.program.diagnosis_defs.get("région").unwrap();
        diagnose_one(&s.program, &s.figures, Y, def, F)
            .unwrap()
            .groupe
    };
    assert_eq!(group(&s), None);
    s.put(Y, "résultat_principal", "-1");
    assert_eq!(group(&s), Some(1));
    s.put(Y, "fonds_de_roulement", "-1");
    assert_eq!(group(&s), Some(0));
    // Without a window, the draw count is not computed.
    let e = diagnose_one(&s.program, &s.figures, Y, &def, F).unwrap();
    assert!(e
        .incertains
        .iter()
        .any(|i| i.indicateur == prelevement::INDICATEUR));
}

#[test]
fn group_conditions_are_checked() {
    let check = |text: &str| -> Vec<String> {
        let (_, diagnostics, _) = crate::pipeline::check_text("r.pacte", text);
        diagnostics.iter().map(|d| d.code.to_string()).collect()
    };
    assert!(check(REGION).is_empty());
    assert_eq!(
        check(r#"diagnostic d { groupe "x" si alertes + 1 }"#),
        vec!["E0301"]
    );
    assert_eq!(
        check(r#"diagnostic d { groupe "x" si alertes >= 1 €  }"#),
        vec!["E0301"]
    );
    assert_eq!(
        check(r#"diagnostic d { groupe "x" si signaux >= 1 }"#),
        vec!["E0101"]
    );
    assert_eq!(
        check(r#"diagnostic d { groupe "x" a_contractualiser si vigilances >= 1 groupe "y" }"#),
        Vec::<String>::new()
    );
}

#[test]
fn ranks_follow_gravity_and_share_ties() {
    let mut s = setup("");
    let put = |s: &mut Setup, finess: &str, indicator: &str, value: &str| {
        let figure = Figure {
            value: Val::Num(dec(value)),
            offset: 0,
        };
        s.figures.insert(finess, Y, indicator, figure).unwrap();
    };
    put(&mut s, "1", "délai_global_paiement", "95");
    put(&mut s, "2", "délai_global_paiement", "60");
    put(&mut s, "3", "délai_global_paiement", "75");
    put(&mut s, "4", "délai_global_paiement", "75");
    put(&mut s, "5", "délai_global_paiement", "10");
    let def = s.def("criticité_annexe_1");
    let d = diagnose(&s.program, &s.figures, Y, def);
    let shown: Vec<(String, Option<usize>, usize, bool)> = d
        .etablissements
        .iter()
        .map(|e| (e.etablissement.finess.clone(), e.groupe, e.rang, e.ex_aequo))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("1".into(), Some(1), 1, false),
            ("3".into(), Some(2), 1, true),
            ("4".into(), Some(2), 1, true),
            ("2".into(), Some(2), 3, false),
            ("5".into(), Some(3), 1, false),
        ]
    );
    assert_eq!(
        d.groupes.iter().map(|g| g.effectif).collect::<Vec<_>>(),
        vec![0, 1, 3, 1]
    );
}

/// Every (year, indicator) figure of an establishment.
fn keys_of(s: &Setup) -> Vec<(i32, String)> {
    let mut out = Vec::new();
    for name in s.program.indicateurs.keys() {
        for year in Y - 4..=Y {
            if s.figures.get(F, year, name).is_some() {
                out.push((year, name.clone()));
            }
        }
    }
    out
}

/// Group index, less severe = larger; not diagnosed counts as the least.
fn severity(s: &Setup) -> usize {
    let def = s.def("criticité_annexe_1");
    diagnose_one(&s.program, &s.figures, Y, def, F)
        .and_then(|e| e.groupe)
        .unwrap_or(usize::MAX)
}

fn assert_removal_never_raises(s: &Setup) {
    let before = severity(s);
    for (year, name) in keys_of(s) {
        let mut without = Setup {
            program: s.program.clone(),
            figures: s.figures.clone(),
        };
        without.figures.remove(F, year, &name);
        let after = severity(&without);
        assert!(
            after >= before,
            "removing {name} {year} raised the group from {before} to {after}"
        );
    }
}

#[test]
fn removing_a_figure_never_raises_the_group() {
    let mut s = healthy();
    s.put(Y, "résultat_principal", "-1")
        .put(Y, "résultat_consolidé", "-1")
        .put(Y, "fonds_de_roulement", "-1")
        .put(Y, "délai_global_paiement", "95");
    assert_eq!(s.group(), "critique");
    assert_removal_never_raises(&s);
    let mut s = healthy();
    s.put(Y, "marge_brute_hors_aides", "0.01");
    assert_removal_never_raises(&s);
}

const INDICATORS: [&str; 8] = [
    "résultat_principal",
    "résultat_consolidé",
    "produits",
    "caf_sur_produits",
    "fonds_de_roulement",
    "frng_jours",
    "délai_global_paiement",
    "marge_brute_hors_aides",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random figures, some missing: taking any one away never makes the
    /// group more severe.
    #[test]
    fn missing_figures_never_raise_the_group(
        values in proptest::collection::vec(proptest::option::of(-200i64..200), INDICATORS.len()),
        previous in proptest::option::of(-200i64..200),
    ) {
        let mut s = setup("");
        s.category("CH");
        for (name, v) in INDICATORS.iter().zip(&values) {
            if let Some(v) = v {
                // Ratios around their thresholds, amounts and days as they come.
                let value = match *name {
                    "caf_sur_produits" | "marge_brute_hors_aides" => Decimal::new(*v, 3),
                    "produits" => Decimal::from(v.abs() * 1000 + 1),
                    _ => Decimal::from(*v),
                };
                s.put(Y, name, &value.to_string());
            }
        }
        if let Some(p) = previous {
            s.put(Y - 1, "fonds_de_roulement", &p.to_string());
        }
        assert_removal_never_raises(&s);
    }
}
