//! Decoding: the most likely accented form of a text, by beam search over the forms each
//! folded syllable was seen with. Syllables typed with diacritics, unknown words, numbers,
//! punctuation and spacing are kept as typed; each syllable keeps the case typed.

use super::count::{cap_context, case_class, is_quote, is_syllable_char};
use super::model::DiacriticModel;
use crate::text::{has_diacritics, normalize};

/// Hypotheses kept per position.
pub const BEAM: usize = 24;
/// Weight of log P(case | syllable) (how a syllable is written, e.g. capitalized names).
const CASE_WEIGHT: f64 = 1.0;
/// Weight of log P(case | syllable, first in its run).
pub const FIRST_CASE_WEIGHT: f64 = 1.0;
/// Weight of log P(neighbours' case | syllable Capitalized) (a name standing alone, or a
/// capital that belongs to a longer name or a title).
pub const CAP_CONTEXT_WEIGHT: f64 = 0.5;

/// Weight of a backward model's log-probability in the rescoring.
pub const BACKWARD_WEIGHT: f64 = 0.5;
/// Hypotheses kept per position by a backward model's decoding (its paths add the variants
/// at the start of a sentence, which the forward beam has already merged).
pub const BACKWARD_BEAM: usize = 4;
/// Paths of each direction rescored with a backward model.
pub const RESCORE_TOP: usize = 4;

/// Settings of the decoding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoding {
    /// Hypotheses kept per position.
    pub beam: usize,
    /// Weight of the case channel of a run's first syllable (0: ignored).
    pub first_case_weight: f64,
    /// With a backward model: the best paths of each direction rescored (0: the whole final
    /// beams).
    pub rescore_top: usize,
    /// Weight of the neighbours' case of a Capitalized syllable (0: ignored).
    pub cap_context_weight: f64,
}

impl Default for Decoding {
    fn default() -> Self {
        Decoding {
            beam: BEAM,
            first_case_weight: FIRST_CASE_WEIGHT,
            rescore_top: RESCORE_TOP,
            cap_context_weight: CAP_CONTEXT_WEIGHT,
        }
    }
}

/// One choice for a position: a known syllable id (None: unknown, kept as typed) and its text.
struct Choice {
    id: Option<u32>,
    text: String,
}

struct Hyp {
    t: Option<u32>,
    u: Option<u32>,
    v: Option<u32>,
    score: f64,
    choice: usize,
    parent: usize,
}

impl DiacriticModel {
    /// Restores the diacritics of a text.
    pub fn restore(&self, text: &str) -> String {
        let text = normalize(text);
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        let mut last = 0;
        for span in syllable_spans(&text) {
            let words: Vec<&str> = span.iter().map(|&(a, b)| &text[a..b]).collect();
            for (&(a, b), r) in span.iter().zip(self.decode(&words)) {
                out.push_str(&text[last..a]);
                // Letters glued to a digit (`N2O`, `HEC2`, `U23`) are a code: kept as typed.
                let glued = text[..a].ends_with(|c: char| c.is_ascii_digit())
                    || text[b..].starts_with(|c: char| c.is_ascii_digit());
                out.push_str(if glued { &text[a..b] } else { &r });
                last = b;
            }
        }
        out.push_str(&text[last..]);
        out
    }

    /// The query with its diacritics restored ("did you mean"), when it was typed without any
    /// and restoring changes it; mixed and accented queries keep what the user typed.
    pub fn suggest(&self, query: &str) -> Option<String> {
        if query.trim().is_empty() || has_diacritics(query) {
            return None;
        }
        let restored = self.restore(query);
        (restored != normalize(query)).then_some(restored)
    }

    fn choices(&self, word: &str) -> Vec<Choice> {
        let lower = word.to_lowercase();
        // Mixed case (`GHz`, `DiCaprio`) is no Vietnamese syllable: kept as typed.
        if !has_diacritics(&lower) && !is_mixed_case(word) {
            if let Some(ids) = self.candidates(&lower) {
                return ids
                    .iter()
                    .map(|&id| Choice {
                        id: Some(id),
                        text: self.syllable(id).to_string(),
                    })
                    .collect();
            }
        }
        vec![Choice {
            id: self.id(&lower),
            text: lower,
        }]
    }

