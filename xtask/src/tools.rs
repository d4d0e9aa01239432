//! Finding and installing the tools the build and the tests need.
//!
//! Versions are pinned (see ../shared/toolchain.md for why each one): Trunk 0.21.14 (newer ones
//! need a newer rustc than these machines have), wasm-bindgen-cli exactly the `wasm-bindgen` in
//! Cargo.lock (Trunk and the test runner refuse a mismatch), wasm-opt from npm `binaryen` (Debian's
//! produces wasm that crashes at load).

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::step;

/// The Trunk release that builds with this machine's rustc.
const TRUNK_VERSION: &str = "0.21.14";
/// The oldest Node.js that runs Playwright Test and binaryen's wasm-opt.
const MIN_NODE_MAJOR: u32 = 20;
/// Debian's Chromium, which the browser tests drive (no test tool may download its own browser).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The WebDriver for Debian's Chromium, used by wasm-bindgen-test-runner.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the project's tools live, and how to run a command that sees them.
pub struct Toolbox {
    root: PathBuf,
}

impl Toolbox {
    /// The toolbox of the workspace at `root` (`.tools/` and `node_modules/`).
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }

    /// `.tools/bin`.
    pub fn bin_dir(&self) -> PathBuf {
        self.root.join(".tools").join("bin")
    }

    /// PATH with `.tools/bin` and `node_modules/.bin` in front.
    pub fn path_env(&self) -> OsString {
        let mut paths = vec![self.bin_dir(), self.root.join("node_modules").join(".bin")];
        if let Some(existing) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&existing));
        }
        std::env::join_paths(paths).unwrap_or_default()
    }

    /// A command that finds the project's tools first on PATH.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", self.path_env());
        command.env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        command
    }

    /// Everything `cargo xtask run` needs: the wasm target, Trunk, wasm-bindgen, Node packages.
    ///
    /// # Errors
    /// When a tool is missing and cannot be installed; the message says what to do.
    pub fn ensure_for_build(&self) -> Result<()> {
        self.ensure_wasm_target()?;
        self.ensure_node_packages()?;
        self.ensure_trunk()?;
        self.ensure_wasm_bindgen()?;
        Ok(())
    }

    /// Everything `cargo xtask test` needs: the build's tools and Debian's Chromium.
    ///
    /// # Errors
    /// As [`Toolbox::ensure_for_build`], or when Chromium cannot be installed.
    pub fn ensure_for_tests(&self) -> Result<()> {
        self.ensure_for_build()?;
        ensure_rust_components()?;
        ensure_chromium()
    }

    fn ensure_wasm_target(&self) -> Result<()> {
        let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
            .context("rustup is required: install it from https://rustup.rs")?;
        if installed
            .lines()
            .any(|l| l.trim() == "wasm32-unknown-unknown")
        {
            step("wasm32-unknown-unknown target: present");
            return Ok(());
        }
        step("wasm32-unknown-unknown target: installing (seconds)");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
    }

    fn ensure_trunk(&self) -> Result<()> {
        let expected = format!("trunk {TRUNK_VERSION}");
        if self.tool_version("trunk").as_deref() == Some(expected.as_str()) {
            step(&format!("{expected}: present"));
            return Ok(());
        }
        step(&format!(
            "{expected}: installing into .tools (about 7 minutes, once)"
        ));
        run(fast_install(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--root",
        ]))
        .arg(self.root.join(".tools")))
    }

    fn ensure_wasm_bindgen(&self) -> Result<()> {
        let version = locked_version(&self.root, "wasm-bindgen")?;
        let expected = format!("wasm-bindgen {version}");
        if self.tool_version("wasm-bindgen").as_deref() == Some(expected.as_str())
            && self.bin_dir().join("wasm-bindgen-test-runner").exists()
        {
            step(&format!("{expected}: present"));
            return Ok(());
        }
        step(&format!(
            "{expected}: installing into .tools (about 4 minutes, once)"
        ));
        // No --locked: the CLI's own lockfile pins a webpki-roots the registry here lacks.
        run(fast_install(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
        ]))
        .arg(self.root.join(".tools")))
    }

    /// `npm ci` when `node_modules` does not match `package-lock.json`.
    fn ensure_node_packages(&self) -> Result<()> {
        let node = output(Command::new("node").arg("--version")).context(
            "Node.js 20 or newer is required (https://nodejs.org or your package manager)",
        )?;
        let major: u32 = node
            .trim()
            .trim_start_matches('v')
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        if major < MIN_NODE_MAJOR {
            bail!(
                "Node.js {MIN_NODE_MAJOR}+ is required, found {}",
                node.trim()
            );
        }
        let lock =
            std::fs::read(self.root.join("package-lock.json")).context("package-lock.json")?;
        let want = hex(&Sha256::digest(&lock));
        let stamp = self.root.join("node_modules").join(".kehila-lock-sha256");
        if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
            step("node packages (binaryen, Playwright, axe-core): present");
            return Ok(());
        }
        step("node packages (binaryen, Playwright, axe-core): npm ci");
        run(self
            .command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&self.root))?;
        std::fs::write(&stamp, want).context("writing the npm stamp")
    }

    fn tool_version(&self, tool: &str) -> Option<String> {
        let path = self.bin_dir().join(tool);
        output(Command::new(path).arg("--version"))
            .ok()
            .map(|v| v.trim().to_string())
    }
}

