//! Every contender computes the same result as the reference, on the inputs the bench uses
//! (smaller for E).

use crate::{
    Coro, Diapause, Resumable, a_averager as a, b_range as b, c_chain as c, e_framer as e,
};

#[test]
fn averagers_agree() {
    let values = a::values();
    let check = |name: &str, start: Option<Option<f64>>, last: Option<f64>| {
        assert_eq!(start, Some(None), "{name}: the first resume yields None");
        assert_eq!(last, Some(a::MEAN), "{name}");
    };
    let mut co = Coro(a::coro_impl::averager());
    let start = co.start();
    check("coro", start, a::feed(&mut co, &values));
    // Twice: the mean after whole batches stays the same.
    assert_eq!(a::feed(&mut co, &values), Some(a::MEAN));

    let mut co = Coro(a::hand::averager());
    let start = co.start();
    check("hand", start, a::feed(&mut co, &values));

    let mut closure = a::closure::averager();
    check("closure", Some(None), a::closure::feed(&mut closure, &values));

    let mut co = Diapause(a::diapause_impl::averager());
    let start = co.start();
    check("diapause", start, a::feed(&mut co, &values));
    assert_eq!(a::feed(&mut co, &values), Some(a::MEAN), "diapause");

    genawaiter::stack::let_gen_using!(generator, a::genawaiter_impl::averager);
    let start = generator.start();
    check("genawaiter", start, a::feed(generator, &values));

    {
        use a::next_gen_impl::averager;
        use next_gen::prelude::*;
        mk_gen!(let mut generator = averager());
        let start = generator.start();
        check("next-gen", start, a::feed(&mut generator, &values));
    }

    let mut co = a::corosensei_impl::averager();
    let start = co.start();
    check("corosensei", start, a::feed(&mut co, &values));

    let mut co = a::generator_impl::averager();
    let start = co.start();
    check("generator", start, a::feed(&mut co, &values));

    #[cfg(feature = "nightly")]
    {
        let mut co = crate::Rustc(coro_benches_nightly::averager());
        let start = co.start();
        check("nightly", start, a::feed(&mut co, &values));
    }
}

#[test]
fn ranges_agree() {
    use coro::CoroutineExt;
    let n = b::N;
    let want = b::expected(n);
    assert_eq!(b::sum(b::coro_impl::range(n).iter()), want, "coro");
    assert_eq!(b::sum(b::hand::range(n).iter()), want, "hand");
    assert_eq!(b::sum(0..n), want, "iterator");
    assert_eq!(b::sum(b::diapause_impl::range(n)), want, "diapause");
    genawaiter::stack::let_gen_using!(generator, |co| b::genawaiter_impl::range(co, n));
    assert_eq!(b::sum(&mut *generator), want, "genawaiter");
    {
        use b::next_gen_impl::range;
        use next_gen::prelude::*;
        mk_gen!(let generator = range(n));
        assert_eq!(b::sum(generator), want, "next-gen");
    }
    assert_eq!(b::sum(b::corosensei_impl::iter(b::corosensei_impl::range(n))), want);
    assert_eq!(b::sum(b::generator_impl::range(n)), want, "generator");
    #[cfg(feature = "nightly")]
    assert_eq!(b::sum(coro_benches_nightly::range(n)), want, "nightly");
    // Edge: nothing to yield.
    assert_eq!(b::coro_impl::range(0).iter().count(), 0);
    assert_eq!(b::hand::range(0).iter().count(), 0);
    assert_eq!(b::diapause_impl::range(0).into_iter().count(), 0);
}

