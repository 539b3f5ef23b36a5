//! Stage tests: each one-construct fixture below goes through lower, analyse and layout, and
//! the printed result of each stage is a snapshot, so a change to lowering, liveness, inlining
//! or the layout reads as a small diff of the stage it touched. Every fixture here and every
//! expansion fixture also keeps the invariant type inference depends on.

use proc_macro2::TokenStream;

use crate::{analyse, layout, lower, parse};

/// The printed stages of one coroutine function.
fn stages(func: TokenStream) -> String {
    let mut func: syn::ItemFn = syn::parse2(func).expect("a function");
    if parse::has_receiver(&func) {
        let renamed = parse::rename_self(quote::ToTokens::to_token_stream(&func.block));
        *func.block = syn::parse2(renamed).expect("renamed body parses");
    }
    let (sig, errors) = parse::signature(&mut func, &TokenStream::new());
    assert!(errors.is_none(), "fixture signature");
    let sig = sig.expect("signature");
    let body = lower::lower(&sig.params, &func.block, &sig.send, &sig.error_ty);
    let analysis = analyse::analyse(&body);
    let layout = layout::layout(&body, &analysis);
    let problems = layout::unbuilt_before_use(&body, &analysis, &layout);
    assert!(problems.is_empty(), "inference order: {problems:?}");
    format!("== lowered\n{body}\n== analysed\n{}\n== layout\n{layout}", analysis.print(&body))
}

macro_rules! stage_test {
    ($name:ident, $($func:tt)*) => {
        #[test]
        fn $name() {
            let printed = stages(quote::quote!($($func)*));
            insta::with_settings!({
                snapshot_path => "snapshots/stages",
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(stringify!($name), printed);
            });
        }
    };
}

stage_test!(
    straight_line,
    fn f(a: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let b = yield_!(a) + 1;
        let c = yield_!(b);
        a + b + c
    }
);

stage_test!(
    loop_with_break_value,
    fn f() -> impl Coroutine<u32, Yield = (), Return = u32> {
        let found = loop {
            let n = yield_!(());
            if n > 3 {
                break n;
            }
        };
        found
    }
);

stage_test!(
    if_else_join,
    fn f(c: bool) -> impl Coroutine<Yield = u32, Return = u32> {
        let x = if c {
            yield_!(1);
            10
        } else {
            20
        };
        yield_!(x);
        x
    }
);

stage_test!(
    match_with_guard,
    fn f(o: Option<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
        match o {
            Some(n) if n > 1 => {
                yield_!(n);
            }
            Some(n) => {
                yield_!(n + 1);
            }
            None => {}
        }
    }
);

stage_test!(
    for_loop,
    fn f(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = u32> {
        let mut sum = 0;
        for x in v {
            sum += yield_!(x);
        }
        sum
    }
);

stage_test!(
    while_let,
    fn f() -> impl Coroutine<Option<u32>, Yield = usize, Return = Vec<u32>> {
        let mut all = Vec::new();
        while let Some(x) = yield_!(all.len()) {
            all.push(x);
        }
        all
    }
);

stage_test!(
    guard_scope,
    fn f() -> impl Coroutine<Yield = u32, Return = ()> {
        {
            let _guard = lock();
            yield_!(1);
        }
        yield_!(after());
    }
);

stage_test!(
    shadowed_pattern,
    fn f(o: Option<String>) -> impl Coroutine<Yield = String, Return = String> {
        let x = String::new();
        if let Some(x) = o {
            yield_!(x);
        }
        x
    }
);

stage_test!(
    labeled_break_from_statement,
    fn f() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let mut i = 0;
        'outer: loop {
            let n = yield_!(i);
            if n == 0 {
                break 'outer;
            }
            i += n;
        }
        i
    }
);

stage_test!(
    yield_catch,
    fn f() -> impl Coroutine<u32, std::io::Error, Yield = u32, Return = u32> {
        match yield_catch!(1) {
            Ok(n) => n,
            Err(_) => 0,
        }
    }
);

stage_test!(
    yield_from,
    fn f(inner: Inner) -> impl Coroutine<Yield = u32, Return = u32> {
        let r = yield_from!(inner);
        yield_!(r);
        r
    }
);

stage_test!(
    question_mark,
    fn f(s: String) -> impl Coroutine<Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
        let n: u32 = s.parse()?;
        yield_!(n);
        Ok(n * 2)
    }
);

/// The invariant inference depends on holds for every expansion fixture.
#[test]
fn expansion_fixtures_build_variants_before_use() {
    let mut checked = 0;
    for path in super::expand::fixture_paths() {
        let source = std::fs::read_to_string(&path).expect("fixture readable");
        for func in super::expand::coroutine_fns(&source) {
            let _ = stages(func);
            checked += 1;
        }
    }
    assert!(checked >= 15, "checked {checked} coroutines");
}
