//! Second-phase scoring: proximity bonuses added to the best first-phase hits only.
//!
//! Phrase matching reads positions, which is most of the cost of a query whose matching set
//! is large; the first phase ranks every match by its syllables alone, and only the top
//! [`RESCORE_DEPTH`] get the phrase bonuses and are re-ranked. A bonus scores like tantivy's
//! `PhraseQuery` (BM25 of the phrase frequency with the summed idf of its terms, times its
//! weight), but is computed here from the positions of the hits alone: a phrase scorer
//! would first scan its postings for the next match, which for two common syllables can be
//! far away. A coverage factor ([`Bonus::coverage`]) multiplies the score of the hits whose
//! title and lead hold every query syllable, after the bonuses.

use std::collections::HashMap;

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Term};

use crate::Result;

/// How many first-phase hits are re-ranked with the proximity bonuses.
pub const RESCORE_DEPTH: usize = 100;
/// The shortest run a run bonus ([`Bonus::run`]) counts: pairs have their own bonus.
pub const MIN_RUN: usize = 3;

/// A phrase that adds `weight` × its BM25 score to the hits that contain it.
#[derive(Debug, Clone)]
pub struct Bonus {
    pub field: Field,
    /// The phrase's terms with their offsets in the phrase (0 for the first).
    pub terms: Vec<(usize, Term)>,
    pub weight: Score,
    /// Only occurrences starting before this position count (the lead of a text).
    pub before: u32,
    /// Scored as in the shortest text: the length of the text does not lower it.
    pub flat: bool,
    /// A run bonus ([`Bonus::run`]) rather than a phrase.
    pub run: bool,
    /// A coverage factor ([`Bonus::coverage`]) rather than a phrase.
    pub coverage: bool,
}

impl Bonus {
    /// A bonus for `texts` in `field`, at consecutive offsets.
    pub fn new(field: Field, texts: &[(usize, &str)], weight: Score) -> Bonus {
        let first = texts.first().map_or(0, |t| t.0);
        Bonus {
            field,
            terms: texts
                .iter()
                .map(|(position, text)| (position - first, Term::from_field_text(field, text)))
                .collect(),
            weight,
            before: u32::MAX,
            flat: false,
            run: false,
            coverage: false,
        }
    }

    /// A factor for the hits where every one of `syllables` (each a group of terms, any of
    /// which will do: the syllable in the title, in the body) occurs at a position before
    /// `before`: their score is multiplied by 1 + `weight`, after the other bonuses. A known
    /// item is described by what its headline and opening say; other reports of the same
    /// event often hold the same words further down.
    pub fn coverage(syllables: &[Vec<Term>], before: u32, weight: Score) -> Option<Bonus> {
        let field = syllables.first()?.first()?.field();
        let terms: Vec<(usize, Term)> = syllables
            .iter()
            .enumerate()
            .flat_map(|(i, terms)| terms.iter().map(move |t| (i, t.clone())))
            .collect();
        Some(Bonus {
            field,
            terms,
            weight,
            before,
            flat: false,
            run: false,
            coverage: true,
        })
    }

    /// A bonus for the longest run of `texts` (a query's syllables in order, one per
    /// position) found in a row in `field`: `weight` × the summed idf of the run's syllables,
    /// for runs of [`MIN_RUN`] syllables or more. Questions copied from a text share a long
    /// stretch of it verbatim; the pair bonuses count each adjacent pair alone, however often
    /// it recurs, and the whole-query phrase needs every syllable.
    pub fn run(field: Field, texts: &[(usize, &str)], weight: Score) -> Bonus {
        Bonus {
            run: true,
            ..Bonus::new(field, texts, weight)
        }
    }

    /// The bonus counting only occurrences that start before position `before`.
    pub fn before(mut self, before: u32) -> Bonus {
        self.before = before;
        self
    }

    /// The bonus scored without length normalization: a definition ("X là …") in a long
    /// glossary of many terms is as much one as in a short article.
    pub fn flat(mut self) -> Bonus {
        self.flat = true;
        self
    }
}

/// A bonus ready to score: its BM25 weight and, per term, the index of the distinct term
/// whose positions it reads.
struct PreparedBonus {
    /// The phrase's BM25 weight (none for run and coverage bonuses).
    bm25: Option<Bm25Weight>,
    weight: Score,
    field: Field,
    terms: Vec<(u32, usize)>,
    before: u32,
    flat: bool,
    /// For a run bonus, each term's idf (in the order of `terms`).
    run: Option<Vec<Score>>,
    /// A coverage factor: `terms` hold (syllable, distinct term).
    coverage: bool,
}

