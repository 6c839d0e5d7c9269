//! The word analyzers `vi_words` / `vi_words_folded`: one token per word of two or more
//! syllables (`cán_bộ`, folded `can_bo`), at the position of its first syllable.
//!
//! The syllables are the tokens of [`VietnameseTokenizer`]; the [`Segmenter`] groups each run
//! of them (syllables separated by spaces only: punctuation, hyphens and document codes end
//! a run) into words. Single-syllable words give no token: the syllable fields have them.
//! Positions are those of the syllable analyzers, so that a word field lines up with its
//! syllable field, value after value of a multi-valued field: the last token of a text spans
//! (`position_length`) up to the text's last syllable, and a text without any word of two
//! syllables gives the single token [`END_MARK`] at its last syllable.

use std::cell::RefCell;
use std::ops::Range;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::analyzer::FoldFilter;
use super::segment::{Segmenter, Sentence};
use super::tokenizer::{MemoMode, VietnameseTokenizer, MAX_TOKEN_BYTES};

/// Name of the analyzer of words with diacritics.
pub const VI_WORDS: &str = "vi_words";
/// Name of the analyzer of words without diacritics.
pub const VI_WORDS_FOLDED: &str = "vi_words_folded";
/// Joins the syllables of a word token (`cán_bộ`); never part of a syllable token.
pub const WORD_JOINER: char = '_';
/// The token of a text without any word of two or more syllables, at its last syllable (it
/// keeps the positions of the next value aligned); never a word.
pub const END_MARK: &str = "_";

/// Words with diacritics: [`WordTokenizer`].
///
/// ```
/// use tracuu::text::{analyze_to_vec, words_analyzer};
/// let tokens = analyze_to_vec(&mut words_analyzer(), "Cán bộ xã học tập");
/// assert_eq!(tokens, vec![("cán_bộ".to_string(), 0), ("học_tập".to_string(), 3)]);
/// ```
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::new(WordMemo::Record)).build()
}

/// The tokens of [`words_analyzer`] without diacritics (`can_bo`). When the text was just
/// segmented on this thread by [`words_analyzer`], as indexing does field after field, its
/// words are reused instead of segmenting again.
pub fn words_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::new(WordMemo::Replay))
        .filter(FoldFilter)
        .build()
}

/// Whether a [`WordTokenizer`] records its words for, or replays them from, its thread's memo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordMemo {
    Record,
    Replay,
}

/// Tokenizer of the words of two or more syllables; see the [module docs](self).
#[derive(Clone)]
pub struct WordTokenizer {
    syllables: VietnameseTokenizer,
    segmenter: &'static Segmenter,
    memo: WordMemo,
    buffers: Buffers,
}

#[derive(Clone, Default)]
struct Buffers {
    /// The syllable tokens of the text (code tokens left out): the first `syllables` of them.
    tokens: Vec<Token>,
    syllables: usize,
    sentence: Sentence,
    words: Vec<Range<usize>>,
    /// The word tokens of the text; `used` of them are valid.
    out: Vec<Token>,
    used: usize,
}

impl WordTokenizer {
    /// A tokenizer using the bundled segmentation model.
    pub fn new(memo: WordMemo) -> WordTokenizer {
        WordTokenizer {
            // Indexing runs the exact syllable analyzer on the same text just before (the
            // word fields follow their syllable field in the schema): its tokens are reused.
            syllables: VietnameseTokenizer::with_memo(MemoMode::Peek),
            segmenter: Segmenter::bundled(),
            memo,
            buffers: Buffers::default(),
        }
    }
}

/// Texts a thread segmented last, with their word tokens.
#[derive(Default)]
struct Memo {
    entries: Vec<(String, Vec<Token>)>,
    next: usize,
}

const MEMO_TEXTS: usize = 16;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

impl Memo {
    fn store(&mut self, text: &str, tokens: &[Token]) {
        if self.entries.len() < MEMO_TEXTS {
            self.entries.push(Default::default());
            self.next = self.entries.len() - 1;
        }
        let (t, toks) = &mut self.entries[self.next];
        self.next = (self.next + 1) % MEMO_TEXTS;
        t.clear();
        t.push_str(text);
        copy_tokens(tokens, toks);
    }

