//! Vietnamese text analysis: normalization, folding, document codes and the tantivy analyzers.
//!
//! This module depends on nothing in tracuu and on nothing of tantivy but its tokenizer API,
//! so that it can become its own crate.
//!
//! STUB: replaced by the text work package.

mod analyzer;
mod codes;
mod normalize;

pub use analyzer::{exact_analyzer, folded_analyzer, register_analyzers, VI_EXACT, VI_FOLDED};
pub use codes::normalize_code;
pub use normalize::{fold, has_diacritics, normalize};
