// A coroutine whose signature names no error type cannot be thrown an error.
use coro::Coroutine;
use coro::typed::{Fresh, Step};

#[coro::coroutine]
fn ticker() -> impl Coroutine<Yield = u32, Return = ()> {
    let mut n = 0;
    loop {
        n += 1;
        yield_!(n);
    }
}

fn main() {
    let Step::Yielded(_, co) = Fresh::new(ticker()).start() else { return };
    let _ = co.throw("stop");
}
