//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::search::SortOrder;

/// Default index folder, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// Bundled sample corpus, indexed on first use of the default index.
pub const DEFAULT_CORPUS: &str = "corpus";

/// tracuu: search Vietnamese news.
#[derive(Debug, Parser)]
#[command(name = "tracuu", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files and folders (txt, html, jsonl, json; .gz/.xz) into the index.
    Ingest(IngestArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Show one stored article.
    Get(GetArgs),
    /// Show how a text is analyzed (tokens of each field).
    Analyze(AnalyzeArgs),
    /// Measure quality against evaluation sets.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Ingest the benchmark news corpus and measure query latency.
    Bench(super::bench::BenchArgs),
    /// Serve the HTTP API and the search page.
    Serve(ServeArgs),
    /// Diacritic restoration models.
    #[command(subcommand)]
    Diacritics(DiacriticsCommand),
}

#[derive(Debug, Subcommand)]
pub enum DiacriticsCommand {
    /// Train a model: from an index's stored articles (written to DIR/diacritics.model by
    /// default) and/or from files.
    Train(DiacriticsTrainArgs),
}

#[derive(Debug, Args)]
pub struct DiacriticsTrainArgs {
    /// Learn from the stored articles of this index
    #[arg(long, value_name = "DIR", required_unless_present_any = ["train", "words"])]
    pub index: Option<PathBuf>,
    /// Learn from these files and folders (any format `ingest` reads; JSON Lines directly)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Learn from segmented sentences or word lists (one a line, words joined by `_`)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub words: Vec<PathBuf>,
    /// Write the model here [default: <index>/diacritics.model, with --backward
    /// <index>/diacritics.backward.model]
    #[arg(long, value_name = "FILE", required_unless_present = "index")]
    pub out: Option<PathBuf>,
    /// Also write the counts here (`.gz`: compressed), e.g. the general counts
    #[arg(long, value_name = "FILE")]
    pub counts_out: Option<PathBuf>,
    /// Keep trigrams seen at least this often [default: 1, or 3 above 20M syllables]
    #[arg(long, value_name = "N")]
    pub min_count: Option<u32>,
    /// Do not start from the general model's counts built into the binary
    #[arg(long)]
    pub no_general: bool,
    /// Prune trigrams whose count × log-ratio to the backoff estimate is below this
    /// [default: 1 above 20M syllables, else 0]
    #[arg(long, value_name = "T")]
    pub prune: Option<f64>,
    /// Count runs right to left: a backward model (for `eval diacritics --backward`, or
    /// saved as <index>/diacritics.backward.model to rescore the index's restorations; the
    /// general counts are not added)
    #[arg(long)]
    pub backward: bool,
    /// N-gram order: 3, or 4 (4-grams over the trigram model; more memory and time)
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(3..=4))]
    pub order: u8,
    #[arg(long)]
    pub json: bool,
}

/// Where the index is.
#[derive(Debug, Args)]
pub struct IndexArg {
    /// Index folder [default: index, built from ./corpus when missing]
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read [default: corpus]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// Prefix for ids of JSON records (e.g. bm:, vn:, rss:)
    #[arg(long, value_name = "P")]
    pub id_prefix: Option<String>,
    /// When creating the index: also index words of two or more syllables (segmenting
    /// every text; word matches then rank above scattered syllables)
    #[arg(long)]
    pub words: bool,
    /// Retrain the index's diacritics model after ingesting [default: when the index holds
    /// at most 50,000 articles]
    #[arg(long, conflicts_with = "no_diacritics")]
    pub diacritics: bool,
    /// Do not retrain the index's diacritics model
    #[arg(long)]
    pub no_diacritics: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words, "phrases", -exclude, field:value
    pub query: String,
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Province at publication, with or without diacritics
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    /// Province after the 2025 merger
    #[arg(long = "province-2025", value_name = "NAME")]
    pub province_2025: Option<String>,
    /// From date (YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To date, inclusive
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Programme id or name
    #[arg(long, value_name = "NAME")]
    pub program: Option<String>,
    /// Document code in any spelling (03/NQ-TU)
    #[arg(long, value_name = "CODE")]
    pub document: Option<String>,
    /// Type of a referenced document (Nghị quyết, Quyết định, …), with or without diacritics
    #[arg(long = "document-type", value_name = "TYPE")]
    pub document_type: Option<String>,
    #[arg(long, default_value = "relevance", value_parser = parse_sort)]
    pub sort: SortOrder,
    /// Print the response as JSON
    #[arg(long)]
    pub json: bool,
}

