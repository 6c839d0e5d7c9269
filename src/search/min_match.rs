//! A query that matches documents containing at least `minimum` of its clauses, driven by the
//! union of its rarest clauses.
//!
//! tantivy's `BooleanQuery::with_minimum_required_clauses` walks the union of every clause's
//! postings with a heap, which for Vietnamese queries (syllables like "của", "các" are in most
//! documents) means visiting nearly the whole index. Here candidates come only from the `k`
//! rarest clauses, where `k = n - minimum + 1`: by pigeonhole every document that contains
//! `minimum` clauses contains one of them, so the matching set is the same; the other clauses
//! are only sought to the candidates, which skip lists make cheap.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// One clause of a [`MinMatchQuery`]: it matches where any of its alternatives matches
/// (e.g. a syllable in the title, the body, or their folded forms), scoring their sum.
#[derive(Debug)]
pub struct Clause {
    pub alternatives: Vec<Box<dyn Query>>,
    /// How many of the first alternatives produce candidates when this clause drives; the
    /// others only count on documents found otherwise (e.g. folded forms of an accented
    /// query).
    pub driving: usize,
    /// Alternatives whose every match is also a match of another alternative of the clause
    /// (the accented form of a syllable and its folded form): not needed to decide whether
    /// the clause matches, only sought to score a match.
    pub subsumed: Vec<usize>,
}

impl Clone for Clause {
    fn clone(&self) -> Self {
        Clause {
            alternatives: self.alternatives.iter().map(|q| q.box_clone()).collect(),
            driving: self.driving,
            subsumed: self.subsumed.clone(),
        }
    }
}

/// At least `minimum` of `clauses`, scored as the sum of the matching alternatives' scores.
#[derive(Debug)]
pub struct MinMatchQuery {
    /// Rarest first: the first `n - minimum + 1` drive the search.
    clauses: Vec<Clause>,
    minimum: usize,
    /// Added to documents that match every clause, ranking them above partial matches.
    complete_bonus: Score,
}

impl Clone for MinMatchQuery {
    fn clone(&self) -> Self {
        MinMatchQuery {
            clauses: self.clauses.clone(),
            minimum: self.minimum,
            complete_bonus: self.complete_bonus,
        }
    }
}

impl MinMatchQuery {
    /// `clauses` must be sorted rarest first; `minimum` is clamped to `1..=clauses.len()`.
    pub fn new(clauses: Vec<Clause>, minimum: usize) -> MinMatchQuery {
        let minimum = minimum.clamp(1, clauses.len().max(1));
        MinMatchQuery {
            clauses,
            minimum,
            complete_bonus: 0.0,
        }
    }

    /// Adds `bonus` to the score of documents that match every clause.
    pub fn with_complete_bonus(mut self, bonus: Score) -> MinMatchQuery {
        self.complete_bonus = bonus;
        self
    }

    fn drivers(&self) -> usize {
        self.clauses.len() + 1 - self.minimum
    }
}

