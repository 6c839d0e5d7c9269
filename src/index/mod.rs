//! The tantivy index: schema, document conversion and the writer.

mod document;
mod format;
mod schema;
mod writer;

use std::path::Path;

pub use document::{article_from_document, to_document};
pub use format::{check_version, recorded_version, FORMAT_FILE, FORMAT_VERSION};
pub use schema::{
    build_schema, build_schema_with, facet_roots, names, Fields, SchemaOptions, WordFields,
};
pub use writer::{FileFailure, Indexer, IngestProgress, IngestSummary};

use crate::{Error, Result};

/// True when `dir` holds a tantivy index.
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir` with tracuu's analyzers registered. Fails with
/// [`Error::StaleIndex`] when another version of tracuu wrote it.
pub fn open_index(dir: &Path) -> Result<tantivy::Index> {
    if !index_exists(dir) {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    format::check_version(dir)?;
    let index = tantivy::Index::open_in_dir(dir)?;
    crate::text::register_analyzers(index.tokenizers());
    Ok(index)
}

/// Opens the index in `dir`, creating the folder and an empty index when there is none.
pub fn open_or_create_index(dir: &Path) -> Result<tantivy::Index> {
    open_or_create_index_with(dir, SchemaOptions::default())
}

/// Like [`open_or_create_index`]; `options` apply when the index is created.
pub fn open_or_create_index_with(dir: &Path, options: SchemaOptions) -> Result<tantivy::Index> {
    if index_exists(dir) {
        return open_index(dir);
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    // Recorded first: a crash before `meta.json` exists leaves no index, not a stale one.
    format::record_version(dir)?;
    let (schema, _) = build_schema_with(options);
    let index = tantivy::Index::create_in_dir(dir, schema)?;
    crate::text::register_analyzers(index.tokenizers());
    Ok(index)
}
