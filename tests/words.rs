//! Word fields (`ingest --words`): words indexed at the positions of their syllables.

mod common;

use std::path::Path;

use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Term};
use tracuu::index::{Fields, Indexer, SchemaOptions};
use tracuu::search::{SearchRequest, Searcher};
use tracuu::Article;

use common::ids;

/// (id, title, lead, body)
const ARTICLES: [(&str, &str, &str, &str); 4] = [
    (
        "word",
        "Tin giáo dục",
        "Tin ngắn.",
        "Học sinh giỏi của trường được khen thưởng trong năm nay.",
    ),
    (
        "boundary",
        "Tin giáo dục",
        "Tin ngắn.",
        "Giờ sinh học sinh động của trường được khen thưởng.",
    ),
    (
        "scattered",
        "Tin giáo dục",
        "Tin ngắn.",
        "Học xong thì sinh hoạt của trường được khen thưởng.",
    ),
    (
        "cadres",
        "Đào tạo cán bộ",
        "Tỉnh mở lớp.",
        "Lớp đào tạo cán bộ cơ sở khai giảng tại huyện Kon Plông.",
    ),
];

fn build(dir: &Path, words: bool) {
    let mut indexer = Indexer::open_or_create_with(dir, SchemaOptions { words }).unwrap();
    for (id, title, lead, body) in ARTICLES {
        let article = Article {
            id: id.into(),
            title: title.into(),
            lead: Some(lead.into()),
            body: body.into(),
            ..Default::default()
        };
        indexer.add(&article).unwrap();
    }
    indexer.commit().unwrap();
}

/// Positions of `text` in `field` of the document `id`'s single segment.
fn positions(dir: &Path, field: &str, text: &str, id: &str) -> Vec<u32> {
    let index = tracuu::index::open_index(dir).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let fields = Fields::from_schema(&index.schema()).unwrap();
    let field = index.schema().get_field(field).unwrap();
    let id_term = Term::from_field_text(fields.id, id);
    for reader in searcher.segment_readers() {
        let ids = reader.inverted_index(fields.id).unwrap();
        let Some(mut doc_postings) = ids
            .read_postings(&id_term, IndexRecordOption::Basic)
            .unwrap()
        else {
            continue;
        };
        let doc = doc_postings.doc();
        let inverted = reader.inverted_index(field).unwrap();
        let term = Term::from_field_text(field, text);
        let Some(mut p) = inverted
            .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)
            .unwrap()
        else {
            return Vec::new();
        };
        if p.seek(doc) != doc {
            return Vec::new();
        }
        let mut out = Vec::new();
        p.positions(&mut out);
        doc_postings.advance();
        return out;
    }
    Vec::new()
}

#[test]
fn words_are_indexed_at_the_positions_of_their_first_syllables() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    build(&dir, true);
    // (id, syllable field, first syllable, word field, word), in the body's second value
    // (the lead is the first) so that positions carry over from value to value.
    let cases = [
        ("cadres", "body", "cán", "body_words", "cán_bộ"),
        (
            "cadres",
            "body_folded",
            "can",
            "body_words_folded",
            "can_bo",
        ),
        ("cadres", "body", "kon", "body_words", "kon_plông"),
        ("word", "body", "học", "body_words", "học_sinh"),
        ("cadres", "title", "đào", "title_words", "đào_tạo"),
    ];
    for (id, syllable_field, syllable, word_field, word) in cases {
        let words = positions(&dir, word_field, word, id);
        let syllables = positions(&dir, syllable_field, syllable, id);
        assert!(!words.is_empty(), "{id}: {word} not in {word_field}");
        assert_eq!(words, syllables, "{id}: {word} vs {syllable}");
    }
    // "học sinh" across a word boundary is no word.
    assert_eq!(
        positions(&dir, "body_words", "học_sinh", "boundary"),
        Vec::<u32>::new()
    );
}

#[test]
fn syllable_and_phrase_queries_match_as_without_words() {
    let tmp = tempfile::tempdir().unwrap();
    let with = tmp.path().join("with");
    let without = tmp.path().join("without");
    build(&with, true);
    build(&without, false);
    let with = Searcher::open(&with).unwrap();
    let without = Searcher::open(&without).unwrap();
    // (query, ids that must be among the hits)
    let cases: [(&str, &[&str]); 7] = [
        ("sinh", &["word", "boundary", "scattered"]),
        ("sinh động", &["boundary"]),
        // A phrase across a word boundary (sinh_học | sinh_động) still matches.
        ("\"học sinh động\"", &["boundary"]),
        ("\"học sinh\"", &["word", "boundary"]),
        ("cán bộ", &["cadres"]),
        ("can bo co so", &["cadres"]),
        ("\"tạo cán\"", &["cadres"]),
    ];
    for (query, expected) in cases {
        let request = SearchRequest::new(query);
        let mut got = ids(&with, &request);
        for id in expected {
            assert!(
                got.contains(&id.to_string()),
                "{query:?}: {id} not in {got:?}"
            );
        }
        let mut before = ids(&without, &request);
        got.sort();
        before.sort();
        assert_eq!(
            got, before,
            "{query:?}: the words changed which documents match"
        );
    }
}

#[test]
fn a_word_match_ranks_above_the_same_syllables_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    build(&dir, true);
    let searcher = Searcher::open(&dir).unwrap();
    // (query, expected order)
    let cases: [(&str, &[&str]); 2] = [
        ("học sinh", &["word", "boundary", "scattered"]),
        ("hoc sinh", &["word", "boundary", "scattered"]),
    ];
    for (query, expected) in cases {
        let got = ids(&searcher, &SearchRequest::new(query));
        assert_eq!(got, expected, "{query:?}");
    }
}
