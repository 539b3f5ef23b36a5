//! A `yield_!` in expression position keeps Rust's evaluation order: operands to its left run
//! before the coroutine suspends, operands to its right only after the caller resumes it, and a
//! short-circuited `&&`/`||` never suspends.
mod support;

use std::fmt::Write;
use std::panic::{self, AssertUnwindSafe};

use coro::CoroutineState::{Complete, Yielded};
use coro::{Coroutine, CoroutineExt, Status};
use support::{DropLog, assert_log};

/// Resumes `co` with `value` after logging `resume`, so that the log shows what ran before and
/// after the suspension point.
fn resume<C: Coroutine<S> + Unpin, S>(
    log: &DropLog,
    co: &mut C,
    value: S,
) -> coro::CoroutineState<C::Yield, C::Return> {
    log.push("resume");
    co.send(value)
}

fn combine(a: i32, b: i32, c: i32, log: &DropLog) -> i32 {
    log.push("call");
    a * 100 + b * 10 + c
}

// ---------------------------------------------------------------------------------------------
// Calls, operators, methods

#[coro::coroutine]
fn call_arguments(log: DropLog) -> impl Coroutine<i32, Yield = &'static str, Return = i32> {
    combine(log.note("a", 1), yield_!("b"), log.note("c", 3), &log)
}

#[test]
fn call_arguments_left_of_the_yield_run_before_it() {
    let log = DropLog::new();
    let mut co = call_arguments(log.clone());
    assert_log(&log.entries(), &[]);
    assert_eq!(co.start(), Yielded("b"));
    assert_log(&log.entries(), &["a"]);
    assert_eq!(resume(&log, &mut co, 2), Complete(123));
    assert_log(&log.take(), &["a", "resume", "c", "call"]);
}

#[coro::coroutine]
fn binary_operands(
    log: DropLog,
) -> impl Coroutine<i32, Yield = &'static str, Return = (i32, bool, i32)> {
    let arithmetic = log.note("a", 1) + yield_!("b") * log.note("c", 3) - log.note("d", 4);
    let comparison = log.note("e", 5) < yield_!("f");
    // Both operands suspend: the left one first.
    let both = yield_!("left") - yield_!("right");
    (arithmetic, comparison, both)
}

#[test]
fn binary_operands_evaluate_left_to_right_around_the_yield() {
    let log = DropLog::new();
    let mut co = binary_operands(log.clone());
    assert_eq!(co.start(), Yielded("b"));
    assert_log(&log.take(), &["a"]);
    assert_eq!(resume(&log, &mut co, 10), Yielded("f"));
    assert_log(&log.take(), &["resume", "c", "d", "e"]);
    assert_eq!(resume(&log, &mut co, 6), Yielded("left"));
    assert_eq!(resume(&log, &mut co, 50), Yielded("right"));
    assert_eq!(resume(&log, &mut co, 8), Complete((27, true, 42)));
    assert_log(&log.take(), &["resume", "resume", "resume"]);
}

#[coro::coroutine]
fn compound_and_unary(
    log: DropLog,
) -> impl Coroutine<i32, Yield = i32, Return = (i32, i32, Vec<i32>)> {
    let mut total = log.note("init", 100);
    total += yield_!(total);
    total -= yield_!(total) * log.note("factor", 2);
    let negated = -yield_!(total);
    let mut slots = vec![0, 0, 0];
    // Plain assignment: the assigned value (which suspends) runs before the place expression.
    slots[log.note("index", 1)] = yield_!(-1);
    (total, negated, slots)
}

#[test]
fn compound_assignment_unary_and_indexed_assignment() {
    let log = DropLog::new();
    let mut co = compound_and_unary(log.clone());
    assert_eq!(co.start(), Yielded(100));
    assert_eq!(resume(&log, &mut co, 5), Yielded(105));
    assert_eq!(resume(&log, &mut co, 10), Yielded(85));
    assert_log(&log.take(), &["init", "resume", "resume", "factor"]);
    assert_eq!(resume(&log, &mut co, 7), Yielded(-1));
    assert_eq!(resume(&log, &mut co, 9), Complete((85, -7, vec![0, 9, 0])));
    assert_log(&log.take(), &["resume", "resume", "index"]);
}

