//! Event processor with pause/resume control messages; reports its status after every message.
use coro::{Coroutine, CoroutineExt};

#[derive(Clone, Copy)]
enum Message {
    Event { name: &'static str, user: u32 },
    Pause,
    Resume,
}

/// Counts the events it is sent while not paused; `None` is a message that is not an event.
#[coro::coroutine]
fn event_processor() -> impl Coroutine<Option<Message>, Yield = (&'static str, u32), Return = ()> {
    let mut paused = false;
    let mut processed = 0;
    let mut message = yield_!(("ready", processed));
    loop {
        message = match message {
            Some(Message::Pause) => {
                paused = true;
                yield_!(("paused", processed))
            }
            Some(Message::Resume) => {
                paused = false;
                yield_!(("ready", processed))
            }
            _ if paused => yield_!(("paused", processed)),
            Some(Message::Event { .. }) => {
                processed += 1;
                yield_!(("ready", processed))
            }
            None => yield_!(("ready", processed)),
        };
    }
}

fn show(message: Option<Message>) -> String {
    match message {
        Some(Message::Event { name, user }) => format!("event {name} user={user}"),
        Some(Message::Pause) => "pause".to_owned(),
        Some(Message::Resume) => "resume".to_owned(),
        None => "none".to_owned(),
    }
}

fn main() {
    let mut processor = event_processor();
    let (status, processed) = processor.start().yielded().expect("the processor never finishes");
    println!("start -> {status} {processed}");
    let purchase = Some(Message::Event { name: "purchase", user: 12 });
    let messages = [
        Some(Message::Event { name: "login", user: 12 }),
        Some(Message::Pause),
        purchase,
        None,
        Some(Message::Resume),
        purchase,
        None,
        Some(Message::Event { name: "logout", user: 12 }),
    ];
    for message in messages {
        let (status, processed) =
            processor.send(message).yielded().expect("the processor never finishes");
        println!("{} -> {status} {processed}", show(message));
    }
}
