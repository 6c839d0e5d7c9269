//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tracuu::index::Indexer;
use tracuu::ingest::ReadOptions;

/// The bundled corpus.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A fresh index of the bundled corpus in a temporary folder (kept alive by the returned guard).
pub fn corpus_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("index");
    let mut indexer = Indexer::open_or_create(&dir).expect("create index");
    let summary = indexer
        .ingest_paths(&[corpus_dir()], &ReadOptions::default(), None)
        .expect("ingest corpus");
    assert_eq!(summary.files_failed.len(), 0, "{:?}", summary.files_failed);
    assert_eq!(summary.docs_indexed, 5, "{summary:?}");
    (tmp, dir)
}

/// The bundled Kon Tum article (the examples find it first).
pub const KON_TUM: &str = "000_5d65a136c2a5fd9b";

/// Ids of the hits of a request, in order; the request's own limit applies.
pub fn ids(
    searcher: &tracuu::search::Searcher,
    request: &tracuu::search::SearchRequest,
) -> Vec<String> {
    searcher
        .search(request)
        .unwrap_or_else(|e| panic!("{request:?}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Indexes JSON Lines articles (id, title, body), in this order, from a temporary file.
pub fn index_of(articles: &[(&str, &str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("articles.jsonl");
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, title, body)| {
            serde_json::json!({ "id": id, "title": title, "body": body }).to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let dir = tmp.path().join("index");
    let mut indexer = tracuu::index::Indexer::open_or_create(&dir).unwrap();
    let summary = indexer
        .ingest_paths(&[file], &ReadOptions::default(), None)
        .unwrap();
    assert_eq!(summary.docs_indexed, articles.len(), "{summary:?}");
    (tmp, dir)
}
