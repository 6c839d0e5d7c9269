//! Inputs shared by the benches.

use std::fs;
use std::path::Path;

/// The bundled articles (`corpus/*.txt`), in file-name order.
pub fn bundled_articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<String> = paths
        .iter()
        .map(|path| {
            fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        })
        .collect();
    assert!(!articles.is_empty(), "no articles in {}", dir.display());
    articles
}
