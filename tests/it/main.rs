//! Kehila's cross-crate integration tests: one binary, one module per area.

mod access;
mod hostile;
mod interop;
mod relay;
mod sync;
