// A parameter under `#[cfg]` would still be saved in the state after rustc removed it.
use coro::Coroutine;

#[coro::coroutine]
fn numbers(#[cfg(any())] verbose: bool, start: u32) -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(start);
}

fn main() {}
