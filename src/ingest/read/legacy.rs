//! Legacy Vietnamese 8-bit encodings: TCVN3 (ABC) and VNI-Windows.
//!
//! Such text reaches us either as raw single-byte files, or as UTF-8 text that is the legacy
//! bytes read as Windows-1252 ("Vieät Nam" for VNI, "ViÖt Nam" for TCVN3). Both are handled
//! on chars: a char below U+0100 stands for its own byte value (Latin-1), and the 27
//! Windows-1252 specials stand for their byte in 0x80..=0x9F.
//!
//! The tables (`data/legacy/vietnamese_legacy.tsv`) are derived from viparse (MIT).
use std::collections::HashMap;
use std::sync::OnceLock;

/// A legacy Vietnamese encoding we can convert from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, known as ABC: one byte per letter, no upper-case toned vowels.
    Tcvn3,
    /// VNI-Windows: a base letter followed by a mark byte for most toned vowels.
    Vni,
}

impl Legacy {
    /// The name used in messages ("converted from VNI").
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        }
    }
}

const TABLE: &str = include_str!("../../../data/legacy/vietnamese_legacy.tsv");

struct Tables {
    tcvn3: [Option<char>; 256],
    vni_single: [Option<char>; 256],
    vni_pair: HashMap<(u8, u8), char>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            tcvn3: [None; 256],
            vni_single: [None; 256],
            vni_pair: HashMap::new(),
        };
        // The table is shipped with the crate and checked by tests, so a malformed row is a
        // build defect: skipping it is enough.
        for line in TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut cols = line.split('\t');
            let (Some(enc), Some(hex), Some(uni)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Some(u) = uni.chars().next() else {
                continue;
            };
            let bytes: Vec<u8> = hex
                .split(' ')
                .filter_map(|h| u8::from_str_radix(h, 16).ok())
                .collect();
            match (enc, bytes.as_slice()) {
                ("tcvn3", [b]) => t.tcvn3[*b as usize] = Some(u),
                ("vni", [b]) => t.vni_single[*b as usize] = Some(u),
                ("vni", [a, b]) => {
                    t.vni_pair.insert((*a, *b), u);
                }
                _ => {}
            }
        }
        t
    })
}

/// Windows-1252 characters for bytes 0x80..=0x9F (the undefined five map to themselves).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The legacy byte a char stands for, if any.
fn legacy_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x100 {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// Decodes single-byte text as Windows-1252, the way mojibake arises, so raw legacy files and
/// mojibake go through the same conversion.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Converts legacy text (as chars, see the module docs) to Unicode.
pub fn convert(text: &str, enc: Legacy) -> String {
    convert_counting(text, enc).0
}

/// Converts and counts how many VNI two-char sequences were joined (0 for TCVN3): the
/// signature that tells VNI from TCVN3 when both conversions look plausible.
fn convert_counting(text: &str, enc: Legacy) -> (String, usize) {
    let t = tables();
    let mut out = String::with_capacity(text.len());
    let mut pairs = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(b) = legacy_byte(c) else {
            out.push(c);
            continue;
        };
        match enc {
            Legacy::Tcvn3 => out.push(t.tcvn3[b as usize].unwrap_or(c)),
            Legacy::Vni => {
                let pair = chars
                    .peek()
                    .and_then(|&n| legacy_byte(n))
                    .and_then(|n| t.vni_pair.get(&(b, n)));
                if let Some(&u) = pair {
                    out.push(u);
                    pairs += 1;
                    chars.next();
                } else {
                    out.push(t.vni_single[b as usize].unwrap_or(c));
                }
            }
        }
    }
    (out, pairs)
}

/// Vietnamese letters outside ASCII.
fn is_vietnamese(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'À'
            | 'Á'
            | 'Â'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ê'
            | 'Ì'
            | 'Í'
            | 'Ò'
            | 'Ó'
            | 'Ô'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ý'
            | 'ă'
            | 'Ă'
            | 'đ'
            | 'Đ'
            | 'ĩ'
            | 'Ĩ'
            | 'ũ'
            | 'Ũ'
            | 'ơ'
            | 'Ơ'
            | 'ư'
            | 'Ư'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// Chars that legacy text read as Windows-1252 produces but Vietnamese text does not.
fn is_foreign(c: char) -> bool {
    let u = c as u32;
    ((0xA1..=0xFF).contains(&u) && !is_vietnamese(c)) || CP1252_HIGH.contains(&c)
}

#[derive(Debug, Default)]
struct Stats {
    letters: usize,
    vietnamese: usize,
    foreign: usize,
}

fn stats(text: &str) -> Stats {
    let mut s = Stats::default();
    for c in text.chars() {
        if c.is_ascii() {
            s.letters += c.is_ascii_alphabetic() as usize;
            continue;
        }
        if is_vietnamese(c) {
            s.vietnamese += 1;
            s.letters += 1;
        } else if is_foreign(c) {
            s.foreign += 1;
            s.letters += 1;
        } else if c.is_alphabetic() {
            s.letters += 1;
        }
    }
    s
}

/// Cheap test that text is already Unicode Vietnamese: legacy text read as Windows-1252 can
/// never contain U+1EA0..=U+1EFF (UTF-8 `E1 BA xx` / `E1 BB xx`), which nearly every
/// Vietnamese paragraph does.
fn has_unicode_vietnamese(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xE1 && (w[1] == 0xBA || w[1] == 0xBB))
}

