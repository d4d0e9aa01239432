//! The relay binary, built inside the test crate so process-level tests (restart, SIGKILL) can
//! run it: same code as `kehila-relay` (`sync_server::cli::main`).

fn main() -> std::process::ExitCode {
    sync_server::cli::main()
}
