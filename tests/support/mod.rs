//! Shared test helpers: a log that records side effects and drops in the order they happen, and
//! `Noisy`, a value that writes `drop <name>` to the log when it is dropped.
// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// An ordered, shared log of events. Clones share the same log.
#[derive(Clone, Default)]
pub struct DropLog(Rc<RefCell<Vec<String>>>);

impl DropLog {
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
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }

    /// Every event so far.
    pub fn entries(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

impl fmt::Debug for DropLog {
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
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A use of the value (so that it is live up to here), without logging anything.
    #[allow(clippy::unused_self)]
    pub fn touch(&self) {}

    /// Logs `use <name>`.
    pub fn used(&self) {
        self.log.push(format!("use {}", self.name));
    }
}

impl fmt::Debug for Noisy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Noisy({})", self.name)
    }
}

impl PartialEq for Noisy {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        self.log.push(format!("drop {}", self.name));
    }
}

/// Compares a log with string literals.
#[track_caller]
pub fn assert_log(log: &[String], expected: &[&str]) {
    assert_eq!(log, expected, "log (left) differs from the expected events (right)");
}
