//! A compact hash table from n-gram keys to probabilities: open addressing over two flat
//! arrays (keys, values), written to and read from disk as they are.

use std::io::{Read, Write};
use std::sync::Arc;

use memmap2::Mmap;

/// Key of an empty slot (no n-gram packs to all ones).
const EMPTY: u64 = u64::MAX;
/// Slots per entry: the table is at most this full (1/1.5).
const SLACK: f64 = 1.5;

/// Where a table's slots live: in memory, or in a memory-mapped model file (read in place,
/// so that a large model costs resident memory only for the pages its lookups touch).
#[derive(Debug, Clone)]
enum Slots {
    Owned {
        keys: Vec<u64>,
        values: Vec<f32>,
    },
    Mapped {
        bytes: Arc<Mmap>,
        keys_at: usize,
        values_at: usize,
        slots: usize,
    },
}

/// N-gram key → probability (or backoff weight).
#[derive(Debug, Clone)]
pub struct NgramTable {
    slots: Slots,
    len: usize,
}

impl Default for NgramTable {
    fn default() -> Self {
        NgramTable {
            slots: Slots::Owned {
                keys: Vec::new(),
                values: Vec::new(),
            },
            len: 0,
        }
    }
}

fn slot(key: u64, slots: usize) -> usize {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 29);
    let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    ((u128::from(h) * slots as u128) >> 64) as usize
}

fn le_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn le_f32(bytes: &[u8], at: usize) -> f32 {
    f32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn bad_size() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "bad table size")
}

impl NgramTable {
    /// A table of these entries.
    pub fn from_entries(entries: impl ExactSizeIterator<Item = (u64, f32)>) -> NgramTable {
        // At least one slot stays empty, so that a lookup of a missing key ends.
        let slots = ((entries.len() as f64 * SLACK) as usize).max(entries.len() + 1);
        let mut keys = vec![EMPTY; slots];
        let mut values = vec![0.0; slots];
        let mut len = 0;
        for (key, value) in entries {
            let mut i = slot(key, slots);
            loop {
                if keys[i] == EMPTY {
                    keys[i] = key;
                    values[i] = value;
                    len += 1;
                    break;
                }
                if keys[i] == key {
                    values[i] = value;
                    break;
                }
                i = if i + 1 == slots { 0 } else { i + 1 };
            }
        }
        NgramTable {
            slots: Slots::Owned { keys, values },
            len,
        }
    }

    fn slot_count(&self) -> usize {
        match &self.slots {
            Slots::Owned { keys, .. } => keys.len(),
            Slots::Mapped { slots, .. } => *slots,
        }
    }

    #[inline]
    fn key(&self, i: usize) -> u64 {
        match &self.slots {
            Slots::Owned { keys, .. } => keys[i],
            Slots::Mapped { bytes, keys_at, .. } => le_u64(bytes, keys_at + 8 * i),
        }
    }

    #[inline]
    fn value(&self, i: usize) -> f32 {
        match &self.slots {
            Slots::Owned { values, .. } => values[i],
            Slots::Mapped {
                bytes, values_at, ..
            } => le_f32(bytes, values_at + 4 * i),
        }
    }

    /// The value of a key.
    #[inline]
    pub fn get(&self, key: u64) -> Option<f32> {
        let n = self.slot_count();
        if n == 0 {
            return None;
        }
        let mut i = slot(key, n);
        // Bounded by the slot count: a table read from a corrupt file may have no empty slot.
        for _ in 0..n {
            let k = self.key(i);
            if k == key {
                return Some(self.value(i));
            }
            if k == EMPTY {
                return None;
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
        None
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
        let n = self.slot_count();
        w.write_all(&(n as u64).to_le_bytes())?;
        w.write_all(&(self.len as u64).to_le_bytes())?;
        let mut buf = Vec::with_capacity(n * 12);
        for i in 0..n {
            buf.extend_from_slice(&self.key(i).to_le_bytes());
        }
        for i in 0..n {
            buf.extend_from_slice(&self.value(i).to_le_bytes());
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
        if slots > (1 << 34) || (slots > 0 && len >= slots) {
            return Err(bad_size());
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
        Ok(NgramTable {
            slots: Slots::Owned { keys, values },
            len,
        })
    }

    /// The table [`NgramTable::write`] wrote at byte `at` of a mapped file, read in place;
    /// also returns the byte after it.
    pub fn read_mapped(bytes: &Arc<Mmap>, at: usize) -> std::io::Result<(NgramTable, usize)> {
        if bytes.len() < at.saturating_add(16) {
            return Err(bad_size());
        }
        let slots = le_u64(bytes, at) as usize;
        let len = le_u64(bytes, at + 8) as usize;
        if slots > (1 << 34) || (slots > 0 && len >= slots) {
            return Err(bad_size());
        }
        let keys_at = at + 16;
        let values_at = keys_at + slots * 8;
        let end = values_at + slots * 4;
        if end > bytes.len() {
            return Err(bad_size());
        }
        let slots = Slots::Mapped {
            bytes: Arc::clone(bytes),
            keys_at,
            values_at,
            slots,
        };
        Ok((NgramTable { slots, len }, end))
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

        // The same bytes read in place from a mapped file, after a prefix.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("table");
        let mut file_bytes = b"head".to_vec();
        file_bytes.extend_from_slice(&bytes);
        std::fs::write(&path, &file_bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        // SAFETY: the test's own file, not changed while mapped.
        let map = Arc::new(unsafe { Mmap::map(&file) }.unwrap());
        let (mapped, end) = NgramTable::read_mapped(&map, 4).unwrap();
        assert_eq!(end, file_bytes.len());
        assert_eq!(mapped.len(), 1000);
        for (k, v) in &entries {
            assert_eq!(mapped.get(*k), Some(*v), "mapped key {k}");
        }
        assert_eq!(mapped.get(1), None);
        let mut rewritten = Vec::new();
        mapped.write(&mut rewritten).unwrap();
        assert_eq!(
            rewritten, bytes,
            "a mapped table writes the bytes it was read from"
        );
        assert!(NgramTable::read_mapped(&map, file_bytes.len() - 8).is_err());
    }

    #[test]
    fn lookups_of_missing_keys_end_and_full_tables_are_refused() {
        for n in [1u32, 2, 3, 10] {
            let t = NgramTable::from_entries((0..n).map(|k| (u64::from(k), 1.0)));
            assert_eq!(t.get(u64::from(n) + 100), None, "{n} entries");
            assert_eq!(t.get(0), Some(1.0), "{n} entries");
        }
        // A file whose table has no empty slot (slots 1, entries 1): refused.
        let mut bytes = Vec::new();
        for x in [1u64, 1, 7] {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        bytes.extend_from_slice(&1f32.to_le_bytes());
        assert!(NgramTable::read(&mut bytes.as_slice()).is_err());
    }
}
