//! A scraped page's text (chrome included) split into title, meta lines, body paragraphs,
//! captions, byline and source lines.
//!
//! Each non-empty line is a block. The body starts at the first block that reads like a
//! paragraph; the title is the last title-like block before it (kickers and menus come
//! first on every site we have seen). The body ends at the first end marker: related
//! headlines, share/rating/comment widgets, back-to-top links. Trailing bylines and source
//! lines are taken off the body's end; captions are picked out of it.

use time::OffsetDateTime;

use super::author::{parse_byline, Byline};
use super::date::{find_date, has_weekday, label_of, Label};
use super::source::{parse_source_line, SourceLine};

/// What the page layer found.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub title: String,
    /// Title-like lines above the title (kickers, section names): evidence, not body.
    pub kickers: Vec<String>,
    pub published: Option<OffsetDateTime>,
    pub byline: Byline,
    pub source_url: Option<String>,
    pub source_name: Option<String>,
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
}

#[derive(Debug, Clone)]
struct Block<'a> {
    text: &'a str,
    indent: usize,
    /// An image gap before it: a line of only non-breaking spaces, an image placeholder, or
    /// two or more blank lines.
    gap_before: bool,
    words: usize,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{200B}' || c == '\u{FEFF}'
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut blanks = 0;
    let mut gap = false;
    for raw in text.lines() {
        let t = raw.trim_matches(is_space);
        if t.is_empty() {
            if raw.contains('\u{00A0}') {
                gap = true;
            }
            blanks += 1;
            if blanks >= 2 {
                gap = true;
            }
            continue;
        }
        if is_image_marker(t) {
            gap = true;
            blanks = 0;
            continue;
        }
        let indent = raw.chars().take_while(|c| is_space(*c)).count();
        out.push(Block {
            text: t,
            indent,
            gap_before: gap,
            words: t.split(is_space).filter(|w| !w.is_empty()).count(),
        });
        blanks = 0;
        gap = false;
    }
    out
}

fn is_image_marker(t: &str) -> bool {
    let l = t.to_lowercase();
    l.starts_with('[')
        && l.ends_with(']')
        && (l.contains("ảnh") || l.contains("image") || l.contains("video") || l.contains("photo"))
}

/// Lines that are page furniture wherever they appear.
const CHROME_PREFIXES: &[&str] = &[
    "trang chủ",
    "đăng nhập",
    "đăng ký",
    "đăng xuất",
    "tài khoản",
    "tên đăng nhập",
    "mật khẩu",
    "quên mật khẩu",
    "cỡ chữ",
    "in bài",
    "in trang",
    "bản in",
    "gửi email",
    "gửi bài",
    "gửi cho bạn bè",
    "gửi tin",
    "breaking news",
    "tin nóng",
    "tin mới",
    "tiếng việt",
    "vie |",
    "vie|",
    "english",
    "chia sẻ",
    "share",
    "lượt xem",
    "số lượt xem",
    "đã xem",
    "lượt đọc",
    "số lần đọc",
    "lượt truy cập",
    "người đăng",
    "người viết",
    "chuyên mục",
    "danh mục",
    "bạn đang ở",
    "bạn đang xem",
    "hotline",
    "©",
    "copyright",
    "bản quyền",
    "tags",
    "tag:",
    "từ khóa",
    "từ khoá",
    "xem thêm",
    "đọc thêm",
    ">>",
    "bình luận",
    "ý kiến bạn đọc",
    "ý kiến của bạn",
    "gửi ý kiến",
    "gửi phản hồi",
    "phản hồi",
    "họ tên",
    "họ và tên",
    "email",
    "e-mail",
    "điện thoại",
    "đt:",
    "tel:",
    "fax:",
    "địa chỉ:",
    "giấy phép",
    "chịu trách nhiệm",
    "tổng biên tập",
    "phó tổng biên tập",
    "cơ quan chủ quản",
    "ghi rõ nguồn",
    "bạn chưa đăng nhập",
    "bạn đã không sử dụng",
    "điểm đánh giá",
    "chấm điểm",
    "tổng số điểm",
    "xếp hạng",
    "click để đánh giá",
    "đánh giá bài viết",
    "đánh giá:",
    "về đầu trang",
    "đầu trang",
    "lên đầu trang",
    "trở về",
    "quay lại",
    "trở lại",
    "facebook",
    "twitter",
    "zalo",
    "print",
    "top",
    "tìm kiếm",
    "liên hệ",
    "sitemap",
    "rss",
    "ngày đăng",
    "cập nhật",
];

