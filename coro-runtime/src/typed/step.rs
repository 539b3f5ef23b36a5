//! [`Step`]: what one resume through the typed API produced.

use core::convert::Infallible;
use core::fmt;
use core::pin::Pin;

use core::marker::PhantomData;

use super::Suspended;
use crate::{Coroutine, CoroutineState, Resume};

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
    pub(super) fn resume(mut coroutine: C, input: Resume<S, E>) -> Self {
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
