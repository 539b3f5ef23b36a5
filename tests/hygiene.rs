//! The expansion names nothing through the caller's scope: it works next to user items named
//! `core`, `coro`, `Option`, `Some`, `State`, `__CoroState`, inside `#[no_implicit_prelude]`
//! modules, and with user locals named like the ones it generates.

#![allow(dead_code, non_camel_case_types)]

/// Shadows of everything an expansion could have leaned on.
mod shadowed {
    mod core {}
    mod coro {}
    mod std {}
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct State;
    struct Step;
    struct Iterator;
    struct IntoIterator;

    use ::coro::Coroutine;

    #[::coro::coroutine]
    pub fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
        for i in (1..=from).rev() {
            yield_!(i);
        }
        "liftoff"
    }

    #[::coro::coroutine]
    pub fn fallible(
        values: ::std::vec::Vec<&'static str>,
    ) -> impl Coroutine<Yield = u32, Return = ::core::result::Result<(), ::core::num::ParseIntError>>
    {
        for value in values {
            yield_!(value.parse::<u32>()?);
        }
        ::core::result::Result::Ok(())
    }
}

#[no_implicit_prelude]
mod no_prelude {
    use ::coro::Coroutine;

    #[::coro::coroutine]
    pub fn echo() -> impl Coroutine<u8, Yield = u8, Return = ()> {
        let mut last = 0;
        loop {
            let got = yield_!(last);
            if got == 0 {
                return;
            }
            last = got;
        }
    }
}

/// User locals named like the generated ones do not collide with them.
#[coro::coroutine]
fn lookalikes() -> impl coro::Coroutine<u32, Yield = u32, Return = u32> {
    let __coro_state = 1;
    let __coro_input = 2;
    let __coro_block = 3;
    let __coro_sent0 = yield_!(__coro_state + __coro_input);
    let __coro_t0 = yield_!(__coro_block);
    __coro_sent0 + __coro_t0
}

use coro::{CoroutineExt, CoroutineState};

#[test]
fn shadowed_prelude_items() {
    let mut co = shadowed::countdown(2);
    assert_eq!(co.start(), CoroutineState::Yielded(2));
    assert_eq!(co.send(()), CoroutineState::Yielded(1));
    assert_eq!(co.send(()), CoroutineState::Complete("liftoff"));
    let values: Vec<u32> = shadowed::fallible(vec!["1", "2"]).iter().collect();
    assert_eq!(values, [1, 2]);
    let mut co = shadowed::fallible(vec!["x"]);
    assert!(matches!(co.start(), CoroutineState::Complete(Err(_))));
}

#[test]
fn no_implicit_prelude() {
    let mut co = no_prelude::echo();
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send(7), CoroutineState::Yielded(7));
    assert_eq!(co.send(0), CoroutineState::Complete(()));
}

#[test]
fn generated_names_do_not_collide() {
    let mut co = lookalikes();
    assert_eq!(co.start(), CoroutineState::Yielded(3));
    assert_eq!(co.send(10), CoroutineState::Yielded(3));
    assert_eq!(co.send(20), CoroutineState::Complete(30));
}
