//! Search: query syntax, scored queries, filters, facets and snippets.

mod expand;
mod filters;
mod highlight;
mod histogram;
mod min_match;
mod query;
mod query_syntax;
mod request;
mod rescore;
mod response;
mod restore;
mod similar;
mod snippet;
mod suggest;
mod words;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use tantivy::collector::{Collector, Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, Order, ReloadPolicy, TantivyDocument, Term};

pub use filters::{facet_values, parse_date_bound};
pub use histogram::MonthCount;
pub use query::{Mode, QueryAnalyzers, Tier, FOLDED_WEIGHT};
pub use similar::{Similar, NEAR_DUPLICATE_OVERLAP};

pub use query_syntax::{parse_query, ParsedQuery, QUERY_FIELDS};
pub use request::{SearchRequest, SortOrder, MAX_LIMIT, MAX_OFFSET};
pub use response::{FacetCount, Facets, Hit, SearchResponse};
pub use restore::{Restoration, RESTORED_WEIGHT};

use crate::diacritics::DiacriticModel;
use crate::index::{article_from_document, facet_roots, names, open_index, Fields};
use crate::{Article, Error, Result};

/// Hits a long question's tiers look for, whatever the page asked for, so that every page
/// within the rescored hits comes from the same tier.
const LONG_QUESTION_DEPTH: usize = rescore::RESCORE_DEPTH;

/// A query ready to run, with what the later steps need from its building.
struct BuiltQuery {
    query: Box<dyn Query>,
    /// Terms to highlight in snippets.
    terms: snippet::SnippetTerms,
    /// Proximity bonuses for the second phase ([`rescore::rescore`]).
    bonuses: Vec<rescore::Bonus>,
}

/// A facet collector over every facet root.
fn facet_collector() -> FacetCollector {
    let mut collector = FacetCollector::for_field(names::FACETS);
    for root in facet_roots::ALL {
        collector.add_facet(tantivy::schema::Facet::from_path([root]));
    }
    collector
}

/// Searches one index. Cheap to share between threads; sees new commits within a second.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzers: Mutex<QueryAnalyzers>,
    /// The index folder, where its diacritics model lives.
    dir: Option<PathBuf>,
    /// Restores queries typed without diacritics: loaded on first use (see
    /// [`Searcher::diacritics`]); None disables restoration.
    diacritics: OnceLock<Option<Arc<DiacriticModel>>>,
}

impl Searcher {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<Searcher> {
        let mut searcher = Self::from_index(open_index(dir)?)?;
        searcher.dir = Some(dir.to_path_buf());
        Ok(searcher)
    }

    /// Restores queries with this model (None: no restoration, no suggestion) instead of the
    /// index's.
    pub fn with_diacritics(self, model: Option<Arc<DiacriticModel>>) -> Searcher {
        let diacritics = OnceLock::new();
        let _ = diacritics.set(model);
        Searcher { diacritics, ..self }
    }

    /// The diacritics model: the index's `diacritics.model` when it has one, else the
    /// general model built into the binary (loaded on first use; a model that cannot be read
    /// is reported on stderr and replaced by the general one).
    pub fn diacritics(&self) -> Option<&DiacriticModel> {
        self.diacritics
            .get_or_init(|| {
                let Some(dir) = &self.dir else {
                    return Some(crate::diacritics::general_model());
                };
                match crate::diacritics::model_for_index(dir) {
                    Ok(model) => Some(model),
                    Err(e) => {
                        eprintln!("warning: {e}; using the general diacritics model");
                        Some(crate::diacritics::general_model())
                    }
                }
            })
            .as_deref()
    }

    /// The query with its diacritics restored ("did you mean"), when typed without any and
    /// restoring changes it.
    pub fn suggestion(&self, query: &str) -> Option<String> {
        if query.trim().is_empty() || crate::text::has_diacritics(query) {
            return None;
        }
        self.diacritics()?.suggest(query)
    }

