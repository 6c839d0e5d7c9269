//! Acronym definitions written in an article: "Trung tâm bồi dưỡng chính trị (TTBDCT)".
//!
//! A definition is an acronym in parentheses right after the words it abbreviates: each
//! letter is the initial of one of the preceding words (Đ and D alike, `&` for "và",
//! lower-case function words skipped, see [`initials_match`]). Parentheses holding anything
//! else ("(Kon Tum)", "(2021)", "(ảnh: …)") are not definitions.

use crate::article::AcronymDef;
use crate::text::acronyms::{acronym_key, initials_match, MAX_ACRONYM_LETTERS};

/// Words looked at before an opening parenthesis: the longest expansion is about this long.
const MAX_WORDS: usize = 2 * MAX_ACRONYM_LETTERS;
/// Bytes looked at before an opening parenthesis, so that text without punctuation stays
/// linear.
const MAX_LOOKBACK: usize = 400;
/// Definitions kept per article.
const MAX_DEFINITIONS: usize = 32;

/// The distinct definitions of `text`, in order of first appearance.
pub fn find_definitions(text: &str) -> Vec<AcronymDef> {
    let mut out: Vec<AcronymDef> = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        from = open + 1;
        let Some(close) = text[from..].find(')').map(|i| from + i) else {
            break;
        };
        let acronym = text[from..close].trim();
        if acronym_key(acronym).is_none() {
            continue;
        }
        let mut from_back = open.saturating_sub(MAX_LOOKBACK);
        while !text.is_char_boundary(from_back) {
            from_back += 1;
        }
        let words = words_before(&text[from_back..open]);
        let Some(n) = initials_match(acronym, &words) else {
            continue;
        };
        let expansion = words[words.len() - n..].join(" ");
        let def = AcronymDef {
            acronym: acronym.to_string(),
            expansion,
        };
        if !out.contains(&def) {
            out.push(def);
            if out.len() == MAX_DEFINITIONS {
                break;
            }
        }
    }
    out
}

/// The words right before an opening parenthesis, back to the start of the clause: a
/// sentence end, colon, semicolon, another parenthesis, quote or line break stops them; commas
/// and hyphens between words are dropped.
fn words_before(text: &str) -> Vec<&str> {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| ['.', ';', ':', '!', '?', '(', ')', '\n', '"', '“', '”'].contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &text[start..];
    let mut words: Vec<&str> = clause
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > MAX_WORDS {
        words.drain(..words.len() - MAX_WORDS);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions() {
        let cases: [(&str, &[(&str, &str)]); 16] = [
            (
                "Sáng 30/11, Trung tâm bồi dưỡng chính trị (TTBDCT) huyện Đăk Hà khai giảng lớp.",
                &[("TTBDCT", "Trung tâm bồi dưỡng chính trị")],
            ),
            (
                "Đội ngũ cán bộ, công chức, viên chức (CBCCVC) của tỉnh được bồi dưỡng.",
                &[("CBCCVC", "cán bộ công chức viên chức")],
            ),
            (
                "Sở Khoa học và Công nghệ (KH&CN) phối hợp với Ủy ban nhân dân (UBND) huyện.",
                &[
                    ("KH&CN", "Khoa học và Công nghệ"),
                    ("UBND", "Ủy ban nhân dân"),
                ],
            ),
            (
                "Phát triển kinh tế - xã hội (KT-XH) năm 2021 đạt kết quả tốt.",
                &[("KT-XH", "kinh tế xã hội")],
            ),
            (
                "Hội đồng nhân dân (HĐND) tỉnh và Hội đồng nhân dân (HĐND) huyện.",
                &[("HĐND", "Hội đồng nhân dân")],
            ),
            (
                "Bộ Văn hóa, Thể thao và Du lịch (BVHTTDL) tổ chức.",
                &[("BVHTTDL", "Bộ Văn hóa Thể thao và Du lịch")],
            ),
            ("Tỉnh Kon Tum (Kon Tum) có 10 huyện.", &[]),
            ("Năm nay (2021) tỉnh đạt kết quả.", &[]),
            ("Lớp học tại hội trường (ảnh: Mai Trâm).", &[]),
            ("Các đại biểu dự lễ (ẢNH: TTXVN).", &[]),
            ("Quyết định của Ủy ban (UBND) tỉnh.", &[]),
            ("Ủy ban nhân dân tỉnh (UBND", &[]),
            ("(UBND) ở đầu câu.", &[]),
            ("Ủy ban. Nhân dân (UBND) tỉnh.", &[]),
            (
                "Ông nói “Ủy ban nhân dân (UBND) xã” và ”Hội đồng nhân dân (HĐND)”.",
                &[("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân")],
            ),
            ("“(UBND)”", &[]),
        ];
        for (text, want) in cases {
            let got = find_definitions(text);
            let got: Vec<(&str, &str)> = got
                .iter()
                .map(|d| (d.acronym.as_str(), d.expansion.as_str()))
                .collect();
            assert_eq!(got, want, "text {text:?}");
        }
    }
}
