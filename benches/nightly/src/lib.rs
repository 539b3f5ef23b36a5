//! The benchmark workloads of `coro-benches`, written as rustc's unstable coroutines
//! (`#![feature(coroutines)]`), behind stable wrappers that the criterion bench can call.
//!
//! Without a compiler that accepts the features (see `build.rs`), this crate is empty.
#![cfg_attr(coro_nightly, feature(coroutines, coroutine_trait, stmt_expr_attributes))]

#[cfg(coro_nightly)]
mod workloads;

#[cfg(coro_nightly)]
pub use workloads::*;
