//! Opening a file through its compression (`.gz`, `.xz`).
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use crate::{Error, Result};

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Xz,
}

/// Read buffer: large, because the benchmark corpus is read at hundreds of MB/s.
pub const BUF_SIZE: usize = 1 << 20;

/// Opens `path`, decompressing as `c` says.
pub fn open(path: &Path, c: Compression) -> Result<Box<dyn Read>> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = BufReader::with_capacity(BUF_SIZE, file);
    Ok(match c {
        Compression::None => Box::new(file),
        // Multi-member: concatenated gzip files (`cat a.gz b.gz`) are one stream.
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(file)),
        Compression::Xz => Box::new(xz2::bufread::XzDecoder::new_multi_decoder(file)),
    })
}
