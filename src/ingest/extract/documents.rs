//! References to legal and party documents: "Nghị quyết số 03-NQ/TU của Ban Thường vụ Tỉnh
//! ủy", "Nghị định 35 của Chính phủ", "Luật Viên chức", "Nghị quyết Đại hội XIII".
//!
//! Three kinds, as in the evaluation gold: *coded* (a code, normalized with
//! [`crate::text::normalize_code`]), *numbered* (a bare number, no code) and *named* (a
//! congress or plenum resolution, a law by name). Deduplicated by code, else by type and
//! number, else by type and name.

use std::sync::LazyLock;

use regex::Regex;

use super::date::date_after_ref;
use crate::text::normalize_code;
use crate::DocumentRef;

/// Document types, longest first so "Thông tư liên tịch" wins over "Thông tư".
const TYPES: &[&str] = &[
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Đề án",
    "Quy định",
    "Nghị định",
    "Thông tư",
    "Kết luận",
    "Hướng dẫn",
    "Thông báo",
    "Công văn",
    "Quy chế",
    "Chương trình",
    "Pháp lệnh",
    "Công điện",
    "Điều lệ",
    "Báo cáo",
    "Tờ trình",
    "Văn bản",
    "Luật",
];

/// Types that take a bare number without "số" ("Chỉ thị 03", "nghị định 35"); the others are
/// common nouns too ("kế hoạch 5 năm") and need "số" or a code.
const BARE_NUMBER_TYPES: &[&str] = &[
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy định",
    "Nghị định",
    "Thông tư",
    "Kết luận",
    "Đề án",
    "Chương trình",
    "Pháp lệnh",
];

/// Code type abbreviations → document type, for codes written without a type word.
const CODE_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("QĐ", "Quyết định"),
    ("QĐNS", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("KH", "Kế hoạch"),
    ("ĐA", "Đề án"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("KL", "Kết luận"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("CV", "Công văn"),
    ("QC", "Quy chế"),
    ("CTR", "Chương trình"),
    ("CTRHĐ", "Chương trình"),
    ("BC", "Báo cáo"),
    ("TTR", "Tờ trình"),
    ("CĐ", "Công điện"),
    ("QH", "Luật"),
];

/// Issuer part of a code → issuing body, when the text does not say.
const CODE_ISSUERS: &[(&str, &str)] = &[
    ("TW", "Trung ương"),
    ("TƯ", "Trung ương"),
    ("TU", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
    ("THU", "Thành ủy"),
    ("QU", "Quận ủy"),
    ("ĐU", "Đảng ủy"),
    ("CP", "Chính phủ"),
    ("TTG", "Thủ tướng Chính phủ"),
    ("UBND", "UBND"),
    ("HĐND", "HĐND"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
];

/// Laws whose name contains a comma ("Luật Cán bộ, công chức").
const COMMA_LAWS: &[&str] = &[
    "Cán bộ, công chức",
    "Phòng, chống tham nhũng",
    "Phòng, chống ma túy",
    "Phòng, chống thiên tai",
    "Phòng, chống bạo lực gia đình",
    "Thực hành tiết kiệm, chống lãng phí",
    "Khiếu nại, tố cáo",
    "Bảo vệ, chăm sóc và giáo dục trẻ em",
];

static TYPE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts = TYPES
        .iter()
        .map(|t| {
            let mut cs = t.chars();
            let first = cs.next().unwrap_or(' ');
            let rest: String = cs.collect();
            format!(
                "[{}{}]{}|{}",
                first,
                first.to_lowercase(),
                regex::escape(&rest),
                regex::escape(&t.to_uppercase())
            )
        })
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("(?:{alts})")).expect("type alternation is a valid regex")
});

/// A code right after the type: "số 03-NQ/TU", "47- QĐ/TW", "101/2017/NĐ-CP".
static CODE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?:[Ss]ố|só|sô|SỐ)\s*:?\s*)?(\d{1,6}[a-zA-Z]?(?:\s*[/\-–]\s*[\p{L}\d&]+){2,4})",
    )
    .expect("valid regex")
});
/// A bare number right after the type: "số 04", "03".
static NUMBER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:[Ss]ố|só|sô|SỐ)\s*:?\s*)?(\d{1,5}[a-z]?)").expect("valid regex")
});
/// A code standing alone in text: "theo 164-QĐ/TW".
static BARE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d{1,6}(?:/\d{4})?\s?[/\-]\s?\p{Lu}[\p{Lu}\p{Ll}]*(?:[/\-]\p{Lu}[\p{Lu}\p{Ll}\d]*){1,2}",
    )
    .expect("valid regex")
});
/// "Trung ương 7 (khóa XII)", "TW4", "Hội nghị Trung ương 4 khóa XII" after "Nghị quyết".
static PLENUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:Hội nghị|hội nghị)\s+)?(?:lần thứ \d+\s+)?(?:Trung ương|TW|T.Ư|TƯ)\s*(\d{1,2})(?:\s*\(?(?:khóa|khoá)\s+([IVXL]+|\d+)\)?)?")
        .expect("valid regex")
});

