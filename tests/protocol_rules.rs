//! One behaviour test per rule of the python-semantics reference (sections A–G) that
//! `tests/typed_api.rs` and `tests/dynamic_api.rs` do not already show, named after the rule id;
//! `docs/protocol.md` maps every rule to its test. Python's fixtures are ported by name: a guard
//! named after the generator stands for its `finally: print('<name> cleanup')`, and logs
//! `drop <name>` where Python prints the cleanup.
mod support;

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::rc::Rc;

use coro::CoroutineState::{Complete, Yielded};
use coro::dynamic::{ErrorKind, Generator};
use coro::{CloseIgnored, Coroutine, CoroutineExt, CoroutineState, Interrupt, Resume, Status};
use support::{DropLog, assert_log};

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// What `RefCell::try_borrow_mut` reports while the cell is borrowed.
fn borrow_mut_error() -> String {
    let cell = RefCell::new(());
    let _held = cell.borrow_mut();
    cell.try_borrow_mut().unwrap_err().to_string()
}

/// What `RefCell::try_borrow` reports while the cell is mutably borrowed.
fn borrow_error() -> String {
    let cell = RefCell::new(());
    let _held = cell.borrow_mut();
    cell.try_borrow().unwrap_err().to_string()
}

// ---------------------------------------------------------------------------------------------
// A. Creation, priming, next and send

/// Yields 1 and 2, then returns `"done"` (Python's `two`).
#[coro::coroutine]
fn two() -> impl Coroutine<Yield = u8, Return = &'static str> {
    yield_!(1);
    yield_!(2);
    "done"
}

// send-none-is-next: once started, `send(())` is `next`; priming is `start` (or `next`), and
// `send(())` on a created coroutine is refused.
#[test]
fn send_none_is_next() {
    let mut g = Generator::new(two());
    assert_eq!(g.send(()).unwrap_err().kind(), ErrorKind::NotStarted);
    assert_eq!(g.status(), Status::Created);
    assert_eq!(g.next(), Ok(Yielded(1)));
    assert_eq!(g.send(()), Ok(Yielded(2)));
    assert_eq!(g.send(()), Ok(Complete("done")));

    let mut by_next = Generator::new(two());
    let mut by_send = Generator::new(two());
    assert_eq!(by_next.next(), by_send.start());
    for _ in 0..2 {
        assert_eq!(by_next.next().unwrap(), by_send.send(()).unwrap());
    }
}

// ---------------------------------------------------------------------------------------------
// C. Errors escaping the body

fn fails() -> Result<(), String> {
    Err("boom".to_owned())
}

/// `?` on an error on its second step (Python's `boom`).
#[coro::coroutine]
fn boom(log: DropLog) -> impl Coroutine<Yield = u8, Return = Result<(), String>> {
    let _boom = log.noisy("boom");
    yield_!(1);
    // `let () =`: a bare `fails()?;` trips clippy's `unnecessary_semicolon` in the expansion.
    let () = fails()?;
    log.push("never reached");
    Ok(())
}

// exc-propagates-closes: the error reaches the caller as the return value, the coroutine is
// completed (its locals dropped), and later resumes report that it is exhausted.
#[test]
fn exc_propagates_closes() {
    let log = DropLog::new();
    let mut g = Generator::new(boom(log.clone()));
    assert_eq!(g.next(), Ok(Yielded(1)));
    assert_eq!(g.next(), Ok(Complete(Err("boom".to_owned()))));
    assert_log(&log.take(), &["drop boom"]);
    assert_eq!(g.status(), Status::Completed);
    assert_eq!(g.next().unwrap_err().kind(), ErrorKind::Exhausted);
}

// ---------------------------------------------------------------------------------------------
// E. close()

