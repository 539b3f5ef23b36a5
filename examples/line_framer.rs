//! Line framer: fed byte chunks, yields complete lines; an explicit `Eof` message flushes the tail.
use coro::{Coroutine, CoroutineExt, CoroutineState};

enum Input {
    Chunk(Vec<u8>),
    Eof,
}

/// Yields `Some(line)` for each complete line and `None` when it wants more input. Sending `None`
/// just resumes it (Python's `next()`).
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

/// Sends one input, then drains every line it produced until the framer asks for more.
fn feed(
    framer: &mut impl CoroutineExt<Option<Input>, Yield = Option<String>>,
    input: Input,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut step = framer.send(Some(input));
    while let CoroutineState::Yielded(Some(line)) = step {
        lines.push(line);
        step = framer.send(None);
    }
    lines
}

fn main() {
    let mut framer = line_framer();
    framer.start();
    for chunk in ["alpha\nbe", "ta\ngamma\n", "", "delta", "\n\nepsilon"] {
        let lines = feed(&mut framer, Input::Chunk(chunk.into()));
        println!("{chunk:?} -> {lines:?}");
    }
    let tail = framer.send(Some(Input::Eof)).yielded().flatten().expect("the tail line");
    println!("eof -> {tail:?}");
    if let CoroutineState::Complete(reason) = framer.send(None) {
        println!("returned {reason}");
    }
}