/// Lines after which no article text follows.
const END_PREFIXES: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "tin bài liên quan",
    "bài viết liên quan",
    "các tin khác",
    "tin khác",
    "các bài khác",
    "bài viết khác",
    "các bài viết khác",
    "bài khác",
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "tin cùng chủ đề",
    "cùng chủ đề",
    "xem thêm",
    "đọc thêm",
    "đọc nhiều",
    "xem nhiều",
    "tin đọc nhiều",
    "tin xem nhiều",
    "tin mới hơn",
    "các tin mới",
    "tin mới nhất",
    "những tin mới",
    "các tin cũ",
    "những tin cũ",
    "tin cũ hơn",
    "tin đã đưa",
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    "tin nổi bật",
    "tin tiêu điểm",
    "ý kiến bạn đọc",
    "ý kiến của bạn",
    "bình luận",
    "gửi bình luận",
    "viết bình luận",
    "gửi ý kiến",
    "gửi phản hồi",
    "tags",
    "tag:",
    "từ khóa",
    "từ khoá",
    "chia sẻ",
    "share",
    "in trang",
    "in bài",
    "gửi bài viết",
    "gửi email",
    "về đầu trang",
    "đầu trang",
    "lên đầu trang",
    "trở về",
    "quay lại",
    "trở lại",
    "tổng số điểm",
    "điểm đánh giá",
    "xếp hạng",
    "click để đánh giá",
    "chấm điểm",
    "đánh giá bài viết",
    "bạn chưa đăng nhập",
    "bạn đã không sử dụng",
    "lượt xem",
    "đã xem",
    "©",
    "copyright",
    "bản quyền",
];

/// Related-headline list headers: past one of these even bylines are not the article's.
const LIST_PREFIXES: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "tin bài liên quan",
    "bài viết liên quan",
    "các tin khác",
    "tin khác",
    "các bài khác",
    "bài viết khác",
    "tin cùng",
    "cùng chuyên mục",
    "cùng chủ đề",
    "đọc nhiều",
    "xem nhiều",
    "tin đọc nhiều",
    "tin xem nhiều",
    "tin mới",
    "các tin mới",
    "những tin mới",
    "các tin cũ",
    "những tin cũ",
    "tin cũ hơn",
    "có thể bạn quan tâm",
    "tin nổi bật",
    "đọc thêm",
    "xem thêm",
];

fn prefix_hit(lower: &str, words: usize, prefixes: &[&str], max_words: usize) -> bool {
    prefixes.iter().any(|p| {
        lower.starts_with(p) && {
            let rest = &lower[p.len()..];
            // A prefix ends at a word boundary, and a long line is chrome only when the
            // prefix is a label ("Tags: ...").
            !rest.chars().next().is_some_and(char::is_alphanumeric)
                && (words <= max_words || rest.trim_start().starts_with(':'))
        }
    })
}

fn is_punct_or_number(t: &str) -> bool {
    t.chars()
        .all(|c| !c.is_alphabetic() || c == 'x' || c == 'X')
        && t.chars().filter(|c| c.is_alphabetic()).count() <= 1
}

fn is_menu(t: &str) -> bool {
    let parts: Vec<&str> = t.split('|').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() <= 5)
}

fn is_breadcrumb(t: &str) -> bool {
    t.contains('›')
        || t.contains('»')
        || t.contains(">>")
        || (t.contains(" > ") && t.to_lowercase().starts_with("trang chủ"))
}

