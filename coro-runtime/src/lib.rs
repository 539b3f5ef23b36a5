//! Runtime support for [`coro`](https://docs.rs/coro): the [`Coroutine`] trait, what a resume
//! hands in ([`Resume`]) and gets back ([`CoroutineState`]), and the caller-side conveniences.
//!
//! Everything here is `no_std`, allocation-free and free of `unsafe`. The state machines that
//! `#[coro::coroutine]` generates implement [`Coroutine`] through the hidden [`__private::Machine`]
//! type; users name them as `impl Coroutine<Send, Yield = Y, Return = R>`.
//!
//! ```
//! use coro::{Coroutine, CoroutineExt, CoroutineState};
//!
//! #[coro::coroutine]
//! fn doubler() -> impl Coroutine<u32, Yield = u32, Return = ()> {
//!     let mut last = 0;
//!     loop {
//!         last = yield_!(last * 2);
//!     }
//! }
//!
//! let mut co = doubler();
//! assert_eq!(co.start(), CoroutineState::Yielded(0));
//! assert_eq!(co.send(21), CoroutineState::Yielded(42));
//! ```
#![warn(missing_docs)]
#![no_std]
#![forbid(unsafe_code)]

use core::pin::Pin;

pub mod __private;
pub mod dynamic;
mod interrupt;
pub mod typed;

pub use interrupt::Interrupt;

/// What one resume of a coroutine produced: it paused at a `yield_!` with a value, or it finished
/// with its return value (Python's `StopIteration.value`).
///
/// The names are those of `core::ops::CoroutineState`.
///
/// ```
/// use coro::CoroutineState;
///
/// let step: CoroutineState<u32, &str> = CoroutineState::Yielded(1);
/// assert_eq!(step.yielded(), Some(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoroutineState<Y, R> {
    /// The coroutine paused at a `yield_!` and handed out this value.
    Yielded(Y),
    /// The coroutine finished and returned this value.
    Complete(R),
}

impl<Y, R> CoroutineState<Y, R> {
    /// The yielded value, or `None` if the coroutine completed.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert_eq!(CoroutineState::<u8, ()>::Yielded(3).yielded(), Some(3));
    /// assert_eq!(CoroutineState::<u8, ()>::Complete(()).yielded(), None);
    /// ```
    pub fn yielded(self) -> Option<Y> {
        match self {
            Self::Yielded(y) => Some(y),
            Self::Complete(_) => None,
        }
    }

    /// The return value, or `None` if the coroutine only paused.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert_eq!(CoroutineState::<u8, &str>::Complete("done").complete(), Some("done"));
    /// ```
    pub fn complete(self) -> Option<R> {
        match self {
            Self::Yielded(_) => None,
            Self::Complete(r) => Some(r),
        }
    }
}

/// What a resume hands to a coroutine.
///
/// `Start` runs a created coroutine up to its first `yield_!` (Python's priming `next(g)`);
/// `Send` resumes a suspended one, and the paused `yield_!` evaluates to the value;
/// `Throw` injects an error at the paused `yield_!`.
///
/// ```
/// use coro::Resume;
///
/// let start: Resume<u32, core::convert::Infallible> = Resume::Start;
/// assert!(matches!(start, Resume::Start));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resume<S, E> {
    /// Run a created coroutine up to its first suspension point. Carries no value.
    Start,
    /// Resume a suspended coroutine; the paused `yield_!` evaluates to this value.
    Send(S),
    /// Raise this error at the paused `yield_!`. Unless the body handles it, the coroutine
    /// completes with it, the way `?` would return it.
    Throw(E),
}

/// Where a coroutine is in its life, as Python's `inspect.getgeneratorstate` tells it.
/// "Running" cannot be observed: resuming borrows the coroutine mutably.
///
/// ```
/// use coro::{Coroutine, CoroutineExt, Status};
///
/// #[coro::coroutine]
/// fn once() -> impl Coroutine<Yield = u8, Return = ()> {
///     yield_!(1);
/// }
///
/// let mut co = once();
/// assert_eq!(co.status(), Status::Created);
/// co.start();
/// assert_eq!(co.status(), Status::Suspended);
/// co.send(());
/// assert_eq!(co.status(), Status::Completed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Created and not yet started: no code of the body has run.
    Created,
    /// Paused at a `yield_!`.
    Suspended,
    /// Finished: returned, closed, failed with an error, or panicked.
    Completed,
}

