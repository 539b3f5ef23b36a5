// A closure that borrows a local of the coroutine, called after a `yield_!`.
use coro::Coroutine;

#[coro::coroutine]
fn greeter() -> impl Coroutine<Yield = (), Return = String> {
    let name = String::from("ann");
    let greet = || format!("hello, {name}");
    yield_!(());
    greet()
}

fn main() {
    let _ = greeter();
}
