//! Workload C: a chain of `depth` delegating coroutines over a leaf that yields `0..n`, each
//! level re-yielding everything the level below yields (Python's `yield from`). The consumer
//! sums the items as in workload B. Timed: ns per item, at depths 1, 4 and 16.
//!
//! Each contender has a `leaf(n)` and a generic `wrap(inner)`; `depthD(n)` nests `wrap` D times,
//! with static types all the way down (no `dyn`) wherever the crate allows it.

pub use crate::b_range::{N, expected, sum};

/// Defines `depth1`, `depth4` and `depth16` from a `leaf` and a `wrap` function.
macro_rules! depths {
    ($ret:ty) => {
        /// One level of delegation over the leaf.
        pub fn depth1(n: u64) -> $ret {
            wrap(leaf(n))
        }

        /// Four levels of delegation over the leaf.
        pub fn depth4(n: u64) -> $ret {
            wrap(wrap(wrap(wrap(leaf(n)))))
        }

        /// Sixteen levels of delegation over the leaf.
        pub fn depth16(n: u64) -> $ret {
            let four = wrap(wrap(wrap(wrap(leaf(n)))));
            let eight = wrap(wrap(wrap(wrap(four))));
            let twelve = wrap(wrap(wrap(wrap(eight))));
            wrap(wrap(wrap(wrap(twelve))))
        }
    };
}

/// coro: `yield_from!` over the level below.
///
/// Each level is its own non-generic function. A generic `wrap<C>(inner: C)` nested D deep
/// compiles to the same machine code, but its debuginfo grows exponentially with D (see
/// BENCHMARKS.md): a dev build of depth 16 does not fit in memory.
pub mod coro_impl {
    use coro::Coroutine;

    pub use crate::b_range::coro_impl::range as leaf;

    /// Defines `$name(n)`, a coroutine that delegates to `$inner(n)`.
    macro_rules! level {
        ($($name:ident => $inner:ident),* $(,)?) => {$(
            /// One level of delegation over the level below.
            #[coro::coroutine]
            pub fn $name(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
                yield_from!($inner(n))
            }
        )*};
    }

    level!(
        depth1 => leaf, depth2 => depth1, depth3 => depth2, depth4 => depth3, depth5 => depth4,
        depth6 => depth5, depth7 => depth6, depth8 => depth7, depth9 => depth8,
        depth10 => depth9, depth11 => depth10, depth12 => depth11, depth13 => depth12,
        depth14 => depth13, depth15 => depth14, depth16 => depth15,
    );

    /// The generic form: one level of delegation over any coroutine. Not used for the chains
    /// (see above).
    #[coro::coroutine]
    pub fn wrap<C>(inner: C) -> impl Coroutine<Yield = u64, Return = ()>
    where
        C: Coroutine<Yield = u64, Return = ()> + Unpin,
    {
        yield_from!(inner)
    }
}

/// By hand: each level forwards every resume to the level below, in place.
pub mod hand {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Coroutine, CoroutineExt, CoroutineState, Resume, Status};

    pub use crate::b_range::hand::{Range, range as leaf};

    /// One level of delegation by hand.
    #[derive(Debug)]
    pub enum Wrap<C> {
        /// Created: holds the delegate, not yet started.
        Unresumed(C),
        /// Paused inside the delegate.
        Delegating(C),
        /// Finished.
        Returned,
    }

    /// One level of delegation.
    pub fn wrap<C>(inner: C) -> Wrap<C> {
        Wrap::Unresumed(inner)
    }

    impl<C: Coroutine<Yield = u64, Return = ()> + Unpin> Coroutine for Wrap<C> {
        type Yield = u64;
        type Return = ();

        #[inline]
        fn resume(self: Pin<&mut Self>, input: Resume<(), Infallible>) -> CoroutineState<u64, ()> {
            let this = self.get_mut();
            let step = match (&mut *this, input) {
                (Wrap::Delegating(inner), Resume::Send(())) => inner.send(()),
                (Wrap::Unresumed(_), Resume::Start) => {
                    let Wrap::Unresumed(mut inner) = core::mem::replace(this, Wrap::Returned)
                    else {
                        unreachable!()
                    };
                    let step = inner.start();
                    *this = Wrap::Delegating(inner);
                    step
                }
                (_, Resume::Throw(error)) => crate::never(error),
                _ => crate::misuse(),
            };
            if let CoroutineState::Complete(()) = step {
                *this = Wrap::Returned;
            }
            step
        }

        #[inline]
        fn close(self: Pin<&mut Self>) -> Result<Option<()>, CloseIgnored<u64>> {
            let this = self.get_mut();
            if let Wrap::Delegating(inner) = this {
                Coroutine::close(Pin::new(inner))?;
            }
            *this = Wrap::Returned;
            Ok(None)
        }

        #[inline]
        fn status(&self) -> Status {
            match self {
                Wrap::Unresumed(_) => Status::Created,
                Wrap::Delegating(_) => Status::Suspended,
                Wrap::Returned => Status::Completed,
            }
        }
    }

    depths!(impl Coroutine<Yield = u64, Return = ()> + Unpin);
}

