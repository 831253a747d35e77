#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte suivi` at regional scale: 2 000 contracts with 4 actions and 4
//! follow-ups each (the example CREF, renamed). Two measures: the follow-up
//! computation alone, and computation + JSON report. Target: under 1 s on
//! 2 cores.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::date::Date;
use pacte::suivi::report::{self, Format};
use std::hint::black_box;

const CONTRACTS: usize = 2_000;

fn corpus() -> String {
    let contrat = include_str!("../examples/region-exemple/ch_montrivage_cref.pacte");
    let suivis = [
        ("2026-03-31", 20, 40),
        ("2026-06-30", 50, 100),
        ("2026-09-30", 70, 160),
        ("2026-11-30", 90, 210),
    ];
    let mut out = String::new();
    for i in 0..CONTRACTS {
        let id = format!("ch_{i}");
        out.push_str(&contrat.replace("ch_montrivage_cref_2025", &id));
        for (date, r, e) in suivis {
            out.push_str(&format!(
                "suivi {id} {date} {{\n  prochaine_rencontre 2027-03-15\n  action pool: réalisation {r} %, économies {e} k€\n  action fermeture_lits: réalisation {r} %, économies {e} k€\n  action reprise_activité: réalisation 0 %, économies 0 €\n  action stocks_pharmacie: réalisation {r} %, économies 20 k€\n}}\n"
            ));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let (_, _, program) = pacte::pipeline::check_text("region.pacte", &text);
    assert_eq!(program.contrats.len(), CONTRACTS);
    assert_eq!(program.suivis.len(), CONTRACTS * 4);
    let date = Date::new(2026, 12, 31).unwrap_or(Date {
        year: 2026,
        month: 12,
        day: 31,
    });
    let mut group = c.benchmark_group("suivi");
    group.sample_size(10);
    group.bench_function("compute 2 000 contracts × 4 suivis", |b| {
        b.iter(|| black_box(pacte::suivi::compute(&program, date, None).contrats.len()))
    });
    group.bench_function("compute + json", |b| {
        b.iter(|| {
            let t = pacte::suivi::compute(&program, date, None);
            black_box(report::write(Format::Json, &t, false).len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
