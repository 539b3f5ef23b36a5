//! Saved locals and arguments are dropped exactly once, in the order plain Rust drops them
//! (innermost scope first, reverse declaration order, arguments last), whether the coroutine
//! completes, is dropped while suspended, is closed, panics, or is dropped before it starts; a
//! value not used after a suspension point is dropped when the coroutine suspends, and a `_name`
//! binding lives to the end of its scope.
mod support;

use std::panic::{self, AssertUnwindSafe};

use coro::CoroutineState::{Complete, Yielded};
use coro::{Coroutine, CoroutineExt, Status};
use support::{DropLog, Noisy, assert_log};

// ---------------------------------------------------------------------------------------------
// Nested scopes: completion and drop at each suspension point

#[coro::coroutine]
fn nested_scopes(
    log: DropLog,
    first: Noisy,
    second: Noisy,
) -> impl Coroutine<Yield = &'static str, Return = ()> {
    let a = log.noisy("a");
    let b = log.noisy("b");
    {
        let c = log.noisy("c");
        let d = log.noisy("d");
        yield_!("inner");
        c.touch();
        d.touch();
        log.push("inner end");
    }
    log.push("after inner");
    yield_!("outer");
    a.touch();
    b.touch();
    first.touch();
    second.touch();
    log.push("body end");
}

fn nested(log: &DropLog) -> impl Coroutine<Yield = &'static str, Return = ()> + use<> {
    nested_scopes(log.clone(), log.noisy("first"), log.noisy("second"))
}

#[test]
fn completion_drops_each_scope_at_its_end_in_reverse_declaration_order() {
    let log = DropLog::new();
    let mut co = nested(&log);
    assert_eq!(co.start(), Yielded("inner"));
    assert_log(&log.take(), &[]);
    assert_eq!(co.send(()), Yielded("outer"));
    assert_log(&log.take(), &["inner end", "drop d", "drop c", "after inner"]);
    assert_eq!(co.send(()), Complete(()));
    assert_log(&log.take(), &["body end", "drop b", "drop a", "drop second", "drop first"]);
    drop(co);
    assert_log(&log.take(), &[]);
}

#[test]
fn dropping_while_suspended_in_an_inner_scope() {
    let log = DropLog::new();
    let mut co = nested(&log);
    assert_eq!(co.start(), Yielded("inner"));
    drop(co);
    assert_log(&log.take(), &["drop d", "drop c", "drop b", "drop a", "drop second", "drop first"]);
}

#[test]
fn dropping_while_suspended_in_the_outer_scope() {
    let log = DropLog::new();
    let mut co = nested(&log);
    assert_eq!(co.start(), Yielded("inner"));
    assert_eq!(co.send(()), Yielded("outer"));
    log.take();
    drop(co);
    assert_log(&log.take(), &["drop b", "drop a", "drop second", "drop first"]);
}

#[test]
fn dropping_before_start_drops_the_arguments_once() {
    let log = DropLog::new();
    let co = nested(&log);
    assert_eq!(co.status(), Status::Created);
    assert_log(&log.entries(), &[]);
    drop(co);
    // As when a plain function returns: arguments in reverse declaration order.
    assert_log(&log.take(), &["drop second", "drop first"]);
}

#[test]
fn closing_while_suspended_drops_like_returning() {
    let log = DropLog::new();
    let mut co = nested(&log);
    assert_eq!(co.start(), Yielded("inner"));
    assert_eq!(co.close(), Ok(None));
    assert_log(&log.take(), &["drop d", "drop c", "drop b", "drop a", "drop second", "drop first"]);
    assert_eq!(co.status(), Status::Completed);
    drop(co);
    assert_log(&log.take(), &[]);
}

// ---------------------------------------------------------------------------------------------
// Loops

#[coro::coroutine]
fn in_loop(log: DropLog, items: Vec<Noisy>) -> impl Coroutine<Yield = String, Return = ()> {
    let before = log.noisy("before");
    for item in items {
        let local = log.noisy(format!("local {}", item.name()));
        yield_!(item.name().to_owned());
        local.touch();
        item.touch();
    }
    log.push("loop done");
    before.touch();
}