impl Query for MinMatchQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let clauses = self
            .clauses
            .iter()
            .map(|c| {
                let weights = c
                    .alternatives
                    .iter()
                    .map(|q| q.weight(enable_scoring))
                    .collect::<tantivy::Result<Vec<_>>>()?;
                let decides = (0..weights.len())
                    .map(|i| !c.subsumed.contains(&i))
                    .collect();
                Ok(ClauseWeights {
                    weights,
                    driving: c.driving,
                    decides,
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(MinMatchWeight {
            clauses,
            complete_bonus: self.complete_bonus,
            minimum: self.minimum,
            drivers: self.drivers(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for c in &self.clauses {
            for q in &c.alternatives {
                q.query_terms(visitor);
            }
        }
    }
}

/// The weights of one clause's alternatives.
struct ClauseWeights {
    weights: Vec<Box<dyn Weight>>,
    /// How many of the first alternatives drive (when the clause is among the rarest).
    driving: usize,
    /// Per alternative: whether it is sought to decide a match (see [`Clause::subsumed`]).
    decides: Vec<bool>,
}

struct MinMatchWeight {
    clauses: Vec<ClauseWeights>,
    complete_bonus: Score,
    minimum: usize,
    drivers: usize,
}

impl Weight for MinMatchWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut alternatives = Vec::new();
        let mut clause_ends = Vec::with_capacity(self.clauses.len());
        let mut drivers = Vec::new();
        let mut decides = Vec::new();
        for (c, clause) in self.clauses.iter().enumerate() {
            for (i, w) in clause.weights.iter().enumerate() {
                if c < self.drivers && i < clause.driving {
                    drivers.push(alternatives.len());
                }
                alternatives.push(w.scorer(reader, boost)?);
                decides.push(clause.decides[i]);
            }
            clause_ends.push(alternatives.len());
        }
        let docs = alternatives.iter().map(|s| s.doc()).collect();
        let mut scorer = MinMatchScorer {
            alternatives,
            docs,
            decides,
            clause_ends,
            drivers,
            matched: Vec::with_capacity(self.clauses.len()),
            complete_bonus: self.complete_bonus,
            minimum: self.minimum,
            doc: TERMINATED,
            score: 0.0,
        };
        scorer.find();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "sum of the matching clauses (at least the minimum)",
            scorer.score(),
        ))
    }
}

/// Walks the candidates of the driving alternatives and keeps those that match enough
/// clauses. Every alternative's current document is mirrored in `docs`, so that the loop
/// reads a flat array instead of calling through the scorers; the drivers are alternatives
/// of the rarest clauses themselves, so no posting list is decoded twice.
struct MinMatchScorer {
    /// The alternatives of every clause, clause after clause.
    alternatives: Vec<Box<dyn Scorer>>,
    /// The current document of each alternative (behind the candidate for alternatives not
    /// sought yet).
    docs: Vec<DocId>,
    /// Per alternative: sought to decide whether its clause matches, or only to score.
    decides: Vec<bool>,
    /// Where each clause's alternatives end in `alternatives`.
    clause_ends: Vec<usize>,
    /// Indices (in `alternatives`) of the alternatives that produce candidates.
    drivers: Vec<usize>,
    /// Per clause, whether it matches the current candidate (filled as clauses are decided).
    matched: Vec<bool>,
    complete_bonus: Score,
    minimum: usize,
    doc: DocId,
    score: Score,
}

impl MinMatchScorer {
    /// Moves to the first candidate at or after the drivers' positions that matches enough
    /// clauses.
    fn find(&mut self) -> DocId {
        let n = self.clause_ends.len();
        loop {
            let candidate = self
                .drivers
                .iter()
                .map(|&d| self.docs[d])
                .min()
                .unwrap_or(TERMINATED);
            if candidate == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let mut count = 0;
            let mut missing = 0;
            let mut start = 0;
            self.matched.clear();
            // The first document after the candidate where a missing clause can match: the
            // smallest over those clauses.
            let mut skip_to = TERMINATED;
            for &end in &self.clause_ends {
                // A clause is decided by its first matching alternative; the others are
                // sought only if the candidate matches enough clauses.
                let mut matched = false;
                let mut next = TERMINATED;
                for i in start..end {
                    if self.docs[i] < candidate && self.decides[i] {
                        self.docs[i] = self.alternatives[i].seek(candidate);
                    }
                    if self.docs[i] == candidate {
                        matched = true;
                        break;
                    }
                    if self.decides[i] {
                        next = next.min(self.docs[i]);
                    }
                }
                start = end;
                self.matched.push(matched);
                if matched {
                    count += 1;
                } else {
                    missing += 1;
                    skip_to = skip_to.min(next);
                    // Too many clauses missing already: skip the rest of this candidate.
                    if n - missing < self.minimum {
                        break;
                    }
                }
            }
            if count >= self.minimum {
                // Scored only now: most candidates of a relaxed tier fail the count.
                let mut score: Score = 0.0;
                let mut start = 0;
                for (&end, &matched) in self.clause_ends.iter().zip(&self.matched) {
                    // A missing clause has no alternative on the candidate: its deciding
                    // ones were sought past it, and the others match only where those do.
                    if matched {
                        for i in start..end {
                            if self.docs[i] < candidate {
                                self.docs[i] = self.alternatives[i].seek(candidate);
                            }
                            if self.docs[i] == candidate {
                                score += self.alternatives[i].score();
                            }
                        }
                    }
                    start = end;
                }
                if count == n {
                    score += self.complete_bonus;
                }
                self.doc = candidate;
                self.score = score;
                return candidate;
            }
            // The candidate failed with `n - minimum + 1` clauses missing. Every match holds
            // at least one clause of any `n - minimum + 1` (pigeonhole, as for the drivers),
            // so none lies before the first document where one of the missing clauses
            // matches again: the drivers leap there, as an intersection's leapfrog does.
            self.seek_drivers(skip_to.max(candidate + 1));
        }
    }

    /// Moves every driver to its first document at or after `target`.
    fn seek_drivers(&mut self, target: DocId) {
        for &d in &self.drivers {
            if target == TERMINATED {
                // A missing clause never matches again: neither can enough clauses.
                self.docs[d] = TERMINATED;
            } else if self.docs[d] < target {
                self.docs[d] = self.alternatives[d].seek(target);
            }
        }
    }

    fn advance_drivers_past(&mut self, doc: DocId) {
        for &d in &self.drivers {
            if self.docs[d] == doc {
                self.docs[d] = self.alternatives[d].advance();
            }
        }
    }
}

impl DocSet for MinMatchScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.advance_drivers_past(self.doc);
        self.find()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.seek_drivers(target);
        self.find()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.drivers
            .iter()
            .map(|&d| self.alternatives[d].size_hint())
            .fold(0u32, u32::saturating_add)
    }
}