/// Handles thrown errors but not the close request (Python's `catch_exception`).
#[coro::coroutine]
fn catch_exception(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = u8, Return = Result<(), String>> {
    let _cleanup = log.noisy("catch_exception");
    match yield_catch!(1) {
        Err(Interrupt::Throw(error)) => log.push(format!("handled {error}")),
        Ok(()) | Err(Interrupt::Close) => {}
    }
    Ok(())
}

// close-not-exception: a close request is `Interrupt::Close`, never a value of the error type, so
// a handler of thrown errors does not see it; the guard (Python's `finally`) still runs.
#[test]
fn close_not_exception() {
    let log = DropLog::new();
    let mut co = catch_exception(log.clone());
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.close(), Ok(Some(Ok(()))));
    assert_log(&log.take(), &["drop catch_exception"]);
    assert_eq!(co.status(), Status::Completed);

    let mut co = catch_exception(log.clone());
    co.start();
    assert_eq!(co.throw("x".to_owned()), Complete(Ok(())));
    assert_log(&log.take(), &["handled x", "drop catch_exception"]);
}

// ---------------------------------------------------------------------------------------------
// F. States, re-entrancy, introspection

type SelfCalling = Pin<Box<dyn Coroutine<(), String, Yield = String, Return = Result<(), String>>>>;

/// A shared handle through which a coroutine can reach itself (Python's `h`).
type SelfHandle = Rc<RefCell<Option<Generator<SelfCalling, (), String>>>>;

/// Tries every resume and close on itself from inside (Python's `self_call`).
// The attribute needs the boxed return type spelled out.
#[allow(clippy::type_complexity)]
#[coro::coroutine]
fn self_call(
    h: SelfHandle,
) -> Pin<Box<dyn Coroutine<(), String, Yield = String, Return = Result<(), String>>>> {
    for op in ["next", "send", "throw", "close"] {
        let outcome = match h.try_borrow_mut() {
            Ok(mut me) => {
                let me = me.as_mut().expect("the handle holds the coroutine");
                match op {
                    "next" => format!("{:?}", me.next()),
                    "send" => format!("{:?}", me.send(())),
                    "throw" => format!("{:?}", me.throw("k".to_owned())),
                    _ => format!("{:?}", me.close()),
                }
            }
            Err(error) => format!("{op}: {error}"),
        };
        yield_!(outcome);
    }
    Ok(())
}

// reentrant: the body can reach its own coroutine only through shared ownership, and the caller
// holds the `RefCell` borrow while it resumes: every attempt fails with a catchable error.
#[test]
fn reentrant() {
    let h = SelfHandle::default();
    *h.borrow_mut() = Some(Generator::new(self_call(h.clone())));
    let seen: Vec<String> = h.borrow_mut().as_mut().unwrap().by_ref().collect();
    let expected: Vec<String> =
        ["next", "send", "throw", "close"].map(|op| format!("{op}: {}", borrow_mut_error())).into();
    assert_eq!(seen, expected);
    // Break the cycle through the handle.
    h.borrow_mut().take();
}

/// Resumes itself from inside without catching the error (Python's `reenter`).
#[allow(clippy::type_complexity)]
#[coro::coroutine]
fn reenter(
    h: SelfHandle,
) -> Pin<Box<dyn Coroutine<(), String, Yield = String, Return = Result<(), String>>>> {
    yield_!("first".to_owned());
    let mut me = h.try_borrow_mut().map_err(|error| error.to_string())?;
    let again = me.as_mut().map(Generator::next);
    drop(me);
    yield_!(format!("{again:?}"));
    Ok(())
}

// reentrant-uncaught: propagated with `?`, the error completes the coroutine.
#[test]
fn reentrant_uncaught() {
    let h = SelfHandle::default();
    *h.borrow_mut() = Some(Generator::new(reenter(h.clone())));
    let mut me = h.borrow_mut();
    let g = me.as_mut().unwrap();
    assert_eq!(g.next(), Ok(Yielded("first".to_owned())));
    assert_eq!(g.next(), Ok(Complete(Err(borrow_mut_error()))));
    assert_eq!(g.status(), Status::Completed);
    drop(me);
    h.borrow_mut().take();
}

