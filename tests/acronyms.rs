//! Acronyms and spelling variants (issue 3, item 3): an index built from JSON articles through
//! the whole ingest path, queried in either form.

mod common;

use tracuu::search::{SearchRequest, Searcher};

use common::{ids, index_of};

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn acronyms_and_expansions_find_each_other() {
    let (_tmp, dir) = index_of(&[
        (
            "short",
            "UBND tỉnh họp phiên thường kỳ",
            "Sáng nay, UBND tỉnh họp phiên thường kỳ tháng 11 bàn về ngân sách.",
        ),
        (
            "long",
            "Ủy ban nhân dân tỉnh họp phiên thường kỳ",
            "Sáng nay, Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 11 bàn về ngân sách.",
        ),
        (
            "defines",
            "Khai giảng lớp bồi dưỡng",
            "Trung tâm bồi dưỡng chính trị (TTBDCT) huyện Đăk Hà khai giảng lớp bồi dưỡng. \
             TTBDCT mời giảng viên của tỉnh.",
        ),
        (
            "long-only",
            "Lớp học ở huyện Sa Thầy",
            "Trung tâm bồi dưỡng chính trị huyện Sa Thầy tổ chức lớp học cho đảng viên mới.",
        ),
        (
            "short-only",
            "Tổng kết năm học",
            "TTBDCT huyện Ngọc Hồi tổng kết năm học với 12 lớp.",
        ),
        (
            "variant",
            "Nâng cao trình độ kỹ thuật",
            "Công nhân được đào tạo kỹ thuật và lý luận chính trị.",
        ),
        (
            "other",
            "Hội nghị nông dân",
            "Hội nông dân xã tổ chức hội nghị về trồng sâm.",
        ),
    ]);
    let searcher = Searcher::open(&dir).unwrap();
    let cases: [(&str, &[&str]); 12] = [
        ("UBND tỉnh", &["long", "short"]),
        ("ubnd tinh", &["long", "short"]),
        ("Ủy ban nhân dân tỉnh", &["long", "short"]),
        ("uy ban nhan dan tinh", &["long", "short"]),
        ("Uỷ ban nhân dân", &["long", "short"]),
        ("TTBDCT", &["defines", "long-only", "short-only"]),
        ("ttbdct", &["defines", "long-only", "short-only"]),
        (
            "trung tâm bồi dưỡng chính trị",
            &["defines", "long-only", "short-only"],
        ),
        (
            "trung tam boi duong chinh tri",
            &["defines", "long-only", "short-only"],
        ),
        ("kĩ thuật", &["variant"]),
        ("kỹ thuật", &["variant"]),
        ("lí luận", &["variant"]),
    ];
    for (query, want) in cases {
        let got = sorted(ids(&searcher, &SearchRequest::new(query)));
        assert_eq!(got, *want, "query {query:?}");
    }
    // The form typed ranks first.
    for (query, first) in [
        ("UBND tỉnh", "short"),
        ("Ủy ban nhân dân tỉnh", "long"),
        ("uy ban nhan dan tinh", "long"),
    ] {
        let got = ids(&searcher, &SearchRequest::new(query));
        assert_eq!(
            got.first().map(String::as_str),
            Some(first),
            "query {query:?}"
        );
    }
}

#[test]
fn mined_definitions_alone_expand_queries() {
    // An acronym of no curated list: only the article's definition links the two forms.
    let (_tmp, dir) = index_of(&[
        (
            "defines",
            "Ra mắt câu lạc bộ",
            "Câu lạc bộ nữ doanh nhân trẻ (CLBNDNT) ra mắt tại thành phố.",
        ),
        (
            "long-only",
            "Gặp mặt đầu xuân",
            "Câu lạc bộ nữ doanh nhân trẻ gặp mặt đầu xuân.",
        ),
        (
            "short-only",
            "Từ thiện",
            "CLBNDNT trao 50 suất quà cho học sinh.",
        ),
        ("other", "Doanh nhân", "Doanh nhân trẻ của tỉnh gặp mặt."),
    ]);
    let searcher = Searcher::open(&dir).unwrap();
    let cases: [(&str, &[&str]); 3] = [
        ("CLBNDNT", &["defines", "long-only", "short-only"]),
        (
            "câu lạc bộ nữ doanh nhân trẻ",
            &["defines", "long-only", "short-only"],
        ),
        (
            "cau lac bo nu doanh nhan tre",
            &["defines", "long-only", "short-only"],
        ),
    ];
    for (query, want) in cases {
        let got = sorted(ids(&searcher, &SearchRequest::new(query)));
        assert_eq!(got, *want, "query {query:?}");
    }
}
