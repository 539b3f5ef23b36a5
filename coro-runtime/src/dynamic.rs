//! The dynamic caller API: one object with `&mut self` methods, for schedulers and collections,
//! where a resume the coroutine is not ready for is a [`ProtocolError`] instead of a panic.
//!
//! [`Generator`] wraps any [`Unpin`] [`Coroutine`], including a `Pin<Box<dyn Coroutine<..>>>`,
//! and checks the coroutine's [`Status`] before each resume, the way Python does:
//!
//! | Python | here |
//! |---|---|
//! | `g.send(v)` before `next(g)`: `TypeError`, `g` stays unstarted | `Err` of kind [`ErrorKind::NotStarted`], the coroutine stays created |
//! | `next(g)` / `g.send(v)` after it finished: `StopIteration` with no value | `Err` of kind [`ErrorKind::Exhausted`]; the return value is only delivered once |
//! | `g.throw(e)` after it finished: `e` is raised back at the caller | `Err` of kind [`ErrorKind::Exhausted`] that hands `e` back |
//! | `for x in g` | [`Generator`] is an [`Iterator`] when the send type is `()` |
//!
//! ```
//! use coro::{Coroutine, CoroutineState};
//! use coro::dynamic::{ErrorKind, Generator};
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
//! let mut g = Generator::new(adder());
//! assert_eq!(g.send(5).unwrap_err().kind(), ErrorKind::NotStarted);
//! assert_eq!(g.start(), Ok(CoroutineState::Yielded(0)));
//! assert_eq!(g.send(5), Ok(CoroutineState::Yielded(5)));
//! assert_eq!(g.send(0), Ok(CoroutineState::Complete(5)));
//! assert_eq!(g.send(1).unwrap_err().kind(), ErrorKind::Exhausted);
//! ```

use core::convert::Infallible;
use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::pin::Pin;

use crate::typed::{Throwable, thrown};
use crate::{CloseIgnored, Coroutine, CoroutineState, Resume, Status};

/// A coroutine behind `&mut self` methods that report misuse as a [`ProtocolError`] and never
/// panic on it.
///
/// `S` is the type it receives by [`send`](Self::send) and `E` the error type
/// [`throw`](Self::throw) injects; both are inferred from the coroutine. The wrapped coroutine
/// must be [`Unpin`], which every coroutine `#[coro::coroutine]` generates is; boxed ones
/// (`Pin<Box<dyn Coroutine<..>>>`) are too, so one `Vec<Generator<..>>` can hold coroutines of
/// different functions.
///
/// ```
/// use std::pin::Pin;
///
/// use coro::Coroutine;
/// use coro::dynamic::Generator;
///
/// #[coro::coroutine]
/// fn ticker(name: &'static str, n: u32) -> Pin<Box<dyn Coroutine<Yield = String, Return = ()>>> {
///     for i in 0..n {
///         yield_!(format!("{name} {i}"));
///     }
/// }
///
/// // A round-robin scheduler: run each task one step, drop the finished ones.
/// let mut tasks = vec![Generator::new(ticker("a", 2)), Generator::new(ticker("b", 1))];
/// let mut log = Vec::new();
/// while !tasks.is_empty() {
///     tasks.retain_mut(|task| match task.next() {
///         Ok(coro::CoroutineState::Yielded(line)) => {
///             log.push(line);
///             true
///         }
///         _ => false,
///     });
/// }
/// assert_eq!(log, ["a 0", "b 0", "a 1"]);
/// ```
pub struct Generator<C, S = (), E = Infallible> {
    coroutine: C,
    /// Set while a resume or close runs; still set afterwards only if that one panicked.
    poisoned: bool,
    /// `fn` pointers keep the generator `Send`, `Sync` and `Unpin` exactly when the coroutine is.
    types: PhantomData<fn(S, E)>,
}

