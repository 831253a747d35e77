//! A generator of valid but messy Pacte files from a seed: every item kind,
//! fields in random order, accented or plain keywords, `,` or `.` decimals,
//! digit groups or not, `≥`/`>=`, units with or without a space, `;` and
//! odd whitespace, blank lines, text blocks at any indentation, and
//! comments everywhere a comment may go (own line, end of line, after `{`,
//! inside expressions).

/// splitmix64: small, deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

struct Gen {
    rng: Rng,
    comments: usize,
}

/// A whole file: a contract and, sometimes, each other item kind.
pub fn file(seed: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed),
        comments: 0,
    };
    let mut items = vec![g.contrat()];
    if g.rng.chance(30) {
        items.push(format!("{} \"autre.pacte\"", "importe"));
    }
    if g.rng.chance(30) {
        items.push(g.indicateur());
    }
    if g.rng.chance(20) {
        items.push(g.theme());
    }
    if g.rng.chance(30) {
        items.push(g.cadre());
    }
    if g.rng.chance(20) {
        items.push(g.enveloppe());
    }
    if g.rng.chance(20) {
        items.push(g.delegation());
    }
    if g.rng.chance(15) {
        items.push(g.diagnostic());
    }
    if g.rng.chance(25) {
        items.push(g.revue());
    }
    g.rng.shuffle(&mut items);
    let mut out = String::new();
    if g.rng.chance(30) {
        out.push_str(&g.own_comment());
    }
    for item in items {
        out.push_str(&item);
        out.push_str(&g.separator());
    }
    if g.rng.chance(30) {
        out.push_str(&g.own_comment());
    }
    if g.rng.chance(10) {
        out = out.replace('\n', "\r\n");
    }
    out
}

impl Gen {
    fn kw(&mut self, accented: &str, plain: &str) -> String {
        if self.rng.chance(70) { accented } else { plain }.to_string()
    }

    fn comment_text(&mut self) -> String {
        self.comments += 1;
        let body = self
            .rng
            .pick(&[" note", "commentaire", " à revoir // ici", "", " « é »"]);
        format!("//{body} {}", self.comments)
    }

    fn own_comment(&mut self) -> String {
        let indent = self.rng.pick(&["", "  ", "\t"]);
        format!("\n{indent}{}\n", self.comment_text())
    }

    /// What goes between two fields or items.
    fn separator(&mut self) -> String {
        match self.rng.below(10) {
            0 => " ".into(),
            1 => "; ".into(),
            2 => "\n\n".into(),
            3 => "\n\n\n   ".into(),
            4 => self.own_comment(),
            5 => format!(" {}\n", self.comment_text()),
            6 => format!("\n{}\n\n", self.comment_text()),
            _ => "\n  ".into(),
        }
    }

    fn block(&mut self, head: &str, mut fields: Vec<String>) -> String {
        self.rng.shuffle(&mut fields);
        let mut out = format!("{head} {{");
        if self.rng.chance(15) {
            out.push_str(&format!(" {}", self.comment_text()));
        }
        out.push('\n');
        for f in fields {
            out.push_str(&f);
            out.push_str(&self.separator());
        }
        if self.rng.chance(15) {
            out.push_str(&self.own_comment());
        }
        out.push('}');
        out
    }

    fn number(&mut self, max: u64) -> String {
        let int = self.rng.below(max);
        let mut s = int.to_string();
        if int >= 1000 && self.rng.chance(50) {
            let sep = self.rng.pick(&[" ", "\u{A0}", "\u{202F}"]);
            s = group(&s, sep);
        }
        if self.rng.chance(40) {
            let sep = self.rng.pick(&[",", "."]);
            let digits = self.rng.pick(&["5", "25", "50", "125"]);
            s = format!("{s}{sep}{digits}");
        }
        s
    }

    fn quantity(&mut self, units: &[&str]) -> String {
        let n = self.number(3_000_000);
        let unit = self.rng.pick(units);
        if unit.is_empty() {
            return n;
        }
        let space = if self.rng.chance(50) { " " } else { "" };
        format!("{n}{space}{unit}")
    }

