//! Diacritic restoration: "dao tao can bo" → "đào tạo cán bộ".
//!
//! A syllable trigram language model with stupid backoff (Brants et al. 2007) over
//! lower-cased, normalized syllables, decoded with a second-order Viterbi search over the
//! accented forms each folded syllable was seen with. Syllables the user typed with
//! diacritics are kept as typed, so mixed queries keep what the user wrote.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use crate::text::{fold, has_diacritics, normalize};
use crate::{Error, Result};

/// Backoff factor of stupid backoff.
const BACKOFF: f64 = 0.4;
/// Sentinel id for the start of a sequence.
const BOS: u32 = 0;
/// Most accented candidates considered per syllable (the most frequent).
const MAX_CANDIDATES: usize = 12;
/// File format tag of a saved model.
const MAGIC: &str = "tracuu-diacritics-v1";

/// Counts of syllable unigrams, bigrams and trigrams.
#[derive(Debug, Default, Clone)]
pub struct DiacriticModel {
    vocab: Vec<String>,
    ids: HashMap<String, u32>,
    unigrams: Vec<u32>,
    bigrams: HashMap<u64, u32>,
    trigrams: HashMap<u64, u32>,
    total: u64,
    /// Folded syllable → ids of its accented forms, most frequent first (built on demand).
    candidates: HashMap<String, Vec<u32>>,
}

