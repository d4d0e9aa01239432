//! Helpers for Kehila's cross-crate tests: start a real relay on a free loopback port, serving a
//! small app folder, and stop it when the test ends.
//!
//! The integration tests live in `it/` (one binary, one module per area). [`fuzz`] is the
//! structure-aware fuzzer (`cargo xtask fuzz`, and a short run inside the tests). The browser end-to-end
//! suite lives in `e2e/` (Playwright) and is run by `cargo xtask test`.

pub mod fuzz;
pub mod member;

use std::{net::SocketAddr, path::Path};

pub use member::TestMember;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// A relay running in this process on `127.0.0.1:<free port>`.
pub struct TestRelay {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The first admin invite's token (Bearer token for scripts and tests).
    pub admin_token: String,
    /// Its dist and data folders; deleted when the relay is dropped.
    pub folder: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// The `index.html` the test app serves: like Trunk's, with one inline module script.
pub const TEST_INDEX_HTML: &str = r#"<!doctype html><html lang="he" dir="rtl"><head><script type="module">import init from '/kehila-app-0123456789abcdef.js'; init();</script></head><body></body></html>"#;

impl TestRelay {
    /// Starts a relay serving a small app: `index.html`, a hashed JS file and a large hashed
    /// wasm file (so compression is exercised), and an unhashed icon.
    ///
    /// # Panics
    /// If the temporary folder or the listener cannot be set up — the test cannot run then.
    pub async fn start() -> TestRelay {
        Self::start_with_limits(sync_server::Limits::default()).await
    }

    /// Starts a relay like [`TestRelay::start`], with lowered `limits`.
    pub async fn start_with_limits(limits: sync_server::Limits) -> TestRelay {
        let folder = tempfile::tempdir().expect("temporary folder");
        write_test_app(&folder.path().join("dist"));
        Self::start_in(folder, limits).await
    }

    /// Stops this relay and starts a new one on the same folders (its data survives).
    pub async fn restart(self) -> TestRelay {
        self.restart_with(sync_server::Limits::default()).await
    }

    /// [`TestRelay::restart`] with `limits`.
    pub async fn restart_with(mut self, limits: sync_server::Limits) -> TestRelay {
        let folder = std::mem::replace(
            &mut self.folder,
            tempfile::tempdir().expect("temporary folder"),
        );
        self.stop().await;
        Self::start_in(folder, limits).await
    }

    async fn start_in(folder: tempfile::TempDir, limits: sync_server::Limits) -> TestRelay {
        let dist = folder.path().join("dist");
        let mut config = sync_server::Config::new(dist, folder.path().join("data"));
        config.limits = limits;
        let relay = sync_server::app(&config).expect("the relay starts");
        let token_file = folder.path().join("admin-token");
        let admin_token = match relay.first_admin_invite {
            Some(token) => {
                std::fs::write(&token_file, &token).expect("remember the admin token");
                token
            }
            None => std::fs::read_to_string(&token_file).expect("admin token from the first start"),
        };
        let router = relay.router;
        let header_timeout = limits.header_read_timeout;
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            sync_server::serve(listener, router, shutdown, header_timeout)
                .await
                .expect("the relay serves");
        });
        TestRelay {
            addr,
            admin_token,
            folder,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `ws://127.0.0.1:<port><path>`.
    pub fn ws_url(&self, path: &str) -> String {
        format!("ws://{}{}", self.addr, path)
    }

    /// Opens a WebSocket to `/sync` presenting `token` (if any) as `Authorization: Bearer`.
    ///
    /// # Errors
    /// The handshake's error (an HTTP 401 for a refused token, for instance).
    pub async fn connect_sync(
        &self,
        token: Option<&str>,
    ) -> Result<member::Socket, tokio_tungstenite::tungstenite::Error> {
        connect_sync(&self.ws_url("/sync"), token).await
    }

    /// Shuts the relay down gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// The string at `key` in the document's root, whether written as collaborative text (Kehila,
/// automerge-js 3) or as a scalar string; empty when absent.
pub fn text_at(doc: &automerge::Automerge, key: &str) -> String {
    use automerge::ReadDoc;
    match doc.get(automerge::ROOT, key).ok().flatten() {
        Some((automerge::Value::Object(automerge::ObjType::Text), id)) => {
            doc.text(&id).unwrap_or_default()
        }
        Some((value, _)) => value.as_str().map(str::to_string).unwrap_or_default(),
        None => String::new(),
    }
}

/// Opens a WebSocket to `url` presenting `token` (if any) as `Authorization: Bearer`.
///
/// # Errors
/// The handshake's error (an HTTP 401 for a refused token, for instance).
pub async fn connect_sync(
    url: &str,
    token: Option<&str>,
) -> Result<member::Socket, tokio_tungstenite::tungstenite::Error> {
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue};
    let mut request = url.into_client_request()?;
    if let Some(token) = token {
        let value =
            HeaderValue::from_str(&format!("Bearer {token}")).expect("tokens are header-safe");
        request.headers_mut().insert("authorization", value);
    }
    Ok(tokio_tungstenite::connect_async(request).await?.0)
}

/// The relay as a separate process (for SIGKILL tests and the benchmark), serving
/// `folder/dist` with its data in `folder/data`.
pub struct RelayProcess {
    child: std::process::Child,
    /// `ws://127.0.0.1:<port>/sync`.
    pub url: String,
    /// The admin invite printed on the first start of this data folder.
    pub first_admin_invite: Option<String>,
}

impl RelayProcess {
    /// Starts `binary` on a free port and reads its URL (and first-start invite) from stdout.
    ///
    /// # Panics
    /// If the process cannot start or does not print its URL.
    pub fn start(binary: impl AsRef<std::ffi::OsStr>, folder: &Path) -> RelayProcess {
        use std::io::{BufRead, BufReader};
        let mut child = std::process::Command::new(binary)
            .args(["--host", "127.0.0.1", "--port", "0", "--data-dir"])
            .arg(folder.join("data"))
            .arg("--dist-dir")
            .arg(folder.join("dist"))
            .env(
                "KEHILA_LOG",
                std::env::var("KEHILA_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the relay process");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("relay stdout");
        let address = line
            .trim()
            .strip_prefix("Kehila is running at http://")
            .expect("the relay prints its URL")
            .trim_end_matches('/')
            .to_string();
        let mut first_admin_invite = None;
        loop {
            line.clear();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 || line.starts_with("Data folder") {
                break;
            }
            if let Some((_, token)) = line.trim().split_once("#invite=") {
                first_admin_invite = Some(token.to_string());
            }
        }
        // Keep reading, so the relay never writes into a closed pipe.
        std::thread::spawn(move || stdout.lines().for_each(drop));
        RelayProcess {
            child,
            url: format!("ws://{address}/sync"),
            first_admin_invite,
        }
    }

    /// The process id (to read its memory use).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_test_app(dist: &Path) {
    std::fs::create_dir_all(dist).expect("dist folder");
    std::fs::write(dist.join("index.html"), TEST_INDEX_HTML).expect("index.html");
    std::fs::write(
        dist.join("kehila-app-0123456789abcdef.js"),
        "export default function init() {}\n".repeat(64),
    )
    .expect("js");
    // Repetitive bytes compress well, like real wasm does.
    let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(dist.join("kehila-app-0123456789abcdef_bg.wasm"), wasm).expect("wasm");
    std::fs::write(
        dist.join("icon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("icon");
}

/// Copies a folder (the built app into a relay's data folder, for the benchmarks).
///
/// # Panics
/// If a file cannot be read or written.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
