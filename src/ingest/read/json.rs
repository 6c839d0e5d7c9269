//! JSON records to [`Record`]s, with field aliases resolved by hand: serde aliases reject a
//! record that carries two of them (`summary` and `sapo`), while we want the first to win.
use serde::Deserialize;
use serde_json::value::RawValue;

use super::legacy;
use crate::ingest::Record;

/// Every key we read, raw: values are decoded only when chosen, and a value of an unexpected
/// type (a list of authors, a numeric date) does not reject the whole record.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Keys<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(borrow)]
    docid: Option<&'a RawValue>,
    #[serde(borrow)]
    title: Option<&'a RawValue>,
    #[serde(borrow, rename = "abstract")]
    abstract_: Option<&'a RawValue>,
    #[serde(borrow)]
    summary: Option<&'a RawValue>,
    #[serde(borrow)]
    sapo: Option<&'a RawValue>,
    #[serde(borrow)]
    lead: Option<&'a RawValue>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
    #[serde(borrow)]
    text: Option<&'a RawValue>,
    #[serde(borrow)]
    content: Option<&'a RawValue>,
    #[serde(borrow)]
    url: Option<&'a RawValue>,
    #[serde(borrow)]
    link: Option<&'a RawValue>,
    #[serde(borrow)]
    source_url: Option<&'a RawValue>,
    #[serde(borrow)]
    published: Option<&'a RawValue>,
    #[serde(borrow)]
    date: Option<&'a RawValue>,
    #[serde(borrow)]
    author: Option<&'a RawValue>,
    #[serde(borrow)]
    source: Option<&'a RawValue>,
}

/// A string, number or list of strings as text; anything else (null, objects) is absent.
fn text_of(raw: Option<&RawValue>) -> Option<String> {
    let raw = raw?.get();
    let s = match raw.as_bytes().first()? {
        b'"' => serde_json::from_str::<String>(raw).ok()?,
        b'-' | b'0'..=b'9' => raw.to_string(),
        b'[' => serde_json::from_str::<Vec<serde_json::Value>>(raw)
            .ok()?
            .iter()
            .filter_map(|v| v.as_str().map(str::trim))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    let s = super::decode::normalize_newlines(s);
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

fn first(raws: &[Option<&RawValue>]) -> Option<String> {
    raws.iter().find_map(|r| text_of(*r))
}

/// A parsed record: its id if it has one, the record, and a legacy-encoding note.
#[derive(Debug)]
pub struct Parsed {
    pub id: Option<String>,
    pub record: Record,
    pub converted: Option<legacy::Legacy>,
}

/// Parses one JSON object. Errors are messages for a warning (the caller adds `path:line`).
pub fn parse_record(json: &str) -> Result<Parsed, String> {
    // serde would also accept an array as a struct's fields in order.
    if !json.trim_start().starts_with('{') {
        return Err("not a json object".to_string());
    }
    let k: Keys = serde_json::from_str(json).map_err(|e| format!("invalid json: {e}"))?;
    let mut record = Record {
        title: first(&[k.title]),
        lead: first(&[k.abstract_, k.summary, k.sapo, k.lead]),
        body: first(&[k.body, k.text, k.content]).unwrap_or_default(),
        url: first(&[k.url, k.link, k.source_url]),
        published: first(&[k.published, k.date]),
        author: first(&[k.author]),
        source: first(&[k.source]),
    };
    if record.body.is_empty() && record.title.is_none() && record.lead.is_none() {
        return Err("no body/text and no title".to_string());
    }
    let converted = convert_legacy(&mut record);
    Ok(Parsed {
        id: first(&[k.id, k.docid]).map(|s| s.trim().to_string()),
        record,
        converted,
    })
}

/// Legacy Vietnamese read as Windows-1252 inside JSON strings: decided on the longest text
/// field, applied to all text fields so a record is never half converted.
fn convert_legacy(r: &mut Record) -> Option<legacy::Legacy> {
    let sample = [Some(&r.body), r.lead.as_ref(), r.title.as_ref()]
        .into_iter()
        .flatten()
        .max_by_key(|s| s.len())?;
    let (_, enc) = legacy::detect_and_convert(sample)?;
    let conv = |s: &mut String| *s = legacy::convert(s, enc);
    conv(&mut r.body);
    for f in [&mut r.title, &mut r.lead, &mut r.author, &mut r.source] {
        if let Some(s) = f.as_mut() {
            conv(s);
        }
    }
    Some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_first_match_wins() {
        let p = parse_record(
            r#"{"docid": 7, "summary": "S", "sapo": "X", "content": "C\r\nD", "text": "T",
                "link": "L", "date": "2020", "author": ["A", "B"], "source": null, "extra": {}}"#,
        )
        .expect("valid");
        assert_eq!(p.id.as_deref(), Some("7"));
        let r = p.record;
        assert_eq!(r.lead.as_deref(), Some("S"));
        assert_eq!(r.body, "T");
        assert_eq!(r.url.as_deref(), Some("L"));
        assert_eq!(r.published.as_deref(), Some("2020"));
        assert_eq!(r.author.as_deref(), Some("A, B"));
        assert_eq!(r.source, None);
        assert_eq!(r.title, None);
    }

    #[test]
    fn bad_records() {
        for (json, msg) in [
            ("{", "invalid json"),
            (r#"{"id": 1, "url": "u"}"#, "no body/text and no title"),
            (r#"[1]"#, "not a json object"),
        ] {
            let err = parse_record(json).expect_err(json);
            assert!(err.starts_with(msg), "{err}");
        }
    }

    #[test]
    fn title_only_is_valid_and_vni_is_converted() {
        let p = parse_record(r#"{"title": "Vieät Nam"}"#).expect("valid");
        assert_eq!(p.record.title.as_deref(), Some("Việt Nam"));
        assert_eq!(p.converted, Some(legacy::Legacy::Vni));
    }
}
