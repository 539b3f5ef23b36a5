//! The dynamic caller API (`coro::dynamic::Generator`), step by step against `CPython`'s generator
//! rules (ids from the python-semantics reference): misuse is a `ProtocolError`, never a panic.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;

use coro::dynamic::{ErrorKind, Generator, ProtocolError};
use coro::{CloseIgnored, Coroutine, CoroutineState, Interrupt, Status};

mod support;

/// The shared drop log of `tests/support`.
type Log = support::DropLog;

/// Logs its start and its end; its guard logs its drop (Python's `noisy`).
#[coro::coroutine]
fn noisy(log: Log) -> impl Coroutine<Yield = u8, Return = ()> {
    log.push("start");
    let _guard = log.noisy("guard");
    yield_!(1);
    yield_!(2);
    log.push("end");
}

/// Logs its start, then echoes each value it receives.
#[coro::coroutine]
fn echo(log: Log) -> impl Coroutine<u32, Yield = u32, Return = ()> {
    log.push("start");
    let mut value = yield_!(0);
    loop {
        value = yield_!(value);
    }
}

/// Yields 1 and 2, then returns `"done"`.
#[coro::coroutine]
fn two() -> impl Coroutine<Yield = u8, Return = &'static str> {
    yield_!(1);
    yield_!(2);
    "done"
}

/// Sums what it is sent until it is sent 0, then returns the sum.
#[coro::coroutine]
fn summer() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let n = yield_!(total);
        if n == 0 {
            return total;
        }
        total += n;
    }
}

/// A plain `yield_!` cannot handle a thrown error: it completes with it.
#[coro::coroutine]
fn worker(log: Log) -> impl Coroutine<(), String, Yield = u8, Return = Result<u8, String>> {
    log.push("start");
    let _guard = log.noisy("guard");
    yield_!(1);
    Ok(2)
}

/// Handles a thrown error at its `yield_catch!` and goes on (Python's `catcher`).
#[coro::coroutine]
fn catcher(
    log: Log,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<(), String>> {
    loop {
        match yield_catch!("waiting") {
            Ok(()) => log.push("sent"),
            Err(Interrupt::Throw(error)) => log.push(format!("handled {error}")),
            Err(Interrupt::Close) => return Ok(()),
        }
    }
}

/// Catches the close request and returns a value (Python's `ret_on_exit`).
#[coro::coroutine]
fn ret_on_exit() -> impl Coroutine<Yield = u8, Return = &'static str> {
    let Err(Interrupt::Close) = yield_catch!(1) else { return "resumed" };
    "closing-value"
}

/// Reports a failure while being closed as its return value (Python's `raise_on_exit`).
#[coro::coroutine]
fn raise_on_exit() -> impl Coroutine<(), String, Yield = u8, Return = Result<(), String>> {
    match yield_catch!(1) {
        Err(Interrupt::Close) => Err(String::from("cleanup failed")),
        Err(Interrupt::Throw(error)) => Err(error),
        Ok(()) => Ok(()),
    }
}

/// Yields again while being closed (Python's `ignorer`).
#[coro::coroutine]
fn ignorer(log: Log) -> impl Coroutine<Yield = &'static str, Return = ()> {
    if let Err(Interrupt::Close) = yield_catch!("first") {
        yield_!("ignored");
        log.push("resumed after the ignored yield");
    }
}

/// Panics on its second step (Python's `boom`, with a panic for the exception).
#[coro::coroutine]
fn boom(panics: bool) -> impl Coroutine<Yield = u8, Return = ()> {
    yield_!(1);
    assert!(!panics, "boom");
}

fn kind<T, U>(result: Result<T, ProtocolError<U>>) -> ErrorKind {
    match result {
        Ok(_) => panic!("expected a protocol error"),
        Err(error) => error.kind(),
    }
}

// create-lazy, first-next, states
#[test]
fn start_runs_to_the_first_yield() {
    let log = Log::default();
    let mut g = Generator::new(noisy(log.clone()));
    assert_eq!(g.status(), Status::Created);
    assert!(log.take().is_empty());
    assert_eq!(g.start(), Ok(CoroutineState::Yielded(1)));
    assert_eq!(log.take(), ["start"]);
    assert_eq!(g.status(), Status::Suspended);
}

