//! Wire types of the HTTP API, kept apart from the engine's types and converted by pure
//! functions: query-string parameters arrive as text and are checked here, so that every
//! bad value gets a 400 naming the parameter.

use serde::{Deserialize, Serialize};

use crate::ingest::{RawContent, RawDoc, Record};
use crate::search::{MonthCount, SearchRequest, SearchResponse, SortOrder, MAX_LIMIT, MAX_OFFSET};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;
/// Related articles when `limit` is not given to the similar endpoint.
pub const DEFAULT_SIMILAR_LIMIT: usize = 5;
/// Most completions returned by the suggest endpoint.
pub const SUGGEST_LIMIT: usize = 10;

/// Query-string parameters of `GET /api/search`, as typed (empty means absent).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: Option<String>,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub program: Option<String>,
    pub document: Option<String>,
    pub document_type: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// A 400 message naming the parameter at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

fn bad(name: &str, message: impl std::fmt::Display) -> ParamError {
    ParamError(format!("bad parameter {name}: {message}"))
}

fn present(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn number(
    name: &str,
    value: &Option<String>,
    default: usize,
    max: usize,
) -> Result<usize, ParamError> {
    match present(value) {
        None => Ok(default),
        Some(v) => {
            let n: usize = v
                .parse()
                .map_err(|_| bad(name, format!("{v:?} is not a non-negative integer")))?;
            if n > max {
                return Err(bad(name, format!("{n} is above the maximum {max}")));
            }
            Ok(n)
        }
    }
}

/// Checks the parameters and builds the engine's request.
pub fn to_request(params: &SearchParams) -> Result<SearchRequest, ParamError> {
    let query = params.q.clone().unwrap_or_default();
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(bad(
            "q",
            format!("{chars} characters is above the maximum {MAX_QUERY_CHARS}"),
        ));
    }
    let sort = match present(&params.sort) {
        None => SortOrder::Relevance,
        Some(s) => s.parse::<SortOrder>().map_err(|m| bad("sort", m))?,
    };
    // Built on `new` so that fields the API does not expose keep their defaults.
    let mut request = SearchRequest::new(query);
    request.limit = number("limit", &params.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    request.offset = number("offset", &params.offset, 0, MAX_OFFSET)?;
    request.province = present(&params.province);
    request.province_2025 = present(&params.province_2025);
    request.from = present(&params.from);
    request.to = present(&params.to);
    request.program = present(&params.program);
    request.document = present(&params.document);
    request.document_type = present(&params.document_type);
    request.sort = sort;
    Ok(request)
}

/// The answer of `GET /api/search`: the engine's response plus the month histogram.
#[derive(Debug, Clone, Serialize)]
pub struct SearchReply {
    #[serde(flatten)]
    pub response: SearchResponse,
    /// Matching articles per month (`YYYY-MM`), oldest first.
    pub histogram: Vec<MonthCount>,
}

/// Query-string parameters of `GET /api/documents/{id}/similar`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SimilarParams {
    pub limit: Option<String>,
}

/// The `limit` of the similar endpoint.
pub fn similar_limit(params: &SimilarParams) -> Result<usize, ParamError> {
    number("limit", &params.limit, DEFAULT_SIMILAR_LIMIT, MAX_LIMIT)
}

/// Query-string parameters of `GET /api/suggest`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SuggestParams {
    pub q: Option<String>,
}

/// The answer of `GET /api/suggest`.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestReply {
    pub q: String,
    pub completions: Vec<String>,
    /// The input with its diacritics restored; null when it has diacritics already or when
    /// restoring changes nothing.
    pub restored: Option<String>,
}

/// Query-string parameters of `POST /api/documents` with a raw page body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PostParams {
    pub id: Option<String>,
}

/// A posted JSON article: the fields of a JSON Lines input record.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArticleInput {
    pub id: String,
    pub title: Option<String>,
    #[serde(alias = "sapo", alias = "description")]
    pub lead: Option<String>,
    #[serde(alias = "content", alias = "text")]
    pub body: String,
    #[serde(alias = "link", alias = "source_url")]
    pub url: Option<String>,
    #[serde(alias = "date", alias = "publish_date")]
    pub published: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}

