//! `throw` injects an error at the paused yield; `close` asks the coroutine to clean up and stop.
use coro::{CloseIgnored, Coroutine, CoroutineExt, CoroutineState, Interrupt, Status};

/// The errors the caller throws in (Python's `ValueError` and `KeyError`).
#[derive(Debug)]
enum Error {
    Value(&'static str),
    Key(&'static str),
}

/// Yields how many `Error::Value`s it has handled; any other error ends it.
#[coro::coroutine]
fn resilient() -> impl Coroutine<&'static str, Error, Yield = u32, Return = Result<(), Error>> {
    let mut handled = 0;
    loop {
        match yield_catch!(handled) {
            Ok(value) => println!("got {value}"),
            Err(Interrupt::Throw(Error::Value(message))) => {
                handled += 1;
                println!("handled: {message}");
            }
            Err(Interrupt::Throw(error)) => return Err(error),
            Err(Interrupt::Close) => return Ok(()),
        }
    }
}

/// Python's `finally`: prints when dropped, however the coroutine ends.
struct Finally(&'static str);

impl Drop for Finally {
    fn drop(&mut self) {
        println!("{}", self.0);
    }
}

#[coro::coroutine]
fn with_cleanup() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let _cleanup = Finally("cleanup ran");
    loop {
        yield_!("working");
    }
}

/// Ignores the first close request by yielding again; gives up on the second.
#[coro::coroutine]
fn stubborn() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let mut ignored = false;
    loop {
        if let Err(Interrupt::Close) = yield_catch!("still here") {
            if ignored {
                println!("giving up");
                return;
            }
            ignored = true;
            println!("ignoring close");
        }
    }
}

fn main() {
    let mut r = resilient();
    r.start();
    r.send("x");
    let handled = r.throw(Error::Value("bad data")).yielded().expect("a value error is handled");
    println!("throw -> {handled}");
    println!("send -> {}", r.send("y").yielded().expect("still running"));
    if let CoroutineState::Complete(Err(Error::Key(key))) = r.throw(Error::Key("fatal")) {
        println!("propagated: {key}");
    }
    if r.status() == Status::Completed {
        println!("after an unhandled error the coroutine is finished");
    }

    let mut c = with_cleanup();
    c.start();
    assert_eq!(c.close(), Ok(None), "closing drops the saved locals");
    println!("closed");

    let mut s = stubborn();
    s.start();
    if let Err(CloseIgnored(_)) = s.close() {
        println!("close refused: the coroutine yielded instead of finishing");
    }
    assert_eq!(s.close(), Ok(Some(())), "the second close finishes it");
    println!("second close finished it");
}