// introspection: `status()` is the only introspection; `Suspended` (Python's `gi_suspended`)
// only while paused at a `yield_!`, `Completed` once finished (Python's `gi_frame is None`).
#[test]
fn introspection() {
    let mut co = two();
    assert_ne!(co.status(), Status::Suspended);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.status(), Status::Suspended);
    assert_eq!(co.send(()), Yielded(2));
    assert_eq!(co.send(()), Complete("done"));
    assert_eq!(co.status(), Status::Completed);
}

// ---------------------------------------------------------------------------------------------
// G. yield_from! delegation
//
// Fixtures share one shape: errors are `String`s, values `&'static str`, return values
// `Result<String, String>`; `outer` is generic over the send type.

/// Logs what it receives; returns `"inner-ret"` (Python's `inner`).
#[coro::coroutine]
fn inner(
    log: DropLog,
) -> impl Coroutine<String, String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("inner");
    let x = yield_!("i1");
    log.push(format!("inner got {x}"));
    let y = yield_!("i2");
    log.push(format!("inner got {y}"));
    Ok("inner-ret".to_owned())
}

/// Delegates to `sub`, propagates its error with `?`, logs its return value (Python's `outer`).
#[coro::coroutine]
fn outer<S, C>(
    log: DropLog,
    sub: C,
) -> impl Coroutine<S, String, Yield = &'static str, Return = Result<String, String>>
where
    C: Coroutine<S, String, Yield = &'static str, Return = Result<String, String>> + Unpin,
{
    let _cleanup = log.noisy("outer");
    let r = yield_from!(sub)?;
    log.push(format!("outer got {r:?}"));
    yield_!("o-after");
    Ok("outer-ret".to_owned())
}

/// Delegates to `sub` and handles the error it completes with (Python's `outer_catch`).
#[coro::coroutine]
fn outer_catch<C>(
    log: DropLog,
    sub: C,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>>
where
    C: Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> + Unpin,
{
    if let Err(error) = yield_from!(sub) {
        log.push(format!("outer caught {error}"));
        yield_!("outer recovered");
    }
    Ok("outer_catch-ret".to_owned())
}

/// Yields `"1"` and `"2"`, then returns `"done"` (Python's `two`, in the delegation shape).
#[coro::coroutine]
fn two_task(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("two");
    yield_!("1");
    yield_!("2");
    Ok("done".to_owned())
}

/// Handles a thrown error at its `yield_catch!` and goes on (Python's `catcher`).
#[coro::coroutine]
fn catcher(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    loop {
        match yield_catch!("waiting") {
            Ok(()) => log.push("sent"),
            Err(Interrupt::Throw(error)) => log.push(format!("handled {error}")),
            Err(Interrupt::Close) => return Ok("closed".to_owned()),
        }
    }
}

/// Handles a thrown error by returning (Python's `ret_on_error`).
#[coro::coroutine]
fn ret_on_error()
-> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    match yield_catch!("waiting") {
        Err(Interrupt::Throw(error)) => Ok(format!("recovered from {error}")),
        Ok(()) | Err(Interrupt::Close) => Ok("not thrown".to_owned()),
    }
}

/// Completes with an error on its second step (Python's `boom`).
#[coro::coroutine]
fn boom_task(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("boom");
    yield_!("1");
    // `let () =`: a bare `fails()?;` trips clippy's `unnecessary_semicolon` in the expansion.
    let () = fails()?;
    Ok("unreachable".to_owned())
}

/// Logs which interruption reached it, then returns (closing it returns a value, as Python's
/// `ret_on_exit`).
#[coro::coroutine]
fn sentinel(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("sentinel");
    match yield_catch!("s1") {
        Ok(()) => log.push("sentinel got a value"),
        Err(Interrupt::Throw(error)) => log.push(format!("sentinel got throw {error}")),
        Err(Interrupt::Close) => log.push("sentinel got close"),
    }
    Ok("closing-value".to_owned())
}

/// Reports a failure when closed (Python's `inner_raise_on_close`).
#[coro::coroutine]
fn inner_raise_on_close()
-> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    match yield_catch!("i1") {
        Err(Interrupt::Close) => Err("inner close failed".to_owned()),
        Err(Interrupt::Throw(error)) => Err(error),
        Ok(()) => Ok("resumed".to_owned()),
    }
}

