//! Estimation: interpolated modified Kneser-Ney (Chen & Goodman 1998) over the trigram
//! counts, three discounts per order from the count-of-counts. Trigrams seen fewer than
//! `min_count` times are left out of the table; their discounted mass goes to their
//! context's backoff weight, so the distribution stays normalized.

use std::collections::HashMap;

use super::count::{hash4, key2, split3, split4, Counts, BOS, CAP_CONTEXTS, CAP_CONTEXTS_MID};
use super::model::{quantize_logp, DiacriticModel, Parts};
use super::table::{NgramTable, TableFormat};

/// Weight (in occurrences) of the prior of run-initial case probabilities.
const FIRST_PRIOR: f64 = 2.0;

/// Discounts for counts 1, 2 and 3 or more.
#[derive(Debug, Clone, Copy)]
struct Discounts([f64; 3]);

impl Discounts {
    /// From the number of n-grams seen once, twice, three and four times.
    fn estimate(n: [u64; 4]) -> Discounts {
        let [n1, n2, n3, n4] = n.map(|x| x as f64);
        if n1 == 0.0 || n2 == 0.0 || n3 == 0.0 || n4 == 0.0 {
            return Discounts([0.5, 1.0, 1.5]);
        }
        let y = n1 / (n1 + 2.0 * n2);
        let d = [
            1.0 - 2.0 * y * n2 / n1,
            2.0 - 3.0 * y * n3 / n2,
            3.0 - 4.0 * y * n4 / n3,
        ];
        Discounts([
            d[0].clamp(0.05, 0.95),
            d[1].clamp(0.05, 1.95),
            d[2].clamp(0.05, 2.95),
        ])
    }

    fn of(&self, count: u32) -> f64 {
        match count {
            0 => 0.0,
            1 => self.0[0],
            2 => self.0[1],
            _ => self.0[2],
        }
    }
}

fn count_of_counts<'a>(counts: impl Iterator<Item = &'a u32>) -> [u64; 4] {
    let mut n = [0u64; 4];
    for &c in counts {
        if (1..=4).contains(&c) {
            n[c as usize - 1] += 1;
        }
    }
    n
}

/// Per context: total count and number of followers seen once, twice, three times or more.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    total: u64,
    followers: [u32; 3],
    /// Pruned followers: their total count and how many were seen once, twice, three times
    /// or more (their discounted mass, counted in integers: the same whatever the order).
    pruned: u64,
    pruned_followers: [u32; 3],
    /// Followers kept in the table.
    kept: u32,
}

impl Context {
    /// Leaves out a follower seen `count` times.
    fn prune(&mut self, count: u32) {
        self.pruned += u64::from(count);
        self.pruned_followers[(count.clamp(1, 3) - 1) as usize] += 1;
    }

    fn add(&mut self, count: u32) {
        self.total += u64::from(count);
        self.followers[(count.clamp(1, 3) - 1) as usize] += 1;
    }

    fn backoff(&self, d: &Discounts) -> f32 {
        if self.total == 0 {
            return 1.0;
        }
        let f = self.followers;
        let mass = d.0[0] * f64::from(f[0]) + d.0[1] * f64::from(f[1]) + d.0[2] * f64::from(f[2]);
        let p = self.pruned_followers;
        let pruned = self.pruned as f64
            - (d.0[0] * f64::from(p[0]) + d.0[1] * f64::from(p[1]) + d.0[2] * f64::from(p[2]));
        ((mass + pruned) / self.total as f64) as f32
    }
}

/// The model of these counts; trigrams seen fewer than `min_count` times are pruned.
pub fn estimate(counts: &Counts, min_count: u32) -> DiacriticModel {
    estimate_pruned(counts, min_count, 0.0)
}

