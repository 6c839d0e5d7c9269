//! A cache of search answers, as the JSON bytes sent.
//!
//! A portal asks the same searches again and again (its front page, topics of the day). An
//! answer is kept with the generation of the index it was computed on: once a write is
//! committed and the searcher reloads, older answers are misses, so the cache never serves
//! a result that the index no longer gives.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;

/// Least recently used search answers, keyed by the whole request.
pub struct ReplyCache {
    entries: Mutex<LruCache<String, (u64, Bytes)>>,
}

impl ReplyCache {
    /// A cache of at most `capacity` answers; None when `capacity` is 0 (no cache).
    pub fn new(capacity: usize) -> Option<ReplyCache> {
        NonZeroUsize::new(capacity).map(|capacity| ReplyCache {
            entries: Mutex::new(LruCache::new(capacity)),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<String, (u64, Bytes)>> {
        // A panic while holding the lock cannot leave the LRU half-updated in a way that
        // matters: at worst an entry is missing.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The answer to `key` computed on index generation `generation`, if kept.
    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        let mut entries = self.lock();
        match entries.get(key) {
            Some((g, body)) if *g == generation => Some(body.clone()),
            Some(_) => {
                entries.pop(key);
                None
            }
            None => None,
        }
    }

    /// Keeps the answer to `key` computed on index generation `generation`.
    pub fn put(&self, key: String, generation: u64, body: Bytes) {
        self.lock().put(key, (generation, body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_of_the_same_generation_only() {
        let cache = ReplyCache::new(2).unwrap();
        cache.put("a".into(), 1, Bytes::from_static(b"A1"));
        assert_eq!(cache.get("a", 1).as_deref(), Some(&b"A1"[..]));
        assert_eq!(cache.get("a", 2), None, "a newer index");
        assert_eq!(cache.get("a", 1), None, "dropped once stale");
        assert_eq!(cache.get("b", 1), None, "never stored");
    }

    #[test]
    fn keeps_the_most_recently_used() {
        let cache = ReplyCache::new(2).unwrap();
        cache.put("a".into(), 1, Bytes::from_static(b"A"));
        cache.put("b".into(), 1, Bytes::from_static(b"B"));
        assert!(cache.get("a", 1).is_some());
        cache.put("c".into(), 1, Bytes::from_static(b"C"));
        let kept: Vec<bool> = ["a", "b", "c"]
            .iter()
            .map(|k| cache.get(k, 1).is_some())
            .collect();
        assert_eq!(kept, [true, false, true]);
    }

    #[test]
    fn no_cache_at_capacity_zero() {
        assert!(ReplyCache::new(0).is_none());
    }
}
