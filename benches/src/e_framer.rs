//! Workload E: a line framer fed 64 MiB of newline-delimited text in 4 KiB chunks. Timed: MiB/s.
//!
//! The protocol (the same for every contender): the framer yields `None` to ask for input, and
//! the driver sends `Some(chunk)`; for each complete line it yields `Some(digest)`, and the driver
//! sends `None` to let it go on. Sending `None` at a request for input ends it. Lines may span
//! chunks: the framer keeps the unfinished tail in a `Vec<u8>` that it owns. Within a chunk the
//! framer holds the rest of the chunk (a slice of the caller's buffer) across the line's `yield`.
//!
//! The digest of a line is its length and first byte, so that the framer's output depends on
//! where each line starts and ends (a real consumer would parse the line; here that would drown
//! the cost of framing). The driver folds the digests in order.

use std::sync::OnceLock;

use crate::Resumable;

/// Bytes fed per timed iteration: 64 MiB.
pub const INPUT_BYTES: usize = 64 << 20;
/// Bytes per chunk sent: 4 KiB.
pub const CHUNK: usize = 4 << 10;

/// The per-line digest: length and first byte.
#[inline]
#[must_use]
pub fn digest(line: &[u8]) -> u64 {
    ((line.len() as u64) << 8) | u64::from(line.first().copied().unwrap_or(0))
}

/// Folds one digest into the running checksum (order-sensitive).
#[inline]
#[must_use]
pub fn fold(acc: u64, digest: u64) -> u64 {
    acc.wrapping_mul(31).wrapping_add(digest)
}

/// 64 MiB of pseudo-random lines of 0 to 120 lowercase letters, each ending in `\n`, the same
/// on every run; built once and kept for the life of the process (so chunks are
/// `&'static [u8]`, which every contender can hold).
pub fn input() -> &'static [u8] {
    static INPUT: OnceLock<Vec<u8>> = OnceLock::new();
    INPUT.get_or_init(|| make_input(INPUT_BYTES))
}

/// `len` bytes of lines (see [`input`]).
#[must_use]
pub fn make_input(len: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut text = Vec::with_capacity(len);
    while text.len() < len {
        let line = usize::try_from(next() % 121).expect("small");
        let line = line.min(len - text.len() - 1);
        text.extend((0..line).map(|_| b'a' + u8::try_from(next() % 26).expect("small")));
        text.push(b'\n');
    }
    text
}

/// The checksum of `text`, computed directly (no framer).
#[must_use]
pub fn expected(text: &[u8]) -> u64 {
    let mut lines: Vec<&[u8]> = text.split(|&byte| byte == b'\n').collect();
    assert_eq!(lines.pop(), Some(&[][..]), "the text ends with a newline");
    lines.into_iter().fold(0, |acc, line| fold(acc, digest(line)))
}

/// The driver: starts the framer, feeds `text` in [`CHUNK`]s, drains the lines of each, ends it,
/// and returns the checksum of the digests.
#[inline]
pub fn frame<G>(framer: &mut G, text: &'static [u8]) -> u64
where
    G: Resumable<Option<&'static [u8]>, Yield = Option<u64>>,
{
    let mut acc = 0;
    let mut step = framer.start();
    for chunk in text.chunks(CHUNK) {
        assert!(step == Some(None), "the framer asks for input");
        step = framer.resume_with(Some(chunk));
        while let Some(Some(digest)) = step {
            acc = fold(acc, digest);
            step = framer.resume_with(None);
        }
    }
    assert!(framer.resume_with(None).is_none(), "the framer ends when the input does");
    acc
}

/// coro.
pub mod coro_impl {
    use coro::Coroutine;

    use super::digest;

    /// The framer.
    #[coro::coroutine]
    pub fn framer() -> impl Coroutine<Option<&'static [u8]>, Yield = Option<u64>, Return = ()> {
        let mut partial: Vec<u8> = Vec::new();
        loop {
            let Some(chunk) = yield_!(None) else { return };
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
                yield_!(Some(digest));
            }
            partial.extend_from_slice(rest);
        }
    }
}

