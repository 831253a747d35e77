#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte test` and the impact of a change at regional scale (spec §11).
//! Two measures, each with a 1 s target on 2 cores:
//! - `pacte test`: 2 000 generated contracts × 5 scenarios each (four
//!   evaluation scenarios and one check scenario), from parsing to the text
//!   report;
//! - impact: one contract's target changed in a 2 000-contract region,
//!   both versions checked and evaluated against 5 years of figures, then
//!   compared.

#[path = "../tests/support/corpus.rs"]
#[allow(dead_code)] // `program` is for the other benches
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::diagnostic::{Diagnostic, Diagnostics};
use pacte::model::Program;
use pacte::source::{Origin, SourceMap};
use std::hint::black_box;

const CONTRACTS: usize = 2_000;

/// Five scenarios for the `i`-th generated contract.
fn scenarios(i: usize) -> String {
    let mut out = String::new();
    for (k, marge) in ["0,5 %", "1,5 %", "3 %", "6 %"].iter().enumerate() {
        out.push_str(&format!(
            "scénario \"gen {i} marge {k}\" {{\n  contrat ch_gen_{i}\n  exercice 2026\n  chiffres {{ marge_brute_hors_aides: {marge}; taux_de_déficit: 2 %; taux_chirurgie_ambulatoire: 40 %; délai_global_paiement: 45 j; jours_de_stocks: 20 j; taux_exhaustivité_pmsi: 95 %; dépôt_compte_financier: 2027-06-30 }}\n  attendu {{ objectif déficit: atteint; condition stocks_max: respectée; verdict: engagements tenus }}\n}}\n"
        ));
    }
    out.push_str(&format!(
        "scénario \"gen {i} conforme\" {{ contrat ch_gen_{i}\n attendu {{ codes: aucun }} }}\n"
    ));
    out
}

/// The std and the given user texts, analysed in memory.
fn analyse(texts: impl Iterator<Item = (String, String)>) -> (Program, Vec<Diagnostic>, SourceMap) {
    let mut map = SourceMap::new();
    let mut ids = Vec::new();
    for (path, text) in pacte::std_lib::embedded() {
        ids.push(map.add(path, text, Origin::Std));
    }
    for (path, text) in texts {
        ids.push(map.add(path, text, Origin::User));
    }
    let mut parsed = pacte::pipeline::parse_all(&map, &ids);
    parsed.sort_by_key(|(id, _, _)| *id);
    let mut diagnostics = Diagnostics::new();
    let files = parsed.into_iter().filter_map(|(_, p, _)| p.file).collect();
    let program = pacte::pipeline::analyse(files, &mut diagnostics);
    (program, diagnostics.into_vec(), map)
}

fn region(changed: Option<usize>) -> impl Iterator<Item = (String, String)> {
    (0..CONTRACTS).map(move |i| {
        let mut text = corpus::contract(i);
        if changed == Some(i) {
            text = text.replacen("    2027: 60 k€", "    2027: 50 k€", 1);
        }
        (format!("gen/ch_gen_{i}.pacte"), text)
    })
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scenarios");
    group.sample_size(10);
    group.bench_function("pacte test: 2 000 contracts × 5 scenarios", |b| {
        b.iter(|| {
            let texts = region(None).chain(
                (0..CONTRACTS).map(|i| (format!("gen/ch_gen_{i}.scenarios.pacte"), scenarios(i))),
            );
            let (program, diagnostics, map) = analyse(texts);
            let outcomes = pacte::scenario::run(&program, &diagnostics);
            assert_eq!(outcomes.len(), CONTRACTS * 5);
            let text = pacte::scenario::report::render(
                pacte::scenario::report::Format::Text,
                &outcomes,
                None,
                &map,
            );
            black_box(text.len())
        })
    });
    let csv = corpus::figures(CONTRACTS, 5);
    group.bench_function("impact of a one-contract change on 2 000 contracts", |b| {
        b.iter(|| {
            let (old, old_d, mut old_map) = analyse(region(None));
            let (new, new_d, mut new_map) = analyse(region(Some(7)));
            let mut d = Diagnostics::new();
            let f_old =
                pacte::eval::figures::read(&mut old_map, "c.csv", csv.as_bytes(), &old, &mut d);
            let f_new =
                pacte::eval::figures::read(&mut new_map, "c.csv", csv.as_bytes(), &new, &mut d);
            let e_old = pacte::eval::evaluate(&old, &f_old, 2026);
            let e_new = pacte::eval::evaluate(&new, &f_new, 2026);
            let impact = pacte::impact::compare(
                &pacte::impact::Version {
                    program: &old,
                    diagnostics: &old_d,
                    evaluation: Some(&e_old),
                },
                &pacte::impact::Version {
                    program: &new,
                    diagnostics: &new_d,
                    evaluation: Some(&e_new),
                },
            );
            assert_eq!(impact.contrats.len(), 1);
            black_box(pacte::impact::render::markdown(&impact).len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
