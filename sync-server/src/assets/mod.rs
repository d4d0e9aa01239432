//! The built app, held in memory and served with the right headers.
//!
//! At start-up [`AssetStore::load`] reads every file under `dist/`, gzips the compressible ones
//! and hashes them for `ETag`s. Requests are then answered from memory: the app is about 2 MB in
//! all, and serving it this way costs no disk reads and no per-request compression.
//!
//! Brotli at its densest takes seconds of CPU for the wasm (about 17 s on this machine's debug
//! build, several in release), so it runs **after** start-up, on a background thread: the relay
//! prints its URL at once and serves gzip until each file's brotli form is ready, then brotli
//! (each representation has its own `ETag`, so no cache mixes them up).
//!
//! Caching: Trunk names the heavy files by content hash (`kehila-app-<hash>_bg.wasm`), so those are
//! `immutable` for a year; `index.html` and the service worker must be revalidated on every load
//! (`no-cache`) so a new build reaches users; other files get a short cache.
//!
//! Paths that are not files and have no extension are app routes (`/glossary`): they get
//! `index.html` and the app's router decides, which is how a shared link opens the right page.

use std::{
    collections::HashMap,
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, OnceLock},
};

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::{AppError, AppState, StartError};

/// Brotli quality for the one-time compression at start-up: 11 is the densest, and it runs once
/// per start, not per request.
const BROTLI_QUALITY: u32 = 11;
/// Brotli window (log2 of bytes): 22 is brotli's default and what browsers expect.
const BROTLI_WINDOW: u32 = 22;
/// Files smaller than this are served uncompressed: the saving would not pay for the headers.
const MIN_COMPRESS_BYTES: usize = 512;

/// Cache-Control for files whose name carries their content hash.
const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control for the entry points that must always be revalidated.
const CACHE_REVALIDATE: &str = "no-cache";
/// Cache-Control for other files (icons, manifest): an hour, then revalidate by ETag.
const CACHE_SHORT: &str = "public, max-age=3600";

/// The service worker's path. Unless the build has its own, the relay writes it from
/// `assets/sw.js` with the list of the build's files, so the app opens offline: the list is made
/// from exactly the files being served, and its version changes whenever any of them does.
pub const SERVICE_WORKER: &str = "sw.js";

fn service_worker(files: &HashMap<String, Asset>) -> String {
    let mut names: Vec<&String> = files.keys().collect();
    names.sort();
    let mut version = Sha256::new();
    for name in &names {
        version.update(name.as_bytes());
        version.update(files[*name].etag.as_bytes());
    }
    let version: String = version.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let precache: Vec<String> = names.iter().map(|n| format!("/{n}")).collect();
    include_str!("sw.js")
        .replace("__VERSION__", &version)
        .replace(
            "__PRECACHE__",
            &serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into()),
        )
}

/// Bytes made later, on another thread.
type Later = Arc<OnceLock<Arc<[u8]>>>;

/// One file of the app, in every encoding it is served in.
#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    cache_control: &'static str,
    etag: String,
    identity: Arc<[u8]>,
    /// Filled by the background compression (left empty when brotli is not smaller).
    brotli: Later,
    gzip: Option<Arc<[u8]>>,
}

/// The whole built app, keyed by its path relative to `dist/` (`"index.html"`, `"icon.svg"`).
#[derive(Debug)]
pub struct AssetStore {
    files: HashMap<String, Asset>,
    inline_script_hashes: Vec<String>,
}

impl AssetStore {
    /// Reads and compresses every file under `dist_dir`.
    ///
    /// # Errors
    /// [`StartError::AppNotBuilt`] when `dist_dir/index.html` is missing, [`StartError::ReadAsset`]
    /// when a file cannot be read.
    pub fn load(dist_dir: &Path) -> Result<Self, StartError> {
        let index = dist_dir.join("index.html");
        if !index.is_file() {
            return Err(StartError::AppNotBuilt { path: index });
        }
        let mut paths = Vec::new();
        collect_files(dist_dir, &mut paths)?;
        let mut files = HashMap::new();
        let mut inline_script_hashes = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|source| StartError::ReadAsset {
                path: path.clone(),
                source,
            })?;
            let Ok(relative) = path.strip_prefix(dist_dir) else {
                continue;
            };
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if key == "index.html" {
                inline_script_hashes = inline_script_sha256(&String::from_utf8_lossy(&bytes));
            }
            files.insert(key.clone(), Asset::new(&key, bytes));
        }
        if !files.contains_key(SERVICE_WORKER) {
            let worker = service_worker(&files);
            files.insert(
                SERVICE_WORKER.to_string(),
                Asset::new(SERVICE_WORKER, worker.into_bytes()),
            );
        }
        compress_brotli_later(&files);
        Ok(Self {
            files,
            inline_script_hashes,
        })
    }

    /// Base64 SHA-256 of each inline `<script>` in `index.html`, for the CSP.
    pub fn inline_script_hashes(&self) -> &[String] {
        &self.inline_script_hashes
    }

    /// How many files the app has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file was loaded (never, once `load` succeeded: `index.html` exists).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The asset a request path resolves to: the file itself, or `index.html` for an app route.
    fn resolve(&self, path: &str) -> Option<&Asset> {
        let key = path.trim_start_matches('/');
        let key = if key.is_empty() { "index.html" } else { key };
        if let Some(asset) = self.files.get(key) {
            return Some(asset);
        }
        let last_segment = key.rsplit('/').next().unwrap_or(key);
        if last_segment.contains('.') {
            None // a missing file (`/old-hash.wasm`) is a 404, never the app's HTML
        } else {
            self.files.get("index.html")
        }
    }
}

