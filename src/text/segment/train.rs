//! Training a [`Segmenter`] from segmented text, lexicons and word counts.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use super::model::{mix, syllable_hash, word_hash, Method, Segmenter, Sentence};
use crate::text::normalize::normalize_into;

/// Reads segmented text, one sentence a line, words separated by spaces, the syllables of a
/// word joined by `_` (`chủ_tịch xã`). Returns each sentence's words, each word its syllables.
/// A token that is only underscores is one syllable.
pub fn read_segmented(text: &str) -> Vec<Vec<Vec<&str>>> {
    text.lines()
        .map(|line| {
            line.split_whitespace()
                .map(|token| {
                    let parts: Vec<&str> = token.split('_').filter(|p| !p.is_empty()).collect();
                    if parts.is_empty() {
                        vec![token]
                    } else {
                        parts
                    }
                })
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .collect()
}

/// Folds of the gold sentences for the unigram readings the perceptron trains on.
const FOLDS: usize = 5;

/// Collects training material and trains a [`Segmenter`].
#[derive(Debug, Clone)]
pub struct Trainer {
    lexicon: BTreeSet<String>,
    syllables: BTreeSet<String>,
    /// Gold sentences: per gap, whether it lies inside a word, and the syllables.
    sentences: Vec<(Vec<String>, Vec<bool>)>,
    counts: HashMap<String, u64>,
    /// Passes over the training sentences.
    pub epochs: usize,
    /// log2 of the size of the hashed weight table.
    pub bits: u32,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer {
            lexicon: BTreeSet::new(),
            syllables: BTreeSet::new(),
            sentences: Vec::new(),
            counts: HashMap::new(),
            epochs: 8,
            bits: 21,
        }
    }
}

/// Normalized, lower-cased syllables of a word, separated by single spaces.
fn key(word: &str) -> String {
    let mut buf = String::new();
    normalize_into(word, &mut buf);
    buf.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Trainer {
    /// Adds a word list, one word a line, syllables separated by spaces. Words of more
    /// than one syllable feed the lexicon features; all feed the unigram counts once.
    pub fn add_lexicon(&mut self, text: &str) {
        for line in text.lines() {
            let k = key(line);
            if k.is_empty() || k.chars().any(|c| !(c.is_alphanumeric() || c == ' ')) {
                continue;
            }
            *self.counts.entry(k.clone()).or_default() += 1;
            if k.contains(' ') {
                self.lexicon.insert(k);
            }
        }
    }

    /// Adds a list of known syllables, one a line.
    pub fn add_syllables(&mut self, text: &str) {
        for line in text.lines() {
            let k = key(line);
            if !k.is_empty() && !k.contains(' ') {
                self.syllables.insert(k);
            }
        }
    }

    /// Adds gold segmented sentences (see [`read_segmented`]): perceptron examples and
    /// unigram counts.
    pub fn add_sentences(&mut self, text: &str) {
        for words in read_segmented(text) {
            let mut syllables = Vec::new();
            let mut joins = Vec::new();
            for word in &words {
                for (i, s) in word.iter().enumerate() {
                    if !syllables.is_empty() {
                        joins.push(i > 0);
                    }
                    syllables.push(s.to_string());
                }
            }
            self.sentences.push((syllables, joins));
        }
    }

    /// Adds word counts: `word TAB count` lines, syllables joined by `_` or spaces; lines
    /// starting with `#` are skipped.
    pub fn add_counts(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((w, c)) = line.rsplit_once('\t') {
                if let Ok(c) = c.trim().parse::<u64>() {
                    let k = key(w);
                    if !k.is_empty() {
                        *self.counts.entry(k).or_default() += c;
                    }
                }
            }
        }
    }

    /// Number of gold sentences added.
    pub fn sentences(&self) -> usize {
        self.sentences.len()
    }

    /// Trains the unigram model and the perceptron.
    pub fn train(&self) -> Segmenter {
        let mut model = Segmenter::empty(Method::Perceptron, self.bits);
        let mut buf = String::new();
        for w in &self.lexicon {
            if let Some((h, _)) = word_hash(w, &mut buf) {
                model.lexicon.insert(h);
            }
        }
        for s in &self.syllables {
            model.syllables.insert(syllable_hash(s, &mut buf));
        }
        if self.sentences.is_empty() {
            model.set_unigram(self.unigram_counts(|_| true));
            return model.with_method(Method::Unigram);
        }
        // The perceptron learns how far to trust the unigram model's reading, so it must see
        // readings as wrong as on new text: each fold's from a model without that fold.
        // Folds by content, so that a sentence given twice (to weigh a source more) never
        // informs its own reading.
        let fold_of: Vec<usize> = self
            .sentences
            .iter()
            .map(|(syllables, _)| {
                let h = syllables
                    .iter()
                    .fold(0u64, |h, s| mix(h, syllable_hash(s, &mut buf)));
                (h % FOLDS as u64) as usize
            })
            .collect();
        let mut uni_joins = vec![Vec::new(); self.sentences.len()];
        let mut sentence = Sentence::default();
        for fold in 0..FOLDS {
            let mut fold_model = model.clone();
            fold_model.set_unigram(self.unigram_counts(|i| fold_of[i] != fold));
            for (i, (syllables, _)) in self.sentences.iter().enumerate() {
                if fold_of[i] == fold {
                    let refs: Vec<&str> = syllables.iter().map(String::as_str).collect();
                    sentence.fill(&refs, &model.syllables);
                    sentence.look_up(refs.len(), &fold_model.unigram, false);
                    uni_joins[i] = fold_model.viterbi_joins(&sentence, refs.len());
                }
            }
        }
        model.set_unigram(self.unigram_counts(|_| true));
        self.train_perceptron(&mut model, &uni_joins);
        model
    }

    /// Word counts of the lexicons and count files, plus those of the gold sentences `keep`
    /// accepts (by index).
    fn unigram_counts(&self, keep: impl Fn(usize) -> bool) -> Vec<(String, u64)> {
        let mut counts = self.counts.clone();
        for (i, (syllables, joins)) in self.sentences.iter().enumerate() {
            if !keep(i) {
                continue;
            }
            let mut start = 0;
            for end in 0..syllables.len() {
                if end == joins.len() || !joins[end] {
                    *counts
                        .entry(key(&syllables[start..=end].join(" ")))
                        .or_default() += 1;
                    start = end + 1;
                }
            }
        }
        counts.into_iter().collect()
    }

    /// Averaged perceptron, decoding greedily left to right as at run time, so that the
    /// previous-decision feature sees the model's own mistakes.
    fn train_perceptron(&self, model: &mut Segmenter, uni_joins: &[Vec<bool>]) {
        let size = 1usize << self.bits;
        let mask = model.mask;
        let mut w = vec![0f32; size];
        // Sum of updates weighted by their time, for the average without copying the weights.
        let mut u = vec![0f64; size];
        let mut c = 1f64;
        let mut order: Vec<usize> = (0..self.sentences.len()).collect();
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut sentence = Sentence::default();
        let mut feats = Vec::new();
        for _ in 0..self.epochs {
            for k in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(k, (rng % (k as u64 + 1)) as usize);
            }
            for &i in &order {
                let (syllables, joins) = &self.sentences[i];
                let refs: Vec<&str> = syllables.iter().map(String::as_str).collect();
                sentence.fill(&refs, &model.syllables);
                sentence.look_up(refs.len(), &model.unigram, false);
                sentence.set_unigram_joins(&uni_joins[i]);
                let mut prev = false;
                for (gap, &gold) in joins.iter().enumerate() {
                    model.features(&sentence, gap, prev, &mut feats);
                    let score: f32 = feats.iter().map(|&f| w[(f & mask) as usize]).sum();
                    let predicted = score > 0.0;
                    if predicted != gold {
                        let y = if gold { 1.0 } else { -1.0 };
                        for &f in &feats {
                            let idx = (f & mask) as usize;
                            w[idx] += y;
                            u[idx] += y as f64 * c;
                        }
                    }
                    c += 1.0;
                    prev = predicted;
                }
            }
        }
        let avg: Vec<f32> = w
            .iter()
            .zip(&u)
            .map(|(w, u)| (*w as f64 - u / c) as f32)
            .collect();
        let max = avg.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = 32767.0 / max;
        model.weights = avg
            .iter()
            .map(|x| (x * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
    }

    /// Writes `model` (trained by this trainer) gzip-compressed.
    pub fn save(&self, model: &Segmenter, w: impl Write) -> io::Result<()> {
        let lexicon: Vec<String> = self.lexicon.iter().cloned().collect();
        let syllables: Vec<String> = self.syllables.iter().cloned().collect();
        let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::best());
        model.write(&lexicon, &syllables, &mut gz)?;
        gz.finish()?.flush()
    }
}
