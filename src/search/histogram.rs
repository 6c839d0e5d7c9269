//! Date histogram of a search: how many matching articles per month.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use time::UtcOffset;

use super::{parse_query, ParsedQuery, SearchRequest, Searcher};
use crate::index::names;
use crate::Result;

/// Vietnam's offset: months are Vietnamese calendar months.
const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// Matching articles published in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub count: u64,
}

impl Searcher {
    /// Counts the articles matching `request` (query and filters; paging ignored) by month
    /// of publication, oldest month first. Undated articles are left out.
    pub fn histogram(&self, request: &SearchRequest) -> Result<Vec<MonthCount>> {
        let searcher = self.reader.searcher();
        let parsed = if request.plain {
            ParsedQuery {
                words: request.query.clone(),
                ..Default::default()
            }
        } else {
            parse_query(&request.query)?
        };
        // The same tiers as `search`, so the histogram counts what `total` counts.
        let ((counts, _), _) =
            self.run_tiers(&searcher, request, &parsed, &(MonthHistogram, Count), |f| {
                f.1
            })?;
        Ok(counts
            .into_iter()
            .map(|((year, month), count)| MonthCount {
                month: format!("{year:04}-{month:02}"),
                count,
            })
            .collect())
    }
}

type Months = BTreeMap<(i32, u8), u64>;

/// Collects `(year, month) → count` from the `published` fast field.
struct MonthHistogram;

struct MonthSegment {
    published: Column<tantivy::DateTime>,
    counts: Months,
}

impl Collector for MonthHistogram {
    type Fruit = Months;
    type Child = MonthSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(MonthSegment {
            published: segment.fast_fields().date(names::PUBLISHED)?,
            counts: Months::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Months>) -> tantivy::Result<Months> {
        let mut all = Months::new();
        for fruit in fruits {
            for (k, v) in fruit {
                *all.entry(k).or_default() += v;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for MonthSegment {
    type Fruit = Months;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(date) = self.published.first(doc) {
            let local = date.into_offset(VIETNAM);
            *self
                .counts
                .entry((local.year(), u8::from(local.month())))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> Months {
        self.counts
    }
}
