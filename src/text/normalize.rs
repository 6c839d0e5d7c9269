//! Normalization (NFC, đ, tone placement) and folding of Vietnamese text.
//!
//! Tone placement is decided per syllable: each word is parsed into onset (including `gi` and
//! `qu`), vowel nucleus and coda, and the tone mark is put where the traditional rules put it
//! (`hòa`, `thủy`, `khỏe`, `hoàn`, `người`). Words that do not parse as one Vietnamese
//! syllable are left as they are, so foreign words and names are never damaged.

use std::sync::OnceLock;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Vietnamese vowels: one row per vowel quality, one column per tone
/// (none, huyền, sắc, hỏi, ngã, nặng).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// The ASCII letter each vowel row folds to.
const FOLDED: [u8; 12] = *b"aaaeeiooouuy";

/// The byte standing for each vowel row in a parsed syllable. Vowels with a quality mark
/// (ă â ê ô ơ ư) get digits so that onset and coda tables stay plain ASCII.
const ROW_CODE: [u8; 12] = *b"a12e3io45u6y";

/// The byte standing for đ in a parsed syllable.
const D_CODE: u8 = b'0';

/// Longest Vietnamese syllable in letters is 7 (`nghiêng`); longer words are not syllables.
const MAX_SYLLABLE: usize = 8;

/// Multi-letter onsets, longest first so that `ngh` wins over `ng`.
const ONSETS: [&[u8]; 11] = [
    b"ngh", b"ng", b"nh", b"ch", b"gh", b"gi", b"kh", b"ph", b"qu", b"th", b"tr",
];

/// Codas a syllable may end with; `k` is for highland names such as `Đắk Lắk`.
const CODAS: [&[u8]; 10] = [b"", b"c", b"ch", b"m", b"n", b"ng", b"nh", b"p", b"t", b"k"];

/// First code point of the dense lookup table over Latin-1 and Latin Extended-A/B.
const LATIN_START: u32 = 0x41;
/// Last code point (ư) of the Latin lookup table.
const LATIN_END: u32 = 0x1B0;
/// First code point of Latin Extended Additional that holds Vietnamese vowels (Ạ).
const EXT_START: u32 = 0x1EA0;
/// Last Vietnamese vowel of Latin Extended Additional (ỹ).
const EXT_END: u32 = 0x1EF9;

/// A vowel letter split into quality row, tone column and case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Vowel {
    row: usize,
    tone: usize,
    upper: bool,
}

/// Dense tables give O(1) lookups: this runs once per non-ASCII character of every token.
/// Each entry is 0 (not a vowel) or `1 + row * 6 + tone`, with the high bit for upper case.
struct VowelTable {
    latin: [u8; (LATIN_END - LATIN_START + 1) as usize],
    ext: [u8; (EXT_END - EXT_START + 1) as usize],
}

impl VowelTable {
    fn build() -> VowelTable {
        let mut table = VowelTable {
            latin: [0; (LATIN_END - LATIN_START + 1) as usize],
            ext: [0; (EXT_END - EXT_START + 1) as usize],
        };
        for (row, tones) in VOWELS.iter().enumerate() {
            for (tone, &c) in tones.iter().enumerate() {
                let code = 1 + (row * 6 + tone) as u8;
                table.set(c, code);
                if let Some(upper) = single_upper(c) {
                    table.set(upper, code | 0x80);
                }
            }
        }
        table
    }

    fn slot(&mut self, c: char) -> Option<&mut u8> {
        let cp = c as u32;
        match cp {
            LATIN_START..=LATIN_END => self.latin.get_mut((cp - LATIN_START) as usize),
            EXT_START..=EXT_END => self.ext.get_mut((cp - EXT_START) as usize),
            _ => None,
        }
    }

    fn set(&mut self, c: char, code: u8) {
        // Every Vietnamese vowel lies in the two ranges; the debug assertion guards the table.
        let slot = self.slot(c);
        debug_assert!(slot.is_some(), "vowel {c:?} outside the lookup ranges");
        if let Some(slot) = slot {
            *slot = code;
        }
    }

