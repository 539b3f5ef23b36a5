//! Workload B: a generator of `0..n` as `u64`, summed by the consumer. Timed: ns per item.
//!
//! Every item goes through `black_box` before it is added, so no contender's loop can be folded
//! into the closed form `n * (n - 1) / 2` (LLVM does that for a plain range otherwise).

use std::hint::black_box;

/// Items per timed iteration.
pub const N: u64 = 4096;

/// The sum every contender must reach.
#[must_use]
pub const fn expected(n: u64) -> u64 {
    n * (n - 1) / 2
}

/// The consumer: sums the items, each through `black_box`.
#[inline]
pub fn sum(items: impl IntoIterator<Item = u64>) -> u64 {
    let mut total = 0u64;
    for item in items {
        total = total.wrapping_add(black_box(item));
    }
    total
}

/// coro.
pub mod coro_impl {
    use coro::Coroutine;

    /// `0..n`.
    #[coro::coroutine]
    pub fn range(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
        for i in 0..n {
            yield_!(i);
        }
    }
}

/// By hand: the limit.
pub mod hand {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Coroutine, CoroutineState, Resume, Status};

    /// `0..n` by hand: the next value and the end.
    #[derive(Debug)]
    pub enum Range {
        /// Created: holds the argument.
        Unresumed {
            /// The end.
            n: u64,
        },
        /// Paused at the `yield`, having yielded `next - 1`.
        Suspended {
            /// The next value to yield.
            next: u64,
            /// The end.
            end: u64,
        },
        /// Finished.
        Returned,
    }

    /// `0..n`.
    #[must_use]
    pub fn range(n: u64) -> Range {
        Range::Unresumed { n }
    }

    impl Coroutine for Range {
        type Yield = u64;
        type Return = ();

        #[inline]
        fn resume(self: Pin<&mut Self>, input: Resume<(), Infallible>) -> CoroutineState<u64, ()> {
            let this = self.get_mut();
            let (next, end) = match (&mut *this, input) {
                (Range::Suspended { next, end }, Resume::Send(())) => (*next, *end),
                (&mut Range::Unresumed { n }, Resume::Start) => (0, n),
                (_, Resume::Throw(error)) => crate::never(error),
                _ => crate::misuse(),
            };
            if next < end {
                *this = Range::Suspended { next: next + 1, end };
                CoroutineState::Yielded(next)
            } else {
                *this = Range::Returned;
                CoroutineState::Complete(())
            }
        }

        #[inline]
        fn close(self: Pin<&mut Self>) -> Result<Option<()>, CloseIgnored<u64>> {
            *self.get_mut() = Range::Returned;
            Ok(None)
        }

        #[inline]
        fn status(&self) -> Status {
            match self {
                Range::Unresumed { .. } => Status::Created,
                Range::Suspended { .. } => Status::Suspended,
                Range::Returned => Status::Completed,
            }
        }
    }
}

/// diapause: a coroutine that takes no input is also an `IntoIterator` (its `Iter` starts it,
/// then resumes it).
pub mod diapause_impl {
    /// `0..n`.
    #[diapause::coroutine(yield = u64)]
    pub fn range(n: u64) {
        for i in 0..n {
            yield_!(i);
        }
    }
}

/// genawaiter (`stack`).
pub mod genawaiter_impl {
    use genawaiter::stack::Co;

    /// `0..n`; create the generator with `let_gen_using!(gen, |co| range(co, n))`.
    pub async fn range(co: Co<'_, u64>, n: u64) {
        for i in 0..n {
            co.yield_(i).await;
        }
    }
}

/// next-gen.
pub mod next_gen_impl {
    use next_gen::prelude::*;

    /// `0..n`; create it with `mk_gen!(let gen = range(n));`.
    #[generator(yield(u64))]
    pub fn range(n: u64) {
        for i in 0..n {
            yield_!(i);
        }
    }
}

/// corosensei.
pub mod corosensei_impl {
    use corosensei::{Coroutine, Yielder};

    /// `0..n`.
    #[must_use]
    pub fn range(n: u64) -> Coroutine<(), u64, ()> {
        Coroutine::new(move |yielder: &Yielder<(), u64>, ()| {
            for i in 0..n {
                yielder.suspend(i);
            }
        })
    }

    /// The coroutine as an iterator (corosensei has no `Iterator` impl of its own).
    pub fn iter(mut co: Coroutine<(), u64, ()>) -> impl Iterator<Item = u64> {
        core::iter::from_fn(move || co.resume(()).as_yield())
    }
}

/// The `generator` crate.
pub mod generator_impl {
    use generator::{Generator, Gn};

    /// `0..n`.
    #[must_use]
    pub fn range(n: u64) -> Generator<'static, (), u64> {
        Gn::<()>::new_scoped(move |mut scope| {
            for i in 0..n {
                scope.yield_with(i);
            }
            generator::done!()
        })
    }
}
