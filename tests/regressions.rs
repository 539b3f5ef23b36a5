//! Regression tests for bugs found while building the compiler, one module each, named after
//! what broke.

mod support;

use coro::{Coroutine, CoroutineExt, CoroutineState};

/// A local used only in the operand of `?` after a suspension point was not saved.
mod question_mark_operand_is_a_use {
    use super::*;

    #[coro::coroutine]
    fn after_yield(mut n: u32) -> impl Coroutine<Yield = (), Return = Option<u32>> {
        n += 1;
        yield_!(());
        let x = Some(n)?;
        Some(x)
    }

    #[coro::coroutine]
    fn owned(v: Vec<u32>) -> impl Coroutine<usize, Yield = (), Return = Option<u32>> {
        let i = yield_!(());
        let x = v.get(i).copied()?;
        Some(x * 10)
    }

    #[test]
    fn saved_and_read_after_resume() {
        let mut co = after_yield(1);
        co.start();
        assert_eq!(co.send(()), CoroutineState::Complete(Some(2)));
        let mut co = owned(vec![4, 5]);
        co.start();
        assert_eq!(co.send(1), CoroutineState::Complete(Some(50)));
        let mut co = owned(vec![4, 5]);
        co.start();
        assert_eq!(co.send(9), CoroutineState::Complete(None));
    }
}

/// `self` taken by value was kept at every suspension point, so moving out of it failed.
mod self_by_value_is_saved_only_while_used {
    use super::*;

    struct Bag(String, Vec<u32>);

    impl Bag {
        #[coro::coroutine]
        fn take(self) -> impl Coroutine<Yield = u32, Return = String> {
            let label = self.0;
            for item in self.1 {
                yield_!(item);
            }
            label
        }
    }

    #[test]
    fn moves_out_of_self_before_suspending() {
        let mut co = Bag("bag".into(), vec![1]).take();
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_eq!(co.send(()), CoroutineState::Complete("bag".to_owned()));
    }
}

/// A path operand left of a `yield_!` was read after the resume instead of before.
mod operands_are_read_in_order {
    use super::*;

    #[coro::coroutine]
    fn pair() -> impl Coroutine<u32, Yield = u32, Return = (u32, u32)> {
        let mut n = 1;
        let pair = (
            n,
            yield_!({
                n += 10;
                n
            }),
        );
        pair
    }

    #[test]
    fn tuple_element_keeps_its_value() {
        let mut co = pair();
        assert_eq!(co.start(), CoroutineState::Yielded(11));
        assert_eq!(co.send(5), CoroutineState::Complete((1, 5)));
    }
}

/// A branch ending in `panic!` made the generated jump after it warn as unreachable.
#[deny(unreachable_code)]
mod diverging_branch_is_not_a_warning {
    use super::*;

    #[coro::coroutine]
    fn boom() -> impl Coroutine<bool, Yield = (), Return = ()> {
        if yield_!(()) {
            panic!("boom");
        }
    }

    #[test]
    fn no_panic_without_the_flag() {
        let mut co = boom();
        co.start();
        assert_eq!(co.send(false), CoroutineState::Complete(()));
    }
}

/// Saving a `_name` guard counted as a use of an underscore binding for clippy (CI runs
/// clippy with warnings denied over this file).
mod guards_are_not_underscore_uses {
    use super::*;

    struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {}
    }

    #[coro::coroutine]
    fn guarded() -> impl Coroutine<Yield = u8, Return = ()> {
        let _guard = Guard;
        yield_!(1);
    }

    #[test]
    fn guard_kept() {
        assert_eq!(guarded().iter().collect::<Vec<_>>(), [1]);
    }
}

/// A local declared without a value and assigned after a suspension point got no type in the
/// arm that declared it.
mod deferred_initialisation_after_a_suspension {
    use super::*;

    #[coro::coroutine]
    fn later() -> impl Coroutine<Yield = u8, Return = u32> {
        let x;
        yield_!(0);
        x = 2;
        x
    }

    #[test]
    fn assigned_in_the_resumed_arm() {
        let mut co = later();
        co.start();
        assert_eq!(co.send(()), CoroutineState::Complete(2));
    }
}

