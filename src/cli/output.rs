//! Human-readable output of the commands.

use std::io::{IsTerminal, Write};

use crate::index::IngestSummary;
use crate::search::{FacetCount, Hit, SearchResponse};

/// One line that says what an ingest did.
pub fn summary_line(s: &IngestSummary) -> String {
    format!(
        "{} files read, {} failed; {} docs indexed, {} updated, {} skipped; {} warnings; {:.1} MB in {:.2} s",
        s.files_read,
        s.files_failed.len(),
        s.docs_indexed,
        s.docs_updated,
        s.docs_skipped,
        s.warnings.len(),
        s.bytes_read as f64 / 1e6,
        s.elapsed.as_secs_f64()
    )
}

/// Turns a snippet's HTML into terminal text: bold (or `[…]` when not a terminal).
fn snippet_text(html: &str, terminal: bool) -> String {
    let (open, close) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    html.replace("<b>", open)
        .replace("</b>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace('\n', " ")
}

fn date_of(hit: &Hit) -> &str {
    hit.published
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d))
        .unwrap_or("----------")
}

/// Numbered hits with date, province, title and snippet, then facet counts.
pub fn print_response(out: &mut impl Write, r: &SearchResponse) -> std::io::Result<()> {
    let terminal = std::io::stdout().is_terminal();
    writeln!(
        out,
        "{} results for {:?} ({:.1} ms)",
        r.total, r.query, r.took_ms
    )?;
    if let Some(suggestion) = &r.suggestion {
        writeln!(out, "Có phải bạn muốn tìm: {suggestion}")?;
    }
    for (i, hit) in r.hits.iter().enumerate() {
        writeln!(out)?;
        let province = match (&hit.province, &hit.province_2025) {
            (Some(p), Some(n)) if p != n => format!("{p} → {n}"),
            (Some(p), _) => p.clone(),
            _ => "-".into(),
        };
        writeln!(
            out,
            "{:>3}. {}  {}  {}",
            i + 1,
            date_of(hit),
            province,
            hit.title
        )?;
        writeln!(out, "     {}", snippet_text(&hit.snippet, terminal))?;
        writeln!(out, "     id: {}  score: {:.2}", hit.id, hit.score)?;
    }
    let f = &r.facets;
    let groups: [(&str, &Vec<FacetCount>); 5] = [
        ("province", &f.province),
        ("province_2025", &f.province_2025),
        ("year", &f.year),
        ("program", &f.program),
        ("document_type", &f.document_type),
    ];
    writeln!(out)?;
    for (name, counts) in groups {
        if counts.is_empty() {
            continue;
        }
        let list: Vec<String> = counts
            .iter()
            .take(12)
            .map(|c| format!("{} ({})", c.label.as_deref().unwrap_or(&c.value), c.count))
            .collect();
        writeln!(out, "{name}: {}", list.join(", "))?;
    }
    Ok(())
}

/// One article in full.
pub fn print_document(out: &mut impl Write, hit: &Hit) -> std::io::Result<()> {
    writeln!(out, "{}", hit.title)?;
    writeln!(out, "id: {}", hit.id)?;
    let fields = [
        ("published", hit.published.clone()),
        ("author", hit.author.clone()),
        ("source", hit.source.clone()),
        ("source_url", hit.source_url.clone()),
        ("province", hit.province.clone()),
        ("province_2025", hit.province_2025.clone()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            writeln!(out, "{name}: {v}")?;
        }
    }
    if !hit.programs.is_empty() {
        writeln!(out, "programs: {}", hit.programs.join(", "))?;
    }
    for d in &hit.documents {
        writeln!(
            out,
            "document: {} {} {}",
            d.doc_type,
            d.code.as_deref().or(d.number.as_deref()).unwrap_or(""),
            d.issuer.as_deref().unwrap_or("")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", hit.body.as_deref().unwrap_or(""))?;
    Ok(())
}

/// The tokens of a text in each analyzed field.
pub fn print_analysis(out: &mut impl Write, text: &str, json: bool) -> anyhow::Result<()> {
    let normalized = crate::text::normalize(text);
    let mut exact = crate::text::exact_analyzer();
    let mut folded = crate::text::folded_analyzer();
    let fields = [
        (
            "exact",
            crate::text::analyze_to_vec(&mut exact, &normalized),
        ),
        (
            "folded",
            crate::text::analyze_to_vec(&mut folded, &normalized),
        ),
    ];
    if json {
        let value = serde_json::json!({
            "normalized": normalized,
            "exact": fields[0].1.iter().map(|(t, p)| serde_json::json!({"token": t, "position": p})).collect::<Vec<_>>(),
            "folded": fields[1].1.iter().map(|(t, p)| serde_json::json!({"token": t, "position": p})).collect::<Vec<_>>(),
        });
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "normalized: {normalized}")?;
    for (name, tokens) in fields {
        let list: Vec<String> = tokens.iter().map(|(t, p)| format!("{p}:{t}")).collect();
        writeln!(out, "{name}: {}", list.join(" "))?;
    }
    Ok(())
}
