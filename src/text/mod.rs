//! Vietnamese text analysis: normalization, folding, document codes and the tantivy analyzers.
//!
//! This module depends on nothing in tracuu and on nothing of tantivy but its tokenizer API,
//! so that it can become its own crate.
//!
//! # Normalizing
//!
//! Vietnamese has two spellings of many words: tone marks may be composed or not (NFC/NFD),
//! placed on either vowel (`hòa`/`hoà`, `thủy`/`thuỷ`), and Đ is sometimes typed as the
//! look-alike Ð. [`normalize`] maps all of them to one NFC form with the traditional tone
//! placement (`Ủy ban`, as the seed articles write it), keeping case. [`fold`] removes the
//! diacritics for accent-insensitive search. Some syllables are spelled with i or y alike
//! (`kĩ`/`kỹ`, `lí`/`lý`): the analyzers' tokens take the y spelling, stored text keeps its own.
//!
//! ```
//! use tracuu::text::{fold, normalize};
//! assert_eq!(normalize("Uỷ ban hoà giải"), "Ủy ban hòa giải");
//! assert_eq!(fold("Ủy ban hòa giải"), "Uy ban hoa giai");
//! ```
//!
//! # Analyzers
//!
//! Both analyzers use [`VietnameseTokenizer`]; [`VI_FOLDED`] adds [`FoldFilter`]. They give
//! the same tokens at the same positions, one with and one without diacritics, so a phrase
//! query can use either field.
//!
//! ```
//! use tracuu::text::{analyze_to_vec, exact_analyzer, folded_analyzer};
//! let text = "Nghị quyết 03-NQ/TU với 1.810 chi bộ";
//! let exact = analyze_to_vec(&mut exact_analyzer(), text);
//! let folded = analyze_to_vec(&mut folded_analyzer(), text);
//! let words: Vec<&str> = exact.iter().map(|(t, _)| t.as_str()).collect();
//! assert_eq!(
//!     words,
//!     ["nghị", "quyết", "03-nq/tu", "03", "nq", "tu", "với", "1.810", "chi", "bộ"]
//! );
//! assert_eq!(folded[0], ("nghi".to_string(), 0));
//! ```
//!
//! # Tokens
//!
//! * A word is a run of alphanumerics and combining marks, so NFD text gives the same tokens
//!   as NFC text. Each token is NFC, tone-canonical ([`normalize`]) and lower-cased (Đ → đ).
//! * Hyphens and apostrophes split words (`Ê-đê` → `ê`, `đê`; `H'Mông` → `h`, `mông`), and so
//!   do dots between letters (`TP.HCM` → `tp`, `hcm`).
//! * Numbers keep Vietnamese grouping (`1.810`, `62,22`); ranges and dates are split into
//!   their numbers (`2019-2020`, `30/11/2021`).
//! * Document codes (`03-NQ/TU`, `03 - NQ/TU`, `số 15- Nq/tw`, `101/2017/NĐ-CP`) give a code
//!   token and then their parts, see below. Spaces are allowed only around the first separator
//!   (`03 - NQ/TU`), so that a code followed by ` - ` does not swallow the next word.
//! * [`analyze_to_vec`] lists an analyzer's tokens with their positions, for the `analyze`
//!   command and tests.
//!
//! # Words
//!
//! [`Segmenter`] groups syllables into words (`chủ tịch xã` → `chủ tịch`, `xã`), returning
//! each word as a range of syllable indices; the ranges always tile the input. The word
//! analyzers [`VI_WORDS`] and [`VI_WORDS_FOLDED`] ([`words_analyzer`]) emit each word of two
//! or more syllables as one token (`chủ_tịch`, folded `chu_tich`) at the position of its first
//! syllable, for separate word fields whose positions line up with the syllable fields: a word
//! query matches only where the syllables form that word, and the syllable fields (their
//! phrase queries, their BM25 length norms) are untouched.
//!
//! ```
//! use tracuu::text::Segmenter;
//! let words = Segmenter::bundled().segment(&["chủ", "tịch", "xã"]);
//! assert_eq!(words, vec![0..2, 2..3]);
//! ```
//!
//! # Invariants the search layer relies on
//!
//! * Only document-code tokens contain `/`; ordinary tokens never do. A code token holds the
//!   lower-cased [`normalize_code`] spelling (`03-nq/tu`, folded `101/2017/nd-cp`) at the
//!   position of the code's first part, followed by the code's parts (`03`, `nq`, `tu`) as
//!   ordinary tokens, the first one at that same position.
//! * Token texts are never empty and at most [`MAX_TOKEN_BYTES`] long; token offsets lie on
//!   char boundaries and span the source text of the token.
//! * Exact and folded analyzers emit the same number of tokens with the same positions and
//!   offsets for any input.

pub mod acronyms;
mod analyzer;
mod codes;
mod normalize;
pub mod segment;
mod tokenizer;
mod words;

#[cfg(test)]
mod tests;

pub use analyzer::{
    analyze_to_vec, exact_analyzer, folded_analyzer, register_analyzers, FoldFilter,
    FoldFilterWrapper, FoldTokenStream, VI_EXACT, VI_FOLDED,
};
pub use codes::normalize_code;
pub use normalize::{fold, has_diacritics, normalize};
pub use segment::{read_segmented, Method, Segmenter, Trainer};
pub use tokenizer::{VietnameseTokenStream, VietnameseTokenizer, MAX_TOKEN_BYTES};
pub use words::{
    words_analyzer, words_folded_analyzer, WordMemo, WordTokenStream, WordTokenizer, END_MARK,
    VI_WORDS, VI_WORDS_FOLDED, WORD_JOINER,
};
