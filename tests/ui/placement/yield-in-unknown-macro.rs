// A `yield_!` inside a macro coro cannot see into.
use coro::Coroutine;

macro_rules! twice {
    ($e:expr) => {{
        $e;
        $e
    }};
}

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    twice!(yield_!(1));
}

fn main() {}
