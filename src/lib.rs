//! Python-style coroutines for stable Rust, compiled by a proc macro into explicit enum state
//! machines.
//!
//! Mark a function `#[coro::coroutine]`; inside it, `yield_!(value)` hands `value` to the caller
//! and pauses, and evaluates to whatever the caller sends in next. The attribute rewrites the body
//! into an enum with one variant per suspension point, holding exactly the locals still needed
//! there, and a step function. No heap allocation, no `unsafe`, `no_std`.
//!
//! ```
//! use coro::{Coroutine, CoroutineExt, CoroutineState};
//!
//! #[coro::coroutine]
//! fn averager() -> impl Coroutine<f64, Yield = Option<f64>, Return = ()> {
//!     let (mut total, mut count) = (0.0, 0u32);
//!     let mut average = None;
//!     loop {
//!         let value = yield_!(average);
//!         total += value;
//!         count += 1;
//!         average = Some(total / f64::from(count));
//!     }
//! }
//!
//! let mut avg = averager();
//! assert_eq!(avg.start(), CoroutineState::Yielded(None));
//! assert_eq!(avg.send(10.0), CoroutineState::Yielded(Some(10.0)));
//! assert_eq!(avg.send(30.0), CoroutineState::Yielded(Some(20.0)));
//! ```
//!
//! # What is saved at a suspension point
//!
//! A local is saved in the state enum at a `yield_!` when the code after it may use it. A local
//! that is not used again is dropped when the coroutine suspends, earlier than plain Rust would
//! drop it at the end of its scope (the macro cannot see moves, and saving a moved value would not
//! compile). To keep a value alive across a `yield_!` — a guard, a timer — bind it to a name
//! that starts with an underscore: `_name` bindings are saved for as long as they are in scope.
//!
//! # Spelling the attribute
//!
//! Write the path form `#[coro::coroutine]`. rustc has a built-in, unstable `#[coroutine]`
//! attribute, so `use coro::coroutine;` followed by a bare `#[coroutine]` is ambiguous (E0659).
#![warn(missing_docs)]
#![no_std]
#![forbid(unsafe_code)]

pub use coro_runtime::{
    CloseIgnored, Coroutine, CoroutineExt, CoroutineState, Interrupt, Iter, Resume, Status,
};
pub use coro_runtime::{dynamic, typed};

/// Compiles a function whose body uses `yield_!` into a coroutine state machine.
///
/// See the [crate docs](crate) for the rules and an example.
pub use coro_macros::coroutine;

#[doc(hidden)]
pub use coro_runtime::__private;

/// Suspends the coroutine, handing its argument to the caller; evaluates to the value sent in by
/// the next resume.
///
/// Only meaningful inside a `#[coro::coroutine]` function, which rewrites it; anywhere else it
/// is a compile error.
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     coro::yield_!(1);
/// }
/// ```
#[macro_export]
macro_rules! yield_ {
    ($($tokens:tt)*) => {
        ::core::compile_error!("`yield_!` can only be used inside a `#[coro::coroutine]` function")
    };
}

/// Suspends the coroutine like [`yield_!`], but hands an interruption to the body instead of
/// acting on it: evaluates to `Ok(sent)` for a sent value, `Err(Interrupt::Throw(error))` for
/// [`throw`](CoroutineExt::throw) and `Err(Interrupt::Close)` for
/// [`close`](CoroutineExt::close).
///
/// See [`Interrupt`] for an example. Only meaningful inside a `#[coro::coroutine]` function.
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     let _ = coro::yield_catch!(1);
/// }
/// ```
#[macro_export]
macro_rules! yield_catch {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_catch!` can only be used inside a `#[coro::coroutine]` function"
        )
    };
}

/// Delegates to another coroutine, or to anything `IntoIterator`, until it completes (Python's
/// `yield from`); evaluates to the delegate's return value.
///
/// Every value the delegate yields is yielded by the delegating coroutine; values sent in,
/// errors thrown in and close requests are forwarded to the delegate (a close request closes it,
/// then the delegating coroutine). An iterator delegate is driven with `next`; an error thrown
/// while delegating to it is raised at the `yield_from!`.
///
/// ```
/// use coro::{Coroutine, CoroutineExt};
///
/// #[coro::coroutine]
/// fn inner() -> impl Coroutine<Yield = u32, Return = &'static str> {
///     yield_!(1);
///     "inner done"
/// }
///
/// #[coro::coroutine]
/// fn outer() -> impl Coroutine<Yield = u32, Return = ()> {
///     let said = yield_from!(inner());
///     assert_eq!(said, "inner done");
///     yield_from!([2, 3]);
/// }
///
/// assert_eq!(outer().iter().collect::<Vec<_>>(), [1, 2, 3]);
/// ```
#[macro_export]
macro_rules! yield_from {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_from!` can only be used inside a `#[coro::coroutine]` function"
        )
    };
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
