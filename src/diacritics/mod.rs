//! Diacritic restoration: "dao tao can bo" → "đào tạo cán bộ".
//!
//! An interpolated modified Kneser-Ney trigram model over lower-cased, normalized syllables
//! (`kneser_ney`), decoded by beam search over the accented forms each folded syllable was
//! seen with (`decode`). The counts (`count`) come from training sources (`sources`): news
//! files, the stored articles of an index (the corpus-adapted model an index keeps in
//! [`MODEL_FILE`]), segmented sentences and word lists. A general model, counted only from
//! shippable data, is built into the binary ([`general_model`]); corpus models start from its
//! counts, so they know the language beyond the corpus.
//!
//! ```
//! use tracuu::diacritics::{estimate, Counts};
//! let mut counts = Counts::new();
//! counts.add_text("Đào tạo cán bộ cơ sở. Cán bộ đào tạo.");
//! let model = estimate(&counts, 1);
//! assert_eq!(model.restore("dao tao can bo"), "đào tạo cán bộ");
//! assert_eq!(model.suggest("đào tao"), None); // mixed: kept as typed
//! ```

mod count;
mod decode;
mod kneser_ney;
mod lexicon;
mod model;
mod sources;
mod table;

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use serde::Serialize;

pub use count::Counts;
pub use decode::{
    Decoding, BACKWARD_BEAM, BACKWARD_WEIGHT, BEAM, CAP_CONTEXT_WEIGHT, FIRST_CASE_WEIGHT,
    RESCORE_TOP,
};
pub use kneser_ney::{estimate, estimate_pruned};
pub use model::DiacriticModel;
pub use sources::{add_article, add_files, add_index, add_word_lines};

use crate::Result;

/// File name of an index's diacritics model, in the index folder.
pub const MODEL_FILE: &str = "diacritics.model";
/// File name of an index's optional backward model (`diacritics train --backward`), in the
/// index folder: when present, it rescores the n-best of [`MODEL_FILE`]'s model.
pub const BACKWARD_MODEL_FILE: &str = "diacritics.backward.model";
/// Corpora with more syllables than this drop trigrams seen once (by default): the model
/// stays a fraction of the index's size and trains within the memory of a small machine.
pub const PRUNE_ABOVE_TOKENS: u64 = 20_000_000;

/// Counts of the general model (`data/diacritics/general.counts.gz`; see its README).
static GENERAL_COUNTS: &[u8] = include_bytes!("../../data/diacritics/general.counts.gz");

/// The counts of the general model, built into the binary.
pub fn general_counts() -> Counts {
    Counts::read(GENERAL_COUNTS, "built-in general diacritics counts")
        .expect("the built-in diacritics counts are valid")
}

/// The general model, trained only on shippable data (estimated on first use).
pub fn general_model() -> Arc<DiacriticModel> {
    static MODEL: OnceLock<Arc<DiacriticModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| Arc::new(estimate(&general_counts(), 1)))
        .clone()
}

/// The model of an index folder when it has one, else the general model.
pub fn model_for_index(dir: &Path) -> Result<Arc<DiacriticModel>> {
    let path = dir.join(MODEL_FILE);
    if !path.is_file() {
        return Ok(general_model());
    }
    let model = DiacriticModel::load(&path)?;
    let back_path = dir.join(BACKWARD_MODEL_FILE);
    if !back_path.is_file() {
        return Ok(Arc::new(model));
    }
    // A backward model that cannot be read costs its rescoring, not the forward model.
    match DiacriticModel::load(&back_path) {
        Ok(backward) => {
            let backward = backward.with_decoding(Decoding {
                beam: BACKWARD_BEAM,
                ..Decoding::default()
            });
            Ok(Arc::new(
                model.with_backward(Arc::new(backward), BACKWARD_WEIGHT),
            ))
        }
        Err(e) => {
            eprintln!("warning: {e}; restoring without the backward model");
            Ok(Arc::new(model))
        }
    }
}

/// Threshold of the weighted-difference pruning of trigrams ([`estimate_pruned`]) for a corpus
/// of this many syllables: 1 above [`PRUNE_ABOVE_TOKENS`] (a model a few % smaller at the
/// same accuracy), else none.
pub fn default_prune(tokens: u64) -> f64 {
    if tokens > PRUNE_ABOVE_TOKENS {
        1.0
    } else {
        0.0
    }
}

/// The minimum count of kept trigrams for a corpus of this many syllables: 2 above
/// [`PRUNE_ABOVE_TOKENS`], else 1. Trigrams ≥ 2 in the compact tables of format 7 take
/// less room than trigrams ≥ 3 did in format 6's (docs/DIACRITICS.md, session 6), so the
/// server stays under its 500 MB memory target.
pub fn default_min_count(tokens: u64) -> u32 {
    if tokens > PRUNE_ABOVE_TOKENS {
        2
    } else {
        1
    }
}

