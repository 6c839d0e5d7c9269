//! `tracuu bench`: ingest the benchmark news corpus and measure query latency.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use serde::Serialize;

use crate::index::{index_exists, Indexer};
use crate::ingest::ReadOptions;
use crate::search::{SearchRequest, Searcher};
use crate::text::fold;

/// The benchmark corpus files and the id prefixes the evaluation sets use for them.
const NEWS_FILES: [(&str, &str); 3] = [
    ("baomoi2017.jsonl.xz", "bm:"),
    ("vietnews.jsonl.xz", "vn:"),
    ("rss2025.jsonl.xz", "rss:"),
];

/// What `tracuu bench` measured.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub docs: u64,
    pub ingest_seconds: Option<f64>,
    /// Article text indexed per second of ingest, in MB (10^6 bytes).
    pub ingest_text_mb_per_s: Option<f64>,
    /// Time to merge the segments into one after the ingest.
    pub merge_seconds: Option<f64>,
    pub index_bytes: u64,
    pub queries: usize,
    pub rounds: usize,
    pub latency: Vec<LatencyRow>,
}

/// Latency of one query set, single-threaded, in milliseconds.
#[derive(Debug, Serialize)]
pub struct LatencyRow {
    pub label: String,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
}

/// Arguments of `tracuu bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// The shared data folder (with news/ and eval/known_item/)
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Index folder to build (must not exist unless --skip-ingest)
    #[arg(long, default_value = "target/bench-index")]
    pub index: PathBuf,
    /// Measure queries on an existing index
    #[arg(long)]
    pub skip_ingest: bool,
    /// Timed rounds over the query set (after one warm-up round)
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Index words of two or more syllables too (see `ingest --words`)
    #[arg(long)]
    pub words: bool,
}

/// Runs the benchmark.
pub fn run(args: BenchArgs) -> anyhow::Result<BenchReport> {
    let mut ingest_seconds = None;
    let mut ingest_text_mb_per_s = None;
    let mut merge_seconds = None;
    if !args.skip_ingest {
        if index_exists(&args.index) {
            bail!(
                "{} already holds an index: pass --skip-ingest, or remove it",
                args.index.display()
            );
        }
        let started = Instant::now();
        let mut text_bytes = 0;
        for (file, prefix) in NEWS_FILES {
            let path = args.data.join("news").join(file);
            if !path.is_file() {
                bail!("missing {}", path.display());
            }
            let options = crate::index::SchemaOptions { words: args.words };
            let mut indexer = Indexer::open_or_create_with(&args.index, options)?;
            let opts = ReadOptions {
                id_prefix: Some(prefix.to_string()),
            };
            let mut bar = super::ProgressBar::default();
            let summary = indexer.ingest_paths(&[path], &opts, Some(&mut bar))?;
            bar.finish();
            eprintln!("{file}: {}", super::output::summary_line(&summary));
            text_bytes += summary.text_bytes;
        }
        let secs = started.elapsed().as_secs_f64();
        let merging = Instant::now();
        Indexer::open_or_create(&args.index)?.merge_segments()?;
        merge_seconds = Some(merging.elapsed().as_secs_f64());
        ingest_seconds = Some(secs);
        ingest_text_mb_per_s = Some(text_bytes as f64 / 1e6 / secs);
    }
    let searcher = Searcher::open(&args.index)?;
    let queries = read_queries(&args.data.join("eval/known_item/public/queries.tsv"))
        .or_else(|_| read_queries(&args.data.join("eval/known_item/queries.tsv")))?;
    let stripped: Vec<String> = queries.iter().map(|q| fold(q)).collect();
    let latency = vec![
        measure(&searcher, "known-item, as written", &queries, args.rounds)?,
        measure(
            &searcher,
            "known-item, diacritics stripped",
            &stripped,
            args.rounds,
        )?,
    ];
    Ok(BenchReport {
        docs: searcher.num_docs(),
        ingest_seconds,
        ingest_text_mb_per_s,
        merge_seconds,
        index_bytes: dir_size(&args.index, &searcher),
        queries: queries.len(),
        rounds: args.rounds,
        latency,
    })
}

/// Prints the report as a Markdown table (or JSON).
pub fn print(report: &BenchReport, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, report)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "| measure | value |\n|---|---|")?;
    writeln!(out, "| documents | {} |", report.docs)?;
    if let (Some(s), Some(mb)) = (report.ingest_seconds, report.ingest_text_mb_per_s) {
        writeln!(out, "| ingest time | {s:.1} s |")?;
        writeln!(out, "| ingest throughput (article text) | {mb:.1} MB/s |")?;
    }
    if let Some(s) = report.merge_seconds {
        writeln!(out, "| merge into one segment | {s:.1} s |")?;
    }
    writeln!(
        out,
        "| index size | {:.1} MB |",
        report.index_bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "\n| queries ({} × {} rounds, 1 thread) | p50 ms | p99 ms | mean ms | max ms |\n|---|---|---|---|---|",
        report.queries, report.rounds
    )?;
    for row in &report.latency {
        writeln!(
            out,
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            row.label, row.p50_ms, row.p99_ms, row.mean_ms, row.max_ms
        )?;
    }
    Ok(())
}

fn read_queries(path: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| line.split('\t').nth(1))
        .map(str::to_string)
        .filter(|q| !q.trim().is_empty())
        .collect())
}

fn measure(
    searcher: &Searcher,
    label: &str,
    queries: &[String],
    rounds: usize,
) -> anyhow::Result<LatencyRow> {
    for q in queries {
        searcher.search(&SearchRequest::new(q.as_str()))?;
    }
    let mut times = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds.max(1) {
        for q in queries {
            let request = SearchRequest::new(q.as_str());
            let started = Instant::now();
            searcher.search(&request)?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let pick = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    Ok(LatencyRow {
        label: label.to_string(),
        p50_ms: pick(0.5),
        p99_ms: pick(0.99),
        mean_ms: times.iter().sum::<f64>() / times.len() as f64,
        max_ms: times.last().copied().unwrap_or(0.0),
    })
}

/// Bytes of the files of the index's live segments (files of merged-away segments that
/// tantivy has not deleted yet are not counted).
fn dir_size(dir: &Path, searcher: &Searcher) -> u64 {
    let live: Vec<String> = searcher
        .index()
        .searchable_segment_ids()
        .unwrap_or_default()
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            live.iter().any(|id| name.starts_with(id.as_str())) || name.ends_with(".json")
        })
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
