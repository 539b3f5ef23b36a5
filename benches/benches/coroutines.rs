//! The criterion benchmarks: workloads A to E (see `src/`) for every contender.
//!
//! Run through `bash benches/run.sh`, which also builds the nightly contender and writes the
//! report. Each benchmark checks its result after the timed loop (when it ran: a filter may skip
//! it).
//!
//! Where a coroutine's creation would be timed along with the items (workloads B and C),
//! stackless contenders are created inside the timed routine (a few nanoseconds, under 0.1% of
//! an iteration) and the others (which `mmap` a stack or allocate per level) are created by
//! `iter_batched_ref` outside it.

use std::hint::black_box;

use coro::CoroutineExt;
use coro_benches::{
    Coro, Diapause, Resumable, a_averager as a, b_range as b, c_chain as c, e_framer as e,
};
use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

/// Asserts `got` (the last result of the timed loop, if it ran) equals `want`.
#[track_caller]
fn check<T: PartialEq + std::fmt::Debug>(name: &str, got: Option<T>, want: &T) {
    if let Some(got) = got {
        assert_eq!(&got, want, "{name} computed the wrong result");
    }
}

fn a_averager(crit: &mut Criterion) {
    let values = a::values();
    let mut group = crit.benchmark_group("A_averager");
    group.throughput(Throughput::Elements(a::BATCH as u64));
    let want = Some(a::MEAN);

    macro_rules! bench {
        ($name:literal, $co:expr) => {{
            let co = $co;
            assert_eq!(co.start(), Some(None), $name);
            let mut last = None;
            group.bench_function($name, |bench| bench.iter(|| last = Some(a::feed(co, &values))));
            check($name, last, &want);
        }};
    }

    bench!("coro", &mut Coro(a::coro_impl::averager()));
    bench!("hand-written", &mut Coro(a::hand::averager()));
    {
        let mut closure = a::closure::averager();
        let mut last = None;
        group.bench_function("closure", |bench| {
            bench.iter(|| last = Some(a::closure::feed(&mut closure, &values)));
        });
        check("closure", last, &want);
    }
    bench!("diapause", &mut Diapause(a::diapause_impl::averager()));
    {
        genawaiter::stack::let_gen_using!(generator, a::genawaiter_impl::averager);
        bench!("genawaiter", generator);
    }
    {
        use a::next_gen_impl::averager;
        use next_gen::prelude::*;
        mk_gen!(let mut generator = averager());
        bench!("next-gen", &mut generator);
    }
    bench!("corosensei", &mut a::corosensei_impl::averager());
    bench!("generator", &mut a::generator_impl::averager());
    #[cfg(feature = "nightly")]
    bench!("nightly", &mut coro_benches::Rustc(coro_benches_nightly::averager()));
    group.finish();
}

fn b_range(crit: &mut Criterion) {
    let mut group = crit.benchmark_group("B_range");
    group.throughput(Throughput::Elements(b::N));
    let want = b::expected(b::N);

    macro_rules! inside {
        ($name:literal, |$n:ident| $items:expr) => {{
            let mut last = None;
            group.bench_function($name, |bench| {
                bench.iter(|| {
                    let $n = black_box(b::N);
                    last = Some(b::sum($items));
                });
            });
            check($name, last, &want);
        }};
    }
    macro_rules! outside {
        ($name:literal, $make:expr, |$co:ident| $items:expr) => {{
            let mut last = None;
            group.bench_function($name, |bench| {
                bench.iter_batched_ref(
                    || $make,
                    |$co| last = Some(b::sum($items)),
                    BatchSize::SmallInput,
                );
            });
            check($name, last, &want);
        }};
    }

    inside!("coro", |n| b::coro_impl::range(n).iter());
    inside!("hand-written", |n| b::hand::range(n).iter());
    inside!("iterator", |n| 0..n);
    inside!("diapause", |n| b::diapause_impl::range(n));
    {
        let mut last = None;
        group.bench_function("genawaiter", |bench| {
            bench.iter(|| {
                let n = black_box(b::N);
                genawaiter::stack::let_gen_using!(generator, |co| b::genawaiter_impl::range(co, n));
                last = Some(b::sum(&mut *generator));
            });
        });
        check("genawaiter", last, &want);
    }
    {
        use b::next_gen_impl::range;
        use next_gen::prelude::*;
        let mut last = None;
        group.bench_function("next-gen", |bench| {
            bench.iter(|| {
                let n = black_box(b::N);
                mk_gen!(let generator = range(n));
                last = Some(b::sum(generator));
            });
        });
        check("next-gen", last, &want);
    }
    outside!("corosensei", b::corosensei_impl::range(b::N), |co| {
        core::iter::from_fn(|| co.resume(()).as_yield())
    });
    outside!("generator", b::generator_impl::range(b::N), |co| co);
    #[cfg(feature = "nightly")]
    inside!("nightly", |n| coro_benches_nightly::range(n));
    group.finish();
}

