//! The plain baseline that retrieval figures are compared with: tantivy's simple tokenizer,
//! lower-casing and ASCII folding over one text field (title, lead and body), ranked by BM25
//! with OR semantics. Text and queries are put in Unicode NFC first. No segmentation, no
//! diacritic restoration, no acronyms, no title boost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::schema::{STORED, STRING};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{doc, Index, IndexReader, TantivyDocument};

use unicode_normalization::UnicodeNormalization;

use super::metrics::{ndcg_at, recall_at, reciprocal_rank_at, Judgments};
use super::retrieval::{QueryFigures, RetrievalReport};
use crate::ingest::{extract, read_file, RawContent, RawDoc, ReadOptions};
use crate::text::fold;
use crate::{Error, Result};

const TOKENIZER: &str = "baseline_simple_folding";

/// How many results are ranked per query (Recall@100 needs 100).
const DEPTH: usize = 100;

/// The baseline analyzer: split on non-alphanumerics, lower-case, fold to ASCII (đ→d).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// A baseline index: one stored id and one text field.
pub struct Baseline {
    index: Index,
    reader: IndexReader,
    id: Field,
    text: Field,
}

/// What building a baseline index took.
#[derive(Debug, Clone, Copy)]
pub struct BuildStats {
    pub docs: u64,
    pub seconds: f64,
}

fn schema() -> (Schema, Field, Field) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let text = builder.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing),
    );
    (builder.build(), id, text)
}

/// The text a document contributes: title, lead and body of a record as read (no extraction),
/// or of the article extracted from a page; in Unicode NFC (the simple tokenizer would split
/// words at decomposed accents: part of the ALQAC 2023 corpus is NFD).
fn doc_text(raw: RawDoc) -> (String, String) {
    let (id, text) = doc_text_as_read(raw);
    (id, text.nfc().collect())
}

fn doc_text_as_read(raw: RawDoc) -> (String, String) {
    match raw.content {
        RawContent::Record(r) => {
            let parts = [r.title.as_deref(), r.lead.as_deref(), Some(r.body.as_str())];
            let text = parts.into_iter().flatten().collect::<Vec<_>>().join("\n");
            (raw.id, text)
        }
        RawContent::Page { .. } => {
            let a = extract(&raw);
            let parts = [
                Some(a.title.as_str()),
                a.lead.as_deref(),
                Some(a.body.as_str()),
            ];
            let text = parts.into_iter().flatten().collect::<Vec<_>>().join("\n");
            (a.id, text)
        }
    }
}

impl Baseline {
    /// Indexes `files` (each with its id prefix for JSON records) into a new index in `dir`.
    pub fn build(dir: &Path, files: &[(PathBuf, Option<String>)]) -> Result<(Self, BuildStats)> {
        let started = Instant::now();
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, id, text) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        index.tokenizers().register(TOKENIZER, analyzer());
        let mut writer = index.writer::<TantivyDocument>(400_000_000)?;
        let mut failed = None;
        for (path, prefix) in files {
            let opts = ReadOptions {
                id_prefix: prefix.clone(),
            };
            read_file(path, &opts, &mut |raw| {
                let (doc_id, body) = doc_text(raw);
                if failed.is_none() {
                    if let Err(e) = writer.add_document(doc!(id => doc_id, text => body)) {
                        failed = Some(e);
                    }
                }
            })?;
            if let Some(e) = failed.take() {
                return Err(e.into());
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index.reader()?;
        let docs = reader.searcher().num_docs();
        let stats = BuildStats {
            docs,
            seconds: started.elapsed().as_secs_f64(),
        };
        Ok((
            Baseline {
                index,
                reader,
                id,
                text,
            },
            stats,
        ))
    }

    /// The query as the baseline's query parser reads it: the analyzer's tokens separated by
    /// spaces, so that no character of a sentence is read as query syntax.
    pub fn escape(query: &str) -> String {
        let mut analyzer = analyzer();
        let query: String = query.nfc().collect();
        let mut stream = analyzer.token_stream(&query);
        let mut tokens = Vec::new();
        stream.process(&mut |t| tokens.push(t.text.clone()));
        tokens.join(" ")
    }

    /// The ids of the best `DEPTH` documents for `query`, best first.
    pub fn rank(&self, query: &str) -> Result<Vec<String>> {
        let parser = QueryParser::for_index(&self.index, vec![self.text]);
        let escaped = Self::escape(query);
        if escaped.is_empty() {
            return Ok(Vec::new());
        }
        let parsed = parser
            .parse_query(&escaped)
            .map_err(|e| Error::BadQuery(e.to_string()))?;
        let searcher = self.reader.searcher();
        let top = searcher.search(&parsed, &TopDocs::with_limit(DEPTH).order_by_score())?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(v) = doc.get_first(self.id).and_then(|v| v.as_str()) {
                ids.push(v.to_string());
            }
        }
        Ok(ids)
    }

