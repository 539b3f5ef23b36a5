//! The typed caller API (`coro::typed`), step by step against `CPython`'s generator rules (ids from
//! the python-semantics reference). Misuse that does not compile is in `tests/ui/protocol/`.

use coro::typed::{Fresh, Step, Suspended};
use coro::{Coroutine, Interrupt, Status};

mod support;

/// The shared drop log of `tests/support`.
type Log = support::DropLog;

/// Takes the handle out of a `Step::Yielded`, checking the yielded value.
// Call sites read better with the expected value written plainly.
#[allow(clippy::needless_pass_by_value)]
#[track_caller]
fn expect_yield<C, S, E>(step: Step<C, S, E>, expected: C::Yield) -> Suspended<C, S, E>
where
    C: Coroutine<S, E>,
    C::Yield: PartialEq + std::fmt::Debug,
{
    match step {
        Step::Yielded(value, co) => {
            assert_eq!(value, expected);
            co
        }
        Step::Complete(_) => panic!("expected `Yielded({expected:?})`, got `Complete`"),
    }
}

/// Takes the return value out of a `Step::Complete`.
#[track_caller]
fn expect_complete<C: Coroutine<S, E>, S, E>(step: Step<C, S, E>) -> C::Return {
    match step {
        Step::Complete(value) => value,
        Step::Yielded(..) => panic!("expected `Complete`, got `Yielded`"),
    }
}

/// Logs its start and its end; its argument and its guard log their drops (Python's `noisy`).
#[coro::coroutine]
fn noisy(log: Log) -> impl Coroutine<Yield = u8, Return = ()> {
    let _arg = log.noisy("arg");
    log.push("start");
    let _guard = log.noisy("guard");
    yield_!(1);
    yield_!(2);
    log.push("end");
}

/// Yields `"ready"`, then echoes each value it receives.
#[coro::coroutine]
fn echo() -> impl Coroutine<String, Yield = String, Return = ()> {
    let mut value = yield_!(String::from("ready"));
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

/// Returns a tuple without yielding.
#[coro::coroutine]
fn ret_tuple() -> impl Coroutine<Yield = (), Return = (u8, u8)> {
    (1, 2)
}

/// Records what each plain resume makes its `yield_!` evaluate to.
#[coro::coroutine]
fn unit_receiver(log: Log) -> impl Coroutine<Yield = u8, Return = ()> {
    let first: () = yield_!(1);
    log.push(format!("got {first:?}"));
    let second: () = yield_!(2);
    log.push(format!("got {second:?}"));
}

/// A plain `yield_!` cannot handle a thrown error: it completes with it. The argument is owned
/// by the coroutine, so the test can see when it is dropped.
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

/// Handles a thrown error by returning (Python's `ret_on_error`).
#[coro::coroutine]
fn ret_on_error()
-> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    match yield_catch!("waiting") {
        Err(Interrupt::Throw(error)) => Ok(format!("recovered from {error}")),
        Ok(()) | Err(Interrupt::Close) => Ok(String::from("not thrown")),
    }
}

/// Catches the close request and returns a value (Python's `ret_on_exit`).
#[coro::coroutine]
fn ret_on_exit(log: Log) -> impl Coroutine<Yield = u8, Return = &'static str> {
    let Err(Interrupt::Close) = yield_catch!(1) else { return "resumed" };
    log.push("got close");
    "closing-value"
}

/// Yields again while being closed (Python's `ignorer`).
#[coro::coroutine]
fn ignorer(log: Log) -> impl Coroutine<Yield = &'static str, Return = ()> {
    if let Err(Interrupt::Close) = yield_catch!("first") {
        yield_!("ignored");
        log.push("resumed after the ignored yield");
    }
}

/// `?` on an error completes the coroutine with it.
#[coro::coroutine]
fn parse_all()
-> impl Coroutine<&'static str, Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
    let mut total = 0;
    loop {
        let text = yield_!(total);
        if text.is_empty() {
            return Ok(total);
        }
        total += text.parse::<u32>()?;
    }
}

