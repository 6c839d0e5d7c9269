//! The `tracuu` binary: commands, JSON output and exit codes.

mod common;

use std::process::{Command, Output};

fn tracuu(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run tracuu")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn ingest_search_get_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let index = index.to_str().unwrap();
    let corpus = common::corpus_dir();
    let out = tracuu(
        &[
            "ingest",
            corpus.to_str().unwrap(),
            "--index",
            index,
            "--json",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(summary["docs_indexed"], 5, "{summary}");

    let out = tracuu(
        &[
            "search",
            "dao tao boi duong can bo co so",
            "--index",
            index,
            "--json",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let response: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in ["query", "total", "took_ms", "hits", "facets"] {
        assert!(response.get(key).is_some(), "missing {key}: {response}");
    }
    let hit = &response["hits"][0];
    assert_eq!(hit["id"], "000_5d65a136c2a5fd9b", "{response}");
    for key in [
        "id",
        "score",
        "title",
        "published",
        "author",
        "source_url",
        "province",
        "province_2025",
        "programs",
        "documents",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    for key in [
        "province",
        "province_2025",
        "year",
        "program",
        "document_type",
    ] {
        assert!(response["facets"].get(key).is_some(), "facets lack {key}");
    }

    let out = tracuu(
        &["get", "000_5d65a136c2a5fd9b", "--index", index, "--json"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        doc["body"].as_str().unwrap_or("").contains("Kon Plông"),
        "{doc}"
    );

    let out = tracuu(&["search", "cán bộ", "--index", index], tmp.path());
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("  1. "), "{text}");
    assert!(text.contains("[cán bộ]"), "{text}");
}

#[test]
fn user_errors_exit_2_with_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (_guard, index) = common::corpus_index();
    let index = index.to_str().unwrap();
    let missing = tmp.path().join("missing");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["search", "\"cán bộ", "--index", index],
            "unclosed quote",
        ),
        (
            vec!["search", "x", "--index", missing.to_str().unwrap()],
            "no index",
        ),
        (vec!["get", "nope", "--index", index], "unknown document id"),
        (
            vec!["search", "x", "--index", index, "--from", "yesterday"],
            "from",
        ),
    ];
    for (args, expected) in cases {
        let out = tracuu(&args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

/// A temporary folder holding a copy of the bundled corpus as `corpus/`, as a fresh clone has.
fn folder_with_the_bundled_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(common::corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    tmp
}

#[test]
fn default_index_is_built_from_the_bundled_corpus() {
    let tmp = folder_with_the_bundled_corpus();
    let out = tracuu(&["search", "Kon Plông", "--json"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(tmp.path().join("index/meta.json").is_file());
    let response: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(response["hits"][0]["id"], "000_5d65a136c2a5fd9b");
    // The bundled corpus's index gets a diacritics model at ingest.
    assert!(tmp.path().join("index/diacritics.model").is_file());

    // Queries typed without diacritics get a suggestion; accented and mixed ones none.
    let cases = [
        ("dao tao can bo", Some("đào tạo cán bộ")),
        ("đào tạo cán bộ", None),
        ("đào tao can bo", None),
    ];
    for (query, expected) in cases {
        let out = tracuu(&["search", query, "--json"], tmp.path());
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        let response: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(
            response["suggestion"].as_str(),
            expected,
            "{query}: {response}"
        );
        if expected.is_some() {
            // Restored forms rank first: the article titled "… đào tạo cán bộ".
            assert_eq!(
                response["hits"][0]["id"], "004_941571940e54c841",
                "{query}: {response}"
            );
        }
    }
    let out = tracuu(&["search", "dao tao can bo"], tmp.path());
    assert!(
        stdout(&out).contains("Có phải bạn muốn tìm: đào tạo cán bộ"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_index_of_another_format_is_refused_or_rebuilt() {
    let tmp = folder_with_the_bundled_corpus();
    let out = tracuu(&["search", "Kon Plông", "--json"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let index = tmp.path().join("index");
    let format_file = index.join(tracuu::index::FORMAT_FILE);
    std::fs::write(index.join("README.md"), "kept").unwrap();

    for stale in ["1\n", "not a number"] {
        std::fs::write(&format_file, stale).unwrap();
        // Named with --index: refused with a one-line error, exit 2, nothing changed.
        let out = tracuu(&["search", "x", "--index", "index"], tmp.path());
        assert_eq!(out.status.code(), Some(2), "{stale:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("another version"),
            "{stale:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&format_file).unwrap(), stale);

        // The default index: rebuilt from the corpus, its README kept.
        let out = tracuu(&["search", "Kon Plông", "--json"], tmp.path());
        assert!(out.status.success(), "{stale:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("rebuilding"),
            "{stale:?}: {}",
            stderr(&out)
        );
        let response: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(
            response["hits"][0]["id"], "000_5d65a136c2a5fd9b",
            "{stale:?}"
        );
        assert_eq!(
            tracuu::index::recorded_version(&index),
            Some(tracuu::index::FORMAT_VERSION),
            "{stale:?}"
        );
        assert_eq!(
            std::fs::read_to_string(index.join("README.md")).unwrap(),
            "kept"
        );
    }
}

#[test]
fn analyze_shows_both_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tracuu(&["analyze", "Đào tạo cán bộ", "--json"], tmp.path());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["exact"][0]["token"], "đào", "{v}");
    assert_eq!(v["folded"][0]["token"], "dao", "{v}");
}
