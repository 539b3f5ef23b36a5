// `yield_!` outside a `#[coro::coroutine]` function.
fn main() {
    coro::yield_!(1);
}
