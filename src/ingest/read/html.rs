//! A saved HTML page to its main text and the metadata it declares ([`PageHints`]).
use scraper::{ElementRef, Html, Node, Selector};

use crate::ingest::PageHints;

/// Subtrees that are never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "head",
];

/// class/id words of page chrome that sits inside the content container on news sites.
const CHROME_WORDS: &[&str] = &[
    "related",
    "share",
    "social",
    "breadcrumb",
    "sidebar",
    "banner",
    "advert",
    "menu",
    "lienquan",
    "tin-khac",
    "tinkhac",
];

/// class/id words of a content container.
const CONTENT_WORDS: &[&str] = &[
    "content",
    "detail",
    "article",
    "post-body",
    "entry",
    "story",
    "noidung",
    "chitiet",
];

/// Elements that start a paragraph: separated by a blank line.
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "ul"
            | "ol"
    )
}

/// Other block elements: on their own line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "li"
            | "br"
            | "tr"
            | "figcaption"
            | "figure"
            | "section"
            | "article"
            | "main"
            | "dd"
            | "dt"
            | "dl"
            | "address"
            | "hr"
            | "caption"
            | "center"
            | "time"
    )
}

fn sel(s: &str) -> Selector {
    // The selectors are literals in this file; a parse failure is a programming error caught by
    // the tests, so fall back to one that matches nothing rather than panic on input.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("__never__").expect("valid selector"))
}

fn class_id(el: &ElementRef) -> String {
    let v = el.value();
    let mut s = v.attr("class").unwrap_or("").to_ascii_lowercase();
    s.push(' ');
    s.push_str(&v.attr("id").unwrap_or("").to_ascii_lowercase());
    s
}

fn is_dropped(el: &ElementRef) -> bool {
    let name = el.value().name();
    match name {
        // An article's own header holds its title and date, unlike the page's header.
        "header" => {
            return !el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "article")
        }
        // Classes on these (`<body class="has-sidebar">`) describe the page, not chrome.
        "html" | "body" | "main" | "article" => return false,
        _ => {}
    }
    if DROPPED.contains(&name) {
        return true;
    }
    let ci = class_id(el);
    CHROME_WORDS.iter().any(|w| ci.contains(w))
}

/// True when `el` or an ancestor is dropped.
fn in_dropped(el: &ElementRef) -> bool {
    is_dropped(el)
        || el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_dropped(&a))
}

/// Converts an HTML page to its main text (block elements on their own lines, paragraphs
/// separated by blank lines) and the hints in its head.
pub fn page(html: &str) -> (String, PageHints) {
    let doc = Html::parse_document(html);
    let hints = hints(&doc);
    let root = doc.root_element();
    let main = main_container(&doc).unwrap_or(root);

    let mut text = Text::default();
    // The title and date line often sit above the content container: keep them.
    if main != root {
        if let Some(h1) = doc
            .select(&sel("h1"))
            .find(|h| !is_inside(h, &main) && !in_dropped(h))
        {
            text.render(h1);
            text.paragraph();
            for near in [date_line(&h1, &main), lead(&h1, &main)]
                .into_iter()
                .flatten()
            {
                text.render(near);
                text.paragraph();
            }
        }
    }
    text.render(main);
    (text.finish(), hints)
}

fn is_inside(el: &ElementRef, container: &ElementRef) -> bool {
    el == container || el.ancestors().any(|a| a.id() == container.id())
}

/// A short date-like element near the title: searched in the title's parent, then
/// grandparent, so a date in a top bar elsewhere on the page is not taken.
fn date_line<'a>(h1: &ElementRef<'a>, main: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    let dates = "time, [class*=date], [class*=time], [id*=date], [itemprop=datePublished]";
    near_title(h1, main, dates, 1..100)
}

/// The lead (sapo) when the site puts it between the title and the content container.
fn lead<'a>(h1: &ElementRef<'a>, main: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    let leads = "[class*=sapo], [class*=lead], [class*=summary], [class*=description]";
    near_title(h1, main, leads, 1..2000)
}

/// The first element matching `selector` in the title's parent or grandparent that is
/// neither inside nor around the content container, with a text length in `len`.
fn near_title<'a>(
    h1: &ElementRef<'a>,
    main: &ElementRef<'a>,
    selector: &str,
    len: std::ops::Range<usize>,
) -> Option<ElementRef<'a>> {
    let selector = sel(selector);
    h1.ancestors()
        .filter_map(ElementRef::wrap)
        .take(2)
        .find_map(|scope| {
            scope.select(&selector).find(|e| {
                !is_inside(e, main)
                    && !main.ancestors().any(|a| a.id() == e.id())
                    && !in_dropped(e)
                    && len.contains(&text_len(e))
            })
        })
}

