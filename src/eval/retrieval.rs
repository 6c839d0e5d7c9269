//! Retrieval evaluation: run judged queries, score the rankings.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use super::metrics::{ndcg_at, recall_at, reciprocal_rank_at, Judgments};
use crate::search::{SearchRequest, SearchResponse, Searcher, MAX_LIMIT};
use crate::text::fold;
use crate::{Error, Result};

/// Figures of one retrieval evaluation, averaged over the judged queries.
#[derive(Debug, Clone, Serialize)]
pub struct RetrievalReport {
    pub queries: usize,
    pub strip_diacritics: bool,
    pub ndcg_at_10: f64,
    pub recall_at_10: f64,
    pub recall_at_100: f64,
    pub mrr_at_10: f64,
    /// Share of queries with a relevant document in the first 10.
    pub success_at_10: f64,
    /// Mean search time per query, in milliseconds.
    pub mean_ms: f64,
    /// Each query's figures, in the order run (printed by `--per-query`).
    #[serde(skip)]
    pub per_query: Vec<QueryFigures>,
}

/// One judged query's figures.
#[derive(Debug, Clone, Serialize)]
pub struct QueryFigures {
    pub qid: String,
    pub ndcg_at_10: f64,
    /// Rank (1-based) of the first relevant document in the first 100, if any.
    pub first_relevant: Option<usize>,
}

impl QueryFigures {
    /// The figures of one query's ranking.
    pub fn of(qid: &str, ranking: &[String], judgments: &Judgments) -> QueryFigures {
        QueryFigures {
            qid: qid.to_string(),
            ndcg_at_10: ndcg_at(ranking, judgments, 10),
            first_relevant: ranking
                .iter()
                .take(100)
                .position(|id| judgments.get(id).is_some_and(|&g| g > 0))
                .map(|i| i + 1),
        }
    }
}

fn read_lines(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads `qid TAB text [TAB note]` lines.
pub fn read_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let text = read_lines(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        match (parts.next(), parts.next()) {
            (Some(id), Some(q)) => out.push((id.to_string(), q.to_string())),
            _ => {
                return Err(Error::BadInput {
                    path: format!("{}:{}", path.display(), n + 1),
                    message: "expected qid TAB query".into(),
                })
            }
        }
    }
    Ok(out)
}

/// Reads `qid TAB 0 TAB docid TAB grade` lines (doc ids may contain spaces).
pub fn read_qrels(path: &Path) -> Result<HashMap<String, Judgments>> {
    let text = read_lines(path)?;
    let mut out: HashMap<String, Judgments> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('\t').collect();
        let grade = parts.get(3).and_then(|g| g.trim().parse::<u32>().ok());
        match (parts.as_slice(), grade) {
            ([qid, _, docid, _], Some(grade)) => {
                out.entry(qid.to_string())
                    .or_default()
                    .insert(docid.to_string(), grade);
            }
            _ => {
                return Err(Error::BadInput {
                    path: format!("{}:{}", path.display(), n + 1),
                    message: "expected qid TAB 0 TAB docid TAB grade".into(),
                })
            }
        }
    }
    Ok(out)
}

/// Hits on a page of the web page and the API's default `limit`.
pub const PAGE: usize = 10;

/// The ids of `page`, then those of `deep` not on it, up to [`MAX_LIMIT`].
fn first_page_then_deeper(page: Vec<String>, deep: Vec<String>) -> Vec<String> {
    let mut ranking = page;
    for id in deep {
        if ranking.len() >= MAX_LIMIT {
            break;
        }
        if !ranking.contains(&id) {
            ranking.push(id);
        }
    }
    ranking
}

fn ids(response: SearchResponse) -> Vec<String> {
    response.hits.into_iter().map(|h| h.id).collect()
}

/// Runs every judged query (as plain words, no query syntax) and averages the metrics: those
/// at 10 over the first page a user gets (a search for [`PAGE`] hits, timed), Recall@100 over
/// that page followed by the rest of a search for 100.
pub fn evaluate(
    searcher: &Searcher,
    queries: &[(String, String)],
    qrels: &HashMap<String, Judgments>,
    strip_diacritics: bool,
) -> Result<RetrievalReport> {
    let (mut ndcg, mut r10, mut r100, mut rr, mut success, mut ms) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let mut n = 0usize;
    let mut per_query = Vec::new();
    for (qid, text) in queries {
        let Some(judgments) = qrels.get(qid) else {
            continue;
        };
        let text = if strip_diacritics {
            fold(text)
        } else {
            text.clone()
        };
        // The first page as a user gets it (a search for one page of PAGE hits), then the
        // rest of the first MAX_LIMIT from a deeper search, for Recall@100.
        let request = |limit| SearchRequest {
            limit,
            plain: true,
            ..SearchRequest::new(text.clone())
        };
        let started = Instant::now();
        let page = searcher.search(&request(PAGE))?;
        ms += started.elapsed().as_secs_f64() * 1000.0;
        let deep = searcher.search(&request(MAX_LIMIT))?;
        let ranking = first_page_then_deeper(ids(page), ids(deep));
        ndcg += ndcg_at(&ranking, judgments, 10);
        r10 += recall_at(&ranking, judgments, 10);
        r100 += recall_at(&ranking, judgments, 100);
        let q_rr = reciprocal_rank_at(&ranking, judgments, 10);
        rr += q_rr;
        success += if q_rr > 0.0 { 1.0 } else { 0.0 };
        per_query.push(QueryFigures::of(qid, &ranking, judgments));
        n += 1;
    }
    let mean = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    Ok(RetrievalReport {
        queries: n,
        strip_diacritics,
        ndcg_at_10: mean(ndcg),
        recall_at_10: mean(r10),
        recall_at_100: mean(r100),
        mrr_at_10: mean(rr),
        success_at_10: mean(success),
        mean_ms: mean(ms),
        per_query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_comes_first_then_the_deeper_hits_not_on_it() {
        let v = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // (page, deep, expected ranking)
        let cases: [(&[&str], &[&str], &[&str]); 4] = [
            (&["a", "b"], &["b", "a", "c"], &["a", "b", "c"]),
            (&["c"], &["a", "b", "c", "d"], &["c", "a", "b", "d"]),
            (&[], &["a"], &["a"]),
            (&["a"], &[], &["a"]),
        ];
        for (page, deep, expected) in cases {
            assert_eq!(
                first_page_then_deeper(v(page), v(deep)),
                v(expected),
                "page {page:?}, deep {deep:?}"
            );
        }
        let deep: Vec<String> = (0..150).map(|i| i.to_string()).collect();
        assert_eq!(first_page_then_deeper(v(&["x"]), deep).len(), MAX_LIMIT);
    }

    #[test]
    fn per_query_figures_give_the_first_relevant_rank() {
        let judgments: Judgments = [("a".to_string(), 1), ("z".to_string(), 0)].into();
        // ranking -> (rank of the first relevant document, nDCG@10)
        let cases: [(&[&str], Option<usize>, f64); 4] = [
            (&["a", "b"], Some(1), 1.0),
            (&["z", "b", "a"], Some(3), 0.5),
            (&["b", "z"], None, 0.0),
            (&[], None, 0.0),
        ];
        for (ranking, rank, ndcg) in cases {
            let ranking: Vec<String> = ranking.iter().map(|s| s.to_string()).collect();
            let got = QueryFigures::of("q", &ranking, &judgments);
            assert_eq!(got.first_relevant, rank, "{ranking:?}");
            assert!((got.ndcg_at_10 - ndcg).abs() < 1e-9, "{ranking:?}: {got:?}");
        }
    }
}