/// Yields again while being closed (Python's `ignorer`).
#[coro::coroutine]
fn ignorer(
    log: DropLog,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("ignorer");
    if let Err(Interrupt::Close) = yield_catch!("1") {
        yield_!("ignored");
        log.push("resumed after the ignored yield");
    }
    Ok("ignorer-ret".to_owned())
}

// yf-prime: `yield_from!` starts the delegate; what it yields reaches the delegator's caller.
#[test]
fn yf_prime() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), inner(log.clone()));
    assert_eq!(g.status(), Status::Created);
    assert_eq!(g.start(), Yielded("i1"));
    assert_eq!(g.status(), Status::Suspended);
    assert_log(&log.take(), &[]);
}

// yf-send-forward: sends go to the delegate; the delegator's own code does not run until the
// delegate completes.
#[test]
fn yf_send_forward() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), inner(log.clone()));
    assert_eq!(g.start(), Yielded("i1"));
    assert_eq!(g.send("A".to_owned()), Yielded("i2"));
    assert_log(&log.take(), &["inner got A"]);
    assert_eq!(g.send("B".to_owned()), Yielded("o-after"));
    assert_log(&log.take(), &["inner got B", "drop inner", "outer got \"inner-ret\""]);
}

// yf-return-capture: `yield_from!` evaluates to the delegate's return value; the delegator's own
// return value reaches its caller.
#[test]
fn yf_return_capture() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), inner(log.clone()));
    g.start();
    g.send("A".to_owned());
    assert_eq!(g.send("B".to_owned()), Yielded("o-after"));
    assert_log(
        &log.take(),
        &["inner got A", "inner got B", "drop inner", "outer got \"inner-ret\""],
    );
    assert_eq!(g.send(String::new()), Complete(Ok("outer-ret".to_owned())));
    assert_log(&log.take(), &["drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

/// Delegates to `sub`, then yields 0 and returns what the delegate returned.
#[coro::coroutine]
fn delegate_u8<C>(sub: C) -> impl Coroutine<Yield = u8, Return = &'static str>
where
    C: Coroutine<Yield = u8, Return = &'static str> + Unpin,
{
    let r = yield_from!(sub);
    yield_!(0);
    r
}

/// Walks `items` with `yield_from!`, then yields 0.
#[coro::coroutine]
fn walk<I>(log: DropLog, items: I) -> impl Coroutine<Yield = u8, Return = ()>
where
    I: IntoIterator<Item = u8>,
{
    let _cleanup = log.noisy("outer");
    let r: () = yield_from!(items);
    log.push(format!("outer got {r:?}"));
    yield_!(0);
}

/// Records what its first `yield_!` evaluates to.
#[coro::coroutine]
fn receiver(log: DropLog) -> impl Coroutine<Yield = u8, Return = &'static str> {
    let sent: () = yield_!(1);
    log.push(format!("receiver got {sent:?}"));
    yield_!(2);
    "receiver-ret"
}

// yf-exhausted-sub: a coroutine that has already completed cannot be delegated to: the
// `yield_from!` panics, which completes the delegator. Walking it as an iterator (`iter()`)
// yields nothing, as in Python, and evaluates to `()`.
#[test]
fn yf_exhausted_sub() {
    let mut s = two();
    assert_eq!((&mut s).iter().count(), 2);
    assert_eq!(s.status(), Status::Completed);
    let mut g = delegate_u8(s);
    let panic = catch_unwind(AssertUnwindSafe(|| g.start())).unwrap_err();
    assert_eq!(panic_message(&*panic), "`yield_from!` needs a coroutine that has not started yet");
    assert_eq!(g.status(), Status::Completed);

    let log = DropLog::new();
    let mut s = two();
    assert_eq!((&mut s).iter().count(), 2);
    let mut g = walk(log.clone(), s.iter());
    assert_eq!(g.start(), Yielded(0));
    assert_log(&log.take(), &["outer got ()"]);
}

// yf-partial-sub: a coroutine that has already started cannot be delegated to either; walked as
// an iterator, it is resumed where it is, and its pending `yield_!` evaluates to `()`.
#[test]
fn yf_partial_sub() {
    let mut s = two();
    assert_eq!(s.start(), Yielded(1));
    let mut g = delegate_u8(s);
    let panic = catch_unwind(AssertUnwindSafe(|| g.start())).unwrap_err();
    assert_eq!(panic_message(&*panic), "`yield_from!` needs a coroutine that has not started yet");
    assert_eq!(g.status(), Status::Completed);

    let log = DropLog::new();
    let mut s = receiver(log.clone());
    assert_eq!(s.start(), Yielded(1));
    let mut g = walk(log.clone(), s.iter());
    assert_eq!(g.start(), Yielded(2));
    assert_log(&log.take(), &["receiver got ()"]);
    assert_eq!(g.send(()), Yielded(0));
    // The iterator drops the delegate's return value: `yield_from!` evaluates to `()`.
    assert_log(&log.take(), &["outer got ()"]);
}

/// An iterator with `next` only (Python's `Plain`).
struct Plain {
    i: u8,
    n: u8,
}

impl Iterator for Plain {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        self.i += 1;
        (self.i <= self.n).then_some(self.i)
    }
}

