//! The relay over real loopback sockets: health, the static app and its headers, and the `/sync`
//! transport rules.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use kehila_tests::{TestRelay, TEST_INDEX_HTML};
use reqwest::{header, StatusCode};
use sync_core::{
    limits::{CLOSE_MESSAGE_TOO_BIG, CLOSE_UNSUPPORTED_DATA, MAX_FRAME_BYTES},
    wire::WireMessage,
};
use tokio_tungstenite::tungstenite::Message;

/// How long a test waits for the relay to answer before failing (a hang is a failure, not a pass).
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

fn client() -> reqwest::Client {
    reqwest::Client::builder().build().expect("http client")
}

fn header_text(response: &reqwest::Response, name: header::HeaderName) -> String {
    response
        .headers()
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("missing header {name}"))
        .to_string()
}

#[tokio::test]
async fn healthz_answers_ok_with_security_headers() {
    let relay = TestRelay::start().await;
    let response = client().get(relay.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_text(&response, header::X_CONTENT_TYPE_OPTIONS),
        "nosniff"
    );
    assert_eq!(
        header_text(&response, header::REFERRER_POLICY),
        "no-referrer"
    );
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["status"], "ok");
    relay.stop().await;
}

#[tokio::test]
async fn the_relay_tells_its_clock_uncached_for_shared_timers() {
    let relay = TestRelay::start().await;
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let response = client().get(relay.url("/api/time")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_text(&response, header::CACHE_CONTROL), "no-store");
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let now = body["now"].as_u64().expect("a number of ms");
    assert!(now >= before && now < before + 5_000, "{now} vs {before}");
    relay.stop().await;
}