/// By hand: the limit.
pub mod hand {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Coroutine, CoroutineState, Resume, Status};

    use super::digest;

    /// The framer by hand.
    #[derive(Debug)]
    pub enum Framer {
        /// Created.
        Unresumed,
        /// Paused asking for a chunk.
        AwaitChunk {
            /// The unfinished line so far.
            partial: Vec<u8>,
        },
        /// Paused having yielded a line.
        AfterLine {
            /// The unfinished line so far (empty right after a line).
            partial: Vec<u8>,
            /// What is left of the chunk.
            rest: &'static [u8],
        },
        /// Finished.
        Returned,
    }

    /// The framer.
    #[must_use]
    pub fn framer() -> Framer {
        Framer::Unresumed
    }

    impl Coroutine<Option<&'static [u8]>> for Framer {
        type Yield = Option<u64>;
        type Return = ();

        #[inline]
        fn resume(
            self: Pin<&mut Self>,
            input: Resume<Option<&'static [u8]>, Infallible>,
        ) -> CoroutineState<Option<u64>, ()> {
            let this = self.get_mut();
            match (&mut *this, input) {
                (Framer::AfterLine { partial, rest }, Resume::Send(_)) => {
                    // The common case: one line after another within a chunk, all in place.
                    if let Some(end) = memchr::memchr(b'\n', rest) {
                        let line = &rest[..end];
                        *rest = &rest[end + 1..];
                        return CoroutineState::Yielded(Some(line_digest(partial, line)));
                    }
                    partial.extend_from_slice(rest);
                    let partial = core::mem::take(partial);
                    *this = Framer::AwaitChunk { partial };
                    CoroutineState::Yielded(None)
                }
                (Framer::AwaitChunk { partial }, Resume::Send(Some(chunk))) => {
                    if let Some(end) = memchr::memchr(b'\n', chunk) {
                        let digest = line_digest(partial, &chunk[..end]);
                        let partial = core::mem::take(partial);
                        *this = Framer::AfterLine { partial, rest: &chunk[end + 1..] };
                        return CoroutineState::Yielded(Some(digest));
                    }
                    partial.extend_from_slice(chunk);
                    CoroutineState::Yielded(None)
                }
                (Framer::AwaitChunk { .. }, Resume::Send(None)) => {
                    *this = Framer::Returned;
                    CoroutineState::Complete(())
                }
                (Framer::Unresumed, Resume::Start) => {
                    *this = Framer::AwaitChunk { partial: Vec::new() };
                    CoroutineState::Yielded(None)
                }
                (_, Resume::Throw(error)) => crate::never(error),
                _ => crate::misuse(),
            }
        }

        #[inline]
        fn close(self: Pin<&mut Self>) -> Result<Option<()>, CloseIgnored<Option<u64>>> {
            *self.get_mut() = Framer::Returned;
            Ok(None)
        }

        #[inline]
        fn status(&self) -> Status {
            match self {
                Framer::Unresumed => Status::Created,
                Framer::AwaitChunk { .. } | Framer::AfterLine { .. } => Status::Suspended,
                Framer::Returned => Status::Completed,
            }
        }
    }

    /// The digest of `partial` followed by `line`; leaves `partial` empty.
    #[inline]
    pub(crate) fn line_digest(partial: &mut Vec<u8>, line: &[u8]) -> u64 {
        if partial.is_empty() {
            digest(line)
        } else {
            partial.extend_from_slice(line);
            let digest = digest(partial);
            partial.clear();
            digest
        }
    }
}

/// By hand again, but the way a safe expansion has to work: each resume moves the state's locals
/// out (leaving a placeholder, so that a panic cannot drop them twice) and moves them back when it
/// suspends, where [`hand`] updates `rest` in place. Not a contender a user would pick: it
/// measures what moving the locals costs on this workload (BENCHMARKS.md, "E").
pub mod hand_by_value {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Coroutine, CoroutineState, Resume, Status};

    use super::hand::{Framer as States, line_digest};

    /// The framer by hand, by value: [`hand::Framer`](super::hand::Framer)'s states, resumed
    /// differently.
    #[derive(Debug)]
    pub struct Framer(States);

    /// The framer.
    #[must_use]
    pub fn framer() -> Framer {
        Framer(States::Unresumed)
    }

    impl Coroutine<Option<&'static [u8]>> for Framer {
        type Yield = Option<u64>;
        type Return = ();

        #[inline]
        fn resume(
            self: Pin<&mut Self>,
            input: Resume<Option<&'static [u8]>, Infallible>,
        ) -> CoroutineState<Option<u64>, ()> {
            let this = &mut self.get_mut().0;
            // `Returned` is the placeholder while the locals are out.
            match (core::mem::replace(this, States::Returned), input) {
                (States::AfterLine { mut partial, mut rest }, Resume::Send(_)) => {
                    if let Some(end) = memchr::memchr(b'\n', rest) {
                        let line = &rest[..end];
                        rest = &rest[end + 1..];
                        let digest = line_digest(&mut partial, line);
                        *this = States::AfterLine { partial, rest };
                        return CoroutineState::Yielded(Some(digest));
                    }
                    partial.extend_from_slice(rest);
                    *this = States::AwaitChunk { partial };
                    CoroutineState::Yielded(None)
                }
                (States::AwaitChunk { mut partial }, Resume::Send(Some(chunk))) => {
                    if let Some(end) = memchr::memchr(b'\n', chunk) {
                        let digest = line_digest(&mut partial, &chunk[..end]);
                        *this = States::AfterLine { partial, rest: &chunk[end + 1..] };
                        return CoroutineState::Yielded(Some(digest));
                    }
                    partial.extend_from_slice(chunk);
                    *this = States::AwaitChunk { partial };
                    CoroutineState::Yielded(None)
                }
                (States::AwaitChunk { .. }, Resume::Send(None)) => CoroutineState::Complete(()),
                (States::Unresumed, Resume::Start) => {
                    *this = States::AwaitChunk { partial: Vec::new() };
                    CoroutineState::Yielded(None)
                }
                (_, Resume::Throw(error)) => crate::never(error),
                _ => crate::misuse(),
            }
        }

        #[inline]
        fn close(self: Pin<&mut Self>) -> Result<Option<()>, CloseIgnored<Option<u64>>> {
            self.get_mut().0 = States::Returned;
            Ok(None)
        }

        #[inline]
        fn status(&self) -> Status {
            self.0.status()
        }
    }
}

