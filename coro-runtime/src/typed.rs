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
//! The handles work with any [`Coroutine`] that is [`Unpin`], which every coroutine that
//! `#[coro::coroutine]` generates is; pin any other one first (`Pin<&mut C>` and `Pin<Box<C>>`
//! are `Unpin` coroutines).

use core::convert::Infallible;
use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;

use crate::{Coroutine, CoroutineState, Resume, Status};

/// `fn` pointers keep the handles `Send`, `Sync` and `Unpin` exactly when the coroutine is.
type Types<S, E> = PhantomData<fn(S, E)>;

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

/// A coroutine that has not started: no code of its body has run.
///
/// `S` is the type it receives by `send` and `E` the error type `throw` injects; both are
/// inferred from the coroutine. There is no `send`: [`start`](Self::start) it first.
///
/// ```
/// use coro::Coroutine;
/// use coro::typed::{Fresh, Step};
///
/// #[coro::coroutine]
/// fn greeter() -> impl Coroutine<&'static str, Yield = &'static str, Return = ()> {
///     let name = yield_!("who is there?");
///     assert_eq!(name, "Ada");
/// }
///
/// let fresh = Fresh::new(greeter());
/// let Step::Yielded(question, co) = fresh.start() else { unreachable!() };
/// assert_eq!(question, "who is there?");
/// assert!(matches!(co.send("Ada"), Step::Complete(())));
/// ```
///
/// Sending before starting does not compile:
///
/// ```compile_fail,E0277
/// # use coro::Coroutine;
/// # use coro::typed::Fresh;
/// # #[coro::coroutine]
/// # fn greeter() -> impl Coroutine<&'static str, Yield = &'static str, Return = ()> {
/// #     let _name = yield_!("who is there?");
/// # }
/// Fresh::new(greeter()).send("Ada");
/// ```
pub struct Fresh<C, S = (), E = Infallible> {
    coroutine: C,
    types: Types<S, E>,
}

impl<C, S, E> Fresh<C, S, E>
where
    C: Coroutine<S, E> + Unpin,
{
    /// Wraps a coroutine that has not started.
    ///
    /// # Panics
    ///
    /// If the coroutine has already started (its [`status`](Coroutine::status) is not
    /// [`Status::Created`]).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let fresh = Fresh::new(one());
    /// assert_eq!(fresh.status(), coro::Status::Created);
    /// ```
    #[track_caller]
    pub fn new(coroutine: C) -> Self {
        let status = coroutine.status();
        assert!(
            status == Status::Created,
            "`Fresh::new` needs a coroutine that has not started, but this one is {status:?}"
        );
        Fresh { coroutine, types: PhantomData }
    }

    /// Runs the coroutine to its first `yield_!` or to its end (Python's priming `next(g)`).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::{Fresh, Step};
    ///
    /// #[coro::coroutine]
    /// fn answer() -> impl Coroutine<Yield = (), Return = u8> {
    ///     42
    /// }
    ///
    /// assert_eq!(Fresh::new(answer()).start().complete(), Some(42));
    /// ```
    pub fn start(self) -> Step<C, S, E> {
        Step::resume(self.coroutine, Resume::Start)
    }

    /// Throws `error` into the coroutine before it starts: it completes at once with the error
    /// as its return value (converted into the `Err` of its `Result`, as `?` would), and no code
    /// of its body runs (Python: the exception propagates, the generator is closed).
    ///
    /// A coroutine whose signature names no error type has `E = Infallible`, so nothing can be
    /// thrown into it.
    ///
    /// # Panics
    ///
    /// If the coroutine yields instead of completing. No coroutine generated by
    /// `#[coro::coroutine]` does; a hand-written [`Coroutine`] that does breaks the protocol.
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn worker(
    ///     started: &mut bool,
    /// ) -> impl Coroutine<(), &'static str, Yield = u8, Return = Result<(), String>> + '_ {
    ///     *started = true;
    ///     yield_!(1);
    ///     Ok(())
    /// }
    ///
    /// let mut started = false;
    /// assert_eq!(Fresh::new(worker(&mut started)).throw("stop"), Err(String::from("stop")));
    /// assert!(!started);
    /// ```
    pub fn throw(self, error: impl Throwable<E>) -> C::Return {
        match Step::resume(self.coroutine, Resume::Throw(thrown(error))) {
            Step::Complete(value) => value,
            Step::Yielded(..) => panic!(
                "a coroutine yielded when an error was thrown into it before it started; \
                 its `Coroutine` implementation breaks the protocol"
            ),
        }
    }

    /// Closes the coroutine before it starts: no code of its body runs, and its arguments are
    /// dropped (Python's `g.close()` on a just-started generator).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn worker(started: &mut bool) -> impl Coroutine<Yield = u8, Return = ()> + '_ {
    ///     *started = true;
    ///     yield_!(1);
    /// }
    ///
    /// let mut started = false;
    /// Fresh::new(worker(&mut started)).close();
    /// assert!(!started);
    /// ```
    pub fn close(mut self) {
        // A created coroutine cannot ignore a close request: there is no `yield_!` to yield from.
        let _ = Pin::new(&mut self.coroutine).close();
    }

    /// Where the coroutine is in its life: always [`Status::Created`].
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// assert_eq!(Fresh::new(one()).status(), Status::Created);
    /// ```
    pub fn status(&self) -> Status {
        self.coroutine.status()
    }
}

impl<C, S, E> Fresh<C, S, E> {
    /// Does not exist: a coroutine that has not started cannot be sent a value. Calling it is a
    /// compile error that says to [`start`](Self::start) first.
    #[doc(hidden)]
    pub fn send(self, _value: S) -> Step<C, S, E>
    where
        C: Coroutine<S, E> + StartFirst,
    {
        sealed::Never::never(&self.coroutine)
    }

    /// The wrapped coroutine.
    ///
    /// ```
    /// use coro::{Coroutine, Status};
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let fresh = Fresh::new(one());
    /// assert_eq!(fresh.get_ref().status(), Status::Created);
    /// ```
    pub fn get_ref(&self) -> &C {
        &self.coroutine
    }

    /// Gives the coroutine back, for the raw [`Coroutine`] API.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineExt, CoroutineState};
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let mut co = Fresh::new(one()).into_inner();
    /// assert_eq!(co.start(), CoroutineState::Yielded(1));
    /// ```
    pub fn into_inner(self) -> C {
        self.coroutine
    }
}

impl<C, S, E> fmt::Debug for Fresh<C, S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fresh").finish_non_exhaustive()
    }
}

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
    coroutine: C,
    types: Types<S, E>,
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

