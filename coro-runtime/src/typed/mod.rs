//! The typed caller API: each stage of a coroutine's life is its own type, so a resume that the
//! stage does not allow does not compile.
//!
//! [`Fresh`] holds a coroutine that has not started, [`Suspended`] one paused at a `yield_!`.
//! Every resume takes the handle by value and hands back a [`Step`]: either the yielded value
//! together with the next [`Suspended`] handle, or the return value and no handle at all.
//!
//! | Python | misuse | here |
//! |---|---|---|
//! | `g.send(v)` before `next(g)` | `TypeError` at run time | [`Fresh`] has no `send`: compile error |
//! | `next(g)` after `StopIteration` | `StopIteration` again | the handle was consumed: compile error |
//! | `g.send(v)` with a value of the wrong type | whatever the body does with it | compile error |
//! | `g.throw(e)` with an error the generator was not written for | `e` propagates | `throw` takes only the error type the coroutine names, and nothing if it names none: compile error |
//!
//! ```
//! use coro::Coroutine;
//! use coro::typed::{Fresh, Step};
//!
//! #[coro::coroutine]
//! fn adder() -> impl Coroutine<u32, Yield = u32, Return = u32> {
//!     let mut total = 0;
//!     loop {
//!         let n = yield_!(total);
//!         if n == 0 {
//!             return total;
//!         }
//!         total += n;
//!     }
//! }
//!
//! let Step::Yielded(0, co) = Fresh::new(adder()).start() else { unreachable!() };
//! let Step::Yielded(5, co) = co.send(5) else { unreachable!() };
//! let Step::Yielded(7, co) = co.send(2) else { unreachable!() };
//! assert_eq!(co.send(0).complete(), Some(7));
//! // `co` was moved by the last `send`: it cannot be resumed again.
//! ```
//!
//! The handles work with any [`Coroutine`](crate::Coroutine) that is [`Unpin`], which every coroutine that
//! `#[coro::coroutine]` generates is; pin any other one first (`Pin<&mut C>` and `Pin<Box<C>>`
//! are `Unpin` coroutines).

use core::marker::PhantomData;

mod fresh;
mod step;
mod suspended;

pub use fresh::Fresh;
pub use step::Step;
pub use suspended::Suspended;

/// `fn` pointers keep the handles `Send`, `Sync` and `Unpin` exactly when the coroutine is.
pub(crate) type Types<S, E> = PhantomData<fn(S, E)>;

/// A value that can be thrown into a coroutine whose error type is `E`: exactly `E` itself.
///
/// `throw` takes `impl Throwable<E>` rather than `E` so that throwing the wrong type fails with
/// a message that says what the coroutine's error type is and where it comes from. The trait is
/// sealed. The thrown value's type must be known where `throw` is called: write
/// `throw(MyError::from(e))` rather than `throw(e.into())`.
///
/// The error type is the second parameter of the coroutine's signature,
/// `impl Coroutine<Send, Error, Yield = Y, Return = Result<T, F>>` (with `F: From<Error>`). A
/// coroutine that names no error type has `Error = Infallible`: nothing can be thrown into it.
///
/// ```
/// use coro::Coroutine;
/// use coro::typed::Fresh;
///
/// #[coro::coroutine]
/// fn parser() -> impl Coroutine<(), String, Yield = (), Return = Result<(), String>> {
///     yield_!(());
///     Ok(())
/// }
///
/// let err = Fresh::new(parser()).throw(String::from("stop"));
/// assert_eq!(err, Err(String::from("stop")));
/// ```
///
/// Nothing is converted: a `&str` is not a `String`.
///
/// ```compile_fail,E0277
/// # use coro::Coroutine;
/// # use coro::typed::Fresh;
/// # #[coro::coroutine]
/// # fn parser() -> impl Coroutine<(), String, Yield = (), Return = Result<(), String>> {
/// #     yield_!(());
/// #     Ok(())
/// # }
/// let _ = Fresh::new(parser()).throw("stop");
/// ```
#[diagnostic::on_unimplemented(
    message = "this coroutine cannot be thrown a `{Self}`: its error type is `{E}`",
    label = "not the coroutine's error type `{E}`",
    note = "a coroutine's error type is the second parameter of its signature, \
            `impl Coroutine<Send, Error, Yield = Y, Return = Result<T, F>>` with `F: From<Error>`; \
            one that names no error type has `Error = Infallible`, and nothing can be thrown into it"
)]
pub trait Throwable<E>: sealed::IntoError<E> {}

impl<E> Throwable<E> for E {}

/// Turns a thrown value into the coroutine's error type.
pub(crate) fn thrown<E>(error: impl Throwable<E>) -> E {
    sealed::IntoError::into_error(error)
}

mod sealed {
    /// The conversion behind `Throwable`, out of reach of other crates so that nobody can add
    /// an implementation.
    pub trait IntoError<E> {
        fn into_error(self) -> E;
    }

    impl<E> IntoError<E> for E {
        fn into_error(self) -> E {
            self
        }
    }

    /// Implemented by no type: the bound of the `send` that `Fresh` does not have.
    pub trait Never {
        fn never<T>(&self) -> T;
    }
}

/// The bound of `Fresh::send`, which exists only to explain why it cannot be called. No type
/// implements it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "a coroutine that has not started cannot be sent a value",
    label = "`send` on a `Fresh` coroutine",
    note = "call `start` first: it runs the coroutine to its first `yield_!` and returns \
            `Step::Yielded(value, suspended)`; the `Suspended` handle has `send` \
            (Python raises `TypeError: can't send non-None value to a just-started generator`)"
)]
pub trait StartFirst: sealed::Never {}
