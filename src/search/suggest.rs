//! Completions of a prefix typed with or without diacritics: facet values (provinces,
//! programmes) and frequent title syllables from the term dictionary.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{PhrasePrefixQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

use super::query::tokenize;
use super::{facet_values, Searcher};
use crate::index::{article_from_document, facet_roots};
use crate::text::{fold, has_diacritics, normalize};
use crate::{Error, Result};

/// Title terms looked at per segment: bounds the work of a one-letter prefix.
const MAX_TERMS_SCANNED: usize = 5_000;
/// Terms a phrase prefix expands its last word to.
const MAX_EXPANSIONS: u32 = 2_000;
/// Titles read to find the completions of a phrase.
const SPAN_DOCS: usize = 300;
/// Most frequent words whose written forms are looked up, for a one-word prefix.
const WORDS_LOOKED_UP: usize = 10;
/// Titles read per word to find its written forms.
const WORD_DOCS: usize = 5;

impl Searcher {
    /// Up to `limit` completions of `input`: facet values starting with it (compared without
    /// diacritics), then phrases of titles that start with it, most frequent first, written as
    /// the titles write them ("ha n" → "Hà Nội"). Input typed with diacritics matches the
    /// exact titles, input without matches the folded ones.
    pub fn suggest(&self, input: &str, limit: usize) -> Result<Vec<String>> {
        let input = normalize(input.trim_start());
        if input.trim().is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let wanted = comparable(&input);
        let mut out: Vec<String> = Vec::new();
        for root in [
            facet_roots::PROVINCE,
            facet_roots::PROVINCE_2025,
            facet_roots::PROGRAM,
        ] {
            for value in facet_values(&searcher, &self.fields, root)? {
                let c = comparable(&value);
                let matches = c.starts_with(&wanted)
                    || c.split(' ')
                        .any(|w| w.starts_with(&wanted) && !wanted.contains(' '));
                if matches && !out.contains(&value) {
                    out.push(value);
                }
            }
        }
        out.truncate(limit);

        let (head, last) = match input.rfind(char::is_whitespace) {
            Some(i) => input.split_at(i + 1),
            None => ("", input.as_str()),
        };
        if last.is_empty() {
            return Ok(out);
        }
        // Typed with diacritics: complete from the exact titles; without (or when the exact
        // titles have nothing, e.g. for mixed input): from the folded ones.
        let mut spans = Vec::new();
        for exact in [true, false] {
            if exact && !has_diacritics(&input) {
                continue;
            }
            spans = self.completions(&searcher, head, last, exact)?;
            if !spans.is_empty() {
                break;
            }
        }
        for completion in spans {
            if out.len() >= limit {
                break;
            }
            if !out
                .iter()
                .any(|o| o.to_lowercase() == completion.to_lowercase())
            {
                out.push(completion);
            }
        }
        Ok(out)
    }

    /// Completions of `last` after `head` from the exact or the folded titles.
    fn completions(
        &self,
        searcher: &tantivy::Searcher,
        head: &str,
        last: &str,
        exact: bool,
    ) -> Result<Vec<String>> {
        let field = if exact {
            self.fields.title
        } else {
            self.fields.title_folded
        };
        // The head and the typed part of the last word go through the field's analyzer.
        let (head_terms, prefix) = {
            let mut analyzers = self.lock_analyzers();
            let analyzer = if exact {
                &mut analyzers.exact
            } else {
                &mut analyzers.folded
            };
            let head_terms: Vec<String> = tokenize(analyzer, head)
                .into_iter()
                .map(|t| t.text)
                .collect();
            let prefix = tokenize(analyzer, last)
                .into_iter()
                .next()
                .map(|t| t.text)
                .unwrap_or_else(|| last.to_lowercase());
            (head_terms, prefix)
        };
        Ok(if head_terms.is_empty() {
            self.word_completions(searcher, field, &prefix, exact)?
        } else {
            let mut terms: Vec<Term> = head_terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            terms.push(Term::from_field_text(field, &prefix));
            let mut query = PhrasePrefixQuery::new(terms);
            query.set_max_expansions(MAX_EXPANSIONS);
            let top = searcher.search(&query, &TopDocs::with_limit(SPAN_DOCS).order_by_score())?;
            let addresses: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
            let mut spans = TitleSpans::default();
            self.collect_spans(
                searcher,
                &addresses,
                &head_terms,
                &prefix,
                exact,
                &mut spans,
            )?;
            spans.ranked()
        })
    }

