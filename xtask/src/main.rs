//! # xtask — Kehila's two commands
//!
//! - `cargo xtask run` installs what is missing, builds the app (release) and starts the relay.
//! - `cargo xtask test` installs what is missing and runs every check and test suite, ending with
//!   one line `N passed, N failed`.
//!
//! Tools are installed into `.tools/` (git-ignored) and `node_modules/`, never globally, except
//! Debian's Chromium, which only `apt-get` can provide. Each step prints one progress line.

mod build;
mod suites;
mod tools;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(about = "Kehila's developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build Kehila and start it (relay serving the app, data in a local folder).
    Run {
        /// Address to listen on.
        #[arg(long, env = "KEHILA_HOST", default_value = "127.0.0.1")]
        host: String,
        /// Port to listen on.
        #[arg(long, env = "KEHILA_PORT", default_value_t = 8080)]
        port: u16,
        /// Folder for the relay's durable state.
        #[arg(long, env = "KEHILA_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
    },
    /// Run every check and test: fmt, clippy, native, browser unit and end-to-end.
    Test,
    /// The structure-aware fuzzer over the relay's engine: mutated frames from member and
    /// viewer connections beside an honest member. Saves inputs that panic under
    /// `sync-core/tests/fuzz-crashers/` and prints one JSON line.
    Fuzz {
        /// Frames to feed.
        #[arg(long, default_value_t = 1_000_000)]
        frames: u64,
        /// Seed (runs repeat from it).
        #[arg(long, default_value_t = 0x6b65_6869_6c61)]
        seed: u64,
    },
    /// Benchmarks. `relay`: N members on D documents make E edits each through a real relay.
    /// `glossary`: a glossary of `--entries` generated terms through the relay and in Chromium.
    /// `board`: `--participants` write `--notes` each on a board, then vote `--dots` each;
    /// a 300-note board in Chromium.
    Bench {
        /// Which benchmark (`relay`, `glossary` or `board`).
        which: String,
        /// Members (native clients).
        #[arg(long, default_value_t = 10)]
        clients: usize,
        /// Documents they share (member i edits document i mod D).
        #[arg(long, default_value_t = 1)]
        docs: usize,
        /// Edits each member makes.
        #[arg(long, default_value_t = 200)]
        edits: usize,
        /// Glossary entries to generate (`glossary`).
        #[arg(long, default_value_t = 2000)]
        entries: usize,
        /// Participants on the board (`board`).
        #[arg(long, default_value_t = 50)]
        participants: usize,
        /// Notes each participant writes (`board`).
        #[arg(long, default_value_t = 10)]
        notes: usize,
        /// Dots each participant spends (`board`).
        #[arg(long, default_value_t = 5)]
        dots: usize,
        /// Milliseconds between one participant's notes (`board`; 1000 is the stress case).
        #[arg(long, default_value_t = 5000)]
        pace_ms: u64,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let root = workspace_root()?;
    std::env::set_current_dir(&root).context("entering the workspace")?;
    match cli.command {
        Command::Run {
            host,
            port,
            data_dir,
        } => run(&root, &host, port, &data_dir),
        Command::Bench {
            which,
            clients,
            docs,
            edits,
            entries,
            participants,
            notes,
            dots,
            pace_ms,
        } => match which.as_str() {
            "glossary" => bench_glossary(&root, entries),
            "board" => bench_board(&root, participants, notes, dots, pace_ms),
            _ => bench(&root, &which, clients, docs, edits),
        },
        Command::Fuzz { frames, seed } => {
            let fuzz = bench_binary(&root, "kehila-fuzz")?;
            step(&format!("fuzz: {frames} frames, seed {seed}"));
            tools::run(
                std::process::Command::new(fuzz)
                    .args(["--frames", &frames.to_string()])
                    .args(["--seed", &seed.to_string()])
                    .arg("--crashers")
                    .arg(root.join("sync-core/tests/fuzz-crashers")),
            )
        }
        Command::Test => {
            let report = suites::run_all(&root)?;
            report.print_times();
            println!("{}", report.total.line());
            if report.total.failed > 0 {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}

fn run(root: &Path, host: &str, port: u16, data_dir: &Path) -> Result<()> {
    let toolbox = tools::Toolbox::new(root);
    toolbox.ensure_for_build()?;
    build::app(root, &toolbox)?;
    let relay = build::relay(root)?;
    step("starting the relay");
    let data_dir = if data_dir.is_absolute() {
        data_dir.to_path_buf()
    } else {
        root.join(data_dir)
    };
    // Replace this process with the relay, so Ctrl-C reaches it alone and it shuts down cleanly.
    use std::os::unix::process::CommandExt;
    let error = std::process::Command::new(relay)
        .arg("--host")
        .arg(host)
        .arg("--port")
        .arg(port.to_string())
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--dist-dir")
        .arg(root.join("dist"))
        .exec();
    Err(error).context("starting the relay")
}

/// Builds a benchmark (or fuzzer) binary of the test crate in release and returns its path.
fn bench_binary(root: &Path, name: &str) -> Result<PathBuf> {
    step(&format!("bench: building {name} (release)"));
    tools::run(std::process::Command::new("cargo").current_dir(root).args([
        "build",
        "--release",
        "--locked",
        "--package",
        "kehila-tests",
        "--bin",
        name,
    ]))?;
    Ok(root.join("target").join("release").join(name))
}

fn bench_glossary(root: &Path, entries: usize) -> Result<()> {
    let toolbox = tools::Toolbox::new(root);
    toolbox.ensure_for_tests()?;
    build::app(root, &toolbox)?;
    let relay = build::relay(root)?;
    let bench = bench_binary(root, "kehila-bench-glossary")?;
    step(&format!("bench glossary: {entries} entries"));
    tools::run(
        toolbox
            .command(bench)
            .current_dir(root)
            .arg("--relay")
            .arg(relay)
            .arg("--dist")
            .arg(root.join("dist"))
            .arg("--script")
            .arg(root.join("tests/bench/glossary.mjs"))
            .args(["--entries", &entries.to_string()]),
    )
}

fn bench_board(
    root: &Path,
    participants: usize,
    notes: usize,
    dots: usize,
    pace_ms: u64,
) -> Result<()> {
    let toolbox = tools::Toolbox::new(root);
    toolbox.ensure_for_tests()?;
    build::app(root, &toolbox)?;
    let relay = build::relay(root)?;
    let bench = bench_binary(root, "kehila-bench-board")?;
    step(&format!(
        "bench board: {participants} participants x {notes} notes, {dots} dots each"
    ));
    tools::run(
        toolbox
            .command(bench)
            .current_dir(root)
            .arg("--relay")
            .arg(relay)
            .arg("--dist")
            .arg(root.join("dist"))
            .arg("--script")
            .arg(root.join("tests/bench/board.mjs"))
            .args(["--participants", &participants.to_string()])
            .args(["--notes", &notes.to_string()])
            .args(["--dots", &dots.to_string()])
            .args(["--pace-ms", &pace_ms.to_string()]),
    )
}

fn bench(root: &Path, which: &str, clients: usize, docs: usize, edits: usize) -> Result<()> {
    anyhow::ensure!(
        which == "relay",
        "unknown benchmark `{which}` (known: relay, glossary, board)"
    );
    let relay = build::relay(root)?;
    let bench = bench_binary(root, "kehila-bench")?;
    step(&format!(
        "bench relay: {clients} clients x {docs} docs x {edits} edits"
    ));
    tools::run(
        std::process::Command::new(bench)
            .arg("relay")
            .arg("--relay")
            .arg(relay)
            .args([
                "--clients",
                &clients.to_string(),
                "--docs",
                &docs.to_string(),
            ])
            .args(["--edits", &edits.to_string()]),
    )
}

/// Prints one progress line.
pub fn step(message: &str) {
    println!("==> {message}");
}

fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask lives inside the workspace")
}
