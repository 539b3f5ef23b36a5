//! The same coroutine bodies under coro and under rustc's own coroutines: every resume, every
//! yielded value, the return value, the side effects the body logs and every drop must come in
//! the same order, for each scenario run to completion and for the scenario cut short after each
//! resume (the coroutine dropped while suspended there, or before it starts).
//!
//! # coro's documented difference: a dead local is dropped when the coroutine suspends
//!
//! coro drops a local that is not used after a suspension point when the coroutine suspends
//! there; rustc keeps it to the end of its scope (see `the_documented_difference_is_seen`). The
//! bodies below are written so that the rule never changes the drop log, and so compare it in
//! full:
//!
//! - every `Noisy` local is used (`touch`, `used`, a move) after the last suspension point it
//!   lives across, on every path, or is a `_name` guard, which coro keeps to the end of its
//!   scope too (`scopes_and_guards`, `question_result`);
//! - no `Noisy` is shadowed while a suspension point follows in its scope (`shadowing` shadows
//!   strings and numbers, and consumes the old `keep` in the new one), and none is overwritten
//!   by an assignment whose right side suspends;
//! - no temporary `Noisy` lives across a suspension point: operands that own a `Noisy` are
//!   moved into the call or the literal they belong to (`call_arguments`, `literals`), which
//!   keeps them alive across the suspension point in both.
//!
//! Locals that do not log their drop (numbers, strings, vectors of them) are not constrained.
#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]

use std::num::ParseIntError;

use coro_differential::{DropLog, Noisy, differential, run_coro, run_rustc};

// ---------------------------------------------------------------------------------------------
// Loops

// `loop` with `break value`: a value computed after a suspension point, and a value that itself
// suspends; arguments dropped last.
differential! {
    #[coro::coroutine]
    fn loop_break_value(
        log: DropLog,
        first: Noisy,
        second: Noisy,
    ) -> Coroutine<u32, Yield = u32, Return = (u32, u32, u32)> {
        let before = log.noisy("before");
        let mut tries = 0;
        let found = loop {
            let attempt = log.noisy(format!("attempt {tries}"));
            tries += 1;
            let n = yield_!(tries);
            attempt.touch();
            if n > 10 {
                break n * 2;
            }
        };
        let second_value = loop {
            if tries > 100 {
                break 0;
            }
            tries += 1;
            let inner = log.noisy(format!("inner {tries}"));
            let value = yield_!(found) + 1;
            inner.touch();
            if value > 1 {
                break value;
            }
        };
        let third = loop {
            tries += 1;
            if tries % 2 == 0 {
                continue;
            }
            break yield_!(second_value) * 2;
        };
        before.touch();
        first.touch();
        second.touch();
        (found, second_value + tries, third)
    }
}

#[test]
fn loop_with_break_value() {
    loop_break_value::check(
        |log| (log.clone(), log.noisy("first"), log.noisy("second")),
        &[&[3, 10, 11, 0, 40, 7], &[50, 1, 2], &[50, 0, 0, 1, 2]],
    );
}

// `while` with a plain condition, `break` and `continue`; `while` whose condition suspends.
differential! {
    #[coro::coroutine]
    fn while_loops(log: DropLog, start: i32) -> Coroutine<i32, Yield = i32, Return = (i32, i32)> {
        let guard = log.noisy("guard");
        let mut n = start;
        let mut sum = 0;
        while n > 0 {
            let step = log.noisy(format!("step {n}"));
            let sent = yield_!(n);
            step.touch();
            n -= 1;
            if sent < 0 {
                break;
            }
            if sent == 0 {
                continue;
            }
            sum += sent;
        }
        let mut rounds = 0;
        while yield_!(-sum) > 0 {
            let round = log.noisy(format!("round {rounds}"));
            rounds += 1;
            sum += yield_!(rounds);
            round.touch();
        }
        guard.touch();
        (sum, rounds)
    }
}

#[test]
fn while_loops_with_break_continue_and_a_suspending_condition() {
    while_loops::check(
        |log| (log.clone(), 3),
        &[&[5, 0, 7, 1, 10, 1, 20, 0], &[-1, 0], &[0, 0, 0, 0]],
    );
}