impl Asset {
    fn new(key: &str, bytes: Vec<u8>) -> Self {
        let content_type = content_type(key);
        let compressible = is_compressible(content_type) && bytes.len() >= MIN_COMPRESS_BYTES;
        let smaller = |packed: Vec<u8>| (packed.len() < bytes.len()).then(|| Arc::from(packed));
        let gzip = if compressible {
            smaller(compress_gzip(&bytes))
        } else {
            None
        };
        let digest = Sha256::digest(&bytes);
        let etag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..12]);
        Self {
            content_type,
            cache_control: cache_control(key),
            etag,
            identity: Arc::from(bytes),
            brotli: Arc::new(OnceLock::new()),
            gzip,
        }
    }
}

/// The fallback handler: serves the app's files and routes.
pub async fn serve(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
) -> Result<Response, AppError> {
    if method != Method::GET && method != Method::HEAD {
        return Err(AppError::MethodNotAllowed);
    }
    let asset = state.assets.resolve(uri.path()).ok_or(AppError::NotFound)?;
    let encoding = choose_encoding(&request_headers, asset);
    let etag = format!("\"{}-{}\"", asset.etag, encoding.name());
    let mut response = if if_none_match(&request_headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = match encoding {
            Encoding::Brotli => asset.brotli.get().cloned(),
            Encoding::Gzip => asset.gzip.clone(),
            Encoding::Identity => None,
        }
        .unwrap_or_else(|| asset.identity.clone());
        let mut response = Response::new(Body::from(body.to_vec()));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        if encoding != Encoding::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.name()),
            );
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(asset.cache_control),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }
}

/// Brotli if the client accepts it and we have it, else gzip, else the plain bytes.
fn choose_encoding(headers: &HeaderMap, asset: &Asset) -> Encoding {
    let accepted = accepted_encodings(headers);
    if asset.brotli.get().is_some() && accepted.iter().any(|e| e == "br") {
        Encoding::Brotli
    } else if asset.gzip.is_some() && accepted.iter().any(|e| e == "gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// The codings named in `Accept-Encoding`, minus those refused with `q=0`.
fn accepted_encodings(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next()?.to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (!refused && !name.is_empty()).then_some(name)
        })
        .collect()
}

fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        })
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), StartError> {
    let read_error = |source| StartError::ReadAsset {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn content_type(key: &str) -> &'static str {
    // Licences shipped beside third-party assets (the font's `fonts/LICENSE`) are plain text.
    if key.rsplit('/').next() == Some("LICENSE") {
        return "text/plain; charset=utf-8";
    }
    match key.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || matches!(
            content_type,
            "application/wasm" | "application/json" | "application/manifest+json" | "image/svg+xml"
        )
}

/// `no-cache` for the entry points, a year for content-hashed names, an hour otherwise.
fn cache_control(key: &str) -> &'static str {
    let file = key.rsplit('/').next().unwrap_or(key);
    if file == "index.html" || file == "sw.js" || file == "service-worker.js" {
        CACHE_REVALIDATE
    } else if has_content_hash(file) {
        CACHE_IMMUTABLE
    } else {
        CACHE_SHORT
    }
}

/// True for Trunk's hashed names: `<stem>-<16 hex digits>[_bg].<ext>`.
fn has_content_hash(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The CSP hash (base64 SHA-256) of every inline `<script>` body in `html`.
fn inline_script_sha256(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(open_end) = after_tag.find('>') else {
            break;
        };
        let open_tag = &after_tag[..open_end];
        let body_and_rest = &after_tag[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        let body = &body_and_rest[..close];
        if !open_tag.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// Compresses every compressible asset with brotli on a background thread, smallest first (the
/// HTML, CSS and script are ready within moments; the wasm last).
fn compress_brotli_later(files: &HashMap<String, Asset>) {
    let mut jobs: Vec<(Arc<[u8]>, Later)> = files
        .values()
        .filter(|asset| asset.gzip.is_some())
        .map(|asset| (asset.identity.clone(), asset.brotli.clone()))
        .collect();
    jobs.sort_by_key(|(bytes, _)| bytes.len());
    let spawned = std::thread::Builder::new()
        .name("kehila-brotli".into())
        .spawn(move || {
            for (bytes, slot) in jobs {
                let packed = compress_brotli(&bytes);
                if packed.len() < bytes.len() {
                    let _ = slot.set(Arc::from(packed));
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "cannot compress with brotli; serving gzip");
    }
}

fn compress_brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY as i32,
        lgwin: BROTLI_WINDOW as i32,
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn compress_gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests;
