// A `yield_!` inside a closure cannot suspend the coroutine.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let f = || yield_!(1);
    f();
}

fn main() {}