// `while let` on sent values, with `continue`; `while let` draining a vector of `Noisy`.
differential! {
    #[coro::coroutine]
    fn while_let(
        log: DropLog,
    ) -> Coroutine<Option<String>, Yield = String, Return = Vec<String>> {
        let mut out = Vec::new();
        let mut stack = vec![log.noisy("s0"), log.noisy("s1")];
        while let Some(word) = yield_!(out.join("+")) {
            let held = log.noisy(format!("held {word}"));
            if word.is_empty() {
                held.touch();
                continue;
            }
            let times = yield_!(format!("got {word}")).map_or(1, |sent| sent.len());
            held.touch();
            out.push(word.repeat(times));
        }
        while let Some(item) = stack.pop() {
            yield_!(item.name().to_owned());
            item.used();
        }
        out
    }
}

#[test]
fn while_let_on_sent_values_and_on_a_stack() {
    let some = |s: &str| Some(s.to_owned());
    while_let::check(
        |log| (log.clone(),),
        &[
            &[some("ab"), some("xyz"), some(""), some("q"), None, None, None, None],
            &[None, None, None],
        ],
    );
}

// `for` over an owned vector argument (`continue`, `break`: the items not reached are dropped
// with the iterator) and over a vector literal.
differential! {
    #[coro::coroutine]
    fn for_owned(log: DropLog, items: Vec<Noisy>) -> Coroutine<i32, Yield = String, Return = i32> {
        let before = log.noisy("before");
        let mut n = 0;
        for item in items {
            let local = log.noisy(format!("local {}", item.name()));
            let command = yield_!(item.name().to_owned());
            local.touch();
            item.touch();
            if command == 1 {
                continue;
            }
            if command == 2 {
                break;
            }
            n += command;
        }
        log.push("after the first loop");
        for word in vec![log.noisy("w0"), log.noisy("w1")] {
            n += yield_!(word.name().to_uppercase());
            word.used();
        }
        before.touch();
        n
    }
}

#[test]
fn for_over_owned_vectors() {
    for_owned::check(
        |log| (log.clone(), vec![log.noisy("i0"), log.noisy("i1"), log.noisy("i2")]),
        &[&[5, 1, 7, 10, 20], &[2, 3, 4], &[1, 1, 1, 0, 0]],
    );
}

// Labeled `break` and `continue` across nested loops, and a labeled block with a value.
differential! {
    #[coro::coroutine]
    fn labeled(
        log: DropLog,
        rows: Vec<Vec<i32>>,
    ) -> Coroutine<i32, Yield = i32, Return = (i32, &'static str)> {
        let mut found = -1;
        'rows: for row in rows {
            let r = log.noisy(format!("row {}", row.len()));
            let mut i = 0;
            'cells: loop {
                if i >= row.len() {
                    break 'cells;
                }
                let x = row[i];
                i += 1;
                if x == 0 {
                    continue 'cells;
                }
                let sent = yield_!(x);
                if sent == x {
                    r.touch();
                    found = sent * 100;
                    break 'rows;
                }
                if sent < 0 {
                    r.touch();
                    continue 'rows;
                }
            }
            r.touch();
        }
        let verdict = 'block: {
            let g = log.noisy("block");
            if found > 0 {
                g.touch();
                break 'block "found";
            }
            let confirm = yield_!(found);
            g.touch();
            if confirm > 0 { "confirmed" } else { "nothing" }
        };
        (found, verdict)
    }
}

#[test]
fn labeled_break_and_continue() {
    labeled::check(
        |log| (log.clone(), vec![vec![1, 0, 2], vec![3, 4, 5], vec![6]]),
        &[&[0, 0, 0, 4], &[0, -1, -1, 0, 1], &[0, 0, 0, 0, 0, 0, 0]],
    );
}

// ---------------------------------------------------------------------------------------------
// Branches

// An `if`/`else if`/`else` chain with yields in the branches and in a condition.
differential! {
    #[coro::coroutine]
    fn if_else_chain(log: DropLog) -> Coroutine<i32, Yield = &'static str, Return = i32> {
        let mut evens = 0;
        loop {
            let n = yield_!("next");
            let seen = log.noisy(format!("seen {n}"));
            if n < 0 {
                let again = yield_!("negative");
                if again != 0 {
                    seen.touch();
                    return -1;
                }
            } else if n == 0 {
                seen.touch();
                return evens;
            } else if n % 2 == 0 {
                evens += 1;
                yield_!("even");
            } else if yield_!(if n > 100 { "big odd?" } else { "odd?" }) > 0 {
                log.push("odd confirmed");
            } else {
                log.push("odd denied");
            }
            seen.touch();
        }
    }
}

#[test]
fn if_else_chains_with_yields_in_branches_and_conditions() {
    if_else_chain::check(|log| (log.clone(),), &[&[-3, 0, 4, 0, 7, 1, 101, 0, 0], &[-1, 5], &[0]]);
}

