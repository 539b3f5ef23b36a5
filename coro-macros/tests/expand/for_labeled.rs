//! `for` over owned data with a labeled `continue` and `break` out of the outer loop.
use coro::{Coroutine, CoroutineExt};

#[coro::coroutine]
fn pairs(rows: Vec<Vec<u32>>) -> impl Coroutine<Yield = (usize, u32), Return = usize> {
    let mut seen = 0;
    'rows: for (i, row) in rows.into_iter().enumerate() {
        for x in row {
            if x == 0 {
                continue 'rows;
            }
            if x == 99 {
                break 'rows;
            }
            seen += 1;
            yield_!((i, x));
        }
    }
    seen
}

fn main() {
    let co = pairs(vec![vec![1, 2], vec![0, 5], vec![3, 99, 4], vec![7]]);
    let got: Vec<_> = co.iter().collect();
    assert_eq!(got, vec![(0, 1), (0, 2), (2, 3)]);
    let mut co = pairs(vec![vec![1]]);
    co.start();
    assert_eq!(co.send(()), coro::CoroutineState::Complete(1));
}
