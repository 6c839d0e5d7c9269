//! Dates as Vietnamese sites write them, parsed to `OffsetDateTime` (+07:00 unless written).
//!
//! Forms: `30/11/2021 13:01`, `23/06/2024 lúc 18:06 (GMT+7)`, `Ngày đăng: 03/05/2012`,
//! `Thứ năm - 25/01/2024 03:38`, `ngày 7 tháng 2 năm 2017`, `Ngày 07/07/2017 - 21:34`,
//! `07-07-2017`, `14:05 | 25/05/2017`, ISO 8601 and RFC 2822. A date without a time is
//! midnight, Vietnam time.

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("valid regex")
});
static RFC2822: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(GMT|UTC|UT|Z|[+-]\d{4})?",
    )
    .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*[/.\-]\s*(\d{4})").expect("valid regex")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s*,?\s+(?i:năm)\s+(\d{4})")
        .expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(?:phút))?(?:\s*(AM|PM|am|pm|SA|CH))?")
        .expect("valid regex")
});
static GMT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?").expect("valid regex")
});

/// Vietnam time.
pub(crate) const VN: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// A date found in a line, with where it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub at: OffsetDateTime,
    pub has_time: bool,
    pub start: usize,
    pub end: usize,
}

/// Parses the first date (with its time and offset when written nearby) in `text`.
///
/// ```
/// use tracuu::ingest::extract::parse_datetime;
/// let d = parse_datetime("23/06/2024 lúc 18:06 (GMT+7)").unwrap();
/// assert_eq!(d.to_string(), "2024-06-23 18:06:00.0 +07:00:00");
/// ```
pub fn parse_datetime(text: &str) -> Option<OffsetDateTime> {
    find_date(text).map(|f| f.at)
}

/// Finds the first date in `text`.
pub(crate) fn find_date(text: &str) -> Option<Found> {
    let text = if text.len() > 400 {
        &text[..floor_char_boundary(text, 400)]
    } else {
        text
    };
    let mut best: Option<Found> = None;
    fn consider(best: &mut Option<Found>, f: Found) {
        if best.is_none_or(|b| f.start < b.start) {
            *best = Some(f);
        }
    }
    if let Some(c) = ISO.captures(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let date = ymd(num(&c, 1), num(&c, 2), num(&c, 3));
        if let Some(date) = date {
            let has_time = c.get(4).is_some();
            let time = hms(num(&c, 4), num(&c, 5), num(&c, 6)).unwrap_or(Time::MIDNIGHT);
            let offset = c
                .get(7)
                .and_then(|m| parse_offset(m.as_str()))
                .or_else(|| gmt_offset(text))
                .unwrap_or(VN);
            consider(
                &mut best,
                Found {
                    at: PrimitiveDateTime::new(date, time).assume_offset(offset),
                    has_time,
                    start: whole.start,
                    end: whole.end,
                },
            );
        }
    }
    if let Some(c) = RFC2822.captures(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let month = c.get(2).map(|m| m.as_str()).and_then(month_of);
        let date = month.and_then(|m| ymd(num(&c, 3), Some(m), num(&c, 1)));
        if let Some(date) = date {
            let has_time = c.get(4).is_some();
            let time = hms(num(&c, 4), num(&c, 5), num(&c, 6)).unwrap_or(Time::MIDNIGHT);
            let offset = match c.get(7).map(|m| m.as_str()) {
                Some("GMT" | "UTC" | "UT" | "Z") => UtcOffset::UTC,
                Some(o) => parse_offset(o).unwrap_or(VN),
                None => VN,
            };
            consider(
                &mut best,
                Found {
                    at: PrimitiveDateTime::new(date, time).assume_offset(offset),
                    has_time,
                    start: whole.start,
                    end: whole.end,
                },
            );
        }
    }
    for c in DMY.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // "2017-06-07" is ISO, matched above; a DMY inside it is not a date of its own.
        if let Some(b) = best {
            if whole.start < b.end && whole.end > b.start {
                continue;
            }
        }
        if let Some(date) = ymd(num(&c, 4), num(&c, 3), num(&c, 1)) {
            let (time, has_time) = time_near(text, whole.start, whole.end);
            let offset = gmt_offset(text).unwrap_or(VN);
            consider(
                &mut best,
                Found {
                    at: PrimitiveDateTime::new(date, time).assume_offset(offset),
                    has_time,
                    start: whole.start,
                    end: whole.end,
                },
            );
            break;
        }
    }
    if let Some(c) = WORDS.captures(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if let Some(date) = ymd(num(&c, 3), num(&c, 2), num(&c, 1)) {
            let (time, has_time) = time_near(text, whole.start, whole.end);
            consider(
                &mut best,
                Found {
                    at: PrimitiveDateTime::new(date, time).assume_offset(VN),
                    has_time,
                    start: whole.start,
                    end: whole.end,
                },
            );
        }
    }
    best
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The time written next to a date (before or after it, within a few characters).
fn time_near(text: &str, start: usize, end: usize) -> (Time, bool) {
    for c in TIME.captures_iter(text) {
        let m = c.get(0).map_or(0..0, |m| m.range());
        // Skip "times" that are really parts of the date or a count ("1.208").
        if m.start < end && m.end > start {
            continue;
        }
        let gap = if m.start >= end {
            m.start - end
        } else {
            start.saturating_sub(m.end)
        };
        if gap > 24 {
            continue;
        }
        let mut h = num(&c, 1).unwrap_or(0);
        match c.get(4).map(|m| m.as_str()) {
            Some("PM" | "pm" | "CH") if h < 12 => h += 12,
            Some("AM" | "am" | "SA") if h == 12 => h = 0,
            _ => {}
        }
        if let Some(t) = hms(Some(h), num(&c, 2), num(&c, 3)) {
            return (t, true);
        }
    }
    (Time::MIDNIGHT, false)
}

