//! Reading source files into [`RawDoc`]s.
//!
//! Supported: `.txt` (a scraped page as text), `.html`/`.htm` (a saved page, reduced to its
//! main text), `.jsonl` (one JSON object a line) and `.json` (one object or an array of
//! objects), each also compressed as `.gz` or `.xz`. The encoding is detected from the bytes:
//! UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and legacy
//! Vietnamese TCVN3 (ABC) and VNI-Windows, either as raw bytes or as UTF-8 mojibake (the legacy
//! bytes read as Windows-1252). Legacy text is converted to Unicode and noted as a warning.
//!
//! ```no_run
//! use tracuu::ingest::{discover, read_file, ReadOptions};
//! # fn main() -> tracuu::Result<()> {
//! let found = discover(&["corpus".into()])?;
//! for (path, why) in &found.skipped {
//!     eprintln!("skipped {}: {why}", path.display());
//! }
//! let opts = ReadOptions { id_prefix: Some("bm:".into()) };
//! for path in &found.files {
//!     let report = read_file(path, &opts, &mut |doc| println!("{}", doc.id))?;
//!     report.warnings.iter().for_each(|w| eprintln!("{w}"));
//! }
//! # Ok(()) }
//! ```
mod compress;
mod decode;
mod html;
mod json;
mod legacy;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use compress::Compression;

use super::{PageHints, RawContent, RawDoc};
use crate::{Error, Result};

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Prefix added to JSON record ids (`bm:`, `vn:`, `rss:`), generated ids included.
    pub id_prefix: Option<String>,
}

/// What reading one file produced besides documents.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    /// Documents passed to `on_doc`.
    pub docs: usize,
    /// Records skipped or repaired, one message each (`path:line: what`, or `path: what` for
    /// the whole file, e.g. `converted from VNI`).
    pub warnings: Vec<String>,
}

/// The result of [`discover`]: files to read, and files left out with the reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Discovered {
    /// Readable files: each argument in the order given, folders walked in sorted order.
    pub files: Vec<PathBuf>,
    /// Files of an unsupported type, with the reason. Hidden files and folders (name starting
    /// with `.`) inside a walked folder are left out silently.
    pub skipped: Vec<(PathBuf, String)>,
}

/// The kind of document a file holds, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    JsonLines,
    Json,
}

/// Format, compression and id stem of a file name (`x.jsonl.xz` → JSON Lines, xz, `x`).
fn classify(path: &Path) -> Option<(Format, Compression, String)> {
    let name = path.file_name()?.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    let (rest, comp) = if let Some(r) = lower.strip_suffix(".gz") {
        (r, Compression::Gzip)
    } else if let Some(r) = lower.strip_suffix(".xz") {
        (r, Compression::Xz)
    } else {
        (lower.as_str(), Compression::None)
    };
    let (stem_len, ext) = rest.rsplit_once('.').map(|(s, e)| (s.len(), e))?;
    let format = match ext {
        "txt" => Format::Text,
        "html" | "htm" => Format::Html,
        "jsonl" | "ndjson" => Format::JsonLines,
        "json" => Format::Json,
        _ => return None,
    };
    // The stem keeps the file name's case; only the extension was lowercased. ASCII
    // lowercasing keeps byte lengths, so `stem_len` indexes `name` on a char boundary.
    let stem = name.get(..stem_len)?.to_string();
    Some((format, comp, stem))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Expands files and folders (recursively) into the readable files, and the files skipped.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered> {
    let mut found = Discovered::default();
    let add = |path: PathBuf, found: &mut Discovered| {
        if classify(&path).is_some() {
            found.files.push(path);
        } else {
            found
                .skipped
                .push((path, "unsupported file type".to_string()));
        }
    };
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
        if !meta.is_dir() {
            add(p.clone(), &mut found);
            continue;
        }
        let walk = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_hidden(e));
        for entry in walk {
            let entry = entry.map_err(|e| Error::BadInput {
                path: e.path().unwrap_or(p).display().to_string(),
                message: format!("cannot walk folder: {e}"),
            })?;
            if entry.file_type().is_file() {
                add(entry.into_path(), &mut found);
            }
        }
    }
    Ok(found)
}

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.display().to_string(),
        message: message.into(),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads one file, calling `on_doc` for each document in it as it is read (a JSON Lines file
/// is streamed, never held whole).
///
/// Ids: a text or HTML file's stem (`x.txt.gz` → `x`); a JSON record's `id` or `docid`,
/// else `<file stem>:<line>` (for a `.json` array, the element's 1-based index) with a
/// warning; JSON ids get [`ReadOptions::id_prefix`]. A bad JSON record is a warning and the
/// rest of the file is read; a page without text is a warning; an unreadable or undecodable
/// file is an error.
pub fn read_file(
    path: &Path,
    opts: &ReadOptions,
    on_doc: &mut dyn FnMut(RawDoc),
) -> Result<FileReport> {
    let (format, comp, stem) = classify(path).ok_or_else(|| bad(path, "unsupported file type"))?;
    let mut report = FileReport::default();
    let reader = compress::open(path, comp)?;
    let origin = path.display().to_string();
    match format {
        Format::JsonLines => {
            let mut ctx = JsonCtx {
                path,
                origin: &origin,
                stem: &stem,
                opts,
                report: &mut report,
                on_doc,
            };
            read_json_lines(reader, &mut ctx)?;
        }
        Format::Json => {
            let decoded = read_decoded(reader, path, &mut report)?;
            let mut ctx = JsonCtx {
                path,
                origin: &origin,
                stem: &stem,
                opts,
                report: &mut report,
                on_doc,
            };
            read_json(&decoded, &mut ctx)?;
        }
        Format::Text | Format::Html => {
            let text = read_decoded(reader, path, &mut report)?;
            let (text, hints) = if format == Format::Html {
                html::page(&text)
            } else {
                (text, PageHints::default())
            };
            // An empty page would become an empty article: report it instead.
            if text.trim().is_empty() {
                report.warnings.push(format!("{origin}: no text"));
            } else {
                on_doc(RawDoc {
                    id: stem,
                    origin,
                    content: RawContent::Page { text, hints },
                });
                report.docs = 1;
            }
        }
    }
    Ok(report)
}

/// Reads a whole (decompressed) file and decodes it, noting a legacy conversion.
fn read_decoded(
    mut reader: Box<dyn BufRead>,
    path: &Path,
    report: &mut FileReport,
) -> Result<String> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(io(path))?;
    let decoded = decode::decode(bytes, path)?;
    if let Some(enc) = decoded.converted {
        report
            .warnings
            .push(format!("{}: converted from {}", path.display(), enc.name()));
    }
    Ok(decoded.text)
}