fn parse_sort(s: &str) -> Result<SortOrder, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct GetArgs {
    pub id: String,
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    pub text: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// nDCG@10, Recall@10/100, MRR@10 of judged queries.
    Retrieval(EvalRetrievalArgs),
    /// Syllable and sentence accuracy of diacritic restoration.
    Diacritics(EvalDiacriticsArgs),
    /// Precision, recall and F1 over words of word segmentation, and its speed.
    Segment(EvalSegmentArgs),
    /// Per-field accuracy of metadata extraction against gold JSON.
    Extract(EvalExtractArgs),
}

#[derive(Debug, Args)]
pub struct EvalExtractArgs {
    /// Pages: <id>.txt
    #[arg(long, value_name = "DIR")]
    pub raw: PathBuf,
    /// Gold: <id>.json or <id>.expected.json (fields as in tests/data/extract)
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalSegmentArgs {
    /// Gold: one sentence a line, words separated by spaces, syllables joined by `_`
    #[arg(long, value_name = "FILE.ws.txt")]
    pub gold: PathBuf,
    /// A saved model (`--save`) instead of the bundled one
    #[arg(long, value_name = "FILE", conflicts_with_all = ["train", "lexicon", "counts"])]
    pub model: Option<PathBuf>,
    /// Train a model on these gold files instead of using the bundled one
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Word lists for training (one word a line, syllables separated by spaces)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub lexicon: Vec<PathBuf>,
    /// Syllable lists for training (one a line)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub syllables: Vec<PathBuf>,
    /// Word counts for the unigram model (word TAB count, syllables joined by `_`)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub counts: Vec<PathBuf>,
    /// Decoder: perceptron or unigram
    #[arg(long, default_value = "perceptron", value_parser = parse_method)]
    pub method: crate::text::Method,
    /// Training passes of the perceptron
    #[arg(long, default_value_t = 8)]
    pub epochs: usize,
    /// Save the trained model here (gzip)
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Write the unigram model as a Hugging Face tokenizer.json
    #[arg(long, value_name = "FILE")]
    pub export_tokenizer: Option<PathBuf>,
    /// Write the predicted segmentation of the gold sentences here (same format)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

fn parse_method(s: &str) -> Result<crate::text::Method, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct EvalDiacriticsArgs {
    /// Test set: id TAB source TAB input_no_diacritics TAB gold
    #[arg(long, value_name = "FILE.tsv")]
    pub test: PathBuf,
    /// A saved model [default: the general model built into the binary, or one trained with
    /// --train/--words/--counts]
    #[arg(long, value_name = "FILE", conflicts_with_all = ["train", "words", "counts"])]
    pub model: Option<PathBuf>,
    /// Or train one on saved counts (`diacritics train --counts-out`; merged as they are,
    /// the general counts not added again)
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["train", "words"])]
    pub counts: Vec<PathBuf>,
    /// Prune trigrams whose count × log-ratio to the backoff estimate is below this
    /// [default: 1 above 20M syllables, else 0]
    #[arg(long, value_name = "T")]
    pub prune: Option<f64>,
    /// Hypotheses kept per position in the decoding
    #[arg(long, value_name = "N", default_value_t = crate::diacritics::BEAM)]
    pub beam: usize,
    /// A backward model (`diacritics train --backward`) rescoring the n-best of both directions
    #[arg(long, value_name = "FILE")]
    pub backward: Option<PathBuf>,
    /// Weight of the backward model's log-probability
    #[arg(long, value_name = "W", default_value_t = crate::diacritics::BACKWARD_WEIGHT)]
    pub backward_weight: f64,
    /// Hypotheses kept per position by the backward model's decoding
    #[arg(long, value_name = "N", default_value_t = crate::diacritics::BACKWARD_BEAM)]
    pub backward_beam: usize,
    /// Paths of each direction rescored with the backward model (0: the whole final beams)
    #[arg(long, value_name = "N", default_value_t = crate::diacritics::RESCORE_TOP)]
    pub rescore_top: usize,
    /// Weight of the case channel of a run's first syllable (0: off)
    #[arg(long, value_name = "W", default_value_t = crate::diacritics::FIRST_CASE_WEIGHT)]
    pub first_case_weight: f64,
    /// Weight of the neighbours' case of a Capitalized syllable (0: off)
    #[arg(long, value_name = "W", default_value_t = crate::diacritics::CAP_CONTEXT_WEIGHT)]
    pub cap_context_weight: f64,
    /// Or train one on these files (any format `ingest` reads)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// And/or on segmented sentences or word lists (words joined by `_`)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub words: Vec<PathBuf>,
    /// Train without the general model's counts
    #[arg(long)]
    pub no_general: bool,
    /// Weight of the general model's counts (a multiplier) among the trained ones
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub general_weight: u32,
    /// N-gram order of the trained model: 3, or 4 (4-grams over the trigram model)
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(3..=4))]
    pub order: u8,
    /// Keep trigrams seen at least this often [default: 1, or 3 above 20M syllables]
    #[arg(long, value_name = "N")]
    pub min_count: Option<u32>,
    /// Save the trained model here
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Print the first N wrongly restored sentences with their gold
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalRetrievalArgs {
    /// Search this index
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "corpus",
        required_unless_present = "corpus"
    )]
    pub index: Option<PathBuf>,
    /// Or index these files into a temporary index first
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub corpus: Vec<PathBuf>,
    /// Prefix for ids of the corpus's JSON records: one for all files, or one per file
    #[arg(long, value_name = "P", num_args = 1..)]
    pub id_prefix: Vec<String>,
    /// Rank with the plain baseline (tantivy simple tokenizer + ASCII folding, BM25) built
    /// over the corpus in a temporary index
    #[arg(long, requires = "corpus")]
    pub baseline: bool,
    /// Queries: qid TAB text
    #[arg(long, value_name = "Q.tsv")]
    pub queries: PathBuf,
    /// Judgments: qid TAB 0 TAB docid TAB grade
    #[arg(long, value_name = "R.tsv")]
    pub qrels: PathBuf,
    /// Remove the queries' diacritics (đ→d) first
    #[arg(long)]
    pub strip_diacritics: bool,
    /// Build the temporary index with word fields (see `ingest --words`)
    #[arg(long)]
    pub words: bool,
    /// Also write each query's figures here (qid TAB nDCG@10 TAB rank of the first relevant
    /// document, empty when not in the first 100)
    #[arg(long, value_name = "FILE")]
    pub per_query: Option<PathBuf>,
    /// Restore unaccented queries with this model [default: the index's, else the general
    /// one; a --corpus index gets one trained on it as `ingest` would]
    #[arg(long, value_name = "FILE", conflicts_with = "no_restore")]
    pub diacritics_model: Option<PathBuf>,
    /// Do not restore the diacritics of unaccented queries
    #[arg(long)]
    pub no_restore: bool,
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tracuu serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// File holding the API key for POST/DELETE /api/documents [default: writes disabled]
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Origin allowed to call the API from a browser (repeatable) [default: CORS off]
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Diacritics model restoring unaccented queries [default: <index>/diacritics.model,
    /// else the general model built into the binary]
    #[arg(long, value_name = "FILE")]
    pub diacritics_model: Option<PathBuf>,
    /// Search answers kept for repeated searches, dropped when the index changes (0: none)
    #[arg(long, default_value_t = 1024, value_name = "N")]
    pub cache_entries: usize,
    /// Threads running searches and writes; more requests wait for one [default: one per
    /// core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub search_threads: Option<u16>,
}
