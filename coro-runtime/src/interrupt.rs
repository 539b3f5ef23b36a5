//! What a catching `yield_catch!` sees instead of a sent value.

/// The caller interrupted the coroutine at a `yield_catch!` instead of sending a value.
///
/// A plain `yield_!` handles both for you: a thrown error completes the coroutine with it (as
/// `?` would) and a close request drops the saved locals and completes it. `yield_catch!`
/// hands them to the body instead, which may clean up, recover, or finish with a value.
///
/// ```
/// use coro::{Coroutine, CoroutineExt, CoroutineState, Interrupt};
///
/// #[coro::coroutine]
/// fn batcher() -> impl Coroutine<u32, Yield = (), Return = Vec<u32>> {
///     let mut batch = Vec::new();
///     loop {
///         match yield_catch!(()) {
///             Ok(item) => batch.push(item),
///             Err(Interrupt::Close) => return batch,
///             Err(Interrupt::Throw(never)) => match never {},
///         }
///     }
/// }
///
/// let mut co = batcher();
/// co.start();
/// co.send(1);
/// co.send(2);
/// assert_eq!(co.close(), Ok(Some(vec![1, 2])));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interrupt<E> {
    /// `throw(error)`: Python's `g.throw(error)`.
    Throw(E),
    /// `close()`: Python's `GeneratorExit`.
    Close,
}
