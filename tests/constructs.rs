//! Every control-flow construct works with a `yield_!` inside it: each coroutine is driven step by
//! step and every yielded value and the return value are checked.
mod support;

use std::collections::HashMap;
use std::fmt::Display;
use std::num::ParseIntError;

use coro::CoroutineState::{Complete, Yielded};
use coro::{Coroutine, CoroutineExt, Status};
use support::DropLog;

// ---------------------------------------------------------------------------------------------
// Blocks

#[coro::coroutine]
fn blocks() -> impl Coroutine<i32, Yield = i32, Return = i32> {
    let a = {
        let x = 10;
        let y = yield_!(x);
        x + y
    };
    {
        let b = a * 2;
        let sent = yield_!(b);
        assert_eq!(sent, 0);
    }
    let c = { yield_!(a) } + {
        let base = 1;
        base + a
    };
    {
        {
            let deep = yield_!(c);
            c + deep + a
        }
    }
}

#[test]
fn blocks_and_block_expressions() {
    let mut co = blocks();
    assert_eq!(co.start(), Yielded(10));
    assert_eq!(co.send(5), Yielded(30));
    assert_eq!(co.send(0), Yielded(15));
    assert_eq!(co.send(7), Yielded(23));
    assert_eq!(co.send(100), Complete(138));
    assert_eq!(co.status(), Status::Completed);
}

// ---------------------------------------------------------------------------------------------
// `let` with patterns, `let ... else`

struct Point {
    x: i32,
    y: i32,
}

#[coro::coroutine]
fn patterns() -> impl Coroutine<(i32, i32), Yield = i32, Return = (i32, i32, i32)> {
    let (a, mut b) = yield_!(0);
    b += 1;
    let Point { x, y: why } = Point { x: a, y: yield_!(a + b).1 };
    let ((p, _), [q, r]) = ((x * why, 0), [yield_!(x).0, 2]);
    let Point { x: px, .. } = Point { x: yield_!(p + q + r).0, y: 0 };
    (p, q + r, px + b)
}

#[test]
fn let_with_tuple_struct_and_slice_patterns() {
    let mut co = patterns();
    assert_eq!(co.start(), Yielded(0));
    // a = 2, b = 3 + 1
    assert_eq!(co.send((2, 3)), Yielded(6));
    // x = 2, why = 5
    assert_eq!(co.send((0, 5)), Yielded(2));
    // p = 10, q = 7, r = 2
    assert_eq!(co.send((7, 0)), Yielded(19));
    assert_eq!(co.send((30, 0)), Complete((10, 9, 34)));
}

#[derive(Debug, PartialEq)]
enum Msg {
    Num(i32),
    Pair { left: i32, right: i32 },
    End,
}

#[coro::coroutine]
fn let_else() -> impl Coroutine<Msg, Yield = i32, Return = i32> {
    let mut total = 0;
    loop {
        let Msg::Num(n) = yield_!(total) else {
            break;
        };
        total += n;
    }
    let Msg::Pair { left, right: r } = yield_!(-total) else {
        return -1;
    };
    let sent = yield_!(left);
    left + r + total + if sent == Msg::End { 1000 } else { 0 }
}

#[test]
fn let_else_binds_or_diverges() {
    let mut co = let_else();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Msg::Num(4)), Yielded(4));
    assert_eq!(co.send(Msg::Num(5)), Yielded(9));
    assert_eq!(co.send(Msg::End), Yielded(-9));
    assert_eq!(co.send(Msg::Pair { left: 20, right: 300 }), Yielded(20));
    assert_eq!(co.send(Msg::End), Complete(1329));

    let mut co = let_else();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Msg::End), Yielded(0));
    assert_eq!(co.send(Msg::Num(1)), Complete(-1));
}

#[coro::coroutine]
fn deferred_init(ask: bool) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x;
    if ask {
        x = yield_!(1);
    } else {
        x = 2;
    }
    let y = yield_!(x);
    x * 10 + y
}

#[test]
fn let_without_initializer_assigned_by_a_yield() {
    let mut co = deferred_init(true);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(7), Yielded(7));
    assert_eq!(co.send(3), Complete(73));

    let mut co = deferred_init(false);
    assert_eq!(co.start(), Yielded(2));
    assert_eq!(co.send(4), Complete(24));
}