#[derive(Debug, Clone, Default)]
pub enum Cmd {
    Add(i32),
    Say(String),
    Swap {
        a: i32,
        b: i32,
    },
    #[default]
    Stop,
}

// `match` with guards, bindings, `@` and or-patterns, `let ... else` and `if let` on sent values.
differential! {
    #[coro::coroutine]
    fn match_guards(log: DropLog) -> Coroutine<Cmd, Yield = i32, Return = (i32, Vec<String>)> {
        let mut acc = 0;
        let mut said = Vec::new();
        loop {
            let turn = log.noisy(format!("turn {acc}"));
            match yield_!(acc) {
                Cmd::Add(n) if n > 100 => {
                    let Cmd::Add(m) = yield_!(-n) else {
                        turn.touch();
                        continue;
                    };
                    acc += m;
                }
                Cmd::Add(n @ (1 | 2)) => acc += n * 1000,
                Cmd::Add(n) => acc += n,
                Cmd::Say(s) if s.is_empty() => said.push("<empty>".to_owned()),
                Cmd::Say(s) => {
                    let word = log.noisy(format!("word {s}"));
                    let Cmd::Add(times) = yield_!(acc + 1000) else {
                        word.touch();
                        turn.touch();
                        continue;
                    };
                    word.used();
                    said.push(s.repeat(usize::try_from(times).unwrap_or(0)));
                }
                Cmd::Swap { a, b: second } if a == second => {
                    acc = if let Cmd::Add(x) = yield_!(a) { x - 77 } else { -1 };
                }
                Cmd::Swap { a, b } => {
                    acc = match yield_!(b) {
                        Cmd::Add(x) if x == a => b,
                        Cmd::Add(x) => x,
                        _ => a,
                    };
                }
                Cmd::Stop => {
                    turn.touch();
                    return (acc, said);
                }
            }
            turn.touch();
        }
    }
}

#[test]
fn match_with_guards_and_bindings() {
    let say = |s: &str| Cmd::Say(s.to_owned());
    match_guards::check(
        |log| (log.clone(),),
        &[
            &[
                Cmd::Add(5),
                Cmd::Add(500),
                Cmd::Add(10),
                Cmd::Add(200),
                Cmd::Stop,
                say(""),
                say("ho"),
                Cmd::Add(3),
                Cmd::Swap { a: 4, b: 4 },
                Cmd::Add(77),
                Cmd::Swap { a: 1, b: 2 },
                Cmd::Add(1),
                Cmd::Swap { a: 1, b: 3 },
                Cmd::Add(9),
                Cmd::Swap { a: 6, b: 3 },
                Cmd::Stop,
                Cmd::Add(2),
                say("x"),
                Cmd::Stop,
                Cmd::Stop,
            ],
            &[Cmd::Swap { a: 2, b: 2 }, say("no"), Cmd::Stop],
        ],
    );
}

// `match` on a local that owns a `Noisy`: the bindings move it out, a guard borrows it.
differential! {
    #[coro::coroutine]
    fn match_moves(log: DropLog) -> Coroutine<i32, Yield = i32, Return = i32> {
        let mut total = 0;
        loop {
            let sent = yield_!(total);
            let thing = if sent > 0 { Some(log.noisy(format!("n{sent}"))) } else { None };
            match thing {
                Some(n) if n.name().len() > 2 => {
                    let x = yield_!(-1);
                    n.touch();
                    total += x;
                }
                Some(n) => {
                    total += yield_!(-2);
                    n.used();
                }
                None => break total,
            }
        }
    }
}

#[test]
fn match_moving_out_of_the_scrutinee() {
    match_moves::check(|log| (log.clone(),), &[&[5, 1, 12, 2, 0], &[0]]);
}

// `let ... else`, and locals declared without a value and assigned in the branches of an `if`.
// Their types are written out: under coro, a local declared without a value before a
// suspension point and assigned only after it fails type inference (E0282) without one.
differential! {
    #[coro::coroutine]
    fn let_else_and_deferred_init(log: DropLog) -> Coroutine<Msg, Yield = i32, Return = i32> {
        let mut total = 0;
        loop {
            let attempt = log.noisy(format!("attempt {total}"));
            let Msg::Num(n) = yield_!(total) else {
                attempt.touch();
                break;
            };
            attempt.touch();
            total += n;
        }
        let Msg::Pair { left, right: r } = yield_!(-total) else {
            return -1;
        };
        let x: i32;
        let holder: Noisy;
        if left > 0 {
            holder = log.noisy("then");
            x = match yield_!(left) {
                Msg::Num(n) => n,
                _ => 0,
            };
        } else {
            holder = log.noisy("else");
            x = 2;
        }
        let sent = yield_!(x);
        holder.touch();
        left + r + total + x + if matches!(sent, Msg::End) { 1000 } else { 0 }
    }
}

