//! The items of a generated file (see `gen.rs`).

use super::Gen;

impl Gen {
    fn maybe(
        &mut self,
        percent: u64,
        out: &mut Vec<String>,
        field: impl FnOnce(&mut Gen) -> String,
    ) {
        if self.rng.chance(percent) {
            out.push(field(self));
        }
    }

    fn repeat(
        &mut self,
        max: u64,
        out: &mut Vec<String>,
        mut field: impl FnMut(&mut Gen) -> String,
    ) {
        for _ in 0..self.rng.below(max + 1) {
            out.push(field(self));
        }
    }

    fn libelle(&mut self) -> String {
        format!("{} {}", self.kw("libellé", "libelle"), self.string())
    }

    pub(super) fn contrat(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(90, &mut f, |g| {
            format!("{} {}", g.kw("intitulé", "intitule"), g.string())
        });
        self.maybe(90, &mut f, |_| "cadre redressement_2025".into());
        self.maybe(80, &mut f, |g| format!("ars {}", g.string()));
        self.maybe(80, &mut f, |g| g.etablissement());
        self.maybe(80, &mut f, |g| {
            format!("{} le {}", g.kw("signé", "signe"), g.date())
        });
        self.maybe(80, &mut f, |g| {
            let (a, b) = (g.year(), g.year());
            format!("{} {a} {} {b}", g.kw("période", "periode"), g.kw("à", "a"))
        });
        self.maybe(30, &mut f, |g| format!("fin le {}", g.date()));
        self.maybe(30, &mut f, |g| format!("lieu {}", g.string()));
        self.repeat(2, &mut f, |g| format!("cosignataire {}", g.string()));
        self.maybe(50, &mut f, |g| format!("dialogue {}", g.date()));
        self.repeat(2, &mut f, |g| {
            let (n, d, s) = (1 + g.rng.below(3), g.date(), g.string());
            let integre = if g.rng.chance(40) {
                format!(" {} redressement_performance", g.kw("intègre", "integre"))
            } else {
                String::new()
            };
            format!("avenant {n} {} le {d} {s}{integre}", g.kw("signé", "signe"))
        });
        self.repeat(2, &mut f, |g| format!("texte {}", g.text()));
        self.maybe(80, &mut f, |g| g.aide("redressement_performance"));
        self.maybe(30, &mut f, |g| g.aide("fir"));
        self.repeat(2, &mut f, |g| g.reference());
        self.repeat(3, &mut f, |g| g.objectif());
        self.repeat(2, &mut f, |g| g.condition());
        self.maybe(40, &mut f, |g| g.modulation());
        let id = self.rng.pick(&["ch_test", "chu_x_2025", "ébnl_été"]);
        self.block(&format!("contrat {id}"), f)
    }

