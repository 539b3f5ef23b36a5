//! Shadowing across blocks: the inner `x` is saved next to the outer one, which comes back
//! when the block ends.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn shadow() -> impl Coroutine<Yield = String, Return = String> {
    let x = String::from("outer");
    {
        let x = format!("{x}-inner");
        yield_!(x.clone());
        yield_!(x);
    }
    x
}

fn main() {
    let mut co = shadow();
    assert_eq!(co.start(), CoroutineState::Yielded("outer-inner".to_owned()));
    assert_eq!(co.send(()), CoroutineState::Yielded("outer-inner".to_owned()));
    assert_eq!(co.send(()), CoroutineState::Complete("outer".to_owned()));
}
