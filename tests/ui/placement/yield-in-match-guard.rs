// A match guard cannot suspend.
use coro::Coroutine;

#[coro::coroutine]
fn numbers(x: Option<u32>) -> impl Coroutine<bool, Yield = u32, Return = ()> {
    match x {
        Some(n) if yield_!(n) => {}
        _ => {}
    }
}

fn main() {}