    /// Best accented sequence for a run of syllables.
    fn decode(&self, words: &[&str]) -> Vec<String> {
        let choices: Vec<Vec<Choice>> = words.iter().map(|w| self.choices(w)).collect();
        let paths = self.search(words, &choices);
        let picks = match self.backward() {
            Some((backward, weight)) if words.len() > 1 => {
                self.rescore(words, &choices, paths, backward, weight)
            }
            _ => paths.into_iter().next().unwrap_or_default(),
        };
        words
            .iter()
            .zip(picks)
            .enumerate()
            .map(|(i, (w, p))| with_case_of(w, &choices[i][p].text))
            .collect()
    }

    /// The case channel of each option at position `i`.
    fn channel(&self, words: &[&str], i: usize, options: &[Choice]) -> Vec<f64> {
        // How the syllable is written says something about it; first in a run, where
        // sentences start with a capital, less (its own statistics).
        let class = case_class(words[i]);
        let decoding = self.decoding();
        // A Capitalized syllable: which of its neighbours are capitalized too.
        let context = (class == 1 && decoding.cap_context_weight != 0.0).then(|| {
            let from = i.saturating_sub(1);
            let around = &words[from..(i + 2).min(words.len())];
            let classes: Vec<usize> = around.iter().map(|w| case_class(w)).collect();
            cap_context(&classes, i - from)
        });
        options
            .iter()
            .map(|c| match c.id {
                Some(w) if options.len() > 1 => {
                    let case = if i > 0 {
                        CASE_WEIGHT * self.case_logp(w, class)
                    } else {
                        decoding.first_case_weight * self.case_first_logp(w, class)
                    };
                    let neighbours = context.map_or(0.0, |k| {
                        decoding.cap_context_weight * self.cap_context_logp(w, k)
                    });
                    case + neighbours
                }
                _ => 0.0,
            })
            .collect()
    }

    /// log P of a sequence of syllable ids (None: unknown, cutting the history).
    fn sequence_logp(&self, ids: impl Iterator<Item = Option<u32>>) -> f64 {
        let start = Some(super::count::BOS);
        let (mut u, mut v) = (start, start);
        let mut sum = 0.0;
        for w in ids {
            if let Some(w) = w {
                sum += self.prob(u, v, w).max(1e-300).ln();
            }
            (u, v) = (v, w);
        }
        if let Some(eos) = self.eos() {
            sum += self.prob(u, v, eos).max(1e-300).ln();
        }
        sum
    }

    /// The best of the n-best paths of both directions, by the sum of the forward score and
    /// the backward model's log-probability times `weight`.
    fn rescore(
        &self,
        words: &[&str],
        choices: &[Vec<Choice>],
        mut paths: Vec<Vec<usize>>,
        backward: &DiacriticModel,
        weight: f64,
    ) -> Vec<usize> {
        let top = match self.decoding().rescore_top {
            0 => usize::MAX,
            n => n,
        };
        paths.truncate(top);
        let reversed: Vec<&str> = words.iter().rev().copied().collect();
        let back_choices: Vec<Vec<Choice>> = reversed.iter().map(|w| backward.choices(w)).collect();
        for back in backward
            .search(&reversed, &back_choices)
            .into_iter()
            .take(top)
        {
            // The same path in the forward model's choices, when it has them all.
            let path: Option<Vec<usize>> = back
                .iter()
                .rev()
                .enumerate()
                .map(|(i, &b)| {
                    let text = &back_choices[words.len() - 1 - i][b].text;
                    choices[i].iter().position(|c| &c.text == text)
                })
                .collect();
            if let Some(path) = path.filter(|p| !paths.contains(p)) {
                paths.push(path);
            }
        }
        let channels: Vec<Vec<f64>> = (0..words.len())
            .map(|i| self.channel(words, i, &choices[i]))
            .collect();
        // The backward model's id of each choice, found among its own choices (a lookup by
        // text in the whole vocabulary would cost a cache miss per step of a binary search).
        let back_ids: Vec<Vec<Option<u32>>> = choices
            .iter()
            .zip(back_choices.iter().rev())
            .map(|(options, back)| {
                options
                    .iter()
                    .map(|c| back.iter().find(|b| b.text == c.text).and_then(|b| b.id))
                    .collect()
            })
            .collect();
        let score = |path: &Vec<usize>| {
            let forward =
                self.sequence_logp(path.iter().enumerate().map(|(i, &c)| choices[i][c].id));
            let case: f64 = path.iter().enumerate().map(|(i, &c)| channels[i][c]).sum();
            let back =
                backward.sequence_logp(path.iter().enumerate().rev().map(|(i, &c)| back_ids[i][c]));
            forward + case + weight * back
        };
        paths
            .into_iter()
            .map(|p| (score(&p), p))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
            .unwrap_or_default()
    }

