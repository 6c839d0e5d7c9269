//! Word segmentation: grouping syllables into words (`chủ tịch xã` → `chủ_tịch`, `xã`).
//!
//! Vietnamese is written one syllable at a time; ~40% of the words of news text are two or
//! more syllables long, and the spaces do not say which. A [`Segmenter`] decides, for every
//! space between two syllables, whether it lies inside a word or between two words.
//!
//! Two methods are provided, both fast enough to run at index time:
//!
//! * [`Method::Perceptron`] (the default): an averaged perceptron over each syllable gap,
//!   with features of the syllables around it (their lower-cased spellings, pairs and triples,
//!   shapes such as capitalized or numeric), of the lexicon (is `chủ tịch` a word? is
//!   `tịch xã`?) and of the unigram model's best reading (is the gap inside one of its words,
//!   of what length?), decided left to right with the previous decision as a feature. In
//!   training, the unigram readings come from models that did not see the sentence (5 folds),
//!   so that the perceptron learns how far to trust them on new text.
//! * [`Method::Unigram`]: a unigram language model over words, searched with Viterbi (the
//!   most probable sequence of known words). It is the model exported as a Hugging Face
//!   `tokenizer.json` by [`Segmenter::to_tokenizer_json`].
//!
//! The bundled model (`data/segment/model.txt.gz`) is trained only on shippable data (see the
//! project's `NOTICE`) and loaded on first use by [`Segmenter::bundled`].
//!
//! ```
//! use tracuu::text::Segmenter;
//! let seg = Segmenter::bundled();
//! let words = seg.segment_text("Học sinh học sinh học");
//! assert_eq!(words.concat().replace(' ', ""), "Họcsinhhọcsinhhọc");
//! ```
//!
//! Lookups use the [`normalize`](super::normalize)d, lower-cased spelling of each syllable,
//! so `Uỷ ban` and `ủy ban` segment alike; the output keeps the original text.

mod model;
mod train;

use std::ops::Range;
use std::sync::LazyLock;

pub(crate) use model::Sentence;
pub use model::{Method, Segmenter};
pub use train::{read_segmented, Trainer};

/// The bundled model, gzip-compressed text (see [`Segmenter::from_reader`]).
static BUNDLED_MODEL: &[u8] = include_bytes!("../../../data/segment/model.txt.gz");

static BUNDLED: LazyLock<Segmenter> = LazyLock::new(|| {
    // The bytes are part of the binary and checked by a test, so failing here is a build
    // defect, not bad input.
    Segmenter::from_gzip(BUNDLED_MODEL).expect("the bundled segmentation model is valid")
});

impl Segmenter {
    /// The bundled model, loaded (once) on first use.
    pub fn bundled() -> &'static Segmenter {
        &BUNDLED
    }
}

/// Splits text into syllables: whitespace-separated runs, with punctuation split off
/// (`"(Kon Tum)."` → `(`, `Kon`, `Tum`, `)`, `.`). Dots, commas, hyphens and slashes between
/// two alphanumerics stay inside (`1.810`, `TP.HCM`, `03-NQ/TU`). Returns byte ranges into
/// `text`.
pub fn syllable_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    // Start of the alphanumeric run being read, if any.
    let mut run: Option<usize> = None;
    while let Some((at, c)) = chars.next() {
        if is_word_char(c) {
            run.get_or_insert(at);
            continue;
        }
        let next_is_word = chars.peek().is_some_and(|&(_, d)| is_word_char(d));
        if run.is_some() && next_is_word && matches!(c, '.' | ',' | '-' | '/' | '\'' | '_') {
            continue;
        }
        if let Some(start) = run.take() {
            out.push(start..at);
        }
        if !c.is_whitespace() {
            out.push(at..at + c.len_utf8());
        }
    }
    if let Some(start) = run {
        out.push(start..text.len());
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Checks that word ranges tile `0..n` in order with no empty word: the property every
/// segmentation must have.
pub fn is_tiling(words: &[Range<usize>], n: usize) -> bool {
    let mut at = 0;
    for w in words {
        if w.start != at || w.end <= w.start {
            return false;
        }
        at = w.end;
    }
    at == n
}

#[cfg(test)]
mod tests;
