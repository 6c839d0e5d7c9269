//! Word segmentation evaluation: precision, recall and F1 over words, and throughput.

use std::ops::Range;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::text::{read_segmented, Segmenter};

/// Figures of one segmentation evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentReport {
    pub sentences: usize,
    pub gold_words: usize,
    pub predicted_words: usize,
    /// Predicted words whose syllable span equals a gold word's span.
    pub correct_words: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Input bytes (syllables separated by single spaces) segmented per second, in MB (10^6).
    pub mb_per_s: f64,
    /// The same per second of this thread's CPU time (Linux only): unlike `mb_per_s`, it does
    /// not drop when other processes share the cores.
    pub mb_per_cpu_s: Option<f64>,
}

/// CPU time of the calling thread so far (from `/proc/thread-self/schedstat`; None elsewhere).
pub fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Syllable spans of words given as their syllables.
pub fn word_spans<S>(words: &[Vec<S>]) -> Vec<Range<usize>> {
    let mut at = 0;
    words
        .iter()
        .map(|w| {
            let r = at..at + w.len();
            at = r.end;
            r
        })
        .collect()
}

/// Predicted spans that are also gold spans. Both lists tile the same syllables in order.
pub fn matching_spans(predicted: &[Range<usize>], gold: &[Range<usize>]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < predicted.len() && j < gold.len() {
        let (p, g) = (&predicted[i], &gold[j]);
        if p == g {
            n += 1;
        }
        // Advance whichever ends first (both when they end together).
        if p.end <= g.end {
            i += 1;
        }
        if g.end <= p.end {
            j += 1;
        }
    }
    n
}

/// Precision, recall and F1 (0 when undefined).
pub fn precision_recall_f1(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(correct, predicted), ratio(correct, gold));
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f1)
}

/// Segments every gold sentence (`words_joined_by_underscore` separated by spaces) with its
/// underscores removed, and compares. Throughput is measured over repeated passes of at least
/// `min_time` in total.
pub fn evaluate_segmenter(seg: &Segmenter, gold_text: &str, min_time: Duration) -> SegmentReport {
    let gold = read_segmented(gold_text);
    let inputs: Vec<Vec<&str>> = gold.iter().map(|words| words.concat()).collect();
    let bytes: usize = inputs
        .iter()
        .map(|s| {
            s.iter()
                .map(|x| x.len() + 1)
                .sum::<usize>()
                .saturating_sub(1)
        })
        .sum();
    let (mut gold_words, mut predicted_words, mut correct) = (0, 0, 0);
    let mut sentence = Default::default();
    let mut out = Vec::new();
    for (words, syllables) in gold.iter().zip(&inputs) {
        seg.segment_into(syllables, &mut sentence, &mut out);
        let spans = word_spans(words);
        gold_words += spans.len();
        predicted_words += out.len();
        correct += matching_spans(&out, &spans);
    }
    let started = Instant::now();
    let cpu_started = thread_cpu_time();
    let mut passes = 0usize;
    while passes == 0 || started.elapsed() < min_time {
        for syllables in &inputs {
            seg.segment_into(syllables, &mut sentence, &mut out);
        }
        passes += 1;
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let cpu_seconds = cpu_started
        .zip(thread_cpu_time())
        .map(|(a, b)| b.saturating_sub(a).as_secs_f64().max(1e-9));
    let (precision, recall, f1) = precision_recall_f1(correct, predicted_words, gold_words);
    SegmentReport {
        sentences: gold.len(),
        gold_words,
        predicted_words,
        correct_words: correct,
        precision,
        recall,
        f1,
        mb_per_s: (bytes * passes) as f64 / seconds / 1e6,
        mb_per_cpu_s: cpu_seconds.map(|s| (bytes * passes) as f64 / s / 1e6),
    }
}

/// The gold sentences segmented by `seg`, in the gold's format (words joined by `_`).
pub fn predict_segmented(seg: &Segmenter, gold_text: &str) -> String {
    let mut out = String::new();
    for words in read_segmented(gold_text) {
        let syllables = words.concat();
        let spans = seg.segment(&syllables);
        let line: Vec<String> = spans
            .iter()
            .map(|w| syllables[w.clone()].join("_"))
            .collect();
        out.push_str(&line.join(" "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_metrics() {
        // Gold: [chủ tịch] [xã] [Bùi Văn Luyến]; predicted: [chủ tịch] [xã Bùi] [Văn Luyến].
        let gold = vec![0..2, 2..3, 3..6];
        let predicted = vec![0..2, 2..4, 4..6];
        assert_eq!(matching_spans(&predicted, &gold), 1);
        let (p, r, f) = precision_recall_f1(1, 3, 3);
        assert!((p - 1.0 / 3.0).abs() < 1e-12 && (r - 1.0 / 3.0).abs() < 1e-12);
        assert!((f - 1.0 / 3.0).abs() < 1e-12);
        // All single syllables against the same gold: 6 predicted, 1 correct ([xã]).
        let singles: Vec<_> = (0..6).map(|i| i..i + 1).collect();
        assert_eq!(matching_spans(&singles, &gold), 1);
        let (p, r, f) = precision_recall_f1(1, 6, 3);
        assert!((p - 1.0 / 6.0).abs() < 1e-12, "{p}");
        assert!((r - 1.0 / 3.0).abs() < 1e-12, "{r}");
        assert!((f - 2.0 / 9.0).abs() < 1e-12, "{f}"); // 2·(1/6)(1/3)/(1/2)
        assert_eq!(precision_recall_f1(0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(matching_spans(&gold, &gold), 3);
    }

    #[test]
    fn word_spans_follow_syllable_counts() {
        let words = vec![vec!["chủ", "tịch"], vec!["xã"], vec!["Bùi", "Văn", "Luyến"]];
        assert_eq!(word_spans(&words), vec![0..2, 2..3, 3..6]);
    }

    #[test]
    fn evaluates_a_toy_model() {
        // A unigram model that knows only `chủ tịch`: `xã Bùi Văn` becomes single syllables
        // except the capitalized run after the sentence start, which reads as a name.
        let mut trainer = crate::text::Trainer::default();
        trainer.add_counts("chủ_tịch\t10\nxã\t5\n");
        let seg = trainer.train();
        let report =
            evaluate_segmenter(&seg, "chủ_tịch xã Bùi_Văn_Luyến\nxã nhỏ\n", Duration::ZERO);
        assert_eq!(report.sentences, 2);
        assert_eq!(report.gold_words, 5);
        assert_eq!(report.predicted_words, 5);
        assert_eq!(report.correct_words, 5);
        assert!((report.f1 - 1.0).abs() < 1e-12, "{report:?}");
        assert!(report.mb_per_s > 0.0);
    }
}
