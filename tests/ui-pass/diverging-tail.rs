// A body that ends in a diverging expression without `;` after a suspension point (`todo!()`,
// `panic!()`, a `loop` that only a nested closure or loop breaks out of) completes nowhere: the
// generated code must not warn that the completion after it is unreachable.
#![deny(warnings)]

use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn tail_todo() -> impl Coroutine<Yield = u8, Return = u8> {
    yield_!(1);
    todo!()
}

#[coro::coroutine]
fn tail_panic() -> impl Coroutine<Yield = u8, Return = u8> {
    yield_!(1);
    panic!("boom")
}

#[coro::coroutine]
fn tail_loop() -> impl Coroutine<Yield = u8, Return = u8> {
    let mut breaks_seen = 0;
    yield_!(1);
    loop {
        let f = || loop {
            break;
        };
        f();
        breaks_seen += 1;
        assert!(breaks_seen < 3, "gave up");
    }
}

fn main() {
    assert_eq!(tail_todo().start(), CoroutineState::Yielded(1));
    assert_eq!(tail_panic().start(), CoroutineState::Yielded(1));
    assert_eq!(tail_loop().start(), CoroutineState::Yielded(1));
}
