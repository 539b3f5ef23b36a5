// `use coro::coroutine; #[coroutine]` is ambiguous with rustc's built-in attribute (E0659);
// the fix is the path form `#[coro::coroutine]`, which the second function shows compiling.
use coro::{Coroutine, coroutine};

#[coroutine]
fn ambiguous() {}

#[coro::coroutine]
fn fixed() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {
    let _ = fixed();
}
