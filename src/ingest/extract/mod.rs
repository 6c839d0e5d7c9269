//! Metadata extraction: from a [`RawDoc`] to an [`Article`].
//!
//! A scraped page goes through [`page`] (title, body, captions, byline, dates, source lines);
//! a JSON record already has its fields. Both then get provinces ([`province`]), document
//! references ([`documents`]) and programmes ([`programs`]) from title, lead and body.
//!
//! ```
//! use tracuu::ingest::{extract, PageHints, RawContent, RawDoc};
//! let raw = RawDoc {
//!     id: "x".into(),
//!     origin: "x.txt".into(),
//!     content: RawContent::Page {
//!         text: "Kon Tum: Khai giảng lớp trung cấp lý luận chính trị\n\n30/11/2021 13:01\n\n\
//!                Trường Chính trị tỉnh khai giảng lớp trung cấp lý luận chính trị cho 80 học viên.\n\n\
//!                Mai Trâm\n".into(),
//!         hints: PageHints::default(),
//!     },
//! };
//! let a = extract(&raw);
//! assert_eq!(a.title, "Kon Tum: Khai giảng lớp trung cấp lý luận chính trị");
//! assert_eq!(a.author.as_deref(), Some("Mai Trâm"));
//! assert_eq!(a.province.as_deref(), Some("Kon Tum"));
//! assert_eq!(a.province_2025.as_deref(), Some("Quảng Ngãi"));
//! assert_eq!(a.programs, vec!["llct", "llct/trung-cap"]);
//! ```

mod acronyms;
mod author;
mod date;
mod documents;
mod page;
mod programs;
mod province;
mod source;

pub use acronyms::find_definitions;
pub use author::{parse_byline, Byline};
pub use date::parse_datetime;
pub use documents::find_documents;
pub use programs::{canonical_program, find_programs, program_label, Program, PROGRAMS};
pub use province::{
    canonical_province, canonical_province_2025, province_2025_of, provinces_34, provinces_63,
};

use super::{RawContent, RawDoc, Record};
use crate::text::normalize;
use crate::Article;

/// Input larger than this is cut (at a line end) before extraction: no article is this long,
/// and the cap keeps pathological input linear and bounded.
const MAX_INPUT: usize = 2 * 1024 * 1024;

/// A regex matching any of `literals`, the longest first so that "Thừa Thiên Huế" wins over
/// "Huế" at the same place.
pub(crate) fn literal_alternation<'a>(literals: impl IntoIterator<Item = &'a str>) -> regex::Regex {
    let mut keys: Vec<&str> = literals.into_iter().collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let pattern = keys
        .iter()
        .map(|k| regex::escape(k))
        .collect::<Vec<_>>()
        .join("|");
    regex::Regex::new(&pattern).expect("an alternation of escaped literals is a valid regex")
}

/// Extracts an article from a raw document. Never fails and never panics: missing metadata
/// stays `None`.
pub fn extract(raw: &RawDoc) -> Article {
    match &raw.content {
        RawContent::Page { text, hints } => {
            let text = normalize(cap(text));
            let hint_title = hints.title.as_deref().map(normalize);
            let p = page::analyze(&text, hint_title.as_deref());
            let published = hints
                .published
                .as_deref()
                .and_then(parse_datetime)
                .or(p.published);
            let source_url = p.source_url.clone().or_else(|| hints.url.clone());
            let hosts: Vec<String> = [source_url.as_deref(), hints.url.as_deref()]
                .into_iter()
                .flatten()
                .filter_map(source::host_of)
                .collect();
            let source_name = p
                .byline
                .source
                .clone()
                .or(p.source_name.clone())
                .or_else(|| hints.site_name.as_deref().map(normalize))
                .or_else(|| hosts.iter().find_map(|h| source::publisher_of_host(h)));
            let author = p
                .byline
                .author
                .clone()
                .or_else(|| hints.author.as_deref().map(normalize));
            let body = p.paragraphs.join("\n\n");
            let mut extra = p.kickers.join("\n");
            extra.push('\n');
            extra.push_str(&p.captions.join("\n"));
            finish(
                Article {
                    id: raw.id.clone(),
                    title: p.title,
                    lead: None,
                    body,
                    captions: p.captions,
                    published,
                    author,
                    source: source_name,
                    source_url,
                    ..Default::default()
                },
                &extra,
                hosts,
            )
        }
        RawContent::Record(r) => extract_record(&raw.id, r),
    }
}

