use core::ops::{Coroutine, CoroutineState};
use core::pin::Pin;

/// A nightly coroutine behind a stable trait and `Iterator`, so that stable code can drive it
/// without naming `core::ops::Coroutine`.
#[derive(Debug)]
pub struct Nightly<C>(C);

/// One resume: `Some(yielded)`, or `None` once the coroutine returned.
pub trait Step<R> {
    /// What the coroutine yields.
    type Yield;
    /// Resumes the coroutine with `arg`.
    fn step(&mut self, arg: R) -> Option<Self::Yield>;
}

impl<R, C: Coroutine<R, Return = ()> + Unpin> Step<R> for Nightly<C> {
    type Yield = C::Yield;

    #[inline]
    fn step(&mut self, arg: R) -> Option<C::Yield> {
        match Pin::new(&mut self.0).resume(arg) {
            CoroutineState::Yielded(value) => Some(value),
            CoroutineState::Complete(()) => None,
        }
    }
}

impl<C: Coroutine<Return = ()> + Unpin> Iterator for Nightly<C> {
    type Item = C::Yield;

    #[inline]
    fn next(&mut self) -> Option<C::Yield> {
        self.step(())
    }
}

/// Workload A: the running mean. The first resume's argument is ignored (Python's priming
/// `next(g)`); it yields `None`, then the mean after each value sent.
#[must_use]
pub fn averager() -> Nightly<impl Coroutine<f64, Yield = Option<f64>, Return = ()> + Unpin> {
    Nightly(
        #[coroutine]
        |_start: f64| {
            let (mut total, mut count) = (0.0, 0.0);
            let mut average = None;
            loop {
                let value = yield average;
                total += value;
                count += 1.0;
                average = Some(total / count);
            }
        },
    )
}

/// Workload B: `0..n`.
#[must_use]
pub fn range(n: u64) -> Nightly<impl Coroutine<Yield = u64, Return = ()> + Unpin> {
    Nightly(
        #[coroutine]
        move || {
            for i in 0..n {
                yield i;
            }
        },
    )
}

/// Workload C: one level of delegation. rustc has no `yield from`: this is its desugaring.
#[must_use]
pub fn wrap<C>(inner: Nightly<C>) -> Nightly<impl Coroutine<Yield = u64, Return = ()> + Unpin>
where
    C: Coroutine<Yield = u64, Return = ()> + Unpin,
{
    let mut inner = inner.0;
    Nightly(
        #[coroutine]
        move || {
            loop {
                let step = Pin::new(&mut inner).resume(());
                match step {
                    CoroutineState::Yielded(value) => yield value,
                    CoroutineState::Complete(()) => return,
                }
            }
        },
    )
}

/// The per-line digest of workload E (the same function as `coro_benches::e_framer::digest`).
#[inline]
#[must_use]
pub fn digest(line: &[u8]) -> u64 {
    ((line.len() as u64) << 8) | u64::from(line.first().copied().unwrap_or(0))
}

/// Workload E: the line framer. Send `Some(chunk)` when it yields `None` (asking for input),
/// `None` when it yields `Some(digest)` of a line; sending `None` at a request for input ends it.
#[must_use]
pub fn framer()
-> Nightly<impl Coroutine<Option<&'static [u8]>, Yield = Option<u64>, Return = ()> + Unpin> {
    Nightly(
        #[coroutine]
        |_start: Option<&'static [u8]>| {
            let mut partial: Vec<u8> = Vec::new();
            loop {
                let Some(chunk) = yield None else { return };
                let mut rest = chunk;
                while let Some(end) = memchr::memchr(b'\n', rest) {
                    let line = &rest[..end];
                    rest = &rest[end + 1..];
                    let digest = if partial.is_empty() {
                        digest(line)
                    } else {
                        partial.extend_from_slice(line);
                        let digest = digest(&partial);
                        partial.clear();
                        digest
                    };
                    yield Some(digest);
                }
                partial.extend_from_slice(rest);
            }
        },
    )
}