/// No coroutine: a struct with a `feed` method that calls back for each line (push style), the
/// way one writes a framer without coroutines.
pub mod callback {
    use super::{CHUNK, digest, fold};

    /// The framer's state between chunks.
    #[derive(Debug, Default)]
    pub struct Framer {
        partial: Vec<u8>,
    }

    impl Framer {
        /// Frames one chunk, calling `on_line` with the digest of each complete line.
        #[inline]
        pub fn feed(&mut self, chunk: &[u8], mut on_line: impl FnMut(u64)) {
            let mut rest = chunk;
            while let Some(end) = memchr::memchr(b'\n', rest) {
                let line = &rest[..end];
                rest = &rest[end + 1..];
                if self.partial.is_empty() {
                    on_line(digest(line));
                } else {
                    self.partial.extend_from_slice(line);
                    on_line(digest(&self.partial));
                    self.partial.clear();
                }
            }
            self.partial.extend_from_slice(rest);
        }
    }

    /// [`super::frame`] for the callback framer.
    #[inline]
    #[must_use]
    pub fn frame(text: &[u8]) -> u64 {
        let mut framer = Framer::default();
        let mut acc = 0;
        for chunk in text.chunks(CHUNK) {
            framer.feed(chunk, |digest| acc = fold(acc, digest));
        }
        acc
    }
}

/// diapause. Its macro sees syntax only, and refuses a local held across a `yield_!` whose
/// annotated type is a reference (`let rest: &'static [u8]`), since it can rebuild only direct
/// borrows of locals (`let y = &x;`) after a resume. `rest` borrows no local of the coroutine but
/// the caller's `'static` buffer, so it can live in the state like any value (as a reference
/// argument would); the alias [`Chunk`](diapause_impl::Chunk) spells the same type past that
/// syntactic check, and rustc still checks every use of it (the expansion is safe code).
pub mod diapause_impl {
    use super::digest;

    /// A chunk sent in, or what is left of it: `&'static [u8]` under another name (see above).
    pub type Chunk = &'static [u8];

    /// The framer; drive it through [`crate::Diapause`].
    #[diapause::coroutine(yield = Option<u64>, resume = Option<Chunk>)]
    pub fn framer() {
        let mut partial: Vec<u8> = Vec::new();
        loop {
            let Some(chunk) = yield_!(None) else { return };
            let mut rest: Chunk = chunk;
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
                yield_!(Some(digest));
            }
            partial.extend_from_slice(rest);
        }
    }
}

/// genawaiter (`stack`).
pub mod genawaiter_impl {
    use genawaiter::stack::Co;

    use super::digest;

    /// The framer; create it with `let_gen_using!(gen, framer)`.
    pub async fn framer(co: Co<'_, Option<u64>, Option<&'static [u8]>>) {
        let mut partial: Vec<u8> = Vec::new();
        loop {
            let Some(chunk) = co.yield_(None).await else { return };
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
                co.yield_(Some(digest)).await;
            }
            partial.extend_from_slice(rest);
        }
    }
}

/// next-gen.
pub mod next_gen_impl {
    use next_gen::prelude::*;

    use super::digest;

    /// The framer; create it with `mk_gen!(let mut gen = framer());`.
    #[generator(yield(Option<u64>), resume(Option<&'static [u8]>))]
    pub fn framer() {
        let mut partial: Vec<u8> = Vec::new();
        loop {
            let Some(chunk) = yield_!(None) else { return };
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
                yield_!(Some(digest));
            }
            partial.extend_from_slice(rest);
        }
    }
}

/// corosensei.
pub mod corosensei_impl {
    use corosensei::{Coroutine, Yielder};

    use super::digest;

    /// The framer's type.
    pub type Framer = Coroutine<Option<&'static [u8]>, Option<u64>, ()>;

    /// The framer.
    #[must_use]
    pub fn framer() -> Framer {
        Coroutine::new(|yielder: &Yielder<Option<&'static [u8]>, Option<u64>>, _start| {
            let mut partial: Vec<u8> = Vec::new();
            loop {
                let Some(chunk) = yielder.suspend(None) else { return };
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
                    yielder.suspend(Some(digest));
                }
                partial.extend_from_slice(rest);
            }
        })
    }
}

/// The `generator` crate.
pub mod generator_impl {
    use generator::{Generator, Gn};

    use super::digest;

    /// The framer.
    #[must_use]
    pub fn framer() -> Generator<'static, Option<&'static [u8]>, Option<u64>> {
        Gn::<Option<&'static [u8]>>::new_scoped(|mut scope| {
            let mut partial: Vec<u8> = Vec::new();
            loop {
                let Some(chunk) = scope.yield_(None).flatten() else { generator::done!() };
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
                    scope.yield_(Some(digest));
                }
                partial.extend_from_slice(rest);
            }
        })
    }
}