/// A `_name` guard shadowed by another was dropped at the next suspension point.
mod shadowed_guards_stay_alive {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    struct Guard(&'static str, Rc<RefCell<Vec<&'static str>>>);

    impl Drop for Guard {
        fn drop(&mut self) {
            self.1.borrow_mut().push(self.0);
        }
    }

    #[coro::coroutine]
    fn two_guards(log: Rc<RefCell<Vec<&'static str>>>) -> impl Coroutine<Yield = (), Return = ()> {
        let _g = Guard("g1", log.clone());
        let _g = Guard("g2", log.clone());
        yield_!(());
        log.borrow_mut().push("end");
    }

    #[test]
    fn dropped_in_reverse_order_at_the_end() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut co = two_guards(log.clone());
        co.start();
        assert!(log.borrow().is_empty());
        assert_eq!(co.send(()), CoroutineState::Complete(()));
        assert_eq!(*log.borrow(), ["end", "g2", "g1"]);
    }
}

/// `_name` guards failed to resolve when the coroutine was written inside `macro_rules!`.
mod guards_inside_macro_rules {
    use super::*;

    macro_rules! wrap {
        ($($body:tt)*) => {
            #[coro::coroutine]
            fn guarded() -> impl Coroutine<Yield = u8, Return = ()> {
                $($body)*
            }
        };
    }

    wrap! {
        let _guard = String::from("kept");
        yield_!(1);
    }

    #[test]
    fn compiles_and_runs() {
        assert_eq!(guarded().iter().collect::<Vec<_>>(), [1]);
    }
}

/// Naming the default error type, `Infallible`, was taken for a thrown error type and asked for
/// a `Result` return.
mod infallible_error_type_written_out {
    use core::convert::Infallible;

    use super::*;

    #[coro::coroutine]
    fn counted() -> impl Coroutine<(), Infallible, Yield = u8, Return = u8> {
        yield_!(1);
        2
    }

    #[coro::coroutine]
    fn qualified() -> impl Coroutine<(), core::convert::Infallible, Yield = u8, Return = ()> {
        yield_!(3);
    }

    #[test]
    fn runs_like_the_default() {
        let mut co = counted();
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_eq!(co.send(()), CoroutineState::Complete(2));
        let mut co = qualified();
        assert_eq!(co.start(), CoroutineState::Yielded(3));
        assert_eq!(co.send(()), CoroutineState::Complete(()));
    }
}

/// `impl Trait` as the yield or return type was copied into the step closure's signature, where
/// rustc rejects it (E0562).
mod impl_trait_yield_and_return_types {
    use std::fmt::{Debug, Display};

    use super::*;

    #[coro::coroutine]
    fn numbers() -> impl Coroutine<Yield = impl Display, Return = impl Debug> {
        yield_!(1u8);
        yield_!(2u8);
        "done"
    }

    #[coro::coroutine]
    fn words() -> impl Iterator<Item = impl Display> {
        yield_!("a");
        yield_!("b");
    }

    #[test]
    fn the_values_come_through_the_opaque_types() {
        let mut co = numbers();
        let mut seen = Vec::new();
        let mut step = co.start();
        while let CoroutineState::Yielded(v) = step {
            seen.push(v.to_string());
            step = co.send(());
        }
        let CoroutineState::Complete(done) = step else { unreachable!() };
        assert_eq!(seen, ["1", "2"]);
        assert_eq!(format!("{done:?}"), "\"done\"");
        assert_eq!(words().map(|w| w.to_string()).collect::<Vec<_>>(), ["a", "b"]);
    }
}

/// A block holding a suspension point whose last expression has no `;` (`{ yield_!(i);
/// log(i) }`) did not compile: the jump out of the block was written right after it.
mod unit_tail_without_semicolon {
    use super::*;

    fn log(log: &mut Vec<i32>, v: i32) {
        log.push(v);
    }

    #[coro::coroutine]
    fn tails(c: bool) -> impl Coroutine<i32, Yield = i32, Return = Vec<i32>> {
        let mut seen = Vec::new();
        if c {
            log(&mut seen, -1)
        } else {
            yield_!(5);
        }
        for i in 0..2 {
            let got = yield_!(i);
            log(&mut seen, got)
        }
        let mut n = 0;
        while n < 2 {
            yield_!(10 + n);
            n += 1
        }
        {
            yield_!(20);
            seen.push(n)
        }
        match n {
            2 => {
                yield_!(30);
                seen.push(99)
            }
            _ => {}
        }
        seen
    }

