// A coroutine cannot be a `const fn`.
use coro::Coroutine;

#[coro::coroutine]
const fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
