//! From the parsed query text to a scored tantivy query.
//!
//! Scoring, in words: every distinct query syllable is a clause of a [`MinMatchQuery`] over
//! title and body; a query written with diacritics matches the exact fields at full weight
//! and the folded fields at [`FOLDED_WEIGHT`] (and those only from the relaxed tiers on), so
//! "đào tạo" is never drowned by "dao … tảo"; a query without diacritics matches the folded
//! fields. How many clauses must match is the [`Tier`]'s. Function words of questions ("là",
//! "gì", "được", `query/function_words.rs`) are no clauses: they only add their score, and
//! a query with one is a question ([`is_long`]); nor is a question's preamble naming a law
//! ("Theo Bộ luật Dân sự 2015,", `query/preamble.rs`). Adjacent query syllables found adjacent in
//! the text add a phrase bonus, the whole query as a phrase a larger one, and a short query's
//! syllables in the lead of the body a lead bonus, a definition question ("X là gì?",
//! "Định nghĩa của X?", `query/definition.rs`) the definition "X là" in a body a definition
//! bonus, and a long query the longest run of its syllables found in a row a run bonus, scored
//! in a second phase on the best hits (`search/rescore.rs`), where a document whose title and
//! lead hold every syllable of a query shorter than that also has its score multiplied by a
//! coverage factor; document codes also match the `code` keyword field.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::expand;
mod definition;
mod function_words;
mod preamble;
use super::min_match::{Clause, MinMatchQuery};
use super::rescore::Bonus;
use super::restore::{Restoration, RESTORED_WEIGHT};
use crate::index::Fields;
use crate::text::{fold, has_diacritics, normalize};
use function_words::{capitalized_inside, is_folded_function_word, is_function_word};

/// Weight of a folded-only match when the user typed diacritics.
pub const FOLDED_WEIGHT: f32 = 0.15;
/// Weight of a title match relative to a body match (both with the syllable's one idf, see
/// [`shared_idf_factors`]). Low: a title's few words saturate BM25 at once, and a title is
/// also in the body's words more often than not.
pub const TITLE_WEIGHT: f32 = 0.25;
/// Bonus of two query syllables found next to each other.
pub const PAIR_WEIGHT: f32 = 0.6;
/// Bonus of the whole query found as a phrase.
pub const PHRASE_WEIGHT: f32 = 1.5;
/// Bonus of the longest run of three or more query syllables found in a row in a body, per
/// unit of the run's summed idf (`search/rescore.rs`, `Bonus::run`): questions written from
/// a text ("Người nào đang bị tạm giữ, tạm giam … mà bỏ trốn") share a stretch of it.
pub const RUN_WEIGHT: f32 = 2.0;
/// Queries of at least this many syllables get the run bonus: longer than a headline or a
/// known item's description, where runs of a few syllables were as often in other reports
/// of the same event (docs/QUALITY.md, "Session 5 ranking").
pub const MIN_RUN_QUERY_SYLLABLES: usize = 14;
/// Query syllables a run bonus looks at.
const MAX_RUN_SYLLABLES: usize = 32;
/// Bonus of a document code found in the `code` field.
pub const CODE_WEIGHT: f32 = 4.0;
/// Share of a query's distinct syllables a document must contain in the relaxed tier.
pub const RELAXED_MATCH_SHARE: f64 = 0.8;
/// Share of a query's distinct syllables a document must contain in the broad tier.
pub const BROAD_MATCH_SHARE: f64 = 0.5;
/// [`RELAXED_MATCH_SHARE`] of a long question.
pub const LONG_RELAXED_MATCH_SHARE: f64 = 0.7;
/// [`BROAD_MATCH_SHARE`] of a long question.
pub const LONG_BROAD_MATCH_SHARE: f64 = 0.3;
/// Queries with at least this many distinct syllables are long questions: they go on to the
/// broad tier whenever the relaxed one finds too few.
pub const LONG_QUERY_SYLLABLES: usize = 12;
/// A query with a function word ("là", "gì", "có", see `query/function_words.rs`) and at
/// least this many content syllables is a question, long whatever its length.
pub const QUESTION_CONTENT_SYLLABLES: usize = 5;
/// Bonus of the definition "X là" in a body for a question "X là gì?".
pub const DEFINITION_WEIGHT: f32 = 3.0;
/// Bonus of a short query's syllable found in the lead of the body (its first
/// [`LEAD_SYLLABLES`]): known items are found by what their story opens with.
pub const LEAD_WEIGHT: f32 = 0.8;
/// Length of the lead, in syllables.
pub const LEAD_SYLLABLES: u32 = 60;
/// Factor (1 + this) of the score of a document whose title and lead (the first
/// [`COVERAGE_SYLLABLES`] positions of the body) hold every syllable of a query shorter than
/// [`MIN_RUN_QUERY_SYLLABLES`] between them: a story is described by what its headline and
/// opening say, other reports of the same event often hold the words further down
/// (`search/rescore.rs`, `Bonus::coverage`; docs/QUALITY.md, "Session 6 ranking"). A query
/// typed without diacritics has two factors instead ([`FOLDED_COVERAGE_WEIGHT`]).
pub const COVERAGE_WEIGHT: f32 = 0.3;
/// Weight of each pair bonus of the restored forms of a short query typed without
/// diacritics (`QueryBuilder::restored_pairs`): a pair's, scaled as restored syllables are
/// ([`PAIR_WEIGHT`] × [`RESTORED_WEIGHT`]; docs/QUALITY.md, "Session 6 ranking").
pub const RESTORED_PAIR_WEIGHT: f32 = PAIR_WEIGHT * RESTORED_WEIGHT;
/// Each of the two coverage factors of a query typed without diacritics: by its folded
/// syllables, by their restored forms (`QueryBuilder::coverage`; docs/QUALITY.md, "Session 6
/// ranking").
pub const FOLDED_COVERAGE_WEIGHT: f32 = 0.15;
/// Positions of the title and the body that count for [`COVERAGE_WEIGHT`].
pub const COVERAGE_SYLLABLES: u32 = 80;
/// Score added to documents with every query syllable, in every tier (short queries only): in
/// the strict tier every match gets it, so that a complete match scores the same whichever tier
/// a search stops at (the coverage factor multiplies it too; pages of one search agree).
pub const COMPLETE_MATCH_BONUS: f32 = 100.0;
/// Weight of a match through an acronym reading (the expansion of an acronym typed, or the
/// acronym of an expansion typed): like folded forms, an alternative spelling that makes a
/// document match without outranking the words as typed.
pub const ACRONYM_WEIGHT: f32 = 0.3;
/// Weight of the syllables of a preamble naming a law ("Theo Bộ luật Dân sự 2015,",
/// `query/preamble.rs`): optional clauses, like function words, scaled down.
pub const PREAMBLE_WEIGHT: f32 = 1.0;
/// Adjacent pairs looked at: long questions get no proximity bonus past this.
const MAX_PAIRS: usize = 16;

