//! Regression tests for bugs found while building the compiler, one module each, named after
//! what broke.

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