#[tokio::test]
async fn index_is_revalidated_and_its_inline_loader_is_allowed_by_hash_only() {
    let relay = TestRelay::start().await;
    let response = client().get(relay.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_text(&response, header::CACHE_CONTROL), "no-cache");
    assert!(header_text(&response, header::CONTENT_TYPE).starts_with("text/html"));
    let csp = header_text(&response, header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    // The hash of the one inline script of TEST_INDEX_HTML, computed independently here.
    let script = TEST_INDEX_HTML
        .split("<script type=\"module\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let expected = sha256_base64(script.as_bytes());
    assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
    assert_eq!(response.text().await.unwrap(), TEST_INDEX_HTML);
    relay.stop().await;
}

#[tokio::test]
async fn app_routes_fall_back_to_index_but_missing_files_are_404() {
    let relay = TestRelay::start().await;
    let http = client();
    for route in ["/glossary", "/documents/some-id", "/no-such-page"] {
        let response = http.get(relay.url(route)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{route}");
        assert_eq!(header_text(&response, header::CACHE_CONTROL), "no-cache");
        assert_eq!(response.text().await.unwrap(), TEST_INDEX_HTML, "{route}");
    }
    for missing in [
        "/kehila-app-ffffffffffffffff_bg.wasm",
        "/old.js",
        "/x/y.css",
    ] {
        let response = http.get(relay.url(missing)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        // Security headers apply to errors too.
        assert_eq!(
            header_text(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
    }
    let post = http.post(relay.url("/")).send().await.unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    relay.stop().await;
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_served_compressed() {
    let relay = TestRelay::start().await;
    let path = "/kehila-app-0123456789abcdef_bg.wasm";
    let original = std::fs::read(relay.folder.path().join("dist").join(&path[1..])).unwrap();
    let http = client();

    // Brotli is made after start-up, in the background: gzip until it is ready.
    let mut br = None;
    for _ in 0..600 {
        let response = http
            .get(relay.url(path))
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let encoding = header_text(&response, header::CONTENT_ENCODING);
        assert!(encoding == "br" || encoding == "gzip", "{encoding}");
        if encoding == "br" {
            br = Some(response);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let br = br.expect("brotli within a minute");
    assert_eq!(
        header_text(&br, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header_text(&br, header::CONTENT_TYPE), "application/wasm");
    assert_eq!(header_text(&br, header::CONTENT_ENCODING), "br");
    assert_eq!(header_text(&br, header::VARY), "accept-encoding");
    let etag = header_text(&br, header::ETAG);
    let packed = br.bytes().await.unwrap();
    assert!(
        packed.len() < original.len() / 4,
        "brotli barely compressed"
    );
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &packed[..], &mut unpacked).unwrap();
    assert_eq!(unpacked, original);

    let gz = http
        .get(relay.url(path))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header_text(&gz, header::CONTENT_ENCODING), "gzip");
    let packed = gz.bytes().await.unwrap();
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&packed[..]),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, original);

    let plain = http.get(relay.url(path)).send().await.unwrap();
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap(), original);

    let revalidated = http
        .get(relay.url(path))
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);

    let icon = http.get(relay.url("/icon.svg")).send().await.unwrap();
    assert_eq!(
        header_text(&icon, header::CACHE_CONTROL),
        "public, max-age=3600"
    );
    relay.stop().await;
}

#[tokio::test]
async fn oversize_frame_is_refused_with_1009_while_other_peers_keep_going() {
    let relay = TestRelay::start().await;
    let mut bystander = relay
        .connect_sync(Some(&relay.admin_token))
        .await
        .expect("bystander connects");
    let mut offender = relay
        .connect_sync(Some(&relay.admin_token))
        .await
        .expect("offender connects");

    // A valid message exactly at the limit is accepted: the relay answers the handshake.
    let at_limit = join_of_exact_size(MAX_FRAME_BYTES);
    assert_eq!(at_limit.len(), MAX_FRAME_BYTES);
    offender.send(Message::binary(at_limit)).await.unwrap();
    expect_peer(&mut offender).await;

    // One byte over: refused with "Message Too Big".
    let _ = offender
        .send(Message::binary(vec![0u8; MAX_FRAME_BYTES + 1]))
        .await;
    assert_eq!(next_close_code(&mut offender).await, CLOSE_MESSAGE_TOO_BIG);

    // The other peer is unaffected: it completes its handshake and answers pings.
    bystander
        .send(Message::binary(join_of_exact_size(200)))
        .await
        .unwrap();
    expect_peer(&mut bystander).await;
    assert_pong(&mut bystander).await;
    let mut newcomer = relay
        .connect_sync(Some(&relay.admin_token))
        .await
        .expect("a new peer connects after the refusal");
    assert_pong(&mut newcomer).await;
    relay.stop().await;
}

#[tokio::test]
async fn text_frames_are_refused_with_1003() {
    let relay = TestRelay::start().await;
    let mut peer = relay.connect_sync(Some(&relay.admin_token)).await.unwrap();
    peer.send(Message::text("{\"type\":\"join\"}"))
        .await
        .unwrap();
    assert_eq!(next_close_code(&mut peer).await, CLOSE_UNSUPPORTED_DATA);
    relay.stop().await;
}

/// A `join` padded (with a field the relay ignores) to exactly `size` bytes.
fn join_of_exact_size(size: usize) -> Vec<u8> {
    let encode = |padding: usize| {
        let mut e = minicbor::Encoder::new(Vec::new());
        e.map(4).unwrap();
        e.str("type").unwrap().str("join").unwrap();
        e.str("senderId").unwrap().str("big").unwrap();
        e.str("supportedProtocolVersions")
            .unwrap()
            .array(1)
            .unwrap()
            .str("1")
            .unwrap();
        e.str("padding")
            .unwrap()
            .bytes(&vec![0u8; padding])
            .unwrap();
        e.into_writer()
    };
    let overhead = encode(size / 2).len() - size / 2;
    encode(size - overhead)
}

/// The next frame is the relay's `peer` answer to a `join`.
async fn expect_peer(socket: &mut Socket) {
    let answer = tokio::time::timeout(ANSWER_WITHIN, socket.next())
        .await
        .expect("answered in time")
        .expect("socket open")
        .expect("socket healthy");
    assert!(matches!(
        WireMessage::decode(&answer.into_data()),
        Ok(WireMessage::Peer { .. })
    ));
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn assert_pong(socket: &mut Socket) {
    socket.send(Message::Ping(vec![7u8].into())).await.unwrap();
    let answer = tokio::time::timeout(ANSWER_WITHIN, async {
        while let Some(message) = socket.next().await {
            if let Message::Pong(payload) = message.expect("socket stays healthy") {
                return payload;
            }
        }
        panic!("socket ended before the pong");
    })
    .await
    .expect("pong within the deadline");
    assert_eq!(&answer[..], &[7u8]);
}

async fn next_close_code(socket: &mut Socket) -> u16 {
    tokio::time::timeout(ANSWER_WITHIN, async {
        while let Some(message) = socket.next().await {
            match message {
                Ok(Message::Close(Some(frame))) => return u16::from(frame.code),
                Ok(Message::Close(None)) => panic!("closed without a code"),
                Ok(_) => continue,
                Err(error) => panic!("connection broke instead of closing cleanly: {error}"),
            }
        }
        panic!("socket ended without a close frame");
    })
    .await
    .expect("close frame within the deadline")
}

fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bytes))
}

#[tokio::test]
async fn connections_over_the_limit_are_refused_until_one_closes() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_connections: 2,
        ..Default::default()
    })
    .await;
    let first = relay
        .connect_sync(Some(&relay.admin_token))
        .await
        .expect("first");
    let _second = relay
        .connect_sync(Some(&relay.admin_token))
        .await
        .expect("second");
    match relay.connect_sync(Some(&relay.admin_token)).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 503)
        }
        other => panic!(
            "the third connection must be refused with 503, got {:?}",
            other.map(|_| ())
        ),
    }
    drop(first);
    // The slot frees once the relay notices the close.
    let deadline = tokio::time::Instant::now() + ANSWER_WITHIN;
    loop {
        if relay.connect_sync(Some(&relay.admin_token)).await.is_ok() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the slot never freed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    relay.stop().await;
}

#[tokio::test]
async fn a_flooding_connection_is_closed_with_1008_and_others_are_unaffected() {
    let limits = sync_server::Limits {
        max_messages_per_second: 5.0,
        message_burst: 10.0,
        ..Default::default()
    };
    let relay = TestRelay::start_with_limits(limits).await;
    let mut calm = relay.connect_sync(Some(&relay.admin_token)).await.unwrap();
    let mut flood = relay.connect_sync(Some(&relay.admin_token)).await.unwrap();
    let join = join_of_exact_size(100);
    // After the handshake, messages the relay accepts and ignores: only the rate limit can end
    // this connection.
    let harmless = WireMessage::DocUnavailable {
        sender_id: "flood".into(),
        target_id: "relay".into(),
        document_id: sync_core::ids::DocumentId::from_random_bytes([1; 16]),
    }
    .encode();
    flood.send(Message::binary(join.clone())).await.unwrap();
    for _ in 0..50 {
        if flood.send(Message::binary(harmless.clone())).await.is_err() {
            break;
        }
    }
    assert_eq!(
        next_close_code(&mut flood).await,
        sync_core::limits::CLOSE_POLICY
    );
    calm.send(Message::binary(join)).await.unwrap();
    expect_peer(&mut calm).await;
    relay.stop().await;
}
