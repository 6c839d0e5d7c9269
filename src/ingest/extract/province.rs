//! Provinces: the 63 pre-2025 provinces, their 34 successors, and finding them in text.
//!
//! Names are written as in the 63→34 table of `vietnamadminunits` without the "Tỉnh" /
//! "Thành phố" prefix ("Kon Tum", "Hà Nội", "Hồ Chí Minh"), except that province 46 is
//! "Thừa Thiên Huế" among the 63 (its name before 2025) and "Huế" among the 34.
//!
//! Matching runs on text produced by [`crate::text::normalize`]; the alias table is passed
//! through the same function once, so both tone placements ("Hòa"/"Hoà") match whatever the
//! canonical one is.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold, normalize};

const PROVINCES_TSV: &str = include_str!("../../../data/admin/provinces.tsv");
const DISTRICTS_TSV: &str = include_str!("../../../data/admin/districts.tsv");

struct Tables {
    /// (code, name 63, name 34)
    rows: Vec<(&'static str, &'static str, &'static str)>,
    names_63: Vec<&'static str>,
    names_34: Vec<&'static str>,
    /// Folded, lower-cased key → index into `rows`.
    by_key: HashMap<String, usize>,
    /// Folded, lower-cased name of the 34 → name 34.
    by_key_34: HashMap<String, &'static str>,
    /// Folded district name → province index, `None` when several provinces share the name.
    districts: HashMap<String, Option<usize>>,
}

/// Extra spellings people write, mapped to the 63-name.
const ALIASES: &[(&str, &str)] = &[
    ("Hoà Bình", "Hòa Bình"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("Thừa Thiên – Huế", "Thừa Thiên Huế"),
    ("TT-Huế", "Thừa Thiên Huế"),
    ("TT Huế", "Thừa Thiên Huế"),
    ("Huế", "Thừa Thiên Huế"),
    ("Đắc Lắc", "Đắk Lắk"),
    ("Đăk Lăk", "Đắk Lắk"),
    ("Đắk Lăk", "Đắk Lắk"),
    ("Đăk Lắk", "Đắk Lắk"),
    ("Dak Lak", "Đắk Lắk"),
    ("Đăk Nông", "Đắk Nông"),
    ("Đắc Nông", "Đắk Nông"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("KonTum", "Kon Tum"),
    ("Kontum", "Kon Tum"),
    ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("BR-VT", "Bà Rịa - Vũng Tàu"),
    ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("TP Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP.Hồ Chí Minh", "Hồ Chí Minh"),
    ("Tp Hồ Chí Minh", "Hồ Chí Minh"),
    ("Tp. Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("TP. HCM", "Hồ Chí Minh"),
    ("TP HCM", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh"),
    ("Tp.HCM", "Hồ Chí Minh"),
    ("Tp. HCM", "Hồ Chí Minh"),
    ("Sài Gòn", "Hồ Chí Minh"),
];

/// Folded keys accepted by [`canonical_province`] besides names and aliases.
const KEY_ALIASES: &[(&str, &str)] = &[
    ("hcm", "Hồ Chí Minh"),
    ("tphcm", "Hồ Chí Minh"),
    ("ho chi minh city", "Hồ Chí Minh"),
    ("brvt", "Bà Rịa - Vũng Tàu"),
    ("daklak", "Đắk Lắk"),
    ("daknong", "Đắk Nông"),
    ("kontum", "Kon Tum"),
    ("hue", "Thừa Thiên Huế"),
];

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut rows = Vec::new();
    for line in PROVINCES_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        if let (Some(code), Some(old), Some(new)) = (parts.next(), parts.next(), parts.next()) {
            rows.push((code, old, new));
        }
    }
    let names_63: Vec<&str> = rows.iter().map(|r| r.1).collect();
    let mut names_34: Vec<&str> = Vec::new();
    for r in &rows {
        if !names_34.contains(&r.2) {
            names_34.push(r.2);
        }
    }
    let mut by_key = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_key.insert(key(r.1), i);
    }
    for (alias, name) in ALIASES.iter().chain(KEY_ALIASES) {
        if let Some(i) = rows.iter().position(|r| r.1 == *name) {
            by_key.entry(key(alias)).or_insert(i);
        }
    }
    let mut by_key_34 = HashMap::new();
    for n in &names_34 {
        by_key_34.insert(key(n), *n);
    }
    let mut districts: HashMap<String, Option<usize>> = HashMap::new();
    for line in DISTRICTS_TSV.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(name), Some(_kind), Some(code)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(idx) = rows.iter().position(|r| r.0 == code) else {
            continue;
        };
        let k = key(name);
        match districts.get(&k) {
            Some(Some(prev)) if *prev != idx => {
                districts.insert(k, None);
            }
            Some(_) => {}
            None => {
                districts.insert(k, Some(idx));
            }
        }
    }
    Tables {
        rows,
        names_63,
        names_34,
        by_key,
        by_key_34,
        districts,
    }
});

