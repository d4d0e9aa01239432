//! Limits before a request is authenticated: header timeout, body size.

use std::time::Duration;

use kehila_tests::TestRelay;
use reqwest::StatusCode;

#[tokio::test]
async fn a_slowloris_client_is_cut_off_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        header_read_timeout: Duration::from_secs(1),
        ..Default::default()
    })
    .await;
    let mut tcp = tokio::net::TcpStream::connect(relay.addr).await.unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: kehila\r\n")
        .await
        .unwrap();
    let started = tokio::time::Instant::now();
    let mut closed = false;
    for _ in 0..40 {
        // One more header line every 200 ms: never finishing the request.
        if tcp.write_all(b"X-Slow: 1\r\n").await.is_err() {
            closed = true;
            break;
        }
        let mut buffer = [0u8; 256];
        match tokio::time::timeout(Duration::from_millis(200), tcp.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(_)) => {} // a 408 may come first; the close follows
            Err(_) => {}
        }
    }
    assert!(closed, "the connection is still open");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // A client that connects and says nothing at all is cut off the same way.
    let mut silent = tokio::net::TcpStream::connect(relay.addr).await.unwrap();
    let mut buffer = [0u8; 256];
    let outcome = tokio::time::timeout(Duration::from_secs(4), silent.read(&mut buffer)).await;
    assert!(
        matches!(outcome, Ok(Ok(0) | Err(_))),
        "a silent connection is still open: {outcome:?}"
    );
    // Honest requests still work.
    let ok = reqwest::get(relay.url("/healthz")).await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    relay.stop().await;
}

#[tokio::test]
async fn api_bodies_are_capped_before_they_are_read() {
    let relay = TestRelay::start().await;
    let huge = format!(
        r#"{{"invite":"{}"}}"#,
        "x".repeat(sync_server::API_BODY_LIMIT * 4)
    );
    let response = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    relay.stop().await;
}
