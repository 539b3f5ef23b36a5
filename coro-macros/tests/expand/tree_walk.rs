//! Recursion through `Pin<Box<dyn Coroutine>>`: an in-order walk of a binary tree.
use std::pin::Pin;

use coro::{Coroutine, CoroutineExt};

enum Tree {
    Leaf,
    Node(Box<Tree>, u32, Box<Tree>),
}

#[coro::coroutine]
fn walk(tree: &Tree) -> Pin<Box<dyn Coroutine<Yield = u32, Return = ()> + '_>> {
    if let Tree::Node(left, value, right) = tree {
        yield_from!(walk(left));
        yield_!(*value);
        yield_from!(walk(right));
    }
}

fn main() {
    let leaf = || Box::new(Tree::Leaf);
    let tree = Tree::Node(Box::new(Tree::Node(leaf(), 1, leaf())), 2, Box::new(Tree::Node(leaf(), 3, leaf())));
    let values: Vec<u32> = walk(&tree).iter().collect();
    assert_eq!(values, [1, 2, 3]);
}