/// BM25's idf (tantivy's formula) of a term in `doc_freq` of `docs` documents.
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let x = (docs.saturating_sub(doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// The idf factors of a syllable's title and body matches, from its document frequencies in
/// the title (`in_title`) and the body (`in_body`) of `docs` documents: both take the idf of
/// the field where the syllable is more common. Per-field idf would make a common syllable
/// ("của", "người") rare, hence weighty, among short titles; one idf per syllable is BM25F's.
pub fn shared_idf_factors(in_title: u64, in_body: u64, docs: u64) -> (f32, f32) {
    let shared = idf(in_title.max(in_body), docs);
    let factor = |df: u64| if df == 0 { 1.0 } else { shared / idf(df, docs) };
    (factor(in_title), factor(in_body))
}

/// The minimum number of matching clauses among `n` content syllables and the complete-match
/// bonus of a tier. Long questions ([`is_long`]) need lower shares and get no complete-match
/// bonus: their wording ("theo quy định", "bao nhiêu") makes a document that holds every
/// syllable no likelier to answer them.
pub fn tier_rule(tier: Tier, n: usize, long: bool) -> (usize, f32) {
    let complete = if long { 0.0 } else { COMPLETE_MATCH_BONUS };
    match tier {
        Tier::Strict => (n, complete),
        Tier::AllButOne => (n.saturating_sub(1).max(1), complete),
        Tier::Relaxed if long => (minimum_for_share(n, LONG_RELAXED_MATCH_SHARE), complete),
        Tier::Relaxed => (minimum_for_share(n, RELAXED_MATCH_SHARE), complete),
        Tier::Broad if long => (minimum_for_share(n, LONG_BROAD_MATCH_SHARE), complete),
        Tier::Broad => (minimum_for_share(n, BROAD_MATCH_SHARE), complete),
    }
}

/// The analyzers a query goes through: the same as at index time.
pub struct QueryAnalyzers {
    pub exact: TextAnalyzer,
    pub folded: TextAnalyzer,
}

impl Default for QueryAnalyzers {
    fn default() -> Self {
        QueryAnalyzers {
            exact: crate::text::exact_analyzer(),
            folded: crate::text::folded_analyzer(),
        }
    }
}

/// A token of the query with its position.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub text: String,
    pub position: usize,
}

/// Tokens of `text` through `analyzer`.
pub fn tokenize(analyzer: &mut TextAnalyzer, text: &str) -> Vec<QueryToken> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(QueryToken {
            text: t.text.clone(),
            position: t.position,
        });
    }
    out
}

/// Whether a query matches the exact fields (typed with diacritics) or the folded ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Folded,
}

impl Mode {
    /// Exact when the text carries any diacritic (mixed queries keep what the user typed).
    pub fn of(text: &str) -> Mode {
        if has_diacritics(text) {
            Mode::Exact
        } else {
            Mode::Folded
        }
    }
}

/// Per query syllable, the alternatives its acronym readings add, each group with an estimate
/// of the documents it matches.
type ExtraAlternatives = std::collections::HashMap<String, Vec<(Vec<Box<dyn Query>>, u64)>>;

/// Builds scored queries for the free words and the phrases of a search.
pub struct QueryBuilder<'a> {
    pub fields: &'a Fields,
    pub analyzers: &'a mut QueryAnalyzers,
    /// For document frequencies: the rarest syllables drive the matching.
    pub searcher: &'a tantivy::Searcher,
    /// How strictly documents must match.
    pub tier: Tier,
    /// Proximity bonuses of the free words, filled by [`QueryBuilder::words`]: scored in a
    /// second phase on the best hits only (see `search/rescore.rs`).
    pub bonuses: Vec<Bonus>,
    /// Restored forms of a query typed without diacritics (see `search/restore.rs`).
    pub restoration: Option<&'a Restoration>,
}

