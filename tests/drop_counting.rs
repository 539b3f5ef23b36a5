//! Every saved local and argument is dropped exactly once, however the coroutine ends: it
//! completes, is closed, is dropped while suspended, is thrown an error it does not handle, or
//! panics; and the same for each of those through a chain of three coroutines delegating with
//! `yield_from!` inside `yield_from!`.
mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use coro::CoroutineState::{Complete, Yielded};
use coro::{Coroutine, CoroutineExt, Status};
use support::{DropLog, Noisy};

/// Checks that each of `names` was dropped exactly once and nothing else was dropped.
#[track_caller]
fn assert_dropped_once(log: &[String], names: &[&str]) {
    let mut dropped: Vec<&str> = log.iter().filter_map(|e| e.strip_prefix("drop ")).collect();
    dropped.sort_unstable();
    let mut expected = names.to_vec();
    expected.sort_unstable();
    assert_eq!(dropped, expected, "drops (left) differ from one drop of each value (right)");
}

/// The names of the values a level called `name` has created: `arg`, `a`, `guard` and `b` at its
/// first suspension point, and `c` too at its second.
fn level_names(name: &str, second: bool) -> Vec<String> {
    let mut names: Vec<String> =
        ["arg", "a", "guard", "b"].iter().map(|v| format!("{name}.{v}")).collect();
    if second {
        names.push(format!("{name}.c"));
    }
    names
}

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// One coroutine

