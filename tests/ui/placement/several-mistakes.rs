// Every misplaced `yield_!` of a body is reported in the same build.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let f = || yield_!(1);
    let _future = async { yield_!(2) };
    f();
}

fn main() {
    let _ = numbers();
}
