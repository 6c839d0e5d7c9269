//! The document model shared by ingest, index and search.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// An article ready to index: text plus the metadata extracted from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a file's stem, or a JSON record's id (with the `--id-prefix`).
    pub id: String,
    pub title: String,
    /// Lead paragraph (sapo) when the source separates it.
    pub lead: Option<String>,
    /// Article body, page chrome removed, paragraphs separated by `\n\n`.
    pub body: String,
    /// Image captions, kept apart from the body.
    pub captions: Vec<String>,
    /// Publication date-time (Vietnam time, +07:00, when the page gives no offset).
    #[serde(with = "time::serde::rfc3339::option")]
    pub published: Option<OffsetDateTime>,
    pub author: Option<String>,
    /// Publisher name (e.g. "TTXVN", "Báo Kon Tum").
    pub source: Option<String>,
    pub source_url: Option<String>,
    /// The province the article is about, as named at publication (one of the 63 pre-2025).
    pub province: Option<String>,
    /// Its successor after the 2025-07-01 merger (one of the 34).
    pub province_2025: Option<String>,
    /// Every province named in the body.
    pub provinces_mentioned: Vec<String>,
    /// Programme ids from the controlled vocabulary (see `ingest::extract::programs`).
    pub programs: Vec<String>,
    pub documents: Vec<DocumentRef>,
    /// Acronyms the article defines ("Trung tâm bồi dưỡng chính trị (TTBDCT)").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<AcronymDef>,
}

/// An acronym and the words it abbreviates, as an article writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcronymDef {
    /// As written, e.g. "TTBDCT", "KH&CN".
    pub acronym: String,
    /// The words before it, punctuation between them dropped: "Trung tâm bồi dưỡng chính trị".
    pub expansion: String,
}

/// A reference to a legal or party document ("Nghị quyết số 03-NQ/TU").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// Document type, e.g. "Nghị quyết", "Quyết định".
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Normalized code, e.g. "03-NQ/TU" or "101/2017/NĐ-CP".
    pub code: Option<String>,
    pub number: Option<String>,
    /// Issuing body, e.g. "Ban Thường vụ Tỉnh ủy".
    pub issuer: Option<String>,
    /// Name of a document referred to without a number: "Cán bộ, công chức" for "Luật Cán
    /// bộ, công chức", "Đại hội Đảng toàn quốc lần thứ XII" for its resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Date of issue when written next to the reference ("ngày 21/3/2017").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub date: Option<time::Date>,
}

// `YYYY-MM-DD` on the wire (the default serde form of `time::Date` is a tuple).
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");
