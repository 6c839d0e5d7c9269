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
