//! Kehila's cross-crate integration tests: one binary, one module per area.

mod access;
mod fuzz;
mod hostile;
mod interop;
mod relay;
mod sync;