    fn get(&self, c: char) -> u8 {
        let cp = c as u32;
        let entry = match cp {
            LATIN_START..=LATIN_END => self.latin.get((cp - LATIN_START) as usize),
            EXT_START..=EXT_END => self.ext.get((cp - EXT_START) as usize),
            _ => None,
        };
        entry.copied().unwrap_or(0)
    }
}

fn single_upper(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

fn vowel_table() -> &'static VowelTable {
    static TABLE: OnceLock<VowelTable> = OnceLock::new();
    TABLE.get_or_init(VowelTable::build)
}

fn vowel(c: char) -> Option<Vowel> {
    let code = vowel_table().get(c);
    if code == 0 {
        return None;
    }
    let index = usize::from((code & 0x7F) - 1);
    Some(Vowel {
        row: index / 6,
        tone: index % 6,
        upper: code & 0x80 != 0,
    })
}

fn vowel_char(row: usize, tone: usize, upper: bool) -> char {
    let c = VOWELS[row][tone];
    if upper {
        single_upper(c).unwrap_or(c)
    } else {
        c
    }
}

/// True for the vowels of Vietnamese and đ: an O(1) answer for the letters that make up most
/// of the text, before asking the general (and much slower) Unicode tables.
pub(crate) fn is_vietnamese_letter(c: char) -> bool {
    vowel_table().get(c) != 0 || c == 'đ' || c == 'Đ'
}

/// Combining diacritical marks, the block NFD puts Vietnamese tones and vowel marks in.
pub(crate) fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Ð (U+00D0, Icelandic eth) looks like Đ (U+0110) and is typed for it by some keyboards.
fn unify_d(c: char) -> char {
    match c {
        '\u{00D0}' => 'Đ',
        'ð' => 'đ',
        c => c,
    }
}

/// NFC, canonical tone placement per syllable, Đ/Ð unified. Case is kept.
///
/// Both tone placement styles map to the traditional one (`hoà` → `hòa`, `thuỷ` → `thủy`,
/// `Uỷ` → `Ủy`); words that are not Vietnamese syllables are left untouched.
///
/// ```
/// use tracuu::text::normalize;
/// assert_eq!(normalize("Uỷ ban hoà giải"), "Ủy ban hòa giải");
/// assert_eq!(normalize("hoàn thành"), "hoàn thành");
/// assert_eq!(normalize("\u{00D0}à Nẵng"), "Đà Nẵng");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] appending to `out`, so that tokenizers can reuse their buffers.
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.push_str(text);
    } else if is_nfc_fast(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        place_tones(text, out);
    } else {
        let composed: String = text.nfc().collect();
        place_tones(&composed, out);
    }
}

/// True for text made only of characters NFC leaves alone whatever surrounds them: everything
/// below the combining marks and the precomposed Vietnamese vowels. Cheaper than the general
/// quick check, and true for nearly all Vietnamese text.
fn is_nfc_fast(text: &str) -> bool {
    text.chars()
        .all(|c| (c as u32) < 0x300 || (EXT_START..=EXT_END).contains(&(c as u32)))
}

