//! Histogram: each token sent in bumps its count; the coroutine yields the counts so far.
use std::collections::BTreeMap;

use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn counter<'a>() -> impl Coroutine<&'a str, Yield = BTreeMap<&'a str, u32>, Return = ()> {
    let mut seen = BTreeMap::new();
    loop {
        let token = yield_!(seen.clone());
        *seen.entry(token).or_insert(0) += 1;
    }
}

fn main() {
    let mut counter = counter();
    counter.start();
    for token in "a b a c a b".split_whitespace() {
        let counts = counter.send(token).yielded().expect("counter never finishes");
        let counts: Vec<String> = counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!("{token} {}", counts.join(" "));
    }
}