/// Finds every document reference in `text` (normalized), deduplicated.
pub fn find_documents(text: &str) -> Vec<DocumentRef> {
    let mut found: Vec<(usize, usize, DocumentRef, bool)> = Vec::new(); // start, end, doc, chained
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for m in TYPE_RE.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || text[e..].chars().next().is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let doc_type = canonical_type(m.as_str());
        let rest = &text[e..];
        let (doc, len) = if let Some(c) = CODE_AFTER.captures(rest) {
            let raw = c.get(1).map_or("", |g| g.as_str());
            match normalize_code(raw) {
                Some(code) => {
                    let number = code.split(['-', '/']).next().map(str::to_string);
                    (
                        DocumentRef {
                            doc_type: doc_type.to_string(),
                            code: Some(code),
                            number,
                            ..Default::default()
                        },
                        c.get(0).map_or(0, |g| g.end()),
                    )
                }
                None => continue,
            }
        } else if let Some((doc, len)) = numbered(doc_type, rest, m.as_str()) {
            (doc, len)
        } else if let Some((doc, len)) = named(doc_type, rest, m.as_str()) {
            (doc, len)
        } else {
            continue;
        };
        // "Đại học Luật TP Hồ Chí Minh", "giáo sư Luật X": a faculty, not a law.
        if doc.doc_type == "Luật" && doc.name.is_some() && after_institution(&text[..s]) {
            continue;
        }
        let end = e + len;
        found.push((s, end, doc, false));
        taken.push((s, end));
    }
    // Codes without a type word in front.
    for m in BARE_CODE.find_iter(text) {
        if taken.iter().any(|&(a, b)| m.start() < b && m.end() > a)
            || text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-')
            || text[m.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-')
        {
            continue;
        }
        let Some(code) = normalize_code(m.as_str()) else {
            continue;
        };
        let Some(doc_type) = type_of_code(&code) else {
            continue;
        };
        let number = code.split(['-', '/']).next().map(str::to_string);
        found.push((
            m.start(),
            m.end(),
            DocumentRef {
                doc_type: doc_type.to_string(),
                code: Some(code),
                number,
                ..Default::default()
            },
            false,
        ));
    }
    found.sort_by_key(|f| f.0);

    // Issuers and dates.
    for i in 0..found.len() {
        let (s, end) = (found[i].0, found[i].1);
        let mut after = &text[end..];
        if let Some((d, n)) = date_after_ref(after) {
            found[i].2.date = Some(d);
            after = &after[n..];
        }
        if found[i].2.issuer.is_none() {
            found[i].2.issuer = issuer_after(after);
        }
        if found[i].2.issuer.is_none() {
            found[i].2.issuer = issuer_before(&text[..s]);
        }
        // "Nghị định số 101/2017/NĐ-CP, Nghị định số 89/2021/NĐ-CP của Chính phủ".
        let chained = found.get(i + 1).is_some_and(|next| {
            let between = &text[end.min(next.0)..next.0];
            let b = between.trim();
            b.is_empty() || b == "," || b == "và" || b == ";"
        });
        found[i].3 = chained;
    }
    for i in (0..found.len().saturating_sub(1)).rev() {
        if found[i].3 && found[i].2.issuer.is_none() {
            found[i].2.issuer = found[i + 1].2.issuer.clone();
        }
    }
    // A document issued in the same sentence by the same kind of body inherits the issuer
    // ("Ban Thường vụ Tỉnh ủy ... ban hành Kế hoạch số 134-KH/TU ...; Kế hoạch số 176-KH/TU").
    for i in 1..found.len() {
        if found[i].2.issuer.is_some() {
            continue;
        }
        let (prev_end, cur_start) = (found[i - 1].1, found[i].0);
        let same_sentence = cur_start >= prev_end && !text[prev_end..cur_start].contains(". ");
        if same_sentence && code_issuer(&found[i - 1].2) == code_issuer(&found[i].2) {
            if let Some(code_iss) = code_issuer(&found[i].2) {
                let _ = code_iss;
                found[i].2.issuer = found[i - 1].2.issuer.clone();
            }
        }
    }
    let mut out: Vec<DocumentRef> = Vec::new();
    for (_, _, mut doc, _) in found {
        if doc.issuer.is_none() {
            doc.issuer = code_issuer(&doc).map(str::to_string);
        }
        let dup = out.iter_mut().find(|d| same_document(d, &doc));
        match dup {
            Some(d) => {
                if d.issuer.is_none() {
                    d.issuer = doc.issuer;
                }
                if d.date.is_none() {
                    d.date = doc.date;
                }
            }
            None => out.push(doc),
        }
    }
    out
}

