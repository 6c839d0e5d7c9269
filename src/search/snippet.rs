//! Snippets: the best passage of a hit's body with the query's words highlighted.

use tantivy::Term;

use super::highlight::Highlighter;
use super::query::{tokenize, Mode, QueryAnalyzers};
use crate::index::Fields;
use crate::text::normalize;
use crate::{Article, Result};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;
/// Bytes of a body looked at first for the passage: analysis costs per byte, and the opening
/// of a news article is where its matches gather.
const SNIPPET_SCAN_BYTES: usize = 2_000;
/// Bytes looked at after those when the opening holds no query word.
const SNIPPET_RESCAN_BYTES: usize = 6_000;

/// The longest prefix of `text` of at most `len` bytes that ends on a character boundary.
fn prefix(text: &str, len: usize) -> &str {
    let mut end = text.len().min(len);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The query words to highlight, analyzed like the field they are looked for in.
pub struct SnippetTerms {
    mode: Mode,
    tokens: Vec<String>,
    analyzer: tantivy::tokenizer::TextAnalyzer,
}

impl SnippetTerms {
    /// The terms of the searched text (words and phrases).
    pub fn of(text: &str, analyzers: &mut QueryAnalyzers) -> SnippetTerms {
        let mode = Mode::of(text);
        let text = normalize(text);
        let analyzer = match mode {
            Mode::Exact => &mut analyzers.exact,
            Mode::Folded => &mut analyzers.folded,
        };
        let tokens = tokenize(analyzer, &text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        SnippetTerms {
            mode,
            tokens,
            analyzer: analyzer.clone(),
        }
    }
}

/// Makes snippets for the hits of one search.
pub struct Snippets {
    highlighter: Option<Highlighter>,
}

impl Snippets {
    /// Prepares the generator: rarer words weigh more in choosing the passage.
    pub fn new(
        searcher: &tantivy::Searcher,
        fields: &Fields,
        terms: &SnippetTerms,
    ) -> Result<Snippets> {
        if terms.tokens.is_empty() {
            return Ok(Snippets { highlighter: None });
        }
        let field = match terms.mode {
            Mode::Exact => fields.body,
            Mode::Folded => fields.body_folded,
        };
        let mut weights: Vec<(String, f32)> = Vec::with_capacity(terms.tokens.len());
        for token in &terms.tokens {
            if weights.iter().any(|(t, _)| t == token) {
                continue;
            }
            let df = searcher.doc_freq(&Term::from_field_text(field, token))?;
            if df > 0 {
                weights.push((token.clone(), 1.0 / (1.0 + df as f32)));
            }
        }
        Ok(Snippets {
            highlighter: Some(
                Highlighter::new(weights, terms.analyzer.clone(), SNIPPET_CHARS)
                    .with_lower_case_tokens(),
            ),
        })
    }

    /// The snippet of one article as HTML: `<b>` around matches, the rest escaped. Falls back
    /// to the start of the text when no query word is in it.
    pub fn for_article(&mut self, article: &Article) -> String {
        let text = [article.body.as_str(), article.lead.as_deref().unwrap_or("")]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .unwrap_or(&article.title);
        let opening = prefix(text, SNIPPET_SCAN_BYTES);
        if let Some(highlighter) = &mut self.highlighter {
            let rest = prefix(&text[opening.len()..], SNIPPET_RESCAN_BYTES);
            for window in [opening, rest] {
                if let Some(html) = highlighter.html(window) {
                    // Adjacent matches read better as one highlight: "<b>đào tạo</b>".
                    return html.replace("</b> <b>", " ");
                }
            }
        }
        let start: String = opening.chars().take(SNIPPET_CHARS).collect();
        escape_html(start.trim())
    }
}

/// Escapes text for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
