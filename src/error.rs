use std::path::PathBuf;

/// Errors of the tracuu library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    BadInput { path: String, message: String },
    #[error("no index at {0} (run `tracuu ingest` first)")]
    NoIndex(PathBuf),
    #[error(
        "the index at {} was written by another version of tracuu (format {}, this build reads {expected}): remove the folder and ingest again",
        path.display(),
        found.map_or_else(|| "unknown".to_string(), |v| v.to_string())
    )]
    StaleIndex {
        path: PathBuf,
        found: Option<u32>,
        expected: u32,
    },
    #[error("bad query: {0}")]
    BadQuery(String),
    #[error("bad parameter {name}: {message}")]
    BadParameter { name: &'static str, message: String },
    #[error("unknown document id {0:?}")]
    UnknownId(String),
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("index directory: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
