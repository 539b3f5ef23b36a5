// A crate with `#![deny(warnings)]` gets no warning from generated code, across the
// constructs the compiler takes apart.
#![deny(warnings)]

use coro::{Coroutine, CoroutineExt, CoroutineState, Interrupt};

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {}
}

#[coro::coroutine]
fn inner(limit: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let mut n = 0;
    while n < limit {
        yield_!(n);
        n += 1;
    }
    n
}

#[coro::coroutine]
fn outer(words: Vec<String>) -> impl Coroutine<(), String, Yield = u32, Return = Result<u32, String>> {
    let _guard = Guard;
    let counted = yield_from!(inner(2));
    let mut total = counted;
    'words: for word in words {
        for c in word.chars() {
            if c == '!' {
                continue 'words;
            }
            if c == '?' {
                panic!("no questions");
            }
        }
        total += match word.len() {
            0 => 0,
            n if n > 3 => {
                yield_!(u32::try_from(n).unwrap_or(u32::MAX));
                2
            }
            _ => 1,
        };
    }
    total += "5".parse::<u32>().map_err(|e| e.to_string())?;
    match yield_catch!(total) {
        Ok(()) => Ok(total),
        Err(Interrupt::Throw(e)) => Err(e),
        Err(Interrupt::Close) => Ok(0),
    }
}

#[coro::coroutine]
fn diverging_tail() -> impl Coroutine<Yield = u8, Return = u8> {
    yield_!(1);
    panic!("boom");
}

#[coro::coroutine]
fn diverging_arm() -> impl Coroutine<(), String, Yield = u8, Return = Result<u8, String>> {
    let n = match yield_catch!(1) {
        Ok(()) => 1,
        Err(Interrupt::Close) => 2,
        Err(Interrupt::Throw(e)) => return Err(e),
    };
    Ok(n)
}

fn main() {
    let _ = diverging_tail();
    let _ = diverging_arm();
    let mut co = outer(vec!["hello".into(), "a!".into()]);
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send(()), CoroutineState::Yielded(1));
    assert_eq!(co.send(()), CoroutineState::Yielded(5));
}