// ---------------------------------------------------------------------------------------------
// `if` / `else if` / `else`, `if let`

#[coro::coroutine]
fn classify() -> impl Coroutine<i32, Yield = &'static str, Return = u32> {
    let mut evens = 0;
    loop {
        let n = yield_!("next");
        if n < 0 {
            let again = yield_!("negative");
            if again != 0 {
                return 999;
            }
        } else if n == 0 {
            return evens;
        } else if n % 2 == 0 {
            evens += 1;
            yield_!("even");
        } else {
            yield_!(if n > 100 { "big odd" } else { "odd" });
        }
    }
}

#[test]
fn if_else_if_else() {
    let mut co = classify();
    assert_eq!(co.start(), Yielded("next"));
    assert_eq!(co.send(-3), Yielded("negative"));
    assert_eq!(co.send(0), Yielded("next"));
    assert_eq!(co.send(4), Yielded("even"));
    assert_eq!(co.send(0), Yielded("next"));
    assert_eq!(co.send(7), Yielded("odd"));
    assert_eq!(co.send(0), Yielded("next"));
    assert_eq!(co.send(101), Yielded("big odd"));
    assert_eq!(co.send(0), Yielded("next"));
    assert_eq!(co.send(8), Yielded("even"));
    assert_eq!(co.send(0), Yielded("next"));
    assert_eq!(co.send(0), Complete(2));

    let mut co = classify();
    assert_eq!(co.start(), Yielded("next"));
    assert_eq!(co.send(-1), Yielded("negative"));
    assert_eq!(co.send(1), Complete(999));
}

#[coro::coroutine]
fn if_condition_suspends() -> impl Coroutine<bool, Yield = u8, Return = &'static str> {
    if yield_!(1) {
        "first"
    } else if yield_!(2) {
        "second"
    } else {
        "neither"
    }
}

#[test]
fn if_condition_that_suspends() {
    let mut co = if_condition_suspends();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(true), Complete("first"));

    let mut co = if_condition_suspends();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(false), Yielded(2));
    assert_eq!(co.send(true), Complete("second"));

    let mut co = if_condition_suspends();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(false), Yielded(2));
    assert_eq!(co.send(false), Complete("neither"));
}

#[coro::coroutine]
fn if_let() -> impl Coroutine<Option<String>, Yield = usize, Return = String> {
    let mut acc = String::new();
    loop {
        if let Some(word) = yield_!(acc.len()) {
            // `word` is bound by the pattern and saved across the next suspension point.
            let times = yield_!(word.len()).map_or(1, |sent| sent.len());
            acc.push_str(&word.repeat(times));
        } else if let Some(last) = yield_!(usize::MAX) {
            acc.push_str(&last);
            return acc;
        } else {
            return acc.to_uppercase();
        }
    }
}

#[test]
fn if_let_else_if_let_else() {
    let mut co = if_let();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Some("ab".to_owned())), Yielded(2));
    // The length of the second word is the repeat count for the first.
    assert_eq!(co.send(Some("xyz".to_owned())), Yielded(6));
    assert_eq!(co.send(None), Yielded(usize::MAX));
    assert_eq!(co.send(Some("!".to_owned())), Complete("ababab!".to_owned()));

    let mut co = if_let();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(None), Yielded(usize::MAX));
    assert_eq!(co.send(None), Complete(String::new()));

    let mut co = if_let();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Some("q".to_owned())), Yielded(1));
    assert_eq!(co.send(Some("zz".to_owned())), Yielded(2));
    assert_eq!(co.send(None), Yielded(usize::MAX));
    assert_eq!(co.send(None), Complete("QQ".to_owned()));
}

// ---------------------------------------------------------------------------------------------
// `match` with bindings and guards

enum Cmd {
    Add(i32),
    Say(String),
    Swap { a: i32, b: i32 },
    Stop,
}