#[derive(Debug, Clone, Default)]
pub enum Msg {
    Num(i32),
    Pair {
        left: i32,
        right: i32,
    },
    #[default]
    End,
}

#[test]
fn let_else_and_deferred_initialization() {
    let pair = |left, right| Msg::Pair { left, right };
    let_else_and_deferred_init::check(
        |log| (log.clone(),),
        &[
            &[Msg::Num(4), Msg::Num(5), Msg::End, pair(20, 300), Msg::Num(7), Msg::End],
            &[Msg::End, Msg::Num(1)],
            &[Msg::End, pair(0, 1), Msg::Num(3)],
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Scopes, shadowing, guards

// Shadowing across blocks: inner bindings saved next to the outer ones they hide, which come
// back when the block ends. The `Noisy` value `keep` is shadowed only by a binding that takes
// it over (see the module docs).
differential! {
    #[coro::coroutine]
    fn shadowing(log: DropLog) -> Coroutine<(), Yield = String, Return = (String, usize)> {
        let x = String::from("outer");
        let n = 5;
        let keep = log.noisy("outer keep");
        {
            let x = format!("{x}-inner");
            let n = x.len();
            let keep = (keep, log.noisy(format!("inner keep {n}")));
            yield_!(format!("{x}/{n}"));
            yield_!(format!("{x}/{n}/{}/{}", keep.0.name(), keep.1.name()));
            log.push(format!("inner block end, {} kept", keep.0.name()));
        }
        yield_!(format!("{x}/{n}"));
        let x = x.len();
        let keep = log.noisy(format!("keep {x}"));
        yield_!(format!("{x}"));
        let x = x * 2;
        {
            let n = format!("{n}+{x}");
            yield_!(n.clone());
            let n = n.len();
            yield_!(format!("{n}"));
        }
        keep.touch();
        (format!("{n}"), x)
    }
}

#[test]
fn shadowing_across_blocks() {
    shadowing::check(|log| (log.clone(),), &[&[(); 8]]);
}

// Nested scopes and `_name` guards: drops at the end of each scope, in reverse declaration
// order, arguments last; the same when dropped while suspended at each point.
differential! {
    #[coro::coroutine]
    fn scopes_and_guards(
        log: DropLog,
        first: Noisy,
        second: Noisy,
    ) -> Coroutine<(), Yield = &'static str, Return = ()> {
        let a = log.noisy("a");
        let _guard = log.noisy("guard");
        {
            let c = log.noisy("c");
            let _inner_guard = log.noisy("inner guard");
            let d = log.noisy("d");
            yield_!("inner");
            c.touch();
            d.touch();
            log.push("inner end");
        }
        log.push("after inner");
        let e = log.noisy("e");
        yield_!("outer");
        {
            let _f = log.noisy("f");
            yield_!("f");
        }
        let (g, _h) = (log.noisy("g"), log.noisy("h"));
        yield_!("pattern");
        g.touch();
        a.touch();
        e.touch();
        first.touch();
        second.touch();
        log.push("body end");
    }
}

#[test]
fn nested_scopes_and_guards() {
    scopes_and_guards::check(
        |log| (log.clone(), log.noisy("first"), log.noisy("second")),
        &[&[(); 4]],
    );
}

// Closures made before a suspension point and called after it: `Fn`, `FnMut` with state, and
// `FnOnce` owning a `Noisy`.
differential! {
    #[coro::coroutine]
    fn closures(log: DropLog, offset: i32) -> Coroutine<i32, Yield = i32, Return = Vec<i32>> {
        let add = move |a: i32| a + offset;
        let mut seen = Vec::new();
        let captured = log.noisy("captured");
        let mut record = move |a: i32| {
            captured.used();
            seen.push(a);
            seen.clone()
        };
        let other = log.noisy("other");
        let consume = move || other.used();
        let first = yield_!(add(0));
        record(first);
        let second = yield_!(add(first));
        let double = |v: i32| v * 2;
        let third = yield_!(double(second));
        consume();
        record(second);
        record(add(third))
    }
}

#[test]
fn closures_made_before_a_yield_and_called_after() {
    closures::check(|log| (log.clone(), 100), &[&[1, 2, 3]]);
}

// `Option::replace`, an explicit `drop`, `if let`/`else`, `Option::take`.
differential! {
    #[coro::coroutine]
    fn replace_and_take(log: DropLog) -> Coroutine<i32, Yield = i32, Return = i32> {
        let mut slot = Some(log.noisy("s0"));
        let mut total = 0;
        loop {
            let sent = yield_!(total);
            if sent == 0 {
                break;
            }
            let old = slot.replace(log.noisy(format!("s{sent}")));
            if sent > 5 {
                drop(old);
                log.push("dropped the old one");
            } else if let Some(kept) = old {
                total += yield_!(-sent);
                kept.used();
            } else {
                log.push("nothing to keep");
            }
            total += sent;
        }
        if let Some(last) = slot.take() {
            last.used();
        }
        total
    }
}

#[test]
fn replace_drop_and_take() {
    replace_and_take::check(|log| (log.clone(),), &[&[1, 7, 2, 3, 3, 4, 0], &[0]]);
}

// ---------------------------------------------------------------------------------------------
// Evaluation order

fn combine(a: i32, b: i32, c: i32, log: &DropLog) -> i32 {
    log.push(format!("combine {a} {b} {c}"));
    a * 100 + b * 10 + c
}

#[allow(clippy::needless_pass_by_value)] // Takes the values to drop them.
fn consume(first: Noisy, value: i32, last: Noisy) -> i32 {
    first.used();
    last.used();
    value
}

// Yields in call arguments, nested calls, and next to operands that own a `Noisy` (moved into
// the call: dropped with the coroutine if it is dropped while suspended between them).
differential! {
    #[coro::coroutine]
    fn call_arguments(
        log: DropLog,
    ) -> Coroutine<i32, Yield = &'static str, Return = (i32, i32, i32)> {
        let plain = combine(log.note("a", 1), yield_!("b"), log.note("c", 3), &log);
        let nested = combine(
            combine(yield_!("x"), log.note("y", 2), yield_!("z"), &log),
            yield_!("w"),
            log.note("last", 0),
            &log,
        );
        let moved = consume(log.noisy("first"), yield_!("value"), log.noisy("last"));
        let method = log.note("receiver", 7).max(yield_!("argument"));
        (plain, nested, moved + method)
    }
}

#[test]
fn yields_in_call_arguments() {
    call_arguments::check(|log| (log.clone(),), &[&[2, 1, 3, 4, 5, 6]]);
}

// Arithmetic, comparison, compound assignment, negation, indexing, short-circuit operators.
differential! {
    #[coro::coroutine]
    fn operands(
        log: DropLog,
    ) -> Coroutine<i32, Yield = i32, Return = (i32, bool, i32, i32, Vec<i32>, i32, bool)> {
        let arithmetic = log.note("a", 1) + yield_!(2) * log.note("c", 3) - log.note("d", 4);
        let comparison = log.note("e", 5) < yield_!(6);
        let both = yield_!(7) - yield_!(8);
        let mut total = log.note("init", 100);
        total += yield_!(total);
        total -= yield_!(total) * log.note("factor", 2);
        let negated = -yield_!(total);
        let mut slots = vec![0, 0, 0];
        slots[log.note("index", 1)] = yield_!(-1);
        slots[2] += yield_!(-2);
        let names = [10, 20, 30];
        let picked = names[usize::try_from(yield_!(-3)).unwrap_or(0)];
        let skipped = log.note("false lhs", false) && yield_!(-4) > 0;
        let either = yield_!(-5) > 0 || yield_!(-6) > 0;
        let nested = yield_!(yield_!(-7) + log.note("inner", 1));
        (arithmetic, comparison, both, total + negated + nested, slots, picked, skipped || either)
    }
}

#[test]
fn yields_in_operands() {
    operands::check(
        |log| (log.clone(),),
        &[&[10, 6, 50, 8, 5, 10, 7, 9, 4, 2, 1, 3, 0], &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    );
}

#[derive(Debug)]
pub struct Triple {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(Debug)]
pub struct Parts {
    pub left: Noisy,
    pub middle: i32,
    pub right: Noisy,
}

// Array, tuple and struct literals: operands evaluated in the order written (not the order of
// declaration), a `Noisy` field built before a suspension point and dropped with the
// coroutine if it is dropped there, struct update syntax, `vec!`.
differential! {
    #[coro::coroutine]
    fn literals(
        log: DropLog,
    ) -> Coroutine<i32, Yield = &'static str, Return = ([i32; 3], (i32, i32, i32), Triple, usize)> {
        let array = [log.note("a1", 1), yield_!("a2"), log.note("a3", 3)];
        let tuple = (log.note("t1", 4), yield_!("t2"), log.note("t3", 6));
        let triple = Triple { z: log.note("z", 7), x: yield_!("x"), y: log.note("y", 9) };
        let parts =
            Parts { right: log.noisy("right"), middle: yield_!("middle"), left: log.noisy("left") };
        let base =
            Parts { left: log.noisy("base left"), middle: 0, right: log.noisy("base right") };
        let updated = Parts { middle: yield_!("update"), ..base };
        let noisy_tuple = (log.noisy("n0"), yield_!("n1"), log.noisy("n2"));
        let list = vec![log.noisy("v0"), log.noisy(format!("v{}", yield_!("v1"))), log.noisy("v2")];
        let array_of_noisy = [log.noisy(format!("an{}", yield_!("an0"))), log.noisy("an1")];
        log.push("all built");
        parts.left.touch();
        parts.right.touch();
        updated.left.touch();
        noisy_tuple.0.touch();
        noisy_tuple.2.touch();
        array_of_noisy[1].touch();
        let sum = parts.middle + updated.middle + noisy_tuple.1;
        (array, tuple, triple, usize::try_from(sum).unwrap_or(0) + list.len())
    }
}

#[test]
fn yields_in_tuple_array_and_struct_literals() {
    literals::check(|log| (log.clone(),), &[&[2, 5, 8, 10, 20, 30, 40, 50]]);
}

// `format!`, `vec!`, `assert_eq!` and array-repeat operands that suspend.
differential! {
    #[coro::coroutine]
    fn macro_operands(
        log: DropLog,
    ) -> Coroutine<i32, Yield = i32, Return = (String, Vec<i32>, [i32; 2])> {
        let text = format!("{}-{}-{}", log.note("f1", 1), yield_!(2), log.note("f3", 3));
        let list = vec![log.note("v1", 1), yield_!(2), log.note("v3", 3)];
        assert_eq!(log.note("e1", 5), yield_!(5), "the sent value decides");
        let repeated = [yield_!(7); 2];
        (text, list, repeated)
    }
}

#[test]
fn yields_in_macro_arguments() {
    macro_operands::check(|log| (log.clone(),), &[&[9, 8, 5, 1]]);
}

// ---------------------------------------------------------------------------------------------
// `return` and `?`

/// 1, after using the values (a use that logs nothing).
fn alive(values: &[&Noisy]) -> u8 {
    for value in values {
        value.touch();
    }
    1
}

// `return` out of nested loops and scopes, with a value that suspends; `?` on `None`.
differential! {
    #[coro::coroutine]
    fn early_return(log: DropLog) -> Coroutine<u8, Yield = (), Return = Option<u8>> {
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
                    1 => {
                        d.touch();
                        break;
                    }
                    2 => continue 'outer,
                    3 => {
                        let _x = log.noisy("x");
                        None::<()>?;
                    }
                    // The locals are used after the suspension point, so coro keeps them.
                    4 => return Some(yield_!(()) + alive(&[&a, &b, &c, &d])),
                    _ => {}
                }
                d.touch();
            }
            c.touch();
        }
        a.touch();
        b.touch();
        Some(99)
    }
}

