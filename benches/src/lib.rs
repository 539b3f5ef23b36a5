//! The workloads of coro's benchmark suite, each written once per contender with the same
//! semantics: coro, a hand-written enum state machine (the limit coro aims at), a plain closure or
//! iterator where one fits, diapause, genawaiter, next-gen, corosensei, the `generator` crate, and
//! (with the `nightly` feature) rustc's unstable coroutines from `benches/nightly`.
//!
//! The criterion bench in `benches/coroutines.rs` times them; the tests below check that every
//! contender computes the same result; `src/bin/sizes.rs` prints how big each coroutine is.
//! `bash benches/run.sh` runs everything and regenerates `BENCHMARKS.md`.

pub mod a_averager;
pub mod b_range;
pub mod c_chain;
pub mod e_framer;
pub mod sizes;

use core::convert::Infallible;
use core::ops::DerefMut;
use core::pin::Pin;

/// One resume of a generator-like object, whatever its crate calls it, so that one driver per
/// workload runs every contender. `start` is the first resume (Python's priming `next(g)`; crates
/// whose first resume takes an argument get `R::default()`, which the body ignores);
/// `resume_with` sends a value. Both return `Some(yielded)`, or `None` once it finished.
///
/// Every implementation is `#[inline]`: the adapters vanish into the drivers.
pub trait Resumable<R> {
    /// What each suspension hands out.
    type Yield;
    /// The first resume.
    fn start(&mut self) -> Option<Self::Yield>;
    /// A later resume, with the value the paused suspension point evaluates to.
    fn resume_with(&mut self, arg: R) -> Option<Self::Yield>;
}

/// A `coro::Coroutine`: coro's generated machines and the hand-written enums, which implement
/// the same trait with the same protocol (and so go through the same caller API).
#[derive(Debug)]
pub struct Coro<C>(pub C);

impl<R, C: coro::Coroutine<R, Return = ()> + Unpin> Resumable<R> for Coro<C> {
    type Yield = C::Yield;

    #[inline]
    fn start(&mut self) -> Option<C::Yield> {
        coro::CoroutineExt::start(&mut self.0).yielded()
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<C::Yield> {
        coro::CoroutineExt::send(&mut self.0, arg).yielded()
    }
}

/// A `diapause::Coroutine`: the state enums `#[diapause::coroutine]` generates, driven through
/// diapause's own API (`start`, then `resume` with each value).
///
/// The generated `start` and `resume` are neither `#[inline]` nor generic, so the bench binary
/// (another crate, built without LTO) calls them out of line on every resume.
#[derive(Debug)]
pub struct Diapause<C>(pub C);

impl<R, C: diapause::Coroutine<R, Return = ()>> Resumable<R> for Diapause<C> {
    type Yield = C::Yield;

    #[inline]
    fn start(&mut self) -> Option<C::Yield> {
        match self.0.start() {
            diapause::CoroutineState::Yielded(value) => Some(value),
            diapause::CoroutineState::Complete(()) => None,
        }
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<C::Yield> {
        match self.0.resume(arg) {
            diapause::CoroutineState::Yielded(value) => Some(value),
            diapause::CoroutineState::Complete(()) => None,
        }
    }
}

impl<Y, R: Default, F: Future<Output = ()>> Resumable<R> for genawaiter::stack::Gen<'_, Y, R, F> {
    type Yield = Y;

    #[inline]
    fn start(&mut self) -> Option<Y> {
        Resumable::resume_with(self, R::default())
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<Y> {
        match genawaiter::stack::Gen::resume_with(self, arg) {
            genawaiter::GeneratorState::Yielded(value) => Some(value),
            genawaiter::GeneratorState::Complete(()) => None,
        }
    }
}

impl<R: Default, P> Resumable<R> for Pin<P>
where
    P: DerefMut<Target: next_gen::prelude::Generator<R, Return = ()>>,
{
    type Yield = <P::Target as next_gen::prelude::Generator<R>>::Yield;

    #[inline]
    fn start(&mut self) -> Option<Self::Yield> {
        Resumable::resume_with(self, R::default())
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<Self::Yield> {
        match next_gen::prelude::Generator::resume(self.as_mut(), arg) {
            next_gen::prelude::GeneratorState::Yielded(value) => Some(value),
            next_gen::prelude::GeneratorState::Returned(()) => None,
        }
    }
}

impl<R: Default, Y, S: corosensei::stack::Stack> Resumable<R>
    for corosensei::Coroutine<R, Y, (), S>
{
    type Yield = Y;

    #[inline]
    fn start(&mut self) -> Option<Y> {
        Resumable::resume_with(self, R::default())
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<Y> {
        self.resume(arg).as_yield()
    }
}

impl<R, Y> Resumable<R> for generator::Generator<'_, R, Y> {
    type Yield = Y;

    #[inline]
    fn start(&mut self) -> Option<Y> {
        self.resume()
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<Y> {
        self.raw_send(Some(arg))
    }
}

/// A coroutine of `benches/nightly` (rustc's unstable coroutines).
#[cfg(feature = "nightly")]
#[derive(Debug)]
pub struct Rustc<T>(pub T);

#[cfg(feature = "nightly")]
impl<R: Default, T: coro_benches_nightly::Step<R>> Resumable<R> for Rustc<T> {
    type Yield = T::Yield;

    #[inline]
    fn start(&mut self) -> Option<T::Yield> {
        self.0.step(R::default())
    }

    #[inline]
    fn resume_with(&mut self, arg: R) -> Option<T::Yield> {
        self.0.step(arg)
    }
}

/// The `misuse` arm of the hand-written machines: the same panic coro's `Machine` raises for a
/// resume in the wrong state.
#[cold]
#[track_caller]
pub(crate) fn misuse() -> ! {
    panic!("coroutine resumed in a state that does not take this input")
}

/// What a thrown `Infallible` becomes.
#[inline]
pub(crate) fn never<T>(error: Infallible) -> T {
    match error {}
}

#[cfg(test)]
mod tests;