impl<C, S, E> Generator<C, S, E>
where
    C: Coroutine<S, E> + Unpin,
{
    /// Wraps a coroutine, whatever its status.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let g = Generator::new(one());
    /// assert_eq!(g.status(), Status::Created);
    /// ```
    pub fn new(coroutine: C) -> Self {
        Generator { coroutine, poisoned: false, types: PhantomData }
    }

    /// Runs a created coroutine to its first `yield_!` or to its end (Python's priming
    /// `next(g)`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlreadyStarted`] if it has started and not completed,
    /// [`ErrorKind::Exhausted`] if it has completed, [`ErrorKind::Panicked`] if an earlier
    /// resume panicked. The coroutine is left as it was.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineState};
    /// use coro::dynamic::{ErrorKind, Generator};
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let mut g = Generator::new(one());
    /// assert_eq!(g.start(), Ok(CoroutineState::Yielded(1)));
    /// assert_eq!(g.start().unwrap_err().kind(), ErrorKind::AlreadyStarted);
    /// ```
    pub fn start(&mut self) -> Result<CoroutineState<C::Yield, C::Return>, ProtocolError> {
        match self.check(Status::Created) {
            Ok(()) => Ok(self.resume(Resume::Start)),
            Err(kind) => Err(ProtocolError::new(kind, ())),
        }
    }

    /// Resumes a suspended coroutine; the paused `yield_!` evaluates to `value` (Python's
    /// `g.send(value)`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotStarted`] if it has not started (Python's `TypeError: can't send
    /// non-None value to a just-started generator`; it stays created and can be started),
    /// [`ErrorKind::Exhausted`] if it has completed, [`ErrorKind::Panicked`] if an earlier
    /// resume panicked. The error hands `value` back ([`ProtocolError::into_inner`]).
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineState, Status};
    /// use coro::dynamic::{ErrorKind, Generator};
    ///
    /// #[coro::coroutine]
    /// fn echo() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    ///     let mut last = 0;
    ///     loop {
    ///         last = yield_!(last);
    ///     }
    /// }
    ///
    /// let mut g = Generator::new(echo());
    /// let err = g.send(7).unwrap_err();
    /// assert_eq!((err.kind(), err.into_inner()), (ErrorKind::NotStarted, 7));
    /// assert_eq!(g.status(), Status::Created);
    /// assert_eq!(g.start(), Ok(CoroutineState::Yielded(0)));
    /// assert_eq!(g.send(7), Ok(CoroutineState::Yielded(7)));
    /// ```
    pub fn send(
        &mut self,
        value: S,
    ) -> Result<CoroutineState<C::Yield, C::Return>, ProtocolError<S>> {
        match self.check(Status::Suspended) {
            Ok(()) => Ok(self.resume(Resume::Send(value))),
            Err(kind) => Err(ProtocolError::new(kind, value)),
        }
    }

    /// Raises `error` at the paused `yield_!` (Python's `g.throw(error)`). A plain `yield_!`
    /// does not handle it: the coroutine drops its locals and completes with the error,
    /// converted into the `Err` of its `Result` return type as `?` would. Thrown into a coroutine
    /// that has not started, the error completes it at once and no code of its body runs.
    ///
    /// A coroutine whose signature names no error type has `E = Infallible`, so nothing can be
    /// thrown into it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Exhausted`] if it has completed (Python raises the error straight back at
    /// the caller), [`ErrorKind::Panicked`] if an earlier resume panicked. The error hands
    /// `error` back ([`ProtocolError::into_inner`]).
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineState};
    /// use coro::dynamic::{ErrorKind, Generator};
    ///
    /// #[coro::coroutine]
    /// fn worker() -> impl Coroutine<(), &'static str, Yield = u8, Return = Result<(), String>> {
    ///     loop {
    ///         yield_!(1);
    ///     }
    /// }
    ///
    /// let mut g = Generator::new(worker());
    /// g.start().unwrap();
    /// assert_eq!(g.throw("stop"), Ok(CoroutineState::Complete(Err(String::from("stop")))));
    /// let err = g.throw("again").unwrap_err();
    /// assert_eq!((err.kind(), err.into_inner()), (ErrorKind::Exhausted, "again"));
    /// ```
    pub fn throw(
        &mut self,
        error: impl Throwable<E>,
    ) -> Result<CoroutineState<C::Yield, C::Return>, ProtocolError<E>> {
        let error = thrown(error);
        match self.check(Status::Suspended) {
            Ok(()) | Err(ErrorKind::NotStarted) => Ok(self.resume(Resume::Throw(error))),
            Err(kind) => Err(ProtocolError::new(kind, error)),
        }
    }

    /// Asks the coroutine to stop (Python's `g.close()`). A suspended coroutine drops its saved
    /// locals and completes: `Ok(Some(value))` if its body returned a value while closing,
    /// `Ok(None)` if it just stopped. A created coroutine completes without running any code of
    /// its body; closing a completed one, or one that panicked, does nothing. All three give
    /// `Ok(None)`.
    ///
    /// # Errors
    ///
    /// [`CloseIgnored`] if the body yielded instead of stopping (Python's `RuntimeError:
    /// generator ignored GeneratorExit`); the coroutine stays suspended.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn forever() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     loop {
    ///         yield_!(0);
    ///     }
    /// }
    ///
    /// let mut g = Generator::new(forever());
    /// g.start().unwrap();
    /// assert_eq!(g.close(), Ok(None));
    /// assert_eq!(g.status(), Status::Completed);
    /// assert_eq!(g.close(), Ok(None));
    /// ```
    pub fn close(&mut self) -> Result<Option<C::Return>, CloseIgnored<C::Yield>> {
        if self.poisoned {
            // Completed by the panic, like a Python generator an exception escaped from.
            return Ok(None);
        }
        self.poisoned = true;
        let closed = Pin::new(&mut self.coroutine).close();
        self.poisoned = false;
        closed
    }

    /// Where the coroutine is in its life.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let mut g = Generator::new(one());
    /// assert_eq!(g.status(), Status::Created);
    /// g.start().unwrap();
    /// assert_eq!(g.status(), Status::Suspended);
    /// g.send(()).unwrap();
    /// assert_eq!(g.status(), Status::Completed);
    /// ```
    pub fn status(&self) -> Status {
        self.coroutine.status()
    }

    /// The kind of error a resume that needs `expected` would get, if any.
    fn check(&self, expected: Status) -> Result<(), ErrorKind> {
        if self.poisoned {
            return Err(ErrorKind::Panicked);
        }
        match (self.coroutine.status(), expected) {
            (Status::Created, Status::Created) | (Status::Suspended, Status::Suspended) => Ok(()),
            (Status::Created, _) => Err(ErrorKind::NotStarted),
            (Status::Suspended, _) => Err(ErrorKind::AlreadyStarted),
            (Status::Completed, _) => Err(ErrorKind::Exhausted),
        }
    }

    fn resume(&mut self, input: Resume<S, E>) -> CoroutineState<C::Yield, C::Return> {
        self.poisoned = true;
        let state = Pin::new(&mut self.coroutine).resume(input);
        self.poisoned = false;
        state
    }
}

