//! The tantivy schema: one [`Fields`] struct holds every field handle.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::text::{VI_EXACT, VI_FOLDED, VI_WORDS, VI_WORDS_FOLDED};

/// Field names, kept in constants so that queries and the schema agree.
pub mod names {
    pub const ID: &str = "id";
    pub const TITLE: &str = "title";
    pub const TITLE_FOLDED: &str = "title_folded";
    pub const BODY: &str = "body";
    pub const BODY_FOLDED: &str = "body_folded";
    pub const PUBLISHED: &str = "published";
    pub const FACETS: &str = "facets";
    pub const CODE: &str = "code";
    pub const ACRONYM: &str = "acronym";
    pub const ARTICLE: &str = "article";
    pub const TITLE_WORDS: &str = "title_words";
    pub const BODY_WORDS: &str = "body_words";
    pub const TITLE_WORDS_FOLDED: &str = "title_words_folded";
    pub const BODY_WORDS_FOLDED: &str = "body_words_folded";
}

/// Facet roots under the single facet field (`/province/Kon Tum`, `/year/2021`, …).
pub mod facet_roots {
    pub const PROVINCE: &str = "province";
    pub const PROVINCE_2025: &str = "province_2025";
    pub const YEAR: &str = "year";
    pub const PROGRAM: &str = "program";
    pub const DOCUMENT_TYPE: &str = "document_type";
    /// Every root, in the order responses list them.
    pub const ALL: [&str; 5] = [PROVINCE, PROVINCE_2025, YEAR, PROGRAM, DOCUMENT_TYPE];
}

/// Handles of every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable document id (raw, stored): the key for updates, deletes and `get`.
    pub id: tantivy::schema::Field,
    /// Title with diacritics (analyzer `vi_exact`), positions indexed.
    pub title: tantivy::schema::Field,
    /// Title folded (analyzer `vi_folded`), same positions as `title`.
    pub title_folded: tantivy::schema::Field,
    /// Lead, body and captions with diacritics.
    pub body: tantivy::schema::Field,
    /// Lead, body and captions folded.
    pub body_folded: tantivy::schema::Field,
    /// Publication date-time: range filters and date sort.
    pub published: tantivy::schema::Field,
    /// Facets: province, province_2025, year, program, document_type.
    pub facets: tantivy::schema::Field,
    /// Normalized document codes, lower-cased (`03-nq/tu`), one term each.
    pub code: tantivy::schema::Field,
    /// The whole [`crate::Article`] as JSON: what `get` and hits display.
    pub article: tantivy::schema::Field,
    /// Acronym definitions of the article, two raw terms each (see
    /// [`crate::text::acronyms::definition_terms`]); None in indexes built before it existed.
    pub acronym: Option<tantivy::schema::Field>,
    /// Words of two or more syllables of title and body (see [`WordFields`]); None in
    /// indexes built without them ([`SchemaOptions::words`]).
    pub words: Option<WordFields>,
}

/// Fields of the words of two or more syllables (`cán_bộ`, analyzer `vi_words`, and folded
/// `can_bo`, `vi_words_folded`), at the positions of their first syllables in the syllable
/// fields. Separate from the syllable fields so that those keep their terms' statistics and
/// their length norms.
#[derive(Debug, Clone, Copy)]
pub struct WordFields {
    pub title: tantivy::schema::Field,
    pub body: tantivy::schema::Field,
    pub title_folded: tantivy::schema::Field,
    pub body_folded: tantivy::schema::Field,
}

/// Choices made when an index is created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemaOptions {
    /// Index the words of two or more syllables ([`WordFields`]): segments every text at
    /// ingest.
    pub words: bool,
}

impl Fields {
    /// Looks the fields up in a schema built by [`build_schema`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            id: schema.get_field(names::ID)?,
            title: schema.get_field(names::TITLE)?,
            title_folded: schema.get_field(names::TITLE_FOLDED)?,
            body: schema.get_field(names::BODY)?,
            body_folded: schema.get_field(names::BODY_FOLDED)?,
            published: schema.get_field(names::PUBLISHED)?,
            facets: schema.get_field(names::FACETS)?,
            code: schema.get_field(names::CODE)?,
            article: schema.get_field(names::ARTICLE)?,
            acronym: schema.get_field(names::ACRONYM).ok(),
            words: WordFields::from_schema(schema),
        })
    }
}

impl WordFields {
    fn from_schema(schema: &Schema) -> Option<WordFields> {
        Some(WordFields {
            title: schema.get_field(names::TITLE_WORDS).ok()?,
            body: schema.get_field(names::BODY_WORDS).ok()?,
            title_folded: schema.get_field(names::TITLE_WORDS_FOLDED).ok()?,
            body_folded: schema.get_field(names::BODY_WORDS_FOLDED).ok()?,
        })
    }
}

fn text_field(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Builds the schema. Text fields use the analyzers of [`crate::text`], which must be
/// registered on the index (see [`crate::index::open_index`]).
pub fn build_schema() -> (Schema, Fields) {
    build_schema_with(SchemaOptions::default())
}

/// Builds the schema with the given options.
pub fn build_schema_with(options: SchemaOptions) -> (Schema, Fields) {
    let mut b = Schema::builder();
    b.add_text_field(names::ID, STRING | STORED);
    // Each word field follows its exact syllable field, whose tokens it reuses (tantivy
    // indexes a document's fields in schema order), and comes before the folded fields, which
    // take those tokens over; the folded word field reuses the exact word field's words.
    b.add_text_field(names::TITLE, text_field(VI_EXACT));
    if options.words {
        b.add_text_field(names::TITLE_WORDS, text_field(VI_WORDS));
    }
    b.add_text_field(names::TITLE_FOLDED, text_field(VI_FOLDED));
    if options.words {
        b.add_text_field(names::TITLE_WORDS_FOLDED, text_field(VI_WORDS_FOLDED));
    }
    b.add_text_field(names::BODY, text_field(VI_EXACT));
    if options.words {
        b.add_text_field(names::BODY_WORDS, text_field(VI_WORDS));
    }
    b.add_text_field(names::BODY_FOLDED, text_field(VI_FOLDED));
    if options.words {
        b.add_text_field(names::BODY_WORDS_FOLDED, text_field(VI_WORDS_FOLDED));
    }
    b.add_date_field(
        names::PUBLISHED,
        DateOptions::from(INDEXED | FAST).set_precision(DateTimePrecision::Seconds),
    );
    b.add_facet_field(names::FACETS, FacetOptions::default());
    b.add_text_field(names::CODE, STRING);
    b.add_text_field(names::ARTICLE, STORED);
    b.add_text_field(names::ACRONYM, STRING);
    let schema = b.build();
    let fields = Fields::from_schema(&schema).expect("fields were just added");
    (schema, fields)
}
