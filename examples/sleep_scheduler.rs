//! Timer scheduler: tasks ask to sleep; a min-heap keyed by wake time decides who runs next.
//! The clock is simulated so the output is deterministic.
use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Duration;

use coro::{Coroutine, CoroutineExt, CoroutineState, Status};

/// Yields the time at which the task wants to be woken up.
#[coro::coroutine]
fn sleep(clock: &Cell<Duration>, delay: Duration) -> impl Coroutine<Yield = Duration, Return = ()> {
    yield_!(clock.get() + delay);
}

#[coro::coroutine]
fn chatty<'a>(
    clock: &'a Cell<Duration>,
    name: &'static str,
    delay: Duration,
    times: u32,
) -> impl Coroutine<Yield = Duration, Return = String> + 'a {
    for i in 0..times {
        println!("[{:.2}] {name} #{i}", clock.get().as_secs_f64());
        yield_from!(sleep(clock, delay));
    }
    format!("{name} finished")
}

/// Runs the tasks until all have finished, always resuming the one with the earliest wake time
/// (ties go to whoever asked first), and moves the clock forward to it.
fn run(
    clock: &Cell<Duration>,
    mut tasks: Vec<impl CoroutineExt<(), Yield = Duration, Return = String>>,
) {
    // Entries are `(wake time, sequence number, task index)`; `Reverse` makes the heap a min-heap.
    let mut heap: BinaryHeap<_> =
        (0..tasks.len()).map(|i| Reverse((Duration::ZERO, i, i))).collect();
    let mut seq = tasks.len();
    while let Some(Reverse((wake, _, i))) = heap.pop() {
        clock.set(clock.get().max(wake));
        let task = &mut tasks[i];
        let step = if task.status() == Status::Created { task.start() } else { task.send(()) };
        match step {
            CoroutineState::Yielded(when) => {
                heap.push(Reverse((when, seq, i)));
                seq += 1;
            }
            CoroutineState::Complete(message) => {
                println!("[{:.2}] {message}", clock.get().as_secs_f64());
            }
        }
    }
}

fn main() {
    let clock = Cell::new(Duration::ZERO);
    let ms = Duration::from_millis;
    run(
        &clock,
        vec![
            chatty(&clock, "fast", ms(300), 4),
            chatty(&clock, "slow", ms(500), 3),
            chatty(&clock, "once", ms(2000), 1),
        ],
    );
}
