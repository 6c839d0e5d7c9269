//! Adding, updating and deleting articles.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::{Index, IndexReader, IndexWriter, Term};

use super::document::to_document;
use super::schema::Fields;
use crate::ingest::{self, ReadOptions};
use crate::{Article, Error, Result};

/// Documents added between two commits during an ingest. A commit makes them durable and
/// visible; a crash loses at most this many, never corrupts the index.
const COMMIT_EVERY_DOCS: usize = 50_000;
/// Memory budget of tantivy's writer, shared by its indexing threads.
const WRITER_MEMORY_BYTES: usize = 400_000_000;

/// Writes articles into an index. Re-adding an id replaces the stored document.
pub struct Indexer {
    index: Index,
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
    /// Ids added since this indexer was opened: lets a second copy count as an update.
    seen: HashSet<String>,
    uncommitted: usize,
}

/// A file that could not be read; the ingest went on without it.
#[derive(Debug, Clone, Serialize)]
pub struct FileFailure {
    pub path: String,
    pub error: String,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    pub files_read: usize,
    pub files_failed: Vec<FileFailure>,
    /// Documents that were new to the index.
    pub docs_indexed: usize,
    /// Documents that replaced one with the same id.
    pub docs_updated: usize,
    /// Documents dropped as empty (no title and no text).
    pub docs_skipped: usize,
    pub warnings: Vec<String>,
    /// Bytes of the files read (as stored, possibly compressed).
    pub bytes_read: u64,
    /// Bytes of article text indexed (title, lead, body, captions; UTF-8).
    pub text_bytes: u64,
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Receives progress during [`Indexer::ingest_paths`].
pub trait IngestProgress {
    /// Called once the files are known, with their total size in bytes.
    fn start(&mut self, files: usize, bytes: u64);
    /// Called now and then while documents are indexed.
    fn docs(&mut self, indexed_so_far: usize);
    /// Called after each file with its size in bytes.
    fn file_done(&mut self, path: &Path, bytes: u64);
}

impl Indexer {
    /// Opens the index in `dir` for writing, creating it when missing.
    pub fn open_or_create(dir: &Path) -> Result<Indexer> {
        Self::from_index(super::open_or_create_index(dir)?)
    }

    /// Like [`Indexer::open_or_create`]; `options` apply when the index is created.
    pub fn open_or_create_with(dir: &Path, options: super::SchemaOptions) -> Result<Indexer> {
        Self::from_index(super::open_or_create_index_with(dir, options)?)
    }

    /// Wraps an opened index (its analyzers must be registered).
    pub fn from_index(index: Index) -> Result<Indexer> {
        let fields = Fields::from_schema(&index.schema())?;
        let writer = index.writer(WRITER_MEMORY_BYTES)?;
        let reader = index.reader()?;
        Ok(Indexer {
            index,
            writer,
            reader,
            fields,
            seen: HashSet::new(),
            uncommitted: 0,
        })
    }

    /// The index being written.
    pub fn index(&self) -> &Index {
        &self.index
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.fields.id, id)
    }

    fn exists_committed(&self, id: &str) -> Result<bool> {
        Ok(self.reader.searcher().doc_freq(&self.id_term(id))? > 0)
    }

    /// Adds an article, replacing any document with the same id. Returns true when it
    /// replaced one. Not visible to searches before [`Indexer::commit`].
    pub fn add(&mut self, article: &Article) -> Result<bool> {
        if article.id.is_empty() {
            return Err(Error::BadInput {
                path: article.id.clone(),
                message: "document without id".into(),
            });
        }
        let updated = self.seen.contains(&article.id) || self.exists_committed(&article.id)?;
        if updated {
            self.writer.delete_term(self.id_term(&article.id));
        }
        self.writer
            .add_document(to_document(article, &self.fields)?)?;
        self.seen.insert(article.id.clone());
        self.uncommitted += 1;
        Ok(updated)
    }

