//! Throughput of the Vietnamese analyzers and of `normalize` over the bundled seed articles.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream};
use tracuu::text::{exact_analyzer, folded_analyzer, normalize};

/// The bundled articles, concatenated: one input large enough to measure steadily.
fn corpus() -> String {
    common::bundled_articles()
        .iter()
        .map(|article| format!("{article}\n"))
        .collect()
}

fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut count = 0;
    while stream.advance() {
        count += 1;
    }
    count
}

fn analyzers(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut exact = exact_analyzer();
    group.bench_function("vi_exact", |b| {
        b.iter(|| count_tokens(&mut exact, black_box(&text)))
    });
    let mut folded = folded_analyzer();
    group.bench_function("vi_folded", |b| {
        b.iter(|| count_tokens(&mut folded, black_box(&text)))
    });
    // tantivy's default chain, as a yardstick on a machine whose speed is unknown.
    let mut simple = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    group.bench_function("baseline_simple_lowercase", |b| {
        b.iter(|| count_tokens(&mut simple, black_box(&text)))
    });
    group.bench_function("normalize", |b| b.iter(|| normalize(black_box(&text))));
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