/// Folded, lower-cased, punctuation-free key: "TP. Hồ Chí Minh" → "tp ho chi minh".
fn key(s: &str) -> String {
    let folded = fold(&normalize(s)).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The 63 provinces before the 1 July 2025 merger, in administrative code order.
pub fn provinces_63() -> &'static [&'static str] {
    &TABLES.names_63
}

/// The 34 provinces after the 1 July 2025 merger.
pub fn provinces_34() -> &'static [&'static str] {
    &TABLES.names_34
}

/// The canonical 63-name of a province written any way: with or without diacritics,
/// any case, with a "tỉnh"/"thành phố"/"TP" prefix, or a common alias.
///
/// ```
/// use tracuu::ingest::extract::canonical_province;
/// assert_eq!(canonical_province("tinh kon tum"), Some("Kon Tum"));
/// assert_eq!(canonical_province("KON TUM"), Some("Kon Tum"));
/// assert_eq!(canonical_province("TP.HCM"), Some("Hồ Chí Minh"));
/// assert_eq!(canonical_province("Lào"), None);
/// ```
pub fn canonical_province(name: &str) -> Option<&'static str> {
    let t = &*TABLES;
    let k = key(name);
    if let Some(&i) = t.by_key.get(&k) {
        return Some(t.rows[i].1);
    }
    let stripped = strip_prefix_key(&k)?;
    t.by_key.get(stripped).map(|&i| t.rows[i].1)
}

/// The canonical 34-name for any of the 63 or 34 names (any spelling accepted by
/// [`canonical_province`]): "Kon Tum" → "Quảng Ngãi", "Huế" → "Huế".
pub fn canonical_province_2025(name: &str) -> Option<&'static str> {
    let t = &*TABLES;
    let k = key(name);
    let k = strip_prefix_key(&k).unwrap_or(&k);
    if let Some(n) = t.by_key_34.get(k) {
        return Some(n);
    }
    canonical_province(name).and_then(province_2025_of)
}

fn strip_prefix_key(k: &str) -> Option<&str> {
    ["tinh ", "thanh pho ", "tp ", "tx "]
        .iter()
        .find_map(|p| k.strip_prefix(p))
}

/// The successor after the 2025 merger of one of the 63 provinces (any spelling accepted by
/// [`canonical_province`]): "Kon Tum" → "Quảng Ngãi", "Long An" → "Tây Ninh".
pub fn province_2025_of(name: &str) -> Option<&'static str> {
    let t = &*TABLES;
    let k = key(name);
    let i = t
        .by_key
        .get(&k)
        .or_else(|| strip_prefix_key(&k).and_then(|s| t.by_key.get(s)))?;
    Some(t.rows[*i].2)
}

/// Province index of a host name such as `baokontum.com.vn` (a label contains the folded
/// name without spaces); the longest match wins.
pub(crate) fn province_of_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let mut best: Option<(usize, &'static str)> = None;
    for r in &TABLES.rows {
        let slug: String = key(r.1).chars().filter(|c| *c != ' ').collect();
        if slug.len() < 4 {
            continue;
        }
        // Only labels before the public suffix: "vn", "com", "gov" never name a province.
        if labels
            .iter()
            .any(|l| l.len() >= slug.len() && l.contains(&slug))
            && best.is_none_or(|(len, _)| slug.len() > len)
        {
            best = Some((slug.len(), r.1));
        }
    }
    best.map(|b| b.1)
}

/// One province mention found in text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mention {
    pub province: &'static str,
    /// Byte offset in the searched text.
    pub at: usize,
    /// Written with an administrative head: "tỉnh X", "Tỉnh ủy X", "UBND tỉnh X".
    pub strong: bool,
    /// Found through a district name ("huyện Kon Plông"), not the province's own name.
    pub via_district: bool,
}

