//! The index format version, kept in a file beside tantivy's `meta.json`.
//!
//! An index holds the tokens the analyzers produced when it was written. When the analyzers or
//! the schema change (a new field, another spelling rule), an older index still opens but
//! answers wrongly: empty facets, missed matches. The version file lets tracuu notice that and
//! say so, and rebuild the default index instead of searching a stale one.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The version of the analyzers and schema this build writes. Bump it whenever a change makes
/// indexes written before it answer differently.
pub const FORMAT_VERSION: u32 = 3;

/// The file that holds the version, in the index folder.
pub const FORMAT_FILE: &str = "tracuu-format";

fn format_path(dir: &Path) -> PathBuf {
    dir.join(FORMAT_FILE)
}

/// The version recorded in `dir`: None when the index predates the file or the file is not a
/// number.
pub fn recorded_version(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(format_path(dir))
        .ok()
        .and_then(|text| text.trim().parse().ok())
}

/// Records that `dir` holds an index of this build's format.
pub fn record_version(dir: &Path) -> Result<()> {
    let path = format_path(dir);
    std::fs::write(&path, format!("{FORMAT_VERSION}\n"))
        .map_err(|source| Error::Io { path, source })
}

/// Fails with [`Error::StaleIndex`] unless `dir` records this build's format.
pub fn check_version(dir: &Path) -> Result<()> {
    match recorded_version(dir) {
        Some(FORMAT_VERSION) => Ok(()),
        found => Err(Error::StaleIndex {
            path: dir.to_path_buf(),
            found,
            expected: FORMAT_VERSION,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(Option<&str>, bool); 4] = [
            (None, false),
            (Some("1\n"), false),
            (Some("garbage"), false),
            (Some(&format!("{FORMAT_VERSION}\n")), true),
        ];
        for (content, ok) in cases {
            let _ = std::fs::remove_file(format_path(dir.path()));
            if let Some(content) = content {
                std::fs::write(format_path(dir.path()), content).unwrap();
            }
            assert_eq!(
                check_version(dir.path()).is_ok(),
                ok,
                "file content {content:?}"
            );
        }
        record_version(dir.path()).unwrap();
        assert_eq!(recorded_version(dir.path()), Some(FORMAT_VERSION));
    }
}