fn gmt_offset(text: &str) -> Option<UtcOffset> {
    let c = GMT.captures(text)?;
    let sign: i8 = if c.get(1)?.as_str() == "-" { -1 } else { 1 };
    let h = i8::try_from(num(&c, 2)?).ok()?;
    let m = i8::try_from(num(&c, 3).unwrap_or(0)).ok()?;
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

fn parse_offset(s: &str) -> Option<UtcOffset> {
    if s == "Z" {
        return Some(UtcOffset::UTC);
    }
    let sign: i8 = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i8 = digits[..2].parse().ok()?;
    let m: i8 = digits[2..].parse().ok()?;
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

fn num(c: &regex::Captures, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

fn ymd(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<Date> {
    let y = i32::try_from(y?).ok()?;
    if !(1945..=2100).contains(&y) {
        return None;
    }
    let month = Month::try_from(u8::try_from(m?).ok()?).ok()?;
    Date::from_calendar_date(y, month, u8::try_from(d?).ok()?).ok()
}

fn hms(h: Option<u32>, m: Option<u32>, s: Option<u32>) -> Option<Time> {
    Time::from_hms(
        u8::try_from(h?).ok()?,
        u8::try_from(m?).ok()?,
        u8::try_from(s.unwrap_or(0)).ok()?,
    )
    .ok()
}

fn month_of(s: &str) -> Option<u32> {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M.iter()
        .position(|m| s.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Issue date written right after a document reference: "ngày 21/3/2017", "ngày 5.6.2012".
pub(crate) fn date_after_ref(text: &str) -> Option<(Date, usize)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})",
        )
        .expect("valid regex")
    });
    let c = RE.captures(text)?;
    let d = ymd(num(&c, 3), num(&c, 2), num(&c, 1))?;
    Some((d, c.get(0)?.end()))
}

/// How a date line is labelled, for choosing the publication date among several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Published,
    Updated,
    None,
}