#[coro::coroutine]
fn calc() -> impl Coroutine<Cmd, Yield = i32, Return = (i32, Vec<String>)> {
    let mut acc = 0;
    let mut said = Vec::new();
    loop {
        match yield_!(acc) {
            Cmd::Add(n) if n > 100 => {
                // `n` is saved across this suspension point.
                let Cmd::Add(m) = yield_!(-n) else {
                    continue;
                };
                acc += m;
            }
            Cmd::Add(n) => acc += n,
            Cmd::Say(s) if s.is_empty() => said.push("<empty>".to_owned()),
            Cmd::Say(s) => {
                let Cmd::Add(times) = yield_!(acc + 1000) else {
                    continue;
                };
                said.push(s.repeat(usize::try_from(times).unwrap()));
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
            Cmd::Stop => return (acc, said),
        }
    }
}

#[test]
fn match_with_bindings_and_guards() {
    let mut co = calc();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Cmd::Add(5)), Yielded(5));
    assert_eq!(co.send(Cmd::Add(500)), Yielded(-500));
    assert_eq!(co.send(Cmd::Add(10)), Yielded(15));
    assert_eq!(co.send(Cmd::Add(200)), Yielded(-200));
    assert_eq!(co.send(Cmd::Stop), Yielded(15));
    assert_eq!(co.send(Cmd::Say(String::new())), Yielded(15));
    assert_eq!(co.send(Cmd::Say("ho".to_owned())), Yielded(1015));
    assert_eq!(co.send(Cmd::Add(3)), Yielded(15));
    assert_eq!(co.send(Cmd::Swap { a: 4, b: 4 }), Yielded(4));
    assert_eq!(co.send(Cmd::Add(77)), Yielded(0));
    assert_eq!(co.send(Cmd::Swap { a: 1, b: 2 }), Yielded(2));
    assert_eq!(co.send(Cmd::Add(1)), Yielded(2));
    assert_eq!(co.send(Cmd::Swap { a: 1, b: 3 }), Yielded(3));
    assert_eq!(co.send(Cmd::Add(9)), Yielded(9));
    assert_eq!(co.send(Cmd::Swap { a: 6, b: 3 }), Yielded(3));
    assert_eq!(co.send(Cmd::Stop), Yielded(6));
    assert_eq!(co.send(Cmd::Stop), Complete((6, vec!["<empty>".to_owned(), "hohoho".to_owned()])));
}

#[coro::coroutine]
fn or_patterns() -> impl Coroutine<Result<u32, u32>, Yield = u32, Return = u32> {
    let mut acc = 0;
    loop {
        match yield_!(acc) {
            Ok(n @ (1 | 2)) | Err(n @ 10) => acc += yield_!(n).unwrap_or(0),
            Ok(_) => acc += 1000,
            Err(_) => break acc,
        }
    }
}

#[test]
fn match_with_or_patterns_and_at_bindings() {
    let mut co = or_patterns();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(Ok(2)), Yielded(2));
    assert_eq!(co.send(Ok(5)), Yielded(5));
    assert_eq!(co.send(Err(10)), Yielded(10));
    assert_eq!(co.send(Err(3)), Yielded(5));
    assert_eq!(co.send(Ok(7)), Yielded(1005));
    assert_eq!(co.send(Ok(10)), Yielded(2005));
    assert_eq!(co.send(Err(0)), Complete(2005));
}

// ---------------------------------------------------------------------------------------------
// Loops

#[coro::coroutine]
fn loop_break_value() -> impl Coroutine<u32, Yield = u32, Return = (u32, u32, u32)> {
    let mut tries = 0;
    let found = loop {
        tries += 1;
        let n = yield_!(tries);
        if n > 10 {
            break n * 2;
        }
    };
    let second = loop {
        if tries > 100 {
            break 0;
        }
        tries += 1;
        // The break value itself suspends.
        break yield_!(found) + 1;
    };
    (found, second, tries)
}

#[test]
fn loop_with_break_value() {
    let mut co = loop_break_value();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(3), Yielded(2));
    assert_eq!(co.send(10), Yielded(3));
    assert_eq!(co.send(11), Yielded(22));
    assert_eq!(co.send(40), Complete((22, 41, 4)));
}

#[coro::coroutine]
fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let mut n = from;
    let mut steps = 0;
    while n > 0 {
        yield_!(n);
        n -= 1;
        steps += 10;
    }
    steps
}

#[test]
fn while_loop() {
    let mut co = countdown(3);
    assert_eq!(co.start(), Yielded(3));
    assert_eq!(co.send(()), Yielded(2));
    assert_eq!(co.send(()), Yielded(1));
    assert_eq!(co.send(()), Complete(30));

    let mut co = countdown(0);
    assert_eq!(co.start(), Complete(0));
}

