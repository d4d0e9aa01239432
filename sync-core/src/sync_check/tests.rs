//! What real Automerge sends passes; what makes Automerge panic or balloon is refused.

use automerge::{
    sync::{self, SyncDoc},
    transaction::Transactable,
    AutoCommit, Automerge, ObjType, ReadDoc, ROOT,
};

use super::*;

/// Syncs `a` into a fresh document, checking every message both ways; returns the copy.
fn sync_checked(a: &mut Automerge) -> Automerge {
    let mut b = Automerge::new();
    let (mut sa, mut sb) = (sync::State::new(), sync::State::new());
    for _ in 0..20 {
        let mut quiet = true;
        if let Some(m) = a.generate_sync_message(&mut sa) {
            let bytes = m.encode();
            check_sync_message(&bytes).expect("a real message passes");
            b.receive_sync_message(&mut sb, sync::Message::decode(&bytes).unwrap())
                .unwrap();
            quiet = false;
        }
        if let Some(m) = b.generate_sync_message(&mut sb) {
            let bytes = m.encode();
            check_sync_message(&bytes).expect("a real message passes");
            a.receive_sync_message(&mut sa, sync::Message::decode(&bytes).unwrap())
                .unwrap();
            quiet = false;
        }
        if quiet {
            break;
        }
    }
    b
}

fn glossary_like(entries: usize) -> Automerge {
    let mut doc = AutoCommit::new();
    let list = doc.put_object(ROOT, "entries", ObjType::Map).unwrap();
    for i in 0..entries {
        let entry = doc
            .put_object(&list, format!("e{i}"), ObjType::Map)
            .unwrap();
        doc.put(&entry, "he", format!("מונח {i}")).unwrap();
        let text = doc.put_object(&entry, "definition", ObjType::Text).unwrap();
        doc.splice_text(&text, 0, 0, &"הגדרה ארוכה למדי של המונח ".repeat(4))
            .unwrap();
        doc.commit();
    }
    doc.document().clone()
}

#[test]
fn every_message_of_a_real_sync_passes_and_the_content_arrives() {
    // Large enough that the first sync carries compressed document columns.
    let mut a = glossary_like(300);
    let b = sync_checked(&mut a);
    assert_eq!(b.get_heads(), a.get_heads());
    let entries = b.get(ROOT, "entries").unwrap().unwrap().1;
    assert_eq!(b.length(&entries), 300);

    // Then incremental changes, one way and the other.
    let mut c = AutoCommit::load(&a.save()).unwrap();
    c.put(ROOT, "title", "מילון").unwrap();
    c.commit();
    let mut a = c.document().clone();
    let b = sync_checked(&mut a);
    assert_eq!(
        b.get(ROOT, "title").unwrap().unwrap().0.to_string(),
        "\"מילון\""
    );
}

/// `0x42`, no heads, no needs, one have with no last-sync and these Bloom bytes, no changes.
fn with_bloom(bloom: &[u8]) -> Vec<u8> {
    let mut m = vec![0x42, 0, 0, 1, 0, bloom.len() as u8];
    m.extend_from_slice(bloom);
    m.push(0);
    m
}

#[test]
fn a_bloom_filter_automerge_would_divide_by_zero_on_is_refused() {
    // One entry, zero bits per entry, 7 probes: Automerge's probe computation takes `% 0`.
    assert_eq!(
        check_sync_message(&with_bloom(&[1, 0, 7])),
        Err(SyncCheckError::Bloom("bits per entry out of range"))
    );
    // The ten-byte frame of the report is exactly this, and an ordinary filter is fine.
    assert_eq!(with_bloom(&[1, 0, 7]).len(), 10);
    assert_eq!(check_sync_message(&with_bloom(&[1, 10, 7, 0, 0])), Ok(()));
    assert_eq!(check_sync_message(&with_bloom(&[])), Ok(()));
}

#[test]
fn a_huge_probe_count_is_refused_before_anything_allocates() {
    // 2^32 - 1 probes: a 16 GiB vector per probed hash.
    let bloom = [1, 10, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0];
    assert_eq!(
        check_sync_message(&with_bloom(&bloom)),
        Err(SyncCheckError::Bloom("probe count out of range"))
    );
    // A filter shorter than its declared size.
    assert!(check_sync_message(&with_bloom(&[100, 10, 7, 0])).is_err());
}

/// A message whose only change element is `chunk`.
fn with_chunk(chunk: &[u8]) -> Vec<u8> {
    let mut m = vec![0x42, 0, 0, 0, 1];
    leb(&mut m, chunk.len() as u64);
    m.extend_from_slice(chunk);
    m
}

fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut value: i64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0) {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn chunk(kind: u8, data: &[u8]) -> Vec<u8> {
    let mut c = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, kind];
    leb(&mut c, data.len() as u64);
    c.extend_from_slice(data);
    c
}