#[test]
fn chains_agree() {
    use coro::CoroutineExt;
    let n = 1000;
    let want = b::expected(n);
    for (depth, got) in [
        (1, b::sum(c::coro_impl::depth1(n).iter())),
        (4, b::sum(c::coro_impl::depth4(n).iter())),
        (16, b::sum(c::coro_impl::depth16(n).iter())),
        (1, b::sum(c::coro_impl::wrap(c::coro_impl::leaf(n)).iter())),
        (1, b::sum(c::hand::depth1(n).iter())),
        (4, b::sum(c::hand::depth4(n).iter())),
        (16, b::sum(c::hand::depth16(n).iter())),
        (1, b::sum(c::diapause_impl::depth1(n))),
        (4, b::sum(c::diapause_impl::depth4(n))),
        (16, b::sum(c::diapause_impl::depth16(n))),
        (1, b::sum(c::diapause_impl::wrap(c::diapause_impl::leaf(n)))),
        (1, b::sum(c::genawaiter_impl::depth1(n))),
        (4, b::sum(c::genawaiter_impl::depth4(n))),
        (16, b::sum(c::genawaiter_impl::depth16(n))),
        (1, b::sum(c::next_gen_impl::depth1(n))),
        (4, b::sum(c::next_gen_impl::depth4(n))),
        (16, b::sum(c::next_gen_impl::depth16(n))),
        (1, b::sum(c::corosensei_impl::iter(c::corosensei_impl::depth1(n)))),
        (4, b::sum(c::corosensei_impl::iter(c::corosensei_impl::depth4(n)))),
        (16, b::sum(c::corosensei_impl::iter(c::corosensei_impl::depth16(n)))),
        (1, b::sum(c::generator_impl::depth1(n))),
        (4, b::sum(c::generator_impl::depth4(n))),
        (16, b::sum(c::generator_impl::depth16(n))),
    ] {
        assert_eq!(got, want, "depth {depth}");
    }
    #[cfg(feature = "nightly")]
    {
        assert_eq!(b::sum(c::nightly_impl::depth1(n)), want);
        assert_eq!(b::sum(c::nightly_impl::depth4(n)), want);
        assert_eq!(b::sum(c::nightly_impl::depth16(n)), want);
    }
}

#[test]
fn framers_agree() {
    let text: &'static [u8] = Box::leak(e::make_input(1 << 20).into_boxed_slice());
    let want = e::expected(text);
    assert_eq!(e::callback::frame(text), want, "callback");
    assert_eq!(e::frame(&mut Coro(e::coro_impl::framer()), text), want, "coro");
    assert_eq!(e::frame(&mut Coro(e::hand::framer()), text), want, "hand");
    let by_value = e::frame(&mut Coro(e::hand_by_value::framer()), text);
    assert_eq!(by_value, want, "hand, by value");
    assert_eq!(e::frame(&mut Diapause(e::diapause_impl::framer()), text), want, "diapause");
    genawaiter::stack::let_gen_using!(generator, e::genawaiter_impl::framer);
    assert_eq!(e::frame(generator, text), want, "genawaiter");
    {
        use e::next_gen_impl::framer;
        use next_gen::prelude::*;
        mk_gen!(let mut generator = framer());
        assert_eq!(e::frame(&mut generator, text), want, "next-gen");
    }
    assert_eq!(e::frame(&mut e::corosensei_impl::framer(), text), want, "corosensei");
    assert_eq!(e::frame(&mut e::generator_impl::framer(), text), want, "generator");
    #[cfg(feature = "nightly")]
    assert_eq!(e::frame(&mut crate::Rustc(coro_benches_nightly::framer()), text), want);
}

#[test]
fn framer_handles_lines_across_chunks_and_empty_lines() {
    /// [`e::frame`], but a byte per chunk, so that lines span chunks.
    fn bytewise<G>(framer: &mut G, text: &'static [u8]) -> u64
    where
        G: Resumable<Option<&'static [u8]>, Yield = Option<u64>>,
    {
        assert_eq!(framer.start(), Some(None));
        let mut acc = 0;
        for byte in text.chunks(1) {
            let mut step = framer.resume_with(Some(byte));
            while let Some(Some(digest)) = step {
                acc = e::fold(acc, digest);
                step = framer.resume_with(None);
            }
        }
        acc
    }

    let text: &'static [u8] = b"ab\n\ncdef\ng\n";
    let want = e::expected(text);
    // Chunks of 4 KiB cover it in one; feed it a byte at a time too, so lines span chunks.
    assert_eq!(e::frame(&mut Coro(e::coro_impl::framer()), text), want);
    assert_eq!(e::frame(&mut Diapause(e::diapause_impl::framer()), text), want);
    assert_eq!(bytewise(&mut Coro(e::hand::framer()), text), want, "hand");
    assert_eq!(bytewise(&mut Coro(e::coro_impl::framer()), text), want, "coro");
    assert_eq!(bytewise(&mut Diapause(e::diapause_impl::framer()), text), want, "diapause");
}

/// The sizes table has a row of coro's and one of diapause's for every workload.
#[test]
fn sizes_are_listed() {
    let sizes = crate::sizes::all();
    for workload in ["A", "B", "C1", "C4", "C16", "E"] {
        for contender in ["coro", "diapause"] {
            assert!(
                sizes.iter().any(|size| size.workload == workload && size.contender == contender),
                "{contender} in {workload}"
            );
        }
    }
}