#[coro::coroutine]
fn while_condition_suspends() -> impl Coroutine<bool, Yield = u32, Return = u32> {
    let mut rounds = 0;
    while yield_!(rounds) {
        rounds += 1;
    }
    rounds * 100
}

#[test]
fn while_condition_that_suspends() {
    let mut co = while_condition_suspends();
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send(true), Yielded(1));
    assert_eq!(co.send(true), Yielded(2));
    assert_eq!(co.send(false), Complete(200));
}

#[coro::coroutine]
fn while_let() -> impl Coroutine<Option<(String, u32)>, Yield = String, Return = Vec<String>> {
    let mut out = Vec::new();
    while let Some((word, count)) = yield_!(out.join("+")) {
        if count == 0 {
            continue;
        }
        // `word` and `count` (bound by the condition) are saved across this suspension point.
        yield_!(format!("got {word}"));
        out.push(word.repeat(usize::try_from(count).unwrap()));
    }
    out
}

#[test]
fn while_let_whose_condition_suspends() {
    let mut co = while_let();
    assert_eq!(co.start(), Yielded(String::new()));
    assert_eq!(co.send(Some(("a".to_owned(), 2))), Yielded("got a".to_owned()));
    assert_eq!(co.send(None), Yielded("aa".to_owned()));
    assert_eq!(co.send(Some(("skip".to_owned(), 0))), Yielded("aa".to_owned()));
    assert_eq!(co.send(Some(("b".to_owned(), 1))), Yielded("got b".to_owned()));
    assert_eq!(co.send(Some(("ignored".to_owned(), 5))), Yielded("aa+b".to_owned()));
    assert_eq!(co.send(None), Complete(vec!["aa".to_owned(), "b".to_owned()]));
}

#[coro::coroutine]
fn for_by_value(names: Vec<String>) -> impl Coroutine<usize, Yield = String, Return = usize> {
    let mut total = 0;
    for name in names {
        let n = yield_!(name.clone());
        // `name` (the loop binding) is saved across the suspension point.
        total += n * name.len();
    }
    for i in 1..=2 {
        total += yield_!(format!("#{i}"));
    }
    total
}

#[test]
fn for_loop_by_value() {
    let mut co = for_by_value(vec!["ab".to_owned(), "cde".to_owned()]);
    assert_eq!(co.start(), Yielded("ab".to_owned()));
    assert_eq!(co.send(10), Yielded("cde".to_owned()));
    assert_eq!(co.send(100), Yielded("#1".to_owned()));
    assert_eq!(co.send(1), Yielded("#2".to_owned()));
    assert_eq!(co.send(2), Complete(323));

    let mut co = for_by_value(Vec::new());
    assert_eq!(co.start(), Yielded("#1".to_owned()));
    assert_eq!(co.send(4), Yielded("#2".to_owned()));
    assert_eq!(co.send(5), Complete(9));
}

#[coro::coroutine]
fn borrowed_words<'a>(words: &'a [String]) -> impl Coroutine<Yield = &'a str, Return = usize> + 'a {
    let mut count = 0;
    for word in words.iter() {
        count += 1;
        yield_!(word.as_str());
    }
    count
}

#[test]
fn for_loop_over_an_iterator_of_caller_owned_data() {
    let words = vec!["alpha".to_owned(), "beta".to_owned(), "gamma".to_owned()];
    let mut co = borrowed_words(&words);
    assert_eq!(co.start(), Yielded("alpha"));
    assert_eq!(co.send(()), Yielded("beta"));
    // The yielded `&str` borrows `words`, not the coroutine: it outlives it.
    let gamma = co.send(()).yielded().unwrap();
    assert_eq!(co.send(()), Complete(3));
    drop(co);
    assert_eq!(gamma, "gamma");
    assert!(std::ptr::eq(gamma, words[2].as_str()));
}

