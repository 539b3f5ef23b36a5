//! `yield_from!`: the delegate wrappers, which one an operand gets, what a forwarded resume
//! returns, and the guard that poisons a delegating coroutine whose delegate panics while it is
//! resumed in place.

use core::marker::PhantomData;
use core::pin::Pin;

use super::{Input, StateEnum};
use crate::{CloseIgnored, Coroutine, CoroutineState, Resume};

/// Poisons the state it holds if dropped: while a delegating coroutine resumes its delegate in
/// place (the state stays where it is, so the delegate's state is not moved on every item), a
/// panic in the delegate unwinds through this, and the delegating coroutine is left poisoned,
/// as it would be had the panic come from its own code. [`disarm`](Self::disarm) it once the
/// delegate has returned.
pub struct PoisonOnUnwind<'a, St: StateEnum>(pub &'a mut St);

impl<St: StateEnum> PoisonOnUnwind<'_, St> {
    /// The delegate returned: nothing to poison.
    #[inline(always)]
    pub fn disarm(self) {
        core::mem::forget(self);
    }
}

impl<St: StateEnum> Drop for PoisonOnUnwind<'_, St> {
    fn drop(&mut self) {
        // Drops the saved locals, the delegate among them, as unwinding out of a segment would.
        *self.0 = St::poisoned();
    }
}

/// What a delegate of `yield_from!` did with one resume.
#[derive(Debug)]
pub enum Forward<Y, R, S, E> {
    /// The delegate paused: the delegating coroutine hands the value out and stays suspended at
    /// its `yield_from!`.
    Yielded(Y),
    /// The delegate finished: `yield_from!` evaluates to this.
    Complete(R),
    /// The delegate cannot take this input (a throw into an iterator) or was closed: the
    /// delegating coroutine handles it at its `yield_from!` as a plain `yield_!` would.
    Raise(Input<S, E>),
}

/// A delegate of `yield_from!`: a coroutine, or an iterator.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` cannot delegate to this from a coroutine that is sent `{S}`",
    label = "not a delegate for this coroutine",
    note = "a delegate is a coroutine that has not started, with the same send type and the same \
            error type (or none), or anything `IntoIterator` when the send type is `()`"
)]
pub trait Delegate<S, E> {
    /// What the delegate yields: the delegating coroutine's yield type.
    type Yield;
    /// What `yield_from!` evaluates to.
    type Return;
    /// The first resume, at the `yield_from!`.
    fn start(&mut self) -> Forward<Self::Yield, Self::Return, S, E>;
    /// A later resume, forwarded from the delegating coroutine's caller.
    fn forward(&mut self, input: Input<S, E>) -> Forward<Self::Yield, Self::Return, S, E>;
}

/// `yield_from!(coroutine)`: sends, throws and close requests go to the coroutine.
#[derive(Debug)]
pub struct CoroutineDelegate<C>(pub C);

impl<C, S, E> Delegate<S, E> for CoroutineDelegate<C>
where
    C: Coroutine<S, E> + Unpin,
{
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline(always)]
    fn start(&mut self) -> Forward<C::Yield, C::Return, S, E> {
        assert!(
            self.0.status() == crate::Status::Created,
            "`yield_from!` needs a coroutine that has not started yet"
        );
        forwarded(Pin::new(&mut self.0).__resume_delegated(Resume::Start))
    }

    #[inline(always)]
    fn forward(&mut self, input: Input<S, E>) -> Forward<C::Yield, C::Return, S, E> {
        let resume = match input {
            Input::Send(value) => Resume::Send(value),
            Input::Throw(error) => Resume::Throw(error),
            Input::Start => Resume::Start,
            // Python's rule yf-close-forward: the delegate is closed (not thrown into); what it
            // returns is dropped, and the delegating coroutine is closed at its `yield_from!`.
            Input::Close => {
                return match Pin::new(&mut self.0).close() {
                    Ok(_) => Forward::Raise(Input::Close),
                    Err(CloseIgnored(value)) => Forward::Yielded(value),
                };
            }
        };
        forwarded(Pin::new(&mut self.0).__resume_delegated(resume))
    }
}

fn forwarded<Y, R, S, E>(state: CoroutineState<Y, R>) -> Forward<Y, R, S, E> {
    match state {
        CoroutineState::Yielded(value) => Forward::Yielded(value),
        CoroutineState::Complete(value) => Forward::Complete(value),
    }
}

/// `yield_from!(iterable)`: each item is yielded; the expression evaluates to `()`. An
/// iterator cannot be thrown into: the error is raised at the `yield_from!`.
#[derive(Debug)]
pub struct IterDelegate<I>(pub I);

/// The send types an iterator delegate accepts: only `()`, as there is no way to hand a value to
/// an iterator.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` cannot delegate to an iterator from a coroutine that is sent `{Self}`",
    label = "an iterator cannot receive the values sent to this coroutine",
    note = "delegate to a coroutine that takes `{Self}`, or loop over the iterator and `yield_!` \
            each item"
)]
pub trait SendsNothing {}

