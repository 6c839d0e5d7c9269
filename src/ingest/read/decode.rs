//! Bytes to text: byte-order marks, UTF-16, legacy Vietnamese encodings, line endings.
use std::path::Path;

use super::legacy::{self, Legacy};
use crate::{Error, Result};

/// Text decoded from a file.
#[derive(Debug)]
pub struct Decoded {
    /// The text, line endings normalized to `\n`, Unicode not normalized (extraction does it).
    pub text: String,
    /// Set when the text was converted from a legacy encoding.
    pub converted: Option<Legacy>,
}

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Decodes a whole file's bytes, detecting the encoding from the bytes themselves.
///
/// Anything that is neither Unicode nor recognizable legacy Vietnamese is an error: indexing
/// garbage is worse than skipping a file.
pub fn decode(bytes: Vec<u8>, path: &Path) -> Result<Decoded> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map_err(|e| bad(path, format!("invalid utf-8 after byte-order mark: {e}")))?
            .to_string()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes, path)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes, path)?
    } else if let Some(unit) = bomless_utf16(&bytes) {
        utf16(&bytes, unit, path)?
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let bytes = e.into_bytes();
                if is_binary(&bytes) {
                    return Err(bad(path, "unrecognized text encoding (binary data)"));
                }
                let latin = legacy::decode_cp1252(&bytes);
                return match legacy::detect_and_convert(&latin) {
                    Some((text, enc)) => Ok(Decoded {
                        text: normalize_newlines(text),
                        converted: Some(enc),
                    }),
                    None => Err(bad(path, "unrecognized text encoding")),
                };
            }
        }
    };
    if is_binary(text.as_bytes()) {
        return Err(bad(path, "unrecognized text encoding (binary data)"));
    }
    let (text, converted) = match legacy::detect_and_convert(&text) {
        Some((converted, enc)) => (converted, Some(enc)),
        None => (text, None),
    };
    Ok(Decoded {
        text: normalize_newlines(text),
        converted,
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, path: &Path) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(bad(path, "utf-16 text with an odd number of bytes"));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| bad(path, format!("invalid utf-16: {e}")))
}

/// UTF-16 saved without a byte-order mark: text (ASCII spaces, digits, punctuation and Latin
/// letters) puts a NUL in every high byte of most units, always on the same side.
fn bomless_utf16(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    match (even, odd) {
        (0, n) if n * 3 >= units => Some(u16::from_le_bytes),
        (n, 0) if n * 3 >= units => Some(u16::from_be_bytes),
        _ => None,
    }
}

/// NUL bytes or many control characters mean this is not text at all.
fn is_binary(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    bytes.contains(&0) || control * 100 > bytes.len()
}

/// `\r\n` and lone `\r` become `\n`.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded> {
        decode(bytes.to_vec(), Path::new("t.txt"))
    }

    #[test]
    fn unicode_forms() {
        let text = "Hà Nội\r\nphố cổ\rxưa";
        let want = "Hà Nội\nphố cổ\nxưa";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let (le_bare, be_bare) = (le[2..].to_vec(), be[2..].to_vec());
        for bytes in [text.as_bytes().to_vec(), bom, le, be, le_bare, be_bare] {
            let d = dec(&bytes).expect("decodes");
            assert_eq!(d.text, want);
            assert_eq!(d.converted, None);
        }
    }

    #[test]
    fn raw_legacy_bytes() {
        let text = "người dân được hỗ trợ";
        for enc in [Legacy::Tcvn3, Legacy::Vni] {
            let d = dec(&legacy::encode(text, enc)).expect("decodes");
            assert_eq!((d.text.as_str(), d.converted), (text, Some(enc)));
        }
    }

    #[test]
    fn garbage_is_an_error() {
        for bytes in [
            &b"\x00\x01\x02\xFF\xFE\x00abc"[..],
            b"\x89PNG\r\n\x1a\n\x00\x00",
            b"\xFF\xFE\x00",
        ] {
            let err = dec(bytes).expect_err("garbage");
            assert!(err.to_string().starts_with("t.txt: "), "{err}");
        }
    }
}
