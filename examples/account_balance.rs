//! Running balance driven by typed commands; an unknown command ends the coroutine with an `Err`.
use coro::{Coroutine, CoroutineExt, CoroutineState, Status};

enum Message {
    Deposit(i64),
    Withdraw(i64),
    Reset,
    Audit(String),
}

/// Yields the balance after every message; `None` leaves it untouched.
#[coro::coroutine]
fn account_balance(
    starting_balance: i64,
) -> impl Coroutine<Option<Message>, Yield = i64, Return = Result<(), String>> {
    let mut balance = starting_balance;
    loop {
        let Some(message) = yield_!(balance) else {
            continue;
        };
        match message {
            Message::Reset => balance = 0,
            Message::Deposit(amount) => balance += amount,
            Message::Withdraw(amount) => balance -= amount,
            Message::Audit(note) => return Err(format!("unknown message: {note}")),
        }
    }
}

fn main() {
    let mut ledger = account_balance(100);
    println!("start {}", ledger.start().yielded().expect("the ledger starts suspended"));
    let messages = [
        ("deposit 25", Some(Message::Deposit(25))),
        ("withdraw 60", Some(Message::Withdraw(60))),
        ("noop", None),
        ("reset", Some(Message::Reset)),
        ("deposit 7", Some(Message::Deposit(7))),
        ("audit", Some(Message::Audit("quarterly".to_owned()))),
    ];
    for (label, message) in messages {
        match ledger.send(message) {
            CoroutineState::Yielded(balance) => println!("{label} -> {balance}"),
            CoroutineState::Complete(Err(error)) => println!("error: {error}"),
            CoroutineState::Complete(Ok(())) => unreachable!("the ledger only stops on an error"),
        }
    }
    // A completed coroutine takes no more sends (Python raises StopIteration).
    if ledger.status() == Status::Completed {
        println!("finished: further sends stop");
    }
}