fn after_institution(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    [
        "đại học ",
        "trường ",
        "khoa ",
        "viện ",
        "ngành ",
        "tạp chí ",
        "giáo sư ",
        "tiến sĩ ",
        "thạc sĩ ",
        "cử nhân ",
        "công ty ",
        "hãng ",
        "văn phòng ",
    ]
    .iter()
    .any(|w| tail.ends_with(w))
}

fn same_document(a: &DocumentRef, b: &DocumentRef) -> bool {
    match (&a.code, &b.code) {
        (Some(x), Some(y)) => x == y,
        (None, None) => {
            a.doc_type == b.doc_type
                && a.number == b.number
                && (a.number.is_some() || a.name == b.name)
        }
        _ => false,
    }
}

fn canonical_type(written: &str) -> &'static str {
    let lower = written.to_lowercase();
    TYPES
        .iter()
        .find(|t| t.to_lowercase() == lower)
        .copied()
        .unwrap_or("Văn bản")
}

fn type_of_code(code: &str) -> Option<&'static str> {
    // Party form NUMBER-TYPE/ISSUER; state form NUMBER[/YEAR]/TYPE-ISSUER.
    let parts: Vec<&str> = code.split(['-', '/']).collect();
    let abbr = if code.contains('-') && code.find('-') < code.find('/') {
        parts.get(1)?
    } else {
        parts
            .iter()
            .skip(1)
            .find(|p| !p.chars().all(|c| c.is_ascii_digit()))?
    };
    let abbr = abbr.to_uppercase();
    CODE_TYPES
        .iter()
        .find(|(a, _)| *a == abbr || (abbr.starts_with("QH") && *a == "QH"))
        .map(|(_, t)| *t)
}

fn code_issuer(doc: &DocumentRef) -> Option<&'static str> {
    let code = doc.code.as_deref()?;
    let last = code.rsplit(['-', '/']).next()?.to_uppercase();
    CODE_ISSUERS
        .iter()
        .find(|(a, _)| *a == last)
        .map(|(_, n)| *n)
}