/// A `cargo install` of a build tool with its release profile overridden for build speed: Trunk
/// asks for fat LTO and one codegen unit, which on two cores doubles its install time (about
/// 13 minutes instead of 6) for a program that mostly waits on files and on wasm-bindgen.
/// Profile settings from the environment take precedence over the installed package's manifest.
fn fast_install(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
}

/// rustfmt and clippy, which `cargo xtask test` runs first.
fn ensure_rust_components() -> Result<()> {
    let installed = output(Command::new("rustup").args(["component", "list", "--installed"]))
        .context("rustup is required: install it from https://rustup.rs")?;
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|c| !installed.lines().any(|l| l.starts_with(c)))
        .collect();
    if missing.is_empty() {
        step("rustfmt and clippy: present");
        return Ok(());
    }
    step(&format!("{}: installing with rustup", missing.join(", ")));
    run(Command::new("rustup")
        .args(["component", "add"])
        .args(&missing))
}

/// `fc-match`, with which the e2e suite logs the fonts this machine would fall back to.
const FC_MATCH: &str = "/usr/bin/fc-match";

/// Debian's colour emoji font: what every phone has for the emoji members put in notes (the
/// app ships Heebo for its text, but no emoji font: that would be megabytes on every first
/// visit). Installed so screenshots show what a phone shows, not empty boxes.
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// Debian's Chromium, its WebDriver, fontconfig's tools and the emoji font: every system
/// package the tests use. No text font is needed: the app ships its own (Heebo), and the e2e
/// suite checks that Chromium draws with it.
fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists()
        && Path::new(CHROMEDRIVER).exists()
        && Path::new(FC_MATCH).exists()
        && Path::new(EMOJI_FONT).exists()
    {
        step("Debian chromium, chromium-driver, fontconfig and the emoji font: present");
        return Ok(());
    }
    step(
        "Debian chromium, chromium-driver, fontconfig and the emoji font: installing with apt-get (about a minute)",
    );
    let is_root = output(Command::new("id").arg("-u")).is_ok_and(|id| id.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if is_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update", "-qq"])?;
    apt(&[
        "install",
        "-y",
        "-qq",
        "chromium",
        "chromium-driver",
        "fontconfig",
        "fonts-noto-color-emoji",
    ])
    .context("installing Debian's chromium (needs root or sudo)")
}

/// The version of `package` recorded in Cargo.lock.
///
/// # Errors
/// When Cargo.lock is missing or does not list the package.
pub fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let version = lock[start..].split('"').next().unwrap_or_default();
    Ok(version.to_string())
}

/// Runs `command`, inheriting the terminal, and fails if it fails.
///
/// # Errors
/// When the command cannot start or exits unsuccessfully.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{:?} failed ({status})", command.get_program());
    }
    Ok(())
}

fn output(command: &mut Command) -> Result<String> {
    let out = command.output()?;
    if !out.status.success() {
        bail!("{:?} failed", command.get_program());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
