//! A compact hash table from n-gram keys to probabilities: open addressing over two flat
//! arrays (keys, values), written to and read from disk as they are.

use std::io::{Read, Write};

/// Key of an empty slot (no n-gram packs to all ones).
const EMPTY: u64 = u64::MAX;
/// Slots per entry: the table is at most this full (1/1.5).
const SLACK: f64 = 1.5;

/// N-gram key → probability (or backoff weight).
#[derive(Debug, Clone, Default)]
pub struct NgramTable {
    keys: Vec<u64>,
    values: Vec<f32>,
    len: usize,
}

fn slot(key: u64, slots: usize) -> usize {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 29);
    let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    ((u128::from(h) * slots as u128) >> 64) as usize
}

impl NgramTable {
    /// A table of these entries.
    pub fn from_entries(entries: impl ExactSizeIterator<Item = (u64, f32)>) -> NgramTable {
        let slots = ((entries.len() as f64 * SLACK) as usize).max(1);
        let mut t = NgramTable {
            keys: vec![EMPTY; slots],
            values: vec![0.0; slots],
            len: 0,
        };
        for (k, v) in entries {
            t.insert(k, v);
        }
        t
    }

    fn insert(&mut self, key: u64, value: f32) {
        let n = self.keys.len();
        let mut i = slot(key, n);
        loop {
            if self.keys[i] == EMPTY {
                self.keys[i] = key;
                self.values[i] = value;
                self.len += 1;
                return;
            }
            if self.keys[i] == key {
                self.values[i] = value;
                return;
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
    }

    /// The value of a key.
    #[inline]
    pub fn get(&self, key: u64) -> Option<f32> {
        let n = self.keys.len();
        if n == 0 {
            return None;
        }
        let mut i = slot(key, n);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.values[i]);
            }
            if k == EMPTY {
                return None;
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes slots count, entry count, keys and values (little-endian).
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&(self.keys.len() as u64).to_le_bytes())?;
        w.write_all(&(self.len as u64).to_le_bytes())?;
        let mut buf = Vec::with_capacity(self.keys.len() * 12);
        for k in &self.keys {
            buf.extend_from_slice(&k.to_le_bytes());
        }
        for v in &self.values {
            buf.extend_from_slice(&v.to_le_bytes());
        }
        w.write_all(&buf)
    }

    /// Reads what [`NgramTable::write`] wrote.
    pub fn read(r: &mut dyn Read) -> std::io::Result<NgramTable> {
        let mut n8 = [0u8; 8];
        r.read_exact(&mut n8)?;
        let slots = u64::from_le_bytes(n8) as usize;
        r.read_exact(&mut n8)?;
        let len = u64::from_le_bytes(n8) as usize;
        if slots > (1 << 34) || len > slots {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "bad table size",
            ));
        }
        let mut buf = vec![0u8; slots * 8];
        r.read_exact(&mut buf)?;
        let keys = buf
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        let mut buf = vec![0u8; slots * 4];
        r.read_exact(&mut buf)?;
        let values = buf
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        Ok(NgramTable { keys, values, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_put_and_nothing_else() {
        let entries: Vec<(u64, f32)> = (0..1000u64).map(|k| (k * 7919, k as f32)).collect();
        let t = NgramTable::from_entries(entries.clone().into_iter());
        for (k, v) in &entries {
            assert_eq!(t.get(*k), Some(*v), "key {k}");
        }
        for k in [1u64, 2, 7920, u64::MAX - 1] {
            assert_eq!(t.get(k), None, "key {k}");
        }
        let mut bytes = Vec::new();
        t.write(&mut bytes).unwrap();
        let back = NgramTable::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.len(), 1000);
        assert_eq!(back.get(7919 * 5), Some(5.0));
        assert_eq!(NgramTable::default().get(3), None);
    }
}
