//! Diacritic restoration in search: a query typed without any diacritic is restored by the
//! searcher's model (`crate::diacritics`); the restored form is offered as a suggestion
//! ("did you mean") and its syllables' exact-field terms are added to the query's clauses
//! with [`RESTORED_WEIGHT`], so that articles with the restored words rank above other
//! folded matches. The folded terms still decide what matches: nothing that matched without
//! restoration stops matching. Mixed queries (some syllables accented) keep what the user
//! typed: no suggestion, no restoration.

use std::collections::HashMap;

use tantivy::query::Query;
use tantivy::schema::Field;

use super::query::{term_query, tokenize, QueryAnalyzers, TITLE_WEIGHT};
use crate::diacritics::DiacriticModel;
use crate::text::{fold, has_diacritics, normalize};

/// Weight of a restored syllable's exact match, added to its folded match.
pub const RESTORED_WEIGHT: f32 = 0.5;

/// The restored forms of a query's folded syllables.
#[derive(Debug, Clone, Default)]
pub struct Restoration {
    /// Folded token → exact tokens the restored query has at its positions.
    exact: HashMap<String, Vec<String>>,
}

impl Restoration {
    /// The restoration of free words typed without diacritics; None when they carry any,
    /// or when restoring changes nothing.
    pub fn of(
        model: &DiacriticModel,
        analyzers: &mut QueryAnalyzers,
        words: &str,
    ) -> Option<Restoration> {
        if has_diacritics(words) {
            return None;
        }
        let restored = model.suggest(words)?;
        Restoration::from_restored(analyzers, words, &restored)
    }

    /// The restoration of `words` (typed without diacritics) given their restored form, as
    /// [`DiacriticModel::suggest`] returns it: decoding is the costly part, done once per search
    /// for the suggestion and the ranking alike.
    pub fn from_restored(
        analyzers: &mut QueryAnalyzers,
        words: &str,
        restored: &str,
    ) -> Option<Restoration> {
        if has_diacritics(words) {
            return None;
        }
        let folded = tokenize(&mut analyzers.folded, &normalize(words));
        let exact = tokenize(&mut analyzers.exact, restored);
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for e in exact {
            if !has_diacritics(&e.text) {
                continue;
            }
            let f = fold(&e.text);
            let same_place = folded
                .iter()
                .any(|t| t.position == e.position && t.text == f);
            if same_place {
                let forms = map.entry(f).or_default();
                if !forms.contains(&e.text) {
                    forms.push(e.text);
                }
            }
        }
        (!map.is_empty()).then_some(Restoration { exact: map })
    }

    /// Scoring alternatives of a folded query token: its restored forms in the exact title
    /// and body.
    pub fn alternatives(&self, token: &str, title: Field, body: Field) -> Vec<Box<dyn Query>> {
        let Some(forms) = self.exact.get(token) else {
            return Vec::new();
        };
        forms
            .iter()
            .flat_map(|form| {
                [
                    term_query(title, form, TITLE_WEIGHT * RESTORED_WEIGHT),
                    term_query(body, form, RESTORED_WEIGHT),
                ]
            })
            .collect()
    }

    /// The restored forms of a folded token (empty when it has none).
    pub fn forms(&self, token: &str) -> &[String] {
        self.exact.get(token).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diacritics::{estimate, Counts};

    #[test]
    fn restores_unaccented_queries_only() {
        let mut counts = Counts::new();
        for _ in 0..3 {
            counts.add_text("Đào tạo cán bộ cơ sở. Cán bộ đào tạo.");
        }
        let model = estimate(&counts, 1);
        let mut analyzers = QueryAnalyzers::default();
        type Pairs = &'static [(&'static str, &'static str)];
        let cases: [(&str, Option<Pairs>); 5] = [
            (
                "dao tao can bo",
                Some(&[("dao", "đào"), ("tao", "tạo"), ("can", "cán"), ("bo", "bộ")]),
            ),
            ("Dao tao 2021", Some(&[("dao", "đào"), ("tao", "tạo")])),
            ("đào tao can bo", None),
            ("đào tạo", None),
            ("xyz", None),
        ];
        for (query, expected) in cases {
            let got = Restoration::of(&model, &mut analyzers, query);
            match (got, expected) {
                (None, None) => {}
                (Some(r), Some(pairs)) => {
                    for (folded, exact) in pairs {
                        assert_eq!(r.forms(folded), [exact.to_string()], "{query}: {folded}");
                    }
                }
                (got, _) => panic!("{query}: got {got:?}, expected {expected:?}"),
            }
        }
    }
}
