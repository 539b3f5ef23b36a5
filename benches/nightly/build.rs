//! Sets `cfg(coro_nightly)` when this compiler accepts rustc's unstable coroutines for this crate.
//!
//! The probe compiles a tiny coroutine with the same features and the same crate name as this
//! crate, so it says yes for a nightly toolchain, for `RUSTC_BOOTSTRAP=1`, and for
//! `RUSTC_BOOTSTRAP=coro_benches_nightly` (which unlocks features for this crate only), and no
//! for a plain stable build: there the crate compiles to nothing, so `cargo clippy --workspace`
//! and `cargo build --workspace` keep working on stable. A nightly that renamed the features
//! also gets an empty crate instead of a broken build; `run.sh` checks that the workloads are
//! there before it measures.
use std::env;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const PROBE: &str = "#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]
pub fn probe() -> impl core::ops::Coroutine<Yield = u8, Return = ()> {
    #[coroutine]
    || {
        yield 1;
    }
}
";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(coro_nightly)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUSTC_BOOTSTRAP");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let probe = out.join("probe.rs");
    std::fs::write(&probe, PROBE).expect("OUT_DIR is writable");
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let accepted = Command::new(rustc)
        .args(["--edition=2024", "--crate-type=lib", "--crate-name=coro_benches_nightly"])
        .args(["--emit=metadata", "--out-dir"])
        .arg(&out)
        .arg(&probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if accepted {
        println!("cargo::rustc-cfg=coro_nightly");
    }
}
