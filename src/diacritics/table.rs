//! A compact hash table from n-gram keys to probabilities: open addressing over one flat
//! array of fixed-size slots, written to and read from disk as it is.
//!
//! Keys are not stored, only a fingerprint from a hash independent of the slot. Values are
//! probabilities and backoff weights in (0, 1]. Two slot layouts:
//!
//! - **compact** (model format 7, what estimation builds): 4-byte slots, a 20-bit
//!   fingerprint and `round(-ln(value) / step)` in 12 bits, one `step` per table (the
//!   table's smallest value maps to 4095: on the bench index's model an error of −ln v of at
//!   most 0.003). A lookup of a missing key returns a wrong value with probability about
//!   2^-20 per slot probed.
//! - **wide** (formats 5 and 6, still read): 6-byte slots, a 32-bit fingerprint and the
//!   value in 16 bits the same way (relative error ≤ step / 2), a lookup of a missing key
//!   wrong with probability about 2^-32 per slot probed.

use std::io::{Read, Write};
use std::sync::Arc;

use memmap2::Mmap;

/// Fingerprint of an empty slot (no key's fingerprint is 0).
const EMPTY: u32 = 0;
/// Slots per entry: the table is at most this full (1/1.25).
const SLACK: f64 = 1.25;
/// Bytes per wide slot: fingerprint (u32) and quantized value (u16), little-endian.
pub const SLOT_BYTES: usize = 6;
/// Bytes per compact slot: one little-endian u32, fingerprint in the low [`FP_BITS`] bits,
/// code above.
pub const COMPACT_SLOT_BYTES: usize = 4;
/// Fingerprint bits of a compact slot.
const FP_BITS: u32 = 20;
/// Value bits of a compact slot.
const CODE_BITS: u32 = 32 - FP_BITS;
/// Largest quantized value of a compact slot.
const CODE_MAX: u16 = (1 << CODE_BITS) - 1;
const FP_MASK: u32 = (1 << FP_BITS) - 1;
/// Largest quantized value.
const QMAX: u16 = u16::MAX;
/// Where a table's slots live: in memory, or in a memory-mapped model file (read in place,
/// so that a large model costs resident memory only for the pages its lookups touch).
#[derive(Debug, Clone)]
enum Slots {
    Owned(Vec<u8>),
    Mapped { bytes: Arc<Mmap>, at: usize },
}

/// How slots are laid out and values coded (see the module's documentation).
#[derive(Debug, Clone)]
enum Layout {
    /// 6-byte slots, values `round(-ln v / step)` (formats 5 and 6).
    Wide { step: f32 },
    /// 4-byte slots, values `round(-ln v / step)` in 12 bits, decoded through `values`
    /// (format 7).
    Compact { step: f32, values: Arc<[f32]> },
}

/// N-gram key → probability (or backoff weight).
#[derive(Debug, Clone)]
pub struct NgramTable {
    slots: Slots,
    /// Slot count.
    n: usize,
    len: usize,
    layout: Layout,
}

impl Default for NgramTable {
    fn default() -> Self {
        NgramTable {
            slots: Slots::Owned(Vec::new()),
            n: 0,
            len: 0,
            layout: Layout::compact(1.0),
        }
    }
}

fn slot(key: u64, slots: usize) -> usize {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 29);
    let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    ((u128::from(h) * slots as u128) >> 64) as usize
}

