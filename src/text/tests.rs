//! Tests across the text module: analyzer token lists and properties over random input.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use unicode_normalization::UnicodeNormalization;

use super::{
    analyze_to_vec, exact_analyzer, fold, folded_analyzer, normalize, normalize_code,
    MAX_TOKEN_BYTES,
};

/// A token as the tests see it: text, position, offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tok {
    text: String,
    position: usize,
    from: usize,
    to: usize,
}

fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(t) = stream.next() {
        tokens.push(Tok {
            text: t.text.clone(),
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    tokens
}

/// The NFC and NFD spellings of `input`.
fn both_forms(input: &str) -> [String; 2] {
    [input.nfc().collect(), input.nfd().collect()]
}

/// Checks texts and positions of both analyzers on NFC and NFD input.
fn assert_tokens(input: &str, exact: &[(&str, usize)], folded: &[(&str, usize)]) {
    let owned = |t: &[(&str, usize)]| -> Vec<(String, usize)> {
        t.iter().map(|&(s, p)| (s.to_string(), p)).collect()
    };
    for form in both_forms(input) {
        assert_eq!(
            analyze_to_vec(&mut exact_analyzer(), &form),
            owned(exact),
            "exact, input {form:?}"
        );
        assert_eq!(
            analyze_to_vec(&mut folded_analyzer(), &form),
            owned(folded),
            "folded, input {form:?}"
        );
    }
}

/// Tokens numbered from 0, for cases without codes.
fn seq<'a>(words: &[&'a str]) -> Vec<(&'a str, usize)> {
    words.iter().copied().zip(0..).collect()
}

#[test]
fn seed_sentences() {
    assert_tokens(
        "Nghị quyết 03-NQ/TU của Ban Thường vụ Tỉnh ủy",
        &[
            ("nghị", 0),
            ("quyết", 1),
            ("03-nq/tu", 2),
            ("03", 2),
            ("nq", 3),
            ("tu", 4),
            ("của", 5),
            ("ban", 6),
            ("thường", 7),
            ("vụ", 8),
            ("tỉnh", 9),
            ("ủy", 10),
        ],
        &[
            ("nghi", 0),
            ("quyet", 1),
            ("03-nq/tu", 2),
            ("03", 2),
            ("nq", 3),
            ("tu", 4),
            ("cua", 5),
            ("ban", 6),
            ("thuong", 7),
            ("vu", 8),
            ("tinh", 9),
            ("uy", 10),
        ],
    );
    assert_tokens(
        "665 tổ chức cơ sở đảng (với 1.810 chi bộ",
        &seq(&[
            "665", "tổ", "chức", "cơ", "sở", "đảng", "với", "1.810", "chi", "bộ",
        ]),
        &seq(&[
            "665", "to", "chuc", "co", "so", "dang", "voi", "1.810", "chi", "bo",
        ]),
    );
    assert_tokens(
        "Trung tâm bồi dưỡng chính trị (TTBDCT)",
        &seq(&["trung", "tâm", "bồi", "dưỡng", "chính", "trị", "ttbdct"]),
        &seq(&["trung", "tam", "boi", "duong", "chinh", "tri", "ttbdct"]),
    );
    assert_tokens(
        "UBND huyện, CBCCVC và TP.HCM",
        &seq(&["ubnd", "huyện", "cbccvc", "và", "tp", "hcm"]),
        &seq(&["ubnd", "huyen", "cbccvc", "va", "tp", "hcm"]),
    );
    assert_tokens(
        "30/11/2021 13:01, giai đoạn 2019-2020, tăng 62,22% lên 4.002 người",
        &seq(&[
            "30", "11", "2021", "13", "01", "giai", "đoạn", "2019", "2020", "tăng", "62,22", "lên",
            "4.002", "người",
        ]),
        &seq(&[
            "30", "11", "2021", "13", "01", "giai", "doan", "2019", "2020", "tang", "62,22", "len",
            "4.002", "nguoi",
        ]),
    );
    assert_tokens(
        "người Ê-đê, H'Mông ở Đăk Tô",
        &seq(&["người", "ê", "đê", "h", "mông", "ở", "đăk", "tô"]),
        &seq(&["nguoi", "e", "de", "h", "mong", "o", "dak", "to"]),
    );
}

