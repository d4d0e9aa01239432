//! `kehila-relay`: binds, prints the URL, serves until Ctrl-C (or SIGTERM), then shuts down cleanly.
//! The logic lives in `sync_server::cli`.

fn main() -> std::process::ExitCode {
    sync_server::cli::main()
}