    /// Searches an opened index (its analyzers must be registered).
    pub fn from_index(index: Index) -> Result<Searcher> {
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            index,
            reader,
            fields,
            analyzers: Mutex::new(QueryAnalyzers::default()),
            dir: None,
            diacritics: OnceLock::new(),
        })
    }

    /// The index searched.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Picks up the latest commit now rather than within a second.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Identifies the content of the index searched now: its segments and their deletes.
    /// It changes whenever a commit that changed something is picked up, and only then (a
    /// reload that finds the same segments keeps it).
    pub fn generation(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (segment, deletes) in self.reader.searcher().generation().segments() {
            segment.uuid_string().hash(&mut hasher);
            deletes.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// Number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search: hits of the requested page, total, facet counts and snippets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        if request.limit > MAX_LIMIT {
            return Err(Error::BadParameter {
                name: "limit",
                message: format!("{} is above the maximum {MAX_LIMIT}", request.limit),
            });
        }
        if request.offset > MAX_OFFSET {
            return Err(Error::BadParameter {
                name: "offset",
                message: format!("{} is above the maximum {MAX_OFFSET}", request.offset),
            });
        }
        let searcher = self.reader.searcher();
        let parsed = if request.plain {
            ParsedQuery {
                words: request.query.clone(),
                ..Default::default()
            }
        } else {
            parse_query(&request.query)?
        };
        // Decoding runs once: a query of free words only is restored for the suggestion and
        // the ranking alike.
        let suggestion = self.suggestion(&request.query);
        // Mixed queries (a diacritic anywhere, even in an exclusion or a filter) keep what the
        // user typed.
        let restoration = if crate::text::has_diacritics(&request.query) {
            None
        } else if request
            .query
            .split_whitespace()
            .eq(parsed.words.split_whitespace())
        {
            suggestion.as_deref().and_then(|restored| {
                Restoration::from_restored(&mut self.lock_analyzers(), &parsed.words, restored)
            })
        } else {
            self.restoration(&parsed.words)
        };
        let parsed = &parsed;
        let restoration = restoration.as_ref();
        let by_date = request.sort == SortOrder::Date || parsed.has_no_text();
        // The histogram is collected in the same pass as the hits when asked for.
        let months = request.histogram.then_some(histogram::MonthHistogram);
        let ((scored, total, facet_counts, months), snippet_terms) = if by_date {
            let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
            let collector = (
                top.order_by_fast_field::<tantivy::DateTime>(names::PUBLISHED, Order::Desc),
                Count,
                facet_collector(),
                months,
            );
            let ((docs, total, facets, months), built) = self.run_tiers(
                &searcher,
                request,
                parsed,
                restoration,
                &collector,
                0,
                |f| f.1,
            )?;
            let docs: Vec<(f32, tantivy::DocAddress)> =
                docs.into_iter().map(|(_, a)| (0.0, a)).collect();
            ((docs, total, facets, months), built.terms)
        } else {
            // First phase: the best RESCORE_DEPTH by syllables; second: proximity bonuses on
            // those, re-ranked, then the requested page.
            let depth = (request.offset + request.limit).max(rescore::RESCORE_DEPTH);
            let top = TopDocs::with_limit(depth);
            let collector = (top.order_by_score(), Count, facet_collector(), months);
            let ((mut docs, total, facets, months), built) = self.run_tiers(
                &searcher,
                request,
                parsed,
                restoration,
                &collector,
                LONG_QUESTION_DEPTH,
                |f| f.1,
            )?;
            // Only the first RESCORE_DEPTH are rescored, whatever the page: deeper pages keep
            // the first phase's order below them (bonuses only add and the coverage factor is
            // at least 1, so none of those can rise above a rescored hit), and consecutive
            // pages neither skip nor repeat a hit.
            let rescored = docs.len().min(rescore::RESCORE_DEPTH);
            rescore::rescore(&searcher, &built.bonuses, &mut docs[..rescored])?;
            let page = docs
                .into_iter()
                .skip(request.offset)
                .take(request.limit.max(1))
                .collect();
            ((page, total, facets, months), built.terms)
        };

        let mut hits = Vec::with_capacity(scored.len());
        if request.limit > 0 {
            let mut snippets = snippet::Snippets::new(&searcher, &self.fields, &snippet_terms)?;
            for (score, address) in scored {
                let doc: TantivyDocument = searcher.doc(address)?;
                let article = article_from_document(&doc, &self.fields)?;
                let snippet = snippets.for_article(&article);
                hits.push(Hit::from_article(&article, score, snippet));
            }
        }
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: facets_of(&facet_counts),
            histogram: months.map(histogram::month_counts),
            suggestion,
        })
    }

    /// The restoration of free words typed without diacritics.
    fn restoration(&self, words: &str) -> Option<Restoration> {
        if words.trim().is_empty() || crate::text::has_diacritics(words) {
            return None;
        }
        // Decoded before the analyzers are locked: other searches need them meanwhile.
        let restored = self.diacritics()?.suggest(words)?;
        Restoration::from_restored(&mut self.lock_analyzers(), words, &restored)
    }

    /// Runs the query tier by tier ([`Tier::Strict`], [`Tier::AllButOne`], [`Tier::Relaxed`],
    /// then for long queries [`Tier::Broad`]) until one finds enough documents for the
    /// requested page, or for `long_question_depth` hits when the query is a long question
    /// (ranked by score, its first page is then the same whatever the page size); `total`
    /// reads the count from the collector's fruit. Returns the fruit and the strict tier's
    /// query parts (the terms to highlight and the proximity bonuses are the same in every
    /// tier).
    #[allow(clippy::too_many_arguments)]
    fn run_tiers<C: Collector>(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        parsed: &ParsedQuery,
        restoration: Option<&Restoration>,
        collector: &C,
        long_question_depth: usize,
        total: impl Fn(&C::Fruit) -> usize,
    ) -> Result<(C::Fruit, BuiltQuery)> {
        let mut wanted = request.offset + request.limit.max(1);
        let strict = self.build_query(searcher, request, parsed, restoration, Tier::Strict)?;
        let mut fruit = searcher.search(&*strict.query, collector)?;
        // Enough for any query: no need to know how far this one's tiers may go.
        if parsed.words.trim().is_empty() || total(&fruit) >= wanted.max(long_question_depth) {
            return Ok((fruit, strict));
        }
        let reach = query::reach(&mut self.lock_analyzers(), &parsed.words, restoration);
        if reach.full_depth {
            // Its looser tiers rank without a complete-match bonus: the first page of a long
            // question would depend on the page size if the tiers stopped at the page.
            wanted = wanted.max(long_question_depth);
        }
        // Each tier matches a superset of the one before and ranks its complete matches
        // first, so the first page only grows; the cheaper tiers answer most searches.
        for tier in [Tier::AllButOne, Tier::Relaxed, Tier::Broad] {
            let found = total(&fruit);
            if found >= wanted {
                break;
            }
            // Half a short query's words match too much; only long questions, or searches
            // that found nothing, go that far.
            if tier == Tier::Broad && found > 0 && !reach.broad {
                break;
            }
            let built = self.build_query(searcher, request, parsed, restoration, tier)?;
            fruit = searcher.search(&*built.query, collector)?;
        }
        Ok((fruit, strict))
    }

    /// The query analyzers (a poisoned lock still holds usable analyzers).
    pub(crate) fn lock_analyzers(&self) -> std::sync::MutexGuard<'_, QueryAnalyzers> {
        self.analyzers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn build_query(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        parsed: &ParsedQuery,
        restoration: Option<&Restoration>,
        tier: Tier,
    ) -> Result<BuiltQuery> {
        let mut analyzers = self.lock_analyzers();
        let mut builder = query::QueryBuilder {
            fields: &self.fields,
            analyzers: &mut analyzers,
            searcher,
            tier,
            bonuses: Vec::new(),
            restoration,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut snippet_text: Vec<&str> = Vec::new();
        if let Some(q) = builder.words(&parsed.words) {
            clauses.push((Occur::Must, q));
            snippet_text.push(&parsed.words);
        }
        for phrase in &parsed.phrases {
            if let Some(q) = builder.phrase(phrase) {
                clauses.push((Occur::Must, q));
                snippet_text.push(phrase);
            }
        }
        for exclude in &parsed.excludes {
            if let Some(q) = builder.phrase(exclude) {
                clauses.push((Occur::MustNot, q));
            }
        }
        let mut filter = |q: Box<dyn Query>| {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        };
        let mut province = request.province.clone();
        let mut province_2025 = request.province_2025.clone();
        let mut program = request.program.clone();
        let mut document = request.document.clone();
        let mut document_type = request.document_type.clone();
        let mut from = request.from.clone();
        let mut to = request.to.clone();
        for (name, value) in &parsed.fields {
            let v = Some(value.clone());
            match name.as_str() {
                "province" => province = v,
                "province_2025" => province_2025 = v,
                "program" => program = v,
                "document" | "code" => document = v,
                "document_type" => document_type = v,
                "from" => from = v,
                "to" => to = v,
                "year" => {
                    from = v.clone();
                    to = v;
                }
                "title" => {
                    if let Some(q) = builder.title_only(value) {
                        filter(q);
                    }
                }
                _ => {}
            }
        }
        let facet_filters = [
            (facet_roots::PROVINCE, province),
            (facet_roots::PROVINCE_2025, province_2025),
            (facet_roots::PROGRAM, program),
            (facet_roots::DOCUMENT_TYPE, document_type),
        ];
        for (root, value) in facet_filters {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                let resolved = filters::resolve_facet_value(searcher, &self.fields, root, &v)?;
                filter(filters::facet_filter(&self.fields, root, &resolved));
            }
        }
        if let Some(code) = document.filter(|v| !v.trim().is_empty()) {
            filter(filters::code_filter(&self.fields, &code)?);
        }
        if let Some(q) = filters::date_filter(&self.fields, from.as_deref(), to.as_deref())? {
            filter(q);
        }
        if parsed.has_no_text() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let bonuses = std::mem::take(&mut builder.bonuses);
        let terms = snippet::SnippetTerms::of(&snippet_text.join(" "), &mut analyzers);
        Ok(BuiltQuery {
            query: Box::new(BooleanQuery::new(clauses)),
            terms,
            bonuses,
        })
    }

    /// The stored article with this id.
    pub fn get(&self, id: &str) -> Result<Article> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let (_, address) = top
            .first()
            .ok_or_else(|| Error::UnknownId(id.to_string()))?;
        let doc: TantivyDocument = searcher.doc(*address)?;
        article_from_document(&doc, &self.fields)
    }

    /// The hit object of a stored article, with its body.
    pub fn get_hit(&self, id: &str) -> Result<Hit> {
        let article = self.get(id)?;
        let lead: String = article.body.chars().take(200).collect();
        let mut hit = Hit::from_article(&article, 0.0, snippet::escape_html(&lead));
        hit.body = Some(article.body);
        Ok(hit)
    }
}

fn facets_of(counts: &tantivy::collector::FacetCounts) -> Facets {
    let list = |root: &str| -> Vec<FacetCount> {
        let mut v: Vec<FacetCount> = counts
            .get(tantivy::schema::Facet::from_path([root]))
            .filter_map(|(facet, count)| {
                facet.to_path().get(1).map(|value| FacetCount {
                    value: value.to_string(),
                    label: (root == facet_roots::PROGRAM)
                        .then(|| crate::ingest::extract::program_label(value))
                        .flatten()
                        .map(str::to_string),
                    count,
                })
            })
            .collect();
        if root == facet_roots::YEAR {
            v.sort_by(|a, b| b.value.cmp(&a.value));
        } else {
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        }
        v
    };
    Facets {
        province: list(facet_roots::PROVINCE),
        province_2025: list(facet_roots::PROVINCE_2025),
        year: list(facet_roots::YEAR),
        program: list(facet_roots::PROGRAM),
        document_type: list(facet_roots::DOCUMENT_TYPE),
    }
}
