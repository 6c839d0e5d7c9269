//! Diacritic restoration evaluation: syllable and sentence accuracy on a test set.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::diacritics::DiacriticModel;
use crate::text::normalize;
use crate::{Error, Result};

/// Figures of one diacritics evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct DiacriticsReport {
    pub sentences: usize,
    pub syllables: usize,
    pub syllable_accuracy: f64,
    pub sentence_accuracy: f64,
    pub ms_per_sentence: f64,
    /// Restored sentences that differ from the gold: (restored, gold), the first few.
    #[serde(skip)]
    pub wrong: Vec<(String, String)>,
}

/// Wrong sentences kept in a report.
const WRONG_KEPT: usize = 200;

/// One test sentence: input without diacritics and the gold text.
#[derive(Debug, Clone)]
pub struct DiacriticsCase {
    pub input: String,
    pub gold: String,
}

/// Reads `id TAB source TAB input_no_diacritics TAB gold` (a header line is skipped).
pub fn read_diacritics_tests(path: &Path) -> Result<Vec<DiacriticsCase>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split('\t').collect();
        match parts.as_slice() {
            ["id", ..] | [""] => continue,
            [_, _, input, gold] => out.push(DiacriticsCase {
                input: input.to_string(),
                gold: gold.to_string(),
            }),
            _ => {
                return Err(Error::BadInput {
                    path: format!("{}:{}", path.display(), n + 1),
                    message: "expected id TAB source TAB input TAB gold".into(),
                })
            }
        }
    }
    Ok(out)
}

/// Syllables (whitespace-separated pieces with a letter) that match the gold, and their count.
pub fn syllable_matches(restored: &str, gold: &str) -> (usize, usize) {
    let is_syllable = |t: &&str| t.chars().any(char::is_alphabetic);
    let got: Vec<&str> = restored.split_whitespace().filter(is_syllable).collect();
    let want: Vec<&str> = gold.split_whitespace().filter(is_syllable).collect();
    let correct = got
        .iter()
        .zip(&want)
        .filter(|(g, w)| normalize(g).to_lowercase() == normalize(w).to_lowercase())
        .count();
    (correct, want.len())
}

/// Restores every test input and compares with the gold.
pub fn evaluate_diacritics(model: &DiacriticModel, cases: &[DiacriticsCase]) -> DiacriticsReport {
    let (mut correct, mut total, mut exact) = (0, 0, 0);
    let mut wrong = Vec::new();
    let started = Instant::now();
    for case in cases {
        let restored = model.restore(&case.input);
        let (c, t) = syllable_matches(&restored, &case.gold);
        correct += c;
        total += t;
        if c == t {
            exact += 1;
        } else if wrong.len() < WRONG_KEPT {
            wrong.push((restored, case.gold.clone()));
        }
    }
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    DiacriticsReport {
        sentences: cases.len(),
        syllables: total,
        syllable_accuracy: ratio(correct, total),
        sentence_accuracy: ratio(exact, cases.len()),
        ms_per_sentence: if cases.is_empty() {
            0.0
        } else {
            elapsed / cases.len() as f64
        },
        wrong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_counted_matches() {
        let cases = [
            ("đào tạo cán bộ", "đào tạo cán bộ", (4, 4)),
            ("đào tao cán bộ .", "đào tạo cán bộ .", (3, 4)),
            ("Uỷ ban", "Ủy ban", (2, 2)),
            ("", "một", (0, 1)),
        ];
        for (restored, gold, expected) in cases {
            assert_eq!(syllable_matches(restored, gold), expected, "{restored:?}");
        }
        let mut counts = crate::diacritics::Counts::new();
        counts.add_text("đào tạo cán bộ. cán bộ cơ sở");
        let model = crate::diacritics::estimate(&counts, 1);
        let report = evaluate_diacritics(
            &model,
            &[
                DiacriticsCase {
                    input: "dao tao can bo".into(),
                    gold: "đào tạo cán bộ".into(),
                },
                DiacriticsCase {
                    input: "can bo xa".into(),
                    gold: "cán bộ xã".into(),
                },
            ],
        );
        assert_eq!(report.syllables, 7);
        assert!(
            (report.syllable_accuracy - 6.0 / 7.0).abs() < 1e-9,
            "{report:?}"
        );
        assert!((report.sentence_accuracy - 0.5).abs() < 1e-9, "{report:?}");
    }
}