/// Rewrites each non-ASCII word of NFC text; everything else is copied in slices.
fn place_tones(text: &str, out: &mut String) {
    let mut copied = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_letter(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut ascii = c.is_ascii();
        while let Some(&(at, d)) = chars.peek() {
            if !is_letter(d) {
                break;
            }
            ascii &= d.is_ascii();
            end = at + d.len_utf8();
            chars.next();
        }
        if !ascii {
            out.push_str(&text[copied..start]);
            canonical_word(&text[start..end], out);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_vietnamese_letter(c) || c.is_alphabetic() || is_mark(c)
    }
}

/// Appends one NFC word with Ð unified and, when it is a Vietnamese syllable with one tone,
/// the tone on the vowel the traditional rules choose.
fn canonical_word(word: &str, out: &mut String) {
    let mut syllable = Syllable::new(out.len());
    if word.contains(['\u{00D0}', 'ð']) {
        out.extend(word.chars().map(unify_d));
    } else {
        out.push_str(word);
    }
    for c in word.chars().map(unify_d) {
        syllable.push(c);
        if !syllable.valid {
            // Not a syllable: the word is already written as it stays.
            return;
        }
    }
    syllable.finish(out);
}

/// Appends the token text of one word: lower-cased, Đ/Ð unified, tones placed like
/// [`normalize`] does. Returns false, with `out` partly written, when the word needs the
/// general path: combining marks to compose, or letters beyond Latin and Vietnamese.
///
/// This is the hot path of the analyzers: one pass, no NFC check, since every character it
/// accepts is a starter that NFC leaves alone.
pub(crate) fn lower_word_fast(word: &str, out: &mut String) -> bool {
    let mut syllable = Syllable::new(out.len());
    for c in word.chars() {
        let lower = if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                // Digits split syllables, as they split words in `normalize`.
                syllable.finish(out);
                out.push(c);
                syllable = Syllable::new(out.len());
                continue;
            }
            c.to_ascii_lowercase()
        } else if let Some(v) = vowel(c) {
            vowel_char(v.row, v.tone, false)
        } else if matches!(c, 'đ' | 'Đ' | 'ð' | '\u{00D0}') {
            'đ'
        } else if (c as u32) < 0x300 && c.is_alphabetic() {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => return false,
            }
        } else {
            return false;
        };
        out.push(lower);
        syllable.push(lower);
    }
    syllable.finish(out);
    true
}

/// The letters of one word as they are written to the output, parsed on the fly, so that the
/// tone can be moved once the whole word is seen.
struct Syllable {
    chars: [char; MAX_SYLLABLE],
    codes: [u8; MAX_SYLLABLE],
    len: usize,
    /// Index and tone of the toned letter, if any.
    toned: Option<(usize, usize)>,
    tones: usize,
    valid: bool,
    /// Byte offset in the output where the word starts.
    start: usize,
}

impl Syllable {
    fn new(start: usize) -> Syllable {
        Syllable {
            chars: [' '; MAX_SYLLABLE],
            codes: [0; MAX_SYLLABLE],
            len: 0,
            toned: None,
            tones: 0,
            valid: true,
            start,
        }
    }

    fn push(&mut self, c: char) {
        if !self.valid {
            return;
        }
        if self.len == MAX_SYLLABLE {
            self.valid = false;
            return;
        }
        let code = if let Some(v) = vowel(c) {
            if v.tone != 0 {
                self.tones += 1;
                self.toned = Some((self.len, v.tone));
            }
            ROW_CODE[v.row]
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() as u8
        } else if c == 'đ' || c == 'Đ' {
            D_CODE
        } else {
            self.valid = false;
            return;
        };
        self.chars[self.len] = c;
        self.codes[self.len] = code;
        self.len += 1;
    }

    /// Rewrites the word in `out` when its tone sits on the wrong vowel. `out[start..]` holds
    /// exactly the pushed letters when the word is valid.
    fn finish(&self, out: &mut String) {
        let Some((from, tone)) = self.toned else {
            return;
        };
        if !self.valid || self.tones != 1 {
            return;
        }
        let Some(to) = tone_target(&self.codes[..self.len]).filter(|&to| to != from) else {
            return;
        };
        out.truncate(self.start);
        for (at, &c) in self.chars[..self.len].iter().enumerate() {
            let retoned = if at == from || at == to {
                vowel(c).map(|v| vowel_char(v.row, if at == to { tone } else { 0 }, v.upper))
            } else {
                None
            };
            out.push(retoned.unwrap_or(c));
        }
    }
}

/// Classes of syllable codes: bit 0 = vowel, bit 1 = vowel with a quality mark. A table
/// because these are asked for every letter of every toned word.
const CODE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let vowels = b"aeiouy123456";
    let mut i = 0;
    while i < vowels.len() {
        table[vowels[i] as usize] = if i < 6 { 1 } else { 3 };
        i += 1;
    }
    table
};

fn is_vowel_code(code: &u8) -> bool {
    CODE_CLASS[usize::from(*code)] & 1 != 0
}

fn is_marked_code(code: &u8) -> bool {
    CODE_CLASS[usize::from(*code)] & 2 != 0
}

