//! Function words of questions: syllables such as "là", "gì", "nào", "có", "được", "không"
//! that a question needs and an answer rarely repeats ("Trục xuất là gì?" is answered by
//! "Trục xuất là buộc người nước ngoài …"; "cần được thực hiện khi nào" by an article that
//! never says "khi nào"). They still score where they match, with their idf, but a tier's
//! share and the complete-match bonus count the other syllables only (`search/query.rs`).
//!
//! A short hand-made list (not one of the stopword lists of `../shared/data`, which hold
//! content words such as "năm", "số", "đồng"): question words, copulas and auxiliaries,
//! conjunctions, prepositions and determiners.

/// Function syllables, lower case with diacritics.
pub const FUNCTION_WORDS: &[&str] = &[
    // question words
    "gì", "nào", "ai", "đâu", "sao", "bao", "nhiêu", "mấy", "chưa",
    // copulas, auxiliaries
    "là", "có", "được", "bị", "thì", "mà", "cần", "không", // conjunctions, prepositions
    "và", "hoặc", "hay", "của", "cho", "với", "để", "về", "trong", "theo", "khi", "nếu", "như",
    "thế", // determiners
    "các", "những", "này", "đó",
];

/// Whether a token of a query typed with diacritics (lower case) is a function word.
pub fn is_function_word(token: &str) -> bool {
    FUNCTION_WORDS.contains(&token)
}

/// Whether a token of a query typed without diacritics is a function word, given its restored
/// forms (`search/restore.rs`; empty when restoration left it without diacritics or there was
/// none): when each of them is one. Folding makes "cua" both "của" and "cửa", so the
/// restoration decides.
pub fn is_folded_function_word(token: &str, restored: &[String]) -> bool {
    if restored.is_empty() {
        is_function_word(token)
    } else {
        restored.iter().all(|form| is_function_word(form))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_typed_or_restored() {
        // (token, restored forms or None for a query with diacritics) -> function word
        type Case = ((&'static str, Option<&'static [&'static str]>), bool);
        let cases: [Case; 10] = [
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
        ];
        for ((token, restored), expected) in cases {
            let got = match restored {
                None => is_function_word(token),
                Some(forms) => {
                    let forms: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
                    is_folded_function_word(token, &forms)
                }
            };
            assert_eq!(got, expected, "{token} restored as {restored:?}");
        }
    }
}
