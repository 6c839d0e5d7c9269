//! Acronyms: the curated list (`data/acronyms/acronyms.tsv`, built in) and the rules shared by
//! the list, the definitions mined from articles and query expansion.
//!
//! An acronym is compared by its *key*: folded, lower-cased, its letter groups joined by one
//! space, which is what the folded analyzer makes of it (`HĐND` → `hdnd`, `KH&CN` → `kh cn`,
//! `KT-XH` → `kt xh`). An expansion is compared by its folded words (`Ủy ban nhân dân` →
//! `uy ban nhan dan`), with the i/y spelling of the analyzers (`kĩ` → `ky`).
//!
//! ```
//! use tracuu::text::acronyms::{acronym_key, curated_expansions, initials_match};
//! assert_eq!(acronym_key("KH&CN").as_deref(), Some("kh cn"));
//! assert_eq!(curated_expansions("hdnd"), ["Hội đồng nhân dân"]);
//! let words = ["Trung", "tâm", "bồi", "dưỡng", "chính", "trị"];
//! assert_eq!(initials_match("TTBDCT", &words), Some(6));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::{canonical_iy, fold};

/// The curated list: acronym TAB expansion [TAB expansion …]; `#` starts a comment line.
const CURATED: &str = include_str!("../../data/acronyms/acronyms.tsv");

/// Lower-case function words a definition may hold without a letter for them
/// ("Bộ Văn hóa, Thể thao và Du lịch (BVHTTDL)").
const SKIPPABLE: [&str; 6] = ["va", "cua", "cac", "ve", "cho", "voi"];

/// Longest acronym, in letters, that is looked at.
pub const MAX_ACRONYM_LETTERS: usize = 12;

/// One entry of the curated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As written in the list (`KH&CN`).
    pub acronym: &'static str,
    /// Its expansions, most usual first.
    pub expansions: Vec<&'static str>,
}

struct Curated {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
}

fn curated() -> &'static Curated {
    static CURATED_LIST: OnceLock<Curated> = OnceLock::new();
    CURATED_LIST.get_or_init(|| {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_key = HashMap::new();
        for line in CURATED.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let Some(acronym) = parts.next() else {
                continue;
            };
            let Some(key) = acronym_key(acronym) else {
                continue;
            };
            let expansions: Vec<&str> = parts.filter(|e| !e.trim().is_empty()).collect();
            if expansions.is_empty() || by_key.contains_key(&key) {
                continue;
            }
            by_key.insert(key, entries.len());
            entries.push(Entry {
                acronym,
                expansions,
            });
        }
        Curated { entries, by_key }
    })
}

/// Every entry of the curated list.
pub fn curated_entries() -> &'static [Entry] {
    &curated().entries
}

/// The curated expansions of an acronym key (see [`acronym_key`]); empty when unknown.
pub fn curated_expansions(key: &str) -> &'static [&'static str] {
    let c = curated();
    c.by_key
        .get(key)
        .map_or(&[], |&i| c.entries[i].expansions.as_slice())
}

/// The key of an acronym: folded, lower-cased letter groups joined by a space, or None when
/// it is not written like one (letters, upper case, `&` and `-` between groups, at most
/// [`MAX_ACRONYM_LETTERS`] letters, at least two).
pub fn acronym_key(acronym: &str) -> Option<String> {
    let folded = fold(acronym);
    let mut key = String::with_capacity(folded.len());
    let mut letters = 0;
    let mut separated = true;
    for c in folded.chars() {
        match c {
            'A'..='Z' => {
                if separated && !key.is_empty() {
                    key.push(' ');
                }
                separated = false;
                key.push(c.to_ascii_lowercase());
                letters += 1;
            }
            '&' | '-' if !separated => separated = true,
            _ => return None,
        }
    }
    (!separated && (2..=MAX_ACRONYM_LETTERS).contains(&letters)).then_some(key)
}

/// The folded, lower-cased words of a text as the folded analyzer spells them (i/y included),
/// punctuation dropped.
pub fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut lower = w.to_lowercase();
            canonical_iy(&mut lower);
            fold(&lower)
        })
        .collect()
}

/// How many of the last `words` spell `acronym` by their initials, or None when they do not.
///
/// Each letter is the first letter of one word (folded, so Đ and D are equal); `&` stands
/// for an optional "và"; lower-case function words ("và", "của", …) may go without a letter.
/// Every letter must be used, and the first word used must carry a letter.
pub fn initials_match(acronym: &str, words: &[&str]) -> Option<usize> {
    let letters: Vec<char> = fold(acronym)
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.iter().filter(|c| c.is_ascii_alphabetic()).count() < 2 {
        return None;
    }
    let mut i = letters.len();
    let mut j = words.len();
    while i > 0 {
        let w = words.get(j.checked_sub(1)?)?;
        let wf = fold(w).to_lowercase();
        let letter = letters[i - 1];
        if letter == '&' {
            if wf == "va" {
                j -= 1;
            }
            i -= 1;
        } else if wf.starts_with(letter) {
            i -= 1;
            j -= 1;
        } else if SKIPPABLE.contains(&wf.as_str()) && w.chars().all(|c| !c.is_uppercase()) {
            j -= 1;
        } else {
            return None;
        }
    }
    Some(words.len() - j)
}

