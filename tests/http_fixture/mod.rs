//! Articles shared by the HTTP and browser tests.

use tracuu::Article;

/// Articles with metadata set directly, so that facets and dates do not depend on extraction.
pub fn tagged_articles() -> Vec<Article> {
    let article = |id: &str, title: &str, body: &str, province: &str, p2025: &str, date| Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        province: Some(province.into()),
        province_2025: Some(p2025.into()),
        programs: vec!["chuyen-doi-so".into()],
        published: Some(date),
        ..Default::default()
    };
    vec![
        article(
            "kt-1",
            "Kon Tum đẩy mạnh chuyển đổi số trong nông nghiệp",
            "Tỉnh Kon Tum triển khai chuyển đổi số cho hợp tác xã trồng sâm Ngọc Linh.",
            "Kon Tum",
            "Quảng Ngãi",
            time::macros::datetime!(2021-11-05 08:00 +7),
        ),
        article(
            "kt-2",
            "Chuyển đổi số ở vùng sâu Kon Tum",
            "Các xã vùng sâu của Kon Tum đưa dịch vụ công trực tuyến về thôn làng nhờ chuyển đổi số.",
            "Kon Tum",
            "Quảng Ngãi",
            time::macros::datetime!(2021-12-10 08:00 +7),
        ),
        article(
            "gl-1",
            "Gia Lai triển khai chuyển đổi số trong trường học",
            "Ngành giáo dục Gia Lai triển khai chuyển đổi số, số hóa học bạ và sổ điểm điện tử.",
            "Gia Lai",
            "Gia Lai",
            time::macros::datetime!(2022-03-01 08:00 +7),
        ),
        article(
            "gl-1-copy",
            "Gia Lai triển khai chuyển đổi số trong trường học",
            "Ngành giáo dục Gia Lai triển khai chuyển đổi số, số hóa học bạ và sổ điểm điện tử!",
            "Gia Lai",
            "Gia Lai",
            time::macros::datetime!(2022-03-02 08:00 +7),
        ),
    ]
}

/// The bundled corpus plus [`tagged_articles`], indexed in a temporary folder.
pub fn tagged_index() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = crate::common::corpus_index();
    let mut indexer = tracuu::index::Indexer::open_or_create(&dir).expect("open indexer");
    for a in tagged_articles() {
        indexer.add(&a).expect("add");
    }
    indexer.commit().expect("commit");
    (tmp, dir)
}
