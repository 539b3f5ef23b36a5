// The attribute takes no arguments.
use coro::Coroutine;

#[coro::coroutine(boxed)]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