/// "Chỉ thị 03 của ...", "Nghị quyết số 04 của ...".
fn numbered(doc_type: &str, rest: &str, written: &str) -> Option<(DocumentRef, usize)> {
    let c = NUMBER_AFTER.captures(rest)?;
    let has_so = c.get(1).is_some();
    let num = c.get(2)?;
    let after = &rest[num.end()..];
    // "1.810", "03/2017", "2019-2020", "5%": not a document number.
    let mut ac = after.chars();
    match (ac.next(), ac.next()) {
        (Some('.' | ',' | '/' | '-' | '–'), Some(d)) if d.is_ascii_digit() => return None,
        (Some('%'), _) => return None,
        _ => {}
    }
    let lowercase_type = written.chars().next().is_some_and(char::is_lowercase);
    if !has_so && (!BARE_NUMBER_TYPES.contains(&doc_type) || doc_type == "Luật") {
        return None;
    }
    if !has_so {
        let n = num.as_str();
        if n.len() == 4 && (n.starts_with("19") || n.starts_with("20")) {
            return None;
        }
        // The next word must close the reference: "của", "ngày", "về", punctuation.
        let next = after.trim_start();
        let ok = next.is_empty()
            || next.starts_with(|c: char| ",.;:)(“\"”".contains(c))
            || [
                "của ",
                "ngày ",
                "về ",
                "năm ",
                "đã ",
                "và ",
                "được ",
                "do ",
                "khóa ",
                "khoá ",
                "(khóa",
                "(khoá",
                "là ",
                "thì ",
                "nhằm ",
                "trong ",
            ]
            .iter()
            .any(|w| next.starts_with(w));
        if !ok || (lowercase_type && next.starts_with("năm ")) {
            return None;
        }
    }
    Some((
        DocumentRef {
            doc_type: doc_type.to_string(),
            number: Some(num.as_str().to_string()),
            ..Default::default()
        },
        num.end(),
    ))
}

/// Congress and plenum resolutions, laws by name.
fn named(doc_type: &str, rest: &str, written: &str) -> Option<(DocumentRef, usize)> {
    match doc_type {
        "Nghị quyết" => {
            if let Some(c) = PLENUM.captures(rest) {
                let n = c.get(1).map_or("", |g| g.as_str());
                let name = match c.get(2) {
                    Some(k) => format!("Trung ương {n} (khóa {})", k.as_str()),
                    None => format!("Trung ương {n}"),
                };
                return Some((
                    DocumentRef {
                        doc_type: doc_type.to_string(),
                        issuer: Some("Ban Chấp hành Trung ương".to_string()),
                        name: Some(name),
                        ..Default::default()
                    },
                    c.get(0).map_or(0, |g| g.end()),
                ));
            }
            let (phrase, len) = congress(rest)?;
            Some((
                DocumentRef {
                    doc_type: doc_type.to_string(),
                    issuer: Some(capitalize(&phrase)),
                    name: Some(capitalize(&phrase)),
                    ..Default::default()
                },
                len,
            ))
        }
        "Luật" if written.starts_with('L') => {
            let (name, len) = law_name(rest)?;
            Some((
                DocumentRef {
                    doc_type: doc_type.to_string(),
                    name: Some(name),
                    ..Default::default()
                },
                len,
            ))
        }
        _ => None,
    }
}

