// Iterating over a borrow of a local the coroutine owns, with a `yield_!` in the loop.
use coro::Coroutine;

#[coro::coroutine]
fn items() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {
    let _ = items();
}