impl<C, E> Generator<C, (), E>
where
    C: Coroutine<(), E> + Unpin,
{
    /// Starts the coroutine if it has not started, and resumes it otherwise (Python's
    /// `next(g)`). Only for coroutines that take no input.
    ///
    /// This inherent method reports the return value and misuse; the [`Iterator`] impl (used by
    /// `for`, `collect` and the adapters, or called as `Iterator::next(&mut g)`) gives only the
    /// yielded values.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Exhausted`] if it has completed, [`ErrorKind::Panicked`] if an earlier
    /// resume panicked.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineState};
    /// use coro::dynamic::{ErrorKind, Generator};
    ///
    /// #[coro::coroutine]
    /// fn two() -> impl Coroutine<Yield = u8, Return = &'static str> {
    ///     yield_!(1);
    ///     yield_!(2);
    ///     "done"
    /// }
    ///
    /// let mut g = Generator::new(two());
    /// assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    /// assert_eq!(g.next(), Ok(CoroutineState::Yielded(2)));
    /// assert_eq!(g.next(), Ok(CoroutineState::Complete("done")));
    /// assert_eq!(g.next().unwrap_err().kind(), ErrorKind::Exhausted);
    /// ```
    // Python's `next(g)`, which reports the return value and misuse; the `Iterator` impl is the
    // other, `Option`-returning `next`, and method calls pick this one.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<CoroutineState<C::Yield, C::Return>, ProtocolError> {
        let input = match self.check(Status::Suspended) {
            Ok(()) => Resume::Send(()),
            Err(ErrorKind::NotStarted) => Resume::Start,
            Err(kind) => return Err(ProtocolError::new(kind, ())),
        };
        Ok(self.resume(input))
    }
}

impl<C, S, E> Generator<C, S, E> {
    /// The wrapped coroutine.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let g = Generator::new(one());
    /// assert_eq!(g.get_ref().status(), Status::Created);
    /// ```
    pub fn get_ref(&self) -> &C {
        &self.coroutine
    }

    /// Gives the coroutine back, for the raw [`Coroutine`] API.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineExt, CoroutineState};
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let mut co = Generator::new(one()).into_inner();
    /// assert_eq!(co.start(), CoroutineState::Yielded(1));
    /// ```
    pub fn into_inner(self) -> C {
        self.coroutine
    }
}