impl SendsNothing for () {}

impl<I: Iterator, S: SendsNothing, E> Delegate<S, E> for IterDelegate<I> {
    type Yield = I::Item;
    type Return = ();

    #[inline]
    fn start(&mut self) -> Forward<I::Item, (), S, E> {
        match self.0.next() {
            Some(item) => Forward::Yielded(item),
            None => Forward::Complete(()),
        }
    }

    #[inline]
    fn forward(&mut self, input: Input<S, E>) -> Forward<I::Item, (), S, E> {
        match input {
            Input::Send(_) | Input::Start => self.start(),
            other => Forward::Raise(other),
        }
    }
}

/// `yield_from!(coroutine)` for a coroutine that cannot be thrown into (its error type is
/// `Infallible`) while the delegating one can: sends and close requests are forwarded; an error
/// thrown in is raised at the `yield_from!` (Python's rule yf-no-throw).
#[derive(Debug)]
pub struct NoThrowDelegate<C>(pub C);

impl<C, S, E> Delegate<S, E> for NoThrowDelegate<C>
where
    C: Coroutine<S> + Unpin,
{
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline(always)]
    fn start(&mut self) -> Forward<C::Yield, C::Return, S, E> {
        match CoroutineDelegate(&mut self.0).start() {
            Forward::Yielded(value) => Forward::Yielded(value),
            Forward::Complete(value) => Forward::Complete(value),
            Forward::Raise(_) => unreachable!("starting never raises"),
        }
    }

    #[inline(always)]
    fn forward(&mut self, input: Input<S, E>) -> Forward<C::Yield, C::Return, S, E> {
        let input = match input {
            Input::Throw(error) => return Forward::Raise(Input::Throw(error)),
            Input::Send(value) => Input::Send(value),
            Input::Start => Input::Start,
            Input::Close => Input::Close,
        };
        match CoroutineDelegate(&mut self.0).forward(input) {
            Forward::Yielded(value) => Forward::Yielded(value),
            Forward::Complete(value) => Forward::Complete(value),
            Forward::Raise(Input::Close) => Forward::Raise(Input::Close),
            Forward::Raise(_) => unreachable!("a coroutine delegate raises only a close request"),
        }
    }
}

/// Wraps the operand of `yield_from!` with the delegating coroutine's send and error types, so
/// that method resolution picks, in this order: a coroutine with the same send and error types
/// (`CoroutineKind`, on `&&Tag`), a coroutine that cannot be thrown into (`NoThrowKind`, on
/// `&Tag`), anything `IntoIterator` (`IterKind`, on `Tag`). The call is made on `&&&Tag`, so
/// that each autoref step down tries the next.
pub struct Tag<S, E, T>(pub T, pub PhantomData<fn(S, E)>);

impl<S, E, T> Tag<S, E, T> {
    #[inline]
    pub fn new(value: T) -> Self {
        Tag(value, PhantomData)
    }
}

/// Chosen for coroutines with the delegating coroutine's error type.
#[derive(Debug)]
pub struct CoroutineMark;

/// Chosen for coroutines that cannot be thrown into.
#[derive(Debug)]
pub struct NoThrowMark;

/// Chosen for everything `IntoIterator`.
#[derive(Debug)]
pub struct IterMark;

impl CoroutineMark {
    #[inline]
    pub fn wrap<S, E, C>(self, tag: Tag<S, E, C>) -> CoroutineDelegate<C> {
        CoroutineDelegate(tag.0)
    }
}

impl NoThrowMark {
    #[inline]
    pub fn wrap<S, E, C>(self, tag: Tag<S, E, C>) -> NoThrowDelegate<C> {
        NoThrowDelegate(tag.0)
    }
}

impl IterMark {
    #[inline]
    pub fn wrap<S, E, I: IntoIterator>(self, tag: Tag<S, E, I>) -> IterDelegate<I::IntoIter> {
        IterDelegate(tag.0.into_iter())
    }
}

/// The first choice of the `yield_from!` dispatch.
pub trait CoroutineKind {
    #[inline]
    fn __coro_kind(&self) -> CoroutineMark {
        CoroutineMark
    }
}

impl<S, E, C: Coroutine<S, E>> CoroutineKind for &&Tag<S, E, C> {}

/// The second choice of the `yield_from!` dispatch.
pub trait NoThrowKind {
    #[inline]
    fn __coro_kind(&self) -> NoThrowMark {
        NoThrowMark
    }
}

impl<S, E, C: Coroutine<S>> NoThrowKind for &Tag<S, E, C> {}

/// The last choice of the `yield_from!` dispatch.
pub trait IterKind {
    #[inline]
    fn __coro_kind(&self) -> IterMark {
        IterMark
    }
}

impl<S, E, I: IntoIterator> IterKind for Tag<S, E, I> {}
