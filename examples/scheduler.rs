//! Round-robin cooperative scheduler over boxed coroutines: tasks give up control at each `yield_!`.
use std::collections::VecDeque;
use std::pin::Pin;

use coro::{Coroutine, CoroutineExt, CoroutineState, Status};

type Task = Pin<Box<dyn Coroutine<Yield = (), Return = ()>>>;

#[coro::coroutine]
fn task(name: &'static str, steps: u32) -> impl Coroutine<Yield = (), Return = ()> {
    for i in 1..=steps {
        println!("{name}: step {i}");
        yield_!(());
    }
}

#[derive(Default)]
struct Scheduler {
    ready: VecDeque<Task>,
}

impl Scheduler {
    fn add(&mut self, task: impl Coroutine<Yield = (), Return = ()> + 'static) {
        self.ready.push_back(Box::pin(task));
    }

    fn run(&mut self) {
        while let Some(mut task) = self.ready.pop_front() {
            let step = match task.status() {
                Status::Created => task.start(),
                _ => task.send(()),
            };
            if let CoroutineState::Yielded(()) = step {
                self.ready.push_back(task);
            }
        }
    }
}

fn main() {
    let mut scheduler = Scheduler::default();
    scheduler.add(task("A", 3));
    scheduler.add(task("B", 2));
    scheduler.add(task("C", 1));
    scheduler.run();
}
