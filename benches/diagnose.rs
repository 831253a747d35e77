#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // benches may fail loudly
//! `pacte diagnose` on the real Hospi Diag file (≈ 700 ex-DG
//! establishments, 2008–2015, 5 354 rows): reading the file, diagnosing
//! 2014, and the whole run (std, read, diagnose, text report). Falls back to
//! the Normandie slice of `tests/data/` when the shared file is absent.
//! Target: the whole run well under 1 s on 2 cores.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::diagnose::{self, report};
use pacte::diagnostic::Diagnostics;
use std::hint::black_box;

const NATIONAL: &str = "../shared/data/hospidiag/hospidiag_exdg_2008_2015.csv";
const SLICE: &str = "tests/data/hospidiag_normandie_2011_2014.csv";

fn bench(c: &mut Criterion) {
    let path = if std::path::Path::new(NATIONAL).exists() {
        NATIONAL
    } else {
        SLICE
    };
    let bytes = std::fs::read(path).expect("Hospi Diag file");
    let (map, _, program) = pacte::pipeline::check_text("vide.pacte", "");
    let def = program
        .diagnosis_defs
        .get("criticité_annexe_1")
        .expect("std grouping")
        .clone();
    let mut group = c.benchmark_group("diagnose");
    group.sample_size(10);
    group.bench_function("read Hospi Diag", |b| {
        b.iter(|| {
            let mut map = map.clone();
            let mut d = Diagnostics::new();
            let f = pacte::eval::figures::read(&mut map, path, &bytes, &program, &mut d);
            black_box(f.len())
        })
    });
    let mut full_map = map.clone();
    let mut d = Diagnostics::new();
    let figures = pacte::eval::figures::read(&mut full_map, path, &bytes, &program, &mut d);
    group.bench_function("diagnose 2014", |b| {
        b.iter(|| {
            black_box(
                diagnose::diagnose(&program, &figures, 2014, &def)
                    .etablissements
                    .len(),
            )
        })
    });
    group.bench_function("whole run (std + read + diagnose + text)", |b| {
        b.iter(|| {
            let (mut map, _, program) = pacte::pipeline::check_text("vide.pacte", "");
            let mut d = Diagnostics::new();
            let figures = pacte::eval::figures::read(&mut map, path, &bytes, &program, &mut d);
            let def = program
                .diagnosis_defs
                .get("criticité_annexe_1")
                .expect("std");
            let diagnosis = diagnose::diagnose(&program, &figures, 2014, def);
            black_box(report::report(report::Format::Text, &diagnosis, &map).len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
