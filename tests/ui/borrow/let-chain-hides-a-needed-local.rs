// A `let` chain whose pattern hides a local that the chain's scrutinee uses and that is needed
// after a suspension point: no alias can keep both reachable.
use coro::Coroutine;

fn next_of(n: u32) -> Option<u32> {
    n.checked_add(1)
}

#[coro::coroutine]
fn chain() -> impl Coroutine<Yield = u32, Return = u32> {
    let x = 5u32;
    if let Some(x) = next_of(x) && x > 1 {
        yield_!(x);
    }
    yield_!(x);
    x
}

fn main() {}