/// Number of positions `p` before `before` where every term of the phrase is at `p + offset`.
fn phrase_count(terms: &[(u32, usize)], positions: &[Vec<u32>], before: u32) -> u32 {
    let Some(&(first_offset, first)) = terms.first() else {
        return 0;
    };
    positions[first]
        .iter()
        .filter(|&&p| p.saturating_sub(first_offset) < before)
        .filter(|&&p| {
            terms[1..].iter().all(|&(offset, t)| {
                (p + offset)
                    .checked_sub(first_offset)
                    .is_some_and(|target| positions[t].binary_search(&target).is_ok())
            })
        })
        .count() as u32
}

/// Whether every syllable of a coverage bonus (`terms` hold (syllable, term), syllables
/// numbered from 0) has one of its terms at a position before `before`.
fn covers(terms: &[(u32, usize)], positions: &[Vec<u32>], before: u32) -> bool {
    let syllables = terms
        .iter()
        .map(|&(s, _)| s as usize + 1)
        .max()
        .unwrap_or(0);
    let mut covered = vec![false; syllables];
    for &(syllable, term) in terms {
        covered[syllable as usize] |= positions[term].first().is_some_and(|&p| p < before);
    }
    syllables > 0 && covered.iter().all(|&c| c)
}

/// The greatest summed idf of a run of [`MIN_RUN`] terms or more (`terms` in query order,
/// with their idf `idf`) found at consecutive positions, or 0.
fn best_run(terms: &[(u32, usize)], idf: &[Score], positions: &[Vec<u32>]) -> Score {
    let mut best: Score = 0.0;
    // For the run starting at term i + 1: (position, length, summed idf), by position.
    let mut next: Vec<(u32, usize, Score)> = Vec::new();
    let mut current: Vec<(u32, usize, Score)> = Vec::new();
    for i in (0..terms.len()).rev() {
        let (offset, term) = terms[i];
        let gap = terms.get(i + 1).map(|&(o, _)| o.saturating_sub(offset));
        current.clear();
        for &p in &positions[term] {
            let (len, sum) = gap
                .and_then(|gap| {
                    let at = p.checked_add(gap)?;
                    let k = next.binary_search_by_key(&at, |e| e.0).ok()?;
                    Some((next[k].1, next[k].2))
                })
                .unwrap_or((0, 0.0));
            let run = (p, len + 1, sum + idf[i]);
            if run.1 >= MIN_RUN {
                best = best.max(run.2);
            }
            current.push(run);
        }
        std::mem::swap(&mut next, &mut current);
    }
    best
}

/// BM25's idf of a term.
fn term_idf(searcher: &tantivy::Searcher, term: &Term) -> tantivy::Result<Score> {
    let docs = searcher.num_docs();
    let df = searcher.doc_freq(term)?;
    let x = (docs.saturating_sub(df) as f32 + 0.5) / (df as f32 + 0.5);
    Ok((1.0 + x).ln())
}

