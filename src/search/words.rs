//! Word matches as proximity bonuses: a query's words of two or more syllables found as words
//! of a document (the word fields, [`crate::index::WordFields`]) add to its score, so that
//! "học sinh" written as the word `học_sinh` ranks above "sinh học sinh động", where the two
//! syllables are adjacent across a word boundary, and above the syllables scattered.
//!
//! Which documents match is decided by the syllable clauses alone (`search/query.rs`): the
//! words only add bonuses scored in the second phase (`search/rescore.rs`), like the phrase
//! bonuses, so they cannot lose a match.
//!
//! * A query with diacritics is segmented like the documents ([`crate::text::words_analyzer`]);
//!   its words are looked up in `title_words` / `body_words`.
//! * A query without diacritics cannot be segmented reliably (the model knows accented
//!   syllables, and `can bo` may be `cán bộ` or `cạn bờ`): every run of 2 to
//!   [`MAX_NGRAM`] adjacent query syllables is a candidate word (`can_bo`), kept when the
//!   folded word fields hold it (a term lookup each). Only words the corpus's segmentation
//!   produced count, so a run that is never a word (`bo_co`) adds nothing.

use tantivy::schema::Field;
use tantivy::Term;

use super::query::{Mode, QueryToken, TITLE_WEIGHT};
use super::rescore::Bonus;
use crate::index::{Fields, WordFields};
use crate::text::{analyze_to_vec, normalize, words_analyzer, END_MARK, WORD_JOINER};

/// Weight of a query word found as a word of the body (twice that in the title), on top of
/// the pair bonus its adjacent syllables already get.
pub const WORD_WEIGHT: f32 = 0.6;
/// Longest run of unaccented query syllables tried as a word.
pub const MAX_NGRAM: usize = 4;
/// Query words looked at: long questions get no word bonus past this.
const MAX_WORDS: usize = 16;

/// The word bonuses of the free words `text` of a query of `mode`, whose tokens (one per
/// position, as the syllable clauses see them) are `single`. Empty when the index has no word
/// fields.
pub fn bonuses(
    fields: &Fields,
    searcher: &tantivy::Searcher,
    text: &str,
    mode: Mode,
    single: &[QueryToken],
) -> Vec<Bonus> {
    let Some(words) = fields.words else {
        return Vec::new();
    };
    let (found, title, body) = match mode {
        Mode::Exact => (segmented(text), words.title, words.body),
        Mode::Folded => (
            folded_candidates(single, searcher, &words),
            words.title_folded,
            words.body_folded,
        ),
    };
    let mut out = Vec::with_capacity(2 * found.len());
    for w in found.iter().take(MAX_WORDS) {
        out.push(Bonus::new(title, &[(0, w)], TITLE_WEIGHT * WORD_WEIGHT));
        out.push(Bonus::new(body, &[(0, w)], WORD_WEIGHT));
    }
    out
}

/// The distinct words of two or more syllables of an accented query, as the index holds them.
pub fn segmented(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (word, _) in analyze_to_vec(&mut words_analyzer(), &normalize(text)) {
        if word != END_MARK && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Runs of 2 to [`MAX_NGRAM`] adjacent syllables of an unaccented query that the folded word
/// fields hold, longest first.
fn folded_candidates(
    single: &[QueryToken],
    searcher: &tantivy::Searcher,
    words: &WordFields,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in (2..=MAX_NGRAM).rev() {
        for run in single.windows(n) {
            let adjacent = run.windows(2).all(|p| p[1].position == p[0].position + 1);
            if !adjacent || run.iter().any(|t| t.text.contains('/')) {
                continue;
            }
            let word = run
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(&WORD_JOINER.to_string());
            if !out.contains(&word)
                && (holds(searcher, words.body_folded, &word)
                    || holds(searcher, words.title_folded, &word))
            {
                out.push(word);
            }
        }
    }
    out
}

fn holds(searcher: &tantivy::Searcher, field: Field, word: &str) -> bool {
    searcher
        .doc_freq(&Term::from_field_text(field, word))
        .is_ok_and(|df| df > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_queries_are_segmented_into_words() {
        let cases: [(&str, &[&str]); 4] = [
            ("đào tạo cán bộ", &["đào_tạo", "cán_bộ"]),
            ("Cán bộ", &["cán_bộ"]),
            ("xã", &[]),
            ("học sinh, học sinh", &["học_sinh"]),
        ];
        for (query, expected) in cases {
            assert_eq!(segmented(query), expected, "{query}");
        }
    }
}
