// A coroutine cannot be `async`.
use coro::Coroutine;

#[coro::coroutine]
async fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