// yf-plain-iterable: anything `IntoIterator` is walked item by item; it has no return value, so
// `yield_from!` evaluates to `()`.
#[test]
fn yf_plain_iterable() {
    let log = DropLog::new();
    assert_eq!(walk(log.clone(), vec![10, 20]).iter().collect::<Vec<_>>(), [10, 20, 0]);
    assert_eq!(walk(log.clone(), Plain { i: 0, n: 2 }).iter().collect::<Vec<_>>(), [1, 2, 0]);
    assert_eq!(walk(log.clone(), "".bytes()).iter().collect::<Vec<_>>(), [0]);
    assert_eq!(walk(log.clone(), 5..7).iter().collect::<Vec<_>>(), [5, 6, 0]);
    assert_log(
        &log.take(),
        &[
            "outer got ()",
            "drop outer",
            "outer got ()",
            "drop outer",
            "outer got ()",
            "drop outer",
            "outer got ()",
            "drop outer",
        ],
    );
}

// yf-throw-handled: a throw goes to the delegate; it handles it and yields, and the delegator
// never sees the error.
#[test]
fn yf_throw_handled() {
    let log = DropLog::new();
    let mut g = outer_catch(log.clone(), catcher(log.clone()));
    assert_eq!(g.start(), Yielded("waiting"));
    assert_eq!(g.throw("x".to_owned()), Yielded("waiting"));
    assert_log(&log.take(), &["handled x"]);
    assert_eq!(g.send(()), Yielded("waiting"));
    assert_log(&log.take(), &["sent"]);
}

// yf-throw-sub-returns: the delegate handles the error by returning; `yield_from!` evaluates to
// its return value and the throw returns the delegator's next yield.
#[test]
fn yf_throw_sub_returns() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), ret_on_error());
    assert_eq!(g.start(), Yielded("waiting"));
    assert_eq!(g.throw("bad".to_owned()), Yielded("o-after"));
    assert_log(&log.take(), &["outer got \"recovered from bad\""]);
}

// yf-throw-unhandled: the delegate completes with the error, and `yield_from!` evaluates to that
// `Err`, which the delegator may handle.
#[test]
fn yf_throw_unhandled() {
    let log = DropLog::new();
    let mut s = two_task(log.clone());
    {
        let mut g = outer_catch(log.clone(), &mut s);
        assert_eq!(g.start(), Yielded("1"));
        assert_eq!(g.throw("k".to_owned()), Yielded("outer recovered"));
        assert_log(&log.take(), &["drop two", "outer caught k"]);
        assert_eq!(g.send(()), Complete(Ok("outer_catch-ret".to_owned())));
    }
    assert_eq!(s.status(), Status::Completed);
}

