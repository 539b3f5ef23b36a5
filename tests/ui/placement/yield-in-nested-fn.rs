// A `yield_!` inside a nested function belongs to no coroutine.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    fn helper() {
        yield_!(1);
    }
    helper();
}

fn main() {}
