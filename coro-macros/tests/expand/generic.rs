//! A generic coroutine over borrowed data, with a `where` clause and an `impl Trait` argument.
use std::fmt::Display;

use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn labelled<'a, T>(prefix: &'a str, items: impl IntoIterator<Item = T>) -> impl Coroutine<Yield = String, Return = ()>
where
    T: Display,
{
    for item in items {
        yield_!(format!("{prefix}{item}"));
    }
}

fn main() {
    let prefix = String::from("#");
    let got: Vec<String> = labelled(&prefix, [1, 2, 3]).iter().collect();
    assert_eq!(got, ["#1", "#2", "#3"]);
}