// yf-sub-raises: an `Err` the delegate completes with is the value of `yield_from!`: handled by
// the delegator, or propagated with `yield_from!(sub)?`, which completes the delegator with it.
#[test]
fn yf_sub_raises() {
    let log = DropLog::new();
    let mut g = outer_catch(log.clone(), boom_task(log.clone()));
    assert_eq!(g.start(), Yielded("1"));
    assert_eq!(g.send(()), Yielded("outer recovered"));
    assert_log(&log.take(), &["drop boom", "outer caught boom"]);

    let mut g = outer(log.clone(), boom_task(log.clone()));
    assert_eq!(g.start(), Yielded("1"));
    assert_eq!(g.send(()), Complete(Err("boom".to_owned())));
    assert_log(&log.take(), &["drop boom", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

/// An iterator that logs its drop (Python's `WithClose`: the drop is its cleanup).
struct Logged {
    items: std::vec::IntoIter<&'static str>,
    log: DropLog,
}

impl Iterator for Logged {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        self.items.next()
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        self.log.push("drop iterator");
    }
}

/// Delegates to an iterator from a coroutine that can be thrown into.
#[coro::coroutine]
fn outer_iter(
    log: DropLog,
    items: Logged,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("outer");
    yield_from!(items);
    log.push("outer after");
    Ok("outer-ret".to_owned())
}

/// Delegates to a coroutine that cannot be thrown into, from one that can.
#[coro::coroutine]
fn outer_no_throw<C>(
    log: DropLog,
    sub: C,
) -> impl Coroutine<(), String, Yield = &'static str, Return = Result<String, String>>
where
    C: Coroutine<Yield = &'static str, Return = Result<String, String>> + Unpin,
{
    let _cleanup = log.noisy("outer");
    let r = yield_from!(sub)?;
    log.push(format!("outer got {r:?}"));
    yield_!("o-after");
    Ok("outer-ret".to_owned())
}

/// A delegate that cannot be thrown into (its error type is `Infallible`).
#[coro::coroutine]
fn no_throw(log: DropLog) -> impl Coroutine<Yield = &'static str, Return = Result<String, String>> {
    let _cleanup = log.noisy("no_throw");
    if let Err(Interrupt::Close) = yield_catch!("n1") {
        log.push("no_throw got close");
    }
    Ok("no_throw-ret".to_owned())
}

// yf-no-throw: an error thrown while delegating to something that cannot be thrown into (an
// iterator, a coroutine without an error type) is raised at the `yield_from!` like at a plain
// `yield_!`: the delegator completes with it, and cannot catch it there. The delegate is dropped
// with the delegator's locals, not closed.
#[test]
fn yf_no_throw() {
    let log = DropLog::new();
    let items = Logged { items: vec!["1", "2", "3"].into_iter(), log: log.clone() };
    let mut g = outer_iter(log.clone(), items);
    assert_eq!(g.start(), Yielded("1"));
    assert_eq!(g.throw("k".to_owned()), Complete(Err("k".to_owned())));
    assert_log(&log.take(), &["drop iterator", "drop outer"]);

    let mut g = outer_no_throw(log.clone(), no_throw(log.clone()));
    assert_eq!(g.start(), Yielded("n1"));
    assert_eq!(g.throw("k".to_owned()), Complete(Err("k".to_owned())));
    assert_log(&log.take(), &["drop no_throw", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

/// A hand-written delegate whose `throw` handles the error and yields (Python's `WithThrow`).
struct WithThrow {
    log: DropLog,
    status: Status,
}

impl Coroutine<(), String> for WithThrow {
    type Yield = &'static str;
    type Return = Result<String, String>;

    fn resume(
        mut self: Pin<&mut Self>,
        input: Resume<(), String>,
    ) -> CoroutineState<&'static str, Result<String, String>> {
        self.status = Status::Suspended;
        match input {
            Resume::Start | Resume::Send(()) => Yielded("plain"),
            Resume::Throw(error) => {
                self.log.push(format!("WithThrow.throw got {error}"));
                Yielded("from-throw")
            }
        }
    }

    fn close(
        mut self: Pin<&mut Self>,
    ) -> Result<Option<Result<String, String>>, CloseIgnored<&'static str>> {
        self.status = Status::Completed;
        Ok(None)
    }

    fn status(&self) -> Status {
        self.status
    }
}

// yf-with-throw: any `Coroutine` implementation is a delegate; it receives the thrown error
// itself, and what it yields is what the delegator's throw returns.
#[test]
fn yf_with_throw() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), WithThrow { log: log.clone(), status: Status::Created });
    assert_eq!(g.start(), Yielded("plain"));
    assert_eq!(g.throw("k".to_owned()), Yielded("from-throw"));
    assert_log(&log.take(), &["WithThrow.throw got k"]);
    assert_eq!(g.status(), Status::Suspended);
}

