//! The line framer of `examples/line_framer.rs`: a `loop` around a `match`, an `if`, a `while let`
//! and four `yield_!`s.
use coro::{Coroutine, CoroutineExt, CoroutineState};

enum Input {
    Chunk(Vec<u8>),
    Eof,
}

#[coro::coroutine]
fn line_framer() -> impl Coroutine<Option<Input>, Yield = Option<String>, Return = &'static str> {
    let mut buffer = Vec::new();
    let mut input = yield_!(None);
    loop {
        match input {
            Some(Input::Eof) => {
                if !buffer.is_empty() {
                    yield_!(Some(String::from_utf8_lossy(&buffer).into_owned()));
                }
                return "closed";
            }
            Some(Input::Chunk(chunk)) => buffer.extend(chunk),
            None => {}
        }
        while let Some(i) = buffer.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=i).collect();
            yield_!(Some(String::from_utf8_lossy(&line[..i]).into_owned()));
        }
        input = yield_!(None);
    }
}

fn main() {
    let line = |s: &str| CoroutineState::Yielded(Some(s.to_owned()));
    let mut framer = line_framer();
    assert_eq!(framer.start(), CoroutineState::Yielded(None));
    assert_eq!(framer.send(Some(Input::Chunk(b"alpha\nbe".to_vec()))), line("alpha"));
    assert_eq!(framer.send(None), CoroutineState::Yielded(None));
    assert_eq!(framer.send(Some(Input::Chunk(b"ta\ngamma\n".to_vec()))), line("beta"));
    assert_eq!(framer.send(None), line("gamma"));
    assert_eq!(framer.send(None), CoroutineState::Yielded(None));
    assert_eq!(framer.send(Some(Input::Chunk(b"tail".to_vec()))), CoroutineState::Yielded(None));
    assert_eq!(framer.send(Some(Input::Eof)), line("tail"));
    assert_eq!(framer.send(None), CoroutineState::Complete("closed"));
}
