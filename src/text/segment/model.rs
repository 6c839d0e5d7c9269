//! The segmenter: syllable keys, the perceptron's features, Viterbi over the unigram model,
//! and the model file.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, BufRead, Write};
use std::ops::Range;

use super::syllable_spans;
use crate::text::normalize::normalize_into;

/// Which decoder a [`Segmenter`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Averaged perceptron over syllable gaps (more accurate).
    #[default]
    Perceptron,
    /// Viterbi over a unigram language model of words.
    Unigram,
}

impl std::str::FromStr for Method {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "perceptron" => Ok(Method::Perceptron),
            "unigram" => Ok(Method::Unigram),
            _ => Err(format!(
                "unknown method {s:?} (expected perceptron or unigram)"
            )),
        }
    }
}

/// Keys are already well-mixed 64-bit hashes: hashing them again would only cost time.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdBuild = BuildHasherDefault<IdHasher>;
pub(crate) type HashSet64 = HashSet<u64, IdBuild>;
pub(crate) type HashMap64<V> = HashMap<u64, V, IdBuild>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const BOS: u64 = 0x1d8e_4e27_c47d_124f;
const EOS: u64 = 0x7a3c_1f02_9b5e_66d1;
/// Longest word, in syllables, the unigram model and the lexicon features consider.
pub(crate) const MAX_WORD: usize = 6;

/// Mixes two hashes (splitmix64 finalizer over a rotation), so that (a, b) ≠ (b, a).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(23) ^ b.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a syllable's normalized, lower-cased spelling; `buf` is reused between calls.
pub(crate) fn syllable_hash(syllable: &str, buf: &mut String) -> u64 {
    buf.clear();
    normalize_into(syllable, buf);
    let mut h = FNV_OFFSET;
    for c in buf.chars().flat_map(char::to_lowercase) {
        h = (h ^ c as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hash of a word given as space-separated syllables (lexicon entries, unigram words).
pub(crate) fn word_hash(word: &str, buf: &mut String) -> Option<(u64, usize)> {
    let mut h = 0;
    let mut n = 0;
    for s in word.split_whitespace() {
        let sh = syllable_hash(s, buf);
        h = if n == 0 { sh } else { mix(h, sh) };
        n += 1;
    }
    (n > 0).then_some((h, n))
}

/// Shape classes: what a syllable looks like, whatever it says.
const LOWER: u8 = 0;
const CAPITALIZED: u8 = 1;
const ALL_CAPS: u8 = 2;
const NUMBER: u8 = 3;
const PUNCT: u8 = 4;
/// Added to the shape when the syllable is in the list of Vietnamese syllables.
const KNOWN: u8 = 8;
const SENTINEL: u8 = 16;

fn shape_of(s: &str) -> u8 {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return PUNCT;
    };
    if first.is_numeric() {
        NUMBER
    } else if !first.is_alphanumeric() {
        PUNCT
    } else if first.is_uppercase() {
        if s.chars().filter(|c| c.is_alphabetic()).count() > 1
            && s.chars().all(|c| !c.is_lowercase())
        {
            ALL_CAPS
        } else {
            CAPITALIZED
        }
    } else {
        LOWER
    }
}

/// A word segmenter: the model and its decoder. See the [module docs](super).
#[derive(Clone)]
pub struct Segmenter {
    pub(crate) method: Method,
    /// Words of the external lexicons (hashes of their syllable sequences).
    pub(crate) lexicon: HashSet64,
    /// Known Vietnamese syllables.
    pub(crate) syllables: HashSet64,
    /// Unigram log-probabilities of words, and whether they are in the lexicon.
    pub(crate) unigram: HashMap64<Word>,
    /// The unigram words and counts, kept for saving and the `tokenizer.json` export.
    pub(crate) unigram_words: Vec<(String, u64)>,
    pub(crate) unk_logp: f32,
    /// Quantized perceptron weights, indexed by feature hash & `mask`.
    pub(crate) weights: Vec<i16>,
    pub(crate) mask: u64,
    /// Whether `unigram` holds every start of two or more syllables of a longer word (see
    /// [`Segmenter::index_prefixes`]), which lets lookups stop early.
    pub(crate) prefixes: bool,
}

/// A summary: the weight table is millions of numbers.
impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("method", &self.method)
            .field("lexicon", &self.lexicon.len())
            .field("syllables", &self.syllables.len())
            .field("unigram_words", &self.unigram_words.len())
            .field("weights", &self.weights.len())
            .finish()
    }
}