fn extract_record(id: &str, r: &Record) -> Article {
    let body_text = normalize(cap(&r.body));
    let mut paragraphs: Vec<String> = body_text
        .split('\n')
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{00A0}'))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let lead = r
        .lead
        .as_deref()
        .map(|l| normalize(l.trim()))
        .filter(|l| !l.is_empty());
    // baomoi repeats the lead as the first paragraph: index it once.
    if let (Some(l), Some(first)) = (&lead, paragraphs.first()) {
        if first == l {
            paragraphs.remove(0);
        }
    }
    let mut author = r.author.as_deref().map(|a| normalize(a.trim()));
    let mut source = r.source.as_deref().map(|s| normalize(s.trim()));
    // A byline as the last paragraph.
    if paragraphs.len() > 1 {
        if let Some(last) = paragraphs.last() {
            if last.split_whitespace().count() <= 8 {
                if let Some(b) = parse_byline(last) {
                    if author.is_none() {
                        author = b.author;
                    }
                    if source.is_none() {
                        source = b.source;
                    }
                    paragraphs.pop();
                }
            }
        }
    }
    let title = match r.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => normalize(t),
        None => paragraphs.first().cloned().unwrap_or_default(),
    };
    let hosts: Vec<String> = r
        .url
        .as_deref()
        .and_then(source::host_of)
        .into_iter()
        .collect();
    finish(
        Article {
            id: id.to_string(),
            title,
            lead,
            body: paragraphs.join("\n\n"),
            published: r.published.as_deref().and_then(parse_datetime),
            author,
            source,
            source_url: r.url.clone(),
            ..Default::default()
        },
        "",
        hosts,
    )
}

/// Provinces, documents and programmes, from the article's text.
fn finish(mut a: Article, extra: &str, hosts: Vec<String>) -> Article {
    let mut all = String::with_capacity(a.title.len() + a.body.len() + 64);
    all.push_str(&a.title);
    all.push_str("\n\n");
    if let Some(l) = &a.lead {
        all.push_str(l);
        all.push_str("\n\n");
    }
    all.push_str(&a.body);
    let lead_body = &all[a.title.len() + 2..];
    let body_mentions = province::find_mentions(lead_body);
    a.provinces_mentioned = province::named_in(&body_mentions);
    let ev = province::Evidence {
        title: &a.title,
        body_mentions: &body_mentions,
        extra,
        hosts,
        source: a.source.as_deref(),
    };
    let p = province::infer_province(&ev);
    a.province = p.map(str::to_string);
    a.province_2025 = p.and_then(province_2025_of).map(str::to_string);
    a.documents = documents::find_documents(&all);
    a.programs = programs::find_programs(&all);
    a.acronyms = acronyms::find_definitions(&all);
    a
}

