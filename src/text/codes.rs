//! Document codes ("số hiệu văn bản") in their canonical spelling.
//!
//! Party documents are written `NUMBER-TYPE/ISSUER` (`03-NQ/TU`, `469-QĐNS/TW`), state documents
//! `NUMBER[/YEAR]/TYPE-ISSUER` (`101/2017/NĐ-CP`, `1234/QĐ-UBND`). Writers mix the separators
//! (`02/NQ-TU`, `03 - NQ/TU`, `số 15- Nq/tw`); [`normalize_code`] maps every spelling of one
//! code to one string, so a code is one searchable unit.

/// Issuers of party documents: codes ending in one of these take the party form.
const PARTY_ISSUERS: &[&str] = &[
    "TW", "TƯ", "TU", "HU", "ĐU", "QU", "THU", "BCS", "BCSĐ", "ĐĐ", "BTGTW", "BTCTW", "UBKTTW",
    "VPTW", "BDVTW", "BCĐ", "ĐUK", "ĐUQSTW", "ĐUCA",
];

/// Normalizes a document code to its canonical spelling, upper-cased, or `None` when the text
/// is not a code: it must start with a number and have at least two more parts made of
/// letters (and digits), separated by `/` or `-`.
///
/// ```
/// use tracuu::text::normalize_code;
/// assert_eq!(normalize_code("02/NQ-TU").as_deref(), Some("02-NQ/TU"));
/// assert_eq!(normalize_code("15- Nq/tw").as_deref(), Some("15-NQ/TW"));
/// assert_eq!(normalize_code("101/2017/NĐ-CP").as_deref(), Some("101/2017/NĐ-CP"));
/// assert_eq!(normalize_code("1.810"), None);
/// ```
pub fn normalize_code(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{00D0}' { 'Đ' } else { c })
        .flat_map(char::to_uppercase)
        .collect();
    let parts: Vec<&str> = compact
        .split(['/', '-', '–'])
        .filter(|p| !p.is_empty())
        .collect();
    let (number, rest) = parts.split_first()?;
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number.chars().all(|c| c.is_ascii_alphanumeric())
        || number.len() > 6
    {
        return None;
    }
    let (year, names) = match rest.first() {
        Some(y) if is_year(y) => (Some(*y), &rest[1..]),
        _ => (None, rest),
    };
    if names.len() < 2
        || !names.iter().all(|p| {
            p.chars().next().is_some_and(char::is_alphabetic)
                && p.chars().all(char::is_alphanumeric)
        })
    {
        return None;
    }
    let issuer = names[names.len() - 1];
    if year.is_none() && names.len() == 2 && PARTY_ISSUERS.contains(&issuer) {
        return Some(format!("{number}-{}/{issuer}", names[0]));
    }
    let mut code = String::from(*number);
    if let Some(y) = year {
        code.push('/');
        code.push_str(y);
    }
    code.push('/');
    code.push_str(&names.join("-"));
    Some(code)
}

fn is_year(part: &str) -> bool {
    part.len() == 4
        && (part.starts_with("19") || part.starts_with("20"))
        && part.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::normalize_code;

    #[test]
    fn spellings_map_to_one_code() {
        let cases = [
            ("03-NQ/TU", Some("03-NQ/TU")),
            ("03/NQ-TU", Some("03-NQ/TU")),
            ("02/NQ-TU", Some("02-NQ/TU")),
            ("03 - NQ/TU", Some("03-NQ/TU")),
            ("15- Nq/tw", Some("15-NQ/TW")),
            ("469-QĐNS/TW", Some("469-QĐNS/TW")),
            ("24-KL/TW", Some("24-KL/TW")),
            ("101/2017/NĐ-CP", Some("101/2017/NĐ-CP")),
            ("101/2017/nđ-cp", Some("101/2017/NĐ-CP")),
            ("101/2017/ÐĐ-CP", Some("101/2017/ĐĐ-CP")),
            ("1234/QĐ-UBND", Some("1234/QĐ-UBND")),
            ("35/2019/TT-BTC", Some("35/2019/TT-BTC")),
            ("12/KH-UBND", Some("12/KH-UBND")),
            ("1.810", None),
            ("2019-2020", None),
            ("30/11/2021", None),
            ("NQ/TU", None),
            ("03-NQ", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_code(input).as_deref(),
                expected,
                "input {input:?}"
            );
        }
    }
}
