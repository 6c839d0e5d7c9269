//! The core issue's acceptance examples, on the bundled corpus.

mod common;

use tracuu::search::{SearchRequest, Searcher};

use common::{ids, KON_TUM};

#[test]
fn both_tone_placements_find_each_other() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    // 001 writes "ủy ban nhân dân", 002 "Uỷ ban nhân dân".
    for query in [
        "\"uỷ ban nhân dân\"",
        "\"ủy ban nhân dân\"",
        "\"Ủy ban nhân dân\"",
        "\"uy ban nhan dan\"",
    ] {
        let mut got = ids(&searcher, &SearchRequest::new(query));
        got.sort();
        assert_eq!(
            got,
            vec!["001_5ee859b0e53d0842", "002_68464f24bc13dc34"],
            "query {query}"
        );
    }
}

#[test]
fn document_codes_in_any_spelling() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    for code in ["03-NQ/TU", "03/NQ-TU", "03 - NQ/TU", "03-nq/tu"] {
        let filtered = SearchRequest {
            document: Some(code.into()),
            ..SearchRequest::new("")
        };
        assert_eq!(
            ids(&searcher, &filtered),
            vec![KON_TUM],
            "--document {code}"
        );
    }
    for query in ["03/NQ-TU", "03-NQ/TU", "nghị quyết 03-NQ/TU"] {
        let got = ids(&searcher, &SearchRequest::new(query));
        assert_eq!(
            got.first().map(String::as_str),
            Some(KON_TUM),
            "query {query}: {got:?}"
        );
    }
}

#[test]
fn provinces_at_publication_and_after_the_merger() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let cases = [
        (None, Some("Quảng Ngãi")),
        (None, Some("quang ngai")),
        (Some("Kon Tum"), None),
        (Some("kon tum"), None),
        (Some("Tỉnh Kon Tum"), None),
    ];
    for (province, province_2025) in cases {
        let request = SearchRequest {
            province: province.map(String::from),
            province_2025: province_2025.map(String::from),
            ..SearchRequest::new("cán bộ")
        };
        assert_eq!(ids(&searcher, &request), vec![KON_TUM], "{request:?}");
    }
    let r = searcher.search(&SearchRequest::new("cán bộ")).unwrap();
    let provinces: Vec<&str> = r.facets.province.iter().map(|f| f.value.as_str()).collect();
    assert!(provinces.contains(&"Kon Tum"), "{provinces:?}");
    assert!(!r.facets.year.is_empty(), "{:?}", r.facets);
}

#[test]
fn accented_queries_are_not_drowned_by_folded_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let mut indexer = tracuu::index::Indexer::open_or_create(&dir).unwrap();
    let docs = [
        ("exact", "Tin ngắn", "Tỉnh quan tâm đào tạo cán bộ cơ sở."),
        (
            "noise",
            "Dao tảo cạn bờ",
            "Dao tảo cạn bờ, dao tảo cạn bờ: người dân ra bờ sông, mang dao cắt tảo khi nước cạn.",
        ),
    ];
    for (id, title, body) in docs {
        indexer
            .add(&tracuu::Article {
                id: id.into(),
                title: title.into(),
                body: body.into(),
                ..Default::default()
            })
            .unwrap();
    }
    indexer.commit().unwrap();
    let searcher = Searcher::open(&dir).unwrap();
    assert_eq!(
        ids(&searcher, &SearchRequest::new("đào tạo cán bộ")),
        vec!["exact", "noise"]
    );
    // Without diacritics both match the folded text.
    assert_eq!(
        ids(&searcher, &SearchRequest::new("dao tao can bo")).len(),
        2
    );
}

#[test]
fn programme_facets_and_filters() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let r = searcher.search(&SearchRequest::new("cán bộ")).unwrap();
    let programs: Vec<&str> = r.facets.program.iter().map(|f| f.value.as_str()).collect();
    assert!(programs.contains(&"llct/trung-cap"), "{programs:?}");
    let request = SearchRequest {
        program: Some("llct/trung-cap".into()),
        ..SearchRequest::new("cán bộ")
    };
    let filtered = searcher.search(&request).unwrap();
    let count = r
        .facets
        .program
        .iter()
        .find(|f| f.value == "llct/trung-cap")
        .map(|f| f.count);
    assert_eq!(Some(filtered.total as u64), count, "{request:?}");
    assert!(filtered.total > 0);
}

#[test]
fn programme_facets_carry_their_labels() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let r = searcher.search(&SearchRequest::new("cán bộ")).unwrap();
    let label = r
        .facets
        .program
        .iter()
        .find(|f| f.value == "llct/trung-cap")
        .and_then(|f| f.label.as_deref());
    assert_eq!(
        label,
        Some("Trung cấp lý luận chính trị"),
        "{:?}",
        r.facets.program
    );
    assert!(r.facets.province.iter().all(|f| f.label.is_none()));
}

#[test]
fn document_type_facet_filters_with_or_without_diacritics() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let r = searcher.search(&SearchRequest::new("cán bộ")).unwrap();
    let first = r
        .facets
        .document_type
        .first()
        .expect("a document type facet")
        .clone();
    let typed = [
        first.value.clone(),
        tracuu::text::fold(&first.value).to_lowercase(),
    ];
    for value in typed {
        let request = SearchRequest {
            document_type: Some(value.clone()),
            ..SearchRequest::new("cán bộ")
        };
        let filtered = searcher.search(&request).unwrap();
        assert_eq!(filtered.total as u64, first.count, "{value:?}");
        let syntax = format!("cán bộ document_type:\"{}\"", value);
        let via_syntax = searcher
            .search(&SearchRequest::new(syntax.as_str()))
            .unwrap();
        assert_eq!(via_syntax.total as u64, first.count, "{syntax:?}");
    }
}

#[test]
fn words_missing_from_the_article_relax_the_match_and_complete_matches_rank_first() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    // "Zalo" is in no article: the strict tier finds nothing, the relaxed ones still find
    // the Kon Tum article.
    let got = ids(
        &searcher,
        &SearchRequest::new("bồi dưỡng cán bộ Kon Plông Zalo"),
    );
    assert_eq!(got.first().map(String::as_str), Some(KON_TUM), "{got:?}");
    // Every article has "cán bộ"; only 000 also has "Kon Plông": complete matches first.
    let r = searcher
        .search(&SearchRequest::new("cán bộ Kon Plông"))
        .unwrap();
    assert_eq!(r.hits[0].id, KON_TUM);
    assert!(r.total >= 1);
}
