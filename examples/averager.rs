//! Running mean: a coroutine that is sent numbers and yields the mean of everything so far.
use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn averager() -> impl Coroutine<f64, Yield = Option<f64>, Return = ()> {
    let (mut total, mut count) = (0.0, 0u32);
    let mut average = None;
    loop {
        let value = yield_!(average);
        total += value;
        count += 1;
        average = Some(total / f64::from(count));
    }
}

fn main() {
    let mut avg = averager();
    let primed = avg.start().yielded().expect("averager never finishes");
    println!("primed: {primed:?}");
    for v in [10.0, 20.0, 30.0, 5.0, 2.5] {
        let mean = avg.send(v).yielded().flatten().expect("a mean after every value");
        println!("send {v} -> {mean:.3}");
    }
}
