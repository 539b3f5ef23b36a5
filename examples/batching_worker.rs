//! Batching worker: emits full batches; when closed it flushes what is pending, then cleans up.
use coro::{Coroutine, CoroutineExt, Interrupt};

/// Python's `finally`: prints when dropped, however the coroutine ends.
struct Finally(&'static str);

impl Drop for Finally {
    fn drop(&mut self) {
        println!("{}", self.0);
    }
}

/// Yields `None` while it waits for items and `Some(batch)` once `batch_size` have arrived; the
/// caller resumes it after a batch. Sending `None` is not an item.
#[coro::coroutine]
fn batching_worker(
    batch_size: usize,
) -> impl Coroutine<Option<&'static str>, Yield = Option<Vec<&'static str>>, Return = ()> {
    let _cleanup = Finally("worker cleaned up");
    let mut batch = Vec::new();
    loop {
        match yield_catch!(None) {
            Ok(Some(item)) => batch.push(item),
            Ok(None) => continue,
            Err(Interrupt::Close) => break,
        }
        if batch.len() >= batch_size {
            if let Err(Interrupt::Close) = yield_catch!(Some(batch.clone())) {
                break;
            }
            batch.clear();
        }
    }
    if !batch.is_empty() {
        println!("flushing {} pending items on close: {}", batch.len(), batch.join(","));
    }
}

fn main() {
    let mut worker = batching_worker(2);
    worker.start();
    for item in ["a", "b", "c", "d", "e"] {
        if let Some(batch) = worker.send(Some(item)).yielded().flatten() {
            println!("batch {}", batch.join(","));
            worker.send(None); // step back to the receiving `yield_catch!`
        }
    }
    assert_eq!(worker.close(), Ok(Some(())), "the worker finishes when closed");
    assert_eq!(worker.close(), Ok(None), "closing a finished worker does nothing");
    println!("closed again: no-op");
}
