#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! `pacte evaluate` at regional scale: 2 000 generated contracts against
//! 5 years of figures (≈ 200 000 rows). Three measures: reading the figures
//! file, evaluating (§8), and the whole run (check + read + evaluate +
//! JSON report). Target: the whole run under 1 s on 2 cores.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::diagnostic::Diagnostics;
use pacte::eval::report::{self, Format, Options};
use std::hint::black_box;

const CONTRACTS: usize = 2_000;
const YEARS: i32 = 5;

fn bench(c: &mut Criterion) {
    let (program, map) = corpus::program(CONTRACTS);
    assert_eq!(program.contrats.len(), CONTRACTS);
    let csv = corpus::figures(CONTRACTS, YEARS);
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    group.bench_function("read 200 000 figures", |b| {
        b.iter(|| {
            let mut map = map.clone();
            let mut d = Diagnostics::new();
            let f = pacte::eval::figures::read(
                &mut map,
                "chiffres.csv",
                csv.as_bytes(),
                &program,
                &mut d,
            );
            assert!(d.is_empty());
            black_box(f.len())
        })
    });
    let mut full_map = map.clone();
    let mut d = Diagnostics::new();
    let figures = pacte::eval::figures::read(
        &mut full_map,
        "chiffres.csv",
        csv.as_bytes(),
        &program,
        &mut d,
    );
    assert_eq!(figures.len(), CONTRACTS * YEARS as usize * 20);
    group.bench_function("evaluate 2 000 contracts", |b| {
        b.iter(|| black_box(pacte::eval::evaluate(&program, &figures, 2026)))
    });
    group.bench_function("whole run (analyse + read + evaluate + json)", |b| {
        b.iter(|| {
            let (program, mut map) = corpus::program(CONTRACTS);
            let mut d = Diagnostics::new();
            let figures = pacte::eval::figures::read(
                &mut map,
                "chiffres.csv",
                csv.as_bytes(),
                &program,
                &mut d,
            );
            let e = pacte::eval::evaluate(&program, &figures, 2026);
            black_box(report::report(Format::Json, &e, &map, Options::default()).len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