struct Matchers {
    names: Regex,
    /// Normalized surface → 63-name.
    surface: HashMap<String, &'static str>,
    district_head: Regex,
}

static MATCHERS: LazyLock<Matchers> = LazyLock::new(|| {
    let t = &*TABLES;
    let mut surface: HashMap<String, &'static str> = HashMap::new();
    let mut add = |s: &str, name: &'static str| {
        for v in [normalize(s), normalize(&s.to_uppercase())] {
            surface.entry(v).or_insert(name);
        }
    };
    for r in &t.rows {
        // A bare "Hồ Chí Minh" is the president or his thought far more often than the city.
        if r.1 != "Hồ Chí Minh" {
            add(r.1, r.1);
        }
    }
    for (alias, name) in ALIASES {
        if let Some(r) = t.rows.iter().find(|r| r.1 == *name) {
            add(alias, r.1);
        }
    }
    let names = super::literal_alternation(surface.keys().map(String::as_str));
    let district_head = Regex::new(
        r"(?:[Hh]uyện(?: [uủ]ỷ| ủy)?|[Qq]uận(?: ủy| uỷ)?|[Tt]hị xã|[Tt]hị [uủ]ỷ|[Tt]hị ủy|[Tt]hành phố|[Tt]hành ủy|[Tt]hành uỷ|TP\.?|[Tt]hị trấn)\s+",
    )
    .expect("district head regex is valid");
    Matchers {
        names,
        surface,
        district_head,
    }
});

/// Capitalized words that may stand right before a province name without making it part of
/// a longer proper name (a person, "Thái Bình Dương").
const ALLOWED_PREV: &[&str] = &[
    "Tỉnh", "Thành", "TP", "Tp", "Báo", "Đài", "Tại", "Ở", "Về", "Và", "Của", "Cho", "Từ", "Đến",
    "Trên", "Với", "Tới", "Ủy", "Uỷ", "Sở", "Đảng", "Huyện", "Thị", "Tỉnh", "Trong", "Khắp",
    "Miền", "Vùng", "Nhân", "Dân", "Tuổi", "Bộ", "Khối", "Vượt", "Rời", "Thăm",
];

/// Finds province mentions (by name or alias, and by unambiguous district names after a
/// district head such as "huyện"), in order of position.
pub(crate) fn find_mentions(text: &str) -> Vec<Mention> {
    let m = &*MATCHERS;
    let t = &*TABLES;
    let mut out = Vec::new();
    for hit in m.names.find_iter(text) {
        let (s, e) = (hit.start(), hit.end());
        let before = &text[..s];
        let after = &text[e..];
        if before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || after.chars().next().is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let prev = prev_word(before);
        if let Some(p) = prev {
            if p.chars().next().is_some_and(char::is_uppercase)
                && !is_acronym(p)
                && !ALLOWED_PREV.contains(&p)
                && !["TP", "Tp", "Thành phố", "thành phố"]
                    .iter()
                    .any(|h| hit.as_str().starts_with(h))
            {
                continue;
            }
            // "huyện Quảng Ninh" is a district of Quảng Bình, not the province.
            if matches!(
                p,
                "huyện" | "Huyện" | "quận" | "Quận" | "xã" | "phường" | "xã,"
            ) {
                continue;
            }
        }
        if let Some(n) = next_word(after) {
            if n.chars().next().is_some_and(char::is_uppercase) && !is_acronym(n) {
                continue;
            }
        }
        let Some(&province) = m.surface.get(hit.as_str()) else {
            continue;
        };
        let strong = prev.is_some_and(|p| {
            matches!(
                p,
                "tỉnh" | "Tỉnh" | "ủy" | "uỷ" | "Ủy" | "Uỷ" | "phố" | "TP" | "Tp"
            )
        });
        out.push(Mention {
            province,
            at: s,
            strong,
            via_district: false,
        });
    }
    for head in m.district_head.find_iter(text) {
        let rest = &text[head.end()..];
        let words: Vec<&str> = rest.split(' ').take(3).collect();
        for n in (1..=words.len()).rev() {
            let cand = words[..n].join(" ");
            let cand = cand.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !cand.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            if let Some(Some(idx)) = t.districts.get(&key(cand)) {
                out.push(Mention {
                    province: t.rows[*idx].1,
                    at: head.start(),
                    strong: false,
                    via_district: true,
                });
                break;
            }
        }
    }
    out.sort_by_key(|m| m.at);
    out
}

