//! Mutations that know the layers of a frame: the CBOR message (fields swapped, ids forged,
//! counts and payloads stretched), the Automerge sync message inside it (hash lists, haves,
//! Bloom parameters, change chunks, compressed chunks) and the raw bytes of either.

use sync_core::{
    ids::DocumentId,
    wire::{WireMessage, PROTOCOL_VERSION},
};

/// A small deterministic generator (xorshift64*): runs repeat from their seed.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value).
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.bits() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Numbers at the edges: where parsers and arithmetic break.
    fn interesting(&mut self) -> u64 {
        *self.pick(&[
            0,
            1,
            2,
            7,
            0x7f,
            0x80,
            0xff,
            0xffff,
            u64::from(u32::MAX),
            u64::from(u32::MAX) + 1,
            1 << 28,
            1 << 31,
            i64::MAX as u64,
            u64::MAX,
        ])
    }
}

/// A mutated copy of some corpus frame (or, now and then, one built from scratch).
pub fn frame(corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let base = rng.pick(corpus).clone();
    match rng.below(10) {
        0 | 1 => bytes(base, corpus, rng),
        2 => synthetic_sync(rng),
        _ => match WireMessage::decode(&base) {
            Ok(message) => message_fields(message, rng).encode(),
            Err(_) => bytes(base, corpus, rng),
        },
    }
}

/// Field-level changes to a decoded message.
fn message_fields(message: WireMessage, rng: &mut Rng) -> WireMessage {
    let forged_peer = || "member-1".to_string();
    match message {
        WireMessage::Sync {
            sender_id,
            target_id,
            document_id,
            data,
        }
        | WireMessage::Request {
            sender_id,
            target_id,
            document_id,
            data,
        } => {
            let document_id = if rng.below(8) == 0 {
                DocumentId::from_random_bytes([rng.bits() as u8; 16])
            } else {
                document_id
            };
            let data = if rng.below(4) == 0 {
                sync_structure(rng)
            } else {
                bytes(data, &[], rng)
            };
            WireMessage::Sync {
                sender_id,
                target_id,
                document_id,
                data,
            }
        }
        WireMessage::Ephemeral {
            sender_id,
            target_id,
            document_id,
            count,
            session_id,
            data,
        } => {
            let long = "s".repeat(rng.below(10_000) as usize);
            WireMessage::Ephemeral {
                sender_id: if rng.below(4) == 0 {
                    forged_peer().into()
                } else {
                    sender_id
                },
                target_id,
                document_id,
                count: if rng.below(2) == 0 {
                    rng.interesting()
                } else {
                    count
                },
                session_id: if rng.below(3) == 0 {
                    format!("{}{long}", rng.bits())
                } else {
                    session_id
                },
                data: if rng.below(3) == 0 {
                    vec![0xa0; rng.below(20_000) as usize]
                } else {
                    bytes(data, &[], rng)
                },
            }
        }
        WireMessage::Join { .. } | WireMessage::Peer { .. } => WireMessage::Join {
            sender_id: if rng.below(2) == 0 {
                forged_peer().into()
            } else {
                format!("p{}", rng.bits()).into()
            },
            supported_protocol_versions: if rng.below(4) == 0 {
                vec![]
            } else {
                vec![PROTOCOL_VERSION.to_string()]
            },
            metadata: None,
        },
        other => match rng.below(3) {
            0 => WireMessage::Leave {
                sender_id: forged_peer().into(),
            },
            1 => WireMessage::Error {
                message: "x".repeat(rng.below(5000) as usize),
            },
            _ => other,
        },
    }
}

/// Raw byte mutations: flips, edge values, insertions, deletions, truncation, splices.
fn bytes(mut data: Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        let len = data.len().max(1) as u64;
        let at = rng.below(len) as usize;
        let last = data.len().saturating_sub(1);
        match rng.below(7) {
            0 if !data.is_empty() => data[at.min(last)] ^= 1 << rng.below(8),
            1 if !data.is_empty() => data[at.min(last)] = rng.interesting() as u8,
            2 => {
                let at = at.min(data.len());
                data.splice(at..at, leb(rng.interesting()));
            }
            3 if !data.is_empty() => {
                let end = (at + rng.below(16) as usize).min(data.len());
                data.drain(at.min(end)..end);
            }
            4 => data.truncate(at),
            5 if !corpus.is_empty() => {
                let other = rng.pick(corpus);
                let from = rng.below(other.len().max(1) as u64) as usize;
                let at = at.min(data.len());
                data.splice(at..at, other[from.min(other.len())..].iter().copied());
            }
            _ => data.extend(leb(rng.interesting())),
        }
    }
    data
}

/// A sync frame around [`synthetic_sync`] for the attacked document.
fn synthetic_sync(rng: &mut Rng) -> Vec<u8> {
    WireMessage::Sync {
        sender_id: "attacker".into(),
        target_id: "relay".into(),
        document_id: super::document(),
        data: sync_structure(rng),
    }
    .encode()
}

/// An Automerge sync message built field by field with hostile values: hash lists (sorted or
/// not, long or empty), haves with Bloom parameters at the edges, and change elements that are
/// real-looking chunks, unknown chunk types, compressed chunks or run-length bombs.
fn sync_structure(rng: &mut Rng) -> Vec<u8> {
    let mut m = vec![*rng.pick(&[0x42, 0x43, 0x44, 0x00])];
    for _ in 0..2 {
        let n = rng.below(4);
        m.extend(leb(n));
        for _ in 0..n {
            m.extend([rng.bits() as u8; 32]);
        }
    }
    let haves = rng.below(3);
    m.extend(leb(haves));
    for _ in 0..haves {
        m.extend(leb(0));
        let mut bloom = Vec::new();
        if rng.below(4) != 0 {
            bloom.extend(leb(rng.interesting() % 4096));
            bloom.extend(leb(rng.interesting()));
            bloom.extend(leb(rng.interesting()));
            bloom.extend(vec![0u8; rng.below(64) as usize]);
        }
        m.extend(leb(bloom.len() as u64));
        m.extend(bloom);
    }
    let elements = rng.below(3);
    m.extend(leb(elements));
    for _ in 0..elements {
        let chunk = chunk(rng);
        m.extend(leb(chunk.len() as u64));
        m.extend(chunk);
    }
    if rng.below(2) == 0 {
        m.extend([1, 0x80 | rng.below(8) as u8]);
    }
    m
}

/// A chunk: a change with a hostile op column, possibly compressed, or a stray type.
fn chunk(rng: &mut Rng) -> Vec<u8> {
    let mut change = vec![0, 1, 0xaa, 1, 1, 0, 0, 0]; // no deps, actor [aa], seq 1, op 1
    let mut column = Vec::new();
    column.extend(sleb(rng.interesting() as i64));
    column.extend(leb(rng.interesting()));
    change.push(1);
    change.extend(leb(*rng.pick(&[0x42, 0x4a, 0x15, 0x34, 0x07])));
    change.extend(leb(column.len() as u64));
    change.extend(column);
    let (kind, data) = match rng.below(4) {
        0 => (2, miniz_oxide::deflate::compress_to_vec(&change, 6)),
        1 => (
            2,
            miniz_oxide::deflate::compress_to_vec(&vec![0; rng.below(1 << 20) as usize], 9),
        ),
        2 => (*rng.pick(&[0, 3, 4, 0xff]), change),
        _ => (1, change),
    };
    let mut c = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, kind];
    c.extend(leb(data.len() as u64));
    c.extend(data);
    c
}

/// Unsigned LEB128, as Automerge writes lengths and counts.
pub fn leb(mut value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(mut value: i64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0) {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}
