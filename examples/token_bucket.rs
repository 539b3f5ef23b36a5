//! Token bucket rate limiter driven by explicit timestamps, re-tunable at run time with `SetRate`.
use coro::{Coroutine, CoroutineExt};

#[derive(Clone, Copy)]
enum Event {
    Tick { now: f64 },
    SetRate { tokens_per_sec: f64 },
    Other(&'static str),
}

/// Yields `(allowed, tokens left)` after every event.
#[coro::coroutine]
fn token_bucket(
    tokens_per_sec: f64,
    capacity: f64,
) -> impl Coroutine<Event, Yield = (bool, f64), Return = ()> {
    let (mut rate, mut tokens, mut last) = (tokens_per_sec, capacity, None);
    let mut event = yield_!((true, tokens));
    loop {
        event = match event {
            Event::SetRate { tokens_per_sec } => {
                rate = tokens_per_sec;
                yield_!((true, tokens))
            }
            Event::Other(_) => yield_!((false, tokens)),
            Event::Tick { now } => {
                let elapsed = now - last.unwrap_or(now);
                last = Some(now);
                tokens = capacity.min(tokens + elapsed * rate);
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

fn show(event: Event) -> String {
    match event {
        Event::Tick { now } => format!("tick {now:.2}"),
        Event::SetRate { tokens_per_sec } => format!("set_rate {tokens_per_sec:.1}"),
        Event::Other(what) => what.to_owned(),
    }
}

fn main() {
    let mut bucket = token_bucket(2.0, 3.0);
    let (ok, tokens) = bucket.start().yielded().expect("the bucket never finishes");
    println!("start ok={ok} tokens={tokens:.2}");
    let tick = |now| Event::Tick { now };
    let events = [
        tick(0.0),
        tick(0.1),
        tick(0.2),
        tick(0.3),
        tick(0.4),
        tick(1.0),
        Event::SetRate { tokens_per_sec: 10.0 },
        tick(1.1),
        tick(1.2),
        tick(1.25),
        Event::Other("garbage"),
        tick(2.0),
    ];
    for event in events {
        let (ok, tokens) = bucket.send(event).yielded().expect("the bucket never finishes");
        println!("{} -> ok={ok} tokens={tokens:.2}", show(event));
    }
}
