//! Sliding window over the last `size` values sent in; yields the window before each new value lands.
use std::collections::VecDeque;

use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn window(size: usize) -> impl Coroutine<i32, Yield = Vec<i32>, Return = ()> {
    let mut buf = VecDeque::with_capacity(size);
    loop {
        let x = yield_!(buf.iter().copied().collect());
        if buf.len() == size {
            buf.pop_front();
        }
        buf.push_back(x);
    }
}

fn main() {
    let mut w = window(3);
    println!("{:?}", w.start().yielded().expect("window never finishes"));
    for v in 1..=6 {
        println!("{v} {:?}", w.send(v).yielded().expect("window never finishes"));
    }
}
