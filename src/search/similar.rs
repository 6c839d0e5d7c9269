//! More like this: earlier coverage of a document's topic, with near-duplicates set apart.
//!
//! The document's most distinctive syllables (tf-idf over its title and body, exact forms)
//! become a weighted SHOULD query over the exact title and body fields. tantivy's
//! `MoreLikeThisQuery` was considered: it reads terms from stored fields (ours are not stored
//! but for the article JSON), scores one field at a time and cannot down-weight the few
//! hundred syllables that occur in most Vietnamese articles, so the query is built here.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use super::query::tokenize;
use super::{Hit, Searcher};
use crate::index::article_from_document;
use crate::text::fold;
use crate::{Article, Result};

/// Terms kept from the document for the query.
const MAX_TERMS: usize = 30;
/// A syllable found in more than this share of documents says nothing about the topic.
const MAX_DOC_SHARE: f64 = 0.3;
/// Below this many documents the share filter is meaningless and is not applied.
const MIN_DOCS_FOR_SHARE: u64 = 20;
/// Jaccard similarity of the two term sets from which a hit is a near-duplicate.
pub const NEAR_DUPLICATE_OVERLAP: f64 = 0.8;
/// Weight of a title occurrence relative to a body occurrence.
const TITLE_WEIGHT: f32 = 2.0;

/// Related articles of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// Other coverage of the same topic, best first.
    pub similar: Vec<Hit>,
    /// Copies of the document itself (same title, or nearly the same words).
    pub near_duplicates: Vec<Hit>,
}

impl Searcher {
    /// Up to `limit` articles about the same topic as the document `id` (which must exist),
    /// excluding it; near-duplicates of it are listed apart (up to `limit` as well).
    pub fn similar(&self, id: &str, limit: usize) -> Result<Similar> {
        let article = self.get(id)?;
        let searcher = self.reader.searcher();
        let terms = self.article_terms(&article);
        let n = searcher.num_docs().max(1);

        let mut weighted: Vec<(String, f32)> = Vec::new();
        for (term, tf) in &terms.counts {
            if term.chars().count() < 2 {
                continue;
            }
            let df = searcher.doc_freq(&Term::from_field_text(self.fields.body, term))?
                + searcher.doc_freq(&Term::from_field_text(self.fields.title, term))?;
            let df = df.min(n);
            if n >= MIN_DOCS_FOR_SHARE && df as f64 / n as f64 > MAX_DOC_SHARE {
                continue;
            }
            let idf = (1.0 + (n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
            weighted.push((term.clone(), (*tf as f64).sqrt() as f32 * idf as f32));
        }
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighted.truncate(MAX_TERMS);

        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in &weighted {
            for (field, boost) in [(self.fields.body, 1.0), (self.fields.title, TITLE_WEIGHT)] {
                let q = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), weight * boost)),
                ));
            }
        }
        let mut result = Similar {
            similar: Vec::new(),
            near_duplicates: Vec::new(),
        };
        if clauses.is_empty() || limit == 0 {
            return Ok(result);
        }
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.id, &article.id),
                IndexRecordOption::Basic,
            )),
        ));
        let query = BooleanQuery::new(clauses);
        // Near-duplicates score highest: fetch enough to fill both lists.
        let top = searcher.search(&query, &TopDocs::with_limit(limit * 2 + 5).order_by_score())?;
        let own_title = comparable_title(&article.title);
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let other = article_from_document(&doc, &self.fields)?;
            let lead: String = other.body.chars().take(200).collect();
            let hit = Hit::from_article(&other, score, super::snippet::escape_html(&lead));
            let same_title = !own_title.is_empty() && comparable_title(&other.title) == own_title;
            let overlap = jaccard(&terms.set(), &self.article_terms(&other).set());
            if same_title || overlap >= NEAR_DUPLICATE_OVERLAP {
                if result.near_duplicates.len() < limit {
                    result.near_duplicates.push(hit);
                }
            } else if result.similar.len() < limit {
                result.similar.push(hit);
            }
        }
        Ok(result)
    }

    /// Exact-form term counts of the title (counted [`TITLE_WEIGHT`] times) and body.
    fn article_terms(&self, article: &Article) -> TermCounts {
        let mut analyzers = self.lock_analyzers();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for t in tokenize(&mut analyzers.exact, &article.title) {
            *counts.entry(t.text).or_default() += TITLE_WEIGHT as u32;
        }
        for text in [article.lead.as_deref().unwrap_or(""), &article.body] {
            for t in tokenize(&mut analyzers.exact, text) {
                *counts.entry(t.text).or_default() += 1;
            }
        }
        TermCounts { counts }
    }
}

struct TermCounts {
    counts: HashMap<String, u32>,
}

impl TermCounts {
    fn set(&self) -> HashSet<&str> {
        self.counts.keys().map(String::as_str).collect()
    }
}

/// A title compared without case, diacritics or punctuation.
fn comparable_title(title: &str) -> String {
    fold(title)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// |a ∩ b| / |a ∪ b|, 0 for two empty sets.
fn jaccard(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_diacritics_and_punctuation() {
        assert_eq!(comparable_title("Đào tạo, bồi dưỡng!"), "dao tao boi duong");
        assert_eq!(comparable_title("  "), "");
    }

    #[test]
    fn jaccard_of_sets() {
        let a: HashSet<&str> = ["a", "b", "c"].into_iter().collect();
        let b: HashSet<&str> = ["b", "c", "d"].into_iter().collect();
        assert!((jaccard(&a, &b) - 0.5).abs() < 1e-9);
        assert_eq!(jaccard(&HashSet::new(), &HashSet::new()), 0.0);
    }
}
