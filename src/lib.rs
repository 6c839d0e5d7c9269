//! tracuu ("tra cứu", to look up): a Vietnamese news indexing and search engine.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`ingest`] reads files (text, HTML, JSON Lines; gzip/xz) into [`ingest::RawDoc`]s and
//!    [`ingest::extract()`]s an [`Article`] from each: title, date, author, source, provinces,
//!    programmes and document codes, with page chrome removed from the body.
//! 2. [`text`] normalizes Vietnamese (NFC, tone placement, Đ/Ð, folding) and provides the
//!    tantivy analyzers used at index and query time.
//! 3. [`index`] holds the tantivy schema and the writer that adds, updates and deletes articles.
//! 4. [`search`] parses queries, runs them with filters and facets, and builds responses.
//! 5. [`cli`] is the command line (`tracuu ingest|search|get|analyze|eval|bench|serve`);
//!    [`eval`] measures retrieval quality against relevance judgments.
//! 6. [`http`] is the HTTP API and web page of `tracuu serve`.
//!
//! ```no_run
//! use tracuu::{index::Indexer, search::{Searcher, SearchRequest}};
//! # fn main() -> tracuu::Result<()> {
//! let dir = std::path::Path::new("index");
//! let mut indexer = Indexer::open_or_create(dir)?;
//! indexer.ingest_paths(&[std::path::PathBuf::from("corpus")], &Default::default(), None)?;
//! let searcher = Searcher::open(dir)?;
//! let response = searcher.search(&SearchRequest::new("đào tạo cán bộ"))?;
//! println!("{} hits", response.total);
//! # Ok(()) }
//! ```

pub mod article;
pub mod cli;
pub mod diacritics;
mod error;
pub mod eval;
pub mod http;
pub mod index;
pub mod ingest;
pub mod search;
pub mod text;

pub use article::{AcronymDef, Article, DocumentRef};
pub use error::{Error, Result};
