// The typed API has no `send` before `start`: a created coroutine cannot be sent a value.
use coro::Coroutine;
use coro::typed::Fresh;

#[coro::coroutine]
fn echo() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    let mut last = 0;
    loop {
        last = yield_!(last);
    }
}

fn main() {
    let co = Fresh::new(echo());
    co.send(5);
}
