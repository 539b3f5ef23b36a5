//! Compile tests: every expansion fixture compiles and runs (its `main` asserts the behaviour),
//! and every misuse in `tests/ui/` fails with the checked-in message.

#[test]
fn expansion_fixtures_run() {
    let t = trybuild::TestCases::new();
    t.pass("coro-macros/tests/expand/*.rs");
}

#[test]
fn strict_crates_compile() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-pass/*.rs");
}

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
}
