//! Metadata extraction evaluation: pages with gold JSON, compared field by field.
//!
//! The comparison rules are those of the golden tests (`tests/extract_golden.rs`), which call
//! [`compare`]: text is compared after [`normalize`] on both sides (the gold keeps the source's
//! Unicode form and tone placement), with non-breaking spaces as spaces; documents are
//! compared as rows of type, code, number and, for coded documents, issuer; the first and last
//! body sentences must open and close the body; no boilerplate phrase and no caption may be in
//! the body. Fields the gold lacks (`source_name`, `other_provinces_in_body`,
//! `programs_required`) are not judged on that page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;

use super::segment::precision_recall_f1;
use crate::ingest::{extract, PageHints, RawContent, RawDoc};
use crate::text::normalize;
use crate::{Article, Error, Result};

/// One judged field of one page: the gold value and the extracted one, as compared.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldOutcome {
    pub field: &'static str,
    pub expected: Value,
    pub actual: Value,
}

impl FieldOutcome {
    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

/// Accuracy of one field over the pages whose gold judges it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldScore {
    pub field: String,
    pub correct: usize,
    pub judged: usize,
    pub accuracy: f64,
}

/// Document codes found, micro-averaged over the pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CodeScore {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Figures of one extraction evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractReport {
    pub pages: usize,
    /// Pages where every judged field is right.
    pub pages_all_correct: usize,
    pub fields: Vec<FieldScore>,
    pub document_codes: CodeScore,
    /// `id: field` of every wrong field.
    pub failures: Vec<String>,
}

/// One page to evaluate: its id, its raw text file and its gold.
#[derive(Debug, Clone)]
pub struct GoldPage {
    pub id: String,
    pub raw: PathBuf,
    pub gold: Value,
}

fn norm(s: &str) -> String {
    normalize(s).replace('\u{00A0}', " ")
}

fn norm_opt(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => json!(norm(s)),
        None => Value::Null,
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(norm)).collect())
        .unwrap_or_default()
}

/// Extracts the article of a page given as text (a `.txt` page, chrome included).
pub fn extract_page(id: &str, text: String) -> Article {
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

/// Compares an extracted article with its gold, field by field.
pub fn compare(article: &Article, gold: &Value) -> Vec<FieldOutcome> {
    let got = serde_json::to_value(article).unwrap_or(Value::Null);
    let mut out = Vec::new();
    let mut field = |field: &'static str, expected: Value, actual: Value| {
        out.push(FieldOutcome {
            field,
            expected,
            actual,
        });
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
        let mut expected = strings(others);
        let mut actual: Vec<String> = article
            .provinces_mentioned
            .iter()
            .filter(|p| Some(p.as_str()) != article.province.as_deref())
            .map(|p| norm(p))
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
    let captions = strings(&gold["captions"]);
    let got_captions: Vec<String> = article.captions.iter().map(|c| norm(c)).collect();
    field("captions", json!(captions), json!(got_captions));

    let body = norm(&article.body);
    let first = norm(gold["body_first_sentence"].as_str().unwrap_or_default());
    let last = norm(gold["body_last_sentence"].as_str().unwrap_or_default());
    let head: String = body.chars().take(first.chars().count()).collect();
    field("body_first_sentence", json!(first), json!(head));
    let n = body.chars().count();
    let tail: String = body
        .chars()
        .skip(n.saturating_sub(last.chars().count()))
        .collect();
    field("body_last_sentence", json!(last), json!(tail));
    let leaked: Vec<String> = strings(&gold["boilerplate_phrases"])
        .into_iter()
        .filter(|p| body.contains(p.as_str()))
        .collect();
    field("no_boilerplate_in_body", json!([]), json!(leaked));
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
    out
}

/// Document codes of the gold, codes extracted, and codes of both (as multisets, compared
/// after normalization).
pub fn code_counts(article: &Article, gold: &Value) -> (usize, usize, usize) {
    let count = |codes: Vec<String>| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for c in codes {
            *m.entry(c).or_default() += 1;
        }
        m
    };
    let expected = count(
        gold["documents"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|d| d["code"].as_str().map(norm))
                    .collect()
            })
            .unwrap_or_default(),
    );
    let actual = count(
        article
            .documents
            .iter()
            .filter_map(|d| d.code.as_deref().map(norm))
            .collect(),
    );
    let both = expected
        .iter()
        .map(|(c, n)| (*n).min(actual.get(c).copied().unwrap_or(0)))
        .sum();
    (expected.values().sum(), actual.values().sum(), both)
}

