//! The Vietnamese tokenizer: syllables, Vietnamese numbers and document codes.

use std::cell::RefCell;
use std::mem;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::codes::normalize_code;
use super::normalize::{
    canonical_iy, is_mark, is_vietnamese_letter, lower_word_fast, normalize_into,
};

/// Tokens longer than this (in bytes, after normalization) are dropped: they are noise
/// (base64, URLs without separators) and tantivy rejects over-long terms anyway.
pub const MAX_TOKEN_BYTES: usize = 100;

/// A code has at most this many parts (`101/2017/NĐ-CP` has four); bounds the look-ahead.
const MAX_CODE_PARTS: usize = 6;

/// The code number (`03`, `1234`, `15a`) is at most this long, like in [`normalize_code`].
const MAX_CODE_NUMBER: usize = 6;

/// Spaces allowed on each side of the first separator of a code (`03 - NQ/TU`).
const MAX_CODE_SPACES: usize = 2;

/// Splits Vietnamese text into lower-cased, NFC, tone-canonical tokens.
///
/// * Words are runs of alphanumerics and combining marks (U+0300–U+036F), so NFD input
///   (`Vie\u{0302}\u{0323}t`) is one token. A token starts at an alphanumeric, never at a mark.
/// * Numbers keep their Vietnamese grouping: `1.810`, `62,22` (a `.` or `,` between digits);
///   `2019-2020` and `30/11/2021` are split into their numbers.
/// * Hyphens and apostrophes split words: `Ê-đê` → `ê`, `đê`; `H'Mông` → `h`, `mông`.
/// * Document codes (`03-NQ/TU`, `số 15- Nq/tw`, `101/2017/NĐ-CP`) give one token holding the
///   lower-cased [`normalize_code`] spelling, at the position of the code's first part, then
///   the code's parts as ordinary tokens starting at that same position. Only code tokens
///   contain `/`.
/// * Tokens longer than [`MAX_TOKEN_BYTES`] are dropped without using a position.
///
/// ```
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
/// use tracuu::text::VietnameseTokenizer;
///
/// let mut tokenizer = VietnameseTokenizer::default();
/// let mut stream = tokenizer.token_stream("Nghị quyết 03-NQ/TU");
/// let mut tokens = Vec::new();
/// while let Some(token) = stream.next() {
///     tokens.push((token.text.clone(), token.position));
/// }
/// let expected = [("nghị", 0), ("quyết", 1), ("03-nq/tu", 2), ("03", 2), ("nq", 3), ("tu", 4)];
/// assert_eq!(tokens, expected.map(|(t, p)| (t.to_string(), p)));
/// ```
#[derive(Clone, Default)]
pub struct VietnameseTokenizer {
    token: Token,
    buffers: Buffers,
    memo: MemoMode,
}

/// What a tokenizer does with its thread's memo of recently tokenized texts.
///
/// Indexing runs the exact and the folded analyzer over the same text, one field after the
/// other on the same thread. The exact analyzer records its tokens ([`MemoMode::Record`]) and
/// the folded one replays them when it is given the very same text ([`MemoMode::Replay`]),
/// so each text is tokenized once. A replay gives exactly the tokens that tokenizing would:
/// the memo is keyed by the whole text and filled by the same tokenizer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum MemoMode {
    #[default]
    Off,
    Record,
    Replay,
    /// Like `Replay`, but leaves the recording in the memo for the replay that follows (the
    /// word analyzer reads the syllables before the folded analyzer replays them).
    Peek,
}

impl VietnameseTokenizer {
    /// A tokenizer that records into, or replays from, its thread's memo.
    pub(crate) fn with_memo(memo: MemoMode) -> VietnameseTokenizer {
        VietnameseTokenizer {
            memo,
            ..VietnameseTokenizer::default()
        }
    }
}

/// Buffers kept across calls so that tokenizing allocates only when a buffer grows.
#[derive(Clone, Default)]
struct Buffers {
    normalized: String,
    parts: Vec<(usize, usize)>,
    /// Tokens being recorded, or being replayed.
    recording: Recording,
}

/// The tokens of one text: their texts concatenated, and where each one lies.
#[derive(Clone, Default)]
struct Recording {
    texts: String,
    tokens: Vec<Recorded>,
}

#[derive(Clone, Copy)]
struct Recorded {
    text_from: usize,
    text_to: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
}

impl Recording {
    fn clear(&mut self) {
        self.texts.clear();
        self.tokens.clear();
    }

    fn push(&mut self, token: &Token) {
        let text_from = self.texts.len();
        self.texts.push_str(&token.text);
        self.tokens.push(Recorded {
            text_from,
            text_to: self.texts.len(),
            offset_from: token.offset_from,
            offset_to: token.offset_to,
            position: token.position,
        });
    }
}

