//! The estimated model: syllables, their accented candidates, the interpolated
//! probabilities, and the model file.

use std::collections::HashMap;
use std::io::{BufRead, BufWriter, Write};
use std::sync::Arc;

use memmap2::Mmap;
use std::path::Path;

use super::count::{hash4, key2, key3, key4, CAP_CONTEXTS, EOS};
use super::decode::Decoding;
use super::lexicon::Lexicon;
use super::table::{NgramTable, TableFormat};
use crate::text::fold;
use crate::{Error, Result};

/// Largest vocabulary a model file may declare (a corrupt size must not allocate wildly).
const MAX_VOCABULARY: usize = 1 << 26;
/// Most accented candidates considered per syllable (the most frequent).
pub const MAX_CANDIDATES: usize = 16;
/// File format tag of a saved model: [`MAGIC_PREFIX`] and the format version. Format 7 is
/// format 6 with compact n-gram tables (4-byte slots, see [`super::table`]).
const MAGIC: &str = "tracuu-diacritics-kn-v7";
/// Format 6: wide n-gram tables (6-byte slots; still read and, for tests, written).
const MAGIC_V6: &str = "tracuu-diacritics-kn-v6";
/// Format 5: format 6 without the neighbour contexts of Capitalized syllables (still read;
/// its model decodes without them).
const MAGIC_V5: &str = "tracuu-diacritics-kn-v5";
/// Step of the 8-bit quantization of the log-probabilities of the contexts of Capitalized
/// syllables: −ln p in steps of 0.05 (p down to 3e-6; rounding error ≤ 0.025).
const CAP_CONTEXT_STEP: f64 = 0.05;
/// What every version's tag starts with.
const MAGIC_PREFIX: &str = "tracuu-diacritics-kn-v";
/// Per-syllable f32 values in a model file: unigram, backoff, 3 case and 3 run-initial case.
const FLOATS_PER_SYLLABLE: usize = 8;

/// What an estimation produces (see [`DiacriticModel`]'s fields).
pub(crate) struct Parts {
    pub vocab: Vec<String>,
    pub freq: Vec<u32>,
    pub unigram: Vec<f32>,
    pub backoff2: Vec<f32>,
    pub bigrams: NgramTable,
    pub backoff3: NgramTable,
    pub trigrams: NgramTable,
    pub backoff4: NgramTable,
    pub fourgrams: NgramTable,
    pub case: Vec<[f32; 3]>,
    pub case_first: Vec<[f32; 3]>,
    pub cap_context: Vec<[u8; CAP_CONTEXTS]>,
}

/// A log-probability in 8 bits (see [`CAP_CONTEXT_STEP`]).
pub(crate) fn quantize_logp(logp: f64) -> u8 {
    (-logp / CAP_CONTEXT_STEP).round().clamp(0.0, 255.0) as u8
}

/// An interpolated Kneser-Ney trigram model over lower-cased syllables.
#[derive(Debug, Clone, Default)]
pub struct DiacriticModel {
    vocab: Lexicon,
    /// Ids sorted by syllable (lookups by text).
    by_text: Vec<u32>,
    /// Raw count of each syllable (orders the candidates).
    freq: Vec<u32>,
    unigram: Vec<f32>,
    /// Backoff weight of each syllable as a bigram context.
    backoff2: Vec<f32>,
    bigrams: NgramTable,
    /// Backoff weight of each pair as a trigram context.
    backoff3: NgramTable,
    trigrams: NgramTable,
    /// Backoff weight of each triple as a 4-gram context (empty for a trigram model).
    backoff4: NgramTable,
    /// 4-grams by [`super::count::hash4`] key.
    fourgrams: NgramTable,
    /// Per syllable, log P(written lower-case, Capitalized, UPPER-CASE | syllable).
    case: Vec<[f32; 3]>,
    /// Per syllable, the same first in a run (where a capital says less).
    case_first: Vec<[f32; 3]>,
    /// Per syllable, log P(neighbours' case | syllable Capitalized) over the
    /// [`cap_context`](super::count::cap_context)s, quantized (empty for a format-5 model).
    cap_context: Vec<[u8; CAP_CONTEXTS]>,
    /// Folded syllables, sorted; the forms of the i-th are
    /// `fold_ids[fold_starts[i]..fold_starts[i + 1]]`, most frequent first.
    folds: Lexicon,
    fold_starts: Vec<u32>,
    fold_ids: Vec<u32>,
    decoding: Decoding,
    /// Id of the end-of-run symbol (None: a model trained without it).
    eos: Option<u32>,
    /// A backward model rescoring the n-best, and its weight.
    backward: Option<(Arc<DiacriticModel>, f64)>,
}

