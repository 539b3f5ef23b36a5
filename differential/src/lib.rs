//! Differential testing of `coro` against rustc's own (unstable) coroutines.
//!
//! [`differential!`] takes one coroutine body, written with `yield_!(value)`, and compiles it
//! twice: as a `#[coro::coroutine]` function, and as a rustc `#[coroutine]` closure in which
//! `yield_!(value)` expands to `yield value`. [`compare`] drives both with the same values,
//! records everything that happens in one [`DropLog`] (each resume, each yielded value, the
//! return value, the body's own log entries and every `drop <name>`) and asserts that the two
//! logs are equal, for the whole run and for the run cut short after each resume, the coroutine
//! being dropped while suspended there.
//!
//! Building this crate needs `RUSTC_BOOTSTRAP=1` on a stable compiler (see `Cargo.toml`).
#![feature(coroutine_trait)]

use std::cell::RefCell;
use std::fmt::{self, Debug};
use std::ops::Coroutine as RustcCoroutine;
use std::ops::CoroutineState as RustcState;
use std::rc::Rc;

use coro::{Coroutine as CoroCoroutine, CoroutineState as CoroState, Resume};

/// An ordered, shared log of events. Clones share the same log.
#[derive(Clone, Default)]
pub struct DropLog(Rc<RefCell<Vec<String>>>);

impl DropLog {
    /// An empty log.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A value that logs `drop <name>` when it is dropped.
    pub fn noisy(&self, name: impl Into<String>) -> Noisy {
        Noisy { name: name.into(), log: self.clone() }
    }

    /// Appends an event.
    pub fn push(&self, event: impl Into<String>) {
        self.0.borrow_mut().push(event.into());
    }

    /// Appends `event` and returns `value`: marks when an operand is evaluated.
    pub fn note<T>(&self, event: &str, value: T) -> T {
        self.push(event);
        value
    }

    /// Every event so far, leaving the log empty.
    #[must_use]
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl Debug for DropLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.borrow().iter()).finish()
    }
}

/// Logs `drop <name>` when dropped.
pub struct Noisy {
    name: String,
    log: DropLog,
}

impl Noisy {
    /// The name it logs.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A use of the value (so that it is live up to here, under coro's liveness rule), without
    /// logging anything.
    pub fn touch(&self) {
        let _ = self;
    }

    /// Logs `use <name>`.
    pub fn used(&self) {
        self.log.push(format!("use {}", self.name));
    }
}

impl Debug for Noisy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Noisy({})", self.name)
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        self.log.push(format!("drop {}", self.name));
    }
}

/// What one run logged, in order.
pub type Trace = Vec<String>;

/// The input of resume number `step` (0-based) of a run that sends `sends` after the start.
fn input<S: Clone + Debug>(step: usize, sends: &[S], log: &DropLog) -> Option<S> {
    if step == 0 {
        log.push("start");
        None
    } else {
        let value = sends[step - 1].clone();
        log.push(format!("send {value:?}"));
        Some(value)
    }
}

/// Runs a coro coroutine for at most `resumes` resumes (the start, then `sends` in order),
/// stopping early if it completes, then drops it. Returns the log and how many resumes ran.
pub fn run_coro<S, C>(log: &DropLog, co: C, sends: &[S], resumes: usize) -> (Trace, usize)
where
    S: Clone + Debug,
    C: CoroCoroutine<S>,
    C::Yield: Debug,
    C::Return: Debug,
{
    let mut co = Box::pin(co);
    let mut ran = 0;
    while ran < resumes.min(sends.len() + 1) {
        let resume = match input(ran, sends, log) {
            None => Resume::Start,
            Some(value) => Resume::Send(value),
        };
        ran += 1;
        match co.as_mut().resume(resume) {
            CoroState::Yielded(value) => log.push(format!("yield {value:?}")),
            CoroState::Complete(value) => {
                log.push(format!("return {value:?}"));
                break;
            }
        }
    }
    log.push("drop the coroutine");
    drop(co);
    log.push("dropped");
    (log.take(), ran)
}

/// [`run_coro`] for a rustc coroutine. The first resume passes `S::default()`, which the closure
/// ignores (its parameter plays the part of coro's `start()`, which carries no value).
pub fn run_rustc<S, C>(log: &DropLog, co: C, sends: &[S], resumes: usize) -> (Trace, usize)
where
    S: Clone + Debug + Default,
    C: RustcCoroutine<S>,
    C::Yield: Debug,
    C::Return: Debug,
{
    let mut co = Box::pin(co);
    let mut ran = 0;
    while ran < resumes.min(sends.len() + 1) {
        let resume = input(ran, sends, log).unwrap_or_default();
        ran += 1;
        match co.as_mut().resume(resume) {
            RustcState::Yielded(value) => log.push(format!("yield {value:?}")),
            RustcState::Complete(value) => {
                log.push(format!("return {value:?}"));
                break;
            }
        }
    }
    log.push("drop the coroutine");
    drop(co);
    log.push("dropped");
    (log.take(), ran)
}

