//! Counting: syllable trigram counts of training text, the input of the estimation
//! ([`super::kneser_ney`]). Counts can be saved, loaded and merged, so that a corpus model
//! starts from the counts of the general model shipped with the binary.

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;

use crate::text::normalize;
use crate::{Error, Result};

/// Id of the start-of-sequence symbol.
pub const BOS: u32 = 0;
/// The end-of-run symbol: every run adds a trigram predicting it after its last two
/// syllables (what may end a clause: `tới đâu?`, not `tới đau?`). Counts without it (the
/// built-in general counts, older files) still merge; a model without it decodes without.
pub const EOS: &str = "</s>";
/// Ids are packed 21 bits each in trigram keys: syllables past this many share a key.
pub const MAX_VOCABULARY: usize = 1 << 21;
const ID_MASK: u64 = (MAX_VOCABULARY as u64) - 1;
/// File format tag of saved counts (v2 adds the case counts of run-initial syllables, v3 the
/// neighbours of Capitalized syllables; v1 and v2 files, like the built-in general counts,
/// are still read, those counts zero).
const MAGIC: &str = "tracuu-diacritics-counts-v3";
const MAGIC_V2: &str = "tracuu-diacritics-counts-v2";
const MAGIC_V1: &str = "tracuu-diacritics-counts-v1";
/// Neighbour contexts of a Capitalized syllable ([`cap_context`]).
pub const CAP_CONTEXTS: usize = 9;
/// The first [`CAP_CONTEXTS`] index of a syllable inside a run (the first `..3` are for a
/// run's first syllable).
pub const CAP_CONTEXTS_MID: usize = 3;

/// Key of a trigram of syllable ids.
pub fn key3(u: u32, v: u32, w: u32) -> u64 {
    ((u64::from(u) & ID_MASK) << 42) | ((u64::from(v) & ID_MASK) << 21) | (u64::from(w) & ID_MASK)
}

/// Key of a 4-gram: its first three ids as a trigram key, then the last.
pub fn key4(t: u32, u: u32, v: u32, w: u32) -> u128 {
    (u128::from(key3(t, u, v)) << 21) | u128::from(u64::from(w) & ID_MASK)
}

/// The context (first three ids, as a trigram key) and the last id of a 4-gram key.
pub fn split4(key: u128) -> (u64, u32) {
    ((key >> 21) as u64, (key as u64 & ID_MASK) as u32)
}

/// A 64-bit key for a 4-gram table (a hash: collisions are negligible below billions).
pub fn hash4(key: u128) -> u64 {
    let (hi, lo) = ((key >> 64) as u64, key as u64);
    let h = lo ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31);
    // u64::MAX marks empty slots in tables.
    h.min(u64::MAX - 1)
}

/// The ids of a trigram key.
pub fn split3(key: u64) -> (u32, u32, u32) {
    (
        (key >> 42) as u32,
        ((key >> 21) & ID_MASK) as u32,
        (key & ID_MASK) as u32,
    )
}

/// Key of a bigram (or of a trigram's context).
pub fn key2(v: u32, w: u32) -> u64 {
    (u64::from(v) << 32) | u64::from(w)
}

/// Whether a char belongs to a syllable (letters and combining marks).
pub fn is_syllable_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether a char is a quotation mark: it neither belongs to a syllable nor cuts a run
/// (`nhà vợ 'hờ'` reads as `nhà vợ hờ`: headlines quote words inside their sentence).
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '"' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '«' | '»'
    )
}

/// Case class of a written syllable: 0 lower-case, 1 Capitalized, 2 UPPER-CASE.
pub fn case_class(word: &str) -> usize {
    let mut t = CaseTracker::default();
    word.chars().for_each(|c| t.push(c));
    t.class()
}

