// Constructs lowering cannot take apart around a suspension point: an `unsafe` block and the
// place of an assignment; both reported in one build, on the user's code.
use coro::Coroutine;

#[coro::coroutine]
fn places(mut v: Vec<u32>) -> impl Coroutine<usize, Yield = (), Return = u32> {
    let n = unsafe { yield_!(()) };
    v[yield_!(())] += 1;
    v[n] = 2;
    v[0]
}

fn main() {}
