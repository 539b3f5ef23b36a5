//! Workload A: the running mean of the values sent in (the README's averager). The first resume
//! yields `None`; each value sent yields `Some(mean so far)`. Timed: ns per send.
//!
//! The count is an `f64` (not the README's `u32`) so that no contender can overflow it however
//! long criterion runs; sums of the integral values below stay exact in an `f64`.

use std::hint::black_box;

use crate::Resumable;

/// How many values one timed iteration sends.
pub const BATCH: usize = 1024;

/// The values sent, `0.0..1024.0`: whatever the number of batches, the mean after each whole
/// batch is exactly [`MEAN`].
#[must_use]
pub fn values() -> Vec<f64> {
    (0..BATCH).map(|i| f64::from(u32::try_from(i).expect("small"))).collect()
}

/// The running mean after any whole number of batches of [`values`].
pub const MEAN: f64 = 511.5;

/// Sends each value (through `black_box`) and returns the last mean; every mean goes through
/// `black_box`, so none of them can be skipped.
#[inline]
pub fn feed<G: Resumable<f64, Yield = Option<f64>>>(co: &mut G, values: &[f64]) -> Option<f64> {
    let mut last = None;
    for &value in values {
        last = black_box(co.resume_with(black_box(value)).flatten());
    }
    last
}

/// coro.
pub mod coro_impl {
    use coro::Coroutine;

    /// The averager.
    #[coro::coroutine]
    pub fn averager() -> impl Coroutine<f64, Yield = Option<f64>, Return = ()> {
        let (mut total, mut count) = (0.0, 0.0);
        let mut average = None;
        loop {
            let value = yield_!(average);
            total += value;
            count += 1.0;
            average = Some(total / count);
        }
    }
}

/// The enum a careful person writes by hand for the same protocol: the limit.
pub mod hand {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Coroutine, CoroutineState, Resume, Status};

    /// The averager by hand: updates its sums in place.
    #[derive(Debug)]
    pub enum Averager {
        /// Created.
        Unresumed,
        /// Paused at the `yield`.
        Suspended {
            /// Sum of the values sent.
            total: f64,
            /// How many were sent.
            count: f64,
        },
        /// Finished (closed).
        Returned,
    }

    /// The averager.
    #[must_use]
    pub fn averager() -> Averager {
        Averager::Unresumed
    }

    impl Coroutine<f64> for Averager {
        type Yield = Option<f64>;
        type Return = ();

        #[inline]
        fn resume(
            self: Pin<&mut Self>,
            input: Resume<f64, Infallible>,
        ) -> CoroutineState<Option<f64>, ()> {
            let this = self.get_mut();
            match (&mut *this, input) {
                (Averager::Suspended { total, count }, Resume::Send(value)) => {
                    *total += value;
                    *count += 1.0;
                    CoroutineState::Yielded(Some(*total / *count))
                }
                (Averager::Unresumed, Resume::Start) => {
                    *this = Averager::Suspended { total: 0.0, count: 0.0 };
                    CoroutineState::Yielded(None)
                }
                (_, Resume::Throw(error)) => crate::never(error),
                _ => crate::misuse(),
            }
        }

        #[inline]
        fn close(self: Pin<&mut Self>) -> Result<Option<()>, CloseIgnored<Option<f64>>> {
            *self.get_mut() = Averager::Returned;
            Ok(None)
        }

        #[inline]
        fn status(&self) -> Status {
            match self {
                Averager::Unresumed => Status::Created,
                Averager::Suspended { .. } => Status::Suspended,
                Averager::Returned => Status::Completed,
            }
        }
    }
}

/// A plain closure: no protocol at all (no priming, no state check), the floor.
pub mod closure {
    /// The averager as a closure.
    pub fn averager() -> impl FnMut(f64) -> f64 {
        let (mut total, mut count) = (0.0, 0.0);
        move |value| {
            total += value;
            count += 1.0;
            total / count
        }
    }

    /// [`super::feed`] for the closure.
    #[inline]
    pub fn feed(averager: &mut impl FnMut(f64) -> f64, values: &[f64]) -> Option<f64> {
        let mut last = None;
        for &value in values {
            last = super::black_box(Some(averager(super::black_box(value))));
        }
        last
    }
}

/// diapause: `#[diapause::coroutine]` also rewrites the body into an enum state machine; every
/// local held across a `yield_!` has its type written out (the macro sees syntax only).
pub mod diapause_impl {
    /// The averager; drive it through [`crate::Diapause`].
    #[diapause::coroutine(yield = Option<f64>, resume = f64)]
    pub fn averager() {
        let mut total: f64 = 0.0;
        let mut count: f64 = 0.0;
        let mut average: Option<f64> = None;
        loop {
            let value = yield_!(average);
            total += value;
            count += 1.0;
            average = Some(total / count);
        }
    }
}

/// genawaiter (its allocation-free `stack` flavour): an `async fn` polled by the generator.
pub mod genawaiter_impl {
    use genawaiter::stack::Co;

    /// The producer; create the generator with `genawaiter::stack::let_gen_using!`.
    pub async fn averager(co: Co<'_, Option<f64>, f64>) {
        let (mut total, mut count) = (0.0, 0.0);
        let mut average = None;
        loop {
            let value = co.yield_(average).await;
            total += value;
            count += 1.0;
            average = Some(total / count);
        }
    }
}

/// next-gen: an `async` body behind its own `#[generator]` attribute; pinned on the stack by
/// `mk_gen!`.
pub mod next_gen_impl {
    use next_gen::prelude::*;

    /// The averager; create it with `mk_gen!(let mut gen = averager());`.
    #[generator(yield(Option<f64>), resume(f64))]
    pub fn averager() {
        let (mut total, mut count) = (0.0, 0.0);
        let mut average = None;
        loop {
            let value = yield_!(average);
            total += value;
            count += 1.0;
            average = Some(total / count);
        }
    }
}

/// corosensei: a stackful coroutine (its own 1 MiB `mmap`ed stack; switching saves registers).
pub mod corosensei_impl {
    use corosensei::{Coroutine, Yielder};

    /// The averager.
    #[must_use]
    pub fn averager() -> Coroutine<f64, Option<f64>, ()> {
        Coroutine::new(|yielder: &Yielder<f64, Option<f64>>, _start: f64| {
            let (mut total, mut count) = (0.0, 0.0);
            let mut average = None;
            loop {
                let value = yielder.suspend(average);
                total += value;
                count += 1.0;
                average = Some(total / count);
            }
        })
    }
}

/// The `generator` crate: stackful, with its own context switch.
pub mod generator_impl {
    use generator::{Generator, Gn};

    /// The averager.
    #[must_use]
    pub fn averager() -> Generator<'static, f64, Option<f64>> {
        Gn::<f64>::new_scoped(|mut scope| {
            let (mut total, mut count) = (0.0, 0.0);
            let mut average = None;
            loop {
                let value = scope.yield_(average).expect("the driver always sends a value");
                total += value;
                count += 1.0;
                average = Some(total / count);
            }
        })
    }
}