fn is_chrome(b: &Block) -> bool {
    let t = b.text;
    if is_punct_or_number(t) || is_menu(t) || is_breadcrumb(t) {
        return true;
    }
    if t.starts_with('[') && t.ends_with(']') {
        return true;
    }
    let lower = t.to_lowercase();
    prefix_hit(&lower, b.words, CHROME_PREFIXES, 12)
}

fn is_end(b: &Block) -> bool {
    let t = b.text;
    if t.starts_with('[') && t.ends_with(']') {
        return true;
    }
    let lower = t.to_lowercase();
    // "Xem thêm: <headline>" inside the body is a link line, not the end.
    if (lower.starts_with("xem thêm:") || lower.starts_with("đọc thêm:"))
        && lower
            .split_once(':')
            .is_some_and(|(_, r)| !r.trim().is_empty())
    {
        return false;
    }
    prefix_hit(&lower, b.words, END_PREFIXES, 10)
}

/// Widgets some sites put between the lead and the rest ("Chia sẻ", "In bài", "Tags"):
/// they end the body only when no real paragraph follows them.
const SOFT_END_PREFIXES: &[&str] = &[
    "chia sẻ",
    "share",
    "in bài",
    "in trang",
    "gửi email",
    "gửi bài viết",
    "lượt xem",
    "đã xem",
    "tags",
    "tag:",
    "từ khóa",
    "từ khoá",
];

fn is_soft_end(b: &Block) -> bool {
    let lower = b.text.to_lowercase();
    prefix_hit(&lower, b.words, SOFT_END_PREFIXES, 10) && !is_list_header(b)
}

/// Index of the first block after the body.
fn body_end(bs: &[Block], start: usize) -> usize {
    let mut i = start + 1;
    while i < bs.len() {
        if is_end(&bs[i]) {
            if !is_soft_end(&bs[i]) {
                return i;
            }
            // A long paragraph before the next hard end marker means the article goes on (looking
            // a bounded distance ahead keeps pathological input linear).
            let resumes = bs[i + 1..]
                .iter()
                .take(40)
                .take_while(|b| !is_end(b) || is_soft_end(b))
                .any(|b| b.words >= 25 && !is_chrome(b));
            if !resumes {
                return i;
            }
        }
        i += 1;
    }
    bs.len()
}

fn is_list_header(b: &Block) -> bool {
    let lower = b.text.to_lowercase();
    prefix_hit(&lower, b.words, LIST_PREFIXES, 8)
}

/// A date with little else: "Thứ năm - 25/01/2024 03:38 1.064 0", "Ngày đăng: ...".
fn is_meta(b: &Block) -> bool {
    b.words <= 16 && find_date(b.text).is_some()
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '»', ')', '\''])
}

fn paragraph_like(b: &Block) -> bool {
    (b.words >= 10 && ends_sentence(b.text)) || b.words >= 28
}