#[test]
fn both_tone_styles_give_one_token() {
    let pairs = [
        ("Ủy ban", "Uỷ ban"),
        ("hòa bình", "hoà bình"),
        ("Thủy", "Thuỷ"),
        ("sức khỏe", "sức khoẻ"),
        ("chuẩn hóa", "chuẩn hoá"),
        ("Đảng", "\u{00D0}ảng"),
    ];
    for (traditional, modern) in pairs {
        for form in both_forms(modern) {
            assert_eq!(
                analyze_to_vec(&mut exact_analyzer(), &form),
                analyze_to_vec(&mut exact_analyzer(), traditional),
                "input {form:?}"
            );
        }
    }
    assert_tokens("Uỷ ban", &[("ủy", 0), ("ban", 1)], &[("uy", 0), ("ban", 1)]);
}

#[test]
fn document_codes() {
    let cases: [(&str, &str, &str, &[&str]); 8] = [
        ("03-NQ/TU", "03-nq/tu", "03-nq/tu", &["03", "nq", "tu"]),
        (
            "theo 03/NQ-TU,",
            "03-nq/tu",
            "03-nq/tu",
            &["03", "nq", "tu"],
        ),
        (
            "03 - NQ/TU của",
            "03-nq/tu",
            "03-nq/tu",
            &["03", "nq", "tu"],
        ),
        ("số 15- Nq/tw", "15-nq/tw", "15-nq/tw", &["15", "nq", "tw"]),
        (
            "101/2017/NĐ-CP",
            "101/2017/nđ-cp",
            "101/2017/nd-cp",
            &["101", "2017", "nđ", "cp"],
        ),
        (
            "469-QĐNS/TW.",
            "469-qđns/tw",
            "469-qdns/tw",
            &["469", "qđns", "tw"],
        ),
        (
            "(1234/QĐ-UBND)",
            "1234/qđ-ubnd",
            "1234/qd-ubnd",
            &["1234", "qđ", "ubnd"],
        ),
        ("03-NQ/TƯ", "03-nq/tư", "03-nq/tu", &["03", "nq", "tư"]),
    ];
    for (input, exact_code, folded_code, parts) in cases {
        for form in both_forms(input) {
            let exact = analyze(&mut exact_analyzer(), &form);
            let code_at = exact
                .iter()
                .position(|t| t.text.contains('/'))
                .unwrap_or_else(|| panic!("no code token, input {form:?}"));
            let code = &exact[code_at];
            assert_eq!(code.text, exact_code, "input {form:?}");
            let span_code = normalize_code(&normalize(&form[code.from..code.to]));
            assert_eq!(
                span_code.map(|c| c.to_lowercase()).as_deref(),
                Some(exact_code),
                "code span, input {form:?}"
            );
            let after: Vec<(&str, usize)> = exact[code_at + 1..]
                .iter()
                .take(parts.len())
                .map(|t| (t.text.as_str(), t.position))
                .collect();
            let expected: Vec<(&str, usize)> = parts.iter().copied().zip(code.position..).collect();
            assert_eq!(after, expected, "parts, input {form:?}");
            let folded = analyze(&mut folded_analyzer(), &form);
            assert_eq!(folded[code_at].text, folded_code, "folded, input {form:?}");
        }
    }
}

