//! `?` and `return` complete the coroutine with the error or value.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[coro::coroutine]
fn parse_all() -> impl Coroutine<&'static str, Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
    let mut total = 0;
    loop {
        let text = yield_!(total);
        if text.is_empty() {
            return Ok(total);
        }
        total += text.parse::<u32>()?;
    }
}

fn main() {
    let mut co = parse_all();
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send("4"), CoroutineState::Yielded(4));
    assert_eq!(co.send(""), CoroutineState::Complete(Ok(4)));
    let mut co = parse_all();
    co.start();
    assert!(matches!(co.send("x"), CoroutineState::Complete(Err(_))));
}
