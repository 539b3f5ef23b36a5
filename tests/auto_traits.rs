//! A coroutine is `Send` and `Sync` exactly when its saved state is: its arguments (held until it
//! starts) and the locals saved at its suspension points. A value used only between two suspension
//! points is not saved and does not count. Boxed as `Pin<Box<dyn Coroutine<..>>>`, coroutines of
//! different functions share one type. `tests/ui/auto_traits/` holds the case that must not
//! compile.

use std::cell::Cell;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::thread;

use coro::CoroutineState::{Complete, Yielded};
use coro::{Coroutine, CoroutineExt, Status};

fn assert_send<T: Send>(_: &T) {}

fn assert_sync<T: Sync>(_: &T) {}

/// Tells at run time whether a concrete type is `Send` / `Sync`: method resolution tries the
/// impl on `&Probe<T>` (which needs the auto trait) before the one on `Probe<T>`.
struct Probe<T>(PhantomData<T>);

fn probe<T>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

trait IsSend {
    fn is_send(&self) -> bool {
        true
    }
}

impl<T: Send> IsSend for &Probe<T> {}

trait NotSend {
    fn is_send(&self) -> bool {
        false
    }
}

impl<T> NotSend for Probe<T> {}

trait IsSync {
    fn is_sync(&self) -> bool {
        true
    }
}

impl<T: Sync> IsSync for &Probe<T> {}

trait NotSync {
    fn is_sync(&self) -> bool {
        false
    }
}

impl<T> NotSync for Probe<T> {}

/// `(is Send, is Sync)` for the type of the expression.
macro_rules! auto_traits {
    ($value:expr) => {{
        let probe = probe(&$value);
        ((&&probe).is_send(), (&&probe).is_sync())
    }};
}

#[test]
fn the_probe_tells_the_auto_traits_apart() {
    assert_eq!(auto_traits!(5_u8), (true, true));
    assert_eq!(auto_traits!(Rc::new(5)), (false, false));
    assert_eq!(auto_traits!(Cell::new(5)), (true, false));
}

/// Saves only `Send + Sync` values.
#[coro::coroutine]
fn plain(words: Vec<String>) -> impl Coroutine<Yield = String, Return = usize> {
    let mut count = 0;
    for word in words {
        count += 1;
        yield_!(word);
    }
    count
}

#[test]
fn send_and_sync_when_the_saved_state_is() {
    let co = plain(vec!["a".to_owned()]);
    assert_send(&co);
    assert_sync(&co);
    assert_eq!(auto_traits!(co), (true, true));
}

/// Saves an `Rc` across its `yield_!`.
#[coro::coroutine]
fn rc_held_across_yield() -> impl Coroutine<Yield = usize, Return = ()> {
    let shared = Rc::new(5);
    yield_!(Rc::strong_count(&shared));
    yield_!(*shared);
}

#[test]
fn rc_held_across_yield_is_not_send() {
    // Passing it to `assert_send` does not compile: tests/ui/auto_traits/.
    let mut co = rc_held_across_yield();
    assert_eq!(auto_traits!(co), (false, false));
    assert_eq!(co.start(), Yielded(1));
    assert_eq!(co.send(()), Yielded(5));
}

/// Uses an `Rc` only before its `yield_!`: it is dropped when the coroutine suspends, and not
/// saved.
#[coro::coroutine]
fn rc_dropped_before_yield() -> impl Coroutine<Yield = usize, Return = usize> {
    let shared = Rc::new(5);
    let count = Rc::strong_count(&shared) + *shared;
    yield_!(count);
    count * 2
}

#[test]
fn rc_dropped_before_yield_is_send() {
    let co = rc_dropped_before_yield();
    assert_send(&co);
    assert_sync(&co);
    assert_eq!(auto_traits!(co), (true, true));
    // And it can run on another thread.
    let result = thread::spawn(move || {
        let mut co = co;
        assert_eq!(co.start(), Yielded(6));
        co.send(())
    })
    .join()
    .unwrap();
    assert_eq!(result, Complete(12));
}

/// Keeps an `Rc` guard alive across its `yield_!` (a `_name` binding is saved while in scope).
#[coro::coroutine]
fn rc_guard() -> impl Coroutine<Yield = u8, Return = ()> {
    let _guard = Rc::new(());
    yield_!(1);
}

#[test]
fn a_saved_guard_counts() {
    let mut co = rc_guard();
    assert_eq!(auto_traits!(co), (false, false));
    assert_eq!(co.start(), Yielded(1));
}

