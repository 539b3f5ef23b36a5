// Under `#![deny(warnings)]` the generated code causes no warning, while the user's own
// mistakes (an unused variable, a needless `mut`) are still reported on the user's code.
// (A needless `mut` on a local saved across a `yield_!` is the documented exception.)
#![deny(warnings)]

use coro::Coroutine;

#[coro::coroutine]
fn counter(limit: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let unused = 7;
    let mut step = 1;
    let start = step * 2;
    let mut n = start;
    while n < limit {
        yield_!(n);
        n += 1;
    }
    n
}

fn main() {
    let _ = counter(3);
}
