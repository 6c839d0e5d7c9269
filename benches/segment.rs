//! Throughput of word segmentation over the bundled seed articles, one line a sentence.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tracuu::text::segment::syllable_spans;
use tracuu::text::{Method, Segmenter};

/// The bundled articles' lines.
fn lines() -> Vec<String> {
    common::bundled_articles()
        .iter()
        .flat_map(|article| article.lines().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn segmenters(c: &mut Criterion) {
    let lines = lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    // Syllables are split outside the timed loop: the analyzers already do that work.
    let sentences: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| syllable_spans(l).into_iter().map(|r| &l[r]).collect())
        .collect();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, method) in [
        ("perceptron", Method::Perceptron),
        ("unigram", Method::Unigram),
    ] {
        let seg = Segmenter::bundled().clone().with_method(method);
        group.bench_function(name, |b| {
            b.iter(|| {
                sentences
                    .iter()
                    .map(|s| seg.segment(black_box(s)).len())
                    .sum::<usize>()
            })
        });
    }
    group.bench_function("segment_text", |b| {
        let seg = Segmenter::bundled();
        b.iter(|| {
            lines
                .iter()
                .map(|l| seg.segment_text(black_box(l)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, segmenters);
criterion_main!(benches);