    /// The paths (choice per position) of the final beam, best first.
    fn search(&self, words: &[&str], choices: &[Vec<Choice>]) -> Vec<Vec<usize>> {
        let settings = self.decoding();
        let start = Some(super::count::BOS);
        let mut beams: Vec<Vec<Hyp>> = Vec::with_capacity(words.len());
        let fourgrams = self.has_fourgrams();
        let mut beam = vec![Hyp {
            t: start,
            u: start,
            v: start,
            score: 0.0,
            choice: 0,
            parent: 0,
        }];
        let mut lower: Vec<(Option<u32>, Vec<f64>)> = Vec::new();
        for (i, options) in choices.iter().enumerate() {
            let channel = self.channel(words, i, options);
            // P(w | v) of every option, once per distinct previous syllable.
            lower.clear();
            for h in &beam {
                if lower.iter().any(|(v, _)| *v == h.v) {
                    continue;
                }
                let probs = options
                    .iter()
                    .map(|c| match (c.id, h.v) {
                        (Some(w), Some(v)) => self.prob2(v, w),
                        (Some(w), None) => self.prob(None, None, w),
                        (None, _) => 1.0,
                    })
                    .collect();
                lower.push((h.v, probs));
            }
            let mut next: Vec<Hyp> = Vec::with_capacity(beam.len() * options.len());
            for (p, h) in beam.iter().enumerate() {
                let probs = &lower.iter().find(|(v, _)| *v == h.v).expect("computed").1;
                let backoff = match (h.u, h.v) {
                    (Some(u), Some(v)) => self.backoff3(u, v),
                    _ => None,
                };
                for (c, choice) in options.iter().enumerate() {
                    // An unknown syllable costs the same on every path; it cuts the history.
                    let score = match (choice.id, backoff) {
                        (None, _) => 0.0,
                        (Some(_), None) => probs[c].ln(),
                        (Some(w), Some(b)) => {
                            let (u, v) = (h.u.unwrap_or_default(), h.v.unwrap_or_default());
                            let p3 = self.trigram(u, v, w) + b * probs[c];
                            let p = match h.t {
                                Some(t) if fourgrams => self.prob4(t, u, v, w, p3),
                                _ => p3,
                            };
                            p.max(1e-300).ln()
                        }
                    };
                    next.push(Hyp {
                        t: h.u,
                        u: h.v,
                        v: choice.id,
                        score: h.score + score + channel[c],
                        choice: c,
                        parent: p,
                    });
                }
            }
            next.sort_by(|a, b| b.score.total_cmp(&a.score));
            // Paths with the same history (last two or three syllables) have the same
            // future: keep the best.
            let mut kept: Vec<Hyp> = Vec::with_capacity(settings.beam);
            for h in next {
                let same = |k: &Hyp| k.u == h.u && k.v == h.v && (!fourgrams || k.t == h.t);
                if !kept.iter().any(same) {
                    kept.push(h);
                    if kept.len() >= settings.beam {
                        break;
                    }
                }
            }
            beams.push(std::mem::replace(&mut beam, kept));
        }
        // How likely the run ends after each path's last two syllables.
        if let Some(eos) = self.eos() {
            for h in &mut beam {
                h.score += self.prob(h.u, h.v, eos).max(1e-300).ln();
            }
            beam.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
        beams.push(beam);
        // Follow the back pointers from each final hypothesis (sorted best first).
        let finals = beams.last().map_or(0, Vec::len);
        (0..finals)
            .map(|end| {
                let mut picks = vec![0usize; words.len()];
                let mut at = end;
                for i in (0..words.len()).rev() {
                    let h = &beams[i + 1][at];
                    picks[i] = h.choice;
                    at = h.parent;
                }
                picks
            })
            .collect()
    }
}

/// Runs of syllables (byte ranges) between punctuation, digits and symbols (quotation marks
/// do not cut them).
fn syllable_spans(text: &str) -> Vec<Vec<(usize, usize)>> {
    let mut spans = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_syllable_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            run.push((s, i));
        }
        if !c.is_whitespace() && !is_quote(c) && !run.is_empty() {
            spans.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        spans.push(run);
    }
    spans
}

