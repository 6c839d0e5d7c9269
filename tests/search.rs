//! Search over the bundled corpus: ranking, filters, facets, updates, errors.

mod common;

use tracuu::index::Indexer;
use tracuu::ingest::ReadOptions;
use tracuu::search::{SearchRequest, Searcher, SortOrder};
use tracuu::{Article, Error};

use common::{ids, KON_TUM};

#[test]
fn unaccented_query_finds_the_kon_tum_article_first() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    for query in [
        "dao tao boi duong can bo co so",
        "đào tạo bồi dưỡng cán bộ cơ sở",
        "Kon Plông",
        "kon plong",
    ] {
        let got = ids(&searcher, &SearchRequest::new(query));
        assert_eq!(
            got.first().map(String::as_str),
            Some(KON_TUM),
            "query {query:?}: {got:?}"
        );
    }
}

#[test]
fn snippets_highlight_the_query() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let r = searcher.search(&SearchRequest::new("Kon Plông")).unwrap();
    let snippet = &r.hits[0].snippet;
    assert!(snippet.contains("<b>Kon Plông</b>"), "{snippet}");
}

#[test]
fn snippets_find_words_past_the_opening_or_fall_back_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let filler = "Hội nghị bàn về công tác chuẩn bị năm học mới. ".repeat(60);
    // (id, title, body, snippet expected for the query "Măng Cành")
    let cases = [
        (
            "late",
            "Tin địa phương",
            format!("{filler}Đoàn đến thăm xã Măng Cành."),
            "<b>Măng Cành</b>",
        ),
        (
            "title-only",
            "Xã Măng Cành chuẩn bị năm học",
            filler.clone(),
            "Hội nghị bàn về công tác",
        ),
    ];
    {
        let mut indexer = Indexer::open_or_create(&dir).unwrap();
        for (id, title, body, _) in &cases {
            let article = Article {
                id: id.to_string(),
                title: title.to_string(),
                body: body.clone(),
                ..Default::default()
            };
            indexer.add(&article).unwrap();
        }
        indexer.commit().unwrap();
    }
    let searcher = Searcher::open(&dir).unwrap();
    let r = searcher.search(&SearchRequest::new("Măng Cành")).unwrap();
    for (id, _, body, expected) in &cases {
        assert!(
            body.len() > 2_500,
            "{id}: the body must outgrow the opening"
        );
        let hit = r.hits.iter().find(|h| h.id == *id).expect(id);
        assert!(hit.snippet.contains(expected), "{id}: {}", hit.snippet);
    }
}

#[test]
fn phrase_and_exclusion() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let all = ids(&searcher, &SearchRequest::new("\"đào tạo\""));
    assert_eq!(all.len(), 5, "{all:?}");
    let without = ids(&searcher, &SearchRequest::new("\"đào tạo\" -\"Kon Plông\""));
    assert_eq!(without.len(), 4, "{without:?}");
    assert!(!without.contains(&KON_TUM.to_string()));
    let none = ids(
        &searcher,
        &SearchRequest::new("\"cán bộ đào tạo Kon Plông\""),
    );
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn limit_offset_total_and_date_sort() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let mut request = SearchRequest::new("cán bộ");
    request.limit = 2;
    let first = searcher.search(&request).unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(first.hits.len(), 2);
    request.offset = 4;
    assert_eq!(searcher.search(&request).unwrap().hits.len(), 1);
    request.offset = 0;
    request.limit = 10;
    request.sort = SortOrder::Date;
    let by_date = searcher.search(&request).unwrap();
    let dates: Vec<_> = by_date.hits.iter().map(|h| h.published.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn bad_requests_are_errors_naming_the_problem() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let cases: Vec<(SearchRequest, &str)> = vec![
        (SearchRequest::new("\"cán bộ"), "unclosed quote"),
        (SearchRequest::new("foo:bar"), "unknown field"),
        (
            SearchRequest {
                limit: 1000,
                ..SearchRequest::new("x")
            },
            "limit",
        ),
        (
            SearchRequest {
                from: Some("hôm qua".into()),
                ..SearchRequest::new("x")
            },
            "from",
        ),
        (
            SearchRequest {
                document: Some("abc".into()),
                ..SearchRequest::new("x")
            },
            "document",
        ),
    ];
    for (request, expected) in cases {
        let err = searcher
            .search(&request)
            .expect_err(&request.query)
            .to_string();
        assert!(err.contains(expected), "{request:?}: {err}");
    }
    assert!(matches!(searcher.get("nope"), Err(Error::UnknownId(_))));
    assert!(matches!(
        Searcher::open(&dir.join("missing")),
        Err(Error::NoIndex(_))
    ));
}