/// How strictly a search matches; [`crate::search::Searcher`] tries them in order until one
/// finds enough documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Every query syllable, in the form typed (accented or not).
    Strict,
    /// All syllables but one, in the form typed; complete matches rank first.
    AllButOne,
    /// A share ([`RELAXED_MATCH_SHARE`]) of the syllables, in the form typed or folded;
    /// complete matches still rank first, folded-only ones last.
    Relaxed,
    /// Half the syllables: for long questions, whose wording articles rarely share.
    Broad,
}

pub(crate) fn term_query(field: Field, text: &str, weight: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), weight))
}

fn phrase_query(field: Field, tokens: &[QueryToken], weight: f32) -> Box<dyn Query> {
    let first = tokens.first().map_or(0, |t| t.position);
    let terms = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    Box::new(BoostQuery::new(
        Box::new(PhraseQuery::new_with_offset(terms)),
        weight,
    ))
}

/// A proximity bonus for `tokens` (one per position) in `field`.
fn bonus(field: Field, tokens: &[QueryToken], weight: f32) -> Bonus {
    let texts: Vec<(usize, &str)> = tokens
        .iter()
        .map(|t| (t.position, t.text.as_str()))
        .collect();
    Bonus::new(field, &texts, weight)
}

/// The definition question ("X là gì?", "Định nghĩa của X?", `query/definition.rs`) of
/// tokens one per position, if they are one.
fn definition_of(single: &[QueryToken]) -> Option<definition::Definition> {
    let folded: Vec<String> = single.iter().map(|t| fold(&t.text)).collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    definition::find(&folded)
}

/// The phrase "X là" of a definition question's term X (tokens one per position), in the
/// fields of `mode`.
fn definition_phrase(
    single: &[QueryToken],
    term: std::ops::Range<usize>,
    mode: Mode,
) -> Vec<(usize, &str)> {
    let is = match mode {
        Mode::Exact => "là",
        Mode::Folded => "la",
    };
    let mut phrase: Vec<(usize, &str)> = single[term]
        .iter()
        .map(|t| (t.position, t.text.as_str()))
        .collect();
    if let Some(&(last, _)) = phrase.last() {
        phrase.push((last + 1, is));
    }
    phrase
}

/// Keeps one token per position (the first), so that a code token and its first part do not
/// both enter a phrase.
fn one_per_position(tokens: &[QueryToken]) -> Vec<QueryToken> {
    let mut out: Vec<QueryToken> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if out.last().is_none_or(|l| l.position != t.position) {
            out.push(t.clone());
        }
    }
    out
}

/// How many distinct query syllables a document must contain for a share: all of a short
/// query, a share of a longer one (users add words the article does not use).
pub fn minimum_for_share(syllables: usize, share: f64) -> usize {
    match syllables {
        0..=2 => syllables,
        n => ((n as f64 * share).ceil() as usize).clamp(1, n),
    }
}

fn is_code(token: &str) -> bool {
    token.contains('/')
}

/// Indices of the tokens that are parts of a document code: the analyzer emits a code as one
/// token followed by its parts ("2945/tb-tchq", "2945", "tb", "tchq"). A code is one clause:
/// as clauses of their own, its parts would count three or four times in a tier's share and
/// let documents with a few of them ("tb") match in the code's place.
fn code_parts(tokens: &[QueryToken]) -> std::collections::HashSet<usize> {
    let mut parts = std::collections::HashSet::new();
    for (i, code) in tokens.iter().enumerate().filter(|(_, t)| is_code(&t.text)) {
        let pieces: Vec<&str> = code
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        let end = code.position + pieces.len();
        for (j, t) in tokens.iter().enumerate().skip(i + 1) {
            if t.position >= end {
                break;
            }
            if pieces.contains(&t.text.as_str()) {
                parts.insert(j);
            }
        }
    }
    parts
}

/// Tokens of a query text through the analyzer of its mode.
fn mode_tokens(analyzers: &mut QueryAnalyzers, text: &str, mode: Mode) -> Vec<QueryToken> {
    let text = normalize(text);
    match mode {
        Mode::Exact => tokenize(&mut analyzers.exact, &text),
        Mode::Folded => tokenize(&mut analyzers.folded, &text),
    }
}

/// Distinct content tokens (not function words) and distinct function-word tokens of free
/// words: the tiers' shares apply to the first. A query that is no question ([`is_question`])
/// or of function words only counts them all as content.
pub fn content_tokens(
    analyzers: &mut QueryAnalyzers,
    words: &str,
    restoration: Option<&Restoration>,
) -> (usize, usize) {
    let mode = Mode::of(words);
    let (rest, _) = matched_words(analyzers, words, mode, restoration);
    count_tokens(analyzers, &rest, mode, restoration)
}

/// The free words a query matches and the preamble naming a law split off them
/// (`query/preamble.rs`): split only when the rest still is a long question ([`is_long`]) or
/// a definition question ("Theo Bộ luật Dân sự 2015, lợi tức được hiểu như thế nào?"), so a
/// headline such as "Luật đất đai 2013 sửa đổi" keeps its words.
fn matched_words(
    analyzers: &mut QueryAnalyzers,
    words: &str,
    mode: Mode,
    restoration: Option<&Restoration>,
) -> (String, String) {
    let (rest, preamble) = preamble::split(words);
    if !preamble.is_empty() {
        let tokens = mode_tokens(analyzers, &rest, mode);
        let (content, function) = count_analyzed(&tokens, &rest, mode, restoration);
        if is_long(content, function) || definition_of(&one_per_position(&tokens)).is_some() {
            return (rest, preamble);
        }
    }
    (words.to_string(), String::new())
}

