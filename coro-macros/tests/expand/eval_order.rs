//! Operands before a suspension point are evaluated before it, in order, and kept in
//! temporaries; operands after it are evaluated after the resume.
use coro::{Coroutine, CoroutineExt, CoroutineState};

fn note(log: &mut Vec<&'static str>, what: &'static str, value: i32) -> i32 {
    log.push(what);
    value
}

#[coro::coroutine]
fn order(log: &mut Vec<&'static str>) -> impl Coroutine<i32, Yield = (), Return = i32> {
    let sum = note(log, "a", 1) + yield_!(()) + note(log, "c", 3);
    sum
}

fn main() {
    let mut log = Vec::new();
    let mut co = order(&mut log);
    assert_eq!(co.start(), CoroutineState::Yielded(()));
    assert_eq!(co.send(2), CoroutineState::Complete(6));
    drop(co);
    assert_eq!(log, ["a", "c"]);
}
