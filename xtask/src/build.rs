//! Building the app (Trunk, release) and the relay, skipping work that is already done.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::{step, tools};

/// The inputs of the app build: when none of them changed, `dist/` is reused as it is.
const APP_INPUTS: &[&str] = &[
    "app",
    "sync-core",
    "public",
    "Cargo.toml",
    "Cargo.lock",
    "Trunk.toml",
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

/// Which cargo profile to build the relay with.
#[derive(Debug, Clone, Copy)]
pub enum Profile {
    /// For `cargo xtask run`.
    Release,
    /// For the e2e suite: shares the artifacts `cargo test` already built.
    Debug,
}

/// Builds the relay binary and returns its path.
///
/// # Errors
/// When the build fails.
pub fn relay(root: &Path, profile: Profile) -> Result<PathBuf> {
    let (flag, folder) = match profile {
        Profile::Release => (Some("--release"), "release"),
        Profile::Debug => (None, "debug"),
    };
    step(&format!("relay: building ({folder})"));
    let mut command = std::process::Command::new("cargo");
    command
        .args([
            "build",
            "--locked",
            "--package",
            "sync-server",
            "--bin",
            "kehila-relay",
        ])
        .args(flag)
        .current_dir(root);
    tools::run(&mut command)?;
    Ok(root.join("target").join(folder).join("kehila-relay"))
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