// create-lazy, states
#[test]
fn creating_runs_nothing() {
    let log = Log::default();
    let fresh = Fresh::new(noisy(log.clone()));
    assert_eq!(fresh.status(), Status::Created);
    assert_eq!(fresh.get_ref().status(), Status::Created);
    assert!(log.take().is_empty());
    drop(fresh);
    assert!(log.take().is_empty(), "an unstarted coroutine holds no guard yet");
}

// first-next, states
#[test]
fn start_runs_to_the_first_yield() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(noisy(log.clone())).start(), 1);
    assert_eq!(log.take(), ["start"]);
    assert_eq!(co.status(), Status::Suspended);
    assert_eq!(co.get_ref().status(), Status::Suspended);
}

// send-value
#[test]
fn send_delivers_the_value_and_returns_the_next_yield() {
    let co = expect_yield(Fresh::new(echo()).start(), "ready".to_owned());
    let co = expect_yield(co.send("a".to_owned()), "a".to_owned());
    let _co = expect_yield(co.send("b".to_owned()), "b".to_owned());
}

// send-none-is-next, next-gives-none
#[test]
fn sending_unit_is_next_and_the_yield_evaluates_to_unit() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(unit_receiver(log.clone())).start(), 1);
    let co = expect_yield(co.send(()), 2);
    assert_eq!(log.take(), ["got ()"]);
    expect_complete(co.send(()));
    assert_eq!(log.take(), ["got ()"]);
}

// return-value, states
#[test]
fn return_value_completes_the_coroutine() {
    let co = expect_yield(Fresh::new(two()).start(), 1);
    let co = expect_yield(co.send(()), 2);
    assert_eq!(expect_complete(co.send(())), "done");
}

// fall-off-end
#[test]
fn falling_off_the_end_returns_unit_after_dropping_locals() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(noisy(log.clone())).start(), 1);
    let co = expect_yield(co.send(()), 2);
    log.take();
    let () = expect_complete(co.send(()));
    assert_eq!(log.take(), ["end", "drop guard", "drop arg"]);
}

// tuple-return
#[test]
fn a_returned_tuple_is_one_value() {
    assert_eq!(Fresh::new(ret_tuple()).start().complete(), Some((1, 2)));
}

// value-once (the handle is gone once the coroutine completes; resuming it again does not
// compile: tests/ui/protocol/resume-after-completion.rs)
#[test]
fn completion_hands_out_the_return_value_and_no_handle() {
    let co = expect_yield(Fresh::new(two()).start(), 1);
    let step = expect_yield(co.send(()), 2).send(());
    assert!(step.yielded().is_none());
}

// exc-propagates-closes: `?` completes the coroutine with the error
#[test]
fn question_mark_completes_with_the_error() {
    let co = expect_yield(Fresh::new(parse_all()).start(), 0);
    let co = expect_yield(co.send("4"), 4);
    assert!(expect_complete(co.send("x")).is_err());
}

// throw-unstarted
#[test]
fn throw_into_an_unstarted_coroutine_runs_no_body_code() {
    let log = Log::default();
    let result = Fresh::new(worker(log.clone())).throw("early".to_owned());
    assert_eq!(result, Err("early".to_owned()));
    assert!(log.take().is_empty());
}

// throw-unhandled
#[test]
fn throw_at_a_plain_yield_drops_locals_and_completes_with_the_error() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(worker(log.clone())).start(), 1);
    assert_eq!(log.take(), ["start"]);
    assert_eq!(expect_complete(co.throw("k".to_owned())), Err("k".to_owned()));
    assert_eq!(log.take(), ["drop guard"]);
}

// throw-handled
#[test]
fn throw_handled_by_the_body_returns_the_next_yield() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(catcher(log.clone())).start(), "waiting");
    let co = expect_yield(co.throw("x".to_owned()), "waiting");
    assert_eq!(log.take(), ["handled x"]);
    let co = expect_yield(co.send(()), "waiting");
    assert_eq!(log.take(), ["sent"]);
    assert_eq!(co.status(), Status::Suspended);
}

// throw-handled-return
#[test]
fn throw_handled_by_returning_completes_with_the_value() {
    let co = expect_yield(Fresh::new(ret_on_error()).start(), "waiting");
    assert_eq!(expect_complete(co.throw("bad".to_owned())), Ok("recovered from bad".to_owned()));
}

