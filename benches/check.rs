#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! `pacte check` on a generated corpus of 2,000 contracts (target: under
//! 1 s on 2 cores, under 200 MB). The corpus is written to
//! `target/corpus-2000/` so the release binary can be measured too:
//! `/usr/bin/time -v target/release/pacte check target/corpus-2000`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

#[path = "../tests/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn write_corpus(n: usize) -> PathBuf {
    let dir = PathBuf::from("target").join(format!("corpus-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("ch_gen_{i}.pacte")), corpus::contract(i)).unwrap();
    }
    dir
}

fn check_corpus(c: &mut Criterion) {
    let dir = write_corpus(2_000);
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("2000 contrats", |b| {
        b.iter(|| {
            let checked = pacte::cli::check::check_paths(std::slice::from_ref(&dir), None).unwrap();
            assert_eq!(checked.summary.contracts, 2_000);
            assert_eq!(checked.summary.errors, 0);
        })
    });
    group.finish();
}

criterion_group!(benches, check_corpus);
criterion_main!(benches);
