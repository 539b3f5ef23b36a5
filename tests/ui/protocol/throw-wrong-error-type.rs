// `throw` takes exactly the coroutine's error type: nothing is converted on the way in.
use coro::Coroutine;
use coro::dynamic::Generator;

#[coro::coroutine]
fn worker() -> impl Coroutine<(), String, Yield = u8, Return = Result<(), String>> {
    loop {
        yield_!(1);
    }
}

fn main() {
    let mut g = Generator::new(worker());
    let _ = g.throw("stop");
}
