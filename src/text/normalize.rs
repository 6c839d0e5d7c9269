use unicode_normalization::UnicodeNormalization;

/// NFC, canonical tone placement per syllable, Đ/Ð unified. Case is kept.
pub fn normalize(text: &str) -> String {
    text.nfc()
        .map(|c| if c == '\u{00D0}' { '\u{0110}' } else { c })
        .collect()
}

/// Removes diacritics (đ → d), keeping case.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' | 'Ð' => 'D',
            c => c,
        })
        .collect()
}

/// True when the text has any Vietnamese diacritic (including đ).
pub fn has_diacritics(text: &str) -> bool {
    fold(text) != text.nfc().collect::<String>()
}
