//! An `if` used as a value, with a suspension point in each branch.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn ask(polite: bool) -> impl Coroutine<i32, Yield = &'static str, Return = i32> {
    let answer = if polite { yield_!("please?") * 2 } else { yield_!("now!") + 1 };
    answer + 100
}

fn main() {
    let mut co = ask(true);
    assert_eq!(co.start(), CoroutineState::Yielded("please?"));
    assert_eq!(co.send(5), CoroutineState::Complete(110));
    let mut co = ask(false);
    assert_eq!(co.start(), CoroutineState::Yielded("now!"));
    assert_eq!(co.send(5), CoroutineState::Complete(106));
}
