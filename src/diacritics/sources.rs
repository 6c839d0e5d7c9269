//! Training sources: news files (JSON Lines, plain or xz/gzip-compressed, and anything
//! `ingest` reads), the stored articles of an index, segmented sentences and word lists.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::TantivyDocument;

use super::count::Counts;
use crate::index::{article_from_document, open_index, Fields};
use crate::ingest::ReadOptions;
use crate::{Article, Error, Result};

/// JSON fields that hold article text in news records.
const TEXT_FIELDS: [&str; 6] = ["title", "abstract", "summary", "lead", "body", "text"];

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn open_decoded(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(io(path))?;
    let name = path.to_string_lossy().to_lowercase();
    let reader: Box<dyn Read> = if name.ends_with(".xz") {
        Box::new(xz2::read::XzDecoder::new(file))
    } else if name.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

fn is_json_lines(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    [".jsonl", ".jsonl.xz", ".jsonl.gz", ".ndjson"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Counts the text fields of JSON records, one a line; returns the records read.
fn add_json_lines(counts: &mut Counts, path: &Path) -> Result<u64> {
    let mut reader = open_decoded(path)?;
    let mut line = String::new();
    let mut records = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(io(path))? == 0 {
            break;
        }
        let Ok(serde_json::Value::Object(record)) = serde_json::from_str(&line) else {
            continue;
        };
        records += 1;
        for field in TEXT_FIELDS {
            if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
                counts.add_text(text);
            }
        }
    }
    Ok(records)
}

/// Counts an article's title, lead and body.
pub fn add_article(counts: &mut Counts, article: &Article) {
    counts.add_text(&article.title);
    if let Some(lead) = &article.lead {
        counts.add_text(lead);
    }
    counts.add_text(&article.body);
}

/// Counts the articles of files and folders (JSON Lines read directly, other formats through
/// `ingest`'s readers and extraction); returns the documents read.
pub fn add_files(counts: &mut Counts, paths: &[PathBuf]) -> Result<u64> {
    let discovered = crate::ingest::discover(paths)?;
    let mut docs = 0;
    for path in &discovered.files {
        if is_json_lines(path) {
            docs += add_json_lines(counts, path)?;
        } else {
            crate::ingest::read_file(path, &ReadOptions::default(), &mut |raw| {
                add_article(counts, &crate::ingest::extract(&raw));
                docs += 1;
            })?;
        }
    }
    Ok(docs)
}

/// Counts the stored articles of the index in `dir`; returns the documents read.
pub fn add_index(counts: &mut Counts, dir: &Path) -> Result<u64> {
    let index = open_index(dir)?;
    let fields = Fields::from_schema(&index.schema())?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    // In index order (the collector returns a set): the vocabulary's order, so the model
    // file, is the same from run to run, and the stored blocks are read in sequence.
    let mut addresses: Vec<_> = searcher
        .search(&AllQuery, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort_unstable();
    let mut docs = 0;
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        add_article(counts, &article_from_document(&doc, &fields)?);
        docs += 1;
    }
    Ok(docs)
}

/// Counts the lines of segmented sentences (`word_word word`) or word lists (one a line,
/// tab-separated columns after the word ignored); returns the lines read.
pub fn add_word_lines(counts: &mut Counts, path: &Path) -> Result<u64> {
    let reader = open_decoded(path)?;
    let mut lines = 0;
    for line in reader.lines() {
        let line = line.map_err(io(path))?;
        let words = line.split('\t').next().unwrap_or("");
        if !words.trim().is_empty() {
            counts.add_words(words);
            lines += 1;
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_lines_and_word_lists() {
        let tmp = tempfile::tempdir().unwrap();
        let jsonl = tmp.path().join("news.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\":\"1\",\"title\":\"Đào tạo\",\"body\":\"cán bộ\"}\nnot json\n{\"summary\":\"cơ sở\"}\n",
        )
        .unwrap();
        let words = tmp.path().join("words.txt");
        std::fs::write(&words, "cán_bộ cơ_sở\n\nđào tạo\tN\n").unwrap();
        let cases: [(&Path, u64, u64); 2] = [(&jsonl, 2, 6), (&words, 2, 6)];
        for (path, read, tokens) in cases {
            let mut counts = Counts::new();
            let n = if is_json_lines(path) {
                add_files(&mut counts, &[path.to_path_buf()]).unwrap()
            } else {
                add_word_lines(&mut counts, path).unwrap()
            };
            assert_eq!((n, counts.tokens()), (read, tokens), "{}", path.display());
        }
    }
}
