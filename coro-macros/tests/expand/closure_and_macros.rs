//! A closure made before a suspension point and called after it, and `yield_!` inside the
//! arguments of `format!` and `assert_eq!`.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn greet(greeting: &'static str) -> impl Coroutine<&'static str, Yield = String, Return = String> {
    let shout = move |name: &str| format!("{greeting}, {}!", name.to_uppercase());
    let first = format!("first: {}", yield_!("who?".to_owned()));
    assert_eq!(yield_!(first), "ok");
    shout(yield_!(String::new()))
}

fn main() {
    let mut co = greet("hi");
    assert_eq!(co.start(), CoroutineState::Yielded("who?".to_owned()));
    assert_eq!(co.send("ann"), CoroutineState::Yielded("first: ann".to_owned()));
    assert_eq!(co.send("ok"), CoroutineState::Yielded(String::new()));
    assert_eq!(co.send("bob"), CoroutineState::Complete("hi, BOB!".to_owned()));
}
