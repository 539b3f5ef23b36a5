//! A `loop` around a `yield_!` that receives values: the running average.
use coro::{Coroutine, CoroutineExt, CoroutineState};

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
    assert_eq!(avg.start(), CoroutineState::Yielded(None));
    assert_eq!(avg.send(10.0), CoroutineState::Yielded(Some(10.0)));
    assert_eq!(avg.send(30.0), CoroutineState::Yielded(Some(20.0)));
    assert_eq!(avg.send(5.0), CoroutineState::Yielded(Some(15.0)));
}