fn prev_word(before: &str) -> Option<&str> {
    let b = before.strip_suffix(' ')?;
    // After the last whitespace character, whatever its width (U+2028 is three bytes).
    let start = b
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let w = &b[start..];
    (!w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '.')).then_some(w)
}

fn next_word(after: &str) -> Option<&str> {
    let a = after.strip_prefix(' ')?;
    let end = a.find(|c: char| c.is_whitespace()).unwrap_or(a.len());
    let w = &a[..end];
    (!w.is_empty() && w.chars().all(char::is_alphanumeric)).then_some(w)
}

#[cfg(test)]
#[test]
fn words_around_wide_whitespace() {
    for (before, expected) in [
        ("ở\u{2028}Sở ", Some("Sở")),
        ("tỉnh ", Some("tỉnh")),
        ("\u{2028} ", None),
        ("x", None),
    ] {
        assert_eq!(prev_word(before), expected, "input {before:?}");
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
}

/// Distinct provinces named (by name, not district) in `text`, in order of first mention.
#[cfg(test)]
pub(crate) fn provinces_named(text: &str) -> Vec<String> {
    named_in(&find_mentions(text))
}

/// Distinct provinces named (by name, not district) among `mentions`, in order.
pub(crate) fn named_in(mentions: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        if !m.via_district && !out.iter().any(|p| p == m.province) {
            out.push(m.province.to_string());
        }
    }
    out
}

/// Evidence for deciding which province an article is about.
#[derive(Debug, Default)]
pub(crate) struct Evidence<'a> {
    pub title: &'a str,
    /// [`find_mentions`] of lead and body: extraction searches them once, for this and for
    /// the provinces mentioned.
    pub body_mentions: &'a [Mention],
    /// Lines around the article that are not body but still about it (kicker, captions).
    pub extra: &'a str,
    /// Host names of the page and of its source (e.g. `baokontum.com.vn`).
    pub hosts: Vec<String>,
    /// Publisher name ("Báo Kon Tum").
    pub source: Option<&'a str>,
}

