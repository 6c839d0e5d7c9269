//! Consecutive pages of a search neither skip nor repeat a hit, past the rescored depth too.

mod common;

use std::collections::HashSet;

use tracuu::search::{SearchRequest, Searcher};

use common::{ids, index_of};

#[test]
fn pages_past_the_rescored_depth_neither_skip_nor_repeat_hits() {
    // 110 articles hold the query deep in a long body, many times: the first phase ranks
    // them first. 10 hold it in their title only: the second phase (title and lead coverage)
    // would lift them, but only within the rescored depth (100).
    let filler =
        "Bài viết tổng hợp nhiều nội dung khác nhau về đời sống xã hội địa phương. ".repeat(8);
    let deep = format!("{filler} {}", "Kẹt xe ở Hà Nội kéo dài. ".repeat(6));
    let mut owned: Vec<(String, String, String)> = Vec::new();
    for i in 0..110 {
        owned.push((
            format!("deep-{i:03}"),
            format!("Tin tổng hợp số {i}"),
            deep.clone(),
        ));
    }
    for i in 0..10 {
        owned.push((
            format!("title-{i:02}"),
            "Kẹt xe ở Hà Nội".to_string(),
            filler.clone(),
        ));
    }
    let articles: Vec<(&str, &str, &str)> = owned
        .iter()
        .map(|(id, title, body)| (id.as_str(), title.as_str(), body.as_str()))
        .collect();
    let (_tmp, dir) = index_of(&articles);
    let searcher = Searcher::open(&dir).unwrap();
    let query = "kẹt xe Hà Nội";
    let page = |offset, limit| {
        let request = SearchRequest {
            offset,
            limit,
            ..SearchRequest::new(query)
        };
        ids(&searcher, &request)
    };
    let (first, second) = (page(0, 100), page(100, 20));
    assert_eq!((first.len(), second.len()), (100, 20), "{query}");
    let mut seen = HashSet::new();
    for id in first.iter().chain(&second) {
        assert!(seen.insert(id), "{query}: {id} on two pages ({second:?})");
    }
}
