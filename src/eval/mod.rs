//! Evaluation: metrics and the runs behind `tracuu eval`.

pub mod diacritics;
pub mod metrics;
pub mod retrieval;

pub use diacritics::{evaluate_diacritics, read_diacritics_tests, DiacriticsReport};
pub use retrieval::{evaluate, read_qrels, read_queries, RetrievalReport};
