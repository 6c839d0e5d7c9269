//! Filters: facet values given with or without diacritics, date ranges, document codes.

use std::ops::Bound;

use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, Term};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::index::Fields;
use crate::text::{fold, normalize, normalize_code};
use crate::{Error, Result};

/// Vietnam's offset: dates given without a time are Vietnamese calendar days.
const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// The facet values stored under `root` in the index (e.g. every province), read from the
/// term dictionary, sorted.
pub fn facet_values(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    root: &str,
) -> Result<Vec<String>> {
    let prefix = Facet::from_path([root]);
    let mut lower = prefix.encoded_str().as_bytes().to_vec();
    lower.push(0);
    let mut upper = prefix.encoded_str().as_bytes().to_vec();
    upper.push(1);
    let mut values = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.facets)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(&lower)
            .lt(&upper)
            .into_stream()
            .map_err(|e| Error::BadInput {
                path: "index".into(),
                message: e.to_string(),
            })?;
        while stream.advance() {
            if let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) {
                if let Some(value) = facet.to_path().get(1) {
                    values.insert(value.to_string());
                }
            }
        }
    }
    Ok(values.into_iter().collect())
}

/// Folds a facet value for comparison: no diacritics, lower case, no administrative prefix,
/// single spaces, `-` as space.
fn comparable(value: &str) -> String {
    let folded = fold(&normalize(value))
        .to_lowercase()
        .replace(['-', '_', '.'], " ");
    let words: Vec<&str> = folded.split_whitespace().collect();
    let skip = match words.as_slice() {
        ["tinh", ..] | ["tp", ..] => 1,
        ["thanh", "pho", ..] => 2,
        _ => 0,
    };
    words[skip.min(words.len())..].join(" ")
}

/// The index's value for a facet input typed with or without diacritics ("kon tum" →
/// "Kon Tum"); the input itself (normalized) when the index has no such value.
pub fn resolve_facet_value(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    root: &str,
    input: &str,
) -> Result<String> {
    use crate::index::facet_roots::{PROGRAM, PROVINCE, PROVINCE_2025};
    use crate::ingest::extract::{canonical_program, canonical_province, canonical_province_2025};
    let known = match root {
        PROVINCE => canonical_province(input),
        PROVINCE_2025 => canonical_province_2025(input),
        PROGRAM => canonical_program(input),
        _ => None,
    };
    if let Some(value) = known {
        return Ok(value.to_string());
    }
    let wanted = comparable(input);
    let values = facet_values(searcher, fields, root)?;
    Ok(values
        .into_iter()
        .find(|v| comparable(v) == wanted)
        .unwrap_or_else(|| normalize(input.trim())))
}

/// A filter query on one facet value.
pub fn facet_filter(fields: &Fields, root: &str, value: &str) -> Box<dyn Query> {
    let facet = Facet::from_path([root, value]);
    Box::new(TermQuery::new(
        Term::from_facet(fields.facets, &facet),
        IndexRecordOption::Basic,
    ))
}

/// A filter query on a document code in any spelling.
pub fn code_filter(fields: &Fields, input: &str) -> Result<Box<dyn Query>> {
    let code = normalize_code(&normalize(input)).ok_or_else(|| Error::BadParameter {
        name: "document",
        message: format!("{input:?} is not a document code (e.g. 03-NQ/TU, 101/2017/NĐ-CP)"),
    })?;
    Ok(Box::new(TermQuery::new(
        Term::from_field_text(fields.code, &code.to_lowercase()),
        IndexRecordOption::Basic,
    )))
}

/// A filter on the publication date, bounds inclusive.
pub fn date_filter(
    fields: &Fields,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<Box<dyn Query>>> {
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    let bound = |value: Option<&str>, name: &'static str, end: bool| -> Result<Bound<Term>> {
        Ok(match value {
            None => Bound::Unbounded,
            Some(v) => {
                let at = parse_date_bound(v, end).ok_or_else(|| Error::BadParameter {
                    name,
                    message: format!(
                        "{v:?} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY)"
                    ),
                })?;
                let term = Term::from_field_date_for_search(
                    fields.published,
                    DateTime::from_timestamp_secs(at.unix_timestamp()),
                );
                Bound::Included(term)
            }
        })
    };
    Ok(Some(Box::new(RangeQuery::new(
        bound(from, "from", false)?,
        bound(to, "to", true)?,
    ))))
}

/// The first (or, with `end`, the last) second of the period a date names, in Vietnam time.
pub fn parse_date_bound(input: &str, end: bool) -> Option<OffsetDateTime> {
    let s = input.trim();
    let nums: Vec<&str> = s.split(['-', '/', '.']).collect();
    let parse = |t: &str| t.parse::<u32>().ok();
    let (year, month, day) = match nums.as_slice() {
        [y] if y.len() == 4 => (parse(y)? as i32, None, None),
        [y, m] if y.len() == 4 => (parse(y)? as i32, Some(parse(m)?), None),
        [y, m, d] if y.len() == 4 => (parse(y)? as i32, Some(parse(m)?), Some(parse(d)?)),
        [d, m, y] if y.len() == 4 => (parse(y)? as i32, Some(parse(m)?), Some(parse(d)?)),
        [m, y] if y.len() == 4 => (parse(y)? as i32, Some(parse(m)?), None),
        _ => return None,
    };
    let month_of = |m: u32| Month::try_from(u8::try_from(m).ok()?).ok();
    let date = match (month, day, end) {
        (None, _, false) => Date::from_calendar_date(year, Month::January, 1).ok()?,
        (None, _, true) => Date::from_calendar_date(year, Month::December, 31).ok()?,
        (Some(m), None, false) => Date::from_calendar_date(year, month_of(m)?, 1).ok()?,
        (Some(m), None, true) => {
            let month = month_of(m)?;
            Date::from_calendar_date(year, month, month.length(year)).ok()?
        }
        (Some(m), Some(d), _) => {
            Date::from_calendar_date(year, month_of(m)?, u8::try_from(d).ok()?).ok()?
        }
    };
    let time = if end {
        Time::from_hms(23, 59, 59).ok()?
    } else {
        Time::MIDNIGHT
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(VIETNAM))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds() {
        let cases = [
            ("2021", false, Some("2021-01-01T00:00:00+07:00")),
            ("2021", true, Some("2021-12-31T23:59:59+07:00")),
            ("2024-02", true, Some("2024-02-29T23:59:59+07:00")),
            ("2021-11-30", false, Some("2021-11-30T00:00:00+07:00")),
            ("30/11/2021", true, Some("2021-11-30T23:59:59+07:00")),
            ("2021-13", false, None),
            ("hôm qua", false, None),
            ("", false, None),
        ];
        for (input, end, expected) in cases {
            let got = parse_date_bound(input, end).map(|d| {
                d.format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            });
            assert_eq!(got.as_deref(), expected, "input {input:?} end {end}");
        }
    }

    #[test]
    fn comparable_facet_values() {
        for (input, expected) in [
            ("Kon Tum", "kon tum"),
            ("kon tum", "kon tum"),
            ("Tỉnh Kon Tum", "kon tum"),
            ("TP Hồ Chí Minh", "ho chi minh"),
            ("Thành phố Đà Nẵng", "da nang"),
            ("Quảng Ngãi", "quang ngai"),
            ("llct-trung-cap", "llct trung cap"),
        ] {
            assert_eq!(comparable(input), expected, "input {input:?}");
        }
    }
}
