//! Golden tests of metadata extraction.
//!
//! The five bundled seed pages (`corpus/<id>.txt`) are checked against gold written for them
//! (`tests/data/extract/<id>.expected.json`). The eight shared evaluation pages are read from
//! the shared folder (`$TRACUU_SHARED`, default `../shared`) and skipped when it is absent:
//! they are evaluation data and are not copied into the repository.
//!
//! Fields are compared one by one with readable diffs, by the rules of
//! `tracuu::eval::extract::compare` (the ones `tracuu eval extract` scores with).

use std::path::{Path, PathBuf};

use pretty_assertions::assert_eq;
use tracuu::eval::extract::{compare, extract_page, gold_pages};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Checks every page with gold; returns `id: field` of the failing fields, with diffs on
/// stderr.
fn failing_fields(raw_dir: &Path, gold_dir: &Path) -> (usize, Vec<String>) {
    let pages = gold_pages(raw_dir, gold_dir).expect("gold pages readable");
    let mut failed = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(&page.raw).expect("page readable");
        let article = extract_page(&page.id, text);
        for o in compare(&article, &page.gold) {
            if !o.passed() {
                eprintln!("--- {}: field `{}` differs", page.id, o.field);
                eprintln!(
                    "{}",
                    pretty_assertions::Comparison::new(&o.expected, &o.actual)
                );
                failed.push(format!("{}: {}", page.id, o.field));
            }
        }
    }
    (pages.len(), failed)
}

#[test]
fn seed_pages_match_their_gold() {
    let (pages, failed) = failing_fields(
        &manifest().join("corpus"),
        &manifest().join("tests/data/extract"),
    );
    assert_eq!(pages, 5, "five seed gold files");
    assert_eq!(
        failed,
        Vec::<String>::new(),
        "fields differing from the gold"
    );
}

fn shared_dir() -> PathBuf {
    std::env::var_os("TRACUU_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("../shared"))
}

#[test]
fn shared_eval_pages_match_their_gold() {
    let base = shared_dir().join("data/eval/extraction");
    let raw_dir = base.join("raw");
    if !raw_dir.is_dir() {
        println!(
            "skipped: no shared extraction pages at {} (set TRACUU_SHARED)",
            raw_dir.display()
        );
        return;
    }
    let (pages, failed) = failing_fields(&raw_dir, &base.join("gold"));
    assert!(pages > 0, "no gold pages in {}", base.display());
    assert_eq!(
        failed,
        Vec::<String>::new(),
        "fields differing from the gold"
    );
}
