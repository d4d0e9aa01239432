//! The codec against what real peers send: round trips, JS cbor-x frames, hostile bytes.

use super::*;

fn doc() -> DocumentId {
    DocumentId::from_random_bytes([3; 16])
}

#[test]
fn every_message_round_trips() {
    let messages = vec![
        WireMessage::Join {
            sender_id: "peer-a".into(),
            supported_protocol_versions: vec!["1".into()],
            metadata: Some(PeerMetadata {
                storage_id: None,
                is_ephemeral: true,
            }),
        },
        WireMessage::Peer {
            sender_id: "relay".into(),
            target_id: "peer-a".into(),
            selected_protocol_version: "1".into(),
            metadata: Some(PeerMetadata {
                storage_id: Some("0f7e4c2a-0000-4000-8000-000000000000".into()),
                is_ephemeral: false,
            }),
        },
        WireMessage::Request {
            sender_id: "a".into(),
            target_id: "b".into(),
            document_id: doc(),
            data: vec![0x42, 1],
        },
        WireMessage::Sync {
            sender_id: "a".into(),
            target_id: "b".into(),
            document_id: doc(),
            data: vec![0x42, 2],
        },
        WireMessage::DocUnavailable {
            sender_id: "a".into(),
            target_id: "b".into(),
            document_id: doc(),
        },
        WireMessage::Ephemeral {
            sender_id: "a".into(),
            target_id: "b".into(),
            document_id: doc(),
            count: 9,
            session_id: "s1".into(),
            data: vec![0xa0],
        },
        WireMessage::Error {
            message: "unsupported protocol version".into(),
        },
        WireMessage::Leave {
            sender_id: "a".into(),
        },
    ];
    for message in messages {
        assert_eq!(WireMessage::decode(&message.encode()), Ok(message.clone()));
    }
}

/// The `join` a JS automerge-repo 2.5 client without storage sends, byte for byte as cbor-x
/// writes it: map16 headers and `undefined` for the missing storageId.
#[test]
fn decodes_a_js_join_with_map16_and_undefined() {
    let mut bytes = vec![0xb9, 0x00, 0x04];
    let text = |s: &str| {
        let mut out = vec![0x60 | s.len() as u8];
        out.extend_from_slice(s.as_bytes());
        out
    };
    bytes.extend(text("type"));
    bytes.extend(text("join"));
    bytes.extend(text("senderId"));
    bytes.extend(text("peer-abc"));
    bytes.extend(text("peerMetadata"));
    bytes.extend([0xb9, 0x00, 0x02]);
    bytes.extend(text("storageId"));
    bytes.push(0xf7);
    bytes.extend(text("isEphemeral"));
    bytes.push(0xf5);
    bytes.extend([0x78, 25]);
    bytes.extend_from_slice(b"supportedProtocolVersions");
    bytes.extend([0x81, 0x61, b'1']);
    assert_eq!(
        WireMessage::decode(&bytes),
        Ok(WireMessage::Join {
            sender_id: "peer-abc".into(),
            supported_protocol_versions: vec!["1".into()],
            metadata: Some(PeerMetadata {
                storage_id: None,
                is_ephemeral: true
            }),
        })
    );
}

#[test]
fn float_counts_and_unknown_keys_are_accepted() {
    let mut e = Encoder::new(Vec::new());
    e.map(8).unwrap();
    e.str("type").unwrap().str("ephemeral").unwrap();
    e.str("senderId").unwrap().str("a").unwrap();
    e.str("targetId").unwrap().str("b").unwrap();
    e.str("documentId")
        .unwrap()
        .str(&doc().to_string())
        .unwrap();
    e.str("count").unwrap().f64(4_294_967_296.0).unwrap();
    e.str("sessionId").unwrap().str("s").unwrap();
    e.str("data").unwrap().bytes(&[0xa0]).unwrap();
    e.str("futureField")
        .unwrap()
        .array(1)
        .unwrap()
        .u8(1)
        .unwrap();
    let decoded = WireMessage::decode(&e.into_writer()).unwrap();
    assert!(matches!(
        decoded,
        WireMessage::Ephemeral {
            count: 4_294_967_296,
            ..
        }
    ));
}

#[test]
fn malformed_input_is_an_error_never_a_panic() {
    let valid = WireMessage::Sync {
        sender_id: "a".into(),
        target_id: "b".into(),
        document_id: doc(),
        data: vec![1, 2, 3],
    }
    .encode();
    // Every truncation of a valid message, and every single-byte corruption, decodes to
    // an error or a message — never a panic.
    for end in 0..valid.len() {
        assert!(
            WireMessage::decode(&valid[..end]).is_err(),
            "truncated at {end}"
        );
    }
    for i in 0..valid.len() {
        for byte in [0x00, 0x1f, 0x5f, 0x7f, 0x9f, 0xbf, 0xff, 0xf7] {
            let mut corrupt = valid.clone();
            corrupt[i] = byte;
            let _ = WireMessage::decode(&corrupt);
        }
    }
    let mut trailing = valid.clone();
    trailing.push(0);
    assert_eq!(
        WireMessage::decode(&trailing),
        Err(DecodeError::TrailingBytes)
    );
    assert_eq!(WireMessage::decode(&[0x01]), Err(DecodeError::NotAMap));
    assert!(
        matches!(WireMessage::decode(&[0xa1, 0x64, b't', b'y', b'p', b'e', 0x63, b'f', b'o', b'o']), Err(DecodeError::UnknownType(t)) if t == "foo")
    );
    // A deeply nested value under an unknown key must not overflow the stack.
    let mut deep = vec![0xa1, 0x61, b'x'];
    deep.extend(std::iter::repeat_n(0x81, 100_000));
    deep.push(0x00);
    assert!(WireMessage::decode(&deep).is_err());
}