/// "Đại hội Đảng toàn quốc lần thứ XII", "đại hội Đảng bộ xã lần thứ 30", "Đại hội XIII";
/// not the generic "Đại hội Đảng các cấp".
fn congress(rest: &str) -> Option<(String, usize)> {
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    let head = ["Đại hội", "đại hội", "ĐẠI HỘI"]
        .iter()
        .find(|h| trimmed.starts_with(*h))?;
    let mut end = head.len();
    let mut words: Vec<&str> = Vec::new();
    const ALLOWED: &[&str] = &[
        "bộ",
        "toàn",
        "quốc",
        "lần",
        "thứ",
        "xã",
        "huyện",
        "tỉnh",
        "thành",
        "phố",
        "nhiệm",
        "kỳ",
        "khóa",
        "khoá",
        "đại",
        "biểu",
        "phường",
        "thị",
        "trấn",
        "quận",
        "cơ",
        "sở",
        "khối",
        "đảng",
    ];
    let bytes_rest = &trimmed[end..];
    for (w_start, w) in tokens(bytes_rest) {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')']);
        let is_roman = !clean.is_empty() && clean.chars().all(|c| "IVXL".contains(c));
        let is_num = !clean.is_empty()
            && clean
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '–');
        let ok = ALLOWED.contains(&clean)
            || is_roman
            || is_num
            || clean.chars().next().is_some_and(char::is_uppercase);
        if clean.is_empty() || !ok || words.len() >= 10 {
            break;
        }
        words.push(clean);
        end = head.len() + w_start + clean.len();
        if clean.len() != w.len() {
            break;
        }
    }
    let phrase_rest = words.join(" ");
    let lower = phrase_rest.to_lowercase();
    let specific = lower.contains("toàn quốc")
        || lower.contains("lần thứ")
        || lower.contains("nhiệm kỳ")
        || lower.contains("khóa")
        || lower.contains("khoá")
        || lower.contains("bộ ")
        || lower.ends_with("bộ")
        || words
            .iter()
            .any(|w| !w.is_empty() && w.chars().all(|c| "IVXL".contains(c)));
    // "Đại hội Đảng bộ" alone says which congress only with its level ("bộ tỉnh", "bộ xã").
    if !specific || lower == "đảng bộ" || words.is_empty() {
        return None;
    }
    let phrase = format!("{} {}", head, phrase_rest);
    Some((phrase, lead + end))
}

/// Words with their byte offsets, split at spaces and non-breaking spaces.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c == ' ' || c == '\u{00A0}' {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

fn law_name(rest: &str) -> Option<(String, usize)> {
    let trimmed = rest.strip_prefix(' ')?;
    if !trimmed.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    for law in COMMA_LAWS {
        if trimmed.starts_with(law) {
            return Some((law.to_string(), 1 + law.len()));
        }
    }
    const STOP: &[&str] = &[
        "và", "của", "năm", "số", "được", "đã", "có", "do", "trong", "các", "này", "mới", "sửa",
        "hiện", "thì", "là", "cho", "tại", "để", "theo", "quy", "với", "khi", "sẽ", "vừa", "đang",
        "đối", "từ", "đến", "như", "nên", "mà", "ngày", "bổ",
    ];
    let first = trimmed.split(' ').next().unwrap_or("");
    if ["Sư", "sư", "Gia", "Sư,"].contains(&first) || first.starts_with("Sư") {
        return None;
    }
    let mut end = 0;
    let mut pos = 0;
    let mut count = 0;
    for w in trimmed.split(' ') {
        let w_start = pos;
        pos += w.len() + 1;
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '”', '"']);
        if clean.is_empty()
            || (count > 0 && STOP.contains(&clean))
            || !clean.chars().all(char::is_alphabetic)
            || count >= 8
        {
            break;
        }
        count += 1;
        end = w_start + clean.len();
        if clean.len() != w.len() {
            break;
        }
    }
    let name = &trimmed[..end];
    // "Luật Jonathan Turley" (a law professor) and "Luật Sửa đổi ..." are not law names:
    // a law's name is in sentence case.
    let words: Vec<&str> = name.split(' ').collect();
    let all_caps_words = words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let acronym = words[0].chars().count() >= 2 && words[0].chars().all(char::is_uppercase);
    if count == 0 || all_caps_words || acronym || ["Sửa", "Này", "Mới"].contains(&words[0]) {
        return None;
    }
    Some((name.to_string(), 1 + end))
}