/// The pages of a gold folder: every `<name>.json` (or `<name>.expected.json`) with the page
/// `<id>.txt` in `raw_dir`, where `<id>` is the gold's `id` (else the name). Sorted by id.
pub fn gold_pages(raw_dir: &Path, gold_dir: &Path) -> Result<Vec<GoldPage>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(gold_dir).map_err(io(gold_dir))? {
        let path = entry.map_err(io(gold_dir))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let stem = stem.strip_suffix(".expected").unwrap_or(stem);
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let gold: Value = serde_json::from_str(&text).map_err(|e| Error::BadInput {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let id = gold["id"].as_str().unwrap_or(stem).to_string();
        let raw = raw_dir.join(format!("{id}.txt"));
        if !raw.is_file() {
            return Err(Error::BadInput {
                path: path.display().to_string(),
                message: format!("no page {} for this gold", raw.display()),
            });
        }
        pages.push(GoldPage { id, raw, gold });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Scores (article, gold) pairs.
pub fn score<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a Article, &'a Value)>,
) -> ExtractReport {
    let mut fields: Vec<FieldScore> = Vec::new();
    let (mut n, mut all_correct) = (0, 0);
    let (mut gold_codes, mut predicted_codes, mut correct_codes) = (0, 0, 0);
    let mut failures = Vec::new();
    for (id, article, gold) in pages {
        n += 1;
        let outcomes = compare(article, gold);
        let mut all = true;
        for o in &outcomes {
            let i = match fields.iter().position(|f| f.field == o.field) {
                Some(i) => i,
                None => {
                    fields.push(FieldScore {
                        field: o.field.to_string(),
                        correct: 0,
                        judged: 0,
                        accuracy: 0.0,
                    });
                    fields.len() - 1
                }
            };
            fields[i].judged += 1;
            if o.passed() {
                fields[i].correct += 1;
            } else {
                all = false;
                failures.push(format!("{id}: {}", o.field));
            }
        }
        all_correct += usize::from(all);
        let (g, p, c) = code_counts(article, gold);
        gold_codes += g;
        predicted_codes += p;
        correct_codes += c;
    }
    for f in &mut fields {
        f.accuracy = if f.judged == 0 {
            0.0
        } else {
            f.correct as f64 / f.judged as f64
        };
    }
    let (precision, recall, f1) = precision_recall_f1(correct_codes, predicted_codes, gold_codes);
    ExtractReport {
        pages: n,
        pages_all_correct: all_correct,
        fields,
        document_codes: CodeScore {
            gold: gold_codes,
            predicted: predicted_codes,
            correct: correct_codes,
            precision,
            recall,
            f1,
        },
        failures,
    }
}

/// Extracts every page of `raw_dir` that has gold in `gold_dir` and scores it.
pub fn evaluate_extraction(raw_dir: &Path, gold_dir: &Path) -> Result<ExtractReport> {
    let pages = gold_pages(raw_dir, gold_dir)?;
    let mut articles = Vec::with_capacity(pages.len());
    for page in &pages {
        let text = std::fs::read_to_string(&page.raw).map_err(|source| Error::Io {
            path: page.raw.clone(),
            source,
        })?;
        articles.push(extract_page(&page.id, text));
    }
    Ok(score(
        pages
            .iter()
            .zip(&articles)
            .map(|(p, a)| (p.id.as_str(), a, &p.gold)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DocumentRef;

    fn article() -> Article {
        Article {
            id: "p".into(),
            title: "Đào tạo cán bộ".into(),
            body: "Câu đầu. Giữa.\n\nCâu cuối.".into(),
            province: Some("Kon Tum".into()),
            province_2025: Some("Quảng Ngãi".into()),
            documents: vec![
                DocumentRef {
                    doc_type: "Nghị quyết".into(),
                    code: Some("03-NQ/TU".into()),
                    number: Some("03".into()),
                    ..Default::default()
                },
                DocumentRef {
                    doc_type: "Quyết định".into(),
                    code: Some("12/QĐ-UBND".into()),
                    number: Some("12".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn outcome(outcomes: &[FieldOutcome], field: &str) -> bool {
        outcomes
            .iter()
            .find(|o| o.field == field)
            .unwrap_or_else(|| panic!("{field} judged"))
            .passed()
    }

    #[test]
    fn fields_follow_the_golden_rules() {
        // (gold, field, passes)
        let cases = [
            // NFD in the gold does not matter; NBSP reads as a space.
            (json!({"title": "Đa\u{300}o tạo cán bộ"}), "title", true),
            (json!({"title": "Đào\u{00A0}tạo cán bộ"}), "title", true),
            (json!({"title": "Đào tạo"}), "title", false),
            (json!({"province": "Kon Tum"}), "province", true),
            (json!({"province_2025": "Kon Tum"}), "province_2025", false),
            (json!({"author": null}), "author", true),
            (
                json!({"body_first_sentence": "Câu đầu."}),
                "body_first_sentence",
                true,
            ),
            (
                json!({"body_first_sentence": "Giữa."}),
                "body_first_sentence",
                false,
            ),
            (
                json!({"body_last_sentence": "Câu cuối."}),
                "body_last_sentence",
                true,
            ),
            (
                json!({"boilerplate_phrases": ["Lượt xem"]}),
                "no_boilerplate_in_body",
                true,
            ),
            (
                json!({"boilerplate_phrases": ["Giữa"]}),
                "no_boilerplate_in_body",
                false,
            ),
            (
                json!({"captions": ["Giữa."]}),
                "captions_not_in_body",
                false,
            ),
        ];
        for (gold, field, passes) in cases {
            let outcomes = compare(&article(), &gold);
            assert_eq!(
                outcome(&outcomes, field),
                passes,
                "{field} with gold {gold}"
            );
        }
        let judged: Vec<&str> = compare(&article(), &json!({}))
            .iter()
            .map(|o| o.field)
            .collect();
        assert!(!judged.contains(&"source"), "{judged:?}");
        let judged: Vec<&str> = compare(&article(), &json!({"source_name": null}))
            .iter()
            .map(|o| o.field)
            .collect();
        assert!(judged.contains(&"source"), "{judged:?}");
    }

    #[test]
    fn hand_computed_scores() {
        let a = article();
        // Page 1: codes {03-NQ/TU, 24-KL/TW} gold, {03-NQ/TU, 12/QĐ-UBND} found: 1 of 2 each.
        let g1 = json!({"title": "Đào tạo cán bộ", "province": "Kon Tum", "documents": [
            {"type": "Nghị quyết", "code": "03-NQ/TU", "number": "03"},
            {"type": "Kết luận", "code": "24-KL/TW", "number": "24"},
            {"type": "Luật", "code": null, "number": null}]});
        // Page 2: no gold codes; title wrong.
        let g2 = json!({"title": "Khác", "province": "Kon Tum", "documents": []});
        assert_eq!(code_counts(&a, &g1), (2, 2, 1));
        assert_eq!(code_counts(&a, &g2), (0, 2, 0));
        let report = score([("p1", &a, &g1), ("p2", &a, &g2)]);
        assert_eq!(report.pages, 2);
        let field = |name: &str| {
            report
                .fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| (f.correct, f.judged))
        };
        assert_eq!(field("title"), Some((1, 2)));
        assert_eq!(field("province"), Some((2, 2)));
        assert_eq!(field("documents"), Some((0, 2)));
        assert_eq!(field("source"), None);
        let c = &report.document_codes;
        assert_eq!((c.gold, c.predicted, c.correct), (2, 4, 1));
        // P = 1/4, R = 1/2, F1 = 2·(1/8)/(3/4) = 1/3.
        assert!((c.precision - 0.25).abs() < 1e-12, "{c:?}");
        assert!((c.recall - 0.5).abs() < 1e-12, "{c:?}");
        assert!((c.f1 - 1.0 / 3.0).abs() < 1e-12, "{c:?}");
        assert!(
            report.failures.contains(&"p2: title".to_string()),
            "{report:?}"
        );
        assert_eq!(report.pages_all_correct, 0);
    }
}