#[test]
fn early_return_from_nested_scopes() {
    early_return::check(
        |log| (log.clone(),),
        &[&[5, 1, 2, 1], &[0], &[3], &[4, 7], &[2, 2, 2], &[5, 5, 4, 1]],
    );
}

// `?` on `Option`, also between the operands of a tuple whose first field owns a `Noisy`.
differential! {
    #[coro::coroutine]
    fn question_option(
        log: DropLog,
        table: Vec<(&'static str, u32)>,
    ) -> Coroutine<&'static str, Yield = u32, Return = Option<u32>> {
        let mut sum = 0;
        loop {
            let round = log.noisy(format!("round {sum}"));
            let key = yield_!(sum);
            if key == "done" {
                round.touch();
                return Some(sum);
            }
            let value = table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            sum += value?;
            let pair = (log.noisy("p0"), yield_!(sum).parse::<u32>().ok()?, log.noisy("p2"));
            round.touch();
            pair.0.touch();
            pair.2.touch();
            sum += pair.1;
        }
    }
}

#[test]
fn question_mark_on_option() {
    question_option::check(
        |log| (log.clone(), vec![("one", 1), ("ten", 10)]),
        &[&["ten", "5", "one", "0", "done"], &["missing"], &["one", "x"], &["ten", "5", "nope"]],
    );
}

