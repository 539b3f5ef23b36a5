// `v.iter()` on a coroutine-owned `Vec`, kept across a `yield_!`.
use coro::Coroutine;

#[coro::coroutine]
fn items() -> impl Coroutine<Yield = u32, Return = ()> {
    let v: Vec<u32> = (1..4).collect();
    let mut it = v.iter();
    while let Some(x) = it.next() {
        yield_!(*x);
    }
}

fn main() {
    let _ = items();
}