// prime-typeerror
#[test]
fn send_before_start_is_an_error_and_the_coroutine_stays_created() {
    let log = Log::default();
    let mut g = Generator::new(echo(log.clone()));
    let error = g.send(5).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotStarted);
    assert_eq!(error.into_inner(), 5, "the value that was not sent is handed back");
    assert_eq!(g.status(), Status::Created);
    assert!(log.take().is_empty(), "no body code ran");
    assert_eq!(g.start(), Ok(CoroutineState::Yielded(0)));
    assert_eq!(log.take(), ["start"]);
    assert_eq!(g.send(5), Ok(CoroutineState::Yielded(5)));
}

#[test]
fn starting_twice_is_an_error_and_changes_nothing() {
    let mut g = Generator::new(summer());
    assert_eq!(g.start(), Ok(CoroutineState::Yielded(0)));
    assert_eq!(g.send(3), Ok(CoroutineState::Yielded(3)));
    assert_eq!(kind(g.start()), ErrorKind::AlreadyStarted);
    assert_eq!(g.status(), Status::Suspended);
    assert_eq!(g.send(4), Ok(CoroutineState::Yielded(7)));
}

// send-none-is-next, first-next
#[test]
fn next_starts_then_resumes() {
    let log = Log::default();
    let mut g = Generator::new(noisy(log.clone()));
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    assert_eq!(log.take(), ["start"]);
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(2)));
    assert_eq!(g.next(), Ok(CoroutineState::Complete(())));
    assert_eq!(log.take(), ["end", "drop guard"]);
}

// send-value
#[test]
fn send_delivers_the_value_and_returns_the_next_yield() {
    let mut g = Generator::new(echo(Log::default()));
    g.start().unwrap();
    assert_eq!(g.send(1), Ok(CoroutineState::Yielded(1)));
    assert_eq!(g.send(2), Ok(CoroutineState::Yielded(2)));
}

// return-value, value-once
#[test]
fn the_return_value_is_delivered_once() {
    let mut g = Generator::new(two());
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(2)));
    assert_eq!(g.next(), Ok(CoroutineState::Complete("done")));
    assert_eq!(g.status(), Status::Completed);
    for _ in 0..3 {
        assert_eq!(kind(g.next()), ErrorKind::Exhausted);
    }
}

// send-after-exhaustion
#[test]
fn send_after_exhaustion_is_exhausted_not_not_started() {
    let mut g = Generator::new(summer());
    g.start().unwrap();
    assert_eq!(g.send(2), Ok(CoroutineState::Yielded(2)));
    assert_eq!(g.send(0), Ok(CoroutineState::Complete(2)));
    let error = g.send(42).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exhausted);
    assert_eq!(error.into_inner(), 42);
    assert_eq!(kind(g.start()), ErrorKind::Exhausted);
}

// iter-self, for-discards
#[test]
fn a_generator_is_an_iterator_that_drops_the_return_value() {
    let values: Vec<u8> = Generator::new(two()).collect();
    assert_eq!(values, [1, 2]);

    let mut g = Generator::new(two());
    let mut seen = Vec::new();
    for value in g.by_ref() {
        seen.push(value);
    }
    assert_eq!(seen, [1, 2]);
    // The loop consumed the completion: the return value is gone.
    assert_eq!(kind(g.next()), ErrorKind::Exhausted);
    assert_eq!(Iterator::next(&mut g), None);
}

// iter-self: iteration goes on from where the coroutine is
#[test]
fn iteration_resumes_a_started_generator() {
    let mut g = Generator::new(two());
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    assert_eq!(g.collect::<Vec<_>>(), [2]);
}

// throw-unstarted
#[test]
fn throw_into_an_unstarted_coroutine_completes_it_and_runs_no_body_code() {
    let log = Log::default();
    let mut g = Generator::new(worker(log.clone()));
    assert_eq!(g.throw("early".to_owned()), Ok(CoroutineState::Complete(Err("early".to_owned()))));
    assert!(log.take().is_empty());
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(kind(g.next()), ErrorKind::Exhausted);
}