struct Parts {
    log: DropLog,
    parts: Vec<String>,
}

impl Parts {
    fn new(log: &DropLog) -> Self {
        log.push("receiver");
        Parts { log: log.clone(), parts: Vec::new() }
    }

    fn add(mut self, a: &str, b: &str) -> Self {
        self.log.push(format!("add {a}{b}"));
        self.parts.push(format!("{a}{b}"));
        self
    }
}

#[coro::coroutine]
fn method_chain(
    log: DropLog,
) -> impl Coroutine<&'static str, Yield = &'static str, Return = (Vec<String>, String)> {
    let parts = Parts::new(&log)
        .add(log.note("a", "x"), yield_!("b"))
        .add(yield_!("c"), log.note("d", "y"));
    // The receiver itself suspends.
    let shout = yield_!("receiver").to_uppercase();
    (parts.parts, shout)
}

#[test]
fn method_receiver_then_arguments_in_order() {
    let log = DropLog::new();
    let mut co = method_chain(log.clone());
    assert_eq!(co.start(), Yielded("b"));
    assert_log(&log.take(), &["receiver", "a"]);
    assert_eq!(resume(&log, &mut co, "1"), Yielded("c"));
    assert_log(&log.take(), &["resume", "add x1"]);
    assert_eq!(resume(&log, &mut co, "2"), Yielded("receiver"));
    assert_log(&log.take(), &["resume", "d", "add 2y"]);
    assert_eq!(
        resume(&log, &mut co, "hey"),
        Complete((vec!["x1".to_owned(), "2y".to_owned()], "HEY".to_owned()))
    );
}

#[coro::coroutine]
fn nested_and_indexed(
    log: DropLog,
) -> impl Coroutine<usize, Yield = usize, Return = (usize, &'static str)> {
    let outer = yield_!(yield_!(1) + log.note("inner done", 1));
    let names = ["zero", "one", "two"];
    let name = names[yield_!(outer)];
    (outer, name)
}

#[test]
fn nested_yield_and_yield_as_index() {
    let log = DropLog::new();
    let mut co = nested_and_indexed(log.clone());
    assert_eq!(co.start(), Yielded(1));
    assert_log(&log.take(), &[]);
    assert_eq!(resume(&log, &mut co, 10), Yielded(11));
    assert_log(&log.take(), &["resume", "inner done"]);
    assert_eq!(resume(&log, &mut co, 2), Yielded(2));
    assert_eq!(resume(&log, &mut co, 1), Complete((2, "one")));
}

#[coro::coroutine]
fn range_and_cast(log: DropLog) -> impl Coroutine<usize, Yield = u8, Return = (Vec<usize>, u64)> {
    let range = log.note("start", 1)..yield_!(1);
    let both = yield_!(2)..yield_!(3);
    let mut values: Vec<usize> = range.chain(both).collect();
    values.push(log.note("after", 0));
    let cast = yield_!(4) as u64 + 1;
    (values, cast)
}

#[test]
fn range_bounds_and_cast_operand() {
    let log = DropLog::new();
    let mut co = range_and_cast(log.clone());
    assert_eq!(co.start(), Yielded(1));
    assert_log(&log.take(), &["start"]);
    assert_eq!(resume(&log, &mut co, 3), Yielded(2));
    assert_eq!(resume(&log, &mut co, 7), Yielded(3));
    assert_eq!(resume(&log, &mut co, 9), Yielded(4));
    assert_log(&log.take(), &["resume", "resume", "resume", "after"]);
    assert_eq!(resume(&log, &mut co, 41), Complete((vec![1, 2, 7, 8, 0], 42)));
}

// ---------------------------------------------------------------------------------------------
// Literals

#[derive(Debug, PartialEq)]
struct Triple {
    x: i32,
    y: i32,
    z: i32,
}