    #[test]
    fn runs_as_plain_rust() {
        let mut co = tails(true);
        assert_eq!(co.start(), CoroutineState::Yielded(0));
        assert_eq!(co.send(7), CoroutineState::Yielded(1));
        assert_eq!(co.send(8), CoroutineState::Yielded(10));
        assert_eq!(co.send(0), CoroutineState::Yielded(11));
        assert_eq!(co.send(0), CoroutineState::Yielded(20));
        assert_eq!(co.send(0), CoroutineState::Yielded(30));
        assert_eq!(co.send(0), CoroutineState::Complete(vec![-1, 7, 8, 2, 99]));
        let mut co = tails(false);
        assert_eq!(co.start(), CoroutineState::Yielded(5));
        assert_eq!(co.send(0), CoroutineState::Yielded(0));
    }
}

/// The value a `yield_!` evaluates to was bound immutably, so `yield_!(..).pop()` and
/// `&mut yield_!(..)` did not compile.
mod sent_value_borrowed_mutably {
    use super::*;

    #[coro::coroutine]
    fn popper() -> impl Coroutine<Vec<i32>, Yield = (), Return = (Option<i32>, usize)> {
        let last = yield_!(()).pop();
        let r = &mut yield_!(());
        r.push(1);
        (last, r.len())
    }

    #[test]
    fn mutates_the_sent_value() {
        let mut co = popper();
        co.start();
        co.send(vec![1, 2, 3]);
        assert_eq!(co.send(vec![5]), CoroutineState::Complete((Some(3), 2)));
    }
}

/// A `let mut` local hidden by a `let` of the same name in an inner block across a suspension
/// point, and used after the block, did not compile.
mod mutable_local_shadowed_in_inner_scope {
    use super::*;

    #[coro::coroutine]
    fn shadowed(c: bool) -> impl Coroutine<Yield = i32, Return = i32> {
        let mut x = 0;
        for i in 0..2 {
            let x = i * 10;
            yield_!(x);
        }
        x += 1;
        if c {
            let x = x + 100;
            yield_!(x);
        }
        x += 1;
        x
    }

    #[test]
    fn the_outer_local_is_kept() {
        let mut co = shadowed(true);
        assert_eq!(co.start(), CoroutineState::Yielded(0));
        assert_eq!(co.send(()), CoroutineState::Yielded(10));
        assert_eq!(co.send(()), CoroutineState::Yielded(101));
        assert_eq!(co.send(()), CoroutineState::Complete(2));
    }
}

/// The same through `yield_from!`, whose value is the delegate's return value.
mod delegate_result_borrowed_mutably {
    use super::*;

    #[coro::coroutine]
    fn inner() -> impl Coroutine<Yield = u8, Return = Vec<u8>> {
        yield_!(1);
        vec![7, 8]
    }

    #[coro::coroutine]
    fn outer() -> impl Coroutine<Yield = u8, Return = Option<u8>> {
        let first = yield_from!(inner()).pop();
        let mut total = 0;
        for v in yield_from!(inner()).iter_mut() {
            *v += 1;
            total += *v;
        }
        yield_!(total);
        first
    }

    #[test]
    fn mutates_the_returned_value() {
        let mut co = outer();
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_eq!(co.send(()), CoroutineState::Yielded(1));
        assert_eq!(co.send(()), CoroutineState::Yielded(17));
        assert_eq!(co.send(()), CoroutineState::Complete(Some(8)));
    }
}

/// In a method, every `self` in the body was renamed for the state, including the receivers of
/// nested items, `self` in a `use` tree and (not at all) an inline `{self}` in a format string.
mod self_in_nested_items_and_format_strings {
    use super::*;

    #[derive(Debug)]
    struct Meter(u8);