/// diapause: `yield_all!` over the level below, whose state is stored by value in this level's
/// (no box).
///
/// As for coro, each level is its own non-generic function; `yield_all!(inner(n))` derives the
/// delegate's type (`inner::State`) from the callee.
pub mod diapause_impl {
    pub use crate::b_range::diapause_impl::range as leaf;

    /// Defines `$name(n)`, a coroutine that delegates to `$inner(n)`.
    macro_rules! level {
        ($($name:ident => $inner:ident),* $(,)?) => {$(
            /// One level of delegation over the level below.
            #[diapause::coroutine(yield = u64)]
            pub fn $name(n: u64) {
                yield_all!($inner(n))
            }
        )*};
    }

    level!(
        depth1 => leaf, depth2 => depth1, depth3 => depth2, depth4 => depth3, depth5 => depth4,
        depth6 => depth5, depth7 => depth6, depth8 => depth7, depth9 => depth8,
        depth10 => depth9, depth11 => depth10, depth12 => depth11, depth13 => depth12,
        depth14 => depth13, depth15 => depth14, depth16 => depth15,
    );

    /// The generic form: one level of delegation over any coroutine. Not used for the chains
    /// (as for coro).
    #[diapause::coroutine(yield = u64)]
    pub fn wrap<C>(inner: C)
    where
        C: diapause::Coroutine<Yield = u64, Return = ()>,
    {
        yield_all!(inner)
    }
}

/// genawaiter: its `rc` flavour (a `stack` generator borrows a local shelf, so it cannot be
/// returned from `wrap`); no `yield from`, so each level loops over the one below.
pub mod genawaiter_impl {
    use genawaiter::rc::Gen;

    /// The leaf: `0..n`.
    pub fn leaf(n: u64) -> impl Iterator<Item = u64> {
        Gen::new(move |co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        })
        .into_iter()
    }

    /// One level of delegation.
    pub fn wrap(inner: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
        Gen::new(move |co| async move {
            for item in inner {
                co.yield_(item).await;
            }
        })
        .into_iter()
    }

    depths!(impl Iterator<Item = u64>);
}

/// next-gen: generators boxed by `mk_gen!(let g = box ..)` so that `wrap` can return them; no
/// `yield from`, so each level loops over the one below.
pub mod next_gen_impl {
    use next_gen::prelude::*;

    #[generator(yield(u64))]
    fn forward(inner: impl Iterator<Item = u64>) {
        for item in inner {
            yield_!(item);
        }
    }

    /// The leaf: `0..n`.
    pub fn leaf(n: u64) -> impl Iterator<Item = u64> {
        use crate::b_range::next_gen_impl::range;
        mk_gen!(let generator = box range(n));
        generator
    }

    /// One level of delegation.
    pub fn wrap(inner: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
        mk_gen!(let generator = box forward(inner));
        generator
    }

    depths!(impl Iterator<Item = u64>);
}

/// corosensei: a stack per level; each level resumes the one below from its own stack.
pub mod corosensei_impl {
    use corosensei::{Coroutine, CoroutineResult, Yielder};

    pub use crate::b_range::corosensei_impl::{iter, range as leaf};

    /// One level of delegation.
    #[must_use]
    pub fn wrap(mut inner: Coroutine<(), u64, ()>) -> Coroutine<(), u64, ()> {
        Coroutine::new(move |yielder: &Yielder<(), u64>, ()| {
            while let CoroutineResult::Yield(item) = inner.resume(()) {
                yielder.suspend(item);
            }
        })
    }

    depths!(Coroutine<(), u64, ()>);
}

/// The `generator` crate, with its own `yield_from`.
pub mod generator_impl {
    use generator::{Generator, Gn};

    pub use crate::b_range::generator_impl::range as leaf;

    /// One level of delegation.
    #[must_use]
    pub fn wrap(inner: Generator<'static, (), u64>) -> Generator<'static, (), u64> {
        Gn::<()>::new_scoped(move |mut scope| {
            scope.yield_from(inner);
            generator::done!()
        })
    }

    depths!(Generator<'static, (), u64>);
}

/// rustc's coroutines (no `yield from`: each level matches on the resume of the one below).
#[cfg(feature = "nightly")]
pub mod nightly_impl {
    pub use coro_benches_nightly::{range as leaf, wrap};

    /// One level of delegation over the leaf.
    pub fn depth1(n: u64) -> impl Iterator<Item = u64> {
        wrap(leaf(n))
    }

    /// Four levels of delegation over the leaf.
    pub fn depth4(n: u64) -> impl Iterator<Item = u64> {
        wrap(wrap(wrap(wrap(leaf(n)))))
    }

    /// Sixteen levels of delegation over the leaf.
    pub fn depth16(n: u64) -> impl Iterator<Item = u64> {
        let four = wrap(wrap(wrap(wrap(leaf(n)))));
        let eight = wrap(wrap(wrap(wrap(four))));
        let twelve = wrap(wrap(wrap(wrap(eight))));
        wrap(wrap(wrap(wrap(twelve))))
    }
}
