//! [`Suspended`]: a coroutine paused at a `yield_!`.

use core::convert::Infallible;
use core::fmt;
use core::pin::Pin;

use super::{Step, Throwable, Types, thrown};
use crate::{Coroutine, Resume, Status};

/// A coroutine paused at a `yield_!`, waiting to be sent a value, thrown an error or closed.
///
/// Only a [`Step::Yielded`] hands one out. Each resume consumes it; the coroutine comes back in
/// the next [`Step`] if it yields again, and is gone once it completes.
///
/// ```
/// use coro::Coroutine;
/// use coro::typed::{Fresh, Step};
///
/// #[coro::coroutine]
/// fn countdown(n: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
///     for i in (1..=n).rev() {
///         yield_!(i);
///     }
///     "liftoff"
/// }
///
/// let mut step = Fresh::new(countdown(3)).start();
/// let mut seen = Vec::new();
/// let result = loop {
///     match step {
///         Step::Yielded(n, co) => {
///             seen.push(n);
///             step = co.send(());
///         }
///         Step::Complete(result) => break result,
///     }
/// };
/// assert_eq!((seen, result), (vec![3, 2, 1], "liftoff"));
/// ```
///
/// A completed coroutine cannot be resumed: the handle that completed it was moved.
///
/// ```compile_fail,E0382
/// # use coro::Coroutine;
/// # use coro::typed::{Fresh, Step};
/// # #[coro::coroutine]
/// # fn once() -> impl Coroutine<Yield = u8, Return = ()> {
/// #     yield_!(1);
/// # }
/// let Step::Yielded(_, co) = Fresh::new(once()).start() else { unreachable!() };
/// let _done = co.send(());
/// let _again = co.send(());
/// ```
pub struct Suspended<C, S = (), E = Infallible> {
    pub(super) coroutine: C,
    pub(super) types: Types<S, E>,
}

impl<C, S, E> Suspended<C, S, E>
where
    C: Coroutine<S, E> + Unpin,
{
    /// Resumes the coroutine; the paused `yield_!` evaluates to `value` (Python's
    /// `g.send(value)`).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn echo() -> impl Coroutine<String, Yield = String, Return = ()> {
    ///     let mut last = String::from("ready");
    ///     loop {
    ///         last = yield_!(last);
    ///     }
    /// }
    ///
    /// let Step::Yielded(_, co) = Fresh::new(echo()).start() else { unreachable!() };
    /// let Step::Yielded(back, _co) = co.send("hi".to_owned()) else { unreachable!() };
    /// assert_eq!(back, "hi");
    /// ```
    pub fn send(self, value: S) -> Step<C, S, E> {
        Step::resume(self.coroutine, Resume::Send(value))
    }

    /// Raises `error` at the paused `yield_!` (Python's `g.throw(error)`). A plain `yield_!`
    /// does not handle it: the coroutine drops its locals and completes with the error,
    /// converted into the `Err` of its `Result` return type as `?` would.
    ///
    /// A coroutine whose signature names no error type has `E = Infallible`, so nothing can be
    /// thrown into it.
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn worker() -> impl Coroutine<(), &'static str, Yield = u8, Return = Result<(), String>> {
    ///     loop {
    ///         yield_!(1);
    ///     }
    /// }
    ///
    /// let Step::Yielded(1, co) = Fresh::new(worker()).start() else { unreachable!() };
    /// assert_eq!(co.throw("stop").complete(), Some(Err(String::from("stop"))));
    /// ```
    pub fn throw(self, error: impl Throwable<E>) -> Step<C, S, E> {
        Step::resume(self.coroutine, Resume::Throw(thrown(error)))
    }

    /// Asks the coroutine to stop (Python's `g.close()`): it drops its saved locals and
    /// completes. `Ok(Some(value))` if its body returned a value while closing, `Ok(None)` if it
    /// just stopped.
    ///
    /// A body that yields `y` instead of stopping is still suspended: `Err((y, handle))` hands
    /// the coroutine back, to resume or close again (Python: `RuntimeError: generator ignored
    /// GeneratorExit`, and the generator stays suspended).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn forever() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     loop {
    ///         yield_!(0);
    ///     }
    /// }
    ///
    /// let Step::Yielded(0, co) = Fresh::new(forever()).start() else { unreachable!() };
    /// assert!(matches!(co.close(), Ok(None)));
    /// ```
    pub fn close(mut self) -> Result<Option<C::Return>, (C::Yield, Self)> {
        match Pin::new(&mut self.coroutine).close() {
            Ok(value) => Ok(value),
            Err(ignored) => Err((ignored.0, self)),
        }
    }

    /// Where the coroutine is in its life: always [`Status::Suspended`].
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let Step::Yielded(1, co) = Fresh::new(one()).start() else { unreachable!() };
    /// assert_eq!(co.status(), Status::Suspended);
    /// ```
    pub fn status(&self) -> Status {
        self.coroutine.status()
    }
}

impl<C, S, E> Suspended<C, S, E> {
    /// The wrapped coroutine.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let Step::Yielded(1, co) = Fresh::new(one()).start() else { unreachable!() };
    /// assert_eq!(co.get_ref().status(), Status::Suspended);
    /// ```
    pub fn get_ref(&self) -> &C {
        &self.coroutine
    }

    /// Gives the coroutine back, for the raw [`Coroutine`] API.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineExt, CoroutineState};
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn two() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    ///     yield_!(2);
    /// }
    ///
    /// let Step::Yielded(1, co) = Fresh::new(two()).start() else { unreachable!() };
    /// let mut raw = co.into_inner();
    /// assert_eq!(raw.send(()), CoroutineState::Yielded(2));
    /// ```
    pub fn into_inner(self) -> C {
        self.coroutine
    }
}

impl<C, S, E> fmt::Debug for Suspended<C, S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Suspended").finish_non_exhaustive()
    }
}
