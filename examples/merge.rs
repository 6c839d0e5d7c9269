fn main() { let mut i = tracuu::index::Indexer::open_or_create(std::path::Path::new(&std::env::args().nth(1).unwrap())).unwrap(); i.merge_segments().unwrap(); }