#[coro::coroutine]
fn labelled(
    grid: Vec<Vec<i32>>,
) -> impl Coroutine<Yield = (usize, i32), Return = Vec<&'static str>> {
    let mut notes = Vec::new();
    'rows: for (r, row) in grid.into_iter().enumerate() {
        let mut i = 0;
        'cells: loop {
            if i >= row.len() {
                notes.push("row done");
                break 'cells;
            }
            let x = row[i];
            i += 1;
            if x < 0 {
                notes.push("skip row");
                continue 'rows;
            }
            if x == 0 {
                continue 'cells;
            }
            if x > 100 {
                notes.push("stop");
                break 'rows;
            }
            yield_!((r, x));
        }
    }
    let value = 'block: {
        if notes.len() > 3 {
            break 'block "many";
        }
        yield_!((99, 0));
        "few"
    };
    notes.push(value);
    notes
}

#[test]
fn labels_with_break_and_continue() {
    let mut co = labelled(vec![vec![1, 0, 2], vec![3, -1, 4], vec![5, 200, 6], vec![7]]);
    assert_eq!(co.start(), Yielded((0, 1)));
    assert_eq!(co.send(()), Yielded((0, 2)));
    assert_eq!(co.send(()), Yielded((1, 3)));
    assert_eq!(co.send(()), Yielded((2, 5)));
    assert_eq!(co.send(()), Yielded((99, 0)));
    assert_eq!(co.send(()), Complete(vec!["row done", "skip row", "stop", "few"]));

    let mut co = labelled(vec![vec![1], vec![], vec![], vec![]]);
    assert_eq!(co.start(), Yielded((0, 1)));
    assert_eq!(co.send(()), Complete(vec!["row done", "row done", "row done", "row done", "many"]));
}

// ---------------------------------------------------------------------------------------------
// `return` and `?`

#[coro::coroutine]
fn parse_pair()
-> impl Coroutine<&'static str, Yield = &'static str, Return = Result<(i32, i32), ParseIntError>> {
    let a = yield_!("a?").parse::<i32>()?;
    if a == 0 {
        return Ok((0, 0));
    }
    let b: i32 = yield_!("b?").parse()?;
    let checked = yield_!("confirm?");
    if checked == "no" {
        return Ok((b, a));
    }
    Ok((a, b))
}

#[test]
fn return_and_question_mark_with_result() {
    let mut co = parse_pair();
    assert_eq!(co.start(), Yielded("a?"));
    assert_eq!(co.send("4"), Yielded("b?"));
    assert_eq!(co.send("5"), Yielded("confirm?"));
    assert_eq!(co.send("yes"), Complete(Ok((4, 5))));

    let mut co = parse_pair();
    assert_eq!(co.start(), Yielded("a?"));
    assert_eq!(co.send("4"), Yielded("b?"));
    assert_eq!(co.send("5"), Yielded("confirm?"));
    assert_eq!(co.send("no"), Complete(Ok((5, 4))));

    let mut co = parse_pair();
    assert_eq!(co.start(), Yielded("a?"));
    assert_eq!(co.send("0"), Complete(Ok((0, 0))));

    let mut co = parse_pair();
    assert_eq!(co.start(), Yielded("a?"));
    assert_eq!(co.send("x"), Complete(Err("x".parse::<i32>().unwrap_err())));
    assert_eq!(co.status(), Status::Completed);

    let mut co = parse_pair();
    assert_eq!(co.start(), Yielded("a?"));
    assert_eq!(co.send("1"), Yielded("b?"));
    assert_eq!(co.send(""), Complete(Err("".parse::<i32>().unwrap_err())));
}

#[coro::coroutine]
fn lookup(
    table: HashMap<&'static str, u32>,
) -> impl Coroutine<&'static str, Yield = u32, Return = Option<u32>> {
    let mut sum = 0;
    loop {
        let key = yield_!(sum);
        if key == "done" {
            return Some(sum);
        }
        let value = table.get(key).copied();
        sum += value?;
        let bonus = yield_!(sum).parse::<u32>().ok()?;
        sum += bonus;
    }
}

#[test]
fn return_and_question_mark_with_option() {
    let table = HashMap::from([("one", 1), ("ten", 10)]);
    let mut co = lookup(table.clone());
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send("ten"), Yielded(10));
    assert_eq!(co.send("5"), Yielded(15));
    assert_eq!(co.send("one"), Yielded(16));
    assert_eq!(co.send("0"), Yielded(16));
    assert_eq!(co.send("done"), Complete(Some(16)));

    let mut co = lookup(table.clone());
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send("missing"), Complete(None));

    let mut co = lookup(table);
    assert_eq!(co.start(), Yielded(0));
    assert_eq!(co.send("one"), Yielded(1));
    assert_eq!(co.send("not a number"), Complete(None));
}