    fn find(&self, text: &str) -> Option<&[Token]> {
        self.entries
            .iter()
            .find(|(t, _)| t.len() == text.len() && t == text)
            .map(|(_, toks)| toks.as_slice())
    }
}

/// Makes `into` a copy of `from`, reusing its token buffers.
fn copy_tokens(from: &[Token], into: &mut Vec<Token>) {
    into.truncate(from.len());
    for (i, t) in from.iter().enumerate() {
        if i < into.len() {
            let o = &mut into[i];
            o.text.clear();
            o.text.push_str(&t.text);
            o.offset_from = t.offset_from;
            o.offset_to = t.offset_to;
            o.position = t.position;
            o.position_length = t.position_length;
        } else {
            into.push(t.clone());
        }
    }
}

impl Buffers {
    /// Fills `out` with the word tokens of `text`.
    fn segment(&mut self, text: &str, syllables: &mut VietnameseTokenizer, seg: &Segmenter) {
        // `tokens` keeps its token buffers from text to text: `n` of them are this text's.
        let mut n = 0;
        let mut stream = syllables.token_stream(text);
        let mut last_position = None;
        while stream.advance() {
            let t = stream.token();
            last_position = Some(t.position);
            if t.text.contains('/') {
                // A code: its parts follow at the same positions.
                continue;
            }
            if n > 0 && self.tokens[n - 1].position == t.position {
                continue;
            }
            if n == self.tokens.len() {
                self.tokens.push(Token::default());
            }
            let o = &mut self.tokens[n];
            o.text.clear();
            o.text.push_str(&t.text);
            o.offset_from = t.offset_from;
            o.offset_to = t.offset_to;
            o.position = t.position;
            n += 1;
        }
        self.syllables = n;
        self.used = 0;
        let mut run_start = 0;
        let mut originals: Vec<&str> = Vec::new();
        let tokens = &self.tokens[..self.syllables];
        for i in 0..tokens.len() {
            let ends_run = match tokens.get(i + 1) {
                None => true,
                Some(next) => {
                    let t = &self.tokens[i];
                    next.position != t.position + 1
                        || next.offset_from < t.offset_to
                        || !text[t.offset_to..next.offset_from]
                            .chars()
                            .all(char::is_whitespace)
                }
            };
            if !ends_run {
                continue;
            }
            let run = run_start..i + 1;
            run_start = i + 1;
            if run.len() < 2 {
                continue;
            }
            originals.clear();
            originals.extend(
                self.tokens[run.clone()]
                    .iter()
                    .map(|t| &text[t.offset_from..t.offset_to]),
            );
            seg.segment_into(&originals, &mut self.sentence, &mut self.words);
            for w in &self.words {
                if w.len() < 2 {
                    continue;
                }
                let syl = &self.tokens[run.start + w.start..run.start + w.end];
                let bytes: usize = syl.iter().map(|t| t.text.len() + 1).sum::<usize>() - 1;
                if bytes > MAX_TOKEN_BYTES {
                    continue;
                }
                let token = next_out(&mut self.out, &mut self.used);
                for (k, t) in syl.iter().enumerate() {
                    if k > 0 {
                        token.text.push(WORD_JOINER);
                    }
                    token.text.push_str(&t.text);
                }
                token.offset_from = syl[0].offset_from;
                token.offset_to = syl[syl.len() - 1].offset_to;
                token.position = syl[0].position;
                token.position_length = syl.len();
            }
        }
        let Some(last) = last_position else {
            return;
        };
        if self.used == 0 {
            let token = next_out(&mut self.out, &mut self.used);
            token.text.push_str(END_MARK);
            token.position = last;
            token.position_length = 1;
            return;
        }
        let token = &mut self.out[self.used - 1];
        token.position_length = token.position_length.max(last + 1 - token.position);
    }
}

/// The next output token of `out` past the `used` ones, cleared.
fn next_out<'a>(out: &'a mut Vec<Token>, used: &mut usize) -> &'a mut Token {
    if *used == out.len() {
        out.push(Token::default());
    }
    let token = &mut out[*used];
    *used += 1;
    token.reset();
    token
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        let b = &mut self.buffers;
        let replayed = self.memo == WordMemo::Replay
            && MEMO
                .try_with(|m| {
                    let m = m.borrow();
                    let Some(tokens) = m.find(text) else {
                        return false;
                    };
                    copy_tokens(tokens, &mut b.out);
                    b.used = tokens.len();
                    true
                })
                .unwrap_or(false);
        if !replayed {
            b.segment(text, &mut self.syllables, self.segmenter);
            if self.memo == WordMemo::Record {
                let _ = MEMO.try_with(|m| m.borrow_mut().store(text, &b.out[..b.used]));
            }
        }
        WordTokenStream {
            tokens: &mut b.out[..b.used],
            next: 0,
        }
    }
}

