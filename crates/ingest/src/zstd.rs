//! zstd decompression by `ruzstd` (pure Rust), frame after frame: a file
//! may hold several frames (`cat a.zst b.zst`, parallel compressors) and
//! skippable frames, which are passed over.

use std::io::{self, BufRead, Read};

use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

/// A zstd stream, decompressed as it is read. Memory is bounded by the
/// frames' window size, not by the size of the stream.
pub(crate) struct ZstdDecoder<R> {
    source: R,
    frame: FrameDecoder,
    in_frame: bool,
}

impl<R: BufRead> ZstdDecoder<R> {
    pub fn new(source: R) -> ZstdDecoder<R> {
        ZstdDecoder { source, frame: FrameDecoder::new(), in_frame: false }
    }

    /// Start the next frame, passing over skippable ones; `false` at the
    /// end of the stream.
    fn start_frame(&mut self) -> io::Result<bool> {
        loop {
            if self.source.fill_buf()?.is_empty() {
                return Ok(false);
            }
            match self.frame.reset(&mut self.source) {
                Ok(()) => return Ok(true),
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame { length, .. })) => {
                    let length = u64::from(length);
                    let skipped = io::copy(&mut (&mut self.source).take(length), &mut io::sink())?;
                    if skipped < length {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "zstd: truncated skippable frame"));
                    }
                }
                Err(e) => return Err(corrupt(e)),
            }
        }
    }

    fn frame_done(&self) -> bool {
        self.frame.is_finished() && self.frame.can_collect() == 0
    }
}

/// A decoding error as an I/O error that says what was being read.
fn corrupt(e: FrameDecoderError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("truncated or corrupt zstd data: {e}"))
}

impl<R: BufRead> Read for ZstdDecoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.in_frame && self.frame_done() {
                self.in_frame = false;
            }
            if !self.in_frame {
                if !self.start_frame()? {
                    return Ok(0);
                }
                self.in_frame = true;
                continue;
            }
            while self.frame.can_collect() == 0 && !self.frame.is_finished() {
                self.frame.decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBlocks(1)).map_err(corrupt)?;
            }
            let n = self.frame.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            // Nothing left in this frame (an empty frame): on to the next.
            self.in_frame = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruzstd::encoding::{CompressionLevel, compress_to_vec};

    fn decompress(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        ZstdDecoder::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn frames_are_read_one_after_another() {
        let mut bytes = compress_to_vec(&b"first frame, "[..], CompressionLevel::Fastest);
        // A skippable frame: magic, length, payload.
        bytes.extend_from_slice(&0x184D_2A50_u32.to_le_bytes());
        bytes.extend_from_slice(&3_u32.to_le_bytes());
        bytes.extend_from_slice(b"xyz");
        bytes.extend(compress_to_vec(&b""[..], CompressionLevel::Fastest));
        bytes.extend(compress_to_vec(&b"second frame"[..], CompressionLevel::Fastest));
        assert_eq!(decompress(&bytes).expect("decodes"), b"first frame, second frame");
    }

    #[test]
    fn truncated_and_corrupt_streams_are_errors() {
        let text = "Rockets hit the base. ".repeat(500);
        let bytes = compress_to_vec(text.as_bytes(), CompressionLevel::Fastest);
        for cut in [5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decompress(bytes.get(..cut).unwrap_or_default()).is_err(), "cut at {cut}");
        }
        let mut garbage = bytes.clone();
        garbage.extend_from_slice(b"not a frame");
        assert!(decompress(&garbage).is_err());
    }
}
