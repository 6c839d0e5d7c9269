//! Date histogram of a search: how many matching articles per month.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use time::UtcOffset;

use crate::index::names;

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

/// The collected months as `YYYY-MM` counts, oldest first.
pub(crate) fn month_counts(months: Months) -> Vec<MonthCount> {
    months
        .into_iter()
        .map(|((year, month), count)| MonthCount {
            month: format!("{year:04}-{month:02}"),
            count,
        })
        .collect()
}

pub(crate) type Months = BTreeMap<(i32, u8), u64>;

/// Collects `(year, month) → count` from the `published` fast field.
pub(crate) struct MonthHistogram;

pub(crate) struct MonthSegment {
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
