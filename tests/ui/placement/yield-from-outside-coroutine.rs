// `yield_from!` outside a `#[coro::coroutine]` function.
fn main() {
    coro::yield_from!([1, 2]);
}