    impl Meter {
        #[coro::coroutine]
        fn readings(&self) -> impl Coroutine<Yield = String, Return = ()> + '_ {
            use std::fmt::{self, Write};
            struct Twice(u8);
            impl Twice {
                fn get(&self) -> u8 {
                    self.0 * 2
                }
            }
            impl fmt::Display for Twice {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "twice {}", self.get())
                }
            }
            yield_!(Twice(self.0).to_string());
            yield_!(format!("{self:?} {{self}}"));
            let mut line = String::new();
            write!(line, "{self:?}/{}", self.0).unwrap();
            yield_!(line);
        }
    }

    #[test]
    fn nested_items_keep_their_self() {
        let meter = Meter(4);
        let mut co = meter.readings();
        assert_eq!(co.start(), CoroutineState::Yielded("twice 8".to_owned()));
        assert_eq!(co.send(()), CoroutineState::Yielded("Meter(4) {self}".to_owned()));
        assert_eq!(co.send(()), CoroutineState::Yielded("Meter(4)/4".to_owned()));
        assert_eq!(co.send(()), CoroutineState::Complete(()));
    }
}

/// A `_` parameter was dropped at the first suspension point; Rust drops it when the function
/// returns.
mod wildcard_parameter_lives_to_the_end {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;

    struct Guard(Rc<RefCell<Vec<&'static str>>>);

    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.borrow_mut().push("guard dropped");
        }
    }

    #[coro::coroutine]
    fn guarded(
        _: Guard,
        log: Rc<RefCell<Vec<&'static str>>>,
    ) -> impl Coroutine<Yield = (), Return = ()> {
        log.borrow_mut().push("before");
        yield_!(());
        log.borrow_mut().push("after");
    }

    #[test]
    fn dropped_after_the_body_as_in_plain_rust() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut co = guarded(Guard(log.clone()), log.clone());
        co.start();
        assert_eq!(*log.borrow(), ["before"]);
        co.send(());
        assert_eq!(*log.borrow(), ["before", "after", "guard dropped"]);
        let mut co = guarded(Guard(log.clone()), log.clone());
        co.start();
        drop(co);
        assert_eq!(log.borrow().last(), Some(&"guard dropped"));
    }
}

/// An outer local hidden by a pattern binding of the same name (`for x in ..`, `if let
/// Some(x)`, a `match` arm `Some(x)`) in a construct whose body suspends, and used after it, was
/// taken as moved into the construct (E0382).
mod issue_11_shadowed_pattern_bindings {
    use super::*;

    #[coro::coroutine]
    fn for_loop(v: Vec<String>) -> impl Coroutine<Yield = String, Return = String> {
        let x = String::from("outer");
        for x in v {
            yield_!(x);
        }
        x
    }

    #[coro::coroutine]
    fn if_let(o: Option<String>) -> impl Coroutine<Yield = String, Return = String> {
        let x = String::from("outer");
        if let Some(x) = o {
            yield_!(x);
        }
        x
    }

    #[coro::coroutine]
    fn match_arm(o: Option<String>) -> impl Coroutine<Yield = String, Return = String> {
        let x = String::from("outer");
        match o {
            Some(x) => {
                yield_!(x);
            }
            None => {}
        }
        x
    }

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[test]
    fn for_pattern() {
        let mut co = for_loop(vec![s("a"), s("b")]);
        assert_eq!(co.start(), CoroutineState::Yielded(s("a")));
        assert_eq!(co.send(()), CoroutineState::Yielded(s("b")));
        assert_eq!(co.send(()), CoroutineState::Complete(s("outer")));
    }

    #[test]
    fn if_let_pattern() {
        let mut co = if_let(Some(s("inner")));
        assert_eq!(co.start(), CoroutineState::Yielded(s("inner")));
        assert_eq!(co.send(()), CoroutineState::Complete(s("outer")));
        assert_eq!(if_let(None).start(), CoroutineState::Complete(s("outer")));
    }

    #[test]
    fn match_arm_pattern() {
        let mut co = match_arm(Some(s("inner")));
        assert_eq!(co.start(), CoroutineState::Yielded(s("inner")));
        assert_eq!(co.send(()), CoroutineState::Complete(s("outer")));
        assert_eq!(match_arm(None).start(), CoroutineState::Complete(s("outer")));
    }
}

/// A `_name` guard in a block or an `if` branch that suspends was dropped after the code that
/// follows the scope when that code suspends (`yield_!(f())`): after `f()`, where Rust drops it
/// before. A loop body is checked the same way.
mod issue_11_guards_dropped_at_the_end_of_their_scope {
    use super::*;
    use crate::support::{DropLog, assert_log};

