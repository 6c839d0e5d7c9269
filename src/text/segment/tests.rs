use super::*;

/// Deterministic xorshift generator: property tests without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "chủ",
    "tịch",
    "xã",
    "Kon",
    "Plông",
    "Đăk",
    "Tô",
    "ủy",
    "Uỷ",
    "ban",
    "nhân",
    "dân",
    ",",
    ".",
    "1.810",
    "TP.HCM",
    "(",
    ")",
    "xyzw",
    "hoà",
    "ho\u{0300}a",
    "",
    "_",
    "Ð",
    "한",
    "—",
];

#[test]
fn segments_always_tile_the_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let models = [
        Segmenter::bundled().clone(),
        Segmenter::bundled().clone().with_method(Method::Unigram),
    ];
    for _ in 0..500 {
        let n = rng.below(30);
        let syllables: Vec<&str> = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        for model in &models {
            let words = model.segment(&syllables);
            assert!(is_tiling(&words, n), "{syllables:?} → {words:?}");
        }
        let text = syllables.join(if rng.below(2) == 0 { " " } else { "  " });
        let words = models[0].segment_text(&text);
        let squeezed: String = text.split_whitespace().collect();
        let rebuilt: String = words.concat().split_whitespace().collect();
        assert_eq!(rebuilt, squeezed, "{text:?}");
    }
}

#[test]
fn syllable_spans_split_punctuation() {
    let cases: &[(&str, &[&str])] = &[
        ("(Kon Tum).", &["(", "Kon", "Tum", ")", "."]),
        ("1.810 người, TP.HCM", &["1.810", "người", ",", "TP.HCM"]),
        ("03-NQ/TU  x", &["03-NQ/TU", "x"]),
        ("ho\u{0300}a", &["ho\u{0300}a"]),
        ("", &[]),
        (" - ", &["-"]),
    ];
    for (text, expected) in cases {
        let got: Vec<&str> = syllable_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(&got, expected, "{text:?}");
    }
}

#[test]
fn tiling_check() {
    assert!(is_tiling(&[0..2, 2..3], 3));
    assert!(is_tiling(&[], 0));
    assert!(!is_tiling(&[0..2, 3..4], 4));
    assert!(!is_tiling(&[0..2, 2..2, 2..3], 3));
    assert!(!is_tiling(&[0..2, 2..2], 3));
}

#[test]
fn model_round_trips() {
    let mut trainer = Trainer::default();
    trainer.bits = 10;
    trainer.epochs = 3;
    trainer.add_lexicon("chủ tịch\nnhân dân\n");
    trainer.add_syllables("chủ\ntịch\nxã\n");
    trainer.add_sentences("chủ_tịch xã Bùi_Văn_Luyến\nỦy_ban nhân_dân xã\n");
    let model = trainer.train();
    let mut bytes = Vec::new();
    trainer.save(&model, &mut bytes).unwrap();
    let loaded = Segmenter::from_gzip(&bytes).unwrap();
    let input = ["Chủ", "tịch", "xã", "Bùi", "Văn", "Luyến"];
    assert_eq!(loaded.segment(&input), model.segment(&input));
    assert_eq!(loaded.weights, model.weights);
    assert!(Segmenter::from_gzip(b"not gzip").is_err());
}

#[test]
fn proper_names_come_out_whole() {
    let seg = Segmenter::bundled();
    let cases: &[(&str, &[&str])] = &[
        (
            "Huyện Kon Plông và huyện Đăk Tô thuộc tỉnh Kon Tum.",
            &[
                "Huyện",
                "Kon Plông",
                "và",
                "huyện",
                "Đăk Tô",
                "thuộc",
                "tỉnh",
                "Kon Tum",
                ".",
            ],
        ),
        // The gold data's convention keeps the head noun of an institution apart
        // (`Trường THCS`, `Trường tiểu_học`): the name after it is whole.
        (
            "Trường Chính trị tỉnh khai giảng lớp bồi dưỡng cán bộ",
            &[
                "Trường",
                "Chính trị",
                "tỉnh",
                "khai giảng",
                "lớp",
                "bồi dưỡng",
                "cán bộ",
            ],
        ),
        (
            "Ông Nguyễn Văn Hùng, Bí thư Huyện ủy Đăk Tô",
            &[
                "Ông",
                "Nguyễn Văn Hùng",
                ",",
                "Bí thư",
                "Huyện ủy",
                "Đăk Tô",
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&seg.segment_text(text), expected, "{text:?}");
        // NFD input and the other tone placement segment alike.
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(*text).collect();
        let words = seg.segment_text(&nfd);
        assert_eq!(words.len(), expected.len(), "{nfd:?}");
    }
}

#[test]
fn lookups_ignore_case_and_tone_placement() {
    let seg = Segmenter::bundled();
    assert_eq!(seg.segment(&["Uỷ", "ban"]), seg.segment(&["ủy", "ban"]));
    assert_eq!(seg.segment(&["ỦY", "BAN"]), vec![0..2]);
}

/// Random characters: Vietnamese letters, loose combining marks, digits, separators, other
/// scripts.
const ALPHABET: &str = "aăâeêioôơuưyAĂÂĐÐđbcghklmnpqrstvxàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ\
\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}0123456789//--..,,__    \n–%()'çüйΣİ한字\u{2028}";

#[test]
fn random_text_segments_without_panic() {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let seg = Segmenter::bundled();
    let unigram = seg.clone().with_method(Method::Unigram);
    for _ in 0..500 {
        let len = rng.below(60);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let spans = syllable_spans(&text);
        for r in &spans {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.start < r.end, "{text:?}");
        }
        let words = seg.segment_text(&text);
        let squeezed: String = text.split_whitespace().collect();
        let rebuilt: String = words.concat().split_whitespace().collect();
        assert_eq!(rebuilt, squeezed, "{text:?}");
        let syllables: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert!(is_tiling(&unigram.segment(&syllables), syllables.len()));
    }
}