/// The raw document of a posted JSON article, for extraction.
pub fn record_doc(input: ArticleInput) -> Result<RawDoc, ParamError> {
    let id = input.id.trim().to_string();
    if id.is_empty() {
        return Err(bad("id", "missing or empty"));
    }
    if input.body.trim().is_empty() && input.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(bad("body", "an article needs a title or a body"));
    }
    Ok(RawDoc {
        origin: format!("POST /api/documents ({id})"),
        id,
        content: RawContent::Record(Record {
            title: input.title,
            lead: input.lead,
            body: input.body,
            url: input.url,
            published: input.published,
            author: input.author,
            source: input.source,
        }),
    })
}

/// The answer of a write.
#[derive(Debug, Clone, Serialize)]
pub struct WriteReply {
    pub id: String,
    /// `created`, `updated` or `deleted`.
    pub status: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        let mut p = SearchParams::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "q" => p.q = v,
                "province" => p.province = v,
                "province_2025" => p.province_2025 = v,
                "from" => p.from = v,
                "to" => p.to = v,
                "program" => p.program = v,
                "document" => p.document = v,
                "document_type" => p.document_type = v,
                "sort" => p.sort = v,
                "limit" => p.limit = v,
                "offset" => p.offset = v,
                other => panic!("unknown parameter {other}"),
            }
        }
        p
    }

    #[test]
    fn good_parameters_convert() {
        let table: Vec<(Vec<(&str, &str)>, SearchRequest)> = vec![
            (
                vec![],
                SearchRequest {
                    limit: 10,
                    ..Default::default()
                },
            ),
            (vec![("q", "đào tạo")], SearchRequest::new("đào tạo")),
            (
                vec![
                    ("q", "x"),
                    ("limit", "100"),
                    ("offset", "10000"),
                    ("sort", "date"),
                ],
                SearchRequest {
                    query: "x".into(),
                    limit: 100,
                    offset: 10_000,
                    sort: SortOrder::Date,
                    ..Default::default()
                },
            ),
            (
                vec![
                    ("province", " Kon Tum "),
                    ("program", ""),
                    ("from", "2021"),
                    ("to", "2022-06"),
                ],
                SearchRequest {
                    limit: 10,
                    province: Some("Kon Tum".into()),
                    from: Some("2021".into()),
                    to: Some("2022-06".into()),
                    ..Default::default()
                },
            ),
            (
                vec![
                    ("limit", ""),
                    ("sort", " "),
                    ("document", "03/NQ-TU"),
                    ("province_2025", "Quảng Ngãi"),
                    ("document_type", "nghi quyet"),
                ],
                SearchRequest {
                    limit: 10,
                    document: Some("03/NQ-TU".into()),
                    document_type: Some("nghi quyet".into()),
                    province_2025: Some("Quảng Ngãi".into()),
                    ..Default::default()
                },
            ),
        ];
        for (input, expected) in table {
            assert_eq!(to_request(&params(&input)), Ok(expected), "{input:?}");
        }
    }

    #[test]
    fn bad_parameters_name_the_parameter() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let table: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (
                vec![("limit", "101")],
                "bad parameter limit: 101 is above the maximum 100",
            ),
            (
                vec![("limit", "-1")],
                "bad parameter limit: \"-1\" is not a non-negative integer",
            ),
            (
                vec![("limit", "ten")],
                "bad parameter limit: \"ten\" is not a non-negative integer",
            ),
            (
                vec![("offset", "10001")],
                "bad parameter offset: 10001 is above the maximum 10000",
            ),
            (
                vec![("sort", "newest")],
                "bad parameter sort: \"newest\" is not relevance or date",
            ),
            (
                vec![("q", long.as_str())],
                "bad parameter q: 1001 characters is above the maximum 1000",
            ),
        ];
        for (input, expected) in table {
            assert_eq!(
                to_request(&params(&input)),
                Err(ParamError(expected.to_string())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn query_length_counts_characters_not_bytes() {
        let q = "đ".repeat(MAX_QUERY_CHARS);
        assert!(to_request(&params(&[("q", q.as_str())])).is_ok());
    }

    #[test]
    fn posted_records_need_an_id_and_text() {
        let ok = ArticleInput {
            id: " a1 ".into(),
            title: Some("Tiêu đề".into()),
            ..Default::default()
        };
        assert_eq!(record_doc(ok).map(|d| d.id), Ok("a1".to_string()));
        let no_id = ArticleInput {
            body: "x".into(),
            ..Default::default()
        };
        assert_eq!(
            record_doc(no_id).map(|d| d.id),
            Err(ParamError("bad parameter id: missing or empty".into()))
        );
        let empty = ArticleInput {
            id: "a".into(),
            ..Default::default()
        };
        assert!(record_doc(empty).is_err());
    }
}