/// Runs `name` under coro and under rustc for each scenario (the values sent after the start)
/// and asserts that the logs are equal: for the whole scenario, and for the scenario cut short
/// after each resume, the coroutine dropped while suspended there (0 resumes: dropped before it
/// starts). `args` makes a fresh set of arguments for each run.
///
/// Each scenario must run the body to completion, so that the runs cut short stop at every
/// suspension point the scenario passes, and the return value is compared.
pub fn compare<A, S, Y, R, C1, C2>(
    name: &str,
    args: impl Fn(&DropLog) -> A,
    under_coro: impl Fn(A) -> C1,
    under_rustc: impl Fn(A) -> C2,
    scenarios: &[&[S]],
) where
    S: Clone + Debug + Default,
    Y: Debug,
    R: Debug,
    C1: CoroCoroutine<S, Yield = Y, Return = R>,
    C2: RustcCoroutine<S, Yield = Y, Return = R>,
{
    let log = DropLog::new();
    for (number, sends) in scenarios.iter().enumerate() {
        let all = sends.len() + 1;
        let (coro_trace, coro_ran) = run_coro(&log, under_coro(args(&log)), sends, all);
        let (rustc_trace, rustc_ran) = run_rustc(&log, under_rustc(args(&log)), sends, all);
        assert_eq!(
            coro_trace, rustc_trace,
            "{name}, scenario {number} {sends:?}: coro (left) and rustc (right) differ"
        );
        assert_eq!(coro_ran, rustc_ran);
        assert!(
            coro_trace.iter().any(|event| event.starts_with("return ")),
            "{name}, scenario {number} {sends:?} does not run the body to completion: \
             {coro_trace:?}"
        );
        for resumes in 0..coro_ran {
            let (coro_trace, _) = run_coro(&log, under_coro(args(&log)), sends, resumes);
            let (rustc_trace, _) = run_rustc(&log, under_rustc(args(&log)), sends, resumes);
            assert_eq!(
                coro_trace, rustc_trace,
                "{name}, scenario {number} {sends:?} dropped after {resumes} resumes: coro \
                 (left) and rustc (right) differ"
            );
        }
    }
}

/// Replaces `yield_!(value)` in the rustc version of a body: `yield value`.
#[doc(hidden)]
#[macro_export]
macro_rules! __rustc_yield {
    ($value:expr) => {
        yield $value
    };
}

/// Mentions the arguments, last first, as the first statement of the rustc closure: a closure
/// stores (and, dropped before it runs, drops) what it captures in the order of first mention,
/// while a function (and so coro) drops its arguments last first.
#[doc(hidden)]
#[macro_export]
macro_rules! __mention_reversed {
    ([$($reversed:ident)*] $first:ident $($rest:ident)*) => {
        $crate::__mention_reversed!([$first $($reversed)*] $($rest)*)
    };
    ([$($reversed:ident)*]) => {
        let _ = ($(&$reversed,)*);
    };
}

/// Compiles one coroutine body twice, under coro and under rustc, in a module named after it:
///
/// ```text
/// // Comments, not doc comments: the macro's input starts with the attribute.
/// differential! {
///     #[coro::coroutine]
///     fn name(log: DropLog, n: u32) -> Coroutine<Send, Yield = Y, Return = R> {
///         // body with `yield_!(value)`
///     }
/// }
/// ```
///
/// - `name::under_coro(log, n)` is `#[coro::coroutine] fn under_coro(log: DropLog, n: u32) ->
///   impl coro::Coroutine<Send, Yield = Y, Return = R> { body }`.
/// - `name::under_rustc(log, n)` returns `#[coroutine] static move |_: Send| { let log = log;
///   let n = n; body }`, where `yield_!` is a macro that expands `yield_!(value)` to `yield
///   value`. The arguments are moved into locals first, as an `async fn` does, so that they are
///   dropped when the body completes, after its locals, last first; see also
///   `__mention_reversed!`. The closure is `static` (pinned, like coro's state machine, by the
///   driver) so that rustc accepts the borrows that coro accepts across a suspension point: a
///   method receiver, a comparison operand.
/// - `name::check(args, scenarios)` runs [`compare`] on the two.
///
/// The caller writes the `#[coro::coroutine]` attribute and the macro re-emits those very tokens:
/// coro names a saved `_name` guard with the span of the attribute (`Span::call_site()`), which
/// resolves to the guard only when the attribute and the body come from the same place. An
/// attribute written in this macro's own text makes every body with a guard fail with E0425.
///
/// The invoking crate needs `#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]`.
#[macro_export]
macro_rules! differential {
    (
        $pound:tt $coro_attribute:tt
        fn $name:ident ($($arg:ident : $ty:ty),* $(,)?)
            -> Coroutine<$send:ty, Yield = $yield:ty, Return = $ret:ty>
        { $($body:tt)* }
    ) => {
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;

            /// The body under coro.
            $pound $coro_attribute
            pub fn under_coro($($arg: $ty),*)
                -> impl ::coro::Coroutine<$send, Yield = $yield, Return = $ret>
            {
                $($body)*
            }

            /// The same body under rustc.
            pub fn under_rustc($($arg: $ty),*)
                -> impl ::core::ops::Coroutine<$send, Yield = $yield, Return = $ret>
            {
                #[coroutine]
                static move |_: $send| {
                    $crate::__mention_reversed!([] $($arg)*);
                    $(let $arg = $arg;)*
                    #[allow(unused_imports)]
                    use $crate::__rustc_yield as yield_;
                    $($body)*
                }
            }

            /// Compares the two on each scenario; `args` makes the arguments of one run.
            pub fn check(
                args: impl Fn(&$crate::DropLog) -> ($($ty,)*),
                scenarios: &[&[$send]],
            ) {
                $crate::compare(
                    stringify!($name),
                    args,
                    |($($arg,)*)| under_coro($($arg),*),
                    |($($arg,)*)| under_rustc($($arg),*),
                    scenarios,
                )
            }
        }
    };
}
