//! The best fragment of a text for a set of weighted terms, as HTML with the terms in `<b>`.
//!
//! The same choice and the same HTML as tantivy's `SnippetGenerator::snippet(..).to_html()`
//! (fragments of at most `max_bytes` cut at token boundaries, the one with the highest sum of
//! its matched terms' weights, the earliest on ties), but cheaper per token: one analyzer
//! reused for every text, no lower-cased copy of tokens that are lower case already, and only
//! the best fragment so far kept instead of every fragment.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;
use tantivy::Score;

/// Finds and renders the best fragment of texts.
pub struct Highlighter {
    /// The terms, as the analyzer emits them, with their weights (few: a query's words).
    terms: Vec<(String, Score)>,
    analyzer: TextAnalyzer,
    max_bytes: usize,
    /// Whether the analyzer emits lower-case tokens only (no need to lower-case each).
    lower_case_tokens: bool,
}

/// A run of tokens scored by the terms it holds.
struct Fragment {
    score: Score,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Fragment {
    fn new(start: usize) -> Fragment {
        Fragment {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

impl Highlighter {
    pub fn new(
        terms: impl IntoIterator<Item = (String, Score)>,
        analyzer: TextAnalyzer,
        max_bytes: usize,
    ) -> Highlighter {
        Highlighter {
            terms: terms.into_iter().collect(),
            analyzer,
            max_bytes,
            lower_case_tokens: false,
        }
    }

    /// Tells that the analyzer lower-cases every token (tracuu's do), which spares checking
    /// the case of each token of the texts.
    pub fn with_lower_case_tokens(mut self) -> Highlighter {
        self.lower_case_tokens = true;
        self
    }

    /// The best fragment of `text` as HTML, or `None` when no term is in it.
    pub fn html(&mut self, text: &str) -> Option<String> {
        let mut best: Option<Fragment> = None;
        let mut current = Fragment::new(0);
        let terms = &self.terms;
        let lower_case_tokens = self.lower_case_tokens;
        let mut stream = self.analyzer.token_stream(text);
        let max_bytes = self.max_bytes;
        let close = |fragment: Fragment, best: &mut Option<Fragment>| {
            // Later fragments start later: they replace the best only with a higher score.
            if fragment.score > 0.0 && best.as_ref().is_none_or(|b| fragment.score > b.score) {
                *best = Some(fragment);
            }
        };
        while let Some(token) = stream.next() {
            if token.offset_to - current.start > max_bytes {
                let next = Fragment::new(token.offset_from);
                close(std::mem::replace(&mut current, next), &mut best);
            }
            current.stop = token.offset_to;
            if let Some(weight) = weight(terms, &token.text, lower_case_tokens) {
                current.score += weight;
                current.highlighted.push(token.offset_from..token.offset_to);
            }
        }
        close(current, &mut best);
        best.map(|f| render(text, &f))
    }
}

/// The weight of a token (looked up lower-cased, as tantivy does; `lower_case` when the
/// token is known to be).
fn weight(terms: &[(String, Score)], token: &str, lower_case: bool) -> Option<Score> {
    let find = |t: &str| terms.iter().find(|(w, _)| w == t).map(|(_, s)| *s);
    if lower_case || is_lower_case(token) {
        find(token)
    } else {
        find(&token.to_lowercase())
    }
}

/// Whether lower-casing leaves `text` as it is.
fn is_lower_case(text: &str) -> bool {
    text.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

/// The fragment's text, escaped, with its highlighted ranges (merged where they overlap) in
/// `<b>`.
fn render(text: &str, fragment: &Fragment) -> String {
    let mut ranges = fragment.highlighted.clone();
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup();
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if last.end > range.start => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut html = String::with_capacity(fragment.stop - fragment.start + 16 * merged.len());
    let mut from = fragment.start;
    for range in merged {
        escape_into(&mut html, &text[from..range.start]);
        html.push_str("<b>");
        escape_into(&mut html, &text[range.clone()]);
        html.push_str("</b>");
        from = range.end;
    }
    escape_into(&mut html, &text[from..fragment.stop]);
    html
}

/// Escapes like `htmlescape::encode_minimal`, which tantivy's snippets use.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#x27;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::Field;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn simple() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default()).build()
    }

    fn lower() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build()
    }

    fn vietnamese_folded() -> TextAnalyzer {
        crate::text::folded_analyzer()
    }

    fn vietnamese_exact() -> TextAnalyzer {
        crate::text::exact_analyzer()
    }

    /// What tantivy's generator makes of the same input.
    fn tantivy_html(
        terms: &[(&str, Score)],
        analyzer: TextAnalyzer,
        max: usize,
        text: &str,
    ) -> Option<String> {
        let terms: BTreeMap<String, Score> =
            terms.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        let generator = SnippetGenerator::new(terms, analyzer, Field::from_field_id(0), max);
        let snippet = generator.snippet(text);
        (!snippet.is_empty()).then(|| snippet.to_html())
    }

    #[test]
    fn same_fragment_and_html_as_tantivy() {
        let long = "Hà Nội mở rộng đường vành đai. ".repeat(20)
            + "Bộ Giao thông vận tải duyệt dự án cao tốc Bắc Nam & <các> \"tuyến\" 'nhánh'. "
            + &"Thành phố Hồ Chí Minh cũng vậy. ".repeat(10)
            + "Bắc Ninh, Bắc Giang: dự án cao tốc.";
        // (text, analyzer, weighted terms, longest fragment, whether a term is found)
        type Case<'a> = (
            &'a str,
            fn() -> TextAnalyzer,
            Vec<(&'a str, Score)>,
            usize,
            bool,
        );
        let cases: Vec<Case> = vec![
            ("a b c d e f g", simple, vec![("c", 1.0)], 5, true),
            (
                "a b c d e f g",
                simple,
                vec![("c", 1.0), ("f", 1.0)],
                5,
                true,
            ),
            ("x y x y x y", simple, vec![("x", 0.5), ("y", 0.5)], 3, true),
            ("nothing here", simple, vec![("c", 1.0)], 20, false),
            ("", simple, vec![("c", 1.0)], 20, false),
            ("A b C", simple, vec![("a", 1.0), ("c", 2.0)], 100, true),
            (
                "Ǆemal dž ǅ",
                simple,
                vec![("ǆemal", 1.0), ("ǆ", 1.0)],
                100,
                true,
            ),
            (
                "Tom & <Jerry> \"q\" 'r'",
                lower,
                vec![("jerry", 1.0)],
                100,
                true,
            ),
            (
                &long,
                vietnamese_exact,
                vec![("cao", 0.1), ("tốc", 0.2)],
                220,
                true,
            ),
            (
                &long,
                vietnamese_exact,
                vec![("hà", 0.01), ("bắc", 0.3)],
                220,
                true,
            ),
            (
                &long,
                vietnamese_folded,
                vec![("cao", 0.1), ("toc", 0.2), ("bac", 0.05)],
                220,
                true,
            ),
            (
                &long,
                vietnamese_folded,
                vec![("thanh", 0.1), ("pho", 0.1)],
                40,
                true,
            ),
            (&long, vietnamese_folded, vec![("khong", 0.1)], 220, false),
        ];
        for (text, analyzer, terms, max, found) in cases {
            let expected = tantivy_html(&terms, analyzer(), max, text);
            assert_eq!(
                expected.is_some(),
                found,
                "tantivy on {text:?}, terms {terms:?}"
            );
            let mut ours = Highlighter::new(
                terms.iter().map(|(t, s)| (t.to_string(), *s)),
                analyzer(),
                max,
            );
            assert_eq!(
                ours.html(text),
                expected,
                "text {text:?}, terms {terms:?}, max {max}"
            );
            // The analyzer is reused: a second text gives the same answer as a first one.
            assert_eq!(ours.html(text), expected, "second run on {text:?}");
        }
    }

    #[test]
    fn tracuu_analyzers_emit_lower_case_tokens_only() {
        // The premise of `with_lower_case_tokens` in the snippets.
        let text = "ĐẢNG Uỷ ban Nhân dân TP.HCM 03-NQ/TU CBCCVC KH&CN İstanbul ǅemal ΣΟΦΊΑ Ⅻ";
        for analyzer in [vietnamese_exact, vietnamese_folded] {
            let mut analyzer = analyzer();
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                assert!(is_lower_case(&token.text), "{:?} of {text:?}", token.text);
            }
        }
    }

    #[test]
    fn lower_case_test() {
        for (text, expected) in [
            ("abc", true),
            ("hà nội", true),
            ("Hà", false),
            ("ǅ", false),
            ("ǆ", true),
            ("123 ,.", true),
            ("İ", false),
        ] {
            assert_eq!(is_lower_case(text), expected, "{text:?}");
        }
    }
}
