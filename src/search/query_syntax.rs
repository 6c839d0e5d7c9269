//! The user's query syntax: words, `"phrases"`, `-exclusions` and `field:value` filters.

use crate::{Error, Result};

/// Field names accepted as `field:value` in a query.
pub const QUERY_FIELDS: &[&str] = &[
    "title",
    "province",
    "province_2025",
    "program",
    "document",
    "document_type",
    "code",
    "year",
    "from",
    "to",
];

/// A query split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Free words, in order, joined by spaces: scored, not required one by one.
    pub words: String,
    /// Quoted phrases: each must occur.
    pub phrases: Vec<String>,
    /// `-word` or `-"phrase"`: documents containing one are dropped.
    pub excludes: Vec<String>,
    /// `field:value` pairs, field names from [`QUERY_FIELDS`].
    pub fields: Vec<(String, String)>,
}

impl ParsedQuery {
    /// True when nothing is searched for (filters only, or an empty query).
    pub fn has_no_text(&self) -> bool {
        self.words.trim().is_empty() && self.phrases.is_empty()
    }
}

/// Parses a query. A colon followed by a space is ordinary punctuation ("như sau: …"), so
/// natural-language questions parse as words.
///
/// ```
/// let q = tracuu::search::parse_query(r#"đào tạo "cán bộ" -Hà province:"Kon Tum""#).unwrap();
/// assert_eq!(q.words, "đào tạo");
/// assert_eq!(q.phrases, vec!["cán bộ"]);
/// assert_eq!(q.excludes, vec!["Hà"]);
/// assert_eq!(q.fields, vec![("province".to_string(), "Kon Tum".to_string())]);
/// ```
pub fn parse_query(input: &str) -> Result<ParsedQuery> {
    let mut parsed = ParsedQuery::default();
    let mut words: Vec<&str> = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let offset = input.len() - rest.len();
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = quoted(after, offset)?;
            if !phrase.trim().is_empty() {
                parsed.phrases.push(phrase.trim().to_string());
            }
            rest = tail;
        } else if let Some(after) = rest
            .strip_prefix('-')
            .filter(|a| a.starts_with('"') || a.starts_with(|c: char| c.is_alphanumeric()))
        {
            let (value, tail) = value(after, offset + 1)?;
            parsed.excludes.push(value);
            rest = tail;
        } else if let Some((name, after)) = field_prefix(rest) {
            if !QUERY_FIELDS.contains(&name) {
                return Err(Error::BadQuery(format!(
                    "unknown field {name:?} (known: {})",
                    QUERY_FIELDS.join(", ")
                )));
            }
            let (value, tail) = value(after, offset + name.len() + 1)?;
            if value.is_empty() {
                return Err(Error::BadQuery(format!("field {name:?} has no value")));
            }
            parsed.fields.push((name.to_string(), value));
            rest = tail;
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            words.push(&rest[..end]);
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    parsed.words = words.join(" ");
    Ok(parsed)
}

/// `name:` at the start of `text`, when name is a lowercase ASCII identifier and a value
/// follows the colon directly.
fn field_prefix(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let name = &text[..colon];
    let after = &text[colon + 1..];
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        && name.starts_with(|c: char| c.is_ascii_lowercase());
    let has_value = after.starts_with(|c: char| !c.is_whitespace());
    (is_name && has_value).then_some((name, after))
}

/// A word or a quoted string at the start of `text`; returns it and what follows.
fn value(text: &str, offset: usize) -> Result<(String, &str)> {
    if let Some(after) = text.strip_prefix('"') {
        let (v, tail) = quoted(after, offset)?;
        return Ok((v.trim().to_string(), tail));
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    Ok((text[..end].to_string(), &text[end..]))
}

fn quoted(after_quote: &str, offset: usize) -> Result<(&str, &str)> {
    match after_quote.find('"') {
        Some(end) => Ok((&after_quote[..end], &after_quote[end + 1..])),
        None => Err(Error::BadQuery(format!(
            "unclosed quote at character {}",
            offset + 1
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, words, phrases, excludes, fields)
    type Case = (
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
    );

    #[test]
    fn parses_parts() {
        let cases: &[Case] = &[
            ("đào tạo cán bộ", "đào tạo cán bộ", &[], &[], &[]),
            (r#""cán bộ" cơ sở"#, "cơ sở", &["cán bộ"], &[], &[]),
            (
                "cán bộ -Hà -\"Nội dung\"",
                "cán bộ",
                &[],
                &["Hà", "Nội dung"],
                &[],
            ),
            (
                "document:03/NQ-TU",
                "",
                &[],
                &[],
                &[("document", "03/NQ-TU")],
            ),
            (
                "như sau: cán bộ 13:01",
                "như sau: cán bộ 13:01",
                &[],
                &[],
                &[],
            ),
            ("giai đoạn 2019-2020", "giai đoạn 2019-2020", &[], &[], &[]),
            ("- cán", "- cán", &[], &[], &[]),
            ("", "", &[], &[], &[]),
        ];
        for (input, words, phrases, excludes, fields) in cases {
            let q = parse_query(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(q.words, *words, "input {input:?}");
            assert_eq!(q.phrases, *phrases, "input {input:?}");
            assert_eq!(q.excludes, *excludes, "input {input:?}");
            let f: Vec<(String, String)> = fields
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(q.fields, f, "input {input:?}");
        }
    }

    #[test]
    fn rejects_bad_syntax() {
        for (input, message) in [
            ("\"cán bộ", "unclosed quote"),
            ("foo:bar", "unknown field \"foo\""),
            ("province:\"\"", "has no value"),
        ] {
            let err = parse_query(input).expect_err(input).to_string();
            assert!(err.contains(message), "input {input:?}: {err}");
        }
    }
}
