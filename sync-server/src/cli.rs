//! The relay's command line, shared by the `kehila-relay` binary and the test harness's copy of
//! it (so process-level tests — restart, SIGKILL — run exactly this code).

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use anyhow::Context;
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Kehila's relay: serves the app and syncs community documents.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "KEHILA_HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one; the URL printed says which).
    #[arg(long, env = "KEHILA_PORT", default_value_t = 8080)]
    port: u16,
    /// Folder for the relay's durable state.
    #[arg(long, env = "KEHILA_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Folder holding the built app (Trunk's output).
    #[arg(long, env = "KEHILA_DIST_DIR", default_value = "dist")]
    dist_dir: PathBuf,
    /// Members reach the relay over HTTPS (directly or through a TLS proxy): mark the session
    /// cookie `Secure`.
    #[arg(long, env = "KEHILA_SECURE_COOKIES")]
    secure_cookies: bool,
    /// A quota for the whole database, in MiB (default: as much as the disk holds). Past it,
    /// changes are refused with a clear error while reads go on.
    #[arg(long, env = "KEHILA_MAX_DATABASE_MB")]
    max_database_mb: Option<u64>,
    /// Largest stored size of one document, in KiB (default 16 MiB). Past it, changes to that
    /// document are refused and stay on the writer's device.
    #[arg(long, env = "KEHILA_MAX_DOCUMENT_KB")]
    max_document_kb: Option<u64>,
    /// Largest stored size of one community's documents, in KiB (default 1 GiB).
    #[arg(long, env = "KEHILA_MAX_COMMUNITY_KB")]
    max_community_kb: Option<u64>,
}

/// Parses the flags, serves until Ctrl-C/SIGTERM, and returns the process exit code.
pub fn main() -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("kehila-relay: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async_main())
}

async fn async_main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("KEHILA_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kehila-relay: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    let mut config = crate::Config::new(args.dist_dir, args.data_dir);
    config.secure_cookies = args.secure_cookies;
    config.limits.max_database_bytes = args.max_database_mb.map(|mb| mb * 1024 * 1024);
    if let Some(kb) = args.max_document_kb {
        config.limits.max_document_bytes = kb * 1024;
    }
    if let Some(kb) = args.max_community_kb {
        config.limits.max_community_bytes = kb * 1024;
    }
    // Build (and so validate) the app before binding, so a missing build fails before any URL is shown.
    let relay = crate::app(&config)?;
    let address = format!("{}:{}", args.host, args.port);
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .map_err(crate::StartError::Bind)
        .with_context(|| format!("on {address}"))?;
    let local: SocketAddr = listener.local_addr()?;
    // The one line tools read (xtask, the e2e run): keep its shape.
    // `say` ignores a closed stdout: a relay must not die because whoever started it stopped
    // reading (println! would panic).
    let say = |line: String| {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    say(format!("Kehila is running at http://{local}/"));
    if let Some(token) = &relay.first_admin_invite {
        // Printed once, like a notebook server's token URL; shown nowhere else.
        say("First start: open this admin invite link to join your new community:".into());
        say(format!("  http://{local}/#invite={token}"));
    }
    say(format!("Data folder: {}", config.data_dir.display()));
    say("Press Ctrl-C to stop.".into());
    crate::serve(
        listener,
        relay.router,
        shutdown_signal(),
        config.limits.header_read_timeout,
    )
    .await?;
    say("Kehila stopped.".into());
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
