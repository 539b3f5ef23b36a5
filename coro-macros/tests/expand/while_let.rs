//! `while let` whose condition suspends: the coroutine receives lines until `None`.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn collect() -> impl Coroutine<Option<String>, Yield = usize, Return = Vec<String>> {
    let mut lines = Vec::new();
    while let Some(line) = yield_!(lines.len()) {
        lines.push(line);
    }
    lines
}

fn main() {
    let mut co = collect();
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send(Some("a".into())), CoroutineState::Yielded(1));
    assert_eq!(co.send(Some("b".into())), CoroutineState::Yielded(2));
    assert_eq!(co.send(None), CoroutineState::Complete(vec!["a".to_owned(), "b".to_owned()]));
}
