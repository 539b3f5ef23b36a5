//! Yields in `match` arms whose values become the next message; a local (`last`) whose type is
//! only fixed after a suspension point.
use coro::{Coroutine, CoroutineExt, CoroutineState};

#[derive(Clone, Copy)]
enum Event {
    Tick(f64),
    Other,
}

#[coro::coroutine]
fn bucket(capacity: f64) -> impl Coroutine<Event, Yield = (bool, f64), Return = ()> {
    let (mut tokens, mut last) = (capacity, None);
    let mut event = yield_!((true, tokens));
    loop {
        event = match event {
            Event::Other => yield_!((false, tokens)),
            Event::Tick(now) => {
                let elapsed = now - last.unwrap_or(now);
                last = Some(now);
                tokens = capacity.min(tokens + elapsed);
                if tokens >= 1.0 {
                    tokens -= 1.0;
                    yield_!((true, tokens))
                } else {
                    yield_!((false, tokens))
                }
            }
        };
    }
}

fn main() {
    let mut b = bucket(1.0);
    assert_eq!(b.start(), CoroutineState::Yielded((true, 1.0)));
    assert_eq!(b.send(Event::Tick(0.0)), CoroutineState::Yielded((true, 0.0)));
    assert_eq!(b.send(Event::Other), CoroutineState::Yielded((false, 0.0)));
    assert_eq!(b.send(Event::Tick(0.5)), CoroutineState::Yielded((false, 0.5)));
    assert_eq!(b.send(Event::Tick(1.0)), CoroutineState::Yielded((true, 0.0)));
}
