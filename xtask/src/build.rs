//! Building the app (Trunk, release) and the relay, skipping work that is already done.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::{step, tools};

/// The inputs of the app build: when none of them changed, `dist/` is reused as it is.
/// `package-lock.json` pins the font files the app ships from `node_modules`.
const APP_INPUTS: &[&str] = &[
    "app",
    "sync-core",
    "public",
    "Cargo.toml",
    "Cargo.lock",
    "Trunk.toml",
    "package-lock.json",
];

/// Builds the app into `dist/` with Trunk, unless `dist/` was built from exactly these sources.
///
/// Trunk's own rebuild still runs wasm-bindgen and wasm-opt (~15 s), so the fingerprint check is
/// what makes a second `cargo xtask run` start in seconds.
///
/// # Errors
/// When the build fails.
pub fn app(root: &Path, toolbox: &tools::Toolbox) -> Result<()> {
    let fingerprint = fingerprint(root)?;
    let stamp = root.join("target").join("kehila-app-build.sha256");
    let dist_index = root.join("dist").join("index.html");
    if dist_index.exists()
        && std::fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str())
    {
        step("app: up to date (dist/)");
        return Ok(());
    }
    step("app: fetching crates");
    tools::run(
        toolbox
            .command("cargo")
            .args(["fetch", "--locked"])
            .current_dir(root),
    )?;
    step("app: building with Trunk in release (a few minutes when cold)");
    tools::run(
        toolbox
            .command(toolbox.bin_dir().join("trunk"))
            .args(["build", "--release", "--offline", "--locked"])
            .current_dir(root),
    )?;
    std::fs::create_dir_all(root.join("target")).context("creating target/")?;
    std::fs::write(&stamp, fingerprint).context("writing the app build stamp")
}

/// Builds the relay binary (release, for `cargo xtask run` and the benchmarks) and returns its
/// path.
///
/// # Errors
/// When the build fails.
pub fn relay(root: &Path) -> Result<PathBuf> {
    step("relay: building (release)");
    let mut command = std::process::Command::new("cargo");
    command
        .args([
            "build",
            "--locked",
            "--release",
            "--package",
            "sync-server",
            "--bin",
            "kehila-relay",
        ])
        .current_dir(root);
    tools::run(&mut command)?;
    Ok(root.join("target").join("release").join("kehila-relay"))
}

/// The relay for the end-to-end suite: the test crate's `kehila-relay-under-test` (the same
/// code as `kehila-relay`, `sync_server::cli::main`), which `cargo test --workspace` has already
/// built. Building `sync-server`'s own binary in debug instead compiled its dependencies a
/// second time (without the dev-dependencies' features), two minutes on two cores; repeating
/// the native suite's exact build command is a no-op when that suite ran.
///
/// # Errors
/// When the build fails.
pub fn relay_under_test(root: &Path) -> Result<PathBuf> {
    step("relay: the native tests' build (kehila-relay-under-test)");
    tools::run(
        std::process::Command::new("cargo")
            .args(["test", "--workspace", "--locked", "--no-run"])
            .current_dir(root),
    )?;
    Ok(root
        .join("target")
        .join("debug")
        .join("kehila-relay-under-test"))
}

/// A hash over the paths and contents of every app input.
fn fingerprint(root: &Path) -> Result<String> {
    let mut files = Vec::new();
    for input in APP_INPUTS {
        collect(&root.join(input), &mut files)?;
    }
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(
            file.strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update([0]);
        hasher.update(std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?);
        hasher.update([0]);
    }
    Ok(tools::hex(&hasher.finalize()))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        for entry in
            std::fs::read_dir(path).with_context(|| format!("reading {}", path.display()))?
        {
            collect(&entry?.path(), out)?;
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
    Ok(())
}