impl DiacriticModel {
    pub(crate) fn from_parts(parts: Parts) -> DiacriticModel {
        let Parts {
            vocab,
            freq,
            unigram,
            backoff2,
            bigrams,
            backoff3,
            trigrams,
            backoff4,
            fourgrams,
            case,
            case_first,
            cap_context,
        } = parts;
        let mut m = DiacriticModel {
            vocab: Lexicon::new(vocab.iter().map(String::as_str)),
            by_text: Vec::new(),
            freq,
            unigram,
            backoff2,
            bigrams,
            backoff3,
            trigrams,
            backoff4,
            fourgrams,
            case,
            case_first,
            cap_context,
            folds: Lexicon::default(),
            fold_starts: Vec::new(),
            fold_ids: Vec::new(),
            decoding: Decoding::default(),
            eos: None,
            backward: None,
        };
        m.index();
        m
    }

    fn index(&mut self) {
        self.by_text = self.vocab.sorted_order();
        self.eos = self.id(EOS);
        let mut map: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, s) in self.vocab.iter().enumerate().skip(1) {
            map.entry(fold(s)).or_default().push(id as u32);
        }
        let mut folds: Vec<(String, Vec<u32>)> = map.into_iter().collect();
        folds.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.fold_starts = Vec::with_capacity(folds.len() + 1);
        self.fold_ids = Vec::with_capacity(self.vocab.len());
        self.fold_starts.push(0);
        for (_, ids) in &mut folds {
            ids.sort_by_key(|&id| std::cmp::Reverse(self.freq[id as usize]));
            ids.truncate(MAX_CANDIDATES);
            self.fold_ids.extend_from_slice(ids);
            self.fold_starts.push(self.fold_ids.len() as u32);
        }
        self.fold_ids.shrink_to_fit();
        self.folds = Lexicon::new(folds.iter().map(|(f, _)| f.as_str()));
    }

    /// The model decoding with these settings.
    pub fn with_decoding(mut self, decoding: Decoding) -> DiacriticModel {
        self.decoding = Decoding {
            beam: decoding.beam.max(1),
            ..decoding
        };
        self
    }

    /// The model rescoring its n-best with a backward model (trained on runs read right to
    /// left), its log-probability times `weight` added.
    pub fn with_backward(mut self, backward: Arc<DiacriticModel>, weight: f64) -> DiacriticModel {
        self.backward = Some((backward, weight));
        self
    }

    /// The backward model and its weight.
    pub(crate) fn backward(&self) -> Option<(&DiacriticModel, f64)> {
        self.backward.as_ref().map(|(m, w)| (m.as_ref(), *w))
    }

    /// The decoding settings.
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// Syllables known (the start symbol included).
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// Trigrams kept.
    pub fn trigram_len(&self) -> usize {
        self.trigrams.len()
    }

    /// Id of a lower-case syllable.
    pub(crate) fn id(&self, syllable: &str) -> Option<u32> {
        self.vocab.find(&self.by_text, syllable)
    }

    /// Id of the end-of-run symbol, when the model has it.
    pub(crate) fn eos(&self) -> Option<u32> {
        self.eos
    }

    /// Text of an id.
    pub(crate) fn syllable(&self, id: u32) -> &str {
        self.vocab.get(id as usize)
    }

    /// Ids of the forms a folded lower-case syllable was seen with.
    pub(crate) fn candidates(&self, folded: &str) -> Option<&[u32]> {
        let at = self.folds.find_sorted(folded).map(|i| i as usize)?;
        let ids = &self.fold_ids[self.fold_starts[at] as usize..self.fold_starts[at + 1] as usize];
        (!ids.is_empty()).then_some(ids)
    }

    /// log P(case class | syllable), see [`super::count::case_class`].
    pub(crate) fn case_logp(&self, w: u32, class: usize) -> f64 {
        self.case
            .get(w as usize)
            .map_or(0.0, |c| f64::from(c[class]))
    }

    /// log P(case class | syllable, first in its run).
    pub(crate) fn case_first_logp(&self, w: u32, class: usize) -> f64 {
        self.case_first
            .get(w as usize)
            .map_or(0.0, |c| f64::from(c[class]))
    }

    /// log P(the neighbours' case context | syllable Capitalized, first in its run or not):
    /// 0 for a model without these statistics.
    pub(crate) fn cap_context_logp(&self, w: u32, context: usize) -> f64 {
        self.cap_context
            .get(w as usize)
            .map_or(0.0, |c| -f64::from(c[context]) * CAP_CONTEXT_STEP)
    }

    /// The backoff weight of a trigram context (None: never seen).
    pub(crate) fn backoff3(&self, u: u32, v: u32) -> Option<f64> {
        self.backoff3.get(key2(u, v)).map(f64::from)
    }

    /// Whether the model has 4-grams.
    pub(crate) fn has_fourgrams(&self) -> bool {
        !self.fourgrams.is_empty()
    }

    /// 4-grams kept.
    pub fn fourgram_len(&self) -> usize {
        self.fourgrams.len()
    }

    /// P(w | t u v) from P(w | u v) (`lower`): the 4-gram term interpolated on top.
    pub(crate) fn prob4(&self, t: u32, u: u32, v: u32, w: u32, lower: f64) -> f64 {
        match self.backoff4.get(key3(t, u, v)) {
            None => lower,
            Some(b) => {
                let p = self
                    .fourgrams
                    .get(hash4(key4(t, u, v, w)))
                    .map_or(0.0, f64::from);
                p + f64::from(b) * lower
            }
        }
    }

    /// The discounted trigram term of P(w | u v).
    pub(crate) fn trigram(&self, u: u32, v: u32, w: u32) -> f64 {
        self.trigrams.get(key3(u, v, w)).map_or(0.0, f64::from)
    }

    pub(crate) fn prob2(&self, v: u32, w: u32) -> f64 {
        let p1 = f64::from(self.unigram[w as usize]);
        let b = f64::from(self.backoff2[v as usize]);
        let p = self.bigrams.get(key2(v, w)).map_or(0.0, f64::from);
        p + b * p1
    }

    /// P(w | u v); `None` for an unknown syllable in the history, which cuts it there.
    pub fn prob(&self, u: Option<u32>, v: Option<u32>, w: u32) -> f64 {
        let Some(v) = v else {
            return f64::from(self.unigram[w as usize]);
        };
        let lower = self.prob2(v, w);
        let Some(u) = u else {
            return lower;
        };
        match self.backoff3.get(key2(u, v)) {
            None => lower,
            Some(b) => {
                let p = self.trigrams.get(key3(u, v, w)).map_or(0.0, f64::from);
                p + f64::from(b) * lower
            }
        }
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        // Written beside and renamed over: a model being read in place (memory-mapped by
        // `load`) keeps its old file until it is dropped.
        let tmp = path.with_extension("model.tmp");
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = BufWriter::new(file);
        let tables = [
            &self.bigrams,
            &self.backoff3,
            &self.trigrams,
            &self.backoff4,
            &self.fourgrams,
        ];
        let format = self.bigrams.format();
        if tables.iter().any(|t| t.format() != format) {
            return Err(Error::BadInput {
                path: path.display().to_string(),
                message: "a model whose n-gram tables differ in layout".to_string(),
            });
        }
        let magic = match format {
            TableFormat::Compact => MAGIC,
            TableFormat::Wide => MAGIC_V6,
        };
        writeln!(w, "{magic}\t{}", self.vocab.len()).map_err(io)?;
        for (s, c) in self.vocab.iter().zip(&self.freq) {
            writeln!(w, "{s}\t{c}").map_err(io)?;
        }
        let mut floats = Vec::with_capacity(self.vocab.len() * 4 * FLOATS_PER_SYLLABLE);
        let case = self.case.iter().flat_map(|c| c.iter());
        let case_first = self.case_first.iter().flat_map(|c| c.iter());
        let all = self.unigram.iter().chain(&self.backoff2).chain(case);
        for x in all.chain(case_first) {
            floats.extend_from_slice(&x.to_le_bytes());
        }
        w.write_all(&floats).map_err(io)?;
        let mut contexts = vec![[0u8; CAP_CONTEXTS]; self.vocab.len()];
        contexts[..self.cap_context.len()].copy_from_slice(&self.cap_context);
        w.write_all(contexts.as_flattened()).map_err(io)?;
        for table in tables {
            table.write(&mut w).map_err(io)?;
        }
        w.flush().map_err(io)?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Reads a model written by [`DiacriticModel::save`]. The n-gram tables are read in place
    /// from the memory-mapped file: a model of hundreds of MB costs resident memory only for
    /// the pages its lookups touch.
    pub fn load(path: &Path) -> Result<DiacriticModel> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // SAFETY: `save` never rewrites a model file in place: it writes another file and
        // renames it over, so the mapped file stays as it was while mapped.
        let map = Arc::new(unsafe { Mmap::map(&file) }.map_err(io)?);
        let origin = path.display().to_string();
        let mut rest: &[u8] = &map[..];
        let (head, format) = Self::read_head(&mut rest, &origin)?;
        let bad = || Error::BadInput {
            path: origin.clone(),
            message: "truncated table".to_string(),
        };
        let mut at = map.len() - rest.len();
        let mut tables = Vec::with_capacity(5);
        for _ in 0..5 {
            let (table, end) = NgramTable::read_mapped(&map, at, format).map_err(|_| bad())?;
            tables.push(table);
            at = end;
        }
        Ok(head.with_tables(tables))
    }

    /// Reads a model from bytes written by [`DiacriticModel::save`].
    pub fn read(r: &mut dyn BufRead, origin: &str) -> Result<DiacriticModel> {
        let (head, format) = Self::read_head(r, origin)?;
        let mut tables = Vec::with_capacity(5);
        for _ in 0..5 {
            tables.push(NgramTable::read(r, format).map_err(|_| Error::BadInput {
                path: origin.to_string(),
                message: "truncated table".to_string(),
            })?);
        }
        Ok(head.with_tables(tables))
    }

    /// Reads the part of a model before its n-gram tables.
    fn read_head(r: &mut dyn BufRead, origin: &str) -> Result<(Head, TableFormat)> {
        let bad = |message: &str| Error::BadInput {
            path: origin.to_string(),
            message: message.to_string(),
        };
        let mut line = String::new();
        r.read_line(&mut line)
            .map_err(|_| bad("not a diacritics model"))?;
        let version = |m: &'static str| &m[MAGIC_PREFIX.len() - 1..];
        let (n, with_contexts, format) = match line.trim_end().split_once('\t') {
            Some((m, n)) if m == MAGIC || m == MAGIC_V6 || m == MAGIC_V5 => (
                n.parse::<usize>()
                    .ok()
                    .filter(|&n| n <= MAX_VOCABULARY)
                    .ok_or_else(|| bad("bad vocabulary size"))?,
                m != MAGIC_V5,
                if m == MAGIC {
                    TableFormat::Compact
                } else {
                    TableFormat::Wide
                },
            ),
            Some((m, _)) if m.starts_with(MAGIC_PREFIX) => {
                return Err(bad(&format!(
                    "diacritics model format {}, this tracuu reads formats {}, {} and {} \
                     (retrain it: `tracuu diacritics train`)",
                    &m[MAGIC_PREFIX.len() - 1..],
                    version(MAGIC_V5),
                    version(MAGIC_V6),
                    version(MAGIC)
                )))
            }
            _ => {
                return Err(bad(
                    "not a diacritics model (retrain it: `tracuu diacritics train`)",
                ))
            }
        };
        let mut vocab = Vec::with_capacity(n);
        let mut freq = Vec::with_capacity(n);
        for _ in 0..n {
            line.clear();
            r.read_line(&mut line).map_err(|_| bad("truncated"))?;
            let (s, c) = line
                .trim_end_matches('\n')
                .split_once('\t')
                .ok_or_else(|| bad("bad vocabulary line"))?;
            vocab.push(s.to_string());
            freq.push(c.parse().map_err(|_| bad("bad count"))?);
        }
        let mut buf = vec![0u8; n * 4 * FLOATS_PER_SYLLABLE];
        r.read_exact(&mut buf).map_err(|_| bad("truncated"))?;
        let floats: Vec<f32> = buf
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        let (unigram, rest) = floats.split_at(n);
        let (backoff2, rest) = rest.split_at(n);
        let (case, case_first) = rest.split_at(3 * n);
        let triples = |x: &[f32]| x.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
        let (case, case_first) = (triples(case), triples(case_first));
        let mut cap_context = Vec::new();
        if with_contexts {
            let mut buf = vec![0u8; n * CAP_CONTEXTS];
            r.read_exact(&mut buf).map_err(|_| bad("truncated"))?;
            cap_context = buf
                .chunks_exact(CAP_CONTEXTS)
                .map(|c| c.try_into().expect("CAP_CONTEXTS bytes"))
                .collect();
        }
        let head = Head {
            vocab,
            freq,
            unigram: unigram.to_vec(),
            backoff2: backoff2.to_vec(),
            case,
            case_first,
            cap_context,
        };
        Ok((head, format))
    }
}

