// The return type must name the coroutine's types.
#[coro::coroutine]
fn numbers() {
    yield_!(1);
}

fn main() {}