#[derive(Debug)]
pub enum InputError {
    Int(ParseIntError),
    Negative(i64),
}

impl From<ParseIntError> for InputError {
    fn from(error: ParseIntError) -> Self {
        Self::Int(error)
    }
}

// `?` on `Result`, converting the error with `From`; a `_name` guard alive across the
// suspension points after it.
differential! {
    #[coro::coroutine]
    fn question_result(
        log: DropLog,
    ) -> Coroutine<&'static str, Yield = &'static str, Return = Result<(i64, i64), InputError>> {
        let guard = log.noisy("guard");
        let a = yield_!("a?").parse::<i64>()?;
        if a == 0 {
            guard.touch();
            return Ok((0, 0));
        }
        let _scoped = log.noisy("scoped");
        let b: i64 = yield_!("b?").parse()?;
        if b < 0 {
            return Err(InputError::Negative(b));
        }
        let checked = yield_!("confirm?");
        guard.touch();
        if checked == "no" {
            return Ok((b, a));
        }
        Ok((a, b))
    }
}

#[test]
fn question_mark_on_result() {
    question_result::check(
        |log| (log.clone(),),
        &[&["4", "5", "yes"], &["4", "5", "no"], &["0"], &["x"], &["1", ""], &["1", "-3"]],
    );
}