fn cap(text: &str) -> &str {
    if text.len() <= MAX_INPUT {
        return text;
    }
    let mut i = MAX_INPUT;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    match text[..i].rfind('\n') {
        Some(j) => &text[..j],
        None => &text[..i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::PageHints;

    fn page(text: &str) -> RawDoc {
        RawDoc {
            id: "t".into(),
            origin: "t".into(),
            content: RawContent::Page {
                text: text.into(),
                hints: PageHints::default(),
            },
        }
    }

    #[test]
    fn garbage_never_panics() {
        let huge = "Nghị quyết số 1-".repeat(300_000);
        let inputs = [
            String::new(),
            "\n\n\n".into(),
            "\u{00A0}\u{00A0}\n\u{FEFF}".into(),
            "a".into(),
            "[]|›»>>:::::".into(),
            "số 99999999999999999999/9999/ĐĐ-ĐĐ ngày 99/99/9999".into(),
            "Đ\u{0301}\u{0300}\u{0303}".repeat(1000),
            huge,
            "x\n".repeat(100_000),
            "Chia sẻ\n".repeat(100_000),
        ];
        for text in &inputs {
            let _ = extract(&page(text));
            let _ = extract(&RawDoc {
                id: "r".into(),
                origin: "r".into(),
                content: RawContent::Record(Record {
                    body: text.clone(),
                    published: Some(text.chars().take(50).collect()),
                    ..Default::default()
                }),
            });
        }
    }

    /// Chrome of other provincial sites: a menu bar with today's date, breadcrumbs, an
    /// all-caps section, share links, keywords, comments, related list, footer.
    #[test]
    fn other_site_chrome() {
        let text = "Thứ Hai, 22/11/2026 | Đăng nhập | Liên hệ\n\
            Trang chủ | Tin tức | Chính trị | Kinh tế\n\n\
            Trang chủ > Tin tức > Chính trị\nCHÍNH TRỊ\n\
            Huyện Tương Dương tổ chức lớp bồi dưỡng kiến thức quốc phòng và an ninh\n\
            Đăng ngày: 15/03/2023 09:12\nChia sẻ\nFacebook\n\n\
            Sáng 15/3, Huyện ủy Tương Dương khai giảng lớp bồi dưỡng kiến thức quốc phòng và an ninh cho 120 học viên là cán bộ chủ chốt các xã.\n\n\
            [Ảnh]\nQuang cảnh lớp học.\n\n\
            Lớp học diễn ra trong 5 ngày, theo Kế hoạch số 45-KH/HU ngày 1/3/2023 của Ban Thường vụ Huyện ủy Tương Dương.\n\n\
            Bài, ảnh: Nguyễn Hải\nTừ khóa: quốc phòng, bồi dưỡng\nBình luận\nTin cùng chuyên mục\n\
            - Gia Lai: Khai mạc hội thi (12/03/2023)\n\
            © 2023 Cổng thông tin điện tử huyện Tương Dương\nĐiện thoại: 0238 3873 123\n";
        let a = extract(&page(text));
        assert_eq!(
            a.title,
            "Huyện Tương Dương tổ chức lớp bồi dưỡng kiến thức quốc phòng và an ninh"
        );
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2023-03-15 9:12:00.0 +07:00:00")
        );
        assert_eq!(a.author.as_deref(), Some("Nguyễn Hải"));
        assert_eq!(a.captions, vec!["Quang cảnh lớp học."]);
        assert_eq!(a.body.split("\n\n").count(), 2);
        assert_eq!(a.province.as_deref(), Some("Nghệ An"));
        assert!(a.provinces_mentioned.is_empty());
        assert_eq!(a.programs, vec!["quoc-phong-an-ninh"]);
        assert_eq!(
            a.documents[0].issuer.as_deref(),
            Some("Ban Thường vụ Huyện ủy Tương Dương")
        );
        for chrome in [
            "Đăng nhập",
            "Từ khóa",
            "Bình luận",
            "Gia Lai",
            "©",
            "Điện thoại",
        ] {
            assert!(!a.body.contains(chrome), "{chrome}");
        }
    }

    #[test]
    fn update_date_alone_and_source_credit() {
        let text = "BÁO ĐIỆN TỬ ĐẮK NÔNG\nThời sự | Chính trị | Xã hội\n\
            Cập nhật lúc: 10:15, 02/08/2022\n\n\
            Đắk Nông: 45 học viên tốt nghiệp cao cấp lý luận chính trị\n\n\
            Ngày 7 tháng 8 năm 2022, Trường Chính trị tỉnh phối hợp tổ chức lễ bế giảng lớp cao cấp lý luận chính trị cho 45 học viên.\n\
            Các học viên đã hoàn thành chương trình theo Quyết định số 1234/QĐ-HVCTQG của Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh.\n\
            Theo TTXVN\nIn bài | Gửi bài viết | Chia sẻ\nBài viết khác\nGia Lai: Khai giảng lớp trung cấp\n";
        let a = extract(&page(text));
        assert_eq!(
            a.title,
            "Đắk Nông: 45 học viên tốt nghiệp cao cấp lý luận chính trị"
        );
        assert_eq!(a.source.as_deref(), Some("TTXVN"));
        assert_eq!(a.author, None);
        assert_eq!(a.province.as_deref(), Some("Đắk Nông"));
        assert_eq!(a.province_2025.as_deref(), Some("Lâm Đồng"));
        assert_eq!(
            a.published.map(|d| d.date().to_string()).as_deref(),
            Some("2022-08-02")
        );
        assert_eq!(
            a.documents[0].issuer.as_deref(),
            Some("Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh")
        );
    }

    #[test]
    fn record_fields() {
        let a = extract(&RawDoc {
            id: "bm:1".into(),
            origin: "x.jsonl:1".into(),
            content: RawContent::Record(Record {
                title: None,
                lead: Some("Tỉnh ủy Kon Tum bồi dưỡng cán bộ.".into()),
                body: "Tỉnh ủy Kon Tum bồi dưỡng cán bộ.\nThực hiện Nghị quyết 03-NQ/TU của Ban Thường vụ Tỉnh ủy, huyện Đăk Tô mở lớp.\nMai Trâm".into(),
                url: Some("http://baokontum.com.vn/a.html".into()),
                published: Some("2021-11-30T13:01:00+07:00".into()),
                author: None,
                source: None,
            }),
        });
        assert_eq!(
            a.title,
            "Thực hiện Nghị quyết 03-NQ/TU của Ban Thường vụ Tỉnh ủy, huyện Đăk Tô mở lớp."
        );
        assert_eq!(a.author.as_deref(), Some("Mai Trâm"));
        assert_eq!(a.province.as_deref(), Some("Kon Tum"));
        assert_eq!(a.documents.len(), 1);
        assert!(a.published.is_some());
    }
}