/// Index of the letter that carries the tone, or `None` when the letters are not one
/// Vietnamese syllable.
fn tone_target(codes: &[u8]) -> Option<usize> {
    let onset = onset_len(codes);
    let nucleus_len = codes[onset..]
        .iter()
        .take_while(|c| is_vowel_code(c))
        .count();
    let nucleus = &codes[onset..onset + nucleus_len];
    let coda = &codes[onset + nucleus_len..];
    if nucleus.is_empty() || nucleus.len() > 3 || !CODAS.contains(&coda) {
        return None;
    }
    // Marked vowels (ă â ê ô ơ ư) always win; in ươ the second one does.
    let at = if let Some(marked) = nucleus.iter().rposition(is_marked_code) {
        marked
    } else if !coda.is_empty() {
        nucleus.len() - 1
    } else if nucleus.len() == 3 {
        1
    } else {
        // Traditional style: hòa, thủy, khỏe, của.
        0
    };
    Some(onset + at)
}

fn onset_len(codes: &[u8]) -> usize {
    for onset in ONSETS {
        if codes.starts_with(onset) {
            // `gi` and `qu` are onsets only when a vowel follows: `gìn` is g + ìn.
            let glide = onset == b"gi" || onset == b"qu";
            if glide && !codes[2..].iter().any(is_vowel_code) {
                return 1;
            }
            return onset.len();
        }
    }
    match codes.first() {
        Some(c) if !is_vowel_code(c) => 1,
        _ => 0,
    }
}

/// Onsets after which a lone `i` and a lone `y` are two spellings of one syllable.
const IY_ONSETS: &[u8] = b"hklmst";
/// Vowel rows of `i` and `y` in [`VOWELS`].
const ROW_I: usize = 5;
const ROW_Y: usize = 11;

/// Rewrites a lower-case token that is one of the syllables spelled with either `i` or `y`
/// to its `y` spelling: one onset among h, k, l, m, s, t and a lone i/y with any tone
/// (`kĩ` → `kỹ`, `lí` → `lý`, `mĩ` → `mỹ`, `sĩ` → `sỹ`, `tỉ` → `tỷ`, `hi` → `hy`).
///
/// `y` is the canonical form because news and legal text write most of these words with it
/// (kỹ thuật, lý luận, Mỹ, tỷ đồng, ký kết, hy sinh). Nothing else changes: `quy`/`qui`
/// (onset qu), `gi`, `nghi`, `tin`, `y tế`, `ai`/`ay`, `uy`. Applied to tokens only, by both
/// analyzers, never to stored text, so that articles keep their own spelling.
pub(crate) fn canonical_iy(token: &mut String) {
    let bytes = token.as_bytes();
    // A one-byte onset and one vowel of at most three bytes.
    if !(2..=4).contains(&bytes.len()) || !IY_ONSETS.contains(&bytes[0]) {
        return;
    }
    let mut rest = token[1..].chars();
    let (Some(c), None) = (rest.next(), rest.next()) else {
        return;
    };
    if let Some(v) = vowel(c).filter(|v| v.row == ROW_I && !v.upper) {
        let y = vowel_char(ROW_Y, v.tone, false);
        token.truncate(1);
        token.push(y);
    }
}

/// Removes diacritics (đ → d, Ð → D), keeping case. `fold(fold(x)) == fold(x)`.
///
/// ```
/// use tracuu::text::fold;
/// assert_eq!(fold("Đảng ủy Việt Nam"), "Dang uy Viet Nam");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] appending to `out`, so that token filters can reuse their buffers.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(v) = vowel(c) {
            let base = char::from(FOLDED[v.row]);
            out.push(if v.upper {
                base.to_ascii_uppercase()
            } else {
                base
            });
        } else {
            match c {
                'đ' | 'ð' => out.push('d'),
                'Đ' | '\u{00D0}' => out.push('D'),
                c if is_mark(c) => {}
                c => fold_other(c, out),
            }
        }
    }
}