// yf-close-forward: close closes the delegate first (its close, not its throw: a catching delegate
// sees `Interrupt::Close`), then the delegator: the innermost cleanup runs first.
#[test]
fn yf_close_forward() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), inner(log.clone()));
    assert_eq!(g.start(), Yielded("i1"));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["drop inner", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);

    let mut g = outer(log.clone(), sentinel(log.clone()));
    assert_eq!(g.start(), Yielded("s1"));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["sentinel got close", "drop sentinel", "drop outer"]);
}

// yf-no-close: an iterator has no close: closing the delegator drops it (its cleanup) and then
// the delegator's locals.
#[test]
fn yf_no_close() {
    let log = DropLog::new();
    let items = Logged { items: vec!["1", "2"].into_iter(), log: log.clone() };
    let mut g = outer_iter(log.clone(), items);
    assert_eq!(g.start(), Yielded("1"));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["drop iterator", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

// yf-close-sub-raises: what the delegate's close returns, an `Err` included, is dropped: the
// delegator is closed and its close returns `Ok(None)` (Python raises the error out of close).
#[test]
fn yf_close_sub_raises() {
    let log = DropLog::new();
    let mut s = inner_raise_on_close();
    {
        let mut g = outer(log.clone(), &mut s);
        assert_eq!(g.start(), Yielded("i1"));
        assert_eq!(g.close(), Ok(None));
        assert_log(&log.take(), &["drop outer"]);
        assert_eq!(g.status(), Status::Completed);
    }
    // The delegate did complete with its error; the delegator's caller never sees it.
    assert_eq!(s.status(), Status::Completed);
}

// yf-close-sub-ignores: a delegate that yields while being closed leaves the delegator suspended
// too, and its close reports `CloseIgnored` with the delegate's value (Python closes the
// delegator and raises RuntimeError). Closing again closes both.
#[test]
fn yf_close_sub_ignores() {
    let log = DropLog::new();
    let mut s = ignorer(log.clone());
    {
        let mut g = outer(log.clone(), &mut s);
        assert_eq!(g.start(), Yielded("1"));
        assert_eq!(g.close(), Err(CloseIgnored("ignored")));
        assert_eq!(g.status(), Status::Suspended);
        assert_log(&log.take(), &[]);
    }
    assert_log(&log.take(), &["drop outer"]);
    assert_eq!(s.status(), Status::Suspended);

    let mut g = outer(log.clone(), ignorer(log.clone()));
    assert_eq!(g.start(), Yielded("1"));
    assert_eq!(g.close(), Err(CloseIgnored("ignored")));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["drop ignorer", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

// yf-close-sub-returns: the value the delegate returns while being closed is dropped; the
// delegator is still closed, and its close returns `Ok(None)`.
#[test]
fn yf_close_sub_returns() {
    let log = DropLog::new();
    let mut g = outer(log.clone(), sentinel(log.clone()));
    assert_eq!(g.start(), Yielded("s1"));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["sentinel got close", "drop sentinel", "drop outer"]);
    assert_eq!(g.status(), Status::Completed);
}

/// The innermost of a chain (Python's `leaf`).
#[coro::coroutine]
fn leaf(
    log: DropLog,
) -> impl Coroutine<String, String, Yield = String, Return = Result<String, String>> {
    let _cleanup = log.noisy("leaf");
    let mut x = yield_!("leaf-ready".to_owned());
    while x != "stop" {
        x = match yield_catch!(format!("leaf got {x}")) {
            Ok(sent) => sent,
            Err(Interrupt::Throw(error)) => yield_!(format!("leaf handled {error}")),
            Err(Interrupt::Close) => return Ok("leaf closed".to_owned()),
        };
    }
    Ok("leaf-ret".to_owned())
}

/// The middle of a chain (Python's `mid`).
#[coro::coroutine]
fn mid(
    log: DropLog,
) -> impl Coroutine<String, String, Yield = String, Return = Result<String, String>> {
    let _cleanup = log.noisy("mid");
    let r = yield_from!(leaf(log.clone()))?;
    log.push(format!("mid got {r}"));
    Ok(format!("mid({r})"))
}

/// The top of a chain (Python's `top`).
#[coro::coroutine]
fn top(
    log: DropLog,
) -> impl Coroutine<String, String, Yield = String, Return = Result<String, String>> {
    let _cleanup = log.noisy("top");
    let r = yield_from!(mid(log.clone()))?;
    log.push(format!("top got {r}"));
    Ok(format!("top({r})"))
}

// yf-chain: sends and throws go straight to the innermost coroutine; return values move up one
// level per `yield_from!`.
#[test]
fn yf_chain() {
    let log = DropLog::new();
    let mut g = top(log.clone());
    assert_eq!(g.start(), Yielded("leaf-ready".to_owned()));
    assert_eq!(g.send("a".to_owned()), Yielded("leaf got a".to_owned()));
    assert_eq!(g.throw("bad".to_owned()), Yielded("leaf handled bad".to_owned()));
    assert_eq!(g.send("stop".to_owned()), Complete(Ok("top(mid(leaf-ret))".to_owned())));
    assert_log(
        &log.take(),
        &["drop leaf", "mid got leaf-ret", "drop mid", "top got mid(leaf-ret)", "drop top"],
    );
}

// yf-chain-close: close on the top closes the innermost first, then each level outward.
#[test]
fn yf_chain_close() {
    let log = DropLog::new();
    let mut g = top(log.clone());
    assert_eq!(g.start(), Yielded("leaf-ready".to_owned()));
    assert_eq!(g.close(), Ok(None));
    assert_log(&log.take(), &["drop leaf", "drop mid", "drop top"]);
    assert_eq!(g.status(), Status::Completed);
}

type Peeked = Pin<Box<dyn Coroutine<Yield = String, Return = ()>>>;

/// A shared handle to a delegator (Python's `h`).
type PeekHandle = Rc<RefCell<Option<Peeked>>>;

/// Tries to look at and resume its delegator from inside (Python's `peek`).
#[coro::coroutine]
fn peek(h: PeekHandle) -> impl Coroutine<Yield = String, Return = ()> {
    let status = h
        .try_borrow()
        .map(|g| g.as_ref().map(<Peeked as Coroutine>::status))
        .map_err(|e| e.to_string());
    let resumed = h.try_borrow_mut().map(|_| ()).map_err(|e| e.to_string());
    yield_!(format!("{status:?} {resumed:?}"));
}

/// Delegates to `peek`.
#[coro::coroutine]
fn outer_peek(h: PeekHandle) -> Pin<Box<dyn Coroutine<Yield = String, Return = ()>>> {
    yield_from!(peek(h));
}

// yf-running: while a delegate runs, its delegator is being resumed: the delegate cannot look at
// it or resume it (the caller holds the borrow), and gets a catchable error.
#[test]
fn yf_running() {
    let h = PeekHandle::default();
    *h.borrow_mut() = Some(outer_peek(h.clone()));
    let first = h.borrow_mut().as_mut().unwrap().start();
    let expected =
        format!("{:?} {:?}", Err::<(), _>(borrow_error()), Err::<(), _>(borrow_mut_error()));
    assert_eq!(first, Yielded(expected));
    h.borrow_mut().take();
}
