// A statement that compares with a local, then hides it with a `let` of its own before a
// `break` after which the outer local is still needed.
use coro::Coroutine;

#[coro::coroutine]
fn hides() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x = 100u32;
    loop {
        let n = yield_!(x);
        if n > x {
            let x = n;
            println!("{x}");
            break;
        }
    }
    x
}

fn main() {}