/// Where a Capitalized syllable stands among its run's neighbours, from the case classes of
/// the run: first in the run, or after a lower-case / a capitalized syllable; then before a
/// lower-case syllable, a capitalized one, or the run's end. `Thủ tướng` and `Thổ Nhĩ Kỳ` are
/// capitalized before other words than a name `Thu` or `Thọ` standing alone.
pub fn cap_context(classes: &[usize], i: usize) -> usize {
    let next = match classes.get(i + 1) {
        None => 2,
        Some(0) => 0,
        Some(_) => 1,
    };
    let before = match i.checked_sub(1).map(|p| classes[p]) {
        None => 0,
        Some(0) => 1,
        Some(_) => 2,
    };
    before * 3 + next
}

#[derive(Default)]
struct CaseTracker {
    letters: u32,
    upper: u32,
    first_upper: bool,
}

impl CaseTracker {
    fn push(&mut self, c: char) {
        if !c.is_alphabetic() {
            return;
        }
        if c.is_uppercase() {
            self.upper += 1;
            if self.letters == 0 {
                self.first_upper = true;
            }
        }
        self.letters += 1;
    }

    fn class(&self) -> usize {
        if self.letters > 1 && self.upper == self.letters {
            2
        } else if self.first_upper {
            1
        } else {
            0
        }
    }
}

/// Syllable trigram counts: every syllable counted once, after two start symbols at the
/// beginning of each run (a run ends at punctuation but quotation marks, digits or symbols).
#[derive(Debug, Clone)]
pub struct Counts {
    pub(crate) vocab: Vec<String>,
    ids: HashMap<String, u32>,
    pub(crate) trigrams: HashMap<u64, u32>,
    /// 4-gram counts, when asked for ([`Counts::count_fourgrams`]): not saved nor merged.
    pub(crate) fourgrams: HashMap<u128, u32>,
    fourgrams_on: bool,
    /// Runs are counted right to left (a backward model).
    reversed: bool,
    /// Per syllable, how often it was written lower-case, Capitalized and UPPER-CASE inside
    /// a run (not first: a sentence's first letter is upper-case whatever the word).
    pub(crate) case: Vec<[u32; 3]>,
    /// The same for the first syllable of a run (a sentence start, or after punctuation).
    pub(crate) case_first: Vec<[u32; 3]>,
    /// Per syllable, how often it was Capitalized in each [`cap_context`].
    pub(crate) cap_context: Vec<[u32; CAP_CONTEXTS]>,
    /// Reused buffers of [`Counts::add_text`].
    lower: String,
    run: Vec<u32>,
    run_case: Vec<usize>,
}

impl Default for Counts {
    fn default() -> Self {
        let mut c = Counts {
            vocab: Vec::new(),
            ids: HashMap::new(),
            trigrams: HashMap::new(),
            fourgrams: HashMap::new(),
            fourgrams_on: false,
            reversed: false,
            case: Vec::new(),
            case_first: Vec::new(),
            cap_context: Vec::new(),
            lower: String::new(),
            run: Vec::new(),
            run_case: Vec::new(),
        };
        c.intern("<s>");
        c
    }
}

impl Counts {
    /// No counts yet.
    pub fn new() -> Counts {
        Counts::default()
    }

    fn intern(&mut self, syllable: &str) -> u32 {
        if let Some(&id) = self.ids.get(syllable) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(syllable.to_string());
        self.ids.insert(syllable.to_string(), id);
        self.case.push([0; 3]);
        self.case_first.push([0; 3]);
        self.cap_context.push([0; CAP_CONTEXTS]);
        id
    }

