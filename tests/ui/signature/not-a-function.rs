// The attribute applies to functions only.
#[coro::coroutine]
struct Numbers;

fn main() {}