/// Folds letters of other scripts (ç, ü, й) by dropping the marks of their decomposition;
/// characters without such marks (Hangul, CJK) are kept whole rather than decomposed.
fn fold_other(c: char, out: &mut String) {
    let start = out.len();
    let mut marked = false;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_mark(d) {
            marked = true;
        } else {
            out.push(d);
        }
    });
    if !marked {
        out.truncate(start);
        out.push(c);
    }
}

/// True when the text has any Vietnamese diacritic (including đ) or other combining mark.
///
/// ```
/// use tracuu::text::has_diacritics;
/// assert!(has_diacritics("Việt"));
/// assert!(has_diacritics("đi"));
/// assert!(!has_diacritics("Viet Nam 2021"));
/// ```
pub fn has_diacritics(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && char_has_diacritic(c))
}

fn char_has_diacritic(c: char) -> bool {
    if vowel(c).is_some() || is_mark(c) || matches!(c, 'đ' | 'ð' | 'Đ' | '\u{00D0}') {
        return true;
    }
    let mut marked = false;
    unicode_normalization::char::decompose_canonical(c, |d| marked |= is_mark(d));
    marked
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::{canonical_iy, fold, has_diacritics, normalize, vowel, Vowel, VOWELS};

    /// Runs `f` on the NFC and the NFD spelling of `input`.
    fn both_forms(input: &str) -> [String; 2] {
        [input.nfc().collect(), input.nfd().collect()]
    }

    #[test]
    fn vowel_table_round_trips() {
        for (row, tones) in VOWELS.iter().enumerate() {
            for (tone, &c) in tones.iter().enumerate() {
                let lower = Vowel {
                    row,
                    tone,
                    upper: false,
                };
                assert_eq!(vowel(c), Some(lower), "vowel {c:?}");
                let upper: String = c.to_uppercase().collect();
                let u = upper.chars().next().unwrap_or(c);
                assert_eq!(
                    vowel(u),
                    Some(Vowel {
                        upper: true,
                        ..lower
                    }),
                    "vowel {u:?}"
                );
            }
        }
        assert_eq!(vowel('b'), None);
        assert_eq!(vowel('đ'), None);
    }

    #[test]
    fn normalize_places_tones_traditionally() {
        let cases = [
            ("hoà", "hòa"),
            ("hòa", "hòa"),
            ("thuỷ", "thủy"),
            ("thủy", "thủy"),
            ("Uỷ ban", "Ủy ban"),
            ("Ủy ban", "Ủy ban"),
            ("UỶ BAN", "ỦY BAN"),
            ("khoẻ", "khỏe"),
            ("khỏe", "khỏe"),
            ("hoá", "hóa"),
            ("chuẩn hoá", "chuẩn hóa"),
            ("Hoà Bình", "Hòa Bình"),
            ("hoàn", "hoàn"),
            ("hoàn thành", "hoàn thành"),
            ("hoạch", "hoạch"),
            ("quy hoạch", "quy hoạch"),
            ("quý", "quý"),
            ("quỳnh", "quỳnh"),
            ("Quỳnh", "Quỳnh"),
            ("giữ", "giữ"),
            ("gìn giữ", "gìn giữ"),
            ("già", "già"),
            ("thuở", "thuở"),
            ("khuya", "khuya"),
            ("người", "người"),
            ("ngừơi", "người"),
            ("tuyển", "tuyển"),
            ("quyết", "quyết"),
            ("ngoài", "ngoài"),
            ("ngòai", "ngoài"),
            ("khuỷu", "khuỷu"),
            ("của", "của"),
            ("mùa", "mùa"),
            ("tuổi", "tuổi"),
            ("rượu", "rượu"),
            ("Đắk Lắk", "Đắk Lắk"),
            ("huỳnh", "huỳnh"),
            ("thuý", "thúy"),
            ("loà xoè tuỳ hoè toà hoạ", "lòa xòe tùy hòe tòa họa"),
            ("Thuỵ oà uỷ", "Thụy òa ủy"),
            ("hoàng thoại khoán quyền", "hoàng thoại khoán quyền"),
            ("nguyện khuyến giường giải", "nguyện khuyến giường giải"),
            ("giúp quốc hoài ngoẹo", "giúp quốc hoài ngoẹo"),
            ("cưới muốn huấn quẩy khuấy", "cưới muốn huấn quẩy khuấy"),
            ("\u{00D0}ảng", "Đảng"),
            ("ðảng", "đảng"),
            ("Đảng", "Đảng"),
            ("café", "café"),
            ("Nguyễn Thị Thuỷ, 2021-2025.", "Nguyễn Thị Thủy, 2021-2025."),
            ("plain ascii 03-NQ/TU", "plain ascii 03-NQ/TU"),
            ("", ""),
        ];
        for (input, expected) in cases {
            for form in both_forms(input) {
                assert_eq!(normalize(&form), expected, "input {form:?}");
            }
        }
    }

    #[test]
    fn normalize_is_idempotent_on_cases() {
        for input in ["hoà", "Uỷ ban", "người", "ÐÐ", "x\u{0301}y"] {
            let once = normalize(input);
            assert_eq!(normalize(&once), once, "input {input:?}");
        }
    }

    #[test]
    fn fold_removes_diacritics() {
        let cases = [
            ("Việt Nam", "Viet Nam"),
            ("Đảng ủy", "Dang uy"),
            ("\u{00D0}ảng ðoàn", "Dang doan"),
            ("ĐƯỜNG", "DUONG"),
            ("Ủy ban nhân dân", "Uy ban nhan dan"),
            ("101/2017/NĐ-CP", "101/2017/ND-CP"),
            ("façade über", "facade uber"),
            ("ascii", "ascii"),
        ];
        for (input, expected) in cases {
            for form in both_forms(input) {
                assert_eq!(fold(&form), expected, "input {form:?}");
                assert_eq!(fold(&fold(&form)), expected, "input {form:?}");
            }
        }
        // Hangul syllables have a canonical decomposition, but no marks to drop.
        assert_eq!(fold("한국"), "한국");
    }

    #[test]
    fn has_diacritics_cases() {
        let cases = [
            ("Việt", true),
            ("đi", true),
            ("Ð", true),
            ("e\u{0301}", true),
            ("Viet Nam", false),
            ("", false),
            ("한국", false),
        ];
        for (input, expected) in cases {
            assert_eq!(has_diacritics(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn i_and_y_spellings_meet_on_y() {
        let cases = [
            ("kĩ", "kỹ"),
            ("kỹ", "kỹ"),
            ("kí", "ký"),
            ("kì", "kỳ"),
            ("kỉ", "kỷ"),
            ("ki", "ky"),
            ("lí", "lý"),
            ("lý", "lý"),
            ("li", "ly"),
            ("mĩ", "mỹ"),
            ("mì", "mỳ"),
            ("sĩ", "sỹ"),
            ("tỉ", "tỷ"),
            ("tị", "tỵ"),
            ("hi", "hy"),
            ("hì", "hỳ"),
            // Left alone: other onsets, other nuclei, codas, no onset.
            ("quy", "quy"),
            ("qui", "qui"),
            ("quý", "quý"),
            ("gi", "gi"),
            ("gì", "gì"),
            ("nghi", "nghi"),
            ("nghĩ", "nghĩ"),
            ("tin", "tin"),
            ("tính", "tính"),
            ("y", "y"),
            ("ý", "ý"),
            ("i", "i"),
            ("ai", "ai"),
            ("tay", "tay"),
            ("tai", "tai"),
            ("uy", "uy"),
            ("huy", "huy"),
            ("thi", "thi"),
            ("chí", "chí"),
            ("khi", "khi"),
            ("phí", "phí"),
            ("trị", "trị"),
            ("bí", "bí"),
            ("vi", "vi"),
            ("đi", "đi"),
            ("nĩ", "nĩ"),
            ("kê", "kê"),
            ("ky", "ky"),
            ("x", "x"),
            ("", ""),
            ("15", "15"),
        ];
        for (input, want) in cases {
            let mut token = input.to_string();
            canonical_iy(&mut token);
            assert_eq!(token, want, "input {input:?}");
        }
    }
}