    #[coro::coroutine]
    fn block(log: DropLog) -> impl Coroutine<Yield = u8, Return = ()> {
        {
            let _g = log.noisy("g");
            yield_!(1);
        }
        yield_!(log.note("f", 2));
    }

    #[coro::coroutine]
    fn branch(log: DropLog, c: bool) -> impl Coroutine<Yield = u8, Return = ()> {
        if c {
            let _g = log.noisy("g");
            yield_!(1);
        }
        yield_!(log.note("f", 2));
    }

    #[coro::coroutine]
    fn loop_body(log: DropLog) -> impl Coroutine<Yield = u8, Return = ()> {
        for i in 0..2 {
            let _g = log.noisy(format!("g{i}"));
            yield_!(i);
        }
        yield_!(log.note("after", 2));
    }

    #[test]
    fn inner_block() {
        let log = DropLog::new();
        let mut co = block(log.clone());
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_log(&log.take(), &[]);
        assert_eq!(co.send(()), CoroutineState::Yielded(2));
        assert_log(&log.take(), &["drop g", "f"]);
        assert_eq!(co.send(()), CoroutineState::Complete(()));
        assert_log(&log.take(), &[]);
    }

    #[test]
    fn if_branch() {
        let log = DropLog::new();
        let mut co = branch(log.clone(), true);
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_log(&log.take(), &[]);
        assert_eq!(co.send(()), CoroutineState::Yielded(2));
        assert_log(&log.take(), &["drop g", "f"]);
        assert_eq!(co.send(()), CoroutineState::Complete(()));
        assert_log(&log.take(), &[]);
        let mut co = branch(log.clone(), false);
        assert_eq!(co.start(), CoroutineState::Yielded(2));
        assert_log(&log.take(), &["f"]);
    }

    #[test]
    fn for_loop_body() {
        let log = DropLog::new();
        let mut co = loop_body(log.clone());
        assert_eq!(co.start(), CoroutineState::Yielded(0));
        assert_log(&log.take(), &[]);
        assert_eq!(co.send(()), CoroutineState::Yielded(1));
        assert_log(&log.take(), &["drop g0"]);
        assert_eq!(co.send(()), CoroutineState::Yielded(2));
        assert_log(&log.take(), &["drop g1", "after"]);
        assert_eq!(co.send(()), CoroutineState::Complete(()));
        assert_log(&log.take(), &[]);
    }
}

/// Locals named like the markers that stand for generated jumps (`__coro_jump_x`,
/// `__coro_jump_0`), in a statement that holds such a jump (a `break` in an `if` that does not
/// suspend): the macro panicked on the first, and replaced the second with a jump.
mod issue_11_locals_named_like_jump_markers {
    use super::*;

    #[coro::coroutine]
    fn marked() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let __coro_jump_x = 3;
        let __coro_jump_0 = 100;
        let mut i = 0;
        loop {
            let n = yield_!(i);
            if n > __coro_jump_x {
                i += __coro_jump_0;
                break;
            }
            i += n;
        }
        i
    }

    #[test]
    fn the_locals_keep_their_values() {
        let mut co = marked();
        assert_eq!(co.start(), CoroutineState::Yielded(0));
        assert_eq!(co.send(1), CoroutineState::Yielded(1));
        assert_eq!(co.send(3), CoroutineState::Yielded(4));
        assert_eq!(co.send(4), CoroutineState::Complete(104));
    }
}

/// A `let` chain whose first pattern hides a local that is used after the `if` was rejected as
/// a `let` hiding a live local in the same block.
mod issue_11_let_chain_shadows_a_live_local {
    use super::*;

    #[coro::coroutine]
    fn chained(a: Option<u32>, b: Option<u32>) -> impl Coroutine<Yield = u32, Return = u32> {
        let x = 5u32;
        yield_!(x);
        if let Some(x) = a
            && let Some(y) = b
        {
            yield_!(x + y);
        }
        x
    }