    fn year(&mut self) -> u64 {
        2020 + self.rng.below(10)
    }

    fn date(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}",
            self.year(),
            1 + self.rng.below(12),
            1 + self.rng.below(28)
        )
    }

    fn string(&mut self) -> String {
        let s = self.rng.pick(&[
            "Titre",
            "Avec \\\"guillemets\\\"",
            "Barre \\\\ oblique",
            "Deux\\nlignes",
            "Accents éèà « » — ok",
            "",
        ]);
        format!("\"{s}\"")
    }

    fn text(&mut self) -> String {
        if self.rng.chance(50) {
            return self.string();
        }
        let indent = " ".repeat(self.rng.below(8) as usize);
        let lines = self.rng.below(4) + 1;
        let mut out = String::from("\"\"\"\n");
        for i in 0..lines {
            let extra = if self.rng.chance(30) { "  " } else { "" };
            let line = self.rng.pick(&[
                "Un paragraphe.",
                "- une puce",
                "*emphase*",
                "// pas un commentaire",
            ]);
            out.push_str(&format!("{indent}{extra}{line} {i}\n"));
            if self.rng.chance(25) {
                out.push('\n');
            }
        }
        out.push_str(&indent);
        out.push_str("\"\"\"");
        out
    }

    fn name(&mut self) -> String {
        self.rng
            .pick(&[
                "marge",
                "caf",
                "jours_de_stocks",
                "délai_paiement",
                "activité.bloc",
                "x1",
            ])
            .to_string()
    }

    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.chance(30) {
            return match self.rng.below(5) {
                0 | 1 => self.name(),
                2 => self.quantity(&["", "€", "k€", "%", "j", "pt"]),
                3 => self.date(),
                // `non` as the last word of an expression would take the next
                // field's keyword as its operand: it is never written there.
                _ => "oui".to_string(),
            };
        }
        match self.rng.below(6) {
            0 => format!("({})", self.expr(depth - 1)),
            1 => format!("{}{}", self.rng.pick(&["-", "non "]), self.expr(depth - 1)),
            2 => {
                let f = self.rng.pick(&["min", "max"]);
                format!("{f}({}, {})", self.expr(depth - 1), self.expr(depth - 1))
            }
            3 => format!("abs({})", self.expr(depth - 1)),
            _ => {
                let op = self.rng.pick(&[
                    "+", "-", "*", "/", ">=", "≥", "<=", "≤", ">", "<", "=", "et", "ou",
                ]);
                let sep = if self.rng.chance(10) {
                    format!(" {}\n", self.comment_text())
                } else {
                    " ".into()
                };
                format!("{} {op}{sep}{}", self.expr(depth - 1), self.expr(depth - 1))
            }
        }
    }

    fn cmp(&mut self) -> String {
        let op = self.rng.pick(&[">=", "≥", "<=", "≤", ">", "<", "="]);
        op.to_string()
    }

    fn comparison(&mut self) -> String {
        if self.rng.chance(15) {
            let e = self.kw("entre", "entre");
            return format!("{e} {} et {}", self.quantity(&["%"]), self.quantity(&["%"]));
        }
        let c = self.cmp();
        format!("{c} {}", self.quantity(&["%", "j", "€", "M€", ""]))
    }
}

fn group(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[path = "gen_items.rs"]
mod items;

/// A literate file: the lines of a generated file cut into ```` ```pacte ````
/// blocks at random line boundaries, with Markdown prose between them.
pub fn literate(seed: u64) -> String {
    let code = file(seed).replace("\r\n", "\n");
    let mut rng = Rng(seed ^ 0x5EED);
    let mut out = String::from("# Contrat\n\nUn  préambule   en *Markdown*.\n\n```pacte\n");
    for line in code.lines() {
        out.push_str(line);
        out.push('\n');
        if rng.chance(8) {
            let prose = rng.pick(&[
                "Du texte.",
                "- une puce\n- deux",
                "> citation",
                "```json\n{ }\n```",
            ]);
            out.push_str(&format!("```\n\n{prose}\n\n```pacte\n"));
        }
    }
    out.push_str("```\n\nFin.\n");
    out
}
