use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenizerManager,
};

/// Name of the analyzer that keeps diacritics (lower-cased, canonical tone placement).
pub const VI_EXACT: &str = "vi_exact";
/// Name of the analyzer that folds diacritics away (đ → d).
pub const VI_FOLDED: &str = "vi_folded";

/// Syllables, codes and numbers with their diacritics.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The same tokens as [`exact_analyzer`], at the same positions, diacritics removed.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers both analyzers under [`VI_EXACT`] and [`VI_FOLDED`].
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(VI_EXACT, exact_analyzer());
    manager.register(VI_FOLDED, folded_analyzer());
}