    /// Completions of one word: the most frequent title terms with the prefix, each shown in
    /// the form(s) titles write it (with diacritics, even when the prefix had none).
    fn word_completions(
        &self,
        searcher: &tantivy::Searcher,
        field: tantivy::schema::Field,
        prefix: &str,
        exact: bool,
    ) -> Result<Vec<String>> {
        let mut upper = prefix.as_bytes().to_vec();
        upper.push(0xFF);
        let mut freq: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .lt(&upper)
                .into_stream()
                .map_err(|e| Error::BadInput {
                    path: "index".into(),
                    message: e.to_string(),
                })?;
            let mut scanned = 0;
            while scanned < MAX_TERMS_SCANNED && stream.advance() {
                scanned += 1;
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    *freq.entry(term.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut words: Vec<(String, u64)> = freq.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut out = Vec::new();
        for (word, _) in words.into_iter().take(WORDS_LOOKED_UP) {
            let query = TermQuery::new(
                Term::from_field_text(field, &word),
                IndexRecordOption::Basic,
            );
            let top = searcher.search(&query, &TopDocs::with_limit(WORD_DOCS).order_by_score())?;
            let addresses: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
            let mut spans = TitleSpans::default();
            self.collect_spans(searcher, &addresses, &[], &word, exact, &mut spans)?;
            let forms = spans.ranked();
            if forms.is_empty() {
                out.push(word);
            } else {
                out.extend(forms);
            }
        }
        Ok(out)
    }

    /// Finds, in the titles of `addresses`, the head terms followed by a word starting with
    /// `prefix`, and counts the text spans found (as the titles write them).
    fn collect_spans(
        &self,
        searcher: &tantivy::Searcher,
        addresses: &[DocAddress],
        head: &[String],
        prefix: &str,
        exact: bool,
        spans: &mut TitleSpans,
    ) -> Result<()> {
        // Titles go through the analyzers of the index, so that their tokens compare with the
        // query's: exact tokens give the offsets, folded ones (same positions) the comparison.
        let mut analyzers = self.lock_analyzers();
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let title = article_from_document(&doc, &self.fields)?.title;
            let folded: HashMap<usize, String> = if exact {
                HashMap::new()
            } else {
                tokenize(&mut analyzers.folded, &title)
                    .into_iter()
                    .map(|t| (t.position, t.text))
                    .collect()
            };
            let mut tokens: Vec<(String, usize, usize)> = Vec::new();
            let mut stream = analyzers.exact.token_stream(&title);
            while let Some(t) = stream.next() {
                let text = if exact {
                    t.text.clone()
                } else {
                    folded
                        .get(&t.position)
                        .cloned()
                        .unwrap_or_else(|| fold(&t.text).to_lowercase())
                };
                tokens.push((text, t.offset_from, t.offset_to));
            }
            let n = head.len();
            for i in 0..tokens.len().saturating_sub(n) {
                let head_matches = head.iter().enumerate().all(|(j, h)| tokens[i + j].0 == *h);
                // Words of a completion are separated by spaces only, not punctuation.
                let adjacent = (i..i + n).all(|k| {
                    title
                        .get(tokens[k].2..tokens[k + 1].1)
                        .is_some_and(|gap| gap.trim().is_empty())
                });
                if head_matches && adjacent && tokens[i + n].0.starts_with(prefix) {
                    if let Some(span) = title.get(tokens[i].1..tokens[i + n].2) {
                        spans.add(span, i == 0);
                    }
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Title spans by lower-case form: how often each was found, and how titles write it.
#[derive(Default)]
struct TitleSpans {
    spans: HashMap<String, (u64, String, bool)>,
}

impl TitleSpans {
    /// Counts a span; the form shown prefers one not at the start of a title, whose capital
    /// letter says nothing.
    fn add(&mut self, span: &str, title_start: bool) {
        let span = normalize(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let span = span.as_str();
        let entry = self
            .spans
            .entry(span.to_lowercase())
            .or_insert_with(|| (0, span.to_string(), title_start));
        entry.0 += 1;
        if entry.2 && !title_start {
            entry.1 = span.to_string();
            entry.2 = false;
        }
    }

    /// The spans, most frequent first.
    fn ranked(self) -> Vec<String> {
        let mut spans: Vec<(u64, String, bool)> = self.spans.into_values().collect();
        spans.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        spans
            .into_iter()
            .map(|(_, form, only_at_start)| {
                if only_at_start {
                    uncapitalize_title_start(&form)
                } else {
                    form
                }
            })
            .collect()
    }
}

/// A span seen only at the start of titles, whose first capital says nothing: lower-cases
/// its first letter unless the next word is capitalized too (a name: "Gia Lai").
fn uncapitalize_title_start(span: &str) -> String {
    let next_capitalized = span
        .split(' ')
        .nth(1)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if next_capitalized {
        return span.to_string();
    }
    let mut chars = span.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower case, no diacritics, single spaces.
fn comparable(text: &str) -> String {
    fold(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_starts_lose_their_capital_unless_a_name() {
        for (span, expected) in [
            ("Giá vàng", "giá vàng"),
            ("Gia Lai triển", "Gia Lai triển"),
            ("Đà Nẵng", "Đà Nẵng"),
            ("Đổi mới", "đổi mới"),
            ("Việt", "việt"),
            ("", ""),
        ] {
            assert_eq!(uncapitalize_title_start(span), expected, "{span}");
        }
    }

    #[test]
    fn spans_rank_by_count_and_prefer_forms_inside_titles() {
        let mut spans = TitleSpans::default();
        spans.add("Hà Nội", true);
        spans.add("Hà  Nội", false);
        spans.add("Ha\u{300} Nội", false);
        spans.add("Giá vàng", true);
        assert_eq!(spans.ranked(), ["Hà Nội", "giá vàng"]);
    }
}