    /// Distinct syllables seen.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len() - 1 - usize::from(self.ids.contains_key(EOS))
    }

    /// Distinct trigrams seen.
    pub fn trigram_count(&self) -> usize {
        self.trigrams.len()
    }

    /// Syllables counted.
    pub fn tokens(&self) -> u64 {
        let eos = self.ids.get(EOS).copied();
        self.trigrams
            .iter()
            .filter(|(&k, _)| Some(split3(k).2) != eos)
            .map(|(_, &c)| u64::from(c))
            .sum()
    }

    /// Counts the syllables of a text (normalized and lower-cased first).
    pub fn add_text(&mut self, text: &str) {
        let text = normalize(text);
        let mut lower = std::mem::take(&mut self.lower);
        let mut run = std::mem::take(&mut self.run);
        let mut run_case = std::mem::take(&mut self.run_case);
        lower.clear();
        run.clear();
        run_case.clear();
        let mut case = CaseTracker::default();
        for c in text.chars() {
            if is_syllable_char(c) {
                case.push(c);
                lower.extend(c.to_lowercase());
                continue;
            }
            if !lower.is_empty() {
                let id = self.intern(&lower);
                self.count_case(id, run.is_empty(), case.class());
                run.push(id);
                run_case.push(case.class());
                lower.clear();
                case = CaseTracker::default();
            }
            if !c.is_whitespace() && !is_quote(c) {
                self.add_run(&run, &run_case);
                run.clear();
                run_case.clear();
            }
        }
        if !lower.is_empty() {
            let id = self.intern(&lower);
            self.count_case(id, run.is_empty(), case.class());
            run.push(id);
            run_case.push(case.class());
        }
        self.add_run(&run, &run_case);
        run.clear();
        run_case.clear();
        self.lower = lower;
        self.run = run;
        self.run_case = run_case;
    }

    /// Counts a run of syllables given as words separated by spaces or underscores (a
    /// segmented sentence, a lexicon entry).
    pub fn add_words(&mut self, line: &str) {
        self.add_text(&line.replace('_', " "));
    }

    fn count_case(&mut self, id: u32, first: bool, class: usize) {
        let table = if first {
            &mut self.case_first
        } else {
            &mut self.case
        };
        table[id as usize][class] += 1;
    }

    fn add_run(&mut self, run: &[u32], classes: &[usize]) {
        // In the order the model reads the run (its decoding sees the neighbours the same way).
        let n = run.len();
        let at = |i: usize| if self.reversed { n - 1 - i } else { i };
        let ordered: Vec<usize> = (0..n).map(|i| classes[at(i)]).collect();
        for (i, &class) in ordered.iter().enumerate() {
            if class == 1 {
                self.cap_context[run[at(i)] as usize][cap_context(&ordered, i)] += 1;
            }
        }
        if run.is_empty() {
            return;
        }
        let eos = self.intern(EOS);
        let (mut t, mut u, mut v) = (BOS, BOS, BOS);
        let ids: Box<dyn Iterator<Item = &u32>> = if self.reversed {
            Box::new(run.iter().rev())
        } else {
            Box::new(run.iter())
        };
        for &w in ids.chain(std::iter::once(&eos)) {
            *self.trigrams.entry(key3(u, v, w)).or_default() += 1;
            if self.fourgrams_on {
                *self.fourgrams.entry(key4(t, u, v, w)).or_default() += 1;
            }
            t = u;
            u = v;
            v = w;
        }
    }

    /// Counts runs right to left from now on (text added later), for a backward model.
    pub fn count_reversed(&mut self) {
        self.reversed = true;
    }

    /// Counts 4-grams too from now on (text added later).
    pub fn count_fourgrams(&mut self) {
        self.fourgrams_on = true;
    }

    /// Distinct 4-grams seen.
    pub fn fourgram_count(&self) -> usize {
        self.fourgrams.len()
    }

    /// Adds the counts of `other` (e.g. the general counts to a corpus's).
    pub fn merge(&mut self, other: &Counts) {
        self.merge_scaled(other, 1);
    }

    /// Adds the counts of `other`, each multiplied by `factor` (the weight of a small,
    /// carefully written source among a large corpus's counts).
    pub fn merge_scaled(&mut self, other: &Counts, factor: u32) {
        let map: Vec<u32> = other.vocab.iter().map(|s| self.intern(s)).collect();
        for (i, &id) in map.iter().enumerate() {
            let id = id as usize;
            for (a, b) in self.case[id].iter_mut().zip(&other.case[i]) {
                *a += b * factor;
            }
            for (a, b) in self.case_first[id].iter_mut().zip(&other.case_first[i]) {
                *a += b * factor;
            }
            for (a, b) in self.cap_context[id].iter_mut().zip(&other.cap_context[i]) {
                *a += b * factor;
            }
        }
        self.trigrams.reserve(other.trigrams.len());
        for (&key, &c) in &other.trigrams {
            let (u, v, w) = split3(key);
            let id = |x: u32| map.get(x as usize).copied().unwrap_or(BOS);
            *self.trigrams.entry(key3(id(u), id(v), id(w))).or_default() += c * factor;
        }
    }

    /// Writes the counts (gzip-compressed when the path ends in `.gz`).
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io)?;
        let mut w: Box<dyn Write> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::best(),
            ))
        } else {
            Box::new(std::io::BufWriter::new(file))
        };
        writeln!(w, "{MAGIC}\t{}\t{}", self.vocab.len(), self.trigrams.len()).map_err(io)?;
        for (((s, [l, c, u]), [fl, fc, fu]), contexts) in self
            .vocab
            .iter()
            .zip(&self.case)
            .zip(&self.case_first)
            .zip(&self.cap_context)
        {
            write!(w, "{s}\t{l}\t{c}\t{u}\t{fl}\t{fc}\t{fu}").map_err(io)?;
            for x in contexts {
                write!(w, "\t{x}").map_err(io)?;
            }
            writeln!(w).map_err(io)?;
        }
        // Sorted, so the file is the same for the same counts.
        let mut entries: Vec<(u64, u32)> = self.trigrams.iter().map(|(&k, &c)| (k, c)).collect();
        entries.sort_unstable();
        let mut buf = Vec::with_capacity(entries.len() * 12);
        for (k, c) in entries {
            buf.extend_from_slice(&k.to_le_bytes());
            buf.extend_from_slice(&c.to_le_bytes());
        }
        w.write_all(&buf).map_err(io)?;
        w.flush().map_err(io)
    }

    /// Reads counts written by [`Counts::save`] (gzip or not).
    pub fn read(bytes: &[u8], origin: &str) -> Result<Counts> {
        let bad = |message: &str| Error::BadInput {
            path: origin.to_string(),
            message: message.to_string(),
        };
        let mut data = Vec::new();
        if bytes.starts_with(&[0x1f, 0x8b]) {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut data)
                .map_err(|e| bad(&format!("gzip: {e}")))?;
        } else {
            data = bytes.to_vec();
        }
        let mut r = std::io::Cursor::new(data);
        let mut line = String::new();
        r.read_line(&mut line).map_err(|_| bad("unreadable"))?;
        let head: Vec<&str> = line.trim_end().split('\t').collect();
        let (n, t, columns) = match head.as_slice() {
            [m, n, t] if *m == MAGIC || *m == MAGIC_V2 || *m == MAGIC_V1 => (
                n.parse::<usize>().map_err(|_| bad("bad vocabulary size"))?,
                t.parse::<usize>().map_err(|_| bad("bad trigram count"))?,
                match *m {
                    MAGIC => 6 + CAP_CONTEXTS,
                    MAGIC_V2 => 6,
                    _ => 3,
                },
            ),
            _ => return Err(bad("not diacritics counts")),
        };
        let mut counts = Counts {
            vocab: Vec::with_capacity(n),
            ids: HashMap::with_capacity(n),
            trigrams: HashMap::with_capacity(t),
            fourgrams: HashMap::new(),
            fourgrams_on: false,
            reversed: false,
            case: Vec::with_capacity(n),
            case_first: Vec::with_capacity(n),
            cap_context: Vec::with_capacity(n),
            lower: String::new(),
            run: Vec::new(),
            run_case: Vec::new(),
        };
        for _ in 0..n {
            line.clear();
            r.read_line(&mut line).map_err(|_| bad("truncated"))?;
            let mut cols = line.trim_end_matches('\n').split('\t');
            let s = cols.next().unwrap_or_default();
            let mut case = [0u32; 6 + CAP_CONTEXTS];
            for x in &mut case[..columns] {
                *x = cols
                    .next()
                    .and_then(|c| c.parse().ok())
                    .ok_or_else(|| bad("bad vocabulary line"))?;
            }
            counts.ids.insert(s.to_string(), counts.vocab.len() as u32);
            counts.vocab.push(s.to_string());
            counts.case.push([case[0], case[1], case[2]]);
            counts.case_first.push([case[3], case[4], case[5]]);
            let mut contexts = [0u32; CAP_CONTEXTS];
            contexts.copy_from_slice(&case[6..]);
            counts.cap_context.push(contexts);
        }
        let mut buf = vec![0u8; t * 12];
        r.read_exact(&mut buf).map_err(|_| bad("truncated"))?;
        for chunk in buf.chunks_exact(12) {
            let k = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes"));
            let c = u32::from_le_bytes(chunk[8..].try_into().expect("4 bytes"));
            counts.trigrams.insert(k, c);
        }
        Ok(counts)
    }

    /// Reads counts from a file.
    pub fn load(path: &Path) -> Result<Counts> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Counts::read(&bytes, &path.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_runs_with_start_symbols() {
        let cases = [
            // Trigrams: the run's syllables and its end symbol.
            ("đào tạo", 2, 3),
            ("Đào tạo, đào tạo.", 2, 3),
            ("cán bộ 2021 cán bộ", 2, 3),
            // Quotation marks do not cut a run: one run of four syllables.
            ("cán bộ 'cơ sở'", 4, 5),
            ("“Cán bộ” cơ \"sở\"", 4, 5),
            ("cán bộ: cơ sở", 4, 6),
            ("a b c", 3, 4),
            ("", 0, 0),
        ];
        for (text, vocabulary, trigrams) in cases {
            let mut c = Counts::new();
            c.add_text(text);
            assert_eq!(c.vocabulary_size(), vocabulary, "{text:?}");
            assert_eq!(c.trigram_count(), trigrams, "{text:?}");
        }
    }

    #[test]
    fn case_classes() {
        let cases = [
            ("hà", 0),
            ("Hà", 1),
            ("HÀ", 2),
            ("A", 1),
            ("iPhone", 0),
            ("", 0),
        ];
        for (word, class) in cases {
            assert_eq!(case_class(word), class, "{word:?}");
        }
        let mut c = Counts::new();
        c.add_text("Ở Hà Nội, HÀ NỘI và hà nội");
        let ha = c.ids["hà"] as usize;
        // "HÀ" first in its run is counted apart.
        assert_eq!(c.case[ha], [1, 1, 0]);
        assert_eq!(c.case_first[ha], [0, 0, 1]);
        let o = c.ids["ở"] as usize;
        assert_eq!((c.case[o], c.case_first[o]), ([0; 3], [0, 1, 0]));
        let noi = c.ids["nội"] as usize;
        assert_eq!(c.case[noi], [1, 1, 1]);
    }

    #[test]
    fn capitalized_syllables_count_their_neighbours_case() {
        // Case classes of a run, a position: its context.
        let cases: [(&[usize], usize, usize); 7] = [
            (&[1], 0, 2),
            (&[1, 0], 0, 0),
            (&[1, 1], 0, 1),
            (&[0, 1, 0], 1, 3),
            (&[0, 1, 2], 1, 4),
            (&[0, 1], 1, 5),
            (&[1, 1, 1], 1, 7),
        ];
        for (classes, i, expected) in cases {
            assert_eq!(cap_context(classes, i), expected, "{classes:?} at {i}");
        }
        let mut c = Counts::new();
        c.add_text("Thủ tướng nói với Thu. Ông Thu về, Thủ Đức");
        let id = |s: &str| c.ids[s] as usize;
        // Thủ: first before lower-case, first before a capital; Thu: after lower-case at the
        // run's end, after a capital before lower-case.
        assert_eq!(c.cap_context[id("thủ")], [1, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(c.cap_context[id("thu")], [0, 0, 0, 0, 0, 1, 1, 0, 0]);
        // Lower-case and run-final capitals after a capital.
        assert_eq!(c.cap_context[id("nói")], [0; CAP_CONTEXTS]);
        assert_eq!(c.cap_context[id("đức")], [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        // Counted right to left, the neighbours swap.
        let mut r = Counts::new();
        r.count_reversed();
        r.add_text("Thủ tướng");
        assert_eq!(r.cap_context[r.ids["thủ"] as usize][5], 1);
    }

    #[test]
    fn a_reversed_count_reads_runs_right_to_left() {
        let cases = [("a b c", ["c", "b", "a"]), ("x y z. ", ["z", "y", "x"])];
        for (text, order) in cases {
            let mut c = Counts::new();
            c.count_reversed();
            c.add_text(text);
            let id = |s: &str| c.ids[s];
            let (a, b, d) = (id(order[0]), id(order[1]), id(order[2]));
            for key in [key3(BOS, BOS, a), key3(BOS, a, b), key3(a, b, d)] {
                assert_eq!(
                    c.trigrams.get(&key),
                    Some(&1),
                    "{text:?}: {:?}",
                    split3(key)
                );
            }
        }
    }

    #[test]
    fn keys_round_trip_and_merge_adds() {
        assert_eq!(split3(key3(1, 2_000_000, 7)), (1, 2_000_000, 7));
        let mut a = Counts::new();
        a.add_text("cán bộ");
        let mut b = Counts::new();
        b.add_words("đào_tạo cán_bộ");
        a.merge(&b);
        assert_eq!(a.tokens(), 6);
        assert_eq!(a.vocabulary_size(), 4);
    }

    #[test]
    fn save_and_read_round_trip() {
        let mut c = Counts::new();
        c.add_text("đào tạo cán bộ. Cán bộ cơ sở, ông Hà về");
        let tmp = tempfile::tempdir().unwrap();
        for name in ["c.counts", "c.counts.gz"] {
            let path = tmp.path().join(name);
            c.save(&path).unwrap();
            let back = Counts::load(&path).unwrap();
            assert_eq!(back.vocab, c.vocab, "{name}");
            assert_eq!(back.trigrams, c.trigrams, "{name}");
            assert_eq!(back.case, c.case, "{name}");
            assert_eq!(back.case_first, c.case_first, "{name}");
            assert_eq!(back.cap_context, c.cap_context, "{name}");
        }
        assert!(Counts::read(b"garbage", "x").is_err());
        // Version 1 (no run-initial case counts) is still read.
        let v1 = format!("{MAGIC_V1}\t2\t0\n<s>\t0\t0\t0\nhà\t1\t2\t3\n");
        let back = Counts::read(v1.as_bytes(), "v1").unwrap();
        assert_eq!(back.case[1], [1, 2, 3], "v1 case counts");
        assert_eq!(back.case_first[1], [0; 3], "v1 first case counts");
        // Version 2 (no neighbour contexts) too.
        let v2 = format!("{MAGIC_V2}\t2\t0\n<s>\t0\t0\t0\t0\t0\t0\nhà\t1\t2\t3\t4\t5\t6\n");
        let back = Counts::read(v2.as_bytes(), "v2").unwrap();
        assert_eq!(back.case_first[1], [4, 5, 6], "v2 first case counts");
        assert_eq!(back.cap_context[1], [0; CAP_CONTEXTS], "v2 contexts");
    }
}