/// The model of these counts; trigrams seen fewer than `min_count` times are pruned, and so
/// are those whose probability the backoff estimate nearly gives: count × ln(P(w | u v) /
/// P'(w | u v)) below `threshold`, P' being the estimate with that trigram pruned (weighted
/// difference pruning, Seymore & Rosenfeld 1996).
pub fn estimate_pruned(counts: &Counts, min_count: u32, threshold: f64) -> DiacriticModel {
    estimate_in(counts, min_count, threshold, TableFormat::Compact)
}

/// [`estimate_pruned`] with n-gram tables in this layout (the wide one writes a format-6
/// model).
pub(crate) fn estimate_in(
    counts: &Counts,
    min_count: u32,
    threshold: f64,
    format: TableFormat,
) -> DiacriticModel {
    let n = counts.vocab.len();
    let mut freq = vec![0u32; n];
    // (v, w) → (raw count, distinct left contexts).
    let mut bigrams: HashMap<u64, (u32, u32)> = HashMap::new();
    let mut contexts3: HashMap<u64, Context> = HashMap::new();
    for (&key, &c) in &counts.trigrams {
        let (u, v, w) = split3(key);
        freq[w as usize] = freq[w as usize].saturating_add(c);
        let e = bigrams.entry(key2(v, w)).or_default();
        e.0 = e.0.saturating_add(c);
        e.1 += 1;
        contexts3.entry(key2(u, v)).or_default().add(c);
    }
    let d3 = Discounts::estimate(count_of_counts(counts.trigrams.values()));

    // Middle order: continuation counts, except after the start symbol (nothing precedes
    // it but itself), where the raw counts are the only evidence.
    let cont = |v: u32, (raw, distinct): (u32, u32)| if v == BOS { raw } else { distinct };
    let conts: Vec<u32> = bigrams
        .iter()
        .map(|(&k, &e)| cont((k >> 32) as u32, e))
        .collect();
    let d2 = Discounts::estimate(count_of_counts(conts.iter()));
    let mut contexts2 = vec![Context::default(); n];
    let mut left = vec![0u32; n];
    for (&k, &e) in &bigrams {
        let (v, w) = ((k >> 32) as usize, (k & 0xFFFF_FFFF) as usize);
        contexts2[v].add(cont(v as u32, e));
        left[w] += 1;
    }
    let left_total: u64 = left.iter().map(|&x| u64::from(x)).sum();
    let unigram: Vec<f32> = left
        .iter()
        .map(|&l| ((f64::from(l) + 1.0) / (left_total as f64 + n as f64)) as f32)
        .collect();
    let backoff2: Vec<f32> = contexts2.iter().map(|c| c.backoff(&d2)).collect();
    let bigram_table = NgramTable::build(
        bigrams
            .iter()
            .map(|(&k, &e)| {
                let v = (k >> 32) as usize;
                let c = cont(v as u32, e);
                let p = (f64::from(c) - d2.of(c)) / contexts2[v].total as f64;
                (k, p as f32)
            })
            .collect::<Vec<_>>()
            .into_iter(),
        format,
    );
    drop(bigrams);

    let mut kept: Vec<(u64, f32)> = Vec::with_capacity(counts.trigrams.len());
    for (&key, &c) in &counts.trigrams {
        let (u, v, _) = split3(key);
        let ctx = key2(u, v);
        let total = contexts3[&ctx].total as f64;
        let p = (f64::from(c) - d3.of(c)) / total;
        let x = contexts3.get_mut(&ctx).expect("every trigram's context");
        if c >= min_count {
            kept.push((key, p as f32));
            x.kept += 1;
        } else {
            x.prune(c);
        }
    }
    if threshold > 0.0 {
        // The backoff weights after the count cut-off, before this pruning.
        let weights: HashMap<u64, f64> = contexts3
            .iter()
            .map(|(&k, c)| (k, f64::from(c.backoff(&d3))))
            .collect();
        kept.retain(|&(key, p)| {
            let (u, v, w) = split3(key);
            let ctx = key2(u, v);
            let b = weights[&ctx];
            let lower = bigram_table.get(key2(v, w)).map_or(0.0, f64::from)
                + f64::from(backoff2[v as usize]) * f64::from(unigram[w as usize]);
            let p = f64::from(p);
            let c = counts.trigrams[&key];
            let gain = f64::from(c) * ((p + b * lower) / ((b + p) * lower)).ln();
            if gain >= threshold {
                return true;
            }
            let x = contexts3.get_mut(&ctx).expect("every trigram's context");
            x.prune(c);
            x.kept -= 1;
            false
        });
    }
    let trigram_table = NgramTable::build(kept.into_iter(), format);

    // Fourth order, on top of the interpolated trigram model: absolute discounting of the
    // 4-gram counts, interpolated with P(w | u v).
    let d4 = Discounts::estimate(count_of_counts(counts.fourgrams.values()));
    let mut contexts4: HashMap<u64, Context> = HashMap::new();
    for (&key, &c) in &counts.fourgrams {
        contexts4.entry(split4(key).0).or_default().add(c);
    }
    let mut kept4: Vec<(u64, f32)> = Vec::new();
    for (&key, &c) in &counts.fourgrams {
        let ctx = split4(key).0;
        let discounted = f64::from(c) - d4.of(c);
        let x = contexts4.get_mut(&ctx).expect("every 4-gram's context");
        if c >= min_count {
            kept4.push((hash4(key), (discounted / x.total as f64) as f32));
            x.kept += 1;
        } else {
            x.prune(c);
        }
    }
    let fourgram_table = NgramTable::build(kept4.into_iter(), format);
    // A context whose followers were all pruned has backoff weight 1: the same as no
    // context, so it is left out.
    let backoff4 = NgramTable::build(
        contexts4
            .iter()
            .filter(|(_, c)| c.kept > 0)
            .map(|(&k, c)| (k, c.backoff(&d4)))
            .collect::<Vec<_>>()
            .into_iter(),
        format,
    );
    let backoff3 = NgramTable::build(
        contexts3
            .iter()
            .filter(|(_, c)| c.kept > 0)
            .map(|(&k, c)| (k, c.backoff(&d3)))
            .collect::<Vec<_>>()
            .into_iter(),
        format,
    );
    DiacriticModel::from_parts(Parts {
        vocab: counts.vocab.clone(),
        freq,
        unigram,
        backoff2,
        bigrams: bigram_table,
        backoff3,
        trigrams: trigram_table,
        backoff4,
        fourgrams: fourgram_table,
        case: counts
            .case
            .iter()
            .map(|c| {
                let total = f64::from(c[0]) + f64::from(c[1]) + f64::from(c[2]);
                c.map(|x| ((f64::from(x) + 0.5) / (total + 1.5)).ln() as f32)
            })
            .collect(),
        case_first: case_first(&counts.case_first),
        cap_context: cap_context(&counts.cap_context),
    })
}