/// Whether a word has lower-case letters and a capital past its first letter (`GHz`,
/// `DiCaprio`, `iPhone`).
fn is_mixed_case(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next();
    let (mut lower, mut upper) = (false, false);
    for c in letters {
        lower |= c.is_lowercase();
        upper |= c.is_uppercase();
    }
    upper && (lower || word.chars().next().is_some_and(char::is_lowercase))
}

/// `target` with the capitalization of `typed` (all caps, first letter, or lower; a mixed-case
/// word is kept as typed).
fn with_case_of(typed: &str, target: &str) -> String {
    if is_mixed_case(typed) {
        return typed.to_string();
    }
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
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
    use super::super::{estimate, Counts};
    use super::*;

    fn toy_model() -> DiacriticModel {
        let mut c = Counts::new();
        for _ in 0..3 {
            c.add_text("Tỉnh quan tâm đào tạo cán bộ cơ sở. Đào tạo, bồi dưỡng cán bộ.");
            c.add_text("Ban thường vụ tỉnh ủy chỉ đạo công tác cán bộ.");
        }
        c.add_text("Người dân mang dao ra bờ sông, cạn nước thì cắt tảo.");
        estimate(&c, 1)
    }

    #[test]
    fn restores_with_context() {
        let m = toy_model();
        let cases = [
            ("dao tao can bo co so", "đào tạo cán bộ cơ sở"),
            ("Dao tao can bo", "Đào tạo cán bộ"),
            ("DAO TAO", "ĐÀO TẠO"),
            ("cong tac can bo, co so", "công tác cán bộ, cơ sở"),
            ("đào tao can bo", "đào tạo cán bộ"),
            ("xyz dao tao", "xyz đào tạo"),
            ("Facebook dao tao", "Facebook đào tạo"),
            ("", ""),
            ("2021: dao tao", "2021: đào tạo"),
            ("cong tac 'can bo' co so", "công tác 'cán bộ' cơ sở"),
            ("\"dao tao\" can bo", "\"đào tạo\" cán bộ"),
            ("  dao  tao ", "  đào  tạo "),
            (
                "GHz, DiCaprio, iPhone dao tao",
                "GHz, DiCaprio, iPhone đào tạo",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(m.restore(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn a_name_standing_alone_is_told_from_a_capitalized_title() {
        // "Thủ" is capitalized before "tướng", never at a run's end (where lower-case "thủ"
        // is); "Thu" is a name.
        let mut c = Counts::new();
        for _ in 0..6 {
            c.add_text("Hôm nay Thủ tướng nói.");
        }
        for _ in 0..3 {
            c.add_text("Anh ấy là cầu thủ. Mùa thu đẹp.");
        }
        c.add_text("Tôi gặp chị Thu.");
        let weighted = |w: f64| {
            estimate(&c, 1).with_decoding(Decoding {
                cap_context_weight: w,
                ..Decoding::default()
            })
        };
        let (m, off) = (weighted(1.0), weighted(0.0));
        let cases = [
            (&m, "Hom nay gap Thu.", "Hôm nay gặp Thu."),
            (&off, "Hom nay gap Thu.", "Hôm nay gặp Thủ."),
            (&m, "Hom nay Thu tuong noi", "Hôm nay Thủ tướng nói"),
        ];
        for (model, input, expected) in cases {
            let weight = model.decoding().cap_context_weight;
            assert_eq!(model.restore(input), expected, "weight {weight}, {input:?}");
        }
    }

    #[test]
    fn a_fourgram_model_restores_too() {
        let mut c = Counts::new();
        c.count_fourgrams();
        for _ in 0..3 {
            c.add_text("Tỉnh quan tâm đào tạo cán bộ cơ sở. Đào tạo, bồi dưỡng cán bộ.");
        }
        c.add_text("Người dân mang dao ra bờ sông, cạn nước thì cắt tảo.");
        let m = estimate(&c, 1);
        assert!(m.fourgram_len() > 0);
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("model");
        m.save(&path).unwrap();
        let loaded = DiacriticModel::load(&path).unwrap();
        for (input, expected) in [
            (
                "quan tam dao tao can bo co so",
                "quan tâm đào tạo cán bộ cơ sở",
            ),
            ("boi duong can bo", "bồi dưỡng cán bộ"),
        ] {
            assert_eq!(m.restore(input), expected, "input {input:?}");
            assert_eq!(loaded.restore(input), expected, "loaded, input {input:?}");
        }
    }

    #[test]
    fn a_backward_model_rescoring_keeps_the_answers() {
        let texts = [
            "Tỉnh quan tâm đào tạo cán bộ cơ sở. Đào tạo, bồi dưỡng cán bộ.",
            "Ban thường vụ tỉnh ủy chỉ đạo công tác cán bộ.",
        ];
        let mut back = Counts::new();
        back.count_reversed();
        for _ in 0..3 {
            texts.iter().for_each(|t| back.add_text(t));
        }
        back.add_text("Người dân mang dao ra bờ sông, cạn nước thì cắt tảo.");
        let backward = std::sync::Arc::new(estimate(&back, 1));
        for (weight, top) in [(0.5, 0), (1.0, 0), (0.5, 1), (0.5, 4), (1.0, 8)] {
            let decoding = Decoding {
                rescore_top: top,
                ..Decoding::default()
            };
            let m = toy_model()
                .with_decoding(decoding)
                .with_backward(backward.clone(), weight);
            for (input, expected) in [
                ("dao tao can bo co so", "đào tạo cán bộ cơ sở"),
                ("Dao tao can bo", "Đào tạo cán bộ"),
                ("xyz dao tao", "xyz đào tạo"),
                ("boi duong can bo", "bồi dưỡng cán bộ"),
            ] {
                assert_eq!(
                    m.restore(input),
                    expected,
                    "weight {weight}, top {top}, input {input:?}"
                );
            }
        }
    }

    #[test]
    fn suggests_only_for_queries_without_diacritics() {
        let m = toy_model();
        let cases = [
            ("dao tao can bo", Some("đào tạo cán bộ")),
            ("đào tạo cán bộ", None),
            ("đào tao can bo", None),
            ("xyz", None),
            ("   ", None),
        ];
        for (input, expected) in cases {
            assert_eq!(m.suggest(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn save_and_load_round_trip() {
        let m = toy_model();
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("model");
        m.save(&path).unwrap();
        let loaded = DiacriticModel::load(&path).unwrap();
        assert_eq!(loaded.vocab_len(), m.vocab_len());
        assert_eq!(loaded.trigram_len(), m.trigram_len());
        for input in [
            "dao tao can bo",
            "cong tac can bo co so",
            "nguoi dan mang dao",
        ] {
            assert_eq!(loaded.restore(input), m.restore(input), "input {input:?}");
        }
        std::fs::write(&path, "garbage").unwrap();
        assert!(DiacriticModel::load(&path).is_err());
    }
}