/// The error [`Coroutine::close`] reports when the coroutine yielded instead of finishing
/// (Python's `RuntimeError: generator ignored GeneratorExit`). The coroutine stays suspended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CloseIgnored<Y>(pub Y);

impl<Y> core::fmt::Display for CloseIgnored<Y> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("coroutine yielded a value while being closed")
    }
}

impl<Y: core::fmt::Debug> core::error::Error for CloseIgnored<Y> {}

/// A resumable computation: Python's generator protocol with typed send, yield, error and
/// return values.
///
/// `S` is the type sent in by [`Resume::Send`]; `E` is the error type [`Resume::Throw`] injects.
/// It defaults to [`Infallible`](core::convert::Infallible): nothing can be thrown into a
/// coroutine that does not name an error type, and one that does must return a `Result` whose
/// error type the thrown error converts into. Functions marked `#[coro::coroutine]` return an
/// implementation of this trait.
///
/// Resuming a coroutine that is not in the state the input expects (sending into a created
/// coroutine, starting a suspended one, resuming a completed one) is a bug in the caller and
/// panics with a message that says which; the caller-side API in [`CoroutineExt`] never does it.
///
/// A generated coroutine whose body panics, or whose delegate panics while it resumes it with
/// `yield_from!`, is poisoned: the locals it had saved are dropped as the panic unwinds through
/// the resume, [`status`](Self::status) reports [`Status::Completed`], and resuming it again
/// panics ("coroutine resumed after it panicked"). Dropping it is always safe.
pub trait Coroutine<S = (), E = core::convert::Infallible> {
    /// The type handed out by each `yield_!`.
    type Yield;
    /// The type the coroutine finishes with.
    type Return;

    /// Runs the coroutine to its next suspension point or to its end.
    fn resume(
        self: Pin<&mut Self>,
        input: Resume<S, E>,
    ) -> CoroutineState<Self::Yield, Self::Return>;

    /// Asks the coroutine to stop (Python's `close()`).
    ///
    /// A suspended coroutine drops its saved locals in the order plain Rust would and completes:
    /// `Ok(None)`. A created coroutine completes without running any of its body (its
    /// arguments are dropped), and a completed one stays as it is: `Ok(None)` for both.
    /// `Err(CloseIgnored(y))` reports a body that yielded `y` instead of stopping.
    fn close(self: Pin<&mut Self>) -> Result<Option<Self::Return>, CloseIgnored<Self::Yield>>;

    /// Where the coroutine is in its life.
    fn status(&self) -> Status;

    /// [`resume`](Self::resume), called by a coroutine that delegates to this one with
    /// `yield_from!`. Not for callers: generated coroutines implement it by forcing their resume
    /// inline, so that a chain of `yield_from!`s compiles into one function however deep it is
    /// (each level left to the inliner's heuristics costs a call, and deep chains exhaust its
    /// budget: depth 16 ran at 25–40 ns an item against 0.4 ns).
    #[doc(hidden)]
    #[inline]
    fn __resume_delegated(
        self: Pin<&mut Self>,
        input: Resume<S, E>,
    ) -> CoroutineState<Self::Yield, Self::Return> {
        self.resume(input)
    }
}

/// Caller-side conveniences for coroutines that can be moved ([`Unpin`]), which is every
/// coroutine whose saved locals are `Unpin`.
///
/// ```
/// use coro::{Coroutine, CoroutineExt, CoroutineState};
///
/// #[coro::coroutine]
/// fn countdown(n: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
///     for i in (1..=n).rev() {
///         yield_!(i);
///     }
///     "liftoff"
/// }
///
/// let mut co = countdown(2);
/// assert_eq!(co.start(), CoroutineState::Yielded(2));
/// assert_eq!(co.send(()), CoroutineState::Yielded(1));
/// assert_eq!(co.send(()), CoroutineState::Complete("liftoff"));
/// ```
pub trait CoroutineExt<S, E = core::convert::Infallible>: Coroutine<S, E> + Unpin {
    /// Runs a created coroutine to its first suspension point (Python's priming `next(g)`).
    fn start(&mut self) -> CoroutineState<Self::Yield, Self::Return> {
        Pin::new(self).resume(Resume::Start)
    }