/// [`content_tokens`] of words as they are.
fn count_tokens(
    analyzers: &mut QueryAnalyzers,
    words: &str,
    mode: Mode,
    restoration: Option<&Restoration>,
) -> (usize, usize) {
    let tokens = mode_tokens(analyzers, words, mode);
    count_analyzed(&tokens, words, mode, restoration)
}

/// [`count_tokens`] of the tokens `words` gave.
fn count_analyzed(
    tokens: &[QueryToken],
    words: &str,
    mode: Mode,
    restoration: Option<&Restoration>,
) -> (usize, usize) {
    let (distinct, giving_way) = giving_way(tokens, words, mode, restoration);
    (distinct - giving_way.len(), giving_way.len())
}

/// The number of distinct syllables of a query's tokens (code parts apart) and those of them
/// that give way to the others in a question: its function words and the frame of a
/// definition question ("định nghĩa", "được hiểu"; `query/definition.rs`) when those do
/// not also stand elsewhere in the query. None give way in a query that is no question
/// ([`is_question`]) or of function words only.
fn giving_way<'t>(
    tokens: &'t [QueryToken],
    words: &str,
    mode: Mode,
    restoration: Option<&Restoration>,
) -> (usize, std::collections::HashSet<&'t str>) {
    let parts = code_parts(tokens);
    let kept = || {
        tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| !parts.contains(i))
            .map(|(_, t)| t)
    };
    let distinct: std::collections::HashSet<&str> = kept().map(|t| t.text.as_str()).collect();
    let single = one_per_position(tokens);
    let definition = definition_of(&single);
    let mut frame: std::collections::HashSet<&str> = std::collections::HashSet::new();
    if let Some(d) = &definition {
        let positions: std::collections::HashSet<usize> =
            d.frame.iter().map(|&i| single[i].position).collect();
        frame = kept()
            .filter(|t| positions.contains(&t.position))
            .map(|t| t.text.as_str())
            .collect();
        for t in kept().filter(|t| !positions.contains(&t.position)) {
            frame.remove(t.text.as_str());
        }
    }
    let last = tokens.last().map_or("", |t| t.text.as_str());
    let named = names(words, mode);
    let giving_way: std::collections::HashSet<&str> = distinct
        .iter()
        .copied()
        .filter(|t| {
            frame.contains(t) || (!named.contains(*t) && is_function(t, mode, restoration, last))
        })
        .collect();
    let content = distinct.len() - giving_way.len();
    let question =
        is_question(words, content, giving_way.len()) || (definition.is_some() && content > 0);
    if content == 0 || !question {
        (distinct.len(), std::collections::HashSet::new())
    } else {
        (distinct.len(), giving_way)
    }
}

/// The syllables of `words` written Capitalized inside a sentence, as `mode`'s tokens: parts
/// of names, never function words ([`capitalized_inside`]).
fn names(words: &str, mode: Mode) -> std::collections::HashSet<String> {
    let named = capitalized_inside(&normalize(words));
    match mode {
        Mode::Exact => named,
        Mode::Folded => named.iter().map(|w| fold(w)).collect(),
    }
}

/// Function words give way only in questions: a long one ([`is_long`]) or one of two content
/// syllables or more that ends with "?". In a short query they are content: "Cần Thơ", "Thế
/// giới", "cho vay", "theo doi".
fn is_question(words: &str, content: usize, function: usize) -> bool {
    is_long(content, function) || (content >= 2 && words.trim_end().ends_with('?'))
}

/// Whether a query token of `mode` is a function word ([`function_words`]): as typed with
/// diacritics, as restored without.
/// `last` is the query's last token ("không" is a function word there only).
fn is_function(token: &str, mode: Mode, restoration: Option<&Restoration>, last: &str) -> bool {
    let last = token == last;
    match mode {
        Mode::Exact => is_function_word(token, last),
        Mode::Folded => {
            is_folded_function_word(token, restoration.map_or(&[], |r| r.forms(token)), last)
        }
    }
}

/// Whether a query of `content` distinct content syllables and `function` distinct function
/// words is a long question: [`LONG_QUERY_SYLLABLES`] in all, or a function word and
/// [`QUESTION_CONTENT_SYLLABLES`] others ("Từ chối nhận di sản cần được thực hiện khi nào?").
/// Headline-like queries ("Võ Kim Cự xin thôi ĐBQH khoá XIV") have no function word.
pub fn is_long(content: usize, function: usize) -> bool {
    content + function >= LONG_QUERY_SYLLABLES
        || (function > 0 && content >= QUESTION_CONTENT_SYLLABLES)
}

/// How far the tiers of a search of some free words go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// On to the broad tier when the relaxed one found some documents but not a page: long
    /// queries do ([`is_long`]).
    pub broad: bool,
    /// Until the rescored depth is filled, whatever the page: long queries with a function
    /// word (questions). A long headline without one (12 or more syllables) is not: its
    /// complete matches get no bonus, so a page that stops at the strict tier (complete
    /// matches only) can differ from a larger page where a partial match outranks them; filling
    /// the depth for those too cost 27–41 % more CPU (docs/QUALITY.md, "Session 5: the first
    /// page").
    pub full_depth: bool,
}