/// Token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze_to_vec, exact_analyzer, folded_analyzer};

    /// (token, position, position_length) of an analyzer over `text`.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.position_length));
        }
        out
    }

    #[test]
    fn words_sit_at_the_position_of_their_first_syllable() {
        let cases: [(&str, &[(&str, usize)]); 6] = [
            ("Cán bộ xã học tập", &[("cán_bộ", 0), ("học_tập", 3)]),
            (
                "Ủy ban nhân dân tỉnh Kon Tum",
                &[("ủy_ban_nhân_dân", 0), ("kon_tum", 5)],
            ),
            // Punctuation ends a run: no word across the comma or the hyphen.
            ("cán, bộ", &[(END_MARK, 1)]),
            ("Ê-đê", &[(END_MARK, 1)]),
            // A code keeps its own position and breaks the run.
            (
                "Nghị quyết 03-NQ/TU của Tỉnh ủy",
                &[("nghị_quyết", 0), ("tỉnh_ủy", 6)],
            ),
            ("", &[]),
        ];
        for (text, expected) in cases {
            let got: Vec<(String, usize)> = analyze_to_vec(&mut words_analyzer(), text);
            let expected: Vec<(String, usize)> =
                expected.iter().map(|(t, p)| (t.to_string(), *p)).collect();
            assert_eq!(got, expected, "{text:?}");
            // The syllable analyzer puts the first syllable of each word at that position.
            let syllables = analyze_to_vec(&mut exact_analyzer(), text);
            for (word, position) in &got {
                if word == END_MARK {
                    continue;
                }
                let first = word.split(WORD_JOINER).next().unwrap();
                assert!(
                    syllables.contains(&(first.to_string(), *position)),
                    "{text:?}: {word} at {position}, syllables {syllables:?}"
                );
            }
        }
    }

    #[test]
    fn the_last_token_spans_to_the_last_syllable() {
        // tantivy continues the next value of a field after the furthest position_length
        // reaches: it must be where the syllable fields end.
        let cases = [
            "Cán bộ xã",
            "xã cán bộ",
            "xã",
            "Hội nghị bàn về công tác chuẩn bị năm học mới.",
        ];
        for text in cases {
            let syllables = tokens(&mut exact_analyzer(), text);
            let words = tokens(&mut words_analyzer(), text);
            let end = |t: &[(String, usize, usize)]| t.iter().map(|(_, p, l)| p + l).max();
            assert_eq!(end(&words), end(&syllables), "{text:?}: {words:?}");
        }
    }

    #[test]
    fn folded_words_are_the_exact_words_folded() {
        let cases = [
            ("Cán bộ xã học tập", vec!["can_bo", "hoc_tap"]),
            ("Đào tạo bồi dưỡng", vec!["dao_tao", "boi_duong"]),
        ];
        for (text, expected) in cases {
            // Once after the exact analyzer (replayed from the memo), once on its own.
            let _ = analyze_to_vec(&mut words_analyzer(), text);
            for _ in 0..2 {
                let got: Vec<String> = analyze_to_vec(&mut words_folded_analyzer(), text)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect();
                assert_eq!(got, expected, "{text:?}");
                MEMO.with(|m| *m.borrow_mut() = Memo::default());
            }
        }
    }

    #[test]
    fn reused_syllables_give_the_same_words() {
        let text = "Trung tâm bồi dưỡng chính trị huyện Kon Plông";
        let alone = analyze_to_vec(&mut words_analyzer(), text);
        // As indexing does: the exact syllables first, then the words, then the folded ones.
        let _ = analyze_to_vec(&mut exact_analyzer(), text);
        let reused = analyze_to_vec(&mut words_analyzer(), text);
        let folded = analyze_to_vec(&mut folded_analyzer(), text);
        assert_eq!(alone, reused);
        assert_eq!(folded[0], ("trung".to_string(), 0));
    }
}