// `?` and `return` in every position a segment can hold them: an `if` condition and a `match`
// scrutinee that suspend, a `match` arm, a nested block; a guard per iteration and a local of a
// nested block that must drop before the coroutine completes from inside it.
differential! {
    #[coro::coroutine]
    fn completions_everywhere(
        log: DropLog,
    ) -> Coroutine<&'static str, Yield = i64, Return = Result<i64, InputError>> {
        let guard = log.noisy("guard");
        let mut total = 0;
        loop {
            let _step = log.noisy(format!("step {total}"));
            if yield_!(total).parse::<i64>()? > 100 {
                guard.touch();
                return Ok(total);
            }
            match yield_!(total * 2).parse::<i64>()? {
                0 => {
                    guard.touch();
                    return Ok(-1);
                }
                n if n < 0 => return Err(InputError::Negative(n)),
                n => total += n,
            }
            {
                let inner = log.noisy(format!("inner {total}"));
                if total > 50 {
                    inner.touch();
                    guard.touch();
                    return Ok(total * 10);
                }
                inner.touch();
            }
        }
    }
}

#[test]
fn completions_from_every_position() {
    completions_everywhere::check(
        |log| (log.clone(),),
        &[
            &["1", "2", "3", "4", "200"],
            &["1", "0"],
            &["x"],
            &["1", "y"],
            &["1", "-5"],
            &["1", "60"],
            &["1", "20", "1", "40"],
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Pattern bindings, guards, generated names and `let` chains

// An outer local hidden by the binding of a `for` pattern, an `if let` pattern and a `match`
// arm whose bodies suspend, and used after each of them.
differential! {
    #[coro::coroutine]
    fn shadowed_pattern_bindings(
        log: DropLog,
    ) -> Coroutine<i32, Yield = String, Return = String> {
        let x = log.noisy("outer");
        let count = yield_!(x.name().to_owned());
        let items: Vec<Noisy> = (0..count).map(|i| log.noisy(format!("item {i}"))).collect();
        for x in items {
            yield_!(x.name().to_owned());
            x.used();
        }
        log.push(format!("after the loop, {}", x.name()));
        if let Some(x) = (count > 1).then(|| log.noisy("if let")) {
            yield_!(x.name().to_owned());
            x.used();
        }
        log.push(format!("after the if let, {}", x.name()));
        match (count > 2).then(|| log.noisy("arm")) {
            Some(x) => {
                yield_!(x.name().to_owned());
                x.used();
            }
            None => log.push("no arm"),
        }
        x.name().to_owned()
    }
}

#[test]
fn shadowed_pattern_bindings_in_for_if_let_and_match() {
    shadowed_pattern_bindings::check(
        |log| (log.clone(),),
        &[&[0], &[1, 0], &[2, 0, 0, 0], &[3, 0, 0, 0, 0, 0]],
    );
}

// `_guard`s in an inner block, an `if` branch and a loop body, each followed by code that logs
// in the operand of a suspension point: the guard is dropped when its scope ends, before that
// code runs.
differential! {
    #[coro::coroutine]
    fn guards_before_the_next_statement(
        log: DropLog,
    ) -> Coroutine<bool, Yield = &'static str, Return = ()> {
        {
            let _guard = log.noisy("block guard");
            yield_!("block");
        }
        let c = yield_!(log.note("after the block", "if?"));
        if c {
            let _guard = log.noisy("branch guard");
            yield_!("branch");
        }
        yield_!(log.note("after the branch", "loop"));
        for i in 0..2 {
            let _guard = log.noisy(format!("loop guard {i}"));
            yield_!("body");
        }
        log.push("after the loop");
    }
}

#[test]
fn guards_dropped_before_the_code_after_their_scope() {
    guards_before_the_next_statement::check(
        |log| (log.clone(),),
        &[&[false, true, false, false, false, false], &[false, false, false, false, false]],
    );
}

// Locals named like the markers coro writes for jumps, in a statement that holds such a jump.
differential! {
    #[coro::coroutine]
    fn jump_marker_names(log: DropLog) -> Coroutine<i32, Yield = i32, Return = i32> {
        let __coro_jump_x = 3;
        let __coro_jump_0 = 100;
        let mut i = 0;
        loop {
            let n = yield_!(i);
            if n > __coro_jump_x {
                log.push("break");
                i += __coro_jump_0;
                break;
            }
            i += n;
        }
        i
    }
}

#[test]
fn locals_named_like_jump_markers() {
    jump_marker_names::check(|log| (log.clone(),), &[&[1, 3, 4], &[5]]);
}

// `break` and `continue` inside statements without suspension points, whose own bindings hide
// a local needed after the jump.
differential! {
    #[coro::coroutine]
    fn statement_hides_jump_local(log: DropLog) -> Coroutine<i32, Yield = i32, Return = String> {
        let x = log.noisy("outer");
        let mut i = 0;
        while i < 20 {
            let n = yield_!(i);
            match n {
                0 => {
                    let x = log.noisy("zero");
                    i += 7;
                    x.used();
                    continue;
                }
                5 => {
                    let x = log.noisy("five");
                    x.used();
                    break;
                }
                _ => i += n,
            }
            i += 1;
        }
        log.push("after the loop");
        x.name().to_owned()
    }
}

#[test]
fn statements_hiding_a_local_their_jump_needs() {
    statement_hides_jump_local::check(|log| (log.clone(),), &[&[0, 1, 5], &[3, 0, 9, 9], &[5]]);
}

// A `let` chain whose first binding hides a local used after the `if`; when the second `let`
// fails, the first binding's value is dropped.
differential! {
    #[coro::coroutine]
    fn let_chain_shadowing(log: DropLog) -> Coroutine<i32, Yield = i32, Return = String> {
        let x = log.noisy("outer");
        let a = yield_!(0);
        let b = yield_!(1);
        if let Some(x) = (a > 0).then(|| log.noisy(format!("a{a}")))
            && let Some(y) = (b > 0).then_some(b)
        {
            yield_!(y);
            x.used();
        }
        log.push("after the if");
        x.name().to_owned()
    }
}

#[test]
fn let_chain_shadowing_a_live_local() {
    let_chain_shadowing::check(|log| (log.clone(),), &[&[1, 2, 0], &[1, 0], &[0, 1]]);
}

// ---------------------------------------------------------------------------------------------
// The harness sees a difference

// coro's documented difference: `dead` is not used after the suspension point, so coro drops it
// when the coroutine suspends, and rustc at the end of its scope. This test pins both logs, so
// it also shows that the comparison is not blind to drop timing.
differential! {
    #[coro::coroutine]
    fn dead_local(log: DropLog) -> Coroutine<(), Yield = (), Return = ()> {
        let dead = log.noisy("dead");
        dead.touch();
        yield_!(());
        log.push("end");
    }
}

#[test]
fn the_documented_difference_is_seen() {
    let log = DropLog::new();
    let (coro, _) = run_coro(&log, dead_local::under_coro(log.clone()), &[()], 2);
    let (rustc, _) = run_rustc(&log, dead_local::under_rustc(log.clone()), &[()], 2);
    let expected = |events: &[&'static str]| {
        let mut all = vec!["start"];
        all.extend_from_slice(events);
        all.extend_from_slice(&["return ()", "drop the coroutine", "dropped"]);
        all
    };
    assert_eq!(coro, expected(&["drop dead", "yield ()", "send ()", "end"]));
    assert_eq!(rustc, expected(&["yield ()", "send ()", "end", "drop dead"]));
}