    /// Resumes a suspended coroutine with `value` (Python's `g.send(value)`).
    fn send(&mut self, value: S) -> CoroutineState<Self::Yield, Self::Return> {
        Pin::new(self).resume(Resume::Send(value))
    }

    /// Raises `error` at the paused `yield_!` (Python's `g.throw(error)`).
    fn throw(&mut self, error: E) -> CoroutineState<Self::Yield, Self::Return> {
        Pin::new(self).resume(Resume::Throw(error))
    }

    /// Stops the coroutine; see [`Coroutine::close`].
    fn close(&mut self) -> Result<Option<Self::Return>, CloseIgnored<Self::Yield>> {
        Coroutine::close(Pin::new(self))
    }

    /// An iterator over the yielded values of a coroutine that takes no input; it ends when the
    /// coroutine completes and drops the return value.
    // `Iter<Self>` is an `Iterator` for every `Self` this method accepts.
    #[allow(clippy::iter_not_returning_iterator)]
    fn iter(self) -> Iter<Self>
    where
        Self: Sized + Coroutine<()>,
    {
        Iter { coroutine: self }
    }
}

impl<S, E, C: Coroutine<S, E> + Unpin + ?Sized> CoroutineExt<S, E> for C {}

/// The iterator returned by [`CoroutineExt::iter`].
#[derive(Debug)]
pub struct Iter<C> {
    coroutine: C,
}

impl<C: Coroutine<()> + Unpin> Iterator for Iter<C> {
    type Item = C::Yield;

    fn next(&mut self) -> Option<C::Yield> {
        let input = match self.coroutine.status() {
            Status::Created => Resume::Start,
            Status::Suspended => Resume::Send(()),
            Status::Completed => return None,
        };
        Pin::new(&mut self.coroutine).resume(input).yielded()
    }
}

impl<S, E, C: Coroutine<S, E> + Unpin + ?Sized> Coroutine<S, E> for &mut C {
    type Yield = C::Yield;
    type Return = C::Return;

    fn resume(self: Pin<&mut Self>, input: Resume<S, E>) -> CoroutineState<C::Yield, C::Return> {
        Pin::new(&mut **self.get_mut()).resume(input)
    }

    #[inline]
    fn __resume_delegated(
        self: Pin<&mut Self>,
        input: Resume<S, E>,
    ) -> CoroutineState<C::Yield, C::Return> {
        Pin::new(&mut **self.get_mut()).__resume_delegated(input)
    }

    fn close(self: Pin<&mut Self>) -> Result<Option<Self::Return>, CloseIgnored<Self::Yield>> {
        Pin::new(&mut **self.get_mut()).close()
    }

    fn status(&self) -> Status {
        (**self).status()
    }
}

impl<S, E, P> Coroutine<S, E> for Pin<P>
where
    P: core::ops::DerefMut<Target: Coroutine<S, E>> + Unpin,
{
    type Yield = <P::Target as Coroutine<S, E>>::Yield;
    type Return = <P::Target as Coroutine<S, E>>::Return;

    fn resume(
        self: Pin<&mut Self>,
        input: Resume<S, E>,
    ) -> CoroutineState<Self::Yield, Self::Return> {
        self.get_mut().as_mut().resume(input)
    }

    #[inline]
    fn __resume_delegated(
        self: Pin<&mut Self>,
        input: Resume<S, E>,
    ) -> CoroutineState<Self::Yield, Self::Return> {
        self.get_mut().as_mut().__resume_delegated(input)
    }

    fn close(self: Pin<&mut Self>) -> Result<Option<Self::Return>, CloseIgnored<Self::Yield>> {
        self.get_mut().as_mut().close()
    }

    fn status(&self) -> Status {
        (**self).status()
    }
}
