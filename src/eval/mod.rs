//! Evaluation: metrics and the runs behind `tracuu eval`.

pub mod metrics;
pub mod retrieval;

pub use retrieval::{evaluate, read_qrels, read_queries, RetrievalReport};
