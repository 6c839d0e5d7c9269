//! Source lines ("Nguồn: http...", "Nguồn bài viết:" followed by a URL, a bare URL line) and
//! what a host name says about the publisher.

use std::sync::LazyLock;

use regex::Regex;

use super::province;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s<>"'()\[\]]+"#).expect("valid regex"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:nguồn(?: tin| bài viết| bài| tham khảo)?|theo nguồn|source|link bài viết|link gốc|bài gốc)\s*:\s*(.*)$")
        .expect("valid regex")
});

/// What a source line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SourceLine {
    /// A URL (labelled or alone on its line).
    Url(String),
    /// A label whose value is on the next line ("Nguồn bài viết:").
    LabelOnly,
    /// A named source without URL ("Nguồn: Báo Kon Tum").
    Name(String),
}

/// Classifies a line as a source line.
pub(crate) fn parse_source_line(line: &str) -> Option<SourceLine> {
    let line = line.trim();
    if let Some(c) = LABEL.captures(line) {
        let rest = c.get(1).map_or("", |m| m.as_str()).trim();
        if rest.is_empty() {
            return Some(SourceLine::LabelOnly);
        }
        if let Some(u) = URL.find(rest) {
            return Some(SourceLine::Url(clean_url(u.as_str())));
        }
        if rest.chars().count() <= 60 {
            return Some(SourceLine::Name(rest.trim_end_matches('.').to_string()));
        }
        return None;
    }
    let u = URL.find(line)?;
    // A line that is only a URL.
    (u.start() == 0 && u.end() == line.len()).then(|| SourceLine::Url(clean_url(u.as_str())))
}

fn clean_url(u: &str) -> String {
    u.trim_end_matches(['.', ',', ';']).to_string()
}

/// The host of a URL: `http://baokontum.com.vn/x` → `baokontum.com.vn`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A provincial newspaper's name from its host: `baokontum.com.vn` → "Báo Kon Tum".
pub(crate) fn publisher_of_host(host: &str) -> Option<String> {
    let label = host
        .trim_start_matches("www.")
        .split('.')
        .next()?
        .to_string();
    let rest = label.strip_prefix("bao")?;
    let p = province::province_of_host(rest)?;
    let slug: String = crate::text::fold(p)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    (rest == slug).then(|| format!("Báo {p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines() {
        assert_eq!(
            parse_source_line("Nguồn tin: http://www.baomoi.com/a/c/21865545.epi"),
            Some(SourceLine::Url(
                "http://www.baomoi.com/a/c/21865545.epi".into()
            ))
        );
        assert_eq!(
            parse_source_line("Nguồn bài viết:"),
            Some(SourceLine::LabelOnly)
        );
        assert_eq!(
            parse_source_line("http://baokontum.com.vn/x-21560.html"),
            Some(SourceLine::Url(
                "http://baokontum.com.vn/x-21560.html".into()
            ))
        );
        assert_eq!(
            parse_source_line("Nguồn: Báo Kon Tum"),
            Some(SourceLine::Name("Báo Kon Tum".into()))
        );
        assert_eq!(parse_source_line("Xem tại http://x.vn nhé"), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("http://baokontum.com.vn/xay-dung-dang/x.html").as_deref(),
            Some("baokontum.com.vn")
        );
        assert_eq!(
            publisher_of_host("baokontum.com.vn").as_deref(),
            Some("Báo Kon Tum")
        );
        assert_eq!(
            publisher_of_host("www.baolongan.vn").as_deref(),
            Some("Báo Long An")
        );
        assert_eq!(publisher_of_host("www.baomoi.com"), None);
    }
}