/// What the model knows of a sequence of syllables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Unigram log-probability; -∞ when not a unigram word.
    logp: f32,
    /// In the external lexicons.
    lexicon: bool,
    /// The start of a longer word of the model (set by [`Segmenter::index_prefixes`]).
    longer: bool,
}

const UNKNOWN: Word = Word {
    logp: f32::NEG_INFINITY,
    lexicon: false,
    longer: false,
};

/// Per-sentence working data: syllable hashes and shapes, padded with two sentinels on each
/// side so that features never test bounds.
#[derive(Default, Clone)]
pub(crate) struct Sentence {
    pub(crate) hash: Vec<u64>,
    pub(crate) shape: Vec<u8>,
    /// Per gap (padded like the syllables): 0 when the unigram model's best segmentation
    /// splits there, else the length of its word across the gap (at most 7).
    pub(crate) uni: Vec<u8>,
    /// `words[start * MAX_WORD + len - 1]`: what the model knows of syllables
    /// `start..start + len`, looked up once per sentence.
    words: Vec<Word>,
    buf: String,
    /// Hash and shape of syllables seen before, by their spelling as given: normalizing
    /// and lower-casing is most of the cost of a syllable otherwise.
    seen: HashMap<String, (u64, u8), IdBuild>,
}

/// Syllables [`Sentence::fill`] remembers at most (a few megabytes), then starts over.
const MAX_SEEN: usize = 100_000;

const PAD: usize = 2;

impl Sentence {
    pub(crate) fn fill(&mut self, syllables: &[&str], known: &HashSet64) {
        self.hash.clear();
        self.shape.clear();
        for _ in 0..PAD {
            self.hash.push(BOS);
            self.shape.push(SENTINEL);
        }
        for s in syllables {
            let (h, shape) = match self.seen.get(*s) {
                Some(&seen) => seen,
                None => {
                    let h = syllable_hash(s, &mut self.buf);
                    let mut shape = shape_of(s);
                    if known.contains(&h) {
                        shape |= KNOWN;
                    }
                    if self.seen.len() >= MAX_SEEN {
                        self.seen.clear();
                    }
                    self.seen.insert(s.to_string(), (h, shape));
                    (h, shape)
                }
            };
            self.hash.push(h);
            self.shape.push(shape);
        }
        for _ in 0..PAD + MAX_WORD {
            self.hash.push(EOS);
            self.shape.push(SENTINEL);
        }
    }

    /// Sets the unigram view of each gap from the unigram model's joins.
    pub(crate) fn set_unigram_joins(&mut self, joins: &[bool]) {
        self.uni.clear();
        self.uni.resize(joins.len() + 2 * PAD + 1, 0);
        let mut start = 0;
        for end in 0..=joins.len() {
            if end == joins.len() || !joins[end] {
                let len = (end + 1 - start).min(7) as u8;
                for gap in start..end {
                    self.uni[gap + PAD] = len;
                }
                start = end + 1;
            }
        }
    }

    /// Looks up every span of up to [`MAX_WORD`] syllables of the `n` syllables. With
    /// `prefixes` (every start of a longer word is in `words`, [`Segmenter::index_prefixes`]),
    /// a span of two or more syllables that starts no word ends the search from its start.
    pub(crate) fn look_up(&mut self, n: usize, words: &HashMap64<Word>, prefixes: bool) {
        self.words.clear();
        self.words.resize(n * MAX_WORD, UNKNOWN);
        for start in 0..n {
            let mut h = self.hash[start + PAD];
            for len in 1..=MAX_WORD.min(n - start) {
                if len > 1 {
                    h = mix(h, self.hash[start + len - 1 + PAD]);
                }
                match words.get(&h) {
                    Some(w) => {
                        self.words[start * MAX_WORD + len - 1] = *w;
                        if prefixes && len > 1 && !w.longer {
                            break;
                        }
                    }
                    None if prefixes && len > 1 => break,
                    None => {}
                }
            }
        }
    }

    /// What the model knows of syllables `start..start + len` (unknown past the end).
    #[inline]
    fn word(&self, start: usize, len: usize) -> Word {
        self.words
            .get(start * MAX_WORD + len - 1)
            .copied()
            .unwrap_or(UNKNOWN)
    }

    #[inline]
    fn in_lexicon(&self, start: usize, len: usize) -> bool {
        self.word(start, len).lexicon
    }
}