#[coro::coroutine]
fn return_yield() -> impl Coroutine<u8, Yield = u8, Return = u8> {
    let first = yield_!(1);
    if first > 5 {
        return yield_!(first) * 2;
    }
    first
}

#[test]
fn return_whose_value_suspends() {
    let mut co = return_yield();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(9), Yielded(9));
    assert_eq!(co.send(21), Complete(42));

    let mut co = return_yield();
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(3), Complete(3));
}

// ---------------------------------------------------------------------------------------------
// Shadowing

#[coro::coroutine]
fn shadowing() -> impl Coroutine<Yield = String, Return = (String, usize)> {
    let x = String::from("outer");
    let n = 5;
    {
        let x = format!("{x}-inner");
        let n = x.len();
        yield_!(format!("{x}/{n}"));
        // Both inner bindings come back after the suspension point.
        yield_!(format!("{x}/{n}"));
    }
    // And so do the outer ones, untouched.
    yield_!(format!("{x}/{n}"));
    let x = x.len();
    yield_!(format!("{x}"));
    let x = x * 2;
    yield_!(String::from("last"));
    (format!("{n}"), x)
}

#[test]
fn shadowing_across_suspension_points() {
    let mut co = shadowing();
    assert_eq!(co.start(), Yielded("outer-inner/11".to_owned()));
    assert_eq!(co.send(()), Yielded("outer-inner/11".to_owned()));
    assert_eq!(co.send(()), Yielded("outer/5".to_owned()));
    assert_eq!(co.send(()), Yielded("5".to_owned()));
    assert_eq!(co.send(()), Yielded("last".to_owned()));
    assert_eq!(co.send(()), Complete(("5".to_owned(), 10)));
}

// ---------------------------------------------------------------------------------------------
// Closures

#[coro::coroutine]
fn closures(offset: i32, log: DropLog) -> impl Coroutine<i32, Yield = i32, Return = Vec<i32>> {
    let add = move |a: i32| a + offset;
    let mut seen = Vec::new();
    let captured = log.noisy("captured");
    let mut record = move |a: i32| {
        captured.used();
        seen.push(a);
        seen.clone()
    };
    let first = yield_!(add(0));
    record(first);
    let second = yield_!(add(first));
    let double = |v: i32| v * 2;
    let third = yield_!(double(second));
    record(second);
    record(add(third))
}

#[test]
fn closures_created_before_and_called_after_a_suspension_point() {
    let log = DropLog::new();
    let mut co = closures(100, log.clone());
    assert_eq!(co.start(), Yielded(100));
    assert_eq!(co.send(1), Yielded(101));
    assert_eq!(co.send(2), Yielded(4));
    // The closure that owns `captured` lives across all three suspension points.
    assert_eq!(log.take(), ["use captured"]);
    assert_eq!(co.send(3), Complete(vec![1, 2, 103]));
    assert_eq!(log.take(), ["use captured", "use captured", "drop captured"]);
}

// ---------------------------------------------------------------------------------------------
// Generics, `where`, `impl Trait` arguments

#[coro::coroutine]
fn joined<T, I>(items: I, sep: impl Display) -> impl Coroutine<Yield = String, Return = usize>
where
    I: IntoIterator<Item = T>,
    T: Display + Clone,
{
    let mut count = 0;
    for item in items {
        let copy = item.clone();
        yield_!(format!("{item}{sep}"));
        yield_!(format!("{copy}{sep}{copy}"));
        count += 1;
    }
    count
}

#[test]
fn generic_with_where_clause_and_impl_trait_argument() {
    let mut co = joined(vec![1, 22], '|');
    assert_eq!(co.start(), Yielded("1|".to_owned()));
    assert_eq!(co.send(()), Yielded("1|1".to_owned()));
    assert_eq!(co.send(()), Yielded("22|".to_owned()));
    assert_eq!(co.send(()), Yielded("22|22".to_owned()));
    assert_eq!(co.send(()), Complete(2));

    let got: Vec<String> = joined(["a"], String::from("--")).iter().collect();
    assert_eq!(got, ["a--", "a--a"]);
}