/// The 32-bit fingerprint of a key (never [`EMPTY`]), from a hash independent of [`slot`]'s.
pub fn fingerprint(key: u64) -> u32 {
    let mut h = key ^ 0x5851_F42D_4C95_7F2D;
    h = (h ^ (h >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h = (h ^ (h >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^= h >> 33;
    let f = (h >> 32) as u32 ^ h as u32;
    if f == EMPTY {
        1
    } else {
        f
    }
}

/// The fingerprint of a key in a compact slot (never [`EMPTY`]).
pub fn short_fingerprint(key: u64) -> u32 {
    let f = fingerprint(key) & FP_MASK;
    if f == EMPTY {
        1
    } else {
        f
    }
}

/// Quantizes a value in (0, 1] (larger values count as 1, smaller than e^(-step·max) as
/// that) to at most `max`.
pub fn quantize(value: f32, step: f32, max: u16) -> u16 {
    if value.is_nan() || value <= 0.0 {
        return max;
    }
    let q = (-value.ln() / step).round();
    q.clamp(0.0, f32::from(max)) as u16
}

/// The value of a quantized one.
pub fn dequantize(q: u16, step: f32) -> f32 {
    (-f32::from(q) * step).exp()
}

/// The step that covers `values` with codes up to `max` (the smallest value maps to `max`).
fn step_for(values: impl Iterator<Item = f32>, max: u16) -> f32 {
    let most = values
        .filter(|v| *v > 0.0)
        .map(|v| -v.ln())
        .fold(0.0f32, f32::max);
    (most / f32::from(max)).max(1e-6)
}

impl Layout {
    /// The compact layout of this step, its values decoded once.
    fn compact(step: f32) -> Layout {
        let values = (0..=CODE_MAX).map(|q| dequantize(q, step)).collect();
        Layout::Compact { step, values }
    }
}

fn le_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn bad_size() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "bad table size")
}

/// Largest slot count a file may declare.
const MAX_SLOTS: usize = 1 << 34;

/// Which slot layout a model file's tables use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Formats 5 and 6.
    Wide,
    /// Format 7.
    Compact,
}

impl NgramTable {
    /// A table of these entries in this layout (a key given twice keeps its last value).
    pub fn build(
        entries: impl ExactSizeIterator<Item = (u64, f32)>,
        format: TableFormat,
    ) -> NgramTable {
        // In key order (stable: a repeated key keeps its last value), so that the slots, and
        // which key a rare fingerprint collision shadows, do not depend on the caller's order.
        let mut entries: Vec<(u64, f32)> = entries.collect();
        entries.sort_by_key(|e| e.0);
        let layout = match format {
            TableFormat::Wide => Layout::Wide {
                step: step_for(entries.iter().map(|e| e.1), QMAX),
            },
            TableFormat::Compact => {
                Layout::compact(step_for(entries.iter().map(|e| e.1), CODE_MAX))
            }
        };
        let width = Self::slot_bytes(&layout);
        // At least one slot stays empty, so that a lookup of a missing key ends.
        let n = ((entries.len() as f64 * SLACK) as usize).max(entries.len() + 1);
        let mut bytes = vec![0u8; n * width];
        let mut len = 0;
        for (key, value) in entries {
            let (f, slot_value) = match &layout {
                Layout::Wide { step } => {
                    let f = fingerprint(key);
                    let q = quantize(value, *step, QMAX);
                    let mut s = [0u8; 6];
                    s[..4].copy_from_slice(&f.to_le_bytes());
                    s[4..].copy_from_slice(&q.to_le_bytes());
                    (f, s)
                }
                Layout::Compact { step, .. } => {
                    let f = short_fingerprint(key);
                    let word = f | (u32::from(quantize(value, *step, CODE_MAX)) << FP_BITS);
                    let mut s = [0u8; 6];
                    s[..4].copy_from_slice(&word.to_le_bytes());
                    (f, s)
                }
            };
            let mut i = slot(key, n);
            loop {
                let at = i * width;
                let got = Self::fingerprint_at(&layout, &bytes[at..at + width]);
                if got == EMPTY || got == f {
                    if got == EMPTY {
                        len += 1;
                    }
                    bytes[at..at + width].copy_from_slice(&slot_value[..width]);
                    break;
                }
                i = if i + 1 == n { 0 } else { i + 1 };
            }
        }
        NgramTable {
            slots: Slots::Owned(bytes),
            n,
            len,
            layout,
        }
    }

    fn slot_bytes(layout: &Layout) -> usize {
        match layout {
            Layout::Wide { .. } => SLOT_BYTES,
            Layout::Compact { .. } => COMPACT_SLOT_BYTES,
        }
    }

    #[inline]
    fn fingerprint_at(layout: &Layout, s: &[u8]) -> u32 {
        let word = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        match layout {
            Layout::Wide { .. } => word,
            Layout::Compact { .. } => word & FP_MASK,
        }
    }

    /// The slot layout.
    pub fn format(&self) -> TableFormat {
        match self.layout {
            Layout::Wide { .. } => TableFormat::Wide,
            Layout::Compact { .. } => TableFormat::Compact,
        }
    }

    #[inline]
    fn bytes(&self) -> &[u8] {
        match &self.slots {
            Slots::Owned(b) => b,
            Slots::Mapped { bytes, at } => {
                &bytes[*at..*at + self.n * Self::slot_bytes(&self.layout)]
            }
        }
    }

    /// The value of a key.
    #[inline]
    pub fn get(&self, key: u64) -> Option<f32> {
        let n = self.n;
        if n == 0 {
            return None;
        }
        let bytes = self.bytes();
        match &self.layout {
            Layout::Wide { step } => {
                let f = fingerprint(key);
                let mut i = slot(key, n);
                // Bounded by the slot count: a table read from a corrupt file may have no
                // empty slot.
                for _ in 0..n {
                    let at = i * SLOT_BYTES;
                    let s: &[u8; 6] = bytes[at..at + SLOT_BYTES].try_into().expect("6 bytes");
                    let got = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
                    if got == f {
                        return Some(dequantize(u16::from_le_bytes([s[4], s[5]]), *step));
                    }
                    if got == EMPTY {
                        return None;
                    }
                    i = if i + 1 == n { 0 } else { i + 1 };
                }
            }
            Layout::Compact { values, .. } => {
                let f = short_fingerprint(key);
                let mut i = slot(key, n);
                for _ in 0..n {
                    let at = i * COMPACT_SLOT_BYTES;
                    let s: &[u8; 4] = bytes[at..at + COMPACT_SLOT_BYTES]
                        .try_into()
                        .expect("4 bytes");
                    let word = u32::from_le_bytes(*s);
                    let got = word & FP_MASK;
                    if got == f {
                        return Some(values[(word >> FP_BITS) as usize]);
                    }
                    if got == EMPTY {
                        return None;
                    }
                    i = if i + 1 == n { 0 } else { i + 1 };
                }
            }
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

    /// Writes slot count, entry count, step and the slots (little-endian).
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let (Layout::Wide { step } | Layout::Compact { step, .. }) = &self.layout;
        w.write_all(&(self.n as u64).to_le_bytes())?;
        w.write_all(&(self.len as u64).to_le_bytes())?;
        w.write_all(&u64::from(step.to_bits()).to_le_bytes())?;
        w.write_all(self.bytes())
    }

    fn check_head(n: usize, len: usize, step: f32) -> std::io::Result<()> {
        if n > MAX_SLOTS || (n > 0 && len >= n) || !(step.is_finite() && step > 0.0) {
            return Err(bad_size());
        }
        Ok(())
    }

    /// Slot count, entry count and layout from a table's 24-byte head.
    fn head(bytes: &[u8], format: TableFormat) -> std::io::Result<(usize, usize, Layout)> {
        let n = le_u64(bytes, 0) as usize;
        let len = le_u64(bytes, 8) as usize;
        let step = f32::from_bits(le_u64(bytes, 16) as u32);
        Self::check_head(n, len, step)?;
        let layout = match format {
            TableFormat::Wide => Layout::Wide { step },
            TableFormat::Compact => Layout::compact(step),
        };
        Ok((n, len, layout))
    }

    /// Reads what [`NgramTable::write`] wrote in this layout.
    pub fn read(r: &mut dyn Read, format: TableFormat) -> std::io::Result<NgramTable> {
        let mut head = [0u8; 24];
        r.read_exact(&mut head)?;
        let (n, len, layout) = Self::head(&head, format)?;
        let mut bytes = vec![0u8; n * Self::slot_bytes(&layout)];
        r.read_exact(&mut bytes)?;
        Ok(NgramTable {
            slots: Slots::Owned(bytes),
            n,
            len,
            layout,
        })
    }

    /// The table [`NgramTable::write`] wrote at byte `at` of a mapped file in this layout,
    /// read in place; also returns the byte after it.
    pub fn read_mapped(
        bytes: &Arc<Mmap>,
        at: usize,
        format: TableFormat,
    ) -> std::io::Result<(NgramTable, usize)> {
        if bytes.len() < at.saturating_add(24) {
            return Err(bad_size());
        }
        let (n, len, layout) = Self::head(&bytes[at..at + 24], format)?;
        let start = at + 24;
        let end = start + n * Self::slot_bytes(&layout);
        if end > bytes.len() {
            return Err(bad_size());
        }
        let slots = Slots::Mapped {
            bytes: Arc::clone(bytes),
            at: start,
        };
        Ok((
            NgramTable {
                slots,
                n,
                len,
                layout,
            },
            end,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantization_round_trips_within_the_step() {
        let step = 30.0 / 65535.0;
        let cases = [1.0f32, 0.5, 0.1, 1e-3, 1e-6, 3.3e-9, 1e-12];
        for v in cases {
            let back = dequantize(quantize(v, step, QMAX), step);
            let rel = (back - v).abs() / v;
            assert!(rel <= step, "value {v}: got {back} (relative error {rel})");
        }
        let edges = [(0.0f32, QMAX), (-1.0, QMAX), (2.0, 0), (f32::NAN, QMAX)];
        for (v, q) in edges {
            assert_eq!(quantize(v, step, QMAX), q, "value {v}");
        }
    }

    #[test]
    fn fingerprints_are_never_empty_and_rarely_collide() {
        let keys: Vec<u64> = (0..100_000u64).map(|k| k * 0x1_0000_0001).collect();
        for &k in keys.iter().take(1000).chain(&[0, u64::MAX]) {
            assert_ne!(fingerprint(k), EMPTY, "key {k}");
        }
        let mut fps: Vec<u32> = keys.iter().map(|&k| fingerprint(k)).collect();
        fps.sort_unstable();
        fps.dedup();
        // 100k keys in 2^32 values: about one collision expected.
        assert!(fps.len() >= keys.len() - 5, "{} distinct", fps.len());
    }

    #[test]
    fn finds_what_was_put_and_nothing_else() {
        // 999 values from 1/2 to 1/1000: within 0.1 % in the wide layout (16 bits), 0.1 % in
        // the compact one (12 bits: −ln v ≤ 6.9, so steps of 0.0017).
        let entries: Vec<(u64, f32)> = (1..1000u64)
            .map(|k| (k * 7919, 1.0 / (k as f32 + 1.0)))
            .collect();
        let cases = [
            (TableFormat::Wide, 1e-3f32, 24 + 999 * 5 / 4 * SLOT_BYTES),
            (
                TableFormat::Compact,
                1e-3,
                24 + 999 * 5 / 4 * COMPACT_SLOT_BYTES,
            ),
        ];
        for (format, tolerance, size) in cases {
            let t = NgramTable::build(entries.clone().into_iter(), format);
            assert_eq!(t.format(), format);
            for (k, v) in &entries {
                let got = t.get(*k);
                assert!(
                    got.is_some_and(|g| (g - v).abs() <= tolerance * v),
                    "{format:?}, key {k}: {got:?} for {v}"
                );
            }
            for k in [1u64, 2, 7920, u64::MAX - 1] {
                assert_eq!(t.get(k), None, "{format:?}, key {k}");
            }
            let mut bytes = Vec::new();
            t.write(&mut bytes).unwrap();
            assert_eq!(bytes.len(), size, "{format:?}");
            let back = NgramTable::read(&mut bytes.as_slice(), format).unwrap();
            assert_eq!(back.len(), 999, "{format:?}");
            assert_eq!(back.get(7919 * 5), t.get(7919 * 5), "{format:?}");

            // The same bytes read in place from a mapped file, after a prefix.
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("table");
            let mut file_bytes = b"head".to_vec();
            file_bytes.extend_from_slice(&bytes);
            std::fs::write(&path, &file_bytes).unwrap();
            let file = std::fs::File::open(&path).unwrap();
            // SAFETY: the test's own file, not changed while mapped.
            let map = Arc::new(unsafe { Mmap::map(&file) }.unwrap());
            let (mapped, end) = NgramTable::read_mapped(&map, 4, format).unwrap();
            assert_eq!(end, file_bytes.len(), "{format:?}");
            assert_eq!(mapped.len(), 999, "{format:?}");
            for (k, _) in &entries {
                assert_eq!(mapped.get(*k), t.get(*k), "{format:?}, mapped key {k}");
            }
            assert_eq!(mapped.get(1), None, "{format:?}");
            let mut rewritten = Vec::new();
            mapped.write(&mut rewritten).unwrap();
            assert_eq!(
                rewritten, bytes,
                "{format:?}: a mapped table writes the bytes it was read from"
            );
            assert!(NgramTable::read_mapped(&map, file_bytes.len() - 8, format).is_err());
        }
        assert_eq!(NgramTable::default().get(3), None);
    }

    #[test]
    fn lookups_of_missing_keys_end_and_full_tables_are_refused() {
        for format in [TableFormat::Wide, TableFormat::Compact] {
            for n in [1u32, 2, 3, 10] {
                let t = NgramTable::build((0..n).map(|k| (u64::from(k), 1.0)), format);
                assert_eq!(t.get(u64::from(n) + 100), None, "{format:?}, {n} entries");
                assert_eq!(t.get(0), Some(1.0), "{format:?}, {n} entries");
            }
        }
        // A file whose table has no empty slot (slots 1, entries 1): refused.
        let mut bytes = Vec::new();
        for x in [1u64, 1, u64::from(0.5f32.to_bits())] {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        bytes.extend_from_slice(&[7, 0, 0, 0, 0, 0]);
        assert!(NgramTable::read(&mut bytes.as_slice(), TableFormat::Wide).is_err());
        assert!(NgramTable::read(&mut bytes.as_slice(), TableFormat::Compact).is_err());
        // A compact table cut short: refused.
        let t = NgramTable::build(
            (0..10u32).map(|k| (u64::from(k), 0.5)),
            TableFormat::Compact,
        );
        let mut bytes = Vec::new();
        t.write(&mut bytes).unwrap();
        bytes.pop();
        assert!(NgramTable::read(&mut bytes.as_slice(), TableFormat::Compact).is_err());
    }
}
