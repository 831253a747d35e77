//! The syntax of each field, in the words of `docs/langage.md`, for the
//! help lines of E0001: « syntaxe du champ `période` : `période AAAA à AAAA` »,
//! « `cible` s'écrit dans un bloc objectif ».

/// (keyword, block it belongs to, syntax).
const CHAMPS: &[(&str, &str, &str)] = &[
    ("intitulé", "contrat", "intitulé \"…\""),
    ("cadre", "contrat", "cadre redressement_2025"),
    ("ars", "contrat", "ars \"ARS Normandie\""),
    (
        "établissement",
        "contrat",
        "établissement { raison_sociale \"…\" finess \"…\" statut public catégorie CH }",
    ),
    ("signé", "contrat", "signé le AAAA-MM-JJ"),
    ("période", "contrat", "période AAAA à AAAA"),
    ("fin", "contrat", "fin le AAAA-MM-JJ"),
    ("lieu", "contrat", "lieu \"…\""),
    ("cosignataire", "contrat", "cosignataire \"ANAP\""),
    ("dialogue", "contrat", "dialogue AAAA-MM-JJ"),
    (
        "avenant",
        "contrat",
        "avenant 1 signé le AAAA-MM-JJ \"objet\"",
    ),
    (
        "aide",
        "contrat",
        "aide redressement_performance { 2026: 1,2 M€ ferme }",
    ),
    ("versement", "aide", "versement AAAA-MM-JJ [MONTANT]"),
    (
        "référence",
        "contrat",
        "référence 2024 { marge_brute_hors_aides: 2,8 % }",
    ),
    ("objectif", "contrat", "objectif marge { … }"),
    (
        "condition",
        "contrat",
        "condition stocks { libellé \"…\" exige jours_de_stocks <= 28 j à partir de 2026 }",
    ),
    (
        "modulation",
        "contrat",
        "modulation { si réalisation >= 90 %: 100 % … sinon: 0 % }",
    ),
    (
        "raison_sociale",
        "établissement",
        "raison_sociale \"Centre hospitalier de …\"",
    ),
    ("finess", "établissement", "finess \"760000018\""),
    (
        "statut",
        "établissement",
        "statut public|ebnl|privé_lucratif",
    ),
    ("catégorie", "établissement", "catégorie CH"),
    ("ght", "établissement", "ght \"…\""),
    ("région", "établissement", "région \"…\""),
    ("libellé", "objectif", "libellé \"…\""),
    (
        "type",
        "objectif",
        "type financier | type levier THÈME | type trésorerie",
    ),
    (
        "indicateur",
        "objectif",
        "indicateur marge_brute_hors_aides",
    ),
    ("base", "objectif", "base 2024: 2,8 %"),
    ("cible", "objectif", "cible 2026: >= 4 %"),
    ("poids", "objectif", "poids 3"),
    ("gain", "objectif", "gain 2026: 300 k€ charges|recettes"),
    ("justification", "objectif", "justification \"…\""),
    (
        "action",
        "objectif",
        "action \"…\" { responsable \"…\" échéance AAAA-MM-JJ }",
    ),
    ("responsable", "action", "responsable \"…\""),
    ("échéance", "action", "échéance AAAA-MM-JJ"),
    (
        "exige",
        "condition",
        "exige jours_de_stocks <= 28 j [à partir de AAAA]",
    ),
    ("si", "modulation", "si réalisation >= 90 %: 100 %"),
    ("sinon", "modulation", "sinon: 0 %"),
];

/// The block a field keyword belongs to, in words (`un bloc objectif`).
pub fn block_of(word: &str) -> Option<&'static str> {
    let fold = crate::resolve::suggest::fold;
    CHAMPS
        .iter()
        .find(|(kw, block, _)| fold(kw) == fold(word) && *block != "contrat")
        .map(|(_, block, _)| *block)
}

/// The syntax of a field, from its keyword (accented or not).
pub fn syntax_of(word: &str) -> Option<&'static str> {
    let fold = crate::resolve::suggest::fold;
    CHAMPS
        .iter()
        .find(|(kw, _, _)| fold(kw) == fold(word))
        .map(|(_, _, syntax)| *syntax)
}
