//! What a search returns: the JSON shape of `tracuu search --json` and of the HTTP API.

use serde::Serialize;

use crate::{Article, DocumentRef};

/// A page of hits with facet counts.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    pub query: String,
    /// Documents matching the query and filters.
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// Matches by month of publication, when the request asked for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Vec<super::MonthCount>>,
    /// The query with its diacritics restored, when it was typed without any and restoring
    /// changes it ("did you mean").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// One matching article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    /// RFC 3339 date-time.
    pub published: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub programs: Vec<String>,
    pub documents: Vec<DocumentRef>,
    /// Best passage, matched words in `<b>…</b>`, other text HTML-escaped.
    pub snippet: String,
    /// The body, for `get` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl Hit {
    /// The hit object of an article (body left out).
    pub fn from_article(article: &Article, score: f32, snippet: String) -> Hit {
        Hit {
            id: article.id.clone(),
            score,
            title: article.title.clone(),
            published: article.published.and_then(|p| {
                p.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            }),
            author: article.author.clone(),
            source: article.source.clone(),
            source_url: article.source_url.clone(),
            province: article.province.clone(),
            province_2025: article.province_2025.clone(),
            programs: article.programs.clone(),
            documents: article.documents.clone(),
            snippet,
            body: None,
        }
    }
}

/// Facet counts of the matching documents, most frequent first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub province: Vec<FacetCount>,
    pub province_2025: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub program: Vec<FacetCount>,
    pub document_type: Vec<FacetCount>,
}

/// One facet value and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    /// Display name of the value when it is an id (programmes: "llct/trung-cap" →
    /// "Trung cấp lý luận chính trị").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub count: u64,
}