/// Weight (in occurrences) of the distribution of all Capitalized syllables' contexts in the
/// smoothed context distribution of one syllable.
const CAP_CONTEXT_PRIOR: f64 = 5.0;

/// Per syllable, log P(neighbours | syllable Capitalized, first in its run or not) over the
/// [`cap_context`](super::count::cap_context)s, quantized: each part (run-initial, inside a
/// run) smoothed towards the same part's distribution over all syllables.
fn cap_context(counts: &[[u32; CAP_CONTEXTS]]) -> Vec<[u8; CAP_CONTEXTS]> {
    let mut all = [0f64; CAP_CONTEXTS];
    for c in counts {
        for (a, &x) in all.iter_mut().zip(c) {
            *a += f64::from(x);
        }
    }
    let parts = [0..CAP_CONTEXTS_MID, CAP_CONTEXTS_MID..CAP_CONTEXTS];
    let mut prior = [0f64; CAP_CONTEXTS];
    for part in parts.clone() {
        let n: f64 = all[part.clone()].iter().sum();
        let k = part.len() as f64;
        for j in part {
            prior[j] = (all[j] + 1.0) / (n + k);
        }
    }
    counts
        .iter()
        .map(|c| {
            let mut out = [0u8; CAP_CONTEXTS];
            for part in parts.clone() {
                let total: f64 = c[part.clone()].iter().map(|&x| f64::from(x)).sum();
                for j in part {
                    let p = (f64::from(c[j]) + CAP_CONTEXT_PRIOR * prior[j])
                        / (total + CAP_CONTEXT_PRIOR);
                    out[j] = quantize_logp(p.ln());
                }
            }
            out
        })
        .collect()
}