/// Adds to each hit's score the scores of the `bonuses` that match it, then sorts the hits by
/// score, best first.
pub fn rescore(
    searcher: &tantivy::Searcher,
    bonuses: &[Bonus],
    hits: &mut [(f32, DocAddress)],
) -> Result<()> {
    if !bonuses.is_empty() && !hits.is_empty() {
        // Each distinct term's positions are read once per hit, whatever the bonuses using it.
        let mut distinct: Vec<Term> = Vec::new();
        let mut index_of: HashMap<Term, usize> = HashMap::new();
        let mut prepared = Vec::with_capacity(bonuses.len());
        for bonus in bonuses.iter().filter(|b| !b.terms.is_empty()) {
            let terms: Vec<Term> = bonus.terms.iter().map(|(_, t)| t.clone()).collect();
            let bm25 = if bonus.run || bonus.coverage {
                None
            } else {
                Some(Bm25Weight::for_terms(searcher, &terms)?.boost_by(bonus.weight))
            };
            let terms = bonus
                .terms
                .iter()
                .map(|(offset, term)| {
                    let i = *index_of.entry(term.clone()).or_insert_with(|| {
                        distinct.push(term.clone());
                        distinct.len() - 1
                    });
                    (*offset as u32, i)
                })
                .collect();
            let run = if bonus.run {
                let idf = bonus
                    .terms
                    .iter()
                    .map(|(_, term)| term_idf(searcher, term))
                    .collect::<tantivy::Result<Vec<Score>>>()?;
                Some(idf)
            } else {
                None
            };
            prepared.push(PreparedBonus {
                bm25,
                weight: bonus.weight,
                field: bonus.field,
                terms,
                before: bonus.before,
                flat: bonus.flat,
                run,
                coverage: bonus.coverage,
            });
        }
        let mut fields: Vec<Field> = prepared.iter().map(|b| b.field).collect();
        fields.sort_unstable_by_key(|f| f.field_id());
        fields.dedup();
        // Postings only move forward: visit the hits segment by segment, in doc id order.
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| (hits[i].1.segment_ord, hits[i].1.doc_id));
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); distinct.len()];
        let mut next = 0;
        while next < order.len() {
            let segment = hits[order[next]].1.segment_ord;
            let reader = searcher.segment_reader(segment);
            let mut postings: Vec<Option<SegmentPostings>> = Vec::with_capacity(distinct.len());
            for term in &distinct {
                postings.push(
                    reader
                        .inverted_index(term.field())?
                        .read_postings(term, IndexRecordOption::WithFreqsAndPositions)
                        .map_err(tantivy::TantivyError::from)?,
                );
            }
            let norms = fields
                .iter()
                .map(|&f| Ok((f, reader.get_fieldnorms_reader(f)?)))
                .collect::<tantivy::Result<Vec<_>>>()?;
            while next < order.len() && hits[order[next]].1.segment_ord == segment {
                let hit = &mut hits[order[next]];
                let doc = hit.1.doc_id;
                for (p, out) in postings.iter_mut().zip(positions.iter_mut()) {
                    out.clear();
                    if let Some(p) = p {
                        if p.doc() < doc && p.seek(doc) != doc {
                            continue;
                        }
                        if p.doc() == doc {
                            p.positions(out);
                        }
                    }
                }
                let mut factor: Score = 1.0;
                for bonus in &prepared {
                    if bonus.coverage {
                        if covers(&bonus.terms, &positions, bonus.before) {
                            factor *= 1.0 + bonus.weight;
                        }
                        continue;
                    }
                    if let Some(idf) = &bonus.run {
                        hit.0 += bonus.weight * best_run(&bonus.terms, idf, &positions);
                        continue;
                    }
                    let count = phrase_count(&bonus.terms, &positions, bonus.before);
                    if let (true, Some(bm25)) = (count > 0, &bonus.bm25) {
                        let norm = norms
                            .iter()
                            .find(|(f, _)| *f == bonus.field && !bonus.flat)
                            .map_or(0, |(_, n)| n.fieldnorm_id(doc));
                        hit.0 += bm25.score(norm, count);
                    }
                }
                hit.0 *= factor;
                next += 1;
            }
        }
    }
    hits.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1.segment_ord, a.1.doc_id).cmp(&(b.1.segment_ord, b.1.doc_id)))
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocId, Index, Term};

    use super::*;

    #[test]
    fn phrases_count_where_they_start_before_the_limit() {
        // Positions of terms 0 ("a") and 1 ("b") in a text.
        let positions = vec![vec![0, 5, 70], vec![1, 9, 71]];
        // (phrase as (offset, term), before) -> count
        type Phrase = &'static [(u32, usize)];
        let cases: [((Phrase, u32), u32); 7] = [
            ((&[(0, 0)], u32::MAX), 3),
            ((&[(0, 0)], 60), 2),
            ((&[(0, 0)], 5), 1),
            ((&[(0, 0)], 0), 0),
            ((&[(0, 0), (1, 1)], u32::MAX), 2),
            ((&[(0, 0), (1, 1)], 60), 1),
            ((&[(0, 0), (1, 1)], 71), 2),
        ];
        for ((terms, before), expected) in cases {
            assert_eq!(
                phrase_count(terms, &positions, before),
                expected,
                "{terms:?} before {before} in {positions:?}"
            );
        }
    }

    #[test]
    fn coverage_needs_every_syllable_before_the_limit() {
        // Positions of terms 0, 1 (syllable 0 in the title, in the body), 2 (syllable 1).
        let positions = vec![vec![], vec![3, 90], vec![70]];
        // ((syllable, term) pairs, before) -> covered
        type Terms = &'static [(u32, usize)];
        let cases: [((Terms, u32), bool); 7] = [
            ((&[(0, 0), (0, 1), (1, 2)], 80), true),
            ((&[(0, 0), (0, 1), (1, 2)], 70), false),
            ((&[(0, 0), (0, 1), (1, 2)], 4), false),
            ((&[(0, 0), (0, 1)], 4), true),
            ((&[(0, 0), (0, 1)], 3), false),
            ((&[(0, 0)], u32::MAX), false),
            ((&[], u32::MAX), false),
        ];
        for ((terms, before), expected) in cases {
            assert_eq!(
                covers(terms, &positions, before),
                expected,
                "{terms:?} before {before} in {positions:?}"
            );
        }
    }

    #[test]
    fn a_run_scores_the_summed_idf_of_its_longest_stretch() {
        // Positions of terms 0, 1, 2, 3 in a text; each term's idf is 1, 2, 4, 8.
        let positions = vec![vec![0, 10, 20], vec![1, 11], vec![2, 30], vec![3, 12]];
        let idf = [1.0, 2.0, 4.0, 8.0];
        // query terms as (offset, term) -> best summed idf
        type Query = &'static [(u32, usize)];
        let cases: [(Query, Score); 8] = [
            // 0 1 2 3 at 0..4: the whole query.
            (&[(0, 0), (1, 1), (2, 2), (3, 3)], 15.0),
            // Two terms in a row are no run.
            (&[(0, 0), (1, 1)], 0.0),
            (&[(0, 0), (1, 2), (2, 1)], 0.0),
            // 0 1 at 10, 11 and 3 at 12: "0 1 3" is a run there.
            (&[(0, 0), (1, 1), (2, 3)], 11.0),
            (&[(0, 0), (1, 1), (2, 3), (3, 2)], 11.0),
            // A gap in the query's positions (a code's parts) must be the same in the text.
            (&[(0, 0), (1, 1), (3, 2)], 0.0),
            (&[(0, 0), (1, 1), (2, 2), (4, 3)], 7.0),
            (&[], 0.0),
        ];
        for (terms, expected) in cases {
            let idf: Vec<Score> = terms.iter().map(|&(_, t)| idf[t]).collect();
            let got = best_run(terms, &idf, &positions);
            assert_eq!(got, expected, "{terms:?} in {positions:?}");
        }
    }

    #[test]
    fn rescoring_equals_boolean_should_clauses() {
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        // Phrases "a b" and "b c" at varying places, with gaps of other words.
        let words = ["a", "b", "c", "x"];
        let mut seed = 7u32;
        for _ in 0..400 {
            let mut body = Vec::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                body.push(words[(seed >> 16) as usize % 4]);
            }
            writer.add_document(doc!(text => body.join(" "))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, "a"),
                IndexRecordOption::WithFreqsAndPositions,
            ))
        };
        let phrase = |words: &[&str], weight: f32| -> Box<dyn Query> {
            let terms = words
                .iter()
                .map(|w| Term::from_field_text(text, w))
                .collect();
            Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), weight))
        };
        let bonus = |words: &[&str], weight: f32| -> Bonus {
            let texts: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
            Bonus::new(text, &texts, weight)
        };
        let phrases: [(&[&str], f32); 4] = [
            (&["a", "b"], 1.0),
            (&["b", "c"], 0.6),
            (&["a", "b", "c"], 1.5),
            (&["c", "c"], 2.0),
        ];
        let all = TopDocs::with_limit(500).order_by_score();
        let mut ours = searcher.search(&*term(), &all).unwrap();
        let bonuses: Vec<Bonus> = phrases
            .iter()
            .map(|(w, weight)| bonus(w, *weight))
            .collect();
        rescore(&searcher, &bonuses, &mut ours).unwrap();
        let mut clauses = vec![(Occur::Must, term())];
        for (w, weight) in phrases {
            clauses.push((Occur::Should, phrase(w, weight)));
        }
        let theirs = searcher.search(&BooleanQuery::new(clauses), &all).unwrap();
        let rounded = |hits: Vec<(f32, DocAddress)>| -> Vec<(DocId, i64)> {
            let mut v: Vec<(DocId, i64)> = hits
                .into_iter()
                .map(|(s, a)| (a.doc_id, (s * 1000.0).round() as i64))
                .collect();
            v.sort();
            v
        };
        assert!(
            ours.windows(2).all(|w| w[0].0 >= w[1].0),
            "sorted best first"
        );
        assert_eq!(rounded(ours), rounded(theirs));
    }
}