/// Whether a folded lower-case word can be a Vietnamese syllable (onset, one to three vowels,
/// coda): such words ("ca", "to") are acronyms in a query only when typed in upper case.
pub fn is_syllable(folded: &str) -> bool {
    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
        "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
    ];
    const CODAS: [&str; 10] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"];
    let onset = ONSETS
        .iter()
        .find(|o| folded.starts_with(*o))
        .map_or(0, |o| o.len());
    let rest = &folded[onset..];
    let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
    (1..=3).contains(&vowels) && CODAS.contains(&&rest[vowels..])
}

/// Prefix of the `acronym` field terms that map an acronym key to an expansion.
pub const ACRONYM_PREFIX: &str = "a:";
/// Prefix of the `acronym` field terms that map an expansion's folded words to a key.
pub const EXPANSION_PREFIX: &str = "e:";
/// Separates the two sides of an `acronym` field term.
pub const TERM_SEPARATOR: char = '=';

/// The two index terms of a definition: `a:ttbdct=trung tâm bồi dưỡng chính trị` (key to
/// expansion, lower-cased with diacritics) and `e:trung tam boi duong chinh tri=ttbdct`
/// (folded words to key). None when the acronym has no key or the expansion no word.
///
/// ```
/// use tracuu::text::acronyms::definition_terms;
/// let [a, e] = definition_terms("KT-XH", "kinh tế - xã hội").unwrap();
/// assert_eq!(a, "a:kt xh=kinh tế xã hội");
/// assert_eq!(e, "e:kinh te xa hoi=kt xh");
/// ```
pub fn definition_terms(acronym: &str, expansion: &str) -> Option<[String; 2]> {
    let key = acronym_key(acronym)?;
    let words: Vec<String> = expansion
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let folded = folded_words(expansion).join(" ");
    Some([
        format!("{ACRONYM_PREFIX}{key}{TERM_SEPARATOR}{}", words.join(" ")),
        format!("{EXPANSION_PREFIX}{folded}{TERM_SEPARATOR}{key}"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let cases = [
            ("UBND", Some("ubnd")),
            ("HĐND", Some("hdnd")),
            ("KH&CN", Some("kh cn")),
            ("KT-XH", Some("kt xh")),
            ("LĐ-TB&XH", Some("ld tb xh")),
            ("Kon Tum", None),
            ("2021", None),
            ("A", None),
            ("ubnd", None),
            ("KT--XH", None),
            ("-KT", None),
            ("KT-", None),
            ("ABCDEFGHIJKLM", None),
        ];
        for (input, want) in cases {
            assert_eq!(acronym_key(input).as_deref(), want, "input {input:?}");
        }
    }

    #[test]
    fn initials() {
        let cases: [(&str, &str, Option<usize>); 12] = [
            ("UBND", "Ủy ban nhân dân", Some(4)),
            ("TTBDCT", "tại Trung tâm bồi dưỡng chính trị", Some(6)),
            ("HĐND", "kỳ họp Hội đồng nhân dân", Some(4)),
            ("HDND", "Hội đồng nhân dân", Some(4)),
            ("KH&CN", "Sở khoa học và công nghệ", Some(5)),
            ("KHCN", "khoa học và công nghệ", Some(5)),
            ("KT-XH", "phát triển kinh tế - xã hội", Some(4)),
            ("CBCCVC", "cán bộ, công chức, viên chức", Some(6)),
            ("UBND", "Ủy ban tỉnh", None),
            ("UBND", "nhân dân", None),
            ("KT", "Kon Tum", Some(2)),
            ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", Some(8)),
        ];
        for (acronym, text, want) in cases {
            let words: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                initials_match(acronym, &words),
                want,
                "{acronym:?} in {text:?}"
            );
        }
    }

    #[test]
    fn syllables() {
        let cases = [
            ("ca", true),
            ("nghieng", true),
            ("to", true),
            ("uy", true),
            ("ubnd", false),
            ("hdnd", false),
            ("tp", false),
            ("kh", false),
            ("cbccvc", false),
            ("ttbdct", false),
            ("xh", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_syllable(word), want, "word {word:?}");
        }
    }

    /// Every curated expansion spells its acronym by initials, but for the conventional
    /// abbreviations listed here.
    #[test]
    fn curated_expansions_spell_their_acronyms() {
        let conventional = ["TW", "BCHTW", "NHTW", "TTXVN", "HCM", "TPHCM"];
        let entries = curated_entries();
        assert!(entries.len() > 100, "{} entries", entries.len());
        let mut wrong = Vec::new();
        for e in entries {
            if conventional.contains(&e.acronym) {
                continue;
            }
            for x in &e.expansions {
                let words: Vec<&str> = x
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                if initials_match(e.acronym, &words) != Some(words.len()) {
                    wrong.push(format!("{} = {x}", e.acronym));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
        for key in ["ubnd", "hdnd", "cbccvc", "ttbdct", "llct", "kh cn", "kt xh"] {
            assert!(!curated_expansions(key).is_empty(), "{key} missing");
        }
    }
}