impl Scorer for MinMatchScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, TantivyDocument, Term};

    use super::*;

    /// A scored term query of `w` in `field`.
    fn term(field: Field, w: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, w),
            IndexRecordOption::WithFreqs,
        ))
    }

    #[test]
    fn matches_the_same_documents_as_boolean_minimum_match() {
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let words = ["a", "b", "c", "d", "e"];
        // Every subset of the five words, as a document.
        for mask in 0u32..32 {
            let body: Vec<&str> = (0..5)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| words[i])
                .collect();
            writer.add_document(doc!(text => body.join(" "))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        for minimum in 1..=5 {
            let clauses = words
                .iter()
                .map(|w| Clause {
                    alternatives: vec![term(w)],
                    driving: 1,
                    subsumed: Vec::new(),
                })
                .collect();
            let ours = MinMatchQuery::new(clauses, minimum);
            let theirs = BooleanQuery::with_minimum_required_clauses(
                words.iter().map(|w| (Occur::Should, term(w))).collect(),
                minimum,
            );
            let count = |q: &dyn Query| searcher.search(q, &Count).unwrap();
            assert_eq!(count(&ours), count(&theirs), "minimum {minimum}");
            let top = |q: &dyn Query| -> Vec<DocId> {
                let mut docs: Vec<DocId> = searcher
                    .search(q, &TopDocs::with_limit(40).order_by_score())
                    .unwrap()
                    .into_iter()
                    .map(|(_, a)| a.doc_id)
                    .collect();
                docs.sort();
                docs
            };
            assert_eq!(top(&ours), top(&theirs), "minimum {minimum}");
        }
    }

    #[test]
    fn subsumed_alternatives_change_no_match_and_no_score() {
        // `rare` holds a word in some documents; `common` holds it in those and more, like
        // the accented and folded fields of a syllable.
        let mut builder = Schema::builder();
        let rare = builder.add_text_field("rare", TEXT);
        let common = builder.add_text_field("common", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let words = ["a", "b", "c", "d"];
        let mut seed = 11u32;
        for _ in 0..300 {
            let mut doc = TantivyDocument::default();
            for w in words {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                match (seed >> 16) % 3 {
                    0 => {
                        doc.add_text(rare, w);
                        doc.add_text(common, w);
                    }
                    1 => doc.add_text(common, w),
                    _ => {}
                }
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        for (driving, minimum) in [(1, 4), (1, 3), (2, 2), (2, 1)] {
            let query = |subsumed: Vec<usize>| {
                let clauses = words
                    .iter()
                    .map(|w| Clause {
                        alternatives: vec![term(rare, w), term(common, w)],
                        driving,
                        subsumed: subsumed.clone(),
                    })
                    .collect();
                MinMatchQuery::new(clauses, minimum).with_complete_bonus(10.0)
            };
            let hits = |q: &dyn Query| -> Vec<(DocId, i64)> {
                let mut v: Vec<(DocId, i64)> = searcher
                    .search(q, &TopDocs::with_limit(300).order_by_score())
                    .unwrap()
                    .into_iter()
                    .map(|(s, a)| (a.doc_id, (s * 1000.0).round() as i64))
                    .collect();
                v.sort();
                v
            };
            let with = hits(&query(vec![0]));
            assert!(!with.is_empty(), "driving {driving}, minimum {minimum}");
            assert_eq!(
                with,
                hits(&query(vec![])),
                "driving {driving}, minimum {minimum}"
            );
        }
    }

    #[test]
    fn same_documents_and_scores_as_counting_every_alternative() {
        // `title` holds a word in few documents, `body` in most, `any` wherever either does
        // (like the folded field of an accented syllable). Table-driven over the order of a
        // clause's alternatives, which of them only score, and the minimum: the reference
        // counts and scores every alternative of every document.
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT);
        let body = builder.add_text_field("body", TEXT);
        let any = builder.add_text_field("any", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let words = ["a", "b", "c", "d", "e"];
        let mut seed = 7u32;
        let mut next = |m: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % m
        };
        // Enough documents for posting lists of many blocks, and rare words, so that the
        // scorer leaps over whole blocks.
        let docs = 8_000;
        for _ in 0..docs {
            let mut doc = TantivyDocument::default();
            for (k, w) in words.iter().enumerate() {
                let in_title = next(30) == 0;
                // Later words are more common in bodies: 4 % of them to 60 %.
                let in_body = next(100) < [4, 10, 25, 45, 60][k];
                let times = 1 + next(3) as usize;
                if in_title {
                    doc.add_text(title, w);
                }
                if in_body {
                    doc.add_text(body, vec![*w; times].join(" "));
                }
                if in_title || in_body {
                    doc.add_text(any, w);
                }
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        // Each alternative's own score per document.
        let scores = |q: &dyn Query| -> std::collections::HashMap<DocId, Score> {
            searcher
                .search(q, &TopDocs::with_limit(docs).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| (a.doc_id, s))
                .collect()
        };
        // (fields of each clause's alternatives, subsumed alternatives, minimum)
        type Case = (Vec<Field>, Vec<usize>, usize);
        let cases: Vec<Case> = vec![
            (vec![title, body], vec![], 5),
            (vec![title, body], vec![], 4),
            (vec![title, body], vec![], 2),
            (vec![body, title], vec![], 3),
            (vec![title, body, any], vec![0, 1], 5),
            (vec![title, body, any], vec![0, 1], 3),
            (vec![title, body, any], vec![0, 1], 1),
            (vec![title, any, body], vec![2], 4),
        ];
        let bonus = 10.0;
        for (fields, subsumed, minimum) in cases {
            let case = format!("fields {fields:?}, subsumed {subsumed:?}, minimum {minimum}");
            let clauses = words
                .iter()
                .map(|w| Clause {
                    alternatives: fields.iter().map(|&f| term(f, w)).collect(),
                    driving: fields.len(),
                    subsumed: subsumed.clone(),
                })
                .collect();
            let query = MinMatchQuery::new(clauses, minimum).with_complete_bonus(bonus);
            let mut ours: Vec<(DocId, Score)> = searcher
                .search(&query, &TopDocs::with_limit(docs).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| (a.doc_id, s))
                .collect();
            ours.sort_by_key(|(doc, _)| *doc);
            // Expected: every clause with any alternative on the document counts, and the
            // score is the sum of every matching alternative's, in the clauses' order.
            let per_alternative: Vec<Vec<_>> = words
                .iter()
                .map(|w| fields.iter().map(|&f| scores(&*term(f, w))).collect())
                .collect();
            let mut expected = Vec::new();
            for doc in 0..searcher.segment_reader(0).max_doc() {
                let count = per_alternative
                    .iter()
                    .filter(|alts| alts.iter().any(|m| m.contains_key(&doc)))
                    .count();
                if count < minimum {
                    continue;
                }
                let mut score: Score = 0.0;
                for m in per_alternative.iter().flatten() {
                    if let Some(s) = m.get(&doc) {
                        score += s;
                    }
                }
                if count == words.len() {
                    score += bonus;
                }
                expected.push((doc, score));
            }
            assert!(!expected.is_empty(), "{case}");
            assert_eq!(ours, expected, "{case}");
        }
    }
}