    /// Runs every judged query and averages the metrics, as [`super::evaluate`] does.
    pub fn evaluate(
        &self,
        queries: &[(String, String)],
        qrels: &HashMap<String, Judgments>,
        strip_diacritics: bool,
    ) -> Result<RetrievalReport> {
        let mut runs = Vec::new();
        for (qid, text) in queries {
            let Some(judgments) = qrels.get(qid) else {
                continue;
            };
            let text = if strip_diacritics {
                fold(text)
            } else {
                text.clone()
            };
            let started = Instant::now();
            let ranking = self.rank(&text)?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            runs.push(Run {
                qid,
                ranking,
                judgments,
                ms,
            });
        }
        Ok(score_rankings(&runs, strip_diacritics))
    }
}

/// One query's ranking, its judgments and its search time.
struct Run<'a> {
    qid: &'a str,
    ranking: Vec<String>,
    judgments: &'a Judgments,
    ms: f64,
}

/// Averages the metrics of the runs, with the definitions of [`super::evaluate`].
fn score_rankings(runs: &[Run], strip_diacritics: bool) -> RetrievalReport {
    let n = runs.len();
    let mean = |f: &dyn Fn(&Run) -> f64| {
        if n == 0 {
            0.0
        } else {
            runs.iter().map(f).sum::<f64>() / n as f64
        }
    };
    let rr = |r: &Run| reciprocal_rank_at(&r.ranking, r.judgments, 10);
    RetrievalReport {
        queries: n,
        strip_diacritics,
        ndcg_at_10: mean(&|r| ndcg_at(&r.ranking, r.judgments, 10)),
        recall_at_10: mean(&|r| recall_at(&r.ranking, r.judgments, 10)),
        recall_at_100: mean(&|r| recall_at(&r.ranking, r.judgments, 100)),
        mrr_at_10: mean(&rr),
        success_at_10: mean(&|r| if rr(r) > 0.0 { 1.0 } else { 0.0 }),
        mean_ms: mean(&|r| r.ms),
        per_query: runs
            .iter()
            .map(|r| QueryFigures::of(r.qid, &r.ranking, r.judgments))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_only_folded_words() {
        let cases = [
            ("Đào tạo cán bộ", "dao tao can bo"),
            (
                "(a) AND b: \"c\" -d +e^2 [f TO g]",
                "a and b c d e 2 f to g",
            ),
            (
                "Luật số 03/2021/QH15, đúng hay sai?",
                "luat so 03 2021 qh15 dung hay sai",
            ),
            ("?!", ""),
            // Decomposed accents (NFD) do not split words.
            ("Đa\u{300}o ta\u{323}o", "dao tao"),
        ];
        for (query, expected) in cases {
            assert_eq!(Baseline::escape(query), expected, "{query:?}");
        }
    }

    #[test]
    fn ranks_by_bm25_over_folded_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("c.jsonl");
        let lines = [
            r#"{"id": "a", "title": "Đào tạo cán bộ", "body": "Lớp đào tạo cán bộ cơ sở."}"#,
            r#"{"id": "b", "title": "Giá vàng", "body": "Giá vàng hôm nay tăng, cán bộ ngân hàng nói."}"#,
            r#"{"id": "c", "title": "Thời tiết", "body": "Mưa lớn ở miền Trung."}"#,
        ];
        std::fs::write(&corpus, lines.join("\n")).expect("write corpus");
        let (base, stats) = Baseline::build(
            &dir.path().join("index"),
            &[(corpus, Some("x:".to_string()))],
        )
        .expect("baseline builds");
        assert_eq!(stats.docs, 3);
        let cases: [(&str, &[&str]); 5] = [
            ("đào tạo cán bộ", &["x:a", "x:b"]),
            ("dao tao can bo", &["x:a", "x:b"]),
            ("MƯA", &["x:c"]),
            ("mặt trời", &[]),
            // Folding makes "cơ" (in a) match "có".
            ("có", &["x:a"]),
        ];
        for (query, expected) in cases {
            assert_eq!(base.rank(query).expect("query runs"), expected, "{query:?}");
        }
        let qrels: HashMap<String, Judgments> = [(
            "q1".to_string(),
            [("x:b".to_string(), 1)].into_iter().collect(),
        )]
        .into_iter()
        .collect();
        let queries = vec![("q1".to_string(), "cán bộ".to_string())];
        let report = base.evaluate(&queries, &qrels, true).expect("evaluates");
        // "cán bộ" ranks a (shorter, two occurrences) before b: b at rank 2.
        assert_eq!(report.queries, 1);
        assert!((report.mrr_at_10 - 0.5).abs() < 1e-12, "{report:?}");
        assert!((report.recall_at_10 - 1.0).abs() < 1e-12, "{report:?}");
    }
}
