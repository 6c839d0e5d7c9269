//! Function words of questions: syllables such as "là", "gì", "nào", "có", "được" (and
//! "không" closing a question) that a question needs and an answer rarely repeats ("Trục xuất
//! là gì?" is answered by "Trục xuất là buộc người nước ngoài …"; "cần được thực hiện khi
//! nào" by an article that never says "khi nào"). They still score where they match, with
//! their idf, but a tier's share and the complete-match bonus count the other syllables only
//! (`search/query.rs`).
//!
//! A short hand-made list (not one of the stopword lists of `../shared/data`, which hold
//! content words such as "năm", "số", "đồng"): question words, copulas and auxiliaries,
//! conjunctions, prepositions and determiners.

use std::collections::HashSet;

/// Function syllables, lower case with diacritics.
pub const FUNCTION_WORDS: &[&str] = &[
    // question words
    "gì", "nào", "ai", "đâu", "sao", "bao", "nhiêu", "mấy", "chưa",
    // copulas, auxiliaries
    "là", "có", "được", "bị", "thì", "mà", "cần", // conjunctions, prepositions
    "và", "hoặc", "hay", "của", "cho", "với", "để", "về", "trong", "theo", "khi", "nếu", "như",
    "thế", // determiners
    "các", "những", "này", "đó",
];

/// Function syllables only as the last word of a query: "không" closes a question ("… có
/// được hưởng án treo không?") but negates inside a statement ("Viên chức … không được tham
/// gia hợp đồng vụ, việc …"), where it is content.
pub const FINAL_PARTICLES: &[&str] = &["không"];

/// Whether a token of a query typed with diacritics (lower case) is a function word, `last`
/// when it is the query's last word.
pub fn is_function_word(token: &str, last: bool) -> bool {
    FUNCTION_WORDS.contains(&token) || (last && FINAL_PARTICLES.contains(&token))
}

/// Whether a token of a query typed without diacritics is a function word, given its restored
/// forms (`search/restore.rs`; empty when restoration left it without diacritics or there was
/// none): when each of them is one. Folding makes "cua" both "của" and "cửa", so the
/// restoration decides.
pub fn is_folded_function_word(token: &str, restored: &[String], last: bool) -> bool {
    if restored.is_empty() {
        is_function_word(token, last)
    } else {
        restored.iter().all(|form| is_function_word(form, last))
    }
}

/// The words of a query written with a capital letter inside a sentence (not its first word),
/// lower case: "Ngân hàng Thế giới", "lấp vịnh Nha Trang Sao …", "2025 AI tạo sinh". A
/// function syllable written so is part of a name, not a function word; questions write
/// theirs in lower case. Capitals survive in queries typed without diacritics ("Ngan hang
/// The gioi").
pub fn capitalized_inside(words: &str) -> HashSet<String> {
    let mut named = HashSet::new();
    // Capitals say nothing in a query written all in capitals or in Title Case ("AI LÀ NGƯỜI
    // THỪA KẾ?", "Ai Là Người Thừa Kế?"): only one with a word after its first that starts
    // lower case has names to tell apart.
    let starts_lower = |chunk: &str| {
        chunk
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    };
    if !words.split_whitespace().skip(1).any(starts_lower) {
        return named;
    }
    let mut initial = true;
    for chunk in words.split_whitespace() {
        if !initial {
            for piece in chunk.split(|c: char| !c.is_alphanumeric()) {
                if piece.chars().next().is_some_and(char::is_uppercase) {
                    named.insert(piece.to_lowercase());
                }
            }
        }
        // Punctuation alone ("-", "–") leaves the sentence where it was.
        if chunk.chars().any(char::is_alphanumeric) {
            let end = chunk
                .chars()
                .rev()
                .find(|c| !matches!(c, '"' | '\'' | '”' | '’' | ')'));
            initial = matches!(end, Some('.' | '?' | '!' | ':' | ';'));
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_inside_a_sentence_are_names() {
        // query -> its words written Capitalized after a sentence's first word, lower case
        let cases: [(&str, &[&str]); 10] = [
            ("Ngân hàng Thế giới báo cáo", &["thế"]),
            ("Ngan hang The gioi bao cao", &["the"]),
            ("smartphone dưới 20 triệu 2025 AI tạo sinh", &["ai"]),
            ("Ai là người thừa kế? Ai được hưởng?", &[]),
            ("“Sao” là gì", &[]),
            ("TP.HCM - Sao Mai khai trương", &["mai", "sao"]),
            ("cho vay theo hợp đồng", &[]),
            // All capitals, Title Case: the capitals tell nothing.
            ("AI LÀ NGƯỜI THỪA KẾ THEO PHÁP LUẬT?", &[]),
            ("Ai Là Người Thừa Kế Theo Pháp Luật?", &[]),
            ("TP.HCM - Sao Mai", &[]),
        ];
        for (query, expected) in cases {
            let mut got: Vec<String> = capitalized_inside(query).into_iter().collect();
            got.sort();
            assert_eq!(got, expected, "{query}");
        }
    }

    #[test]
    fn function_words_typed_or_restored() {
        // (token, restored forms or None for a query with diacritics) -> function word
        type Case = ((&'static str, Option<&'static [&'static str]>), bool);
        let cases: [Case; 13] = [
            (("không", None), false),
            (("là", None), true),
            (("gì", None), true),
            (("nhiêu", None), true),
            (("trục", None), false),
            (("năm", None), false),
            (("cua", Some(&["của"])), true),
            (("cua", Some(&["cửa"])), false),
            (("la", Some(&["là", "lá"])), false),
            (("ai", Some(&[])), true),
            (("la", Some(&[])), false),
            (("khong", Some(&["không"])), false),
            (("chưa", None), true),
        ];
        for ((token, restored), expected) in cases {
            let got = match restored {
                None => is_function_word(token, false),
                Some(forms) => {
                    let forms: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
                    is_folded_function_word(token, &forms, false)
                }
            };
            assert_eq!(got, expected, "{token} restored as {restored:?}");
        }
        // (token, restored forms, last word of the query) -> function word
        type Final = ((&'static str, &'static [&'static str], bool), bool);
        let finals: [Final; 4] = [
            (("không", &[], true), true),
            (("không", &[], false), false),
            (("khong", &["không"], true), true),
            (("khong", &["không"], false), false),
        ];
        for ((token, forms, last), expected) in finals {
            let forms: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
            let got = if forms.is_empty() {
                is_function_word(token, last)
            } else {
                is_folded_function_word(token, &forms, last)
            };
            assert_eq!(got, expected, "{token} ({forms:?}), last word: {last}");
        }
    }
}