fn key2(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn key3(a: u32, b: u32, c: u32) -> u64 {
    // 21 bits an id: vocabularies beyond 2M syllables share keys (harmless collisions).
    (u64::from(a & 0x1F_FFFF) << 42) | (u64::from(b & 0x1F_FFFF) << 21) | u64::from(c & 0x1F_FFFF)
}

/// Splits text into runs of letter syllables; punctuation, digits and symbols end a run.
fn syllable_runs(text: &str) -> Vec<Vec<String>> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush_word = |word: &mut String, run: &mut Vec<String>| {
        if !word.is_empty() {
            run.push(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c) {
            word.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            flush_word(&mut word, &mut run);
        } else {
            flush_word(&mut word, &mut run);
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
    }
    flush_word(&mut word, &mut run);
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

impl DiacriticModel {
    /// An empty model.
    pub fn new() -> DiacriticModel {
        let mut m = DiacriticModel::default();
        m.intern("<s>");
        m
    }

    fn intern(&mut self, syllable: &str) -> u32 {
        if let Some(&id) = self.ids.get(syllable) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(syllable.to_string());
        self.ids.insert(syllable.to_string(), id);
        self.unigrams.push(0);
        id
    }

    /// Number of distinct syllables seen.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len().saturating_sub(1)
    }

    /// Adds the syllable n-grams of a text (normalized first).
    pub fn train(&mut self, text: &str) {
        for run in syllable_runs(&normalize(text)) {
            let (mut u, mut v) = (BOS, BOS);
            for syllable in &run {
                let w = self.intern(syllable);
                self.unigrams[w as usize] += 1;
                self.total += 1;
                *self.bigrams.entry(key2(v, w)).or_default() += 1;
                *self.trigrams.entry(key3(u, v, w)).or_default() += 1;
                u = v;
                v = w;
            }
        }
        self.candidates.clear();
    }

    /// Drops n-grams seen fewer than `min_count` times, to bound memory on large corpora.
    pub fn prune(&mut self, min_count: u32) {
        self.bigrams.retain(|_, c| *c >= min_count);
        self.trigrams.retain(|_, c| *c >= min_count);
    }

    fn build_candidates(&mut self) {
        if !self.candidates.is_empty() {
            return;
        }
        let mut map: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, syllable) in self.vocab.iter().enumerate().skip(1) {
            map.entry(fold(syllable)).or_default().push(id as u32);
        }
        for ids in map.values_mut() {
            ids.sort_by_key(|&id| std::cmp::Reverse(self.unigrams[id as usize]));
            ids.truncate(MAX_CANDIDATES);
        }
        self.candidates = map;
    }

    fn unigram_score(&self, w: u32) -> f64 {
        let c = self.unigrams.get(w as usize).copied().unwrap_or(0) as f64;
        ((c + 0.1) / (self.total as f64 + 1.0)).ln()
    }

    /// log score of `w` after `u v` with stupid backoff.
    fn score(&self, u: u32, v: u32, w: u32) -> f64 {
        if let Some(&c3) = self.trigrams.get(&key3(u, v, w)) {
            if let Some(&c2) = self.bigrams.get(&key2(u, v)) {
                return (c3 as f64 / c2 as f64).ln();
            }
        }
        if let Some(&c2) = self.bigrams.get(&key2(v, w)) {
            let c1 = if v == BOS {
                self.total as f64
            } else {
                self.unigrams[v as usize] as f64
            };
            if c1 > 0.0 {
                return BACKOFF.ln() + (c2 as f64 / c1).ln();
            }
        }
        2.0 * BACKOFF.ln() + self.unigram_score(w)
    }

    /// Restores the diacritics of a text. Syllables typed with diacritics, unknown syllables,
    /// punctuation and spacing are kept; the case of each syllable is kept.
    pub fn restore(&mut self, text: &str) -> String {
        self.build_candidates();
        let text = normalize(text);
        // Spans of letters (with their byte range), decoded run by run.
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut last = 0;
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut chars = text.char_indices().peekable();
        let mut spans: Vec<Vec<(usize, usize)>> = Vec::new();
        while let Some((i, c)) = chars.next() {
            if c.is_alphabetic() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&d) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                run.push((i, end));
            } else if !c.is_whitespace() && !run.is_empty() {
                spans.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            spans.push(run);
        }
        for span in spans {
            let words: Vec<&str> = span.iter().map(|&(a, b)| &text[a..b]).collect();
            let restored = self.decode(&words);
            for ((a, b), r) in span.iter().zip(restored) {
                out.push_str(&text[last..*a]);
                out.push_str(&r);
                last = *b;
            }
        }
        out.push_str(&text[last..]);
        out
    }

    /// Best accented sequence for a run of syllables (second-order Viterbi).
    fn decode(&self, words: &[&str]) -> Vec<String> {
        // Candidates per position: (id or None for "keep as typed", lower-case text).
        let cands: Vec<Vec<(Option<u32>, String)>> = words
            .iter()
            .map(|w| {
                let lower = w.to_lowercase();
                if has_diacritics(&lower) {
                    return vec![(self.ids.get(&lower).copied(), lower)];
                }
                match self.candidates.get(&lower) {
                    Some(ids) if !ids.is_empty() => ids
                        .iter()
                        .map(|&id| (Some(id), self.vocab[id as usize].clone()))
                        .collect(),
                    _ => vec![(self.ids.get(&lower).copied(), lower)],
                }
            })
            .collect();
        let id_of = |c: &(Option<u32>, String)| c.0.unwrap_or(u32::MAX);
        let score = |u: u32, v: u32, w: u32| -> f64 {
            if w == u32::MAX {
                // Unknown syllable: a constant penalty, same for every path through it.
                return -20.0;
            }
            let u = if u == u32::MAX { BOS } else { u };
            let v = if v == u32::MAX { BOS } else { v };
            self.score(u, v, w)
        };
        // dp[(a, b)] = (best score ending with candidates a at i-1 and b at i, backpointers).
        let n = words.len();
        let mut back: Vec<Vec<Vec<usize>>> = Vec::with_capacity(n);
        // Position 0: previous "candidate" is BOS (index 0 of a virtual list).
        let mut dp: Vec<Vec<f64>> =
            vec![cands[0].iter().map(|c| score(BOS, BOS, id_of(c))).collect()];
        back.push(vec![vec![0; cands[0].len()]]);
        for i in 1..n {
            let mut next = vec![vec![f64::NEG_INFINITY; cands[i].len()]; cands[i - 1].len()];
            let mut bp = vec![vec![0usize; cands[i].len()]; cands[i - 1].len()];
            for (a, ca) in cands[i - 1].iter().enumerate() {
                for (b, cb) in cands[i].iter().enumerate() {
                    for (z, row) in dp.iter().enumerate() {
                        let prev = row[a];
                        if prev == f64::NEG_INFINITY {
                            continue;
                        }
                        let u = if i >= 2 { id_of(&cands[i - 2][z]) } else { BOS };
                        let s = prev + score(u, id_of(ca), id_of(cb));
                        if s > next[a][b] {
                            next[a][b] = s;
                            bp[a][b] = z;
                        }
                    }
                }
            }
            dp = next;
            back.push(bp);
        }
        // Best final state.
        let (mut a, mut b, mut best) = (0usize, 0usize, f64::NEG_INFINITY);
        for (za, row) in dp.iter().enumerate() {
            for (zb, &s) in row.iter().enumerate() {
                if s > best {
                    best = s;
                    a = za;
                    b = zb;
                }
            }
        }
        let mut picks = vec![0usize; n];
        picks[n - 1] = b;
        if n >= 2 {
            picks[n - 2] = a;
            for i in (2..n).rev() {
                let z = back[i][picks[i - 1]][picks[i]];
                picks[i - 2] = z;
            }
        }
        words
            .iter()
            .zip(picks)
            .enumerate()
            .map(|(i, (w, p))| with_case_of(w, &cands[i][p].1))
            .collect()
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io)?;
        let mut w = BufWriter::new(file);
        writeln!(w, "{MAGIC}\t{}\t{}", self.vocab.len(), self.total).map_err(io)?;
        for (s, c) in self.vocab.iter().zip(&self.unigrams) {
            writeln!(w, "{s}\t{c}").map_err(io)?;
        }
        for table in [&self.bigrams, &self.trigrams] {
            writeln!(w, "{}", table.len()).map_err(io)?;
            let mut buf = Vec::with_capacity(table.len() * 12);
            for (k, c) in table {
                buf.extend_from_slice(&k.to_le_bytes());
                buf.extend_from_slice(&c.to_le_bytes());
            }
            w.write_all(&buf).map_err(io)?;
        }
        w.flush().map_err(io)
    }

    /// Reads a model written by [`DiacriticModel::save`].
    pub fn load(path: &Path) -> Result<DiacriticModel> {
        let bad = |message: &str| Error::BadInput {
            path: path.display().to_string(),
            message: message.to_string(),
        };
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let mut r = BufReader::new(file);
        let mut line = String::new();
        r.read_line(&mut line).map_err(io)?;
        let head: Vec<&str> = line.trim_end().split('\t').collect();
        let (n, total) = match head.as_slice() {
            [m, n, t] if *m == MAGIC => (
                n.parse::<usize>().map_err(|_| bad("bad vocabulary size"))?,
                t.parse::<u64>().map_err(|_| bad("bad total"))?,
            ),
            _ => return Err(bad("not a diacritics model")),
        };
        let mut m = DiacriticModel {
            total,
            ..Default::default()
        };
        for _ in 0..n {
            line.clear();
            r.read_line(&mut line).map_err(io)?;
            let (s, c) = line
                .trim_end_matches('\n')
                .split_once('\t')
                .ok_or_else(|| bad("bad vocabulary line"))?;
            let id = m.vocab.len() as u32;
            m.vocab.push(s.to_string());
            m.ids.insert(s.to_string(), id);
            m.unigrams
                .push(c.parse().map_err(|_| bad("bad unigram count"))?);
        }
        for table in [&mut m.bigrams, &mut m.trigrams] {
            line.clear();
            r.read_line(&mut line).map_err(io)?;
            let len: usize = line.trim().parse().map_err(|_| bad("bad table size"))?;
            let mut buf = vec![0u8; len * 12];
            r.read_exact(&mut buf).map_err(io)?;
            table.reserve(len);
            for chunk in buf.chunks_exact(12) {
                let mut k = [0u8; 8];
                k.copy_from_slice(&chunk[..8]);
                let mut c = [0u8; 4];
                c.copy_from_slice(&chunk[8..]);
                table.insert(u64::from_le_bytes(k), u32::from_le_bytes(c));
            }
        }
        Ok(m)
    }
}

