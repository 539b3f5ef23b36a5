// throw-nonexception: `throw` takes only the coroutine's error type; throwing an integer into a coroutine whose errors are `String`s does not compile.
use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn two() -> impl Coroutine<(), String, Yield = u8, Return = Result<&'static str, String>> {
    yield_!(1);
    yield_!(2);
    Ok("done")
}

fn main() {
    let mut g = two();
    g.start();
    g.throw(5);
}
