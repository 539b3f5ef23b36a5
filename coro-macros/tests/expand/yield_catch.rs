//! `yield_catch!` hands a thrown error or a close request to the body, which recovers from
//! the error and flushes its batch when closed.
use coro::{Coroutine, CoroutineExt, CoroutineState, Interrupt};

#[coro::coroutine]
fn batcher() -> impl Coroutine<u32, String, Yield = usize, Return = Result<Vec<u32>, String>> {
    let mut batch = Vec::new();
    loop {
        match yield_catch!(batch.len()) {
            Ok(item) => batch.push(item),
            Err(Interrupt::Throw(error)) if error == "reset" => batch.clear(),
            Err(Interrupt::Throw(error)) => return Err(error),
            Err(Interrupt::Close) => return Ok(batch),
        }
    }
}

fn main() {
    let mut co = batcher();
    assert_eq!(co.start(), CoroutineState::Yielded(0));
    assert_eq!(co.send(1), CoroutineState::Yielded(1));
    assert_eq!(co.throw("reset".to_owned()), CoroutineState::Yielded(0));
    assert_eq!(co.send(2), CoroutineState::Yielded(1));
    assert_eq!(co.close(), Ok(Some(Ok(vec![2]))));
    let mut co = batcher();
    co.start();
    assert_eq!(co.throw("bad".to_owned()), CoroutineState::Complete(Err("bad".to_owned())));
}
