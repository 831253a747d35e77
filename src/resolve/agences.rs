//! The 18 regional health agencies (E0101 for an `ars` that names none of
//! them, with the closest one suggested) and their départements (E0109, a
//! warning, when the establishment's FINESS lies outside the agency's
//! region).
//!
//! The list is the administrative map of France since 2016 (13 regions of
//! metropolitan France, 5 overseas): it changes by law, not by instruction,
//! so it lives here rather than in `std/`.

use crate::ast::{Contrat, Text};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::resolve::suggest::fold;

/// (official name, départements as the first two characters of a FINESS
/// number; overseas FINESS numbers all start with `97`).
const AGENCES: &[(&str, &[&str])] = &[
    (
        "ARS Auvergne-Rhône-Alpes",
        &[
            "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74",
        ],
    ),
    (
        "ARS Bourgogne-Franche-Comté",
        &["21", "25", "39", "58", "70", "71", "89", "90"],
    ),
    ("ARS Bretagne", &["22", "29", "35", "56"]),
    (
        "ARS Centre-Val de Loire",
        &["18", "28", "36", "37", "41", "45"],
    ),
    ("ARS Corse", &["2A", "2B", "20"]),
    (
        "ARS Grand Est",
        &["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
    ),
    ("ARS Hauts-de-France", &["02", "59", "60", "62", "80"]),
    (
        "ARS Île-de-France",
        &["75", "77", "78", "91", "92", "93", "94", "95"],
    ),
    ("ARS Normandie", &["14", "27", "50", "61", "76"]),
    (
        "ARS Nouvelle-Aquitaine",
        &[
            "16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87",
        ],
    ),
    (
        "ARS Occitanie",
        &[
            "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
        ],
    ),
    ("ARS Pays de la Loire", &["44", "49", "53", "72", "85"]),
    (
        "ARS Provence-Alpes-Côte d'Azur",
        &["04", "05", "06", "13", "83", "84"],
    ),
    ("ARS Guadeloupe", &["97"]),
    ("ARS Guyane", &["97"]),
    ("ARS Martinique", &["97"]),
    ("ARS La Réunion", &["97"]),
    ("ARS Mayotte", &["97"]),
];

/// Other names in use for the same agencies.
const ALIASES: &[(&str, &str)] = &[
    ("ARS PACA", "ARS Provence-Alpes-Côte d'Azur"),
    ("ARS Réunion", "ARS La Réunion"),
    ("ARS ARA", "ARS Auvergne-Rhône-Alpes"),
    ("ARS BFC", "ARS Bourgogne-Franche-Comté"),
    ("ARS IDF", "ARS Île-de-France"),
    ("ARS CVL", "ARS Centre-Val de Loire"),
    ("ARS HDF", "ARS Hauts-de-France"),
    ("ARS NA", "ARS Nouvelle-Aquitaine"),
    ("ARS PDL", "ARS Pays de la Loire"),
];

/// Every official agency name, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    AGENCES.iter().map(|(name, _)| *name)
}

/// A name compared as people write it: case, accents, hyphens, apostrophes
/// and spaces do not count; « Agence régionale de santé » is « ARS ».
fn key(name: &str) -> String {
    let folded = fold(name).replace("agence regionale de sante", "ars");
    let folded = if folded.starts_with("ars") {
        folded
    } else {
        format!("ars {folded}")
    };
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The official name of the agency a text names, if any.
pub fn official(name: &str) -> Option<&'static str> {
    let wanted = key(name);
    AGENCES
        .iter()
        .map(|(n, _)| (*n, *n))
        .chain(ALIASES.iter().copied())
        .find(|(written, _)| key(written) == wanted)
        .map(|(_, official)| official)
}

/// The agency of a FINESS number's département (none for overseas `97…`,
/// shared by five agencies).
pub fn of_finess(finess: &str) -> Option<&'static str> {
    let dept: String = finess.chars().take(2).collect::<String>().to_uppercase();
    AGENCES
        .iter()
        .find(|(_, ds)| dept != "97" && ds.contains(&dept.as_str()))
        .map(|(n, _)| *n)
}

/// Whether a FINESS number lies in an agency's region (official name).
pub fn covers(official: &str, finess: &str) -> bool {
    let dept: String = finess.chars().take(2).collect::<String>().to_uppercase();
    departements(official).contains(&dept.as_str())
}

/// The départements of an agency (official name).
fn departements(official: &str) -> &'static [&'static str] {
    AGENCES
        .iter()
        .find(|(n, _)| *n == official)
        .map_or(&[], |(_, d)| d)
}

pub fn check(program: &Program, d: &mut Diagnostics) {
    for contrat in &program.contrats {
        let Some(ars) = &contrat.ars else { continue };
        match official(&ars.value) {
            Some(agence) => region_of_finess(contrat, agence, ars, d),
            None => d.push(unknown(ars)),
        }
    }
    for delegation in &program.delegations {
        if let Some(ars) = delegation
            .ars
            .as_ref()
            .filter(|a| official(&a.value).is_none())
        {
            d.push(unknown(ars));
        }
    }
}

fn unknown(ars: &Text) -> Diagnostic {
    let wanted = key(&ars.value);
    let suggestion = names()
        .map(|n| (strsim::jaro_winkler(&key(n), &wanted), n))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n);
    let diagnostic = Diagnostic::new(
        Code::E0101,
        ars.span,
        format!("agence inconnue « {} »", ars.value),
    )
    .label("pas une des 18 ARS");
    match suggestion {
        Some(name) => diagnostic.help(format!("vouliez-vous dire « {name} » ?")),
        None => diagnostic.help(format!(
            "écrivez le nom d'une des 18 agences régionales de santé, par exemple « {} »",
            "ARS Normandie"
        )),
    }
}

/// E0109 (warning): the FINESS département is not in the agency's region.
fn region_of_finess(contrat: &Contrat, agence: &str, ars: &Text, d: &mut Diagnostics) {
    let Some(finess) = contrat
        .etablissement
        .as_ref()
        .and_then(|e| e.finess.as_ref())
    else {
        return;
    };
    if crate::validate::finess::check_finess(&finess.value).is_err() {
        return; // E0203 says what is wrong with the number
    }
    let dept: String = finess
        .value
        .chars()
        .take(2)
        .collect::<String>()
        .to_uppercase();
    if departements(agence).contains(&dept.as_str()) {
        return;
    }
    let other = of_finess(&finess.value);
    let mut diagnostic = Diagnostic::new(
        Code::E0109,
        finess.span,
        format!(
            "le FINESS {} est dans le département {dept}, hors du ressort de l'{agence}",
            finess.value
        ),
    )
    .label(format!("département {dept}"))
    .secondary(ars.span, "agence du contrat");
    diagnostic = match other {
        Some(o) => diagnostic.help(format!(
            "vérifiez le numéro FINESS, ou l'agence : ce département relève de l'{o}"
        )),
        None => diagnostic.help("vérifiez le numéro FINESS et l'agence signataire"),
    };
    d.push(diagnostic)
}