const ORG_HEADS: &[&str] = &[
    "ban ",
    "bộ ",
    "ubnd",
    "ủy ban",
    "uỷ ban",
    "hđnd",
    "hội đồng",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "thị ủy",
    "thị uỷ",
    "đảng ủy",
    "đảng uỷ",
    "quận ủy",
    "chính phủ",
    "thủ tướng",
    "quốc hội",
    "chủ tịch",
    "sở ",
    "văn phòng",
    "trung ương",
    "tổng cục",
    "cục ",
    "ngân hàng",
    "tòa án",
    "viện ",
    "bch",
    "ban chấp hành",
    "giám đốc",
    "học viện",
    "hiệu trưởng",
    "tổng liên đoàn",
    "mặt trận",
    "kiểm toán",
];

fn is_org(phrase: &str) -> bool {
    let l = phrase.to_lowercase();
    ORG_HEADS.iter().any(|h| l.starts_with(h))
}

/// Lower-case words that occur inside issuing bodies' names.
const ISSUER_LOWER: &[&str] = &[
    "nhân",
    "dân",
    "tỉnh",
    "huyện",
    "thành",
    "phố",
    "xã",
    "quận",
    "phường",
    "thị",
    "ủy",
    "uỷ",
    "vụ",
    "chính",
    "trị",
    "phủ",
    "khóa",
    "khoá",
    "hành",
    "chấp",
    "thường",
    "trực",
    "ương",
    "đảng",
    "bộ",
    "ban",
    "tài",
    "nội",
    "quốc",
    "hội",
    "tướng",
    "sự",
    "nhà",
    "nước",
    "tổ",
    "chức",
    "tuyên",
    "giáo",
    "vận",
    "kiểm",
    "tra",
    "viện",
    "tòa",
    "án",
    "sát",
    "thư",
    "cấp",
    "trung",
    "đồng",
    "bí",
    "an",
    "y",
    "tế",
    "dục",
    "đào",
    "tạo",
    "công",
    "thương",
    "nghiệp",
    "xây",
    "dựng",
    "lao",
    "động",
    "binh",
    "gia",
    "liên",
    "đoàn",
    "trận",
    "đốc",
    "trưởng",
    "hiệu",
];

/// "của Bộ Chính trị (khóa XI) về ..." → "Bộ Chính trị (khóa XI)".
fn issuer_after(after: &str) -> Option<String> {
    let a = after.trim_start();
    let a = a.strip_prefix(',').map_or(a, str::trim_start);
    let a = a.strip_prefix("của ")?;
    let mut out = String::new();
    const STOP: &[&str] = &[
        "về", "đã", "và", "cho", "nhằm", "theo", "tại", "của", "ngày", "là", "được", "thì", "đối",
        "trong", "để", "quy", "ban", "với", "có", "đến", "từ", "khi", "sau", "trên", "nên", "vừa",
        "đang", "sẽ", "mà", "này", "như", "cũng", "gắn",
    ];
    let mut words = 0;
    let mut rest = a;
    while let Some(w) = rest.split(' ').next() {
        if w.is_empty() {
            break;
        }
        if w.starts_with('(') {
            // Only a term in brackets belongs to the issuer: "(khóa XI)".
            let close = rest.char_indices().take(40).find(|&(_, c)| c == ')');
            let inner = close.map(|(c, _)| &rest[..=c]);
            match inner {
                Some(i) if i.contains("khóa") || i.contains("khoá") => {
                    out.push(' ');
                    out.push_str(i);
                }
                _ => {}
            }
            break;
        }
        let clean = w.trim_end_matches([',', '.', ';', ':', '”', '"', ')']);
        if clean.is_empty() || STOP.contains(&clean) || words >= 14 {
            break;
        }
        // Inside an issuer's name only a few lower-case words occur ("Ban Thường vụ Tỉnh
        // ủy", "UBND huyện X", "Bộ chính trị"); any other starts the predicate.
        let lower_word = clean.chars().next().is_some_and(char::is_lowercase);
        let next_word = rest.get(w.len() + 1..).and_then(|r| r.split(' ').next());
        if words > 0
            && lower_word
            && !clean.chars().all(|c| c.is_ascii_digit())
            && (!ISSUER_LOWER.contains(&clean) || (clean == "thành" && next_word == Some("lập")))
        {
            break;
        }
        // After "khóa" only its number may follow.
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(clean);
        words += 1;
        if clean.len() != w.len() {
            break;
        }
        rest = rest.get(w.len() + 1..).unwrap_or("");
        if out.ends_with(|c: char| c.is_ascii_digit() || "IVXL".contains(c))
            && (out.contains(" khóa ") || out.contains(" khoá "))
        {
            break;
        }
    }
    let out = out.trim().to_string();
    (!out.is_empty() && is_org(&out)).then(|| capitalize(&out))
}

