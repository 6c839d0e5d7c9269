//! Golden tests of metadata extraction.
//!
//! The five bundled seed pages (`corpus/<id>.txt`) are checked against gold written for them
//! (`tests/data/extract/<id>.expected.json`). The eight shared evaluation pages are read from
//! the shared folder (`$TRACUU_SHARED`, default `../shared`) and skipped when it is absent:
//! they are evaluation data and are not copied into the repository.
//!
//! Fields are compared one by one with readable diffs. Text is compared after
//! `text::normalize` on both sides (the gold keeps the source's Unicode form and tone
//! placement) and with non-breaking spaces as spaces.

use std::path::{Path, PathBuf};

use pretty_assertions::assert_eq;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use tracuu::ingest::{extract, PageHints, RawContent, RawDoc};
use tracuu::text::normalize;
use tracuu::Article;

fn norm(s: &str) -> String {
    normalize(s).replace('\u{00A0}', " ")
}

fn norm_opt(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => json!(norm(s)),
        None => Value::Null,
    }
}

fn run(id: &str, text: String) -> Article {
    extract(&RawDoc {
        id: id.to_string(),
        origin: id.to_string(),
        content: RawContent::Page {
            text,
            hints: PageHints::default(),
        },
    })
}

/// The documents as compared: type, code and number always; the issuer of coded documents
/// (the gold infers issuers of uncoded references from context the text does not spell out).
fn doc_rows(docs: &[Value]) -> Vec<Value> {
    docs.iter()
        .map(|d| {
            let coded = !d["code"].is_null();
            json!({
                "type": d["type"],
                "code": d["code"],
                "number": d["number"],
                "issuer": if coded { norm_opt(&d["issuer"]) } else { Value::Null },
            })
        })
        .collect()
}

/// Checks one page against its gold; returns the names of failing fields.
fn check(id: &str, article: &Article, gold: &Value) -> Vec<String> {
    let got = serde_json::to_value(article).expect("article serializes");
    let mut failures = Vec::new();
    let mut field = |name: &str, expected: Value, actual: Value| {
        if expected != actual {
            eprintln!("--- {id}: field `{name}` differs");
            eprintln!("{}", pretty_assertions::Comparison::new(&expected, &actual));
            failures.push(name.to_string());
        }
    };
    field("title", norm_opt(&gold["title"]), norm_opt(&got["title"]));
    let published = article
        .published
        .and_then(|d| d.format(&Rfc3339).ok())
        .map_or(Value::Null, Value::from);
    field("published", gold["published"].clone(), published);
    field(
        "author",
        norm_opt(&gold["author"]),
        norm_opt(&got["author"]),
    );
    field(
        "source_url",
        gold["source_url"].clone(),
        got["source_url"].clone(),
    );
    if let Some(src) = gold.get("source_name") {
        field("source", norm_opt(src), norm_opt(&got["source"]));
    }
    field(
        "province",
        gold["province"].clone(),
        got["province"].clone(),
    );
    field(
        "province_2025",
        gold["province_2025"].clone(),
        got["province_2025"].clone(),
    );
    if let Some(others) = gold.get("other_provinces_in_body") {
        let mut expected: Vec<String> = others
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let mut actual: Vec<String> = article
            .provinces_mentioned
            .iter()
            .filter(|p| Some(p.as_str()) != article.province.as_deref())
            .cloned()
            .collect();
        expected.sort();
        actual.sort();
        field("other_provinces_in_body", json!(expected), json!(actual));
    }
    let gold_docs = gold["documents"].as_array().cloned().unwrap_or_default();
    let got_docs = got["documents"].as_array().cloned().unwrap_or_default();
    field(
        "documents",
        json!(doc_rows(&gold_docs)),
        json!(doc_rows(&got_docs)),
    );
    let captions: Vec<String> = gold["captions"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(norm)).collect())
        .unwrap_or_default();
    let got_captions: Vec<String> = article.captions.iter().map(|c| norm(c)).collect();
    field("captions", json!(captions), json!(got_captions));

    let body = norm(&article.body);
    let first = norm(gold["body_first_sentence"].as_str().unwrap_or_default());
    let last = norm(gold["body_last_sentence"].as_str().unwrap_or_default());
    let head: String = body.chars().take(first.chars().count()).collect();
    field("body_first_sentence", json!(first), json!(head));
    let tail: String = {
        let n = body.chars().count();
        body.chars()
            .skip(n.saturating_sub(last.chars().count()))
            .collect()
    };
    field("body_last_sentence", json!(last), json!(tail));
    let leaked: Vec<String> = gold["boilerplate_phrases"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(norm))
                .filter(|p| body.contains(p.as_str()))
                .collect()
        })
        .unwrap_or_default();
    field("boilerplate_phrases", json!([]), json!(leaked));
    let caption_in_body: Vec<&String> = captions
        .iter()
        .filter(|c| body.contains(c.as_str()))
        .collect();
    field("captions_not_in_body", json!([]), json!(caption_in_body));
    if let Some(req) = gold.get("programs_required").and_then(Value::as_array) {
        let missing: Vec<&str> = req
            .iter()
            .filter_map(Value::as_str)
            .filter(|p| !article.programs.iter().any(|g| g == p))
            .collect();
        field("programs_required", json!([]), json!(missing));
    }
    failures
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seed_pages_match_their_gold() {
    let dir = manifest().join("tests/data/extract");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/extract exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    entries.sort();
    assert_eq!(entries.len(), 5, "five seed gold files");
    let mut failed = Vec::new();
    for gold_path in entries {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold readable"))
                .expect("gold is JSON");
        let id = gold["id"].as_str().expect("gold has an id").to_string();
        let page = manifest().join("corpus").join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&page).expect("seed page readable");
        let article = run(&id, text);
        for f in check(&id, &article, &gold) {
            failed.push(format!("{id}: {f}"));
        }
    }
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
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&raw_dir)
        .expect("raw dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    let mut failed = Vec::new();
    for page in pages {
        let id = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold_path: &Path = &base.join("gold").join(format!("{id}.json"));
        let Ok(gold_text) = std::fs::read_to_string(gold_path) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&gold_text).expect("gold is JSON");
        let text = std::fs::read_to_string(&page).expect("page readable");
        let article = run(&id, text);
        for f in check(&id, &article, &gold) {
            failed.push(format!("{id}: {f}"));
        }
    }
    assert_eq!(
        failed,
        Vec::<String>::new(),
        "fields differing from the gold"
    );
}
