//! Throughput of word segmentation over the bundled seed articles, one line a sentence.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tracuu::text::segment::syllable_spans;
use tracuu::text::{Method, Segmenter};

/// The bundled articles' lines.
fn lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let mut lines = Vec::new();
    for path in paths {
        let article = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        lines.extend(article.lines().map(str::to_string));
    }
    assert!(!lines.is_empty(), "no articles in {}", dir.display());
    lines
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
