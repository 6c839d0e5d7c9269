//! Completions of a prefix typed with or without diacritics: facet values (provinces,
//! programmes) and frequent title syllables from the term dictionary.

use std::collections::HashMap;

use super::{facet_values, Searcher};
use crate::index::facet_roots;
use crate::text::{fold, has_diacritics, normalize};
use crate::{Error, Result};

/// Title terms looked at per segment: bounds the work of a one-letter prefix.
const MAX_TERMS_SCANNED: usize = 5_000;

impl Searcher {
    /// Up to `limit` completions of `input`: facet values starting with it (compared without
    /// diacritics), then the input with its last word completed by frequent title syllables.
    /// A last word typed with diacritics completes from the exact titles, one without from
    /// the folded titles.
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
        let (field, prefix) = if has_diacritics(last) {
            (self.fields.title, last.to_lowercase())
        } else {
            (self.fields.title_folded, fold(last).to_lowercase())
        };
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
        for (word, _) in words {
            if out.len() >= limit {
                break;
            }
            let completion = format!("{}{word}", head.to_lowercase());
            if !out.contains(&completion) {
                out.push(completion);
            }
        }
        Ok(out)
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
