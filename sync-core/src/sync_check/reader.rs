//! A cursor over a peer's bytes: every read checks what is left first, and says what it was
//! reading when the bytes ran out.

use super::SyncCheckError;

/// A cursor over peer bytes: every read checks what is left first.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(super) fn remaining(&self) -> usize {
        self.bytes.len()
    }

    pub(super) fn byte(&mut self, what: &'static str) -> Result<u8, SyncCheckError> {
        let (&first, rest) = self
            .bytes
            .split_first()
            .ok_or(SyncCheckError::Truncated(what))?;
        self.bytes = rest;
        Ok(first)
    }

    pub(super) fn take(&mut self, n: u64, what: &'static str) -> Result<&'a [u8], SyncCheckError> {
        let n = usize::try_from(n).map_err(|_| SyncCheckError::Truncated(what))?;
        if n > self.bytes.len() {
            return Err(SyncCheckError::Truncated(what));
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    /// A LEB128-length-prefixed byte string.
    pub(super) fn prefixed(&mut self, what: &'static str) -> Result<&'a [u8], SyncCheckError> {
        let n = self.uleb(what)?;
        self.take(n, what)
    }

    /// A LEB128 count no larger than `max`.
    pub(super) fn count(&mut self, what: &'static str, max: u64) -> Result<u64, SyncCheckError> {
        let count = self.uleb(what)?;
        if count > max {
            return Err(SyncCheckError::TooMany { what, count, max });
        }
        Ok(count)
    }

    pub(super) fn u32(&mut self, what: &'static str) -> Result<u32, SyncCheckError> {
        u32::try_from(self.uleb(what)?).map_err(|_| SyncCheckError::BadNumber(what))
    }

    /// Unsigned LEB128, at most 10 bytes and 64 bits.
    pub(super) fn uleb(&mut self, what: &'static str) -> Result<u64, SyncCheckError> {
        let mut value: u64 = 0;
        for i in 0..10 {
            let byte = self.byte(what)?;
            let low = u64::from(byte & 0x7f);
            if i == 9 && low > 1 {
                return Err(SyncCheckError::BadNumber(what));
            }
            value |= low << (7 * i);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(SyncCheckError::BadNumber(what))
    }

    /// Signed LEB128, at most 10 bytes and 64 bits; `i64::MIN` is refused (Automerge takes its
    /// absolute value).
    pub(super) fn sleb(&mut self, what: &'static str) -> Result<i64, SyncCheckError> {
        let mut value: i64 = 0;
        let mut shift = 0u32;
        loop {
            let byte = self.byte(what)?;
            if shift == 63 && byte != 0x00 && byte != 0x7f {
                return Err(SyncCheckError::BadNumber(what));
            }
            value |= i64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 {
                    value |= -1i64 << shift;
                }
                break;
            }
            if shift > 63 {
                return Err(SyncCheckError::BadNumber(what));
            }
        }
        if value == i64::MIN {
            return Err(SyncCheckError::BadNumber(what));
        }
        Ok(value)
    }
}
