//! Structural checks of a peer's Automerge sync message, before Automerge sees it.
//!
//! automerge 0.12 trusts parts of what it decodes: a Bloom filter with 0 bits per entry makes
//! its probe computation divide by zero; a probe count of 2³² asks for a 16 GiB vector; a
//! compressed chunk is inflated with no bound (DEFLATE expands ~1000:1); one run-length-encoded
//! run of a column can claim 2⁶⁰ values; unsorted head lists trip a `debug_assert!` when the
//! state is re-encoded. [`check_sync_message`] walks the encoded message itself — allocating
//! nothing in proportion to what the peer *declares*, only bounded inflation buffers — and
//! refuses anything outside the named limits below, so the relay can answer with an `error`
//! instead of letting Automerge panic or exhaust memory.
//!
//! Layout (automerge 0.12, `sync.rs`): a version byte (0x42 or 0x43), then LEB128-prefixed lists
//! of heads and needs (32-byte hashes), haves (a last-sync hash list and Bloom filter bytes each),
//! change elements (length-prefixed; each a sequence of whole chunks), and optional flag bytes.
//! A chunk is magic `85 6f 4a 83`, a 4-byte checksum, a type byte, a LEB128 length and data:
//! type 0 is a whole document, 1 a change, 2 a DEFLATE-compressed change; Automerge never sends
//! type 3 (bundles) in sync, so neither may a peer.

mod reader;

use reader::Reader;
use thiserror::Error;

/// Hashes in one list of a sync message (heads, needs, a have's last-sync). Why: a document has
/// one head per concurrent branch and a peer needs only the dependencies it is missing; honest
/// lists are a handful long even after weeks offline, and each hash costs Automerge a lookup.
pub const MAX_HASHES_PER_LIST: u64 = 4096;
/// "Have" entries in one sync message. Why: Automerge sends zero or one; each costs a Bloom
/// filter probe of every change on the next reply.
pub const MAX_HAVES: u64 = 8;
/// Bloom filter probes per hash. Why: Automerge uses 7; the probe vector is allocated per hash
/// tested, so a peer's 2³² would be 16 GiB.
pub const MAX_BLOOM_PROBES: u32 = 64;
/// Bloom filter bits per entry. Why: Automerge uses 10 (1% false positives); zero divides by
/// zero in its probe computation.
pub const MAX_BLOOM_BITS_PER_ENTRY: u32 = 64;
/// Bytes all compressed data in one message may inflate to. Why: the largest planned document
/// (a 2,000-entry glossary) is a few MB uncompressed; 64 MiB is ample while an 8 MiB frame of
/// DEFLATE could otherwise become gigabytes.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;
/// Values one column of one chunk may expand to (run-length decoding). Why: Automerge
/// materialises every op of a chunk; a glossary of 2,000 entries with its history is well under
/// a million ops, while a 4-byte run could otherwise claim 2⁶⁰.
pub const MAX_COLUMN_VALUES: u64 = 4_000_000;
/// Rows (ops, or changes for a document's change columns) all the chunks of one message may
/// claim together. Why: a change element may hold thousands of chunks, each within
/// [`MAX_COLUMN_VALUES`]; the whole message is what the relay's single hub thread must apply,
/// and the largest planned document arrives whole within this.
pub const MAX_ROWS_PER_MESSAGE: u64 = 4_000_000;

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const DEFLATE_BIT: u64 = 0x08;