    #[test]
    fn the_outer_local_comes_back() {
        let mut co = chained(Some(1), Some(2));
        assert_eq!(co.start(), CoroutineState::Yielded(5));
        assert_eq!(co.send(()), CoroutineState::Yielded(3));
        assert_eq!(co.send(()), CoroutineState::Complete(5));
        let mut co = chained(Some(1), None);
        assert_eq!(co.start(), CoroutineState::Yielded(5));
        assert_eq!(co.send(()), CoroutineState::Complete(5));
    }
}

/// A `loop` was taken to end when the text of its body held `break` anywhere (in a local
/// `breaks_seen`, in a closure or a nested loop), and a body ending in `todo!()` or `panic!()`
/// without `;` after a suspension point warned about unreachable code
/// (`tests/ui-pass/diverging-tail.rs` denies the warnings).
mod issue_11_divergence {
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::*;

    #[coro::coroutine]
    fn endless() -> impl Coroutine<Yield = u32, Return = u32> {
        let mut breaks_seen = 0;
        loop {
            breaks_seen += 1;
            yield_!(breaks_seen);
        }
    }

    #[coro::coroutine]
    fn nested_breaks() -> impl Coroutine<Yield = u32, Return = u32> {
        loop {
            let f = |n: u32| loop {
                if n > 0 {
                    break n;
                }
            };
            let mut n = 0;
            loop {
                n += 1;
                if n == 2 {
                    break;
                }
            }
            yield_!(f(n));
        }
    }

    #[coro::coroutine]
    fn tail_todo() -> impl Coroutine<Yield = u8, Return = u8> {
        yield_!(1);
        todo!()
    }

    #[coro::coroutine]
    fn tail_panic() -> impl Coroutine<Yield = u8, Return = u8> {
        yield_!(1);
        panic!("boom")
    }

    /// The message of the panic raised by resuming `co` after its first yield.
    fn panic_message(mut co: impl Coroutine<Yield = u8, Return = u8> + Unpin) -> String {
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        let payload = catch_unwind(AssertUnwindSafe(|| co.send(()))).unwrap_err();
        match payload.downcast::<String>() {
            Ok(message) => *message,
            Err(payload) => (*payload.downcast::<&str>().unwrap()).to_owned(),
        }
    }

    #[test]
    fn loops_without_break_never_complete() {
        let mut co = endless();
        assert_eq!(co.start(), CoroutineState::Yielded(1));
        assert_eq!(co.send(()), CoroutineState::Yielded(2));
        assert_eq!(co.send(()), CoroutineState::Yielded(3));
        let mut co = nested_breaks();
        assert_eq!(co.start(), CoroutineState::Yielded(2));
        assert_eq!(co.send(()), CoroutineState::Yielded(2));
    }

    #[test]
    fn diverging_tails_panic() {
        assert_eq!(panic_message(tail_todo()), "not yet implemented");
        assert_eq!(panic_message(tail_panic()), "boom");
    }
}

/// A `break` or `continue` inside a statement without suspension points, whose own `let` hid a
/// local needed after the jump, packed the statement's binding instead of the outer one.
mod issue_11_statement_hides_a_local_its_jump_needs {
    use super::*;

    #[coro::coroutine]
    fn inner_let(limit: u32) -> impl Coroutine<u32, Yield = u32, Return = (String, u32)> {
        let x = String::from("outer");
        let mut i = 0;
        while i < limit {
            let n = yield_!(i);
            match n {
                0 => {
                    let i_step = 7;
                    let x = i_step;
                    i += x;
                    continue;
                }
                5 => {
                    let x = "inner";
                    assert_eq!(x, "inner");
                    break;
                }
                _ => i += n,
            }
            i += 1;
        }
        (x, i)
    }

    #[test]
    fn the_jump_carries_the_outer_local() {
        let mut co = inner_let(100);
        assert_eq!(co.start(), CoroutineState::Yielded(0));
        assert_eq!(co.send(0), CoroutineState::Yielded(7));
        assert_eq!(co.send(1), CoroutineState::Yielded(9));
        assert_eq!(co.send(5), CoroutineState::Complete(("outer".to_owned(), 9)));
    }
}

/// A `yield_from!` resumes its delegate where it lies in the delegating coroutine's state: a
/// chain of them moves no level's state on each item.
mod issue_12_delegates_resumed_in_place {
    use core::convert::Infallible;
    use core::pin::Pin;