// throw-unhandled, exc-propagates-closes
#[test]
fn throw_at_a_plain_yield_drops_locals_and_completes_with_the_error() {
    let log = Log::default();
    let mut g = Generator::new(worker(log.clone()));
    assert_eq!(g.start(), Ok(CoroutineState::Yielded(1)));
    log.take();
    assert_eq!(g.throw("k".to_owned()), Ok(CoroutineState::Complete(Err("k".to_owned()))));
    assert_eq!(log.take(), ["drop guard"]);
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(kind(g.next()), ErrorKind::Exhausted);
}

// throw-handled
#[test]
fn throw_handled_by_the_body_returns_the_next_yield() {
    let log = Log::default();
    let mut g = Generator::new(catcher(log.clone()));
    assert_eq!(g.start(), Ok(CoroutineState::Yielded("waiting")));
    assert_eq!(g.throw("x".to_owned()), Ok(CoroutineState::Yielded("waiting")));
    assert_eq!(log.take(), ["handled x"]);
    assert_eq!(g.next(), Ok(CoroutineState::Yielded("waiting")));
    assert_eq!(log.take(), ["sent"]);
}

// throw-finished
#[test]
fn throw_into_a_finished_coroutine_hands_the_error_back() {
    let log = Log::default();
    let mut g = Generator::new(worker(log.clone()));
    g.start().unwrap();
    assert_eq!(g.next(), Ok(CoroutineState::Complete(Ok(2))));
    log.take();
    let error = g.throw("late".to_owned()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exhausted);
    assert_eq!(error.into_inner(), "late");
    assert!(log.take().is_empty());
    assert_eq!(g.status(), Status::Completed);
}

// close-suspended
#[test]
fn close_drops_the_saved_locals_and_completes() {
    let log = Log::default();
    let mut g = Generator::new(noisy(log.clone()));
    g.start().unwrap();
    log.take();
    assert_eq!(g.close(), Ok(None));
    assert_eq!(log.take(), ["drop guard"]);
    assert_eq!(g.status(), Status::Completed);
}

// close-unstarted
#[test]
fn close_on_an_unstarted_coroutine_runs_no_body_code() {
    let log = Log::default();
    let mut g = Generator::new(noisy(log.clone()));
    assert_eq!(g.close(), Ok(None));
    assert!(log.take().is_empty());
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(kind(g.next()), ErrorKind::Exhausted);
}

// close-finished
#[test]
fn close_on_a_finished_coroutine_does_nothing_and_is_idempotent() {
    let mut g = Generator::new(two());
    assert_eq!(g.by_ref().count(), 2);
    assert_eq!(g.close(), Ok(None));
    assert_eq!(g.close(), Ok(None));

    // Even one that returned a value on close does not return it again.
    let mut g = Generator::new(ret_on_exit());
    g.start().unwrap();
    assert_eq!(g.close(), Ok(Some("closing-value")));
    assert_eq!(g.close(), Ok(None));
}

// close-return-value (3.13 semantics)
#[test]
fn close_returns_what_the_body_returns_while_closing() {
    let mut g = Generator::new(ret_on_exit());
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    assert_eq!(g.close(), Ok(Some("closing-value")));
    assert_eq!(g.status(), Status::Completed);
}

// close-raises-other: a failure while closing comes back as the return value
#[test]
fn a_failure_while_closing_is_the_return_value() {
    let mut g = Generator::new(raise_on_exit());
    g.start().unwrap();
    assert_eq!(g.close(), Ok(Some(Err("cleanup failed".to_owned()))));
    assert_eq!(g.status(), Status::Completed);
}

// close-ignored
#[test]
fn yielding_while_closed_is_an_error_and_the_coroutine_stays_suspended() {
    let log = Log::default();
    let mut g = Generator::new(ignorer(log.clone()));
    assert_eq!(g.next(), Ok(CoroutineState::Yielded("first")));
    assert_eq!(g.close(), Err(CloseIgnored("ignored")));
    assert_eq!(g.status(), Status::Suspended);
    assert!(log.take().is_empty());
}

