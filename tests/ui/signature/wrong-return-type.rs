// A return type that is not a coroutine.
#[coro::coroutine]
fn numbers() -> Vec<u32> {
    yield_!(1);
    Vec::new()
}

fn main() {}