fn is_all_caps(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

fn title_like(b: &Block) -> bool {
    !is_chrome(b)
        && !is_meta(b)
        && !is_all_caps(b.text)
        && b.words >= 2
        && b.words <= 40
        && parse_source_line(b.text).is_none()
        && !is_labelled_byline(b.text)
}

fn is_labelled_byline(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "tác giả",
        "tin, ảnh:",
        "bài, ảnh:",
        "bài và ảnh:",
        "tin và ảnh:",
        "tin:",
        "bài:",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// Splits a page's (normalized) text.
pub(crate) fn analyze(text: &str, hint_title: Option<&str>) -> Page {
    let bs = blocks(text);
    let mut page = Page::default();
    if bs.is_empty() {
        page.title = hint_title.map(str::to_string).unwrap_or_default();
        return page;
    }

    // Body start.
    let mut start = bs
        .iter()
        .position(|b| !is_chrome(b) && !is_meta(b) && paragraph_like(b));
    let mut title_idx = start.and_then(|s| (0..s).rev().find(|&i| title_like(&bs[i])));
    if let (Some(s), None) = (start, title_idx) {
        // A long title ending with "?" or "!" reads like a paragraph: take it as the title
        // when a paragraph follows.
        if bs[s].words <= 30 && !is_all_caps(bs[s].text) {
            if let Some(next) = (s + 1..bs.len())
                .find(|&i| !is_chrome(&bs[i]) && !is_meta(&bs[i]) && paragraph_like(&bs[i]))
            {
                title_idx = Some(s);
                start = Some(next);
            }
        }
    }
    if let Some(hint) = hint_title {
        let h = hint.trim();
        if let Some(i) = bs
            .iter()
            .take(start.unwrap_or(bs.len()).max(1))
            .position(|b| !b.text.is_empty() && (h == b.text || h.starts_with(b.text)))
        {
            title_idx = Some(i);
        }
    }
    let start = start.unwrap_or_else(|| title_idx.map_or(0, |t| t + 1).min(bs.len()));
    page.title = match title_idx {
        Some(i) => clean_spaces(bs[i].text),
        None => {
            // All-caps headline sites: the longest all-caps line of several words.
            let caps = bs[..start]
                .iter()
                .filter(|b| is_all_caps(b.text) && b.words >= 5 && !is_chrome(b))
                .max_by_key(|b| b.words);
            match (caps, hint_title) {
                (Some(b), _) => b.text.to_string(),
                (None, Some(h)) => strip_site_suffix(h),
                (None, None) => bs
                    .iter()
                    .find(|b| !is_chrome(b) && !is_meta(b))
                    .map(|b| b.text.to_string())
                    .unwrap_or_default(),
            }
        }
    };
    let title_at = title_idx.unwrap_or(start);
    for (i, b) in bs[..start].iter().enumerate() {
        if Some(i) != title_idx && !is_chrome(b) && !is_meta(b) && b.words <= 15 {
            page.kickers.push(b.text.to_string());
        }
    }

    // Body end.
    let end = body_end(&bs, start);
    let mut body: Vec<Block> = bs[start..end]
        .iter()
        .filter(|b| !is_chrome(b) || paragraph_like(b) && b.words > 12)
        .cloned()
        .collect();

    // Byline and source lines at the end of the body.
    let mut tail_dates: Vec<&str> = Vec::new();
    let mut label_pending = false;
    while body.len() > 1 {
        let Some(last) = body.last() else { break };
        let t = last.text;
        if let Some(sl) = parse_source_line(t) {
            match sl {
                SourceLine::Url(u) => {
                    page.source_url.get_or_insert(u);
                }
                SourceLine::Name(n) => {
                    page.source_name.get_or_insert(n);
                }
                SourceLine::LabelOnly => label_pending = false,
            }
            body.pop();
            continue;
        }
        if is_meta(last) && !paragraph_like(last) {
            tail_dates.push(t);
            body.pop();
            continue;
        }
        if last.words <= 14 && !ends_with_period_sentence(t) {
            if let Some(b) = parse_byline(t) {
                if page.byline.author.is_none() && b.author.is_some() {
                    page.byline.author = b.author;
                }
                if page.byline.source.is_none() {
                    page.byline.source = b.source;
                }
                body.pop();
                continue;
            }
        }
        if is_punct_or_number(t) {
            body.pop();
            continue;
        }
        break;
    }
    let _ = label_pending;
    // Bylines and source lines past the widgets, before any related list.
    let mut post = end;
    while post < bs.len() && !(post > end && is_list_header(&bs[post])) {
        let b = &bs[post];
        if let Some(sl) = parse_source_line(b.text) {
            if let SourceLine::Url(u) = sl {
                page.source_url.get_or_insert(u);
            }
        } else if is_labelled_byline(b.text) && page.byline.author.is_none() {
            if let Some(by) = parse_byline(b.text) {
                page.byline = by;
            }
        } else if is_meta(b) {
            tail_dates.push(b.text);
        }
        if post > end && is_list_header(&bs[post]) {
            break;
        }
        post += 1;
        if is_list_header(b) {
            break;
        }
    }

    // A labelled byline above the body ("Tác giả: ...", "Bài, ảnh: ...").
    if page.byline.author.is_none() {
        if let Some(by) = bs[..start]
            .iter()
            .filter(|b| is_labelled_byline(b.text))
            .find_map(|b| parse_byline(b.text))
        {
            page.byline.author = by.author;
            if page.byline.source.is_none() {
                page.byline.source = by.source;
            }
        }
    }

    // Publication date.
    page.published = pick_date(&bs[..start], title_at, &tail_dates);

    // Captions.
    let indented = body.iter().filter(|b| b.indent >= 2).count();
    let mostly_indented = body.len() >= 3 && indented * 10 >= body.len() * 6;
    let mut k = 0;
    while k < body.len() {
        let b = &body[k];
        let next_same = body.get(k + 1).is_some_and(|n| n.text == b.text);
        let caption = is_photo_credit(b)
            || next_same
            || (k > 0 && b.gap_before && b.words <= 35 && sentences(b.text) <= 2)
            || (k > 0 && mostly_indented && b.indent < 2 && b.words <= 30)
            || (k == 1
                && body.len() >= 3
                && b.words <= 25
                && sentences(b.text) <= 1
                && has_caption_cue(b.text));
        if caption {
            page.captions.push(clean_spaces(b.text));
            k += if next_same { 2 } else { 1 };
            continue;
        }
        page.paragraphs.push(clean_spaces(b.text));
        k += 1;
    }
    page
}

/// Non-breaking spaces inside a paragraph are spaces for readers and the index alike.
fn clean_spaces(t: &str) -> String {
    t.replace(['\u{00A0}', '\u{200B}', '\u{FEFF}'], " ")
        .trim()
        .to_string()
}

fn ends_with_period_sentence(t: &str) -> bool {
    // "Th.Dương", "M.T" end with letters; a sentence ends with ". " after a long run.
    t.ends_with('.') && t.split_whitespace().count() > 6
}

fn sentences(t: &str) -> usize {
    let mut n = 0;
    let cs: Vec<char> = t.chars().collect();
    for (i, c) in cs.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') && cs.get(i + 1).is_none_or(|n| n.is_whitespace()) && i >= 3
        {
            n += 1;
        }
    }
    n.max(1)
}

fn is_photo_credit(b: &Block) -> bool {
    if b.words > 60 {
        return false;
    }
    let l = b.text.to_lowercase();
    l.starts_with("ảnh minh họa")
        || l.starts_with("ảnh minh hoạ")
        || l.starts_with("ảnh:")
        || l.starts_with("trong ảnh")
        || l.contains(" ảnh:")
        || l.contains("(ảnh")
        || l.contains("- ảnh ")
        || l.contains("nguồn ảnh")
        || l.ends_with("ảnh minh họa")
        || l.ends_with("ảnh minh hoạ")
        || l.ends_with("(ảnh minh họa)")
        || l.starts_with("photo:")
}

fn has_caption_cue(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "phát biểu",
        "tặng quà",
        "trao ",
        "chúc mừng",
        "quang cảnh",
        "toàn cảnh",
        "chụp ảnh",
        "tại buổi",
        "tại hội nghị",
        "tại lễ",
        "các đại biểu",
        "trụ sở",
    ]
    .iter()
    .any(|c| l.contains(c))
}

