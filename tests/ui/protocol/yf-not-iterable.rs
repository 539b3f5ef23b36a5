// yf-not-iterable: `yield_from!` takes a coroutine or anything `IntoIterator`; an integer does not compile.
use coro::Coroutine;

#[coro::coroutine]
fn outer() -> impl Coroutine<Yield = u8, Return = ()> {
    yield_from!(5);
}

fn main() {
    let _ = outer();
}