/// The [`Reach`] of a search of these free words.
pub fn reach(
    analyzers: &mut QueryAnalyzers,
    words: &str,
    restoration: Option<&Restoration>,
) -> Reach {
    let (content, function) = content_tokens(analyzers, words, restoration);
    let broad = is_long(content, function);
    Reach {
        broad,
        full_depth: broad && function > 0,
    }
}

impl QueryBuilder<'_> {
    fn tokens(&mut self, text: &str, mode: Mode) -> Vec<QueryToken> {
        mode_tokens(self.analyzers, text, mode)
    }

    fn fields_of(&self, mode: Mode) -> (Field, Field) {
        match mode {
            Mode::Exact => (self.fields.title, self.fields.body),
            Mode::Folded => (self.fields.title_folded, self.fields.body_folded),
        }
    }

    /// The coverage factors of a query's syllables ([`COVERAGE_WEIGHT`]). Typed without
    /// diacritics, a folded syllable covers every accented form ("tu": "tư", "từ", "tử" …):
    /// folded coverage earns [`FOLDED_COVERAGE_WEIGHT`], and coverage by the restored forms
    /// as well (the exact fields; a syllable left unrestored by its folded form) the same
    /// again, about the factor of a query typed with them. Restoration errs ("hop" as "hợp"
    /// for "họp"), so folded coverage alone still counts.
    fn coverage(&self, single: &[QueryToken], mode: Mode) -> Vec<Bonus> {
        let (title, body) = self.fields_of(mode);
        let mut seen = std::collections::HashSet::new();
        let kept: Vec<&QueryToken> = single
            .iter()
            .filter(|t| seen.insert(t.text.as_str()))
            .collect();
        let typed: Vec<Vec<Term>> = kept
            .iter()
            .map(|t| {
                vec![
                    Term::from_field_text(title, &t.text),
                    Term::from_field_text(body, &t.text),
                ]
            })
            .collect();
        let restoration = match (mode, self.restoration) {
            (Mode::Folded, Some(r)) => r,
            _ => {
                return Bonus::coverage(&typed, COVERAGE_SYLLABLES, COVERAGE_WEIGHT)
                    .into_iter()
                    .collect()
            }
        };
        let restored: Vec<Vec<Term>> = kept
            .iter()
            .zip(&typed)
            .map(|(t, folded)| {
                let forms = restoration.forms(&t.text);
                if forms.is_empty() {
                    return folded.clone();
                }
                forms
                    .iter()
                    .flat_map(|f| {
                        [
                            Term::from_field_text(self.fields.title, f),
                            Term::from_field_text(self.fields.body, f),
                        ]
                    })
                    .collect()
            })
            .collect();
        [typed, restored]
            .iter()
            .filter_map(|s| Bonus::coverage(s, COVERAGE_SYLLABLES, FOLDED_COVERAGE_WEIGHT))
            .collect()
    }

    /// Pair bonuses of the restored forms of a query typed without diacritics
    /// ([`RESTORED_PAIR_WEIGHT`], in the exact title and body): the folded pairs match every
    /// accented reading ("cho Hoa": "chợ Hòa", "chở hoa" …), these the restored one. A pair
    /// with a syllable left unrestored has none.
    fn restored_pairs(&self, single: &[QueryToken]) -> Vec<Bonus> {
        let Some(restoration) = self.restoration else {
            return Vec::new();
        };
        // A word restored to two forms in one query ("cong cong" → "công cộng") is left out:
        // the forms are kept by word, not by place, so a pair could get the wrong one.
        let restored: Vec<QueryToken> = single
            .iter()
            .map(|t| QueryToken {
                text: match restoration.forms(&t.text) {
                    [form] => form.clone(),
                    _ => String::new(),
                },
                position: t.position,
            })
            .collect();
        let mut bonuses = Vec::new();
        for pair in restored.windows(2).take(MAX_PAIRS) {
            if pair.iter().all(|t| !t.text.is_empty()) {
                bonuses.push(bonus(self.fields.title, pair, RESTORED_PAIR_WEIGHT));
                bonuses.push(bonus(self.fields.body, pair, RESTORED_PAIR_WEIGHT));
            }
        }
        bonuses
    }

    /// The scored query of the free words, or None when they hold no token.
    pub fn words(&mut self, words: &str) -> Option<Box<dyn Query>> {
        let mode = Mode::of(words);
        let (rest, preamble) = matched_words(self.analyzers, words, mode, self.restoration);
        let words = rest.as_str();
        let tokens = self.tokens(words, mode);
        if tokens.is_empty() {
            return None;
        }
        let (title, body) = self.fields_of(mode);
        let single = one_per_position(&tokens);
        let mut extras = self.acronym_alternatives(words, &single, mode);
        // (document frequency, clause) per distinct syllable.
        let mut syllables: Vec<(u64, Clause)> = Vec::new();
        // Alternatives of the function words: they score, but do not count in the shares.
        let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut function_words = 0;
        let mut seen = std::collections::HashSet::new();
        let parts = code_parts(&tokens);
        let restoration = self.restoration;
        let (_, giving_way) = giving_way(&tokens, words, mode, restoration);
        for (i, token) in tokens.iter().enumerate() {
            if parts.contains(&i) || !seen.insert(token.text.as_str()) {
                continue;
            }
            let t = token.text.as_str();
            if giving_way.contains(t) {
                let (in_title, in_body) = self.shared_idf(title, body, t);
                optional.push((Occur::Should, term_query(title, t, TITLE_WEIGHT * in_title)));
                optional.push((Occur::Should, term_query(body, t, in_body)));
                function_words += 1;
                continue;
            }
            let (in_title, in_body) = self.shared_idf(title, body, t);
            let mut alternatives: Vec<Box<dyn Query>> = vec![
                term_query(title, t, TITLE_WEIGHT * in_title),
                term_query(body, t, in_body),
            ];
            if is_code(t) {
                let code = crate::text::normalize_code(t).unwrap_or_else(|| t.to_string());
                alternatives.push(term_query(
                    self.fields.code,
                    &code.to_lowercase(),
                    CODE_WEIGHT,
                ));
            }
            // Acronyms and expansions the syllable is part of drive like the syllable itself.
            let mut df_extra = 0u64;
            if let Some(extra) = extras.remove(t) {
                for (queries, df) in extra {
                    alternatives.extend(queries);
                    df_extra = df_extra.saturating_add(df);
                }
            }
            // Candidates come from the forms the user typed; folded forms of an accented
            // query only add to documents found that way.
            let mut driving = alternatives.len();
            let mut subsumed = Vec::new();
            // Clauses are ordered by the candidates they drive: the folded form's where
            // folded forms drive too ("dơ" is rare, its folded "do" is in most documents).
            let mut driving_term = Term::from_field_text(body, t);
            if mode == Mode::Exact {
                // Every accented match is a folded match too.
                subsumed = vec![0, 1];
                let f = fold(t);
                let (in_title, in_body) =
                    self.shared_idf(self.fields.title_folded, self.fields.body_folded, &f);
                alternatives.push(term_query(
                    self.fields.title_folded,
                    &f,
                    TITLE_WEIGHT * FOLDED_WEIGHT * in_title,
                ));
                alternatives.push(term_query(
                    self.fields.body_folded,
                    &f,
                    FOLDED_WEIGHT * in_body,
                ));
                if matches!(self.tier, Tier::Relaxed | Tier::Broad) {
                    driving = alternatives.len();
                    driving_term = Term::from_field_text(self.fields.body_folded, &f);
                }
            } else if let Some(restoration) = self.restoration {
                // Restored forms only score: each of their matches is a folded match.
                let restored = restoration.alternatives(t, self.fields.title, self.fields.body);
                subsumed.extend(alternatives.len()..alternatives.len() + restored.len());
                alternatives.extend(restored);
            }
            let df = self
                .searcher
                .doc_freq(&driving_term)
                .unwrap_or(u64::MAX)
                .saturating_add(df_extra);
            syllables.push((
                df,
                Clause {
                    alternatives,
                    driving,
                    subsumed,
                },
            ));
        }
        // The preamble's syllables only score, scaled down.
        if PREAMBLE_WEIGHT > 0.0 {
            for token in self.tokens(&preamble, mode) {
                let t = token.text.as_str();
                if seen.contains(t) || is_code(t) {
                    continue;
                }
                let (in_title, in_body) = self.shared_idf(title, body, t);
                let weight = PREAMBLE_WEIGHT;
                optional.push((
                    Occur::Should,
                    term_query(title, t, weight * TITLE_WEIGHT * in_title),
                ));
                optional.push((Occur::Should, term_query(body, t, weight * in_body)));
            }
        }
        let mut bonuses: Vec<Bonus> = Vec::new();
        // Only the strict tier's bonuses are kept (see `Searcher::run_tiers`).
        let strict = self.tier == Tier::Strict;
        if strict && single.len() >= 2 {
            for pair in single.windows(2).take(MAX_PAIRS) {
                bonuses.push(bonus(title, pair, PAIR_WEIGHT));
                bonuses.push(bonus(body, pair, PAIR_WEIGHT));
            }
        }
        // Short queries: their syllables in the lead of the body (news put the story first).
        let long = is_long(syllables.len(), function_words);
        if strict && !long {
            let mut seen = std::collections::HashSet::new();
            for t in single.iter().take(MAX_PAIRS) {
                if seen.insert(t.text.as_str()) && !is_code(&t.text) {
                    let lead = bonus(body, std::slice::from_ref(t), LEAD_WEIGHT);
                    bonuses.push(lead.before(LEAD_SYLLABLES));
                }
            }
        }
        // Queries too short for the run bonus (headlines, descriptions; some are long
        // questions by the tiers' rule, "xà cừ bị khoét vỏ đường Láng"): every syllable in
        // the title or the lead.
        if strict && single.len() < MIN_RUN_QUERY_SYLLABLES {
            // A document code counts whole ("101/2017/nđ-cp"), not by its parts: a title
            // citing another decree of the same year holds "2017", "nđ" and "cp" too.
            let whole: Vec<QueryToken> = tokens
                .iter()
                .enumerate()
                .filter(|(i, _)| !parts.contains(i))
                .map(|(_, t)| t.clone())
                .collect();
            bonuses.extend(self.coverage(&whole, mode));
        }
        // Short queries typed without diacritics: their pairs in the restored forms too.
        if strict && !long && mode == Mode::Folded {
            bonuses.extend(self.restored_pairs(&single));
        }
        // "X là gì?": the definition "X là …" in a body.
        if strict {
            if let Some(d) = definition_of(&single) {
                let phrase = definition_phrase(&single, d.term, mode);
                bonuses.push(Bonus::new(body, &phrase, DEFINITION_WEIGHT).flat());
            }
        }
        // Long queries: the longest run of their syllables found in a row in a body.
        if strict && single.len() >= MIN_RUN_QUERY_SYLLABLES {
            let texts: Vec<(usize, &str)> = single
                .iter()
                .take(MAX_RUN_SYLLABLES)
                .map(|t| (t.position, t.text.as_str()))
                .collect();
            bonuses.push(Bonus::run(body, &texts, RUN_WEIGHT));
        }
        if strict && single.len() >= 3 && single.len() <= MAX_PAIRS {
            bonuses.push(bonus(title, &single, PHRASE_WEIGHT * TITLE_WEIGHT));
            bonuses.push(bonus(body, &single, PHRASE_WEIGHT));
        }
        if strict {
            bonuses.extend(super::words::bonuses(
                self.fields,
                self.searcher,
                words,
                mode,
                &single,
            ));
        }
        let n = syllables.len();
        syllables.sort_by_key(|(df, _)| *df);
        let clauses = syllables.into_iter().map(|(_, c)| c).collect();
        let (minimum, complete) = tier_rule(self.tier, n, long);
        let query = MinMatchQuery::new(clauses, minimum).with_complete_bonus(complete);
        self.bonuses = bonuses;
        if optional.is_empty() {
            return Some(Box::new(query));
        }
        optional.insert(0, (Occur::Must, Box::new(query)));
        Some(Box::new(BooleanQuery::new(optional)))
    }

    fn docs(&self) -> u64 {
        self.searcher
            .segment_readers()
            .iter()
            .map(|r| u64::from(r.max_doc()))
            .sum()
    }

    fn doc_freq(&self, field: Field, text: &str, docs: u64) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(0)
            .min(docs)
    }

    /// [`shared_idf_factors`] of a syllable in these fields.
    fn shared_idf(&self, title: Field, body: Field, text: &str) -> (f32, f32) {
        let docs = self.docs();
        let df = |field| self.doc_freq(field, text, docs);
        shared_idf_factors(df(title), df(body), docs)
    }

    /// Per query syllable, the alternatives its acronym readings add (see [`expand`]) with
    /// an estimate of the documents they match: the phrase of an acronym's expansion in the
    /// fields of the query's mode, or an expansion's acronym in the folded fields (acronyms
    /// are unambiguous without diacritics). A reading spanning k syllables weighs
    /// [`ACRONYM_WEIGHT`]/k in each.
    fn acronym_alternatives(
        &mut self,
        words: &str,
        single: &[QueryToken],
        mode: Mode,
    ) -> ExtraAlternatives {
        let mut out = ExtraAlternatives::new();
        let upper = expand::upper_case_positions(&mut self.analyzers.exact, &normalize(words));
        let readings = expand::find(single, &upper, self.searcher, self.fields.acronym);
        for reading in readings {
            let (reading_mode, title, body) = match reading.target {
                expand::Target::Expansion => {
                    let (title, body) = self.fields_of(mode);
                    (mode, title, body)
                }
                expand::Target::Acronym => (
                    Mode::Folded,
                    self.fields.title_folded,
                    self.fields.body_folded,
                ),
            };
            let tokens = one_per_position(&self.tokens(&reading.text, reading_mode));
            if tokens.is_empty() {
                continue;
            }
            let df = tokens
                .iter()
                .map(|t| {
                    self.searcher
                        .doc_freq(&Term::from_field_text(body, &t.text))
                        .unwrap_or(0)
                })
                .min()
                .unwrap_or(0);
            let weight = ACRONYM_WEIGHT / reading.run.len() as f32;
            let one = |field: Field, weight: f32| -> Box<dyn Query> {
                if tokens.len() == 1 {
                    term_query(field, &tokens[0].text, weight)
                } else {
                    phrase_query(field, &tokens, weight)
                }
            };
            for i in reading.run.clone() {
                out.entry(single[i].text.clone()).or_default().push((
                    vec![one(title, TITLE_WEIGHT * weight), one(body, weight)],
                    df,
                ));
            }
        }
        out
    }

    /// A query matching documents that contain `phrase` (in title or body), or None when it
    /// holds no token.
    pub fn phrase(&mut self, phrase: &str) -> Option<Box<dyn Query>> {
        let mode = Mode::of(phrase);
        let tokens = one_per_position(&self.tokens(phrase, mode));
        let (title, body) = self.fields_of(mode);
        let one = |field: Field, weight: f32| -> Box<dyn Query> {
            if tokens.len() == 1 {
                term_query(field, &tokens[0].text, weight)
            } else {
                phrase_query(field, &tokens, weight)
            }
        };
        match tokens.len() {
            0 => None,
            _ => Some(Box::new(BooleanQuery::new(vec![
                (Occur::Should, one(title, TITLE_WEIGHT)),
                (Occur::Should, one(body, 1.0)),
            ]))),
        }
    }

    /// Documents whose title or body contain `text` as a phrase, for restricting to the title.
    pub fn title_only(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let mode = Mode::of(text);
        let tokens = one_per_position(&self.tokens(text, mode));
        let (title, _) = self.fields_of(mode);
        match tokens.len() {
            0 => None,
            1 => Some(term_query(title, &tokens[0].text, TITLE_WEIGHT)),
            _ => Some(phrase_query(title, &tokens, TITLE_WEIGHT)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_one_clause_and_its_parts_are_not_counted() {
        let cases = [
            ("Thông báo 2945/TB-TCHQ giả mạo", 5),
            ("Nghị định 101/2017/NĐ-CP", 3),
            ("nghi quyet 03/NQ-TU tb", 4),
            ("đào tạo cán bộ", 4),
            ("2945 tb", 2),
        ];
        let mut analyzers = QueryAnalyzers::default();
        for (query, expected) in cases {
            let (content, function) = content_tokens(&mut analyzers, query, None);
            assert_eq!(content + function, expected, "{query}");
        }
    }

    #[test]
    fn title_and_body_share_the_idf_of_the_commoner_field() {
        // (in title, in body, docs) -> (title factor, body factor)
        let cases = [
            // A common syllable rare among titles loses its title idf.
            ((10, 900, 1000), (idf(900, 1000) / idf(10, 1000), 1.0)),
            // A syllable commoner in titles than bodies: the body takes the title's idf.
            ((50, 20, 1000), (1.0, idf(50, 1000) / idf(20, 1000))),
            ((30, 30, 1000), (1.0, 1.0)),
            // Absent from a field: that field's factor does not matter.
            ((0, 40, 1000), (1.0, 1.0)),
        ];
        for ((in_title, in_body, docs), (title, body)) in cases {
            let (t, b) = shared_idf_factors(in_title, in_body, docs);
            let input = (in_title, in_body, docs);
            assert!((t - title).abs() < 1e-6, "{input:?}: title {t} != {title}");
            assert!((b - body).abs() < 1e-6, "{input:?}: body {b} != {body}");
            assert!(t <= 1.0 && b <= 1.0, "{input:?}: never raised");
        }
    }

    #[test]
    fn long_questions_match_lower_shares_without_a_complete_bonus() {
        let b = COMPLETE_MATCH_BONUS;
        // (tier, content syllables, function words) -> (minimum, complete-match bonus)
        let cases = [
            ((Tier::Strict, 5, 0), (5, b)),
            ((Tier::AllButOne, 5, 0), (4, b)),
            ((Tier::Relaxed, 5, 0), (4, b)),
            ((Tier::Broad, 5, 0), (3, b)),
            ((Tier::Relaxed, 2, 0), (2, b)),
            ((Tier::Strict, 20, 0), (20, 0.0)),
            ((Tier::AllButOne, 20, 0), (19, 0.0)),
            ((Tier::Relaxed, 20, 0), (14, 0.0)),
            ((Tier::Broad, 20, 0), (6, 0.0)),
            ((Tier::Relaxed, LONG_QUERY_SYLLABLES - 1, 0), (9, b)),
            ((Tier::Relaxed, LONG_QUERY_SYLLABLES, 0), (9, 0.0)),
            // Shares count content syllables; a question is long from 5 of them.
            ((Tier::Relaxed, 10, 2), (7, 0.0)),
            ((Tier::Broad, 7, 3), (3, 0.0)),
            ((Tier::Relaxed, 5, 1), (4, 0.0)),
            ((Tier::Relaxed, 4, 1), (4, b)),
            ((Tier::Broad, 4, 2), (2, b)),
        ];
        for ((tier, n, function), expected) in cases {
            let long = is_long(n, function);
            assert_eq!(
                tier_rule(tier, n, long),
                expected,
                "{tier:?} of {n} content syllables and {function} function words"
            );
        }
    }

    #[test]
    fn function_words_are_not_content() {
        // query -> (distinct content syllables, distinct function words)
        let cases = [
            ("Trục xuất là gì?", (2, 2)),
            ("Từ chối nhận di sản cần được thực hiện khi nào?", (7, 4)),
            ("Võ Kim Cự xin thôi ĐBQH khoá XIV", (8, 0)),
            // Without restoration an unaccented query keeps its ambiguous syllables ("co":
            // có, cô, cỏ) …
            ("nguoi do co tien khong?", (5, 0)),
            // … but the frame of a definition question is one in any spelling.
            ("truc xuat la gi", (2, 2)),
            // Function words only: they are the content.
            ("là gì", (2, 0)),
            // "không" closes a question, but negates inside a statement.
            ("Người bị kết án có được hưởng án treo không?", (5, 4)),
            ("Viên chức không được tham gia", (5, 1)),
            // The frame of a definition question gives way too, and makes it a question.
            ("Định nghĩa của \"Người lao động\"?", (3, 3)),
            ("Chất hướng thần được định nghĩa là gì?", (3, 5)),
            ("Thuế là gì", (1, 2)),
            // The preamble of a definition question is split off, however short the rest.
            (
                "Theo Bộ luật Dân sự 2015, lợi tức được hiểu như thế nào?",
                (2, 5),
            ),
            // "nghĩa" of the frame is content where it also stands in the term.
            ("Nghĩa vụ quân sự là gì?", (4, 2)),
            ("Định nghĩa nghĩa vụ", (2, 1)),
            // A function syllable written Capitalized inside a sentence is part of a name:
            // no question then.
            ("Ngân hàng Thế giới báo cáo ATTP thịt lợn rau", (10, 0)),
            ("lap vinh Nha Trang Sao Hon Rua thu hoi", (9, 0)),
            ("giá vàng trong nước tách biệt thế giới hạ nhiệt", (8, 2)),
            ("Ai là người thừa kế theo pháp luật?", (5, 3)),
        ];
        let mut analyzers = QueryAnalyzers::default();
        for (query, expected) in cases {
            assert_eq!(
                content_tokens(&mut analyzers, query, None),
                expected,
                "{query}"
            );
        }
    }
}
