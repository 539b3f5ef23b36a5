// A `yield_!` inside a `const` block runs at compile time.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let _ = const { yield_!(1) };
}

fn main() {}