    use coro::{CloseIgnored, Resume, Status};

    use super::*;

    /// Yields its own address on every resume (`n` times), then returns how many distinct
    /// addresses it saw itself at.
    struct Where {
        left: u32,
        seen: Vec<usize>,
    }

    impl Coroutine for Where {
        type Yield = usize;
        type Return = usize;

        fn resume(self: Pin<&mut Self>, _: Resume<(), Infallible>) -> CoroutineState<usize, usize> {
            let this = self.get_mut();
            let here = core::ptr::from_ref::<Where>(this) as usize;
            if !this.seen.contains(&here) {
                this.seen.push(here);
            }
            if this.left == 0 {
                return CoroutineState::Complete(this.seen.len());
            }
            this.left -= 1;
            CoroutineState::Yielded(here)
        }

        fn close(self: Pin<&mut Self>) -> Result<Option<usize>, CloseIgnored<usize>> {
            Ok(None)
        }

        fn status(&self) -> Status {
            if self.seen.is_empty() { Status::Created } else { Status::Suspended }
        }
    }

    #[coro::coroutine]
    fn inner(n: u32) -> impl Coroutine<Yield = usize, Return = usize> {
        let places = yield_from!(Where { left: n, seen: Vec::new() });
        places
    }

    #[coro::coroutine]
    fn outer(n: u32) -> impl Coroutine<Yield = usize, Return = usize> {
        yield_!(0);
        yield_from!(inner(n))
    }

    #[test]
    fn the_innermost_delegate_is_resumed_inside_the_outer_state() {
        let mut co = Box::pin(outer(5));
        let start = core::ptr::from_ref(&*co).cast::<u8>() as usize;
        let range = start..start + core::mem::size_of_val(&*co);
        assert_eq!(co.as_mut().resume(Resume::Start), CoroutineState::Yielded(0));
        let mut addresses = Vec::new();
        let places = loop {
            match co.as_mut().resume(Resume::Send(())) {
                CoroutineState::Yielded(at) => addresses.push(at),
                CoroutineState::Complete(places) => break places,
            }
        };
        assert_eq!(addresses.len(), 5);
        // `yield_from!` starts the delegate where it is made, then keeps it in the state.
        let (first, rest) = addresses.split_first().unwrap();
        assert!(!range.contains(first));
        assert!(rest.iter().all(|at| range.contains(at)), "{addresses:?} not in {range:?}");
        assert_eq!(places, 2, "the delegate moved once, into the state, and never again");
    }
}

/// `return` and `?` anywhere in the user's code (a condition, a `match` scrutinee, a yielded
/// value, a nested block) complete the coroutine from whichever segment they are in.
mod issue_12_completions_in_every_position {
    use super::*;

    #[coro::coroutine]
    fn parse_all(
        items: Vec<&'static str>,
    ) -> impl Coroutine<Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
        let mut total = 0;
        for item in items {
            if item.parse::<u32>()? > 100 {
                return Ok(total);
            }
            match item.parse::<u32>()? {
                0 => {
                    yield_!(0);
                    continue;
                }
                n => total += n,
            }
            yield_!(item.parse::<u32>()? * 2);
            {
                if total > 50 {
                    return Ok(total + 1000);
                }
            }
        }
        Ok(total)
    }

    fn run(items: Vec<&'static str>) -> (Vec<u32>, Result<u32, String>) {
        let mut co = parse_all(items);
        let mut yielded = Vec::new();
        let mut step = co.start();
        loop {
            match step {
                CoroutineState::Yielded(y) => yielded.push(y),
                CoroutineState::Complete(r) => return (yielded, r.map_err(|e| e.to_string())),
            }
            step = co.send(());
        }
    }

    #[test]
    fn each_exit_completes_with_its_value() {
        assert_eq!(run(vec!["1", "0", "2"]), (vec![2, 0, 4], Ok(3)));
        assert_eq!(run(vec!["1", "x"]), (vec![2], Err("invalid digit found in string".into())));
        assert_eq!(run(vec!["3", "200", "4"]), (vec![6], Ok(3)));
        assert_eq!(run(vec!["30", "30", "9"]), (vec![60, 60], Ok(1060)));
    }
}
