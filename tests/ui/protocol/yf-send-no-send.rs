// yf-send-no-send: an iterator cannot be sent values, so a coroutine that takes sent values cannot delegate to one.
use coro::Coroutine;

#[coro::coroutine]
fn outer() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    yield_from!(vec![1, 2, 3]);
}

fn main() {
    let _ = outer();
}