fn items(log: &DropLog) -> Vec<Noisy> {
    vec![log.noisy("i0"), log.noisy("i1"), log.noisy("i2")]
}

#[test]
fn loop_completion_drops_each_iteration_at_its_end() {
    let log = DropLog::new();
    let mut co = in_loop(log.clone(), items(&log));
    assert_eq!(co.start(), Yielded("i0".to_owned()));
    assert_eq!(co.send(()), Yielded("i1".to_owned()));
    assert_log(&log.take(), &["drop local i0", "drop i0"]);
    assert_eq!(co.send(()), Yielded("i2".to_owned()));
    assert_log(&log.take(), &["drop local i1", "drop i1"]);
    assert_eq!(co.send(()), Complete(()));
    assert_log(&log.take(), &["drop local i2", "drop i2", "loop done", "drop before"]);
}

#[test]
fn dropping_while_suspended_inside_a_loop() {
    let log = DropLog::new();
    let mut co = in_loop(log.clone(), items(&log));
    assert_eq!(co.start(), Yielded("i0".to_owned()));
    assert_eq!(co.send(()), Yielded("i1".to_owned()));
    log.take();
    drop(co);
    // The iteration's locals, then the loop's iterator (the items not reached yet), then the
    // locals declared before the loop.
    assert_log(&log.take(), &["drop local i1", "drop i1", "drop i2", "drop before"]);
}

#[test]
fn dropping_a_loop_coroutine_before_start() {
    let log = DropLog::new();
    let co = in_loop(log.clone(), items(&log));
    drop(co);
    assert_log(&log.take(), &["drop i0", "drop i1", "drop i2"]);
}

#[coro::coroutine]
fn nested_loops(log: DropLog) -> impl Coroutine<Yield = (u32, u32), Return = ()> {
    let outer = log.noisy("outer");
    let mut i = 0;
    while i < 2 {
        let row = log.noisy(format!("row {i}"));
        let mut j = 0;
        loop {
            if j == 2 {
                break;
            }
            let cell = log.noisy(format!("cell {i}.{j}"));
            match j {
                1 => {
                    let arm = log.noisy(format!("arm {i}"));
                    yield_!((i, j));
                    arm.touch();
                }
                _ => {
                    yield_!((i, j));
                }
            }
            cell.touch();
            j += 1;
        }
        row.touch();
        i += 1;
    }
    outer.touch();
}

#[test]
fn nested_loops_complete_in_scope_order() {
    let log = DropLog::new();
    let mut co = nested_loops(log.clone());
    assert_eq!(co.start(), Yielded((0, 0)));
    assert_eq!(co.send(()), Yielded((0, 1)));
    assert_log(&log.take(), &["drop cell 0.0"]);
    assert_eq!(co.send(()), Yielded((1, 0)));
    assert_log(&log.take(), &["drop arm 0", "drop cell 0.1", "drop row 0"]);
    assert_eq!(co.send(()), Yielded((1, 1)));
    assert_eq!(co.send(()), Complete(()));
    assert_log(
        &log.take(),
        &["drop cell 1.0", "drop arm 1", "drop cell 1.1", "drop row 1", "drop outer"],
    );
}

#[test]
fn dropping_while_suspended_in_a_match_arm_inside_nested_loops() {
    let log = DropLog::new();
    let mut co = nested_loops(log.clone());
    assert_eq!(co.start(), Yielded((0, 0)));
    assert_eq!(co.send(()), Yielded((0, 1)));
    assert_eq!(co.send(()), Yielded((1, 0)));
    assert_eq!(co.send(()), Yielded((1, 1)));
    log.take();
    drop(co);
    assert_log(&log.take(), &["drop arm 1", "drop cell 1.1", "drop row 1", "drop outer"]);
}

#[test]
fn dropping_while_suspended_in_the_other_arm() {
    let log = DropLog::new();
    let mut co = nested_loops(log.clone());
    assert_eq!(co.start(), Yielded((0, 0)));
    drop(co);
    assert_log(&log.take(), &["drop cell 0.0", "drop row 0", "drop outer"]);
}