    fn etablissement(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| format!("raison_sociale {}", g.string()));
        self.maybe(80, &mut f, |_| "finess \"760000018\"".into());
        self.maybe(80, &mut f, |g| {
            format!(
                "statut {}",
                g.rng.pick(&["public", "ebnl", "privé_lucratif"])
            )
        });
        self.maybe(80, &mut f, |g| {
            format!(
                "{} {}",
                g.kw("catégorie", "categorie"),
                g.rng.pick(&["CH", "CHU", "EBNL"])
            )
        });
        self.maybe(50, &mut f, |g| format!("ght {}", g.string()));
        self.maybe(50, &mut f, |g| {
            format!("{} {}", g.kw("région", "region"), g.string())
        });
        let kw = self.kw("établissement", "etablissement");
        self.block(&kw, f)
    }

    fn aide(&mut self, source: &str) -> String {
        let mut f = Vec::new();
        self.repeat(4, &mut f, |g| {
            let statut = g.rng.pick(&["", " ferme", " indicatif"]);
            let (y, q) = (g.year(), g.quantity(&["€", "k€", "M€"]));
            format!("{y}: {q}{statut}")
        });
        // `versement DATE` followed by a year would read the year as its
        // amount: payments come after the years.
        let mut out = self.block(&format!("aide {source}"), f);
        out.pop();
        for _ in 0..self.rng.below(3) {
            let d = self.date();
            let line = if self.rng.chance(50) {
                format!("versement {d} {}", self.quantity(&["€", "k€"]))
            } else {
                format!("versement {d}")
            };
            out.push_str(&line);
            out.push_str(&self.separator());
        }
        out.push('}');
        out
    }

    fn value(&mut self) -> String {
        match self.rng.below(6) {
            0 => self.date(),
            1 => "oui".into(),
            2 => format!("-{}", self.quantity(&["M€", "%"])),
            _ => self.quantity(&["€", "k€", "M€", "%", "j", "jours", "pt", ""]),
        }
    }

    fn reference(&mut self) -> String {
        let mut f = Vec::new();
        self.repeat(3, &mut f, |g| format!("{}: {}", g.name(), g.value()));
        let head = format!("{} {}", self.kw("référence", "reference"), self.year());
        self.block(&head, f)
    }

    fn objectif(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(80, &mut f, |g| {
            let t = match g.rng.below(3) {
                0 => "financier".to_string(),
                1 => format!("levier {}", g.name()),
                _ => g.kw("trésorerie", "tresorerie"),
            };
            format!("type {t}")
        });
        self.maybe(80, &mut f, |g| format!("indicateur {}", g.name()));
        self.maybe(50, &mut f, |g| format!("base {}: {}", g.year(), g.value()));
        self.repeat(3, &mut f, |g| {
            format!("cible {}: {}", g.year(), g.comparison())
        });
        self.maybe(50, &mut f, |g| format!("poids {}", g.number(10)));
        self.repeat(2, &mut f, |g| {
            let side = g.rng.pick(&["charges", "recettes"]);
            format!("gain {}: {} {side}", g.year(), g.quantity(&["€", "k€"]))
        });
        self.maybe(30, &mut f, |g| format!("justification {}", g.string()));
        self.repeat(2, &mut f, |g| g.action());
        self.maybe(30, &mut f, |g| format!("texte {}", g.text()));
        let id = self.rng.pick(&["marge", "ambulatoire", "stocks", "dgp"]);
        self.block(&format!("objectif {id}"), f)
    }

    fn action(&mut self) -> String {
        let head = format!("action {}", self.string());
        match self.rng.below(3) {
            0 => head,
            1 => self.block(&head, Vec::new()),
            _ => {
                let mut f = Vec::new();
                self.maybe(70, &mut f, |g| format!("responsable {}", g.string()));
                self.maybe(70, &mut f, |g| {
                    format!("{} {}", g.kw("échéance", "echeance"), g.date())
                });
                self.block(&head, f)
            }
        }
    }

    fn condition(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(70, &mut f, |g| g.libelle());
        self.maybe(80, &mut f, |g| {
            let e = g.expr(3);
            if g.rng.chance(50) {
                let kw = g.kw("à partir de", "a partir de");
                format!("exige {e} {kw} {}", g.year())
            } else {
                format!("exige {e}")
            }
        });
        let id = self.rng.pick(&["stocks", "caf_positive"]);
        self.block(&format!("condition {id}"), f)
    }

    pub(super) fn modulation(&mut self) -> String {
        let mut lines = Vec::new();
        for _ in 0..self.rng.below(3) {
            let (c, a, b) = (self.cmp(), self.quantity(&["%"]), self.quantity(&["%"]));
            let r = self.kw("réalisation", "realisation");
            lines.push(format!("si {r} {c} {a}: {b}"));
        }
        if self.rng.chance(80) {
            lines.push(format!("sinon: {}", self.quantity(&["%"])));
        }
        let mut out = String::from("modulation {");
        for l in lines {
            out.push_str(&self.separator());
            out.push_str(&l);
        }
        out.push_str("\n}");
        out
    }

    pub(super) fn indicateur(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(50, &mut f, |g| format!("description {}", g.text()));
        self.maybe(80, &mut f, |g| {
            let u = g.rng.pick(&[
                "€", "k€", "%", "j", "jours", "nombre", "booléen", "booleen", "date",
            ]);
            format!("{} {u}", g.kw("unité", "unite"))
        });
        self.maybe(60, &mut f, |g| {
            format!("sens {}", g.rng.pick(&["hausse", "baisse", "cible"]))
        });
        self.maybe(50, &mut f, |g| format!("formule {}", g.expr(3)));
        self.repeat(3, &mut f, |g| {
            let niveau = g.rng.pick(&["vigilance", "alerte", "critique"]);
            let pour = g.rng.pick(&["", " pour CHU CHR", " pour CH"]);
            format!("seuil {niveau} {} {}{pour}", g.cmp(), g.value())
        });
        self.maybe(50, &mut f, |g| format!("source {}", g.string()));
        self.maybe(30, &mut f, |_| "hospidiag \"F1_D\"".into());
        self.block("indicateur taux_x", f)
    }

    pub(super) fn theme(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(50, &mut f, |g| format!("description {}", g.text()));
        self.maybe(80, &mut f, |g| {
            format!("indicateurs {}, {}", g.name(), g.name())
        });
        self.maybe(50, &mut f, |g| format!("source {}", g.string()));
        let kw = self.kw("thème", "theme");
        self.block(&format!("{kw} activité.autre"), f)
    }

    pub(super) fn cadre(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(50, &mut f, |g| format!("source {}", g.string()));
        self.repeat(1, &mut f, |g| format!("texte {}", g.text()));
        self.maybe(30, &mut f, |_| "opposable".into());
        let mut clauses = Vec::new();
        self.repeat(6, &mut clauses, |g| g.clause());
        // A clause directly followed by the framework's `source` would take
        // it as its own: keep clauses last, in their written order.
        let mut head = format!("cadre c{}", self.rng.below(9));
        if self.rng.chance(40) {
            head.push_str(&format!(" {} redressement_2025", self.kw("étend", "etend")));
        }
        let mut out = self.block(&head, f);
        out.pop();
        for c in clauses {
            out.push_str(&self.separator());
            out.push_str(&c);
        }
        out.push_str("\n}");
        out
    }

    fn clause(&mut self) -> String {
        if self.rng.chance(40) {
            return self.clause_v02();
        }
        let kind = match self.rng.below(12) {
            0 => format!(
                "{} {} {} {} exercices",
                self.kw("durée", "duree"),
                self.number(9),
                self.kw("à", "a"),
                self.number(9)
            ),
            1 => format!(
                "aide {}",
                self.rng.pick(&[
                    "ferme première_année",
                    "indicative années_suivantes",
                    "stable_ou_dégressive",
                    "dans la période",
                    "stable_ou_degressive"
                ])
            ),
            2 => format!("signature au plus tard {}", self.date()),
            3 => "signature avant versement".into(),
            4 => format!(
                "objectifs requis financier et {}",
                self.rng.pick(&["levier", "tresorerie"])
            ),
            5 => format!("premières_cibles au plus tard {}", self.year()),
            6 => format!("dialogue sous {} mois", self.number(12)),
            7 => format!(
                "statuts public {}",
                self.rng.pick(&["ebnl", "prive_lucratif"])
            ),
            8 => format!(
                "{} requise si {}",
                self.kw("trésorerie", "tresorerie"),
                self.expr(2)
            ),
            9 => format!(
                "compte_financier au plus tard {} {}",
                1 + self.rng.below(28),
                self.rng.pick(&["juillet", "aout", "décembre"])
            ),
            10 => self.modulation(),
            _ => self
                .rng
                .pick(&[
                    "cibles annuelles",
                    "première_année = année_signature",
                    "recettes justifiées",
                    "pondération par gains",
                    "donnée_manquante exclue",
                    "donnee_manquante zero",
                    "gains minimum 20 % du déficit et 2 % des produits",
                    "gains recettes maximum 30 %",
                    "enveloppe redressement_performance",
                    "fin_aide si résultat_principal >= 0 €",
                ])
                .to_string(),
        };
        if self.rng.chance(30) {
            format!("{kind} source {}", self.string())
        } else {
            kind
        }
    }

    pub(super) fn enveloppe(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(80, &mut f, |g| format!("exercice {}", g.year()));
        self.maybe(80, &mut f, |g| format!("montant {}", g.quantity(&["M€"])));
        self.repeat(2, &mut f, |g| {
            format!(
                "part {} {}",
                g.rng.pick(&["public", "ebnl"]),
                g.quantity(&["M€"])
            )
        });
        self.maybe(50, &mut f, |g| format!("source {}", g.string()));
        let mut clauses = Vec::new();
        self.repeat(3, &mut clauses, |g| g.clause());
        // As in a `cadre`, clauses come last: a `source` after a clause is its own.
        let mut out = self.block("enveloppe env", f);
        out.pop();
        for c in clauses {
            out.push_str(&self.separator());
            out.push_str(&c);
        }
        out.push_str("\n}");
        out
    }

    /// A clause added in v0.2 (spec §5), possibly with its `source`. The names
    /// of `enveloppes` end with the line, or with `;`.
    fn clause_v02(&mut self) -> String {
        let n = self.number(9);
        let kind = match self.rng.below(12) {
            0 => format!(
                "{} {n} {} {} ans",
                self.kw("durée", "duree"),
                self.kw("à", "a"),
                self.number(9)
            ),
            1 => format!("{} au plus {n} ans", self.kw("durée", "duree")),
            2 => format!(
                "{} {n} ans",
                self.kw("durée_recommandée", "duree_recommandee")
            ),
            3 => format!("cosignataire requis {}", self.string()),
            4 => format!("{} requis territoire", self.kw("thèmes", "themes")),
            5 => format!("indicateurs au plus {n}"),
            6 => format!(
                "aide indicative {}",
                self.kw("toutes_années", "toutes_annees")
            ),
            7 => format!(
                "{} {}",
                self.rng.pick(&["enveloppes", "enveloppe"]),
                self.rng.pick(&[
                    "fir",
                    "redressement_performance fir",
                    "fir redressement_performance"
                ])
            ),
            8 => format!("famille {}", self.rng.pick(&["redressement", "cpom"])),
            9 => format!(
                "{} {}",
                self.kw("modèle", "modele"),
                self.rng.pick(&["cref", "cpom"])
            ),
            10 => format!(
                "compte_financier au plus tard {} juillet suspend",
                1 + self.rng.below(28)
            ),
            _ => "fin_aide si résultat_hors_aides >= 0 €".into(),
        };
        let with_source = if self.rng.chance(30) {
            format!("{kind} source {}", self.string())
        } else {
            kind
        };
        if with_source.starts_with("enveloppe") {
            format!("{with_source};")
        } else {
            with_source
        }
    }

    /// `revue CONTRAT AAAA { … }` (§8).
    pub(super) fn revue(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(70, &mut f, |g| format!("date {}", g.date()));
        self.maybe(60, &mut f, |g| {
            format!("{} {}", g.kw("appréciation", "appreciation"), g.text())
        });
        self.repeat(2, &mut f, |g| {
            let id = g.rng.pick(&["marge", "ambulatoire"]);
            format!("objectif {id}: {}", g.string())
        });
        self.maybe(40, &mut f, |g| {
            format!(
                "compte_financier {} {}",
                g.kw("justifié", "justifie"),
                g.string()
            )
        });
        self.repeat(2, &mut f, |g| {
            let amount = g.quantity(&["k€", "%"]);
            format!(
                "{} aide {}: {amount} {}",
                g.kw("décision", "decision"),
                g.year(),
                g.string()
            )
        });
        let head = format!("revue ch_test {}", self.year());
        self.block(&head, f)
    }

    pub(super) fn delegation(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| format!("ars {}", g.string()));
        self.repeat(3, &mut f, |g| {
            format!("{}: {}", g.year(), g.quantity(&["M€", "k€"]))
        });
        let kw = self.kw("délégation", "delegation");
        self.block(&format!("{kw} env"), f)
    }

    pub(super) fn diagnostic(&mut self) -> String {
        let mut f = Vec::new();
        self.maybe(80, &mut f, |g| g.libelle());
        self.maybe(50, &mut f, |g| format!("source {}", g.string()));
        self.repeat(3, &mut f, |g| {
            let nom = g.string();
            if g.rng.chance(60) {
                format!("groupe {nom} si {}", g.expr(2))
            } else {
                format!("groupe {nom}")
            }
        });
        self.maybe(40, &mut f, |g| {
            format!(
                "{} sur {} ans",
                g.kw("prélèvement_continu", "prelevement_continu"),
                g.number(5)
            )
        });
        self.block("diagnostic d", f)
    }
}