/// Takes an `Rc` argument and uses it only before its first `yield_!`.
#[coro::coroutine]
fn rc_argument(shared: Rc<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
    let n = *shared;
    yield_!(n);
}

#[test]
fn arguments_are_saved_until_the_coroutine_starts() {
    // The arguments live in the state until the first resume, so they count even if the body
    // drops them before suspending.
    let mut co = rc_argument(Rc::new(3));
    assert_eq!(auto_traits!(co), (false, false));
    assert_eq!(co.start(), Yielded(3));
}

/// Saves a `Cell`: `Send`, not `Sync`.
#[coro::coroutine]
fn cell_held() -> impl Coroutine<Yield = u32, Return = ()> {
    let cell = Cell::new(1);
    yield_!(cell.get());
    cell.set(2);
    yield_!(cell.get());
}

#[test]
fn send_but_not_sync_when_the_saved_state_is() {
    let co = cell_held();
    assert_send(&co);
    assert_eq!(auto_traits!(co), (true, false));
    let values = thread::spawn(move || co.iter().collect::<Vec<_>>()).join().unwrap();
    assert_eq!(values, [1, 2]);
}

#[test]
fn a_sync_coroutine_can_be_shared_between_threads() {
    let mut co = plain(vec!["a".to_owned(), "b".to_owned()]);
    assert_eq!(co.start(), Yielded("a".to_owned()));
    let seen = thread::scope(|s| s.spawn(|| co.status()).join().unwrap());
    assert_eq!(seen, Status::Suspended);
    assert_eq!(co.send(()), Yielded("b".to_owned()));
}

// ---------------------------------------------------------------------------------------------
// Heterogeneous collections

type Task = Pin<Box<dyn Coroutine<u32, Yield = u32, Return = String>>>;

/// Adds what it is sent to a running total.
#[coro::coroutine]
fn adder(name: &'static str) -> impl Coroutine<u32, Yield = u32, Return = String> {
    let mut total = 0;
    while total < 10 {
        total += yield_!(total);
    }
    format!("{name} reached {total}")
}

/// Counts the values it is sent; returned boxed by the attribute.
#[coro::coroutine]
fn counter(limit: u32) -> Pin<Box<dyn Coroutine<u32, Yield = u32, Return = String>>> {
    let mut seen = 0;
    while seen < limit {
        let _ = yield_!(seen);
        seen += 1;
    }
    format!("counted {seen}")
}

/// Holds an `Rc` (not `Send`): fine in a collection that is not sent anywhere.
#[coro::coroutine]
fn shared_echo(shared: Rc<Cell<u32>>) -> impl Coroutine<u32, Yield = u32, Return = String> {
    let mut last = shared.get();
    while last != 0 {
        shared.set(last);
        last = yield_!(last);
    }
    format!("echoed until {}", shared.get())
}

#[test]
fn boxed_coroutines_of_different_functions_share_one_type() {
    let shared = Rc::new(Cell::new(7));
    let mut tasks: Vec<Task> =
        vec![Box::pin(adder("adder")), counter(3), Box::pin(shared_echo(shared.clone()))];
    let mut trace = Vec::new();
    let mut results = Vec::new();
    for task in &mut tasks {
        assert_eq!(task.status(), Status::Created);
        trace.push(task.start().yielded().unwrap());
    }
    assert_eq!(trace, [0, 0, 7]);
    for send in [4, 6, 0] {
        for task in &mut tasks {
            if task.status() == Status::Completed {
                continue;
            }
            match task.send(send) {
                Yielded(value) => trace.push(value),
                Complete(result) => results.push(result),
            }
        }
    }
    assert_eq!(trace, [0, 0, 7, 4, 1, 4, 2, 6]);
    assert_eq!(results, ["adder reached 10", "counted 3", "echoed until 6"]);
    assert_eq!(shared.get(), 6);
}

type SendTask = Pin<Box<dyn Coroutine<u32, Yield = u32, Return = String> + Send>>;

#[test]
fn boxed_send_coroutines_move_to_another_thread() {
    let tasks: Vec<SendTask> = vec![Box::pin(adder("a")), Box::pin(adder("b"))];
    let results = thread::spawn(move || {
        tasks
            .into_iter()
            .map(|mut task| {
                task.start();
                loop {
                    if let Complete(result) = task.send(5) {
                        break result;
                    }
                }
            })
            .collect::<Vec<_>>()
    })
    .join()
    .unwrap();
    assert_eq!(results, ["a reached 10", "b reached 10"]);
}
