//! Runs every example and compares its stdout, byte for byte, with `tests/expected/<name>.expected`
//! (the output of the Python program it was ported from).
use std::process::Command;

fn check_example(name: &str, expected: &str) {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", name])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("failed to run cargo");
    assert!(
        output.status.success(),
        "example `{name}` failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
    );
    let stdout = String::from_utf8(output.stdout).expect("example stdout is not UTF-8");
    assert_eq!(
        stdout, expected,
        "stdout of example `{name}` (left) differs from tests/expected/{name}.expected (right)",
    );
}

macro_rules! example_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            check_example(
                stringify!($name),
                include_str!(concat!("expected/", stringify!($name), ".expected")),
            );
        }
    )*};
}

example_tests! {
    averager,
    token_counter,
    sliding_window,
    account_balance,
    line_framer,
    event_processor,
    token_bucket,
    count_until,
    scheduler,
    batching_worker,
    throw_close,
    yield_from,
    sleep_scheduler,
    tree_walk,
}