impl Segmenter {
    /// An empty model of the given method: every syllable a word, until trained.
    pub(crate) fn empty(method: Method, bits: u32) -> Self {
        Segmenter {
            method,
            lexicon: HashSet64::default(),
            syllables: HashSet64::default(),
            unigram: HashMap64::default(),
            unigram_words: Vec::new(),
            unk_logp: -20.0,
            weights: vec![0; 1 << bits],
            mask: (1u64 << bits) - 1,
            prefixes: false,
        }
    }

    /// The decoder in use.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The same model with another decoder.
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Groups syllables into words. Returns one range of syllable indices per word; the
    /// ranges tile `0..syllables.len()` in order.
    ///
    /// ```
    /// use tracuu::text::Segmenter;
    /// let words = Segmenter::bundled().segment(&["chủ", "tịch", "xã"]);
    /// assert_eq!(words, vec![0..2, 2..3]);
    /// ```
    pub fn segment(&self, syllables: &[&str]) -> Vec<Range<usize>> {
        let mut sentence = Sentence::default();
        let mut out = Vec::new();
        self.segment_into(syllables, &mut sentence, &mut out);
        out
    }

    /// [`segment`](Self::segment) reusing buffers: what an indexing loop should call.
    pub(crate) fn segment_into(
        &self,
        syllables: &[&str],
        sentence: &mut Sentence,
        out: &mut Vec<Range<usize>>,
    ) {
        out.clear();
        if syllables.is_empty() {
            return;
        }
        sentence.fill(syllables, &self.syllables);
        sentence.look_up(syllables.len(), &self.unigram, self.prefixes);
        let joins = match self.method {
            Method::Perceptron => self.perceptron_joins(sentence, syllables.len()),
            Method::Unigram => self.viterbi_joins(sentence, syllables.len()),
        };
        let mut start = 0;
        for (gap, join) in joins.iter().enumerate() {
            if !join {
                out.push(start..gap + 1);
                start = gap + 1;
            }
        }
        out.push(start..syllables.len());
    }

    /// Segments running text: syllables are found by [`syllable_spans`]; each word is the
    /// original text from its first syllable to its last (inner spaces kept).
    ///
    /// ```
    /// use tracuu::text::Segmenter;
    /// let words = Segmenter::bundled().segment_text("Ủy ban nhân dân tỉnh Kon Tum.");
    /// assert_eq!(words, ["Ủy ban nhân dân", "tỉnh", "Kon Tum", "."]);
    /// ```
    pub fn segment_text(&self, text: &str) -> Vec<String> {
        let spans = syllable_spans(text);
        let syllables: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        self.segment(&syllables)
            .into_iter()
            .map(|w| text[spans[w.start].start..spans[w.end - 1].end].to_string())
            .collect()
    }

    /// For each of the `n - 1` gaps: true when the two syllables belong to one word.
    fn perceptron_joins(&self, s: &mut Sentence, n: usize) -> Vec<bool> {
        let uni = self.viterbi_joins(s, n);
        s.set_unigram_joins(&uni);
        let mut joins = Vec::with_capacity(n.saturating_sub(1));
        let mut feats = Vec::with_capacity(48);
        let mut prev = false;
        for gap in 0..n.saturating_sub(1) {
            self.features(s, gap, prev, &mut feats);
            let score: i32 = feats
                .iter()
                .map(|&f| self.weights[(f & self.mask) as usize] as i32)
                .sum();
            prev = score > 0;
            joins.push(prev);
        }
        joins
    }

