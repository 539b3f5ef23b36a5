#![allow(unsafe_code)] // the counting allocator below; no coroutine code is unsafe
//! A coroutine is as small as the enum a careful person would write by hand for the same
//! function, and creating, running and dropping one never touches the heap.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::mem::size_of_val;

use coro::{Coroutine, CoroutineExt, CoroutineState};

// ---- the averager ----------------------------------------------------------------------------

#[coro::coroutine]
fn averager() -> impl Coroutine<f64, Yield = Option<f64>, Return = ()> {
    let (mut total, mut count) = (0.0, 0u32);
    let mut average = None;
    loop {
        let value = yield_!(average);
        total += value;
        count += 1;
        average = Some(total / f64::from(count));
    }
}

/// The averager by hand: the running sums are all it keeps between sends.
#[allow(dead_code)]
enum HandAverager {
    Start,
    Running { total: f64, count: u32 },
    Done,
}

#[test]
fn averager_is_as_small_as_by_hand() {
    let co = averager();
    assert_eq!(size_of_val(&co), size_of::<HandAverager>());
}

// ---- the line framer -------------------------------------------------------------------------

enum Input {
    Chunk(Vec<u8>),
    Eof,
}

#[coro::coroutine]
fn line_framer() -> impl Coroutine<Input, Yield = Option<Vec<u8>>, Return = ()> {
    let mut buffer = Vec::new();
    loop {
        match yield_!(None) {
            Input::Chunk(chunk) => buffer.extend_from_slice(&chunk),
            Input::Eof => {
                if !buffer.is_empty() {
                    yield_!(Some(buffer));
                }
                return;
            }
        }
        while let Some(end) = buffer.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            yield_!(Some(line));
        }
    }
}

/// The line framer by hand: the pending bytes, and nothing else, across every suspension.
#[allow(dead_code)]
enum HandLineFramer {
    Start,
    WantInput { buffer: Vec<u8> },
    GaveLine { buffer: Vec<u8> },
    Flushed,
    Done,
}

#[test]
fn line_framer_is_as_small_as_by_hand() {
    let co = line_framer();
    assert_eq!(size_of_val(&co), size_of::<HandLineFramer>());
}

#[test]
fn line_framer_frames_lines() {
    let mut co = line_framer();
    assert_eq!(co.start(), CoroutineState::Yielded(None));
    assert_eq!(
        co.send(Input::Chunk(b"ab\ncd".to_vec())),
        CoroutineState::Yielded(Some(b"ab\n".to_vec()))
    );
    assert_eq!(co.send(Input::Chunk(Vec::new())), CoroutineState::Yielded(None));
    assert_eq!(co.send(Input::Eof), CoroutineState::Yielded(Some(b"cd".to_vec())));
    assert_eq!(co.send(Input::Chunk(Vec::new())), CoroutineState::Complete(()));
}

// ---- allocations -----------------------------------------------------------------------------

/// Counts the allocations made on the current thread (other tests run on other threads).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn running_a_coroutine_never_allocates() {
    let before = allocations();
    let mut co = averager();
    let mut last = co.start();
    for i in 0..1000 {
        last = co.send(f64::from(i));
    }
    drop(co);
    let during = allocations() - before;
    assert_eq!(last, CoroutineState::Yielded(Some(499.5)));
    assert_eq!(during, 0, "the averager allocated {during} times");
}
