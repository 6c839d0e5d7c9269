//! Bylines: "Tin, ảnh: Quốc Đạt (TTXVN)", "Thái Tân/KD&PL", "- Tấn Phụng -", "Th.Dương",
//! "Tác giả bài viết: An Nhiên", "Theo TTXVN".

use std::sync::LazyLock;

use regex::Regex;

/// What a byline says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// The writer ("Quốc Đạt").
    pub author: Option<String>,
    /// The outlet or agency credited with it ("TTXVN").
    pub source: Option<String>,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:tin,?\s*(?:và\s*)?ảnh|bài,?\s*(?:và\s*)?ảnh|bài và ảnh|tin và ảnh|tác giả bài viết|tác giả|bài viết|phóng viên|nhóm phóng viên|nhóm pv|tin|bài|pv|ctv|người viết)\s*:\s*(.+)$",
    )
    .expect("valid regex")
});
static THEO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?:Theo|theo|Nguồn|nguồn)\s*:?\s+([^()]+?)(?:\s*\(([^)]+)\))?\)?\.?$")
        .expect("valid regex")
});

/// Words that start chrome lines, never a name.
const NOT_NAMES: &[&str] = &[
    "Chia", "Bình", "Tin", "Trang", "Đăng", "Xem", "Đọc", "Về", "Quay", "Trở", "In", "Gửi", "Tags",
    "Từ", "Lượt", "Tổng", "Xếp", "Click", "Ý", "Bạn", "Facebook", "Twitter", "Zalo", "Email",
    "Thông", "Nguồn", "Ảnh", "Video", "Liên", "Các", "Những", "Bài", "Tác",
];

/// Parses a byline line; `None` when the line does not look like one.
///
/// ```
/// use tracuu::ingest::extract::parse_byline;
/// let b = parse_byline("Tin, ảnh: Quốc Đạt (TTXVN)").unwrap();
/// assert_eq!(b.author.as_deref(), Some("Quốc Đạt"));
/// assert_eq!(b.source.as_deref(), Some("TTXVN"));
/// ```
pub fn parse_byline(line: &str) -> Option<Byline> {
    let line = line.trim().trim_end_matches("./.").trim();
    if line.is_empty() || line.chars().count() > 80 {
        return None;
    }
    if let Some(c) = LABEL.captures(line) {
        let rest = c.get(1)?.as_str().trim();
        return split_name(rest, true);
    }
    if let Some(c) = THEO.captures(line) {
        let first = c.get(1)?.as_str().trim();
        if first.starts_with("http") || first.split(' ').count() > 8 {
            return None;
        }
        return Some(match c.get(2) {
            Some(src) if looks_like_name(first) => Byline {
                author: Some(first.to_string()),
                source: Some(src.as_str().trim().to_string()),
            },
            _ => Byline {
                author: None,
                source: Some(first.to_string()),
            },
        });
    }
    // "- Tấn Phụng -"
    let bare = line
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .trim();
    // A lone agency acronym at the end of an article credits the outlet: "TTXVN".
    if (2..=8).contains(&bare.chars().count())
        && bare
            .chars()
            .all(|c| c.is_uppercase() || c == '&' || c == '-')
        && !bare.contains("--")
    {
        return Some(Byline {
            author: None,
            source: Some(bare.to_string()),
        });
    }
    split_name(bare, false)
}

/// "Quốc Đạt (TTXVN)", "Thái Tân/KD&PL", "Hoàng Trọng".
fn split_name(s: &str, labelled: bool) -> Option<Byline> {
    let s = s.trim().trim_end_matches('.').trim();
    let (name, source) = if let Some((n, rest)) = s.split_once('(') {
        (n.trim(), Some(rest.trim_end_matches(')').trim()))
    } else if let Some((n, src)) = s.split_once('/') {
        (n.trim(), Some(src.trim()))
    } else if let Some((n, src)) = s.rsplit_once(" - ") {
        if is_outlet(src.trim()) {
            (n.trim(), Some(src.trim()))
        } else {
            (s, None)
        }
    } else {
        (s, None)
    };
    if !(looks_like_name(name) || labelled && !name.is_empty() && name.chars().count() <= 60) {
        return None;
    }
    if source.is_some_and(|src| src.is_empty() || src.chars().count() > 40) {
        return None;
    }
    Some(Byline {
        author: Some(name.to_string()),
        source: source.map(str::to_string),
    })
}

fn is_outlet(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        || ["Báo", "Tạp chí", "Đài", "Cổng", "Trang"]
            .iter()
            .any(|p| s.starts_with(p))
}

/// One to six capitalized syllables, abbreviations allowed ("Th.Dương", "M.T"), several
/// writers joined by " - ", ", " or " và ".
pub(crate) fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 60 {
        return false;
    }
    let normalized = s
        .replace(" - ", ", ")
        .replace(" – ", ", ")
        .replace(" và ", ", ");
    let mut total = 0;
    for person in normalized.split(", ") {
        let words: Vec<&str> = person.split_whitespace().collect();
        if words.is_empty() || words.len() > 5 {
            return false;
        }
        for w in &words {
            total += 1;
            if !w.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            if !w.chars().all(|c| c.is_alphabetic() || c == '.') {
                return false;
            }
        }
        if NOT_NAMES.contains(&words[0]) && words.len() > 1 {
            return false;
        }
    }
    (1..=12).contains(&total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(line: &str) -> Option<(Option<String>, Option<String>)> {
        parse_byline(line).map(|b| (b.author, b.source))
    }

    fn s(a: Option<&str>, src: Option<&str>) -> Option<(Option<String>, Option<String>)> {
        Some((a.map(Into::into), src.map(Into::into)))
    }

    #[test]
    fn bylines() {
        let cases = [
            (
                "Tin, ảnh: Quốc Đạt (TTXVN)",
                s(Some("Quốc Đạt"), Some("TTXVN")),
            ),
            ("Bài, ảnh: Mai Trâm", s(Some("Mai Trâm"), None)),
            ("Thái Tân/KD&PL", s(Some("Thái Tân"), Some("KD&PL"))),
            ("- Tấn Phụng -", s(Some("Tấn Phụng"), None)),
            ("Th.Dương", s(Some("Th.Dương"), None)),
            ("M.T", s(Some("M.T"), None)),
            ("Hoàng Anh Thắng", s(Some("Hoàng Anh Thắng"), None)),
            ("Tác giả bài viết: An Nhiên", s(Some("An Nhiên"), None)),
            ("Theo TTXVN", s(None, Some("TTXVN"))),
            ("(Theo Báo Nhân Dân)", s(None, Some("Báo Nhân Dân"))),
            (
                "Theo Hoàng Anh (Báo Dân tộc)",
                s(Some("Hoàng Anh"), Some("Báo Dân tộc")),
            ),
            ("TTXVN", s(None, Some("TTXVN"))),
            ("Ngọc Anh - Minh Hà", s(Some("Ngọc Anh - Minh Hà"), None)),
            ("Chia sẻ bài viết", None),
            ("Về đầu trang", None),
            ("Tin liên quan:", None),
            ("Số lượng cán bộ được luân chuyển còn ít.", None),
            ("...", None),
        ];
        for (input, expected) in cases {
            assert_eq!(b(input), expected, "input {input:?}");
        }
    }
}