    /// Feature hashes of the gap after syllable `gap`. `prev`: whether the previous gap joined.
    /// `s.uni` must be set ([`Sentence::set_unigram_joins`]).
    pub(crate) fn features(&self, s: &Sentence, gap: usize, prev: bool, out: &mut Vec<u64>) {
        out.clear();
        let i = gap + PAD;
        let (a, b, c, d) = (s.hash[i - 1], s.hash[i], s.hash[i + 1], s.hash[i + 2]);
        let (sa, sb, sc, sd) = (
            s.shape[i - 1] as u64,
            s.shape[i] as u64,
            s.shape[i + 1] as u64,
            s.shape[i + 2] as u64,
        );
        let t = |n: u64| n.wrapping_mul(0x2545_f491_4f6c_dd1d);
        out.push(t(1));
        out.push(mix(t(2), b));
        out.push(mix(t(3), c));
        out.push(mix(t(4), a));
        out.push(mix(t(5), d));
        out.push(mix(mix(t(6), a), b));
        let bc = mix(mix(t(7), b), c);
        out.push(bc);
        out.push(mix(mix(t(8), c), d));
        out.push(mix(mix(mix(t(9), a), b), c));
        out.push(mix(mix(mix(t(10), b), c), d));
        out.push(mix(t(11), sa | sb << 8 | sc << 16 | sd << 24));
        out.push(mix(t(12), sb | sc << 8));
        out.push(mix(mix(t(13), b), sc));
        out.push(mix(mix(t(14), c), sb));
        out.push(mix(t(15), prev as u64 | sb << 8 | sc << 16));
        out.push(mix(bc, prev as u64 + 1));
        // Lexicon: which known words contain this gap, and which end right before it or start
        // right after it (a competing reading).
        let gap_at = gap + 1; // index of the syllable after the gap
        let mut bits = 0u64;
        let mut bit = 0;
        for len in 2..=MAX_WORD {
            // `before`: syllables of the word before the gap.
            for before in 1..len {
                if gap_at >= before && s.in_lexicon(gap_at - before, len) {
                    bits |= 1 << bit;
                    out.push(mix(t(16), (len * 8 + before) as u64));
                }
                bit += 1;
            }
        }
        out.push(mix(t(17), bits));
        let mut left = 0u64;
        for len in 2..=MAX_WORD.min(gap_at) {
            if s.in_lexicon(gap_at - len, len) {
                left = len as u64;
            }
        }
        let mut right = 0u64;
        for len in 2..=MAX_WORD {
            if s.in_lexicon(gap_at, len) {
                right = len as u64;
            }
        }
        out.push(mix(t(18), left | right << 8 | ((bits != 0) as u64) << 16));
        out.push(mix(t(19), (bits & 1) | sb << 8 | sc << 16));
        // The unigram model's reading (trained on other folds of the data when training).
        let u = s.uni[i] as u64;
        out.push(mix(t(20), u));
        out.push(mix(t(21), u | sb << 8 | sc << 16));
        out.push(mix(bc, 16 + u));
        out.push(mix(
            t(22),
            s.uni[i - 1] as u64 | u << 8 | (s.uni[i + 1] as u64) << 16,
        ));
        out.push(mix(t(25), prev as u64 | u << 8));
    }

    /// For each gap: true when the most probable sequence of words joins across it.
    pub(crate) fn viterbi_joins(&self, s: &Sentence, n: usize) -> Vec<bool> {
        // best[j]: log-probability of the best segmentation of syllables 0..j; back[j]: the
        // length of its last word.
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back = vec![1usize; n + 1];
        best[0] = 0.0;
        for j in 1..=n {
            for len in 1..=MAX_WORD.min(j) {
                let start = j - len;
                let lp = s.word(start, len).logp;
                let score = if lp > f32::NEG_INFINITY {
                    lp
                } else if len == 1 {
                    self.unk_logp
                } else if self.is_name(s, start, j) {
                    self.unk_logp + 2.0
                } else {
                    continue;
                };
                let total = best[start] + score;
                if total > best[j] {
                    best[j] = total;
                    back[j] = len;
                }
            }
        }
        let mut joins = vec![true; n.saturating_sub(1)];
        let mut j = n;
        while j > 0 {
            let start = j - back[j].clamp(1, j);
            if start > 0 {
                joins[start - 1] = false;
            }
            j = start;
        }
        joins
    }

    /// Capitalized syllables in a row, not at the start of the sentence: a proper name
    /// (`Kon Plông`, `Đăk Tô`) the unigram model may not know.
    fn is_name(&self, s: &Sentence, start: usize, end: usize) -> bool {
        start > 0 && (start..end).all(|k| matches!(s.shape[k + PAD] & 7, CAPITALIZED | ALL_CAPS))
    }

    /// Sets the unigram model from word counts (words as space-separated syllables).
    pub(crate) fn set_unigram(&mut self, mut words: Vec<(String, u64)>) {
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let total: u64 = words.iter().map(|w| w.1).sum::<u64>().max(1);
        let ln_total = (total as f64).ln();
        let mut buf = String::new();
        self.unigram.clear();
        for (word, count) in &words {
            if let Some((h, _)) = word_hash(word, &mut buf) {
                let logp = ((*count as f64).ln() - ln_total) as f32;
                self.unigram.entry(h).or_insert(Word {
                    logp,
                    lexicon: false,
                    longer: false,
                });
            }
        }
        for &h in &self.lexicon {
            self.unigram.entry(h).or_insert(UNKNOWN).lexicon = true;
        }
        self.unk_logp = (-ln_total - 3.0) as f32;
        self.unigram_words = words;
    }

