//! Reading source files into [`RawDoc`]s and extracting [`crate::Article`]s from them.

pub mod extract;
mod read;

pub use extract::extract;
pub use read::{discover, read_file, Discovered, FileReport, ReadOptions};

/// One document as read from a file, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// Stable id: a text/HTML file's stem, or a JSON record's id with the id prefix.
    pub id: String,
    /// Where it came from, for messages: a path, with `:LINE` for JSON Lines.
    pub origin: String,
    pub content: RawContent,
}

/// What a reader found.
#[derive(Debug, Clone, PartialEq)]
pub enum RawContent {
    /// A scraped page as text, page chrome included: a `.txt` file, or the text of an HTML
    /// page (block elements on their own lines, scripts and styles dropped).
    Page { text: String, hints: PageHints },
    /// A structured record whose fields are already separated (JSON).
    Record(Record),
}

/// Metadata an HTML page declares about itself (meta tags, `<title>`, canonical link).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageHints {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
}

/// A JSON record's fields, first matching key wins (see `read`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub title: Option<String>,
    pub lead: Option<String>,
    pub body: String,
    pub url: Option<String>,
    /// The date as written; parsed by extraction.
    pub published: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}