fn c_yield_from(crit: &mut Criterion) {
    let mut group = crit.benchmark_group("C_yield_from");
    group.throughput(Throughput::Elements(c::N));
    let want = c::expected(c::N);

    macro_rules! inside {
        ($name:literal, $depth:literal, |$n:ident| $items:expr) => {{
            let mut last = None;
            group.bench_function(BenchmarkId::new($name, $depth), |bench| {
                bench.iter(|| {
                    let $n = black_box(c::N);
                    last = Some(c::sum($items));
                });
            });
            check($name, last, &want);
        }};
    }
    macro_rules! outside {
        ($name:literal, $depth:literal, $make:expr, |$co:ident| $items:expr) => {{
            let mut last = None;
            group.bench_function(BenchmarkId::new($name, $depth), |bench| {
                bench.iter_batched_ref(
                    || $make,
                    |$co| last = Some(c::sum($items)),
                    BatchSize::SmallInput,
                );
            });
            check($name, last, &want);
        }};
    }
    macro_rules! depths {
        ($mac:ident!($name:literal, $module:ident $(, $rest:tt)*)) => {
            $mac!($name, 1, c::$module::depth1 $(, $rest)*);
            $mac!($name, 4, c::$module::depth4 $(, $rest)*);
            $mac!($name, 16, c::$module::depth16 $(, $rest)*);
        };
    }
    macro_rules! coroutine {
        ($name:literal, $depth:literal, $make:path) => {
            inside!($name, $depth, |n| $make(n).iter())
        };
    }
    macro_rules! iterator_inside {
        ($name:literal, $depth:literal, $make:path) => {
            inside!($name, $depth, |n| $make(n))
        };
    }
    macro_rules! iterator_outside {
        ($name:literal, $depth:literal, $make:path) => {
            outside!($name, $depth, $make(c::N), |co| co)
        };
    }
    macro_rules! corosensei {
        ($name:literal, $depth:literal, $make:path) => {
            outside!($name, $depth, $make(c::N), |co| {
                core::iter::from_fn(|| co.resume(()).as_yield())
            })
        };
    }

    depths!(coroutine!("coro", coro_impl));
    depths!(coroutine!("hand-written", hand));
    depths!(iterator_inside!("diapause", diapause_impl));
    depths!(iterator_outside!("genawaiter", genawaiter_impl));
    depths!(iterator_outside!("next-gen", next_gen_impl));
    depths!(corosensei!("corosensei", corosensei_impl));
    depths!(iterator_outside!("generator", generator_impl));
    #[cfg(feature = "nightly")]
    {
        depths!(iterator_inside!("nightly", nightly_impl));
    }
    group.finish();
}

fn d_create(crit: &mut Criterion) {
    let mut group = crit.benchmark_group("D_create");
    let want = Some(None);

    macro_rules! bench {
        ($name:literal, || $make:expr) => {{
            let mut last = None;
            group.bench_function($name, |bench| {
                bench.iter(|| {
                    let mut co = $make;
                    let first = co.start();
                    black_box(&mut co);
                    last = Some(black_box(first));
                    // `co` is dropped here, suspended.
                });
            });
            check($name, last, &want);
        }};
    }

    bench!("coro", || Coro(a::coro_impl::averager()));
    bench!("hand-written", || Coro(a::hand::averager()));
    bench!("diapause", || Diapause(a::diapause_impl::averager()));
    {
        let mut last = None;
        group.bench_function("genawaiter", |bench| {
            bench.iter(|| {
                genawaiter::stack::let_gen_using!(generator, a::genawaiter_impl::averager);
                let first = generator.start();
                black_box(&mut *generator);
                last = Some(black_box(first));
            });
        });
        check("genawaiter", last, &want);
    }
    {
        use a::next_gen_impl::averager;
        use next_gen::prelude::*;
        let mut last = None;
        group.bench_function("next-gen", |bench| {
            bench.iter(|| {
                mk_gen!(let mut generator = averager());
                let first = generator.start();
                black_box(&mut generator);
                last = Some(black_box(first));
            });
        });
        check("next-gen", last, &want);
    }
    bench!("corosensei", || a::corosensei_impl::averager());
    bench!("generator", || a::generator_impl::averager());
    #[cfg(feature = "nightly")]
    bench!("nightly", || coro_benches::Rustc(coro_benches_nightly::averager()));
    group.finish();
}

fn e_framer(crit: &mut Criterion) {
    let text = e::input();
    let want = e::expected(text);
    let mut group = crit.benchmark_group("E_framer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);

    macro_rules! bench {
        ($name:literal, || $make:expr) => {{
            let mut last = None;
            group.bench_function($name, |bench| {
                bench.iter(|| last = Some(e::frame(&mut $make, black_box(text))));
            });
            check($name, last, &want);
        }};
    }

    bench!("coro", || Coro(e::coro_impl::framer()));
    bench!("hand-written", || Coro(e::hand::framer()));
    bench!("hand-by-value", || Coro(e::hand_by_value::framer()));
    {
        let mut last = None;
        group.bench_function("callback", |bench| {
            bench.iter(|| last = Some(e::callback::frame(black_box(text))));
        });
        check("callback", last, &want);
    }
    bench!("diapause", || Diapause(e::diapause_impl::framer()));
    {
        let mut last = None;
        group.bench_function("genawaiter", |bench| {
            bench.iter(|| {
                genawaiter::stack::let_gen_using!(generator, e::genawaiter_impl::framer);
                last = Some(e::frame(generator, black_box(text)));
            });
        });
        check("genawaiter", last, &want);
    }
    {
        use e::next_gen_impl::framer;
        use next_gen::prelude::*;
        let mut last = None;
        group.bench_function("next-gen", |bench| {
            bench.iter(|| {
                mk_gen!(let mut generator = framer());
                last = Some(e::frame(&mut generator, black_box(text)));
            });
        });
        check("next-gen", last, &want);
    }
    bench!("corosensei", || e::corosensei_impl::framer());
    bench!("generator", || e::generator_impl::framer());
    #[cfg(feature = "nightly")]
    bench!("nightly", || coro_benches::Rustc(coro_benches_nightly::framer()));
    group.finish();
}

criterion_group!(benches, a_averager, b_range, c_yield_from, d_create, e_framer);
criterion_main!(benches);