#[coro::coroutine]
fn literals(
    log: DropLog,
) -> impl Coroutine<i32, Yield = &'static str, Return = ([i32; 3], (i32, i32, i32), Triple)> {
    let array = [log.note("a1", 1), yield_!("a2"), log.note("a3", 3)];
    let tuple = (log.note("t1", 4), yield_!("t2"), log.note("t3", 6));
    // Struct literal fields run in the order they are written, not the declaration order.
    let triple = Triple { z: log.note("z", 7), x: yield_!("x"), y: log.note("y", 9) };
    (array, tuple, triple)
}

#[test]
fn array_tuple_and_struct_literals() {
    let log = DropLog::new();
    let mut co = literals(log.clone());
    assert_eq!(co.start(), Yielded("a2"));
    assert_log(&log.take(), &["a1"]);
    assert_eq!(resume(&log, &mut co, 2), Yielded("t2"));
    assert_log(&log.take(), &["resume", "a3", "t1"]);
    assert_eq!(resume(&log, &mut co, 5), Yielded("x"));
    assert_log(&log.take(), &["resume", "t3", "z"]);
    assert_eq!(
        resume(&log, &mut co, 8),
        Complete(([1, 2, 3], (4, 5, 6), Triple { x: 8, y: 9, z: 7 }))
    );
    assert_log(&log.take(), &["resume", "y"]);
}

// ---------------------------------------------------------------------------------------------
// Scrutinees and conditions

#[coro::coroutine]
fn scrutinees(
    log: DropLog,
) -> impl Coroutine<i32, Yield = &'static str, Return = (&'static str, i32)> {
    let size = if log.note("lhs", 1) + yield_!("cond") > 2 {
        log.push("then");
        "big"
    } else {
        log.push("else");
        "small"
    };
    let picked = match (log.note("m1", 1), yield_!("scrutinee")) {
        (1, 0) => {
            log.push("arm zero");
            0
        }
        (a, b) => {
            log.push("arm other");
            a + b
        }
    };
    (size, picked)
}

#[test]
fn if_and_match_scrutinees() {
    let log = DropLog::new();
    let mut co = scrutinees(log.clone());
    assert_eq!(co.start(), Yielded("cond"));
    assert_log(&log.take(), &["lhs"]);
    assert_eq!(resume(&log, &mut co, 5), Yielded("scrutinee"));
    assert_log(&log.take(), &["resume", "then", "m1"]);
    assert_eq!(resume(&log, &mut co, 41), Complete(("big", 42)));
    assert_log(&log.take(), &["resume", "arm other"]);

    let mut co = scrutinees(log.clone());
    assert_eq!(co.start(), Yielded("cond"));
    assert_eq!(resume(&log, &mut co, 1), Yielded("scrutinee"));
    assert_eq!(resume(&log, &mut co, 0), Complete(("small", 0)));
    assert_log(&log.take(), &["lhs", "resume", "else", "m1", "resume", "arm zero"]);
}

#[coro::coroutine]
fn while_let_condition(log: DropLog) -> impl Coroutine<Option<u32>, Yield = u32, Return = u32> {
    let mut sum = 0;
    while let Some(x) = log.note("check", yield_!(sum)).filter(|x| *x != 0) {
        log.push(format!("body {x}"));
        sum += x;
    }
    log.push("after loop");
    sum
}