/// The yielded values of a coroutine that takes no input (Python's `for x in g`). The iterator
/// ends when the coroutine completes, and the return value is dropped; a generator that has
/// completed or panicked yields nothing.
///
/// ```
/// use coro::Coroutine;
/// use coro::dynamic::Generator;
///
/// #[coro::coroutine]
/// fn count(n: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
///     for i in 0..n {
///         yield_!(i);
///     }
///     "dropped by the iterator"
/// }
///
/// let mut g = Generator::new(count(4));
/// assert_eq!(g.by_ref().take(1).collect::<Vec<_>>(), [0]);
/// assert_eq!(g.collect::<Vec<_>>(), [1, 2, 3]);
/// ```
impl<C, E> Iterator for Generator<C, (), E>
where
    C: Coroutine<(), E> + Unpin,
{
    type Item = C::Yield;

    fn next(&mut self) -> Option<C::Yield> {
        Generator::next(self).ok().and_then(CoroutineState::yielded)
    }
}

impl<C, E> FusedIterator for Generator<C, (), E> where C: Coroutine<(), E> + Unpin {}

impl<C, S, E> fmt::Debug for Generator<C, S, E>
where
    C: Coroutine<S, E>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("status", &self.coroutine.status())
            .field("poisoned", &self.poisoned)
            .finish_non_exhaustive()
    }
}

/// Which resume the coroutine was not ready for; see [`ProtocolError`].
///
/// ```
/// use coro::dynamic::ErrorKind;
///
/// assert_eq!(ErrorKind::Exhausted.to_string(), "coroutine resumed after it completed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value was sent into a coroutine that has not started (Python's `TypeError: can't send
    /// non-None value to a just-started generator`). It stays created; start it first.
    NotStarted,
    /// `start` on a coroutine that has already started.
    AlreadyStarted,
    /// A resume after the coroutine completed (Python's `StopIteration` with no value). Its
    /// return value was delivered by the resume that completed it, and is never delivered again.
    Exhausted,
    /// A resume after an earlier resume through the same [`Generator`] panicked; the coroutine
    /// is completed.
    Panicked,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::NotStarted => {
                "value sent to a coroutine that has not started; start it first"
            }
            ErrorKind::AlreadyStarted => "coroutine started twice",
            ErrorKind::Exhausted => "coroutine resumed after it completed",
            ErrorKind::Panicked => "coroutine resumed after it panicked",
        })
    }
}

impl core::error::Error for ErrorKind {}

/// A resume the coroutine was not ready for, reported by [`Generator`] instead of a panic. The
/// coroutine is left as it was.
///
/// `T` is what the resume carried: the value of a [`send`](Generator::send) or the error of a
/// [`throw`](Generator::throw), handed back by [`into_inner`](Self::into_inner); `()` for
/// [`start`](Generator::start) and [`next`](Generator::next).
///
/// ```
/// use coro::Coroutine;
/// use coro::dynamic::{ErrorKind, Generator};
///
/// #[coro::coroutine]
/// fn empty() -> impl Coroutine<Yield = (), Return = ()> {}
///
/// let mut g = Generator::new(empty());
/// g.next().unwrap();
/// let err = g.next().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Exhausted);
/// assert_eq!(err.to_string(), "coroutine resumed after it completed");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProtocolError<T = ()> {
    kind: ErrorKind,
    value: T,
}

impl<T> ProtocolError<T> {
    fn new(kind: ErrorKind, value: T) -> Self {
        ProtocolError { kind, value }
    }

    /// Which resume the coroutine was not ready for.
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::dynamic::{ErrorKind, Generator};
    ///
    /// #[coro::coroutine]
    /// fn sink() -> impl Coroutine<u8, Yield = (), Return = ()> {
    ///     yield_!(());
    /// }
    ///
    /// let mut g = Generator::new(sink());
    /// assert_eq!(g.send(1).unwrap_err().kind(), ErrorKind::NotStarted);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The value the failed resume carried: what [`send`](Generator::send) did not deliver, or
    /// the error [`throw`](Generator::throw) did not raise.
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::dynamic::Generator;
    ///
    /// #[coro::coroutine]
    /// fn sink() -> impl Coroutine<String, Yield = (), Return = ()> {
    ///     yield_!(());
    /// }
    ///
    /// let mut g = Generator::new(sink());
    /// let message = g.send("not lost".to_owned()).unwrap_err().into_inner();
    /// assert_eq!(message, "not lost");
    /// ```
    pub fn into_inner(self) -> T {
        self.value
    }
}

// Like `std::sync::mpsc::SendError`, not `T: Debug`: the carried value may not be printable,
// and the error should still work with `?` and `unwrap`.
impl<T> fmt::Debug for ProtocolError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProtocolError").field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl<T> fmt::Display for ProtocolError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl<T> core::error::Error for ProtocolError<T> {}
