//! A coroutine that finishes with a return value, handed to the caller as `CoroutineState::Complete`
//! (Python's `StopIteration.value`).
use coro::{Coroutine, CoroutineExt, CoroutineState};

struct Summary {
    counted: u32,
}

#[coro::coroutine]
fn count_until(stop: u32) -> impl Coroutine<Yield = u32, Return = Summary> {
    let mut n = 0;
    while n < stop {
        yield_!(n);
        n += 1;
    }
    Summary { counted: n }
}

fn main() {
    let mut counter = count_until(3);
    let mut step = counter.start();
    loop {
        match step {
            CoroutineState::Yielded(n) => println!("{n}"),
            CoroutineState::Complete(summary) => {
                println!("final: {}", summary.counted);
                break;
            }
        }
        step = counter.send(());
    }
}