// close-ignored-resume
#[test]
fn a_coroutine_that_ignored_close_can_be_resumed_or_closed_again() {
    let log = Log::default();
    let mut g = Generator::new(ignorer(log.clone()));
    g.next().unwrap();
    assert_eq!(g.close(), Err(CloseIgnored("ignored")));
    // Python re-raises the pending GeneratorExit at the end of the `finally`; here the body
    // goes on, and completes when it runs out of code.
    assert_eq!(g.next(), Ok(CoroutineState::Complete(())));
    assert_eq!(log.take(), ["resumed after the ignored yield"]);

    let mut g = Generator::new(ignorer(log.clone()));
    g.next().unwrap();
    assert_eq!(g.close(), Err(CloseIgnored("ignored")));
    assert_eq!(g.close(), Ok(None));
    assert_eq!(g.status(), Status::Completed);
    assert!(log.take().is_empty());
}

// after-close
#[test]
fn resuming_a_closed_coroutine_is_exhausted() {
    let mut g = Generator::new(worker(Log::default()));
    g.start().unwrap();
    assert_eq!(g.close(), Ok(None));
    assert_eq!(kind(g.next()), ErrorKind::Exhausted);
    assert_eq!(kind(g.send(())), ErrorKind::Exhausted);
    let error = g.throw("k".to_owned()).unwrap_err();
    assert_eq!((error.kind(), error.into_inner()), (ErrorKind::Exhausted, "k".to_owned()));
}

// exc-propagates-closes: a panic leaves the coroutine completed; later resumes are errors
#[test]
fn a_panic_completes_the_coroutine_and_later_resumes_are_errors() {
    let mut g = Generator::new(boom(true));
    assert_eq!(g.next(), Ok(CoroutineState::Yielded(1)));
    let panic = catch_unwind(AssertUnwindSafe(|| g.next())).unwrap_err();
    assert_eq!(panic.downcast_ref::<&str>(), Some(&"boom"));
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(kind(g.next()), ErrorKind::Panicked);
    assert_eq!(kind(g.send(())), ErrorKind::Panicked);
    assert_eq!(kind(g.start()), ErrorKind::Panicked);
    assert_eq!(Iterator::next(&mut g), None);
    assert_eq!(g.close(), Ok(None));
    assert_eq!(kind(g.next()), ErrorKind::Panicked, "closing does not hide the panic");
    assert_eq!(format!("{g:?}"), "Generator { status: Completed, poisoned: true, .. }");
}

// states
#[test]
fn status_follows_the_life_of_the_coroutine() {
    let mut g = Generator::new(two());
    assert_eq!(g.status(), Status::Created);
    g.next().unwrap();
    assert_eq!(g.status(), Status::Suspended);
    g.next().unwrap();
    assert_eq!(g.status(), Status::Suspended);
    g.next().unwrap();
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(g.get_ref().status(), Status::Completed);
}

type Worker = Pin<Box<dyn Coroutine<(), String, Yield = u8, Return = Result<u8, String>>>>;

/// A generator over `worker` in the given state; `None` for one whose coroutine panicked.
fn worker_at(status: Option<Status>) -> Generator<Worker, (), String> {
    let mut g = Generator::new(Box::pin(worker(Log::default())) as Worker);
    match status {
        Some(Status::Created) => {}
        Some(Status::Suspended) => {
            g.start().unwrap();
        }
        Some(Status::Completed) => {
            g.start().unwrap();
            g.next().unwrap();
        }
        None => return panicked_worker(),
    }
    g
}

/// A `worker` generator whose last resume panicked: its coroutine panics when thrown into.
fn panicked_worker() -> Generator<Worker, (), String> {
    #[coro::coroutine]
    fn fragile() -> impl Coroutine<(), String, Yield = u8, Return = Result<u8, String>> {
        let _guard = PanicOnDrop;
        yield_!(1);
        Ok(1)
    }
    struct PanicOnDrop;
    impl Drop for PanicOnDrop {
        fn drop(&mut self) {
            panic!("drop panicked");
        }
    }
    let mut g = Generator::new(Box::pin(fragile()) as Worker);
    g.start().unwrap();
    catch_unwind(AssertUnwindSafe(|| g.throw("x".to_owned()))).unwrap_err();
    g
}