    /// Adds to `unigram` every start of two or more syllables of a longer word of the unigram
    /// model or of `lexicon` (marked `longer`), so that [`Sentence::look_up`] can stop
    /// extending a span as soon as no word starts with it. Changes no segmentation.
    pub(crate) fn index_prefixes(&mut self, lexicon: &[String]) {
        let mut buf = String::new();
        let words: Vec<String> = self.unigram_words.iter().map(|(w, _)| w.clone()).collect();
        for word in lexicon.iter().chain(&words) {
            let mut h = 0;
            let syllables: Vec<&str> = word.split_whitespace().collect();
            for (k, syl) in syllables.iter().enumerate().take(MAX_WORD) {
                let sh = syllable_hash(syl, &mut buf);
                h = if k == 0 { sh } else { mix(h, sh) };
                if k >= 1 && k + 1 < syllables.len().min(MAX_WORD) {
                    self.unigram.entry(h).or_insert(UNKNOWN).longer = true;
                }
            }
        }
        self.prefixes = true;
    }

    /// Reads a gzip-compressed model file.
    pub fn from_gzip(bytes: &[u8]) -> io::Result<Self> {
        Self::from_reader(io::BufReader::new(flate2::read::GzDecoder::new(bytes)))
    }

    /// Reads a model: a text header and sections (`lexicon N`, `syllables N`, `unigram N`,
    /// one entry a line), then `weights BITS` and 2^BITS little-endian i16 weights.
    pub fn from_reader(mut r: impl BufRead) -> io::Result<Self> {
        let bad = |m: String| io::Error::new(io::ErrorKind::InvalidData, m);
        let mut line = String::new();
        r.read_line(&mut line)?;
        if line.trim_end() != "tracuu-segment 1" {
            return Err(bad(format!(
                "not a segmentation model: {:?}",
                line.trim_end()
            )));
        }
        let mut model = Segmenter::empty(Method::Perceptron, 1);
        let mut buf = String::new();
        let mut lexicon = Vec::new();
        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 {
                return Err(bad("missing weights section".into()));
            }
            let mut head = line.split_whitespace();
            let (Some(name), Some(n)) = (head.next(), head.next().and_then(|n| n.parse().ok()))
            else {
                return Err(bad(format!("bad section header {:?}", line.trim_end())));
            };
            let name = name.to_string();
            if name == "weights" {
                let bits: u32 = n;
                if bits > 26 {
                    return Err(bad(format!("weights table too large: 2^{bits}")));
                }
                let mut bytes = vec![0u8; 2 << bits];
                r.read_exact(&mut bytes)?;
                model.weights = bytes
                    .chunks_exact(2)
                    .map(|b| i16::from_le_bytes([b[0], b[1]]))
                    .collect();
                model.mask = (1u64 << bits) - 1;
                model.index_prefixes(&lexicon);
                return Ok(model);
            }
            let mut words = Vec::new();
            for _ in 0..n {
                line.clear();
                if r.read_line(&mut line)? == 0 {
                    return Err(bad(format!("section {name} ends early")));
                }
                let entry = line.trim_end_matches(['\n', '\r']);
                match name.as_str() {
                    "lexicon" => {
                        if let Some((h, _)) = word_hash(entry, &mut buf) {
                            model.lexicon.insert(h);
                            lexicon.push(entry.to_string());
                        }
                    }
                    "syllables" => {
                        model.syllables.insert(syllable_hash(entry, &mut buf));
                    }
                    "unigram" => {
                        let (w, c) = entry
                            .rsplit_once('\t')
                            .and_then(|(w, c)| Some((w, c.parse::<u64>().ok()?)))
                            .ok_or_else(|| bad(format!("bad unigram entry {entry:?}")))?;
                        words.push((w.to_string(), c));
                    }
                    _ => return Err(bad(format!("unknown section {name}"))),
                }
            }
            if name == "unigram" {
                model.set_unigram(words);
            }
        }
    }

    /// Writes the model in the format [`from_reader`](Self::from_reader) reads.
    /// `lexicon` and `syllables` are the source lists (the model keeps only hashes).
    pub(crate) fn write(
        &self,
        lexicon: &[String],
        syllables: &[String],
        mut w: impl Write,
    ) -> io::Result<()> {
        writeln!(w, "tracuu-segment 1")?;
        writeln!(w, "lexicon {}", lexicon.len())?;
        for word in lexicon {
            writeln!(w, "{word}")?;
        }
        writeln!(w, "syllables {}", syllables.len())?;
        for s in syllables {
            writeln!(w, "{s}")?;
        }
        writeln!(w, "unigram {}", self.unigram_words.len())?;
        for (word, count) in &self.unigram_words {
            writeln!(w, "{word}\t{count}")?;
        }
        writeln!(w, "weights {}", self.mask.count_ones())?;
        let bytes: Vec<u8> = self.weights.iter().flat_map(|x| x.to_le_bytes()).collect();
        w.write_all(&bytes)
    }

    /// The unigram model as a Hugging Face `tokenizer.json` (a `Unigram` model whose pieces
    /// are `▁`-prefixed words with `▁` between syllables, after a lower-casing normalizer and
    /// a non-splitting `Metaspace` pre-tokenizer), loadable by `tokenizers.Tokenizer.from_file`.
    pub fn to_tokenizer_json(&self) -> serde_json::Value {
        let total: u64 = self.unigram_words.iter().map(|w| w.1).sum::<u64>().max(1);
        let ln_total = (total as f64).ln();
        let mut seen = HashSet::new();
        let mut vocab = vec![serde_json::json!(["<unk>", 0.0])];
        // A bare separator lets an unknown syllable become `▁` + `<unk>` instead of failing.
        vocab.push(serde_json::json!(["▁", self.unk_logp]));
        for (word, count) in &self.unigram_words {
            let piece: String = word
                .split_whitespace()
                .flat_map(|s| std::iter::once("▁".to_string()).chain(lower(s)))
                .collect();
            if seen.insert(piece.clone()) {
                vocab.push(serde_json::json!([piece, (*count as f64).ln() - ln_total]));
            }
        }
        // What `normalize` does, as far as the library's normalizers can: NFC, lower case,
        // Ð → đ, and the traditional tone placement in open `oa`, `oe`, `uy` (`hoá` → `hóa`,
        // but `hoán` stays).
        let mut normalizers = vec![
            serde_json::json!({"type": "NFC"}),
            serde_json::json!({"type": "Lowercase"}),
            serde_json::json!({"type": "Replace", "pattern": {"String": "ð"}, "content": "đ"}),
        ];
        for (new_first, new_second, moved) in [
            ("o", "a", "áàảãạ"),
            ("o", "e", "éèẻẽẹ"),
            ("u", "y", "ýỳỷỹỵ"),
        ] {
            let marked_first = match new_first {
                "o" => "óòỏõọ",
                _ => "úùủũụ",
            };
            for (tone_on_second, tone_on_first) in moved.chars().zip(marked_first.chars()) {
                vocab_rule(
                    &mut normalizers,
                    new_first,
                    new_second,
                    tone_on_second,
                    tone_on_first,
                );
            }
        }
        serde_json::json!({
            "version": "1.0",
            "truncation": null,
            "padding": null,
            "added_tokens": [],
            "normalizer": {"type": "Sequence", "normalizers": normalizers},
            "pre_tokenizer": {"type": "Metaspace", "replacement": "▁",
                "prepend_scheme": "always", "split": false},
            "post_processor": null,
            "decoder": {"type": "Metaspace", "replacement": "▁",
                "prepend_scheme": "always", "split": false},
            "model": {"type": "Unigram", "unk_id": 0, "vocab": vocab, "byte_fallback": false}
        })
    }
}

/// A `Replace` normalizer moving the tone of an open `first second` pair from the second vowel
/// to the first (`oá` → `óa` when no letter follows).
fn vocab_rule(
    out: &mut Vec<serde_json::Value>,
    first: &str,
    second: &str,
    tone_on_second: char,
    tone_on_first: char,
) {
    // `qu` is a consonant: `quý` keeps its tone where it is.
    out.push(serde_json::json!({
        "type": "Replace",
        "pattern": {"Regex": format!("(?<!q){first}{tone_on_second}(?![\\p{{L}}\\p{{M}}])")},
        "content": format!("{tone_on_first}{second}"),
    }));
}

fn lower(s: &str) -> Option<String> {
    let mut buf = String::new();
    normalize_into(s, &mut buf);
    Some(buf.to_lowercase())
}