/// What handling a JSON record needs.
struct JsonCtx<'a> {
    path: &'a Path,
    origin: &'a str,
    stem: &'a str,
    opts: &'a ReadOptions,
    report: &'a mut FileReport,
    on_doc: &'a mut dyn FnMut(RawDoc),
}

impl JsonCtx<'_> {
    fn warn(&mut self, n: usize, what: impl std::fmt::Display) {
        let w = format!("{}:{n}: {what}", self.path.display());
        self.report.warnings.push(w);
    }

    /// Handles record `n` (a line number, or an array index).
    fn record(&mut self, n: usize, json: &str) {
        self.record_checked(n, json, false);
    }

    /// `raw_legacy`: the line was not UTF-8 and was read as Windows-1252; it is kept only if it
    /// converts as legacy Vietnamese.
    fn record_checked(&mut self, n: usize, json: &str, raw_legacy: bool) {
        let parsed = match json::parse_record(json) {
            Ok(p) if raw_legacy && p.converted.is_none() => {
                return self.warn(n, "invalid utf-8");
            }
            Ok(p) => p,
            Err(_) if raw_legacy => return self.warn(n, "invalid utf-8"),
            Err(e) => return self.warn(n, e),
        };
        let id = match parsed.id {
            Some(id) if !id.is_empty() => id,
            _ => {
                self.warn(n, "no id: using file stem and line");
                format!("{}:{n}", self.stem)
            }
        };
        if let Some(enc) = parsed.converted {
            self.warn(n, format_args!("converted from {}", enc.name()));
        }
        let id = match &self.opts.id_prefix {
            Some(p) => format!("{p}{id}"),
            None => id,
        };
        (self.on_doc)(RawDoc {
            id,
            origin: format!("{}:{n}", self.origin),
            content: RawContent::Record(parsed.record),
        });
        self.report.docs += 1;
    }

    fn line(&mut self, n: usize, line: &str) {
        // A byte-order mark may start the first line.
        let line = line.trim_start_matches('\u{FEFF}').trim();
        if !line.is_empty() {
            self.record(n, line);
        }
    }
}

fn read_json_lines(mut reader: Box<dyn BufRead>, ctx: &mut JsonCtx) -> Result<()> {
    let head = reader.fill_buf().map_err(io(ctx.path))?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        // UTF-16 JSON Lines is rare: decode it whole rather than complicate the fast path.
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(io(ctx.path))?;
        let text = decode::decode(bytes, ctx.path)?.text;
        for (i, line) in text.lines().enumerate() {
            ctx.line(i + 1, line);
        }
        return Ok(());
    }
    // One buffer reused for every line: the benchmark files have 100k+ lines.
    let mut buf = Vec::with_capacity(1 << 16);
    let mut n = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(io(ctx.path))? == 0 {
            break;
        }
        n += 1;
        match std::str::from_utf8(&buf) {
            Ok(line) => ctx.line(n, line),
            Err(_) => {
                let latin = legacy::decode_cp1252(&buf);
                let line = latin.trim();
                if !line.is_empty() {
                    ctx.record_checked(n, line, true);
                }
            }
        }
    }
    Ok(())
}

fn read_json(text: &str, ctx: &mut JsonCtx) -> Result<()> {
    let text = text.trim_start();
    if text.starts_with('[') {
        let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text)
            .map_err(|e| bad(ctx.path, format!("invalid json array: {e}")))?;
        for (i, item) in items.iter().enumerate() {
            ctx.record(i + 1, item.get());
        }
    } else {
        ctx.record(1, text);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_names() {
        for (name, want) in [
            ("a/x.txt", Some((Format::Text, Compression::None, "x"))),
            ("x.TXT.GZ", Some((Format::Text, Compression::Gzip, "x"))),
            (
                "bm.jsonl.xz",
                Some((Format::JsonLines, Compression::Xz, "bm")),
            ),
            (
                "Trang.Chủ.htm",
                Some((Format::Html, Compression::None, "Trang.Chủ")),
            ),
            ("d.json", Some((Format::Json, Compression::None, "d"))),
            ("x.pdf", None),
            ("x.gz", None),
            ("README", None),
        ] {
            let got = classify(Path::new(name));
            let got = got.as_ref().map(|(f, c, s)| (*f, *c, s.as_str()));
            assert_eq!(got, want, "{name}");
        }
    }
}
