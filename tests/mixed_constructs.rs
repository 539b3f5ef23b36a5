//! Bodies that mix many constructs, each with a suspension point inside, checked step by step.
use coro::{Coroutine, CoroutineExt, CoroutineState};
use std::fmt::Debug;

#[coro::coroutine]
fn labeled_block_value() -> impl Coroutine<i32, Yield = &'static str, Return = i32> {
    let v = 'blk: {
        let a = yield_!("a");
        if a > 10 {
            break 'blk a * 2;
        }
        let b = yield_!("b");
        a + b
    };
    v + 1
}

#[coro::coroutine]
fn else_if_chain(n: i32) -> impl Coroutine<i32, Yield = i32, Return = i32> {
    let r = if n < 0 {
        yield_!(-1)
    } else if n == 0 {
        0
    } else if n < 10 {
        yield_!(n) + yield_!(n * 2)
    } else {
        100
    };
    r
}

#[coro::coroutine]
fn destructure() -> impl Coroutine<(i32, String), Yield = usize, Return = String> {
    let (a, mut b) = yield_!(0);
    for (i, (x, y)) in vec![(1, 'x'), (2, 'y')].into_iter().enumerate() {
        b.push(y);
        let (c, _) = yield_!(i + usize::try_from(x + a).unwrap());
        b.push_str(&c.to_string());
    }
    b
}

#[coro::coroutine]
fn macros_named() -> impl Coroutine<u32, Yield = (), Return = String> {
    let v = vec![yield_!(()), 2, yield_!(())];
    format!("{first}-{} {v:?}", yield_!(()), first = yield_!(()))
}

#[coro::coroutine]
fn generic_after<T: Debug + Clone + PartialOrd>(
    items: Vec<T>,
) -> impl Coroutine<Yield = T, Return = Option<T>> {
    let mut best: Option<T> = None;
    for item in items {
        yield_!(item.clone());
        match &best {
            Some(b) if *b >= item => {}
            _ => best = Some(item),
        }
    }
    best
}

#[coro::coroutine]
fn nested_loops_shadow() -> impl Coroutine<Yield = (u32, u32), Return = u32> {
    let x = 100;
    let mut total = 0;
    'outer: for i in 0..3u32 {
        let x = x + i;
        let mut j = 0;
        while j < 3 {
            j += 1;
            if j == 2 {
                continue;
            }
            if i == 2 {
                break 'outer;
            }
            let x = (x, j);
            yield_!(x);
            total += x.0 + x.1;
        }
    }
    total + x
}

struct Acc {
    sum: i64,
}
impl Acc {
    #[coro::coroutine]
    fn feed(&mut self) -> impl Coroutine<Option<i64>, Yield = i64, Return = i64> + '_ {
        while let Some(v) = yield_!(self.sum) {
            self.sum += v;
            if self.sum > 100 {
                return -1;
            }
        }
        self.sum
    }
}

#[test]
fn all() {
    let mut c = labeled_block_value();
    assert_eq!(c.start(), CoroutineState::Yielded("a"));
    assert_eq!(c.send(20), CoroutineState::Complete(41));
    let mut c = labeled_block_value();
    c.start();
    assert_eq!(c.send(1), CoroutineState::Yielded("b"));
    assert_eq!(c.send(2), CoroutineState::Complete(4));

    let mut c = else_if_chain(5);
    assert_eq!(c.start(), CoroutineState::Yielded(5));
    assert_eq!(c.send(1), CoroutineState::Yielded(10));
    assert_eq!(c.send(2), CoroutineState::Complete(3));
    let mut c = else_if_chain(0);
    assert_eq!(c.start(), CoroutineState::Complete(0));

    let mut c = destructure();
    assert_eq!(c.start(), CoroutineState::Yielded(0));
    assert_eq!(c.send((10, "s".into())), CoroutineState::Yielded(11));
    assert_eq!(c.send((7, String::new())), CoroutineState::Yielded(13));
    assert_eq!(c.send((8, String::new())), CoroutineState::Complete("sx7y8".to_owned()));

    let mut c = macros_named();
    c.start();
    c.send(1);
    c.send(3);
    c.send(4);
    assert_eq!(c.send(5), CoroutineState::Complete("5-4 [1, 2, 3]".to_owned()));

    let got: Vec<i32> = generic_after(vec![3, 1, 4]).iter().collect();
    assert_eq!(got, [3, 1, 4]);
    let mut c = generic_after(vec![3, 1, 4]);
    c.start();
    c.send(());
    c.send(());
    assert_eq!(c.send(()), CoroutineState::Complete(Some(4)));

    let mut c = nested_loops_shadow();
    assert_eq!(c.start(), CoroutineState::Yielded((100, 1)));
    assert_eq!(c.send(()), CoroutineState::Yielded((100, 3)));
    assert_eq!(c.send(()), CoroutineState::Yielded((101, 1)));
    assert_eq!(c.send(()), CoroutineState::Yielded((101, 3)));
    assert_eq!(c.send(()), CoroutineState::Complete(510));

    let mut acc = Acc { sum: 1 };
    let mut c = acc.feed();
    assert_eq!(c.start(), CoroutineState::Yielded(1));
    assert_eq!(c.send(Some(5)), CoroutineState::Yielded(6));
    assert_eq!(c.send(None), CoroutineState::Complete(6));
}

#[derive(Debug, PartialEq, Clone, Default)]
struct P {
    a: u32,
    b: u32,
    c: u32,
}

#[coro::coroutine]
fn exprs(
    items: &[Option<u32>],
) -> impl Coroutine<u32, Yield = u32, Return = Option<(P, i64, [u32; 2], u32)>> {
    let mut acc = 0;
    for i in 0..yield_!(100) {
        match &items[usize::try_from(i).ok()?] {
            Some(x) if *x > 5 => acc += yield_!(*x),
            Some(x) => acc += x,
            None => continue,
        }
    }
    let nested = yield_!(yield_!(1) + 1);
    let p = P { a: yield_!(2), ..P { c: acc, ..Default::default() } };
    let arr = [yield_!(3); 2];
    let idx = [10, 20, 30][usize::try_from(yield_!(4)).ok()?];
    let neg = -(i64::from(yield_!(5)));
    let checked = yield_!(6).checked_add(nested)?;
    let r = loop {
        match yield_!(7) {
            0 => continue,
            1 => break checked,
            n => return Some((p, neg, arr, n + idx)),
        }
    };
    Some((p, neg, arr, r))
}

#[test]
fn more() {
    let items = [Some(1), None, Some(9)];
    let mut c = exprs(&items);
    assert_eq!(c.start(), CoroutineState::Yielded(100));
    assert_eq!(c.send(3), CoroutineState::Yielded(9));
    assert_eq!(c.send(40), CoroutineState::Yielded(1));
    assert_eq!(c.send(5), CoroutineState::Yielded(6));
    assert_eq!(c.send(50), CoroutineState::Yielded(2));
    assert_eq!(c.send(7), CoroutineState::Yielded(3));
    assert_eq!(c.send(8), CoroutineState::Yielded(4));
    assert_eq!(c.send(1), CoroutineState::Yielded(5));
    assert_eq!(c.send(3), CoroutineState::Yielded(6));
    assert_eq!(c.send(10), CoroutineState::Yielded(7));
    assert_eq!(c.send(0), CoroutineState::Yielded(7));
    let p = P { a: 7, b: 0, c: 41 };
    assert_eq!(c.send(1), CoroutineState::Complete(Some((p, -3, [8, 8], 60))));
}