#[test]
fn not_codes() {
    for input in [
        "03-NQ/TU - những",
        "2019-2020",
        "30/11/2021",
        "giai đoạn 2021 - 2025",
        "1.810/QĐ",
        "NQ/TU",
    ] {
        let tokens = analyze(&mut exact_analyzer(), input);
        let codes = tokens.iter().filter(|t| t.text.contains('/')).count();
        let expected = usize::from(input.starts_with("03-NQ/TU"));
        assert_eq!(codes, expected, "input {input:?}, tokens {tokens:?}");
    }
    // A trailing word is not swallowed into the code.
    let tokens = analyze_to_vec(&mut exact_analyzer(), "03-NQ/TU - những");
    assert_eq!(tokens[0].0, "03-nq/tu");
    assert_eq!(tokens.last().map(|t| t.0.as_str()), Some("những"));
}

#[test]
fn nfd_word_is_one_token() {
    let nfd: String = "Việt Nam".nfd().collect();
    assert_ne!(nfd, "Việt Nam");
    let tokens = analyze(&mut exact_analyzer(), &nfd);
    assert_eq!(tokens.len(), 2, "tokens {tokens:?}");
    assert_eq!(tokens[0].text, "việt");
    assert_eq!(&nfd[tokens[0].from..tokens[0].to], "Vie\u{0323}\u{0302}t");
}

#[test]
fn long_and_markless_tokens() {
    let long = "a".repeat(MAX_TOKEN_BYTES + 1);
    let text = format!("trước {long} sau \u{0301}\u{0345} x");
    assert_tokens(
        &text,
        &seq(&["trước", "sau", "x"]),
        &seq(&["truoc", "sau", "x"]),
    );
    assert_tokens("", &[], &[]);
    assert_tokens(" ,./- ", &[], &[]);
}

/// Deterministic xorshift generator: property tests without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters the random texts are made of: Vietnamese letters in both cases, loose combining
/// marks, Ð and ð, digits, code separators, spaces and a few other scripts.
const ALPHABET: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYbcdđghklmnpqrstvxĐÐðàáảãạằắẳẵặầấẩẫậèéẻẽẹ\
ềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠÈÉÌÍÒÓÙÚỲÝỦỶƯỜỚ\
\u{0300}\u{0301}\u{0302}\u{0303}\u{0306}\u{0309}\u{031B}\u{0323}\u{0345}\
0123456789//--..,,    \n–%()'çüйΣİ한字";

fn random_texts() -> Vec<String> {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let words = [
        "hoà",
        "Uỷ",
        "người",
        "03-NQ/TU",
        "03 - NQ/TU",
        "1.810",
        "62,22",
        "quỳnh",
        "khuya",
        "101/2017/NĐ-CP",
        "thuở",
        "giữ",
        "2019-2020",
        "30/11/2021",
        "15- Nq/tw",
        " ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut texts = Vec::new();
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..rng.below(40) {
            if rng.below(4) == 0 {
                text.push_str(words[rng.below(words.len())]);
            } else {
                text.push(alphabet[rng.below(alphabet.len())]);
            }
        }
        texts.push(text);
    }
    texts
}

