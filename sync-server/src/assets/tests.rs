//! The asset store: hashed names, cache policy, content types, the service worker's precache list, CSP hashes, encodings.

use super::*;

#[test]
fn trunk_hashed_names_are_recognised() {
    assert!(has_content_hash("kehila-app-1a2b3c4d5e6f7a8b_bg.wasm"));
    assert!(has_content_hash("kehila-app-1a2b3c4d5e6f7a8b.js"));
    assert!(has_content_hash("kehila-0123456789abcdef.css"));
    assert!(!has_content_hash("index.html"));
    assert!(!has_content_hash("manifest.webmanifest"));
    assert!(!has_content_hash("icon-192.png"));
    assert!(!has_content_hash("service-worker.js"));
}

#[test]
fn cache_policy_per_file() {
    assert_eq!(cache_control("index.html"), CACHE_REVALIDATE);
    assert_eq!(cache_control("sw.js"), CACHE_REVALIDATE);
    assert_eq!(
        cache_control("kehila-app-1a2b3c4d5e6f7a8b_bg.wasm"),
        CACHE_IMMUTABLE
    );
    assert_eq!(cache_control("icon.svg"), CACHE_SHORT);
    assert_eq!(
        cache_control("fonts/heebo-hebrew-wght-normal.woff2"),
        CACHE_SHORT
    );
}

#[test]
fn content_types_for_shipped_files() {
    assert_eq!(
        content_type("fonts/heebo-latin-wght-normal.woff2"),
        "font/woff2"
    );
    assert_eq!(content_type("fonts/LICENSE"), "text/plain; charset=utf-8");
    assert_eq!(content_type("kehila-app_bg.wasm"), "application/wasm");
    assert_eq!(content_type("blob"), "application/octet-stream");
}

#[test]
fn the_service_worker_precaches_every_file_and_its_version_follows_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
    std::fs::write(
        dir.path().join("kehila-app-1a2b3c4d5e6f7a8b_bg.wasm"),
        b"\0asm",
    )
    .unwrap();
    let worker = |store: &AssetStore| {
        String::from_utf8(store.files[SERVICE_WORKER].identity.to_vec()).unwrap()
    };
    let first = AssetStore::load(dir.path()).unwrap();
    let text = worker(&first);
    assert!(
        text.contains(r#"["/index.html","/kehila-app-1a2b3c4d5e6f7a8b_bg.wasm"]"#),
        "{text}"
    );
    assert!(!text.contains("__VERSION__") && !text.contains("__PRECACHE__"));
    assert_eq!(first.files[SERVICE_WORKER].cache_control, CACHE_REVALIDATE);

    std::fs::write(dir.path().join("index.html"), "<html>new</html>").unwrap();
    let second = AssetStore::load(dir.path()).unwrap();
    assert_ne!(
        worker(&first),
        worker(&second),
        "a new build is a new version"
    );
}

#[test]
fn inline_scripts_are_hashed_and_external_ones_skipped() {
    let html = r#"<head><script src="/a.js"></script><script type="module">boot()</script></head>"#;
    let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"boot()"));
    assert_eq!(inline_script_sha256(html), vec![expected]);
}

#[test]
fn refused_encodings_are_not_chosen() {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT_ENCODING,
        HeaderValue::from_static("gzip, br;q=0"),
    );
    assert_eq!(accepted_encodings(&headers), vec!["gzip".to_string()]);
}
