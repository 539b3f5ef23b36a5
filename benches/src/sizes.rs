//! `size_of` each contender's coroutine object, for the report (`src/bin/sizes.rs` prints them).
//!
//! "Inline" is what the caller holds (and moves); a stackful coroutine or a boxed future also
//! owns memory elsewhere, given in the note.

use core::mem::{size_of, size_of_val};

use crate::{a_averager as a, b_range as b, c_chain as c, e_framer as e};

/// One row of the size table.
#[derive(Debug, Clone)]
pub struct Size {
    /// `A`, `B`, `C1`, `C4`, `C16` or `E`.
    pub workload: &'static str,
    /// The contender.
    pub contender: &'static str,
    /// `size_of` the object the caller holds.
    pub bytes: usize,
    /// What else it owns.
    pub note: String,
}

/// The future type an `async fn` producer returns, for genawaiter's `Shelf`.
fn shelf_size<Y, R, A, F: Future>(_producer: impl FnOnce(A) -> F) -> usize {
    size_of::<genawaiter::stack::Shelf<Y, R, F>>()
}

/// Every size, in the order of the report.
#[must_use]
pub fn all() -> Vec<Size> {
    let mut rows = Vec::new();
    let mut row = |workload, contender, bytes, note: &str| {
        rows.push(Size { workload, contender, bytes, note: note.to_owned() });
    };
    let corosensei_stack = "+ 1 MiB mmap'd stack";
    let generator_stack =
        format!("+ {} KiB stack (heap)", generator::DEFAULT_STACK_SIZE * size_of::<usize>() / 1024);
    let genawaiter_note = "shelf on the caller's stack, + an 8-byte `Gen` handle";

    // A
    row("A", "coro", size_of_val(&a::coro_impl::averager()), "");
    row("A", "hand-written", size_of::<a::hand::Averager>(), "");
    row("A", "closure", size_of_val(&a::closure::averager()), "");
    row("A", "diapause", size_of_val(&a::diapause_impl::averager()), "");
    row(
        "A",
        "genawaiter",
        shelf_size::<Option<f64>, f64, _, _>(a::genawaiter_impl::averager),
        genawaiter_note,
    );
    {
        use a::next_gen_impl::averager;
        use next_gen::prelude::*;
        mk_gen!(let generator = averager());
        row("A", "next-gen", size_of_val(&*generator), "pinned on the caller's stack");
    }
    row("A", "corosensei", size_of_val(&a::corosensei_impl::averager()), corosensei_stack);
    row("A", "generator", size_of_val(&a::generator_impl::averager()), &generator_stack);
    #[cfg(feature = "nightly")]
    row("A", "nightly", size_of_val(&coro_benches_nightly::averager()), "");

    // B
    row("B", "coro", size_of_val(&b::coro_impl::range(0)), "");
    row("B", "hand-written", size_of::<b::hand::Range>(), "");
    row("B", "iterator", size_of_val(&(0..0_u64)), "");
    row("B", "diapause", size_of_val(&b::diapause_impl::range(0)), "");
    row(
        "B",
        "genawaiter",
        shelf_size::<u64, (), _, _>(|co| b::genawaiter_impl::range(co, 0)),
        genawaiter_note,
    );
    {
        use b::next_gen_impl::range;
        use next_gen::prelude::*;
        mk_gen!(let generator = range(0));
        row("B", "next-gen", size_of_val(&*generator), "pinned on the caller's stack");
    }
    row("B", "corosensei", size_of_val(&b::corosensei_impl::range(0)), corosensei_stack);
    row("B", "generator", size_of_val(&b::generator_impl::range(0)), &generator_stack);
    #[cfg(feature = "nightly")]
    row("B", "nightly", size_of_val(&coro_benches_nightly::range(0)), "");

    // C
    for (workload, depth) in [("C1", 1), ("C4", 4), ("C16", 16)] {
        let (coro, hand, diapause) = match depth {
            1 => (
                size_of_val(&c::coro_impl::depth1(0)),
                size_of_val(&c::hand::depth1(0)),
                size_of_val(&c::diapause_impl::depth1(0)),
            ),
            4 => (
                size_of_val(&c::coro_impl::depth4(0)),
                size_of_val(&c::hand::depth4(0)),
                size_of_val(&c::diapause_impl::depth4(0)),
            ),
            _ => (
                size_of_val(&c::coro_impl::depth16(0)),
                size_of_val(&c::hand::depth16(0)),
                size_of_val(&c::diapause_impl::depth16(0)),
            ),
        };
        row(workload, "coro", coro, "");
        row(workload, "hand-written", hand, "");
        row(workload, "diapause", diapause, "");
        #[cfg(feature = "nightly")]
        {
            let nightly = match depth {
                1 => size_of_val(&c::nightly_impl::depth1(0)),
                4 => size_of_val(&c::nightly_impl::depth4(0)),
                _ => size_of_val(&c::nightly_impl::depth16(0)),
            };
            row(workload, "nightly", nightly, "");
        }
    }

    // E
    row("E", "coro", size_of_val(&e::coro_impl::framer()), "");
    row("E", "hand-written", size_of::<e::hand::Framer>(), "");
    row("E", "callback", size_of::<e::callback::Framer>(), "");
    row("E", "diapause", size_of_val(&e::diapause_impl::framer()), "");
    row(
        "E",
        "genawaiter",
        shelf_size::<Option<u64>, Option<&'static [u8]>, _, _>(e::genawaiter_impl::framer),
        genawaiter_note,
    );
    {
        use e::next_gen_impl::framer;
        use next_gen::prelude::*;
        mk_gen!(let generator = framer());
        row("E", "next-gen", size_of_val(&*generator), "pinned on the caller's stack");
    }
    row("E", "corosensei", size_of_val(&e::corosensei_impl::framer()), corosensei_stack);
    row("E", "generator", size_of_val(&e::generator_impl::framer()), &generator_stack);
    #[cfg(feature = "nightly")]
    row("E", "nightly", size_of_val(&coro_benches_nightly::framer()), "");
    rows
}