/// Why a sync message was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncCheckError {
    /// The bytes end inside a field.
    #[error("sync message ends inside its {0}")]
    Truncated(&'static str),
    /// A LEB128 number is longer than 10 bytes or does not fit its type.
    #[error("sync message has a malformed number in its {0}")]
    BadNumber(&'static str),
    /// Not a sync message version Automerge speaks.
    #[error("unknown sync message version {0:#04x}")]
    Version(u8),
    /// A list is longer than its limit.
    #[error("sync message has {count} {what}, more than {max}")]
    TooMany {
        /// Which list.
        what: &'static str,
        /// How many it declared.
        count: u64,
        /// The limit.
        max: u64,
    },
    /// A hash list is not in ascending order (Automerge always sends them sorted).
    #[error("sync message {0} are not sorted")]
    Unsorted(&'static str),
    /// Bloom filter parameters Automerge cannot use safely.
    #[error("sync message has an unusable Bloom filter: {0}")]
    Bloom(&'static str),
    /// A change element that is not a sequence of whole, known chunks.
    #[error("sync message has a malformed change chunk: {0}")]
    Chunk(&'static str),
    /// Compressed data that inflates beyond [`MAX_INFLATED_BYTES`], or is not DEFLATE.
    #[error(
        "sync message's compressed data inflates beyond {MAX_INFLATED_BYTES} bytes or is corrupt"
    )]
    Inflate,
    /// A column that expands beyond [`MAX_COLUMN_VALUES`].
    #[error("sync message has a column of more than {MAX_COLUMN_VALUES} values")]
    ColumnTooLong,
    /// Chunks that together claim more than [`MAX_ROWS_PER_MESSAGE`] rows.
    #[error("sync message claims more than {MAX_ROWS_PER_MESSAGE} ops in all")]
    TooManyOps,
}

/// Checks an encoded `automerge::sync::Message` against the limits above.
///
/// # Errors
/// [`SyncCheckError`] saying what is wrong; the message must then not reach Automerge.
pub fn check_sync_message(bytes: &[u8]) -> Result<(), SyncCheckError> {
    let mut r = Reader::new(bytes);
    match r.byte("version")? {
        0x42 | 0x43 => {}
        other => return Err(SyncCheckError::Version(other)),
    }
    hash_list(&mut r, "heads")?;
    hash_list(&mut r, "needs")?;
    let haves = r.count("haves", MAX_HAVES)?;
    for _ in 0..haves {
        hash_list(&mut r, "last-sync hashes")?;
        let bloom = r.prefixed("Bloom filter")?;
        check_bloom(bloom)?;
    }
    let elements = r.uleb("change list")?;
    let mut budget = Budget::default();
    for _ in 0..elements {
        let element = r.prefixed("change list")?;
        if element.is_empty() {
            return Err(SyncCheckError::Chunk("an empty change element"));
        }
        check_chunks(element, &mut budget)?;
    }
    if !r.is_empty() {
        r.prefixed("flags")?; // Automerge ignores anything after the flags, and so do we
    }
    Ok(())
}

fn hash_list(r: &mut Reader<'_>, what: &'static str) -> Result<(), SyncCheckError> {
    let count = r.count(what, MAX_HASHES_PER_LIST)?;
    // `count` is bounded, so this multiplication cannot overflow.
    let hashes = r.take(count * 32, what)?;
    let mut previous: Option<&[u8]> = None;
    for hash in hashes.chunks_exact(32) {
        if previous.is_some_and(|p| p > hash) {
            return Err(SyncCheckError::Unsorted(what));
        }
        previous = Some(hash);
    }
    Ok(())
}

/// Automerge's filter: empty, or entries, bits per entry, probes (LEB128 u32) and the bits.
fn check_bloom(bytes: &[u8]) -> Result<(), SyncCheckError> {
    if bytes.is_empty() {
        return Ok(());
    }
    let mut r = Reader::new(bytes);
    let entries = r.u32("Bloom filter")?;
    let bits_per_entry = r.u32("Bloom filter")?;
    let probes = r.u32("Bloom filter")?;
    if entries == 0 {
        return Ok(()); // Automerge never probes an empty filter
    }
    if bits_per_entry == 0 || bits_per_entry > MAX_BLOOM_BITS_PER_ENTRY {
        return Err(SyncCheckError::Bloom("bits per entry out of range"));
    }
    if probes == 0 || probes > MAX_BLOOM_PROBES {
        return Err(SyncCheckError::Bloom("probe count out of range"));
    }
    // The bit array Automerge takes: ceil(entries × bits per entry / 8) bytes, all present.
    let bits = (u64::from(entries) * u64::from(bits_per_entry)).div_ceil(8);
    if bits > r.remaining() as u64 {
        return Err(SyncCheckError::Bloom("fewer bits than its size says"));
    }
    Ok(())
}

/// What one message has used of its allowances so far.
#[derive(Default)]
struct Budget {
    /// Bytes inflated (at most [`MAX_INFLATED_BYTES`]).
    inflated: usize,
    /// Rows claimed by its chunks (at most [`MAX_ROWS_PER_MESSAGE`]).
    rows: u64,
}

impl Budget {
    /// A chunk whose longest column has `rows` values.
    fn claim(&mut self, rows: u64) -> Result<(), SyncCheckError> {
        self.rows = self.rows.saturating_add(rows);
        if self.rows > MAX_ROWS_PER_MESSAGE {
            return Err(SyncCheckError::TooManyOps);
        }
        Ok(())
    }
}

/// A change element: one or more whole chunks, back to back.
fn check_chunks(element: &[u8], budget: &mut Budget) -> Result<(), SyncCheckError> {
    let mut r = Reader::new(element);
    while !r.is_empty() {
        if r.take(4, "chunk header")? != MAGIC {
            return Err(SyncCheckError::Chunk("no chunk magic"));
        }
        r.take(4, "chunk header")?; // checksum: Automerge verifies it
        let kind = r.byte("chunk header")?;
        let length = r.uleb("chunk header")?;
        let data = r.take(length, "chunk")?;
        match kind {
            0 => check_document(data, budget)?,
            1 => check_change(data, budget)?,
            2 => {
                let change = inflate(data, budget)?;
                check_change(&change, budget)?;
            }
            _ => return Err(SyncCheckError::Chunk("a chunk type sync never carries")),
        }
    }
    Ok(())
}

/// A change chunk's body (`storage/change.rs`): deps, actor, seq, start op, time, message,
/// other actors, then op columns, which may not be compressed.
fn check_change(data: &[u8], budget: &mut Budget) -> Result<(), SyncCheckError> {
    let mut r = Reader::new(data);
    let deps = r.count("change dependencies", MAX_HASHES_PER_LIST)?;
    r.take(deps * 32, "change dependencies")?;
    r.prefixed("change actor")?;
    r.uleb("change seq")?;
    r.uleb("change start op")?;
    r.sleb("change time")?;
    r.prefixed("change message")?;
    let others = r.count("change actors", MAX_HASHES_PER_LIST)?;
    for _ in 0..others {
        r.prefixed("change actors")?;
    }
    let columns = column_specs(&mut r)?;
    if columns.iter().any(|(spec, _)| spec & DEFLATE_BIT != 0) {
        return Err(SyncCheckError::Chunk("a change with compressed columns"));
    }
    let mut rows = 0;
    for (spec, length) in columns.iter() {
        let column = r.take(*length, "change column")?;
        rows = rows.max(check_column(*spec, column)?);
    }
    budget.claim(rows)
}

/// A document chunk's body (`storage/document.rs`): actors, heads, change and op column specs,
/// then their data; compressed columns are inflated (within the budget) and checked too.
fn check_document(data: &[u8], budget: &mut Budget) -> Result<(), SyncCheckError> {
    let mut r = Reader::new(data);
    let actors = r.uleb("document actors")?;
    for _ in 0..actors {
        r.prefixed("document actors")?;
    }
    let heads = r.count("document heads", MAX_HASHES_PER_LIST)?;
    r.take(heads * 32, "document heads")?;
    let change_columns = column_specs(&mut r)?;
    let op_columns = column_specs(&mut r)?;
    let mut rows = 0;
    for (spec, length) in change_columns.iter().chain(op_columns.iter()) {
        let column = r.take(*length, "document column")?;
        let values = if spec & DEFLATE_BIT != 0 {
            let plain = inflate(column, budget)?;
            check_column(*spec, &plain)?
        } else {
            check_column(*spec, column)?
        };
        rows = rows.max(values);
    }
    budget.claim(rows)
}

/// Column specifications: a count, then (spec, length) pairs. The count is bounded by the
/// bytes left (each pair takes at least two), so the list cannot outgrow the input.
fn column_specs(r: &mut Reader<'_>) -> Result<Vec<(u64, u64)>, SyncCheckError> {
    let count = r.count("column specs", (r.remaining() / 2) as u64)?;
    let mut specs = Vec::new();
    for _ in 0..count {
        let spec = r.uleb("column specs")?;
        if spec > u64::from(u32::MAX) {
            return Err(SyncCheckError::BadNumber("column specs"));
        }
        specs.push((spec, r.uleb("column specs")?));
    }
    Ok(specs)
}

/// Counts the values a column expands to, by its type (the low three bits of its spec), without
/// expanding it, and returns the count.
fn check_column(spec: u64, column: &[u8]) -> Result<u64, SyncCheckError> {
    let mut r = Reader::new(column);
    let mut values: u64 = 0;
    let mut add = |n: u64| -> Result<(), SyncCheckError> {
        values = values.saturating_add(n);
        if values > MAX_COLUMN_VALUES {
            Err(SyncCheckError::ColumnTooLong)
        } else {
            Ok(())
        }
    };
    match spec & 0b111 {
        // Boolean: alternating run lengths.
        4 => {
            while !r.is_empty() {
                add(r.uleb("boolean column")?)?;
            }
        }
        // Raw value bytes: their count follows the metadata column.
        7 => {}
        kind => {
            // Run-length encoded: count > 0 is a run of one value, < 0 that many literals,
            // 0 a run of nulls whose length follows.
            let value = |r: &mut Reader<'_>| -> Result<(), SyncCheckError> {
                match kind {
                    3 => r.sleb("delta column").map(drop),
                    5 => r.prefixed("string column").map(drop),
                    _ => r.uleb("integer column").map(drop),
                }
            };
            while !r.is_empty() {
                let count = r.sleb("column run")?;
                if count > 0 {
                    add(count.unsigned_abs())?;
                    value(&mut r)?;
                } else if count < 0 {
                    let literals = count.unsigned_abs();
                    add(literals)?;
                    for _ in 0..literals {
                        value(&mut r)?;
                    }
                } else {
                    add(r.uleb("column run")?)?;
                }
            }
        }
    }
    Ok(values)
}

/// Raw DEFLATE (no zlib header), as Automerge writes it, inflated only while the message's
/// budget lasts.
fn inflate(data: &[u8], budget: &mut Budget) -> Result<Vec<u8>, SyncCheckError> {
    let room = MAX_INFLATED_BYTES.saturating_sub(budget.inflated);
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(data, room)
        .map_err(|_| SyncCheckError::Inflate)?;
    budget.inflated += plain.len();
    Ok(plain)
}

#[cfg(test)]
mod tests;
