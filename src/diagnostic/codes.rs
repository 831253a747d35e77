//! The registry of diagnostic codes: one table giving each code its severity,
//! the stage (module) that emits it, a French title and its explanation page
//! (`docs/codes/<CODE>.md`, printed by `pacte explain`).

use serde::Serialize;

/// Error or warning. Fixed per code by the registry (spec §5), never at the call site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $code:ident : $sev:ident, $stage:literal, $title:literal; )*) => {
        /// Every diagnostic code Pacte can emit.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $code, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$code, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$code => stringify!($code), )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$code => Severity::$sev, )* }
            }

            /// The module that emits the code (docs/ARCHITECTURE.md).
            pub fn stage(self) -> &'static str {
                match self { $( Code::$code => $stage, )* }
            }

            pub fn title(self) -> &'static str {
                match self { $( Code::$code => $title, )* }
            }

            /// The long explanation printed by `pacte explain`.
            pub fn explanation(self) -> &'static str {
                match self { $( Code::$code => include_str!(concat!("../../docs/codes/", stringify!($code), ".md")), )* }
            }
        }
    };
}

codes! {
    E0001: Error, "syntax", "erreur de syntaxe";
    E0002: Error, "syntax", "fichier illisible comme texte";
    E0101: Error, "resolve", "nom inconnu";
    E0102: Error, "resolve", "élément défini deux fois";
    E0103: Error, "validate", "champ obligatoire manquant";
    E0104: Error, "resolve", "définition circulaire";
    E0107: Error, "resolve", "import hors de l'arborescence vérifiée";
    E0108: Error, "resolve", "cycle d'imports";
    E0201: Error, "validate", "période incohérente";
    E0202: Error, "validate", "année de cible ou de base hors de la période";
    E0203: Error, "validate", "numéro FINESS mal formé ou clé erronée";
    E0204: Error, "validate", "fin du contrat hors du dernier exercice ou avant sa date d'effet";
    E0301: Error, "typeck", "dimensions incompatibles dans une comparaison";
    E0302: Error, "typeck", "dimensions incompatibles dans un calcul";
    E0303: Warning, "typeck", "sens de la cible contraire au sens de l'indicateur";
    E0304: Warning, "typeck", "cible qui n'améliore pas la base";
    E0305: Warning, "typeck", "cibles qui reculent d'une année à l'autre";
    E0401: Error, "validate", "table de modulation mal formée";
    E0501: Error, "validate", "poids non positif";
    R0101: Error, "rules/duree", "durée hors du cadre";
    R0102: Error, "rules/aide", "aide de la première année non ferme";
    R0103: Error, "rules/aide", "aide ferme au-delà de la première année";
    R0104: Error, "rules/aide", "aide en hausse";
    R0105: Error, "rules/aide", "année d'aide hors de la période";
    R0106: Error, "rules/signature", "versement avant la signature";
    R0107: Warning, "rules/signature", "signature après la date limite du cadre";
    R0108: Warning, "rules/signature", "première année différente de l'année de signature";
    R0109: Warning, "rules/duree", "durée plus courte que la durée recommandée";
    R0110: Error, "rules/signature", "cosignataire requis absent";
    R0201: Error, "rules/objectifs", "type d'objectif requis absent";
    R0202: Error, "rules/objectifs", "premières cibles trop tardives";
    R0203: Warning, "rules/objectifs", "année sans cible";
    R0204: Error, "rules/objectifs", "famille de thèmes requise absente";
    R0205: Warning, "rules/objectifs", "trop d'indicateurs";
    R0301: Error, "rules/dialogue", "dialogue absent ou trop tardif";
    R0401: Error, "rules/eligibilite", "statut non éligible";
    R0402: Error, "rules/eligibilite", "enveloppe non admise par le cadre";
    R0501: Error, "rules/tresorerie", "objectif de trésorerie requis";
    R0601: Error, "rules/gains", "gains attendus insuffisants";
    R0602: Error, "rules/gains", "part des gains sur les recettes trop élevée";
    R0603: Error, "rules/gains", "gain sur les recettes non justifié";
    R0604: Warning, "rules/actions", "économies prévues ou sous-actions qui ne s'additionnent pas";
    R0701: Error, "rules/cross", "contrats chevauchants pour un même établissement";
    R0702: Error, "rules/cross", "aide au-delà de la délégation ou de l'enveloppe";
    R0801: Warning, "rules/opposable", "clause plus large que la règle opposable";
    V0101: Error, "eval", "compte financier déposé après la date limite, ou sans date de dépôt";
    V0102: Error, "eval", "fin d'éligibilité à l'aide";
    V0103: Warning, "validate/revue", "décision d'aide supérieure à l'aide prévue";
    V0201: Error, "eval/figures", "fichier de chiffres mal formé";
    V0202: Error, "eval/figures", "indicateur inconnu dans les chiffres";
    V0203: Error, "eval/figures", "valeur illisible dans les chiffres";
    V0204: Error, "eval/figures", "unité incompatible avec l'indicateur";
    V0205: Error, "eval/figures", "valeur en double dans les chiffres";
}

impl Code {
    /// Looks a code up by its name, case-insensitively (`e0101` works).
    pub fn parse(text: &str) -> Option<Code> {
        let wanted = text.trim().to_ascii_uppercase();
        Code::ALL.iter().copied().find(|c| c.as_str() == wanted)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