/// Text length of `<p>` and heading-free text under `el`, outside dropped parts and links:
/// how much article prose it holds.
fn prose_len(el: &ElementRef) -> usize {
    el.select(&sel("p"))
        .filter(|p| !in_dropped(p))
        .map(|p| {
            let all = text_len(&p);
            let links: usize = p.select(&sel("a")).map(|a| text_len(&a)).sum();
            all.saturating_sub(links)
        })
        .sum()
}

fn text_len(el: &ElementRef) -> usize {
    el.text().map(|t| t.trim().chars().count()).sum()
}

/// The element holding the article: a semantic or conventionally named container with the
/// most prose, preferring the tightest one that keeps 95% of it; else the element
/// with the most paragraph text.
fn main_container(doc: &Html) -> Option<ElementRef<'_>> {
    let mut candidates: Vec<(ElementRef, usize, usize)> = Vec::new();
    let explicit = sel("article, [itemprop=articleBody], main, [role=main]");
    let blocks = sel("div, section, td");
    let named = doc.select(&blocks).filter(|e| {
        let ci = class_id(e);
        CONTENT_WORDS.iter().any(|w| ci.contains(w))
    });
    for el in doc.select(&explicit).chain(named) {
        if in_dropped(&el) {
            continue;
        }
        let prose = prose_len(&el);
        if prose > 0 {
            candidates.push((el, prose, text_len(&el)));
        }
    }
    if let Some(best) = candidates.iter().map(|c| c.1).max() {
        return candidates
            .iter()
            .filter(|c| c.1 * 20 >= best * 19)
            .min_by_key(|c| c.2)
            .map(|c| c.0);
    }
    // No named container: the parent of the most paragraph text.
    let mut by_parent: Vec<(ElementRef, usize)> = Vec::new();
    for p in doc.select(&sel("p")).filter(|p| !in_dropped(p)) {
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let len = text_len(&p);
        match by_parent.iter_mut().find(|(e, _)| *e == parent) {
            Some((_, n)) => *n += len,
            None => by_parent.push((parent, len)),
        }
    }
    by_parent.into_iter().max_by_key(|c| c.1).map(|c| c.0)
}

/// Builds text with HTML whitespace collapsed and block boundaries as newlines.
#[derive(Default)]
struct Text {
    out: String,
}

impl Text {
    fn render(&mut self, el: ElementRef) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.push_text(t),
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_dropped(&child_el) {
                        continue;
                    }
                    let name = e.name();
                    if name == "br" {
                        self.line();
                    } else if is_paragraph(name) {
                        self.paragraph();
                        self.render(child_el);
                        self.paragraph();
                    } else if is_block(name) || name == "td" || name == "th" {
                        self.line();
                        self.render(child_el);
                        self.line();
                    } else if name == "img" {
                        continue;
                    } else {
                        self.render(child_el);
                    }
                }
                _ => {}
            }
        }
    }

    fn push_text(&mut self, t: &str) {
        for (i, word) in t.split(|c: char| c.is_whitespace()).enumerate() {
            if i > 0 && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                self.out.push(' ');
            }
            self.out.push_str(word);
        }
    }

    fn line(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn paragraph(&mut self) {
        self.line();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Trims lines and keeps at most one blank line between paragraphs.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.out.len());
        let mut blank = false;
        for line in self.out.lines().map(str::trim) {
            if line.is_empty() {
                blank = !out.is_empty();
                continue;
            }
            if blank {
                out.push('\n');
                blank = false;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

fn meta(doc: &Html, selector: &str) -> Option<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr("content").or(e.value().attr("href")))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|s| !s.is_empty())
}

fn hints(doc: &Html) -> PageHints {
    let ld = json_ld(doc);
    let ld_str = |key: &str| -> Option<String> {
        ld.iter().find_map(|v| match v.get(key)? {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_json::Value::Object(o) => o.get("name")?.as_str().map(|s| s.trim().to_string()),
            serde_json::Value::Array(a) => a
                .first()?
                .get("name")?
                .as_str()
                .map(|s| s.trim().to_string()),
            _ => None,
        })
    };
    let title = meta(doc, "meta[property='og:title'], meta[name='og:title']")
        .or_else(|| {
            doc.select(&sel("title"))
                .map(|t| t.text().collect::<Vec<_>>().join(" "))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .find(|s| !s.is_empty())
        })
        .or_else(|| ld_str("headline"));
    let published = meta(
        doc,
        "meta[property='article:published_time'], meta[name=pubdate], meta[name='article:published_time'], \
         meta[itemprop=datePublished], meta[name=date], meta[property='og:published_time']",
    )
    .or_else(|| ld_str("datePublished"))
    .or_else(|| {
        doc.select(&sel("[itemprop=datePublished]"))
            .find_map(|e| e.value().attr("datetime").or(e.value().attr("content")))
            .map(str::to_string)
    });
    PageHints {
        title,
        published,
        author: meta(doc, "meta[name=author], meta[property='article:author']")
            .or_else(|| ld_str("author")),
        url: meta(doc, "meta[property='og:url']").or_else(|| meta(doc, "link[rel=canonical]")),
        site_name: meta(doc, "meta[property='og:site_name']"),
    }
}

