// Independent mistakes in one signature are reported together.
#[coro::coroutine(fast)]
async fn numbers() {
    yield_!(1);
}

fn main() {}
