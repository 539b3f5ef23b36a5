//! A `&mut self` method: the coroutine borrows the object and uses its fields between yields.
use coro::{Coroutine, CoroutineExt, CoroutineState};

struct Counter {
    count: u32,
}

impl Counter {
    #[coro::coroutine]
    fn ticks(&mut self, step: u32) -> impl Coroutine<Yield = u32, Return = ()> + '_ {
        while self.count < 10 {
            self.count += step;
            yield_!(self.count);
        }
    }
}

fn main() {
    let mut counter = Counter { count: 0 };
    let mut co = counter.ticks(4);
    assert_eq!(co.start(), CoroutineState::Yielded(4));
    assert_eq!(co.send(()), CoroutineState::Yielded(8));
    assert_eq!(co.send(()), CoroutineState::Yielded(12));
    assert_eq!(co.send(()), CoroutineState::Complete(()));
    drop(co);
    assert_eq!(counter.count, 12);
}
