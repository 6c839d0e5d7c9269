//! Ranking metrics over graded relevance judgments (qrels).

use std::collections::HashMap;

/// Relevance grades of one query's judged documents (grade > 0 means relevant).
pub type Judgments = HashMap<String, u32>;

/// nDCG at `k` with linear gains (the grade) and log2 discounts, as trec_eval computes it.
pub fn ndcg_at(ranking: &[String], judgments: &Judgments, k: usize) -> f64 {
    let dcg: f64 = ranking
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, id)| {
            let gain = judgments.get(id).copied().unwrap_or(0) as f64;
            gain / (i as f64 + 2.0).log2()
        })
        .sum();
    let mut ideal: Vec<u32> = judgments.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| g as f64 / (i as f64 + 2.0).log2())
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

/// Share of the relevant documents found in the first `k`.
pub fn recall_at(ranking: &[String], judgments: &Judgments, k: usize) -> f64 {
    let relevant = judgments.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranking
        .iter()
        .take(k)
        .filter(|id| judgments.get(*id).is_some_and(|&g| g > 0))
        .count();
    found as f64 / relevant as f64
}

/// Reciprocal rank of the first relevant document within the first `k`, else 0.
pub fn reciprocal_rank_at(ranking: &[String], judgments: &Judgments, k: usize) -> f64 {
    ranking
        .iter()
        .take(k)
        .position(|id| judgments.get(id).is_some_and(|&g| g > 0))
        .map_or(0.0, |i| 1.0 / (i as f64 + 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn judged(pairs: &[(&str, u32)]) -> Judgments {
        pairs.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    #[test]
    fn hand_computed_cases() {
        let j = judged(&[("a", 2), ("b", 1), ("z", 0)]);
        // Ideal: a(2)/log2(2) + b(1)/log2(3) = 2 + 0.6309 = 2.6309.
        let cases: Vec<(&[&str], f64, f64, f64)> = vec![
            // ranking, ndcg@10, recall@10, rr@10
            (&["a", "b"], 1.0, 1.0, 1.0),
            (
                &["b", "a"],
                (1.0 + 2.0 / 3f64.log2()) / 2.630_929_753_571_457,
                1.0,
                1.0,
            ),
            (
                &["x", "a"],
                (2.0 / 3f64.log2()) / 2.630_929_753_571_457,
                0.5,
                0.5,
            ),
            (&["z", "x", "y"], 0.0, 0.0, 0.0),
            (&[], 0.0, 0.0, 0.0),
        ];
        for (ids, ndcg, recall, rr) in cases {
            let r = ranking(ids);
            assert!((ndcg_at(&r, &j, 10) - ndcg).abs() < 1e-9, "ndcg {ids:?}");
            assert!(
                (recall_at(&r, &j, 10) - recall).abs() < 1e-9,
                "recall {ids:?}"
            );
            assert!(
                (reciprocal_rank_at(&r, &j, 10) - rr).abs() < 1e-9,
                "rr {ids:?}"
            );
        }
    }

    #[test]
    fn cutoffs_apply() {
        let j = judged(&[("a", 1)]);
        let r = ranking(&["x", "y", "a"]);
        assert_eq!(reciprocal_rank_at(&r, &j, 2), 0.0);
        assert_eq!(recall_at(&r, &j, 2), 0.0);
        assert!((reciprocal_rank_at(&r, &j, 3) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(ndcg_at(&r, &judged(&[("q", 0)]), 10), 0.0);
    }
}
