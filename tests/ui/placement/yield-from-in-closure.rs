// `yield_from!` inside a closure cannot suspend the coroutine either.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let f = || yield_from!([1, 2]);
    f();
}

fn main() {}