#[coro::coroutine]
fn early_exits(log: DropLog) -> impl Coroutine<u8, Yield = (), Return = Option<u8>> {
    let a = log.noisy("a");
    let b = log.noisy("b");
    'outer: for i in 0..3 {
        let c = log.noisy(format!("c{i}"));
        loop {
            let d = log.noisy(format!("d{i}"));
            let command = yield_!(());
            log.push(format!("got {command}"));
            match command {
                0 => return None,
                1 => break,
                2 => continue 'outer,
                3 => {
                    let _x = log.noisy("x");
                    None?;
                }
                _ => {}
            }
            d.touch();
        }
        c.touch();
    }
    a.touch();
    b.touch();
    Some(9)
}

/// Starts `early_exits`, sends `commands` (logging `resume` before each) until it completes,
/// and returns the log, with the final state and what dropping the coroutine logged.
fn run_early_exits(commands: &[u8]) -> Vec<String> {
    let log = DropLog::new();
    let mut co = early_exits(log.clone());
    let mut state = co.start();
    for &command in commands {
        log.push("resume");
        state = co.send(command);
    }
    log.push(format!("{state:?}"));
    drop(co);
    log.push("dropped");
    log.take()
}

#[test]
fn return_drops_every_live_local_innermost_first() {
    assert_log(
        &run_early_exits(&[0]),
        &["resume", "got 0", "drop d0", "drop c0", "drop b", "drop a", "Complete(None)", "dropped"],
    );
}

#[test]
fn question_mark_drops_every_live_local_innermost_first() {
    assert_log(
        &run_early_exits(&[3]),
        &[
            "resume",
            "got 3",
            "drop x",
            "drop d0",
            "drop c0",
            "drop b",
            "drop a",
            "Complete(None)",
            "dropped",
        ],
    );
}

#[test]
fn break_and_labelled_continue_drop_the_scopes_they_leave() {
    assert_log(
        &run_early_exits(&[1, 2, 9, 1]),
        &[
            "resume",
            "got 1",
            "drop d0",
            "drop c0",
            "resume",
            "got 2",
            "drop d1",
            "drop c1",
            "resume",
            "got 9",
            "drop d2",
            "resume",
            "got 1",
            "drop d2",
            "drop c2",
            "drop b",
            "drop a",
            "Complete(Some(9))",
            "dropped",
        ],
    );
}

#[coro::coroutine]
fn reassigned(log: DropLog) -> impl Coroutine<Yield = (), Return = ()> {
    let mut slot = log.noisy("first");
    yield_!(());
    slot.used();
    slot = log.noisy("second");
    log.push("assigned");
    yield_!(());
    slot.used();
}

#[test]
fn assigning_to_a_saved_local_drops_the_old_value_there() {
    let log = DropLog::new();
    let mut co = reassigned(log.clone());
    assert_eq!(co.start(), Yielded(()));
    assert_eq!(co.send(()), Yielded(()));
    assert_log(&log.take(), &["use first", "drop first", "assigned"]);
    drop(co);
    assert_log(&log.take(), &["drop second"]);
}

// ---------------------------------------------------------------------------------------------
// Values that leave the coroutine, values moved away, panics

#[coro::coroutine]
fn hands_out(log: DropLog) -> impl Coroutine<Yield = Noisy, Return = Noisy> {
    let kept = log.noisy("kept");
    let moved = log.noisy("moved");
    let holder = vec![moved];
    yield_!(log.noisy("yielded"));
    drop(holder);
    log.push("after holder");
    yield_!(log.noisy("second"));
    kept
}

#[test]
fn yielded_returned_and_moved_values_are_dropped_once_by_their_owner() {
    let log = DropLog::new();
    let mut co = hands_out(log.clone());
    let yielded = co.start().yielded().unwrap();
    assert_eq!(yielded.name(), "yielded");
    assert_log(&log.take(), &[]);
    drop(yielded);
    assert_log(&log.take(), &["drop yielded"]);

    let second = co.send(()).yielded().unwrap();
    assert_log(&log.take(), &["drop moved", "after holder"]);
    drop(second);
    log.take();

    let returned = co.send(()).complete().unwrap();
    assert_eq!(returned.name(), "kept");
    drop(co);
    assert_log(&log.take(), &[]);
    drop(returned);
    assert_log(&log.take(), &["drop kept"]);
}

