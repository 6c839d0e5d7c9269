//! The preamble of a legal question that names its source: "Theo Bộ luật Dân sự 2015, …",
//! "Theo Điều 15, Bộ luật dân sự 2015, …", "Bộ luật Hình sự năm 2017 quy định …". A law's
//! articles never name the law ("Bộ luật này"), so those syllables only match the articles of
//! other laws that cite it; the question proper is what follows. `search/query.rs` matches
//! the rest and lets the preamble's syllables score as optional clauses.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold, normalize};

/// "theo|trong|căn cứ [quy định tại] [khoản N] [điều N] [của] [bộ] luật <name> [năm] YYYY [,]",
/// "theo … luật <name>," or, at the very start, "[bộ] luật <name> [năm] YYYY", on the folded
/// lower-case text.
static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:",
        r"(?:theo|trong|can cu|tai)\s+(?:quy dinh\s+(?:tai|cua)\s+)?",
        r"(?:khoan\s+\d+\s*,?\s*)?(?:dieu\s+\d+\s*,?\s*)?(?:cua\s+)?",
        r"(?:bo\s+)?luat(?:\s+\p{L}+){0,6}?",
        r"(?:\s+(?:nam\s+)?(?:19|20)\d\d\b\s*,?|\s*,)",
        r"|(?:bo\s+)?luat(?:\s+\p{L}+){0,6}?\s+(?:nam\s+)?(?:19|20)\d\d\b\s*,?",
        r")"
    ))
    .expect("valid regex")
});

/// "luật sư" (a lawyer) and "luật chơi" (rules of a game) name no law: "Theo luật sư Trần Văn
/// A, bị cáo …" keeps every word.
static NOT_A_LAW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bluat\s+(?:su|choi)\b").expect("valid regex"));

/// `(rest, preamble)` of a query's free words: the preamble naming a law ("Theo Bộ luật Dân
/// sự 2015,") and the rest, both in the normalized text; an empty preamble when there is none.
pub fn split(words: &str) -> (String, String) {
    let text = normalize(words);
    // The folded lower-case text, with the byte offset in `text` of each of its bytes.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        let mut buf = [0u8; 4];
        folded.push_str(&fold(c.encode_utf8(&mut buf)).to_lowercase());
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    match PREAMBLE.find(&folded) {
        Some(m) if m.end() > 0 && !NOT_A_LAW.is_match(&folded[..m.end()]) => {
            let cut = origin.get(m.end()).copied().unwrap_or(text.len());
            (
                text[cut..].trim().to_string(),
                text[..cut].trim().to_string(),
            )
        }
        _ => (text, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preambles_naming_a_law_are_split_off() {
        // query -> (rest, preamble)
        let cases = [
            (
                "Theo Bộ luật Dân sự 2015, lợi tức được hiểu như thế nào?",
                (
                    "lợi tức được hiểu như thế nào?",
                    "Theo Bộ luật Dân sự 2015,",
                ),
            ),
            (
                "Theo Bộ luật Hình sự năm 2017, hình phạt là gì?",
                ("hình phạt là gì?", "Theo Bộ luật Hình sự năm 2017,"),
            ),
            (
                "Theo Điều 15, Bộ luật dân sự 2015, Tòa án có quyền gì?",
                ("Tòa án có quyền gì?", "Theo Điều 15, Bộ luật dân sự 2015,"),
            ),
            (
                "theo bo luat dan su 2015, hoa loi duoc hieu nhu the nao",
                ("hoa loi duoc hieu nhu the nao", "theo bo luat dan su 2015,"),
            ),
            (
                "Bộ luật Dân sự năm 2015 quy định như thế nào về tài sản hiện có?",
                (
                    "quy định như thế nào về tài sản hiện có?",
                    "Bộ luật Dân sự năm 2015",
                ),
            ),
            (
                "Theo Luật An ninh mạng, an ninh mạng là gì?",
                ("an ninh mạng là gì?", "Theo Luật An ninh mạng,"),
            ),
            // No law named, or not at the start: unchanged.
            ("Trục xuất là gì?", ("Trục xuất là gì?", "")),
            (
                "sửa đổi Luật đất đai 2013",
                ("sửa đổi Luật đất đai 2013", ""),
            ),
            ("Theo dòng sự kiện", ("Theo dòng sự kiện", "")),
            // A lawyer or the rules of a game are no law.
            (
                "Theo luật sư Trần Văn A, bị cáo có thể được giảm án không",
                (
                    "Theo luật sư Trần Văn A, bị cáo có thể được giảm án không",
                    "",
                ),
            ),
            (
                "theo luat su tran van a, bi cao co the duoc giam an khong",
                (
                    "theo luat su tran van a, bi cao co the duoc giam an khong",
                    "",
                ),
            ),
            (
                "Trong luật chơi mới, đội nào được vào vòng trong?",
                ("Trong luật chơi mới, đội nào được vào vòng trong?", ""),
            ),
        ];
        for (query, (rest, preamble)) in cases {
            assert_eq!(
                split(query),
                (rest.to_string(), preamble.to_string()),
                "{query}"
            );
        }
    }
}
