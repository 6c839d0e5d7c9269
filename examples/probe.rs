use std::time::Instant;
use tracuu::search::{SearchRequest, Searcher};
fn main() {
    let dir = std::path::Path::new("/tmp/bench1");
    let s = Searcher::open(dir).unwrap();
    let qs: Vec<String> = std::fs::read_to_string("../shared/data/eval/known_item/queries.tsv").unwrap()
        .lines().filter_map(|l| l.split('\t').nth(1)).map(String::from).collect();
    for limit in [10usize, 0] {
        let mut t = vec![];
        for _ in 0..2 { for q in &qs { let st = Instant::now(); let r = SearchRequest { limit, ..SearchRequest::new(q.as_str()) }; s.search(&r).unwrap(); t.push(st.elapsed().as_secs_f64()*1000.0);} }
        t.sort_by(f64::total_cmp);
        println!("limit {limit}: p50 {:.2} p99 {:.2}", t[t.len()/2], t[t.len()*99/100]);
    }
}