/// What a training run did.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    /// Documents (or lines) read.
    pub documents: u64,
    /// Syllables counted, the general counts included.
    pub syllables: u64,
    pub vocabulary: usize,
    pub trigrams: usize,
    /// Trigrams kept after pruning.
    pub trigrams_kept: usize,
    pub min_count: u32,
    /// Threshold of the weighted-difference pruning ([`estimate_pruned`]).
    pub prune: f64,
    pub seconds_counting: f64,
    pub seconds_estimating: f64,
    /// Size of the written model file.
    pub bytes: u64,
}

/// Estimates a model from counts and writes it to `out`; `min_count` None picks
/// [`default_min_count`], `prune` None [`default_prune`].
pub fn estimate_and_save(
    counts: &Counts,
    documents: u64,
    (min_count, prune): (Option<u32>, Option<f64>),
    out: &Path,
    counting: f64,
) -> Result<TrainReport> {
    let started = Instant::now();
    let syllables = counts.tokens();
    let min_count = min_count.unwrap_or_else(|| default_min_count(syllables));
    let prune = prune.unwrap_or_else(|| default_prune(syllables));
    let model = estimate_pruned(counts, min_count, prune);
    model.save(out)?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(TrainReport {
        documents,
        syllables,
        vocabulary: counts.vocabulary_size(),
        trigrams: counts.trigram_count(),
        trigrams_kept: model.trigram_len(),
        min_count,
        prune,
        seconds_counting: counting,
        seconds_estimating: started.elapsed().as_secs_f64(),
        bytes,
    })
}

/// Trains the corpus-adapted model of the index in `dir` (from the general counts unless
/// `general` is false) and writes it to `out` (the index's [`MODEL_FILE`] by default).
pub fn train_index(
    dir: &Path,
    out: Option<&Path>,
    min_count: Option<u32>,
    general: bool,
) -> Result<TrainReport> {
    let started = Instant::now();
    let mut counts = if general {
        general_counts()
    } else {
        Counts::new()
    };
    let documents = add_index(&mut counts, dir)?;
    let out = out.map_or_else(|| dir.join(MODEL_FILE), Path::to_path_buf);
    estimate_and_save(
        &counts,
        documents,
        (min_count, None),
        &out,
        started.elapsed().as_secs_f64(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_model_of_another_format_is_an_error_not_garbage() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // No model file: the general model.
        let general = model_for_index(dir).unwrap();
        assert_eq!(general.vocab_len(), general_model().vocab_len());
        let cases = [
            ("tracuu-diacritics-kn-v4\t10\n", "format v4"),
            ("tracuu-diacritics-kn-v3\t10\n", "format v3"),
            ("\u{0}\u{1}binary", "not a diacritics model"),
        ];
        for (bytes, expected) in cases {
            std::fs::write(dir.join(MODEL_FILE), bytes).unwrap();
            let err = model_for_index(dir).expect_err(bytes).to_string();
            assert!(err.contains(expected), "file {bytes:?}: {err}");
        }
    }

    #[test]
    fn an_index_backward_model_is_used_when_present() {
        let mut forward = Counts::new();
        let mut backward = Counts::new();
        backward.count_reversed();
        for counts in [&mut forward, &mut backward] {
            counts.add_text("Đào tạo cán bộ cơ sở. Bồi dưỡng cán bộ.");
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        estimate(&forward, 1).save(&dir.join(MODEL_FILE)).unwrap();
        let cases = [(false, "dao tao can bo"), (true, "dao tao can bo")];
        for (with_backward, input) in cases {
            if with_backward {
                let back = estimate(&backward, 1);
                back.save(&dir.join(BACKWARD_MODEL_FILE)).unwrap();
            }
            let model = model_for_index(dir).unwrap();
            assert_eq!(
                model.backward().is_some(),
                with_backward,
                "backward file {with_backward}"
            );
            assert_eq!(
                model.restore(input),
                "đào tạo cán bộ",
                "backward file {with_backward}, input {input:?}"
            );
        }
        // A backward file that cannot be read leaves the forward model in use.
        std::fs::write(
            dir.join(BACKWARD_MODEL_FILE),
            "tracuu-diacritics-kn-v4\t10\n",
        )
        .unwrap();
        let model = model_for_index(dir).expect("the forward model despite a bad backward file");
        assert!(model.backward().is_none());
        assert_eq!(model.restore("dao tao can bo"), "đào tạo cán bộ");
    }

    #[test]
    fn defaults_grow_with_the_corpus() {
        let cases = [(1_000u64, 1, 0.0), (PRUNE_ABOVE_TOKENS + 1, 2, 1.0)];
        for (tokens, min_count, prune) in cases {
            assert_eq!(default_min_count(tokens), min_count, "{tokens} syllables");
            assert_eq!(default_prune(tokens), prune, "{tokens} syllables");
        }
    }
}
