//! Query latency by kind of query, on an index built before timing starts.
//!
//! The index holds `$TRACUU_BENCH_INPUT` when set, else the 2017 Báo Mới corpus from
//! `../shared/data/news/baomoi2017.jsonl.xz` (35k articles) when present, else the bundled
//! corpus. `cargo bench --bench query`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use tracuu::index::Indexer;
use tracuu::ingest::ReadOptions;
use tracuu::search::{SearchRequest, Searcher};

fn bench_input() -> (PathBuf, Option<String>) {
    if let Ok(p) = std::env::var("TRACUU_BENCH_INPUT") {
        return (PathBuf::from(p), None);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let news = root.join("../shared/data/news/baomoi2017.jsonl.xz");
    if news.is_file() {
        (news, Some("bm:".to_string()))
    } else {
        (root.join("corpus"), None)
    }
}

fn query_latency(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("index");
    let (input, prefix) = bench_input();
    let mut indexer = Indexer::open_or_create(&dir).expect("index");
    let summary = indexer
        .ingest_paths(
            std::slice::from_ref(&input),
            &ReadOptions { id_prefix: prefix },
            None,
        )
        .expect("ingest");
    drop(indexer);
    eprintln!(
        "bench index: {} docs from {}",
        summary.docs_indexed,
        input.display()
    );
    let searcher = Searcher::open(&dir).expect("open");
    let cases: Vec<(&str, SearchRequest)> = vec![
        ("accented", SearchRequest::new("đào tạo cán bộ cơ sở")),
        ("unaccented", SearchRequest::new("dao tao can bo co so")),
        ("phrase", SearchRequest::new("\"lý luận chính trị\"")),
        ("code", SearchRequest::new("03-NQ/TU")),
        (
            "facet-filtered",
            SearchRequest {
                province: Some("Hà Nội".into()),
                from: Some("2017".into()),
                ..SearchRequest::new("cán bộ")
            },
        ),
        ("long question", SearchRequest::new(
            "người lao động được nghỉ bao nhiêu ngày khi kết hôn theo quy định của bộ luật lao động",
        )),
    ];
    let mut group = c.benchmark_group("query");
    for (label, request) in &cases {
        group.bench_function(*label, |b| {
            b.iter(|| searcher.search(request).expect("search"))
        });
    }
    group.finish();
}

criterion_group!(benches, query_latency);
criterion_main!(benches);
