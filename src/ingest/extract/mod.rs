//! Metadata extraction: from a [`RawDoc`] to an [`Article`].
//!
//! STUB: replaced by the extraction work package.

use super::{RawContent, RawDoc};
use crate::text::normalize;
use crate::Article;

/// Extracts an article from a raw document. Never fails: missing metadata stays `None`.
pub fn extract(raw: &RawDoc) -> Article {
    match &raw.content {
        RawContent::Page { text, .. } => {
            let text = normalize(text);
            let title = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default()
                .trim()
                .to_string();
            Article {
                id: raw.id.clone(),
                title,
                body: text,
                ..Default::default()
            }
        }
        RawContent::Record(r) => Article {
            id: raw.id.clone(),
            title: r.title.clone().unwrap_or_default(),
            lead: r.lead.clone(),
            body: normalize(&r.body),
            source_url: r.url.clone(),
            author: r.author.clone(),
            source: r.source.clone(),
            ..Default::default()
        },
    }
}
