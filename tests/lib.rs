//! Helpers for Kehila's cross-crate tests: start a real relay on a free loopback port, serving a
//! small app folder, and stop it when the test ends.
//!
//! The integration tests live in `it/` (one binary, one module per area). The browser end-to-end
//! suite lives in `e2e/` (Playwright) and is run by `cargo xtask test`.

use std::{net::SocketAddr, path::Path};

use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// A relay running in this process on `127.0.0.1:<free port>`.
pub struct TestRelay {
    /// Where it listens.
    pub addr: SocketAddr,
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
        let folder = tempfile::tempdir().expect("temporary folder");
        let dist = folder.path().join("dist");
        write_test_app(&dist);
        let config = sync_server::Config::new(dist, folder.path().join("data"));
        let router = sync_server::app(&config).expect("the relay starts");
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            sync_server::serve(listener, router, shutdown)
                .await
                .expect("the relay serves");
        });
        TestRelay {
            addr,
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
