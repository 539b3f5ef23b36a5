// A `let` chain whose later operand suspends.
use coro::Coroutine;

#[coro::coroutine]
fn chains(a: Option<u32>) -> impl Coroutine<bool, Yield = (), Return = u32> {
    if let Some(v) = a && yield_!(()) {
        return v;
    }
    0
}

fn main() {}
