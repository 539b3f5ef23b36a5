// The typed API consumes the handle on each resume: a completed coroutine cannot be resumed.
use coro::Coroutine;
use coro::typed::{Fresh, Step};

#[coro::coroutine]
fn once() -> impl Coroutine<Yield = u8, Return = ()> {
    yield_!(1);
}

fn main() {
    let Step::Yielded(_, co) = Fresh::new(once()).start() else { return };
    let Step::Complete(()) = co.send(()) else { return };
    co.send(());
}
