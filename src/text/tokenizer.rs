//! The Vietnamese tokenizer: syllables, Vietnamese numbers and document codes.

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
}

/// Buffers kept across calls so that tokenizing allocates only when a buffer grows.
#[derive(Clone, Default)]
struct Buffers {
    normalized: String,
    parts: Vec<(usize, usize)>,
}

/// Token stream of [`VietnameseTokenizer`].
pub struct VietnameseTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    next_position: usize,
    next_part: usize,
    token: &'a mut Token,
    buffers: &'a mut Buffers,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        self.buffers.parts.clear();
        VietnameseTokenStream {
            text,
            cursor: 0,
            next_position: 0,
            next_part: 0,
            token: &mut self.token,
            buffers: &mut self.buffers,
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
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

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl VietnameseTokenStream<'_> {
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