#[coro::coroutine]
fn echo<T: Clone + PartialEq>(initial: T) -> impl Coroutine<T, Yield = T, Return = Vec<T>> {
    let mut history = vec![initial.clone()];
    let mut current = initial;
    loop {
        let next = yield_!(current.clone());
        if next == current {
            return history;
        }
        history.push(next.clone());
        current = next;
    }
}

#[test]
fn generic_send_yield_and_return_types() {
    let mut co = echo("a");
    assert_eq!(co.start(), Yielded("a"));
    assert_eq!(co.send("b"), Yielded("b"));
    assert_eq!(co.send("c"), Yielded("c"));
    assert_eq!(co.send("c"), Complete(vec!["a", "b", "c"]));

    let mut co = echo(1.5);
    assert_eq!(co.start(), Yielded(1.5));
    assert_eq!(co.send(1.5), Complete(vec![1.5]));
}

#[coro::coroutine]
fn filtered<'a, I, F>(items: I, keep: F) -> impl Coroutine<Yield = I::Item, Return = usize> + 'a
where
    I: Iterator<Item = &'a str> + 'a,
    F: for<'x> Fn(&'x str) -> bool + 'a,
{
    let mut skipped = 0;
    for item in items {
        if keep(item) {
            yield_!(item);
        } else {
            skipped += 1;
        }
    }
    skipped
}

#[test]
fn generic_with_closure_bound_and_associated_yield_type() {
    let words = String::from("a bb ccc dd e");
    let mut co = filtered(words.split(' '), |w| w.len() > 1);
    assert_eq!(co.start(), Yielded("bb"));
    assert_eq!(co.send(()), Yielded("ccc"));
    assert_eq!(co.send(()), Yielded("dd"));
    assert_eq!(co.send(()), Complete(2));
}

#[coro::coroutine]
fn const_generic<const N: usize>(values: [u32; N]) -> impl Coroutine<Yield = u32, Return = usize> {
    for value in values {
        yield_!(value * 2);
    }
    N
}

#[test]
fn const_generic_argument() {
    let mut co = const_generic([1, 2]);
    assert_eq!(co.start(), Yielded(2));
    assert_eq!(co.send(()), Yielded(4));
    assert_eq!(co.send(()), Complete(2));
    assert_eq!(const_generic([]).start(), Complete(0));
}

// ---------------------------------------------------------------------------------------------
// Lifetimes of borrowed arguments

#[coro::coroutine]
fn longest<'a>(
    first: &'a str,
    second: &'a str,
) -> impl Coroutine<&'a str, Yield = &'a str, Return = &'a str> + 'a {
    let mut best = if first.len() >= second.len() { first } else { second };
    loop {
        let next = yield_!(best);
        if next.is_empty() {
            return best;
        }
        if next.len() > best.len() {
            best = next;
        }
    }
}

#[test]
fn borrowed_arguments_and_values_with_their_lifetime() {
    let a = String::from("pear");
    let b = String::from("fig");
    let c = String::from("banana");
    let mut co = longest(&a, &b);
    assert_eq!(co.start(), Yielded("pear"));
    assert_eq!(co.send("kiwi"), Yielded("pear"));
    assert_eq!(co.send(&c), Yielded("banana"));
    let result = co.send("").complete().unwrap();
    drop(co);
    assert!(std::ptr::eq(result, c.as_str()));
}

#[coro::coroutine]
fn appender<'a>(
    out: &'a mut Vec<String>,
    prefix: &'a str,
) -> impl Coroutine<&'static str, Yield = usize, Return = ()> + 'a {
    loop {
        let word = yield_!(out.len());
        if word.is_empty() {
            return;
        }
        out.push(format!("{prefix}{word}"));
    }
}

#[test]
fn mutably_borrowed_argument() {
    let mut out = vec!["start".to_owned()];
    let prefix = String::from("> ");
    let mut co = appender(&mut out, &prefix);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send("a"), Yielded(2));
    assert_eq!(co.send("b"), Yielded(3));
    assert_eq!(co.send(""), Complete(()));
    drop(co);
    assert_eq!(out, ["start", "> a", "> b"]);
}