/// Texts a thread tokenized last (at most [`MEMO_TEXTS`]: a document's values of one field,
/// lead, body and captions, are all tokenized before the folded field's).
#[derive(Default)]
struct Memo {
    entries: Vec<MemoEntry>,
    next: usize,
}

#[derive(Default)]
struct MemoEntry {
    text: String,
    recording: Recording,
    /// False once replayed: each recording serves one replay.
    full: bool,
}

const MEMO_TEXTS: usize = 16;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

#[cfg(test)]
thread_local! {
    /// Replays served on this thread, for tests.
    pub(crate) static MEMO_HITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Memo {
    /// Keeps `recording` as the tokens of `text`; `recording` gets an old entry's buffers.
    fn store(&mut self, text: &str, recording: &mut Recording) {
        if self.entries.len() < MEMO_TEXTS {
            self.entries.push(MemoEntry::default());
            self.next = self.entries.len() - 1;
        }
        let entry = &mut self.entries[self.next];
        self.next = (self.next + 1) % MEMO_TEXTS;
        entry.text.clear();
        entry.text.push_str(text);
        mem::swap(&mut entry.recording, recording);
        entry.full = true;
    }

    /// Copies the recording of `text` into `into`, if there is one, leaving it in the memo.
    fn peek(&self, text: &str, into: &mut Recording) -> bool {
        let Some(entry) = self
            .entries
            .iter()
            .find(|e| e.full && e.text.len() == text.len() && e.text == text)
        else {
            return false;
        };
        into.texts.clone_from(&entry.recording.texts);
        into.tokens.clone_from(&entry.recording.tokens);
        true
    }

    /// Moves the recording of `text` into `into`, if there is one.
    fn take(&mut self, text: &str, into: &mut Recording) -> bool {
        let Some(entry) = self
            .entries
            .iter_mut()
            .find(|e| e.full && e.text.len() == text.len() && e.text == text)
        else {
            return false;
        };
        mem::swap(&mut entry.recording, into);
        entry.full = false;
        #[cfg(test)]
        MEMO_HITS.with(|h| h.set(h.get() + 1));
        true
    }
}

/// Token stream of [`VietnameseTokenizer`].
pub struct VietnameseTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    next_position: usize,
    next_part: usize,
    token: &'a mut Token,
    buffers: &'a mut Buffers,
    /// `Record` until the recording is stored; `Replay` only when the memo had the text.
    memo: MemoMode,
    replayed: usize,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        self.buffers.parts.clear();
        let memo = match self.memo {
            MemoMode::Off => MemoMode::Off,
            MemoMode::Record => {
                self.buffers.recording.clear();
                MemoMode::Record
            }
            MemoMode::Replay => {
                let recording = &mut self.buffers.recording;
                match MEMO.try_with(|m| m.borrow_mut().take(text, recording)) {
                    Ok(true) => MemoMode::Replay,
                    _ => MemoMode::Off,
                }
            }
            MemoMode::Peek => {
                let recording = &mut self.buffers.recording;
                match MEMO.try_with(|m| m.borrow().peek(text, recording)) {
                    Ok(true) => MemoMode::Replay,
                    _ => MemoMode::Off,
                }
            }
        };
        VietnameseTokenStream {
            text,
            cursor: 0,
            next_position: 0,
            next_part: 0,
            token: &mut self.token,
            buffers: &mut self.buffers,
            memo,
            replayed: 0,
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        match self.memo {
            MemoMode::Off => self.tokenize_next(),
            MemoMode::Replay | MemoMode::Peek => self.replay_next(),
            MemoMode::Record => {
                if self.tokenize_next() {
                    self.buffers.recording.push(self.token);
                    return true;
                }
                // Stored only once the whole text is tokenized: a stream dropped early
                // leaves nothing half recorded.
                let (text, recording) = (self.text, &mut self.buffers.recording);
                let _ = MEMO.try_with(|m| m.borrow_mut().store(text, recording));
                self.memo = MemoMode::Off;
                false
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl VietnameseTokenStream<'_> {
    fn replay_next(&mut self) -> bool {
        let recording = &self.buffers.recording;
        let Some(r) = recording.tokens.get(self.replayed) else {
            return false;
        };
        self.replayed += 1;
        self.token.text.clear();
        self.token
            .text
            .push_str(&recording.texts[r.text_from..r.text_to]);
        self.token.offset_from = r.offset_from;
        self.token.offset_to = r.offset_to;
        self.token.position = r.position;
        self.token.position_length = 1;
        true
    }

    /// Tokenizes on to the next token.
    fn tokenize_next(&mut self) -> bool {
        loop {
            if let Some(&(from, to)) = self.buffers.parts.get(self.next_part) {
                self.next_part += 1;
                if self.emit_word(from, to) {
                    return true;
                }
                continue;
            }
            let Some(start) = self.next_start() else {
                return false;
            };
            if self.text.as_bytes()[start].is_ascii_digit() {
                if let Some(end) = self.scan_code(start) {
                    self.cursor = end;
                    self.next_part = 0;
                    if self.emit_code(start, end) {
                        return true;
                    }
                    continue;
                }
            }
            let end = word_end(self.text, start, true);
            self.cursor = end;
            if self.emit_word(start, end) {
                return true;
            }
        }
    }

    /// Byte offset of the next character that can start a token.
    fn next_start(&mut self) -> Option<usize> {
        let rest = self.text.get(self.cursor..)?;
        match rest.char_indices().find(|&(_, c)| is_word_start(c)) {
            Some((at, _)) => Some(self.cursor + at),
            None => {
                self.cursor = self.text.len();
                None
            }
        }
    }

    /// Sets the token to the normalized word `text[from..to]` at the next position; false when
    /// the word is dropped.
    fn emit_word(&mut self, from: usize, to: usize) -> bool {
        token_text(
            &self.text[from..to],
            &mut self.buffers.normalized,
            &mut self.token.text,
        );
        if self.token.text.is_empty() || self.token.text.len() > MAX_TOKEN_BYTES {
            return false;
        }
        self.set_span(from, to);
        self.next_position += 1;
        true
    }

    /// Sets the token to the code held in the normalized buffer. The position is not advanced:
    /// the code's first part shares it.
    fn emit_code(&mut self, from: usize, to: usize) -> bool {
        let text = &mut self.token.text;
        text.clear();
        for c in self.buffers.normalized.chars() {
            text.extend(c.to_lowercase());
        }
        if text.len() > MAX_TOKEN_BYTES {
            return false;
        }
        self.set_span(from, to);
        true
    }

    fn set_span(&mut self, from: usize, to: usize) {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.next_position;
        self.token.position_length = 1;
    }

    /// Looks for a document code starting at the digit at `start`. On success the parts of
    /// the code are in `buffers.parts`, its canonical spelling in `buffers.normalized`, and the
    /// end of the code is returned.
    fn scan_code(&mut self, start: usize) -> Option<usize> {
        let text = self.text;
        let parts = &mut self.buffers.parts;
        parts.clear();
        let first_end = word_end(text, start, false);
        let number = &text[start..first_end];
        if number.len() > MAX_CODE_NUMBER || !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        parts.push((start, first_end));
        let mut end = first_end;
        while parts.len() < MAX_CODE_PARTS {
            // Only the first separator may have spaces around it (`03 - NQ/TU`, `15- Nq/tw`):
            // later ones would swallow the next word of the sentence (`03-NQ/TU - những`).
            let spaced = parts.len() == 1;
            let mut at = if spaced { skip_spaces(text, end) } else { end };
            let Some(sep) = text[at..].chars().next() else {
                break;
            };
            if !matches!(sep, '/' | '-' | '–') {
                break;
            }
            at += sep.len_utf8();
            if spaced {
                at = skip_spaces(text, at);
            }
            match text[at..].chars().next() {
                Some(c) if is_word_start(c) => {}
                _ => break,
            }
            end = word_end(text, at, false);
            parts.push((at, end));
        }
        // The longest prefix that is a code wins: `03-NQ/TU-2019` is the code `03-NQ/TU`.
        for count in (3..=parts.len()).rev() {
            let end = parts[count - 1].1;
            let normalized = &mut self.buffers.normalized;
            normalized.clear();
            normalize_into(&text[start..end], normalized);
            if let Some(code) = normalize_code(normalized) {
                *normalized = code;
                parts.truncate(count);
                return Some(end);
            }
        }
        parts.clear();
        None
    }
}

/// Writes the token text of `word`: NFC, canonical tones, Đ/Ð unified, lower-cased.
pub(crate) fn token_text(word: &str, scratch: &mut String, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        canonical_iy(out);
        return;
    }
    if lower_word_fast(word, out) {
        canonical_iy(out);
        return;
    }
    out.clear();
    scratch.clear();
    normalize_into(word, scratch);
    for c in scratch.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    canonical_iy(out);
}

fn is_word_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // U+0345 is alphabetic but a mark: a token never starts with a mark, so that folding
        // can never empty it.
        is_vietnamese_letter(c) || (c.is_alphanumeric() && !is_mark(c))
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_vietnamese_letter(c) || c.is_alphanumeric() || is_mark(c)
    }
}