/// The label in front of a date: "Ngày đăng", "Cập nhật", ...
pub(crate) fn label_of(line: &str) -> Label {
    let l = line.to_lowercase();
    if [
        "cập nhật",
        "cập nhập",
        "updated",
        "sửa lần cuối",
        "chỉnh sửa",
    ]
    .iter()
    .any(|k| l.contains(k))
    {
        Label::Updated
    } else if [
        "ngày đăng",
        "đăng ngày",
        "đăng lúc",
        "ngày xuất bản",
        "xuất bản",
        "published",
        "ngày phát hành",
        "thời gian đăng",
    ]
    .iter()
    .any(|k| l.contains(k))
    {
        Label::Published
    } else {
        Label::None
    }
}

/// True when the line names a weekday ("Thứ năm", "Chủ nhật").
pub(crate) fn has_weekday(line: &str) -> bool {
    let l = line.to_lowercase();
    [
        "thứ hai",
        "thứ ba",
        "thứ tư",
        "thứ năm",
        "thứ sáu",
        "thứ bảy",
        "chủ nhật",
        "thứ 2",
        "thứ 3",
        "thứ 4",
        "thứ 5",
        "thứ 6",
        "thứ 7",
    ]
    .iter()
    .any(|k| l.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> Option<String> {
        parse_datetime(s).map(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default()
        })
    }

    #[test]
    fn forms() {
        let cases = [
            ("30/11/2021 13:01", Some("2021-11-30T13:01:00+07:00")),
            (
                "23/06/2024 lúc 18:06 (GMT+7)",
                Some("2024-06-23T18:06:00+07:00"),
            ),
            (
                "Ngày đăng: 03/05/2012 .Lượt xem: 6572 lượt.",
                Some("2012-05-03T00:00:00+07:00"),
            ),
            (
                "Thứ năm - 25/01/2024 03:38 1.064 0",
                Some("2024-01-25T03:38:00+07:00"),
            ),
            ("ngày 7 tháng 2 năm 2017", Some("2017-02-07T00:00:00+07:00")),
            ("Ngày 07/07/2017 - 21:34", Some("2017-07-07T21:34:00+07:00")),
            ("07-07-2017", Some("2017-07-07T00:00:00+07:00")),
            (
                "Cập nhật: 14:05 | 25/05/2017",
                Some("2017-05-25T14:05:00+07:00"),
            ),
            (
                "08/02/2017 - 11:27 GMT+7",
                Some("2017-02-08T11:27:00+07:00"),
            ),
            ("2017-06-07 08:25:00", Some("2017-06-07T08:25:00+07:00")),
            (
                "2017-06-07T08:25:00+07:00",
                Some("2017-06-07T08:25:00+07:00"),
            ),
            ("2017-06-07T01:25:00Z", Some("2017-06-07T01:25:00Z")),
            (
                "Wed, 07 Jun 2017 08:25:00 +0700",
                Some("2017-06-07T08:25:00+07:00"),
            ),
            (
                "Wed, 07 Jun 2017 01:25:00 GMT",
                Some("2017-06-07T01:25:00Z"),
            ),
            (
                "Thứ Hai, 03/07/2017 - 18:20",
                Some("2017-07-03T18:20:00+07:00"),
            ),
            (
                "05/02/2017 08:15 .Người đăng: admin",
                Some("2017-02-05T08:15:00+07:00"),
            ),
            ("2:30 PM 12/03/2019", Some("2019-03-12T14:30:00+07:00")),
            // Traps: no year, impossible dates, counts.
            ("ngày 25.5, tại Văn phòng", None),
            ("31/02/2017", None),
            ("Lượt xem: 1.208", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fmt(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label_of("Cập nhật: 14:05 | 25/05/2017"), Label::Updated);
        assert_eq!(label_of("Ngày đăng: 03/05/2012"), Label::Published);
        assert_eq!(label_of("30/11/2021 13:01"), Label::None);
        assert!(has_weekday("Thứ năm - 25/01/2024"));
    }

    #[test]
    fn issue_date_after_code() {
        let (d, _) = date_after_ref(" ngày 21/3/2017 của Bộ Chính trị").unwrap();
        assert_eq!(d.to_string(), "2017-03-21");
        let (d, _) = date_after_ref(" ngày 5.6.2012 của").unwrap();
        assert_eq!(d.to_string(), "2012-06-05");
        assert!(date_after_ref(" của Bộ").is_none());
    }
}