    /// Deletes the document with this id. Returns false when there was none.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        let existed = self.seen.remove(id) || self.exists_committed(id)?;
        if existed {
            self.writer.delete_term(self.id_term(id));
            self.uncommitted += 1;
        }
        Ok(existed)
    }

    /// Makes every change durable and visible to new searchers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.reader.reload()?;
        self.uncommitted = 0;
        Ok(())
    }

    /// Merges every segment into one (after committing): fewer, larger segments answer
    /// queries faster. Worth it once a bulk ingest is done; costs a rewrite of the index.
    pub fn merge_segments(&mut self) -> Result<()> {
        // Background merges started by earlier commits may hold some segments: stop new ones
        // and retry until they have finished and every segment can be merged at once.
        self.writer
            .set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        self.commit()?;
        let mut attempts = 0;
        loop {
            let ids = self.index.searchable_segment_ids()?;
            if ids.len() <= 1 {
                break;
            }
            match self.writer.merge(&ids).wait() {
                Ok(_) => break,
                Err(tantivy::TantivyError::InvalidArgument(_)) if attempts < 600 => {
                    attempts += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.writer
            .set_merge_policy(Box::new(tantivy::indexer::LogMergePolicy::default()));
        // Files of the merged segments are deleted only once no searcher holds them: reload
        // first, then collect.
        self.reader.reload()?;
        self.writer.garbage_collect_files().wait()?;
        Ok(())
    }

    /// Reads, extracts and indexes every file under `paths`. A file that cannot be read is
    /// reported in the summary and the ingest goes on; changes are committed in batches and
    /// at the end.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        opts: &ReadOptions,
        mut progress: Option<&mut dyn IngestProgress>,
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let mut summary = IngestSummary::default();
        let discovered = ingest::discover(paths)?;
        summary.warnings.extend(
            discovered
                .skipped
                .iter()
                .map(|(p, why)| format!("{}: skipped: {why}", p.display())),
        );
        let sizes: Vec<u64> = discovered
            .files
            .iter()
            .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .collect();
        if let Some(p) = progress.as_deref_mut() {
            p.start(discovered.files.len(), sizes.iter().sum());
        }
        for (path, size) in discovered.files.iter().zip(sizes) {
            let mut failure = None;
            let report = ingest::read_file(path, opts, &mut |raw| {
                if failure.is_some() {
                    return;
                }
                // Extraction is heuristic code run on arbitrary text: a bug in it must cost one
                // document, not the ingest.
                let article = match std::panic::catch_unwind(|| ingest::extract(&raw)) {
                    Ok(article) => article,
                    Err(_) => {
                        summary.docs_skipped += 1;
                        summary.warnings.push(format!(
                            "{}: extraction failed, document skipped",
                            raw.origin
                        ));
                        return;
                    }
                };
                if article.title.trim().is_empty() && article.body.trim().is_empty() {
                    summary.docs_skipped += 1;
                    summary
                        .warnings
                        .push(format!("{}: empty document skipped", raw.origin));
                    return;
                }
                summary.text_bytes += (article.title.len()
                    + article.lead.as_ref().map_or(0, String::len)
                    + article.body.len()
                    + article.captions.iter().map(String::len).sum::<usize>())
                    as u64;
                match self.add(&article) {
                    Ok(true) => summary.docs_updated += 1,
                    Ok(false) => summary.docs_indexed += 1,
                    Err(e) => failure = Some(e),
                }
                if self.uncommitted >= COMMIT_EVERY_DOCS {
                    if let Err(e) = self.commit() {
                        failure = Some(e);
                    }
                }
                let done = summary.docs_indexed + summary.docs_updated;
                if done % 1000 == 0 {
                    if let Some(p) = progress.as_deref_mut() {
                        p.docs(done);
                    }
                }
            });
            if let Some(e) = failure {
                // An index error (not an input error): stop before making things worse.
                return Err(e);
            }
            match report {
                Ok(report) => {
                    summary.files_read += 1;
                    summary.warnings.extend(report.warnings);
                }
                Err(e) => summary.files_failed.push(FileFailure {
                    path: path.display().to_string(),
                    error: e.to_string(),
                }),
            }
            summary.bytes_read += size;
            if let Some(p) = progress.as_deref_mut() {
                p.file_done(path, size);
            }
        }
        self.commit()?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}
