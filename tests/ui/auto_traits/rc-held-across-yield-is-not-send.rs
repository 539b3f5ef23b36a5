// An `Rc` saved across a `yield_!` is part of the coroutine's state, so the coroutine is not `Send`.
use std::rc::Rc;

use coro::Coroutine;

#[coro::coroutine]
fn counter() -> impl Coroutine<Yield = usize, Return = ()> {
    let shared = Rc::new(5);
    yield_!(Rc::strong_count(&shared));
    yield_!(*shared);
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    let co = counter();
    assert_send(&co);
}
