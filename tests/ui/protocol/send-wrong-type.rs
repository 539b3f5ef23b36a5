// The typed API checks the sent value against the coroutine's send type.
use coro::Coroutine;
use coro::typed::{Fresh, Step};

#[coro::coroutine]
fn adder() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    let mut total = 0;
    loop {
        total += yield_!(total);
    }
}

fn main() {
    let Step::Yielded(_, co) = Fresh::new(adder()).start() else { return };
    let _ = co.send("five");
}
