//! Evaluation: metrics and the runs behind `tracuu eval`.

pub mod baseline;
pub mod diacritics;
pub mod extract;
pub mod metrics;
pub mod retrieval;
pub mod segment;

pub use baseline::Baseline;
pub use diacritics::{evaluate_diacritics, read_diacritics_tests, DiacriticsReport};
pub use extract::{evaluate_extraction, ExtractReport};
pub use retrieval::{evaluate, read_qrels, read_queries, QueryFigures, RetrievalReport};
pub use segment::{evaluate_segmenter, SegmentReport};
