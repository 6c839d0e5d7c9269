//! Opening a file through its compression (`.gz`, `.xz`).
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use crate::{Error, Result};

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Xz,
}

/// Read buffer: large, because the benchmark corpus is read at tens of MB/s.
pub const BUF_SIZE: usize = 1 << 20;

/// Decompressed chunks in flight between the decompressing thread and the reader.
const CHUNKS_IN_FLIGHT: usize = 4;

/// Opens `path`, decompressing as `c` says.
///
/// Decompression (xz especially) is the slowest part of reading the corpus, so it runs on its
/// own thread while the caller parses: reading then costs about what decompressing alone does.
pub fn open(path: &Path, c: Compression) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = BufReader::with_capacity(BUF_SIZE, file);
    Ok(match c {
        Compression::None => Box::new(file),
        // Multi-member: concatenated gzip files (`cat a.gz b.gz`) are one stream.
        Compression::Gzip => pipelined(flate2::bufread::MultiGzDecoder::new(file)),
        Compression::Xz => pipelined(xz2::bufread::XzDecoder::new_multi_decoder(file)),
    })
}

/// Runs `inner` on a thread, handing over filled chunks; reads it directly if no thread can
/// be started.
fn pipelined<R: Read + Send + 'static>(inner: R) -> Box<dyn BufRead> {
    let (tx, rx) = sync_channel::<io::Result<Vec<u8>>>(CHUNKS_IN_FLIGHT);
    // Shared so that a failed spawn, which drops the closure, does not lose the reader.
    let shared = Arc::new(Mutex::new(Some(inner)));
    let for_thread = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name("tracuu-decompress".into())
        .spawn(move || {
            let taken = for_thread.lock().ok().and_then(|mut g| g.take());
            if let Some(inner) = taken {
                decompress_into(inner, &tx);
            }
        });
    if spawned.is_ok() {
        return Box::new(Pipelined {
            rx,
            chunk: Vec::new(),
            pos: 0,
            done: false,
        });
    }
    match shared.lock().ok().and_then(|mut g| g.take()) {
        Some(inner) => Box::new(BufReader::with_capacity(BUF_SIZE, inner)),
        None => Box::new(io::empty()),
    }
}

/// Sends `inner`'s bytes in full chunks, then its error if any; stops when the reader is gone.
fn decompress_into<R: Read>(mut inner: R, tx: &SyncSender<io::Result<Vec<u8>>>) {
    loop {
        let mut chunk = vec![0; BUF_SIZE];
        let mut filled = 0;
        let res = loop {
            match inner.read(&mut chunk[filled..]) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    filled += n;
                    if filled == chunk.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        chunk.truncate(filled);
        let last = filled < BUF_SIZE || res.is_err();
        if filled > 0 && tx.send(Ok(chunk)).is_err() {
            return;
        }
        if let Err(e) = res {
            let _ = tx.send(Err(e));
        }
        if last {
            return;
        }
    }
}

/// The reading end of [`pipelined`].
struct Pipelined {
    rx: Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for Pipelined {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Pipelined {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.chunk.len() && !self.done {
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.chunk = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                // The thread finished: end of stream.
                Err(_) => self.done = true,
            }
        }
        Ok(&self.chunk[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.chunk.len());
    }
}
