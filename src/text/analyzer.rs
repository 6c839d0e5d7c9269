//! The two analyzers, `vi_exact` and `vi_folded`, and the folding token filter.

use std::mem;

use tantivy::tokenizer::{
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

use super::normalize::fold_into;
use super::tokenizer::{MemoMode, VietnameseTokenizer};

/// Name of the analyzer that keeps diacritics (lower-cased, canonical tone placement).
pub const VI_EXACT: &str = "vi_exact";
/// Name of the analyzer that folds diacritics away (đ → d).
pub const VI_FOLDED: &str = "vi_folded";

/// Syllables, numbers and document codes with their diacritics: [`VietnameseTokenizer`].
///
/// ```
/// use tracuu::text::{analyze_to_vec, exact_analyzer};
/// let tokens = analyze_to_vec(&mut exact_analyzer(), "Uỷ ban");
/// assert_eq!(tokens, vec![("ủy".to_string(), 0), ("ban".to_string(), 1)]);
/// ```
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(VietnameseTokenizer::with_memo(MemoMode::Record)).build()
}

/// The same tokens as [`exact_analyzer`], at the same positions, diacritics removed.
///
/// ```
/// use tracuu::text::{analyze_to_vec, folded_analyzer};
/// let tokens = analyze_to_vec(&mut folded_analyzer(), "Đảng 101/2017/NĐ-CP");
/// let texts: Vec<&str> = tokens.iter().map(|(t, _)| t.as_str()).collect();
/// assert_eq!(texts, ["dang", "101/2017/nd-cp", "101", "2017", "nd", "cp"]);
/// ```
///
/// When the exact analyzer has just analyzed the same text on this thread, as indexing does
/// field after field, its tokens are replayed instead of tokenizing the text again.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(VietnameseTokenizer::with_memo(MemoMode::Replay))
        .filter(FoldFilter)
        .build()
}

/// Registers the syllable analyzers under [`VI_EXACT`] and [`VI_FOLDED`], and the word
/// analyzers under [`VI_WORDS`](super::VI_WORDS) and [`VI_WORDS_FOLDED`](super::VI_WORDS_FOLDED).
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(VI_EXACT, exact_analyzer());
    manager.register(VI_FOLDED, folded_analyzer());
    manager.register(super::VI_WORDS, super::words_analyzer());
    manager.register(super::VI_WORDS_FOLDED, super::words_folded_analyzer());
}

/// Runs `analyzer` over `text` and returns each token's text with its position, in order.
///
/// Meant for the `analyze` command and for tests; indexing goes through tantivy directly.
pub fn analyze_to_vec(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push((token.text.clone(), token.position));
    }
    tokens
}

/// Token filter that removes diacritics with [`fold`](super::fold) (đ → d).
///
/// It never drops a token, so the folded analyzer keeps the positions of the exact one.
#[derive(Clone, Copy, Debug, Default)]
pub struct FoldFilter;

impl TokenFilter for FoldFilter {
    type Tokenizer<T: Tokenizer> = FoldFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldFilterWrapper<T> {
        FoldFilterWrapper {
            tokenizer,
            buffer: String::new(),
        }
    }
}

/// A tokenizer wrapped by [`FoldFilter`].
#[derive(Clone)]
pub struct FoldFilterWrapper<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for FoldFilterWrapper<T> {
    type TokenStream<'a> = FoldTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        FoldTokenStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// Token stream of [`FoldFilter`].
pub struct FoldTokenStream<'a, T> {
    buffer: &'a mut String,
    tail: T,
}

impl<T: TokenStream> TokenStream for FoldTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if !self.tail.token().text.is_ascii() {
            self.buffer.clear();
            fold_into(&self.tail.token().text, self.buffer);
            mem::swap(&mut self.tail.token_mut().text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
