// prime-typeerror: sending a value into a coroutine that has not started does not compile (typed API).
use coro::Coroutine;
use coro::typed::Fresh;

#[coro::coroutine]
fn noisy() -> impl Coroutine<u8, Yield = u8, Return = ()> {
    let first = yield_!(1);
    yield_!(first);
}

fn main() {
    let _ = Fresh::new(noisy()).send(5);
}