#[test]
fn properties_over_random_text() {
    let mut exact = exact_analyzer();
    let mut folded = folded_analyzer();
    for text in random_texts() {
        let nfc = normalize(&text);
        assert_eq!(normalize(&nfc), nfc, "normalize idempotent, input {text:?}");
        let f = fold(&text);
        assert_eq!(fold(&f), f, "fold idempotent, input {text:?}");
        assert_eq!(fold(&nfc), f, "fold after normalize, input {text:?}");

        let e = analyze(&mut exact, &text);
        let d = analyze(&mut folded, &text);
        assert_eq!(e.len(), d.len(), "token counts, input {text:?}");
        let mut last_position = 0;
        for (i, (a, b)) in e.iter().zip(&d).enumerate() {
            assert_eq!(
                (a.position, a.from, a.to),
                (b.position, b.from, b.to),
                "alignment, input {text:?}"
            );
            assert!(
                !a.text.is_empty() && !b.text.is_empty(),
                "empty, input {text:?}"
            );
            assert!(
                a.text.len() <= MAX_TOKEN_BYTES,
                "long token, input {text:?}"
            );
            assert!(
                text.is_char_boundary(a.from) && text.is_char_boundary(a.to) && a.from < a.to,
                "offsets {a:?}, input {text:?}"
            );
            assert_eq!(b.text, fold(&a.text), "folded text, input {text:?}");
            assert!(a.position >= last_position, "positions, input {text:?}");
            if i > 0 {
                assert!(
                    a.position <= last_position + 1,
                    "position gap, input {text:?}"
                );
            }
            last_position = a.position;
            if a.text.contains('/') {
                let code = normalize_code(&normalize(&text[a.from..a.to]));
                assert_eq!(
                    code.map(|c| c.chars().flat_map(char::to_lowercase).collect::<String>())
                        .as_deref(),
                    Some(a.text.as_str()),
                    "code token, input {text:?}"
                );
            } else {
                let mut word: String = normalize(&text[a.from..a.to])
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect();
                super::normalize::canonical_iy(&mut word);
                assert_eq!(a.text, word, "token text is its span, input {text:?}");
            }
        }
        // Normalizing first changes nothing for the analyzer, NFD input neither.
        let texts = |tokens: Vec<Tok>| -> Vec<(String, usize)> {
            tokens.into_iter().map(|t| (t.text, t.position)).collect()
        };
        let of_text = texts(e);
        let nfd: String = text.nfd().collect();
        assert_eq!(
            texts(analyze(&mut exact, &nfc)),
            of_text,
            "normalized, input {text:?}"
        );
        assert_eq!(
            texts(analyze(&mut exact, &nfd)),
            of_text,
            "nfd, input {text:?}"
        );
    }
}

#[test]
fn offsets_cover_the_source() {
    let text = "Ủy ban (UBND) 03 - NQ/TU, 1.810 người";
    let expected = [
        ("ủy", 0, "Ủy"),
        ("ban", 1, "ban"),
        ("ubnd", 2, "UBND"),
        ("03-nq/tu", 3, "03 - NQ/TU"),
        ("03", 3, "03"),
        ("nq", 4, "NQ"),
        ("tu", 5, "TU"),
        ("1.810", 6, "1.810"),
        ("người", 7, "người"),
    ];
    let tokens = analyze(&mut exact_analyzer(), text);
    let got: Vec<(&str, usize, &str)> = tokens
        .iter()
        .map(|t| (t.text.as_str(), t.position, &text[t.from..t.to]))
        .collect();
    assert_eq!(got, expected, "input {text:?}");
}

#[test]
fn fast_and_general_token_paths_agree() {
    use super::tokenizer::token_text;
    let words = [
        "Uỷ",
        "HOÀ",
        "Hoà2",
        "2hoà",
        "ÐÀ",
        "ðoàn",
        "ThuỶ",
        "Quỳnh",
        "GIỮ",
        "façade",
        "Straße",
        "İstanbul",
        "ΣΟΦΙΑ",
        "Nguyễn",
        "NGHIÊNG",
        "khuỷu",
        "x\u{0301}",
        "hoa\u{0300}",
    ];
    let mut scratch = String::new();
    let mut out = String::new();
    for word in words {
        for form in both_forms(word) {
            token_text(&form, &mut scratch, &mut out);
            let general: String = normalize(&form)
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(out, general, "input {form:?}");
        }
    }
}

#[test]
fn analyzers_are_registered() {
    let manager = tantivy::tokenizer::TokenizerManager::default();
    super::register_analyzers(&manager);
    for (name, expected) in [(super::VI_EXACT, "việt"), (super::VI_FOLDED, "viet")] {
        let mut analyzer = manager
            .get(name)
            .unwrap_or_else(|| panic!("analyzer {name} not registered"));
        assert_eq!(
            analyze_to_vec(&mut analyzer, "Việt"),
            vec![(expected.to_string(), 0)],
            "analyzer {name}"
        );
    }
}