/// Chooses the publication date among dated lines above the body (and, failing that, below
/// it). A label says most; a time helps; "Cập nhật" and a bare weekday date in the menu bar
/// (today's date, printed by the site) count against.
fn pick_date(header: &[Block], title_at: usize, tail: &[&str]) -> Option<OffsetDateTime> {
    let mut best: Option<(i32, usize, OffsetDateTime)> = None;
    let lines = header
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.text))
        .chain(tail.iter().enumerate().map(|(i, t)| (header.len() + i, *t)));
    for (i, t) in lines {
        let Some(f) = find_date(t) else { continue };
        let mut score = 0;
        match label_of(t) {
            Label::Published => score += 4,
            Label::Updated => score -= 3,
            Label::None => {}
        }
        if f.has_time {
            score += 1;
        }
        let before_title = i < title_at;
        let menu_chrome = is_menu(t) && label_of(t) == Label::None || {
            let l = t.to_lowercase();
            ["đăng nhập", "liên hệ", "hotline", "english", "trang chủ"]
                .iter()
                .any(|k| l.contains(k))
        };
        if before_title && !f.has_time && (menu_chrome || has_weekday(t)) {
            score -= if menu_chrome { 6 } else { 2 };
        }
        if i >= header.len() {
            score -= 1;
        }
        if score <= -4 {
            continue;
        }
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, i, f.at));
        }
    }
    best.map(|b| b.2)
}

fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " – "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for t in [
            "Trang chủ | Giới thiệu | Tin tức - Sự kiện",
            "Trang chủ › Tin tức - Sự kiện › Xây dựng Đảng",
            "Cỡ chữ:  A-  A  A+        In bài        Gửi email",
            "19",
            "Lượt xem: 1.208",
            "[Trở về]",
            "Tiếng Việt | English",
            "© 2017 Báo Kon Tum",
            "Điện thoại: 0260 3862 000",
        ] {
            let b = Block {
                text: t,
                indent: 0,
                gap_before: false,
                words: t.split_whitespace().count(),
            };
            assert!(is_chrome(&b), "{t:?}");
        }
    }

    #[test]
    fn site_header_date_is_not_published() {
        let text = "Thứ Hai, 22/11/2026 | Đăng nhập | Liên hệ\n\nTiêu đề bài viết về cán bộ\n\nNgày đăng: 03/05/2012\n\nĐoạn mở đầu đủ dài để là một đoạn văn của bài báo, có nhiều chữ ở đây.\n";
        let p = analyze(text, None);
        assert_eq!(p.title, "Tiêu đề bài viết về cán bộ");
        assert_eq!(
            p.published.map(|d| d.date().to_string()).as_deref(),
            Some("2012-05-03")
        );
    }

    #[test]
    fn share_bar_after_lead_does_not_end_the_body() {
        let text = "Tiêu đề bài\n\n30/11/2021 13:01\n\nĐoạn mở đầu đủ dài để là một đoạn văn của bài báo, có nhiều chữ.\n\nChia sẻ | Facebook | Zalo\n\nĐoạn thân bài tiếp theo rất dài, kể lại diễn biến của sự kiện với nhiều chi tiết cụ thể về thời gian, địa điểm và những người tham dự.\n\nChia sẻ\n\nTin liên quan:\n- Một tin khác của trang web này được liệt kê ở đây với rất nhiều chữ để dài hơn hai mươi lăm từ cho chắc chắn là dài.\n";
        let p = analyze(text, None);
        assert_eq!(p.paragraphs.len(), 2, "{:?}", p.paragraphs);
    }

    #[test]
    fn byline_above_the_body() {
        let text = "Tiêu đề bài viết mới\nTác giả: Ngọc Anh\n12/03/2023\n\nĐoạn mở đầu đủ dài để là một đoạn văn của bài báo, có nhiều chữ.\n";
        let p = analyze(text, None);
        assert_eq!(p.title, "Tiêu đề bài viết mới");
        assert_eq!(p.byline.author.as_deref(), Some("Ngọc Anh"));
    }

    #[test]
    fn related_list_and_byline() {
        let text = "Tiêu đề bài\n\n30/11/2021 13:01\n\nĐoạn mở đầu đủ dài để là một đoạn văn của bài báo, có nhiều chữ.\n\nĐoạn cuối cùng của bài báo cũng đủ dài để là một đoạn văn, kết thúc.\n\nMai Trâm\n\nTin liên quan:\n- Một tin khác ở Bình Định (25/05/2017)\n";
        let p = analyze(text, None);
        assert_eq!(p.paragraphs.len(), 2);
        assert_eq!(p.byline.author.as_deref(), Some("Mai Trâm"));
    }
}