// ---------------------------------------------------------------------------------------------
// Methods

#[derive(Debug, PartialEq)]
struct Bag {
    label: String,
    items: Vec<String>,
}

impl Bag {
    #[coro::coroutine]
    fn into_items(self) -> impl Coroutine<Yield = String, Return = String> {
        for i in 0..self.items.len() {
            yield_!(format!("{}:{}", self.label, self.items[i]));
        }
        // `self` is moved only after the last suspension point.
        self.label
    }

    #[coro::coroutine]
    fn peek(&self) -> impl Coroutine<usize, Yield = &str, Return = usize> + '_ {
        let mut sum = 0;
        for i in 0..self.items.len() {
            sum += yield_!(self.items[i].as_str());
        }
        sum + self.label.len()
    }

    #[coro::coroutine]
    fn fill(&mut self) -> impl Coroutine<String, Yield = usize, Return = ()> + '_ {
        loop {
            let item = yield_!(self.items.len());
            if item.is_empty() {
                break;
            }
            self.items.push(item);
        }
        self.label.push('!');
    }

    #[coro::coroutine]
    fn boxed(self: Box<Self>) -> impl Coroutine<Yield = usize, Return = Box<Self>> {
        let n = self.items.len();
        yield_!(n);
        yield_!(self.label.len());
        self
    }
}

fn bag() -> Bag {
    Bag { label: "bag".to_owned(), items: vec!["x".to_owned(), "y".to_owned()] }
}

#[test]
fn method_taking_self() {
    let mut co = bag().into_items();
    assert_eq!(co.start(), Yielded("bag:x".to_owned()));
    assert_eq!(co.send(()), Yielded("bag:y".to_owned()));
    assert_eq!(co.send(()), Complete("bag".to_owned()));
}

#[test]
fn method_taking_ref_self() {
    let b = bag();
    let mut co = b.peek();
    assert_eq!(co.start(), Yielded("x"));
    assert_eq!(co.send(10), Yielded("y"));
    assert_eq!(co.send(20), Complete(33));
}

#[test]
fn method_taking_mut_self() {
    let mut b = bag();
    let mut co = b.fill();
    assert_eq!(co.start(), Yielded(2));
    assert_eq!(co.send("z".to_owned()), Yielded(3));
    assert_eq!(co.send(String::new()), Complete(()));
    drop(co);
    assert_eq!(b.items, ["x", "y", "z"]);
    assert_eq!(b.label, "bag!");
}

#[test]
fn method_taking_boxed_self() {
    let mut co = Box::new(bag()).boxed();
    assert_eq!(co.start(), Yielded(2));
    assert_eq!(co.send(()), Yielded(3));
    assert_eq!(co.send(()), Complete(Box::new(bag())));
}

trait Source {
    fn values(&self) -> impl Coroutine<u32, Yield = u32, Return = u32> + '_;
}

struct Numbers(Vec<u32>);

impl Source for Numbers {
    #[coro::coroutine]
    fn values(&self) -> impl Coroutine<u32, Yield = u32, Return = u32> + '_ {
        let mut sent = 0;
        for i in 0..self.0.len() {
            sent += yield_!(self.0[i]);
        }
        sent
    }
}

#[test]
fn method_in_a_trait_impl() {
    let numbers = Numbers(vec![4, 5]);
    let mut co = numbers.values();
    assert_eq!(co.start(), Yielded(4));
    assert_eq!(co.send(10), Yielded(5));
    assert_eq!(co.send(20), Complete(30));
}

// ---------------------------------------------------------------------------------------------
// `()` send and return, driven by `.iter()`

#[coro::coroutine]
fn squares(limit: u64) -> impl Coroutine<Yield = u64, Return = ()> {
    let mut i = 1;
    while i * i <= limit {
        yield_!(i * i);
        i += 1;
    }
}

#[test]
fn unit_send_and_return_used_as_an_iterator() {
    let mut got = Vec::new();
    for square in squares(30).iter() {
        got.push(square);
    }
    assert_eq!(got, [1, 4, 9, 16, 25]);
    assert_eq!(squares(0).iter().count(), 0);

    let mut co = squares(1);
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(()), Complete(()));
}