/// The province an article is about, or `None` when the evidence is too thin.
pub(crate) fn infer_province(ev: &Evidence) -> Option<&'static str> {
    let mut scores: Vec<(&'static str, f32, usize)> = Vec::new();
    let mut add = |p: &'static str, w: f32, order: usize| {
        if let Some(e) = scores.iter_mut().find(|e| e.0 == p) {
            e.1 += w;
            e.2 = e.2.min(order);
        } else {
            scores.push((p, w, order));
        }
    };
    let title_trim = ev.title.trim_start();
    for m in find_mentions(ev.title) {
        // "Bắc Ninh: Đổi mới ..." — a province named before the colon is the dateline.
        let prefix = m.at == ev.title.len() - title_trim.len()
            && title_trim[..]
                .split_once(':')
                .is_some_and(|(h, _)| h.len() < 40);
        let w = if prefix {
            8.0
        } else if m.via_district {
            3.0
        } else {
            5.0
        };
        add(m.province, w, 0);
    }
    let mut body_weights: Vec<(&'static str, f32)> = Vec::new();
    for m in ev.body_mentions {
        let w = if m.via_district {
            1.5
        } else if m.strong {
            2.0
        } else {
            1.0
        };
        body_weights.push((m.province, w));
        add(m.province, w, 1 + m.at);
    }
    let _ = body_weights;
    for m in find_mentions(ev.extra) {
        add(m.province, 0.5, usize::MAX / 2);
    }
    for h in &ev.hosts {
        if let Some(p) = province_of_host(h) {
            add(p, 6.0, usize::MAX / 2);
        }
    }
    if let Some(s) = ev.source {
        for m in find_mentions(s) {
            add(m.province, 6.0, usize::MAX / 2);
        }
    }
    scores
        .into_iter()
        .filter(|e| e.1 >= 2.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_63_and_34_names() {
        assert_eq!(provinces_63().len(), 63);
        assert_eq!(provinces_34().len(), 34);
        assert!(provinces_63().contains(&"Thừa Thiên Huế"));
        assert!(provinces_34().contains(&"Huế"));
    }

    #[test]
    fn canonical_names() {
        let cases = [
            ("kon tum", Some("Kon Tum")),
            ("Kon Tum", Some("Kon Tum")),
            ("KON TUM", Some("Kon Tum")),
            ("tinh kon tum", Some("Kon Tum")),
            ("Tỉnh Kon Tum", Some("Kon Tum")),
            ("thanh hoa", Some("Thanh Hóa")),
            ("Thanh Hoá", Some("Thanh Hóa")),
            ("Hoà Bình", Some("Hòa Bình")),
            ("TP.HCM", Some("Hồ Chí Minh")),
            ("thành phố hồ chí minh", Some("Hồ Chí Minh")),
            ("Huế", Some("Thừa Thiên Huế")),
            ("dak lak", Some("Đắk Lắk")),
            ("ba ria vung tau", Some("Bà Rịa - Vũng Tàu")),
            ("Hủa Phăn", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(canonical_province(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn nfd_input() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Tỉnh ủy Thừa Thiên Huế và tỉnh Đắk Lắk".nfd().collect();
        assert_eq!(
            provinces_named(&normalize(&nfd)),
            vec!["Thừa Thiên Huế", "Đắk Lắk"]
        );
        let nfd: String = "Kon Tum".nfd().collect();
        assert_eq!(canonical_province(&nfd), Some("Kon Tum"));
    }

    #[test]
    fn successors() {
        let cases = [
            ("Kon Tum", Some("Quảng Ngãi")),
            ("Bình Phước", Some("Đồng Nai")),
            ("Long An", Some("Tây Ninh")),
            ("Quảng Nam", Some("Đà Nẵng")),
            ("Hải Dương", Some("Hải Phòng")),
            ("Cao Bằng", Some("Cao Bằng")),
            ("Thừa Thiên Huế", Some("Huế")),
            ("xyz", None),
        ];
        for (input, expected) in cases {
            assert_eq!(province_2025_of(input), expected, "input {input:?}");
        }
        assert_eq!(canonical_province_2025("hue"), Some("Huế"));
        assert_eq!(canonical_province_2025("Kon Tum"), Some("Quảng Ngãi"));
    }

    #[test]
    fn mentions_skip_person_names_and_ocean() {
        let text = normalize(
            "Phó Thủ tướng Trương Hòa Bình và Thái Bình Dương; quê ở tỉnh Thái Bình. \
             Tư tưởng Hồ Chí Minh. Tỉnh ủy Yên Bái.",
        );
        assert_eq!(provinces_named(&text), vec!["Thái Bình", "Yên Bái"]);
    }

    #[test]
    fn district_identifies_province() {
        let text = normalize("Tại huyện Đăk Tô và huyện Kon Plông, cán bộ được đào tạo.");
        let ms = find_mentions(&text);
        assert!(ms.iter().all(|m| m.province == "Kon Tum" && m.via_district));
        assert_eq!(ms.len(), 2);
        // "Châu Thành" is a district in several provinces: no evidence.
        assert!(find_mentions(&normalize("huyện Châu Thành")).is_empty());
    }

    #[test]
    fn inference_cases() {
        let body = normalize("Điển hình như huyện Kon Plông, từ năm 2018. Tại huyện Đăk Tô.");
        let ev = Evidence {
            title: "Quan tâm đào tạo",
            body_mentions: &find_mentions(&body),
            ..Default::default()
        };
        assert_eq!(infer_province(&ev), Some("Kon Tum"));
        let ev = Evidence {
            title: "Quan tâm đào tạo",
            body_mentions: &find_mentions("Các cấp ủy trên địa bàn tỉnh."),
            hosts: vec!["baokontum.com.vn".into()],
            ..Default::default()
        };
        assert_eq!(infer_province(&ev), Some("Kon Tum"));
        let ev = Evidence {
            title: "Bắc Ninh: Đổi mới công tác đào tạo",
            body_mentions: &find_mentions("Học tập ở Hà Nội."),
            ..Default::default()
        };
        assert_eq!(infer_province(&ev), Some("Bắc Ninh"));
        assert_eq!(province_of_host("www.baolongan.vn"), Some("Long An"));
        assert_eq!(province_of_host("www.baomoi.com"), None);
    }
}