/// "UBND huyện Diễn Châu đã ra Quyết định ...", "ban Thường vụ Huyện ủy X cũng có Quyết định".
fn issuer_before(before: &str) -> Option<String> {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\s(?:đã|vừa|cũng|mới|đang|sẽ))*\s(?:ra|có|ban hành|ký|ký ban hành|thông qua|phê duyệt)\s*$")
            .expect("valid regex")
    });
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|,\s*)([^,;]{2,80}?)\s(?:đã|vừa|cũng|mới)\s").expect("valid regex")
    });
    // Only the last 300 bytes: a sentence's subject is near, and a bounded window keeps
    // this linear on pathological input.
    let window = &before[floor_boundary(before, before.len().saturating_sub(300))..];
    let start = window
        .rfind(['.', ';', ':', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let sentence = &window[start..];
    let v = VERB.find(sentence)?;
    let head = &sentence[..v.start()];
    let clause = head.rsplit(',').next().unwrap_or(head).trim();
    if is_org(clause) && clause.split(' ').count() <= 10 {
        return Some(capitalize(clause));
    }
    let mut best = None;
    for c in SUBJECT.captures_iter(head) {
        if let Some(g) = c.get(1) {
            let s = g.as_str().trim();
            if is_org(s) && s.split(' ').count() <= 10 {
                best = Some(capitalize(s));
            }
        }
    }
    best
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (String, Option<String>, Option<String>, Option<String>);

    fn triples(text: &str) -> Vec<Row> {
        find_documents(text)
            .into_iter()
            .map(|d| (d.doc_type, d.code, d.number, d.issuer))
            .collect()
    }

    fn t(ty: &str, code: Option<&str>, num: Option<&str>, iss: Option<&str>) -> Row {
        (
            ty.into(),
            code.map(Into::into),
            num.map(Into::into),
            iss.map(Into::into),
        )
    }

    #[test]
    fn coded_references() {
        assert_eq!(
            triples("thực hiện Nghị quyết 02/NQ-TU của Tỉnh ủy Quảng Nam về xây dựng"),
            vec![t(
                "Nghị quyết",
                Some("02-NQ/TU"),
                Some("02"),
                Some("Tỉnh ủy Quảng Nam")
            )]
        );
        assert_eq!(
            triples("Quyết định số 469-QĐNS/TW ngày 21/3/2017 của Bộ Chính trị ( Đoàn kiểm tra)"),
            vec![t(
                "Quyết định",
                Some("469-QĐNS/TW"),
                Some("469"),
                Some("Bộ Chính trị")
            )]
        );
        assert_eq!(
            triples("Kết luận số 24-KL/TW ngày 5/6/2012 của Bộ Chính trị (khóa XI) về đẩy mạnh"),
            vec![t(
                "Kết luận",
                Some("24-KL/TW"),
                Some("24"),
                Some("Bộ Chính trị (khóa XI)")
            )]
        );
        assert_eq!(
            triples("Quy định số 47- QĐ/TW ngày 1/11/2011 của Ban Chấp hành Trung ương về"),
            vec![t(
                "Quy định",
                Some("47-QĐ/TW"),
                Some("47"),
                Some("Ban Chấp hành Trung ương")
            )]
        );
        assert_eq!(
            triples("Nghị quyết 03 - NQ/TU và Nghị quyết số 15- Nq/tw"),
            vec![
                t("Nghị quyết", Some("03-NQ/TU"), Some("03"), Some("Tỉnh ủy")),
                t(
                    "Nghị quyết",
                    Some("15-NQ/TW"),
                    Some("15"),
                    Some("Trung ương")
                ),
            ]
        );
        assert_eq!(
            triples("Nghị định số 101/2017/NĐ-CP, Nghị định số 89/2021/NĐ-CP của Chính phủ về"),
            vec![
                t(
                    "Nghị định",
                    Some("101/2017/NĐ-CP"),
                    Some("101"),
                    Some("Chính phủ")
                ),
                t(
                    "Nghị định",
                    Some("89/2021/NĐ-CP"),
                    Some("89"),
                    Some("Chính phủ")
                ),
            ]
        );
        assert_eq!(
            triples("Ngay sau đó, vào ngày 10/5, UBND huyện Diễn Châu đã ra Quyết định số 911/QĐ-UBND về việc"),
            vec![t("Quyết định", Some("911/QĐ-UBND"), Some("911"), Some("UBND huyện Diễn Châu"))]
        );
        assert_eq!(
            triples(
                "Đồng thời, ban Thường vụ Huyện ủy Diễn Châu cũng có Quyết định 267/TB-HU, đồng ý"
            ),
            vec![t(
                "Quyết định",
                Some("267-TB/HU"),
                Some("267"),
                Some("Ban Thường vụ Huyện ủy Diễn Châu")
            )]
        );
        assert_eq!(
            triples("Quyết định số 2551/QĐ-TTg của Thủ tướng Chính phủ thành lập Ban chỉ đạo"),
            vec![t(
                "Quyết định",
                Some("2551/QĐ-TTG"),
                Some("2551"),
                Some("Thủ tướng Chính phủ")
            )]
        );
        // Deduplicated by code, typo "só" accepted.
        assert_eq!(
            triples("Kế hoạch só 159-KH/TU; Kế hoạch số 159-KH/TU").len(),
            1
        );
    }

    #[test]
    fn numbered_and_named() {
        assert_eq!(
            triples("Tiếp tục thực hiện Chỉ thị 03 của Bộ chính trị: “Học tập”"),
            vec![t("Chỉ thị", None, Some("03"), Some("Bộ chính trị"))]
        );
        assert_eq!(
            triples("theo nghị định 35 của Chính phủ từ đất lúa"),
            vec![t("Nghị định", None, Some("35"), Some("Chính phủ"))]
        );
        let docs = find_documents(
            "thực hiện nghị quyết Đại hội Đảng toàn quốc lần thứ XII năm thứ 2. \
             Xã đã thực hiện nghị quyết đại hội Đảng các cấp, nghị quyết đại hội Đảng bộ xã lần thứ 30. \
             Theo tinh thần Nghị quyết TW4: “Một số vấn đề”. Luật Cán bộ, công chức, Luật Viên chức và các quy định.",
        );
        let names: Vec<_> = docs
            .iter()
            .map(|d| (d.doc_type.as_str(), d.name.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Nghị quyết", Some("Đại hội Đảng toàn quốc lần thứ XII")),
                ("Nghị quyết", Some("Đại hội Đảng bộ xã lần thứ 30")),
                ("Nghị quyết", Some("Trung ương 4")),
                ("Luật", Some("Cán bộ, công chức")),
                ("Luật", Some("Viên chức")),
            ]
        );
    }

    #[test]
    fn not_documents() {
        for text in [
            "vừa quyết định cho thôi chức",
            "kế hoạch 5 năm",
            "Kết luận buổi làm việc, đồng chí",
            "Đoàn kiểm tra số 469",
            "Luật sư Nguyễn Văn A",
            "Giáo sư Luật Jonathan Turley",
            "Trường Đại học Luật Hà Nội",
            "chi bộ (với 1.810 chi bộ)",
            "Nghị quyết Đại hội Đảng đến Đại hội XII",
            "ngày 15 - 18/4/2017",
        ] {
            assert!(
                find_documents(text).is_empty(),
                "text {text:?}: {:?}",
                find_documents(text)
            );
        }
    }
}