/// `target` with the capitalization of `typed` (all caps, first letter, or lower).
fn with_case_of(typed: &str, target: &str) -> String {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_upper {
        return target.to_uppercase();
    }
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = target.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    target.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_model() -> DiacriticModel {
        let mut m = DiacriticModel::new();
        for _ in 0..3 {
            m.train("Tỉnh quan tâm đào tạo cán bộ cơ sở. Đào tạo, bồi dưỡng cán bộ.");
            m.train("Ban thường vụ tỉnh ủy chỉ đạo công tác cán bộ.");
        }
        m.train("Người dân mang dao ra bờ sông, cạn nước thì cắt tảo.");
        m
    }

    #[test]
    fn restores_with_context() {
        let mut m = toy_model();
        let cases = [
            ("dao tao can bo co so", "đào tạo cán bộ cơ sở"),
            ("Dao tao can bo", "Đào tạo cán bộ"),
            ("DAO TAO", "ĐÀO TẠO"),
            ("cong tac can bo, co so", "công tác cán bộ, cơ sở"),
            ("đào tao can bo", "đào tạo cán bộ"),
            ("xyz dao tao", "xyz đào tạo"),
            ("", ""),
            ("2021: dao tao", "2021: đào tạo"),
        ];
        for (input, expected) in cases {
            assert_eq!(m.restore(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn save_and_load_round_trip() {
        let m = toy_model();
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("model");
        m.save(&path).unwrap();
        let mut loaded = DiacriticModel::load(&path).unwrap();
        assert_eq!(loaded.vocabulary_size(), m.vocabulary_size());
        assert_eq!(loaded.restore("dao tao can bo"), "đào tạo cán bộ");
        std::fs::write(&path, "garbage").unwrap();
        assert!(DiacriticModel::load(&path).is_err());
    }
}
