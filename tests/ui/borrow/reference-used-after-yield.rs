// `let r = &v;` used after a `yield_!`.
use coro::Coroutine;

#[coro::coroutine]
fn length() -> impl Coroutine<Yield = (), Return = usize> {
    let v = String::from("hello");
    let r = &v;
    yield_!(());
    r.len()
}

fn main() {
    let _ = length();
}