#[test]
fn reingest_updates_and_delete_removes() {
    let (_tmp, dir) = common::corpus_index();
    {
        let mut indexer = Indexer::open_or_create(&dir).unwrap();
        let summary = indexer
            .ingest_paths(&[common::corpus_dir()], &ReadOptions::default(), None)
            .unwrap();
        assert_eq!((summary.docs_indexed, summary.docs_updated), (0, 5));
        let changed = Article {
            id: KON_TUM.into(),
            title: "Bài đã sửa".into(),
            body: "Nội dung mới về chuyển đổi số.".into(),
            ..Default::default()
        };
        assert!(indexer.add(&changed).unwrap());
        indexer.commit().unwrap();
    }
    let searcher = Searcher::open(&dir).unwrap();
    assert_eq!(searcher.num_docs(), 5);
    assert_eq!(searcher.get(KON_TUM).unwrap().title, "Bài đã sửa");
    assert_eq!(
        ids(&searcher, &SearchRequest::new("\"chuyển đổi số\"")),
        vec![KON_TUM]
    );
    {
        let mut indexer = Indexer::open_or_create(&dir).unwrap();
        assert!(indexer.delete(KON_TUM).unwrap());
        assert!(!indexer.delete("nope").unwrap());
        indexer.commit().unwrap();
    }
    searcher.reload().unwrap();
    assert_eq!(searcher.num_docs(), 4);
    assert!(matches!(searcher.get(KON_TUM), Err(Error::UnknownId(_))));
}

#[test]
fn a_bad_file_does_not_stop_the_ingest() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Tiêu đề\n\nNội dung bài viết về cán bộ.",
    )
    .unwrap();
    // Not text in any encoding: NULs and control bytes.
    std::fs::write(
        input.join("bad.txt"),
        [0u8, 0xff, 0x00, 0x81, 0x00, 0x9f, 0xfe, 0x00],
    )
    .unwrap();
    let mut indexer = Indexer::open_or_create(&tmp.path().join("index")).unwrap();
    let summary = indexer
        .ingest_paths(&[input], &ReadOptions::default(), None)
        .unwrap();
    assert_eq!(summary.docs_indexed, 1, "{summary:?}");
    assert_eq!(summary.files_failed.len(), 1, "{summary:?}");
    assert!(summary.files_failed[0].path.ends_with("bad.txt"));
}

#[test]
fn arbitrary_queries_answer_or_fail_cleanly() {
    let (_tmp, dir) = common::corpus_index();
    let searcher = Searcher::open(&dir).unwrap();
    let pieces = [
        "đào",
        "tạo",
        "\"",
        "-",
        ":",
        "province:",
        "document:",
        "03/NQ-TU",
        "year:",
        "from:",
        "title:",
        "(",
        ")",
        "*",
        "\u{0300}",
        "Ð",
        "1.810",
        " ",
        "  ",
        "-\"",
        "kon",
        "tum",
        "?",
        "\u{2028}",
        "TP.HCM",
        "/",
        "ủy",
        "x:y",
        "\t",
    ];
    let mut seed = 11u32;
    for _ in 0..400 {
        let mut query = String::new();
        for _ in 0..(seed % 9) {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            query.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            if seed & 1 == 0 {
                query.push(' ');
            }
        }
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let request = SearchRequest {
            sort: if seed & 2 == 0 {
                SortOrder::Date
            } else {
                SortOrder::Relevance
            },
            histogram: seed & 4 == 0,
            ..SearchRequest::new(query.clone())
        };
        match searcher.search(&request) {
            Ok(r) => assert!(r.hits.len() <= 10, "{query:?}"),
            Err(Error::BadQuery(_) | Error::BadParameter { .. }) => {}
            Err(e) => panic!("{query:?}: unexpected error {e}"),
        }
    }
}

#[test]
fn mixed_queries_are_ranked_as_typed() {
    let (_tmp, dir) = common::corpus_index();
    let restoring = Searcher::open(&dir).unwrap();
    let plain = Searcher::open(&dir).unwrap().with_diacritics(None);
    let scores = |searcher: &Searcher, query: &str| -> Vec<(String, f32)> {
        let r = searcher.search(&SearchRequest::new(query)).unwrap();
        r.hits.into_iter().map(|h| (h.id, h.score)).collect()
    };
    // A diacritic anywhere (here in an exclusion or a phrase) keeps the words as typed.
    for query in ["dao tao can bo -Hà", "dao tao \"cán bộ\"", "đào tao can bo"] {
        let r = restoring.search(&SearchRequest::new(query)).unwrap();
        assert_eq!(r.suggestion, None, "query {query:?}");
        assert_eq!(
            scores(&restoring, query),
            scores(&plain, query),
            "query {query:?}"
        );
    }
    // Without any, the restored forms add to the scores.
    let query = "dao tao can bo";
    assert!(restoring
        .search(&SearchRequest::new(query))
        .unwrap()
        .suggestion
        .is_some());
    assert_ne!(
        scores(&restoring, query),
        scores(&plain, query),
        "query {query:?}"
    );
}
