//! Security headers added to every response the relay sends.

use axum::{
    http::{header, HeaderValue},
    response::Response,
};

/// The Content-Security-Policy for Kehila.
///
/// Everything comes from the relay itself (`'self'`): no CDN, font, analytics or tracker can load.
/// `'wasm-unsafe-eval'` lets the page compile its own WebAssembly (and nothing else: no `eval`).
/// Trunk's loader is one inline `<script type="module">`; instead of `'unsafe-inline'` the relay
/// allows exactly the inline scripts of the `index.html` it serves, by hash (`inline_script_hashes`,
/// computed when the app is loaded).
pub fn content_security_policy(inline_script_hashes: &[String]) -> HeaderValue {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes {
        script_src.push_str(&format!(" 'sha256-{hash}'"));
    }
    let policy = format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    // Hashes are base64 and the rest is ASCII, so the value is always a valid header.
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Adds the CSP and the other protective headers to `response`.
pub async fn add_security_headers(mut response: Response, csp: HeaderValue) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    response
}