/// What one resume through the typed API produced: the coroutine paused with a value and is
/// handed back, or it finished with its return value and is gone.
///
/// ```
/// use coro::Coroutine;
/// use coro::typed::{Fresh, Step};
///
/// #[coro::coroutine]
/// fn one() -> impl Coroutine<Yield = u8, Return = &'static str> {
///     yield_!(1);
///     "done"
/// }
///
/// match Fresh::new(one()).start() {
///     Step::Yielded(value, co) => {
///         assert_eq!(value, 1);
///         assert_eq!(co.send(()).complete(), Some("done"));
///     }
///     Step::Complete(_) => unreachable!(),
/// }
/// ```
#[must_use = "a `Step` holds the yielded value and the suspended coroutine, or the return value"]
pub enum Step<C, S = (), E = Infallible>
where
    C: Coroutine<S, E>,
{
    /// The coroutine paused at a `yield_!`, handing out this value; resume it through the
    /// handle.
    Yielded(C::Yield, Suspended<C, S, E>),
    /// The coroutine finished and returned this value.
    Complete(C::Return),
}

impl<C, S, E> Step<C, S, E>
where
    C: Coroutine<S, E> + Unpin,
{
    fn resume(mut coroutine: C, input: Resume<S, E>) -> Self {
        match Pin::new(&mut coroutine).resume(input) {
            CoroutineState::Yielded(value) => {
                Step::Yielded(value, Suspended { coroutine, types: PhantomData })
            }
            CoroutineState::Complete(value) => Step::Complete(value),
        }
    }
}

impl<C, S, E> Step<C, S, E>
where
    C: Coroutine<S, E>,
{
    /// The yielded value and the suspended coroutine, or `None` if it completed (the return
    /// value is dropped).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn one() -> impl Coroutine<Yield = u8, Return = ()> {
    ///     yield_!(1);
    /// }
    ///
    /// let (value, co) = Fresh::new(one()).start().yielded().unwrap();
    /// assert_eq!(value, 1);
    /// assert!(co.send(()).yielded().is_none());
    /// ```
    pub fn yielded(self) -> Option<(C::Yield, Suspended<C, S, E>)> {
        match self {
            Step::Yielded(value, coroutine) => Some((value, coroutine)),
            Step::Complete(_) => None,
        }
    }

    /// The return value, or `None` if the coroutine only paused (the yielded value and the
    /// coroutine are dropped).
    ///
    /// ```
    /// use coro::Coroutine;
    /// use coro::typed::Fresh;
    ///
    /// #[coro::coroutine]
    /// fn answer() -> impl Coroutine<Yield = (), Return = u8> {
    ///     42
    /// }
    ///
    /// assert_eq!(Fresh::new(answer()).start().complete(), Some(42));
    /// ```
    pub fn complete(self) -> Option<C::Return> {
        match self {
            Step::Yielded(..) => None,
            Step::Complete(value) => Some(value),
        }
    }
}

impl<C, S, E> fmt::Debug for Step<C, S, E>
where
    C: Coroutine<S, E, Yield: fmt::Debug, Return: fmt::Debug>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Yielded(value, coroutine) => {
                f.debug_tuple("Yielded").field(value).field(coroutine).finish()
            }
            Step::Complete(value) => f.debug_tuple("Complete").field(value).finish(),
        }
    }
}