/// End of the word starting at `start`. With `join_numbers`, a `.` or `,` between digits of
/// an all-digit word is kept inside it (`1.810`, `62,22`).
fn word_end(text: &str, start: usize, join_numbers: bool) -> usize {
    let bytes = text.as_bytes();
    let mut digits_only = join_numbers;
    let mut end = start;
    for (at, c) in text[start..].char_indices() {
        let at = start + at;
        if at < end {
            // The digit after a joined separator was already taken.
            continue;
        }
        if is_word_char(c) {
            digits_only &= c.is_ascii_digit();
            end = at + c.len_utf8();
        } else if digits_only
            && (c == '.' || c == ',')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
        {
            end = at + 2;
        } else {
            break;
        }
    }
    end
}

fn skip_spaces(text: &str, from: usize) -> usize {
    let mut at = from;
    for c in text[from..].chars().take(MAX_CODE_SPACES) {
        if c != ' ' && c != '\u{00A0}' {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[cfg(test)]
mod memo_tests {
    use tantivy::tokenizer::{TextAnalyzer, TokenStream};

    use super::{VietnameseTokenizer, MEMO_HITS};
    use crate::text::{exact_analyzer, folded_analyzer, FoldFilter};

    type Full = (String, usize, usize, usize, usize);

    /// Every field of every token.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Full> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((
                t.text.clone(),
                t.position,
                t.offset_from,
                t.offset_to,
                t.position_length,
            ));
        }
        out
    }

    fn hits() -> usize {
        MEMO_HITS.with(|h| h.get())
    }

    const TEXTS: &[&str] = &[
        "",
        " ,.;- ",
        "Nghị quyết 03-NQ/TU, số 15- Nq/tw và 101/2017/NĐ-CP; 03 - NQ/TU - những",
        "ĐẢNG BỘ Tỉnh Uỷ Thừa Thiên Huế hoà giải; THUỶ lợi",
        "Vie\u{0302}\u{0323}t Nam ho\u{0300}a bi\u{0300}nh \u{0110}\u{1EA3}ng Ðảng",
        "1.810 chi bộ, 62,22% học viên; 2019-2020, 30/11/2021 lúc 13:01 (GMT+7)",
        "Ê-đê H'Mông TP.HCM iPhone15 Ωmega ΣΑΣ ﬁ ß",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa dài",
        "Sáng 15/3, Huyện ủy Tương Dương khai giảng lớp bồi dưỡng kiến thức quốc phòng và an ninh \
         cho 120 học viên là cán bộ chủ chốt các xã, theo Kế hoạch số 45-KH/HU ngày 1/3/2023.\n\n\
         Lớp học diễn ra trong 5 ngày.",
    ];

    /// The analyzers as registered (recording, replaying) give the tokens of the plain
    /// tokenizer, whether the folded one replays or tokenizes; `body` values are analyzed the
    /// way tantivy indexes a document: all exact values, then all folded ones.
    #[test]
    fn replay_gives_the_tokens_of_tokenizing() {
        let mut plain_exact = TextAnalyzer::builder(VietnameseTokenizer::default()).build();
        let mut plain_folded = TextAnalyzer::builder(VietnameseTokenizer::default())
            .filter(FoldFilter)
            .build();
        let (mut exact, mut folded) = (exact_analyzer(), folded_analyzer());
        for text in TEXTS {
            let before = hits();
            assert_eq!(
                tokens(&mut exact, text),
                tokens(&mut plain_exact, text),
                "exact {text:?}"
            );
            assert_eq!(
                tokens(&mut folded, text),
                tokens(&mut plain_folded, text),
                "folded after exact {text:?}"
            );
            assert_eq!(hits(), before + 1, "no replay for {text:?}");
            // Each recording serves one replay; then the folded analyzer tokenizes.
            assert_eq!(
                tokens(&mut folded, text),
                tokens(&mut plain_folded, text),
                "folded again {text:?}"
            );
            assert_eq!(hits(), before + 1, "second replay for {text:?}");
        }
        let before = hits();
        let exact_all: Vec<Vec<Full>> = TEXTS.iter().map(|t| tokens(&mut exact, t)).collect();
        for (text, exact_tokens) in TEXTS.iter().zip(exact_all) {
            assert_eq!(exact_tokens, tokens(&mut plain_exact, text), "{text:?}");
            assert_eq!(
                tokens(&mut folded, text),
                tokens(&mut plain_folded, text),
                "folded in a batch {text:?}"
            );
        }
        assert_eq!(hits(), before + TEXTS.len());
    }

    /// A text the exact analyzer did not finish is tokenized, not replayed half.
    #[test]
    fn unfinished_streams_are_not_replayed() {
        let text = TEXTS[2];
        let mut exact = exact_analyzer();
        {
            let mut stream = exact.token_stream(text);
            assert!(stream.advance());
        }
        let before = hits();
        let mut plain_folded = TextAnalyzer::builder(VietnameseTokenizer::default())
            .filter(FoldFilter)
            .build();
        assert_eq!(
            tokens(&mut folded_analyzer(), text),
            tokens(&mut plain_folded, text)
        );
        assert_eq!(hits(), before);
    }
}