/// No operation panics on misuse, in any state, and an operation that reports misuse leaves the
/// coroutine as it was.
#[test]
fn misuse_never_panics_and_changes_nothing() {
    type Op = fn(&mut Generator<Worker, (), String>) -> Option<ErrorKind>;
    let ops: [(&str, Op); 5] = [
        ("start", |g| g.start().err().map(|e| e.kind())),
        ("send", |g| g.send(()).err().map(|e| e.kind())),
        ("next", |g| g.next().err().map(|e| e.kind())),
        ("throw", |g| g.throw("e".to_owned()).err().map(|e| e.kind())),
        ("close", |g| {
            assert_eq!(g.close(), Ok(None));
            None
        }),
    ];
    let exhausted = Some(ErrorKind::Exhausted);
    let panicked = Some(ErrorKind::Panicked);
    let expected = [
        (Some(Status::Created), [None, Some(ErrorKind::NotStarted), None, None, None]),
        (Some(Status::Suspended), [Some(ErrorKind::AlreadyStarted), None, None, None, None]),
        (Some(Status::Completed), [exhausted, exhausted, exhausted, exhausted, None]),
        (None, [panicked, panicked, panicked, panicked, None]),
    ];
    for (state, errors) in expected {
        for ((name, op), error) in ops.into_iter().zip(errors) {
            let mut g = worker_at(state);
            let before = g.status();
            assert_eq!(op(&mut g), error, "`{name}` on {state:?}");
            if error.is_some() {
                assert_eq!(g.status(), before, "`{name}` on {state:?} changed the coroutine");
            }
        }
    }
}

/// A round-robin scheduler over coroutines of different functions, boxed.
#[test]
fn a_scheduler_drives_boxed_coroutines_of_different_functions() {
    type Task = Pin<Box<dyn Coroutine<Yield = u8, Return = &'static str>>>;

    #[coro::coroutine]
    fn countdown(n: u8) -> Pin<Box<dyn Coroutine<Yield = u8, Return = &'static str>>> {
        for i in (1..=n).rev() {
            yield_!(i);
        }
        "countdown"
    }

    let mut tasks: Vec<Generator<Task>> =
        vec![Generator::new(Box::pin(two())), Generator::new(countdown(3))];
    let mut trace = Vec::new();
    while !tasks.is_empty() {
        tasks.retain_mut(|task| match task.next() {
            Ok(CoroutineState::Yielded(value)) => {
                trace.push(value.to_string());
                true
            }
            Ok(CoroutineState::Complete(name)) => {
                trace.push(name.to_owned());
                false
            }
            Err(error) => panic!("the scheduler never resumes a finished task: {error}"),
        });
    }
    assert_eq!(trace, ["1", "3", "2", "2", "done", "1", "countdown"]);
}

// A generator can borrow a coroutine; the coroutine keeps its state afterwards.
#[test]
fn a_generator_over_a_borrowed_coroutine() {
    let mut co = summer();
    {
        let mut g = Generator::new(&mut co);
        g.start().unwrap();
        assert_eq!(g.send(5), Ok(CoroutineState::Yielded(5)));
    }
    assert_eq!(co.status(), Status::Suspended);
    let mut g = Generator::new(&mut co);
    assert_eq!(kind(g.start()), ErrorKind::AlreadyStarted);
    assert_eq!(g.send(0), Ok(CoroutineState::Complete(5)));
    assert_eq!(Generator::new(two()).into_inner().status(), Status::Created);
}

#[test]
fn protocol_errors_display_and_convert() {
    fn drive() -> Result<(), Box<dyn std::error::Error>> {
        let mut g = Generator::new(summer());
        g.send(1)?;
        Ok(())
    }

    let mut g = Generator::new(summer());
    let not_started = g.send(1).unwrap_err();
    assert_eq!(
        not_started.to_string(),
        "value sent to a coroutine that has not started; start it first"
    );
    assert_eq!(format!("{not_started:?}"), "ProtocolError { kind: NotStarted, .. }");
    g.start().unwrap();
    assert_eq!(g.start().unwrap_err().to_string(), "coroutine started twice");
    g.send(0).unwrap();
    assert_eq!(g.send(1).unwrap_err().to_string(), "coroutine resumed after it completed");
    assert_eq!(ErrorKind::Panicked.to_string(), "coroutine resumed after it panicked");
    assert_eq!(drive().unwrap_err().to_string(), ErrorKind::NotStarted.to_string());
}
