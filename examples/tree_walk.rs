//! Recursive in-order walk of a binary search tree: each subtree is walked by a boxed coroutine
//! that the parent delegates to with `yield_from!`, and returns how many nodes it visited.
use std::pin::Pin;

use coro::{Coroutine, CoroutineExt, CoroutineState};

type Tree = Option<Box<Node>>;

struct Node {
    left: Tree,
    value: u32,
    right: Tree,
}

fn insert(tree: &mut Tree, value: u32) {
    match tree {
        None => *tree = Some(Box::new(Node { left: None, value, right: None })),
        Some(node) if value < node.value => insert(&mut node.left, value),
        Some(node) => insert(&mut node.right, value),
    }
}

/// Yields `(value, depth)` for every node in order; returns the number of nodes. Recursion needs
/// a boxed coroutine: its state holds the state of the walk it delegates to.
#[coro::coroutine]
fn walk(
    tree: &Tree,
    depth: usize,
) -> Pin<Box<dyn Coroutine<Yield = (u32, usize), Return = usize> + '_>> {
    let Some(node) = tree else { return 0 };
    let left = yield_from!(walk(&node.left, depth + 1));
    yield_!((node.value, depth));
    let right = yield_from!(walk(&node.right, depth + 1));
    left + 1 + right
}

fn main() {
    let mut tree = None;
    for value in [5, 3, 8, 1, 4, 7, 9, 2, 6] {
        insert(&mut tree, value);
    }
    let mut walker = walk(&tree, 0);
    let mut step = walker.start();
    loop {
        match step {
            CoroutineState::Yielded((value, depth)) => {
                println!("{:indent$}{value}", "", indent = 2 * depth);
            }
            CoroutineState::Complete(count) => {
                println!("visited {count} nodes");
                break;
            }
        }
        step = walker.send(());
    }
}
