// A `return` that a macro of the user's expands to is hidden from `#[coro::coroutine]`, which
// cannot rewrite it into completing the coroutine. It must not compile into something else
// (before segments returned a type of their own, it jumped back to the loop head).
use coro::Coroutine;

macro_rules! bail {
    () => {
        return
    };
}

fn stop() -> bool {
    true
}

#[coro::coroutine]
fn stops() -> impl Coroutine<Yield = u32, Return = ()> {
    loop {
        yield_!(1);
        if stop() {
            bail!();
        }
    }
}

fn main() {
    let _ = stops();
}
