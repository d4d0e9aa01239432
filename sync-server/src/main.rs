//! `kehila-relay`: binds, prints the URL, serves until Ctrl-C (or SIGTERM), then shuts down cleanly.

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
}

#[tokio::main]
async fn main() -> ExitCode {
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
    let config = sync_server::Config::new(args.dist_dir, args.data_dir);
    // Build (and so validate) the app before binding, so a missing build fails before any URL is shown.
    let router = sync_server::app(&config)?;
    let address = format!("{}:{}", args.host, args.port);
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .map_err(sync_server::StartError::Bind)
        .with_context(|| format!("on {address}"))?;
    let local: SocketAddr = listener.local_addr()?;
    // The one line tools read (xtask, the e2e run): keep its shape.
    println!("Kehila is running at http://{local}/");
    println!("Data folder: {}", config.data_dir.display());
    println!("Press Ctrl-C to stop.");
    sync_server::serve(listener, router, shutdown_signal()).await?;
    println!("Kehila stopped.");
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
