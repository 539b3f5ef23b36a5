//! Delegation: `yield_from!` forwards values, sends and the inner return value.
use std::fmt;

use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn chain<T>(
    iterables: impl IntoIterator<Item: IntoIterator<Item = T>>,
) -> impl Coroutine<Yield = T, Return = ()> {
    for it in iterables {
        yield_from!(it);
    }
}

/// What `wrapper` yields: the producer's numbers, then the producer's return value.
enum Item {
    Number(u32),
    Text(&'static str),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Number(n) => write!(f, "{n}"),
            Item::Text(text) => f.write_str(text),
        }
    }
}

#[coro::coroutine]
fn producer() -> impl Coroutine<Yield = Item, Return = &'static str> {
    yield_!(Item::Number(1));
    yield_!(Item::Number(2));
    "done"
}

#[coro::coroutine]
fn wrapper() -> impl Coroutine<Yield = Item, Return = ()> {
    let result = yield_from!(producer());
    println!("subgenerator returned: {result}");
    yield_!(Item::Text(result));
}

/// Sums what it is sent until it receives `None`, then returns the sum.
#[coro::coroutine]
fn accumulate() -> impl Coroutine<Option<u32>, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let Some(value) = yield_!(total) else {
            return total;
        };
        total += value;
    }
}

#[coro::coroutine]
fn grouper(results: &mut Vec<u32>) -> impl Coroutine<Option<u32>, Yield = u32, Return = ()> {
    loop {
        let total = yield_from!(accumulate());
        results.push(total);
    }
}

fn main() {
    let chained: Vec<u32> = chain([vec![1, 2], vec![3, 4], (5..7).collect()]).iter().collect();
    println!("{chained:?}");

    let mut w = wrapper();
    println!("{}", w.start().yielded().expect("the producer's first value"));
    println!("{}", w.send(()).yielded().expect("the producer's second value"));
    println!("{}", w.send(()).yielded().expect("the producer's return value"));

    let mut results = Vec::new();
    let mut g = grouper(&mut results);
    g.start();
    for batch in [vec![1, 2, 3], vec![10, 20], vec![7]] {
        for v in batch {
            println!("running {}", g.send(Some(v)).yielded().expect("the grouper never finishes"));
        }
        g.send(None);
    }
    drop(g); // ends its borrow of `results`
    println!("totals {results:?}");
}
