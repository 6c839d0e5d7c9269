//! The `tracuu` command line: argument parsing, commands and their output.

mod args;
mod bench;
mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

pub use args::{Cli, Command, DEFAULT_CORPUS, DEFAULT_INDEX};

use crate::index::{check_version, index_exists, Indexer, IngestProgress, IngestSummary};
use crate::ingest::ReadOptions;
use crate::search::{SearchRequest, Searcher};
use crate::Error;

/// Runs the command line and returns the process exit code: 0 on success, 1 when something
/// failed (e.g. a file could not be ingested), 2 for a bad query, parameter, index or id.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tracuu: {}", one_line(&err));
            if is_user_error(&err) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// The error with its causes, on one line.
fn one_line(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

fn is_user_error(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        matches!(
            e.downcast_ref::<Error>(),
            Some(
                Error::BadQuery(_)
                    | Error::BadParameter { .. }
                    | Error::NoIndex(_)
                    | Error::StaleIndex { .. }
                    | Error::UnknownId(_)
            )
        )
    })
}

/// Runs one parsed command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest(args),
        Command::Search(args) => {
            let searcher = open_searcher(args.index.index.as_deref())?;
            let request = SearchRequest {
                query: args.query,
                limit: args.limit,
                offset: args.offset,
                province: args.province,
                province_2025: args.province_2025,
                from: args.from,
                to: args.to,
                program: args.program,
                document: args.document,
                document_type: args.document_type,
                sort: args.sort,
                plain: false,
                histogram: false,
            };
            let response = searcher.search(&request)?;
            print_json_or(args.json, &response, |out| {
                output::print_response(out, &response)?;
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Get(args) => {
            let searcher = open_searcher(args.index.index.as_deref())?;
            let hit = searcher.get_hit(&args.id)?;
            print_json_or(args.json, &hit, |out| {
                output::print_document(out, &hit)?;
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(args::EvalCommand::Retrieval(args)) => eval_retrieval(args),
        Command::Eval(args::EvalCommand::Diacritics(args)) => eval_diacritics(args),
        Command::Eval(args::EvalCommand::Segment(args)) => eval_segment(args),
        Command::Eval(args::EvalCommand::Extract(args)) => eval_extract(args),
        Command::Bench(args) => {
            let json = args.json;
            let report = bench::run(args)?;
            bench::print(&report, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve(args),
        Command::Diacritics(args::DiacriticsCommand::Train(args)) => diacritics_train(args),
        Command::Analyze(args) => {
            let mut out = std::io::stdout().lock();
            output::print_analysis(&mut out, &args.text, args.json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs the HTTP server until SIGINT/SIGTERM.
fn serve(args: args::ServeArgs) -> anyhow::Result<ExitCode> {
    let mut searcher = open_searcher(args.index.index.as_deref())?;
    if let Some(path) = &args.diacritics_model {
        let model = crate::diacritics::DiacriticModel::load(path)
            .with_context(|| format!("cannot load diacritics model {}", path.display()))?;
        searcher = searcher.with_diacritics(Some(std::sync::Arc::new(model)));
    }
    // Loaded now rather than by the first unaccented query.
    let _ = searcher.diacritics();
    let index = searcher.index().clone();
    let mut state = crate::http::AppState::new(searcher);
    if let Some(path) = &args.api_key_file {
        let key = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read API key file {}", path.display()))?;
        let key = key.trim();
        if key.is_empty() {
            anyhow::bail!("API key file {} is empty", path.display());
        }
        let indexer = Indexer::from_index(index)?;
        state = state.with_writes(indexer, key);
    }
    let state = state
        .with_cors_origins(args.cors_origins)
        .with_cache(args.cache_entries);
    // Searches are CPU work: by default one blocking thread per core runs them all, queued
    // beyond that (the concurrency limit refuses requests beyond 64 in flight, and a search
    // still queued when its request timed out is dropped unstarted). More threads than cores
    // add switches and malloc arenas (server memory); they help only while reads of an index
    // not yet in the page cache wait on the disk.
    let threads = args.search_threads.map_or_else(
        || std::thread::available_parallelism().map_or(2, |n| n.get()),
        usize::from,
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(threads)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let shutdown = crate::http::shutdown_signal().context("cannot listen for signals")?;
        eprintln!("tracuu: serving on http://{}", listener.local_addr()?);
        crate::http::serve(listener, state, shutdown).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the index for searching. The default index is built from the bundled corpus on
/// first use, so that a fresh clone answers a search with no prior step.
fn open_searcher(index: Option<&Path>) -> anyhow::Result<Searcher> {
    let dir = match index {
        Some(dir) => dir.to_path_buf(),
        None => {
            let dir = PathBuf::from(DEFAULT_INDEX);
            if index_exists(&dir) && check_version(&dir).is_err() {
                eprintln!(
                    "tracuu: the index at {} was written by another version of tracuu; rebuilding it",
                    dir.display()
                );
                clear_default_index(&dir)?;
            }
            if !index_exists(&dir) {
                build_default_index(&dir)?;
            }
            dir
        }
    };
    Ok(Searcher::open(&dir)?)
}

/// Removes what the default index folder holds but its README (the folder is in git for it).
fn clear_default_index(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|name| name == "README.md") {
            continue;
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

fn build_default_index(dir: &Path) -> anyhow::Result<()> {
    let corpus = PathBuf::from(DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Err(Error::NoIndex(dir.to_path_buf())).context(format!(
            "no bundled corpus at ./{DEFAULT_CORPUS} to build it from"
        ));
    }
    eprintln!(
        "tracuu: no index at {}, building it from {}/",
        dir.display(),
        corpus.display()
    );
    let mut indexer = Indexer::open_or_create(dir)?;
    let summary = indexer.ingest_paths(&[corpus], &ReadOptions::default(), None)?;
    eprintln!("tracuu: {}", output::summary_line(&summary));
    drop(indexer);
    train_after_ingest(dir, None)?;
    Ok(())
}

/// Indexes of at most this many articles retrain their diacritics model after each ingest
/// (about 1 s of CPU per 4,000 news articles, 4 min of CPU for the 333k benchmark articles:
/// see docs/DIACRITICS.md); larger ones when asked.
const AUTO_DIACRITICS_MAX_DOCS: u64 = 50_000;

/// Retrains the diacritics model of the index in `dir` after an ingest: when `force` says
/// so, or (None) when the index is small enough. Says what it did on stderr.
fn train_after_ingest(dir: &Path, force: Option<bool>) -> anyhow::Result<()> {
    let docs = Searcher::open(dir)?.num_docs();
    let train = force.unwrap_or(docs <= AUTO_DIACRITICS_MAX_DOCS);
    if !train {
        if force.is_none() {
            eprintln!(
                "tracuu: {docs} articles: diacritics model not retrained \
                 (`tracuu diacritics train --index {}` or `ingest --diacritics`)",
                dir.display()
            );
        }
        return Ok(());
    }
    let report = crate::diacritics::train_index(dir, None, None, true)
        .with_context(|| format!("training the diacritics model of {}", dir.display()))?;
    eprintln!(
        "tracuu: diacritics model trained on {} articles in {:.1} s (vocabulary {}, {:.1} MB)",
        report.documents,
        report.seconds_counting + report.seconds_estimating,
        report.vocabulary,
        report.bytes as f64 / 1e6
    );
    Ok(())
}

fn diacritics_train(args: args::DiacriticsTrainArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut counts = if args.no_general || args.backward {
        crate::diacritics::Counts::new()
    } else {
        crate::diacritics::general_counts()
    };
    if args.order == 4 {
        counts.count_fourgrams();
    }
    if args.backward {
        counts.count_reversed();
    }
    let mut documents = 0;
    if let Some(dir) = &args.index {
        documents += crate::diacritics::add_index(&mut counts, dir)?;
    }
    documents += crate::diacritics::add_files(&mut counts, &args.train)?;
    for path in &args.words {
        documents += crate::diacritics::add_word_lines(&mut counts, path)?;
    }
    if let Some(path) = &args.counts_out {
        counts.save(path)?;
    }
    let out = match (&args.out, &args.index) {
        (Some(out), _) => out.clone(),
        (None, Some(dir)) if args.backward => dir.join(crate::diacritics::BACKWARD_MODEL_FILE),
        (None, Some(dir)) => dir.join(crate::diacritics::MODEL_FILE),
        (None, None) => anyhow::bail!("give --out FILE"),
    };
    let report = crate::diacritics::estimate_and_save(
        &counts,
        documents,
        (args.min_count, args.prune),
        &out,
        started.elapsed().as_secs_f64(),
    )?;
    print_json_or(args.json, &report, |o| {
        writeln!(
            o,
            "{}: {} documents, {} syllables counted, vocabulary {}, trigrams {} (kept {} seen ≥ {}, pruned at {}); counting {:.1} s, estimating {:.1} s; {:.1} MB",
            out.display(),
            report.documents,
            report.syllables,
            report.vocabulary,
            report.trigrams,
            report.trigrams_kept,
            report.min_count,
            report.prune,
            report.seconds_counting,
            report.seconds_estimating,
            report.bytes as f64 / 1e6
        )?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The corpus files paired with their id prefixes: none, one for all, or one per file.
fn corpus_files(args: &args::EvalRetrievalArgs) -> anyhow::Result<Vec<(PathBuf, Option<String>)>> {
    let prefixes = &args.id_prefix;
    if prefixes.len() > 1 && prefixes.len() != args.corpus.len() {
        return Err(Error::BadParameter {
            name: "id-prefix",
            message: format!(
                "{} prefixes for {} corpus files: give one, or one per file",
                prefixes.len(),
                args.corpus.len()
            ),
        }
        .into());
    }
    Ok(args
        .corpus
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let prefix = prefixes.get(i).or(prefixes.first()).cloned();
            (path.clone(), prefix)
        })
        .collect())
}

fn eval_retrieval(args: args::EvalRetrievalArgs) -> anyhow::Result<ExitCode> {
    let queries = crate::eval::read_queries(&args.queries)?;
    let qrels = crate::eval::read_qrels(&args.qrels)?;
    let files = corpus_files(&args)?;
    let report = if args.baseline {
        let tmp = tempfile::tempdir().context("creating a temporary index")?;
        let (baseline, stats) = crate::eval::Baseline::build(&tmp.path().join("index"), &files)?;
        eprintln!(
            "tracuu: baseline index of {} documents built in {:.1} s",
            stats.docs, stats.seconds
        );
        baseline.evaluate(&queries, &qrels, args.strip_diacritics)?
    } else {
        let _tmp;
        let searcher = match &args.index {
            Some(dir) => Searcher::open(dir)?,
            None => {
                let tmp = tempfile::tempdir().context("creating a temporary index")?;
                let dir = tmp.path().join("index");
                let options = crate::index::SchemaOptions { words: args.words };
                for (path, prefix) in files {
                    let mut indexer = Indexer::open_or_create_with(&dir, options)?;
                    let opts = ReadOptions { id_prefix: prefix };
                    let summary = indexer.ingest_paths(&[path], &opts, None)?;
                    if !summary.files_failed.is_empty() {
                        print_summary(&summary, false)?;
                        anyhow::bail!("the corpus could not be read");
                    }
                }
                train_after_ingest(&dir, None)?;
                _tmp = tmp;
                Searcher::open(&dir)?
            }
        };
        let searcher = if args.no_restore {
            searcher.with_diacritics(None)
        } else if let Some(path) = &args.diacritics_model {
            let model = crate::diacritics::DiacriticModel::load(path)?;
            searcher.with_diacritics(Some(std::sync::Arc::new(model)))
        } else {
            searcher
        };
        crate::eval::evaluate(&searcher, &queries, &qrels, args.strip_diacritics)?
    };
    if let Some(path) = &args.per_query {
        let mut lines = String::new();
        for q in &report.per_query {
            let rank = q.first_relevant.map(|r| r.to_string()).unwrap_or_default();
            lines.push_str(&format!("{}\t{:.4}\t{rank}\n", q.qid, q.ndcg_at_10));
        }
        std::fs::write(path, lines).with_context(|| format!("writing {}", path.display()))?;
    }
    print_json_or(args.json, &report, |out| {
        writeln!(
            out,
            "queries {}{}: nDCG@10 {:.4}  Recall@10 {:.4}  Recall@100 {:.4}  MRR@10 {:.4}  success@10 {:.4}  ({:.2} ms/query)",
            report.queries,
            if report.strip_diacritics { " (diacritics stripped)" } else { "" },
            report.ndcg_at_10,
            report.recall_at_10,
            report.recall_at_100,
            report.mrr_at_10,
            report.success_at_10,
            report.mean_ms
        )?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn eval_extract(args: args::EvalExtractArgs) -> anyhow::Result<ExitCode> {
    let report = crate::eval::evaluate_extraction(&args.raw, &args.gold)?;
    print_json_or(args.json, &report, |out| {
        writeln!(
            out,
            "pages {} (all fields right: {})",
            report.pages, report.pages_all_correct
        )?;
        for f in &report.fields {
            writeln!(
                out,
                "  {:<24} {:.3}  ({}/{})",
                f.field, f.accuracy, f.correct, f.judged
            )?;
        }
        let c = &report.document_codes;
        writeln!(
            out,
            "  document codes: precision {:.3}  recall {:.3}  F1 {:.3}  (gold {}, found {}, right {})",
            c.precision, c.recall, c.f1, c.gold, c.predicted, c.correct
        )?;
        if !report.failures.is_empty() {
            writeln!(out, "wrong: {}", report.failures.join(", "))?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn eval_diacritics(args: args::EvalDiacriticsArgs) -> anyhow::Result<ExitCode> {
    let cases = crate::eval::read_diacritics_tests(&args.test)?;
    let trains = !(args.train.is_empty() && args.words.is_empty());
    let model = match &args.model {
        Some(path) => crate::diacritics::DiacriticModel::load(path)?,
        None if !args.counts.is_empty() => {
            let started = std::time::Instant::now();
            let mut counts = crate::diacritics::Counts::load(&args.counts[0])?;
            for path in &args.counts[1..] {
                counts.merge(&crate::diacritics::Counts::load(path)?);
            }
            // The saved counts hold the general ones once already.
            if args.general_weight > 1 {
                counts.merge_scaled(
                    &crate::diacritics::general_counts(),
                    args.general_weight - 1,
                );
            }
            let (model, min_count) = estimate_with(&counts, &args);
            eprintln!(
                "tracuu: estimated from {} syllables (vocabulary {}, trigrams {}, kept {} seen ≥ {min_count}) in {:.1} s",
                counts.tokens(),
                counts.vocabulary_size(),
                counts.trigram_count(),
                model.trigram_len(),
                started.elapsed().as_secs_f64()
            );
            model
        }
        None if !trains => (*crate::diacritics::general_model()).clone(),
        None => {
            let started = std::time::Instant::now();
            let mut counts = crate::diacritics::Counts::new();
            if args.order == 4 {
                counts.count_fourgrams();
            }
            crate::diacritics::add_files(&mut counts, &args.train)?;
            if !args.no_general {
                counts.merge_scaled(&crate::diacritics::general_counts(), args.general_weight);
            }
            for path in &args.words {
                crate::diacritics::add_word_lines(&mut counts, path)?;
            }
            let counted = started.elapsed().as_secs_f64();
            let (model, min_count) = estimate_with(&counts, &args);
            eprintln!(
                "tracuu: trained on {} syllables (vocabulary {}, trigrams {}, kept {} seen ≥ {min_count}; 4-grams {}, kept {}) in {:.1} s (counting {counted:.1} s)",
                counts.tokens(),
                counts.vocabulary_size(),
                counts.trigram_count(),
                model.trigram_len(),
                counts.fourgram_count(),
                model.fourgram_len(),
                started.elapsed().as_secs_f64()
            );
            model
        }
    };
    if let Some(path) = &args.save {
        model.save(path)?;
    }
    let mut model = model.with_decoding(crate::diacritics::Decoding {
        beam: args.beam,
        first_case_weight: args.first_case_weight,
        rescore_top: args.rescore_top,
        cap_context_weight: args.cap_context_weight,
    });
    if let Some(path) = &args.backward {
        let backward = crate::diacritics::DiacriticModel::load(path)?.with_decoding(
            crate::diacritics::Decoding {
                beam: args.backward_beam,
                first_case_weight: args.first_case_weight,
                rescore_top: 0,
                cap_context_weight: args.cap_context_weight,
            },
        );
        model = model.with_backward(std::sync::Arc::new(backward), args.backward_weight);
    }
    let report = crate::eval::evaluate_diacritics(&model, &cases);
    for (restored, gold) in report.wrong.iter().take(args.show_errors) {
        eprintln!("got:  {restored}\ngold: {gold}\n");
    }
    print_json_or(args.json, &report, |out| {
        writeln!(
            out,
            "sentences {}  syllables {}: syllable accuracy {:.4}  sentence accuracy {:.4}  ({:.3} ms/sentence)",
            report.sentences,
            report.syllables,
            report.syllable_accuracy,
            report.sentence_accuracy,
            report.ms_per_sentence
        )?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Estimates a model from `counts` with the command's `--min-count` and `--prune`, or the
/// defaults for that many syllables; returns it with the count cut-off used.
fn estimate_with(
    counts: &crate::diacritics::Counts,
    args: &args::EvalDiacriticsArgs,
) -> (crate::diacritics::DiacriticModel, u32) {
    let min_count = args
        .min_count
        .unwrap_or_else(|| crate::diacritics::default_min_count(counts.tokens()));
    let prune = args
        .prune
        .unwrap_or_else(|| crate::diacritics::default_prune(counts.tokens()));
    (
        crate::diacritics::estimate_pruned(counts, min_count, prune),
        min_count,
    )
}

fn eval_segment(args: args::EvalSegmentArgs) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
    };
    let gold = read(&args.gold)?;
    let trains = !(args.train.is_empty() && args.lexicon.is_empty() && args.counts.is_empty());
    let model = if trains {
        let mut trainer = crate::text::Trainer::default();
        trainer.epochs = args.epochs;
        for path in &args.lexicon {
            trainer.add_lexicon(&read(path)?);
        }
        for path in &args.syllables {
            trainer.add_syllables(&read(path)?);
        }
        for path in &args.counts {
            trainer.add_counts(&read(path)?);
        }
        for path in &args.train {
            trainer.add_sentences(&read(path)?);
        }
        let model = trainer.train();
        if let Some(path) = &args.save {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            trainer
                .save(&model, std::io::BufWriter::new(file))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        model
    } else if let Some(path) = &args.model {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        crate::text::Segmenter::from_gzip(&bytes)
            .with_context(|| format!("cannot load segmentation model {}", path.display()))?
    } else {
        crate::text::Segmenter::bundled().clone()
    };
    let model = model.with_method(args.method);
    if let Some(path) = &args.export_tokenizer {
        let json = serde_json::to_string(&model.to_tokenizer_json())?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.output {
        let predicted = crate::eval::segment::predict_segmented(&model, &gold);
        std::fs::write(path, predicted)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let report = crate::eval::evaluate_segmenter(&model, &gold, std::time::Duration::from_secs(1));
    print_json_or(args.json, &report, |out| {
        writeln!(
            out,
            "sentences {}  words {}: precision {:.4}  recall {:.4}  F1 {:.4}  ({:.2} MB/s{})",
            report.sentences,
            report.gold_words,
            report.precision,
            report.recall,
            report.f1,
            report.mb_per_s,
            report
                .mb_per_cpu_s
                .map(|c| format!(", {c:.2} MB per CPU-second"))
                .unwrap_or_default()
        )?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn ingest(args: args::IngestArgs) -> anyhow::Result<ExitCode> {
    let dir = args
        .index
        .index
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        args.paths
    };
    for p in &paths {
        if !p.exists() {
            return Err(Error::BadParameter {
                name: "path",
                message: format!("{} does not exist", p.display()),
            }
            .into());
        }
    }
    let options = crate::index::SchemaOptions { words: args.words };
    let mut indexer = Indexer::open_or_create_with(&dir, options)
        .with_context(|| format!("cannot open index {}", dir.display()))?;
    let opts = ReadOptions {
        id_prefix: args.id_prefix,
    };
    let mut bar = ProgressBar::default();
    let summary = indexer.ingest_paths(&paths, &opts, Some(&mut bar))?;
    bar.finish();
    drop(indexer);
    let force = match (args.diacritics, args.no_diacritics) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    train_after_ingest(&dir, force)?;
    print_summary(&summary, args.json)?;
    Ok(if summary.files_failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Prints `value` as one line of JSON, or through `human` for people.
fn print_json_or<T: serde::Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce(&mut std::io::StdoutLock<'static>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, value)?;
        writeln!(out)?;
        Ok(())
    } else {
        human(&mut out)
    }
}

fn print_summary(summary: &IngestSummary, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, summary)?;
        writeln!(out)?;
        return Ok(());
    }
    for w in summary.warnings.iter().take(20) {
        eprintln!("warning: {w}");
    }
    if summary.warnings.len() > 20 {
        eprintln!("warning: … and {} more", summary.warnings.len() - 20);
    }
    for f in &summary.files_failed {
        eprintln!("error: {}: {}", f.path, f.error);
    }
    writeln!(out, "{}", output::summary_line(summary))?;
    Ok(())
}

/// An indicatif progress bar over the bytes of the files to read (hidden when stderr is not
/// a terminal).
#[derive(Default)]
struct ProgressBar {
    bar: Option<indicatif::ProgressBar>,
}

impl IngestProgress for ProgressBar {
    fn start(&mut self, files: usize, bytes: u64) {
        let bar = indicatif::ProgressBar::new(bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(format!("{files} files"));
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn docs(&mut self, indexed_so_far: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{indexed_so_far} docs"));
        }
    }

    fn file_done(&mut self, _path: &Path, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
}

impl ProgressBar {
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
