//! `yield_from!` delegates sends to a sub-coroutine, evaluates to its return value, and also
//! walks plain iterables.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn summer() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let n = yield_!(total);
        if n == 0 {
            return total;
        }
        total += n;
    }
}

#[coro::coroutine]
fn twice() -> impl Coroutine<u32, Yield = u32, Return = [u32; 2]> {
    let first = yield_from!(summer());
    let second = yield_from!(summer());
    [first, second]
}

#[coro::coroutine]
fn flatten(rows: Vec<Vec<u8>>) -> impl Coroutine<Yield = u8, Return = ()> {
    for row in rows {
        yield_from!(row);
    }
}

fn main() {
    let mut co = twice();
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send(5), CoroutineState::Yielded(5));
    assert_eq!(co.send(0), CoroutineState::Yielded(0));
    assert_eq!(co.send(7), CoroutineState::Yielded(7));
    assert_eq!(co.send(0), CoroutineState::Complete([5, 7]));
    let flat: Vec<u8> = flatten(vec![vec![1, 2], vec![], vec![3]]).iter().collect();
    assert_eq!(flat, [1, 2, 3]);
}
