//! `let ... else` on a sent value, and `break` with a value out of a `loop` that suspends.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn first_even() -> impl Coroutine<Option<u32>, Yield = (), Return = Option<u32>> {
    let found = loop {
        let Some(n) = yield_!(()) else {
            break None;
        };
        if n % 2 == 0 {
            break Some(n);
        }
    };
    found.map(|n| n * 10)
}

fn main() {
    let mut co = first_even();
    co.start();
    assert_eq!(co.send(Some(3)), CoroutineState::Yielded(()));
    assert_eq!(co.send(Some(4)), CoroutineState::Complete(Some(40)));
    let mut co = first_even();
    co.start();
    assert_eq!(co.send(None), CoroutineState::Complete(None));
}