/// Per syllable, log P(case class | syllable, first in its run), smoothed towards the case
/// distribution of all run-initial syllables (a syllable never seen first gets that).
fn case_first(counts: &[[u32; 3]]) -> Vec<[f32; 3]> {
    let mut all = [0f64; 3];
    for c in counts {
        for (a, &x) in all.iter_mut().zip(c) {
            *a += f64::from(x);
        }
    }
    let n: f64 = all.iter().sum();
    let prior = all.map(|x| (x + 1.0) / (n + 3.0));
    counts
        .iter()
        .map(|c| {
            let total = f64::from(c[0]) + f64::from(c[1]) + f64::from(c[2]);
            let mut out = [0f32; 3];
            for k in 0..3 {
                let p = (f64::from(c[k]) + FIRST_PRIOR * prior[k]) / (total + FIRST_PRIOR);
                out[k] = p.ln() as f32;
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_follow_the_count_of_counts() {
        let cases = [
            ([100, 40, 20, 10], (0.0, 1.0), (0.0, 2.0)),
            ([0, 0, 0, 0], (0.49, 0.51), (0.99, 1.01)),
        ];
        for (n, d1, d2) in cases {
            let d = Discounts::estimate(n);
            assert!(d.0[0] > d1.0 && d.0[0] < d1.1, "{n:?}: {d:?}");
            assert!(d.0[1] > d2.0 && d.0[1] < d2.1, "{n:?}: {d:?}");
        }
    }

    #[test]
    fn pruning_keeps_fewer_trigrams_as_the_threshold_grows() {
        let mut counts = Counts::new();
        for _ in 0..3 {
            counts.add_text("đào tạo cán bộ cơ sở. bồi dưỡng cán bộ trẻ");
        }
        counts.add_text("cán bộ cơ quan đào tạo cán bộ trẻ");
        let mut last = usize::MAX;
        for prune in [0.0, 0.5, 2.0, 10.0, 1000.0] {
            let kept = estimate_pruned(&counts, 1, prune).trigram_len();
            assert!(kept <= last, "prune {prune}: {kept} trigrams after {last}");
            last = kept;
        }
        assert_eq!(last, 0, "everything pruned at 1000");
        assert_eq!(
            estimate_pruned(&counts, 1, 0.0).trigram_len(),
            counts.trigram_count(),
            "nothing pruned at 0"
        );
    }

    #[test]
    fn probabilities_sum_to_one_after_any_context() {
        let mut counts = Counts::new();
        for text in [
            "đào tạo cán bộ cơ sở",
            "đào tạo cán bộ",
            "cán bộ cơ sở đào tạo",
            "bồi dưỡng cán bộ",
        ] {
            counts.add_text(text);
        }
        for (min_count, prune) in [(1, 0.0), (2, 0.0), (1, 0.5), (1, 5.0)] {
            let m = estimate_pruned(&counts, min_count, prune);
            let ids: Vec<u32> = (1..m.vocab_len() as u32).collect();
            for (u, v) in [(BOS, BOS), (BOS, 1), (1, 2), (3, 4), (5, 5)] {
                let sum: f64 = ids.iter().map(|&w| m.prob(Some(u), Some(v), w)).sum();
                // The start symbol itself is never predicted: its unigram share is missing.
                assert!(
                    (sum - 1.0).abs() < 0.2,
                    "context {u} {v}, min {min_count}, prune {prune}: {sum}"
                );
            }
        }
    }
}