/// Detects legacy Vietnamese in `text` and returns it converted, when the conversion is
/// clearly better: most "foreign" Latin-1 chars disappear and Vietnamese letters appear.
pub fn detect_and_convert(text: &str) -> Option<(String, Legacy)> {
    if text.is_ascii() || has_unicode_vietnamese(text) {
        return None;
    }
    let before = stats(text);
    // Real Vietnamese has none of these chars; a few stray symbols («, ©) must not trigger.
    if before.foreign == 0 || before.foreign * 50 < before.letters {
        return None;
    }
    let mut vni = None;
    let mut tcvn3 = None;
    for enc in [Legacy::Vni, Legacy::Tcvn3] {
        let (out, pairs) = convert_counting(text, enc);
        let after = stats(&out);
        let clearly_better = after.foreign * 10 <= before.foreign
            && after.vietnamese > before.vietnamese
            && looks_vietnamese(&out);
        if clearly_better {
            match enc {
                Legacy::Vni => vni = Some((out, pairs)),
                Legacy::Tcvn3 => tcvn3 = Some(out),
            }
        }
    }
    match (vni, tcvn3) {
        // Lower-case VNI also converts cleanly as TCVN3; VNI's two-char sequences (a base
        // vowel then a mark) decide, as TCVN3 text rarely forms them.
        (Some((v, pairs)), Some(t)) => {
            if pairs * 10 >= before.foreign * 3 {
                Some((v, Legacy::Vni))
            } else {
                Some((t, Legacy::Tcvn3))
            }
        }
        (Some((v, _)), None) => Some((v, Legacy::Vni)),
        (None, Some(t)) => Some((t, Legacy::Tcvn3)),
        (None, None) => None,
    }
}

/// Vietnamese is written in short syllables: Latin-1 text of another language (German,
/// French) converted by mistake keeps its long words.
fn looks_vietnamese(text: &str) -> bool {
    let (mut words, mut long) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        long += (w.chars().count() > 7) as usize;
    }
    long * 20 <= words
}

/// Encodes Unicode text as legacy bytes: the inverse of the table, for tests and fixtures.
/// Chars without a legacy form are kept as UTF-8 bytes.
#[cfg(test)]
pub fn encode(text: &str, enc: Legacy) -> Vec<u8> {
    let t = tables();
    let mut out = Vec::with_capacity(text.len());
    'chars: for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        match enc {
            Legacy::Tcvn3 => {
                if let Some(b) = t.tcvn3.iter().position(|&x| x == Some(c)) {
                    out.push(b as u8);
                    continue 'chars;
                }
            }
            Legacy::Vni => {
                if let Some(b) = t.vni_single.iter().position(|&x| x == Some(c)) {
                    out.push(b as u8);
                    continue 'chars;
                }
                if let Some((&(a, b), _)) = t.vni_pair.iter().find(|(_, &u)| u == c) {
                    out.extend([a, b]);
                    continue 'chars;
                }
            }
        }
        let mut buf = [0; 4];
        out.extend(c.encode_utf8(&mut buf).as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "Việt Nam: người dân Đắk Lắk được hỗ trợ khẩn cấp, thẳng thắn.";

    #[test]
    fn vni_covers_every_vietnamese_letter() {
        let t = tables();
        let letters: Vec<char> = ('\u{C0}'..='\u{1EF9}')
            .filter(|&c| is_vietnamese(c))
            .collect();
        assert_eq!(letters.len(), 134);
        for c in letters {
            let single = t.vni_single.contains(&Some(c));
            let pair = t.vni_pair.values().any(|&u| u == c);
            assert!(single || pair, "VNI lacks {c}");
        }
    }

    #[test]
    fn tcvn3_covers_lower_case_letters() {
        let t = tables();
        for c in ('\u{C0}'..='\u{1EF9}').filter(|&c| is_vietnamese(c) && c.is_lowercase()) {
            assert!(t.tcvn3.contains(&Some(c)), "TCVN3 lacks {c}");
        }
    }

    #[test]
    fn round_trips_through_raw_bytes_and_mojibake() {
        for enc in [Legacy::Tcvn3, Legacy::Vni] {
            // TCVN3 has no upper-case toned vowels: test it on lower case.
            let text = match enc {
                Legacy::Tcvn3 => SENTENCE.to_lowercase(),
                Legacy::Vni => SENTENCE.to_string(),
            };
            let bytes = encode(&text, enc);
            let mojibake = decode_cp1252(&bytes);
            assert_ne!(mojibake, text);
            assert_eq!(
                detect_and_convert(&mojibake),
                Some((text.clone(), enc)),
                "{enc:?}: {mojibake}"
            );
        }
    }

    #[test]
    fn leaves_unicode_and_other_languages_alone() {
        for text in [
            SENTENCE,
            "Hà Nội và Huế",
            "plain ascii",
            "« Hà Nội » © báo",
            "Die Ökonomie für Länder wächst schnell überall",
            "",
        ] {
            assert_eq!(detect_and_convert(text), None, "{text}");
        }
    }

    #[test]
    fn known_mojibake_samples() {
        assert_eq!(
            detect_and_convert("Vieät Nam").map(|(s, e)| (s, e.name())),
            Some(("Việt Nam".to_string(), "VNI"))
        );
        assert_eq!(
            detect_and_convert("ViÖt Nam").map(|(s, e)| (s, e.name())),
            Some(("Việt Nam".to_string(), "TCVN3"))
        );
    }
}