#[test]
fn while_let_condition_suspends_on_every_iteration() {
    let log = DropLog::new();
    let mut co = while_let_condition(log.clone());
    assert_eq!(co.start(), Yielded(0));
    assert_log(&log.take(), &[]);
    assert_eq!(resume(&log, &mut co, Some(3)), Yielded(3));
    assert_eq!(resume(&log, &mut co, Some(4)), Yielded(7));
    assert_eq!(resume(&log, &mut co, Some(0)), Complete(7));
    assert_log(
        &log.take(),
        &[
            "resume",
            "check",
            "body 3",
            "resume",
            "check",
            "body 4",
            "resume",
            "check",
            "after loop",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Macros

#[coro::coroutine]
fn macro_arguments(
    log: DropLog,
) -> impl Coroutine<i32, Yield = &'static str, Return = (String, String, Vec<i32>, Vec<i32>)> {
    let formatted = format!("{}-{}-{}", log.note("f1", 1), yield_!("f2"), log.note("f3", 3));
    let inline = 7;
    let named = format!("{inline}/{n}/{}", log.note("pos", 0), n = yield_!("named"));
    println!("{} {}", log.note("p1", 1), yield_!("p2"));
    assert_eq!(log.note("e1", 5), yield_!("e2"), "assert_eq! compares after the resume");
    assert!(yield_!("assert") > 0, "assert! condition suspends");
    let list = vec![log.note("v1", 1), yield_!("v2"), log.note("v3", 3)];
    let repeated = vec![yield_!("fill"); 3];
    (formatted, named, list, repeated)
}

#[test]
fn format_println_assert_and_vec_arguments() {
    let log = DropLog::new();
    let mut co = macro_arguments(log.clone());
    assert_eq!(co.start(), Yielded("f2"));
    assert_log(&log.take(), &["f1"]);
    assert_eq!(resume(&log, &mut co, 2), Yielded("named"));
    assert_log(&log.take(), &["resume", "f3", "pos"]);
    assert_eq!(resume(&log, &mut co, 8), Yielded("p2"));
    assert_log(&log.take(), &["resume", "p1"]);
    assert_eq!(resume(&log, &mut co, 0), Yielded("e2"));
    assert_log(&log.take(), &["resume", "e1"]);
    assert_eq!(resume(&log, &mut co, 5), Yielded("assert"));
    assert_eq!(resume(&log, &mut co, 1), Yielded("v2"));
    assert_log(&log.take(), &["resume", "resume", "v1"]);
    assert_eq!(resume(&log, &mut co, 2), Yielded("fill"));
    assert_log(&log.take(), &["resume", "v3"]);
    assert_eq!(
        resume(&log, &mut co, 9),
        Complete(("1-2-3".to_owned(), "7/8/0".to_owned(), vec![1, 2, 3], vec![9, 9, 9]))
    );
}

#[coro::coroutine]
fn writing_macros(log: DropLog) -> impl Coroutine<u32, Yield = u8, Return = String> {
    let mut out = String::new();
    write!(out, "[{}|{}]", log.note("w1", 1), yield_!(1)).unwrap();
    writeln!(out, "{0}{0}", yield_!(2)).unwrap();
    let echoed = dbg!(yield_!(3));
    assert_ne!(log.note("ne", echoed), yield_!(4));
    write!(out, "{:>width$}|{}", yield_!(5), log.note("w2", 6), width = 4).unwrap();
    eprintln!("{}", yield_!(6));
    out
}

#[test]
fn write_writeln_dbg_assert_ne_and_eprintln_arguments() {
    let log = DropLog::new();
    let mut co = writing_macros(log.clone());
    assert_eq!(co.start(), Yielded(1));
    assert_log(&log.take(), &["w1"]);
    assert_eq!(resume(&log, &mut co, 10), Yielded(2));
    assert_eq!(resume(&log, &mut co, 20), Yielded(3));
    assert_eq!(resume(&log, &mut co, 30), Yielded(4));
    assert_log(&log.take(), &["resume", "resume", "resume", "ne"]);
    assert_eq!(resume(&log, &mut co, 31), Yielded(5));
    assert_eq!(resume(&log, &mut co, 7), Yielded(6));
    assert_log(&log.take(), &["resume", "resume", "w2"]);
    assert_eq!(resume(&log, &mut co, 0), Complete("[1|10]2020\n   7|6".to_owned()));

    // `assert_ne!` compares the value sent after the suspension.
    let mut co = writing_macros(log.clone());
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(0), Yielded(2));
    assert_eq!(co.send(0), Yielded(3));
    assert_eq!(co.send(8), Yielded(4));
    assert!(panic::catch_unwind(AssertUnwindSafe(|| co.send(8))).is_err());
}

#[test]
fn assert_eq_with_a_yield_fails_on_a_mismatched_sent_value() {
    let log = DropLog::new();
    let mut co = macro_arguments(log.clone());
    assert_eq!(co.start(), Yielded("f2"));
    assert_eq!(co.send(2), Yielded("named"));
    assert_eq!(co.send(8), Yielded("p2"));
    assert_eq!(co.send(0), Yielded("e2"));
    let panicked = panic::catch_unwind(AssertUnwindSafe(|| co.send(6))).unwrap_err();
    let message = panicked.downcast_ref::<String>().unwrap();
    assert!(message.contains("assert_eq! compares after the resume"), "{message}");
    assert!(message.contains("left: 5"), "{message}");
    assert!(message.contains("right: 6"), "{message}");
    assert_eq!(co.status(), Status::Completed);
}

// ---------------------------------------------------------------------------------------------
// Short-circuit

#[coro::coroutine]
fn and_then_yield(
    log: DropLog,
    first: bool,
) -> impl Coroutine<bool, Yield = &'static str, Return = bool> {
    let both = log.note("lhs", first) && yield_!("rhs");
    log.push("after");
    both
}