#[test]
fn a_value_moved_into_a_saved_local_is_dropped_once_when_dropped_while_suspended() {
    let log = DropLog::new();
    let mut co = hands_out(log.clone());
    drop(co.start());
    log.take();
    drop(co);
    assert_log(&log.take(), &["drop moved", "drop kept"]);
}

fn boom_if(fail: bool) {
    assert!(!fail, "boom");
}

#[coro::coroutine]
fn panicky(log: DropLog) -> impl Coroutine<bool, Yield = (), Return = ()> {
    let a = log.noisy("a");
    {
        let b = log.noisy("b");
        boom_if(yield_!(()));
        b.touch();
    }
    a.touch();
}

#[test]
fn a_panic_drops_the_live_locals_once() {
    let log = DropLog::new();
    let mut co = panicky(log.clone());
    assert_eq!(co.start(), Yielded(()));
    let caught = panic::catch_unwind(AssertUnwindSafe(|| co.send(true)));
    assert!(caught.is_err());
    assert_log(&log.take(), &["drop b", "drop a"]);
    assert_eq!(co.status(), Status::Completed);
    drop(co);
    assert_log(&log.take(), &[]);
}

// ---------------------------------------------------------------------------------------------
// Early drop of dead values, `_name` guards, `_`

#[coro::coroutine]
fn early_drop(log: DropLog) -> impl Coroutine<Yield = usize, Return = ()> {
    let temp = log.noisy("temp");
    let kept = log.noisy("kept");
    log.push("before yield");
    yield_!(temp.name().len());
    log.push("resumed");
    kept.touch();
    log.push("end");
}

#[test]
fn a_value_not_used_after_a_suspension_point_is_dropped_when_it_suspends() {
    let log = DropLog::new();
    let mut co = early_drop(log.clone());
    let step = co.start();
    log.push(format!("caller got {:?}", step.yielded()));
    assert_log(&log.take(), &["before yield", "drop temp", "caller got Some(4)"]);
    assert_eq!(co.send(()), Complete(()));
    assert_log(&log.take(), &["resumed", "end", "drop kept"]);
}

#[test]
fn a_dead_value_is_not_dropped_again_with_the_coroutine() {
    let log = DropLog::new();
    let mut co = early_drop(log.clone());
    assert_eq!(co.start(), Yielded(4));
    assert_log(&log.take(), &["before yield", "drop temp"]);
    drop(co);
    assert_log(&log.take(), &["drop kept"]);
}

#[coro::coroutine]
fn guarded(log: DropLog) -> impl Coroutine<Yield = u8, Return = ()> {
    let _outer = log.noisy("outer guard");
    let _ = log.noisy("wildcard");
    log.push("start");
    {
        let _first = log.noisy("first guard");
        let _second = log.noisy("second guard");
        yield_!(1);
        yield_!(2);
        log.push("scope end");
    }
    log.push("after scope");
    yield_!(3);
    log.push("body end");
}

#[test]
fn guards_live_to_the_end_of_their_scope() {
    let log = DropLog::new();
    let mut co = guarded(log.clone());
    assert_eq!(co.start(), Yielded(1));
    // `let _ = ..` drops at once, as in plain Rust; the `_name` guards are kept.
    assert_log(&log.take(), &["drop wildcard", "start"]);
    assert_eq!(co.send(()), Yielded(2));
    assert_log(&log.take(), &[]);
    assert_eq!(co.send(()), Yielded(3));
    assert_log(&log.take(), &["scope end", "drop second guard", "drop first guard", "after scope"]);
    assert_eq!(co.send(()), Complete(()));
    assert_log(&log.take(), &["body end", "drop outer guard"]);
}

#[test]
fn guards_are_dropped_with_a_suspended_coroutine() {
    for resumes in 0..3 {
        let log = DropLog::new();
        let mut co = guarded(log.clone());
        assert_eq!(co.start(), Yielded(1));
        for _ in 0..resumes {
            assert!(matches!(co.send(()), Yielded(_)));
        }
        log.take();
        drop(co);
        let expected: &[&str] = if resumes < 2 {
            &["drop second guard", "drop first guard", "drop outer guard"]
        } else {
            &["drop outer guard"]
        };
        assert_log(&log.take(), expected);
    }
}
