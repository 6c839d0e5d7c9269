//! What a search asks for.

use serde::{Deserialize, Serialize};

/// Largest page size a search may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest offset a search may ask for.
pub const MAX_OFFSET: usize = 10_000;

/// Order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl std::str::FromStr for SortOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "relevance" => Ok(SortOrder::Relevance),
            "date" => Ok(SortOrder::Date),
            other => Err(format!("{other:?} is not relevance or date")),
        }
    }
}

/// A search: the query text plus filters, as the CLI and the HTTP API take them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query text (syntax: words, `"phrases"`, `-exclude`, `field:value`).
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    /// Province at publication, with or without diacritics.
    pub province: Option<String>,
    /// Province after the 2025 merger.
    pub province_2025: Option<String>,
    /// From this date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `DD/MM/YYYY`), inclusive.
    pub from: Option<String>,
    /// Up to this date, inclusive (a year or month means its end).
    pub to: Option<String>,
    /// Programme id or name.
    pub program: Option<String>,
    /// Document code in any spelling (`03/NQ-TU`).
    pub document: Option<String>,
    /// Type of a referenced document ("Nghị quyết", "nghi quyet"), as in the
    /// `document_type` facet.
    pub document_type: Option<String>,
    pub sort: SortOrder,
    /// Take the query as plain words: no phrases, exclusions or `field:value` (for natural
    /// language questions that contain quotes, dashes or colons).
    pub plain: bool,
    /// Also count the matches by month of publication (`SearchResponse::histogram`).
    pub histogram: bool,
}

impl SearchRequest {
    /// A relevance search for `query`, first 10 hits.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            ..Default::default()
        }
    }
}
