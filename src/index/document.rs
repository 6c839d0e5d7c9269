//! Conversion between [`Article`] and tantivy documents.

use std::collections::BTreeSet;

use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, TantivyDocument};

use super::schema::{facet_roots, Fields};
use crate::{Article, Error, Result};

/// The values of the body fields: the lead, the body, then the captions.
fn body_texts(article: &Article) -> impl Iterator<Item = &String> {
    article
        .lead
        .iter()
        .chain(std::iter::once(&article.body))
        .chain(article.captions.iter())
}

/// Builds the tantivy document of an article: analyzed text, facets, codes and the stored JSON.
pub fn to_document(article: &Article, fields: &Fields) -> Result<TantivyDocument> {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.title_folded, &article.title);
    for text in body_texts(article) {
        doc.add_text(fields.body, text);
        doc.add_text(fields.body_folded, text);
    }
    if let Some(published) = article.published {
        doc.add_date(
            fields.published,
            DateTime::from_timestamp_secs(published.unix_timestamp()),
        );
        add_facet(
            &mut doc,
            fields,
            facet_roots::YEAR,
            &published.year().to_string(),
        );
    }
    if let Some(p) = &article.province {
        add_facet(&mut doc, fields, facet_roots::PROVINCE, p);
    }
    if let Some(p) = &article.province_2025 {
        add_facet(&mut doc, fields, facet_roots::PROVINCE_2025, p);
    }
    // Programme ids ("llct/trung-cap") are one facet value each, so that facet counts list
    // every programme and a filter matches its id exactly.
    for program in &article.programs {
        add_facet(&mut doc, fields, facet_roots::PROGRAM, program);
    }
    let types: BTreeSet<&str> = article
        .documents
        .iter()
        .map(|d| d.doc_type.as_str())
        .collect();
    for t in types {
        add_facet(&mut doc, fields, facet_roots::DOCUMENT_TYPE, t);
    }
    for code in article.documents.iter().filter_map(|d| d.code.as_deref()) {
        doc.add_text(fields.code, code_term(code));
    }
    if let Some(field) = fields.acronym {
        let terms = article
            .acronyms
            .iter()
            .filter_map(|d| crate::text::acronyms::definition_terms(&d.acronym, &d.expansion));
        for term in terms.flatten() {
            doc.add_text(field, term);
        }
    }
    if let Some(words) = fields.words {
        doc.add_text(words.title, &article.title);
        doc.add_text(words.title_folded, &article.title);
        for text in body_texts(article) {
            doc.add_text(words.body, text);
            doc.add_text(words.body_folded, text);
        }
    }
    doc.add_text(fields.article, serde_json::to_string(article)?);
    Ok(doc)
}

/// The term under which a normalized code is indexed in the `code` field.
pub(crate) fn code_term(code: &str) -> String {
    code.to_lowercase()
}

fn add_facet(doc: &mut TantivyDocument, fields: &Fields, root: &str, value: &str) {
    // Facet::from_path escapes '/' inside a value instead of panicking like Facet::from.
    doc.add_facet(fields.facets, Facet::from_path([root, value]));
}

/// Reads the stored article back from a document fetched from the index.
pub fn article_from_document(doc: &TantivyDocument, fields: &Fields) -> Result<Article> {
    let json = doc
        .get_first(fields.article)
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::BadInput {
            path: "index".into(),
            message: "document without stored article".into(),
        })?;
    Ok(serde_json::from_str(json)?)
}
