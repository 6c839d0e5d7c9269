//! Second-phase scoring: proximity bonuses added to the best first-phase hits only.
//!
//! Phrase scorers read positions, which is most of the cost of a query whose matching set is
//! large; the first phase ranks every match by its syllables alone, and only the top
//! [`RESCORE_DEPTH`] get the phrase bonuses and are re-ranked.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, SeekDangerResult};

use crate::Result;

/// How many first-phase hits are re-ranked with the proximity bonuses.
pub const RESCORE_DEPTH: usize = 100;

/// Adds to each hit's score the scores of the `bonuses` that match it, then sorts the hits by
/// score, best first.
pub fn rescore(
    searcher: &tantivy::Searcher,
    bonuses: &[Box<dyn Query>],
    hits: &mut [(f32, DocAddress)],
) -> Result<()> {
    if !bonuses.is_empty() && !hits.is_empty() {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let weights = bonuses
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        // Scorers only move forward: visit the hits segment by segment, in doc id order.
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| (hits[i].1.segment_ord, hits[i].1.doc_id));
        let mut next = 0;
        while next < order.len() {
            let segment = hits[order[next]].1.segment_ord;
            let reader = searcher.segment_reader(segment);
            let mut scorers = weights
                .iter()
                .map(|w| w.scorer(reader, 1.0))
                .collect::<tantivy::Result<Vec<_>>>()?;
            while next < order.len() && hits[order[next]].1.segment_ord == segment {
                let hit = &mut hits[order[next]];
                for scorer in scorers.iter_mut() {
                    // "Does it match here?" without scanning on to the next match.
                    if scorer.seek_danger(hit.1.doc_id) == SeekDangerResult::Found {
                        hit.0 += scorer.score();
                    }
                }
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
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocId, Index, Term};

    use super::*;

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
        let phrase = |a: &str, b: &str| -> Box<dyn Query> {
            Box::new(PhraseQuery::new(vec![
                Term::from_field_text(text, a),
                Term::from_field_text(text, b),
            ]))
        };
        let all = TopDocs::with_limit(500).order_by_score();
        let mut ours = searcher.search(&*term(), &all).unwrap();
        rescore(&searcher, &[phrase("a", "b"), phrase("b", "c")], &mut ours).unwrap();
        let theirs = searcher
            .search(
                &BooleanQuery::new(vec![
                    (Occur::Must, term()),
                    (Occur::Should, phrase("a", "b")),
                    (Occur::Should, phrase("b", "c")),
                ]),
                &all,
            )
            .unwrap();
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