/// JSON-LD objects of the page, `@graph` members flattened; unparsable blocks are ignored
/// (hints are optional).
fn json_ld(doc: &Html) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for s in doc.select(&sel("script[type='application/ld+json']")) {
        let text: String = s.text().collect();
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(a) => stack.extend(a),
                serde_json::Value::Object(mut o) => {
                    if let Some(g) = o.remove("@graph") {
                        stack.push(g);
                    }
                    out.push(serde_json::Value::Object(o));
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_main_text_drops_chrome() {
        let html = r#"<html><head><title>Tiêu đề | Báo</title>
<meta property="article:published_time" content="2024-05-01T08:00:00+07:00">
<meta name="author" content="Minh Anh"><link rel="canonical" href="https://x.vn/a.html">
<script>var x = 1;</script><style>p{}</style></head>
<body><header><nav><a href="/">Trang chủ</a> <a href="/xh">Xã hội</a></nav></header>
<h1>Tiêu đề bài viết</h1><div class="date">01/05/2024 08:00</div>
<div class="detail-content"><p>Đoạn một <b>đậm</b>
 tiếp.</p><p>Đoạn hai.<br>Dòng mới.</p>
<figure><img src="a.jpg"><figcaption>Ảnh: chú thích</figcaption></figure>
<ul class="related-news"><li><a href="/b">Tin liên quan dài dài dài</a></li></ul></div>
<aside><p>Quảng cáo rất dài rất dài rất dài rất dài rất dài rất dài</p></aside>
<footer><p>Bản quyền thuộc về báo điện tử rất dài rất dài rất dài rất dài</p></footer></body></html>"#;
        let (text, hints) = page(html);
        assert_eq!(
            text,
            "Tiêu đề bài viết\n\n01/05/2024 08:00\n\nĐoạn một đậm tiếp.\n\nĐoạn hai.\nDòng mới.\n\nẢnh: chú thích\n"
        );
        assert_eq!(hints.title.as_deref(), Some("Tiêu đề | Báo"));
        assert_eq!(
            hints.published.as_deref(),
            Some("2024-05-01T08:00:00+07:00")
        );
        assert_eq!(hints.author.as_deref(), Some("Minh Anh"));
        assert_eq!(hints.url.as_deref(), Some("https://x.vn/a.html"));
    }

    #[test]
    fn article_header_kept_body_class_ignored() {
        let html = r#"<html><body class="has-sidebar"><header><a>Logo</a></header>
<div class="top-time">Thứ hai 22/11</div>
<article><header><h1>Tựa</h1><time>1/2/2024</time></header><p>Thân bài.</p></article>
<aside><article><p>Bài khác dài hơn nhiều nhiều nhiều nhiều nhiều nhiều.</p></article></aside>
</body></html>"#;
        assert_eq!(page(html).0, "Tựa\n\n1/2/2024\n\nThân bài.\n");
    }

    #[test]
    fn lead_outside_the_content_container() {
        let html = r#"<html><body><div class="box"><h1>Tựa</h1>
<p class="date">1/2/2024</p><h2 class="sapo">Đoạn dẫn.</h2>
<div class="content"><p>Thân bài dài. Thân bài dài.</p><p>Đoạn cuối.</p></div></div>
</body></html>"#;
        assert_eq!(
            page(html).0,
            "Tựa\n\n1/2/2024\n\nĐoạn dẫn.\n\nThân bài dài. Thân bài dài.\n\nĐoạn cuối.\n"
        );
    }

    #[test]
    fn json_ld_and_no_container() {
        let html = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H",
"datePublished":"2023-01-02","author":{"@type":"Person","name":"Lan"}}]}</script></head>
<body><div><p>Một.</p><p>Hai.</p></div><div><p>x</p></div></body></html>"#;
        let (text, hints) = page(html);
        assert_eq!(text, "Một.\n\nHai.\n");
        assert_eq!(hints.title.as_deref(), Some("H"));
        assert_eq!(hints.published.as_deref(), Some("2023-01-02"));
        assert_eq!(hints.author.as_deref(), Some("Lan"));
    }
}