/// A model file's vocabulary and per-syllable arrays, read before its tables.
struct Head {
    vocab: Vec<String>,
    freq: Vec<u32>,
    unigram: Vec<f32>,
    backoff2: Vec<f32>,
    case: Vec<[f32; 3]>,
    case_first: Vec<[f32; 3]>,
    cap_context: Vec<[u8; CAP_CONTEXTS]>,
}

impl Head {
    /// The model, given its five tables in file order.
    fn with_tables(self, tables: Vec<NgramTable>) -> DiacriticModel {
        let [bigrams, backoff3, trigrams, backoff4, fourgrams]: [NgramTable; 5] = tables
            .try_into()
            .expect("five tables, in the order `save` writes them");
        DiacriticModel::from_parts(Parts {
            vocab: self.vocab,
            freq: self.freq,
            unigram: self.unigram,
            backoff2: self.backoff2,
            bigrams,
            backoff3,
            trigrams,
            backoff4,
            fourgrams,
            case: self.case,
            case_first: self.case_first,
            cap_context: self.cap_context,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::kneser_ney::estimate_in;
    use super::super::Counts;
    use super::*;

    #[test]
    fn other_format_versions_are_refused_with_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("model");
        let cases = [
            (
                "tracuu-diacritics-kn-v4\t3\n",
                "format v4, this tracuu reads formats v5, v6 and v7",
            ),
            (
                "tracuu-diacritics-kn-v9\t3\n",
                "format v9, this tracuu reads formats v5, v6 and v7",
            ),
            ("tracuu-diacritics-kn\t3\n", "not a diacritics model"),
            ("garbage", "not a diacritics model"),
            ("", "not a diacritics model"),
            (
                "tracuu-diacritics-kn-v5\t99999999999\n",
                "bad vocabulary size",
            ),
            ("tracuu-diacritics-kn-v5\t2\n<s>\t0\na\t1\n", "truncated"),
            ("tracuu-diacritics-kn-v6\t2\n<s>\t0\na\t1\n", "truncated"),
            ("tracuu-diacritics-kn-v7\t2\n<s>\t0\na\t1\n", "truncated"),
        ];
        for (bytes, expected) in cases {
            std::fs::write(&path, bytes).unwrap();
            let err = DiacriticModel::load(&path).expect_err(bytes).to_string();
            assert!(err.contains(expected), "file {bytes:?}: {err}");
            let err = DiacriticModel::read(&mut bytes.as_bytes(), "x").expect_err(bytes);
            assert!(err.to_string().contains(expected), "read {bytes:?}: {err}");
        }
    }

    #[test]
    fn a_format_5_model_is_read_without_the_capital_contexts() {
        let mut counts = Counts::new();
        counts.add_text("Thủ tướng nói với Thu. Ông Thu về, cầu thủ ghi bàn.");
        let m = estimate_in(&counts, 1, 0.0, TableFormat::Wide);
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("model");
        m.save(&path).unwrap();
        assert!(std::fs::read(&path)
            .unwrap()
            .starts_with(MAGIC_V6.as_bytes()));
        // Format 5 is format 6 without the per-syllable context bytes after the floats.
        let bytes = std::fs::read(&path).unwrap();
        let n = m.vocab_len();
        let text_end = bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(n)
            .map(|(i, _)| i + 1)
            .unwrap();
        let floats_end = text_end + n * 4 * FLOATS_PER_SYLLABLE;
        let mut v5 = bytes[..text_end].to_vec();
        v5.splice(..MAGIC_V6.len(), MAGIC_V5.bytes());
        v5.extend_from_slice(&bytes[text_end..floats_end]);
        v5.extend_from_slice(&bytes[floats_end + n * CAP_CONTEXTS..]);
        std::fs::write(&path, &v5).unwrap();
        let old = DiacriticModel::load(&path).unwrap();
        let thu = m.id("thu").unwrap();
        assert!(m.cap_context_logp(thu, 5) < 0.0);
        assert_eq!(old.cap_context_logp(thu, 5), 0.0);
        let (a, b) = (m.prob(None, None, thu), old.prob(None, None, thu));
        assert!((a - b).abs() <= 1e-3 * a, "P(thu): {a} then {b}");
        assert_eq!(old.restore("cau thu ghi ban"), "cầu thủ ghi bàn");
    }

    #[test]
    fn a_saved_model_reads_back_the_same_probabilities() {
        let mut counts = Counts::new();
        for text in [
            "Đào tạo cán bộ cơ sở.",
            "Cán bộ đào tạo, bồi dưỡng cán bộ cơ sở.",
        ] {
            counts.add_text(text);
        }
        for (format, magic) in [(TableFormat::Compact, MAGIC), (TableFormat::Wide, MAGIC_V6)] {
            let m = estimate_in(&counts, 1, 0.0, format);
            let tmp = tempfile::tempdir().unwrap();
            let path = tmp.path().join("model");
            m.save(&path).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            assert!(bytes.starts_with(magic.as_bytes()), "{format:?}");
            let back = DiacriticModel::load(&path).unwrap();
            let read = DiacriticModel::read(&mut bytes.as_slice(), "x").unwrap();
            assert_same(&m, &back, &format!("{format:?}, loaded"));
            assert_same(&m, &read, &format!("{format:?}, read"));
        }
        // The compact tables of a model of the same counts are smaller.
        let sizes = [TableFormat::Compact, TableFormat::Wide].map(|format| {
            let tmp = tempfile::tempdir().unwrap();
            let path = tmp.path().join("model");
            estimate_in(&counts, 1, 0.0, format).save(&path).unwrap();
            std::fs::metadata(&path).unwrap().len()
        });
        assert!(sizes[0] < sizes[1] + 5 * 1024, "{sizes:?}");
    }

    fn assert_same(m: &DiacriticModel, back: &DiacriticModel, what: &str) {
        let n = m.vocab_len() as u32;
        for u in 0..n {
            for v in 1..n {
                for w in 1..n {
                    let (a, b) = (m.prob(Some(u), Some(v), w), back.prob(Some(u), Some(v), w));
                    assert!(
                        (a - b).abs() <= 1e-3 * a,
                        "{what}: P({w} | {u} {v}): {a} then {b}"
                    );
                }
            }
        }
        for w in 1..n {
            for k in 0..CAP_CONTEXTS {
                let (a, b) = (m.cap_context_logp(w, k), back.cap_context_logp(w, k));
                assert_eq!(a, b, "{what}: context {k} of {w}");
            }
            for class in 0..3 {
                let pairs = [
                    (m.case_logp(w, class), back.case_logp(w, class)),
                    (m.case_first_logp(w, class), back.case_first_logp(w, class)),
                ];
                for (a, b) in pairs {
                    assert_eq!(a, b, "{what}: case {class} of {w}");
                }
            }
        }
    }
}