/// Saves an argument, two locals and a guard at both suspension points, `b` (an inner scope) at
/// the first and `c` at the second. Yields 1 and 2, returns 3; panics when sent `true`.
#[coro::coroutine]
fn leaf(
    log: DropLog,
    arg: Noisy,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> {
    let a = log.noisy("leaf.a");
    let _guard = log.noisy("leaf.guard");
    {
        let b = log.noisy("leaf.b");
        let boom = yield_!(1);
        assert!(!boom, "boom in leaf");
        b.touch();
    }
    let c = log.noisy("leaf.c");
    let boom = yield_!(2);
    assert!(!boom, "boom in leaf");
    c.touch();
    a.touch();
    arg.touch();
    Ok(3)
}

fn new_leaf(
    log: &DropLog,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> + use<> {
    leaf(log.clone(), log.noisy("leaf.arg"))
}

/// Starts a coroutine and sends `false` until it has yielded `resumes + 1` times.
fn suspend_at<C>(co: &mut C, resumes: usize)
where
    C: Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> + Unpin,
{
    assert!(matches!(co.start(), Yielded(_)));
    for _ in 0..resumes {
        assert!(matches!(co.send(false), Yielded(_)));
    }
}

#[test]
fn completion() {
    let log = DropLog::new();
    let mut co = new_leaf(&log);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(false), Yielded(2));
    assert_eq!(co.send(false), Complete(Ok(3)));
    assert_dropped_once(&log.take(), &["leaf.arg", "leaf.a", "leaf.guard", "leaf.b", "leaf.c"]);
    drop(co);
    assert_dropped_once(&log.take(), &[]);
}

#[test]
fn close() {
    for resumes in 0..2 {
        let log = DropLog::new();
        let mut co = new_leaf(&log);
        suspend_at(&mut co, resumes);
        assert_eq!(co.close(), Ok(None));
        assert_eq!(co.status(), Status::Completed);
        drop(co);
        let names = level_names("leaf", resumes == 1);
        assert_dropped_once(&log.take(), &names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

#[test]
fn drop_while_suspended() {
    for resumes in 0..2 {
        let log = DropLog::new();
        let mut co = new_leaf(&log);
        suspend_at(&mut co, resumes);
        drop(co);
        let names = level_names("leaf", resumes == 1);
        assert_dropped_once(&log.take(), &names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

#[test]
fn drop_before_start() {
    let log = DropLog::new();
    drop(new_leaf(&log));
    assert_dropped_once(&log.take(), &["leaf.arg"]);
}

#[test]
fn unhandled_throw() {
    for resumes in 0..2 {
        let log = DropLog::new();
        let mut co = new_leaf(&log);
        suspend_at(&mut co, resumes);
        assert_eq!(co.throw("stop".to_owned()), Complete(Err("stop".to_owned())));
        assert_eq!(co.status(), Status::Completed);
        drop(co);
        let names = level_names("leaf", resumes == 1);
        assert_dropped_once(&log.take(), &names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// Sends `true` into a coroutine paused where `expected` panics, then checks that it is completed
/// and that resuming it again panics too.
fn panic_and_resume_again<C>(co: &mut C, expected: &str)
where
    C: Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> + Unpin,
{
    let payload = catch_unwind(AssertUnwindSafe(|| co.send(true))).unwrap_err();
    assert_eq!(panic_message(&*payload), expected);
    assert_eq!(co.status(), Status::Completed);
    let payload = catch_unwind(AssertUnwindSafe(|| co.send(false))).unwrap_err();
    assert_eq!(panic_message(&*payload), "coroutine resumed after it panicked");
    assert_eq!(co.status(), Status::Completed);
}

#[test]
fn panic_in_the_body() {
    for resumes in 0..2 {
        let log = DropLog::new();
        let mut co = new_leaf(&log);
        suspend_at(&mut co, resumes);
        panic_and_resume_again(&mut co, "boom in leaf");
        // Closing a coroutine that panicked does nothing.
        assert_eq!(co.close(), Ok(None));
        drop(co);
        let names = level_names("leaf", resumes == 1);
        assert_dropped_once(&log.take(), &names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

// ---------------------------------------------------------------------------------------------
// Three coroutines: `top` delegates to `mid`, which delegates to `leaf`

/// Saves the same values as `leaf` around a `yield_from!(leaf(..))` (`b` while it delegates),
/// then yields the leaf's return value plus 10 and returns it plus 1.
#[coro::coroutine]
fn mid(
    log: DropLog,
    arg: Noisy,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> {
    let a = log.noisy("mid.a");
    let _guard = log.noisy("mid.guard");
    let b = log.noisy("mid.b");
    let inner = yield_from!(leaf(log.clone(), log.noisy("leaf.arg")))?;
    b.touch();
    let c = log.noisy("mid.c");
    let boom = yield_!(inner + 10);
    assert!(!boom, "boom in mid");
    c.touch();
    a.touch();
    arg.touch();
    Ok(inner + 1)
}

/// `mid` one level up: delegates to `mid`, which delegates to `leaf`.
#[coro::coroutine]
fn top(
    log: DropLog,
    arg: Noisy,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> {
    let a = log.noisy("top.a");
    let _guard = log.noisy("top.guard");
    let b = log.noisy("top.b");
    let inner = yield_from!(mid(log.clone(), log.noisy("mid.arg")))?;
    b.touch();
    let c = log.noisy("top.c");
    let boom = yield_!(inner + 10);
    assert!(!boom, "boom in top");
    c.touch();
    a.touch();
    arg.touch();
    Ok(inner + 1)
}

fn new_chain(
    log: &DropLog,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> + use<> {
    top(log.clone(), log.noisy("top.arg"))
}

/// Where a chain can be suspended: which yield, and the names of every value created by then.
struct ChainPoint {
    /// Resumes after `start`.
    resumes: usize,
    /// What the chain yields there.
    yielded: u32,
    /// Who panics when sent `true` there.
    panics: &'static str,
    created: Vec<String>,
}

/// The four suspension points of the chain: the leaf's two, then `mid`'s and `top`'s own.
fn chain_points() -> Vec<ChainPoint> {
    let all = |levels: &[(&str, bool)]| -> Vec<String> {
        levels.iter().flat_map(|&(name, second)| level_names(name, second)).collect()
    };
    vec![
        ChainPoint {
            resumes: 0,
            yielded: 1,
            panics: "boom in leaf",
            created: all(&[("top", false), ("mid", false), ("leaf", false)]),
        },
        ChainPoint {
            resumes: 1,
            yielded: 2,
            panics: "boom in leaf",
            created: all(&[("top", false), ("mid", false), ("leaf", true)]),
        },
        ChainPoint {
            resumes: 2,
            yielded: 13,
            panics: "boom in mid",
            created: all(&[("top", false), ("mid", true), ("leaf", true)]),
        },
        ChainPoint {
            resumes: 3,
            yielded: 14,
            panics: "boom in top",
            created: all(&[("top", true), ("mid", true), ("leaf", true)]),
        },
    ]
}

/// A chain suspended at `point`.
fn chain_at(
    log: &DropLog,
    point: &ChainPoint,
) -> impl Coroutine<bool, String, Yield = u32, Return = Result<u32, String>> + use<> {
    let mut co = new_chain(log);
    let mut last = co.start();
    for _ in 0..point.resumes {
        last = co.send(false);
    }
    assert_eq!(last, Yielded(point.yielded));
    co
}

#[track_caller]
fn assert_created_dropped_once(log: &DropLog, point: &ChainPoint) {
    let names: Vec<&str> = point.created.iter().map(String::as_str).collect();
    assert_dropped_once(&log.take(), &names);
}

#[test]
fn chain_completion() {
    let log = DropLog::new();
    let mut co = new_chain(&log);
    let mut yielded = vec![co.start().yielded().unwrap()];
    loop {
        match co.send(false) {
            Yielded(value) => yielded.push(value),
            Complete(value) => {
                assert_eq!(value, Ok(5));
                break;
            }
        }
    }
    assert_eq!(yielded, [1, 2, 13, 14]);
    drop(co);
    assert_created_dropped_once(&log, chain_points().last().unwrap());
}

#[test]
fn chain_close() {
    for point in chain_points() {
        let log = DropLog::new();
        let mut co = chain_at(&log, &point);
        assert_eq!(co.close(), Ok(None));
        assert_eq!(co.status(), Status::Completed);
        drop(co);
        assert_created_dropped_once(&log, &point);
    }
}

#[test]
fn chain_drop_while_suspended() {
    for point in chain_points() {
        let log = DropLog::new();
        drop(chain_at(&log, &point));
        assert_created_dropped_once(&log, &point);
    }
}

#[test]
fn chain_drop_before_start() {
    let log = DropLog::new();
    drop(new_chain(&log));
    assert_dropped_once(&log.take(), &["top.arg"]);
}

#[test]
fn chain_unhandled_throw() {
    for point in chain_points() {
        let log = DropLog::new();
        let mut co = chain_at(&log, &point);
        // Raised in the innermost coroutine, propagated by each `yield_from!(..)?`.
        assert_eq!(co.throw("stop".to_owned()), Complete(Err("stop".to_owned())));
        assert_eq!(co.status(), Status::Completed);
        drop(co);
        assert_created_dropped_once(&log, &point);
    }
}

#[test]
fn chain_panic_in_the_body() {
    for point in chain_points() {
        let log = DropLog::new();
        let mut co = chain_at(&log, &point);
        panic_and_resume_again(&mut co, point.panics);
        assert_eq!(co.close(), Ok(None));
        drop(co);
        assert_created_dropped_once(&log, &point);
    }
}
