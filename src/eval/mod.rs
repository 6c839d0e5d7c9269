//! Evaluation: metrics and the runs behind `tracuu eval`.

pub mod diacritics;
pub mod metrics;
pub mod retrieval;
pub mod segment;

pub use diacritics::{evaluate_diacritics, read_diacritics_tests, DiacriticsReport};
pub use retrieval::{evaluate, read_qrels, read_queries, RetrievalReport};
pub use segment::{evaluate_segmenter, SegmentReport};
