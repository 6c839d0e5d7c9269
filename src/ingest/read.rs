//! STUB: replaced by the readers work package.
use std::path::{Path, PathBuf};

use super::{PageHints, RawContent, RawDoc};
use crate::{Error, Result};

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Prefix added to JSON record ids (`bm:`, `vn:`, `rss:`).
    pub id_prefix: Option<String>,
}

/// What reading one file produced besides documents.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub docs: usize,
    /// Records skipped or repaired, one message each (path:line: what).
    pub warnings: Vec<String>,
}

/// The files found under the paths given to [`discover_files`].
#[derive(Debug, Clone, Default)]
pub struct Discovered {
    /// Readable files, sorted.
    pub files: Vec<PathBuf>,
    /// Files passed over, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Expands files and folders (recursively) into the readable files, sorted.
pub fn discover_files(paths: &[PathBuf]) -> Result<Discovered> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p).sort_by_file_name() {
                let e = e.map_err(|e| Error::BadInput {
                    path: p.display().to_string(),
                    message: e.to_string(),
                })?;
                if e.file_type().is_file() {
                    out.push(e.into_path());
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(Discovered {
        files: out,
        skipped: vec![],
    })
}

/// Reads one file, calling `on_doc` for each document in it.
pub fn read_file(
    path: &Path,
    _opts: &ReadOptions,
    on_doc: &mut dyn FnMut(RawDoc),
) -> Result<FileReport> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    on_doc(RawDoc {
        id,
        origin: path.display().to_string(),
        content: RawContent::Page {
            text,
            hints: PageHints::default(),
        },
    });
    Ok(FileReport {
        docs: 1,
        warnings: vec![],
    })
}