/// A change body with one action column (spec 0x42) holding `column`.
fn change_with_column(column: &[u8]) -> Vec<u8> {
    let mut c = vec![0, 1, 0xaa, 1, 1, 0, 0, 0]; // no deps, actor [aa], seq 1, op 1, t 0, "", none
    c.push(1);
    leb(&mut c, 0x42);
    leb(&mut c, column.len() as u64);
    c.extend_from_slice(column);
    c
}

#[test]
fn a_compressed_chunk_bomb_is_refused_without_inflating_it_all() {
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; MAX_INFLATED_BYTES + 1024], 6);
    assert!(
        bomb.len() < MAX_INFLATED_BYTES / 100,
        "a bomb: {}",
        bomb.len()
    );
    assert_eq!(
        check_sync_message(&with_chunk(&chunk(2, &bomb))),
        Err(SyncCheckError::Inflate)
    );
    // Not DEFLATE at all.
    assert_eq!(
        check_sync_message(&with_chunk(&chunk(2, &[0xff; 16]))),
        Err(SyncCheckError::Inflate)
    );
}

#[test]
fn a_run_claiming_billions_of_ops_is_refused() {
    let mut column = Vec::new();
    sleb(&mut column, 1 << 40);
    leb(&mut column, 1);
    assert_eq!(
        check_sync_message(&with_chunk(&chunk(1, &change_with_column(&column)))),
        Err(SyncCheckError::ColumnTooLong)
    );
    // The same run inside a compressed change.
    let compressed = miniz_oxide::deflate::compress_to_vec(&change_with_column(&column), 6);
    assert_eq!(
        check_sync_message(&with_chunk(&chunk(2, &compressed))),
        Err(SyncCheckError::ColumnTooLong)
    );
    // i64::MIN as a run length (Automerge takes its absolute value).
    let mut column = Vec::new();
    sleb(&mut column, i64::MIN);
    assert!(check_sync_message(&with_chunk(&chunk(1, &change_with_column(&column)))).is_err());
    // A modest run is fine.
    let mut column = Vec::new();
    sleb(&mut column, 3);
    leb(&mut column, 1);
    assert_eq!(
        check_sync_message(&with_chunk(&chunk(1, &change_with_column(&column)))),
        Ok(())
    );
}

#[test]
fn unsorted_heads_unknown_chunks_and_bad_versions_are_refused() {
    let mut m = vec![0x42, 2];
    m.extend_from_slice(&[2; 32]);
    m.extend_from_slice(&[1; 32]);
    m.extend_from_slice(&[0, 0, 0]);
    assert_eq!(
        check_sync_message(&m),
        Err(SyncCheckError::Unsorted("heads"))
    );
    assert_eq!(
        check_sync_message(&[0x44, 0, 0, 0, 0]),
        Err(SyncCheckError::Version(0x44))
    );
    assert!(
        check_sync_message(&with_chunk(&chunk(3, &[]))).is_err(),
        "bundles"
    );
    assert!(check_sync_message(&with_chunk(b"not a chunk")).is_err());
    let mut too_many = vec![0x42];
    leb(&mut too_many, MAX_HASHES_PER_LIST + 1);
    assert!(matches!(
        check_sync_message(&too_many),
        Err(SyncCheckError::TooMany { .. })
    ));
}

#[test]
fn no_truncation_or_byte_flip_of_a_real_message_panics() {
    let mut a = glossary_like(20);
    let mut state = sync::State::new();
    let b = Automerge::new();
    let mut sb = sync::State::new();
    let first = b.generate_sync_message(&mut sb).unwrap();
    a.receive_sync_message(&mut state, first).unwrap();
    let message = a.generate_sync_message(&mut state).unwrap().encode();
    for end in 0..message.len() {
        let _ = check_sync_message(&message[..end]);
    }
    // A small deterministic generator (no dependency): every flip is checked, none panics.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut copy = message.clone();
        let at = (seed as usize) % copy.len();
        copy[at] ^= (seed >> 32) as u8 | 1;
        let _ = check_sync_message(&copy);
    }
}

#[test]
fn many_chunks_within_the_column_limit_are_refused_together() {
    let mut column = Vec::new();
    sleb(&mut column, (MAX_COLUMN_VALUES / 2) as i64);
    leb(&mut column, 1);
    let one = chunk(1, &change_with_column(&column));
    // One chunk is fine; enough of them in one element claim more ops than a message may.
    assert_eq!(check_sync_message(&with_chunk(&one)), Ok(()));
    let many: Vec<u8> = one
        .iter()
        .copied()
        .cycle()
        .take(one.len() * (2 * (MAX_ROWS_PER_MESSAGE / MAX_COLUMN_VALUES) as usize + 1))
        .collect();
    assert_eq!(
        check_sync_message(&with_chunk(&many)),
        Err(SyncCheckError::TooManyOps)
    );
}