#[coro::coroutine]
fn or_else_yield(
    log: DropLog,
    first: bool,
) -> impl Coroutine<bool, Yield = &'static str, Return = bool> {
    let either = log.note("lhs", first) || yield_!("rhs");
    log.push("after");
    either
}

#[test]
fn short_circuited_and_does_not_suspend() {
    let log = DropLog::new();
    let mut co = and_then_yield(log.clone(), false);
    assert_eq!(co.start(), Complete(false));
    assert_log(&log.take(), &["lhs", "after"]);

    let mut co = and_then_yield(log.clone(), true);
    assert_eq!(co.start(), Yielded("rhs"));
    assert_log(&log.take(), &["lhs"]);
    assert_eq!(resume(&log, &mut co, false), Complete(false));
    assert_log(&log.take(), &["resume", "after"]);

    let mut co = and_then_yield(log.clone(), true);
    assert_eq!(co.start(), Yielded("rhs"));
    assert_eq!(co.send(true), Complete(true));
}

#[test]
fn short_circuited_or_does_not_suspend() {
    let log = DropLog::new();
    let mut co = or_else_yield(log.clone(), true);
    assert_eq!(co.start(), Complete(true));
    assert_log(&log.take(), &["lhs", "after"]);

    let mut co = or_else_yield(log.clone(), false);
    assert_eq!(co.start(), Yielded("rhs"));
    assert_log(&log.take(), &["lhs"]);
    assert_eq!(resume(&log, &mut co, true), Complete(true));
    assert_log(&log.take(), &["resume", "after"]);

    let mut co = or_else_yield(log.clone(), false);
    assert_eq!(co.start(), Yielded("rhs"));
    assert_eq!(co.send(false), Complete(false));
}

#[coro::coroutine]
fn chained_conditions(
    log: DropLog,
    a: bool,
    c: bool,
) -> impl Coroutine<bool, Yield = u8, Return = &'static str> {
    if log.note("a", a) && yield_!(1) && log.note("c", c) || yield_!(2) {
        "taken"
    } else {
        "not taken"
    }
}

#[test]
fn chained_short_circuit_in_an_if_condition() {
    let log = DropLog::new();
    // `a` false: skip the first yield and `c`, suspend at the right of `||`.
    let mut co = chained_conditions(log.clone(), false, true);
    assert_eq!(co.start(), Yielded(2));
    assert_eq!(resume(&log, &mut co, false), Complete("not taken"));
    assert_log(&log.take(), &["a", "resume"]);

    // `a` and the first yield true, `c` true: `||` short-circuits, one suspension only.
    let mut co = chained_conditions(log.clone(), true, true);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(resume(&log, &mut co, true), Complete("taken"));
    assert_log(&log.take(), &["a", "resume", "c"]);

    // First yield false: `c` is skipped, the second yield decides.
    let mut co = chained_conditions(log.clone(), true, true);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(resume(&log, &mut co, false), Yielded(2));
    assert_eq!(resume(&log, &mut co, true), Complete("taken"));
    assert_log(&log.take(), &["a", "resume", "resume"]);
}
