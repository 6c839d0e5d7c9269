//! Acronyms in a query, both ways: a run of query syllables that spells an acronym
//! (`UBND`, `ubnd`, `KH&CN`) stands also for its expansions, and a run that spells an
//! expansion (`ủy ban nhân dân`, `uy ban nhan dan`) stands also for its acronym.
//!
//! Pairs come from the curated list ([`crate::text::acronyms`]) and from the definitions
//! articles give, indexed in the `acronym` field (see
//! [`definition_terms`](crate::text::acronyms::definition_terms)): those found in at least
//! one live document count, the most frequent first.
//!
//! A query word is read as (part of) an acronym only when it cannot be a Vietnamese syllable
//! (`ubnd`, `kh`) or was typed in upper case (`CA`), so that "ca sĩ" never means "công an".

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocSet, Searcher, TERMINATED};

use super::query::QueryToken;
use crate::text::acronyms::{
    curated_entries, curated_expansions, folded_words, is_syllable, ACRONYM_PREFIX,
    EXPANSION_PREFIX, TERM_SEPARATOR,
};
use crate::text::fold;

/// Expansions kept per run of query syllables.
pub const MAX_PER_RUN: usize = 3;
/// Longest acronym in query tokens (`LĐ-TB&XH` is three).
const MAX_ACRONYM_TOKENS: usize = 3;
/// Index terms of one prefix looked at, so that a query never walks a large dictionary.
const MAX_TERMS: usize = 64;

/// What a run of query syllables also stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The run spells an acronym; `text` is one of its expansions (with diacritics).
    Expansion,
    /// The run spells an expansion; `text` is the acronym's key (folded, `kh cn`).
    Acronym,
}

/// One alternative reading of a run of query syllables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Indices, in the query's one-token-per-position list, of the syllables it stands for.
    pub run: Range<usize>,
    pub text: String,
    pub target: Target,
}

/// The curated expansions by their first folded word: (folded words, acronym key).
type ByFirstWord = HashMap<String, Vec<(Vec<String>, String)>>;

fn curated_by_first_word() -> &'static ByFirstWord {
    static MAP: OnceLock<ByFirstWord> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = ByFirstWord::new();
        for e in curated_entries() {
            let Some(key) = crate::text::acronyms::acronym_key(e.acronym) else {
                continue;
            };
            for x in &e.expansions {
                let words = folded_words(x);
                if words.len() < 2 {
                    continue;
                }
                map.entry(words[0].clone())
                    .or_default()
                    .push((words, key.clone()));
            }
        }
        map
    })
}

/// Positions of the tokens of `text` written in upper case (two letters or more, or one
/// letter in an upper-case run such as `KH&CN`), through `analyzer` (either query analyzer:
/// both give the same positions).
pub fn upper_case_positions(analyzer: &mut TextAnalyzer, text: &str) -> HashSet<usize> {
    let mut out = HashSet::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        let Some(span) = text.get(t.offset_from..t.offset_to) else {
            continue;
        };
        let mut letters = span.chars().filter(|c| c.is_alphabetic()).peekable();
        if letters.peek().is_some() && letters.all(char::is_uppercase) {
            out.insert(t.position);
        }
    }
    out
}

/// The alternative readings of the query tokens `single` (one per position).
pub fn find(
    single: &[QueryToken],
    upper: &HashSet<usize>,
    searcher: &Searcher,
    field: Option<Field>,
) -> Vec<Expansion> {
    let folded: Vec<String> = single.iter().map(|t| fold(&t.text)).collect();
    let consecutive = |run: Range<usize>| {
        run.clone()
            .all(|i| single[i].position == single[run.start].position + (i - run.start))
    };
    let acronym_part: Vec<bool> = single
        .iter()
        .zip(&folded)
        .map(|(t, f)| {
            f.bytes().all(|b| b.is_ascii_lowercase())
                && (upper.contains(&t.position) || (f.len() >= 2 && !is_syllable(f)))
        })
        .collect();
    let mut out = Vec::new();
    for i in 0..single.len() {
        // Runs spelling an acronym.
        for len in 1..=MAX_ACRONYM_TOKENS.min(single.len() - i) {
            let run = i..i + len;
            if !acronym_part[run.clone()].iter().all(|&a| a) || !consecutive(run.clone()) {
                break;
            }
            let key = folded[run.clone()].join(" ");
            let mut texts: Vec<String> = curated_expansions(&key)
                .iter()
                .map(|s| s.to_string())
                .collect();
            if let Some(field) = field {
                let prefix = format!("{ACRONYM_PREFIX}{key}{TERM_SEPARATOR}");
                for (term, _) in live_terms(searcher, field, &prefix) {
                    texts.push(term[prefix.len()..].to_string());
                }
            }
            let mut seen = HashSet::new();
            texts.retain(|t| seen.insert(folded_words(t)));
            for text in texts.into_iter().take(MAX_PER_RUN) {
                out.push(Expansion {
                    run: run.clone(),
                    text,
                    target: Target::Expansion,
                });
            }
        }
        // Runs spelling an expansion.
        let mut keys: Vec<(usize, String)> = Vec::new();
        let matches_at = |words: &[String]| {
            let run = i..i + words.len();
            run.end <= single.len() && folded[run.clone()] == *words && consecutive(run)
        };
        if let Some(candidates) = curated_by_first_word().get(&folded[i]) {
            for (words, key) in candidates {
                if matches_at(words) {
                    keys.push((words.len(), key.clone()));
                }
            }
        }
        if let Some(field) = field {
            let prefix = format!("{EXPANSION_PREFIX}{} ", folded[i]);
            for (term, _) in live_terms(searcher, field, &prefix) {
                let Some((words, key)) = term[EXPANSION_PREFIX.len()..].split_once(TERM_SEPARATOR)
                else {
                    continue;
                };
                let words: Vec<String> = words.split(' ').map(str::to_string).collect();
                if matches_at(&words) {
                    keys.push((words.len(), key.to_string()));
                }
            }
        }
        let mut seen = HashSet::new();
        keys.retain(|k| seen.insert(k.clone()));
        for (len, key) in keys.into_iter().take(MAX_PER_RUN) {
            out.push(Expansion {
                run: i..i + len,
                text: key,
                target: Target::Acronym,
            });
        }
    }
    out
}

