// A `yield_!` inside an `async` block cannot suspend the coroutine.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let _future = async { yield_!(1) };
}

fn main() {}