// close-unstarted
#[test]
fn close_on_an_unstarted_coroutine_runs_no_body_code() {
    let log = Log::default();
    Fresh::new(noisy(log.clone())).close();
    assert!(log.take().is_empty());
}

// close-suspended
#[test]
fn close_drops_the_saved_locals_in_reverse_order() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(noisy(log.clone())).start(), 1);
    log.take();
    assert!(matches!(co.close(), Ok(None)));
    assert_eq!(log.take(), ["drop guard", "drop arg"]);
}

// close-return-value (3.13 semantics: the value comes back)
#[test]
fn close_returns_what_the_body_returns_while_closing() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(ret_on_exit(log.clone())).start(), 1);
    assert!(matches!(co.close(), Ok(Some("closing-value"))));
    assert_eq!(log.take(), ["got close"]);
}

// close-ignored
#[test]
fn yielding_while_closed_hands_the_suspended_coroutine_back() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(ignorer(log.clone())).start(), "first");
    let Err((value, co)) = co.close() else { panic!("the body yielded while being closed") };
    assert_eq!(value, "ignored");
    assert_eq!(co.status(), Status::Suspended);
    assert!(log.take().is_empty());
}

// close-ignored-resume: resume after an ignored close
#[test]
fn a_coroutine_that_ignored_close_can_be_resumed() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(ignorer(log.clone())).start(), "first");
    let Err(("ignored", co)) = co.close() else { panic!("the body yielded while being closed") };
    // Python re-raises the pending GeneratorExit at the end of the `finally`; here the body simply
    // goes on, and completes when it runs out of code.
    expect_complete(co.send(()));
    assert_eq!(log.take(), ["resumed after the ignored yield"]);
}

// close-ignored-resume: close again after an ignored close
#[test]
fn a_coroutine_that_ignored_close_can_be_closed_again() {
    let log = Log::default();
    let co = expect_yield(Fresh::new(ignorer(log.clone())).start(), "first");
    let Err(("ignored", co)) = co.close() else { panic!("the body yielded while being closed") };
    assert!(matches!(co.close(), Ok(None)));
    assert!(log.take().is_empty());
}

// states: the raw coroutine can be taken back out of either handle
#[test]
fn into_inner_gives_back_the_raw_coroutine() {
    use coro::{CoroutineExt, CoroutineState};

    let mut raw = Fresh::new(two()).into_inner();
    assert_eq!(raw.start(), CoroutineState::Yielded(1));
    let co = expect_yield(Fresh::new(two()).start(), 1);
    let mut raw = co.into_inner();
    assert_eq!(raw.send(()), CoroutineState::Yielded(2));
    assert_eq!(raw.status(), Status::Suspended);
}

#[test]
#[should_panic(expected = "`Fresh::new` needs a coroutine that has not started")]
fn fresh_rejects_a_started_coroutine() {
    use coro::CoroutineExt;

    let mut co = two();
    co.start();
    let _ = Fresh::new(co);
}

// The handles work through `&mut C` and boxed trait objects too.
#[test]
fn handles_wrap_borrowed_and_boxed_coroutines() {
    let mut co = two();
    let _handle = expect_yield(Fresh::new(&mut co).start(), 1);
    assert_eq!(co.status(), Status::Suspended);

    let boxed: std::pin::Pin<Box<dyn Coroutine<Yield = u8, Return = &'static str>>> =
        Box::pin(two());
    let handle = expect_yield(Fresh::new(boxed).start(), 1);
    let handle = expect_yield(handle.send(()), 2);
    assert_eq!(expect_complete(handle.send(())), "done");
}

#[test]
fn step_helpers_and_debug() {
    let step = Fresh::new(two()).start();
    assert_eq!(format!("{step:?}"), "Yielded(1, Suspended { .. })");
    let (value, co) = step.yielded().unwrap();
    assert_eq!(value, 1);
    assert_eq!(format!("{co:?}"), "Suspended { .. }");
    assert_eq!(format!("{:?}", Fresh::new(two())), "Fresh { .. }");
    let done = Fresh::new(ret_tuple()).start();
    assert_eq!(format!("{done:?}"), "Complete((1, 2))");
}
