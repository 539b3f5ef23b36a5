// Naming an error type for `throw` needs a `Result` return type to carry it.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<(), String, Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