/// Terms of `field` starting with `prefix` with the number of live documents holding each,
/// most frequent first; terms of deleted documents only are left out.
fn live_terms(searcher: &Searcher, field: Field, prefix: &str) -> Vec<(String, u64)> {
    let mut end = prefix.as_bytes().to_vec();
    if let Some(last) = end.last_mut() {
        // Prefixes end with '=' or ' ': the next byte value is still ASCII.
        *last += 1;
    }
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&end)
            .into_stream()
        else {
            continue;
        };
        let mut seen = 0;
        while stream.advance() && seen < MAX_TERMS {
            seen += 1;
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let info = stream.value().clone();
            let live = if segment.has_deletes() {
                let Ok(mut postings) =
                    inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)
                else {
                    continue;
                };
                let mut n = 0;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        n += 1;
                    }
                    doc = postings.advance();
                }
                n
            } else {
                u64::from(info.doc_freq)
            };
            if live > 0 {
                *counts.entry(term.to_string()).or_default() += live;
            }
        }
    }
    let mut terms: Vec<(String, u64)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    use super::*;
    use crate::text::exact_analyzer;

    fn tokens(text: &str) -> (Vec<QueryToken>, HashSet<usize>) {
        let mut analyzer = exact_analyzer();
        let text = crate::text::normalize(text);
        let tokens = super::super::query::tokenize(&mut analyzer, &text);
        (tokens, upper_case_positions(&mut analyzer, &text))
    }

    fn searcher_with(terms: &[&[&str]]) -> (Searcher, Field) {
        let mut builder = Schema::builder();
        let field = builder.add_text_field("acronym", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for doc_terms in terms {
            let mut d = doc!();
            for t in *doc_terms {
                d.add_text(field, t);
            }
            writer.add_document(d).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), field)
    }

    #[test]
    fn readings() {
        let (searcher, field) = searcher_with(&[
            &[
                "a:ttbdct=trung tâm bồi dưỡng chính trị",
                "e:trung tam boi duong chinh tri=ttbdct",
            ],
            &[
                "a:ttbdct=trung tâm bồi dưỡng chính trị",
                "e:trung tam boi duong chinh tri=ttbdct",
            ],
            &["a:ttbdct=trường trung học", "e:truong trung hoc=ttbdct"],
        ]);
        type Want<'a> = &'a [(Range<usize>, &'a str, Target)];
        let cases: [(&str, Want); 10] = [
            ("UBND tỉnh", &[(0..1, "Ủy ban nhân dân", Target::Expansion)]),
            ("ubnd", &[(0..1, "Ủy ban nhân dân", Target::Expansion)]),
            ("họp Ủy ban nhân dân", &[(1..5, "ubnd", Target::Acronym)]),
            ("uy ban nhan dan", &[(0..4, "ubnd", Target::Acronym)]),
            (
                "Sở KH&CN",
                &[(1..3, "khoa học và công nghệ", Target::Expansion)],
            ),
            (
                "TTBDCT huyện",
                &[
                    (0..1, "Trung tâm bồi dưỡng chính trị", Target::Expansion),
                    (0..1, "trường trung học", Target::Expansion),
                ],
            ),
            (
                "trung tâm bồi dưỡng chính trị",
                &[(0..6, "ttbdct", Target::Acronym)],
            ),
            // Syllables in lower case are not acronyms; in upper case they may be.
            ("ca sĩ", &[]),
            ("ủy ban tỉnh", &[]),
            ("Ủy ban nhân", &[]),
        ];
        for (query, want) in cases {
            let (tokens, upper) = tokens(query);
            let got = find(&tokens, &upper, &searcher, Some(field));
            let got: Vec<(Range<usize>, &str, Target)> = got
                .iter()
                .map(|e| (e.run.clone(), e.text.as_str(), e.target.clone()))
                .collect();
            let want: Vec<(Range<usize>, &str, Target)> = want.to_vec();
            assert_eq!(got, want, "query {query:?}");
        }
    }
}
